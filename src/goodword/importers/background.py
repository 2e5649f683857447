"""Bulk inserts through the driver, on a second thread while Python builds the next rows.

`insert` writes rows whose values are already what the driver takes: on SQLite with
`executemany`, on PostgreSQL with a COPY. Inside `writes_in_background`, it queues them
for one worker thread instead, which runs them in order on the session's own connection,
inside the session's transaction, while the calling thread goes on:

- On SQLite, Python's `sqlite3` takes the GIL back for every row of an `executemany`, so
  a worker running one would stall the thread building rows. The worker runs a single
  `INSERT … SELECT … FROM json_each(?)` instead, which does all its work inside SQLite,
  without the GIL: SQLite's own work (b-trees, indexes, foreign keys) runs beside Python's.
- On PostgreSQL the worker streams the COPY; the server's work (foreign keys, indexes)
  happens while the calling thread builds the next rows instead of waiting for it.

Any statement the session itself runs, and a commit, waits first for the queue to empty
(connection event hooks), so the two threads never use the connection at once, every
read sees the writes queued before it, and nothing queued lands after the commit. A
failed insert stops the ones queued after it, and its error is raised in the calling
thread, as the error SQLAlchemy would have raised, at the next insert, statement, commit
or the end of the block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

_KEY = "goodword.background_writes"
# Values orjson would turn into JSON by itself but the standard library would not: refused
# (a TypeError) like any other, since the text would differ from what the driver stores.
_REFUSED = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
Rows = list[tuple[Any, ...]]


def insert(
    session: Session, table: str, columns: Sequence[str], rows: Rows, shared: Sequence[Any] = ()
) -> None:
    """Insert `rows` (values as the driver takes them) into `table`: queued inside
    `writes_in_background`, at once otherwise. The last columns take the `shared` values,
    the same in every row (the rows hold the others)."""
    connection = session.connection()
    writer: BackgroundWrites | None = session.info.get(_KEY)
    into = f"{table} ({', '.join(columns)})"
    shared = tuple(shared)
    if connection.dialect.name == "postgresql":
        statement = f"COPY {into} FROM STDIN"
        work = _copy(connection, statement, _whole(rows, shared))
    elif writer is not None and (from_json := _from_json(f"INSERT INTO {into}", rows, shared)):
        statement, params = from_json
        work = _execute(connection, statement, params)
    else:
        statement = f"INSERT INTO {into} VALUES ({', '.join('?' * len(columns))})"
        work = _execute_many(connection, statement, _whole(rows, shared))
    if writer is None:
        _raise_as_sqlalchemy(connection, statement, work)
    else:
        writer.queue(statement, work)


def _whole(rows: Rows, shared: tuple[Any, ...]) -> Rows:
    return [row + shared for row in rows] if shared else rows


def _execute(connection: Connection, sql: str, params: list[Any]) -> Callable[[], None]:
    driver: Any = connection.connection.dbapi_connection
    return lambda: driver.execute(sql, params).close()


def _execute_many(connection: Connection, sql: str, rows: Rows) -> Callable[[], None]:
    driver: Any = connection.connection.dbapi_connection
    return lambda: driver.executemany(sql, rows).close()


def _copy(connection: Connection, statement: str, rows: Rows) -> Callable[[], None]:
    driver: Any = connection.connection.dbapi_connection  # a psycopg connection

    def work() -> None:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    return work


def _raise_as_sqlalchemy(connection: Connection, statement: str, work: Callable[[], None]) -> None:
    """Run the driver work; a driver error becomes the error SQLAlchemy would raise for
    the same failure (callers catch those)."""
    dbapi_error = connection.dialect.loaded_dbapi.Error
    try:
        work()
    except dbapi_error as error:
        raise DBAPIError.instance(
            statement, None, error, dbapi_error, dialect=connection.dialect
        ) from error


def _from_json(into: str, rows: Rows, shared: tuple[Any, ...]) -> tuple[str, list[Any]] | None:
    """One INSERT … SELECT over the rows as a JSON array. A value every row shares (the
    workspace, the timestamps; the `shared` ones, and any the rows turn out to share) is
    bound once instead: taking values out of the JSON is most of the statement's cost.
    Built in the calling thread, which has time to spare.

    None when a text holds a NUL character: SQLite's JSON functions would end it there.
    """
    first, middle, last = rows[0], rows[len(rows) // 2], rows[-1]
    same = [
        first[i] == middle[i] == last[i]
        and list(map(itemgetter(i), rows)).count(first[i]) == len(rows)
        for i in range(len(first))
    ]
    varying = [i for i, alike in enumerate(same) if not alike]
    picks, params = [], []
    for i, alike in enumerate(same):
        if alike:
            picks.append("?")
            params.append(first[i])
        elif len(varying) == 1:
            picks.append("value")  # one value per row: a JSON array of plain values
        else:
            picks.append(f"json_extract(value, '$[{varying.index(i)}]')")
    picks += ["?"] * len(shared)
    params += shared
    if len(varying) == len(first):
        payload: list[Any] = rows
    elif varying:
        payload = list(map(itemgetter(*varying), rows))
    else:
        payload = [0] * len(rows)
    # orjson writes the JSON the standard library would (without the spaces), several
    # times faster.
    text = orjson.dumps(payload, option=_REFUSED).decode()
    if "\\u0000" in text:  # (or a text holding those six characters: no harm done)
        return None
    params.append(text)
    return f"{into} SELECT {', '.join(picks)} FROM json_each(?)", params


class BackgroundWrites:
    """Driver work queued for one connection, run in order on one worker thread."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="goodword-writes")
        # (statement, the queued work running it), in order
        self.pending: list[tuple[str, Future[None]]] = []
        self.failed = False

    def queue(self, statement: str, work: Callable[[], None]) -> None:
        if self.failed:
            self.wait()  # raises the earlier failure
        self.pending.append((statement, self.executor.submit(self._run, statement, work)))

    def _run(self, statement: str, work: Callable[[], None]) -> None:
        if self.failed:
            return  # an earlier insert failed: the caller will roll back
        try:
            _raise_as_sqlalchemy(self.connection, statement, work)
        except BaseException:
            self.failed = True
            raise

    def wait(self) -> None:
        """Wait until every queued insert has run; raise the first failure, if any."""
        pending, self.pending = self.pending, []
        errors = [e for _table, future in pending if (e := future.exception()) is not None]
        self.failed = False
        if errors:
            raise errors[0]

    def usable(self) -> bool:
        """Whether the worker may use the connection (SQLite's is tied to its thread when
        it is in memory) and, on SQLite, has the JSON functions the inserts use."""
        driver: Any = self.connection.connection.dbapi_connection
        probe = "SELECT json_extract('[1]', '$[0]')"
        if self.connection.dialect.name == "postgresql":
            probe = "SELECT 1"

        def try_it() -> None:
            driver.execute(probe).close()

        try:
            self.executor.submit(try_it).result()
        except self.connection.dialect.loaded_dbapi.Error:
            return False
        return True

    def settle(self) -> None:
        """Wait until every queued insert has run, whatever became of it."""
        for _statement, future in self.pending:
            future.exception()
        self.pending = []

    def close(self) -> None:
        self.executor.shutdown(wait=True)


