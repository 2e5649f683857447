"""People the user deleted stay deleted: an import that reads one of their source records
again passes over it, saying so, instead of adding them back.

Deleting a person remembers their source records, by a digest of each key
(`people.service.delete` writes `DeletedSource`). A record's own id (a LinkedIn profile, a
card's UID) and a key of a name with an e-mail address, phone or day beside it are theirs in
any file of its source; a spreadsheet's row id and a key of a name alone are theirs only in
the file they came from (another file's row 7 or "Sam Lee" may be someone else), or, for
the row id, in another file giving it beside an e-mail address or profile they had. Such a
record is passed over only when it would add a person: one whose e-mail address, phone or
profile someone here has (the user added them back by hand, say) goes to them as any record
would. An import with reapply brings them back, and forgets the deletion (all the records
of it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from goodword.importers import older_files
from goodword.importers.records import IncomingPerson
from goodword.importers.report import Outcome, RowOutcome
from goodword.people.deleted import SPREADSHEET_SOURCE, digest, only_in_its_file, row_id_with
from goodword.people.models import DeletedSource

REAPPLY = "import with Reapply to bring them back"


@dataclass(frozen=True, slots=True)
class Deleted:
    """A source record of someone the user deleted."""

    file_name: str | None
    on: date
    # Which deletion (`DeletedSource.deletion`)
    deletion: int


# (source, key digest) -> the deleted records of that key
Remembered = dict[tuple[str, str], list[Deleted]]


def load(session: Session, *, workspace_id: int) -> Remembered:
    """The workspace's remembered records."""
    remembered: Remembered = {}
    for source, key, file_name, when, deletion in session.execute(
        select(
            DeletedSource.source,
            DeletedSource.key_digest,
            DeletedSource.file_name,
            DeletedSource.deleted_at,
            DeletedSource.deletion,
        ).where(DeletedSource.workspace_id == workspace_id)
    ):
        remembered.setdefault((source, key), []).append(
            Deleted(file_name, when.astimezone().date(), deletion)
        )
    return remembered


def all_deleted_as(
    remembered: Remembered, source: str, key: str, file_name: str, name: str | None = None
) -> list[Deleted]:
    """The deletions the record (source, key) of the file `file_name`, named `name`, is of
    (a key remembered twice: deleted, imported again, deleted again)."""
    found = remembered.get((source, digest(source, key, name)), [])
    if only_in_its_file(source, key):
        return [entry for entry in found if entry.file_name == older_files.as_named(file_name)]
    return list(found)


def deleted_as(
    remembered: Remembered, source: str, key: str, file_name: str, name: str | None = None
) -> Deleted | None:
    """The (first) deletion the record (source, key) of the file `file_name` is of."""
    found = all_deleted_as(remembered, source, key, file_name, name)
    return found[0] if found else None


def of_record(remembered: Remembered, record: IncomingPerson) -> list[Deleted]:
    """The deletions a record is of, by its key or a key it went by before (a spreadsheet
    row of another file, by its id with an e-mail address or profile they had)."""
    if not remembered:
        return []  # (nobody deleted: no digest to work out)
    keys = [key for key in (record.key, *record.former_keys) if key]
    found = [
        entry
        for key in keys
        for entry in all_deleted_as(remembered, record.source, key, record.file_name, record.name)
    ]
    if found or record.source != SPREADSHEET_SOURCE:
        return found
    identities = [e.value for e in record.emails]
    identities += [u.value for u in record.urls if u.label == "LinkedIn"]
    return [
        entry
        for key in keys
        for identity in identities
        for entry in remembered.get(
            (SPREADSHEET_SOURCE, digest(SPREADSHEET_SOURCE, row_id_with(key, identity))), []
        )
    ]


def passed_over(record: IncomingPerson, entry: Deleted) -> RowOutcome:
    """The report's row for a record of someone deleted."""
    name = record.name or "this person"
    return RowOutcome(
        record.file_name,
        record.line,
        Outcome.SKIPPED,
        record.name,
        None,
        f"you deleted {name} on {entry.on.day} {entry.on:%b %Y}, so they are not added again "
        f"({REAPPLY})",
    )


def forget(session: Session, *, workspace_id: int, deletions: Iterable[int]) -> None:
    """Forget these deletions, every record of each (an import brought the people back)."""
    wanted = sorted(set(deletions))
    for start in range(0, len(wanted), 500):
        session.execute(
            delete(DeletedSource).where(
                DeletedSource.workspace_id == workspace_id,
                DeletedSource.deletion.in_(wanted[start : start + 500]),
            )
        )
