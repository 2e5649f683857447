"""JSON API for connections: who knows whom."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
    checked_cursors,
)
from goodword.connections import service
from goodword.connections.models import ConnectionKind
from goodword.connections.schemas import (
    ConnectionCreate,
    ConnectionPage,
    ConnectionRead,
    ConnectionUpdate,
)
from goodword.connections.service import person_connections_page
from goodword.deps import DbSession, WorkspaceId

router = APIRouter(prefix=API_PREFIX, tags=["connections"], responses=ERROR_RESPONSES)


@router.get("/connections", response_model=ConnectionPage, summary="List connections")
def list_connections(
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: Annotated[int | None, Query(description="Only connections of this person.")] = None,
    kind: Annotated[ConnectionKind | None, Query(description="Only this kind of tie.")] = None,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> ConnectionPage:
    """Connections, oldest recorded first; pass `next` back as `after` for more, and
    `prev` as `before` for the page before."""
    cursor, before = checked_cursors(after, before, sort="id", list_name="connections")
    page = service.list_(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        kind=kind,
        cursor=cursor,
        limit=limit,
        before=before,
    )
    return ConnectionPage(
        items=[service.to_read(c) for c in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post(
    "/connections",
    response_model=ConnectionRead,
    status_code=status.HTTP_201_CREATED,
    summary="Record a connection",
)
def create_connection(
    session: DbSession, workspace_id: WorkspaceId, data: ConnectionCreate
) -> ConnectionRead:
    """Record a tie between two people; the same kind of tie twice is a 409."""
    return service.to_read(service.create(session, workspace_id=workspace_id, data=data))


@router.get(
    "/connections/{connection_id}", response_model=ConnectionRead, summary="Show a connection"
)
def get_connection(
    session: DbSession, workspace_id: WorkspaceId, connection_id: int
) -> ConnectionRead:
    connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
    return service.to_read(connection)


@router.put(
    "/connections/{connection_id}",
    response_model=ConnectionRead,
    summary="Replace a connection's fields",
)
def replace_connection(
    session: DbSession, workspace_id: WorkspaceId, connection_id: int, data: ConnectionUpdate
) -> ConnectionRead:
    """Replace the kind, source, date, closeness and notes; the two people stay."""
    connection = service.update(
        session, workspace_id=workspace_id, connection_id=connection_id, data=data
    )
    return service.to_read(connection)


@router.delete(
    "/connections/{connection_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a connection",
)
def delete_connection(
    session: DbSession, workspace_id: WorkspaceId, connection_id: int
) -> Response:
    service.delete(session, workspace_id=workspace_id, connection_id=connection_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/people/{person_id}/connections",
    response_model=ConnectionPage,
    summary="A person's connections",
)
def person_connections(
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> ConnectionPage:
    """The connections touching the person, closest first (then oldest recorded); pass
    `next` back as `after` for more, and `prev` as `before` for the page before."""
    return person_connections_page(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        after=after,
        before=before,
        limit=limit,
    )
