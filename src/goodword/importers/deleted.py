"""People the user deleted stay deleted: an import that reads one of their source records
again passes over it, saying so, instead of adding them back.

Deleting a person remembers their source records (`people.service.delete` writes
`DeletedSource`). A record's own id (a LinkedIn profile, a card's UID) is theirs in any
file of its source; a spreadsheet's row id and a key made of the name a record gives are
theirs only in the file they came from (another file's row 7 or "Sam Lee" may be someone
else). An import with reapply brings them back, and forgets what it brought back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from goodword.importers.mapped import SOURCE as MAPPED_SOURCE
from goodword.importers.records import IncomingPerson
from goodword.importers.report import Outcome, RowOutcome
from goodword.people.models import DeletedSource

REAPPLY = "import with Reapply to bring them back"


@dataclass(frozen=True, slots=True)
class Deleted:
    """A source record of someone the user deleted."""

    file_name: str | None
    name: str
    on: date


Remembered = dict[tuple[str, str], list[Deleted]]


def load(session: Session, *, workspace_id: int) -> Remembered:
    """The workspace's remembered records by (source, key)."""
    remembered: Remembered = {}
    for source, key, file_name, name, when in session.execute(
        select(
            DeletedSource.source,
            DeletedSource.external_key,
            DeletedSource.file_name,
            DeletedSource.name,
            DeletedSource.deleted_at,
        ).where(DeletedSource.workspace_id == workspace_id)
    ):
        remembered.setdefault((source, key), []).append(
            Deleted(file_name, name, when.astimezone().date())
        )
    return remembered


def deleted_as(remembered: Remembered, source: str, key: str, file_name: str) -> Deleted | None:
    """The deleted person the record (source, key) of the file `file_name` is, if any."""
    found = remembered.get((source, key))
    if not found:
        return None
    only_in_its_file = key.startswith("name:") or source == MAPPED_SOURCE
    for entry in found:
        if not only_in_its_file or entry.file_name == file_name:
            return entry
    return None


def of_record(remembered: Remembered, record: IncomingPerson) -> Deleted | None:
    """The deleted person a record is, by its key or a key it went by before."""
    for key in (record.key, *record.former_keys):
        if key:
            entry = deleted_as(remembered, record.source, key, record.file_name)
            if entry is not None:
                return entry
    return None


def passed_over(record: IncomingPerson, entry: Deleted) -> RowOutcome:
    """The report's row for a record of someone deleted."""
    return RowOutcome(
        record.file_name,
        record.line,
        Outcome.SKIPPED,
        record.name or entry.name,
        None,
        f"you deleted {entry.name} on {entry.on.day} {entry.on:%b %Y}, so they are not added again "
        f"({REAPPLY})",
    )


def forget(session: Session, *, workspace_id: int, records: Iterable[IncomingPerson]) -> None:
    """Forget that the people these records are were deleted (an import brought them back)."""
    pairs = {(r.source, k) for r in records for k in (r.key, *r.former_keys) if k}
    for chunk in _chunks(sorted(pairs), 500):
        session.execute(
            delete(DeletedSource).where(
                DeletedSource.workspace_id == workspace_id,
                tuple_(DeletedSource.source, DeletedSource.external_key).in_(chunk),
            )
        )


def _chunks(items: list[tuple[str, str]], size: int) -> Iterable[list[tuple[str, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
