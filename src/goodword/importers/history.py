"""The imports a workspace keeps: each saved import's whole report, to read again later.

An import saves its report in its own transaction, so a report exists exactly when the
import's changes do (a dry run, or a refused or stopped import, leaves none). Each
workspace keeps its last `KEEP` reports; the user can forget one sooner. The rows are
stored compressed: they name the people the files held, as the files spelt them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from goodword.errors import NotFound
from goodword.importers import older_files
from goodword.importers.models import ImportRun
from goodword.importers.report import FileReport, ImportReport, Outcome, RowOutcome, Undone
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Person, PersonSource
from goodword.records import among

KEEP = 20
_FORMAT = 1  # the layout `encode` writes, for whoever reads it later
# What a kept report says in a row of someone deleted since (`forget_people`).
DELETED_NAME = "(someone since deleted)"
DELETED_DETAIL = "deleted since; what the file said of them is not kept"


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One kept import, as the list of imports shows it."""

    id: int
    finished_at: datetime
    files: list[dict[str, Any]]
    counts: dict[str, int]
    # When it was undone, if it was; whether it can be undone now (the latest one only).
    undone_at: datetime | None = None
    can_undo: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "finished_at": self.finished_at.isoformat(),
            "files": self.files,
            "counts": self.counts,
            "undone_at": self.undone_at.isoformat() if self.undone_at else None,
            "can_undo": self.can_undo,
        }


def encode(report: ImportReport) -> bytes:
    """The report as compressed JSON; rows as lists, since there can be many."""
    data = {
        "format": _FORMAT,
        "files": [
            [f.name, f.format, f.label, f.rows, f.people, f.interactions, f.skipped]
            for f in report.files
        ],
        # (What an undo puts back follows a row that updated someone, or moved their source
        # record with nothing new; reports kept before have none.)
        "rows": [
            [r.file, r.line, r.outcome.value, r.name, r.person_id, r.detail]
            if r.put_back is None
            else [r.file, r.line, r.outcome.value, r.name, r.person_id, r.detail, r.put_back]
            for r in report.rows
        ],
        "notes": report.notes,
        "interactions_created": report.interactions_created,
        "interactions_existing": report.interactions_existing,
        "connections_created": report.connections_created,
        "organizations_created": report.organizations_created,
        "candidates_created": report.candidates_created,
    }
    undid = report.undid
    if isinstance(undid, Undone):
        data["undone"] = {
            "said": undid.said,
            "staying": undid.staying,
            "named": undid.named,
            "deleted": undid.deleted,
        }
    elif undid is not None:
        data["undone"] = undid  # (its words alone, as kept before the parts were)
    return zlib.compress(orjson.dumps(data), 1)


def decode(blob: bytes) -> ImportReport:
    data = orjson.loads(zlib.decompress(blob))
    if data.get("format") != _FORMAT:
        raise ValueError(f"an import report in layout {data.get('format')!r}, not {_FORMAT}")
    # (A name Goodword told apart from another's is known as such again: `kept_apart`.)
    names = [f[0] for f in data["files"]]
    apart = dict(zip(names, older_files.kept_apart(names), strict=True))
    return ImportReport(
        dry_run=False,
        files=[FileReport(apart[f[0]], *f[1:]) for f in data["files"]],
        rows=[
            # (name, person, detail and, if kept, what an undo puts back)
            RowOutcome(apart.get(row[0], row[0]), row[1], Outcome(row[2]), *row[3:])
            for row in data["rows"]
        ],
        interactions_created=data["interactions_created"],
        interactions_existing=data["interactions_existing"],
        connections_created=data["connections_created"],
        organizations_created=data["organizations_created"],
        candidates_created=data["candidates_created"],
        notes=data["notes"],
        undid=_undid(data.get("undone")),
    )


def _undid(kept: Any) -> Undone | str | None:
    """What an undo did, as kept: its parts (`Undone`), or its words alone kept before."""
    if not isinstance(kept, dict):
        return kept
    named = [(person_id, name) for person_id, name in kept["named"]]
    return Undone(kept["said"], kept["staying"], named, kept["deleted"])


def begin(session: Session, *, workspace_id: int, now: datetime) -> int:
    """The id the import's report will be kept by (`save`), taken before it writes, so
    what it adds can name it (`Interaction.import_run_id`, `Organization.import_run_id`)."""
    run = ImportRun(workspace_id=workspace_id, finished_at=now, report=b"")
    session.add(run)
    session.flush()
    return run.id


