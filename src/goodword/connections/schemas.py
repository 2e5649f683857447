from __future__ import annotations

from datetime import date, datetime
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

from goodword.connections.models import ConnectionKind
from goodword.records import Day, Next, Number, Prev, Problem, RecordId, already_begun, check_whole

# A tie has a beginning that has happened: a day that has begun nowhere yet is a mistyped one.
BEGAN_LATER = "That day is still to come: give the day it began."
Since = Annotated[Day, already_begun(BEGAN_LATER)]


class ConnectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_a_id: RecordId
    person_b_id: RecordId
    kind: ConnectionKind
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    since: Since | None = None
    closeness: Annotated[Number, Field(ge=1, le=5)] | None = None
    notes: Annotated[str, StringConstraints(max_length=5_000)] | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _check(
        cls, data: Any, handler: ModelWrapValidatorHandler[ConnectionCreate], info: ValidationInfo
    ) -> ConnectionCreate:
        return check_whole(cls, data, handler, info, [_two_people])


def _two_people(connection: ConnectionCreate) -> Problem | None:
    if connection.person_a_id == connection.person_b_id:
        return Problem("A connection joins two different people.", field="person_b_id")
    return None


class ConnectionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ConnectionKind
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    since: Since | None = None
    closeness: Annotated[Number, Field(ge=1, le=5)] | None = None
    notes: Annotated[str, StringConstraints(max_length=5_000)] | None = None


class ConnectionRead(BaseModel):
    id: int
    person_a_id: int
    person_a_name: str
    person_b_id: int
    person_b_name: str
    kind: ConnectionKind
    source: str | None
    since: date | None
    closeness: int | None
    notes: str | None
    created_at: datetime


class ConnectionPage(BaseModel):
    items: list[ConnectionRead]
    next: Next
    prev: Prev
