"""Where a preview's run goes (`panels.dry_run`): on a SQLite file, a transaction of its
own, so the page holds the write lock only while the run lasts; inside the page's own
transaction when that holds the lock already (it would wait for itself), and where there
is only one connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import factories as f
from goodword import migrate
from goodword.db import hold_writes, make_engine, make_session_factory
from goodword.people.models import Person
from goodword.playbooks.panels import dry_run
from goodword.workspaces import service as workspaces


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'dry.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _people(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Person)) or 0


def test_a_page_that_has_only_read_previews_in_a_transaction_of_its_own(sqlite_file: Engine):
    with make_session_factory(sqlite_file)() as session:
        ws = workspaces.get_or_create(session).id
        session.commit()
        assert _people(session) == 0

        def run(preview: Session) -> tuple[bool, int]:
            f.person(preview, ws, "Ada Lovelace")
            return preview is session, _people(preview)

        assert dry_run(session, run) == (False, 1)
        assert _people(session) == 0


@pytest.mark.parametrize("how", ["took the lock", "wrote"])
def test_a_page_holding_the_lock_previews_inside_its_own_transaction(sqlite_file: Engine, how: str):
    with make_session_factory(sqlite_file)() as session:
        ws = workspaces.get_or_create(session).id
        session.commit()
        if how == "took the lock":
            hold_writes(session)
        else:
            f.person(session, ws, "Grace Hopper")

        def run(preview: Session) -> tuple[bool, int]:
            f.person(preview, ws, "Ada Lovelace")
            return preview is session, _people(preview)

        before = _people(session)
        assert dry_run(session, run) == (True, before + 1)
        assert _people(session) == before
        # Its transaction ended, the lock is let go: the next preview runs on its own again.
        session.rollback()
        assert dry_run(session, run) == (False, 1)


def test_a_database_in_memory_previews_inside_the_page_transaction():
    engine = make_engine("sqlite://")
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        workspaces.get_or_create(session)
        session.commit()
        assert _people(session) == 0
        assert dry_run(session, lambda preview: preview is session) is True
        assert _people(session) == 0
    engine.dispose()
