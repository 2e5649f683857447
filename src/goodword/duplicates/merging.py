"""Merge two people into one, and undo a merge.

A merge keeps everything. Every row that points at the absorbed person (contact details,
positions, provenance, interactions, connections, tasks, opportunities, and whatever later
record types point at people) is re-pointed at the survivor; rows that would then repeat
one the survivor already has are removed. The absorbed person's possible-duplicate pairs
become the survivor's, so two people the user told apart stay apart. Playbook task keys
that name the absorbed person name the survivor after, so each playbook finds its tasks
for them. The Merge row stores which rows moved, every removed row in full, the keys as
they were and both people's own fields, so `undo_merge` can put it all back;
`duplicates.moving` moves and removes the rows, `duplicates.snapshot` writes that record
and reads it back, and `duplicates.current_job` settles which current job stays current.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

import goodword.models  # noqa: F401  (every table is known, so every reference to people is)
from goodword import clock
from goodword.db import Base
from goodword.duplicates import current_job, moving
from goodword.duplicates.models import Merge
from goodword.duplicates.schemas import CHOOSABLE, MergeChoices, MergeRead
from goodword.duplicates.snapshot import (
    SNAPSHOT_VERSION,
    TARGETS,
    decode,
    decode_row,
    encode,
    insert_row,
    key_taken,
    keyed_tasks,
    made,
    moved_back,
    person_columns,
    read_row,
    restore_keys,
    still_linked,
    take_back_pairs,
)
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.people import birthdays
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import NOTES_MAX
from goodword.playbooks.keys import rekey
from goodword.records import clean_list, get_owned, sort_key
from goodword.search import service as search
from goodword.search.folding import ALSO_KNOWN_AS, fold

_OWN_FIELDS = (*CHOOSABLE, "birthday_no_year", "tags", "interests", "is_me", "sort_name",
               "keep_in_touch_days")  # fmt: skip
_BIRTHDAY = {"birthday", "birthday_no_year"}


def get_merge(session: Session, *, workspace_id: int, merge_id: int) -> Merge:
    return get_owned(session, Merge, workspace_id=workspace_id, record_id=merge_id, kind="merge")


def merged_into(
    session: Session, *, workspace_id: int, person_id: int
) -> tuple[str, Person] | None:
    """(their name then, whom they live on in) for a person merged away and not brought
    back: the survivor of their last merge (a later merge of that survivor moves the record
    on to its own survivor, so this is whoever holds them now). None when nobody does."""
    record = session.scalar(
        select(Merge)
        .where(
            Merge.workspace_id == workspace_id,
            Merge.absorbed_id == person_id,
            Merge.undone_at.is_(None),
            Merge.survivor_id.is_not(None),
        )
        .order_by(Merge.merged_at.desc(), Merge.id.desc())
        .limit(1)
    )
    if record is None or record.survivor_id is None:
        return None
    survivor = session.get(Person, record.survivor_id)
    if survivor is None:
        return None
    return str(record.snapshot.get("absorbed", {}).get("display_name", "")), survivor


def merge_to_read(record: Merge) -> MergeRead:
    absorbed = record.snapshot.get("absorbed", {})
    return MergeRead(
        id=record.id,
        survivor_id=record.survivor_id,
        absorbed_id=record.absorbed_id,
        absorbed_name=str(absorbed.get("display_name", "")),
        survivor_name=str(record.snapshot.get("survivor_before", {}).get("display_name", "")),
        reason=record.reason,
        merged_at=record.merged_at,
        undone_at=record.undone_at,
    )


def merge(
    session: Session,
    *,
    workspace_id: int,
    survivor_id: int,
    absorbed_id: int,
    choices: MergeChoices | dict[str, str] | None = None,
    reason: str | None = None,
) -> Merge:
    """Merge `absorbed` into `survivor`, keeping everything of both; return the undoable Merge."""
    if survivor_id == absorbed_id:
        raise InvalidInput(
            "A person cannot be merged with themself; pick two people.",
            fields=[FieldError("absorbed_id", "Pick someone other than the person kept.")],
        )
    survivor = people.get(session, workspace_id=workspace_id, person_id=survivor_id)
    absorbed = people.get(session, workspace_id=workspace_id, person_id=absorbed_id)
    picked = choices if isinstance(choices, MergeChoices) else _choices(choices or {})
    session.flush()
    snapshot: dict[str, Any] = {
        "version": SNAPSHOT_VERSION,
        "survivor_before": _own(survivor),
        "absorbed": read_row(Base.metadata.tables["people"], session, absorbed.id),
        "moved": {},
        "moved_keys": {},
        "moved_made": {},
        "deleted": {},
        "keyed": keyed_tasks(session, workspace_id=workspace_id, person_id=absorbed.id),
    }
    after = _chosen_fields(survivor, absorbed, picked)
    notes = len(after["notes"] or "")
    if notes > max(NOTES_MAX, len(survivor.notes or ""), len(absorbed.notes or "")):
        raise InvalidInput(
            f"Their notes together are {notes:,} characters, more than the {NOTES_MAX:,} a "
            "person's notes hold. Shorten one person's notes, or keep one person's notes "
            "only, and merge again."
        )
    snapshot["also_known_as"] = _also_known_as(after, survivor, absorbed)
    moving.rename_in_keys(session, snapshot, workspace_id, survivor.id, absorbed.id)
    # (The absorbed person's current jobs that are not repeats of others, as the review asks.)
    mine, theirs = current_job.weighed(session, survivor_id=survivor.id, absorbed_id=absorbed.id)
    moving.move_rows(session, snapshot, survivor.id, absorbed.id)
    current_job.settle(session, snapshot, mine, theirs, picked.current_job)
    search.remove(session, kind=people.KIND, record_id=absorbed.id)
    session.execute(delete(Person).where(Person.id == absorbed.id))
    session.expire_all()
    survivor = people.get(session, workspace_id=workspace_id, person_id=survivor_id)
    if snapshot["absorbed"]["is_me"]:
        survivor.is_me = True
    for name, value in after.items():
        setattr(survivor, name, value)
    session.flush()
    snapshot["survivor_after"] = _own(survivor)
    record = Merge(
        workspace_id=workspace_id,
        survivor_id=survivor.id,
        absorbed_id=absorbed_id,
        snapshot=snapshot,
        merged_at=clock.now(),
        reason=reason,
    )
    session.add(record)
    session.flush()
    search.index_person(session, survivor)
    return record


def _choices(raw: dict[str, str]) -> MergeChoices:
    from goodword.forms import validate

    return validate(MergeChoices, raw)


def _own(person: Person) -> dict[str, Any]:
    return {name: encode(getattr(person, name)) for name in _OWN_FIELDS}


def _field(person: Person, name: str) -> Any:
    """A field as a merge weighs it: a birthday is the whole date or the day alone."""
    if name == "birthday":
        return person.birthday or person.birthday_no_year
    return getattr(person, name)


def _chosen_fields(survivor: Person, absorbed: Person, choices: MergeChoices) -> dict[str, Any]:
    """The survivor's own fields after the merge: chosen values, both notes, all tags, a
    keep-in-touch rhythm either has. A name is one value: the given and family names follow
    the name shown chosen, unless chosen themselves. Choosing a side that has no place,
    birthday, notes or how-you-met where the other has one is refused: it would lose the
    other's (the review page never offers it)."""
    empty = [
        FieldError(
            f"choices.{name}",
            f"{(survivor if side == 'a' else absorbed).display_name} has no "
            f"{name.replace('_', ' ')} to keep; choose the other's, or leave it out to keep "
            "the one there is.",
        )
        for name in CHOOSABLE
        # (The name is one choice, its parts with it: "Cher" over "Cher Sarkisian" is kept
        # whole, as the review page offers it.)
        if name not in ("display_name", "given_name", "family_name")
        and (side := getattr(choices, name)) is not None
        and not _field(survivor if side == "a" else absorbed, name)
        and _field(absorbed if side == "a" else survivor, name)
    ]
    if empty:
        raise InvalidInput("A merge cannot keep an empty value over one there is.", fields=empty)
    if choices.display_name is not None:
        choices = choices.model_copy(
            update={
                "given_name": choices.given_name or choices.display_name,
                "family_name": choices.family_name or choices.display_name,
            }
        )
    after: dict[str, Any] = {}
    for name in CHOOSABLE:
        mine, theirs = _field(survivor, name), _field(absorbed, name)
        side = getattr(choices, name)
        if name == "notes" and side is None and mine and theirs and theirs not in mine:
            value = f"{mine}\n\n{theirs}"
        elif side == "b" or (side is None and not mine):
            value = theirs
        else:
            value = mine
        after[name] = value
    if not after["display_name"]:
        after["display_name"] = survivor.display_name
    born = after["birthday"]
    whole = survivor.birthday or absorbed.birthday
    if choices.birthday is None and isinstance(born, str) and whole:
        # A day alone and a whole birthday on that day: the whole one says more.
        born = whole if birthdays.parts(born) == (whole.month, whole.day) else born
    after["birthday"] = born if isinstance(born, date) else None
    after["birthday_no_year"] = born if isinstance(born, str) else None
    given, family = after["given_name"], after["family_name"]
    after["sort_name"] = sort_key(f"{family} {given or ''}" if family else after["display_name"])
    after["tags"] = clean_list([*survivor.tags, *absorbed.tags])
    after["interests"] = clean_list([*survivor.interests, *absorbed.interests])
    # A keep-in-touch rhythm set on either is kept (the survivor's, when both have one).
    after["keep_in_touch_days"] = (
        survivor.keep_in_touch_days
        if survivor.keep_in_touch_days is not None
        else absorbed.keep_in_touch_days
    )
    return after


