from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Domain = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        max_length=253,
        pattern=r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$",
    ),
]


class OrganizationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    domains: list[Domain] = Field(default_factory=list, max_length=50)
    location: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    notes: Annotated[str, StringConstraints(max_length=20_000)] | None = None


class OrganizationUpdate(OrganizationCreate):
    pass


class OrganizationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    aliases: list[str]
    domains: list[str]
    location: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime
