"""A playbook's task marked done records what it was for, as a referral's report-back does:
passing a lead on marks the suggestion sent, briefing a reference marks the launch briefed,
and thanking them marks it thanked. On every surface, since they all mark tasks done in the
tasks service."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.leads import service as leads
from goodword.leads.models import LeadKind, LeadShare, ShareStatus
from goodword.leads.schemas import LeadCreate
from goodword.playbooks import launch, pass_it_on
from goodword.references import service as references
from goodword.references.models import UseStatus
from goodword.references.schemas import ReferenceCreate
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def done(session: Session, ws: int, task: Task) -> None:
    tasks.set_status(
        session, workspace_id=ws, task_id=task.id, change=TaskStatusChange(status=TaskStatus.DONE)
    )


def shared(session: Session, ws: int) -> tuple[LeadShare, Task]:
    ada = f.person(session, ws, "Ada Lovelace", given_name="Ada")
    ada.interests = ["pricing"]
    lead = leads.create(
        session,
        workspace_id=ws,
        data=LeadCreate(kind=LeadKind.ARTICLE, title="Pricing essay", tags=["pricing"]),
    )
    [task] = pass_it_on.run(session, workspace_id=ws, lead_id=lead.id, today=TODAY).tasks
    [share] = lead.shares
    assert share.status is ShareStatus.SUGGESTED
    return share, task


def test_passing_a_lead_on_done_marks_it_sent(session: Session, workspace: Workspace):
    share, task = shared(session, workspace.id)
    done(session, workspace.id, task)
    assert (share.status, share.sent_on) == (ShareStatus.SENT, TODAY)


def test_through_the_api_too(session: Session, workspace: Workspace, client: TestClient):
    share, task = shared(session, workspace.id)
    answer = client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "done"})
    assert answer.status_code == 200
    session.expire_all()
    assert share.status is ShareStatus.SENT


def launched(session: Session, ws: int):
    person = f.person(session, ws, "Bo Zhou", given_name="Bo")
    reference = references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(person_id=person.id, consent_on=date(2026, 10, 1)),
    )
    manager = f.person(session, ws, "Grace Hopper")
    opportunity = f.opportunity(
        session, ws, organization_name="Northbeam", role_title="Lead", hiring_manager_id=manager.id
    )
    result = launch.launch(
        session,
        workspace_id=ws,
        reference_id=reference.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points="pricing",
    )
    assert result.use is not None
    return result.use, {t.origin: t for t in result.tasks}


def test_briefing_a_reference_done_marks_the_launch_briefed(session: Session, workspace: Workspace):
    use, steps = launched(session, workspace.id)
    done(session, workspace.id, steps["reference:brief"])
    assert (use.status, use.briefed_on) == (UseStatus.BRIEFED, TODAY)
    # The check that the call happened is not the call: it records nothing.
    done(session, workspace.id, steps["reference:before-applying"])
    assert use.status is UseStatus.BRIEFED and use.called_on is None


def test_the_thank_you_done_marks_the_launch_thanked(session: Session, workspace: Workspace):
    use, _ = launched(session, workspace.id)
    called = launch.record(
        session, workspace_id=workspace.id, use_id=use.id, status=UseStatus.CALLED, today=TODAY
    )
    [thank] = called.tasks
    done(session, workspace.id, thank)
    assert (use.status, use.thanked_on) == (UseStatus.THANKED, TODAY)


def test_a_briefing_task_of_a_cancelled_launch_done_changes_nothing(
    session: Session, workspace: Workspace
):
    use, steps = launched(session, workspace.id)
    launch.record(
        session, workspace_id=workspace.id, use_id=use.id, status=UseStatus.CANCELLED, today=TODAY
    )
    done(session, workspace.id, steps["reference:brief"])
    assert use.status is UseStatus.CANCELLED


def test_dismissing_the_task_to_pass_a_lead_on_marks_it_skipped(
    session: Session, workspace: Workspace
):
    share, task = shared(session, workspace.id)
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=task.id,
        change=TaskStatusChange(status=TaskStatus.DISMISSED),
    )
    assert (share.status, share.sent_on) == (ShareStatus.SKIPPED, None)


def test_dismissing_it_on_the_tasks_page_skips_the_lead_too(
    client: TestClient, session: Session, workspace: Workspace
):
    share, task = shared(session, workspace.id)
    response = client.post(
        f"/tasks/{task.id}/status", data={"status": "dismissed"}, follow_redirects=False
    )
    assert response.status_code == 303
    session.expire_all()
    assert session.get(LeadShare, share.id).status is ShareStatus.SKIPPED


def test_reopening_a_dismissed_task_to_pass_a_lead_on_puts_the_lead_back_to_waiting(
    session: Session, workspace: Workspace, client: TestClient
):
    share, task = shared(session, workspace.id)
    status = f"/api/v1/tasks/{task.id}/status"
    assert client.post(status, json={"status": "dismissed"}).status_code == 200
    session.expire_all()
    assert share.status is ShareStatus.SKIPPED

    answer = client.post(status, json={"status": "open"})

    assert answer.status_code == 200
    session.expire_all()
    assert (share.status, share.sent_on) == (ShareStatus.SUGGESTED, None)
    lead = client.get(f"/api/v1/leads/{share.lead_id}").json()
    assert [s["status"] for s in lead["shares"]] == ["suggested"]


def test_snoozing_a_dismissed_task_to_pass_a_lead_on_puts_the_lead_back_to_waiting_too(
    session: Session, workspace: Workspace, client: TestClient
):
    share, task = shared(session, workspace.id)
    client.post(f"/tasks/{task.id}/status", data={"status": "dismissed"}, follow_redirects=False)

    response = client.post(
        f"/tasks/{task.id}/status",
        data={"status": "snoozed", "snoozed_until": "2026-12-01"},
        follow_redirects=False,
    )

    assert response.status_code == 303
    session.expire_all()
    assert session.get(LeadShare, share.id).status is ShareStatus.SUGGESTED
    # Dismissed again, it is skipped again.
    client.post(f"/tasks/{task.id}/status", data={"status": "dismissed"}, follow_redirects=False)
    session.expire_all()
    assert session.get(LeadShare, share.id).status is ShareStatus.SKIPPED


def test_a_skipped_lead_suggested_again_opens_its_task_again(
    session: Session, workspace: Workspace, client: TestClient
):
    share, task = shared(session, workspace.id)
    assert client.post(f"/api/v1/lead-shares/{share.id}", json={"status": "skipped"}).is_success
    session.expire_all()
    assert session.get(Task, task.id).status is TaskStatus.DISMISSED

    answer = client.post(f"/api/v1/lead-shares/{share.id}", json={"status": "suggested"})

    assert answer.status_code == 200 and answer.json()["status"] == "suggested"
    session.expire_all()
    assert session.get(Task, task.id).status is TaskStatus.OPEN


def test_a_task_to_pass_a_lead_on_reopened_after_done_leaves_it_sent(
    session: Session, workspace: Workspace, client: TestClient
):
    share, task = shared(session, workspace.id)
    client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "done"})

    assert client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "open"}).is_success

    session.expire_all()
    assert (share.status, share.sent_on) == (ShareStatus.SENT, TODAY)
