"""What a merge does to the rows of the absorbed person: re-point every row that points at
them (contact details, positions, provenance, interactions, tasks, and whatever later
record types point at people) at the survivor, removing the rows that would then repeat
one the survivor has; hand their possible-duplicate pairs and ties to the survivor; and
rename the playbook task keys that name them. Each row moved or removed is noted in the
merge's snapshot (`duplicates.snapshot`) so `merging.undo_merge` can put it back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import count
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

import goodword.models  # noqa: F401  (every table is known, so every reference to people is)
from goodword.db import Base
from goodword.duplicates.models import CandidateStatus, Merge
from goodword.duplicates.snapshot import (
    TARGETS,
    decode,
    encode,
    encode_row,
    made,
    note_targets,
    person_columns,
)
from goodword.people import job_dates
from goodword.people.titles import narrower, same_title
from goodword.playbooks.keys import rekey
from goodword.tasks.models import TaskStatus

# A person's details kept in order, the first the preferred one.
_ORDERED = {"person_emails", "person_phones", "person_urls"}
# A person's child rows, and the columns that make two of them the same thing.
_SAME_WHEN = {
    "person_emails": ("address",),
    "person_phones": ("number",),
    "person_urls": ("url",),
    "positions": ("organization_id", "title", "start_date", "end_date"),
}
# Tables that need more than re-pointing (handled one by one below).
_SPECIAL = {"people", "duplicate_candidates", "connections", "search_documents"}
# How far the user has taken a task, least first: of two tasks for one step, a merge keeps
# the one further along.
_PROGRESS = (TaskStatus.OPEN, TaskStatus.SNOOZED, TaskStatus.DISMISSED, TaskStatus.DONE)


def rename_in_keys(
    session: Session,
    snapshot: dict[str, Any],
    workspace_id: int,
    survivor_id: int,
    absorbed_id: int,
) -> None:
    """Make playbook task keys that name the absorbed person name the survivor, so a run
    for the survivor finds those tasks (and nobody later given the absorbed person's id
    does). Two tasks for one step, one made for each record, are then one task: the one
    further along is kept (done, dismissed, snoozed, open; when alike, the one whose key
    already named the survivor) and the other removed, to come back with an undo."""
    tasks = Base.metadata.tables["tasks"]
    names = {"person": {str(absorbed_id): str(survivor_id)}}
    renamed = {task_id: rekey(key, names) for task_id, key, _ in snapshot["keyed"]}
    if not renamed:
        return
    rows = session.execute(
        select(tasks)
        .where(
            tasks.c.workspace_id == workspace_id,
            or_(tasks.c.id.in_(renamed), tasks.c.origin_key.in_(set(renamed.values()))),
        )
        .order_by(tasks.c.id)
    ).mappings()
    steps: dict[str, list[Any]] = {}
    for row in rows:
        steps.setdefault(renamed.get(row["id"], row["origin_key"]), []).append(row)
    removed: set[int] = set()
    for same_step in steps.values():
        kept = max(
            same_step,
            key=lambda r: (
                _PROGRESS.index(TaskStatus(r["status"])),
                r["id"] not in renamed,
                -r["id"],
            ),
        )
        for row in same_step:
            if row is not kept:
                _remove(session, snapshot, tasks, row)
                removed.add(row["id"])
    snapshot["keyed"] = [
        [*entry, renamed[entry[0]]] for entry in snapshot["keyed"] if entry[0] not in removed
    ]
    for task_id, key in renamed.items():
        if task_id not in removed:
            session.execute(update(tasks).where(tasks.c.id == task_id).values(origin_key=key))


def _references() -> list[tuple[Table, str]]:
    """Every (table, column) that points at people, except the tables handled specially."""
    return [
        (table, column)
        for table in Base.metadata.sorted_tables
        if table.name not in _SPECIAL
        for column in person_columns(table)
    ]


def move_rows(
    session: Session, snapshot: dict[str, Any], survivor_id: int, absorbed_id: int
) -> None:
    """Re-point every reference from absorbed to survivor, noting what moved or was removed."""
    moved: dict[str, list[int]] = snapshot["moved"]
    moved_keys: dict[str, list[list[Any]]] = snapshot["moved_keys"]  # [row id, {column: value}]
    moved_made: dict[str, list[list[Any]]] = snapshot["moved_made"]  # [row id, made]
    _no_longer_imported(session, absorbed_id)
    for table, column in _references():
        col = table.c[column]
        same_when = _SAME_WHEN.get(table.name) or _unique_partners(table, column)
        where = [col == absorbed_id]
        if table.name == "merges":
            # An undone merge that kept the absorbed person is history: it keeps naming
            # them (emptied while they are gone, given back by an undo), not the survivor.
            undone = (Merge.survivor_id == absorbed_id, Merge.undone_at.is_not(None))
            snapshot["unlinked"] = list(session.scalars(select(Merge.id).where(*undone)))
            where.append(table.c.undone_at.is_(None))
        in_order = select(table).where(*where).order_by(*table.primary_key.columns)
        rows = session.execute(in_order).mappings().all()
        if not rows:
            continue
        # What the survivor already has (each row, by which a row of theirs repeats it).
        theirs: list[Any] = []
        if same_when:
            theirs = list(session.execute(select(table).where(col == survivor_id)).mappings())
        for row, instead, found in _repeats(table, same_when, theirs, rows):
            if instead is not None:
                if found:
                    _take_precisions(session, snapshot, table, instead, found)
                _remove(session, snapshot, table, row, kept_instead=instead)
                continue
            if same_when:
                same = {c: encode(row[c]) for c in same_when}
                moved_keys.setdefault(f"{table.name}.{column}", []).append([row["id"], same])
            moved.setdefault(f"{table.name}.{column}", []).append(row["id"])
            moved_made.setdefault(f"{table.name}.{column}", []).append([row["id"], made(row)])
        ids = moved.get(f"{table.name}.{column}", [])
        if ids and table.name in _ORDERED:
            _after_survivors(session, snapshot, table, column, survivor_id, ids)
        if ids:
            session.execute(update(table).where(table.c.id.in_(ids)).values({column: survivor_id}))
    _move_connections(session, snapshot, survivor_id, absorbed_id)
    _carry_pairs(session, snapshot, survivor_id, absorbed_id)


def _no_longer_imported(session: Session, absorbed_id: int) -> None:
    """The messages and invitations the absorbed person is in or wrote are changed by the
    merge (their people are), so are no longer the import's that added them: an undo of
    the import leaves them with the survivor, as it leaves a message changed by hand
    (`importers/models.py`, whose listeners see no Core statement). An undo of the merge
    does not make them the import's again: they were changed all the same."""
    interactions = Base.metadata.tables["interactions"]
    participants = Base.metadata.tables["interaction_participants"]
    theirs = select(participants.c.interaction_id).where(participants.c.person_id == absorbed_id)
    for touched in (interactions.c.id.in_(theirs), interactions.c.writer_id == absorbed_id):
        session.execute(
            update(interactions)
            .where(touched, interactions.c.import_run_id.is_not(None))
            .values(import_run_id=None)
        )


