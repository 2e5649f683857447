"""Which Connections.csv of which import listed each person, for a scan to keep apart the
people an import kept apart (`duplicates.index.Listings`): LinkedIn lists each of your
connections once in the file, so two of its rows with a profile each are two members.

An import's own rows are known to it (`IncomingPerson.listed_in`). A scan knows a person's
source records (`PersonSource`: its file's name and the time of the import that read it)
and the kept imports' files (`ImportRun.files`, each with what it was read as, saved at the
same time): a record whose file a kept import read as LinkedIn connections is one of its
rows, and so is one of a file named Connections.csv of an import no longer kept.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.linkedin import CONNECTIONS_LABEL, connection_source
from goodword.importers.models import ImportRun
from goodword.people.models import PersonSource

# The name LinkedIn gives the file, as a file of an import no longer kept is known by.
_CONNECTIONS = "connections.csv"


def listed_people(session: Session, *, workspace_id: int) -> dict[int, int]:
    """Person id -> a number for the Connections.csv of one import that listed them, for
    each person whose source records are all rows of that one file. Someone with a record of
    another file, import or source, or with none (added by hand), has none and is compared
    as anyone is; so is someone of a file named otherwise (a renamed Connections.csv) once
    its import is no longer kept (`history.KEEP`)."""
    lists: dict[tuple[datetime, str], int] = {}
    for finished_at, files in session.execute(
        select(ImportRun.finished_at, ImportRun.files)
        .where(ImportRun.workspace_id == workspace_id)
        .order_by(ImportRun.id)
    ):
        for entry in files or ():
            if isinstance(entry, dict) and entry.get("label") == CONNECTIONS_LABEL:
                lists.setdefault((finished_at, str(entry.get("name"))), len(lists) + 1)
    found: dict[int, int | None] = {}
    for person_id, source, key, file_name, imported_at in session.execute(
        select(
            PersonSource.person_id,
            PersonSource.source,
            PersonSource.external_key,
            PersonSource.file_name,
            PersonSource.imported_at,
        ).where(PersonSource.workspace_id == workspace_id)
    ):
        number = None
        if connection_source(source, key):
            listed_by = (imported_at, file_name or "")
            number = lists.get(listed_by)
            if number is None and PurePosixPath(file_name or "").name.casefold() == _CONNECTIONS:
                number = lists.setdefault(listed_by, len(lists) + 1)
        # (One record of anything else, and the person is no row of a list alone.)
        found[person_id] = number if found.get(person_id, number) == number else None
    return {person_id: number for person_id, number in found.items() if number is not None}
