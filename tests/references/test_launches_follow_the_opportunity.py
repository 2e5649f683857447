"""A launched reference follows its opportunity: cancelled when it closes, told when the
application goes in before the call, and redrafted when launched again with a new briefing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.opportunities.models import Opportunity, Stage
from goodword.playbooks import calendar, launch
from goodword.references import service as references
from goodword.references.models import Reference, UseStatus
from goodword.references.schemas import ReferenceCreate
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskUpdate
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 9, 30, tzinfo=UTC))


def reference(session: Session, ws: int, name: str = "Ada Lovelace") -> Reference:
    person = f.person(session, ws, name, given_name=name.split()[0])
    return references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(
            person_id=person.id, consent_on=date(2026, 10, 1), can_speak_to="the pricing work"
        ),
    )


def opening(session: Session, ws: int, org: str = "Northbeam Robotics") -> Opportunity:
    manager = f.person(session, ws, "Grace Hopper", given_name="Grace")
    return f.opportunity(
        session, ws, organization_name=org, role_title="Product Lead", hiring_manager_id=manager.id
    )


def launched(session: Session, ws: int, ref: Reference, opportunity: Opportunity, stress: str):
    result = launch.launch(
        session,
        workspace_id=ws,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=stress,
    )
    assert result.use is not None
    return result


def tasks_of(result: launch.LaunchResult) -> dict[str, Task]:
    return {t.origin: t for t in result.tasks}


@pytest.mark.parametrize("stage", ["rejected", "withdrawn", "accepted"])
def test_closing_the_opportunity_cancels_launches_not_yet_called_and_says_so(
    session: Session, workspace: Workspace, client: TestClient, stage: str
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    bo = reference(session, workspace.id, "Bo Zhou")
    opportunity = opening(session, workspace.id)
    planned = launched(session, workspace.id, ada, opportunity, "pricing")
    briefed = launched(session, workspace.id, bo, opportunity, "pricing")
    assert briefed.use is not None
    launch.record(session, workspace_id=workspace.id, use_id=briefed.use.id,
                  status=UseStatus.BRIEFED, today=TODAY)  # fmt: skip

    moved = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": stage})
    session.expire_all()

    assert moved.status_code == 200
    assert planned.use is not None and planned.use.status is UseStatus.CANCELLED
    assert briefed.use.status is UseStatus.CANCELLED
    waiting = [t for t in planned.tasks + briefed.tasks if t.origin != "reference:brief"]
    assert {t.status for t in waiting} == {TaskStatus.DISMISSED}
    # They no longer count toward the limit.
    assert references.check_launch(ada, today=TODAY).uses_in_window == 0
    notes = moved.json()["playbook"]["notes"]
    assert notes == [
        "The reference launches of Ada Lovelace and Bo Zhou (not called yet) were cancelled, "
        "with their tasks: they no longer count toward the limit of 3 in 90 days."
    ]


def test_a_launch_whose_call_happened_stays_when_the_opportunity_closes(
    session: Session, workspace: Workspace, client: TestClient
):
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    result = launched(session, workspace.id, ada, opportunity, "pricing")
    assert result.use is not None
    launch.record(session, workspace_id=workspace.id, use_id=result.use.id,
                  status=UseStatus.CALLED, today=TODAY)  # fmt: skip

    moved = client.post(
        f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "withdrawn"}
    )
    session.expire_all()

    assert result.use.status is UseStatus.CALLED
    assert moved.json()["playbook"] is None


def test_the_cli_says_the_launch_was_cancelled(session: Session, workspace: Workspace):
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    launched(session, workspace.id, ada, opportunity, "pricing")
    opportunity.stage = Stage.WITHDRAWN
    session.flush()
    from goodword.playbooks import events

    result = events.after_stage_change(
        session, workspace_id=workspace.id, opportunity=opportunity, today=TODAY
    )
    assert result is not None
    assert events.describe(result) == (
        "The reference launch of Ada Lovelace (not called yet) was cancelled, with its tasks: "
        "it no longer counts toward the limit of 3 in 90 days."
    )


def test_applying_before_the_call_warns_and_turns_the_check_into_one_that_fits(
    session: Session, workspace: Workspace, client: TestClient
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    result = launched(session, workspace.id, ada, opportunity, "pricing")
    steps = tasks_of(result)
    check = steps["reference:before-applying"]
    assert check.title == "Check that Ada Lovelace has called Grace Hopper, then apply"

    moved = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "applied"})
    session.expire_all()

    assert moved.json()["playbook"]["notes"] == [
        "Warning: Ada Lovelace has not been briefed yet, nor called Grace Hopper: your "
        "application is in before the call. Send the briefing now, asking for a call while it "
        "is weighed. Its open tasks now fit: the check is only that the call happened."
    ]
    assert check.status is TaskStatus.OPEN
    assert check.title == "Check that Ada Lovelace has called Grace Hopper"
    assert "apply" not in (check.notes or "").replace("application", "")
    brief = steps["reference:brief"]
    assert "call Grace Hopper soon" in (brief.notes or "")
    assert "My application for the Product Lead role at Northbeam Robotics is in" in (
        brief.notes or ""
    )
    # The launch itself still waits for the call.
    assert result.use is not None and result.use.status is UseStatus.PLANNED


def test_a_briefed_reference_not_called_yet_is_named_when_the_application_goes_in(
    session: Session, workspace: Workspace, client: TestClient
):
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    result = launched(session, workspace.id, ada, opportunity, "pricing")
    assert result.use is not None
    launch.record(session, workspace_id=workspace.id, use_id=result.use.id,
                  status=UseStatus.BRIEFED, today=TODAY)  # fmt: skip

    moved = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "applied"})
    session.expire_all()

    [note] = moved.json()["playbook"]["notes"]
    assert note.startswith(
        "Warning: Ada Lovelace has not called Grace Hopper yet: your application is in before "
        "the call. Ask them to call while it is weighed."
    )
    assert tasks_of(result)["reference:before-applying"].title == (
        "Check that Ada Lovelace has called Grace Hopper"
    )


def test_launching_again_with_a_new_stress_redrafts_the_open_briefing_task(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    first = launched(session, workspace.id, ada, opportunity, "pricing experiments")
    brief = tasks_of(first)["reference:brief"]
    assert "pricing experiments" in (brief.notes or "")

    again = launched(session, workspace.id, ada, opportunity, "hiring and coaching a team")

    assert again.created == 0
    assert tasks_of(again)["reference:brief"] is brief
    assert "hiring and coaching a team" in (brief.notes or "")
    assert "pricing experiments" not in (brief.notes or "")
    assert "hiring and coaching a team" in again.drafts[0].body
    # The calendar shows the task as it is now.
    [entry] = [
        i for i in calendar.items(session, workspace_id=workspace.id) if i.summary == brief.title
    ]
    assert "hiring and coaching a team" in (entry.description or "")
    assert again.notes == [
        "The briefing for Ada Lovelace says what to stress anew, in its open tasks too."
    ]


def test_launching_again_with_the_same_stress_leaves_the_task_as_the_user_left_it(
    session: Session, workspace: Workspace
):
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    first = launched(session, workspace.id, ada, opportunity, "pricing")
    brief = tasks_of(first)["reference:brief"]
    brief.notes = "My own notes"
    session.flush()

    again = launched(session, workspace.id, ada, opportunity, "pricing")

    assert brief.notes == "My own notes"
    assert again.notes == []


def _edit_notes(session: Session, ws: int, task: Task, notes: str) -> None:
    """Save the task's form as a person does, with these notes."""
    tasks.update(
        session,
        workspace_id=ws,
        task_id=task.id,
        data=TaskUpdate(
            title=task.title,
            notes=notes,
            due_date=task.due_date,
            person_id=task.person_id,
            opportunity_id=task.opportunity_id,
        ),
    )


