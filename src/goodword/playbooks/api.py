"""JSON API for the playbooks: run them for an opportunity, the routines, keep in touch,
favours, progress and the calendar feed. The message library is in `message_api.py`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from goodword import clock
from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
    one_way,
)
from goodword.deps import DbSession, WorkspaceId
from goodword.opportunities.models import Route
from goodword.people import service as people
from goodword.playbooks import cadence, engine, events, message_api, reach, rejection
from goodword.playbooks import calendar as feeds
from goodword.playbooks import digest as weekly
from goodword.playbooks import favours as favours_data
from goodword.playbooks import progress as progress_data
from goodword.playbooks.schemas import (
    DigestRead,
    DuePage,
    FavoursRead,
    PlaybookResultRead,
    RejectionRead,
)
from goodword.records import RecordId
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskRead
from goodword.tasks.schemas import TaskRead
from goodword.workspaces.models import Workspace

router = APIRouter(prefix=API_PREFIX, tags=["playbooks"], responses=ERROR_RESPONSES)
router.include_router(message_api.router)


class RejectionIn(BaseModel):
    """Run the rejection playbook; `confirm_late` says it came late whatever the records
    show, `target_organization_ids` names the companies yourself."""

    model_config = ConfigDict(extra="forbid")

    confirm_late: bool = False
    target_organization_ids: list[RecordId] | None = None


@router.post(
    "/opportunities/{opportunity_id}/playbooks/rejection",
    response_model=RejectionRead,
    summary="Run the rejection playbook",
)
def run_rejection(
    session: DbSession,
    workspace_id: WorkspaceId,
    opportunity_id: int,
    data: RejectionIn | None = None,
) -> RejectionRead:
    """Thank and ask the interviewers you clicked with; re-running adds nothing twice."""
    data = data or RejectionIn()
    result = rejection.run(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        today=clock.today(),
        confirm_late=data.confirm_late,
        target_organization_ids=data.target_organization_ids,
        confirm='send {"confirm_late": true}',
        name_them="name them in target_organization_ids",
    )
    return rejection.to_read(result)


class ReachIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entry_person_id: RecordId | None = None
    even_with_warm_path: bool = False


class WarmPathRead(BaseModel):
    """A way in: through `via` (null when you know the person yourself) to `to`, the hiring
    manager, or someone at the company when no manager is recorded."""

    via_person_id: int | None
    via_name: str | None
    to_person_id: int | None
    to_name: str | None
    reason: str


class EntryPointRead(BaseModel):
    person_id: int
    name: str
    title: str | None
    department: str | None
    reason: str


class ReachRead(PlaybookResultRead):
    warm_paths: list[WarmPathRead]
    entry_points: list[EntryPointRead]


@router.post(
    "/opportunities/{opportunity_id}/playbooks/reach",
    response_model=ReachRead,
    summary="Plan a way to the hiring manager",
)
def run_reach(
    session: DbSession, workspace_id: WorkspaceId, opportunity_id: int, data: ReachIn | None = None
) -> ReachRead:
    """A warm path to the hiring manager if there is one; else an advice call through a
    side door, someone you know at the company first (with no hiring manager recorded, the
    warm paths lead into the company)."""
    data = data or ReachIn()
    result = reach.plan(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        today=clock.today(),
        entry_person_id=data.entry_person_id,
        even_with_warm_path=data.even_with_warm_path,
        choose="send the person_id of one of entry_points as entry_person_id",
    )
    return ReachRead(
        **engine.to_read(result).model_dump(),
        warm_paths=[
            WarmPathRead(
                via_person_id=p.via.id if p.via else None,
                via_name=p.via.display_name if p.via else None,
                to_person_id=p.to.id if p.to else None,
                to_name=p.to.display_name if p.to else None,
                reason=p.reason,
            )
            for p in result.warm_paths
        ],
        entry_points=[
            EntryPointRead(
                person_id=e.person.id,
                name=e.person.display_name,
                title=e.title,
                department=e.department,
                reason=e.reason,
            )
            for e in result.entry_points
        ],
    )


class RoutinesRead(BaseModel):
    created: int
    summary: str
    results: list[PlaybookResultRead]


@router.post("/playbooks/run", response_model=RoutinesRead, summary="Run the routines")
def run_routines(session: DbSession, workspace_id: WorkspaceId) -> RoutinesRead:
    """Close quiet asks, remind of people due a catch-up, thank for favours (idempotent)."""
    routines = events.run_routines(session, workspace_id=workspace_id, today=clock.today())
    return RoutinesRead(
        created=routines.created,
        summary=routines.summary(),
        results=[engine.to_read(r) for r in routines.results],
    )


@router.get("/keep-in-touch", response_model=DuePage, summary="Who is due a catch-up")
def keep_in_touch(
    session: DbSession,
    workspace_id: WorkspaceId,
    within_days: Annotated[int, Query(ge=0, le=3660, description="0 to 3,660 days")] = 0,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> DuePage:
    """People due by today (plus `within_days`), closest relationships first, then the most
    overdue; pass `next` back as `after` for more, and `prev` as `before` for the page
    before."""
    one_way(after, before)
    return cadence.due_page_read(
        session,
        workspace_id=workspace_id,
        today=clock.today(),
        within_days=within_days,
        after=after,
        before=before,
        limit=limit,
    )


@router.get("/keep-in-touch/digest", response_model=DigestRead, summary="The weekly digest")
def digest(session: DbSession, workspace_id: WorkspaceId) -> DigestRead:
    return weekly.read(session, workspace_id=workspace_id, today=clock.today())


@router.get("/people/{person_id}/favours", response_model=FavoursRead, summary="Favour ledger")
def favours(session: DbSession, workspace_id: WorkspaceId, person_id: int) -> FavoursRead:
    """Favours given to and received from one person, newest first."""
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    found = favours_data.favour_ledger(session, workspace_id=workspace_id, person_id=person.id)
    if found:
        return favours_data.to_read(found[0])
    return favours_data.to_read(favours_data.FavourBalance(person.id, person.display_name))


class RouteRead(BaseModel):
    route: Route | None
    label: str
    opportunities: int
    reached_interview: int
    interviews: int
    offers: int


class WeekRead(BaseModel):
    week_start: date
    contacts: int
    interviews: int


class ProgressRead(BaseModel):
    routes: list[RouteRead]
    blind_applications: int = Field(
        description="Applications that went in with no introduction or referral on record, "
        "whatever their route: the dashboard's count."
    )
    open_asks: list[ReferralAskRead]
    overdue_tasks: list[TaskRead]
    overdue_next_steps: list[int]
    activity: list[WeekRead]


@router.get("/progress", response_model=ProgressRead, summary="How the search is going")
def progress(
    session: DbSession,
    workspace_id: WorkspaceId,
    weeks: Annotated[int, Query(ge=1, le=52, description="1 to 52 weeks of activity")] = 8,
) -> ProgressRead:
    """Per route: opportunities, interviews, offers; open asks; what is late; weekly activity."""
    p = progress_data.progress(session, workspace_id=workspace_id, today=clock.today(), weeks=weeks)
    return ProgressRead(
        routes=[
            RouteRead(
                route=r.route,
                label=r.label,
                opportunities=r.opportunities,
                reached_interview=r.reached_interview,
                interviews=r.interviews,
                offers=r.offers,
            )
            for r in p.routes
        ],
        blind_applications=p.blind_applications,
        open_asks=[referrals.to_read(a) for a in p.open_asks],
        overdue_tasks=[TaskRead.model_validate(t) for t in p.overdue_tasks],
        overdue_next_steps=[o.id for o in p.overdue_next_steps],
        activity=[
            WeekRead(week_start=w.week_start, contacts=w.contacts, interviews=w.interviews)
            for w in p.activity
        ],
    )


class FeedRead(BaseModel):
    enabled: bool
    url: str | None


def _feed(request: Request, token: str | None) -> FeedRead:
    if token is None:
        return FeedRead(enabled=False, url=None)
    return FeedRead(enabled=True, url=str(request.url_for("calendar_feed", token=token)))


@router.get("/calendar/feed", response_model=FeedRead, summary="The calendar feed's address")
def get_feed(request: Request, session: DbSession, workspace_id: WorkspaceId) -> FeedRead:
    workspace = session.get(Workspace, workspace_id)
    return _feed(request, workspace.calendar_token if workspace else None)


@router.post("/calendar/feed", response_model=FeedRead, summary="Turn the calendar feed on")
def enable_feed(request: Request, session: DbSession, workspace_id: WorkspaceId) -> FeedRead:
    """Turn the feed on (the same address if it already is) and return its secret address."""
    return _feed(request, feeds.enable_feed(session, workspace_id=workspace_id))


@router.post(
    "/calendar/feed/rotate", response_model=FeedRead, summary="Give the feed a new address"
)
def rotate_feed(request: Request, session: DbSession, workspace_id: WorkspaceId) -> FeedRead:
    """A new secret address; the old one stops working at once. A feed that is off stays
    off: 409 (turn it on with `POST /calendar/feed`)."""
    return _feed(request, feeds.rotate_feed(session, workspace_id=workspace_id))


@router.delete(
    "/calendar/feed",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Turn the calendar feed off",
)
def disable_feed(session: DbSession, workspace_id: WorkspaceId) -> Response:
    feeds.disable_feed(session, workspace_id=workspace_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar.ics",
    response_class=Response,
    summary="Tasks and next steps as an .ics file",
    responses={200: {"content": {"text/calendar": {}}}},
)
def download(session: DbSession, workspace_id: WorkspaceId) -> Response:
    body = feeds.download(session, workspace_id=workspace_id, stamp=clock.now())
    return Response(body, media_type="text/calendar; charset=utf-8")
