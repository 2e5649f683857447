"""What an import did, row by row and file by file; the same report for web, CLI and API."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

# A row's detail for a record of your own, found as you (`plan.Resolver._decide`).
YOU = "you"


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
    # When it was undone (`undoing.py`), if it was; and what the undo did, in its words
    # (`Undo.summary`, naming who stayed), kept with the report (None when undone before
    # Goodword kept them).
    undone_at: datetime | None = None
    undone: str | None = None

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
