"""Inserts queued for a writer thread: the same rows, in order, failures raised here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from goodword import migrate
from goodword.db import make_engine
from goodword.importers import background, bulk
from goodword.people.models import Person, PersonEmail, PersonSource
from goodword.workspaces import service as workspaces

STAMP = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def person_row(workspace_id: int, name: str) -> dict:
    return {
        "workspace_id": workspace_id, "display_name": name, "given_name": name,
        "family_name": None, "sort_name": name.lower(), "location": "Zoë's café, Köln",
        "notes": None, "how_we_met": None, "tags": ["ex-colleague", "climbing"],
        "interests": [], "is_me": False, "birthday": date(1990, 2, 28),
    }  # fmt: skip


def written(session: Session, workspace_id: int) -> list[tuple]:
    people = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).order_by(Person.id)
    ).all()
    return [
        (p.display_name, p.location, p.tags, p.interests, p.is_me, p.birthday, p.notes)
        for p in people
    ]


def test_queued_rows_read_back_as_rows_written_directly(session, workspace, other_workspace):
    bulk.insert_rows(session, Person, [person_row(other_workspace.id, "Ada")])
    with background.writes_in_background(session):
        queued = background.active(session)
        bulk.insert_rows(session, Person, [person_row(workspace.id, "Ada")])
    assert queued is not None
    assert background.active(session) is None
    session.expire_all()
    assert written(session, workspace.id) == written(session, other_workspace.id)
    assert written(session, workspace.id)[0][2] == ["ex-colleague", "climbing"]


def test_a_read_waits_for_the_inserts_queued_before_it(session, workspace):
    rows = [person_row(workspace.id, f"Person {n}") for n in range(3000)]
    for index, new_id in enumerate(bulk.reserve_ids(session, Person, len(rows))):
        rows[index]["id"] = new_id
    with background.writes_in_background(session):
        bulk.insert_rows(session, Person, rows)
        emails = [
            {"workspace_id": workspace.id, "person_id": row["id"],
             "address": f"p{n}@example.org", "label": None, "position": 0}
            for n, row in enumerate(rows)
        ]  # fmt: skip
        bulk.insert_rows(session, PersonEmail, emails)
        counted = session.scalar(
            select(func.count(PersonEmail.id)).where(PersonEmail.workspace_id == workspace.id)
        )
    assert counted == 3000


def test_a_failed_queued_insert_raises_and_stops_the_ones_after_it(session, workspace):
    bad = [{"workspace_id": workspace.id, "person_id": 999_999, "address": "x@example.org",
            "label": None, "position": 0}]  # fmt: skip
    with pytest.raises(IntegrityError), background.writes_in_background(session):
        bulk.insert_rows(session, PersonEmail, bad)  # no such person
        bulk.insert_rows(session, Person, [person_row(workspace.id, "After")])
    assert background.active(session) is None
    if session.get_bind().dialect.name == "sqlite":
        # The insert queued after the failed one never ran (PostgreSQL refuses every
        # statement until the rollback, so there is nothing to look at there).
        assert written(session, workspace.id) == []
    session.rollback()
    assert written(session, workspaces.get_or_create(session).id) == []


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The writer thread is SQLite's alone: a SQLite database whatever the backend."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('bg') / 'bg.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    "keys",
    [
        ["only-one"],  # every value shared: bound once, none in the JSON
        ["a", "b", "c"],  # one value varies: a JSON array of plain values
        [None, "b", "c"],
        # SQLite's JSON functions end a text at a NUL: such rows go in as they are.
        ["nul\x00inside", "b"],
        ["José 🇪🇸", "山田", 'quote " and \\ backslash', "line\nbreak"],
    ],
)
def test_queued_rows_store_what_the_driver_stores(sqlite_engine, keys):
    session = Session(sqlite_engine)
    try:
        workspace = workspaces.get_or_create(session)
        person = Person(workspace_id=workspace.id, display_name="Ada", sort_name="ada")
        session.add(person)
        session.flush()
        rows = [
            {"workspace_id": workspace.id, "person_id": person.id, "source": "linkedin",
             "file_name": "Connections.csv", "external_key": key, "imported_at": STAMP,
             "fingerprint": (-(2**63), 2**63 - 1, 0, None)[n % 4]}
            for n, key in enumerate(keys)
        ]  # fmt: skip
        bulk.insert_rows(session, PersonSource, rows)  # executemany, in this thread
        with background.writes_in_background(session):
            assert background.active(session) is not None
            bulk.insert_rows(session, PersonSource, [dict(row) for row in rows])
        stored = session.execute(
            text(
                "SELECT person_id, source, file_name, external_key, typeof(external_key), "
                "imported_at, typeof(created_at), length(created_at), fingerprint, "
                "typeof(fingerprint) "
                "FROM person_sources ORDER BY id"
            )
        ).all()
        assert stored[: len(keys)] == stored[len(keys) :]
        assert [row.external_key for row in stored] == keys * 2
        assert [row.fingerprint for row in stored] == [r["fingerprint"] for r in rows] * 2
    finally:
        session.rollback()
        session.close()


@pytest.mark.parametrize(
    "value", [date(2026, 11, 25), datetime(2026, 11, 25, tzinfo=UTC), Path("x")]
)
def test_values_the_driver_would_convert_are_refused_not_guessed(value):
    rows = [(1, value), (2, value), (3, None)]
    with pytest.raises(TypeError, match=type(value).__name__):
        background._from_json("INSERT INTO t (a, b)", rows, ())


def test_a_commit_inside_the_block_waits_for_the_queue(sqlite_engine):
    """Nothing queued may land after the commit, outside the transaction it belongs to."""
    session = Session(sqlite_engine)
    try:
        workspace = workspaces.get_or_create(session)
        session.commit()
        with background.writes_in_background(session):
            rows = [person_row(workspace.id, f"Committed {n}") for n in range(2000)]
            bulk.insert_rows(session, Person, rows)
            session.commit()
            writer = background.active(session)
            assert writer is not None and writer.pending == []
        other = Session(sqlite_engine)
        counted = other.scalar(
            select(func.count(Person.id)).where(Person.workspace_id == workspace.id)
        )
        other.close()
        assert counted == 2000
    finally:
        session.execute(text("DELETE FROM people"))
        session.commit()
        session.close()


def test_a_connection_tied_to_its_thread_writes_in_the_calling_thread():
    """An in-memory SQLite database is one connection only its own thread may use."""
    engine = make_engine("sqlite://")
    migrate.upgrade(engine)
    with Session(engine) as session:
        workspace = workspaces.get_or_create(session)
        with background.writes_in_background(session):
            assert background.active(session) is None
            bulk.insert_rows(session, Person, [person_row(workspace.id, "In memory")])
        assert written(session, workspace.id)[0][0] == "In memory"
    engine.dispose()
