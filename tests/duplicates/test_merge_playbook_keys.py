"""A merge renames the people in playbook task keys, so each playbook finds its tasks after.

A playbook finds the task it made by its key (`rejection:opp:7:thank:person:12`). After a
merge the keys that named the absorbed person name the survivor: a run for the survivor
finds the tasks instead of making them again, and nobody later given the absorbed person's
id (SQLite gives it out again) takes them over. An undo names the restored person again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.duplicates.models import Merge
from goodword.opportunities.models import Opportunity
from goodword.people.models import Person
from goodword.playbooks import engine, rejection
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@dataclass
class Interviewed:
    opportunity: Opportunity
    survivor: Person
    absorbed: Person


def interviewed(session: Session, ws: int, *, both_interviewed: bool = False) -> Interviewed:
    """A late rejection, with the interviewer the user clicked with recorded twice: the
    absorbed record (the newest person) met the user in the final round; with
    `both_interviewed` the survivor did too, in round two (recorded after, so the
    playbook makes the absorbed record's task first)."""
    f.person(session, ws, "Sam Carter", is_me=True)
    opportunity = f.opportunity(
        session, ws, organization_name="Larkspur Health", role_title="Senior PM", stage="rejected"
    )
    survivor = f.person(session, ws, "Morgan Reyes", given_name="Morgan")
    absorbed = f.person(session, ws, "Morgan Reyes-Hale", given_name="Morgan")
    interview(session, ws, opportunity, absorbed, 3)
    if both_interviewed:
        interview(session, ws, opportunity, survivor, 2)
    return Interviewed(opportunity, survivor, absorbed)


def interview(session: Session, ws: int, opportunity: Opportunity, who: Person, number: int):
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=number,
        participants=[{"person_id": who.id, "rapport": "clicked"}],
    )


def run(session: Session, ws: int, opportunity: Opportunity) -> rejection.RejectionResult:
    return rejection.run(session, workspace_id=ws, opportunity_id=opportunity.id, today=TODAY)


def thank_key(opportunity: Opportunity, person_id: int) -> str:
    return f"rejection:opp:{opportunity.id}:thank:person:{person_id}"


def every_task(session: Session) -> list[tuple[int, str | None, int | None, TaskStatus]]:
    session.expire_all()
    return [
        (t.id, t.origin_key, t.person_id, t.status)
        for t in session.scalars(select(Task).order_by(Task.id))
    ]


def set_status(session: Session, ws: int, task: Task, status: TaskStatus) -> None:
    tasks.set_status(
        session, workspace_id=ws, task_id=task.id, change=TaskStatusChange(status=status)
    )


def merge(session: Session, ws: int, s: Interviewed) -> Merge:
    return merging.merge(
        session, workspace_id=ws, survivor_id=s.survivor.id, absorbed_id=s.absorbed.id
    )


def test_a_playbook_run_again_after_a_merge_finds_the_task_it_made(
    session: Session, workspace: Workspace
):
    s = interviewed(session, workspace.id)
    [thank] = run(session, workspace.id, s.opportunity).tasks

    merge(session, workspace.id, s)
    again = run(session, workspace.id, s.opportunity)

    assert again.created == 0
    assert [t.id for t in again.tasks] == [thank.id]
    assert every_task(session) == [
        (thank.id, thank_key(s.opportunity, s.survivor.id), s.survivor.id, TaskStatus.OPEN)
    ]


def test_the_same_step_for_both_records_becomes_one_task_the_survivors_when_alike(
    session: Session, workspace: Workspace
):
    s = interviewed(session, workspace.id, both_interviewed=True)
    made = run(session, workspace.id, s.opportunity).tasks
    mine = next(t for t in made if t.person_id == s.survivor.id)
    theirs = next(t for t in made if t.person_id == s.absorbed.id)
    assert theirs.id < mine.id
    set_status(session, workspace.id, mine, TaskStatus.DISMISSED)
    set_status(session, workspace.id, theirs, TaskStatus.DISMISSED)

    merge(session, workspace.id, s)

    assert every_task(session) == [
        (mine.id, thank_key(s.opportunity, s.survivor.id), s.survivor.id, TaskStatus.DISMISSED)
    ]
    assert run(session, workspace.id, s.opportunity).created == 0


