from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from goodword.leads.models import LeadKind, ShareStatus
from goodword.organizations.schemas import OrganizationAdded
from goodword.playbooks.schemas import PlaybookResultRead
from goodword.records import Day, Next, Prev, RecordId, WebAddress, one_line, visible_name

Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(one_line),
]


def _place_line(value: str) -> str:
    if value.splitlines() != [value] and value:
        raise ValueError("A place is one line: a town or city, and its country if you like.")
    return value


Place = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_place_line)
]


class LeadCreate(BaseModel):
    """Something the user heard of that could help someone else."""

    model_config = ConfigDict(extra="forbid")

    kind: LeadKind
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    description: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    url: WebAddress | None = None
    happens_on: Day | None = None
    place: Place | None = None
    # Only for the people who can be there: needs a place.
    in_person: bool = False
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    organization_id: RecordId | None = None
    organization_name: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, max_length=200),
            AfterValidator(visible_name),
        ]
        | None
    ) = None


class LeadUpdate(LeadCreate):
    pass


class LeadShareRead(BaseModel):
    id: int
    lead_id: int
    person_id: int
    person_name: str
    status: ShareStatus
    reason: str | None
    sent_on: date | None


class LeadRead(BaseModel):
    id: int
    kind: LeadKind
    title: str
    description: str | None
    url: str | None
    happens_on: date | None
    place: str | None
    in_person: bool
    tags: list[str]
    organization_id: int | None
    organization_name: str | None
    shares: list[LeadShareRead]
    created_at: datetime
    updated_at: datetime


class LeadSaved(OrganizationAdded, LeadRead):
    """A lead as added or changed, and whether its organization was added for it."""


class SuggestionRead(BaseModel):
    person_id: int
    name: str
    score: int
    reason: str


class PassItOnRead(PlaybookResultRead):
    suggestions: list[SuggestionRead]
    # How many people the lead fits in all; the suggestions are the best of them.
    fits: int = 0


class LeadPage(BaseModel):
    items: list[LeadRead]
    next: Next
    prev: Prev
