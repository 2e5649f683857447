"""The progress view: results per route, open asks, overdue follow-ups, activity per week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

import factories as f
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Route, Stage
from goodword.playbooks import progress
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks.models import TaskStatus
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)  # a Wednesday


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_it_counts_interviews_and_offers_per_route(session: Session, workspace: Workspace):
    referred = f.opportunity(session, workspace.id, route="referral", stage="applied")
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=referred.id, stage=Stage.INTERVIEWING
    )
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=referred.id, stage=Stage.OFFER
    )
    # Offered, then declined by the user: it still reached an offer.
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=referred.id, stage=Stage.WITHDRAWN
    )
    for round_ in (1, 2):
        f.interaction(
            session,
            workspace.id,
            kind="interview",
            opportunity_id=referred.id,
            interview_round=round_,
        )
    f.opportunity(session, workspace.id, route="blind", stage="applied")
    f.opportunity(session, workspace.id, route="blind", stage="rejected")
    routes = {r.route: r for r in progress.by_route(session, workspace_id=workspace.id)}
    assert list(routes) == list(Route)
    referral = routes[Route.REFERRAL]
    assert (referral.opportunities, referral.reached_interview, referral.interviews) == (1, 1, 2)
    assert referral.offers == 1
    blind = routes[Route.BLIND]
    assert (blind.opportunities, blind.reached_interview, blind.offers) == (2, 0, 0)
    assert routes[Route.DIRECT].opportunities == 0


def test_opportunities_without_a_route_get_their_own_row(session: Session, workspace: Workspace):
    f.opportunity(session, workspace.id)
    rows = progress.by_route(session, workspace_id=workspace.id)
    assert rows[-1].route is None and rows[-1].opportunities == 1
    assert rows[-1].label == "Not recorded"


def test_an_application_with_no_route_that_went_in_blind_counts_as_blind(
    session: Session, workspace: Workspace
):
    from goodword.network.queries import count_blind

    # No route recorded, moved to Applied: the warning called it a blind application.
    unrecorded = f.opportunity(session, workspace.id, role_title="A")
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=unrecorded.id, stage=Stage.APPLIED
    )
    # No route recorded either, but only a target, or introduced: neither went in blind.
    f.opportunity(session, workspace.id, role_title="B")
    introduced = f.opportunity(session, workspace.id, role_title="C", stage="introduced")
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=introduced.id, stage=Stage.APPLIED
    )
    f.opportunity(session, workspace.id, role_title="D", route="blind", stage="applied")
    routes = {r.route: r for r in progress.by_route(session, workspace_id=workspace.id)}
    assert routes[Route.BLIND].opportunities == 2
    assert routes[None].opportunities == 2
    data = progress.progress(session, workspace_id=workspace.id, today=TODAY)
    assert data.blind_applications == count_blind(session, workspace_id=workspace.id) == 2
    assert sum(r.opportunities for r in data.routes) == 4


def test_the_blind_count_is_the_dashboards_whatever_the_route(
    session: Session, workspace: Workspace
):
    # Direct contact with no introduction on record: blind by the warning's rule, though it
    # stays in its own row of the table.
    f.opportunity(session, workspace.id, route="direct", stage="interviewing")
    f.opportunity(session, workspace.id, route="referral", stage="applied")
    data = progress.progress(session, workspace_id=workspace.id, today=TODAY)
    assert data.blind_applications == 1
    routes = {r.route: r.opportunities for r in data.routes}
    assert routes[Route.DIRECT] == 1 and routes[Route.BLIND] == 0


def test_it_lists_open_asks_and_overdue_follow_ups(session: Session, workspace: Workspace):
    ada = f.person(session, workspace.id, "Ada")
    ask = referrals.create(
        session, workspace_id=workspace.id, data=ReferralAskCreate(person_id=ada.id)
    )
    late = f.task(session, workspace.id, "Late", due_date=TODAY - timedelta(days=1))
    f.task(session, workspace.id, "Today", due_date=TODAY)
    stale = f.opportunity(
        session, workspace.id, next_step="Chase", next_step_due=TODAY - timedelta(days=3)
    )
    f.opportunity(
        session,
        workspace.id,
        role_title="Finished",
        stage="rejected",
        next_step_due=TODAY - timedelta(days=3),
    )
    view = progress.progress(session, workspace_id=workspace.id, today=TODAY)
    assert [a.id for a in view.open_asks] == [ask.id]
    assert [t.id for t in view.overdue_tasks] == [late.id]
    assert [o.id for o in view.overdue_next_steps] == [stale.id]


def test_activity_is_counted_per_week_from_monday(session: Session, workspace: Workspace):
    monday = date(2026, 11, 23)
    f.interaction(session, workspace.id, kind="call", occurred_at=at(monday))
    f.interaction(session, workspace.id, kind="interview", occurred_at=at(TODAY))
    f.interaction(session, workspace.id, kind="note", occurred_at=at(TODAY))
    f.interaction(session, workspace.id, kind="email", occurred_at=at(monday - timedelta(days=1)))
    f.interaction(session, workspace.id, kind="email", occurred_at=at(monday - timedelta(days=60)))
    weeks = progress.activity(session, workspace_id=workspace.id, today=TODAY, weeks=3)
    assert [w.week_start for w in weeks] == [
        date(2026, 11, 9),
        date(2026, 11, 16),
        monday,
    ]
    assert [(w.contacts, w.interviews) for w in weeks] == [(0, 0), (1, 0), (2, 1)]


def test_progress_is_private_to_the_workspace(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    f.opportunity(session, workspace.id, route="referral")
    f.task(session, workspace.id, "Late", due_date=TODAY - timedelta(days=1))
    view = progress.progress(session, workspace_id=other_workspace.id, today=TODAY)
    assert all(r.opportunities == 0 for r in view.routes)
    assert view.overdue_tasks == [] and view.open_asks == []


def test_a_late_task_whose_snooze_has_ended_is_overdue_again(
    session: Session, workspace: Workspace
):
    back = f.task(session, workspace.id, "Back", due_date=TODAY - timedelta(days=3))
    away = f.task(session, workspace.id, "Away", due_date=TODAY - timedelta(days=3))
    back.status, back.snoozed_until = TaskStatus.SNOOZED, TODAY
    away.status, away.snoozed_until = TaskStatus.SNOOZED, TODAY + timedelta(days=1)
    session.flush()
    view = progress.progress(session, workspace_id=workspace.id, today=TODAY)
    assert [t.id for t in view.overdue_tasks] == [back.id]
