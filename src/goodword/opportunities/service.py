"""Opportunities: the jobs the user is after, and the dated moves through the pipeline."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from goodword.db import utcnow
from goodword.errors import FieldError, InvalidInput
from goodword.opportunities.models import Opportunity, Stage, StageChange
from goodword.opportunities.schemas import (
    OpportunityCreate,
    OpportunityRead,
    OpportunityUpdate,
    StageChangeRead,
)
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.records import Page, clean_text, get_owned, keyset_page, referenced

KIND = "opportunity"


class TwoOrganizations(InvalidInput):
    """Both an organization's name and an id were given, and they name different ones: the
    surfaces name their own two fields (the CLI its --org and --org-id)."""

    def __init__(self, *, name: str, organization: Organization) -> None:
        self.name = name
        self.organization_id = organization.id
        self.organization_name = organization.name
        problem = self.problem("organization_name", "organization_id")
        super().__init__(
            problem,
            fields=[
                FieldError("organization_name", problem),
                FieldError("organization_id", problem),
            ],
        )

    def problem(self, by_name: str, by_id: str) -> str:
        """The refusal, naming the two inputs as the caller calls them."""
        return (
            f"{by_name} “{self.name}” and {by_id} {self.organization_id} "
            f"({self.organization_name}) name different organizations; give one of them."
        )


# Stages after which the application has no next step.
ENDED_WITHOUT_A_JOB = frozenset({Stage.REJECTED, Stage.WITHDRAWN})


def get(session: Session, *, workspace_id: int, opportunity_id: int) -> Opportunity:
    """Return the opportunity, or NotFound when it is not in this workspace."""
    return get_owned(
        session, Opportunity, workspace_id=workspace_id, record_id=opportunity_id, kind=KIND
    )


def create(
    session: Session, *, workspace_id: int, data: OpportunityCreate, at: datetime | None = None
) -> Opportunity:
    opportunity = Opportunity(workspace_id=workspace_id, stage=data.stage)
    _apply(session, opportunity, data)
    session.add(opportunity)
    session.flush()
    opportunity.stage_changes.append(
        StageChange(
            workspace_id=workspace_id,
            from_stage=None,
            to_stage=data.stage,
            changed_at=at or utcnow(),
        )
    )
    session.flush()
    return opportunity


def update(
    session: Session, *, workspace_id: int, opportunity_id: int, data: OpportunityUpdate
) -> Opportunity:
    opportunity = get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    # A next step typed with the move is kept; the one the form merely carried over is not.
    carried = (opportunity.next_step, opportunity.next_step_due)
    _apply(session, opportunity, data)
    session.flush()
    if data.stage is not None and data.stage != opportunity.stage:
        typed = (opportunity.next_step, opportunity.next_step_due)
        move(session, workspace_id=workspace_id, opportunity_id=opportunity.id, stage=data.stage)
        if typed != carried:
            opportunity.next_step, opportunity.next_step_due = typed
            session.flush()
    return opportunity


def move(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    stage: Stage,
    note: str | None = None,
    at: datetime | None = None,
) -> Opportunity:
    """Move the opportunity to another stage and record the move; the same stage is a no-op,
    refused with a note (there is no move to keep it with, and it is not dropped unsaid),
    unless the last move recorded is to that stage with that very note: the same move sent
    again (a retry after a timeout) went through already, and nothing is added.

    Moved to rejected or withdrawn, its next step and that step's date are cleared: there is
    no next step in that application (the rejection playbook's tasks say what to do now).
    """
    opportunity = get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    if opportunity.stage == stage:
        last = opportunity.stage_changes[-1] if opportunity.stage_changes else None
        made = last is not None and last.to_stage == stage and last.note == clean_text(note)
        if clean_text(note) and not made:
            raise InvalidInput(
                f"This opportunity is already at {stage.label}, so nothing moved and the note "
                "was not saved. Choose another stage to keep the note with the move.",
                fields=[
                    FieldError(
                        "note",
                        f"Not saved: already at {stage.label}. Choose another stage to keep it.",
                    )
                ],
            )
        return opportunity
    opportunity.stage_changes.append(
        StageChange(
            workspace_id=workspace_id,
            from_stage=opportunity.stage,
            to_stage=stage,
            changed_at=at or utcnow(),
            note=clean_text(note),
        )
    )
    opportunity.stage = stage
    if stage in ENDED_WITHOUT_A_JOB:
        opportunity.next_step = opportunity.next_step_due = None
    session.flush()
    return opportunity


def delete(session: Session, *, workspace_id: int, opportunity_id: int) -> None:
    session.delete(get(session, workspace_id=workspace_id, opportunity_id=opportunity_id))
    session.flush()


def list_(
    session: Session,
    *,
    workspace_id: int,
    stage: Stage | None = None,
    organization_id: int | None = None,
    hiring_manager_id: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Opportunity]:
    """List opportunities, most recently changed first."""
    statement = (
        select(Opportunity)
        .where(Opportunity.workspace_id == workspace_id)
        .options(selectinload(Opportunity.organization), selectinload(Opportunity.hiring_manager))
    )
    if stage is not None:
        statement = statement.where(Opportunity.stage == stage)
    if organization_id is not None:
        statement = statement.where(Opportunity.organization_id == organization_id)
    if hiring_manager_id is not None:
        statement = statement.where(Opportunity.hiring_manager_id == hiring_manager_id)
    return keyset_page(
        session,
        statement,
        list_name="opportunities",
        sort_column=Opportunity.updated_at,
        id_column=Opportunity.id,
        cursor=cursor,
        limit=limit,
        descending=True,
        decode_sort=datetime.fromisoformat,
        before=before,
    )


def board(session: Session, *, workspace_id: int) -> dict[Stage, list[Opportunity]]:
    """Every opportunity grouped by stage, in pipeline order."""
    rows = session.scalars(
        select(Opportunity)
        .where(Opportunity.workspace_id == workspace_id)
        .options(selectinload(Opportunity.organization))
        .order_by(Opportunity.updated_at.desc(), Opportunity.id.desc())
    )
    columns: dict[Stage, list[Opportunity]] = {stage: [] for stage in Stage}
    for opportunity in rows:
        columns[opportunity.stage].append(opportunity)
    return columns


def count_by_stage(session: Session, *, workspace_id: int) -> dict[Stage, int]:
    rows = session.execute(
        select(Opportunity.stage, func.count())
        .where(Opportunity.workspace_id == workspace_id)
        .group_by(Opportunity.stage)
    )
    counts = Counter({stage: 0 for stage in Stage})
    counts.update({stage: n for stage, n in rows})
    return {stage: counts[stage] for stage in Stage}


def to_read(opportunity: Opportunity) -> OpportunityRead:
    return OpportunityRead(
        id=opportunity.id,
        organization_id=opportunity.organization_id,
        organization_name=opportunity.organization.name,
        role_title=opportunity.role_title,
        city=opportunity.city,
        region=opportunity.region,
        country=opportunity.country,
        posting_url=opportunity.posting_url,
        posting_text=opportunity.posting_text,
        pay_min=opportunity.pay_min,
        pay_max=opportunity.pay_max,
        pay_currency=opportunity.pay_currency,
        pay_period=opportunity.pay_period,
        stage=opportunity.stage,
        route=opportunity.route,
        hiring_manager_id=opportunity.hiring_manager_id,
        hiring_manager_name=opportunity.hiring_manager.display_name
        if opportunity.hiring_manager
        else None,
        next_step=opportunity.next_step,
        next_step_due=opportunity.next_step_due,
        notes=opportunity.notes,
        stage_changes=[StageChangeRead.model_validate(c) for c in opportunity.stage_changes],
        created_at=opportunity.created_at,
        updated_at=opportunity.updated_at,
    )


def _apply(
    session: Session, opportunity: Opportunity, data: OpportunityCreate | OpportunityUpdate
) -> None:
    workspace_id = opportunity.workspace_id
    if data.organization_id is not None:
        organization_id = data.organization_id
        opportunity.organization = referenced(
            "organization_id",
            lambda: organizations.get(
                session, workspace_id=workspace_id, organization_id=organization_id
            ),
        )
        if data.organization_name:
            # Both given: they must mean the same organization, or the name would be lost.
            named = organizations.find_by_name(
                session, workspace_id=workspace_id, name=data.organization_name
            )
            if named is None or named.id != organization_id:
                raise TwoOrganizations(
                    name=data.organization_name, organization=opportunity.organization
                )
    else:
        assert data.organization_name is not None
        opportunity.organization = organizations.get_or_create(
            session, workspace_id=workspace_id, name=data.organization_name
        )
    if data.hiring_manager_id is not None:
        manager_id = data.hiring_manager_id
        opportunity.hiring_manager = referenced(
            "hiring_manager_id",
            lambda: people.get(session, workspace_id=workspace_id, person_id=manager_id),
        )
    else:
        opportunity.hiring_manager = None
    opportunity.role_title = data.role_title
    opportunity.city = clean_text(data.city)
    opportunity.region = clean_text(data.region)
    opportunity.country = clean_text(data.country)
    opportunity.posting_url = clean_text(data.posting_url)
    opportunity.posting_text = clean_text(data.posting_text)
    opportunity.pay_min = data.pay_min
    opportunity.pay_max = data.pay_max
    opportunity.pay_currency = data.pay_currency
    opportunity.pay_period = data.pay_period
    opportunity.route = data.route
    opportunity.next_step = clean_text(data.next_step)
    opportunity.next_step_due = data.next_step_due
    opportunity.notes = clean_text(data.notes)


def choices(session: Session, *, workspace_id: int, limit: int = 500) -> list[tuple[int, str]]:
    """(id, "role — organization") pairs by organization, for a picker; at most `limit`."""
    rows = session.execute(
        select(Opportunity.id, Opportunity.role_title, Organization.name)
        .join(Organization, Opportunity.organization_id == Organization.id)
        .where(Opportunity.workspace_id == workspace_id)
        .order_by(Organization.sort_name, Opportunity.role_title, Opportunity.id)
        .limit(limit)
    )
    return [(id_, f"{role} — {organization}") for id_, role, organization in rows]
