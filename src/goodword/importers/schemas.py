"""The shapes the API and `--json` give for an import's report and the kept imports, for
where a person came from, and for splitting off a record an import matched to them
(`splitting.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from goodword.importers import splitting, undoing
from goodword.importers.history import RunSummary
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.undo_matches import TakenBack
from goodword.people import service as people
from goodword.people.schemas import PersonRead
from goodword.records import API_PREFIX


class SourceOut(BaseModel):
    """A source record behind a person."""

    id: int
    source: str
    file_name: str | None
    # The source's own id for the record, or the key Goodword made ("name:…").
    external_key: str | None
    # The id as the person page shows it: the source's own, or what Goodword knows the
    # record by ("none: known by name and e-mail").
    shown_key: str
    imported_at: datetime
    # Its line or card in the file, for a record an import matched to this person.
    line: int | None
    # Whether an import matched it to this person (rather than making them from it), so it
    # can be split off (`POST …/split`).
    can_split: bool
    # The merge that brought it to this person, while in place (undoing it takes the record
    # off again, back to the person it was with; a matched one can then be split off there).
    merge_id: int | None


class PersonSources(BaseModel):
    person_id: int
    sources: list[SourceOut]


def source_out(source: splitting.SourceRead) -> SourceOut:
    return SourceOut(
        id=source.id,
        source=source.source,
        file_name=source.file_name,
        external_key=source.external_key,
        shown_key=source.shown_key,
        imported_at=source.imported_at,
        line=source.line,
        can_split=source.can_split,
        merge_id=source.merge_id,
    )


class SplitOut(BaseModel):
    """What splitting a record off does: what the new person gets, what comes off the
    person it was matched to, and what stays on them because it changed since."""

    name: str
    source: SourceOut
    gets: list[str]
    taken_back: list[str]
    left: list[str]


class SplitResult(BaseModel):
    # The person made from the record, and the person it had been matched to.
    person: PersonRead
    kept: PersonRead
    split: SplitOut


def split_out(outcome: splitting.Outcome) -> SplitOut:
    return SplitOut(
        name=outcome.name,
        source=source_out(outcome.source),
        gets=outcome.gets,
        taken_back=outcome.taken_back,
        left=outcome.left,
    )


def split_result(split: splitting.Split) -> SplitResult:
    return SplitResult(
        person=people.to_read(split.person),
        kept=people.to_read(split.kept),
        split=split_out(split.outcome),
    )


# What an import did, as POST /imports, GET /imports and `goodword import(s) --json` give it.
class FileOut(BaseModel):
    name: str
    format: str | None
    label: str
    rows: int
    people: int
    interactions: int
    skipped: int


class RowOut(BaseModel):
    file: str
    line: int | None
    outcome: Outcome
    name: str
    person_id: int | None
    detail: str


class ImportReportOut(BaseModel):
    """What the import did (or, for a dry run, would do) with every file and row."""

    id: int | None = Field(
        description="The kept report's id (`GET /imports/{id}`); null for a dry run."
    )
    finished_at: datetime | None
    undone_at: datetime | None = Field(
        default=None, description="When it was undone (`POST /imports/{id}/undo`), if it was."
    )
    undone: str | None = Field(
        default=None,
        description="What the undo did, in words, naming the first people who stayed (its "
        "summary); null if not undone, or undone before Goodword kept them.",
    )
    dry_run: bool
    counts: dict[str, int]
    people_created: int
    files: list[FileOut]
    interactions_created: int
    interactions_existing: int
    connections_created: int
    organizations_created: int
    candidates_created: int
    notes: list[str]
    rows: list[RowOut]
    duplicates_url: str


def report_out(report: ImportReport) -> ImportReportOut:
    """The report in the API's shape and words: its notes and rows name the API's routes
    where the kept report names the pages (`registry.in_the_api`)."""
    from goodword.importers import registry

    data: dict[str, Any] = report.to_dict()
    data["notes"] = [registry.in_the_api(note) for note in data["notes"]]
    for row in data["rows"]:
        row["detail"] = registry.in_the_api(row["detail"])
    return ImportReportOut(**data, duplicates_url=f"{API_PREFIX}/duplicates")


class FileSummaryOut(BaseModel):
    name: str
    label: str
    people: int


class ImportSummaryOut(BaseModel):
    """One kept import, without its rows."""

    id: int
    finished_at: datetime
    files: list[FileSummaryOut]
    counts: dict[str, int]
    undone_at: datetime | None
    # Whether `POST /imports/{id}/undo` can undo it now: the latest import not undone.
    can_undo: bool


class ImportList(BaseModel):
    items: list[ImportSummaryOut]


def import_list(runs: Sequence[RunSummary]) -> ImportList:
    return ImportList(items=[ImportSummaryOut(**run.to_dict()) for run in runs])


class UndoPerson(BaseModel):
    person_id: int
    name: str


class UndoKept(UndoPerson):
    # Why the undo leaves them (touched since, matched to someone already here...).
    reason: str


class UndoTakenBack(UndoPerson):
    # The records the import matched to them ("vCard record, line 1 of phone.vcf"), or
    # whose updates are put back ("its update, line 1 of phone.vcf").
    records: list[str]
    # What comes off them (or goes back as it was), and what stays because it changed since.
    taken: list[str]
    left: list[str]


class UndoOut(BaseModel):
    """What undoing a kept import does (`GET …/undo`) or did (`POST …/undo`)."""

    import_id: int
    done: bool
    summary: str
    # The people it takes away, and what goes with them.
    removed: list[UndoPerson]
    positions: int
    connections: int
    # The messages and invitations it added, and the organizations it made, that go.
    interactions: int
    organizations: int
    # People already here it matched records to: what comes off them.
    taken_back: list[UndoTakenBack]
    # People already here its records updated: what goes back as it was.
    put_back: list[UndoTakenBack]
    # The people who stay, each with why.
    kept: list[UndoKept]


def _taken_back(t: TakenBack) -> UndoTakenBack:
    return UndoTakenBack(
        person_id=t.person_id, name=t.name, records=t.records, taken=t.taken, left=t.left
    )


def undo_out(undo: undoing.Undo) -> UndoOut:
    return UndoOut(
        import_id=undo.run_id,
        done=undo.done,
        summary=undo.summary(),
        removed=[UndoPerson(person_id=i, name=name) for i, name in undo.removed],
        positions=undo.positions,
        connections=undo.connections,
        interactions=undo.interactions,
        organizations=undo.organizations,
        taken_back=[_taken_back(t) for t in undo.taken_back],
        put_back=[_taken_back(t) for t in undo.put_back],
        kept=[UndoKept(person_id=k.person_id, name=k.name, reason=k.reason) for k in undo.kept],
    )
