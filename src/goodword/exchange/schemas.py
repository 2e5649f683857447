"""The Goodword export file, version 1: a whole workspace as one JSON document.

Records point at each other by keys local to the file (`p1`, `o3`, `op2`, `i5`), never by
database ids, so a file imports into any database. Lists are in the order the records were
created, which an import keeps, so exporting the imported workspace gives the same document.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from goodword.connections.models import ConnectionKind
from goodword.interactions.models import InteractionKind, Rapport
from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.tasks.models import TaskStatus

FORMAT = "goodword-export"
VERSION = 1


def _text(max_length: int, *, min_length: int = 0) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)
    ]


Key = Annotated[str, StringConstraints(pattern=r"^[a-z]+[0-9]+$", max_length=20)]
Tag = _text(60, min_length=1)
LongText = Annotated[str, StringConstraints(max_length=100_000)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stamped(Record):
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ExportedWorkspace(Record):
    name: _text(200, min_length=1)  # type: ignore[valid-type]
    phone_region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class ExportedEmail(Record):
    address: EmailStr
    label: _text(50) | None = None  # type: ignore[valid-type]


class ExportedPhone(Record):
    number: _text(64, min_length=1)  # type: ignore[valid-type]
    label: _text(50) | None = None  # type: ignore[valid-type]


class ExportedUrl(Record):
    url: _text(500, min_length=4)  # type: ignore[valid-type]
    kind: _text(20, min_length=1) = "web"  # type: ignore[valid-type]
    label: _text(50) | None = None  # type: ignore[valid-type]


class ExportedPerson(Stamped):
    key: Key
    display_name: _text(200, min_length=1)  # type: ignore[valid-type]
    given_name: _text(100) | None = None  # type: ignore[valid-type]
    family_name: _text(100) | None = None  # type: ignore[valid-type]
    emails: list[ExportedEmail] = Field(default_factory=list)
    phones: list[ExportedPhone] = Field(default_factory=list)
    urls: list[ExportedUrl] = Field(default_factory=list)
    location: _text(200) | None = None  # type: ignore[valid-type]
    notes: LongText | None = None
    how_we_met: LongText | None = None
    tags: list[Tag] = Field(default_factory=list)
    interests: list[Tag] = Field(default_factory=list)
    is_me: bool = False


class ExportedOrganization(Stamped):
    key: Key
    name: _text(200, min_length=1)  # type: ignore[valid-type]
    aliases: list[_text(200, min_length=1)] = Field(default_factory=list)  # type: ignore[valid-type]
    domains: list[_text(253, min_length=1)] = Field(default_factory=list)  # type: ignore[valid-type]
    location: _text(200) | None = None  # type: ignore[valid-type]
    notes: LongText | None = None


class ExportedPosition(Stamped):
    person: Key
    organization: Key
    title: _text(200) | None = None  # type: ignore[valid-type]
    department: _text(200) | None = None  # type: ignore[valid-type]
    start_date: date | None = None
    end_date: date | None = None
    is_current: bool = True


class ExportedStageChange(Record):
    from_stage: Stage | None = None
    to_stage: Stage
    changed_at: AwareDatetime
    note: _text(500) | None = None  # type: ignore[valid-type]


Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class ExportedOpportunity(Stamped):
    key: Key
    organization: Key
    role_title: _text(200, min_length=1)  # type: ignore[valid-type]
    city: _text(100) | None = None  # type: ignore[valid-type]
    region: _text(100) | None = None  # type: ignore[valid-type]
    country: _text(100) | None = None  # type: ignore[valid-type]
    posting_url: _text(1000) | None = None  # type: ignore[valid-type]
    posting_text: LongText | None = None
    pay_min: Money | None = None
    pay_max: Money | None = None
    pay_currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    pay_period: PayPeriod | None = None
    stage: Stage
    route: Route | None = None
    hiring_manager: Key | None = None
    next_step: _text(500) | None = None  # type: ignore[valid-type]
    next_step_due: date | None = None
    notes: LongText | None = None
    stage_changes: list[ExportedStageChange] = Field(default_factory=list)


class ExportedParticipant(Record):
    person: Key
    rapport: Rapport | None = None


class ExportedInteraction(Stamped):
    key: Key
    occurred_at: AwareDatetime
    kind: InteractionKind
    summary: LongText | None = None
    opportunity: Key | None = None
    interview_round: Annotated[int, Field(ge=1, le=20)] | None = None
    participants: list[ExportedParticipant] = Field(default_factory=list)


class ExportedConnection(Stamped):
    person_a: Key
    person_b: Key
    kind: ConnectionKind
    source: _text(200) | None = None  # type: ignore[valid-type]
    since: date | None = None
    closeness: Annotated[int, Field(ge=1, le=5)] | None = None
    notes: LongText | None = None


class ExportedTask(Stamped):
    title: _text(300, min_length=1)  # type: ignore[valid-type]
    notes: LongText | None = None
    due_date: date | None = None
    status: TaskStatus = TaskStatus.OPEN
    snoozed_until: date | None = None
    completed_at: AwareDatetime | None = None
    origin: _text(100, min_length=1) = "manual"  # type: ignore[valid-type]
    person: Key | None = None
    organization: Key | None = None
    opportunity: Key | None = None
    interaction: Key | None = None


class ExportFile(Record):
    """The whole document; `format` and `version` say what it is before anything else."""

    format: Literal["goodword-export"]
    version: Literal[1]
    workspace: ExportedWorkspace
    organizations: list[ExportedOrganization] = Field(default_factory=list)
    people: list[ExportedPerson] = Field(default_factory=list)
    positions: list[ExportedPosition] = Field(default_factory=list)
    opportunities: list[ExportedOpportunity] = Field(default_factory=list)
    interactions: list[ExportedInteraction] = Field(default_factory=list)
    connections: list[ExportedConnection] = Field(default_factory=list)
    tasks: list[ExportedTask] = Field(default_factory=list)
