"""0033: SQLite's tables rebuilt with AUTOINCREMENT keep every row, id, index, trigger and
foreign key, and an id is never given twice after it, even one deleted before it ran."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

import factories as f
from goodword import migrate
from goodword.db import make_engine, make_session_factory, transaction
from goodword.duplicates import merging
from goodword.people import service as people
from goodword.workspaces import service as workspaces


def shape(engine: Engine) -> dict[str, Any]:
    """Every table's columns, foreign keys (with their ON DELETE), indexes and rows, and
    every trigger, as SQLite tells them (on PostgreSQL: the rows)."""
    found: dict[str, Any] = {}
    with engine.connect() as connection:
        names = [
            name
            for name in sorted(
                connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'table'")
                    if engine.dialect.name == "sqlite"
                    else text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            )
            if migrate.include_object(None, name, "table", True, None)
            and not name.startswith("sqlite_")
        ]
        for name in names:
            rows = connection.execute(text(f'SELECT * FROM "{name}"')).all()
            found[name] = sorted(map(tuple, rows), key=repr)
            if engine.dialect.name != "sqlite":
                continue
            pragma = connection.exec_driver_sql
            indexes = pragma(f"PRAGMA index_list('{name}')").all()
            found[f"{name} schema"] = (
                pragma(f"PRAGMA table_xinfo('{name}')").all(),
                sorted(tuple(fk[2:]) for fk in pragma(f"PRAGMA foreign_key_list('{name}')")),
                sorted(
                    (*index[1:5], *pragma(f"PRAGMA index_xinfo('{index[1]}')").all())
                    for index in indexes
                ),
            )
        if engine.dialect.name == "sqlite":
            for kind in ("trigger", "index"):
                found[kind] = sorted(
                    connection.execute(
                        text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = :kind"),
                        {"kind": kind},
                    ).all()
                )
    found.pop("alembic_version", None)
    return found


def downgrade(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_the_rebuild_keeps_everything_and_no_id_is_given_twice(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine, "0032")
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ada = f.person(session, ws, "Ada Lovelace", emails=["ada@analytical.example"])
        grace = f.person(session, ws, "Grace Hopper")
        # The newest person, merged away before the upgrade: the count must start above her.
        king = f.person(session, ws, "Ada King", emails=["countess@lovelace.example"])
        message = f.interaction(
            session, ws, kind="message", direction="inbound", writer_id=grace.id,
            participants=[{"person_id": grace.id}, {"person_id": ada.id}],
        )  # fmt: skip
        f.task(session, ws, "Write to Grace", person_id=grace.id, interaction_id=message.id)
        f.connection(session, ws, ada, grace)
        record = merging.merge(session, workspace_id=ws, survivor_id=ada.id, absorbed_id=king.id)
        ids = {"ada": ada.id, "grace": grace.id, "king": king.id, "message": message.id}
        merge_id = record.id
    before = shape(empty_engine)

    migrate.upgrade(empty_engine, "0033")  # (a later one may add a table: 0036)

    assert shape(empty_engine) == before
    with transaction(sessions) as session:
        newcomer = f.person(session, ws, "Katherine Johnson")
        assert newcomer.id > ids["king"]
        restored = merging.undo_merge(session, workspace_id=ws, merge_id=merge_id)
        assert (restored.id, restored.display_name) == (ids["king"], "Ada King")
    with transaction(sessions) as session:
        people.delete(session, workspace_id=ws, person_id=ids["grace"])
    with empty_engine.connect() as connection:
        # A foreign key added with its column (0019's) keeps its ON DELETE SET NULL.
        writer = connection.execute(
            text("SELECT writer_id FROM interactions WHERE id = :id"), {"id": ids["message"]}
        ).scalar()
        assert writer is None

    if empty_engine.dialect.name == "sqlite":
        after = shape(empty_engine)
        downgrade(empty_engine, "0032")
        back = shape(empty_engine)
        assert back == after
        with empty_engine.connect() as connection:
            created = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE type = 'table'")
            ).scalars()
            assert not any("AUTOINCREMENT" in sql for sql in created if sql)


def test_a_row_pointing_at_nothing_already_does_not_stop_the_rebuild(
    empty_engine: Engine,
) -> None:
    """A row a tool with foreign keys off left pointing at no one (SQLite's own shell has
    them off) is copied as it is; only what the rebuild itself would break stops it."""
    migrate.upgrade(empty_engine, "0032")
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ada = f.person(session, ws, "Ada Lovelace", emails=["ada@analytical.example"])
    if empty_engine.dialect.name == "sqlite":
        shell = sqlite3.connect(str(empty_engine.url.database))  # (foreign keys off)
        with shell:
            shell.execute(
                "UPDATE person_emails SET person_id = ? WHERE person_id = ?", (ada.id + 100, ada.id)
            )
        assert shell.execute("PRAGMA foreign_key_check").fetchall()
        shell.close()

    migrate.upgrade(empty_engine)

    assert migrate.current_revision(empty_engine) == migrate.LATEST_REVISION
    with empty_engine.connect() as connection:
        emails = connection.execute(text("SELECT address FROM person_emails")).scalars().all()
    assert emails == ["ada@analytical.example"]


def test_a_full_disk_during_the_rebuild_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    """The rebuild writes every table again in one transaction, so it needs about as much
    free space again as the database (SQLite's write-ahead log holds the copy until it is
    committed). A disk that fills in the middle of it (here SQLite's own page limit, which
    fails as a full disk does) stops it with nothing of it kept: the database is at 0032
    with every row, index and trigger as it was, and the upgrade runs once there is room."""
    url = f"sqlite:///{tmp_path / 'full.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine, "0032")
    sessions = make_session_factory(engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        for n in range(300):
            f.person(session, ws, f"Person {n}", notes=f"Met at the fair number {n}. " * 60)
    before = shape(engine)
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        assert connection.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
        # (The people take more pages than the rebuild may add: their copy fills the disk.)
        people_pages = connection.exec_driver_sql(
            "SELECT count(*) FROM dbstat WHERE name = 'people'"
        ).scalar()
    assert people_pages > 20
    full = make_engine(url)
    event.listen(
        full, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count = {pages + 20}")
    )

    with pytest.raises(OperationalError, match="database or disk is full") as failed:
        migrate.upgrade(full)
    assert '"_goodword_new_people"' in str(failed.value.statement)  # (five tables done)
    full.dispose()

    assert migrate.current_revision(engine) == "0032"
    assert shape(engine) == before
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.LATEST_REVISION
    engine.dispose()
