"""The shapes the API and `--json` give for where a person came from and for splitting off
a record an import matched to them (`splitting.py`)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from goodword.importers import splitting
from goodword.people import service as people
from goodword.people.schemas import PersonRead


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
