"""What an import did, row by row and file by file; the same report for web, CLI and API."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

# A row's detail for a record of your own, found as you (`plan.Resolver._decide`).
YOU = "you"
# Who stayed when an import was undone, deleted since (`Undone.words`).
DELETED_STAYING = "someone since deleted"


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    # Folded into a person already there (or earlier in this import) without asking.
    MERGED = "merged"
    # Added, and queued as a possible duplicate of someone for the user to decide.
    SUGGESTED = "suggested"
    SKIPPED = "skipped"


@dataclass(slots=True)
class RowOutcome:
    file: str
    line: int | None
    outcome: Outcome
    name: str = ""
    person_id: int | None = None
    # What changed, why it merged, or why it was skipped, in words.
    detail: str = ""
    # For a record that updated someone already here: what undoing the import puts back
    # (`undo_updates.py`), kept with the report, not shown; None in reports kept before.
    put_back: dict[str, Any] | None = None


@dataclass(slots=True)
class FileReport:
    name: str
    format: str | None
    label: str
    rows: int = 0
    people: int = 0
    interactions: int = 0
    skipped: int = 0


@dataclass(slots=True)
class Undone:
    """What undoing an import did, kept with its report (`history.mark_undone`) in parts: its
    summary but for who stayed (`Undo.summary`), how many stayed and the first of them, by id
    and name. The sentence is made when it is read, so one deleted since is no longer named
    (`history.forget_people`), and one renamed since is named as they are now (`history.get`).

    >>> Undone("took away 1 organization", 5, [(3, "Alan Turing")], deleted=1).words()
    'Took away 1 organization; 5 people stay: Alan Turing, someone since deleted and 3 more.'
    """

    said: str
    staying: int = 0
    named: list[tuple[int, str]] = field(default_factory=list)
    # How many of those named were deleted since (they go from `named`).
    deleted: int = 0

    def words(self) -> str:
        said = [self.said]
        if self.staying:
            names = [name for _, name in self.named]
            if self.deleted == 1:
                names.append(DELETED_STAYING)
            elif self.deleted:
                names.append(f"{self.deleted:,} people since deleted")
            more = self.staying - len(self.named) - self.deleted
            if more > 0:
                names.append(f"{more:,} more")
            said.append(f"{counted(self.staying, 'person stays', 'people stay')}: {listed(names)}")
        words = "; ".join(said)
        return words[0].upper() + words[1:] + "."


def counted(count: int, one: str, many: str) -> str:
    """ "1 person", "2 people"."""
    return f"{count:,} {one if count == 1 else many}"


def listed(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class ImportReport:
    dry_run: bool = False
    files: list[FileReport] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    interactions_created: int = 0
    interactions_existing: int = 0
    connections_created: int = 0
    organizations_created: int = 0
    candidates_created: int = 0
    notes: list[str] = field(default_factory=list)
    # How new each LinkedIn Connections.csv is (`older_files.Dated.kept`), by its place in
    # `files` (two may share a name): kept with the import, not part of the report.
    as_of: dict[int, dict[str, str]] = field(default_factory=dict)
    # Once saved (never for a dry run): its id among the workspace's kept imports.
    id: int | None = None
    finished_at: datetime | None = None
    # When it was undone (`undoing.py`), if it was; and what the undo did (`Undone`; its
    # words alone for one undone before Goodword kept the parts, None before it kept those).
    undone_at: datetime | None = None
    undid: Undone | str | None = None

    @property
    def undone(self) -> str | None:
        """What the undo did, in words, naming the first people who stayed (`Undo.summary`)."""
        return self.undid.words() if isinstance(self.undid, Undone) else self.undid

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome.value for row in self.rows)
        return {outcome.value: counted.get(outcome.value, 0) for outcome in Outcome}

    @property
    def people_created(self) -> int:
        """The people the import added: a created row's, and a suggested row's (added as
        their own person and queued with whom they may be)."""
        counts = self.counts
        return counts[Outcome.CREATED.value] + counts[Outcome.SUGGESTED.value]

    def of(self, outcome: Outcome) -> list[RowOutcome]:
        return [row for row in self.rows if row.outcome is outcome]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (for --json and the API)."""
        return {
            "id": self.id,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "undone_at": self.undone_at.isoformat() if self.undone_at else None,
            "undone": self.undone,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "people_created": self.people_created,
            "files": [asdict(f) for f in self.files],
            "interactions_created": self.interactions_created,
            "interactions_existing": self.interactions_existing,
            "connections_created": self.connections_created,
            "organizations_created": self.organizations_created,
            "candidates_created": self.candidates_created,
            "notes": list(self.notes),
            # (Not what an undo puts back: the report says what changed, in words.)
            "rows": [
                {
                    "file": r.file,
                    "line": r.line,
                    "outcome": r.outcome.value,
                    "name": r.name,
                    "person_id": r.person_id,
                    "detail": r.detail,
                }
                for r in self.rows
            ],
        }
