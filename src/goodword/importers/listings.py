"""Which Connections.csv of which import listed each person, for a scan to keep apart the
people an import kept apart (`duplicates.index.Listings`): LinkedIn lists each of your
connections once in the file, so two of its rows with a profile each are two members.

An import's own rows are known to it (`IncomingPerson.listed_in`). A scan knows a person's
source records (`PersonSource`: its file's name and the time of the import that read it)
and the kept imports' files (`ImportRun.files`, each with what it was read as, saved at the
same time): a record whose file a kept import read as LinkedIn connections is one of its
rows, and so is one of a file named Connections.csv of an import no longer kept. Two files
of one name in one import keep that name with their people, so which of them listed each
is read from the rows of its report, which tell them apart ("Connections.csv (the second
file of that name)").
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import history, older_files
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
    # The people of each import's files of one name, by the file its report's rows say.
    apart: dict[tuple[datetime, str], dict[int, set[int]]] = {}
    for run_id, finished_at, files in session.execute(
        select(ImportRun.id, ImportRun.finished_at, ImportRun.files)
        .where(ImportRun.workspace_id == workspace_id)
        .order_by(ImportRun.id)
    ):
        shared = set()
        entries = [entry for entry in files or () if isinstance(entry, dict)]
        names = older_files.kept_apart([str(entry.get("name")) for entry in entries])
        for entry, name in zip(entries, names, strict=True):
            if entry.get("label") == CONNECTIONS_LABEL:
                lists.setdefault((finished_at, name), len(lists) + 1)
                if older_files.as_named(name) != name:
                    shared.add(name)
        if shared:
            apart.update(_told_apart(session, run_id, finished_at, shared, lists))
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
            if listed_by in apart:
                # (A record of one of two files of one name, which both keep: its row's.)
                numbers = apart[listed_by].get(person_id, set())
                number = next(iter(numbers)) if len(numbers) == 1 else None
            elif number is None and PurePosixPath(file_name or "").name.casefold() == _CONNECTIONS:
                number = lists.setdefault(listed_by, len(lists) + 1)
        # (One record of anything else, and the person is no row of a list alone.)
        found[person_id] = number if found.get(person_id, number) == number else None
    return {person_id: number for person_id, number in found.items() if number is not None}


def _told_apart(
    session: Session,
    run_id: int,
    finished_at: datetime,
    shared: set[str],
    lists: dict[tuple[datetime, str], int],
) -> dict[tuple[datetime, str], dict[int, set[int]]]:
    """For an import that read two Connections.csv of one name (told apart in its report as
    "Connections.csv (the second file of that name)"), the lists of each person its rows
    name, under the name their records keep (`older_files.as_named`)."""
    blob = session.scalar(select(ImportRun.report).where(ImportRun.id == run_id))
    try:
        rows = history.decode(blob).rows if blob else []
    except ValueError:  # (a report in a layout no longer read: its people are of no list)
        rows = []
    people: dict[tuple[datetime, str], dict[int, set[int]]] = {}
    for row in rows:
        if row.file in shared and row.person_id is not None:
            listed_by = (finished_at, older_files.as_named(row.file))
            number = lists[(finished_at, row.file)]
            people.setdefault(listed_by, {}).setdefault(row.person_id, set()).add(number)
    for name in shared:
        people.setdefault((finished_at, older_files.as_named(name)), {})
    return people
