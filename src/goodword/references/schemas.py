from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from goodword.playbooks.schemas import PlaybookResultRead
from goodword.records import Day, Next, Prev, RecordId, already_begun
from goodword.references.models import UseStatus

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5_000)]
AGREED_LATER = "That day is still to come: give the day they agreed."
# Consent is something that happened: a day that has begun nowhere yet is a mistyped date.
Consent = Annotated[Day, already_begun(AGREED_LATER)]


class ReferenceCreate(BaseModel):
    """Add someone to the user's references."""

    model_config = ConfigDict(extra="forbid")

    person_id: RecordId
    consent_on: Consent | None = None
    relationship_text: Text | None = None
    can_speak_to: Text | None = None
    is_current_workplace: bool = False
    active: bool = True
    notes: Text | None = None


class ReferenceUpdate(BaseModel):
    """A full replacement of a reference's own fields (the person stays the same)."""

    model_config = ConfigDict(extra="forbid")

    consent_on: Consent | None = None
    relationship_text: Text | None = None
    can_speak_to: Text | None = None
    is_current_workplace: bool = False
    active: bool = True
    notes: Text | None = None


class ReferenceUseMove(BaseModel):
    """Record what happened with one launch: briefed, called, thanked or cancelled."""

    model_config = ConfigDict(extra="forbid")

    status: UseStatus
    on: Day
    outcome: Text | None = None


class ReferenceUseRead(BaseModel):
    id: int
    reference_id: int
    # None once the opportunity was deleted; the launch still counts toward the cap.
    opportunity_id: int | None
    status: UseStatus
    stress_points: str | None
    used_on: date
    briefed_on: date | None
    called_on: date | None
    thanked_on: date | None
    outcome: str | None


class ReferenceRead(BaseModel):
    id: int
    person_id: int
    person_name: str
    consent_on: date | None
    relationship_text: str | None
    can_speak_to: str | None
    is_current_workplace: bool
    active: bool
    notes: str | None
    uses_count: int
    last_used_on: date | None
    warnings: list[str]
    created_at: datetime
    updated_at: datetime


class LaunchRead(BaseModel):
    use: ReferenceUseRead | None
    warnings: list[str]
    playbook: PlaybookResultRead


class RecordRead(BaseModel):
    use: ReferenceUseRead
    playbook: PlaybookResultRead


class ReferencePage(BaseModel):
    items: list[ReferenceRead]
    next: Next
    prev: Prev
