"""The dashboard's tasks card: what is due first, reminders kept in check, and its refresh."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.people.models import Person
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate
from goodword.workspaces.models import Workspace

TODAY = date(2026, 3, 10)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _friends_due(session: Session, ws: int, count: int) -> list[Person]:
    """The user and `count` friends, each due for a catch-up today."""
    me = f.person(session, ws, "Sam Carter", is_me=True)
    friends = []
    for n in range(count):
        friend = f.person(session, ws, f"Friend Number{n}")
        f.connection(session, ws, me, friend, kind="friend", since=date(2025, 1, 1))
        friends.append(friend)
    return friends


def _card(text: str) -> str:
    return text.split('id="dashboard-tasks"')[1].split("</section>")[0]


def test_playbook_tasks_come_first_and_keep_in_touch_reminders_are_capped(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _friends_due(session, workspace.id, 6)
    assert client.post("/playbooks/run", headers=HTMX).status_code == 200
    tasks.create(
        session,
        workspace_id=workspace.id,
        data=TaskCreate(title="Send the thank-you notes", due_date=TODAY + timedelta(days=1)),
        origin="rejection:thank",
    )
    f.task(session, workspace.id, "Call the recruiter back", due_date=TODAY)
    f.task(session, workspace.id, "Read the annual report", due_date=TODAY + timedelta(days=20))

    card = _card(client.get("/").text)
    today = card.split('id="tasks-today"')[1].split("</ul>")[0]
    coming = card.split('id="tasks-coming"')[1].split("</ul>")[0]
    reminders = card.split('id="tasks-keep-in-touch"')[1].split("</ul>")[0]
    assert "Call the recruiter back" in today and "Get back in touch" not in today
    assert "Send the thank-you notes" in coming
    assert "Read the annual report" not in card
    assert reminders.count("Get back in touch with") == 3
    assert card.count("Get back in touch with") == 3
    assert '<a href="/tasks">And 3 more keep-in-touch reminders</a>' in card
    # Due soonest first: what is due today and tomorrow comes before the catch-ups.
    assert card.index("Call the recruiter back") < card.index("Send the thank-you notes")
    assert card.index("Send the thank-you notes") < card.index("Get back in touch with")
    assert "Nothing is due today." not in card


def test_a_single_reminder_is_named_without_a_more_link(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _friends_due(session, workspace.id, 1)
    client.post("/playbooks/run", headers=HTMX)
    card = _card(client.get("/").text)
    assert card.count("Get back in touch with Friend Number0") == 1
    assert "more keep-in-touch" not in card
    assert "Nothing is due today." not in card


def test_an_overdue_reminder_still_waits_below_the_playbook_tasks(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _friends_due(session, workspace.id, 1)
    client.post("/playbooks/run", headers=HTMX)
    f.task(session, workspace.id, "Send the portfolio", due_date=TODAY + timedelta(days=3))
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=3))
    card = _card(client.get("/").text)
    assert "tasks-overdue" not in card
    assert "Send the portfolio" in card.split('id="tasks-today"')[1].split("</ul>")[0]
    reminders = card.split('id="tasks-keep-in-touch"')[1].split("</ul>")[0]
    assert "Get back in touch with Friend Number0" in reminders
    assert "due 10 Mar 2026" in reminders


def test_nothing_due_says_so_and_shows_the_week_ahead(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    f.person(session, workspace.id, "Bob Brown")
    f.task(session, workspace.id, "Prepare for the panel", due_date=TODAY + timedelta(days=2))
    card = _card(client.get("/").text)
    assert "Nothing is due today." in card
    assert "Prepare for the panel" in card.split('id="tasks-coming"')[1]


def test_the_tasks_card_refreshes_itself_when_the_routines_change_tasks(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _friends_due(session, workspace.id, 2)
    page = client.get("/").text
    section = re.search(r'<section[^>]*id="dashboard-tasks"[^>]*>', page)
    assert section is not None
    assert 'hx-get="/dashboard/tasks"' in section.group(0)
    assert 'hx-trigger="tasks-changed from:body"' in section.group(0)
    assert "Nothing is due today." in _card(page)

    first = client.post("/playbooks/run", headers=HTMX)
    assert first.headers.get("HX-Trigger") == "tasks-changed"
    assert "2 new tasks" in first.text
    again = client.post("/playbooks/run", headers=HTMX)
    assert "HX-Trigger" not in again.headers

    fragment = client.get("/dashboard/tasks", headers=HTMX)
    assert fragment.status_code == 200
    assert "HX-Request" in fragment.headers["vary"]
    assert "<html" not in fragment.text
    assert fragment.text.count("Get back in touch with") == 2
    assert "Nothing is due today." not in fragment.text


def test_a_reminder_closed_by_the_routines_also_refreshes_the_card(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    (friend,) = _friends_due(session, workspace.id, 1)
    client.post("/playbooks/run", headers=HTMX)
    # Contact logged where nothing settles the reminder at once: the next run closes it.
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime(2026, 3, 9, 10, tzinfo=UTC),
        participants=[{"person_id": friend.id}],
    )
    run = client.post("/playbooks/run", headers=HTMX)
    assert "new task" not in run.text
    assert run.headers.get("HX-Trigger") == "tasks-changed"
    assert "Get back in touch" not in client.get("/dashboard/tasks", headers=HTMX).text


def test_the_tasks_card_without_htmx_leads_to_the_dashboard(client: TestClient) -> None:
    response = client.get("/dashboard/tasks", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/#dashboard-tasks"


def test_the_tasks_card_shows_nothing_of_another_workspace(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    f.person(session, workspace.id, "Bob Brown")
    f.task(session, other_workspace.id, "Charlie's own errand", due_date=TODAY)
    assert "Charlie" not in client.get("/dashboard/tasks", headers=HTMX).text
    assert "Charlie" not in client.get("/").text
