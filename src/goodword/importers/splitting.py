"""Undo an import's match: split a record off the person it was matched to.

An import applies a record to a person it did not make when it is sure they are one (the
same e-mail address, profile or phone, or a name with evidence), and keeps with the
record's provenance what the record held and what it added (`matched.py`). When the match
was wrong, `split_off` makes the person the record describes, with the record's own
details, jobs and LinkedIn tie, and takes back from the person it was matched to what the
record added, where that is still as the record left it: a value edited or changed by a
later import since stays, and the split says so. The record's provenance goes to the new
person (so the next import of the file finds them, not the other), and the two are marked
"not the same person", so no scan or import puts them together again. A merge undoes a
split, as any two people are merged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.errors import Conflict, NotFound
from goodword.importers import ties
from goodword.importers.matched import Added, Matched, Org, RecordHeld
from goodword.importers.written import Written, from_record
from goodword.organizations.models import Organization
from goodword.people import birthdays, job_dates, normalize
from goodword.people import service as people
from goodword.people.models import (
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.people.normalize import source_id, source_name
from goodword.records import latest_today, unify_line_breaks
from goodword.search import service as search

# Why the pair split apart waits in the queue as "not the same person".
SPLIT_REASON = "split apart by you: one record had been matched to the other"


@dataclass(frozen=True)
class SourceRead:
    """One source record behind a person, as the page, the API and the CLI list it."""

    id: int
    source: str
    source_name: str
    file_name: str | None
    external_key: str | None
    # The key as shown ("none: known by name and e-mail" for a key Goodword made).
    shown_key: str
    imported_at: datetime
    # Its line or card in the file, when it was matched to this person by an import.
    line: int | None
    # Whether it was matched to this person by an import, so it can be split off.
    can_split: bool
    # The merge that brought it here from the person it was matched to, while in place:
    # undo that merge first to split it off.
    merge_id: int | None = None


@dataclass
class Outcome:
    """What a split does, in words: what the new person gets, what comes off the person the
    record was matched to, and what stays on them because it changed since."""

    name: str
    source: SourceRead
    gets: list[str] = field(default_factory=list)
    taken_back: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


class Said(Protocol):
    """What a take-back says comes off and what stays (an `Outcome`, or an undo's)."""

    taken_back: list[str]
    left: list[str]


@dataclass(frozen=True)
class Split:
    person: Person  # the person the record describes, made by the split
    kept: Person  # the person it had been matched to
    outcome: Outcome


def sources(session: Session, *, workspace_id: int, person_id: int) -> list[SourceRead]:
    """The source records behind a person, oldest first."""
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    merged = _merged_in(session, workspace_id, person.id)
    return [source_read(s, merged.get(s.id)) for s in person.sources]


def _merged_in(
    session: Session, workspace_id: int, person_id: int | None = None
) -> dict[int, Merge]:
    """Source record id -> the merge (still in place) that moved it to this person (to
    anyone, without `person_id`)."""
    found: dict[int, Merge] = {}
    statement = select(Merge).where(Merge.workspace_id == workspace_id, Merge.undone_at.is_(None))
    if person_id is not None:
        statement = statement.where(Merge.survivor_id == person_id)
    for merge in session.scalars(statement):
        for row_id in merge.snapshot.get("moved", {}).get("person_sources.person_id", []):
            found[row_id] = merge
    return found


def merged_in(session: Session, *, workspace_id: int) -> set[int]:
    """The source records merges still in place brought to someone. What was kept of such a
    record's match is left out of exports: a restore has no merge to undo first, and the
    record's take-back would then take the other person's values too."""
    return set(_merged_in(session, workspace_id))


def source_read(row: PersonSource, merge: Merge | None = None) -> SourceRead:
    return SourceRead(
        id=row.id,
        source=row.source,
        source_name=source_name(row.source),
        file_name=row.file_name,
        external_key=row.external_key,
        shown_key=source_id(row.source, row.external_key),
        imported_at=row.imported_at,
        line=row.line or (row.matched["line"] if row.matched else None),
        can_split=row.matched is not None and merge is None,
        merge_id=merge.id if merge is not None else None,
    )


# How to undo merge N where the split is asked for (the page's Undo, `goodword people
# unmerge N`, the API's route), for the refusal of a record a merge brought.
UndoMerge = Callable[[int], str]

# Where person N's source records are listed, where the split is asked for (their page, by
# default; `goodword people provenance N`), for the refusal of a record not theirs.
ListedAt = Callable[[int], str]


def _on_their_page(_person_id: int) -> str:
    return "their page lists theirs, under Where they came from"


def _matched_row(
    session: Session,
    workspace_id: int,
    person_id: int,
    source_id: int,
    undo_merge: UndoMerge | None = None,
    listed: ListedAt = _on_their_page,
) -> tuple[Person, PersonSource, Matched]:
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    row = next((s for s in person.sources if s.id == source_id), None)
    if row is None:
        raise NotFound(
            "source record",
            source_id,
            message=f"{person.display_name} (person {person.id}) has no source record "
            f"{source_id} (split off already, or another person's): {listed(person.id)}.",
        )
    if row.matched is None:
        raise Conflict(
            f"This {source_name(row.source)} record is not one an import matched to "
            f"{person.display_name}: it made them, or was imported before Goodword kept what "
            "matched records added (then edit them by hand), so there is nothing to split off."
        )
    merge = _merged_in(session, workspace_id, person.id).get(row.id)
    if merge is not None:
        # What it added is on the person merged in, mixed with theirs since: only undoing
        # the merge tells the two apart again.
        how = f" ({undo_merge(merge.id)})" if undo_merge else ""
        raise Conflict(
            f"This {source_name(row.source)} record came to {person.display_name} when "
            f"{merge.snapshot['absorbed']['display_name']} (person {merge.absorbed_id}) was "
            f"merged into them (merge {merge.id}). Undo that merge first{how}, then split the "
            "record off the person it was matched to."
        )
    return person, row, Matched.model_validate(row.matched)


def preview(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    source_id: int,
    undo_merge: UndoMerge | None = None,
    listed: ListedAt = _on_their_page,
) -> Outcome:
    """What `split_off` would do, in words, changing nothing."""
    person, row, kept = _matched_row(
        session, workspace_id, person_id, source_id, undo_merge, listed
    )
    names = organizations_named(session, workspace_id, kept)
    outcome = Outcome(name=_name(kept.record), source=source_read(row))
    outcome.gets = _gets(kept.record, names)
    take_back(person, kept.added, names, outcome, apply=False, as_written=from_record(kept.record))
    _tie(session, workspace_id, person, None, kept, outcome)
    return outcome


def split_off(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    source_id: int,
    undo_merge: UndoMerge | None = None,
    listed: ListedAt = _on_their_page,
) -> Split:
    """Make the person a matched record describes, take back from `person_id` what it added,
    and mark the two as not the same person (see the module). A record a merge brought is
    refused, saying to undo the merge first: `undo_merge(merge_id)` says how, where asked;
    one not theirs says where theirs are listed: `listed(person_id)`, their page unless
    asked elsewhere."""
    person, row, kept = _matched_row(
        session, workspace_id, person_id, source_id, undo_merge, listed
    )
    record = kept.record
    names = organizations_named(session, workspace_id, kept)
    outcome = Outcome(name=_name(record), source=source_read(row))
    outcome.gets = _gets(record, names)
    take_back(person, kept.added, names, outcome, apply=True, as_written=from_record(record))
    new = _person(workspace_id, record, names)
    session.add(new)
    session.flush()
    # The record's provenance goes with the person it describes, and so do the copies of it
    # (two copies of one file in one import make two rows) and the source records a row of
    # Goodword's people JSON brought with it.
    key = (row.source, row.external_key)
    brought = {tuple(pair) for pair in kept.restored}
    for source in person.sources:
        if (source.source, source.external_key) == key:
            source.matched = None  # (it made the new person)
            if source.fingerprint != kept.fingerprint:
                # What the record said is not what was kept of it (a merge's undo forgot
                # it): the next import compares it in full and applies it to the new person.
                source.fingerprint = None
            source.person_id = new.id
        elif (source.source, source.external_key) in brought:
            source.person_id = new.id
    _tie(session, workspace_id, person, new, kept, outcome)
    _apart(session, workspace_id, person.id, new.id)
    session.flush()
    session.refresh(person)
    session.refresh(new)
    search.index_person(session, person)
    search.index_person(session, new)
    return Split(person=new, kept=person, outcome=outcome)


def _name(record: RecordHeld) -> str:
    name = record.display_name or " ".join(p for p in (record.given_name, record.family_name) if p)
    if not name:
        # (A card with no name, found by its e-mail address or phone.)
        if record.emails:
            return record.emails[0][0]
        if record.phones:
            return normalize.phone_text(record.phones[0][0])
        if record.urls:
            return record.urls[0][0]
    return (name or "Someone without a name")[:200]


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def organizations_named(session: Session, workspace_id: int, kept: Matched) -> dict[int, str]:
    """The organizations the record speaks of, by id, with their names now. (One deleted
    since took its jobs with it, here too: `matched.forget_organization`.)"""
    ids = {int(job[0]) for part in (kept.record.jobs, kept.added.jobs, kept.added.changed_jobs)
           for job in part}  # fmt: skip
    if not ids:
        return {}
    return dict(
        session.execute(
            select(Organization.id, Organization.name).where(
                Organization.workspace_id == workspace_id, Organization.id.in_(ids)
            )
        ).all()
    )


def _role(title: str | None, organization: str) -> str:
    return f"{title} at {organization}" if title else organization


def _gets(record: RecordHeld, names: dict[int, str]) -> list[str]:
    """What the person made by the split is given, in words."""
    gets = [f"e-mail {address}" for address, _label in record.emails]
    gets += [f"phone {normalize.phone_text(number)}" for number, _label in record.phones]
    gets += [f"web address {url}" for url, _kind, _label in record.urls]
    for org_id, title, _department, _start, _end, current, *_precision in record.jobs:
        if org_id in names:
            gets.append(("job " if current else "past job ") + _role(title, names[int(org_id)]))
    if record.location:
        gets.append(f"location {record.location}")
    if record.birthday:
        gets.append(f"birthday {job_dates.in_words(record.birthday, None)}")
    if record.birthday_no_year:
        gets.append(f"birthday {birthdays.shown(record.birthday_no_year)}")
    if record.tags:
        gets.append("tags " + ", ".join(record.tags))
    if record.notes:
        gets.append("notes")
    return gets


def _person(workspace_id: int, record: RecordHeld, names: dict[int, str]) -> Person:
    """The person the record describes, as an import would have made them."""
    given, family = record.given_name, record.family_name
    display = _name(record)
    person = Person(
        workspace_id=workspace_id,
        display_name=display,
        given_name=given,
        family_name=family,
        sort_name=people.person_sort_name(display, given, family)[:200],
        location=record.location,
        birthday=record.birthday,
        birthday_no_year=record.birthday_no_year,
        notes=record.notes,
        how_we_met=record.how_we_met,
        tags=list(record.tags),
        interests=list(record.interests),
        keep_in_touch_days=record.keep_in_touch_days,
        is_me=False,
    )
    person.emails = [
        PersonEmail(workspace_id=workspace_id, address=address, label=label, position=i)
        for i, (address, label) in enumerate(record.emails)
    ]
    person.phones = [
        PersonPhone(workspace_id=workspace_id, number=number, label=label, position=i)
        for i, (number, label) in enumerate(record.phones)
    ]
    person.urls = [
        PersonUrl(workspace_id=workspace_id, url=url, kind=kind, label=label, position=i)
        for i, (url, kind, label) in enumerate(record.urls)
    ]
    person.positions = [
        Position(
            workspace_id=workspace_id,
            organization_id=org_id,
            title=title,
            department=department,
            start_date=start,
            end_date=end,
            is_current=current,
            start_precision=precision[0] if precision else None,
            end_precision=precision[1] if precision else None,
        )
        # (An organization deleted since took its jobs with it.)
        for org_id, title, department, start, end, current, *precision in record.jobs
        if org_id in names
    ]
    return person


def take_back(
    person: Person,
    added: Added,
    names: dict[int, str],
    outcome: Said,
    *,
    apply: bool,
    as_written: Written | None = None,
) -> set[int]:
    """Take from `person` what a record added, where it is still as the record left it (as
    it wrote it, `as_written`, where known); say in `outcome` what comes off and what stays
    (changed since). The ids of the jobs taken back."""
    taken, wrote = outcome.taken_back, as_written or Written()
    wrote.take_details(person, added, taken, outcome.left, apply=apply)
    # A job it added that stays (changed since) still ends the ones it ended.
    still_ended, jobs = False, set()
    for org_id, title, start, end, current in added.jobs:
        if org_id not in names:
            continue  # (deleted since, with its jobs)
        role = _role(title, names[int(org_id)])
        job = _job(person, org_id, title, start)
        if job is None or (job.end_date, job.is_current) != (end, current) or not wrote.job(job):
            outcome.left.append(f"job {role} (changed or removed since)")
            ended = {(j[0], j[1], j[2]) for j in added.changed_jobs}
            # (A current job it added ended the ones before; a past one ended nothing.)
            still_ended = still_ended or (
                current and (job is not None or _similar_job(person, org_id, start, ended))
            )
            continue
        taken.append(f"job {role}")
        jobs.add(job.id)
        if apply:
            person.positions.remove(job)
    for org_id, title, start, changes in added.changed_jobs:
        job = _job(person, org_id, title, start) if org_id in names else None
        if job is None:
            continue
        role = _role(job.title, names[int(org_id)])
        # (A date's precision goes back with its date: an end taken back is no month.)
        changes = dict(changes)
        precisions = {name: changes.pop(name) for name in _PRECISIONS if name in changes}
        for attribute, (before, after) in changes.items():
            if attribute in ("end_date", "start_date"):
                before, after = _day(before), _day(after)
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
            taken.append(f"{attribute} " + ", ".join(gone))
            if apply:
                setattr(person, attribute, [v for v in current if v not in gone])
    _notes(person, added.notes, outcome, apply=apply)
    for attribute, (before, after) in added.fields.items():
        current = getattr(person, attribute)
        if attribute == "birthday":
            before, after = _day(before), _day(after)
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
                    else ""
                )
            )
            if apply:
                setattr(person, attribute, before)
    _name_back(person, added.fields, outcome, apply=apply)
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
    return next(
        (
            p
            for p in person.positions
            if (p.organization_id, p.title, p.start_date) == (org_id, title, start)
        ),
        None,
    )


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


