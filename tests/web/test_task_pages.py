"""Task pages: the list with overdue rows, forms, status actions with and without HTMX."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import factories
from goodword import clock
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 20)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@contextmanager
def counting_selects(connection: Connection) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Task)) or 0


def _row(html: str, task: Task) -> str:
    start = html.index(f'<tr id="task-{task.id}"')
    return html[start : html.index("</tr>", start)]


def _reload(session: Session, task: Task) -> Task:
    session.expire_all()
    fresh = session.get(Task, task.id)
    assert fresh is not None
    return fresh


def test_the_list_shows_open_tasks_with_overdue_ones_highlighted(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    late = factories.task(
        session, workspace.id, "Thank Ada", due_date=TODAY - timedelta(days=1), person_id=ada.id
    )
    soon = factories.task(session, workspace.id, "Call Grace", due_date=TODAY + timedelta(days=2))
    done = factories.task(session, workspace.id, "Old chore")
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=done.id,
        change=TaskStatusChange(status=TaskStatus.DONE),
    )
    response = client.get("/tasks")
    assert response.status_code == 200
    assert 'class="task task-open overdue"' in _row(response.text, late)
    assert "Overdue: 19 Nov 2026" in _row(response.text, late)
    assert f'href="/people/{ada.id}"' in _row(response.text, late)
    assert "overdue" not in _row(response.text, soon)
    assert "Old chore" not in response.text
    assert "Old chore" in client.get("/tasks?status=done").text
    assert "Old chore" in client.get("/tasks?status=all").text


def test_overdue_follows_the_clock(
    client: TestClient, session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = factories.task(session, workspace.id, "Call Grace", due_date=TODAY + timedelta(days=2))
    assert "overdue" not in _row(client.get("/tasks").text, task)
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=3))
    assert "overdue" in _row(client.get("/tasks").text, task)


def test_an_unknown_list_is_a_422(client: TestClient) -> None:
    assert client.get("/tasks?status=someday").status_code == 422
    assert client.get("/tasks?after=abc").status_code == 422


def test_the_new_form_is_prefilled_from_links(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.get(f"/tasks/new?person_id={ada.id}&opportunity_id={opportunity.id}")
    assert response.status_code == 200
    assert f'<option value="{ada.id}" selected>Ada Lovelace</option>' in response.text
    assert f'<option value="{opportunity.id}" selected>' in response.text


def test_it_creates_a_task_linked_to_records(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    organization = factories.organization(session, workspace.id, "Initech")
    response = client.post(
        "/tasks",
        data={
            "title": "Report back to Ada",
            "due_date": "2026-11-25",
            "notes": "She referred me to Initech.",
            "person_id": str(ada.id),
            "organization_id": str(organization.id),
            "opportunity_id": "",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    task = session.scalars(select(Task)).one()
    assert task.title == "Report back to Ada"
    assert task.due_date == date(2026, 11, 25)
    assert task.person_id == ada.id
    assert task.organization_id == organization.id
    assert task.opportunity_id is None
    page = client.get(response.headers["location"])
    assert "Task added." in page.text
    assert "Task added." not in client.get(response.headers["location"]).text
    assert "She referred me to Initech." in page.text


def test_an_invalid_task_form_keeps_the_values_and_writes_nothing(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    outsider = factories.person(session, other_workspace.id, "Charlie's Friend")
    response = client.post("/tasks", data={"title": " ", "due_date": "soon", "notes": "keep me"})
    assert response.status_code == 422
    assert 'id="e-title"' in response.text
    assert 'id="e-due_date"' in response.text
    assert 'value="soon"' in response.text
    assert "keep me" in response.text
    response = client.post("/tasks", data={"title": "Fine", "person_id": str(outsider.id)})
    assert response.status_code == 422
    assert 'id="e-person_id"' in response.text
    assert _count(session) == 0


def test_it_edits_a_task(client: TestClient, session: Session, workspace: Workspace) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    form = client.get(f"/tasks/{task.id}/edit")
    assert form.status_code == 200
    assert 'value="Write to Ada"' in form.text
    response = client.post(
        f"/tasks/{task.id}",
        data={"title": "Write to Ada and Grace", "due_date": "2026-12-01"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    changed = _reload(session, task)
    assert changed.title == "Write to Ada and Grace"
    assert changed.due_date == date(2026, 12, 1)


def test_marking_done_without_htmx_returns_to_the_list(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id)
    response = client.post(
        f"/tasks/{task.id}/status", data={"status": "done", "back": "open"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/tasks?status=open"
    changed = _reload(session, task)
    assert changed.status is TaskStatus.DONE
    assert changed.completed_at is not None
    assert "Task updated." in client.get("/tasks?status=open").text
    assert "Task updated." not in client.get("/tasks?status=open").text


def test_marking_done_with_htmx_returns_the_row(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    response = client.post(
        f"/tasks/{task.id}/status", data={"status": "done", "back": "open"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.headers["vary"] == "HX-Request"
    assert response.text.lstrip().startswith(f'<tr id="task-{task.id}"')
    assert "<html" not in response.text
    assert ">Reopen</button>" in response.text
    assert ">Done</button>" not in response.text
    assert _reload(session, task).status is TaskStatus.DONE


def test_snoozing_needs_a_later_date(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    response = client.post(
        f"/tasks/{task.id}/status", data={"status": "snoozed", "snoozed_until": "", "back": "open"}
    )
    assert response.status_code == 422
    assert "Pick a date to snooze until." in _row(response.text, task)
    response = client.post(
        f"/tasks/{task.id}/status",
        data={"status": "snoozed", "snoozed_until": TODAY.isoformat()},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Pick a day after today." in response.text
    assert response.text.lstrip().startswith(f'<tr id="task-{task.id}"')
    assert _reload(session, task).status is TaskStatus.OPEN


def test_a_refused_snooze_date_stays_in_its_box_beside_the_error(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    past = (TODAY - timedelta(days=3)).isoformat()
    typed = f'name="snoozed_until" value="{past}" required'
    row = client.post(
        f"/tasks/{task.id}/status", data={"status": "snoozed", "snoozed_until": past}, headers=HTMX
    )
    assert row.status_code == 422 and "Pick a day after today." in row.text and typed in row.text
    for back in ("open", "detail"):  # the whole page, without JavaScript
        page = client.post(
            f"/tasks/{task.id}/status",
            data={"status": "snoozed", "snoozed_until": past, "back": back},
        )
        assert page.status_code == 422 and "Pick a day after today." in page.text
        assert typed in page.text
    # Another task's box on the same list keeps the usual date.
    other = factories.task(session, workspace.id, "Write to Bo")
    page = client.post(
        f"/tasks/{task.id}/status", data={"status": "snoozed", "snoozed_until": past}
    )
    default = (TODAY + timedelta(days=7)).isoformat()
    assert f'id="snooze-{other.id}" name="snoozed_until" value="{default}"' in page.text


def test_a_snooze_without_a_date_is_said_of_the_date_field(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    row = client.post(f"/tasks/{task.id}/status", data={"status": "snoozed"}, headers=HTMX)
    assert row.status_code == 422
    assert (
        f'<p class="error" id="task-error-{task.id}" role="alert">Pick a date to snooze until.</p>'
        in row.text
    )
    assert f'name="snoozed_until" value="{(TODAY + timedelta(days=7)).isoformat()}" required' in (
        row.text
    )
    assert f'aria-describedby="task-error-{task.id}"' in row.text
    assert "snoozed_until)" not in row.text
    # The API names the field in its place, and says it in the same words.
    api = client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "snoozed"})
    assert api.status_code == 422
    assert api.json()["error"]["fields"] == [
        {"field": "snoozed_until", "message": "Pick a date to snooze until."}
    ]


def test_snooze_dismiss_and_reopen(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    until = TODAY + timedelta(days=7)
    client.post(
        f"/tasks/{task.id}/status",
        data={"status": "snoozed", "snoozed_until": until.isoformat(), "back": "detail"},
    )
    snoozed = _reload(session, task)
    assert snoozed.status is TaskStatus.SNOOZED
    assert snoozed.snoozed_until == until
    assert "Snoozed until 27 Nov 2026" in client.get(f"/tasks/{task.id}").text
    client.post(f"/tasks/{task.id}/status", data={"status": "dismissed"})
    assert _reload(session, task).status is TaskStatus.DISMISSED
    client.post(f"/tasks/{task.id}/status", data={"status": "open"})
    reopened = _reload(session, task)
    assert reopened.status is TaskStatus.OPEN
    assert reopened.snoozed_until is None


def test_it_deletes_after_a_confirm_page(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id, "Write to Ada")
    confirm = client.get(f"/tasks/{task.id}/delete")
    assert confirm.status_code == 200
    assert _count(session) == 1
    response = client.post(f"/tasks/{task.id}/delete", follow_redirects=False)
    assert response.status_code == 303
    assert _count(session) == 0
    assert "Task deleted." in client.get(response.headers["location"]).text


def test_unknown_ids_are_404(client: TestClient) -> None:
    for suffix in ("", "/edit", "/delete"):
        assert client.get(f"/tasks/999999{suffix}").status_code == 404
    assert client.post("/tasks/999999", data={"title": "x"}).status_code == 404
    assert client.post("/tasks/999999/status", data={"status": "done"}).status_code == 404
    assert client.post("/tasks/999999/delete").status_code == 404


def test_another_workspaces_task_is_404_everywhere(
    client: TestClient, session: Session, other_workspace: Workspace
) -> None:
    theirs = factories.task(session, other_workspace.id, "Charlie's secret task")
    for suffix in ("", "/edit", "/delete"):
        response = client.get(f"/tasks/{theirs.id}{suffix}")
        assert response.status_code == 404
        assert "secret" not in response.text
    assert client.post(f"/tasks/{theirs.id}", data={"title": "Mine now"}).status_code == 404
    response = client.post(f"/tasks/{theirs.id}/status", data={"status": "done"}, headers=HTMX)
    assert response.status_code == 404
    assert client.post(f"/tasks/{theirs.id}/delete").status_code == 404
    assert "secret" not in client.get("/tasks?status=all").text
    kept = _reload(session, theirs)
    assert kept.title == "Charlie's secret task"
    assert kept.status is TaskStatus.OPEN


def test_the_list_does_not_query_per_row(
    client: TestClient, session: Session, workspace: Workspace, connection: Connection
) -> None:
    def add(n: int) -> None:
        person = factories.person(session, workspace.id, f"Person {n}")
        opportunity = factories.opportunity(
            session, workspace.id, role_title=f"Role {n}", organization_name=f"Org {n}"
        )
        factories.task(
            session,
            workspace.id,
            f"Task {n}",
            person_id=person.id,
            organization_id=opportunity.organization_id,
            opportunity_id=opportunity.id,
        )

    for n in range(2):
        add(n)
    with counting_selects(connection) as few:
        client.get("/tasks")
    for n in range(2, 25):
        add(n)
    with counting_selects(connection) as many:
        html = client.get("/tasks").text
    assert all(f"Person {n}<" in html and f"Org {n}<" in html for n in range(25))
    assert len(many) == len(few)