def save(
    session: Session,
    *,
    workspace_id: int,
    report: ImportReport,
    now: datetime,
    run_id: int | None = None,
) -> int:
    """Keep the report (in the import's transaction; under `run_id` when `begin` took it)
    and forget the workspace's reports beyond the last `KEEP`; the report's `id` and
    `finished_at` are set."""
    run = session.get(ImportRun, run_id) if run_id is not None else None
    if run is None:
        run = ImportRun(workspace_id=workspace_id)
        session.add(run)
    run.finished_at = now
    run.files = [
        {"name": f.name, "label": f.label, "people": f.people} | report.as_of.get(at, {})
        for at, f in enumerate(report.files)
    ]
    run.counts = report.counts
    run.report = encode(report)
    session.flush()
    mark_people(session, workspace_id=workspace_id, report=report, run_id=run.id)
    # By id, the order they were saved in (a clock set back cannot make the newest oldest).
    older = select(ImportRun.id).where(ImportRun.workspace_id == workspace_id)
    kept = older.order_by(ImportRun.id.desc()).limit(KEEP)
    # (The LinkedIn exports of those that go still date an older one: `older_files`.)
    going = older.where(ImportRun.id.not_in(kept.scalar_subquery()))
    older_files.remember_gone(session, workspace_id, session.scalars(going).all())
    session.execute(
        delete(ImportRun).where(
            ImportRun.workspace_id == workspace_id, ImportRun.id.not_in(kept.scalar_subquery())
        )
    )
    report.id, report.finished_at = run.id, now
    return run.id


def mark_people(session: Session, *, workspace_id: int, report: ImportReport, run_id: int) -> None:
    """Mark the people the import made as its own (`Person.made_by_import`), for undoing it,
    and unmark those it changed that another import made: touched since, they stay when
    that one is undone."""
    made = {
        row.person_id
        for row in report.rows
        if row.person_id and row.outcome in (Outcome.CREATED, Outcome.SUGGESTED)
    }
    changed = {
        row.person_id
        for row in report.rows
        if row.person_id and row.outcome in (Outcome.UPDATED, Outcome.MERGED)
    } - made
    for ids, value in ((changed, None), (made, run_id)):
        if ids:
            session.execute(
                update(Person)
                .where(Person.workspace_id == workspace_id, among(session, Person.id, sorted(ids)))
                .values(made_by_import=value)
                .execution_options(synchronize_session=False)
            )
    # So are those another import made that this one added messages with (a messages.csv
    # names no one in its rows): undoing that import must leave them, and the messages.
    added = select(Interaction.id).where(
        Interaction.workspace_id == workspace_id, Interaction.import_run_id == run_id
    )
    in_them = select(Participant.person_id).where(Participant.interaction_id.in_(added))
    writers = select(Interaction.writer_id).where(Interaction.id.in_(added))
    session.execute(
        update(Person)
        .where(
            Person.workspace_id == workspace_id,
            Person.made_by_import.is_not(None),
            Person.made_by_import != run_id,
            Person.id.in_(in_them.union(writers)),
        )
        .values(made_by_import=None)
        .execution_options(synchronize_session=False)
    )


def recent(session: Session, *, workspace_id: int) -> list[RunSummary]:
    """The workspace's kept imports, the last saved first."""
    rows = session.execute(
        select(
            ImportRun.id,
            ImportRun.finished_at,
            ImportRun.files,
            ImportRun.counts,
            ImportRun.undone_at,
            ImportRun.undoable,
        )
        .where(ImportRun.workspace_id == workspace_id)
        .order_by(ImportRun.id.desc())
    ).all()
    # (The latest not undone, as `undoing.undoable_id` finds it.)
    latest = next((row for row in rows if row.undone_at is None), None)
    return [
        RunSummary(
            row.id,
            row.finished_at,
            row.files,
            row.counts,
            row.undone_at,
            can_undo=row is latest and row.undoable,
        )
        for row in rows
    ]


def get(session: Session, *, workspace_id: int, run_id: int) -> ImportReport:
    """A kept import's whole report."""
    found = session.execute(
        select(ImportRun.report, ImportRun.finished_at, ImportRun.undone_at).where(
            ImportRun.workspace_id == workspace_id, ImportRun.id == run_id
        )
    ).one_or_none()
    if found is None:
        raise NotFound("import", run_id)
    report = decode(found.report)
    report.id, report.finished_at = run_id, found.finished_at
    report.undone_at = found.undone_at
    if isinstance(report.undid, Undone) and report.undid.named:
        # Who stayed is named as they are listed now (renamed since, say), to be found by it.
        ids = [person_id for person_id, _name in report.undid.named]
        now = dict(
            session.execute(
                select(Person.id, Person.display_name).where(
                    Person.workspace_id == workspace_id, Person.id.in_(ids)
                )
            ).all()
        )
        report.undid.named = [(i, now.get(i, name)) for i, name in report.undid.named]
    return report


def forget(session: Session, *, workspace_id: int, run_id: int) -> None:
    """Delete a kept report (the people it imported stay; its LinkedIn export still dates
    an older one: `older_files.remember_gone`)."""
    older_files.remember_gone(session, workspace_id, [run_id])
    deleted = session.execute(
        delete(ImportRun).where(ImportRun.workspace_id == workspace_id, ImportRun.id == run_id)
    )
    if not deleted.rowcount:  # type: ignore[attr-defined]
        raise NotFound("import", run_id)
    # (Its people are no longer its: SQLite may give its id to the next import.)
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace_id, Person.made_by_import == run_id)
        .values(made_by_import=None)
        .execution_options(synchronize_session=False)
    )


