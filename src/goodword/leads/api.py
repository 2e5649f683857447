"""JSON API for leads: record what you heard of, whom it fits, and whom you passed it to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

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
from goodword.errors import FieldError, InvalidInput
from goodword.leads import service
from goodword.leads.models import ShareStatus
from goodword.leads.schemas import (
    LeadCreate,
    LeadPage,
    LeadRead,
    LeadSaved,
    LeadShareRead,
    LeadUpdate,
    PassItOnRead,
    SuggestionRead,
)
from goodword.leads.service import leads_page
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.playbooks import pass_it_on

router = APIRouter(prefix=API_PREFIX, tags=["leads"], responses=ERROR_RESPONSES)


class ShareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ShareStatus


@router.get("/leads", response_model=LeadPage, summary="List leads")
def list_leads(
    session: DbSession,
    workspace_id: WorkspaceId,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> LeadPage:
    """Leads, newest first, with whom each was suggested or passed to; pass `next` back as
    `after` for more, and `prev` as `before` for the page before."""
    return leads_page(session, workspace_id=workspace_id, after=after, before=before, limit=limit)


@router.post(
    "/leads", response_model=LeadSaved, status_code=status.HTTP_201_CREATED, summary="Add a lead"
)
def create_lead(session: DbSession, workspace_id: WorkspaceId, data: LeadCreate) -> LeadSaved:
    """Record a lead. An organization_name that names none adds one (`organization_added`),
    with the organizations named very like it in `did_you_mean`."""
    near = _new_organization(session, workspace_id, data)
    return service.saved_read(service.create(session, workspace_id=workspace_id, data=data), near)


@router.get("/leads/{lead_id}", response_model=LeadRead, summary="Show a lead")
def get_lead(session: DbSession, workspace_id: WorkspaceId, lead_id: int) -> LeadRead:
    return service.to_read(service.get(session, workspace_id=workspace_id, lead_id=lead_id))


@router.put("/leads/{lead_id}", response_model=LeadSaved, summary="Replace a lead")
def replace_lead(
    session: DbSession, workspace_id: WorkspaceId, lead_id: int, data: LeadUpdate
) -> LeadSaved:
    """Change the lead. Suggestions not yet sent or skipped follow it: one to someone it no
    longer fits is taken off (its open task dismissed), and the open tasks of the others take
    the new title and note unless edited by hand. A new organization is said as when adding
    a lead."""
    near = _new_organization(session, workspace_id, data)
    lead, _dropped = pass_it_on.edit(session, workspace_id=workspace_id, lead_id=lead_id, data=data)
    return service.saved_read(lead, near)


def _new_organization(
    session: Session, workspace_id: int, data: LeadCreate
) -> list[Organization] | None:
    return organizations.new_name(
        session,
        workspace_id=workspace_id,
        name=data.organization_name,
        organization_id=data.organization_id,
    )


@router.delete(
    "/leads/{lead_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a lead",
)
def delete_lead(session: DbSession, workspace_id: WorkspaceId, lead_id: int) -> Response:
    service.delete(session, workspace_id=workspace_id, lead_id=lead_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


class SuggestionPage(BaseModel):
    items: list[SuggestionRead]
    next: Next
    prev: Prev


@router.get(
    "/leads/{lead_id}/suggestions",
    response_model=SuggestionPage,
    summary="Whom a lead fits",
    responses={
        200: {
            "headers": {
                "X-Total-Count": {
                    "description": "How many people the lead fits in all",
                    "schema": {"type": "integer"},
                }
            }
        }
    },
)
def suggestions(
    response: Response,
    session: DbSession,
    workspace_id: WorkspaceId,
    lead_id: int,
    after: After = None,
    before: Before = None,
    limit: Annotated[int, Query(ge=1, le=50, description="1 to 50 people")] = 5,
    offset: Annotated[
        int,
        Query(
            ge=0,
            le=100_000,
            description="How many of the best to pass over, for a first page (as before "
            "cursors); the cursors follow on from it. Give it or `after`/`before`, not both.",
        ),
    ] = 0,
) -> SuggestionPage:
    """The people the lead fits best, with the reasons, a page at a time; writes nothing.
    Pass `next` back as `after` for more, and `prev` as `before` for the page before. The
    header `X-Total-Count` says how many it fits in all."""
    after, before = checked_cursors(after, before, sort="id", list_name=service.SUGGESTIONS)
    if offset and (after or before):
        raise InvalidInput(
            "Give `offset` or a page cursor, not both.",
            fields=[FieldError("offset", "leave out `offset` when you give `after` or `before`")],
        )
    page = service.suggestions(
        session,
        workspace_id=workspace_id,
        lead_id=lead_id,
        limit=limit,
        cursor=after,
        before=before,
        offset=offset,
    )
    response.headers["X-Total-Count"] = str(page.total)
    return SuggestionPage(
        items=[service.suggestion_to_read(m) for m in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post("/leads/{lead_id}/pass-it-on", response_model=PassItOnRead, summary="Pass a lead on")
def run_pass_it_on(session: DbSession, workspace_id: WorkspaceId, lead_id: int) -> PassItOnRead:
    """Keep the suggestions, and add a task with a drafted note for each person; `fits`
    says how many people the lead fits in all (see `suggestions` for the rest)."""
    return service.pass_on(session, workspace_id=workspace_id, lead_id=lead_id, today=clock.today())


@router.post(
    "/lead-shares/{share_id}", response_model=LeadShareRead, summary="Mark a lead sent or skipped"
)
def mark_share(
    session: DbSession, workspace_id: WorkspaceId, share_id: int, data: ShareIn
) -> LeadShareRead:
    """`sent` (today) closes its task as done, `skipped` dismisses it; `suggested` puts a
    skipped one back to waiting and opens its task again. A lead sent stays sent: 422."""
    share = pass_it_on.mark_share(
        session, workspace_id=workspace_id, share_id=share_id, status=data.status, on=clock.today()
    )
    return service.share_to_read(share)