def _after_survivors(
    session: Session,
    snapshot: dict[str, Any],
    table: Table,
    column: str,
    survivor_id: int,
    ids: list[int],
) -> None:
    """Number the rows moving to the survivor after their own, in their order, so the
    survivor's first e-mail address, phone and web address stay first (the preferred).
    Each row's place before is noted in "places" ([id, position]) for an undo."""
    start = session.scalar(select(func.max(table.c.position)).where(table.c[column] == survivor_id))
    ordered = session.execute(
        select(table.c.id, table.c.position)
        .where(table.c.id.in_(ids))
        .order_by(table.c.position, table.c.id)
    ).all()
    snapshot.setdefault("places", {})[f"{table.name}.{column}"] = [
        [row.id, row.position] for row in ordered
    ]
    renumbered = [
        {"b_id": row.id, "b_position": (start if start is not None else -1) + 1 + index}
        for index, row in enumerate(ordered)
    ]
    session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(position=bindparam("b_position")),
        renumbered,
    )


def give_places_back(
    session: Session,
    snapshot: dict[str, Any],
    restored_id: int,
    put_back: dict[tuple[str, int], int],
) -> None:
    """Give the restored person's e-mail addresses, phones and web addresses the places
    they had before the merge: a row put back (`put_back`: (table, id then) to id now) has
    its own; one moved back, the place noted for it ("places", by id, or for a row saved
    anew since, by what it holds). A row with no place noted (merges before version 9)
    takes the first place left free, in the order it comes."""
    for name in sorted(_ORDERED):
        table = Base.metadata.tables[name]
        key = f"{name}.person_id"
        same_when = _SAME_WHEN[name]
        noted = dict(snapshot.get("places", {}).get(key, []))
        held = {
            tuple(holds[c] for c in same_when): noted[row_id]
            for row_id, holds in snapshot.get("moved_keys", {}).get(key, [])
            if row_id in noted
        }
        rows = session.execute(
            select(table)
            .where(table.c.person_id == restored_id)
            .order_by(table.c.position, table.c.id)
        ).mappings()
        back_in = {new for (table_name, _), new in put_back.items() if table_name == name}
        places: dict[int, int] = {}
        unplaced: list[int] = []
        for row in rows.all():
            holds = tuple(encode(row[c]) for c in same_when)
            if row["id"] in back_in:
                places[row["id"]] = row["position"]
            elif row["id"] in noted:
                places[row["id"]] = noted[row["id"]]
            elif holds in held:
                places[row["id"]] = held[holds]
            else:
                unplaced.append(row["id"])
        taken = set(places.values())
        places.update(zip(unplaced, (n for n in count() if n not in taken), strict=False))
        if places:
            session.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(position=bindparam("b_position")),
                [{"b_id": row_id, "b_position": at} for row_id, at in places.items()],
            )


