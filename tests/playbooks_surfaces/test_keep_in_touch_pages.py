"""Keep in touch, the digest, progress, the dashboard card, the person page and task origins."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.interactions.models import Interaction
from goodword.people.models import Person, PersonEmail
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import DRAFT_MARKER
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


def _friend(session: Session, ws: int, **fields: Any) -> Person:
    me = f.person(session, ws, "Sam Carter", given_name="Sam", is_me=True)
    friend = f.person(
        session, ws, "Ana Ruiz", given_name="Ana", emails=["ana@example.org"], **fields
    )
    f.connection(session, ws, me, friend, kind="friend", since=date(2026, 1, 1))
    return friend


def test_the_due_list_names_who_is_due_why_and_drafts_a_note(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime(2026, 8, 1, 10, tzinfo=UTC),
        participants=[{"person_id": friend.id}],
    )
    page = client.get("/keep-in-touch")
    assert page.status_code == 200
    assert f'id="due-{friend.id}"' in page.text
    assert "friend (every 60 days)" in page.text
    assert "1 Aug 2026" in page.text
    assert "It&#39;s been a while since we were last in touch (around 1 Aug 2026)" in page.text
    assert session.scalar(select(func.count()).select_from(Task)) == 0


def test_logging_contact_takes_someone_off_the_list(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    f.interaction(
        session,
        workspace.id,
        kind="meeting",
        occurred_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        participants=[{"person_id": friend.id}],
    )
    assert f'id="due-{friend.id}"' not in client.get("/keep-in-touch").text


def test_logging_the_contact_marks_the_reminder_done_at_once(
    client: TestClient, session: Session, workspace: Workspace
):
    """No wait for the routines' next run: the web form, the API and the CLI all settle it."""
    friend = _friend(session, workspace.id)
    client.post("/playbooks/run", headers=HTMX)
    reminder = session.scalars(select(Task)).one()
    assert reminder.status is TaskStatus.OPEN and reminder.person_id == friend.id
    logged = client.post(
        "/api/v1/interactions",
        json={"kind": "call", "occurred_at": "2026-11-24T10:00:00+00:00",
              "participants": [{"person_id": friend.id}]},
    )  # fmt: skip
    assert logged.status_code == 201
    session.expire_all()
    assert session.get(Task, reminder.id).status is TaskStatus.DONE


