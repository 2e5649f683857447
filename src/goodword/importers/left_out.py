"""Who a newer copy of a file leaves out: the people its earlier import brought whose
records are no longer in it (deleted where it was exported from, most likely).

The report names them and Goodword keeps them as they are: nothing an import leaves out is
deleted. LinkedIn's Connections.csv has its own, sharper rule (`ties.LinkedInTies`); this
one is for the other sources whose records keep a key from one export to the next (a
spreadsheet's id column, a card's UID, else the name the record gives).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers import google, mapped, older_files, outlook, thunderbird, vcard
from goodword.importers.plan import Plan
from goodword.importers.report import ImportReport, Outcome
from goodword.people.models import Person, PersonSource
from goodword.records import among, sort_key

# How many people a note names before saying how many more there are.
SHOWN = 20
WATCHED = frozenset(
    {mapped.SOURCE, vcard.SOURCE, google.SOURCE, outlook.SOURCE, thunderbird.SOURCE}
)


def waiting(
    session: Session, workspace_id: int, person_ids: set[int], beside: set[int]
) -> set[int]:
    """Those of the people in a pair waiting in the possible-duplicates queue with someone
    `beside` (a person this import's rows went to): their record may be that one's, under
    another key (a new name), the pair waiting for the user to say."""
    if not person_ids or not beside:
        return set()
    ids = sorted(person_ids)
    found: set[int] = set()
    for mine, theirs in (
        (DuplicateCandidate.person_a_id, DuplicateCandidate.person_b_id),
        (DuplicateCandidate.person_b_id, DuplicateCandidate.person_a_id),
    ):
        found.update(
            person
            for person, other in session.execute(
                select(mine, theirs).where(
                    DuplicateCandidate.workspace_id == workspace_id,
                    DuplicateCandidate.status == CandidateStatus.OPEN,
                    among(session, mine, ids),
                )
            )
            if other in beside
        )
    return found


def named(session: Session, workspace_id: int, person_ids: set[int]) -> tuple[int, str]:
    """How many people, and the first `SHOWN` of them by name ("Sam Lee, Yuki 山田, and
    3 more"), a name several of them share told apart by their ids ("Anna Adams (person
    12)")."""
    people = sorted(
        session.execute(
            select(Person.display_name, Person.id).where(
                Person.workspace_id == workspace_id,
                among(session, Person.id, sorted(person_ids)),
            )
        ).all(),
        key=lambda row: (sort_key(row[0]), row[1]),
    )
    shared = Counter(name for name, _id in people)
    shown = [f"{name} (person {id_})" if shared[name] > 1 else name for name, id_ in people[:SHOWN]]
    count = len(people)
    more = f", and {count - SHOWN:,} more" if count > SHOWN else ""
    return count, ", ".join(shown) + more


class LeftOut:
    """The keys each watched file's earlier import left, read when made (before this import
    writes), and the notes naming who is no longer in the file, once it has (`say`)."""

    def __init__(self, session: Session, plan: Plan, *, workspace_id: int) -> None:
        self.session, self.plan, self.ws = session, plan, workspace_id
        # (source, file name) -> the keys this import read from it
        self.now: dict[tuple[str, str], set[str]] = defaultdict(set)
        for record in plan.records.values():
            if record.source in WATCHED:
                pair = (record.source, older_files.as_named(record.file_name))
                self.now[pair].update(k for k in (record.key, *record.former_keys) if k)
        # (source, file name) -> key -> the people holding it, from imports before this one
        self.before: dict[tuple[str, str], dict[str, set[int]]] = {}
        for source, file_name in self.now:
            held: dict[str, set[int]] = defaultdict(set)
            for key, person_id in session.execute(
                select(PersonSource.external_key, PersonSource.person_id).where(
                    PersonSource.workspace_id == workspace_id,
                    PersonSource.source == source,
                    PersonSource.file_name == file_name,
                )
            ):
                if key:
                    held[key].add(person_id)
            self.before[(source, file_name)] = held

    def say(self, report: ImportReport) -> None:
        """Add a note to the report for each file that is a newer copy of one imported
        before and leaves out people that one brought. Call it once the rows carry their
        people's ids and the rows skipped are in the report.

        A file is taken for a newer copy of one imported under its name when it holds at
        least half the records that one did: a file with fewer is a part of it (a label's
        contacts exported on their own, as Google names every export contacts.csv), or
        another tool's file of the same name, and says nothing. Someone a row of the file
        went to, or whom a row is suggested to be, is not named: their record is there under
        another key (a new name, say); nor is one in a pair an earlier import queued with
        someone a row of the file went to, still waiting."""
        touched: dict[tuple[str, str], set[int]] = defaultdict(set)
        for row, _target in self.plan.rows:
            record = self.plan.records.get(id(row))
            if record is not None and row.person_id is not None:
                touched[(record.source, older_files.as_named(record.file_name))].add(row.person_id)
        asked = {other for _target, other, _score, _why in self.plan.suggestions if other > 0}
        skipped: dict[str, int] = defaultdict(int)
        for row in report.rows:
            # (A row of someone you deleted is known not to be one of those left out.)
            if row.outcome is Outcome.SKIPPED and not row.detail.startswith("you deleted "):
                skipped[older_files.as_named(row.file)] += 1
        for pair, now in self.now.items():
            before = self.before[pair]
            earlier = set(before) - now
            in_both = len(before) - len(earlier)
            if not earlier or 2 * in_both < len(before):
                continue
            gone = {p for key in earlier for p in before[key]} - touched[pair] - asked
            gone -= waiting(self.session, self.ws, gone, touched[pair])
            if not gone:
                continue
            count, shown = named(self.session, self.ws, gone)
            file_name = pair[1]
            among_skipped = " (unless among its rows skipped)" if skipped[file_name] else ""
            report.notes.append(
                f"{file_name}: {count:,} {'person' if count == 1 else 'people'} imported from "
                f"it before {'is' if count == 1 else 'are'} not in it now{among_skipped}: "
                f"{shown}. They may have been deleted where the file was exported from; "
                "Goodword keeps them as they are."
            )
