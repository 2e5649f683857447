"""Migrations that keep what records say of each other: a reference launch, your own
LinkedIn records, a matched record's line, recommendations, a message's writer, a reminder's
message."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Engine

from goodword import migrate


def test_a_reference_launch_outlives_its_opportunity(empty_engine: Engine) -> None:
    """0010: deleting an opportunity keeps its launches (unlinked), so the cap still counts
    them; the table's rebuild on SQLite keeps 0009's trigger; a downgrade drops the orphans."""
    from datetime import date

    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.opportunities import service as opportunities
    from goodword.playbooks import launch
    from goodword.references import service as references
    from goodword.references.schemas import ReferenceCreate
    from goodword.workspaces import service as workspaces

    today = date(2026, 11, 25)
    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        manager = f.person(session, ws, "Hana Manager", emails=["hm@example.org"])
        jobs = [
            f.opportunity(session, ws, organization_name=org, hiring_manager_id=manager.id)
            for org in ("Northbeam", "Quillstone")
        ]
        ada = f.person(session, ws, "Ada Lovelace", emails=["ada@example.org"])
        reference = references.create(
            session,
            workspace_id=ws,
            data=ReferenceCreate(person_id=ada.id, consent_on=date(2026, 10, 1)),
            today=today,
        )
        for job in jobs:
            launch.launch(
                session,
                workspace_id=ws,
                reference_id=reference.id,
                opportunity_id=job.id,
                today=today,
                stress_points="calm under pressure",
            )
        ids = {"reference": reference.id, "gone": jobs[0].id, "kept": jobs[1].id}

    with transaction(sessions) as session:
        opportunities.delete(session, workspace_id=ws, opportunity_id=ids["gone"])
    with transaction(sessions) as session:
        reference = references.get(session, workspace_id=ws, reference_id=ids["reference"])
        assert sorted((u.opportunity_id or 0) for u in reference.uses) == [0, ids["kept"]]
        assert len(references.uses_within(reference, today=today, window_days=90)) == 2
        orphan = next(u.id for u in reference.uses if u.opportunity_id is None)

    def keys() -> set[str]:
        with empty_engine.connect() as connection:
            rows = connection.execute(text("SELECT origin_key FROM tasks")).scalars()
            return {key for key in rows if key and f":use:{orphan}:" in key}

    assert keys(), "the launch's tasks keep their keys"
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    with empty_engine.connect() as connection:
        left = connection.execute(text("SELECT opportunity_id FROM reference_uses")).scalars()
        assert list(left) == [ids["kept"]]
    # The orphan went by a plain DELETE: 0009's trigger forgot it in the task keys.
    assert keys() == set()

    migrate.upgrade(empty_engine)
    with transaction(sessions) as session:
        opportunities.delete(session, workspace_id=ws, opportunity_id=ids["kept"])
    with empty_engine.connect() as connection:
        left = connection.execute(text("SELECT opportunity_id FROM reference_uses")).scalars()
        assert list(left) == [None]
    # After the rebuild the trigger still runs: deleting the reference clears its launch's keys.
    with transaction(sessions) as session:
        references.delete(session, workspace_id=ws, reference_id=ids["reference"])
    with empty_engine.connect() as connection:
        rows = connection.execute(text("SELECT origin_key FROM tasks")).scalars()
        assert [key for key in rows if key and ":use:" in key] == []


def test_your_own_linkedin_records_are_keyed_apart(empty_engine: Engine) -> None:
    """0016: Positions.csv's and Email Addresses.csv's rows take keys of their own, and the
    fingerprints of all three are forgotten (any may be another file's)."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        you, other = f.person(session, ws, "Alice Example").id, f.person(session, ws, "Bo Lin").id
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0015")
    with transaction(sessions) as session:
        rows = [
            (you, "export.zip/Profile.csv", "profile", 7),
            (you, "export.zip/Positions.csv", "profile", 7),
            (you, "export.zip/Email Addresses.csv", "profile", 7),
            (you, "export.zip/Connections.csv", "https://www.linkedin.com/in/al", 3),
            # Someone else's workspace history: Positions.csv imported on its own.
            (other, "Positions.csv", "profile", 5),
        ]
        # (As rows were then: the model has columns added by later revisions.)
        for person_id, file_name, key, fingerprint in rows:
            session.execute(
                sa.text(
                    "INSERT INTO person_sources (workspace_id, person_id, source, file_name,"
                    " external_key, fingerprint, imported_at, created_at, updated_at) VALUES"
                    " (:ws, :person, 'linkedin', :file, :key, :print, :at, :at, :at)"
                ),
                {"ws": ws, "person": person_id, "file": file_name, "key": key,
                 "print": fingerprint, "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        found = connection.execute(
            sa.text("SELECT file_name, external_key, fingerprint FROM person_sources ORDER BY id")
        ).all()
    assert [tuple(row) for row in found] == [
        ("export.zip/Profile.csv", "profile", None),
        ("export.zip/Positions.csv", "profile:positions", None),
        ("export.zip/Email Addresses.csv", "profile:emails", None),
        ("export.zip/Connections.csv", "https://www.linkedin.com/in/al", 3),
        ("Positions.csv", "profile:positions", None),
    ]
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0015")
        keys = connection.execute(sa.text("SELECT external_key FROM person_sources")).scalars()
        assert sorted(set(keys)) == ["https://www.linkedin.com/in/al", "profile"]


def test_a_matched_records_line_is_kept_in_its_own_column(empty_engine: Engine) -> None:
    """0017: the line a source record was first read from has a column; a matched record's,
    kept in what it held and added, is copied into it."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ada = f.person(session, ws, "Ada Lovelace").id
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")
    with transaction(sessions) as session:
        kept = {"v": 1, "line": 7, "fingerprint": 1, "record": {}, "added": {}}
        for key, matched in (("a", kept), ("b", None)):
            session.execute(
                sa.text(
                    "INSERT INTO person_sources (workspace_id, person_id, source, external_key,"
                    " matched, imported_at, created_at, updated_at) VALUES"
                    " (:ws, :person, 'vcard', :key, :matched, :at, :at, :at)"
                ),
                {"ws": ws, "person": ada, "key": key,
                 "matched": None if matched is None else json.dumps(matched),
                 "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        lines = connection.execute(
            sa.text("SELECT external_key, line FROM person_sources ORDER BY external_key")
        ).all()
    assert [tuple(row) for row in lines] == [("a", 7), ("b", None)]


def test_recommendations_kept_by_name_alone_are_found_by_their_kind(
    empty_engine: Engine, tmp_path
) -> None:
    """0018: a recommendation's row keyed by the name alone takes its file's kind, so the
    next import finds each (given and received) as its own record, none twice."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.importers.service import import_files
    from goodword.people.models import PersonSource
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    head = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    files = []
    for kind, said in (("Given", "Hedy is sharp."), ("Received", "Careful work.")):
        path = tmp_path / f"Recommendations_{kind}.csv"
        path.write_text(head + f'Hedy,Lamarr,Acme,Engineer,{said},"11/20/25, 9:00 AM",VISIBLE\n')
        files.append(path)
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        hedy = f.person(session, ws, "Hedy Lamarr", tags=["reference candidate"],
                        notes="Recommendation given …\n\nRecommendation received …").id  # fmt: skip
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0017")
    with transaction(sessions) as session:
        # As imports kept them before: one key, the name, for both files.
        for path in files:
            session.execute(
                sa.text(
                    "INSERT INTO person_sources (workspace_id, person_id, source, file_name,"
                    " external_key, fingerprint, imported_at, created_at, updated_at) VALUES"
                    " (:ws, :person, 'linkedin', :file, 'name:hedy lamarr', 7, :at, :at, :at)"
                ),
                {"ws": ws, "person": hedy, "file": path.name,
                 "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)
    with transaction(sessions) as session:
        import_files(session, workspace_id=ws, paths_or_uploads=files, today=date(2026, 11, 27))
    with transaction(sessions) as session:
        rows = session.execute(
            sa.select(PersonSource.file_name, PersonSource.external_key).order_by(PersonSource.id)
        ).all()
    assert [(name, key.rsplit(" ", 1)[0]) for name, key in rows] == [
        ("Recommendations_Given.csv", "recommendation given 2025-11-20"),
        ("Recommendations_Received.csv", "recommendation received 2025-11-20"),
    ]


def test_deleting_the_writer_of_a_message_keeps_the_message(empty_engine: Engine) -> None:
    """0019: deleting the person who wrote a message forgets the writer, not the message
    (on SQLite too, where the column's foreign key is added with it, in place)."""
    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.people import service as people
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ben, chen = (f.person(session, ws, name) for name in ("Ben Ortiz", "Chen Wei"))
        message = f.interaction(
            session, ws, kind="message", direction="inbound", writer_id=ben.id,
            participants=[{"person_id": ben.id}, {"person_id": chen.id}],
        )  # fmt: skip
        ids = (message.id, ben.id, chen.id)
    with transaction(sessions) as session:
        people.delete(session, workspace_id=ws, person_id=ids[1])
    with empty_engine.connect() as connection:
        left = connection.execute(text("SELECT id, writer_id FROM interactions")).all()
        who = connection.execute(text("SELECT person_id FROM interaction_participants")).all()
    assert [tuple(row) for row in left] == [(ids[0], None)]
    assert [tuple(row) for row in who] == [(ids[2],)]


def test_a_reminder_done_remembers_the_message_it_logged(empty_engine: Engine) -> None:
    """0024: a keep-in-touch reminder already done whose linked interaction is the message it
    logged, in its words, remembers it as logged; one linked to anything else does not."""
    from alembic import command

    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0023")
    sessions = make_session_factory(empty_engine)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        for summary in (
            "Got back in touch (the task “Get back in touch with Ada Lovelace” marked done).",
            "Coffee with Ada",
        ):
            session.execute(
                sa.text(
                    "INSERT INTO interactions (workspace_id, occurred_at, kind, summary,"
                    " created_at, updated_at) VALUES (:ws, :at, 'message', :summary, :at, :at)"
                ),
                {"ws": ws, "at": at, "summary": summary},
            )
        ids = session.scalars(sa.text("SELECT id FROM interactions ORDER BY id")).all()
        for n, interaction_id in enumerate(ids):
            session.execute(
                sa.text(
                    "INSERT INTO tasks (workspace_id, title, status, origin, origin_key,"
                    " interaction_id, created_at, updated_at) VALUES (:ws, 'Get back in touch',"
                    " 'done', 'keep-in-touch:due', :key, :interaction, :at, :at)"
                ),
                {"ws": ws, "key": f"keep-in-touch:person:{n}:since:never",
                 "interaction": interaction_id, "at": at},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        rows = connection.execute(
            sa.text("SELECT interaction_id, logged_interaction_id FROM tasks ORDER BY id")
        ).all()
    assert [tuple(row) for row in rows] == [(ids[0], ids[0]), (ids[1], None)]


def test_the_newest_linkedin_exports_of_imports_gone_are_kept_with_the_workspace(
    empty_engine: Engine,
) -> None:
    """0036: a workspace kept before knows none; an import's LinkedIn export days are kept
    (`linkedin_export_days`) once its report goes, and read back, on each backend; they go
    with the workspace."""
    from goodword.db import make_session_factory, transaction
    from goodword.importers import history, older_files
    from goodword.importers.models import ImportRun

    migrate.upgrade(empty_engine, "0035")
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspaces (slug, name, phone_region, created_at, graph_version) "
                "VALUES ('local', 'Mine', 'US', :at, 0)"
            ),
            {"at": datetime(2026, 3, 1, tzinfo=UTC)},
        )
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        ws = connection.execute(text("SELECT id FROM workspaces")).scalar_one()
        before = connection.execute(text("SELECT count(*) FROM linkedin_export_days")).scalar()
    assert before == 0
    sessions = make_session_factory(empty_engine)
    at = datetime(2026, 3, 25, 12, tzinfo=UTC)
    entry = {"name": "Basic_LinkedInDataExport_03-20-2026.zip/Connections.csv", "label": "",
             "people": 1, "as_of": "2026-03-20", "by": "name", "latest": "2026-03-02"}  # fmt: skip
    with transaction(sessions) as session:
        assert older_files.kept_files(session, ws) == []
        run = ImportRun(workspace_id=ws, finished_at=at, files=[entry], counts={}, report=b"")
        session.add(run)
        session.flush()
        history.forget(session, workspace_id=ws, run_id=run.id)
    with transaction(sessions) as session:
        (kept,) = older_files.kept_files(session, ws)
    assert (kept.name, kept.exported, kept.by, kept.latest) == (
        entry["name"], date(2026, 3, 20), "name", date(2026, 3, 2)
    )  # fmt: skip
    assert kept.imported == at
    with empty_engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        connection.execute(text("DELETE FROM workspaces"))
        after = connection.execute(text("SELECT count(*) FROM linkedin_export_days")).scalar()
    assert after == 0
