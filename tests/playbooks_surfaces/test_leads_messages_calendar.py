"""Leads passed on, the message library with its downloads, and the calendar feed."""

from __future__ import annotations

import re
from datetime import date
from email import message_from_bytes, policy

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.leads.models import Lead, LeadKind, LeadShare, ShareStatus
from goodword.playbooks import calendar as feeds
from goodword.playbooks.models import MessageTemplate
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


def test_a_lead_finds_the_people_it_fits_with_reasons_and_notes(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    fan = f.person(
        session,
        workspace.id,
        "Ana Ruiz",
        given_name="Ana",
        interests=["pricing"],
        emails=["ana@example.org"],
    )
    f.person(session, workspace.id, "Bo Zhou", interests=["gardening"])
    response = client.post(
        "/leads",
        data={
            "kind": "event",
            "title": "Pricing meetup",
            "tags": "pricing, saas",
            "happens_on": "2026-12-10",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    lead = session.scalars(select(Lead)).one()
    page = client.get(response.headers["location"])
    assert "Lead saved. It fits 1 person." in page.text
    assert "Ana Ruiz" in page.text and "Bo Zhou" not in page.text
    assert "Why:" in page.text and "pricing" in page.text
    assert "Thought of you: Pricing meetup" in page.text
    assert "mailto:ana@example.org?subject=" in page.text
    share = session.scalars(select(LeadShare)).one()
    assert share.person_id == fan.id and share.lead_id == lead.id
    sent = client.post(f"/leads/shares/{share.id}", data={"status": "sent"}, follow_redirects=False)
    assert sent.status_code == 303
    session.expire_all()
    share = session.scalars(select(LeadShare)).one()
    assert share.status is ShareStatus.SENT and share.sent_on == date(2026, 11, 25)
    assert "Noted: passed on to Ana Ruiz." in client.get(f"/leads/{lead.id}").text


def test_a_lead_without_a_title_is_refused_inline_and_nothing_is_saved(
    client: TestClient, session: Session, workspace: Workspace
):
    response = client.post("/leads", data={"kind": "event", "title": "  "})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert session.scalar(select(func.count()).select_from(Lead)) == 0


def test_the_library_lists_every_message_and_keeps_your_version(
    client: TestClient, session: Session, workspace: Workspace
):
    page = client.get("/messages")
    assert page.status_code == 200
    assert page.text.count('<tr id="message-') == 12
    saved = client.post(
        "/messages/keep_in_touch",
        data={"subject": "Long time, {first_name}", "body": "Hi {first_name}, coffee soon?"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    own = client.get("/messages/keep_in_touch")
    assert "your version" in own.text
    assert "Long time, Morgan" in own.text
    reset = client.post("/messages/keep_in_touch/reset", follow_redirects=False)
    assert reset.status_code == 303
    assert session.scalar(select(func.count()).select_from(MessageTemplate)) == 0
    assert "your version" not in client.get("/messages/keep_in_touch").text


def test_an_unknown_placeholder_is_refused_and_nothing_is_written(
    client: TestClient, session: Session, workspace: Workspace
):
    response = client.post(
        "/messages/keep_in_touch", data={"subject": "Hi {frist_name}", "body": "Hello"}
    )
    assert response.status_code == 422
    assert "{frist_name} is not a placeholder Goodword can fill" in response.text
    assert session.scalar(select(func.count()).select_from(MessageTemplate)) == 0


def test_an_unclosed_placeholder_is_refused_on_the_page_and_through_the_api(
    client: TestClient, session: Session, workspace: Workspace
):
    page = client.post("/messages/keep_in_touch", data={"subject": "Hi", "body": "Bye {first_name"})
    assert page.status_code == 422
    error = page.text.split('<p class="error" id="e-body">')[1].split("</p>")[0]
    assert error.startswith(
        "The “{” in “Bye {first_name” is never closed: write {first_name}, with both braces."
    )
    api = client.put("/api/v1/messages/keep_in_touch", json={"subject": "Hi", "body": "Bye {"})
    assert api.status_code == 422
    [field] = api.json()["error"]["fields"]
    assert field["field"] == "body" and "is never closed" in field["message"]
    assert session.scalar(select(func.count()).select_from(MessageTemplate)) == 0


def test_the_page_lists_only_the_placeholders_this_message_can_use(client: TestClient):
    page = client.get("/messages/thank_and_release").text
    listed = page.split('id="placeholders"')[1].split("</dl>")[0]
    assert re.findall(r"<code>\{(\w+)\}</code>", listed) == [
        "first_name", "full_name", "my_name", "organization", "role",
    ]  # fmt: skip
    assert "{favour}" not in page and "{companies}" not in page
    assert 'id="unfillable"' not in page


def test_a_placeholder_the_message_never_gets_is_refused_and_the_text_kept(
    client: TestClient, session: Session, workspace: Workspace
):
    body = "Thank you for {favour}, {first_name}."
    response = client.post(
        "/messages/thank_and_release", data={"subject": "Thanks, {first_name}", "body": body}
    )
    assert response.status_code == 422
    error = response.text.split('<p class="error" id="e-body">')[1].split("</p>")[0]
    assert error == (
        "Goodword has nothing to fill {favour} with in this message, so it would stay in "
        "braces. This message can use {first_name}, {full_name}, {my_name}, {organization} "
        "and {role}."
    )
    assert (
        f'aria-invalid="true" aria-describedby="e-body h-body">{body}</textarea>' in response.text
    )
    assert 'value="Thanks, {first_name}"' in response.text
    assert session.scalar(select(func.count()).select_from(MessageTemplate)) == 0
    preview = client.post(
        "/messages/thank_and_release/preview",
        data={"subject": "Thanks", "body": body},
        headers=HTMX,
    )
    assert preview.status_code == 422
    assert "cannot preview" in preview.text and "{favour}" in preview.text


def test_a_version_saved_before_the_check_still_shows_and_points_out_the_gap(
    client: TestClient, session: Session, workspace: Workspace
):
    session.add(
        MessageTemplate(
            workspace_id=workspace.id,
            key="thank_and_release",
            subject="Thanks, {first_name}",
            body="Thank you for {favour}.",
        )
    )
    session.flush()
    page = client.get("/messages/thank_and_release")
    assert page.status_code == 200
    notice = page.text.split('id="unfillable"')[1].split("</p>")[0]
    assert "<code>{favour}</code>" in notice and "leaves it in braces" in notice
    # The preview agrees with the drafts: the gap shows as one to fill.
    assert "Fill in before sending: the favour they did you." in page.text
    assert "Thanks, Morgan" in page.text


def test_the_preview_is_an_htmx_fragment_filled_with_sample_values(client: TestClient):
    response = client.post(
        "/messages/favour_thanks/preview",
        data={"subject": "Thanks, {first_name}", "body": "You did {favour}."},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="message-preview"')
    assert "Thanks, Morgan" in response.text
    assert "You did reading my case study so closely." in response.text
    bad = client.post(
        "/messages/favour_thanks/preview", data={"subject": "", "body": "x"}, headers=HTMX
    )
    assert bad.status_code == 422 and "cannot preview" in bad.text
    assert client.get("/messages/no_such_message").status_code == 404


def test_a_draft_downloads_as_an_eml_that_parses_back(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True, emails=["sam@example.org"])
    response = client.post(
        "/messages/eml",
        data={
            "key": "courtesy_ask",
            "subject": "A professional courtesy",
            "body": "Hi Morgan,\r\n\r\nWould you recommend me?\r\n\r\nSam",
            "to": "morgan@larkspur.example",
            "to_name": "Morgan Reyes",
        },
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("message/rfc822")
    assert 'filename="courtesy_ask.eml"' in response.headers["content-disposition"]
    message = message_from_bytes(response.content, policy=policy.default)
    assert message["Subject"] == "A professional courtesy"
    assert message["To"] == "Morgan Reyes <morgan@larkspur.example>"
    assert message["From"] == "Sam Carter <sam@example.org>"
    assert message["X-Unsent"] == "1"
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert "Would you recommend me?" in body
    empty = client.post("/messages/eml", data={"subject": "", "body": ""})
    assert empty.status_code == 422


def test_the_calendar_feed_turns_on_serves_ics_rotates_and_turns_off(
    client: TestClient, session: Session, workspace: Workspace
):
    f.task(session, workspace.id, "Call Ada", due_date=date(2026, 11, 27))
    assert "The feed is off" in client.get("/calendar").text
    assert client.post("/calendar/feed", data={"action": "on"}).status_code == 200
    session.expire_all()
    token = session.get(Workspace, workspace.id).calendar_token  # type: ignore[union-attr]
    assert token
    page = client.get("/calendar")
    assert f"/calendar/{token}.ics" in page.text
    feed = client.get(f"/calendar/{token}.ics")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Call Ada"]
    assert events[0].decoded("dtstart") == date(2026, 11, 27)
    assert client.get("/calendar/not-the-token.ics").status_code == 404
    client.post("/calendar/feed", data={"action": "rotate"})
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    client.post("/calendar/feed", data={"action": "off"})
    session.expire_all()
    assert session.get(Workspace, workspace.id).calendar_token is None  # type: ignore[union-attr]
    assert client.post("/calendar/feed", data={"action": "explode"}).status_code == 422


@pytest.mark.parametrize("feed_on", [False, True])
@pytest.mark.parametrize("action", ["explode", ""])
def test_an_unknown_feed_action_comes_back_beside_the_feeds_buttons_and_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace, feed_on: bool, action: str
):
    if feed_on:
        feeds.enable_feed(session, workspace_id=workspace.id)
        session.commit()
    session.expire_all()
    token = session.get(Workspace, workspace.id).calendar_token  # type: ignore[union-attr]
    response = client.post("/calendar/feed", data={"action": action}, follow_redirects=False)
    assert response.status_code == 422
    page = response.text
    assert "<h1>Calendar</h1>" in page
    assert 'class="problems"' not in page  # (not the error page)
    assert '<fieldset id="f-action" class="field has-error"' in page
    assert "<legend>The feed</legend>" in page
    said = "Choose to turn the feed on, give it a new address, or turn it off."
    summary = re.search(r'<div class="form-errors".*?</div>', page, re.S)
    assert summary and "Nothing was changed:" in summary.group(0)
    assert re.findall(r"<li>(.*?)</li>", summary.group(0), re.S) == [
        f'<a href="#f-action">The feed</a>: {said}'
    ]
    assert f'<p class="error" id="e-action">{said}</p>' in page
    # The page shows the feed as it was, with its buttons.
    if feed_on:
        assert f"/calendar/{token}.ics" in page
        assert 'name="action" value="rotate"' in page
    else:
        assert "The feed is off" in page
        assert 'name="action" value="on"' in page
    session.expire_all()
    assert session.get(Workspace, workspace.id).calendar_token == token  # type: ignore[union-attr]


def test_the_download_is_an_ics_file_of_open_tasks(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
):
    f.task(session, workspace.id, "Call Ada", due_date=date(2026, 11, 27))
    f.task(session, other_workspace.id, "Their task", due_date=date(2026, 11, 27))
    response = client.get("/calendar/download.ics")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Call Ada"]
    theirs = feeds.enable_feed(session, workspace_id=other_workspace.id)
    their_feed = client.get(f"/calendar/{theirs}.ics")
    assert [str(e["summary"]) for e in Calendar.from_ical(their_feed.content).walk("VEVENT")] == [
        "Their task"
    ]


def test_lead_pages_of_another_workspace_are_not_found(
    client: TestClient, session: Session, other_workspace: Workspace, workspace: Workspace
):
    from goodword.leads import service as leads
    from goodword.leads.schemas import LeadCreate

    lead = leads.create(
        session, workspace_id=other_workspace.id, data=LeadCreate(kind="lead", title="Theirs")
    )
    person = f.person(session, other_workspace.id, "Their Person")
    share, _ = leads.record_suggestion(
        session, workspace_id=other_workspace.id, lead_id=lead.id, person_id=person.id, reason=None
    )
    assert client.get(f"/leads/{lead.id}").status_code == 404
    assert client.get(f"/leads/{lead.id}/edit").status_code == 404
    assert client.post(f"/leads/{lead.id}/suggest").status_code == 404
    assert client.post(f"/leads/{lead.id}/delete").status_code == 404
    assert client.post(f"/leads/shares/{share.id}", data={"status": "sent"}).status_code == 404
    assert "Theirs" not in client.get("/leads").text


def _lead_for_ana(client: TestClient, session: Session, workspace: Workspace) -> LeadShare:
    f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    f.person(session, workspace.id, "Ana Ruiz", given_name="Ana", interests=["pricing"])
    client.post("/leads", data={"kind": "article", "title": "On pricing", "tags": "pricing"})
    return session.scalars(select(LeadShare)).one()


def test_marking_a_lead_sent_finishes_its_task_and_takes_it_off_today(
    client: TestClient, session: Session, workspace: Workspace
):
    share = _lead_for_ana(client, session, workspace)
    task_title = "Pass “On pricing” on to Ana Ruiz"
    assert task_title in client.get("/").text
    client.post(f"/leads/shares/{share.id}", data={"status": "sent"})
    session.expire_all()
    task = session.scalars(select(Task)).one()
    assert task.title == task_title and task.status is TaskStatus.DONE
    assert task_title not in client.get("/").text


def test_skipping_a_lead_through_the_api_dismisses_its_task(
    client: TestClient, session: Session, workspace: Workspace
):
    share = _lead_for_ana(client, session, workspace)
    marked = client.post(f"/api/v1/lead-shares/{share.id}", json={"status": "skipped"})
    assert marked.status_code == 200
    session.expire_all()
    assert session.scalars(select(Task)).one().status is TaskStatus.DISMISSED


def test_an_event_on_a_day_gone_by_is_refused_and_nothing_is_drafted(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Ana Ruiz", interests=["pricing"])
    page = client.post(
        "/leads",
        data={"kind": "event", "title": "Pricing meetup", "tags": "pricing",
              "happens_on": "2020-01-01"},
    )  # fmt: skip
    assert page.status_code == 422
    assert (
        '<p class="error" id="e-happens_on">This day has passed: give the day the event happens, '
        "or choose another kind.</p>"
    ) in page.text
    assert session.scalar(select(func.count()).select_from(Lead)) == 0
    assert session.scalar(select(func.count()).select_from(Task)) == 0
    api = client.post(
        "/api/v1/leads", json={"kind": "event", "title": "Meetup", "happens_on": "2026-11-24"}
    )
    assert api.status_code == 422
    assert api.json()["error"]["message"].startswith("That event was on 24 Nov 2026, which has")
    assert api.json()["error"]["fields"][0]["field"] == "happens_on"
    # Today is still to come; an article's day is the day it came out, past as a rule.
    assert (
        client.post(
            "/api/v1/leads", json={"kind": "event", "title": "Meetup", "happens_on": "2026-11-25"}
        ).status_code
        == 201
    )
    assert (
        client.post(
            "/api/v1/leads", json={"kind": "article", "title": "Essay", "happens_on": "2020-01-01"}
        ).status_code
        == 201
    )


def test_an_event_whose_day_has_gone_by_can_still_be_edited(
    client: TestClient, session: Session, workspace: Workspace
):
    lead = Lead(
        workspace_id=workspace.id, kind=LeadKind.EVENT, title="Meetup", happens_on=date(2026, 11, 1)
    )
    session.add(lead)
    session.flush()
    kept = {"kind": "event", "title": "Pricing meetup", "happens_on": "2026-11-01"}
    assert client.post(f"/leads/{lead.id}", data=kept, follow_redirects=False).status_code == 303
    moved = kept | {"happens_on": "2026-10-01"}
    assert client.post(f"/leads/{lead.id}", data=moved).status_code == 422


def _robin(session: Session, ws: int, *emails: str) -> None:
    """Robin works at Quillstone now (its domain recorded) and worked at Brightwater before."""
    from goodword.people import service as people
    from goodword.people.schemas import PositionCreate

    f.organization(session, ws, "Quillstone Software", domains=["quillstonesoftware.example"])
    f.organization(session, ws, "Brightwater Analytics", domains=["brightwater.example"])
    robin = f.person(session, ws, "Robin Castillo", is_me=True, emails=list(emails))
    people.add_position(
        session,
        workspace_id=ws,
        person_id=robin.id,
        data=PositionCreate(
            organization_name="Brightwater Analytics",
            start_date=date(2019, 1, 1),
            end_date=date(2023, 1, 1),
        ),
    )
    people.add_position(
        session,
        workspace_id=ws,
        person_id=robin.id,
        data=PositionCreate(organization_name="Quillstone Software", start_date=date(2023, 2, 1)),
    )


def _eml_from(client: TestClient) -> str | None:
    response = client.post("/messages/eml", data={"subject": "Hello", "body": "Hi Morgan"})
    assert response.status_code == 200
    return message_from_bytes(response.content, policy=policy.default)["From"]


def test_a_draft_is_from_the_users_own_address_not_their_current_employers(
    client: TestClient, session: Session, workspace: Workspace
):
    _robin(
        session,
        workspace.id,
        "robin.castillo@quillstonesoftware.example",
        "robin@mail.quillstonesoftware.example",
        "robin@brightwater.example",  # a former employer's: it may no longer work
        "robin.castillo@mail.example",
    )
    assert _eml_from(client) == "Robin Castillo <robin.castillo@mail.example>"
    page = client.get("/messages/keep_in_touch")
    assert page.status_code == 200 and 'class="small warning eml-from"' not in page.text


def test_a_draft_with_only_work_addresses_has_no_from_and_the_page_says_why(
    client: TestClient, session: Session, workspace: Workspace
):
    _robin(session, workspace.id, "robin.castillo@QuillstoneSoftware.example")
    assert _eml_from(client) is None
    page = client.get("/messages/keep_in_touch")
    note = page.text.split('class="small warning eml-from">')[1].split("</p>")[0]
    assert note == (
        "The .eml file has no From: every e-mail address of yours recorded is at Quillstone "
        "Software, where you work now, so your mail program picks. Send it from your own "
        "address: a job search noticed at work can cost you the job."
    )


def test_a_lead_passed_on_is_a_favour_given_in_the_ledger(
    client: TestClient, session: Session, workspace: Workspace
):
    share = _lead_for_ana(client, session, workspace)
    ana = share.person_id
    f.interaction(
        session,
        workspace.id,
        kind="favour_received",
        summary="Read my case study",
        participants=[{"person_id": ana}],
    )
    session.commit()
    before = client.get(f"/people/{ana}")
    assert "favours they did you: <strong>1</strong>" in before.text
    assert "You owe them one" in before.text
    assert client.get(f"/api/v1/people/{ana}/favours").json()["given"] == 0
    owed = client.get("/api/v1/keep-in-touch/digest").json()["owe_favours"]
    assert [b["name"] for b in owed] == ["Ana Ruiz"]
    client.post(f"/leads/shares/{share.id}", data={"status": "sent"})
    page = client.get(f"/people/{ana}")
    assert "Favours you did Ana Ruiz: <strong>1</strong>" in page.text
    assert "You owe them one" not in page.text
    assert (
        f'<li>Passed on a lead: <a href="/leads/{share.lead_id}">On pricing</a>\n'
        '      <span class="muted small">25 Nov 2026</span></li>'
    ) in page.text
    ledger = client.get(f"/api/v1/people/{ana}/favours").json()
    assert (ledger["given"], ledger["received"], ledger["balance"]) == (1, 1, 0)
    assert ledger["entries"][0] == {
        "interaction_id": None,
        "lead_id": share.lead_id,
        "kind": "lead_passed_on",
        "on": "2026-11-25",
        "summary": "On pricing",
    }
    # The weekly digest (the API's, and goodword keep-in-touch --digest) owes her none now.
    assert client.get("/api/v1/keep-in-touch/digest").json()["owe_favours"] == []