def _carry_pairs(
    session: Session, snapshot: dict[str, Any], survivor_id: int, absorbed_id: int
) -> None:
    """Hand the absorbed person's possible-duplicate pairs to the survivor.

    A pair told apart stays told apart: B "not the same" as C makes the survivor A not the
    same as C, even when A and C were waiting in the queue (the user's word wins over a
    suggestion). An open pair (B, C) waits on as (A, C) unless A and C already have a pair.
    The pair of the two merged, and a stale "merged" one, go. Each pair of the absorbed
    person is removed whole, as any row a merge removes; the survivor's pairs it makes are
    noted in "carried" and the ones it told apart in "told_apart", so an undo puts all back.
    """
    table = Base.metadata.tables["duplicate_candidates"]
    a, b = table.c.person_a_id, table.c.person_b_id

    def other(row: Any, person_id: int) -> int:
        return int(row["person_b_id"] if row["person_a_id"] == person_id else row["person_a_id"])

    held = {
        other(row, survivor_id): row
        for row in session.execute(select(table).where(or_(a == survivor_id, b == survivor_id)))
        .mappings()
        .all()
    }
    carried, told = snapshot.setdefault("carried", []), snapshot.setdefault("told_apart", [])
    rows = session.execute(select(table).where(or_(a == absorbed_id, b == absorbed_id))).mappings()
    for row in rows.all():
        _remove(session, snapshot, table, row)
        them, status = other(row, absorbed_id), CandidateStatus(row["status"])
        theirs = held.get(them)
        if them == survivor_id or status is CandidateStatus.MERGED:
            continue
        if theirs is None:
            low, high = sorted((survivor_id, them))
            values = {name: row[name] for name in ("workspace_id", "score", "reasons", "status")}
            new_id = session.execute(
                insert(table)
                .values(person_a_id=low, person_b_id=high, **values)
                .returning(table.c.id)
            ).scalar_one()
            new = session.execute(select(table).where(table.c.id == new_id)).mappings().one()
            carried.append([new_id, made(new), status.value])
        elif status is CandidateStatus.NOT_SAME and theirs["status"] != CandidateStatus.NOT_SAME:
            told.append([theirs["id"], made(theirs), encode(theirs["status"])])
            session.execute(
                update(table)
                .where(table.c.id == theirs["id"])
                .values(status=CandidateStatus.NOT_SAME)
            )


