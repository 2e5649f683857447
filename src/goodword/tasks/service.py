"""Tasks: the user's next moves, with due dates and links to the records they concern."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import ColumnElement, Date, and_, func, literal, not_, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword import clock
from goodword.db import utcnow
from goodword.interactions import service as interactions
from goodword.interactions.models import Direction, Interaction, InteractionKind
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.leads import service as leads
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity
from goodword.organizations import service as organizations
from goodword.people import service as people
from goodword.records import Page, clean_text, get_owned, keyset_page, referenced
from goodword.references import service as references
from goodword.referrals import service as referrals
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskCreate, TaskStatusChange, TaskUpdate

KIND = "task"


def get(session: Session, *, workspace_id: int, task_id: int) -> Task:
    """Return the task, or NotFound when it is not in this workspace."""
    return get_owned(session, Task, workspace_id=workspace_id, record_id=task_id, kind=KIND)


def create(
    session: Session, *, workspace_id: int, data: TaskCreate, origin: str = "manual"
) -> Task:
    task = Task(workspace_id=workspace_id, origin=origin, status=TaskStatus.OPEN)
    _apply(session, task, data)
    session.add(task)
    session.flush()
    return task


def update(session: Session, *, workspace_id: int, task_id: int, data: TaskUpdate) -> Task:
    task = get(session, workspace_id=workspace_id, task_id=task_id)
    _apply(session, task, data)
    session.flush()
    return task


def set_status(
    session: Session,
    *,
    workspace_id: int,
    task_id: int,
    change: TaskStatusChange,
    records_step: bool = True,
) -> Task:
    """Mark a task done, snoozed (until a day after today), dismissed or open again.

    The web page, the API and the CLI all mark tasks done here, so a playbook's task done
    records what it was for: a task to report back to a referrer records the report-back
    on its referral ask (and done no more, open again, snoozed or dismissed, takes it
    back); a task to pass a lead on marks it sent; a task to brief a reference marks the
    launch briefed, and the thank-you task marks it thanked. Dismissing a task to pass a lead
    on marks the suggestion skipped; bringing it back (open again, or snoozed) puts the
    suggestion back to waiting. A reminder to get back in touch marked done logs the
    contact (a message to them, now, linked as the task's interaction unless the user
    linked one), unless contact was logged since the reminder was made; done no more, it
    takes back that message alone, so the person is due again. `records_step=False`
    changes the status alone (the keep-in-touch routine closing reminders once contact is
    logged). A change that leaves the task as it is (done again, open again) changes
    nothing, not even the time it was done: see `unchanged`."""
    task = get(session, workspace_id=workspace_id, task_id=task_id)
    if unchanged(task, change):
        return task
    was_done = task.status is TaskStatus.DONE
    was_dismissed = task.status is TaskStatus.DISMISSED
    task.status = change.status
    task.snoozed_until = change.snoozed_until if change.status is TaskStatus.SNOOZED else None
    task.completed_at = utcnow() if change.status is TaskStatus.DONE else None
    if not records_step:
        session.flush()
        return task
    if change.status is TaskStatus.DONE and not was_done:
        _log_contact(session, task)
    if change.status is TaskStatus.DONE:
        key, on = task.origin_key, clock.today()
        referrals.reported_back_by_task(session, workspace_id=workspace_id, key=key, on=on)
        leads.shared_by_task(session, workspace_id=workspace_id, key=key, on=on)
        references.done_by_task(session, workspace_id=workspace_id, key=key, on=on)
    elif was_done:
        referrals.report_back_undone(session, workspace_id=workspace_id, key=task.origin_key)
        _unlog_contact(session, task)
    if change.status is TaskStatus.DISMISSED:
        leads.skipped_by_task(
            session, workspace_id=workspace_id, key=task.origin_key, on=clock.today()
        )
    elif was_dismissed and change.status in (TaskStatus.OPEN, TaskStatus.SNOOZED):
        leads.unskipped_by_task(session, workspace_id=workspace_id, key=task.origin_key)
    session.flush()
    return task


def unchanged(task: Task, change: TaskStatusChange) -> bool:
    """True when the change leaves the task as it is: done, open or dismissed again, or
    snoozed again until the same day (a stale page, a command run twice)."""
    return task.status == change.status and (
        change.status != TaskStatus.SNOOZED or task.snoozed_until == change.snoozed_until
    )


# The keep-in-touch routine's reminders, as `cadence.reminder_key` (and the keys before it)
# name them: "keep-in-touch:person:12:since:2026-09-01".
_REMINDER_KEY = re.compile(r"keep-in-touch:person:([0-9]+):.*")


def logs_contact(task: Task) -> bool:
    """True when marking the task done logs contact with its person: a keep-in-touch reminder."""
    found = _REMINDER_KEY.fullmatch(task.origin_key or "")
    return found is not None and task.person_id == int(found[1])


def _log_contact(session: Session, task: Task) -> None:
    """Log the contact a reminder to get back in touch was for, as done, unless contact with
    the person was logged since the reminder was made."""
    if not logs_contact(task) or task.person_id is None:
        return
    # (Imported here: the keep-in-touch playbook itself marks tasks through this module.)
    from goodword.playbooks.in_touch import last_contacts

    person_id = task.person_id
    last = last_contacts(session, workspace_id=task.workspace_id, person_ids={person_id})
    made = task.created_at.date() if task.created_at else clock.today()
    if person_id in last and last[person_id] >= made:
        return
    logged = interactions.create(
        session,
        workspace_id=task.workspace_id,
        data=InteractionCreate(
            occurred_at=clock.now(),
            kind=InteractionKind.MESSAGE,
            direction=Direction.OUTBOUND,
            summary=f"{_LOGGED[0]}{task.title}{_LOGGED[1]}",
            participants=[ParticipantIn(person_id=person_id)],
        ),
    )
    task.logged_interaction_id = logged.id
    # (An interaction the user linked by hand stays the task's; the message is logged beside it.)
    if task.interaction_id is None:
        task.interaction_id = logged.id


# The words a contact logged by marking a reminder done begins and ends with, around its title.
_LOGGED = ("Got back in touch (the task “", "” marked done).")


def _unlog_contact(session: Session, task: Task) -> None:
    """Delete the contact a reminder logged when it was marked done: the message
    `_log_contact` wrote, unless the user has made it their own by rewording it. An
    interaction the user linked to the task stays linked."""
    if task.logged_interaction_id is None:
        return
    logged = session.get(Interaction, task.logged_interaction_id)
    if logged is None:
        task.logged_interaction_id = None
        return
    if (
        logged.kind is not InteractionKind.MESSAGE
        or not (logged.summary or "").startswith(_LOGGED[0])
        or not (logged.summary or "").endswith(_LOGGED[1])
    ):
        return
    task.logged_interaction_id = None
    if task.interaction_id == logged.id:
        task.interaction_id = None
    interactions.delete(session, workspace_id=task.workspace_id, interaction_id=logged.id)


def delete(session: Session, *, workspace_id: int, task_id: int) -> None:
    session.delete(get(session, workspace_id=workspace_id, task_id=task_id))
    session.flush()


def back_by(today: date) -> ColumnElement[bool]:
    """Snoozed until a day that has come: the task is back, open again in every list."""
    return and_(Task.status == TaskStatus.SNOOZED, Task.snoozed_until <= today)


# An undated task sorts as if due on the last day there is: after every dated one, in one
# order for both databases, so a page's cursor can seek on it.
NO_DUE_DATE = date.max
_DUE_OR_LAST = func.coalesce(Task.due_date, literal(NO_DUE_DATE, Date), type_=Date)


def list_(
    session: Session,
    *,
    workspace_id: int,
    today: date,
    status: TaskStatus | None = None,
    person_id: int | None = None,
    opportunity_id: int | None = None,
    limit: int = 200,
    cursor: str | None = None,
    before: str | None = None,
) -> Page[Task]:
    """List tasks: undated last, soonest due first; keyset-paginated, forwards or
    (`before`: a page's `prev_cursor`) backwards. Open ones include those snoozed until
    `today` or before: a snooze ends by itself.

    Each comes with the person, organization and opportunity it concerns loaded.
    """
    statement = (
        select(Task)
        .where(Task.workspace_id == workspace_id)
        .options(
            selectinload(Task.person),
            selectinload(Task.organization),
            selectinload(Task.opportunity).selectinload(Opportunity.organization),
        )
    )
    if status is TaskStatus.OPEN:
        statement = statement.where(or_(Task.status == status, back_by(today)))
    elif status is TaskStatus.SNOOZED:
        statement = statement.where(Task.status == status, not_(back_by(today)))
    elif status is not None:
        statement = statement.where(Task.status == status)
    if person_id is not None:
        statement = statement.where(Task.person_id == person_id)
    if opportunity_id is not None:
        statement = statement.where(Task.opportunity_id == opportunity_id)
    return keyset_page(
        session,
        statement,
        list_name="tasks",
        sort_column=_DUE_OR_LAST,
        id_column=Task.id,
        cursor=cursor,
        limit=limit,
        decode_sort=date.fromisoformat,
        before=before,
        sort_value=lambda task: task.due_date or NO_DUE_DATE,
    )


def due(session: Session, *, workspace_id: int, today: date) -> list[Task]:
    """Open tasks due by today, and snoozed ones whose snooze has run out."""
    return list(
        session.scalars(
            select(Task)
            .where(
                Task.workspace_id == workspace_id,
                or_(
                    (Task.status == TaskStatus.OPEN) & (Task.due_date <= today),
                    back_by(today),
                ),
            )
            .order_by(Task.due_date, Task.id)
        )
    )


def _apply(session: Session, task: Task, data: TaskCreate) -> None:
    ws = task.workspace_id
    task.title = data.title
    task.notes = clean_text(data.notes)
    task.due_date = data.due_date
    pid, oid, opid, iid = (
        data.person_id,
        data.organization_id,
        data.opportunity_id,
        data.interaction_id,
    )
    task.person = (
        referenced("person_id", lambda: people.get(session, workspace_id=ws, person_id=pid))
        if pid is not None
        else None
    )
    task.organization = (
        referenced(
            "organization_id",
            lambda: organizations.get(session, workspace_id=ws, organization_id=oid),
        )
        if oid is not None
        else None
    )
    task.opportunity = (
        referenced(
            "opportunity_id",
            lambda: opportunities.get(session, workspace_id=ws, opportunity_id=opid),
        )
        if opid is not None
        else None
    )
    task.interaction = (
        referenced(
            "interaction_id", lambda: interactions.get(session, workspace_id=ws, interaction_id=iid)
        )
        if iid is not None
        else None
    )