def active(session: Session) -> BackgroundWrites | None:
    """The background writer of the session's current block, if there is one."""
    writer: BackgroundWrites | None = session.info.get(_KEY)
    return writer


@contextmanager
def writes_in_background(session: Session) -> Iterator[None]:
    """Within the block, `insert` queues its work for a worker thread; on leaving, every
    queued insert has run (or the block raises why not). Where the connection cannot be
    used from another thread (an in-memory SQLite database, say), or SQLite has no JSON
    functions, or on another database, it changes nothing."""
    connection = session.connection()
    if active(session) or connection.dialect.name not in ("sqlite", "postgresql"):
        yield
        return
    writer = BackgroundWrites(connection)
    if not writer.usable():
        writer.close()
        yield
        return

    def wait_first(*_args: Any) -> None:
        writer.wait()

    def settle_first(*_args: Any) -> None:
        writer.settle()

    # Before any statement and before a commit, the queue empties (a failed insert is
    # raised there, so it can never be committed); before a rollback it just empties.
    hooks = [("before_cursor_execute", wait_first), ("commit", wait_first)]
    hooks.append(("rollback", settle_first))
    for name, hook in hooks:
        event.listen(connection, name, hook)
    session.info[_KEY] = writer
    try:
        yield
        writer.wait()
    except BaseException:
        writer.settle()  # the block failed already; the caller rolls back
        raise
    finally:
        del session.info[_KEY]
        for name, hook in hooks:
            event.remove(connection, name, hook)
        writer.close()
