"""Organization pages: the list, one organization's page with its people, and the forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from goodword.deps import AppSettings, DbSession, WorkspaceId
from goodword.errors import Conflict, GoodwordError
from goodword.forms import form_to_dict, validate
from goodword.opportunities import service as opportunities
from goodword.organizations import service
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate, OrganizationUpdate, OtherName
from goodword.pages import form_errors, found_page, is_htmx, page_or_422, redirect, render
from goodword.search import service as search
from goodword.sentences import full_stop

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
    before: str | None = None,
) -> Response:
    """List organizations A to Z, a page at a time; with `q`, the ones matching it."""
    query = q.strip()
    if query:
        page = page_or_422(
            lambda: found_page(
                lambda limit, offset: find(
                    session, workspace_id=workspace_id, query=query, limit=limit, offset=offset
                ),
                after,
            ),
            first_page="the first organizations found",
        )
    else:
        page = page_or_422(
            lambda: service.list_(
                session,
                workspace_id=workspace_id,
                cursor=after,
                limit=settings.page_size,
                before=before,
            ),
            first_page="the first page of organizations",
        )
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
            {
                "organization": None,
                "values": values,
                "errors": form_errors(exc),
                "twin": exc if isinstance(exc, service.NameOfAnother) else None,
            },
            status_code=exc.status_code,
        )
    return redirect(
        f"/organizations/{organization.id}", flash=f"Added {full_stop(organization.name)}"
    )


@router.post("/organizations/{organization_id}/other-names", name="add_other_name")
async def add_other_name(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    """Add a name to the organization's other names (offered when a new organization by
    that name was refused as this one's but for its legal form)."""
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    form = await request.form()
    try:
        name = validate(OtherName, form_to_dict(form)).name
        known = service.goes_by(organization, name)
        organization = service.add_other_name(
            session, workspace_id=workspace_id, organization_id=organization.id, name=name
        )
    except GoodwordError as exc:
        session.rollback()
        organization = service.get(
            session, workspace_id=workspace_id, organization_id=organization_id
        )
        # (The edit form, with the name among the other names, beside what was wrong.)
        typed = str(form.get("name", "")).strip()
        values = {
            **values_of(organization),
            "aliases": "\n".join(filter(None, [*organization.aliases, typed])),
        }
        return render(
            request,
            "organizations/form.html",
            {"organization": organization, "values": values, "errors": form_errors(exc)},
            status_code=exc.status_code,
        )
    said = (
        f"{organization.name} already goes by “{name}”; nothing to add."
        if known
        else f"Added “{name}” to the other names of {full_stop(organization.name)}"
    )
    return redirect(f"/organizations/{organization.id}", flash=said)


@router.get("/organizations/{organization_id}", name="organization")
def show_organization(
    request: Request, session: DbSession, workspace_id: WorkspaceId, organization_id: int
) -> Response:
    organization = service.get(session, workspace_id=workspace_id, organization_id=organization_id)
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "current": service.positions_at(
                session, workspace_id=workspace_id, organization_id=organization.id, current=True
            ),
            "former": service.positions_at(
                session, workspace_id=workspace_id, organization_id=organization.id, current=False
            ),
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
    return redirect(
        f"/organizations/{organization.id}", flash=f"Saved {full_stop(organization.name)}"
    )


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
    return redirect("/organizations", flash=f"Deleted {full_stop(name)}")


def find(
    session: Session, *, workspace_id: int, query: str, limit: int = 50, offset: int = 0
) -> list[Organization]:
    """The organizations the search finds for `query`, best match first."""
    hits = search.search(
        session,
        workspace_id=workspace_id,
        query=query,
        kinds=("organization",),
        limit=limit,
        offset=offset,
    )
    return service.get_many(session, workspace_id=workspace_id, ids=[hit.record_id for hit in hits])


def values_of(organization: Organization) -> Mapping[str, Any]:
    """The organization's fields as the form shows them."""
    return {
        "name": organization.name,
        "aliases": "\n".join(organization.aliases),
        "domains": "\n".join(organization.domains),
        "location": organization.location,
        "notes": organization.notes,
    }
