"""The one Alembic history builds the whole schema on both backends, matching the models."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from goodword import migrate
from goodword.db import make_engine


@pytest.fixture
def empty_engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def test_it_upgrades_an_empty_database_to_head(empty_engine: Engine) -> None:
    assert migrate.current_revision(empty_engine) is None
    migrate.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"people", "organizations", "positions", "opportunities", "stage_changes"} <= tables
    assert {"interactions", "interaction_participants", "connections", "tasks"} <= tables


def test_the_latest_revision_recorded_is_the_newest_migration() -> None:
    """Commands compare the database's version with LATEST_REVISION, not with what Alembic
    reads from every migration, so a new migration changes it too."""
    engine = make_engine("sqlite://")
    head = migrate.head_revision(engine)
    engine.dispose()

    assert head == migrate.LATEST_REVISION, (
        f"The newest migration is {head}: set LATEST_REVISION in src/goodword/migrate.py "
        f'to "{head}" (it says "{migrate.LATEST_REVISION}").'
    )


def test_the_version_a_database_holds_is_read_without_alembic(empty_engine: Engine) -> None:
    before = migrate.stored_revision(empty_engine)  # (no alembic_version table yet)
    migrate.upgrade(empty_engine, "0030")
    behind = migrate.stored_revision(empty_engine)
    migrate.upgrade(empty_engine)

    assert before is None
    assert behind == "0030"
    assert migrate.stored_revision(empty_engine) == migrate.current_revision(empty_engine)


def test_models_and_migrations_agree(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with warnings.catch_warnings():
        # SQLite cannot reflect PostgreSQL's expression index; it is excluded on purpose.
        warnings.filterwarnings("ignore", message=".*expression-based index.*")
        assert migrate.differences(empty_engine) == []


def test_it_downgrades_to_empty_and_back(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    migrate.upgrade(empty_engine, "head")  # a second upgrade is a no-op
    from alembic import command

    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "people" not in inspect(empty_engine).get_table_names()
    migrate.upgrade(empty_engine)
    assert "people" in inspect(empty_engine).get_table_names()


def test_the_search_index_exists_on_each_backend(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        if empty_engine.dialect.name == "sqlite":
            found = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            ).scalar()
            assert found == "search_fts"
        else:
            found = connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_search_documents_tsv'")
            ).scalar()
            assert found == "ix_search_documents_tsv"


def test_search_documents_gain_the_terms_for_finding_without_accents(empty_engine: Engine) -> None:
    from alembic import command

    from goodword.db import make_session_factory, transaction
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationCreate
    from goodword.people import service as people
    from goodword.people.schemas import PersonCreate
    from goodword.search import service as search
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        workspace_id = workspaces.get_or_create(session).id
        person = people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(display_name="Łukasz O'Brien", emails=["lukasz@example.org"]),
        )
        organization = organizations.create(
            session, workspace_id=workspace_id, data=OrganizationCreate(name="Société Générale")
        )
        ids = {"person": person.id, "organization": organization.id}

    def documents() -> dict[str, str]:
        read = text("SELECT body FROM search_documents WHERE kind = :kind AND record_id = :id")
        with empty_engine.connect() as connection:
            return {
                kind: connection.execute(read, {"kind": kind, "id": ids[kind]}).scalar_one()
                for kind in ids
            }

    now = documents()  # as the app writes them today
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    # As they were written before: a person's name run together at the end of what shows.
    assert documents() == {"person": "lukasz@example.org OBrien", "organization": ""}

    migrate.upgrade(empty_engine)
    assert documents() == now
    with transaction(sessions) as session:
        for query, title in (
            ("lukasz", "Łukasz O'Brien"),
            ("lu", "Łukasz O'Brien"),
            ("societe", "Société Générale"),
            ("so", "Société Générale"),
        ):
            hits = search.search(session, workspace_id=workspace_id, query=query)
            assert [hit.title for hit in hits] == [title], query


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


def test_linkedin_links_saved_percent_encoded_are_decoded(empty_engine: Engine) -> None:
    """0011: a profile link an earlier import kept as LinkedIn's CSV writes it is rewritten
    to the one address Goodword keeps now, its provenance key too, and a person's second
    copy of the same profile goes; an import then finds them by that profile."""
    from datetime import date

    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.importers.records import Upload
    from goodword.importers.report import Outcome
    from goodword.importers.service import import_files
    from goodword.people.models import PersonSource, PersonUrl
    from goodword.workspaces import service as workspaces

    encoded = "https://www.linkedin.com/in/jos%c3%a9-m%c3%bcller-4b2a1"
    decoded = "https://www.linkedin.com/in/josé-müller-4b2a1"
    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        jose = f.person(session, ws, "José Müller", given_name="José", family_name="Müller")
        ada = f.person(session, ws, "Ada Lovelace")
        session.add_all(
            [
                # As the old code saved them: the CSV's link, and the phone's plain one.
                PersonUrl(workspace_id=ws, person_id=jose.id, url=encoded, kind="linkedin"),
                PersonUrl(
                    workspace_id=ws, person_id=jose.id, url=decoded, kind="linkedin", position=1
                ),
                PersonUrl(
                    workspace_id=ws, person_id=ada.id, url="https://example.org/100%25", kind="web"
                ),
                PersonSource(
                    workspace_id=ws, person_id=jose.id, source="linkedin", external_key=encoded
                ),
            ]
        )
        ids = {"jose": jose.id, "ada": ada.id}
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    migrate.upgrade(empty_engine)

    with empty_engine.connect() as connection:
        urls = connection.execute(
            text("SELECT person_id, url FROM person_urls ORDER BY person_id, position")
        ).all()
        keys = connection.execute(text("SELECT external_key FROM person_sources")).scalars()
        assert urls == [(ids["jose"], decoded), (ids["ada"], "https://example.org/100%25")]
        assert list(keys) == [decoded]
    row = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "José,Müller,https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1,,,,12 Mar 2024\r\n"
    )
    with transaction(sessions) as session:
        report = import_files(
            session,
            workspace_id=ws,
            paths_or_uploads=[Upload("Connections.csv", row.encode())],
            today=date(2026, 11, 25),
        )
    assert [(r.outcome, r.person_id) for r in report.rows] == [(Outcome.UNCHANGED, ids["jose"])]


def test_people_are_found_by_the_former_names_their_notes_hold(empty_engine: Engine) -> None:
    """0012: a search document made before shows the former names in the person's notes
    after the rest (and the downgrade takes them out), so a search by one finds them."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.search import service as search
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        f.person(session, ws, "Carla Smith", location="Leeds",
                 notes="Met at PyCon.\n\nFormerly Carla Jones")  # fmt: skip
        f.person(session, ws, "Dora Jonsson", notes="Formerly at Jones & Co")

    def found(query: str) -> list[tuple[str, str]]:
        with transaction(sessions) as session:
            hits = search.search(session, workspace_id=ws, query=query, kinds=("person",))
            return [(hit.title, hit.detail) for hit in hits]

    carla = [("Carla Smith", "Leeds formerly Carla Jones")]
    assert found("jones carla") == carla
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
    assert found("jones carla") == []
    assert found("leeds") == [("Carla Smith", "Leeds")]
    migrate.upgrade(empty_engine)
    assert found("jones carla") == carla
    assert found("dora") == [("Dora Jonsson", "")]  # "Formerly at …" is about a job, no name


