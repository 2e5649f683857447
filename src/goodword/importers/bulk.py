"""Set-based reads and writes for imports: multi-row inserts, known people read in bulk.

New rows go straight to the driver with their values converted once per column type (on
PostgreSQL as a COPY). Search documents are written the way `search.service.index_person`
writes them, so search stays in step; on SQLite large batches are indexed in FTS5 directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    Executable,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from goodword.db import Base
from goodword.importers import background
from goodword.people.models import (
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.records import among, sort_key
from goodword.search.folding import folded_title
from goodword.search.models import SearchDocument
from goodword.search.service import person_body

CHUNK = 1000


def table_named(name: str) -> Table:
    return Base.metadata.tables[name]


def cut(text: str | None, length: int) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text[:length] if text else None


def insert_returning(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows with Core (no per-row ORM work) and return their new ids, in order.

    Ids are reserved first (see `reserve_ids`), so the rows go in as one multi-row insert
    instead of one statement per row.
    """
    if not rows:
        return []
    ids = reserve_ids(session, model, len(rows))
    for row, new_id in zip(rows, ids, strict=True):
        row["id"] = new_id
    insert_rows(session, model, rows)
    return ids


def reserve_ids(session: Session, model: Any, count: int) -> list[int]:
    """`count` new ids for the model's table: a sequence range on PostgreSQL; on SQLite,
    the ids after the largest ever given (its AUTOINCREMENT count, so the id of a row
    deleted is not given again), once the write lock is held (so no one else can add rows
    until commit). Inserting them moves SQLite's count past them."""
    table = model.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = text(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
            "FROM generate_series(1, :count)"
        )
        return list(session.scalars(statement, {"count": count}))
    given = 0
    if dialect == "sqlite":
        # Take the write lock (a no-op update), so no one else can add rows until commit.
        session.execute(text("UPDATE workspaces SET slug = slug WHERE id = -1"))
        given = session.scalar(
            text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
        )
    largest = max(session.scalar(select(func.max(table.c.id))) or 0, given or 0)
    return list(range(largest + 1, largest + count + 1))