def test_the_dashboard_card_runs_the_routines_once(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    dashboard = client.get("/")
    assert 'hx-post="/playbooks/run"' in dashboard.text and 'hx-trigger="load"' in dashboard.text
    card = client.post("/playbooks/run", headers=HTMX)
    assert card.status_code == 200
    assert "1 new task (1 from keep-in-touch)." in card.text
    assert f'<a href="/people/{friend.id}">Ana Ruiz</a>' in card.text
    again = client.post("/playbooks/run", headers=HTMX)
    assert "new task" not in again.text
    assert session.scalar(select(func.count()).select_from(Task)) == 1
    plain = client.post("/playbooks/run", follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == "/playbooks"


def test_the_digest_and_the_hub_render_the_week(
    client: TestClient, session: Session, workspace: Workspace
):
    _friend(session, workspace.id)
    f.task(session, workspace.id, "Call the recruiter", due_date=date(2026, 11, 20))
    digest = client.get("/keep-in-touch/digest")
    assert digest.status_code == 200
    assert "The week of 23 Nov 2026 to 29 Nov 2026" in digest.text
    assert "Call the recruiter" in digest.text and "Ana Ruiz" in digest.text
    hub = client.get("/playbooks")
    assert hub.status_code == 200
    for href in ("/referrals", "/references", "/keep-in-touch", "/leads", "/messages", "/progress"):
        assert f'href="{href}"' in hub.text


def test_progress_counts_interviews_and_offers_per_route(
    client: TestClient, session: Session, workspace: Workspace
):
    referred = f.opportunity(session, workspace.id, route="referral", stage="offer")
    f.opportunity(session, workspace.id, organization_name="Blind Co", route="blind")
    f.interaction(session, workspace.id, kind="interview", opportunity_id=referred.id)
    page = client.get("/progress")
    assert page.status_code == 200
    row = page.text[page.text.index('data-route="referral"') :]
    row = row[: row.index("</tr>")]
    cells = [c.split("</td>")[0].split("</span>")[-1].strip() for c in row.split("<td>")[1:]]
    assert cells == ["1", "1", "1", "1"]
    assert 'data-route="blind"' in page.text


def test_progress_and_the_dashboard_agree_on_blind_applications(
    client: TestClient, session: Session, workspace: Workspace
):
    # Created with "How it reached you: Not recorded", then moved to Applied.
    created = client.post(
        "/api/v1/opportunities",
        json={"organization_name": "Northwind Traders", "role_title": "Data Analyst"},
    )
    assert created.status_code == 201
    opportunity_id = created.json()["id"]
    moved = client.post(f"/api/v1/opportunities/{opportunity_id}/stage", json={"stage": "applied"})
    assert "a blind application" in moved.json()["warning"]["message"]
    dashboard = client.get("/")
    assert '<p class="stat" id="blind-count">1</p>' in dashboard.text
    page = client.get("/progress").text
    row = page[page.index('data-route="blind"') :]
    row = row[: row.index("</tr>")]
    assert row.split("<td>")[1].split("</td>")[0].split("</span>")[-1].strip() == "1"
    assert 'data-route="none"' not in page
    assert (
        "Blind applications: <strong>1</strong>, an application that went in with no "
        "introduction or referral on record." in page
    )
    api = client.get("/api/v1/progress").json()
    assert api["blind_applications"] == 1
    assert {r["route"]: r["opportunities"] for r in api["routes"]}["blind"] == 1
    assert None not in {r["route"] for r in api["routes"]}


def test_the_person_form_keeps_a_keep_in_touch_rhythm_as_a_number(
    client: TestClient, session: Session, workspace: Workspace
):
    person = f.person(session, workspace.id, "Ada Lovelace")
    form = client.get(f"/people/{person.id}/edit")
    assert 'name="keep_in_touch_days"' in form.text
    bad = client.post(
        f"/people/{person.id}", data={"display_name": "Ada Lovelace", "keep_in_touch_days": "soon"}
    )
    assert bad.status_code == 422
    assert "Give a whole number of days" in bad.text
    session.expire_all()
    assert session.get(Person, person.id).keep_in_touch_days is None  # type: ignore[union-attr]
    good = client.post(
        f"/people/{person.id}",
        data={"display_name": "Ada Lovelace", "keep_in_touch_days": " 45 "},
        follow_redirects=False,
    )
    assert good.status_code == 303
    session.expire_all()
    assert session.get(Person, person.id).keep_in_touch_days == 45  # type: ignore[union-attr]
    page = client.get(f"/people/{person.id}")
    assert "every <strong>45 days</strong>" in page.text
    assert 'value="45"' in client.get(f"/people/{person.id}/edit").text


def test_the_person_page_shows_the_favour_ledger(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    f.interaction(
        session,
        workspace.id,
        kind="favour_received",
        summary="Read my case study",
        participants=[{"person_id": friend.id}],
    )
    page = client.get(f"/people/{friend.id}")
    assert "Favours you did Ana Ruiz: <strong>0</strong>" in page.text
    assert "favours they did you: <strong>1</strong>" in page.text
    assert "Read my case study" in page.text and "You owe them one" in page.text


def test_a_playbook_task_shows_its_origin_links_and_its_draft(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    client.post(f"/api/v1/opportunities/{search.opportunity.id}/stage", json={"stage": "rejected"})
    task = session.scalars(
        select(Task).where(Task.origin == "rejection:thank", Task.person_id == search.manager.id)
    ).one()
    listing = client.get("/tasks")
    row = listing.text[listing.text.index(f'id="task-{task.id}"') :]
    assert "Rejection playbook: thank" in row[: row.index("</tr>")]
    page = client.get(f"/tasks/{task.id}")
    assert page.status_code == 200
    assert "Rejection playbook: thank" in page.text
    assert f'href="/people/{search.manager.id}"' in page.text
    assert f'href="/opportunities/{search.opportunity.id}"' in page.text
    assert 'value="Thank you for the Senior PM conversations"' in page.text
    assert (
        "mailto:morgan@larkspur.example?subject=Thank%20you%20for%20the%20Senior%20PM" in page.text
    )
    assert 'action="/messages/eml"' in page.text
    assert "data-copy=" in page.text


def test_a_reminder_done_on_the_tasks_page_logs_the_contact_and_says_so(
    client: TestClient, session: Session, workspace: Workspace
):
    from goodword.playbooks import cadence

    friend = _friend(session, workspace.id)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime(2026, 8, 1, 10, tzinfo=UTC),
        participants=[{"person_id": friend.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=date(2026, 11, 25)).tasks
    response = client.post(f"/tasks/{task.id}/status", data={"status": "done"})
    assert response.status_code == 200
    assert "your contact with Ana Ruiz is logged today" in response.text
    page = client.get("/keep-in-touch")
    assert f'id="due-{friend.id}"' not in page.text


def _reminder(session: Session, ws: int) -> tuple[Person, Task]:
    from goodword.playbooks import cadence

    friend = _friend(session, ws)
    f.interaction(
        session,
        ws,
        kind="call",
        occurred_at=datetime(2026, 8, 1, 10, tzinfo=UTC),
        participants=[{"person_id": friend.id}],
    )
    [task] = cadence.remind(session, workspace_id=ws, today=date(2026, 11, 25)).tasks
    return friend, task


def _interactions(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Interaction)) or 0


def test_a_reminder_reopened_on_the_tasks_page_takes_back_the_contact_it_logged(
    client: TestClient, session: Session, workspace: Workspace
):
    friend, task = _reminder(session, workspace.id)
    client.post(f"/tasks/{task.id}/status", data={"status": "done"})
    assert _interactions(session) == 2

    response = client.post(f"/tasks/{task.id}/status", data={"status": "open"})

    assert response.status_code == 200
    assert "the contact with Ana Ruiz it logged is taken back" in response.text
    assert _interactions(session) == 1
    assert session.get(Task, task.id).interaction_id is None
    assert f'id="due-{friend.id}"' in client.get("/keep-in-touch").text


def test_with_htmx_the_row_says_the_contact_is_logged_and_then_taken_back(
    client: TestClient, session: Session, workspace: Workspace
):
    friend, task = _reminder(session, workspace.id)

    done = client.post(f"/tasks/{task.id}/status", data={"status": "done"}, headers=HTMX)

    assert done.status_code == 200
    assert done.text.lstrip().startswith(f'<tr id="task-{task.id}"')
    assert "your contact with Ana Ruiz is logged today" in done.text
    assert _interactions(session) == 2
    reopened = client.post(f"/tasks/{task.id}/status", data={"status": "open"}, headers=HTMX)
    assert "the contact with Ana Ruiz it logged is taken back" in reopened.text
    assert _interactions(session) == 1
    assert f'id="due-{friend.id}"' in client.get("/keep-in-touch").text
    # A plain task's row says nothing more than its new status.
    plain = f.task(session, workspace.id, "Write to Bo")
    row = client.post(f"/tasks/{plain.id}/status", data={"status": "done"}, headers=HTMX)
    assert 'role="status"' not in row.text


def test_a_reminder_reopened_through_the_api_takes_back_the_contact_it_logged(
    client: TestClient, session: Session, workspace: Workspace
):
    _, task = _reminder(session, workspace.id)
    done = client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "done"}).json()
    logged = done["interaction_id"]
    assert logged is not None
    assert client.get(f"/api/v1/interactions/{logged}").status_code == 200

    reopened = client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "open"})

    assert reopened.status_code == 200
    assert reopened.json()["interaction_id"] is None
    assert client.get(f"/api/v1/interactions/{logged}").status_code == 404
    assert _interactions(session) == 1
    due = client.get("/api/v1/keep-in-touch").json()
    assert [item["name"] for item in due["items"]] == ["Ana Ruiz"]


