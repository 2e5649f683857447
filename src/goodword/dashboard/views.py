"""The dashboard, and the first-run page an empty workspace shows instead."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from goodword import clock
from goodword.dashboard import service
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import GoodwordError
from goodword.forms import REQUIRED, form_to_dict, validate
from goodword.interactions import service as interactions
from goodword.network.queries import went_in_blind
from goodword.opportunities import service as opportunities
from goodword.pages import form_errors, is_htmx, redirect, render
from goodword.people import service as people
from goodword.people.schemas import NAME_HINT, PersonCreate
from goodword.sentences import full_stop

router = APIRouter()


@router.get("/", name="dashboard")
def dashboard(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Show where the search stands: pipeline, what is due, who we spoke to lately."""
    demo_fits = service.demo_fits(session, workspace_id=workspace_id)
    if service.is_empty(session, workspace_id=workspace_id):
        return render(
            request, "dashboard/welcome.html", {"values": {}, "errors": {}, "demo_fits": demo_fits}
        )
    today = clock.today()
    return render(
        request,
        "dashboard/index.html",
        {
            "today": today,
            "demo_fits": demo_fits,
            "by_stage": opportunities.count_by_stage(session, workspace_id=workspace_id),
            **_blind(session, workspace_id),
            "applications": service.count_applications(session, workspace_id=workspace_id),
            "due": service.due_tasks(session, workspace_id=workspace_id, today=today),
            "recent": interactions.list_(session, workspace_id=workspace_id, limit=10).items,
        },
    )


def _blind(session: DbSession, workspace_id: int, shown: int = 10) -> dict[str, object]:
    """How many applications went in blind, and the latest of them to name on the card."""
    ids = went_in_blind(session, workspace_id=workspace_id)
    ones = sorted(
        (opportunities.get(session, workspace_id=workspace_id, opportunity_id=i) for i in ids),
        key=lambda o: (o.updated_at, o.id),
        reverse=True,
    )
    return {"blind": len(ids), "blind_ones": ones[:shown]}


@router.get("/dashboard/tasks", name="dashboard_tasks")
def dashboard_tasks(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """The dashboard's tasks card alone, for HTMX to swap in when the routines changed tasks."""
    if not is_htmx(request):
        return redirect("/#dashboard-tasks", vary_on_htmx=True)
    due = service.due_tasks(session, workspace_id=workspace_id, today=clock.today())
    return render(request, "dashboard/_tasks.html", {"due": due}, vary_on_htmx=True)


@router.post("/demo", name="load_demo")
def load_demo(session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Fill an empty workspace with the demo network; the user's own person may be there."""
    from goodword import demo

    if not service.demo_fits(session, workspace_id=workspace_id):
        return redirect(
            "/",
            flash=(
                "The demo network loads only into an empty workspace, and yours has records "
                "besides you. To try it, start Goodword with a separate database file."
            ),
        )
    me = people.get_me(session, workspace_id=workspace_id)
    summary = demo.build(session, workspace_id=workspace_id, today=clock.today())
    made_up = (
        f"You play its job seeker, {me.display_name}, so your record now holds a made-up "
        "career; everyone else is made up too. Look around."
        if me is not None
        else "None of them are real; look around."
    )
    return redirect(
        "/",
        flash=(
            f"The demo network is loaded: {summary.people} people, "
            f"{summary.organizations} organizations and {summary.opportunities} opportunities. "
            + made_up
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
        # (The form has one name field: nothing about given or family names.)
        errors = form_errors(exc, general_field="display_name", rewrite={NAME_HINT: REQUIRED})
        return render(
            request,
            "dashboard/welcome.html",
            {"values": values, "errors": errors},
            status_code=exc.status_code,
        )
    return redirect(
        f"/people/{me.id}",
        flash=f"Welcome, {full_stop(me.display_name)} Add where you work below, then the "
        "people you know.",
    )
