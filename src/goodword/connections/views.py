"""Connection forms on a person's page: find the other person, add a tie; a tie's own page
to change it, and one to remove it after a confirmation."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from goodword.connections import service
from goodword.connections.models import Connection
from goodword.connections.schemas import ConnectionCreate, ConnectionUpdate
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import GoodwordError
from goodword.forms import form_to_dict, is_whole_number, validate
from goodword.pages import form_errors, redirect, render
from goodword.people import service as people
from goodword.people import views as people_views

router = APIRouter()

FIELDS = ("person_b_id", "kind", "closeness", "since", "source", "notes")
EDIT_FIELDS = ("kind", "closeness", "since", "source", "notes")


@router.get("/people/{person_id}/connections/candidates", name="connection_candidates")
def connection_candidates(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    connect_q: str = "",
) -> Response:
    """The people matching what was typed, to pick the other end of a new connection."""
    people.get(session, workspace_id=workspace_id, person_id=person_id)
    query = connect_q.strip()
    found = (
        people_views.candidates(session, workspace_id=workspace_id, person_id=person_id, q=query)
        if query
        else None
    )
    return render(
        request,
        "connections/_candidates.html",
        {
            "candidates": found,
            "connect_q": query,
            "connection_values": {},
            "connection_errors": {},
        },
    )


@router.post("/people/{person_id}/connections", name="add_connection")
async def add_connection(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: int
) -> Response:
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    form = await request.form()
    values = {key: form[key] for key in FIELDS if key in form}
    data = {key: value for key, value in form_to_dict(form).items() if key in FIELDS}
    try:
        connection = service.create(
            session,
            workspace_id=workspace_id,
            data=validate(ConnectionCreate, {"person_a_id": person.id, **data}),
        )
    except GoodwordError as exc:
        session.rollback()
        errors = form_errors(exc, fields=FIELDS, general_field="person_b_id")
        if "person_b_id" not in form or not str(form["person_b_id"]).strip():
            errors["person_b_id"] = "Pick the person, or give their number."
        return people_views.render_detail(
            request,
            session,
            workspace_id,
            person_id,
            connect_q=str(form.get("connect_q", "")),
            connection_values=values,
            connection_errors=errors,
            status_code=exc.status_code,
        )
    other = connection.person_b.display_name
    return redirect(
        f"/people/{person_id}#connections",
        flash=f"Connected {person.display_name} and {other}.",
    )


def _back_to(connection: Connection, raw: object) -> int:
    """The person whose page the user came from (either end), else the first."""
    text = str(raw or "")
    ends = {connection.person_a_id, connection.person_b_id}
    return int(text) if is_whole_number(text) and int(text) in ends else connection.person_a_id


def _values(connection: Connection) -> dict[str, str]:
    return {
        "kind": connection.kind.value,
        "closeness": str(connection.closeness or ""),
        "since": connection.since.isoformat() if connection.since else "",
        "source": connection.source or "",
        "notes": connection.notes or "",
    }


@router.get("/connections/{connection_id}/edit", name="edit_connection")
def edit_connection(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    connection_id: int,
    person_id: str = "",
) -> Response:
    """Change how two people know each other, how close they are, since when."""
    connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
    return render(
        request,
        "connections/edit.html",
        {
            "connection": connection,
            "back": _back_to(connection, person_id),
            "values": _values(connection),
            "errors": {},
        },
    )


@router.post("/connections/{connection_id}", name="update_connection")
async def update_connection(
    request: Request, session: DbSession, workspace_id: WorkspaceId, connection_id: int
) -> Response:
    connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
    form = await request.form()
    back = _back_to(connection, form.get("person_id"))
    values = {key: str(form.get(key, "")) for key in EDIT_FIELDS}
    data = {key: value for key, value in form_to_dict(form).items() if key in EDIT_FIELDS}
    try:
        service.update(
            session,
            workspace_id=workspace_id,
            connection_id=connection.id,
            data=validate(ConnectionUpdate, data),
        )
    except GoodwordError as exc:
        session.rollback()
        connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
        return render(
            request,
            "connections/edit.html",
            {
                "connection": connection,
                "back": back,
                "values": values,
                "errors": form_errors(exc, fields=EDIT_FIELDS, general_field="kind"),
            },
            status_code=exc.status_code,
        )
    names = f"{connection.person_a.display_name} and {connection.person_b.display_name}"
    return redirect(f"/people/{back}#connections", flash=f"Saved the connection between {names}.")


@router.get("/connections/{connection_id}/delete", name="confirm_remove_connection")
def confirm_remove_connection(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    connection_id: int,
    person_id: str = "",
) -> Response:
    """Ask before a tie is removed."""
    connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
    return render(
        request,
        "connections/delete.html",
        {"connection": connection, "back": _back_to(connection, person_id)},
    )


@router.post("/connections/{connection_id}/delete", name="remove_connection")
async def remove_connection(
    request: Request, session: DbSession, workspace_id: WorkspaceId, connection_id: int
) -> Response:
    """Remove a tie, then go back to the person whose page the button was on."""
    connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
    form = await request.form()
    back = _back_to(connection, form.get("person_id"))
    names = f"{connection.person_a.display_name} and {connection.person_b.display_name}"
    service.delete(session, workspace_id=workspace_id, connection_id=connection_id)
    return redirect(f"/people/{back}#connections", flash=f"Removed the connection between {names}.")
