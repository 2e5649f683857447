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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.errors import Conflict, NotFound
from goodword.importers import ties
from goodword.importers.matched import Matched, RecordHeld
from goodword.importers.taking_back import role_at, take_back
from goodword.importers.written import from_record
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
from goodword.records import latest_today
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


def _gets(record: RecordHeld, names: dict[int, str]) -> list[str]:
    """What the person made by the split is given, in words."""
    gets = [f"e-mail {address}" for address, _label in record.emails]
    gets += [f"phone {normalize.phone_text(number)}" for number, _label in record.phones]
    gets += [f"web address {url}" for url, _kind, _label in record.urls]
    for org_id, title, _department, _start, _end, current, *_precision in record.jobs:
        if org_id in names:
            gets.append(("job " if current else "past job ") + role_at(title, names[int(org_id)]))
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
