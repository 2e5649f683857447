from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from goodword.duplicates.models import CandidateStatus
from goodword.people.schemas import PersonRead

# Fields the user may pick from either person when merging; lists (e-mails, phones,
# addresses, positions, tags) are always kept from both.
CHOOSABLE = ("display_name", "given_name", "family_name", "location", "notes", "how_we_met",
             "birthday")  # fmt: skip
Side = Literal["a", "b"]


class MergeChoices(BaseModel):
    """For each field, "a" keeps the surviving person's value, "b" the absorbed one's."""

    model_config = ConfigDict(extra="forbid")

    display_name: Side | None = None
    given_name: Side | None = None
    family_name: Side | None = None
    location: Side | None = None
    notes: Side | None = Field(default=None, description="Unset keeps both notes.")
    how_we_met: Side | None = None
    birthday: Side | None = None
    current_job: Literal["a", "b", "both"] | None = Field(
        default=None,
        description="When each works now somewhere the other does not: whose current jobs "
        "stay current (the other's there become past jobs), or both. Unset follows an "
        "import's rule: an undated job does not end a LinkedIn connection's; else the later "
        "start, a dated job, or the job recorded last wins.",
    )


class CandidateRead(BaseModel):
    id: int
    score: float
    reasons: list[str]
    status: CandidateStatus
    person_a: PersonRead
    person_b: PersonRead
    created_at: datetime


class MergeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    survivor_id: int | None
    absorbed_id: int
    absorbed_name: str
    # The person kept as they were named at the merge (survivor_id is None once they are
    # gone: deleted, or merged into someone else after this merge was undone).
    survivor_name: str
    reason: str | None
    merged_at: datetime
    undone_at: datetime | None


class ScanResult(BaseModel):
    """What a duplicates scan found: pairs queued, and pairs merged without asking."""

    candidates_created: int
    merged: list[MergeRead]


class PossibleDuplicate(BaseModel):
    """Someone who may be the same person as the one saved; the pair waits in the
    possible-duplicates queue as `candidate_id`, to be merged or told apart."""

    candidate_id: int
    person_id: int
    display_name: str
    shared: list[str] = Field(
        description='What both have, in words: "the e-mail address ada@example.org".'
    )
    message: str