def test_tags_with_line_breaks_become_one_tag_per_line(empty_engine: Engine) -> None:
    """0014: a tag or interest an import kept with a line break in it is split into one per
    line (people's and leads'), so the whole-workspace backup takes them back."""
    from alembic import command
    from sqlalchemy import select, update

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.duplicates.models import Merge
    from goodword.exchange import service as exchange
    from goodword.leads.models import Lead, LeadKind
    from goodword.people.models import Person, PersonSource
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ada, bob = f.person(session, ws, "Ada"), f.person(session, ws, "Bob")
        session.add(Lead(workspace_id=ws, kind=LeadKind.EVENT, title="Meetup",
                         tags=["Data\nAI", "Data"]))  # fmt: skip
        session.flush()
        # As imports kept them before this revision (the forms never took such tags).
        session.execute(update(Person).where(Person.id == ada.id).values(
            tags=["Met at\nPyCon", "Maths", "maths\r\nOslo"], interests=["Ski\u2028trip"]
        ))  # fmt: skip
        session.execute(update(Person).where(Person.id == bob.id).values(tags=["Kraków"]))
        # What was kept of a matched record and a merge's snapshot hold such tags too.
        kept = {"v": 1, "line": 2, "fingerprint": 1,
                "record": {"tags": ["Met at\nPyCon"], "notes": "a\nb"},
                "added": {"tags": ["Met at\nPyCon"], "interests": []}}  # fmt: skip
        session.add(PersonSource(workspace_id=ws, person_id=ada.id, source="vcard",
                                 external_key="ada-1", matched=kept))  # fmt: skip
        session.add(Merge(workspace_id=ws, survivor_id=ada.id, absorbed_id=99,
                          snapshot={"people": [{"id": 99, "tags": ["x\ny"]}]}))  # fmt: skip
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    migrate.upgrade(empty_engine)

    with transaction(sessions) as session:
        people = session.execute(
            select(Person.display_name, Person.tags, Person.interests).order_by(Person.id)
        ).all()
        leads = session.scalars(select(Lead.tags)).all()
        matched = session.scalars(select(PersonSource.matched)).one()
        snapshot = session.scalars(select(Merge.snapshot)).one()
        backup = exchange.export_workspace(session, workspace_id=ws)
    assert [tuple(row) for row in people] == [
        ("Ada", ["Met at", "PyCon", "Maths", "Oslo"], ["Ski", "trip"]),
        ("Bob", ["Kraków"], []),
    ]
    assert leads == [["Data", "AI"]]
    assert matched == {"v": 1, "line": 2, "fingerprint": 1,
                       "record": {"tags": ["Met at", "PyCon"], "notes": "a\nb"},
                       "added": {"tags": ["Met at", "PyCon"], "interests": []}}  # fmt: skip
    assert snapshot == {"people": [{"id": 99, "tags": ["x", "y"]}]}
    exchange.read_document(backup)  # (refused before: a tag is one line)