def _also_known_as(after: dict[str, Any], survivor: Person, absorbed: Person) -> list[str]:
    """Write the name the merge does not keep into the notes ("Also known as 田中 愛子"), so
    a search by it still finds the person; return the lines written (undo takes them out)."""
    written = []
    for other in (survivor.display_name, absorbed.display_name):
        line = f"{ALSO_KNOWN_AS}{other}"
        notes = after["notes"] or ""
        joined = f"{notes}\n\n{line}" if notes else line
        if (
            fold(other) != fold(after["display_name"])
            and line not in notes.split("\n")
            and len(joined) <= NOTES_MAX
        ):
            after["notes"] = joined
            written.append(line)
    return written


def _without_line(notes: str | None, line: str) -> str | None:
    """The notes without that whole line and the blank line that set it apart.

    >>> _without_line("Met in Osaka.\\n\\nAlso known as Aiko\\n\\nCalled.", "Also known as Aiko")
    'Met in Osaka.\\n\\nCalled.'
    >>> _without_line("Also known as Aiko\\n\\nCalled.", "Also known as Aiko")
    'Called.'
    """
    lines = (notes or "").split("\n")
    if line not in lines:
        return notes
    at = lines.index(line)
    del lines[at]
    if at > 0 and lines[at - 1] == "" and (at == len(lines) or lines[at] == ""):
        del lines[at - 1]
    elif at == 0 and lines and lines[0] == "":
        del lines[0]
    return "\n".join(lines) or None


