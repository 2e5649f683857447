"""Another writer during a long import (an edit in another tab, the command line beside the
web app) waits for it, or is told the database is busy: the import is not the one refused,
after all its work."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from goodword import db, migrate
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate
from goodword.workspaces import service as workspaces

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def test_a_write_tried_during_an_import_does_not_cost_the_import(empty_database_url):
    engine = db.make_engine(empty_database_url)
    migrate.upgrade(engine)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with db.transaction(factory) as session:
        workspace_id = workspaces.get_or_create(session).id
    tried: list[str] = []

    def write_beside(stage: str, _done: int, _total: int) -> None:
        # While the import matches, someone adds a person in another connection.
        if stage != "match" or tried:
            return
        other = db.make_engine(empty_database_url)
        try:
            with other.connect() as connection:
                if other.dialect.name == "sqlite":
                    connection.exec_driver_sql("PRAGMA busy_timeout=200")
                with Session(bind=connection) as beside:
                    people.create(
                        beside, workspace_id=workspace_id, data=PersonCreate(display_name="Bo")
                    )
                    beside.commit()
            tried.append("written")
        except OperationalError as exc:
            tried.append(str(exc.orig))
        finally:
            other.dispose()

    with db.transaction(factory) as session:
        report = import_files(
            session,
            workspace_id=workspace_id,
            paths_or_uploads=[DATA / "Connections.csv"],
            today=date(2026, 11, 25),
            progress=write_beside,
        )
    assert report.counts["created"] > 0
    # SQLite has one writer at a time: the other waited and was told the database is busy.
    # PostgreSQL writes both.
    assert tried == (["database is locked"] if engine.dialect.name == "sqlite" else ["written"])
    with db.transaction(factory) as session:
        held = session.scalar(select(func.count()).select_from(Person))
    assert held == report.counts["created"] + (tried == ["written"])
    engine.dispose()
