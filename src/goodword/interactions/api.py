"""JSON API for interactions: meetings, interviews, calls, messages and favours."""

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
from goodword.deps import DbSession, WorkspaceId
from goodword.interactions import service
from goodword.interactions.schemas import InteractionCreate, InteractionRead, InteractionUpdate
from goodword.playbooks import cadence

router = APIRouter(prefix=API_PREFIX, tags=["interactions"], responses=ERROR_RESPONSES)


class InteractionPage(BaseModel):
    items: list[InteractionRead]
    next: Next
    prev: Prev


@router.get("/interactions", response_model=InteractionPage, summary="List interactions")
def list_interactions(
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: Annotated[int | None, Query(description="Only those this person took part in.")] = (
        None
    ),
    opportunity_id: Annotated[
        int | None, Query(description="Only those about this opportunity.")
    ] = None,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> InteractionPage:
    """Interactions, newest first; pass `next` back as `after` for more, and `prev` as
    `before` for the page before."""
    cursor, before = checked_cursors(after, before, sort="time", list_name="interactions")
    page = service.list_(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        opportunity_id=opportunity_id,
        cursor=cursor,
        limit=limit,
        before=before,
    )
    return InteractionPage(
        items=[service.to_read(i) for i in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post(
    "/interactions",
    response_model=InteractionRead,
    status_code=status.HTTP_201_CREATED,
    summary="Log an interaction",
)
def create_interaction(
    session: DbSession, workspace_id: WorkspaceId, data: InteractionCreate
) -> InteractionRead:
    """Log an interaction; for interviews give the round and, per interviewer, the rapport.
    Give at least one participant or a summary. A keep-in-touch reminder the contact answers
    is marked done."""
    interaction = service.create(session, workspace_id=workspace_id, data=data)
    cadence.settle(session, workspace_id=workspace_id, today=clock.today())
    return service.to_read(interaction)


@router.get(
    "/interactions/{interaction_id}", response_model=InteractionRead, summary="Show an interaction"
)
def get_interaction(
    session: DbSession, workspace_id: WorkspaceId, interaction_id: int
) -> InteractionRead:
    interaction = service.get(session, workspace_id=workspace_id, interaction_id=interaction_id)
    return service.to_read(interaction)


@router.put(
    "/interactions/{interaction_id}",
    response_model=InteractionRead,
    summary="Replace an interaction's fields",
)
def replace_interaction(
    session: DbSession, workspace_id: WorkspaceId, interaction_id: int, data: InteractionUpdate
) -> InteractionRead:
    """Replace every field; at least one participant or a summary must remain."""
    interaction = service.update(
        session, workspace_id=workspace_id, interaction_id=interaction_id, data=data
    )
    return service.to_read(interaction)


@router.delete(
    "/interactions/{interaction_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete an interaction",
)
def delete_interaction(
    session: DbSession, workspace_id: WorkspaceId, interaction_id: int
) -> Response:
    service.delete(session, workspace_id=workspace_id, interaction_id=interaction_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