def insert_search_documents(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert search documents given as dicts (see `adding_search_documents`)."""
    for (workspace_id, kind), group in groupby(rows, itemgetter("workspace_id", "kind")):
        found = [(row["record_id"], row["title"], row["body"]) for row in group]
        with adding_search_documents(session, workspace_id, kind, len(found)) as add:
            add(found)


Document = tuple[int, str, str]  # (record id, title, body)


@contextmanager
def adding_search_documents(
    session: Session, workspace_id: int, kind: str, count: int
) -> Iterator[Callable[[list[Document]], None]]:
    """Give a function that inserts search documents of one kind, `count` of them in all,
    in as many calls as suits the caller; on SQLite, 1,000 or more are indexed in FTS5
    directly.

    FTS5 writes its pending terms out at every statement a trigger runs, so indexing
    60,000 documents through the per-row trigger costs several times what one insert into
    the index does. The trigger is set aside for this transaction only (SQLite's DDL is
    transactional: other connections never see it missing) and put back as it was.
    """
    names = ("record_id", "title", "body", "folded_title")
    shared = {"workspace_id": workspace_id, "kind": kind}
    if count < CHUNK or session.get_bind().dialect.name != "sqlite":

        def add_plainly(rows: list[Document]) -> None:
            folded = [(record, title, body, folded_title(title)) for record, title, body in rows]
            insert_tuples(session, SearchDocument, names, folded, shared)

        yield add_plainly
        return
    ids = iter(reserve_ids(session, SearchDocument, count))

    def add(rows: list[Document]) -> None:
        numbered = [
            (next(ids), record, title, body, folded_title(title)) for record, title, body in rows
        ]
        insert_tuples(session, SearchDocument, ("id", *names), numbered, shared)
        indexed = [(number, title, body) for number, _record, title, body, _folded in numbered]
        background.insert(session, "search_fts", ("rowid", "title", "body"), indexed)

    with _trigger_set_aside(session, "search_documents_ai"):
        yield add


# The tables whose insert triggers change the workspace's graph version (migration 0004).
_GRAPH_TABLES = ("people", "organizations", "positions", "connections", "interactions",
                 "interaction_participants")  # fmt: skip


@contextmanager
def graph_changed_once(session: Session, workspace_id: int, rows: int) -> Iterator[None]:
    """On SQLite, with `rows` new rows or more on the way, set aside the triggers that
    change the workspace's graph version for every row inserted, and change it once when
    the block ends instead (as the triggers would have; see migration 0004). Nothing
    elsewhere: PostgreSQL's triggers run once per statement already."""
    if rows < CHUNK or session.get_bind().dialect.name != "sqlite":
        yield
        return
    with ExitStack() as stack:
        for table in _GRAPH_TABLES:
            stack.enter_context(_trigger_set_aside(session, f"{table}_graph_ai"))
        yield
        session.execute(
            text("UPDATE workspaces SET graph_version = random() WHERE id = :workspace"),
            {"workspace": workspace_id},
        )


def update_search_documents(
    session: Session, rows: list[dict[str, Any]], old: dict[int, tuple[str, str]]
) -> None:
    """Rewrite search documents (`rows` of id, title, body; `old` their current text),
    on SQLite with the index kept in step by two statements instead of a trigger per row."""
    if not rows:
        return
    table = table_named("search_documents")
    statement = (
        update(table)
        .where(table.c.id == bindparam("doc_id"))
        .values(
            title=bindparam("new_title"),
            body=bindparam("new_body"),
            folded_title=bindparam("new_folded"),
        )
    )
    values = [
        {"doc_id": r["id"], "new_title": r["title"], "new_body": r["body"],
         "new_folded": folded_title(r["title"])}
        for r in rows
    ]  # fmt: skip
    if len(rows) < CHUNK or session.get_bind().dialect.name != "sqlite":
        session.execute(statement, values)
        return
    with _trigger_set_aside(session, "search_documents_au"):
        session.execute(statement, values)
        connection = session.connection()
        connection.exec_driver_sql(
            "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            [(r["id"], *old[r["id"]]) for r in rows],
        )
        connection.exec_driver_sql(
            "INSERT INTO search_fts(rowid, title, body) VALUES (?, ?, ?)",
            [(r["id"], r["title"], r["body"]) for r in rows],
        )


_TRIGGER_SQL = text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name")


@contextmanager
def _trigger_set_aside(session: Session, name: str) -> Iterator[None]:
    """Drop one of the triggers that keep SQLite's FTS5 index in step, and put it back
    afterwards as it was, also when the work in between fails.

    After a failure the rows written meanwhile are not in the index: the caller rolls the
    transaction back, as every import's caller does. Should SQLite have rolled it back by
    itself (a full disk, say), the trigger is there again already and is left alone.
    """
    sql = session.scalar(_TRIGGER_SQL, {"name": name})
    if sql:
        session.execute(text(f"DROP TRIGGER {name}"))
    try:
        yield
    finally:
        if sql and session.scalar(_TRIGGER_SQL, {"name": name}) is None:
            session.execute(text(sql))


def _remembering(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The processor, converting each distinct value once (most rows repeat a few: no
    tags, no birthday, the same dates)."""
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            key = (type(value), tuple(value) if type(value) is list else value)
            return done[key]
        except KeyError:
            done[key] = converted = processor(value)
            return converted
        except TypeError:  # unhashable (a dict, a list of lists)
            return processor(value)

    return convert


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows given as dicts (see `insert_tuples`)."""
    if not rows:
        return
    names = list(rows[0])
    values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    insert_tuples(session, model, names, list(map(values, rows)))


def insert_tuples(
    session: Session,
    model: Any,
    names: Sequence[str],
    rows: list[tuple[Any, ...]],
    shared: dict[str, Any] | None = None,
) -> None:
    """Insert many rows, each a tuple of the `names` columns' values, plus the `shared`
    values every row has (the workspace, say), with every value converted once per column
    type and no per-row ORM or Core bookkeeping: on SQLite one `executemany` through the
    driver, on PostgreSQL one COPY streamed to the server (see `background.insert`;
    inside `background.writes_in_background`, on a second thread)."""
    if not rows:
        return
    table = model.__table__
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name not in ("sqlite", "postgresql"):
        dicts = [{**dict(zip(names, row, strict=True)), **(shared or {})} for row in rows]
        for start in range(0, len(dicts), CHUNK):
            session.execute(insert(table), dicts[start : start + CHUNK])
        return
    fixed: dict[str, Any] = dict(shared or {})
    for column in table.columns:
        if column.name not in names and column.name not in fixed and column.default is not None:
            fixed[column.name] = (
                column.default.arg(None) if column.default.is_callable else (column.default.arg)
            )
    processors = [
        _remembering(processor) if processor else None
        for processor in (table.c[name].type._cached_bind_processor(dialect) for name in names)
    ]
    constants = tuple(
        (processor(value) if (processor := table.c[name].type._cached_bind_processor(dialect))
         else value)
        for name, value in fixed.items()
    )  # fmt: skip
    # Most columns (text, integers) go to the driver as they are; only dates, JSON and
    # the like need converting.
    converted = [(i, p) for i, p in enumerate(processors) if p is not None]
    params = rows
    if converted:
        params = []
        for row in rows:
            found = list(row)
            for i, processor in converted:
                found[i] = processor(found[i])
            params.append(tuple(found))
    background.insert(session, table.name, [*names, *fixed], params, constants)


@dataclass
class Held:
    """A position a known person holds or held (id 0: added by this import)."""

    id: int
    organization_id: int
    title: str | None
    start_date: date | None
    end_date: date | None
    is_current: bool
    # Added by this import: the row still to be inserted (ending the job changes it).
    row: dict[str, Any] | None = None
    department: str | None = None
    # "month" or "year" (LinkedIn's "Jan 2020"), None for a whole day: `job_dates`.
    start_precision: str | None = None
    end_precision: str | None = None


@dataclass
class Known:
    """What a known person has, read in bulk, so changes can be worked out without the ORM."""

    id: int
    values: dict[str, Any]
    emails: dict[str, int] = field(default_factory=dict)
    phones: dict[str, int] = field(default_factory=dict)
    urls: dict[str, int] = field(default_factory=dict)
    positions: list[Held] = field(default_factory=list)
    sources: set[tuple[str, str | None]] = field(default_factory=set)
    dirty: bool = False


_FIELDS = ("display_name", "given_name", "family_name", "location", "notes", "how_we_met",
           "tags", "interests", "is_me", "birthday", "birthday_no_year",
           "keep_in_touch_days")  # fmt: skip


def driver_rows(session: Session, statement: Executable) -> list[tuple[Any, ...]]:
    """Every row of a query as the driver's own tuples, in the session's transaction.

    SQLAlchemy's result rows and type conversions cost two to three times what the driver
    takes to fetch the same rows, which matters when an import reads a whole workspace.
    So only for columns whose driver values are what the caller wants as they are
    (integers, text); a date comes back as text on SQLite and as a date on PostgreSQL.
    Bound values must be plain integers and text (anything else goes the usual way).
    """
    connection = session.connection()
    dialect = connection.dialect
    compiled = cast(SQLCompiler, cast(ClauseElement, statement).compile(dialect=dialect))
    values = compiled.params
    plain = all(type(v) in (int, str) for v in values.values())
    if not plain or background.active(session) is not None:
        # A value the driver would need converted, or inserts still queued: the usual way.
        return [tuple(row) for row in connection.execute(statement)]
    if dialect.positional:
        params: Any = [values[name] for name in compiled.positiontup or ()]
    else:
        params = values
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def load_known(session: Session, ids: list[int]) -> dict[int, Known]:
    known: dict[int, Known] = {}
    # Core, not the ORM: plain rows without per-row bookkeeping (a re-import reads many).
    read = session.connection().execute
    columns = [getattr(Person, f) for f in _FIELDS]
    for row in read(select(Person.id, *columns).where(among(session, Person.id, ids))):
        known[row[0]] = Known(row[0], dict(zip(_FIELDS, row[1:], strict=True)))
    for model, attribute, target in (
        (PersonEmail, "address", "emails"),
        (PersonPhone, "number", "phones"),
        (PersonUrl, "url", "urls"),
    ):
        statement = select(model.person_id, getattr(model, attribute)).where(
            among(session, model.person_id, ids)
        )
        for person_id, value in read(statement.order_by(model.position)):
            values = getattr(known[person_id], target)
            values.setdefault(value, len(values))
    held = select(
        Position.person_id, Position.id, Position.organization_id, Position.title,
        Position.start_date, Position.end_date, Position.is_current, Position.department,
        Position.start_precision, Position.end_precision,
    ).where(among(session, Position.person_id, ids))  # fmt: skip
    for (person_id, position_id, org_id, title, began, ended, current, department,
         start_precision, end_precision) in read(held.order_by(Position.id)):  # fmt: skip
        known[person_id].positions.append(
            Held(position_id, org_id, title, began, ended, current, department=department,
                 start_precision=start_precision, end_precision=end_precision)
        )  # fmt: skip
    statement = select(
        PersonSource.person_id, PersonSource.source, PersonSource.external_key
    ).where(among(session, PersonSource.person_id, ids))
    for person_id, source, key in read(statement):
        known[person_id].sources.add((source, key))
    return known


@dataclass
class Changes:
    """Rows to write for known people, gathered so each table is written once."""

    people: list[dict[str, Any]] = field(default_factory=list)
    # people whose own row is as it was but who were changed (a new e-mail, a job): id,
    # updated_at
    touched: list[dict[str, Any]] = field(default_factory=list)
    emails: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    urls: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    ended: list[dict[str, Any]] = field(default_factory=list)
    # departments filled in on positions already held: id, department
    departments: list[dict[str, Any]] = field(default_factory=list)
    # titles written out on positions already held: id, title
    titles: list[dict[str, Any]] = field(default_factory=list)
    # a held job's dates given again as a month or year: id, start_precision, end_precision
    # (either or both)
    precisions: list[dict[str, Any]] = field(default_factory=list)
    # a held job's start a record knows more precisely (17 May 2021 for "May 2021"): id,
    # start_date, start_precision
    starts: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    # new fingerprints of source records already held: b_person, b_source, b_key, b_print
    fingerprints: list[dict[str, Any]] = field(default_factory=list)
    documents: list[Known] = field(default_factory=list)

    def write(self, session: Session, workspace_id: int, org_names: dict[int, str]) -> None:
        if self.people:
            for row in self.people:
                if "given_name" in row or "family_name" in row:
                    given, family = row.get("given_name"), row.get("family_name")
                    row["sort_name"] = sort_key(
                        f"{family} {given or ''}" if family else row["display_name"]
                    )[:200]
            session.execute(update(Person), self.people)
        if self.touched:
            session.execute(update(Person), self.touched)
        if self.ended:
            session.execute(update(Position), self.ended)
        for changed in (self.departments, self.titles, self.precisions, self.starts):
            if changed:
                session.execute(update(Position), changed)
        for model, rows in (
            (PersonEmail, self.emails),
            (PersonPhone, self.phones),
            (PersonUrl, self.urls),
            (Position, self.positions),
            (PersonSource, self.sources),
        ):
            insert_rows(session, model, rows)
        if self.fingerprints:
            table = table_named("person_sources")
            session.execute(
                update(table)
                .where(
                    table.c.workspace_id == workspace_id,
                    table.c.person_id == bindparam("b_person"),
                    table.c.source == bindparam("b_source"),
                    table.c.external_key == bindparam("b_key"),
                )
                .values(fingerprint=bindparam("b_print")),
                self.fingerprints,
            )
        self._documents(session, workspace_id, org_names)

    def _documents(self, session: Session, workspace_id: int, org_names: dict[int, str]) -> None:
        """Rewrite the search text of everyone who changed (what `search.index_person` does)."""
        by_person = {p.id: p for p in self.documents}
        ids = sorted(by_person)
        rows = []
        old: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), CHUNK):
            statement = select(
                SearchDocument.id,
                SearchDocument.record_id,
                SearchDocument.title,
                SearchDocument.body,
            ).where(
                SearchDocument.kind == "person",
                SearchDocument.record_id.in_(ids[start : start + CHUNK]),
            )
            for document_id, person_id, title, body in session.execute(statement):
                old[document_id] = (title, body)
                person = by_person[person_id]
                current = [
                    (org_names[h.organization_id], h.title)
                    for h in person.positions
                    if h.is_current
                ]
                rows.append(
                    {"id": document_id, "title": person.values["display_name"],
                     "body": person_body(name=person.values["display_name"],
                                         emails=person.emails, urls=person.urls, current=current,
                                         location=person.values["location"],
                                         tags=person.values["tags"] or [],
                                         interests=person.values["interests"] or [],
                                         notes=person.values["notes"])}
                )  # fmt: skip
        update_search_documents(session, rows, old)
