"""Moving an opportunity to rejected starts the rejection playbook: board, API, command line."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.opportunities.schemas import OpportunityCreate
from goodword.playbooks import events
from goodword.playbooks.engine import Result
from goodword.referrals.models import ReferralAsk
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
HTMX = {"HX-Request": "true"}


def _tasks(session: Session, ws: int) -> list[Task]:
    session.expire_all()
    return list(
        session.scalars(
            select(Task).where(Task.workspace_id == ws, Task.origin.like("rejection:%"))
        )
    )


def test_after_stage_change_runs_the_rejection_playbook_only_for_rejections(
    session: Session, workspace: Workspace, search: Any
):
    assert (
        events.after_stage_change(
            session, workspace_id=workspace.id, opportunity=search.opportunity, today=TODAY
        )
        is None
    )
    moved = opportunities.move(
        session,
        workspace_id=workspace.id,
        opportunity_id=search.opportunity.id,
        stage=Stage.REJECTED,
    )
    result = events.after_stage_change(
        session, workspace_id=workspace.id, opportunity=moved, today=TODAY
    )
    assert result is not None and result.created == 4
    assert {t.person_id for t in result.tasks} == {search.manager.id, search.engineer.id}
    assert events.describe(result) == "4 follow-up tasks added from the rejection playbook."
    again = events.after_stage_change(
        session, workspace_id=workspace.id, opportunity=moved, today=TODAY
    )
    assert again is not None and again.created == 0
    assert "already there" in events.describe(again)


def test_an_early_rejection_gives_prompts_and_writes_nothing(
    session: Session, workspace: Workspace
):
    opportunity = f.opportunity(session, workspace.id, stage="applied")
    moved = opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, stage=Stage.REJECTED
    )
    result = events.after_stage_change(
        session, workspace_id=workspace.id, opportunity=moved, today=TODAY
    )
    assert result is not None and result.blocked and result.created == 0
    assert result.prompts[0].field == "interview_round"
    assert events.describe(result).startswith("The rejection playbook needs more first.")
    assert _tasks(session, workspace.id) == []


def test_what_a_playbook_needs_first_is_a_sentence_of_its_own_keeping_a_name_capital() -> None:
    result = Result("pass-it-on")
    result.ask("happens_on", "Berlin Tech Night was on 5 Nov 2026: there is no one to invite.")

    assert events.describe(result) == (
        "The pass it on playbook needs more first. "
        "Berlin Tech Night was on 5 Nov 2026: there is no one to invite."
    )


def test_moving_to_rejected_from_the_detail_page_adds_tasks_and_says_so(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    response = client.post(
        f"/opportunities/{search.opportunity.id}/stage",
        data={"stage": "rejected", "return_to": "detail"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{search.opportunity.id}#next-moves"
    page = client.get(response.headers["location"])
    assert "4 follow-up tasks added from the rejection playbook." in page.text
    assert "Tasks from the rejection playbook" in page.text
    assert len(_tasks(session, workspace.id)) == 4


def test_moving_on_the_board_with_htmx_shows_a_note_with_a_link(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    response = client.post(
        f"/opportunities/{search.opportunity.id}/stage", data={"stage": "rejected"}, headers=HTMX
    )
    assert response.status_code == 200
    assert 'id="board"' in response.text
    assert '<div id="board-news" hx-swap-oob="innerHTML">' in response.text
    assert "4 follow-up tasks added from the rejection playbook." in response.text
    assert f'href="/opportunities/{search.opportunity.id}#next-moves"' in response.text
    assert len(_tasks(session, workspace.id)) == 4


def test_a_board_move_that_starts_no_playbook_says_only_the_move(client: TestClient, search: Any):
    response = client.post(
        f"/opportunities/{search.opportunity.id}/stage", data={"stage": "offer"}, headers=HTMX
    )
    assert response.status_code == 200
    news = response.text[response.text.index('<div id="board-news"') :]
    assert "Moved " in news and " to Offer." in news
    assert "playbook" not in news


def test_an_early_rejection_on_the_board_stays_on_the_board_with_the_prompt(
    client: TestClient, session: Session, workspace: Workspace
):
    opportunity = f.opportunity(session, workspace.id, stage="applied")
    response = client.post(
        f"/opportunities/{opportunity.id}/stage", data={"stage": "rejected"}, follow_redirects=False
    )
    assert response.headers["location"] == "/opportunities/board"
    page = client.get("/opportunities/board")
    assert "needs more first" in page.text
    assert 'class="flash warns"' in page.text
    assert _tasks(session, workspace.id) == []


def test_the_api_move_reports_the_playbook_and_keeps_its_fields(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    response = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/stage", json={"stage": "rejected"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["stage"] == "rejected" and body["id"] == search.opportunity.id
    assert body["stage_changes"][-1]["to_stage"] == "rejected"
    assert body["playbook"]["playbook"] == "rejection"
    assert body["playbook"]["created"] == 4
    assert len(body["playbook"]["task_ids"]) == 4
    assert {d["to"][0] for d in body["playbook"]["drafts"] if d["to"]} == {
        "morgan@larkspur.example"
    }
    again = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/stage", json={"stage": "rejected"}
    )
    assert again.json()["playbook"] is None
    other = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/stage", json={"stage": "interviewing"}
    )
    assert other.json()["playbook"] is None


def test_the_demo_rejection_run_from_its_page_covers_exactly_the_two_clicked(
    client: TestClient, session: Session, workspace: Workspace
):
    from goodword.demo import build

    summary = build(session, workspace_id=workspace.id, today=TODAY)
    page = client.get(f"/opportunities/{summary.rejected_opportunity_id}")
    assert "Run the rejection playbook" in page.text
    assert "You clicked with" in page.text
    response = client.post(
        f"/opportunities/{summary.rejected_opportunity_id}/playbooks/rejection",
        follow_redirects=False,
    )
    assert response.status_code == 303
    tasks = _tasks(session, workspace.id)
    assert len(tasks) == 4
    assert len({t.person_id for t in tasks}) == 2
    assert {t.due_date for t in tasks} == {TODAY + timedelta(days=1), TODAY + timedelta(days=3)}
    asks = session.scalars(select(ReferralAsk).where(ReferralAsk.workspace_id == workspace.id))
    assert len(list(asks)) == 6
    page = client.get(f"/opportunities/{summary.rejected_opportunity_id}")
    assert "Run the rejection playbook" not in page.text
    assert page.text.count("I sent the ask to") == 2


def _edit_form(opportunity: Any, **changes: str) -> dict[str, str]:
    return {
        "organization_name": opportunity.organization.name,
        "role_title": opportunity.role_title,
        "stage": opportunity.stage.value,
    } | changes


def test_a_rejection_chosen_on_the_edit_form_runs_the_playbook_and_says_so(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    response = client.post(
        f"/opportunities/{search.opportunity.id}",
        data=_edit_form(search.opportunity, stage="rejected"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{search.opportunity.id}#next-moves"
    page = client.get(response.headers["location"])
    assert (
        "Changes saved; moved to Rejected. 4 follow-up tasks added from the rejection playbook."
        in page.text
    )
    assert len(_tasks(session, workspace.id)) == 4
    again = client.post(
        f"/opportunities/{search.opportunity.id}",
        data=_edit_form(search.opportunity, stage="rejected", notes="Kind words."),
        follow_redirects=False,
    )
    assert again.headers["location"] == f"/opportunities/{search.opportunity.id}"
    assert "Changes saved." in client.get(again.headers["location"]).text
    assert len(_tasks(session, workspace.id)) == 4


def test_an_application_chosen_on_the_edit_form_warns_it_went_in_blind(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    response = client.post(
        f"/opportunities/{search.target.id}",
        data=_edit_form(search.target, stage="applied"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert "Changes saved; moved to Applied." in page.text
    assert "a blind application" in page.text
    assert 'class="flash warns"' in page.text


def test_the_api_put_with_a_new_stage_reports_what_a_move_reports(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    body = {
        "organization_name": "Larkspur Health",
        "role_title": "Senior PM",
        "stage": "rejected",
    }
    response = client.put(f"/api/v1/opportunities/{search.opportunity.id}", json=body)
    assert response.status_code == 200
    moved = response.json()
    assert moved["stage"] == "rejected"
    assert moved["playbook"]["playbook"] == "rejection"
    assert moved["playbook"]["created"] == 4
    assert len(_tasks(session, workspace.id)) == 4
    same = client.put(f"/api/v1/opportunities/{search.opportunity.id}", json=body)
    assert same.json()["playbook"] is None and same.json()["warning"] is None
    target = {
        "organization_name": search.target.organization.name,
        "role_title": search.target.role_title,
        "stage": "applied",
    }
    applied = client.put(f"/api/v1/opportunities/{search.target.id}", json=target).json()
    assert applied["stage"] == "applied"
    assert "a blind application" in applied["warning"]["message"]


def test_an_opportunity_added_as_rejected_runs_the_playbook_as_a_move_there_would(
    session: Session, workspace: Workspace
):
    data = OpportunityCreate(
        organization_name="Larkspur Health", role_title="Senior PM", stage=Stage.REJECTED
    )
    added = events.create(session, workspace_id=workspace.id, data=data, today=TODAY)
    assert added.before is None and added.changed
    assert added.outcome is not None and added.outcome.playbook == "rejection"
    assert added.outcome.blocked and added.warns
    assert added.outcome.prompts[0].field == "interview_round"
    assert _tasks(session, workspace.id) == []


def test_an_opportunity_added_on_the_form_as_rejected_says_what_the_playbook_needs(
    client: TestClient, session: Session, workspace: Workspace
):
    response = client.post(
        "/opportunities",
        data={
            "organization_name": "Larkspur Health",
            "role_title": "Senior PM",
            "stage": "rejected",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert "Opportunity saved. The rejection playbook needs more first." in page.text
    assert 'class="flash warns"' in page.text


def test_an_opportunity_added_on_the_form_as_applied_warns_it_went_in_blind(
    client: TestClient, session: Session, workspace: Workspace
):
    response = client.post(
        "/opportunities",
        data={
            "organization_name": "Larkspur Health",
            "role_title": "Senior PM",
            "stage": "applied",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert "Opportunity saved." in page.text
    assert "a blind application" in page.text
    assert 'class="flash warns"' in page.text
    plain = client.post(
        "/opportunities",
        data={"organization_name": "Larkspur Health", "role_title": "Analyst", "stage": "target"},
        follow_redirects=False,
    )
    after = client.get(plain.headers["location"]).text
    assert "Opportunity saved." in after and "blind application" not in after


def test_the_api_add_reports_what_the_starting_stage_set_off(
    client: TestClient, session: Session, workspace: Workspace
):
    body = {"organization_name": "Larkspur Health", "role_title": "Senior PM"}
    rejected = client.post("/api/v1/opportunities", json=body | {"stage": "rejected"})
    assert rejected.status_code == 201
    assert rejected.json()["stage"] == "rejected"
    assert rejected.json()["playbook"]["playbook"] == "rejection"
    assert rejected.json()["playbook"]["prompts"][0]["field"] == "interview_round"
    applied = client.post("/api/v1/opportunities", json=body | {"stage": "applied"}).json()
    assert "a blind application" in applied["warning"]["message"]
    target = client.post("/api/v1/opportunities", json=body).json()
    assert target["stage"] == "target"
    assert target["playbook"] is None and target["warning"] is None
