"""Organization pages: the list, one organization's page with its people, and the forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.dashboard.pages import form_errors, is_htmx, redirect, render
from goodword.deps import AppSettings, DbSession, WorkspaceId
from goodword.errors import Conflict, GoodwordError, InvalidInput
from goodword.forms import form_to_dict, validate
from goodword.opportunities import service as opportunities
from goodword.organizations import service
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate, OrganizationUpdate
from goodword.people.models import Person, Position
from goodword.records import Page
from goodword.search import service as search

router = APIRouter()

LIST_FIELDS = ("aliases", "domains")


@router.get("/organizations", name="organizations")
def list_organizations(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    settings: AppSettings,
    q: str = "",
    after: str | None = None,
) -> Response:
    """List organizations A to Z, a page at a time; with `q`, the ones matching it."""
    query = q.strip()
    if query:
        page = Page(items=find(session, workspace_id=workspace_id, query=query))
    else:
        try:
            page = service.list_(
                session, workspace_id=workspace_id, cursor=after, limit=settings.page_size
            )
        except ValueError:
            raise InvalidInput(
                "That page link is damaged. Start again from the first page of organizations."
            ) from None
    template = "organizations/_table.html" if is_htmx(request) else "organizations/list.html"
    return render(request, template, {"page": page, "q": query}, vary_on_htmx=True)


@router.get("/organizations/new", name="new_organization")
def new_organization(request: Request) -> Response:
    return render(
        request, "organizations/form.html", {"organization": None, "values": {}, "errors": {}}
    )


@router.post("/organizations", name="create_organization")
async def create_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    form = await request.form()
    values = dict(form)
    try:
        data = validate(OrganizationCreate, form_to_dict(form, lists=LIST_FIELDS))
        organization = service.create(session, workspace_id=workspace_id, data=data)
    except GoodwordError as exc:
        session.rollback()
        return render(
            request,
            "organizations/form.html",
            {"organization": None, "values": values, "errors": form_errors(exc)},
            status_code=exc.status_code,
        )
    return redirect(f"/organizations/{organization.id}", flash=f"Added {organization.name}.")


@router.get("/organizations/{organization_id}", name="organization")
def show_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    positions = positions_at(session, organization)
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "current": [p for p in positions if p.is_current],
            "former": [p for p in positions if not p.is_current],
            "opportunities": opportunities.list_(
                session, workspace_id=workspace_id, organization_id=organization.id, limit=100
            ),
        },
    )


@router.get("/organizations/{organization_id}/edit", name="edit_organization")
def edit_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    return render(
        request,
        "organizations/form.html",
        {"organization": organization, "values": values_of(organization), "errors": {}},
    )


@router.post("/organizations/{organization_id}", name="update_organization")
async def update_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    form = await request.form()
    values = dict(form)
    try:
        data = validate(OrganizationUpdate, form_to_dict(form, lists=LIST_FIELDS))
        organization = service.update(
            session, workspace_id=workspace_id, organization_id=organization_id, data=data
        )
    except GoodwordError as exc:
        session.rollback()
        organization = service.get(
            session, workspace_id=workspace_id, organization_id=organization_id
        )
        return render(
            request,
            "organizations/form.html",
            {"organization": organization, "values": values, "errors": form_errors(exc)},
            status_code=exc.status_code,
        )
    return redirect(f"/organizations/{organization.id}", flash=f"Saved {organization.name}.")


@router.get("/organizations/{organization_id}/delete", name="confirm_delete_organization")
def confirm_delete_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    return render(request, "organizations/delete.html", {"organization": organization})


@router.post("/organizations/{organization_id}/delete", name="delete_organization")
def delete_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    name = organization.name
    try:
        service.delete(session, workspace_id=workspace_id, organization_id=organization_id)
    except Conflict as exc:
        session.rollback()
        organization = service.get(
            session, workspace_id=workspace_id, organization_id=organization_id
        )
        return render(
            request,
            "organizations/delete.html",
            {"organization": organization, "refusal": exc.message},
            status_code=exc.status_code,
        )
    return redirect("/organizations", flash=f"Deleted {name}.")


def positions_at(session: Session, organization: Organization) -> list[Position]:
    """Everyone who works or worked at the organization, current first, then by name."""
    return list(
        session.scalars(
            select(Position)
            .join(Position.person)
            .where(
                Position.workspace_id == organization.workspace_id,
                Position.organization_id == organization.id,
            )
            .options(selectinload(Position.person))
            .order_by(Position.is_current.desc(), Person.sort_name, Position.id)
        )
    )


def find(session: Session, *, workspace_id: int, query: str, limit: int = 50) -> list[Organization]:
    """The organizations the search finds for `query`, best match first."""
    hits = search.search(
        session, workspace_id=workspace_id, query=query, kinds=("organization",), limit=limit
    )
    ids = [hit.record_id for hit in hits]
    if not ids:
        return []
    found = {
        organization.id: organization
        for organization in session.scalars(
            select(Organization).where(
                Organization.workspace_id == workspace_id, Organization.id.in_(ids)
            )
        )
    }
    return [found[i] for i in ids if i in found]


def values_of(organization: Organization) -> Mapping[str, Any]:
    """The organization's fields as the form shows them."""
    return {
        "name": organization.name,
        "aliases": "\n".join(organization.aliases),
        "domains": "\n".join(organization.domains),
        "location": organization.location,
        "notes": organization.notes,
    }
