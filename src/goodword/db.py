"""Engine and session factory, the declarative base and its naming convention."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    MetaData,
    Table,
    TypeDecorator,
    create_engine,
    event,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    ORMExecuteState,
    Session,
    SessionTransaction,
    mapped_column,
    sessionmaker,
)

from goodword.errors import DatabaseUnavailable

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


@event.listens_for(Table, "after_parent_attach")
def _ids_never_given_twice(table: Table, parent: object) -> None:
    """Every table of ours takes SQLite's AUTOINCREMENT: an id once given is never given
    again, even after its row is deleted (without it, SQLite gives the largest id out
    again, so a link to someone deleted, or merged away, would open whoever was added
    next). PostgreSQL's sequences never give an id twice; there the option means nothing.
    Migration 0033 rebuilt the tables made before with it."""
    if parent is Base.metadata:
        table.dialect_kwargs["sqlite_autoincrement"] = True


# The time the writes under way are stamped with, when one is set (`writing_at`).
_WRITING_AT: ContextVar[datetime | None] = ContextVar("goodword_writing_at", default=None)


def utcnow() -> datetime:
    """Return the current time in UTC, timezone-aware: the time of the writes under way when
    one is set (`writing_at`). The default of every created_at and updated_at."""
    return _WRITING_AT.get() or datetime.now(UTC)


@contextmanager
def writing_at(moment: datetime) -> Iterator[None]:
    """Stamp what is written meanwhile, in this thread, with `moment` (the columns `utcnow`
    fills in: created_at, updated_at): an import's rows all carry its one time, which it
    takes from `goodword.clock` (so a test can set it, and keep-in-touch's "imported on" is
    the import's day)."""
    token = _WRITING_AT.set(moment)
    try:
        yield
    finally:
        _WRITING_AT.reset(token)


# How long a SQLite connection waits for another writer's lock before it is refused.
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # 32 MB of page cache (SQLite's default is 2 MB): a large import updates indexes all
    # over a 100 MB database, and re-reading pages from the OS cost up to a third of its
    # writes.
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def hold_writes(session: Session) -> None:
    """Take SQLite's write lock now, for a transaction that reads a long time before it
    writes (an import): another writer then waits for it (or is told the database is
    busy) instead of committing first, which would leave this transaction's reads out of
    date and refuse its writes when all its work is done. (PostgreSQL needs no such lock.)
    A write that changes no row takes the lock."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE workspaces SET id = id WHERE 0"))
        session.info[_HOLDS_WRITES] = True


# Set in a session's `info` while its transaction holds SQLite's write lock, as far as
# Goodword knows: it took it (`hold_writes`) or has written (a flush, an UPDATE, ...).
_HOLDS_WRITES = "goodword_holds_writes"


def holds_writes(session: Session) -> bool:
    """Whether the session's transaction has taken SQLite's write lock (`hold_writes`) or
    written, so holds the lock until it ends: a preview then runs inside it
    (`playbooks.panels.dry_run`), not in a transaction of its own that would wait for it."""
    return bool(session.info.get(_HOLDS_WRITES))


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    session.info[_HOLDS_WRITES] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_HOLDS_WRITES] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # (the whole transaction, not a savepoint in it)
        session.info.pop(_HOLDS_WRITES, None)


# The class of PostgreSQL advisory lock that imports and their undos take (with the
# workspace's id as the second key).
_IMPORTS_LOCK = 7_301


def hold_imports(session: Session, workspace_id: int) -> None:
    """Imports and undos of imports in one workspace go one at a time: on PostgreSQL this
    waits for one under way to commit or roll back, and holds the others until this
    transaction ends (an undo that planned while an import was writing would take away
    people that import has just matched to). SQLite's write lock does the same there
    (`hold_writes`)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:kind, :workspace)"),
            {"kind": _IMPORTS_LOCK, "workspace": workspace_id},
        )


def begin_writing(session: Session) -> None:
    """End the session's reads so far (committing what it holds) and take SQLite's write
    lock in a transaction of its own: the edges call it before an import, whose session
    has read already (the workspace), since a transaction that has read cannot wait for
    the lock (SQLite refuses it at once while another writer holds it)."""
    session.commit()
    hold_writes(session)


