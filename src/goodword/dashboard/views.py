"""The dashboard, and the first-run page an empty workspace shows instead."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from goodword import clock
from goodword.dashboard import service
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import GoodwordError
from goodword.forms import form_to_dict, validate
from goodword.interactions import service as interactions
from goodword.network.queries import count_blind
from goodword.opportunities import service as opportunities
from goodword.pages import form_errors, redirect, render
from goodword.people import service as people
from goodword.people.schemas import PersonCreate
from goodword.tasks import service as tasks

router = APIRouter()


@router.get("/", name="dashboard")
def dashboard(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Show where the search stands: pipeline, what is due, who we spoke to lately."""
    if service.is_empty(session, workspace_id=workspace_id):
        return render(request, "dashboard/welcome.html", {"values": {}, "errors": {}})
    today = clock.today()
    due = tasks.due(session, workspace_id=workspace_id, today=today)
    return render(
        request,
        "dashboard/index.html",
        {
            "today": today,
            "by_stage": opportunities.count_by_stage(session, workspace_id=workspace_id),
            "blind": count_blind(session, workspace_id=workspace_id),
            "overdue": [t for t in due if t.due_date is not None and t.due_date < today],
            "due_today": [t for t in due if t.due_date is None or t.due_date >= today],
            "recent": interactions.list_(session, workspace_id=workspace_id, limit=10).items,
        },
    )


@router.post("/demo", name="load_demo")
def load_demo(session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Fill an empty workspace with the demo network."""
    from goodword import demo

    if not service.is_empty(session, workspace_id=workspace_id):
        return redirect(
            "/",
            flash="The demo network loads only into an empty workspace, and yours has records.",
        )
    summary = demo.build(session, workspace_id=workspace_id, today=clock.today())
    return redirect(
        "/",
        flash=(
            f"The demo network is loaded: {summary.people} people, "
            f"{summary.organizations} organizations and {summary.opportunities} opportunities. "
            "None of them are real; look around."
        ),
    )


@router.post("/me", name="add_me")
async def add_me(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Record the user as the first person in their own network."""
    values = form_to_dict(await request.form())
    try:
        data = validate(PersonCreate, {"display_name": values.get("display_name"), "is_me": True})
        me = people.create(session, workspace_id=workspace_id, data=data)
    except GoodwordError as exc:
        session.rollback()
        errors = form_errors(exc, general_field="display_name")
        return render(
            request,
            "dashboard/welcome.html",
            {"values": values, "errors": errors},
            status_code=exc.status_code,
        )
    return redirect(
        f"/people/{me.id}",
        flash=f"Welcome, {me.display_name}. Add where you work below, then the people you know.",
    )
