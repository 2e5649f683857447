"""Taking back what a record added from the person it was matched to, where it is still as
the record left it: for a split (`splitting.split_off`) and for an undo of an import
(`undo_matches`, `undo_updates`). What changed since stays, and is said to.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from goodword.importers.matched import Added, Org
from goodword.importers.written import Written
from goodword.people import birthdays, job_dates
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.records import unify_line_breaks


class Said(Protocol):
    """What a take-back says comes off and what stays (an `Outcome`, or an undo's)."""

    taken_back: list[str]
    left: list[str]


def day_of(value: object) -> date | None:
    """A day kept as ISO text as a date (None for none)."""
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def role_at(title: str | None, organization: str) -> str:
    """A job in words: "Analyst at Kestrel Labs", or the organization alone."""
    return f"{title} at {organization}" if title else organization


def take_back(
    person: Person,
    added: Added,
    names: dict[int, str],
    outcome: Said,
    *,
    apply: bool,
    as_written: Written | None = None,
    off: str = "",
) -> set[int]:
    """Take from `person` what a record added, where it is still as the record left it (as
    it wrote it, `as_written`, where known); say in `outcome` what comes off and what stays
    (changed since). `off` follows what it added that comes off, where what is said is not
    all taken back (" taken off" beside a job current again). The ids of the jobs taken
    back."""
    taken, wrote = outcome.taken_back, as_written or Written()
    details: list[str] = []
    wrote.take_details(person, added, details, outcome.left, apply=apply)
    taken += [f"{said}{off}" for said in details]
    # A job it added that stays (changed since) still ends the ones it ended.
    still_ended, jobs = False, set()
    for org_id, title, start, end, current in added.jobs:
        if org_id not in names:
            continue  # (deleted since, with its jobs)
        role = role_at(title, names[int(org_id)])
        job = _job(person, org_id, title, start)
        if (
            job is None
            or (job.start_date, job.end_date, job.is_current) != (start, end, current)
            or not wrote.job(job)
        ):
            outcome.left.append(f"job {role} (changed or removed since)")
            ended = {(j[0], j[1], j[2]) for j in added.changed_jobs}
            # (A current job it added ended the ones before; a past one ended nothing.)
            still_ended = still_ended or (
                current and (job is not None or _similar_job(person, org_id, start, ended))
            )
            continue
        taken.append(f"job {role}{off}")
        jobs.add(job.id)
        if apply:
            person.positions.remove(job)
    for org_id, title, start, changes in added.changed_jobs:
        job = _job(person, org_id, title, start) if org_id in names else None
        if job is None:
            continue
        role = role_at(job.title, names[int(org_id)])
        # (A date's precision goes back with its date: an end taken back is no month.)
        changes = dict(changes)
        precisions = {name: changes.pop(name) for name in _PRECISIONS if name in changes}
        for attribute, (before, after) in changes.items():
            if attribute in ("end_date", "start_date"):
                before, after = day_of(before), day_of(after)
            if getattr(job, attribute) != after:
                outcome.left.append(f"job {role}: {_job_words(attribute)} (changed since)")
                continue
            if attribute == "start_date":
                # (Its precision goes back with it: 17 May 2021 back to May 2021.)
                was, now = precisions.pop("start_precision", (None, None))
                taken.append(
                    f"job {role}: start {job_dates.written(after, now)} "
                    f"(back to {job_dates.written(before, was)})"
                )
                if apply:
                    job.start_date, job.start_precision = before, was
                continue
            if attribute == "end_date" and before is not None:
                # (An end it gave more precisely goes back with its precision: 17 Mar 2023
                # back to Mar 2023; the job ended all the same.)
                was, now = precisions.pop("end_precision", (job.end_precision,) * 2)
                taken.append(
                    f"job {role}: end {job_dates.written(after, now)} "
                    f"(back to {job_dates.written(before, was)})"
                )
                if apply:
                    job.end_date, job.end_precision = before, was
                continue
            if still_ended and attribute in ("end_date", "is_current"):
                if attribute == "is_current" or "is_current" not in changes:
                    outcome.left.append(f"job {role} stays ended (the job that ended it stays)")
                continue
            if attribute == "end_date":
                # (A record kept before precisions were noted left the job's as it was.)
                kept = precisions.pop("end_precision", (job.end_precision, job.end_precision))
                after = job_dates.written(after, kept[1])
                if apply:
                    job.end_precision = kept[0] if before is not None else None
            taken.append(f"job {role}: {_job_words(attribute, before, after)}")
            if apply:
                setattr(job, attribute, before)
        if apply:
            _precisions_back(job, precisions, changes)
    for attribute, extra in (("tags", added.tags), ("interests", added.interests)):
        current = getattr(person, attribute)
        gone = [v for v in extra if v in current]
        if gone:
            taken.append(f"{attribute} " + ", ".join(gone) + off)
            if apply:
                setattr(person, attribute, [v for v in current if v not in gone])
    _notes(person, added.notes, outcome, apply=apply, off=off)
    for attribute, (before, after) in added.fields.items():
        current = getattr(person, attribute)
        if attribute == "birthday":
            before, after = day_of(before), day_of(after)
        if attribute in ("display_name", "given_name", "family_name"):
            continue  # (below: a name is one)
        if current != after:
            outcome.left.append(
                f"{_field_words(attribute)} {_value_words(attribute, current)} (changed since)"
                if current not in (None, "")
                else f"{_field_words(attribute)} (emptied since)"
            )
        else:
            taken.append(
                f"{_field_words(attribute)} {_value_words(attribute, after)}"
                + (
                    f" (back to {_value_words(attribute, before)})"
                    if before not in (None, "")
                    else off
                )
            )
            if apply:
                setattr(person, attribute, before)
    _name_back(person, added.fields, outcome, apply=apply, off=off)
    return jobs


# A job's dates' precisions ("month" for "Jan 2020"), as a record notes it changed them.
_PRECISIONS = ("start_precision", "end_precision")


def _precisions_back(
    job: Position, precisions: dict[str, tuple[Any, Any]], changes: dict[str, Any]
) -> None:
    """Put back a date's precision the record changed alone (its date given again as a
    month, say): quietly, as the import changed it, and only while still as it left it."""
    for name, (before, after) in precisions.items():
        if name == "end_precision" and "end_date" in changes:
            continue  # (its end stays: changed since, or a job that ended it stays)
        if name == "start_precision" and "start_date" in changes:
            continue  # (its start stays, changed since)
        if getattr(job, name) == after:
            setattr(job, name, before)


def _similar_job(
    person: Person,
    org_id: Org,
    start: date | None,
    ended: set[tuple[Org, str | None, date | None]],
) -> bool:
    """Whether the person holds a job at the organization from that start (its title
    edited since, say), other than one the record `ended` (or otherwise changed)."""
    return any(
        (p.organization_id, p.start_date) == (org_id, start)
        and (p.organization_id, p.title, p.start_date) not in ended
        for p in person.positions
    )


def _job(person: Person, org_id: Org, title: str | None, start: date | None) -> Position | None:
    """The job a record noted by its organization, title and start: the one from that very
    start, else, as a merge or a later import may have given it its start more precisely
    since (17 May 2021 for May 2021, kept as 1 May 2021), one whose start is that start in
    the coarsest precision it may be (a 1 January a year, another 1st a month), the closest
    of several (`job_dates.apart`)."""
    jobs = [p for p in person.positions if (p.organization_id, p.title) == (org_id, title)]
    exact = next((p for p in jobs if p.start_date == start), None)
    if exact is not None or start is None:
        return exact
    may_be = "year" if (start.month, start.day) == (1, 1) else "month" if start.day == 1 else None
    found = [
        (job_dates.apart(start, may_be, p.start_date), p)
        for p in jobs
        if p.start_date is not None
        and job_dates.compared(p.start_date, p.start_precision, start, may_be) == 0
    ]
    return min(found, key=lambda pair: pair[0], default=(None, None))[1]


def _job_words(attribute: str, before: object = None, after: object = None) -> str:
    if attribute == "is_current":
        return "current again" if before else "ended"
    if attribute == "end_date":
        return f"end {after} taken back" if after else "end"
    if attribute == "start_date":
        return "start"
    if attribute == "title":
        return f"title back to {before}" if before else "title"
    return f"department {after} taken back" if after else "department"


def _value_words(attribute: str, value: Any) -> Any:
    """A field's value as the person's page shows it: a birthday "12 April" (without its
    year, kept "--04-12") or "10 Dec 1815" (kept 1815-12-10); any other as it is."""
    if attribute == "birthday" and isinstance(value, date):
        return job_dates.in_words(value, None)
    if attribute == "birthday_no_year" and isinstance(value, str) and value:
        return birthdays.shown(value)
    return value


def _field_words(attribute: str) -> str:
    return {
        "location": "location",
        "birthday": "birthday",
        "birthday_no_year": "birthday",
        "how_we_met": "how you met",
        "keep_in_touch_days": "keep in touch every (days)",
    }.get(attribute, attribute)


def _notes(person: Person, pieces: list[str], outcome: Said, *, apply: bool, off: str = "") -> None:
    """Take back the notes a record added: each piece of text it appended, where it still
    stands as whole paragraphs (the last such place); one edited or woven into other words
    since stays, and is said to."""
    paragraphs = [p.strip() for p in unify_line_breaks(person.notes or "").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    found = 0
    for piece in reversed(pieces):  # (the last appended is the last in the notes)
        wanted = [p.strip() for p in unify_line_breaks(piece).split("\n\n") if p.strip()]
        size = len(wanted)
        at = next(
            (
                i
                for i in range(len(paragraphs) - size, -1, -1)
                if paragraphs[i : i + size] == wanted
            ),
            None,
        )
        if at is None or not wanted:
            continue
        found += 1
        del paragraphs[at : at + size]
    if found < len(pieces):
        outcome.left.append("notes it added (changed since)")
    if not found:
        return
    outcome.taken_back.append(f"notes it added{off}")
    if apply:
        person.notes = "\n\n".join(paragraphs) or None


def _name_back(
    person: Person,
    fields: Mapping[str, tuple[Any, Any]],
    outcome: Said,
    *,
    apply: bool,
    off: str = "",
) -> None:
    """A name the record filled in (the person had none) goes back with it: said `off`
    where given (as the other fields it filled in are), else "(they had none)"."""
    parts = ("display_name", "given_name", "family_name")
    if not any(part in fields for part in parts):
        return
    now = tuple(getattr(person, part) for part in parts)
    after = tuple(fields[part][1] if part in fields else now[i] for i, part in enumerate(parts))
    before = tuple(fields[part][0] if part in fields else now[i] for i, part in enumerate(parts))
    if now != after:
        outcome.left.append(f"name {person.display_name} (changed since)")
        return
    display = before[0] or " ".join(p for p in before[1:] if p)
    if not display:
        # Nothing to go back to: a person needs a name to be listed.
        outcome.left.append(f"name {person.display_name} (they had none before)")
        return
    outcome.taken_back.append(
        f"name {person.display_name} (back to {display})"
        if display != person.display_name
        else f"given and family name {' '.join(p for p in after[1:] if p)}"
        + (off or " (they had none)")
    )
    if apply:
        person.display_name, person.given_name, person.family_name = display, *before[1:]
        person.sort_name = people.person_sort_name(display, before[1], before[2])[:200]
