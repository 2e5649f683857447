"""Organizations: employers, targets and everyone's past and present workplaces."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from goodword.errors import Conflict, FieldError
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate, OrganizationUpdate
from goodword.people.models import Person, Position
from goodword.records import Page, clean_list, clean_text, get_owned, keyset_page, sort_key
from goodword.search import service as search

KIND = "organization"


def get(session: Session, *, workspace_id: int, organization_id: int) -> Organization:
    """Return the organization, or NotFound when it is not in this workspace."""
    return get_owned(
        session, Organization, workspace_id=workspace_id, record_id=organization_id, kind=KIND
    )


def find_by_name(session: Session, *, workspace_id: int, name: str) -> Organization | None:
    """Find an organization by its name, case and spacing ignored."""
    return session.scalar(
        select(Organization)
        .where(Organization.workspace_id == workspace_id, Organization.sort_name == sort_key(name))
        .order_by(Organization.id)
        .limit(1)
    )


def get_or_create(session: Session, *, workspace_id: int, name: str) -> Organization:
    organization = find_by_name(session, workspace_id=workspace_id, name=name)
    if organization is None:
        organization = create(
            session, workspace_id=workspace_id, data=OrganizationCreate(name=name)
        )
    return organization


def create(session: Session, *, workspace_id: int, data: OrganizationCreate) -> Organization:
    _check_name_free(session, workspace_id=workspace_id, name=data.name, own_id=None)
    organization = Organization(workspace_id=workspace_id)
    _apply(organization, data)
    session.add(organization)
    session.flush()
    search.index_organization(session, organization)
    return organization


def update(
    session: Session, *, workspace_id: int, organization_id: int, data: OrganizationUpdate
) -> Organization:
    organization = get(session, workspace_id=workspace_id, organization_id=organization_id)
    _check_name_free(session, workspace_id=workspace_id, name=data.name, own_id=organization.id)
    _apply(organization, data)
    session.flush()
    search.index_organization(session, organization)
    return organization


def delete(session: Session, *, workspace_id: int, organization_id: int) -> None:
    """Delete an organization and the positions held there; refuse while opportunities use it."""
    from goodword.opportunities.models import Opportunity

    organization = get(session, workspace_id=workspace_id, organization_id=organization_id)
    in_use = session.scalar(
        select(func.count())
        .select_from(Opportunity)
        .where(Opportunity.organization_id == organization.id)
    )
    if in_use:
        raise Conflict(
            f"{organization.name} has {in_use} opportunit{'y' if in_use == 1 else 'ies'}; "
            "delete or move them first."
        )
    search.remove(session, kind=KIND, record_id=organization.id)
    session.delete(organization)
    session.flush()


def list_(
    session: Session, *, workspace_id: int, cursor: str | None = None, limit: int = 50
) -> Page[Organization]:
    statement = select(Organization).where(Organization.workspace_id == workspace_id)
    return keyset_page(
        session,
        statement,
        sort_column=Organization.sort_name,
        id_column=Organization.id,
        cursor=cursor,
        limit=limit,
    )


def _check_name_free(session: Session, *, workspace_id: int, name: str, own_id: int | None) -> None:
    existing = find_by_name(session, workspace_id=workspace_id, name=name)
    if existing is not None and existing.id != own_id:
        raise Conflict(
            f"There is already an organization called {existing.name} (id {existing.id}).",
            fields=[FieldError("name", "An organization with this name exists; use that one.")],
        )


def _apply(organization: Organization, data: OrganizationCreate) -> None:
    organization.name = data.name
    organization.sort_name = sort_key(data.name)
    organization.aliases = clean_list(data.aliases)
    organization.domains = clean_list(data.domains)
    organization.location = clean_text(data.location)
    organization.notes = clean_text(data.notes)


def get_many(session: Session, *, workspace_id: int, ids: Sequence[int]) -> list[Organization]:
    """Return the organizations with these ids, in the order given.

    Ids not in this workspace are skipped, as are repeats.
    """
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
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def choices(session: Session, *, workspace_id: int, limit: int = 500) -> list[tuple[int, str]]:
    """(id, name) pairs A to Z, for a picker or name suggestions; at most `limit` of them."""
    rows = session.execute(
        select(Organization.id, Organization.name)
        .where(Organization.workspace_id == workspace_id)
        .order_by(Organization.sort_name, Organization.id)
        .limit(limit)
    )
    return [(id_, name) for id_, name in rows]


def positions_at(
    session: Session, *, workspace_id: int, organization_id: int, current: bool
) -> list[Position]:
    """The current (or the former) positions held at the organization, by person's name.

    Each position comes with its person loaded.
    """
    return list(
        session.scalars(
            select(Position)
            .join(Position.person)
            .where(
                Position.workspace_id == workspace_id,
                Position.organization_id == organization_id,
                Position.is_current == current,
            )
            .options(selectinload(Position.person))
            .order_by(Person.sort_name, Position.id)
        )
    )
