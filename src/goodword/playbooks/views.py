"""Playbook pages: the hub, running playbooks for an opportunity, keep in touch, progress and
the calendar. The message library's pages live in `message_views.py` and are mounted here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword import clock
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import Conflict, FieldError, InvalidInput, NotFound
from goodword.forms import is_whole_number
from goodword.network import views as network
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.opportunities.views import detail_response
from goodword.pages import form_values, is_htmx, page_or_422, redirect, render
from goodword.people import service as people
from goodword.playbooks import cadence, events, library, message_views, reach, rejection, sender
from goodword.playbooks import calendar as feeds
from goodword.playbooks import digest as weekly
from goodword.playbooks import progress as progress_data
from goodword.playbooks.engine import addressed_to, me, person_values
from goodword.playbooks.messages import Draft, as_it_was, format_date
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

router = APIRouter()
router.include_router(message_views.router)

# How many people the dashboard's keep-in-touch card names.
DASHBOARD_DUE = 5
# How many people one page of the due list shows, each with a drafted note: after a
# LinkedIn import thousands can be due at once.
DUE_PAGE_SIZE = 50


@router.get("/playbooks", response_class=HTMLResponse)
def hub(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """Every playbook in one place, with what is waiting in each."""
    today = clock.today()
    return render(
        request,
        "playbooks/hub.html",
        {
            "due": cadence.due_list(session, workspace_id=workspace_id, today=today),
            "progress": progress_data.progress(session, workspace_id=workspace_id, today=today),
        },
    )


def _waiting_tasks(session: Session, workspace_id: int) -> set[tuple[int, TaskStatus]]:
    """Open and snoozed tasks: what a run of the routines may add to or close."""
    waiting = (TaskStatus.OPEN, TaskStatus.SNOOZED)
    rows = session.execute(
        select(Task.id, Task.status).where(
            Task.workspace_id == workspace_id, Task.status.in_(waiting)
        )
    )
    return {(task_id, status) for task_id, status in rows}


@router.post("/playbooks/run", response_class=HTMLResponse)
def run_routines(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Run the routines; HTMX (the dashboard's card) gets the card, a form a redirect.

    When the run added or closed tasks, the card's response fires `tasks-changed`, so the
    dashboard's tasks card (rendered before the run) fetches itself again.
    """
    today = clock.today()
    before = _waiting_tasks(session, workspace_id) if is_htmx(request) else set()
    routines = events.run_routines(session, workspace_id=workspace_id, today=today)
    if is_htmx(request):
        due = routines.due
        if due is None:
            due = cadence.due_list(session, workspace_id=workspace_id, today=today)
        response = render(
            request,
            "playbooks/_routines.html",
            {"routines": routines, "due": due[:DASHBOARD_DUE], "more": len(due) - DASHBOARD_DUE},
            vary_on_htmx=True,
        )
        if routines.created or _waiting_tasks(session, workspace_id) != before:
            response.headers["HX-Trigger"] = "tasks-changed"
        return response
    return redirect("/playbooks", flash=routines.summary(), vary_on_htmx=True)


def _next_moves_url(opportunity_id: int) -> str:
    return f"/opportunities/{opportunity_id}#next-moves"


