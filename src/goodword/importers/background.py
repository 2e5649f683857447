"""SQLite inserts on a second thread while Python goes on building the next rows.

Python's `sqlite3` takes the GIL back for every row of an `executemany`, so a writer
thread running one would stall the thread building rows. A single
`INSERT … SELECT … FROM json_each(?)` does all its work inside SQLite, without the GIL,
so SQLite's own work (b-trees, indexes, foreign keys) runs beside Python's.

One worker thread runs the queued statements in order on the session's own connection,
inside the session's transaction. Any statement the session itself runs first waits for
the queue to empty (a `before_cursor_execute` hook), so the two threads never use the
connection at once and every read sees the writes queued before it. A failed statement
stops the ones queued after it, and its error is raised in the calling thread, as the
error SQLAlchemy would have raised, at the next insert, statement or the end of the block.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

_KEY = "goodword.background_writes"


class BackgroundWrites:
    """Inserts queued for one SQLite connection, run in order on one worker thread."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.driver: Any = connection.connection.dbapi_connection
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="goodword-writes")
        # (table, the queued insert into it), in order
        self.pending: list[tuple[str, Future[None]]] = []
        self.failed = False

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Queue `rows` (values as the driver takes them) for `table`."""
        if self.failed:
            self.wait()  # raises the earlier failure
        statement = _from_json(f"INSERT INTO {table} ({', '.join(columns)})", rows)
        self.pending.append((table, self.executor.submit(self._run, *statement)))

    def _run(self, sql: str, params: list[Any]) -> None:
        if self.failed:
            return  # an earlier statement failed: the caller will roll back
        try:
            self.driver.execute(sql, params).close()
        except BaseException:
            self.failed = True
            raise

    def wait(self) -> None:
        """Wait until every queued insert has run; raise the first failure, if any."""
        pending, self.pending = self.pending, []
        errors = [(t, e) for t, future in pending if (e := future.exception()) is not None]
        self.failed = False
        if errors:
            table, error = errors[0]
            dbapi_error = self.connection.dialect.loaded_dbapi.Error
            if isinstance(error, dbapi_error):
                # The error SQLAlchemy would raise for the same failure (callers catch those).
                raise DBAPIError.instance(
                    f"INSERT INTO {table}", None, error, dbapi_error,
                    dialect=self.connection.dialect,
                ) from error  # fmt: skip
            raise error

    def close(self) -> None:
        self.executor.shutdown(wait=True)


def _from_json(into: str, rows: list[tuple[Any, ...]]) -> tuple[str, list[Any]]:
    """One INSERT … SELECT over the rows as a JSON array. A value every row shares (the
    workspace, the timestamps) is bound once instead: taking values out of the JSON is
    most of the statement's cost. Built in the calling thread, which has time to spare."""
    first, middle, last = rows[0], rows[len(rows) // 2], rows[-1]
    shared = [
        first[i] == middle[i] == last[i]
        and list(map(itemgetter(i), rows)).count(first[i]) == len(rows)
        for i in range(len(first))
    ]
    varying = [i for i, same in enumerate(shared) if not same]
    picks, params = [], []
    for i, same in enumerate(shared):
        if same:
            picks.append("?")
            params.append(first[i])
        elif len(varying) == 1:
            picks.append("value")  # one value per row: a JSON array of plain values
        else:
            picks.append(f"json_extract(value, '$[{varying.index(i)}]')")
    if len(varying) == len(first):
        payload: list[Any] = rows
    elif varying:
        payload = list(map(itemgetter(*varying), rows))
    else:
        payload = [0] * len(rows)
    params.append(json.dumps(payload, ensure_ascii=False, default=_refuse))
    return f"{into} SELECT {', '.join(picks)} FROM json_each(?)", params


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} cannot go to SQLite as it is: {value!r}")


def active(session: Session) -> BackgroundWrites | None:
    """The background writer of the session's current block, if there is one."""
    writer: BackgroundWrites | None = session.info.get(_KEY)
    return writer


@contextmanager
def writes_in_background(session: Session) -> Iterator[None]:
    """Within the block, `bulk.insert_rows` on SQLite queues its inserts for a worker
    thread; on leaving, every queued insert has run (or the block raises why not).
    Elsewhere (PostgreSQL, or a SQLite without JSON functions) it changes nothing."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or not _has_json(connection) or active(session):
        yield
        return
    writer = BackgroundWrites(connection)

    def wait_first(*_args: Any) -> None:
        writer.wait()

    event.listen(connection, "before_cursor_execute", wait_first)
    session.info[_KEY] = writer
    try:
        yield
        writer.wait()
    except BaseException:
        # The block failed already: let the queue finish; the caller rolls back.
        for _table, future in writer.pending:
            future.exception()
        writer.pending = []
        raise
    finally:
        del session.info[_KEY]
        event.remove(connection, "before_cursor_execute", wait_first)
        writer.close()


def _has_json(connection: Connection) -> bool:
    try:
        connection.exec_driver_sql("SELECT json_extract('[1]', '$[0]')")
    except DBAPIError:
        return False
    return True
