"""On PostgreSQL two sessions can write at once (SQLite's write lock keeps them apart): an
undo waits for an import under way, and takes away no one changed while it ran."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from conftest import _admin_engine, postgres_database_url
from goodword import db, migrate
from goodword.errors import Conflict
from goodword.importers import undoing
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonPhone
from goodword.workspaces import service as workspaces

WHEN = {"today": date(2026, 11, 28), "now": datetime(2026, 11, 28, 9, 0, tzinfo=UTC)}
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@analytical.example,"
    "Analytical Engines,Mathematician,26 Dec 2025\n"
)
CARD = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@analytical.example\n"
    "TEL:+44 20 7946 0000\nEND:VCARD\n"
)


@pytest.fixture
def factory() -> Iterator[sessionmaker[Session]]:
    url = postgres_database_url("_undo_race")
    engine = db.make_engine(url)
    migrate.upgrade(engine)
    yield db.make_session_factory(engine)
    engine.dispose()
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{engine.url.database}" WITH (FORCE)'))
    admin.dispose()


def _first_import(factory: sessionmaker[Session], tmp_path: Path) -> tuple[int, int]:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session).id
        report = import_files(session, workspace_id=workspace_id, paths_or_uploads=[path], **WHEN)
        session.commit()
    assert report.id is not None
    return workspace_id, report.id


def _undo_in_a_thread(
    factory: sessionmaker[Session], workspace_id: int, run_id: int
) -> tuple[threading.Thread, dict[str, object]]:
    result: dict[str, object] = {}

    def undo() -> None:
        with factory() as session:
            try:
                result["done"] = undoing.undo(session, workspace_id=workspace_id, run_id=run_id)
                session.commit()
            except Conflict as exc:
                session.rollback()
                result["refused"] = str(exc)

    thread = threading.Thread(target=undo)
    thread.start()
    _until_waiting_on_a_lock(factory, thread)
    return thread, result


def _until_waiting_on_a_lock(factory: sessionmaker[Session], thread: threading.Thread) -> None:
    """Until the undo waits on a lock another session holds (or ends without waiting)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with factory() as session:
        for _ in range(600):
            if session.scalar(query) or not thread.is_alive():
                return
            session.rollback()
            time.sleep(0.05)


def _people_and_phones(factory: sessionmaker[Session]) -> tuple[list[str], int]:
    with factory() as session:
        names = list(session.scalars(select(Person.display_name)))
        return names, session.scalar(select(func.count()).select_from(PersonPhone)) or 0


def test_an_undo_waits_for_an_import_under_way_and_is_then_refused_as_not_the_latest(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    workspace_id, first = _first_import(factory, tmp_path)
    card = tmp_path / "phone.vcf"
    card.write_text(CARD)
    importing = factory()
    later = import_files(importing, workspace_id=workspace_id, paths_or_uploads=[card], **WHEN)
    assert [row.outcome.value for row in later.rows] == ["merged"]

    thread, result = _undo_in_a_thread(factory, workspace_id, first)
    assert thread.is_alive()  # waiting for the import
    importing.commit()
    importing.close()
    thread.join(30)

    assert "Only the latest import can be undone" in str(result.get("refused"))
    assert _people_and_phones(factory) == (["Ada Lovelace"], 1)


def test_someone_edited_while_an_undo_runs_is_not_taken_away(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    workspace_id, first = _first_import(factory, tmp_path)
    editing = factory()
    ada = editing.scalars(select(Person)).one()
    ada.notes = "Met at the engine show"
    editing.flush()  # (her row is held until this commits)

    thread, result = _undo_in_a_thread(factory, workspace_id, first)
    assert thread.is_alive()  # waiting to delete her
    editing.commit()
    editing.close()
    thread.join(30)

    assert "changed while it was being undone" in str(result.get("refused"))
    with factory() as session:
        assert session.scalars(select(Person.notes)).one() == "Met at the engine show"
