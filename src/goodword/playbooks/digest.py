"""The weekly digest: the week ahead as plain data, from the due list, the tasks, the open
asks, the favour ledger and the leads waiting to go out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.leads.models import LeadShare, ShareStatus
from goodword.playbooks import favours
from goodword.playbooks.cadence import DueItem, due_list, due_read
from goodword.playbooks.favours import FavourBalance, favour_ledger
from goodword.playbooks.schemas import DigestRead
from goodword.referrals import service as referrals
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskRead


@dataclass
class Digest:
    """The week ahead, as plain data: whom to contact, what is due, what to pass on."""

    week_start: date
    week_end: date
    keep_in_touch: list[DueItem]
    overdue_tasks: list[Task]
    tasks_this_week: list[Task]
    open_asks: int
    owe_favours: list[FavourBalance]
    leads_to_pass_on: list[LeadShare]


def weekly_digest(session: Session, *, workspace_id: int, today: date) -> Digest:
    """Monday-to-Sunday view of the week holding `today`."""
    week_start = today - timedelta(days=today.weekday())
    week_end = week_start + timedelta(days=6)
    open_tasks = list(
        session.scalars(
            select(Task)
            .where(
                Task.workspace_id == workspace_id,
                or_(
                    and_(
                        Task.status == TaskStatus.OPEN,
                        Task.due_date.is_not(None),
                        Task.due_date <= week_end,
                    ),
                    tasks.back_by(today),
                ),
            )
            .order_by(Task.due_date, Task.id)
        )
    )
    back = [t for t in open_tasks if t.status is TaskStatus.SNOOZED]
    due = [t for t in open_tasks if t.status is TaskStatus.OPEN]
    shares = list(
        session.scalars(
            select(LeadShare)
            .where(
                LeadShare.workspace_id == workspace_id,
                LeadShare.status == ShareStatus.SUGGESTED,
            )
            .options(selectinload(LeadShare.lead), selectinload(LeadShare.person))
            .order_by(LeadShare.id)
        )
    )
    return Digest(
        week_start=week_start,
        week_end=week_end,
        keep_in_touch=due_list(
            session, workspace_id=workspace_id, today=today, within_days=(week_end - today).days
        ),
        overdue_tasks=[t for t in due if t.due_date is not None and t.due_date < today],
        # A snooze that has ended brings its task back now, whatever its due date says.
        tasks_this_week=back + [t for t in due if t.due_date is not None and t.due_date >= today],
        open_asks=referrals.count(session, workspace_id=workspace_id, open_only=True),
        owe_favours=[b for b in favour_ledger(session, workspace_id=workspace_id) if b.balance < 0],
        leads_to_pass_on=shares,
    )


def read(session: Session, *, workspace_id: int, today: date) -> DigestRead:
    """The week's digest as `GET /api/v1/keep-in-touch/digest` and
    `goodword keep-in-touch --digest --json` show it."""
    d = weekly_digest(session, workspace_id=workspace_id, today=today)
    return DigestRead(
        week_start=d.week_start,
        week_end=d.week_end,
        keep_in_touch=[due_read(i) for i in d.keep_in_touch],
        overdue_tasks=[TaskRead.model_validate(t) for t in d.overdue_tasks],
        tasks_this_week=[TaskRead.model_validate(t) for t in d.tasks_this_week],
        open_asks=d.open_asks,
        owe_favours=[favours.to_read(b) for b in d.owe_favours],
        leads_to_pass_on=[
            {
                "share_id": s.id,
                "lead_id": s.lead_id,
                "lead_title": s.lead.title,
                "person_id": s.person_id,
                "person_name": s.person.display_name,
            }
            for s in d.leads_to_pass_on
        ],
    )
