"""Migrations that keep search finding what it found before: words without accents, former
names, e-mail addresses and phone numbers kept before they were searched."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Engine

from goodword import migrate


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
