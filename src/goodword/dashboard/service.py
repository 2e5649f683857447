"""Questions only the dashboard asks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from goodword import demo
from goodword.network.queries import APPLIED_OR_LATER
from goodword.opportunities.models import Opportunity, Stage, StageChange
from goodword.organizations.models import Organization
from goodword.people.models import Person
from goodword.playbooks import cadence
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus

# The tasks card looks this many days ahead, and names this many of what is coming.
COMING_UP_DAYS = 7
COMING_UP_SHOWN = 5
# Keep-in-touch reminders can come twenty at a time: the card names a few, then counts.
REMINDERS_SHOWN = 3


# Records of one's own that the demo must never mix with (people are counted apart: the
# user's own person does not count).
def is_empty(session: Session, *, workspace_id: int) -> bool:
    """True when the workspace has no people and no organizations yet (a first run)."""
    has_people = session.scalar(select(exists().where(Person.workspace_id == workspace_id)))
    if has_people:
        return False
    return not session.scalar(select(exists().where(Organization.workspace_id == workspace_id)))


def demo_fits(session: Session, *, workspace_id: int) -> bool:
    """True when the demo may load: nothing is recorded yet, except perhaps the user themself."""
    return demo.fits(session, workspace_id=workspace_id)


def count_applications(session: Session, *, workspace_id: int) -> int:
    """How many applications went in: opportunities at Applied or beyond, or once moved there
    (the same rule the blind-application count uses)."""
    moved_to_applied = select(StageChange.opportunity_id).where(
        StageChange.workspace_id == workspace_id, StageChange.to_stage == Stage.APPLIED
    )
    return (
        session.scalar(
            select(func.count())
            .select_from(Opportunity)
            .where(
                Opportunity.workspace_id == workspace_id,
                or_(
                    Opportunity.stage.in_(APPLIED_OR_LATER),
                    Opportunity.id.in_(moved_to_applied),
                ),
            )
        )
        or 0
    )


@dataclass(frozen=True)
class DueTasks:
    """The tasks card: what is late, due today and coming up, with the catch-ups apart."""

    overdue: list[Task] = field(default_factory=list)
    today: list[Task] = field(default_factory=list)
    coming: list[Task] = field(default_factory=list)
    reminders: list[Task] = field(default_factory=list)
    more_reminders: int = 0

    @property
    def anything_today(self) -> bool:
        return bool(self.overdue or self.today or self.reminders)


def is_reminder(task: Task) -> bool:
    """True for a keep-in-touch reminder, the kind the routines make by the dozen."""
    return task.origin.startswith(f"{cadence.PLAYBOOK}:")


def due_tasks(session: Session, *, workspace_id: int, today: date) -> DueTasks:
    """What the dashboard lists, soonest first, keep-in-touch reminders last and capped.

    The routines can add twenty catch-up reminders at once; listed with the rest they would
    bury a thank-you note due tomorrow, so they come after everything else, a few by name.
    """
    due = tasks.due(session, workspace_id=workspace_id, today=today)
    reminders = [t for t in due if is_reminder(t)]
    others = [t for t in due if not is_reminder(t)]
    coming = session.scalars(
        select(Task)
        .where(
            Task.workspace_id == workspace_id,
            Task.status == TaskStatus.OPEN,
            Task.due_date > today,
            Task.due_date <= today + timedelta(days=COMING_UP_DAYS),
            Task.origin.not_like(f"{cadence.PLAYBOOK}:%"),
        )
        .order_by(Task.due_date, Task.id)
        .limit(COMING_UP_SHOWN)
    ).all()
    return DueTasks(
        overdue=[t for t in others if t.due_date is not None and t.due_date < today],
        today=[t for t in others if t.due_date is None or t.due_date >= today],
        coming=list(coming),
        reminders=reminders[:REMINDERS_SHOWN],
        more_reminders=max(0, len(reminders) - REMINDERS_SHOWN),
    )
