from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from goodword.connections.models import ConnectionKind
from goodword.records import Day, RecordId


class ConnectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_a_id: RecordId
    person_b_id: RecordId
    kind: ConnectionKind
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    since: Day | None = None
    closeness: Annotated[int, Field(ge=1, le=5)] | None = None
    notes: Annotated[str, StringConstraints(max_length=5_000)] | None = None

    @model_validator(mode="after")
    def _check(self) -> ConnectionCreate:
        if self.person_a_id == self.person_b_id:
            raise ValueError("A connection joins two different people.")
        return self


class ConnectionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ConnectionKind
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    since: Day | None = None
    closeness: Annotated[int, Field(ge=1, le=5)] | None = None
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