def _repeats(
    table: Table, same_when: Sequence[str], theirs: list[Any], rows: Sequence[Any]
) -> Iterator[tuple[Any, int | None, dict[str, list[Any]]]]:
    """Each row of the absorbed person, with the row (id) it repeats, which a merge keeps
    instead of it (None: it moves to the survivor), and what that row takes of it: one of
    the same signature already kept, or, for a job, one of the survivor's it is
    (`_job_held`, `_paired`), which takes the dates it knows more precisely
    (`_finer_dates`) and is read with them for the next. A job of the survivor is the copy
    of one dated job only, paired best first over every pair, so the order of the jobs
    changes nothing: two stints in 2021 (January to March, September to December) beside a
    job from 2021 are that job and another, not one job."""
    known = {r["id"]: dict(r) for r in theirs}
    kept = {tuple(r[c] for c in same_when): r["id"] for r in theirs}
    paired = _paired(rows, theirs) if table.name == "positions" else {}
    for row in rows:
        signature = tuple(row[c] for c in same_when)
        instead = paired.get(row["id"])
        if instead is None and same_when:
            instead = kept.get(signature)
        if instead is None and table.name == "positions":
            instead = _job_held(row, theirs)
        found: dict[str, list[Any]] = {}
        if instead is None:
            if same_when:
                kept[signature] = row["id"]
                known[row["id"]] = dict(row)
        elif table.name == "positions":
            found = _finer_dates(known[instead], row)
            was = tuple(known[instead][c] for c in same_when)
            known[instead].update({name: row[name] for name in found})
            if kept.get(was) == instead:
                del kept[was]
            kept.setdefault(tuple(known[instead][c] for c in same_when), instead)
        yield row, instead, found


def folded_jobs(session: Session, survivor_id: int, absorbed_id: int) -> set[int]:
    """The absorbed person's jobs (ids) a merge into the survivor removes as repeats of
    others (`move_rows`), told before it is made."""
    positions = Base.metadata.tables["positions"]
    theirs = list(
        session.execute(select(positions).where(positions.c.person_id == survivor_id)).mappings()
    )
    rows = session.execute(
        select(positions).where(positions.c.person_id == absorbed_id).order_by(positions.c.id)
    )
    repeats = _repeats(positions, _SAME_WHEN["positions"], theirs, list(rows.mappings()))
    return {row["id"] for row, instead, _found in repeats if instead is not None}


_DATES = (("start_date", "start_precision"), ("end_date", "end_precision"))


def _finer_dates(kept: Any, job: Any) -> dict[str, list[Any]]:
    """What a job removed as a repeat of the job kept gives it ({column: [before, after]},
    a date as ISO text): the month or year it has a date in, where the kept job has that
    date as a whole day (kept so before months were, say: migration 0030), and a date it
    knows more precisely (17 May 2021 for "May 2021", `job_dates.finer`)."""
    found: dict[str, list[Any]] = {}
    if kept["end_date"] is None and job["end_date"] is not None:
        # (The job has ended, the other side says: it ends, as an import ends it.)
        found["end_date"] = [None, encode(job["end_date"])]
        found["end_precision"] = [kept["end_precision"], job["end_precision"]]
        if kept["is_current"] and not job["is_current"]:
            found["is_current"] = [True, False]
    for day, name in _DATES:
        if kept[day] is None or job[day] is None:
            continue
        if kept[day] == job[day] and kept[name] is None and job[name] in job_dates.PARTIAL:
            found[name] = [None, job[name]]
        elif job_dates.finer(kept[day], kept[name], job[day], job[name]):
            found[day] = [encode(kept[day]), encode(job[day])]
            found[name] = [kept[name], job[name]]
    return found