def test_a_last_contact_an_import_brought_late_says_when_not_how_overdue(
    client: TestClient, session: Session, workspace: Workspace
):
    """A message from March 2024 in an archive imported today: due, in words that say when
    you were last in touch, not "600 days overdue" on the first day."""
    friend = _friend(session, workspace.id)
    message = f.interaction(
        session, workspace.id, kind="message", direction="outbound",
        occurred_at=datetime(2024, 3, 4, 10, tzinfo=UTC), participants=[{"person_id": friend.id}],
    )  # fmt: skip
    message.external_id = "linkedin-message:c-1:x"
    message.created_at = datetime(2026, 11, 25, 8, tzinfo=UTC)
    session.flush()
    page = client.get("/keep-in-touch").text
    assert f'id="due-{friend.id}"' in page
    assert "Due</strong>: last in touch March 2024" in page and "overdue" not in page
    [item] = client.get("/api/v1/keep-in-touch").json()["items"]
    assert (item["due_on"], item["days_overdue"], item["imported_on"]) == (
        "2026-11-25", 0, "2026-11-25",
    )  # fmt: skip
    card = client.post("/playbooks/run", headers=HTMX).text
    assert "last in touch March 2024" in card and "overdue" not in card


def test_a_note_goes_to_their_own_address_and_the_draft_box_says_why(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    friend.emails[0].label = "work"
    friend.emails.append(PersonEmail(workspace_id=workspace.id, address="ana@home.example"))
    friend.emails[1].label = "home"
    session.flush()
    why = "To ana@home.example, of their 2 addresses: labelled home."
    page = client.get("/keep-in-touch")
    box = page.text.split(f'id="due-{friend.id}"')[1]
    assert "Ana Ruiz &lt;ana@home.example&gt;" in box
    assert f'<p class="small to-why">{why}</p>' in box
    drafts = client.get(
        "/api/v1/messages/keep_in_touch/drafts", params={"person_id": friend.id}
    ).json()["drafts"]
    assert (drafts[0]["to"], drafts[0]["to_why"]) == (["ana@home.example"], why)


def test_a_tasks_draft_goes_to_their_own_address_and_says_why(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    friend.emails[0].label = "work"
    friend.emails.append(PersonEmail(workspace_id=workspace.id, address="ana@mail.example"))
    session.flush()
    task = f.task(
        session, workspace.id, "Write to Ana", person_id=friend.id,
        notes=f"{DRAFT_MARKER}\n\nSubject: Catching up\n\nHi Ana",
    )  # fmt: skip
    page = client.get(f"/tasks/{task.id}")
    assert page.status_code == 200
    assert "Ana Ruiz &lt;ana@mail.example&gt;" in page.text
    why = "To ana@mail.example, of their 2 addresses: not a work address."
    assert f'<p class="small to-why">{why}</p>' in page.text
    assert '<input type="hidden" name="to" value="ana@mail.example">' in page.text


def test_the_due_list_and_a_tasks_page_say_why_a_draft_has_no_from(
    client: TestClient, session: Session, workspace: Workspace
):
    friend = _friend(session, workspace.id)
    me = session.scalars(select(Person).where(Person.is_me)).one()
    me.emails.append(PersonEmail(workspace_id=workspace.id, address="sam@pinecrest.example"))
    me.emails[0].label = "work"
    session.flush()
    task = f.task(
        session, workspace.id, "Write to Ana", person_id=friend.id,
        notes=f"{DRAFT_MARKER}\n\nSubject: Catching up\n\nHi Ana",
    )  # fmt: skip
    note = '<p class="small warning eml-from">The .eml file has no From:'
    assert note in client.get("/keep-in-touch").text
    assert note in client.get(f"/tasks/{task.id}").text


def test_the_digest_does_not_say_nothing_is_overdue_under_catch_ups_past_their_date(
    client: TestClient, session: Session, workspace: Workspace
):
    _friend(session, workspace.id)  # (a friend since January, never contacted: long due)
    page = client.get("/keep-in-touch/digest").text
    assert "Ana Ruiz" in page
    assert "Nothing overdue." not in page
    assert "No task is overdue; 1 catch-up above is past its date." in page
    assert "was due" in page[page.index("dg-kit") : page.index("dg-asks")]
