"""What a merge writes down so it can be undone, and how an undo reads it back.

Ids alone cannot be trusted at undo: before migration 0033 SQLite (without AUTOINCREMENT)
gave the largest id out again once its row was gone, so for a merge made then, a row
deleted after it may have passed its id to a new, unrelated row (no id is given twice
since). The snapshot therefore notes when each row it names was made, and an
undo treats a row under a noted id as the one the merge saw only when it was made then.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from goodword.db import Base
from goodword.people.normalize import reversed_digits
from goodword.playbooks.keys import rekey

# 2: also the survivor's own fields as the merge left them, and what makes each moved row
# the same thing (so an undo can tell what was edited since, and find rows re-created).
# 3: also when each moved row and each removed row's records were made, and the playbook
# tasks whose keys name the absorbed person (so an undo trusts no id given out again).
# 4: those keys are renamed to name the survivor (and each noted with the key it got), and
# a task that then repeats one of the same step is removed like any other repeated row.
# 5: rows that belonged to a removed repeat (a reference's uses) are handed to the row kept
# in its place, and noted in "handed" so an undo gives them back.
# 6: the absorbed person's possible-duplicate pairs are handed to the survivor: the pairs
# that makes are noted in "carried", the survivor's pairs it told apart in "told_apart".
# 7: the current jobs it ended (one side's, when both worked somewhere now) are noted in
# "jobs_ended" with the end each had, so an undo makes them current again.
# 8: each of those also with its end's precision before and after ("month": May 2024);
# a job kept whose whole day a repeat removed gave as a month or year is noted in
# "precisions" with the day's precision before and after.
# 9: the place (position) each moved e-mail address, phone and web address had is noted in
# "places", so an undo gives them back in their order.
# 10: a job kept that a repeat knew more precisely (17 May 2021 for "May 2021") is noted in
# "precisions" with the date (ISO text) and its precision before and after.
SNAPSHOT_VERSION = 10
# Set on a removed row's snapshot: when each record it points at was made.
TARGETS = "_targets"


def encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return value.value
    if isinstance(value, list):
        return list(value)
    return value


def encode_row(table: Table, row: Any) -> dict[str, Any]:
    return {column.name: encode(row[column.name]) for column in table.columns}


def decode(column: Any, value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    kind = column.type
    kind = getattr(kind, "impl_instance", kind)  # a TypeDecorator: look at what it stores
    try:
        python_type = kind.python_type
    except NotImplementedError:  # SQLAlchemy's answer for types with no Python type (JSON)
        return value
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    return value


def decode_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    values = {name: decode(table.c[name], value) for name, value in row.items() if name in table.c}
    if table.name == "person_phones":
        # (Worked out again: a merge noted before phones kept their digits has none.)
        values["reversed_digits"] = reversed_digits(values["number"])
    return values


def read_row(table: Table, session: Session, row_id: int) -> dict[str, Any]:
    row = session.execute(select(table).where(table.c.id == row_id)).mappings().one()
    return encode_row(table, row)


def insert_row(session: Session, table: Table, values: dict[str, Any]) -> int:
    """Put a row back under its own id, or under a new one when its id is taken; its id."""
    if session.scalar(select(table.c.id).where(table.c.id == values["id"])) is None:
        session.execute(insert(table).values(values))
        return int(values["id"])
    fresh = {name: value for name, value in values.items() if name != "id"}
    return int(session.execute(insert(table).values(fresh).returning(table.c.id)).scalar_one())


def person_columns(table: Table) -> list[str]:
    return [
        column.name
        for column in table.columns
        if any(fk.column.table.name == "people" for fk in column.foreign_keys)
    ]


def made(row: Any) -> Any:
    """When a row was made, as the snapshot holds it (None for a table without the time)."""
    return encode(row["created_at"]) if "created_at" in row else None


def _same_moment(table: Table, value: Any, recorded: Any) -> bool:
    return bool(value == decode(table.c.created_at, recorded))


def _links(table: Table) -> list[tuple[str, Table, str | None]]:
    """(column, table it points at, what its deletion does) for every link but the workspace."""
    return [
        (column.name, fk.column.table, fk.ondelete)
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name != "workspaces"
    ]


def note_targets(session: Session, table: Table, row: Any) -> dict[str, Any]:
    """When each record a removed row points at was made, so an undo can tell them apart
    from records given their ids since."""
    noted: dict[str, Any] = {}
    for column, target, _ in _links(table):
        if row[column] is not None and "created_at" in target.c:
            noted[column] = encode(
                session.scalar(select(target.c.created_at).where(target.c.id == row[column]))
            )
    return noted


def still_linked(
    session: Session, table: Table, values: dict[str, Any], noted: dict[str, Any], *, skip: int
) -> bool:
    """Whether a removed row can come back: each record it pointed at (but the absorbed
    person, id `skip`) must still be there and be the same record. One that is gone does
    what its deletion would have done to the row: clears the link (SET NULL), or keeps the
    row from coming back (CASCADE: it would have gone with it)."""
    people_columns = set(person_columns(table))
    for column, target, ondelete in _links(table):
        value = values.get(column)
        if value is None or (column in people_columns and value == skip):
            continue
        shown = target.c.created_at if "created_at" in target.c else target.c.id
        there = session.execute(select(shown).where(target.c.id == value)).first()
        same = there is not None and (
            column not in noted or _same_moment(target, there[0], noted[column])
        )
        if same:
            continue
        if (ondelete or "").upper() == "SET NULL":
            values[column] = None
        else:
            return False
    return True


def moved_back(
    session: Session,
    table: Table,
    column: str,
    survivor_id: int,
    ids: list[int],
    snapshot: dict[str, Any],
    key: str,
) -> set[int]:
    """The survivor's rows that go back to the restored person.

    A row under an id the merge moved goes back when it is still that row: made when the
    merge noted (or, in snapshots without the time, still holding the same thing). Any other
    row under that id is someone's new one and stays. For a row gone since, or re-made under
    a new id (saving a person's e-mails anew does that), the survivor's row that holds the
    same thing goes back instead.
    """
    owner = table.c[column]
    when = dict(snapshot.get("moved_made", {}).get(key, []))
    holds = dict(snapshot.get("moved_keys", {}).get(key, []))
    rows = {
        r["id"]: r for r in session.execute(select(table).where(table.c.id.in_(ids))).mappings()
    }
    back: set[int] = set()
    lost: list[int] = []
    for row_id in ids:
        row = rows.get(row_id)
        if row is None:
            lost.append(row_id)
        elif row_id in when:
            if not _same_moment(table, row["created_at"], when[row_id]):
                lost.append(row_id)
            elif row[column] == survivor_id:
                back.add(row_id)
        elif row_id in holds and not _holds(table, row, holds[row_id]):
            lost.append(row_id)
        elif row[column] == survivor_id:
            back.add(row_id)
    for row_id in lost:
        if row_id not in holds:
            continue  # nothing to know it by
        alike = [table.c[name] == decode(table.c[name], v) for name, v in holds[row_id].items()]
        found = session.scalar(
            select(table.c.id)
            .where(owner == survivor_id, table.c.id.not_in(back), *alike)
            .order_by(table.c.id)
            .limit(1)
        )
        if found is not None:
            back.add(found)
    return back


def _holds(table: Table, row: Any, same: dict[str, Any]) -> bool:
    return all(row[name] == decode(table.c[name], value) for name, value in same.items())


def _names(key: str, person_id: int) -> bool:
    return rekey(key, {"person": {str(person_id): ""}}) != key


def keyed_tasks(session: Session, *, workspace_id: int, person_id: int) -> list[list[Any]]:
    """[id, key, made] of each playbook task whose key names the person (`...:person:12`)."""
    tasks = Base.metadata.tables["tasks"]
    rows = session.execute(
        select(tasks.c.id, tasks.c.origin_key, tasks.c.created_at).where(
            tasks.c.workspace_id == workspace_id,
            tasks.c.origin_key.like(f"%person:{person_id}%"),
        )
    )
    return [
        [r.id, r.origin_key, encode(r.created_at)] for r in rows if _names(r.origin_key, person_id)
    ]


def key_taken(session: Session, *, workspace_id: int, key: str) -> bool:
    """Whether a task of the workspace has this key (keys are unique in a workspace)."""
    tasks = Base.metadata.tables["tasks"]
    return (
        session.scalar(
            select(tasks.c.id).where(
                tasks.c.workspace_id == workspace_id, tasks.c.origin_key == key
            )
        )
        is not None
    )


def restore_keys(
    session: Session,
    snapshot: dict[str, Any],
    *,
    workspace_id: int,
    old_id: int,
    new_id: int,
    moved: set[int],
) -> None:
    """Make the task keys that named the absorbed person name them again, under their id now.

    Since version 4 a merge renames those keys to name the survivor, and notes each task
    as [id, key before, made, key after]; earlier merges left the keys alone, so only a
    person back under a new id needs a rename. A task is renamed only when it is the one
    the merge saw (made then) and still has the key the merge left: a task keyed with the
    old id and made since was made for whoever holds that id now. When another task has
    taken the wanted key since, the task keeps the key the merge left (keys are unique).
    """
    tasks = Base.metadata.tables["tasks"]
    names = {"person": {str(old_id): str(new_id)}}
    if "keyed" in snapshot:
        noted = [
            (entry[0], entry[1], entry[2], entry[3] if len(entry) > 3 else entry[1])
            for entry in snapshot["keyed"]
        ]
    else:  # versions 1 and 2: the tasks that went back to the person
        noted = [
            (r.id, r.origin_key, None, r.origin_key)
            for r in session.execute(
                select(tasks.c.id, tasks.c.origin_key).where(tasks.c.id.in_(moved))
            )
            if r.origin_key is not None and _names(r.origin_key, old_id)
        ]
    for task_id, before, when, left in noted:
        wanted = rekey(before, names)
        if wanted == left:
            continue
        row = session.execute(select(tasks).where(tasks.c.id == task_id)).mappings().first()
        if row is None or row["origin_key"] != left:
            continue
        if when is not None and not _same_moment(tasks, row["created_at"], when):
            continue
        if key_taken(session, workspace_id=workspace_id, key=wanted):
            continue
        session.execute(update(tasks).where(tasks.c.id == task_id).values(origin_key=wanted))


def take_back_pairs(session: Session, snapshot: dict[str, Any]) -> None:
    """Undo what a merge did to the survivor's possible-duplicate pairs: remove each pair it
    made, and put back in the queue each pair it told apart. A pair the user has decided on
    since (or put back in the queue) is their word now and stays as they left it; so does
    a row under a noted id made since, which is another pair."""
    table = Base.metadata.tables["duplicate_candidates"]

    def as_merged(row_id: int, when: Any, status: str) -> bool:
        row = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
        return (
            row is not None
            and _same_moment(table, row["created_at"], when)
            and encode(row["status"]) == status
        )

    for row_id, when, status in snapshot.get("carried", []):
        if as_merged(row_id, when, status):
            session.execute(delete(table).where(table.c.id == row_id))
    for row_id, when, before in snapshot.get("told_apart", []):
        if as_merged(row_id, when, "not_same"):
            session.execute(update(table).where(table.c.id == row_id).values(status=before))
