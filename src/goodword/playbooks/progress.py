"""The progress view as plain data: what each route yields, what is open, what is late."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.interactions.models import Interaction, InteractionKind, is_contact
from goodword.network.queries import went_in_blind
from goodword.opportunities.models import Opportunity, Route, Stage, StageChange
from goodword.referrals import service as referrals
from goodword.referrals.models import ReferralAsk
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus

_INTERVIEWED = {Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED}
_OFFERED = {Stage.OFFER, Stage.ACCEPTED}
_FINISHED = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN)


@dataclass(frozen=True)
class RouteProgress:
    """How one route is doing; `route` None is for opportunities with no route recorded."""

    route: Route | None
    opportunities: int
    reached_interview: int
    interviews: int
    offers: int

    @property
    def label(self) -> str:
        return self.route.label if self.route else "Not recorded"


@dataclass(frozen=True)
class WeekActivity:
    week_start: date
    contacts: int
    interviews: int


@dataclass(frozen=True)
class Progress:
    routes: list[RouteProgress]
    # Applications that went in blind, by the rule the dashboard and the warning use.
    blind_applications: int
    open_asks: list[ReferralAsk]
    overdue_tasks: list[Task]
    overdue_next_steps: list[Opportunity]
    activity: list[WeekActivity]


def by_route(
    session: Session, *, workspace_id: int, blind: set[int] | None = None
) -> list[RouteProgress]:
    """Opportunities, interviews and offers per route, routes in their usual order.

    An opportunity with no route recorded whose application went in blind (`blind`, by
    default `went_in_blind`) counts as a blind application: the app has called it that.
    """
    if blind is None:
        blind = went_in_blind(session, workspace_id=workspace_id)
    reached: dict[int, set[Stage]] = defaultdict(set)
    for opportunity_id, stage in session.execute(
        select(StageChange.opportunity_id, StageChange.to_stage).where(
            StageChange.workspace_id == workspace_id
        )
    ):
        reached[opportunity_id].add(stage)
    interview_counts: dict[int | None, int] = {
        opportunity_id: count
        for opportunity_id, count in session.execute(
            select(Interaction.opportunity_id, func.count())
            .where(
                Interaction.workspace_id == workspace_id,
                Interaction.kind == InteractionKind.INTERVIEW,
                Interaction.opportunity_id.is_not(None),
            )
            .group_by(Interaction.opportunity_id)
        )
    }
    totals: dict[Route | None, list[int]] = {route: [0, 0, 0, 0] for route in [*Route, None]}
    for opportunity_id, route, stage in session.execute(
        select(Opportunity.id, Opportunity.route, Opportunity.stage).where(
            Opportunity.workspace_id == workspace_id
        )
    ):
        stages = reached[opportunity_id] | {stage}
        count = interview_counts.get(opportunity_id, 0)
        if route is None and opportunity_id in blind:
            route = Route.BLIND
        row = totals[route]
        row[0] += 1
        row[1] += int(bool(stages & _INTERVIEWED) or count > 0)
        row[2] += count
        row[3] += int(bool(stages & _OFFERED))
    return [
        RouteProgress(route, *numbers)
        for route, numbers in totals.items()
        if route is not None or numbers[0]
    ]


def activity(
    session: Session, *, workspace_id: int, today: date, weeks: int = 8
) -> list[WeekActivity]:
    """Contacts and interviews logged per week (Monday to Sunday), oldest week first."""
    this_week = today - timedelta(days=today.weekday())
    first = this_week - timedelta(weeks=weeks - 1)
    counts: dict[date, list[int]] = {first + timedelta(weeks=i): [0, 0] for i in range(weeks)}
    rows = session.scalars(
        select(Interaction).where(
            Interaction.workspace_id == workspace_id,
            is_contact(),
        )
    )
    for interaction in rows:
        day = interaction.occurred_at.date()
        week = day - timedelta(days=day.weekday())
        if week in counts and day <= today:
            counts[week][0] += 1
            counts[week][1] += int(interaction.kind is InteractionKind.INTERVIEW)
    return [WeekActivity(week, c, i) for week, (c, i) in counts.items()]


def progress(session: Session, *, workspace_id: int, today: date, weeks: int = 8) -> Progress:
    """Everything the progress view shows, for the week holding `today` and the ones before."""
    overdue_tasks = list(
        session.scalars(
            select(Task)
            .where(
                Task.workspace_id == workspace_id,
                or_(Task.status == TaskStatus.OPEN, tasks.back_by(today)),
                Task.due_date < today,
            )
            .order_by(Task.due_date, Task.id)
        )
    )
    overdue_steps = list(
        session.scalars(
            select(Opportunity)
            .where(
                Opportunity.workspace_id == workspace_id,
                Opportunity.next_step_due < today,
                Opportunity.stage.not_in(_FINISHED),
            )
            .options(selectinload(Opportunity.organization))
            .order_by(Opportunity.next_step_due, Opportunity.id)
        )
    )
    blind = went_in_blind(session, workspace_id=workspace_id)
    return Progress(
        routes=by_route(session, workspace_id=workspace_id, blind=blind),
        blind_applications=len(blind),
        open_asks=referrals.list_(session, workspace_id=workspace_id, open_only=True),
        overdue_tasks=overdue_tasks,
        overdue_next_steps=overdue_steps,
        activity=activity(session, workspace_id=workspace_id, today=today, weeks=weeks),
    )
