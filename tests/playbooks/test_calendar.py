"""The calendar: tasks and follow-ups as iCalendar, parsed back; the secret-token feed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from pydantic import ValidationError
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.errors import NotFound
from goodword.interactions.schemas import InteractionCreate
from goodword.playbooks import calendar
from goodword.playbooks.calendar import CalendarItem
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

STAMP = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)


def events(raw: bytes) -> dict[str, dict[str, object]]:
    parsed = Calendar.from_ical(raw)
    found = {}
    for event in parsed.walk("VEVENT"):
        found[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "description": str(event.get("DESCRIPTION", "")),
            "categories": [str(c) for c in event["CATEGORIES"].cats]
            if "CATEGORIES" in event
            else [],
            "stamp": event.decoded("DTSTAMP"),
        }
    return found


def test_build_is_valid_icalendar_that_parses_back():
    raw = calendar.build(
        [
            CalendarItem(
                "a@x", date(2026, 12, 1), "Call Ada; then write, with care", "Line 1\nLine 2", "T"
            )
        ],
        name="Goodword: test",
        stamp=STAMP,
    )
    parsed = Calendar.from_ical(raw)
    assert str(parsed["VERSION"]) == "2.0"
    assert str(parsed["X-WR-CALNAME"]) == "Goodword: test"
    event = events(raw)["a@x"]
    assert event["summary"] == "Call Ada; then write, with care"
    assert event["description"] == "Line 1\nLine 2"
    assert (event["start"], event["end"]) == (date(2026, 12, 1), date(2026, 12, 2))
    assert event["stamp"] == STAMP
    assert event["categories"] == ["T"]


def test_the_last_day_there_is_still_makes_a_calendar():
    """A date stored before dates were bounded (9999-12-31) has no next day to end on."""
    raw = calendar.build(
        [CalendarItem("z@x", date.max, "Someday", None, None)], name="Goodword", stamp=STAMP
    )
    [event] = Calendar.from_ical(raw).walk("VEVENT")
    assert event.decoded("DTSTART") == date.max and "DTEND" not in event


def test_dates_out_of_any_plan_are_refused_at_the_door():
    for wrong in (date(9999, 12, 31), date(1899, 12, 31)):
        with pytest.raises(ValidationError, match="is the year right"):
            TaskStatusChange(status=TaskStatus.SNOOZED, snoozed_until=wrong)
    with pytest.raises(ValidationError, match="is the year right"):
        InteractionCreate(kind="call", occurred_at=datetime(1, 1, 1))
    assert TaskStatusChange(status=TaskStatus.SNOOZED, snoozed_until=date(2199, 12, 31))


def test_open_tasks_and_next_steps_are_in_the_download(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    # (A snooze must end after today: the clock says when today is.)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    due = f.task(session, workspace.id, "Write to Ada", due_date=TODAY + timedelta(days=2))
    snoozed = f.task(session, workspace.id, "Later", due_date=TODAY)
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=snoozed.id,
        change=TaskStatusChange(status=TaskStatus.SNOOZED, snoozed_until=TODAY + timedelta(7)),
    )
    done = f.task(session, workspace.id, "Done already", due_date=TODAY)
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=done.id,
        change=TaskStatusChange(status=TaskStatus.DONE),
    )
    f.task(session, workspace.id, "No date")
    opportunity = f.opportunity(
        session, workspace.id, next_step="Send the case study", next_step_due=TODAY
    )
    f.opportunity(
        session,
        workspace.id,
        role_title="Old",
        stage="rejected",
        next_step="Nothing",
        next_step_due=TODAY,
    )
    found = events(calendar.download(session, workspace_id=workspace.id, stamp=STAMP))
    assert set(found) == {
        f"task-{due.id}@goodword.invalid",
        f"task-{snoozed.id}@goodword.invalid",
        f"opportunity-{opportunity.id}-next-step@goodword.invalid",
    }
    assert found[f"task-{snoozed.id}@goodword.invalid"]["start"] == TODAY + timedelta(days=7)
    step = found[f"opportunity-{opportunity.id}-next-step@goodword.invalid"]
    assert step["summary"] == "Send the case study (Acme Robotics)"
    assert step["categories"] == ["Follow-up"]
    assert found[f"task-{due.id}@goodword.invalid"]["categories"] == ["Task"]


def test_playbook_tasks_carry_their_playbook_as_category(session: Session, workspace: Workspace):
    from goodword.playbooks.engine import ensure_task

    task, _ = ensure_task(
        session,
        workspace_id=workspace.id,
        playbook="rejection",
        step="thank",
        key="rejection:test",
        title="Thank Morgan",
        due_date=TODAY,
        notes="- [ ] one",
    )
    found = events(calendar.download(session, workspace_id=workspace.id, stamp=STAMP))
    event = found[f"task-{task.id}@goodword.invalid"]
    assert event["categories"] == ["Playbook: rejection"]
    assert event["description"] == "- [ ] one"


def test_the_feed_needs_its_token_and_rotating_it_retires_the_old_url(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    mine = f.task(session, workspace.id, "Mine", due_date=TODAY)
    f.task(session, other_workspace.id, "Theirs", due_date=TODAY)
    token = calendar.enable_feed(session, workspace_id=workspace.id)
    assert len(token) >= 40
    assert calendar.enable_feed(session, workspace_id=workspace.id) == token
    found = events(calendar.feed(session, token=token, stamp=STAMP))
    assert set(found) == {f"task-{mine.id}@goodword.invalid"}

    rotated = calendar.rotate_feed(session, workspace_id=workspace.id)
    assert rotated != token
    with pytest.raises(NotFound) as caught:
        calendar.feed(session, token=token, stamp=STAMP)
    assert token not in caught.value.message
    assert calendar.feed(session, token=rotated, stamp=STAMP)

    calendar.disable_feed(session, workspace_id=workspace.id)
    with pytest.raises(NotFound):
        calendar.feed(session, token=rotated, stamp=STAMP)
    with pytest.raises(NotFound):
        calendar.feed(session, token="", stamp=STAMP)


def test_a_wrong_or_empty_feed_address_says_so_in_words_not_as_a_number(
    session: Session, workspace: Workspace
):
    calendar.enable_feed(session, workspace_id=workspace.id)
    for token in ("not-the-token", ""):
        with pytest.raises(NotFound) as caught:
            calendar.feed(session, token=token, stamp=STAMP)
        assert caught.value.message == (
            "There is no Goodword calendar feed at this address. It may have been turned off or "
            "given a new address: copy the feed's address again from Goodword's Calendar page."
        )


def test_a_feed_turned_off_is_not_turned_back_on_by_a_new_address(
    session: Session, workspace: Workspace, client: TestClient
):
    assert client.post("/api/v1/calendar/feed").status_code == 200
    assert client.delete("/api/v1/calendar/feed").status_code == 204

    answer = client.post("/api/v1/calendar/feed/rotate")

    assert answer.status_code == 409
    assert answer.json()["error"]["message"] == (
        "The calendar feed is off, so it has no address to replace. Turn the feed on to get a "
        "new private address."
    )
    assert client.get("/api/v1/calendar/feed").json() == {"enabled": False, "url": None}
    # The page's button, sent from a page shown before the feed was turned off elsewhere.
    page = client.post("/calendar/feed", data={"action": "rotate"}, follow_redirects=False)
    assert page.status_code == 409
    assert "<h1>Calendar</h1>" in page.text and "The feed is off." in page.text
    assert "it has no address to replace" in page.text
    session.expire_all()
    assert session.get(Workspace, workspace.id).calendar_token is None  # type: ignore[union-attr]