def test_launching_again_keeps_briefing_notes_edited_by_hand_and_says_so(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    brief = tasks_of(launched(session, workspace.id, ada, opportunity, "pricing"))[
        "reference:brief"
    ]
    _edit_notes(session, workspace.id, brief, "Called Ada already; she wants the deck first.")

    again = launched(session, workspace.id, ada, opportunity, "hiring and coaching a team")

    assert brief.notes == "Called Ada already; she wants the deck first."
    assert "hiring and coaching a team" in again.drafts[0].body
    assert again.notes == [
        "The briefing for Ada Lovelace says what to stress anew, in its open tasks too.",
        f"The task “{brief.title}” keeps the notes you wrote: take what is new from the "
        "briefing's draft.",
    ]
    # Edited once, kept each time after.
    launched(session, workspace.id, ada, opportunity, "the launch in Lisbon")
    assert brief.notes == "Called Ada already; she wants the deck first."


def test_notes_saved_back_unchanged_on_the_form_are_still_redrafted(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    brief = tasks_of(launched(session, workspace.id, ada, opportunity, "pricing"))[
        "reference:brief"
    ]
    # A browser sends the text back with its line breaks as "\r\n".
    _edit_notes(session, workspace.id, brief, (brief.notes or "").replace("\n", "\r\n"))

    again = launched(session, workspace.id, ada, opportunity, "hiring and coaching a team")

    assert "hiring and coaching a team" in (brief.notes or "")
    assert len(again.notes) == 1


def test_applying_keeps_edited_notes_and_refits_the_untouched_ones(
    session: Session, workspace: Workspace, client: TestClient
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    steps = tasks_of(launched(session, workspace.id, ada, opportunity, "pricing"))
    brief, check = steps["reference:brief"], steps["reference:before-applying"]
    _edit_notes(session, workspace.id, brief, "My own plan for the briefing.")

    moved = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "applied"})
    session.expire_all()

    assert brief.notes == "My own plan for the briefing."
    assert "apply" not in (check.notes or "").replace("application", "")
    [said] = moved.json()["playbook"]["notes"]
    assert said.endswith(
        "Its open tasks now fit: the check is only that the call happened. The task “Brief Ada "
        "Lovelace on Product Lead at Northbeam Robotics” keeps the notes you wrote: take what "
        "is new from the briefing's draft."
    )


def test_a_title_renamed_by_hand_stays_when_the_tasks_are_redrafted(
    session: Session, workspace: Workspace, client: TestClient
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    steps = tasks_of(launched(session, workspace.id, ada, opportunity, "pricing"))
    brief, check = steps["reference:brief"], steps["reference:before-applying"]
    renamed = client.put(
        f"/api/v1/tasks/{check.id}",
        json={
            "title": "Ring Ada about Grace",
            "notes": check.notes,
            "due_date": check.due_date.isoformat() if check.due_date else None,
            "person_id": check.person_id,
            "opportunity_id": check.opportunity_id,
        },
    )
    assert renamed.status_code == 200

    moved = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "applied"})
    session.expire_all()

    assert check.title == "Ring Ada about Grace"
    # Its notes, untouched, are redrafted; the briefing task, untouched, too.
    assert "then apply" not in (check.notes or "")
    assert "soon" in (brief.notes or "")
    [said] = moved.json()["playbook"]["notes"]
    assert said.endswith("The task “Ring Ada about Grace” keeps the title you gave it.")
