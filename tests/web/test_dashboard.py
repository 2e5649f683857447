"""The dashboard, and the first-run page an empty workspace shows instead."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword import clock
from goodword.interactions import service as interactions
from goodword.interactions.models import InteractionKind
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Route, Stage
from goodword.opportunities.schemas import OpportunityCreate
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate
from goodword.workspaces.models import Workspace

TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _person(session: Session, workspace: Workspace, name: str, **fields: object) -> Person:
    return people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name=name, **fields)
    )


def test_an_empty_workspace_shows_the_first_run_page(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Welcome to Goodword" in response.text
    assert '<form method="post" action="/demo">' in response.text
    assert "Load the demo network" in response.text
    assert 'href="/people/new"' in response.text
    assert 'action="/me"' in response.text
    assert "Opportunities by stage" not in response.text


def test_another_workspace_s_records_do_not_end_the_first_run(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    _person(session, other_workspace, "Charlie Only")
    response = client.get("/")
    assert "Welcome to Goodword" in response.text
    assert "Charlie Only" not in response.text


def test_adding_yourself_creates_the_me_person_and_ends_the_first_run(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post("/me", data={"display_name": "  Alice Green "})
    assert response.status_code == 200
    me = people.get_me(session, workspace_id=workspace.id)
    assert me is not None
    assert me.display_name == "Alice Green"
    assert str(response.url).endswith(f"/people/{me.id}")
    assert "Welcome, Alice Green." in response.text
    assert "Welcome to Goodword" not in client.get("/").text


def test_adding_yourself_without_a_name_shows_the_error_and_writes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post("/me", data={"display_name": "   "})
    assert response.status_code == 422
    assert 'class="error" id="e-display_name"' in response.text
    # The welcome form has one name field: nothing about given or family names.
    assert '<p class="error" id="e-display_name">Fill this in.</p>' in response.text
    assert "family name" not in response.text
    assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_the_dashboard_counts_opportunities_by_stage_and_links_to_each(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for stage in (Stage.APPLIED, Stage.APPLIED, Stage.INTERVIEWING):
        opportunities.create(
            session,
            workspace_id=workspace.id,
            data=OpportunityCreate(organization_name="Acme", role_title="Engineer", stage=stage),
        )
    opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(organization_name="Globex", role_title="Analyst", route=Route.BLIND),
    )
    text = client.get("/").text
    assert '<a href="/opportunities?stage=applied">Applied</a> <span class="count">2</span>' in text
    assert (
        '<a href="/opportunities?stage=interviewing">Interviewing</a> <span class="count">1</span>'
        in text
    )
    assert '<a href="/opportunities?stage=offer">Offer</a> <span class="count">0</span>' in text
    # Three applications went in with no introduction on record; Globex is only a target.
    assert '<p class="stat" id="blind-count">3</p>' in text


def test_the_dashboard_splits_due_tasks_into_overdue_and_today(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Bob Brown")
    for title, due in [
        ("Call Bob back", TODAY - timedelta(days=2)),
        ("Send the thank-you note", TODAY),
        ("Prepare for the panel", TODAY + timedelta(days=1)),
    ]:
        tasks.create(session, workspace_id=workspace.id, data=TaskCreate(title=title, due_date=due))
    text = client.get("/").text
    overdue = text.split('id="tasks-overdue"')[1].split("</ul>")[0]
    today = text.split('id="tasks-today"')[1].split("</ul>")[0]
    assert "Call Bob back" in overdue and "Send the thank-you note" not in overdue
    assert "Send the thank-you note" in today and "Call Bob back" not in today
    coming = text.split('id="tasks-coming"')[1].split("</ul>")[0]
    assert "Prepare for the panel" in coming
    assert "Prepare for the panel" not in overdue + today


def test_the_dashboard_uses_the_clock_for_today(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _person(session, workspace, "Bob Brown")
    tasks.create(
        session,
        workspace_id=workspace.id,
        data=TaskCreate(title="Follow up", due_date=TODAY + timedelta(days=5)),
    )
    assert 'id="tasks-today"' not in client.get("/").text
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=5))
    today = client.get("/").text.split('id="tasks-today"')[1].split("</ul>")[0]
    assert "Follow up" in today


def test_the_dashboard_shows_the_ten_latest_interactions(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    for day in range(12):
        interactions.create(
            session,
            workspace_id=workspace.id,
            data=InteractionCreate(
                occurred_at=start + timedelta(days=day),
                kind=InteractionKind.CALL,
                summary=f"Conversation number {day:02d}",
                participants=[ParticipantIn(person_id=bob.id)],
            ),
        )
    text = client.get("/").text
    recent = text.split('id="recent-interactions"')[1].split("</ul>")[0]
    assert recent.count("<li>") == 10
    assert "Conversation number 11" in recent
    assert "Conversation number 01" not in recent
    assert f'<a href="/people/{bob.id}">Bob Brown</a>' in recent


def test_the_dashboards_recent_messages_say_who_wrote_them(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    for direction in ("outbound", "inbound"):
        interactions.create(
            session,
            workspace_id=workspace.id,
            data=InteractionCreate(
                occurred_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
                kind=InteractionKind.MESSAGE,
                direction=direction,
                participants=[ParticipantIn(person_id=bob.id)],
            ),
        )
    recent = client.get("/").text.split('id="recent-interactions"')[1].split("</ul>")[0]
    assert re.search(r">Message</a>, from you\s", recent)
    assert re.search(r">Message</a>, from Bob Brown\s", recent)


def test_the_demo_is_not_loaded_over_existing_records(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Bob Brown")
    response = client.post("/demo")
    assert response.status_code == 200
    assert "loads only into an empty workspace" in response.text
    assert people.count(session, workspace_id=workspace.id) == 1


def test_a_flash_message_is_shown_once(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Bob Brown")
    assert "loads only into an empty workspace" in client.post("/demo").text
    assert "loads only into an empty workspace" not in client.get("/").text


def test_loading_the_demo_fills_the_workspace_and_shows_the_dashboard(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    response = client.post("/demo")
    assert response.status_code == 200
    assert str(response.url).endswith("/")
    assert "The demo network is loaded:" in response.text
    assert "Opportunities by stage" in response.text
    assert "Welcome to Goodword" not in response.text
    count = people.count(session, workspace_id=workspace.id)
    assert count > 100
    assert f"{count} people" in response.text
    assert people.get_me(session, workspace_id=workspace.id) is not None
    assert people.count(session, workspace_id=other_workspace.id) == 0


def test_after_adding_yourself_the_dashboard_still_offers_the_demo_and_import(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    client.post("/me", data={"display_name": "Alice Green"})
    text = client.get("/").text
    offer = text.split('id="get-started"')[1].split("</section>")[0]
    assert '<form method="post" action="/demo">' in offer
    assert "Load the demo network" in offer
    assert 'href="/import"' in offer
    assert "LinkedIn" in offer


def test_the_demo_offer_goes_once_there_are_records_besides_you(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Alice Green", is_me=True)
    tasks.create(session, workspace_id=workspace.id, data=TaskCreate(title="Update my CV"))
    text = client.get("/").text
    assert 'id="get-started"' not in text
    assert 'action="/demo"' not in text
    assert "loads only into an empty workspace" in client.post("/demo").text


def test_the_demo_loads_when_the_only_record_is_you_and_keeps_you(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    client.post("/me", data={"display_name": "Alice Green"})
    me = people.get_me(session, workspace_id=workspace.id)
    assert me is not None
    response = client.post("/demo")
    assert response.status_code == 200
    assert "The demo network is loaded:" in response.text
    assert "You play its job seeker" in response.text
    assert people.count(session, workspace_id=workspace.id) > 100
    session.expire_all()
    mine = people.get_me(session, workspace_id=workspace.id)
    assert mine is not None and mine.id == me.id
    assert mine.display_name == "Alice Green"
    # The story needs a career; the name, and anything else you wrote, stay yours.
    assert any(p.is_current for p in mine.positions)
    assert not mine.emails and not mine.urls
    assert 'id="get-started"' not in client.get("/").text


def test_blind_applications_say_there_are_none_yet_before_any_application(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Alice Green", is_me=True)
    opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(organization_name="Acme", role_title="Engineer"),
    )
    card = client.get("/").text.split('aria-labelledby="blind-heading"')[1].split("</section>")[0]
    assert "No applications yet." in card
    assert "every application had a person behind it" not in card


def test_blind_applications_credit_applications_that_had_someone_behind_them(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(
            organization_name="Acme",
            role_title="Engineer",
            stage=Stage.APPLIED,
            route=Route.REFERRAL,
        ),
    )
    card = client.get("/").text.split('aria-labelledby="blind-heading"')[1].split("</section>")[0]
    assert '<p class="stat" id="blind-count">0</p>' in card
    assert "None so far: every application had a person behind it." in card


def test_the_first_dashboard_after_the_demo_keeps_the_story_s_tasks_in_view(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    client.post("/demo")
    run = client.post("/playbooks/run", headers={"HX-Request": "true"})
    assert run.headers.get("HX-Trigger") == "tasks-changed"
    assert "from keep-in-touch" in run.text
    card = client.get("/dashboard/tasks", headers={"HX-Request": "true"}).text
    coming = card.split('id="tasks-coming"')[1].split("</ul>")[0]
    assert "what tipped the decision" in coming
    assert card.count("Get back in touch with") == 3
    assert re.search(r"And \d+ more keep-in-touch reminders", card)
    assert card.index("what tipped the decision") < card.index("Get back in touch with")


def test_the_blind_applications_card_names_which_and_what_it_counts(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    direct = opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(
            organization_name="Oxbow",
            role_title="Engineer",
            stage=Stage.APPLIED,
            route=Route.DIRECT,
        ),
    )
    card = client.get("/").text.split('aria-labelledby="blind-heading"')[1].split("</section>")[0]
    assert '<p class="stat" id="blind-count">1</p>' in card
    assert f'<a href="/opportunities/{direct.id}">Engineer at Oxbow</a>' in card
    assert "no introduction or referral on record" in card
    assert "nobody carrying" not in card
