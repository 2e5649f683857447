"""Reporting back to a referrer is one thing, done once: marking the ask reported back marks
the playbook's task to report back done, and marking that task done records the report-back
on the ask."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.playbooks import follow_up
from goodword.playbooks.engine import find_task
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

DAY = date(2026, 11, 25)
LATER = DAY + timedelta(days=9)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: LATER)


def introduced(session: Session, ws: int, name: str = "Morgan Reyes") -> ReferralAsk:
    person = f.person(session, ws, name)
    org = f.organization(session, ws, f"{name} Optics")
    ask = referrals.create(
        session,
        workspace_id=ws,
        data=ReferralAskCreate(person_id=person.id, target_organization_id=org.id),
    )
    for status in (AskStatus.ASKED, AskStatus.INTRODUCED):
        advance(session, ws, ask, status)
    return ask


def advance(session: Session, ws: int, ask: ReferralAsk, status: AskStatus) -> None:
    follow_up.advance_ask(session, workspace_id=ws, ask_id=ask.id, status=status, today=DAY)


def report_back_task(session: Session, ws: int, ask: ReferralAsk, status: AskStatus) -> Task:
    task = find_task(session, workspace_id=ws, key=referrals.report_back_key(ask.id, status))
    assert task is not None
    return task


def done(session: Session, ws: int, task: Task) -> None:
    tasks.set_status(
        session,
        workspace_id=ws,
        task_id=task.id,
        change=TaskStatusChange(status=TaskStatus.DONE),
    )


def test_the_key_is_the_one_the_playbook_gives_its_task(session: Session, workspace: Workspace):
    ask = introduced(session, workspace.id)
    task = report_back_task(session, workspace.id, ask, AskStatus.INTRODUCED)
    assert task.origin_key == f"referral:ask:{ask.id}:report-back:introduced"
    assert referrals.report_back_step(task.origin_key) == (ask.id, AskStatus.INTRODUCED)
    for other in (
        f"referral:ask:{ask.id}:thank",
        f"referral:ask:{ask.id}:report-back:asked",
        "referral:ask:x:report-back:introduced",
        f"rejection:opp:1:ask:person:{ask.person_id}",
        None,
    ):
        assert referrals.report_back_step(other) is None


def test_marking_reported_back_marks_the_task_for_that_step_done(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    other = introduced(session, ws, "Priya Natarajan")
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    assert task.status is TaskStatus.DONE and task.completed_at is not None
    # Another ask's report-back is still owed.
    assert report_back_task(session, ws, other, AskStatus.INTRODUCED).status is TaskStatus.OPEN
    # The next step brings its own report-back, closed by the next mark.
    advance(session, ws, ask, AskStatus.INTERVIEWING)
    interviewing = report_back_task(session, ws, ask, AskStatus.INTERVIEWING)
    assert interviewing.status is TaskStatus.OPEN
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=LATER)
    assert interviewing.status is TaskStatus.DONE


def test_a_snoozed_report_back_is_marked_done_too(session: Session, workspace: Workspace):
    ws = workspace.id
    ask = introduced(session, ws)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    tasks.set_status(
        session,
        workspace_id=ws,
        task_id=task.id,
        change=TaskStatusChange(status=TaskStatus.SNOOZED, snoozed_until=LATER + timedelta(3)),
    )
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    assert task.status is TaskStatus.DONE and task.snoozed_until is None


def test_a_dismissed_report_back_is_left_as_the_user_left_it(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    tasks.set_status(
        session,
        workspace_id=ws,
        task_id=task.id,
        change=TaskStatusChange(status=TaskStatus.DISMISSED),
    )
    assert ask.reported_back_on is None
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    assert task.status is TaskStatus.DISMISSED and ask.reported_back_on == DAY


def test_marking_the_task_done_records_the_report_back(session: Session, workspace: Workspace):
    ws = workspace.id
    ask = introduced(session, ws)
    assert referrals.count(session, workspace_id=ws, open_only=True) == 1
    done(session, ws, report_back_task(session, ws, ask, AskStatus.INTRODUCED))
    assert ask.reported_back_on == LATER
    assert referrals.count(session, workspace_id=ws, open_only=True) == 0


def test_a_task_about_an_earlier_step_does_not_report_on_the_latest(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    advance(session, ws, ask, AskStatus.INTERVIEWING)
    done(session, ws, report_back_task(session, ws, ask, AskStatus.INTRODUCED))
    assert ask.reported_back_on is None
    assert report_back_task(session, ws, ask, AskStatus.INTERVIEWING).status is TaskStatus.OPEN


def test_an_earlier_report_back_keeps_its_day(session: Session, workspace: Workspace):
    ws = workspace.id
    ask = introduced(session, ws)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    done(session, ws, task)
    assert ask.reported_back_on == DAY


def test_reopening_the_done_task_takes_the_report_back_back(session: Session, workspace: Workspace):
    ws = workspace.id
    ask = introduced(session, ws)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    tasks.set_status(
        session, workspace_id=ws, task_id=task.id, change=TaskStatusChange(status=TaskStatus.OPEN)
    )
    assert ask.reported_back_on is None
    assert referrals.count(session, workspace_id=ws, open_only=True) == 1
    done(session, ws, task)
    assert ask.reported_back_on == LATER
    # Dismissed after all: not reported back either.
    tasks.set_status(
        session,
        workspace_id=ws,
        task_id=task.id,
        change=TaskStatusChange(status=TaskStatus.DISMISSED),
    )
    assert ask.reported_back_on is None


def test_reopening_a_task_about_an_earlier_step_leaves_the_latest_report_back(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    earlier = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    done(session, ws, earlier)
    advance(session, ws, ask, AskStatus.INTERVIEWING)
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    tasks.set_status(
        session,
        workspace_id=ws,
        task_id=earlier.id,
        change=TaskStatusChange(status=TaskStatus.OPEN),
    )
    assert ask.reported_back_on == DAY


def test_moving_on_dismisses_the_report_back_still_owed_on_the_earlier_step(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    other = introduced(session, ws, "Priya Natarajan")
    advance(session, ws, ask, AskStatus.INTERVIEWING)
    earlier = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    assert earlier.status is TaskStatus.DISMISSED and earlier.completed_at is None
    assert report_back_task(session, ws, ask, AskStatus.INTERVIEWING).status is TaskStatus.OPEN
    assert report_back_task(session, ws, other, AskStatus.INTRODUCED).status is TaskStatus.OPEN
    # One already done stays done.
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    advance(session, ws, ask, AskStatus.OFFER)
    assert report_back_task(session, ws, ask, AskStatus.INTERVIEWING).status is TaskStatus.DONE


def test_reporting_back_on_a_closed_ask_closes_the_task_still_owed(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    advance(session, ws, ask, AskStatus.CLOSED)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    assert task.status is TaskStatus.OPEN
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    assert task.status is TaskStatus.DONE and task.completed_at is not None


def test_the_task_done_on_a_closed_ask_records_the_report_back(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    advance(session, ws, ask, AskStatus.CLOSED)
    task = report_back_task(session, ws, ask, AskStatus.INTRODUCED)
    done(session, ws, task)
    assert ask.reported_back_on == LATER
    tasks.set_status(
        session, workspace_id=ws, task_id=task.id, change=TaskStatusChange(status=TaskStatus.OPEN)
    )
    assert ask.reported_back_on is None


def test_other_tasks_and_other_workspaces_are_left_alone(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    ws = workspace.id
    ask = introduced(session, ws)
    thank = find_task(session, workspace_id=ws, key=f"referral:ask:{ask.id}:thank")
    assert thank is not None
    done(session, ws, thank)
    assert ask.reported_back_on is None
    # A task elsewhere whose key names this ask's number is about that workspace's records.
    stray = f.task(session, other_workspace.id, "Report back")
    stray.origin_key = referrals.report_back_key(ask.id, AskStatus.INTRODUCED)
    done(session, other_workspace.id, stray)
    assert ask.reported_back_on is None