@router.post("/opportunities/{opportunity_id}/playbooks/rejection")
async def run_rejection(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Run the rejection playbook of a rejected opportunity; `confirm_late` says the
    rejection came late regardless."""
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    if opportunity.stage is not Stage.REJECTED:
        # The page shows the playbook only for a rejected opportunity: this run came from a
        # page left open while the stage moved on, so it is refused (box ticked or not).
        return redirect(
            _next_moves_url(opportunity.id),
            flash=f"{opportunity.role_title} at {opportunity.organization.name} is not marked "
            "rejected, so the rejection playbook did not run. If you were turned down, move it "
            "to Rejected under Stage: the playbook then shows under Next moves.",
            warns=True,
        )
    values = await form_values(request, ("confirm_late",))
    confirm_late = values["confirm_late"] not in ("", "0")
    result = rejection.run(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity.id,
        today=clock.today(),
        confirm_late=confirm_late,
        confirm=rejection.CONFIRM_ON_THE_PAGE,
    )
    if result.blocked and confirm_late:
        # Refused all the same (no one marked clicked, say): the page says why, the box
        # still ticked, rather than a preview that asks for the late round again. (Nothing
        # was saved: the page is read without the write lock the request took, its preview
        # taking it only while it runs.)
        session.rollback()
        return detail_response(
            request,
            session,
            workspace_id,
            opportunity,
            # (Why, at the top where the page opens, as well as in the card far below.)
            forms_on_page={
                "confirm_late": True,
                "flash": " ".join(
                    p.message
                    + (
                        " Log each with “Log an interaction” at the top of this page."
                        if p.field == "interviewers"
                        else ""
                    )
                    for p in result.prompts
                    if p.blocking
                ),
                "flash_warns": True,
            },
            status_code=422,
        )
    return redirect(_next_moves_url(opportunity.id), flash=events.describe(result))


@router.post("/opportunities/{opportunity_id}/playbooks/reach")
async def run_reach(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Make the advice-call plan's tasks, through the chosen person (or the best door)."""
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    values = await form_values(request, ("entry_person_id", "even_with_warm_path"))
    chosen = values["entry_person_id"].strip()
    if chosen and not is_whole_number(chosen):
        raise InvalidInput(
            "Pick one of the suggested people.",
            fields=[FieldError("entry_person_id", "is not a person's number")],
        )
    result = reach.plan(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity.id,
        today=clock.today(),
        entry_person_id=int(chosen) if chosen else None,
        even_with_warm_path=values["even_with_warm_path"] not in ("", "0"),
        cache=network.cache_of(request),
        model=network.model_of(request),
    )
    return redirect(_next_moves_url(opportunity.id), flash=events.describe(result))


def due_drafts(
    session: Session, workspace_id: int, items: list[cadence.DueItem], today: date | None = None
) -> dict[int, Draft]:
    """A keep-in-touch note for each person due, keyed by person id, saying how long it
    has been by `today` (the clock's, unless given: `as_it_was`)."""
    today = today or clock.today()
    user = me(session, workspace_id=workspace_id)
    found = people.get_many(session, workspace_id=workspace_id, ids=[i.person_id for i in items])
    last = {i.person_id: i.last_contact for i in items}
    drafts = {}
    for person in found:
        made = library.draft(
            session,
            workspace_id=workspace_id,
            key="keep_in_touch",
            values={**person_values(person, user), "last_contact": format_date(last[person.id])},
            **addressed_to(person),
        )
        when = last[person.id]
        drafts[person.id] = as_it_was(made, when, today) if when else made
    return drafts


@router.get("/keep-in-touch", response_class=HTMLResponse)
def keep_in_touch(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    after: str | None = None,
    before: str | None = None,
) -> HTMLResponse:
    """Who is due for a catch-up, closest relationships first, a page at a time, each with a
    drafted note; HTMX (the next-page link) gets the list alone."""
    today = clock.today()
    due = cadence.due_list(session, workspace_id=workspace_id, today=today)
    page = page_or_422(
        lambda: cadence.due_page(due, cursor=after, limit=DUE_PAGE_SIZE, before=before),
        first_page="the first page of Keep in touch",
    )
    # (A page htmx fetches to restore after Back, its cache missed, must be the whole page.)
    partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    template = "playbooks/_due.html" if partial else "playbooks/keep_in_touch.html"
    return render(
        request,
        template,
        {
            "page": page,
            # Notes are drafted for the people on this page only.
            "drafts": due_drafts(session, workspace_id, page.items, today),
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            "first_page": not after and page.prev_cursor is None,
            "today": today,
            "has_me": me(session, workspace_id=workspace_id) is not None,
        },
        vary_on_htmx=True,
    )


@router.get("/keep-in-touch/digest", response_class=HTMLResponse)
def digest(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """The week in one page: whom to contact, what is due, what to pass on."""
    today = clock.today()
    return render(
        request,
        "playbooks/digest.html",
        {
            "digest": weekly.weekly_digest(session, workspace_id=workspace_id, today=today),
            "today": today,
        },
    )


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """Interviews and offers per route, open asks, what is late, activity per week."""
    today = clock.today()
    data = progress_data.progress(session, workspace_id=workspace_id, today=today)
    return render(
        request,
        "playbooks/progress.html",
        {
            "p": data,
            "today": today,
            "widest_route": max([r.opportunities for r in data.routes] + [1]),
            "widest_week": max([w.contacts for w in data.activity] + [1]),
        },
    )


def feed_url(request: Request, token: str) -> str:
    return str(request.url_for("calendar_feed", token=token))


def _calendar_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    feed_errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    workspace = session.get(Workspace, workspace_id)
    token = workspace.calendar_token if workspace else None
    return render(
        request,
        "playbooks/calendar.html",
        {
            "feed": feed_url(request, token) if token else None,
            "items": feeds.items(session, workspace_id=workspace_id),
            "feed_errors": feed_errors or {},
        },
        status_code=status_code,
    )


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """The calendar feed's switch and address, and the one-off download."""
    return _calendar_page(request, session, workspace_id)


FEED_ACTIONS = {"on": "turned on", "rotate": "given a new address", "off": "turned off"}


@router.post("/calendar/feed")
async def calendar_feed_switch(
    request: Request, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Turn the feed on, give it a new secret address, or turn it off; anything else comes
    back on the calendar page, beside the feed's buttons, with the feed as it was."""
    action = (await form_values(request, ("action",)))["action"]
    if action not in FEED_ACTIONS:
        errors = {"action": "Choose to turn the feed on, give it a new address, or turn it off."}
        return _calendar_page(request, session, workspace_id, feed_errors=errors, status_code=422)
    if action == "on":
        feeds.enable_feed(session, workspace_id=workspace_id)
    elif action == "rotate":
        try:
            feeds.rotate_feed(session, workspace_id=workspace_id)
        except Conflict as error:
            # (Turned off since the page was shown, in another tab, say.)
            errors = {"action": error.message}
            return _calendar_page(
                request, session, workspace_id, feed_errors=errors, status_code=error.status_code
            )
    else:
        feeds.disable_feed(session, workspace_id=workspace_id)
    note = " The old address no longer works." if action != "on" else ""
    return redirect("/calendar", flash=f"The calendar feed was {FEED_ACTIONS[action]}.{note}")


def ics_response(body: bytes, *, filename: str | None = None) -> Response:
    headers = {"Cache-Control": "no-store"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/calendar/download.ics")
def calendar_download(session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Open tasks and next steps as an .ics file to import once."""
    body = feeds.download(session, workspace_id=workspace_id, stamp=clock.now())
    return ics_response(body, filename=f"goodword-{clock.today().isoformat()}.ics")


# A calendar app shows plain text where it would show an HTML page as a broken feed.
NO_FEED = feeds.NO_FEED + "\n"


@router.get("/calendar/{token}.ics", name="calendar_feed")
def calendar_feed(token: str, session: DbSession) -> Response:
    """The subscription feed; only its secret address opens it (a plain 404 for any other)."""
    try:
        body = feeds.feed(session, token=token, stamp=clock.now())
    except NotFound:
        return PlainTextResponse(NO_FEED, status_code=404, headers={"Cache-Control": "no-store"})
    return ics_response(body)
