"""Opening the database for a command: an engine whose database answers, brought to the
latest version when it is the user's own, and one transaction.

Imported when a command opens the database (`common.work`, `goodword db`, `goodword serve`),
never when `goodword` starts: it loads SQLAlchemy and every model, which `--help` and the
commands that open no database do without; Alembic only for a database not at the latest
version (tests/cli/test_cli_startup.py holds both).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

import goodword.models  # noqa: F401  (every mapper registered before the first query)
from goodword import db, migrate
from goodword.cli.common import DatabaseOutOfDate, State, in_data_dir
from goodword.errors import Busy, DatabaseUnavailable, GoodwordError


def engine(state: State) -> Engine:
    """An engine whose database answers (else one clear line naming the host)."""
    settings = state.settings()
    path = settings.sqlite_path()
    engine = db.make_engine(
        settings.database_url,
        echo=settings.debug_sql,
        setting=state.setting,
        # Only Goodword's own data folder is made; elsewhere a missing one is a typo.
        make_folder=path is not None and in_data_dir(path),
    )
    try:
        db.check_connection(engine, setting=state.setting)
    except GoodwordError:
        engine.dispose()
        raise
    return engine


def ready_engine(state: State, *, set_up_empty: bool = False) -> Engine:
    """An engine whose database is at the latest migration (see `goodword serve --help`).

    A SQLite file that holds nothing at all (a new file) is set up for every command;
    with `set_up_empty`, so is any empty database (a new PostgreSQL database for
    `goodword demo`)."""
    opened = engine(state)
    try:
        return _upgraded_if_ours(state, opened, set_up_empty=set_up_empty)
    except GoodwordError:
        opened.dispose()
        raise


def upgrades_itself(
    state: State, engine: Engine, current: str | None, *, set_up_empty: bool = False
) -> bool:
    """Whether a command brings this database (at version `current`) to the latest itself:
    a SQLite file in Goodword's data folder (the user's own) or one that holds nothing at
    all (a new file, made by this command or another Goodword's: nobody else's); with
    `set_up_empty`, any empty database."""
    path = state.settings().sqlite_path()
    empty = current is None and not inspect(engine).get_table_names()
    return (path is not None and (in_data_dir(path) or empty)) or (set_up_empty and empty)


def _upgraded_if_ours(state: State, engine: Engine, *, set_up_empty: bool) -> Engine:
    if migrate.stored_revision(engine) == migrate.LATEST_REVISION:
        return engine  # (the common case, found without Alembic)
    current, head = migrate.current_revision(engine), migrate.head_revision(engine)
    if current == head:
        return engine
    place = where(engine)
    if current is not None and not known_revision(engine, current):
        raise newer_database(place, current)
    if upgrades_itself(state, engine, current, set_up_empty=set_up_empty):
        upgrade(engine, current)
        typer.echo(f"Brought the database at {place} to the latest version.", err=True)
        return engine
    status = f"at version {current}" if current else "empty"
    raise DatabaseOutOfDate(
        f"The database at {place} is {status}, but this Goodword needs version {head}. "
        "Run `goodword db upgrade` first."
    )


def upgrade(engine: Engine, current: str | None) -> None:
    """Bring the database (at version `current`) to the latest version (`migrate.upgrade`),
    saying first that a large one takes a while (none for a new one), and a disk too full
    for it in plain words. A version that rebuilds every table on SQLite (0033) writes the
    whole database again before the old tables go, so it needs about as much free space
    again as the database; what a failed version did is taken back (tests/migrations), and
    a failure says the version the database is left at."""
    if current is not None:
        typer.echo(
            f"Upgrading the database at {where(engine)} from version {current}: a large one "
            "can take a minute or two...",
            err=True,
        )
    try:
        migrate.upgrade(engine)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "it stopped answering"
        try:
            now = migrate.current_revision(engine)
        except DBAPIError:  # (it dropped the connection, PostgreSQL restarting say)
            raise DatabaseUnavailable(
                f"The upgrade of the database at {where(engine)} stopped ({reason}), and the "
                "database no longer answers, so the version it is left at is not known. Once "
                "it answers, `goodword db current` says it, and `goodword db upgrade` goes on "
                "from there."
            ) from None
        at = f"version {now}" if now else "empty"
        if reason == "database or disk is full":
            path = Path(engine.url.database or "")
            size = round(path.stat().st_size / 1_000_000) if path.is_file() else 0
            raise DatabaseUnavailable(
                f"The disk is too full to upgrade the database at {where(engine)}: the upgrade "
                f"needs about as much free space again as the database takes ({size} MB). "
                f"The database is left whole, at {at}. Free some space and try again."
            ) from None
        # One transaction on PostgreSQL, taken back whole; on SQLite 0033 commits the
        # versions before it and its own work, so one stopped after it keeps those.
        kept = (
            f"Nothing was changed: it is still at {at}."
            if now == current
            else f"It is left whole, at {at}: the versions up to it are kept."
        )
        if reason == "database is locked":  # SQLite: another program is writing
            raise Busy(
                f"The database at {where(engine)} is busy: another program is saving something "
                f"big to it, so the upgrade stopped. {kept} Try again in a minute."
            ) from None
        raise DatabaseUnavailable(
            f"The upgrade of the database at {where(engine)} stopped: the database refused "
            f"it ({reason}). {kept} Once that is put right, `goodword db upgrade` goes on "
            "from there."
        ) from None


def newer_database(place: str, current: str) -> DatabaseOutOfDate:
    """The error for a database a newer Goodword set up (at version `current`), which this
    one can neither use nor upgrade."""
    return DatabaseOutOfDate(
        f"The database at {place} was set up by a newer Goodword (version {current}); "
        "upgrade Goodword to use it."
    )


def known_revision(engine: Engine, revision: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    return any(r.revision == revision for r in script.walk_revisions())


def where(engine: Engine) -> str:
    return str(engine.url.host or engine.url.database or "the configured database")


@contextmanager
def transaction(state: State, *, set_up_empty: bool = False) -> Iterator[tuple[Session, int]]:
    """One transaction in the workspace: committed at the end, rolled back on any error."""
    from goodword.workspaces import service as workspaces

    region = state.settings().phone_region
    opened = ready_engine(state, set_up_empty=set_up_empty)
    try:
        with db.transaction(db.make_session_factory(opened)) as session:
            yield session, workspaces.get_or_create(session, phone_region=region).id
    finally:
        opened.dispose()


def too_large(exc: Exception) -> bool:
    """Whether the database refused a number as larger than it keeps (SQLite says so with
    an OverflowError, PostgreSQL with its numeric_value_out_of_range)."""
    if not isinstance(exc, OverflowError | DataError):
        return False
    return "too large to convert to SQLite INTEGER" in str(exc) or (
        isinstance(exc, DataError) and getattr(exc.orig, "sqlstate", None) == "22003"
    )


def failure(exc: Exception) -> str | None:
    """Why the database failed during a command, in its own first line ("database is
    locked" when another program is writing to a SQLite file); None for another error."""
    if not isinstance(exc, OperationalError):
        return None
    return str(exc.orig).strip().splitlines()[0] if exc.orig else "it stopped answering"