def forget_people(session: Session, *, workspace_id: int, person_ids: Collection[int]) -> int:
    """Take deleted people out of the kept reports: a row that named one of them keeps its
    file, line and outcome, and loses their name, their id and what it said of them (their
    details, as the file gave them); an undone one's words on who stayed name them no more
    (`_unnamed`). Returns how many rows were changed. (Called before they are deleted: the
    records they hold say which imports they are of.)"""
    if not person_ids:
        return 0
    changed = 0
    # The imports whose records they hold, one with no row of theirs too (split off since).
    held = set(
        session.scalars(
            select(PersonSource.imported_at).where(
                PersonSource.workspace_id == workspace_id,
                among(session, PersonSource.person_id, sorted(person_ids)),
            )
        )
    )
    runs = session.execute(
        select(ImportRun.id, ImportRun.report, ImportRun.finished_at).where(
            ImportRun.workspace_id == workspace_id
        )
    )
    for run_id, blob, finished_at in runs.all():
        report = decode(blob)
        theirs = [row for row in report.rows if row.person_id in person_ids]
        for row in theirs:
            row.name, row.person_id, row.detail = DELETED_NAME, None, DELETED_DETAIL
            row.put_back = None
        unnamed = _unnamed(report, person_ids, rows=bool(theirs) or finished_at in held)
        if theirs or unnamed:
            changed += len(theirs)
            session.execute(
                update(ImportRun).where(ImportRun.id == run_id).values(report=encode(report))
            )
    return changed


def _unnamed(report: ImportReport, person_ids: Collection[int], *, rows: bool) -> bool:
    """Take deleted people out of what the report's undo said of who stayed: each reads
    "someone since deleted". Its words alone, kept before the parts were, lose every name
    once one of its people goes (`rows`: one of its rows named them, or they held one of
    its records, split off since with no row of their own), as who stayed is not known by
    id. Whether it changed."""
    undid = report.undid
    if isinstance(undid, Undone):
        gone = [pair for pair in undid.named if pair[0] in person_ids]
        if gone:
            undid.named = [pair for pair in undid.named if pair[0] not in person_ids]
            undid.deleted += len(gone)
        return bool(gone)
    found = _NAMED.search(undid) if isinstance(undid, str) and rows else None
    if found is None:
        return False
    report.undid = found.string[: found.start()] + f"; {found.group(1)}."
    return True


# Who stayed, in an undo's words kept before its parts were ("; 1 person stays: Ada
# Lovelace."), always their last clause.
_NAMED = re.compile(r"; (\d[\d,]* (?:person stays|people stay)): ")


def mark_undone(session: Session, *, run_id: int, undid: Undone) -> None:
    """Keep with the import's report what its undo did (`ImportReport.undone`)."""
    blob = session.scalar(select(ImportRun.report).where(ImportRun.id == run_id))
    if blob is None:
        return
    report = decode(blob)
    report.undid = undid
    session.execute(update(ImportRun).where(ImportRun.id == run_id).values(report=encode(report)))


def unlink_people(session: Session, *, workspace_id: int, person_ids: Collection[int]) -> None:
    """Take the links to people an undone import took away out of the kept reports: their
    rows keep what the file said, and name no one."""
    runs = session.execute(
        select(ImportRun.id, ImportRun.report).where(ImportRun.workspace_id == workspace_id)
    )
    for run_id, blob in runs.all():
        report = decode(blob)
        theirs = [row for row in report.rows if row.person_id in person_ids]
        for row in theirs:
            row.person_id = None
        if theirs:
            session.execute(
                update(ImportRun).where(ImportRun.id == run_id).values(report=encode(report))
            )


def files_in_words(files: Iterable[Any]) -> str:
    """The files an import was given, an archive's or folder's members counted under its
    name rather than listed (the list of earlier imports stays narrow).

    >>> from types import SimpleNamespace as F
    >>> files_in_words([F(name="export.zip/Connections.csv"), F(name="export.zip/messages.csv"),
    ...          F(name="phone.vcf"), F(name="phone.vcf")])
    'export.zip (2 files), phone.vcf, phone.vcf'
    """
    shown: list[str] = []
    members: dict[str, int] = {}  # an archive or folder -> its place in `shown`
    counts: dict[str, int] = {}
    for item in files:
        name = item["name"] if isinstance(item, dict) else item.name  # (a kept report's: dicts)
        top, inside, _rest = name.partition("/")
        if not inside:
            shown.append(name)
            continue
        if top not in members:
            members[top] = len(shown)
            shown.append(top)
        counts[top] = counts.get(top, 0) + 1
    for top, at in members.items():
        count = counts[top]
        shown[at] = f"{top} ({count} file{'s' if count != 1 else ''})"
    return ", ".join(shown)
