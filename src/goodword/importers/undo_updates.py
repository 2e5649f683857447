"""Undoing an import's updates: what a record found in someone already here by its key (a
newer copy of a record imported before, or your own details) changed about them is put
back, as if the import never happened.

The writer keeps, with the record's row in the report (`RowOutcome.put_back`), what the
record changed, each value before and after (`matched.added`, as a match keeps it), and
what its provenance was before: the fingerprint its source record had (so importing the
same file again applies it again), whether the import added that source record, and, for
a newer copy of a record matched to them before, what was kept of that match. Undoing puts
each value back where it is still as the import left it (`taking_back.take_back`, as a split
does): a job it added goes and the one it ended is current again; a value changed since
stays, and is said to. A report kept before Goodword kept this has none: those updates
stay (`undoing.UPDATED`).

    {"added": {…},                               # `matched.added`
     "print": [source, key, before, after],      # the fingerprint brought up to date
     "rekey": [source, former, key, before, after],  # or: the key it took, and fingerprint
     "new": [source, key],                       # or: the source record it added
     "matched": [row id, kept JSON before],      # a newer copy of a matched record
     "written": {…},                             # `written.kept`: its labels, departments
     "lines": [[then, now]],                     # note lines it rewrote in place
     "tie": [since],                             # the LinkedIn tie to you it made
     "tie_date": [before, after],                # or: the date it moved that tie to
     "me": true}                                 # it marked them as you

A record found with nothing new that moved its source record all the same (re-keyed it, gave
it a new fingerprint) keeps only that, and only that is put back (`sources_back`); one of
someone merged into another since stays with them, said to, as an update's does.

A record that joins a match this import made (a second copy of a matched record, in
another file) has what it changed kept with that match (`kept_matches`): its row keeps
only `JOINED`, and comes off with the match (`undo_matches`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.importers import matched, taking_back, ties, written
from goodword.importers.bulk import Changes, Known, cut
from goodword.importers.records import IncomingPerson
from goodword.importers.report import RowOutcome
from goodword.importers.state import WorkspaceState
from goodword.importers.undo_matches import Found, TakenBack, untie
from goodword.organizations.models import Organization
from goodword.people import job_dates
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.normalize import source_name
from goodword.records import unify_line_breaks
from goodword.search import service as search

# What a record that joined a match of its own import keeps for an undo.
JOINED = {"joined": True}


def joined(put_back: dict[str, Any] | None) -> bool:
    """Whether a report's row is of a record that joined a match of its own import."""
    return bool(put_back and put_back.get("joined"))


def source_before(
    state: WorkspaceState, person: Known, record: IncomingPerson, former: str | None = None
) -> tuple[str, str | None, int | None] | None:
    """The record's source record as the person holds it before the import writes it: its
    source, key and fingerprint, or None when the import adds it (or it has no key). One
    held under the record's `former` key (an older file's) is that one, which
    `Provenance._provenance` gives the record's own key."""
    key = record.key
    if not key:
        return None
    if (record.source, key) not in person.sources:
        if not former or (record.source, former) not in person.sources:
            return None
        key = former
    shared = state.shared.get((record.source, key))
    printed = shared.get(person.id) if shared else state.fingerprints.get((record.source, key))
    return record.source, cut(key, 300), printed