def _take_precisions(
    session: Session,
    snapshot: dict[str, Any],
    table: Table,
    kept_id: int,
    found: dict[str, list[Any]],
) -> None:
    """Give the job kept what a job removed as a repeat of it gives it (`_finer_dates`).
    Noted in "precisions" ([id, made, {column: [before, after]}]) for an undo
    (`untake_precisions`)."""
    kept = session.execute(select(table).where(table.c.id == kept_id)).mappings().one()
    snapshot.setdefault("precisions", []).append([kept_id, made(kept), found])
    values = {name: decode(table.c[name], after) for name, (_before, after) in found.items()}
    session.execute(update(table).where(table.c.id == kept_id).values(values))


def untake_precisions(session: Session, snapshot: dict[str, Any]) -> None:
    """Give the jobs a merge gave a month or year or a more precise date
    (`_take_precisions`) what they had back, each still there (made when noted) and still
    as the merge left it (a date's precision goes back only with its date). Last first: a
    job two copies changed in turn (1 May 2021 for 2021, then May 2021) goes back a step at
    a time."""
    positions = Base.metadata.tables["positions"]
    for job_id, when, found in reversed(snapshot.get("precisions", [])):
        row = session.execute(select(positions).where(positions.c.id == job_id)).mappings().first()
        if row is None or made(row) != when:
            continue
        values = {
            name: decode(positions.c[name], before)
            for name, (before, after) in found.items()
            if encode(row[name]) == after
        }
        for day, name in _DATES:
            if day in found and day not in values:
                values.pop(name, None)  # (its date changed since: both stay)
        if "end_date" in found and "end_date" not in values:
            values.pop("is_current", None)  # (an end it gave goes back with the end only)
        if values:
            session.execute(update(positions).where(positions.c.id == job_id).values(values))


def _paired(rows: Sequence[Any], theirs: list[Any]) -> dict[int, int]:
    """The survivor's job (id) that each dated job of the absorbed person is (by id), much
    as an import finds one (`importers.jobs.paired_jobs`, which also takes a job whose end
    differs, keeping the end held): at the same organization, with the
    same title, and dates that may be one job's (`job_dates.pairing`: the same start and
    end, each read in the coarser precision of the two, "May 2021" and 17 May 2021, or an
    end on one side only, the end then taken, `_finer_dates`; never a start after the
    other's end). Paired best first over every pair, then by the survivor's job first
    recorded, each of the survivor's jobs with one only, so the order of the jobs changes
    nothing."""
    pairs = []
    for row in rows:
        if row["start_date"] is None and row["end_date"] is None:
            continue
        for job in theirs:
            if (job["organization_id"], job["title"]) != (row["organization_id"], row["title"]):
                continue
            order = job_dates.pairing(_dates(job), _dates(row))
            if order is not None:
                said = [(row[d] is None, row[d] or date.min, row[p] or "") for d, p in _DATES]
                pairs.append(((order, said), row["id"], job["id"]))
    found: dict[int, int] = {}
    for _order, row_id, job_id in sorted(pairs, key=lambda pair: (pair[0], pair[2])):
        if row_id not in found and job_id not in found.values():
            found[row_id] = job_id
    return found


def _dates(job: Any) -> job_dates.Dates:
    return job_dates.Dates(
        job["start_date"], job["start_precision"], job["end_date"], job["end_precision"]
    )


def _job_held(job: Any, held: list[Any]) -> int | None:
    """The survivor's job (id) that an undated job of the absorbed person is, as an import
    finds a job held already: at the same organization, and untitled, or titled as it or
    as less of it ("Recruiter at Northwind" for "Northwind"; "Eng Mgr" and "Engineering
    Manager"; "Analyst" for "Data Analyst"), ended since or not."""
    if job["start_date"] is not None or job["end_date"] is not None:
        return None
    title = job["title"]
    for theirs in held:
        if theirs["organization_id"] != job["organization_id"]:
            continue
        if (
            not title
            or theirs["title"] == title
            or (same_title(theirs["title"], title) and len(title) <= len(theirs["title"]))
            or narrower(title, theirs["title"])
        ):
            return int(theirs["id"])
    return None


