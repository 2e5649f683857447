"""Undoing a kept import: the people it made that nothing has touched since go again, with
their jobs and ties; the messages and invitations it added go (`Interaction.import_run_id`),
and so do the organizations it made that nothing holds any more
(`Organization.import_run_id`); what the records it matched to people already here added
to them is taken back, as a split would (`undo_matches.py`), and so is the provenance a
record it found unchanged added; whatever the undo cannot take back cleanly stays, and is
listed with why (someone split off since, made of one of its records, among them).

Only the latest import not yet undone can be undone: a later import may have matched its
records to this one's people, or added messages with them, and only undoing that one
first tells its changes apart. A person an import made keeps its id
(`Person.made_by_import`) until anything else touches them: an edit by hand, a merge, a
message, meeting, task, lead, reference or referral ask with them (`people/models.py`
notes every change made through the ORM), or a later import's record matched to them
(`history.mark_people`). Those stay.

A message or organization changed by hand since is no longer the import's
(`importers/models.py`), and stays; so does a message a merge moved onto the person kept
(`duplicates.moving`), and one a task is linked to. A message kept
before Goodword knew which import added one goes only when all its people do. What a
record found in someone already here by its key changed about them (Updated in the
report) is put back where it is still as the import left it (`undo_updates.py`); a report
kept before Goodword kept the values from before has them only in words, and those
updates stay.

People are taken away without being remembered as deleted (`importers/deleted.py`): the
import never happened, so importing the same file again brings them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from goodword import clock, db
from goodword.connections.models import Connection
from goodword.db import Base
from goodword.duplicates.models import Merge
from goodword.errors import Conflict, NotFound
from goodword.importers import history, undo_matches, undo_updates
from goodword.importers.models import ImportRun
from goodword.importers.report import Outcome, RowOutcome, Undone
from goodword.importers.report import counted as _counted
from goodword.importers.report import listed as _and
from goodword.importers.undo_matches import TakenBack
from goodword.interactions.models import Interaction, Participant
from goodword.leads.models import LeadShare
from goodword.opportunities.models import Opportunity
from goodword.organizations.models import Organization
from goodword.organizations.service import forget_in_matches
from goodword.people.models import Person, Position
from goodword.records import among
from goodword.references.models import Reference
from goodword.referrals.models import ReferralAsk
from goodword.search.models import SearchDocument
from goodword.tasks.models import Task

# Why a person the import made stays, for what ties them to the rest of your network.
_TIES = (
    (LeadShare.person_id, "a lead is passed on to them"),
    (Opportunity.hiring_manager_id, "they are an opportunity's hiring manager"),
    (Reference.person_id, "they are one of your references"),
    (ReferralAsk.person_id, "you asked them for a referral"),
    (Task.person_id, "a task is about them"),
)
TOUCHED = "changed since the import (edited, merged, split or added to by another import)"
LOGGED = "a meeting, call or note was logged with them since"
# Why what an update changed stays: only an import kept before Goodword kept the values it
# replaced has none to put back (`undo_updates.py`).
UPDATED = (
    "was already here; what the import changed about them stays: it was imported before "
    "Goodword kept the values it replaced, so its report says only what they were changed to"
)


@dataclass(frozen=True, slots=True)
class Kept:
    """A person the undo leaves, and why."""

    person_id: int
    name: str
    reason: str


@dataclass
class Undo:
    """What undoing an import does (or did)."""

    run_id: int
    finished_at: datetime
    # The people it takes away: id, name.
    removed: list[tuple[int, str]] = field(default_factory=list)
    # People the import made who stay, touched since; and people already here it changed.
    kept: list[Kept] = field(default_factory=list)
    # What goes with the people taken away.
    positions: int = 0
    connections: int = 0
    # The messages and invitations it added that go, and the organizations it made.
    interactions: int = 0
    organizations: int = 0
    # What comes off the people already here it matched records to.
    taken_back: list[TakenBack] = field(default_factory=list)
    # What is put back on the people already here its records updated.
    put_back: list[TakenBack] = field(default_factory=list)
    done: bool = False

    def summary(self, *, naming: bool = False) -> str:
        """The undo in a sentence, counts first; what it does not do is not said ("Takes
        nothing away" when nothing goes, comes off or goes back). `naming` names the first
        people who stay, for where they are not listed ("1 person stays: Alan Turing")."""
        if naming:
            return self.undid().words()
        said = self._said()
        if self.kept:
            stay = _counted(len(self.kept), "person stays", "people stay")
            said.append(f"{stay}, listed with why")
        words = "; ".join(said)
        return words[0].upper() + words[1:] + "."

    def undid(self) -> Undone:
        """What it did, to keep with its report: its summary's words but for who stays, and
        the first three who stay by id (so one deleted since is no longer named)."""
        named = [(kept.person_id, kept.name) for kept in self.kept[:3]]
        return Undone("; ".join(self._said()), len(self.kept), named)

    def _said(self) -> list[str]:
        """What it does (or did), clause by clause, but for who stays."""
        goes = _counted(len(self.removed), "person", "people")
        with_them = [
            # ("with their job" for one person's one job, not "their 1 job")
            one if n == 1 and len(self.removed) == 1 else _counted(n, one, many)
            for n, one, many in (
                (self.positions, "job", "jobs"),
                (self.connections, "connection", "connections"),
            )
            if n
        ]
        if with_them:
            goes += " (with their " + _and(with_them) + ")"
        taken = [goes] if self.removed else []
        taken += [
            _counted(n, one, many)
            for n, one, many in (
                (self.interactions, "message or invitation", "messages and invitations"),
                (self.organizations, "organization", "organizations"),
            )
            if n
        ]
        said: list[str] = []
        if taken:
            said.append(("takes away " if not self.done else "took away ") + _and(taken))
        if self.taken_back:
            people = _counted(len(self.taken_back), "person", "people")
            said.append(
                ("takes back" if not self.done else "took back")
                + f" what it added to {people} already here"
            )
        if self.put_back:
            people = _counted(len(self.put_back), "person", "people")
            said.append(
                ("puts back" if not self.done else "put back")
                + f" what it changed about {people} already here"
            )
        if not said:
            said.append("takes nothing away" if not self.done else "took nothing away")
        return said


def undoable_id(session: Session, *, workspace_id: int) -> int | None:
    """The import that can be undone now: the latest one not undone yet, if it can be."""
    latest = session.execute(
        select(ImportRun.id, ImportRun.undoable)
        .where(ImportRun.workspace_id == workspace_id, ImportRun.undone_at.is_(None))
        .order_by(ImportRun.id.desc())
        .limit(1)
    ).one_or_none()
    return latest.id if latest is not None and latest.undoable else None


def preview(session: Session, *, workspace_id: int, run_id: int, apply: bool = False) -> Undo:
    """What undoing the import would do; refused (Conflict) when it cannot be undone. With
    `apply` (`undo`), what the records it matched added is taken back already."""
    run = session.get(ImportRun, run_id)
    if run is None or run.workspace_id != workspace_id:
        raise NotFound("import", run_id)
    if run.undone_at is not None:
        raise Conflict(f"Import {run_id} was already undone.")
    if not run.undoable:
        raise Conflict(
            f"Import {run_id} was made before Goodword could undo imports, so it cannot be "
            "undone. Delete the people it brought in by hand."
        )
    latest = undoable_id(session, workspace_id=workspace_id)
    if latest != run_id:
        newer = session.scalar(
            select(func.max(ImportRun.id)).where(
                ImportRun.workspace_id == workspace_id, ImportRun.undone_at.is_(None)
            )
        )
        raise Conflict(
            f"Only the latest import can be undone: undo import {newer} first, as it may "
            f"have changed the people import {run_id} brought in."
        )
    report = history.get(session, workspace_id=workspace_id, run_id=run_id)
    undo = Undo(run_id=run_id, finished_at=run.finished_at)
    made: dict[int, str] = {}
    changed: dict[int, Outcome] = {}
    # The rows of records that updated people already here, with what to put back.
    updated: dict[int, list[RowOutcome]] = {}
    for row in report.rows:
        if row.person_id and row.outcome in (Outcome.CREATED, Outcome.SUGGESTED):
            made.setdefault(row.person_id, row.name)
    matched: dict[int, set[tuple[str, int | None]]] = {}
    unchanged: dict[int, set[tuple[str, int | None]]] = {}
    # (Of those, one that moved its source record: a new key, a new fingerprint.)
    moved: dict[int, list[RowOutcome]] = {}
    for row in report.rows:
        if row.person_id and row.person_id not in made:
            # (A record that joined a match of the import, a second copy of it, say: what
            # it changed comes off with the match: `undo_updates.JOINED`.)
            if row.outcome is Outcome.MERGED or (
                row.outcome is Outcome.UPDATED and undo_updates.joined(row.put_back)
            ):
                matched.setdefault(row.person_id, set()).add((row.file, row.line))
            elif row.outcome is Outcome.UPDATED and row.put_back is not None:
                updated.setdefault(row.person_id, []).append(row)
            elif row.outcome is Outcome.UNCHANGED:
                unchanged.setdefault(row.person_id, set()).add((row.file, row.line))
                if row.put_back is not None:
                    moved.setdefault(row.person_id, []).append(row)
            elif row.outcome is Outcome.UPDATED:
                changed.setdefault(row.person_id, row.outcome)
    ids = sorted(made)
    here = {
        person_id: (name, mark)
        for person_id, name, mark in session.execute(
            select(Person.id, Person.display_name, Person.made_by_import).where(
                Person.workspace_id == workspace_id, among(session, Person.id, ids)
            )
        )
    }
    reasons = _ties(session, ids=[i for i in ids if i in here])
    merged_since = dict(
        session.execute(
            select(Merge.absorbed_id, Merge.survivor_id).where(
                Merge.workspace_id == workspace_id,
                Merge.undone_at.is_(None),
                among(
                    session,
                    Merge.absorbed_id,
                    [i for i in (*ids, *matched, *updated, *moved) if i not in here],
                ),
            )
        ).all()
    )
    for person_id in ids:
        if person_id not in here:
            if person_id in merged_since:
                undo.kept.append(
                    Kept(
                        person_id,
                        made[person_id],
                        f"merged into person {merged_since[person_id]} since, which "
                        "counts as a change (undoing the merge gives them back, as changed)",
                    )
                )
            continue  # (deleted since: nothing to take back)
        name, mark = here[person_id]
        reason = reasons.get(person_id) or (TOUCHED if mark != run_id else None)
        if reason:
            undo.kept.append(Kept(person_id, name, reason))
        else:
            undo.removed.append((person_id, name))
    if changed:
        names = dict(
            session.execute(
                select(Person.id, Person.display_name).where(
                    Person.workspace_id == workspace_id,
                    among(session, Person.id, sorted(changed)),
                )
            ).all()
        )
        undo.kept += [
            Kept(person_id, names[person_id], UPDATED)
            for person_id in changed
            if person_id in names
        ]
    found = undo_matches.take_back(
        session,
        workspace_id=workspace_id,
        rows=matched,
        names={row.person_id: row.name for row in report.rows if row.person_id in matched},
        merged_since=merged_since,
        imported_at=run.finished_at,
        apply=apply,
    )
    undo.taken_back = found.taken_back
    # (A record found with nothing new may still have moved its provenance, or added it.)
    moved_kept = undo_updates.sources_back(
        session,
        workspace_id=workspace_id,
        rows=moved,
        merged_since=merged_since,
        imported_at=run.finished_at,
        apply=apply,
    )
    if apply:
        undo_matches.forget_found(
            session, workspace_id=workspace_id, rows=unchanged, imported_at=run.finished_at
        )
    undo.kept += [Kept(*kept) for kept in found.kept]
    # (After what its matches added comes off: they may have come after.)
    back = undo_updates.put_back(
        session,
        workspace_id=workspace_id,
        rows=updated,
        merged_since=merged_since,
        imported_at=run.finished_at,
        apply=apply,
    )
    undo.put_back = back.taken_back
    undo.kept += [Kept(*kept) for kept in back.kept]
    # (One whose update stays for the merge too is said once.)
    said = {kept.person_id for kept in undo.kept}
    undo.kept += [Kept(*kept) for kept in moved_kept if kept[0] not in said]
    found.positions |= back.positions
    removed = [person_id for person_id, _name in undo.removed]
    undo.positions = _count(session, Position.id, among(session, Position.person_id, removed))
    undo.connections = _count(
        session,
        Connection.id,
        among(session, Connection.person_a_id, removed)
        | among(session, Connection.person_b_id, removed),
    )
    undo.interactions = len(_interactions(session, workspace_id, run_id, removed))
    undo.organizations = len(
        _organizations(session, workspace_id, run_id, removed, found.positions)
    )
    return undo


def undo(session: Session, *, workspace_id: int, run_id: int) -> Undo:
    """Undo the import (see the module's note); the caller commits."""
    # One at a time with imports: one under way may match its records to the people this
    # would take away, or make another import the latest.
    db.hold_imports(session, workspace_id)
    # (What its matches added comes off the people already here first, through the ORM.)
    done = preview(session, workspace_id=workspace_id, run_id=run_id, apply=True)
    removed = [person_id for person_id, _name in done.removed]
    interactions = _interactions(session, workspace_id, run_id, removed)
    for start in range(0, len(interactions), 5_000):
        chunk = interactions[start : start + 5_000]
        session.execute(delete(Interaction).where(among(session, Interaction.id, chunk)))
    if removed:
        session.execute(
            delete(SearchDocument).where(
                SearchDocument.kind == "person", among(session, SearchDocument.record_id, removed)
            )
        )
        # What they wrote to a group with someone who stays is from someone gone, as when a
        # person is deleted: no contact with the one left in it (`writer_gone`).
        session.execute(
            update(Interaction)
            .where(
                Interaction.workspace_id == workspace_id,
                among(session, Interaction.writer_id, removed),
            )
            .values(writer_gone=True)
        )
        # (Their jobs, e-mails, sources, ties and pairs in the duplicates queue go with
        # them, by the database's cascades; nothing is remembered as deleted.)
        # Only if still untouched: a change committed while this undo ran (an edit, on
        # PostgreSQL, waited for) keeps them, and nothing is undone.
        gone = session.execute(
            delete(Person)
            .where(
                Person.workspace_id == workspace_id,
                Person.made_by_import == run_id,
                among(session, Person.id, removed),
            )
            .execution_options(synchronize_session=False)
        )
        if gone.rowcount != len(removed):  # type: ignore[attr-defined]
            raise Conflict(
                "Someone the import brought in was changed while it was being undone, so "
                "nothing was undone. Try again: they will be listed as staying."
            )
        history.unlink_people(session, workspace_id=workspace_id, person_ids=set(removed))
    # The organizations it made that nothing holds now (their jobs gone with the people).
    organizations = _organizations(session, workspace_id, run_id, [], set())
    done.organizations = len(organizations)  # (a job the take-back left keeps its own)
    if organizations:
        session.execute(
            delete(SearchDocument).where(
                SearchDocument.workspace_id == workspace_id,
                SearchDocument.kind == "organization",
                among(session, SearchDocument.record_id, organizations),
            )
        )
        forget_in_matches(session, workspace_id, set(organizations))
        session.flush()
        session.execute(
            delete(Organization)
            .where(among(session, Organization.id, organizations))
            .execution_options(synchronize_session=False)
        )
    done.done = True
    # (What it did stays said on its report: the people who stay are listed nowhere else.)
    history.mark_undone(session, run_id=run_id, undid=done.undid())
    session.execute(update(ImportRun).where(ImportRun.id == run_id).values(undone_at=clock.now()))
    session.expire_all()
    return done


def _count(session: Session, column: object, condition: object) -> int:
    return session.scalar(select(func.count(column)).where(condition)) or 0  # type: ignore[arg-type]


def _ties(session: Session, *, ids: list[int]) -> dict[int, str]:
    """Why each of these people must stay, if something ties them to the rest of your
    network (the first such thing found)."""
    found: dict[int, str] = {}
    if not ids:
        return found
    for column, reason in _TIES:
        for person_id in session.scalars(select(column).where(among(session, column, ids))):
            if person_id is not None:
                found.setdefault(person_id, reason)
    logged = (
        select(Participant.person_id)
        .join(Interaction)
        .where(among(session, Participant.person_id, ids), Interaction.external_id.is_(None))
    )
    for person_id in session.scalars(logged):
        found.setdefault(person_id, LOGGED)
    return found


def _referring(table_name: str, *, leaving_out: tuple[str, ...] = ()) -> list[Any]:
    """The columns of other tables that refer to a row of `table_name`."""
    return [
        key.parent
        for table in Base.metadata.sorted_tables
        if table.name not in leaving_out
        for key in table.foreign_keys
        if key.column.table.name == table_name and table.name != table_name
    ]


def _interactions(
    session: Session, workspace_id: int, run_id: int, removed: list[int]
) -> list[int]:
    """The messages and invitations that go: those the import added, unless changed by hand
    since (then no longer its own) or linked to a task; and those kept before Goodword knew
    which import added one whose people all go."""
    statement = select(Interaction.id).where(
        Interaction.workspace_id == workspace_id, Interaction.import_run_id == run_id
    )
    for column in _referring("interactions", leaving_out=("interaction_participants",)):
        statement = statement.where(
            Interaction.id.not_in(select(column).where(column.is_not(None)))
        )
    ids = set(session.scalars(statement))
    return sorted(ids | set(_interactions_only_with(session, removed)))


def _organizations(
    session: Session, workspace_id: int, run_id: int, removed: list[int], positions: set[int]
) -> list[int]:
    """The organizations the import made (unchanged by hand since) that nothing will hold
    once the `removed` people and the jobs `positions` taken back have gone."""
    statement = select(Organization.id).where(
        Organization.workspace_id == workspace_id, Organization.import_run_id == run_id
    )
    for column in _referring("organizations"):
        held = select(column).where(column.is_not(None))
        if column.table is Position.__table__:
            held = held.where(
                ~among(session, Position.person_id, removed),
                ~among(session, Position.id, sorted(positions)),
            )
        statement = statement.where(Organization.id.not_in(held))
    return list(session.scalars(statement))


def _interactions_only_with(session: Session, removed: list[int]) -> list[int]:
    """The imported messages and invitations whose people all go (one logged by hand has
    none of its people taken away: logging it touched them)."""
    if not removed:
        return []
    theirs = select(Participant.interaction_id).where(
        among(session, Participant.person_id, removed)
    )
    others = select(Participant.interaction_id).where(
        Participant.interaction_id.in_(theirs), ~among(session, Participant.person_id, removed)
    )
    return list(
        session.scalars(
            select(Interaction.id).where(
                Interaction.id.in_(theirs),
                Interaction.id.not_in(others),
                Interaction.external_id.is_not(None),
            )
        )
    )