def test_of_two_tasks_for_one_step_the_merge_keeps_the_one_further_along_and_undo_both(
    session: Session, workspace: Workspace
):
    """The absorbed record's thank-you was sent (done) while the survivor's still waits:
    the person was thanked, so the done task is the one kept. An undo brings both back as
    they were."""
    s = interviewed(session, workspace.id, both_interviewed=True)
    made = run(session, workspace.id, s.opportunity).tasks
    theirs = next(t for t in made if t.person_id == s.absorbed.id)
    set_status(session, workspace.id, theirs, TaskStatus.DONE)
    theirs_id = theirs.id
    before = every_task(session)

    record = merge(session, workspace.id, s)

    assert every_task(session) == [
        (theirs_id, thank_key(s.opportunity, s.survivor.id), s.survivor.id, TaskStatus.DONE)
    ]
    assert run(session, workspace.id, s.opportunity).created == 0

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert restored.id == s.absorbed.id
    assert every_task(session) == before
    assert run(session, workspace.id, s.opportunity).created == 0


def test_undo_leaves_out_a_removed_task_whose_step_has_a_task_made_since(
    session: Session, workspace: Workspace
):
    """The merge kept the absorbed record's done thank-you and removed the survivor's; the
    user then deleted the kept one and the playbook made a new one. The new one stands for
    the survivor's step, so the undo does not bring back the removed one beside it."""
    s = interviewed(session, workspace.id, both_interviewed=True)
    made = run(session, workspace.id, s.opportunity).tasks
    theirs = next(t for t in made if t.person_id == s.absorbed.id)
    set_status(session, workspace.id, theirs, TaskStatus.DONE)
    record = merge(session, workspace.id, s)
    tasks.delete(session, workspace_id=workspace.id, task_id=theirs.id)
    [since] = run(session, workspace.id, s.opportunity).tasks
    since_id = since.id

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert every_task(session) == [
        (since_id, thank_key(s.opportunity, s.survivor.id), s.survivor.id, TaskStatus.OPEN)
    ]
    again = run(session, workspace.id, s.opportunity)
    assert again.created == 1  # the restored person's, deleted with the kept task
    assert [t.person_id for t in again.tasks if t.id != since_id] == [restored.id]


def test_undo_puts_the_keys_back_and_the_restored_persons_playbook_finds_their_tasks(
    session: Session, workspace: Workspace
):
    s = interviewed(session, workspace.id)
    [thank] = run(session, workspace.id, s.opportunity).tasks
    # Someone else's task that names the absorbed person is renamed, and back, too.
    intro = f.task(session, workspace.id, "Ask Morgan to introduce you")
    intro.origin_key = f"reach:opp:{s.opportunity.id}:introduction:person:{s.absorbed.id}"
    session.flush()
    before = every_task(session)
    record = merge(session, workspace.id, s)
    assert run(session, workspace.id, s.opportunity).created == 0
    assert session.get(Task, intro.id).origin_key == (
        f"reach:opp:{s.opportunity.id}:introduction:person:{s.survivor.id}"
    )

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert restored.id == s.absorbed.id
    assert every_task(session) == before
    again = run(session, workspace.id, s.opportunity)
    assert again.created == 0
    assert [t.id for t in again.tasks] == [thank.id]


def test_a_newcomer_given_the_absorbed_persons_id_gets_tasks_of_their_own(
    session: Session, workspace: Workspace
):
    """The next person added takes the absorbed person's id (as SQLite gave ids before
    migration 0033); the playbook makes them their own thank-you instead of handing them
    the absorbed person's (done) one."""
    s = interviewed(session, workspace.id)
    [thank] = run(session, workspace.id, s.opportunity).tasks
    set_status(session, workspace.id, thank, TaskStatus.DONE)
    record = merge(session, workspace.id, s)
    f.give_ids_out_again(session, people=s.absorbed.id)
    newcomer = f.person(session, workspace.id, "Dana Okafor", given_name="Dana")
    assert newcomer.id == s.absorbed.id
    interview(session, workspace.id, s.opportunity, newcomer, 4)

    result = run(session, workspace.id, s.opportunity)

    assert result.created == 1
    theirs = engine.find_task(
        session, workspace_id=workspace.id, key=thank_key(s.opportunity, newcomer.id)
    )
    assert theirs is not None and theirs.id != thank.id
    assert (theirs.person_id, theirs.status) == (newcomer.id, TaskStatus.OPEN)
    assert (thank.origin_key, thank.person_id) == (
        thank_key(s.opportunity, s.survivor.id),
        s.survivor.id,
    )

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    assert every_task(session) == [
        (thank.id, thank_key(s.opportunity, restored.id), restored.id, TaskStatus.DONE),
        (theirs.id, thank_key(s.opportunity, newcomer.id), newcomer.id, TaskStatus.OPEN),
    ]