def safe_url(url: str) -> str:
    """Return the URL with any password hidden, for messages and logs: the one before the
    host, and one given as a query parameter (`?password=…`)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<unparseable database URL>"
    if not holds_secret(url):
        return url  # (as written: "café.sqlite3", not "caf%C3%A9.sqlite3")
    hidden = {k: "hidden" for k in parsed.query if _SECRET_PARAMETER.search(k)}
    return parsed.update_query_dict(hidden).render_as_string(hide_password=True)


def holds_secret(url: str) -> bool:
    """Whether a database URL holds a password (before the host, or as a query parameter)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return True  # (unread, it may)
    return parsed.password is not None or any(_SECRET_PARAMETER.search(k) for k in parsed.query)


# A query parameter of a database URL that holds a secret (libpq's `password`, a token).
_SECRET_PARAMETER = re.compile(r"pass|secret|token|key", re.IGNORECASE)


def make_engine(
    url: str,
    *,
    echo: bool = False,
    setting: str = "GOODWORD_DATABASE_URL",
    make_folder: bool = False,
) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL and a busy timeout.

    `setting` is where the URL came from (the environment variable or `--database-url`), so
    a message names what the user set. A SQLite file's missing folder is made only with
    `make_folder` (Goodword's own data folder); elsewhere it is most likely a mistyped path.

    Statement parameters are people's details: they are kept out of error messages and
    logs (`hide_parameters`), so a traceback never carries them.
    """
    use = "Use sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/dbname."
    try:
        parsed = make_url(url)
    except ArgumentError:  # (SQLAlchemy's "Could not parse SQLAlchemy URL ...")
        raise DatabaseUnavailable(
            f"{setting} is not a database URL: it does not begin with a kind of database and "
            f"://. {use}"
        ) from None
    except ValueError:  # (its port, read with int(); never shown: it may be a password's end)
        raise DatabaseUnavailable(
            f"{setting} is not a database URL: the port after the host's colon is not a "
            f"number. {use}"
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database
            if database and database != ":memory:":
                _sqlite_folder(Path(database).expanduser(), setting, make=make_folder)
            engine = create_engine(parsed, echo=echo, hide_parameters=True)
            event.listen(engine, "connect", _sqlite_pragmas)
            # Let SQLAlchemy, not the sqlite3 module, open transactions, so every transaction
            # (and savepoint) really begins where SQLAlchemy says (SQLAlchemy's pysqlite recipe).
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(parsed, echo=echo, hide_parameters=True, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError):
        raise DatabaseUnavailable(
            f"{setting} names a kind of database Goodword cannot use ({parsed.drivername}). {use}"
        ) from None


def _sqlite_folder(file: Path, setting: str, *, make: bool) -> None:
    """Make a SQLite file's missing folder when asked; otherwise refuse it, naming the path."""
    folder = file.parent
    if folder.is_dir():
        return
    if not make:
        raise DatabaseUnavailable(
            f"There is no folder {folder} for the SQLite file {setting} names ({file.name}). "
            "Check the path, or make the folder first if you meant a new one."
        )
    folder.mkdir(parents=True, exist_ok=True)


def check_connection(engine: Engine, *, setting: str = "GOODWORD_DATABASE_URL") -> None:
    """Fail with one clear line, naming the host but never the password."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        url = engine.url
        where = url.host or url.database or "the database"
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "connection failed"
        if reason == "database is locked":  # SQLite: another program is writing to the file
            raise DatabaseUnavailable(
                f"The database at {where} is busy: another program is saving something big "
                "to it (Goodword's web app importing, probably). Nothing was changed; try "
                "again in a minute."
            ) from None
        server = "" if url.get_backend_name() == "sqlite" else " and that the server is running"
        raise DatabaseUnavailable(
            f"Cannot reach the database at {where} ({url.get_backend_name()}): {reason}. "
            f"Check {setting}{server}."
        ) from None


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session for one unit of work: commit at the end, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Goodword stores aware UTC timestamps")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_type(enum_cls: type[enum.Enum]) -> SAEnum:
    """Store an enum as its string value (VARCHAR on every backend)."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


# The largest record id: ids are 32-bit integers on PostgreSQL.
LARGEST_ID = 2**31 - 1


class WorkspaceScoped:
    """Columns every workspace-owned record has."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
