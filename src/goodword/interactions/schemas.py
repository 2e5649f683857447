from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from goodword.interactions.models import Direction, InteractionKind, Rapport
from goodword.records import (
    Moment,
    Number,
    Problem,
    RecordId,
    already_begun,
    check_whole,
    clean_text,
)

# The kinds that have a writer: who wrote a message or an e-mail.
WRITTEN = (InteractionKind.MESSAGE, InteractionKind.EMAIL)
WRITER_CAME_IN = 'writer_id is only for a message that came in (direction "inbound").'
WRITER_AMONG = "writer_id must be one of the participants."
NOTHING_RECORDED = "Add at least one person who took part, or a summary of what happened."
# An interaction records what happened: a day that has begun nowhere yet is a mistyped date
# (and counted as recent contact it would raise a tie's strength and quiet keep-in-touch).
STILL_TO_COME = "That day is still to come: give the day it happened."


class ParticipantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: RecordId
    rapport: Rapport | None = None


class InteractionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occurred_at: Annotated[Moment, already_begun(STILL_TO_COME)]
    kind: InteractionKind
    summary: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    opportunity_id: RecordId | None = None
    interview_round: Annotated[Number, Field(ge=1, le=20)] | None = None
    # Who wrote it (messages and e-mails): "outbound" you, "inbound" them.
    direction: Direction | None = None
    # Which of the participants wrote a message that came in (direction "inbound"), for a
    # group conversation; the one person of a conversation of two wrote it anyway.
    writer_id: RecordId | None = None
    participants: list[ParticipantIn] = Field(default_factory=list, max_length=100)

    @model_validator(mode="wrap")
    @classmethod
    def _check(
        cls, data: Any, handler: ModelWrapValidatorHandler[InteractionCreate], info: ValidationInfo
    ) -> InteractionCreate:
        rules = [
            _no_one_twice,
            _round_of_an_interview,
            _writer_of_a_message,
            _writer_among_them,
            _something_recorded,
        ]
        return check_whole(cls, data, handler, info, rules)


def _no_one_twice(interaction: InteractionCreate) -> Problem | None:
    ids = [p.person_id for p in interaction.participants]
    if len(ids) != len(set(ids)):
        return Problem("A person is listed twice among the participants.")
    return None


def _round_of_an_interview(interaction: InteractionCreate) -> Problem | None:
    if (
        interaction.interview_round is not None
        and interaction.kind is not InteractionKind.INTERVIEW
    ):
        return Problem("interview_round is only for interviews.")
    return None


def _writer_of_a_message(interaction: InteractionCreate) -> Problem | None:
    if interaction.direction is not None and interaction.kind not in WRITTEN:
        return Problem("direction is only for messages and e-mails.", field="direction")
    return None


def _writer_among_them(interaction: InteractionCreate) -> Problem | None:
    if interaction.writer_id is None:
        return None
    if interaction.direction is not Direction.INBOUND:
        return Problem(WRITER_CAME_IN, field="writer_id")
    if interaction.writer_id not in {p.person_id for p in interaction.participants}:
        return Problem(WRITER_AMONG, field="writer_id")
    return None


def _something_recorded(interaction: InteractionCreate) -> Problem | None:
    if interaction.participants or clean_text(interaction.summary) is not None:
        return None
    # Said of the participants field (not of the whole record), so the API names it and a
    # form shows it beside the people.
    return Problem(NOTHING_RECORDED, field="participants", kind="nothing_recorded")


class InteractionUpdate(InteractionCreate):
    pass


class ParticipantRead(BaseModel):
    person_id: int
    person_name: str
    rapport: Rapport | None


class InteractionRead(BaseModel):
    id: int
    occurred_at: datetime
    kind: InteractionKind
    summary: str | None
    opportunity_id: int | None
    interview_round: int | None
    direction: Direction | None
    writer_id: int | None
    writer_gone: bool = Field(
        default=False,
        description="A message that came in from someone not among its people: an account "
        'deleted where it was written (LinkedIn\'s "LinkedIn Member") or a writer you deleted '
        "since. It counts as contact with none of its people.",
    )
    participants: list[ParticipantRead]
    created_at: datetime
    updated_at: datetime