def undo_merge(session: Session, *, workspace_id: int, merge_id: int) -> Person:
    """Restore the absorbed person with everything they had, and the survivor as they were."""
    record = get_merge(session, workspace_id=workspace_id, merge_id=merge_id)
    if record.undone_at is not None:
        raise Conflict(f"Merge {record.id} was already undone.")
    if record.survivor_id is None:
        raise Conflict("The person this merge kept has since been deleted, so it cannot be undone.")
    survivor = people.get(session, workspace_id=workspace_id, person_id=record.survivor_id)
    later = session.scalar(
        select(func.max(Merge.id)).where(
            Merge.workspace_id == workspace_id,
            Merge.survivor_id == record.survivor_id,
            Merge.id > record.id,
            Merge.undone_at.is_(None),
        )
    )
    if later is not None:
        raise Conflict(
            f"{survivor.display_name} took in someone else after this merge (merge {later}). "
            "Merges into the same person are undone newest first: undo that one, then this."
        )
    snapshot = record.snapshot
    tables = Base.metadata.tables
    absorbed_row = decode_row(tables["people"], snapshot["absorbed"])
    # The merge touched them: they are no longer as their import made them.
    absorbed_row["made_by_import"] = None
    # A field changed since the merge (an edit, a later import) keeps its new value; the
    # others go back to what the survivor had. (Merges kept before snapshots recorded what
    # the merge left put every field back.)
    left = snapshot.get("survivor_after")
    now = _own(survivor)
    if survivor.is_me and absorbed_row["is_me"]:
        survivor.is_me = False
        session.flush()
    changed = {name for name in now if left is not None and now.get(name) != left.get(name)}
    # A birthday is one field kept two ways (with its year or without): an edit of either
    # keeps both as they are now, as a person never holds both.
    if changed & _BIRTHDAY:
        changed |= _BIRTHDAY
    for name, value in snapshot["survivor_before"].items():
        if name not in changed:
            setattr(survivor, name, decode(tables["people"].c[name], value))
    # A name the merge wrote into notes changed since goes as it came.
    for line in snapshot.get("also_known_as", []):
        survivor.notes = _without_line(survivor.notes, line)
    current_job.unsettle(session, snapshot)
    moving.untake_precisions(session, snapshot)
    # The sort name follows the name fields as they now stand (some may be kept edits).
    survivor.sort_name = people.person_sort_name(
        survivor.display_name, survivor.given_name, survivor.family_name
    )
    session.flush()
    # Before migration 0033 SQLite gave the largest id again once its row was gone, so
    # someone added since a merge made then may hold the absorbed person's old id: they
    # come back under a new one then, and so does any removed row whose id has been given
    # out again. No other id is trusted either: see `snapshot`.
    old_id = absorbed_row["id"]
    restored_id = insert_row(session, tables["people"], absorbed_row)
    tasks_back: set[int] = set()
    for key, ids in snapshot["moved"].items():
        table_name, column = key.split(".")
        table = tables[table_name]
        back = moved_back(session, table, column, survivor.id, ids, snapshot, key)
        values: dict[str, Any] = {column: restored_id}
        if table_name == "person_sources":
            # An import while merged wrote what a record said onto the survivor: forgetting
            # its fingerprint makes the next import apply the record to the restored person.
            values["fingerprint"] = None
        if back:
            session.execute(update(table).where(table.c.id.in_(back)).values(values))
        if key == "tasks.person_id":
            tasks_back = back
    restore_keys(
        session,
        snapshot,
        workspace_id=workspace_id,
        old_id=old_id,
        new_id=restored_id,
        moved=tasks_back,
    )
    # Before the removed pairs come back: a pair the merge made may hold one's id (SQLite).
    take_back_pairs(session, snapshot)
    # Parents before the rows that belong to them (a reference before its uses).
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
    put_back: dict[tuple[str, int], int] = {}
    for table_name, rows in sorted(snapshot["deleted"].items(), key=lambda t: order[t[0]]):
        for row in rows:
            new = _put_back(session, tables[table_name], row, old_id=old_id, new_id=restored_id)
            if new is not None:
                put_back[(table_name, row["id"])] = new
    _hand_back(session, snapshot, put_back)
    moving.give_places_back(session, snapshot, restored_id, put_back)
    if snapshot.get("unlinked"):
        unlinked = Merge.id.in_(snapshot["unlinked"]), Merge.survivor_id.is_(None)
        session.execute(update(Merge).where(*unlinked).values(survivor_id=restored_id))
    record.absorbed_id = restored_id
    record.undone_at = clock.now()
    session.flush()
    session.expire_all()
    restored = people.get(session, workspace_id=workspace_id, person_id=restored_id)
    search.index_person(session, restored)
    search.index_person(
        session, people.get(session, workspace_id=workspace_id, person_id=survivor.id)
    )
    return restored