def _notes(person: Person, pieces: list[str], outcome: Said, *, apply: bool) -> None:
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
    outcome.taken_back.append("notes it added")
    if apply:
        person.notes = "\n\n".join(paragraphs) or None


def _name_back(
    person: Person, fields: Mapping[str, tuple[Any, Any]], outcome: Said, *, apply: bool
) -> None:
    """A name the record filled in (the person had none) goes back with it."""
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
        else f"given and family name {' '.join(p for p in after[1:] if p)} (they had none)"
    )
    if apply:
        person.display_name, person.given_name, person.family_name = display, *before[1:]
        person.sort_name = people.person_sort_name(display, before[1], before[2])[:200]


def _tie(
    session: Session,
    workspace_id: int,
    person: Person,
    new: Person | None,
    kept: Matched,
    outcome: Outcome,
) -> None:
    """The record's LinkedIn tie to you: the one it made for the person it was matched to
    (they had none before) goes to the new person while it is still as the record made it;
    otherwise that one stays and the new person is given one of their own. (`new` None:
    only say so in `outcome`.)"""
    linked = kept.record.linkedin
    me = people.get_me(session, workspace_id=workspace_id)
    if linked is None or me is None:
        return  # (a record matched to you gives the new person a tie to you below)
    since = linked.since if linked.since is None or linked.since <= latest_today() else None
    tie = None
    if kept.added.tie:
        tie = session.scalar(
            select(Connection).where(
                Connection.workspace_id == workspace_id,
                Connection.kind == ConnectionKind.LINKEDIN,
                or_(
                    (Connection.person_a_id == me.id) & (Connection.person_b_id == person.id),
                    (Connection.person_b_id == me.id) & (Connection.person_a_id == person.id),
                ),
            )
        )
        changed = ties.changed_since(tie, since) if tie is not None else None
        if changed:
            outcome.left.append(changed)
            tie = None
    if tie is not None:
        outcome.taken_back.append("your LinkedIn tie (it goes with the record)")
    outcome.gets.append(
        "your LinkedIn tie" + (f" (connected {since.isoformat()})" if since else "")
    )
    if new is None:
        return
    if tie is not None:
        if tie.person_a_id == person.id:
            tie.person_a_id = new.id
        else:
            tie.person_b_id = new.id
        return
    session.add(
        Connection(
            workspace_id=workspace_id, person_a_id=me.id, person_b_id=new.id,
            kind=ConnectionKind.LINKEDIN, source="LinkedIn", since=since,
        )
    )  # fmt: skip


def _apart(session: Session, workspace_id: int, one: int, other: int) -> None:
    """Mark the two as not the same person (the pair, if queued, is decided so)."""
    a, b = sorted((one, other))
    candidate = session.scalar(
        select(DuplicateCandidate).where(
            DuplicateCandidate.workspace_id == workspace_id,
            DuplicateCandidate.person_a_id == a,
            DuplicateCandidate.person_b_id == b,
        )
    )
    if candidate is None:
        session.add(
            DuplicateCandidate(
                workspace_id=workspace_id, person_a_id=a, person_b_id=b, score=0.0,
                reasons=[SPLIT_REASON], status=CandidateStatus.NOT_SAME,
            )
        )  # fmt: skip
    else:
        candidate.status = CandidateStatus.NOT_SAME
