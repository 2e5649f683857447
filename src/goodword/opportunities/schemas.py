from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.organizations.schemas import NAMES_NO_ORGANIZATION
from goodword.records import Day, Problem, RecordId, WebAddress, check_whole, visible_name

Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
OrganizationName = Annotated[Text200, AfterValidator(visible_name)]


class OpportunityBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: RecordId | None = Field(
        default=None,
        description="The organization's id. Given with organization_name, both must name the "
        "same organization (422 otherwise).",
    )
    organization_name: OrganizationName | None = Field(
        default=None,
        description="The organization's name or one of its other names; a new name adds it.",
    )
    role_title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
    ]
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    region: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    country: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    posting_url: WebAddress | None = None
    posting_text: Annotated[str, StringConstraints(max_length=100_000)] | None = None
    pay_min: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    pay_max: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    pay_currency: (
        Annotated[
            str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")
        ]
        | None
    ) = None
    pay_period: PayPeriod | None = None
    route: Route | None = None
    hiring_manager_id: RecordId | None = None
    next_step: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = (
        None
    )
    next_step_due: Day | None = None
    notes: Annotated[str, StringConstraints(max_length=20_000)] | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _check(
        cls, data: Any, handler: ModelWrapValidatorHandler[OpportunityBase], info: ValidationInfo
    ) -> OpportunityBase:
        # (Both rules are judged even when another field has an error: one submit lists all.)
        return check_whole(cls, data, handler, info, [_names_its_organization, _pay_in_order])


def _names_its_organization(opportunity: OpportunityBase) -> Problem | None:
    if opportunity.organization_id is None and not opportunity.organization_name:
        return Problem(NAMES_NO_ORGANIZATION)
    return None


def _pay_in_order(opportunity: OpportunityBase) -> Problem | None:
    low, high = opportunity.pay_min, opportunity.pay_max
    if low is not None and high is not None and high < low:
        return Problem("pay_max is below pay_min.")
    return None


class OpportunityCreate(OpportunityBase):
    stage: Stage = Stage.TARGET


class OpportunityUpdate(OpportunityBase):
    """Replaces the fields; a different stage is recorded as a move."""

    stage: Stage | None = None


class StageMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Stage
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class StageChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_stage: Stage | None
    to_stage: Stage
    changed_at: datetime
    note: str | None


class OpportunityRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: int
    organization_name: str
    role_title: str
    city: str | None
    region: str | None
    country: str | None
    posting_url: str | None
    posting_text: str | None
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_currency: str | None
    pay_period: PayPeriod | None
    stage: Stage
    route: Route | None
    hiring_manager_id: int | None
    hiring_manager_name: str | None
    next_step: str | None
    next_step_due: date | None
    notes: str | None
    stage_changes: list[StageChangeRead]
    created_at: datetime
    updated_at: datetime