def noted(
    state: WorkspaceState,
    mark: matched.Mark,
    person: Known,
    out: Changes,
    record: IncomingPerson,
    before: tuple[str, str | None, int | None] | None,
    *,
    held: tuple[int | None, dict[str, Any]] | None = None,
    me: bool = False,
    lines: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What undoing the import puts back of a record applied to a known person: what it
    changed since `mark`, its source record as it was (`before`, from `source_before`),
    what was kept of the match it is a newer copy of (`held`, `KeptMatches.begin`),
    whether it marked them as you (`me`), and the note lines it rewrote in place (of
    `lines`, `SaidThen.lines_then`: each line for the one it said then)."""
    kept: dict[str, Any] = {
        "added": matched.added(mark, person, out),
        "written": written.kept(out, mark.emails, mark.phones, mark.urls, mark.positions),
    }
    if lines:
        _rewritten(kept, mark.values["notes"], person.values["notes"], lines)
    if before is not None:
        # (As `Provenance._provenance` brought it up to date: not worked out again.)
        now = source_before(state, person, record)
        after = now[2] if now else None
        if now is not None and now[1] != before[1]:
            kept["rekey"] = [*before[:2], now[1], before[2], after]  # (re-keyed)
        else:
            kept["print"] = [*before, after]
    elif record.key and (record.source, record.key) in person.sources:
        kept["new"] = [record.source, cut(record.key, 300)]
    if held is not None and held[0] is not None:
        kept["matched"] = [held[0], held[1]]
    if me:
        kept["me"] = True
    return kept


def _rewritten(kept: dict[str, Any], before: str | None, after: str | None,
               lines: dict[str, str]) -> None:  # fmt: skip
    """The note lines a record rewrote in place (`applying.apply_record`'s `lines_then`, as
    it does it: the first line that is what it said then), each [then, now]; and what it
    appended after them, which `matched.added` finds only after the notes as they were."""
    was = unify_line_breaks(before or "").split("\n")
    now = unify_line_breaks(after or "")
    rewritten = []
    for line, then in lines.items():
        at = next((i for i, held in enumerate(was) if held.strip() == then), None)
        if at is not None:
            was[at] = line
            rewritten.append([then, line])
    joined = "\n".join(was)
    if not rewritten or not now.startswith(joined):
        return
    kept["lines"] = rewritten
    appended = now[len(joined) :].strip()
    kept["added"]["notes"] = [appended] if appended else []


def note_ties(
    put_back: dict[int, dict[str, Any]],
    made: dict[int, date | None],
    connections: list[tuple[int, IncomingPerson]],
    moved: dict[int, tuple[date | None, date]],
    applied: Collection[int],
) -> None:
    """Add the LinkedIn tie to you the import made for someone already here (`connections`:
    the plan's, by target; `made`: `LinkedInTies.made`, by id() of the record, its date) to
    what undoing it puts back; and the date a newer copy of a record moved their tie to
    (`moved`: `LinkedInTies.moved`). A record the import applied (`applied`, by id()) is
    noted by `Writer` already, with its source record, if it links them (`will_link`); one
    it did not (absent) joined someone, and its match keeps the tie (`KeptMatches.note`). A
    record passed over as unchanged since the last import (not applied: you are known now,
    your Profile.csv beside it) has its source record as it was: only the tie goes back."""
    for target, record in connections:
        if target <= 0:
            continue
        kept = put_back.get(id(record))
        if id(record) in made:
            if kept is None and id(record) in applied:
                continue  # (it joined someone: see above)
            if kept is None:
                kept = put_back[id(record)] = {"added": _NOTHING}
            if not joined(kept):
                since = made[id(record)]
                kept["tie"] = [since.isoformat() if since else None]
        elif id(record) in moved and kept is not None:
            before, after = moved[id(record)]
            kept["tie_date"] = [before.isoformat() if before else None, after.isoformat()]


# What comes off beside what goes back as it was says so ("job Fellow at Royal Society taken
# off", "job Mathematician at Analytical Engines: current again"), under "Put back".
TAKEN_OFF = " taken off"
# What a record that only linked someone to you changed about them.
_NOTHING = matched.Added().model_dump(mode="json", exclude={"tie"})


@dataclass
class _Said:
    """What comes back and what stays, in words (as `splitting.Outcome` says them)."""

    taken_back: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def put_back(
    session: Session,
    *,
    workspace_id: int,
    rows: dict[int, list[RowOutcome]],
    merged_since: dict[int, int | None],
    imported_at: datetime,
    apply: bool,
) -> Found:
    """For each person already here, the rows of the records that updated them (in the
    report's order): what they changed is put back (with `apply`), or only said."""
    found = Found()
    me = people.get_me(session, workspace_id=workspace_id) if rows else None
    for person_id in sorted(rows):
        person = session.get(Person, person_id)
        if person is None or person.workspace_id != workspace_id:
            if person_id in merged_since:
                found.kept.append(
                    (
                        person_id,
                        rows[person_id][0].name,
                        f"merged into person {merged_since[person_id]} since; undo that merge "
                        "first to put back what the import changed",
                    )
                )
            continue  # (deleted since: nothing to put back)
        theirs = rows[person_id]
        name = person.display_name
        said = _Said()
        added = _composed([row.put_back or {} for row in theirs])
        names = _organizations(session, workspace_id, added)
        wrote = written.from_kept([(row.put_back or {}).get("written", {}) for row in theirs])
        found.positions |= taking_back.take_back(
            person, added, names, said, apply=apply, as_written=wrote, off=TAKEN_OFF
        )
        tied = [row.put_back["tie"][0] for row in theirs if row.put_back and "tie" in row.put_back]
        if tied and me is not None:
            _tie(session, workspace_id, me, person, tied[0], said, apply=apply)
        moved = [row.put_back["tie_date"] for row in theirs
                 if row.put_back and "tie_date" in row.put_back]  # fmt: skip
        if moved and me is not None:
            _tie_date(session, workspace_id, me, person, moved[0][0], moved[-1][1], said,
                      apply=apply)  # fmt: skip
        rewritten = [pair for row in theirs for pair in (row.put_back or {}).get("lines", [])]
        if rewritten:
            _lines_back(person, rewritten, said, apply=apply)
        if person.is_me and any((row.put_back or {}).get("me") for row in theirs):
            # (Still you: someone else marked as you since, they are not, and stay so.)
            said.taken_back.append("no longer marked as you")
            if apply:
                person.is_me = False
        if apply:
            for row in reversed(theirs):
                _provenance_back(session, workspace_id, person, row.put_back or {}, imported_at)
            session.flush()
            session.refresh(person)
            search.index_person(session, person)
        found.taken_back.append(
            TakenBack(
                person.id,
                name,
                [f"its update, line {row.line} of {row.file}" if row.line else row.file
                 for row in theirs],
                list(dict.fromkeys(said.taken_back)),
                list(dict.fromkeys(said.left)),
            )
        )  # fmt: skip
    return found


def sources_back(
    session: Session,
    *,
    workspace_id: int,
    rows: dict[int, list[RowOutcome]],
    merged_since: dict[int, int | None],
    imported_at: datetime,
    apply: bool,
) -> list[tuple[int, str, str]]:
    """For each person already here, the rows of the records that found them with nothing
    new but moved their source record (re-keyed it, gave it a new fingerprint): it is put
    back as it was (with `apply`), saying nothing (nothing of theirs changes). One merged
    into someone since stays as it is, said as an update's is (the merge holds it now, as
    the person it keeps: undo that merge first): (person id, name, why) for each."""
    kept: list[tuple[int, str, str]] = []
    for person_id in sorted(rows):
        person = session.get(Person, person_id)
        if person is None or person.workspace_id != workspace_id:
            if person_id in merged_since:
                first = rows[person_id][0]
                moved = (first.put_back or {}).get("rekey") or (first.put_back or {}).get("print")
                what = f"their {source_name(moved[0])} record" if moved else "their record"
                kept.append(
                    (
                        person_id,
                        first.name,
                        f"merged into person {merged_since[person_id]} since; undo that merge "
                        f"first to put back {what} as it was before the import",
                    )
                )
            continue  # (deleted since: its source records went with them)
        if apply:
            for row in reversed(rows[person_id]):
                _provenance_back(session, workspace_id, person, row.put_back or {}, imported_at)
    if apply:
        session.flush()
    return kept


def _lines_back(person: Person, rewritten: list[list[str]], said: _Said, *, apply: bool) -> None:
    """Each note line the records rewrote goes back to what it was (the last first), where
    a line of the notes is still as they wrote it."""
    lines = unify_line_breaks(person.notes or "").split("\n")
    back = False
    for then, now in reversed(rewritten):
        at = next((i for i, held in enumerate(lines) if held.strip() == now), None)
        if at is None:
            said.left.append(f"note '{now}' (changed since)")
            continue
        lines[at] = then
        back = True
        said.taken_back.append(f"note '{now}' (back to '{then}')")
    if apply and back:
        person.notes = "\n".join(lines)


def _composed(kept: list[dict[str, Any]]) -> matched.Added:
    """What the records changed, from before the first to after the last."""
    held: dict[str, Any] = {"added": kept[0].get("added", {})}
    for later in kept[1:]:
        held = matched.compose(held, {"added": later.get("added", {})})
    return matched.Added.model_validate(held["added"])


def _organizations(session: Session, workspace_id: int, added: matched.Added) -> dict[int, str]:
    """The organizations of the jobs the records added or changed, by id, with their names
    now (one deleted since took its jobs with it)."""
    ids = {int(job[0]) for part in (added.jobs, added.changed_jobs) for job in part}
    if not ids:
        return {}
    return dict(
        session.execute(
            select(Organization.id, Organization.name).where(
                Organization.workspace_id == workspace_id, Organization.id.in_(ids)
            )
        ).all()
    )


def _provenance_back(
    session: Session,
    workspace_id: int,
    person: Person,
    kept: dict[str, Any],
    imported_at: datetime,
) -> None:
    """The record's source record as it was before the import: its fingerprint put back
    (still the import's), and the key it had if the import gave it the record's own; or gone
    if the import added it; and what was kept of the match it is a newer copy of, as it was
    (without organizations deleted since)."""
    if "print" in kept:
        source, key, before, after = kept["print"]
        for held in person.sources:
            if (held.source, held.external_key, held.fingerprint) == (source, key, after):
                held.fingerprint = before
    if "rekey" in kept:
        source, former, key, before, after = kept["rekey"]
        for held in person.sources:
            if (held.source, held.external_key, held.fingerprint) == (source, key, after):
                held.external_key, held.fingerprint = former, before
    if "new" in kept:
        source, key = kept["new"]
        person.sources = [
            held
            for held in person.sources
            if (held.source, held.external_key, held.imported_at) != (source, key, imported_at)
        ]
    if "matched" in kept:
        row_id, before = kept["matched"]
        row = next((s for s in person.sources if s.id == row_id), None)
        if row is not None and row.matched is not None:
            added = before["added"]
            jobs = {int(job[0]) for part in (before["record"]["jobs"], added["jobs"],
                    added["changed_jobs"]) for job in part}  # fmt: skip
            here = set(
                session.scalars(
                    select(Organization.id).where(
                        Organization.workspace_id == workspace_id, Organization.id.in_(jobs)
                    )
                )
            )
            row.matched = matched.organizations_as(before, lambda org: org if org in here else None)


def _tie(
    session: Session,
    workspace_id: int,
    me: Person,
    person: Person,
    since: str | None,
    said: _Said,
    *,
    apply: bool,
) -> None:
    """The LinkedIn tie to you the import made goes while it is still as the import made it."""
    tie = _your_tie(session, workspace_id, me, person)
    if tie is None:
        return
    changed = ties.changed_since(tie, date.fromisoformat(since) if since else None)
    if changed:
        said.left.append(changed)
        return
    said.taken_back.append(f"your LinkedIn tie{TAKEN_OFF}")
    if apply:
        untie(session, tie)


def _tie_date(
    session: Session,
    workspace_id: int,
    me: Person,
    person: Person,
    before: str | None,
    after: str,
    said: _Said,
    *,
    apply: bool,
) -> None:
    """The date the import moved the LinkedIn tie to you to goes back to the one before,
    while it is still the import's."""
    tie = _your_tie(session, workspace_id, me, person)
    if tie is None:
        return  # (deleted since)
    then, now = date.fromisoformat(before) if before else None, date.fromisoformat(after)
    if tie.since != now:
        said.left.append("your LinkedIn tie (its date changed since)")
        return
    back = f" (back to {job_dates.in_words(then, None)})" if then else ""
    said.taken_back.append(f"your LinkedIn tie's date {job_dates.in_words(now, None)}{back}")
    if apply:
        tie.since = then


def _your_tie(session: Session, workspace_id: int, me: Person, person: Person) -> Connection | None:
    """The LinkedIn tie between you and the person, if any."""
    return session.scalar(
        select(Connection).where(
            Connection.workspace_id == workspace_id,
            Connection.kind == ConnectionKind.LINKEDIN,
            or_(
                (Connection.person_a_id == me.id) & (Connection.person_b_id == person.id),
                (Connection.person_b_id == me.id) & (Connection.person_a_id == person.id),
            ),
        )
    )
