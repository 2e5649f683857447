from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from goodword.records import Day, Next, Prev, RecordId
from goodword.referrals.models import AskStatus

Notes = Annotated[str, StringConstraints(max_length=5_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class ReferralAskCreate(BaseModel):
    """Ask one person to recommend the user at one organization."""

    model_config = ConfigDict(extra="forbid")

    person_id: RecordId
    target_organization_id: RecordId | None = None
    source_opportunity_id: RecordId | None = None
    notes: Notes | None = None


class ReferralAskMove(BaseModel):
    """Move an ask on: asked, agreed, declined, introduced, interviewing, offer or closed."""

    model_config = ConfigDict(extra="forbid")

    status: AskStatus
    on: Day
    introduced_to: Name | None = None
    result_opportunity_id: RecordId | None = None
    notes: Notes | None = None


class ReferralAskRead(BaseModel):
    id: int
    person_id: int
    person_name: str
    target_organization_id: int | None
    target_organization_name: str | None
    source_opportunity_id: int | None
    result_opportunity_id: int | None
    status: AskStatus
    asked_on: date | None
    reported_back_on: date | None
    introduced_to: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime


class ReferralAskPage(BaseModel):
    items: list[ReferralAskRead]
    next: Next
    prev: Prev
