"""Tasks and follow-ups as an iCalendar feed (a secret-token URL) and an `.ics` download.

Each open task with a date becomes an all-day event, and so does each opportunity's next
step; event ids are stable, so a calendar that subscribes to the feed updates them in place.
The feed's URL holds a random token: turning the feed on makes one, rotating it makes the old
URL stop working, turning the feed off removes it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.errors import Conflict, NotFound
from goodword.opportunities.models import Opportunity, Stage
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

PRODUCT_ID = "-//Goodword//Tasks and follow-ups//EN"
UID_DOMAIN = "goodword.invalid"
# Stages where the user no longer has a next step to take.
_FINISHED = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN)


@dataclass(frozen=True)
class CalendarItem:
    """One all-day entry: a task, or an opportunity's next step."""

    uid: str
    day: date
    summary: str
    description: str | None = None
    category: str | None = None


def build(items: Iterable[CalendarItem], *, name: str, stamp: datetime) -> bytes:
    """The iCalendar text for the items; a pure function (`stamp` is the DTSTAMP)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        if item.day < date.max:  # (an all-day event ends the next day; 9999-12-31 has none)
            event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("transp", "TRANSPARENT")
        if item.description:
            event.add("description", item.description)
        if item.category:
            event.add("categories", [item.category])
        calendar.add_component(event)
    return calendar.to_ical()


def items(session: Session, *, workspace_id: int) -> list[CalendarItem]:
    """Open tasks with a date (snoozed ones on the day they wake) and next steps."""
    found: list[CalendarItem] = []
    task_rows = session.scalars(
        select(Task)
        .where(
            Task.workspace_id == workspace_id,
            Task.status.in_([TaskStatus.OPEN, TaskStatus.SNOOZED]),
        )
        .order_by(Task.id)
    )
    for task in task_rows:
        day = task.snoozed_until if task.status is TaskStatus.SNOOZED else task.due_date
        if day is None:
            continue
        found.append(
            CalendarItem(
                uid=f"task-{task.id}@{UID_DOMAIN}",
                day=day,
                summary=task.title,
                description=task.notes,
                category=_category(task.origin),
            )
        )
    opportunity_rows = session.scalars(
        select(Opportunity)
        .where(
            Opportunity.workspace_id == workspace_id,
            Opportunity.next_step_due.is_not(None),
            Opportunity.stage.not_in(_FINISHED),
        )
        .options(selectinload(Opportunity.organization))
        .order_by(Opportunity.id)
    )
    for opportunity in opportunity_rows:
        assert opportunity.next_step_due is not None
        step = opportunity.next_step or "Next step"
        found.append(
            CalendarItem(
                uid=f"opportunity-{opportunity.id}-next-step@{UID_DOMAIN}",
                day=opportunity.next_step_due,
                summary=f"{step} ({opportunity.organization.name})",
                description=f"{opportunity.role_title} at {opportunity.organization.name}",
                category="Follow-up",
            )
        )
    found.sort(key=lambda item: (item.day, item.uid))
    return found


def download(session: Session, *, workspace_id: int, stamp: datetime) -> bytes:
    """The workspace's tasks and follow-ups as an `.ics` file."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace", workspace_id)
    return build(items(session, workspace_id=workspace_id), name=_name(workspace), stamp=stamp)


def feed(session: Session, *, token: str, stamp: datetime) -> bytes:
    """The feed for a secret token; an unknown or turned-off token is NotFound."""
    workspace = workspace_for_token(session, token=token)
    return build(items(session, workspace_id=workspace.id), name=_name(workspace), stamp=stamp)


# The same words for every wrong address: they do not tell whether any feed is on.
NO_FEED = (
    "There is no Goodword calendar feed at this address. It may have been turned off or "
    "given a new address: copy the feed's address again from Goodword's Calendar page."
)


def workspace_for_token(session: Session, *, token: str) -> Workspace:
    if not token:
        raise NotFound("calendar feed", token, message=NO_FEED)
    workspace = session.scalar(select(Workspace).where(Workspace.calendar_token == token))
    if (
        workspace is None
        or workspace.calendar_token is None
        or not secrets.compare_digest(workspace.calendar_token, token)
    ):
        # Never echo the token back: it is a secret even when wrong.
        raise NotFound("calendar feed", "(secret)", message=NO_FEED)
    return workspace


def enable_feed(session: Session, *, workspace_id: int) -> str:
    """Turn the feed on (keeping the current token if it is already on); return the token."""
    workspace = _workspace(session, workspace_id)
    if workspace.calendar_token is None:
        workspace.calendar_token = new_token()
        session.flush()
    return workspace.calendar_token


FEED_OFF = (
    "The calendar feed is off, so it has no address to replace. Turn the feed on to get a "
    "new private address."
)


def rotate_feed(session: Session, *, workspace_id: int) -> str:
    """Replace the token: the old feed URL stops working at once. A feed turned off stays
    off (Conflict): giving it a new address is not turning it on."""
    workspace = _workspace(session, workspace_id)
    if workspace.calendar_token is None:
        raise Conflict(FEED_OFF)
    workspace.calendar_token = new_token()
    session.flush()
    return workspace.calendar_token


def disable_feed(session: Session, *, workspace_id: int) -> None:
    """Turn the feed off: no URL works until it is turned on again."""
    workspace = _workspace(session, workspace_id)
    workspace.calendar_token = None
    session.flush()


def new_token() -> str:
    """A random, URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def _workspace(session: Session, workspace_id: int) -> Workspace:
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace", workspace_id)
    return workspace


def _name(workspace: Workspace) -> str:
    return f"Goodword: {workspace.name}"


def _category(origin: str) -> str:
    if origin == "manual":
        return "Task"
    playbook = origin.split(":", 1)[0]
    return f"Playbook: {playbook.replace('-', ' ')}"
