"""What the report says of each row once an import is written: the person it went to, whom
a suggested record may be, and what a record changed or left as it was, which also settles
whether a row found in someone reads as updated, merged or unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.plan import Plan
from goodword.importers.records import IncomingPerson, Role
from goodword.importers.report import YOU, Outcome
from goodword.people.models import Person
from goodword.records import among


def say_rows(
    session: Session,
    plan: Plan,
    *,
    workspace_id: int,
    me: int | None,
    person_id: Callable[[int], int],
    changes: dict[int, list[str]],
    notes: dict[int, list[str]],
    linked: Callable[[IncomingPerson], str | None],
    changed_at_source: set[int],
    put_back: dict[int, dict[str, Any]] | None = None,
) -> None:
    """Fill in each row of the plan once its people are written. `person_id` turns a plan's
    target into a person id; `changes` and `notes` (by id() of a record) are what the record
    changed and what it left as it was, and why; `linked` says what linking the user on
    LinkedIn did for a record's person; `changed_at_source` holds (by id()) the records
    found by their key whose fingerprint changed since the last import; `put_back` (by id())
    what undoing the import puts back of a record that updated someone already here."""
    alike = _alike_names(session, plan, workspace_id=workspace_id, me=me, person_id=person_id)
    for row, target in plan.rows:
        if target == 0:
            continue
        row.person_id = person_id(target)
        if row.outcome is Outcome.SUGGESTED and target in alike:
            whom, several = alike[target]
            # (Several: each with its own reasons, not the first one's.)
            row.detail = f"may be {whom}" if several else f"may be {whom}: {row.detail}"
        record = plan.records.get(id(row))
        changed = changes.get(id(record), []) if record is not None else []
        left = notes.get(id(record), []) if record is not None else []
        if target < 0:
            first = plan.drafts[-target - 1].records[0]
            folded = row.outcome is Outcome.UPDATED and record is not first
            if folded:
                # Found (by key, as you, or by name) in someone this import creates:
                # merged, unless it is more of your own details (your Positions.csv
                # beside your Profile.csv), which update you.
                if record is None or record.role is not Role.ME:
                    row.outcome = Outcome.MERGED
                row.detail = (
                    f"added to {first.name or 'you'} ({first.file_name}, line {first.line})"
                )
            if (folded or row.outcome is Outcome.MERGED) and (changed or left):
                row.detail += " — " + "; ".join([*changed, *left])
            continue
        made = linked(record) if record is not None else None
        if made is not None:
            # (Someone known before, linked to you now: after Profile.csv came, say.)
            changed = [*changed, made]
            if row.outcome is Outcome.UNCHANGED:
                row.outcome = Outcome.UPDATED
                row.detail = ""
        if row.outcome is Outcome.UPDATED:
            if changed or left:
                row.detail = "; ".join([*changed, *left])
            elif not row.detail and id(record) in changed_at_source:
                # (Found by its key, changed at its source: a value taken out, say.)
                row.detail = (
                    "changed since the last import (in the file, or in how Goodword reads "
                    "it), with nothing new; what the file no longer holds stays"
                )
            # (One with nothing new may have moved its source record: an undo puts it back.)
            if put_back and id(record) in put_back:
                row.put_back = put_back[id(record)]
            if not changed:
                row.outcome = Outcome.UNCHANGED
                if not row.detail or row.detail == YOU:
                    # (Compared in full: applied again, or never fingerprinted. Your own
                    # records are found as you: the row names you already.)
                    row.detail = "nothing new in the file"
        elif row.outcome is Outcome.MERGED and (changed or left):
            row.detail += " — " + "; ".join([*changed, *left])


def _alike_names(
    session: Session,
    plan: Plan,
    *,
    workspace_id: int,
    me: int | None,
    person_id: Callable[[int], int],
) -> dict[int, tuple[str, bool]]:
    """Plan target of a suggested record -> whom it may be, in words ("Hedy Lamarr
    (person 8)", or several joined by "or", each with its reasons when theirs differ:
    "Hedy Lamarr (person 8) (names 91% alike) or …"), and whether the reasons are said
    there (else the row's own reasons follow), for its row."""
    others: dict[int, dict[int, list[str]]] = {}
    for target, other, _score, reasons in plan.suggestions:
        others.setdefault(target, {}).setdefault(other, reasons)
    if not others:
        return {}
    known = sorted({t for found in others.values() for t in found if t > 0})
    names = dict(
        session.execute(
            select(Person.id, Person.display_name).where(
                Person.workspace_id == workspace_id, among(session, Person.id, known)
            )
        ).all()
    ) if known else {}  # fmt: skip

    def named(target: int) -> str:
        found = person_id(target)
        if found == me:
            return "you"
        if target < 0:
            first = plan.drafts[-target - 1].records[0]
            return f"{first.name or 'you'} ({first.file_name}, line {first.line})"
        return f"{names.get(found, 'someone')} (person {found})"

    alike: dict[int, tuple[str, bool]] = {}
    for target, found in others.items():
        if len({tuple(why) for why in found.values()}) == 1:
            alike[target] = (" or ".join(named(other) for other in found), False)
        else:  # (each for reasons of its own)
            whom = [f"{named(other)} ({'; '.join(why)})" for other, why in found.items()]
            alike[target] = (" or ".join(whom), True)
    return alike
