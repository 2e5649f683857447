from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from goodword.records import visible_name

# What a job or an opportunity that names no organization is refused with.
NAMES_NO_ORGANIZATION = (
    "Name the organization (organization_name) or give its id (organization_id)."
)

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(visible_name),
]


def _bare_domain(value: object) -> object:
    """A pasted web address stands for its domain: https://www.acme.com/jobs is acme.com."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    host = urlsplit(text if "://" in text else f"//{text}").hostname or text
    return host.removeprefix("www.").rstrip(".")


Domain = Annotated[
    str,
    BeforeValidator(_bare_domain),
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


class OtherName(BaseModel):
    """One more name for an organization: a former name, an abbreviation, a legal form."""

    model_config = ConfigDict(extra="forbid")

    name: Name


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


class OtherNameAdded(OrganizationRead):
    """An organization after a name was added to its other names, and whether it was new."""

    name_added: bool = Field(
        description="Whether the name was new to it; false when it already went by that name "
        "(as its name or another name, case and spacing aside), and nothing changed."
    )


class NearOrganization(BaseModel):
    """An organization whose name is very close to one typed that found none (a typo?)."""

    id: int
    name: str


class OrganizationAdded(BaseModel):
    """Whether a record's organization_name named no organization, so one was added, and
    the known ones very like it: what a job, an opportunity and a lead saved answer with.

    A model answering so names this class first among its bases, so these fields come
    after its own.
    """

    organization_added: bool = Field(
        default=False,
        description="Whether organization_name named no organization, so one was added.",
    )
    did_you_mean: list[NearOrganization] = Field(
        default_factory=list,
        description="For an organization added: those whose names are very close to its name "
        "(a typo?). Give one's id as organization_id to use it instead.",
    )


def organization_added(near: Sequence[Any] | None) -> dict[str, Any]:
    """`OrganizationAdded`'s fields for `near`, the organizations `organizations.new_name`
    found before saving (None when the name found one, so none was added)."""
    return {
        "organization_added": near is not None,
        "did_you_mean": [NearOrganization(id=o.id, name=o.name) for o in near or []],
    }
