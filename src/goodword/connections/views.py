"""Connection forms on a person's page: find the other person, add a tie, remove one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from goodword.connections import service
from goodword.connections.schemas import ConnectionCreate
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import GoodwordError
from goodword.forms import form_to_dict, is_whole_number, validate
from goodword.pages import form_errors, redirect, render
from goodword.people import service as people
from goodword.people import views as people_views

router = APIRouter()

FIELDS = ("person_b_id", "kind", "closeness", "since", "source", "notes")


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
            errors = {**errors, "person_b_id": "Pick the person, or give their number."}
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


@router.post("/connections/{connection_id}/delete", name="remove_connection")
async def remove_connection(
    request: Request, session: DbSession, workspace_id: WorkspaceId, connection_id: int
) -> Response:
    """Remove a tie, then go back to the person whose page the button was on."""
    connection = service.get(session, workspace_id=workspace_id, connection_id=connection_id)
    form = await request.form()
    ends = {connection.person_a_id, connection.person_b_id}
    raw = str(form.get("person_id", ""))
    back = int(raw) if is_whole_number(raw) and int(raw) in ends else connection.person_a_id
    names = f"{connection.person_a.display_name} and {connection.person_b.display_name}"
    service.delete(session, workspace_id=workspace_id, connection_id=connection_id)
    return redirect(f"/people/{back}#connections", flash=f"Removed the connection between {names}.")
