"""Small builders for test data, through the real service functions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.models import Connection
from goodword.connections.schemas import ConnectionCreate
from goodword.interactions import service as interactions
from goodword.interactions.schemas import InteractionCreate
from goodword.opportunities import service as opportunities
from goodword.opportunities.schemas import OpportunityCreate
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate

# The address tests reach the app at: one of the names it answers to by default.
LOCAL = "http://localhost"


def person(
    session: Session, workspace_id: int, name: str = "Ada Lovelace", **fields: Any
) -> Person:
    return people.create(
        session, workspace_id=workspace_id, data=PersonCreate(display_name=name, **fields)
    )


def organization(session: Session, workspace_id: int, name: str = "Acme Robotics", **fields: Any):
    return organizations.create(
        session, workspace_id=workspace_id, data=OrganizationCreate(name=name, **fields)
    )


def opportunity(session: Session, workspace_id: int, **fields: Any):
    fields.setdefault("organization_name", "Acme Robotics")
    fields.setdefault("role_title", "Product Manager")
    return opportunities.create(
        session, workspace_id=workspace_id, data=OpportunityCreate(**fields)
    )


def interaction(session: Session, workspace_id: int, **fields: Any):
    fields.setdefault("occurred_at", datetime(2026, 11, 2, 15, 0, tzinfo=UTC))
    fields.setdefault("kind", "meeting")
    if not fields.get("participants"):
        fields.setdefault("summary", "Talked it over.")  # (someone or something, to be logged)
    return interactions.create(session, workspace_id=workspace_id, data=InteractionCreate(**fields))


def connection(session: Session, workspace_id: int, a: Person, b: Person, **fields: Any):
    fields.setdefault("kind", "friend")
    return connections.create(
        session,
        workspace_id=workspace_id,
        data=ConnectionCreate(person_a_id=a.id, person_b_id=b.id, **fields),
    )


def task(session: Session, workspace_id: int, title: str = "Write to Ada", **fields: Any):
    return tasks.create(session, workspace_id=workspace_id, data=TaskCreate(title=title, **fields))


def ties_of(session: Session, *, workspace_id: int, person_id: int) -> list[Connection]:
    """Every connection touching the person, closest first (what a test looks through)."""
    return list(
        session.scalars(
            select(Connection)
            .where(
                Connection.workspace_id == workspace_id,
                or_(Connection.person_a_id == person_id, Connection.person_b_id == person_id),
            )
            .order_by(Connection.closeness.desc().nulls_last(), Connection.id)
        )
    )


def give_ids_out_again(session: Session, **next_ids: int) -> None:
    """Make each table (named by the keyword) give the id next to it next, a deleted row's,
    as SQLite gave ids before migration 0033 (one above the largest left, so the newest
    row's id again once it was deleted): what a merge made then must still handle (a
    newcomer under the absorbed person's id), tested on both backends alike."""
    for table, row_id in next_ids.items():
        if session.get_bind().dialect.name == "sqlite":
            session.execute(
                text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :table"),
                {"seq": row_id - 1, "table": table},
            )
        else:
            session.execute(
                text("SELECT setval(pg_get_serial_sequence(:quoted, 'id'), :id, false)"),
                {"quoted": f'"{table}"', "id": row_id},
            )