def _hand_back(
    session: Session, snapshot: dict[str, Any], put_back: dict[tuple[str, int], int]
) -> None:
    """Give the rows the merge handed to a kept row back to the row they belonged to, now
    put back (under its id now): each one still there, made when noted and still the kept
    row's. One handed over and deleted since stays deleted; one whose row stayed out (what
    it pointed at is gone) stays with the kept row."""
    tables = Base.metadata.tables
    for table_name, column, row_id, parent_name, from_id, to_id, when in snapshot.get("handed", []):
        table, parent = tables[table_name], put_back.get((parent_name, from_id))
        row = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
        if parent is None or row is None or made(row) != when or row[column] != to_id:
            continue
        session.execute(update(table).where(table.c.id == row_id).values({column: parent}))


def _put_back(
    session: Session, table: Table, row: dict[str, Any], *, old_id: int, new_id: int
) -> int | None:
    """Insert a row the merge removed, pointing at the restored person under their id now;
    one whose records have gone since goes as their deletion would have taken it. Its id
    now, or None when it stays out."""
    values = decode_row(table, row)
    if not still_linked(session, table, values, row.get(TARGETS, {}), skip=old_id):
        return None
    for column in person_columns(table):
        if values.get(column) == old_id:
            values[column] = new_id
    if values.get("origin_key") is not None:  # a task a merge made a repeat of another
        values["origin_key"] = rekey(values["origin_key"], {"person": {str(old_id): str(new_id)}})
        if key_taken(session, workspace_id=values["workspace_id"], key=values["origin_key"]):
            return None  # made for the same step since the merge: that task stands for it
    return insert_row(session, table, values)
