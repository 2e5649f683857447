"""Who is tied to which organizations, read from positions and connections.

Small, direct questions the playbooks ask (one or two hops), answered with a few queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.connections.models import Connection
from goodword.organizations.models import Organization
from goodword.people.models import Person, Position


@dataclass
class OrganizationTie:
    """Why a person is a way into an organization."""

    organization: Organization
    worked_there: list[str] = field(default_factory=list)
    knows: list[Person] = field(default_factory=list)

    @property
    def strength(self) -> int:
        # Having worked somewhere beats knowing someone there; each known person adds a little.
        return 3 * len(self.worked_there) + len(self.knows)

    def describe(self, person_name: str) -> str:
        parts = []
        if self.worked_there:
            parts.append(f"{person_name} worked there ({', '.join(self.worked_there)})")
        if self.knows:
            names = ", ".join(p.display_name for p in self.knows[:3])
            parts.append(f"{person_name} knows {names} there")
        return "; ".join(parts)


def neighbours(session: Session, *, workspace_id: int, person_id: int) -> dict[int, Person]:
    """Everyone directly connected to the person, by id."""
    rows = session.scalars(
        select(Connection)
        .where(
            Connection.workspace_id == workspace_id,
            or_(Connection.person_a_id == person_id, Connection.person_b_id == person_id),
        )
        .options(selectinload(Connection.person_a), selectinload(Connection.person_b))
    )
    found: dict[int, Person] = {}
    for connection in rows:
        other = connection.person_b if connection.person_a_id == person_id else connection.person_a
        found[other.id] = other
    return found


@dataclass(frozen=True)
class UserSide:
    """The user and where they work now: never a door for them to go through."""

    person_id: int | None
    employers: frozenset[int]


def user_side(session: Session, *, workspace_id: int) -> UserSide:
    """The user's id (None when nobody is marked as the user) and their current employers."""
    user = session.scalar(
        select(Person)
        .where(Person.workspace_id == workspace_id, Person.is_me)
        .options(selectinload(Person.positions))
    )
    if user is None:
        return UserSide(None, frozenset())
    return UserSide(user.id, frozenset(p.organization_id for p in user.positions if p.is_current))


def organization_ties(
    session: Session, *, workspace_id: int, person: Person, exclude: Iterable[int] = ()
) -> dict[int, OrganizationTie]:
    """Organizations the person has ties to, as doors for the user: past jobs, and current
    jobs of people they know.

    Their own current employer is left out (it is where they are, not a door elsewhere), and
    so is anything in `exclude`. So are the user's own current employers (a recommendation
    there is no way in, and can tell the employer the user is looking), and the user as
    someone the person knows.
    """
    user = user_side(session, workspace_id=workspace_id)
    skip = set(exclude) | user.employers
    skip |= {p.organization_id for p in person.positions if p.is_current}
    ties: dict[int, OrganizationTie] = {}
    for position in person.positions:
        if position.is_current or position.organization_id in skip:
            continue
        tie = ties.setdefault(position.organization_id, OrganizationTie(position.organization))
        tie.worked_there.append(position.title or "a past job")
    known = neighbours(session, workspace_id=workspace_id, person_id=person.id)
    if user.person_id is not None:
        known.pop(user.person_id, None)
    if known:
        positions = session.scalars(
            select(Position)
            .where(
                Position.workspace_id == workspace_id,
                Position.person_id.in_(sorted(known)),
                Position.is_current,
            )
            .options(selectinload(Position.organization))
            .order_by(Position.id)
        )
        for position in positions:
            if position.organization_id in skip:
                continue
            tie = ties.setdefault(position.organization_id, OrganizationTie(position.organization))
            contact = known[position.person_id]
            if contact not in tie.knows:
                tie.knows.append(contact)
    return ties


def current_staff(session: Session, *, workspace_id: int, organization_id: int) -> list[Position]:
    """Current positions at the organization, with their people."""
    return list(
        session.scalars(
            select(Position)
            .where(
                Position.workspace_id == workspace_id,
                Position.organization_id == organization_id,
                Position.is_current,
            )
            .options(selectinload(Position.person))
            .order_by(Position.id)
        )
    )


# Departments that sit close to customers and answer calls: the classic doors into a company.
_PERIPHERAL = re.compile(
    r"\b(sales|account|business development|partnership|customer|client|support|success|"
    r"solutions|field|marketing|community|developer relations)\b",
    re.IGNORECASE,
)
# The personnel office: the method skips it.
_PERSONNEL = re.compile(
    r"\b(people|human resources|hr|talent|recruit\w*|personnel|hiring)\b", re.IGNORECASE
)


def is_personnel(position: Position) -> bool:
    text = f"{position.department or ''} {position.title or ''}"
    return bool(_PERSONNEL.search(text))


def is_peripheral(position: Position) -> bool:
    text = f"{position.department or ''} {position.title or ''}"
    return bool(_PERIPHERAL.search(text))
