"""A small network for the warm-path surfaces: me, friends of friends, and two organizations.

Acme Robotics' hiring manager is reachable (two ways); nobody reaches Borealis Freight's
hiring manager, but a salesperson there is one introduction away (an entry point).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection
from goodword.opportunities.models import Opportunity
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


@dataclass
class Net:
    me: Person
    bo: Person
    cy: Person
    dana: Person
    eve: Person
    sam: Person
    hal: Person
    zed: Person
    yan: Person
    bo_cy: Connection
    acme_job: Opportunity
    borealis_job: Opportunity


def job(session: Session, ws: int, person: Person, org: str, title: str, dept: str) -> None:
    people.add_position(
        session,
        workspace_id=ws,
        person_id=person.id,
        data=PositionCreate(organization_name=org, title=title, department=dept, is_current=True),
    )


def build_network(session: Session, ws: int) -> Net:
    me = f.person(session, ws, "Mara Castillo", given_name="Mara", is_me=True)
    bo = f.person(session, ws, "Bo Jensen", given_name="Bo", emails=["bo@example.org"])
    cy = f.person(session, ws, "Cy Okafor", given_name="Cy")
    dana = f.person(session, ws, "Dana Li", given_name="Dana")
    eve = f.person(session, ws, "Eve Marsh", given_name="Eve")
    sam = f.person(session, ws, "Sam Reyes", given_name="Sam")
    hal = f.person(session, ws, "Hal Ode", given_name="Hal")
    zed = f.person(session, ws, "Zed Aalto", given_name="Zed")
    yan = f.person(session, ws, "Yan Moss", given_name="Yan")
    job(session, ws, dana, "Acme Robotics", "Head of Product", "Product")
    job(session, ws, sam, "Acme Robotics", "Account Executive", "Sales")
    job(session, ws, hal, "Acme Robotics", "Recruiter", "Human Resources")
    job(session, ws, zed, "Borealis Freight", "VP Operations", "Operations")
    job(session, ws, yan, "Borealis Freight", "Account Manager", "Sales")
    f.connection(session, ws, me, bo, kind="friend", closeness=5)
    bo_cy = f.connection(session, ws, bo, cy, kind="former_colleague")
    f.connection(session, ws, cy, dana, kind="colleague")
    f.connection(session, ws, me, eve, kind="linkedin")
    f.connection(session, ws, eve, dana, kind="knows")
    f.connection(session, ws, bo, yan, kind="friend")
    for day in (2, 9, 20):
        f.interaction(
            session,
            ws,
            kind="meeting",
            occurred_at=datetime(2026, 10, day, 12, tzinfo=UTC),
            participants=[{"person_id": me.id}, {"person_id": bo.id}],
        )
    acme_job = f.opportunity(
        session,
        ws,
        organization_name="Acme Robotics",
        role_title="Product Manager",
        hiring_manager_id=dana.id,
        stage="target",
    )
    borealis_job = f.opportunity(
        session,
        ws,
        organization_name="Borealis Freight",
        role_title="Operations Lead",
        hiring_manager_id=zed.id,
        stage="target",
    )
    return Net(me, bo, cy, dana, eve, sam, hal, zed, yan, bo_cy, acme_job, borealis_job)