def test_people_are_found_by_their_email_address_on_each_backend(empty_engine: Engine) -> None:
    """0015: a search document made before keeps its e-mail addresses' words among its
    terms, so PostgreSQL (which keeps an address whole) finds a person by one too."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.search import service as search
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        f.person(session, ws, "Zed Quill", emails=["zed@nowhere.example"])
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0014")
    # Written as before this revision: the address without its words.
    with empty_engine.begin() as connection:
        body = connection.execute(sa.text("SELECT body FROM search_documents")).scalar_one()
        shown = body.split("\x1f")[0]
        connection.execute(sa.text("UPDATE search_documents SET body = :b"), {"b": shown})

    def found(query: str) -> list[str]:
        with transaction(sessions) as session:
            return [hit.title for hit in search.search(session, workspace_id=ws, query=query)]

    migrate.upgrade(empty_engine)
    assert found("zed@nowhere") == ["Zed Quill"]
    assert found("nowhere") == ["Zed Quill"]
    with transaction(sessions) as session:  # one saved now is written so too
        f.person(session, ws, "Yan Vo", emails=["yan@elsewhere.example"])
    assert found("elsewhere") == ["Yan Vo"]


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


def test_phone_numbers_kept_before_are_found_by_their_last_digits(empty_engine: Engine) -> None:
    """0025: each phone number keeps its digits last first, indexed; the numbers kept before
    get theirs, E.164 (with an extension) and kept as written alike."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.search import service as search
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    numbers = {"Ravi Shankar": "+14155550123;ext=7", "Ivan Petrov": "8 (495) 987-65-43"}
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ids = {name: f.person(session, ws, name).id for name in numbers}
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0024")
    with transaction(sessions) as session:
        for name, number in numbers.items():
            session.execute(
                sa.text(
                    "INSERT INTO person_phones (workspace_id, person_id, number, position,"
                    " created_at, updated_at) VALUES (:ws, :person, :number, 0, :at, :at)"
                ),
                {"ws": ws, "person": ids[name], "number": number,
                 "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT number, reversed_digits FROM person_phones")).all()
    assert sorted(tuple(row) for row in kept) == [
        ("+14155550123;ext=7", "32105555141"),
        ("8 (495) 987-65-43", "34567895948"),
    ]
    with transaction(sessions) as session:
        for query, name in (("555 0123", "Ravi Shankar"), ("987 65 43", "Ivan Petrov")):
            assert [hit.title for hit in search.search(session, workspace_id=ws, query=query)] == [
                name
            ], query


def test_phone_labels_kept_before_are_in_one_form(empty_engine: Engine) -> None:
    """0026: a phone label of a well-known kind in any case ("Mobile", "WORK ") is kept in
    its one form; a label of the user's own stays as written."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    labels = ["Mobile", "WORK ", "iphone", "Desk, 2nd floor", "mobile"]
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ravi = f.person(session, ws, "Ravi Shankar").id
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0025")
    with transaction(sessions) as session:
        for n, label in enumerate(labels):
            session.execute(
                sa.text(
                    "INSERT INTO person_phones (workspace_id, person_id, number, label, position,"
                    " reversed_digits, created_at, updated_at)"
                    " VALUES (:ws, :person, :number, :label, :n, '', :at, :at)"
                ),
                {"ws": ws, "person": ravi, "number": f"+1415555012{n}", "label": label,
                 "n": n, "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_phones ORDER BY position"))
        assert [row[0] for row in kept] == ["mobile", "work", "iPhone", "Desk, 2nd floor", "mobile"]


def test_email_labels_kept_before_are_in_one_form(empty_engine: Engine) -> None:
    """0031: an e-mail label of a well-known kind in any case ("Work", "HOME ") is kept in
    its one form, as 0026 keeps a phone's; a label of the user's own stays as written."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0030")
    sessions = make_session_factory(empty_engine)
    labels = ["Work", "HOME ", "icloud", "Book club", "work"]
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        person = f.person(session, ws, "Ravi Shankar")
        for n, label in enumerate(labels):
            session.execute(
                sa.text(
                    "INSERT INTO person_emails (workspace_id, person_id, address, label,"
                    " position, created_at, updated_at)"
                    " VALUES (:ws, :person, :address, :label, :n, :at, :at)"
                ),
                {"ws": ws, "person": person.id, "address": f"ravi{n}@example.com",
                 "label": label, "n": n, "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_emails ORDER BY position"))
        assert [row[0] for row in kept] == ["work", "home", "iCloud", "Book club", "work"]
