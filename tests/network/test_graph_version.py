"""The graph version: changed by the database on every change to a row the network is built
from, whichever way the row was written, and by nothing else; on PostgreSQL without making
two writers of one workspace wait for each other."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Table, delete, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

import factories as f
from goodword.db import make_session_factory
from goodword.importers.service import import_files
from goodword.interactions.models import Participant
from goodword.network import loader, service
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail, Position
from goodword.people.schemas import PositionCreate
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 26)


def version(session: Session, workspace: Workspace) -> int:
    return loader.graph_version(session, workspace_id=workspace.id)


def network(session: Session, workspace: Workspace) -> dict[str, int]:
    """One row in each table the network is built from; their ids by table name."""
    ada = f.person(session, workspace.id, "Ada Lovelace")
    bo = f.person(session, workspace.id, "Bo Jensen")
    people.add_position(
        session, workspace_id=workspace.id, person_id=ada.id,
        data=PositionCreate(organization_name="Acme Robotics", title="Engineer"),
    )  # fmt: skip
    tie = f.connection(session, workspace.id, ada, bo)
    met = f.interaction(session, workspace.id, participants=[{"person_id": bo.id}])
    session.flush()
    position = session.scalars(select(Position).where(Position.person_id == ada.id)).one()
    participant = session.scalars(
        select(Participant).where(Participant.interaction_id == met.id)
    ).one()
    return {
        "interaction_participants": participant.id,
        "interactions": met.id,
        "connections": tie.id,
        "positions": position.id,
        "people": bo.id,
        "organizations": position.organization_id,
    }


def test_every_change_to_a_network_table_changes_it(session: Session, workspace: Workspace) -> None:
    start = version(session, workspace)
    ids = network(session, workspace)
    assert version(session, workspace) != start  # the inserts
    tables: dict[str, Table] = {
        name: table for name, table in Person.metadata.tables.items() if name in ids
    }
    # Deleted in this order, so that no row is taken away by a cascade first.
    for name, row_id in ids.items():
        table = tables[name]
        before = version(session, workspace)
        session.execute(
            update(table).where(table.c.id == row_id).values(updated_at=table.c.updated_at)
        )
        assert version(session, workspace) != before, f"an update of {name}"
        before = version(session, workspace)
        session.execute(delete(table).where(table.c.id == row_id))
        assert version(session, workspace) != before, f"a delete from {name}"


def test_other_tables_and_other_workspaces_leave_it_alone(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    ada = f.person(session, workspace.id, "Ada Lovelace")
    session.flush()
    mine = version(session, workspace)
    theirs = f.person(session, other_workspace.id, "Charlie Day")
    f.connection(session, other_workspace.id, theirs, f.person(session, other_workspace.id))
    f.task(session, workspace.id)
    session.add(PersonEmail(workspace_id=workspace.id, person_id=ada.id, address="ada@example.org"))
    session.flush()
    assert version(session, workspace) == mine
    assert version(session, other_workspace) != 0


def test_one_statement_over_two_workspaces_changes_both(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    f.person(session, workspace.id, "Ada Lovelace")
    f.person(session, other_workspace.id, "Charlie Day")
    session.flush()
    mine, theirs = version(session, workspace), version(session, other_workspace)
    session.execute(update(Person).values(notes="seen"))
    assert version(session, workspace) != mine
    assert version(session, other_workspace) != theirs


def test_a_bulk_import_changes_it(session: Session, workspace: Workspace, tmp_path: Path) -> None:
    """The import writes new people through the driver, past SQLAlchemy entirely."""
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Cy;;;\r\nFN:Cy Okafor\r\nORG:Acme\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    before = version(session, workspace)
    report = import_files(session, workspace_id=workspace.id, paths_or_uploads=[path], today=TODAY)
    assert report.counts["created"] == 1
    assert version(session, workspace) != before


def test_a_large_import_changes_it_once_and_leaves_every_trigger_in_place(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    """On SQLite a large import sets the per-row triggers aside and changes the version
    once itself; afterwards the triggers work as before."""
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Family{n};Given{n};;;\r\nFN:Given{n} Family{n}\r\n"
            "END:VCARD\r\n"
            for n in range(1200)
        ),
        encoding="utf-8",
    )
    before = version(session, workspace)
    report = import_files(session, workspace_id=workspace.id, paths_or_uploads=[path], today=TODAY)
    assert report.counts["created"] + report.counts["suggested"] == 1200  # all new people
    after = version(session, workspace)
    assert after != before
    if session.get_bind().dialect.name == "sqlite":
        triggers = session.scalars(
            text(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%graph%'"
            )
        ).one()
        assert triggers == 18
    f.person(session, workspace.id, "Ada Lovelace")
    session.flush()
    assert version(session, workspace) != after


def test_the_cache_reuses_a_snapshot_until_the_version_moves(
    session: Session, workspace: Workspace
) -> None:
    ada = f.person(session, workspace.id, "Ada Lovelace")
    cache = service.SnapshotCache()
    one = service.snapshot_for(session, workspace_id=workspace.id, today=TODAY, cache=cache)
    assert one.version == version(session, workspace)
    f.task(session, workspace.id)  # not part of the network
    assert service.snapshot_for(session, workspace_id=workspace.id, today=TODAY, cache=cache) is one
    session.execute(update(Person).where(Person.id == ada.id).values(display_name="Ada King"))
    two = service.snapshot_for(session, workspace_id=workspace.id, today=TODAY, cache=cache)
    assert two is not one and two.version != one.version


@pytest.fixture
def committed(engine: Engine) -> Iterator[tuple[sessionmaker[Session], int]]:
    """A workspace committed to the test database (removed, with its rows, afterwards), for
    tests that need more than one transaction."""
    factory = make_session_factory(engine)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session, slug="committed", name="Committed").id
        session.commit()
    yield factory, workspace_id
    with factory() as session:
        session.execute(delete(Workspace).where(Workspace.id == workspace_id))
        session.commit()


def committed_version(factory: sessionmaker[Session], workspace_id: int) -> int:
    with factory() as session:
        return loader.graph_version(session, workspace_id=workspace_id)


def test_a_rolled_back_change_never_gives_its_version_to_a_later_one(
    committed: tuple[sessionmaker[Session], int],
) -> None:
    factory, workspace_id = committed
    start = committed_version(factory, workspace_id)
    with factory() as session:
        f.person(session, workspace_id, "Ada Lovelace")
        seen_inside = loader.graph_version(session, workspace_id=workspace_id)
        assert seen_inside != start  # a transaction sees its own changes' version
        session.rollback()
    assert committed_version(factory, workspace_id) == start
    with factory() as session:
        f.person(session, workspace_id, "Bo Jensen")
        session.commit()
    after = committed_version(factory, workspace_id)
    assert after not in (start, seen_inside)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_writers_of_one_workspace_do_not_wait_for_each_other(
    committed: tuple[sessionmaker[Session], int],
) -> None:
    factory, workspace_id = committed
    start = committed_version(factory, workspace_id)
    with factory() as first, factory() as second:
        f.person(first, workspace_id, "Ada Lovelace")
        first.flush()
        mine = loader.graph_version(first, workspace_id=workspace_id)
        # Were the version's row locked by the first writer, this would fail after 2 s.
        second.execute(text("SET LOCAL lock_timeout = '2s'"))
        f.person(second, workspace_id, "Bo Jensen")
        assert loader.graph_version(second, workspace_id=workspace_id) not in (start, mine)
        second.commit()
        between = committed_version(factory, workspace_id)
        assert between not in (start, mine)  # the first one's change is not committed yet
        first.commit()
    assert committed_version(factory, workspace_id) == mine
