"""JSON API for opportunities, their stage moves and the pipeline board."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel

from goodword import clock
from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
    Next,
    Prev,
    checked_cursors,
)
from goodword.deps import AppSettings, DbSession, WorkspaceId
from goodword.network.strength import model_from_settings
from goodword.opportunities import service
from goodword.opportunities.models import Stage
from goodword.opportunities.moves import StageMoveRead, moved_read
from goodword.opportunities.schemas import (
    OpportunityCreate,
    OpportunityRead,
    OpportunityUpdate,
    StageMove,
)
from goodword.organizations import service as organizations
from goodword.playbooks import events

router = APIRouter(prefix=API_PREFIX, tags=["opportunities"], responses=ERROR_RESPONSES)


class OpportunityPage(BaseModel):
    items: list[OpportunityRead]
    next: Next
    prev: Prev


class BoardColumn(BaseModel):
    stage: Stage
    label: str
    items: list[OpportunityRead]


class Board(BaseModel):
    columns: list[BoardColumn]


@router.get("/opportunities", response_model=OpportunityPage, summary="List opportunities")
def list_opportunities(
    session: DbSession,
    workspace_id: WorkspaceId,
    stage: Annotated[Stage | None, Query(description="Only opportunities at this stage.")] = None,
    organization_id: Annotated[int | None, Query(description="Only at this organization.")] = None,
    hiring_manager_id: Annotated[
        int | None, Query(description="Only those this person is hiring for.")
    ] = None,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> OpportunityPage:
    """Opportunities, most recently changed first; pass `next` back as `after` for more,
    and `prev` as `before` for the page before."""
    cursor, before = checked_cursors(after, before, sort="time", list_name="opportunities")
    page = service.list_(
        session,
        workspace_id=workspace_id,
        stage=stage,
        organization_id=organization_id,
        hiring_manager_id=hiring_manager_id,
        cursor=cursor,
        limit=limit,
        before=before,
    )
    return OpportunityPage(
        items=[service.to_read(o) for o in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.get("/opportunities/board", response_model=Board, summary="The pipeline board")
def board(session: DbSession, workspace_id: WorkspaceId) -> Board:
    """Every opportunity grouped by stage, one column per stage in pipeline order."""
    columns = service.board(session, workspace_id=workspace_id)
    return Board(
        columns=[
            BoardColumn(stage=stage, label=stage.label, items=[service.to_read(o) for o in items])
            for stage, items in columns.items()
        ]
    )


@router.post(
    "/opportunities",
    response_model=StageMoveRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add an opportunity",
)
def create_opportunity(
    session: DbSession, workspace_id: WorkspaceId, settings: AppSettings, data: OpportunityCreate
) -> StageMoveRead:
    """Add an opportunity; `organization_name` finds or creates the organization.

    The stage it starts at does what a move there does: `playbook` and `warning` say what
    it set off (added as rejected, the rejection playbook; as applied, the blind-application
    warning), as the stage move's do.
    """
    near = organizations.new_name(
        session,
        workspace_id=workspace_id,
        name=data.organization_name,
        organization_id=data.organization_id,
    )
    created = events.create(
        session,
        workspace_id=workspace_id,
        data=data,
        today=clock.today(),
        model=model_from_settings(settings),
        confirm=confirm_late_in_the_api,
    )
    return moved_read(created, near)


def confirm_late_in_the_api(opportunity_id: int) -> str:
    """How the API runs an opportunity's rejection playbook anyway (a move's prompts say)."""
    return (
        f'send {{"confirm_late": true}} to POST {API_PREFIX}/opportunities/{opportunity_id}'
        "/playbooks/rejection"
    )


@router.get(
    "/opportunities/{opportunity_id}",
    response_model=OpportunityRead,
    summary="Show an opportunity",
)
def get_opportunity(
    session: DbSession, workspace_id: WorkspaceId, opportunity_id: int
) -> OpportunityRead:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return service.to_read(opportunity)


@router.put(
    "/opportunities/{opportunity_id}",
    response_model=StageMoveRead,
    summary="Replace an opportunity's fields",
)
def replace_opportunity(
    session: DbSession,
    workspace_id: WorkspaceId,
    settings: AppSettings,
    opportunity_id: int,
    data: OpportunityUpdate,
) -> StageMoveRead:
    """Replace the fields; a different `stage` is recorded as a dated move and does what a
    move does: `playbook` and `warning` say what it set off, as the stage move's do."""
    near = organizations.new_name(
        session,
        workspace_id=workspace_id,
        name=data.organization_name,
        organization_id=data.organization_id,
    )
    moved = events.update(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        data=data,
        today=clock.today(),
        model=model_from_settings(settings),
        confirm=confirm_late_in_the_api,
    )
    return moved_read(moved, near)


@router.delete(
    "/opportunities/{opportunity_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete an opportunity",
)
def delete_opportunity(
    session: DbSession, workspace_id: WorkspaceId, opportunity_id: int
) -> Response:
    service.delete(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/opportunities/{opportunity_id}/stage",
    response_model=StageMoveRead,
    summary="Move an opportunity to another stage",
)
def move_opportunity(
    session: DbSession,
    workspace_id: WorkspaceId,
    settings: AppSettings,
    opportunity_id: int,
    data: StageMove,
) -> StageMoveRead:
    """Move to `stage` and record the move with its note; the current stage changes nothing,
    and with a note is refused (422): there is no move to keep the note with. The same move
    sent again (the last move recorded is to that stage with that very note, as when a
    request timed out and is retried) is answered 200, adding nothing.

    A move to rejected runs the rejection playbook: `playbook` says what it added, or what
    it needs first.
    """
    moved = events.move(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        stage=data.stage,
        note=data.note,
        today=clock.today(),
        model=model_from_settings(settings),
        confirm=confirm_late_in_the_api,
    )
    return moved_read(moved)
