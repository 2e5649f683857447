from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from goodword.interactions.models import Direction, InteractionKind, Rapport
from goodword.records import Moment, RecordId, clean_text

# The kinds that have a writer: who wrote a message or an e-mail.
WRITTEN = (InteractionKind.MESSAGE, InteractionKind.EMAIL)
NOTHING_RECORDED = "Add at least one person who took part, or a summary of what happened."


class ParticipantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: RecordId
    rapport: Rapport | None = None


class InteractionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occurred_at: Moment
    kind: InteractionKind
    summary: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    opportunity_id: RecordId | None = None
    interview_round: Annotated[int, Field(ge=1, le=20)] | None = None
    # Who wrote it (messages and e-mails): "outbound" you, "inbound" them.
    direction: Direction | None = None
    participants: list[ParticipantIn] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _check(self) -> InteractionCreate:
        ids = [p.person_id for p in self.participants]
        if len(ids) != len(set(ids)):
            raise ValueError("A person is listed twice among the participants.")
        if self.kind is not InteractionKind.INTERVIEW and self.interview_round is not None:
            raise ValueError("interview_round is only for interviews.")
        if self.kind not in WRITTEN and self.direction is not None:
            raise ValueError("direction is only for messages and e-mails.")
        if not self.participants and clean_text(self.summary) is None:
            # Said of the participants field (a plain ValueError would be of the whole record),
            # so the API names it and a form shows it beside the people.
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [
                    InitErrorDetails(
                        type=PydanticCustomError("nothing_recorded", NOTHING_RECORDED),
                        loc=("participants",),
                        input=self.participants,
                    )
                ],
            )
        return self


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
    participants: list[ParticipantRead]
    created_at: datetime
    updated_at: datetime
