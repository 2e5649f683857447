"""A LinkedIn Connections.csv older than one imported before (the January export imported
after March's): its records undo nothing the newer file did.

Every record of such a file would otherwise be a newer copy of the one imported before it,
moving the person's job back to the title they had then. A Connections.csv is as new as the
latest day in its Connected On column (LinkedIn writes every connection up to the day it
exports); each import keeps that day for the file (`ImportRun.files`, "as_of"), and a file
whose latest day comes before a kept one is older. Its records are applied as records that
are no newer copies (`IncomingPerson.older_copy`): they fill in what the person lacks, and a
job they give otherwise is added as a past job; the report says so.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.models import ImportRun
from goodword.importers.records import Parsed
from goodword.records import latest_today

CONNECTIONS = "linkedin-connections"


def as_of(parsed: Parsed) -> date | None:
    """The day a Connections.csv was exported, as far as it tells: its latest Connected On
    (a day still to come is a mistyped one)."""
    if parsed.format != CONNECTIONS:
        return None
    days = [p.connected_on for p in parsed.people if p.connected_on is not None]
    return max((d for d in days if d <= latest_today()), default=None)


def _newest_kept(session: Session, workspace_id: int) -> tuple[date, str] | None:
    """The latest day of the Connections.csv files the kept imports read, and its file (an
    import undone never happened)."""
    newest: tuple[date, str] | None = None
    for files in session.scalars(
        select(ImportRun.files).where(
            ImportRun.workspace_id == workspace_id, ImportRun.undone_at.is_(None)
        )
    ):
        for entry in files or ():
            said = entry.get("as_of") if isinstance(entry, dict) else None
            if not said:
                continue
            try:
                day = date.fromisoformat(said)
            except ValueError:
                continue
            if newest is None or day > newest[0]:
                newest = (day, str(entry.get("name") or "Connections.csv"))
    return newest


def mark_older(
    session: Session, workspace_id: int, parsed_files: list[Parsed]
) -> tuple[dict[str, str], list[str]]:
    """Mark the records of each Connections.csv older than one imported before
    (`older_copy`); the day each such file is as new as (for the import to keep, by file
    name), and the report's notes."""
    days = {p.file_name: day for p in parsed_files if (day := as_of(p)) is not None}
    if not days:
        return {}, []
    newest = _newest_kept(session, workspace_id)
    notes = []
    for parsed in parsed_files:
        day = days.get(parsed.file_name)
        if day is None or newest is None or day >= newest[0]:
            continue
        for person in parsed.people:
            person.older_copy = True
        notes.append(
            f"{parsed.file_name} is older than {newest[1]} imported before: its latest connection "
            f"is from {day.isoformat()}, that file's from {newest[0].isoformat()}. Its people "
            "keep what the newer file gave them (a job it gives otherwise is added as a past "
            "job); import the newest export to bring them up to date."
        )
    return {name: day.isoformat() for name, day in days.items()}, notes