def _remove(
    session: Session,
    snapshot: dict[str, Any],
    table: Table,
    row: Any,
    *,
    kept_instead: int | None = None,
) -> None:
    """Delete a row the merge makes a repeat, keeping it whole (and when what it points at
    was made) for an undo. Rows that belong to it (a reference's uses) go to the row kept
    instead, when there is one, rather than with it."""
    if kept_instead is not None:
        _hand_over(session, snapshot, table, row["id"], kept_instead)
    kept = encode_row(table, row)
    kept[TARGETS] = note_targets(session, table, row)
    snapshot["deleted"].setdefault(table.name, []).append(kept)
    session.execute(delete(table).where(table.c.id == row["id"]))


def _hand_over(
    session: Session, snapshot: dict[str, Any], parent: Table, from_id: int, to_id: int
) -> None:
    """Point the rows that belong to one row of `parent` at another (the absorbed person's
    reference's uses at the survivor's reference); one the other row already has (a use for
    the same opportunity) is removed as a repeat. Each is noted in "handed" for an undo."""
    handed: list[list[Any]] = snapshot.setdefault("handed", [])
    for child in Base.metadata.sorted_tables:
        for column in child.columns:
            if child is parent or not any(fk.column.table is parent for fk in column.foreign_keys):
                continue
            rows = session.execute(select(child).where(column == from_id)).mappings().all()
            if not rows:
                continue
            partners = _unique_partners(child, column.name)
            held = {
                tuple(r[c] for c in partners)
                for r in session.execute(select(child).where(column == to_id)).mappings()
            }
            for row in rows:
                if partners and tuple(row[c] for c in partners) in held:
                    _remove(session, snapshot, child, row)
                    continue
                handed.append(
                    [child.name, column.name, row["id"], parent.name, from_id, to_id, made(row)]
                )
                session.execute(
                    update(child).where(child.c.id == row["id"]).values({column.name: to_id})
                )


def _unique_partners(table: Table, column: str) -> tuple[str, ...]:
    """The other columns of a unique constraint that includes `column` (a participant's
    interaction, say): a row the survivor already has with them is a repeat."""
    for constraint in table.constraints:
        names = [c.name for c in getattr(constraint, "columns", [])]
        if constraint.__class__.__name__ == "UniqueConstraint" and column in names:
            return tuple(n for n in names if n != column)
    return ()


def _move_connections(
    session: Session, snapshot: dict[str, Any], survivor_id: int, absorbed_id: int
) -> None:
    """Re-point ties; a tie between the two, or one the survivor already has, is removed."""
    table = Base.metadata.tables["connections"]
    a, b = table.c.person_a_id, table.c.person_b_id
    existing = {
        (r["kind"], r["person_b_id"] if r["person_a_id"] == survivor_id else r["person_a_id"])
        for r in session.execute(
            select(table).where(or_(a == survivor_id, b == survivor_id))
        ).mappings()
    }
    rows = session.execute(select(table).where(or_(a == absorbed_id, b == absorbed_id))).mappings()
    for row in rows.all():
        other = row["person_b_id"] if row["person_a_id"] == absorbed_id else row["person_a_id"]
        if other == survivor_id or (row["kind"], other) in existing:
            _remove(session, snapshot, table, row)
            continue
        existing.add((row["kind"], other))
        for column in ("person_a_id", "person_b_id"):
            if row[column] == absorbed_id:
                snapshot["moved"].setdefault(f"connections.{column}", []).append(row["id"])
                snapshot["moved_made"].setdefault(f"connections.{column}", []).append(
                    [row["id"], made(row)]
                )
                session.execute(
                    update(table).where(table.c.id == row["id"]).values({column: survivor_id})
                )
