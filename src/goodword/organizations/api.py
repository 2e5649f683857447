"""JSON API for organizations."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

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
from goodword.organizations import service
from goodword.organizations.schemas import (
    OrganizationCreate,
    OrganizationRead,
    OrganizationUpdate,
    OtherName,
    OtherNameAdded,
)

router = APIRouter(prefix=API_PREFIX, tags=["organizations"], responses=ERROR_RESPONSES)


class OrganizationPage(BaseModel):
    items: list[OrganizationRead]
    next: Next
    prev: Prev


@router.get("/organizations", response_model=OrganizationPage, summary="List organizations")
def list_organizations(
    session: DbSession,
    workspace_id: WorkspaceId,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> OrganizationPage:
    """Organizations by name; pass `next` back as `after` for more, and `prev` as `before`
    for the page before."""
    cursor, before = checked_cursors(after, before, sort="text", list_name="organizations")
    page = service.list_(
        session, workspace_id=workspace_id, cursor=cursor, limit=limit, before=before
    )
    return OrganizationPage(
        items=[OrganizationRead.model_validate(o) for o in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post(
    "/organizations",
    response_model=OrganizationRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add an organization",
)
def create_organization(
    session: DbSession, workspace_id: WorkspaceId, data: OrganizationCreate
) -> OrganizationRead:
    """Add an organization; a name, or other name, another one goes by (case ignored) is a
    409, and so is a name another one goes by but for its legal form and punctuation ("Acme
    Inc." while Acme exists): use that one, or add the name to its other names
    (`POST /organizations/{id}/other-names`)."""
    organization = service.create(session, workspace_id=workspace_id, data=data)
    return OrganizationRead.model_validate(organization)


@router.get(
    "/organizations/{organization_id}",
    response_model=OrganizationRead,
    summary="Show an organization",
)
def get_organization(
    session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> OrganizationRead:
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    return OrganizationRead.model_validate(organization)


@router.put(
    "/organizations/{organization_id}",
    response_model=OrganizationRead,
    summary="Replace an organization's fields",
)
def replace_organization(
    session: DbSession, workspace_id: WorkspaceId, organization_id: int, data: OrganizationUpdate
) -> OrganizationRead:
    """Replace every field; a new name, or other name, another one goes by is a 409."""
    organization = service.update(
        session, workspace_id=workspace_id, organization_id=organization_id, data=data
    )
    return OrganizationRead.model_validate(organization)


@router.post(
    "/organizations/{organization_id}/other-names",
    response_model=OtherNameAdded,
    summary="Add another name to an organization",
)
def add_other_name(
    session: DbSession, workspace_id: WorkspaceId, organization_id: int, data: OtherName
) -> OtherNameAdded:
    """Add a name to the organization's other names, so typed anywhere it finds this one;
    `name_added` is false when it already went by that name (nothing changed). A name
    another organization goes by is a 409."""
    return service.other_name_added(
        session, workspace_id=workspace_id, organization_id=organization_id, name=data.name
    )


@router.delete(
    "/organizations/{organization_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete an organization",
)
def delete_organization(
    session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    """Delete the organization and the positions held there; 409 while opportunities use it."""
    service.delete(session, workspace_id=workspace_id, organization_id=organization_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
