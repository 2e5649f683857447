"""Connections: who knows whom, how, since when and how close (as the user judges it)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.connections.models import Connection, ConnectionKind
from goodword.connections.schemas import (
    ConnectionCreate,
    ConnectionPage,
    ConnectionRead,
    ConnectionUpdate,
)
from goodword.cursors import checked_cursors
from goodword.errors import Conflict
from goodword.people import service as people
from goodword.people.models import Person
from goodword.records import Page, clean_text, get_owned, keyset_page, referenced

KIND = "connection"


def get(session: Session, *, workspace_id: int, connection_id: int) -> Connection:
    """Return the connection, or NotFound when it is not in this workspace."""
    return get_owned(
        session, Connection, workspace_id=workspace_id, record_id=connection_id, kind=KIND
    )


def create(session: Session, *, workspace_id: int, data: ConnectionCreate) -> Connection:
    """Record a tie; the same kind of tie between the same two people is refused."""
    a = referenced(
        "person_a_id",
        lambda: people.get(session, workspace_id=workspace_id, person_id=data.person_a_id),
    )
    b = referenced(
        "person_b_id",
        lambda: people.get(session, workspace_id=workspace_id, person_id=data.person_b_id),
    )
    _refuse_a_second(session, workspace_id, a, b, data.kind)
    connection = Connection(workspace_id=workspace_id, person_a=a, person_b=b)
    _apply(connection, data)
    session.add(connection)
    session.flush()
    return connection


def update(
    session: Session, *, workspace_id: int, connection_id: int, data: ConnectionUpdate
) -> Connection:
    """Change a tie's kind, closeness, dates and notes; a kind the two already have is refused."""
    connection = get(session, workspace_id=workspace_id, connection_id=connection_id)
    _refuse_a_second(
        session, workspace_id, connection.person_a, connection.person_b, data.kind, connection.id
    )
    _apply(connection, data)
    session.flush()
    return connection


def _refuse_a_second(
    session: Session,
    workspace_id: int,
    a: Person,
    b: Person,
    kind: ConnectionKind,
    other_than: int | None = None,
) -> None:
    """The same kind of tie between the same two people is one tie: Conflict for a second."""
    duplicate = session.scalar(
        select(Connection).where(
            Connection.workspace_id == workspace_id,
            Connection.kind == kind,
            Connection.id != (other_than or 0),
            or_(
                and_(Connection.person_a_id == a.id, Connection.person_b_id == b.id),
                and_(Connection.person_a_id == b.id, Connection.person_b_id == a.id),
            ),
        )
    )
    if duplicate is not None:
        raise Conflict(
            f"{a.display_name} and {b.display_name} already have a {kind.label.lower()} "
            f"connection (id {duplicate.id}); edit that one instead (its Edit link under "
            "Connections on either person's page)."
        )


def delete(session: Session, *, workspace_id: int, connection_id: int) -> None:
    session.delete(get(session, workspace_id=workspace_id, connection_id=connection_id))
    session.flush()


def list_(
    session: Session,
    *,
    workspace_id: int,
    person_id: int | None = None,
    kind: ConnectionKind | None = None,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Connection]:
    """Connections in the order they were recorded, optionally one person's or one kind;
    `before` (a page's `prev_cursor`) gives the page before."""
    statement = (
        select(Connection)
        .where(Connection.workspace_id == workspace_id)
        .options(selectinload(Connection.person_a), selectinload(Connection.person_b))
    )
    if person_id is not None:
        statement = statement.where(
            or_(Connection.person_a_id == person_id, Connection.person_b_id == person_id)
        )
    if kind is not None:
        statement = statement.where(Connection.kind == kind)
    return keyset_page(
        session,
        statement,
        list_name="connections",
        sort_column=Connection.id,
        id_column=Connection.id,
        cursor=cursor,
        limit=limit,
        before=before,
    )


def to_read(connection: Connection) -> ConnectionRead:
    return ConnectionRead(
        id=connection.id,
        person_a_id=connection.person_a_id,
        person_a_name=connection.person_a.display_name,
        person_b_id=connection.person_b_id,
        person_b_name=connection.person_b.display_name,
        kind=connection.kind,
        source=connection.source,
        since=connection.since,
        closeness=connection.closeness,
        notes=connection.notes,
        created_at=connection.created_at,
    )


def _apply(connection: Connection, data: ConnectionCreate | ConnectionUpdate) -> None:
    connection.kind = data.kind
    connection.source = clean_text(data.source)
    connection.since = data.since
    connection.closeness = data.closeness
    connection.notes = clean_text(data.notes)


def person_connections_page(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    after: str | None = None,
    before: str | None = None,
    limit: int = 50,
) -> ConnectionPage:
    """The page `GET /people/{person_id}/connections` answers with (and `goodword person
    connections --json` prints); no such person is a 404, a damaged cursor, or both, a 422."""
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    cursor, before = checked_cursors(after, before, sort="id", list_name="person-connections")
    found = people.connections_page(
        session,
        workspace_id=workspace_id,
        person_id=person.id,
        cursor=cursor,
        limit=limit,
        before=before,
    )
    return ConnectionPage(
        items=[to_read(c) for c in found.items],
        next=found.next_cursor,
        prev=found.prev_cursor,
    )
