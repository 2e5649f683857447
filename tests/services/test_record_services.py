"""Organizations, opportunities, interactions, connections and tasks through their services."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

import factories as f
from goodword import clock
from goodword.errors import Conflict, InvalidInput
from goodword.interactions import service as interactions
from goodword.interactions.models import Direction, Interaction, Participant, Rapport
from goodword.interactions.schemas import InteractionUpdate
from goodword.network.queries import count_blind
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Route, Stage
from goodword.opportunities.schemas import OpportunityUpdate
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Position
from goodword.people.schemas import PositionCreate
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import TaskStatusChange


def test_organization_names_are_unique_ignoring_case_and_spacing(session, workspace):
    f.organization(session, workspace.id, "Blue Harbor Labs")
    with pytest.raises(Conflict, match="already an organization"):
        f.organization(session, workspace.id, "blue  harbor LABS")
    again = organizations.get_or_create(session, workspace_id=workspace.id, name="BLUE HARBOR LABS")
    assert again.name == "Blue Harbor Labs"


def test_organization_domains_must_look_like_domains():
    with pytest.raises(ValidationError):
        OrganizationCreate(name="X", domains=["not a domain"])
    assert OrganizationCreate(name="X", domains=["Example.COM"]).domains == ["example.com"]


def test_an_organization_with_opportunities_cannot_be_deleted(session, workspace):
    opportunity = f.opportunity(session, workspace.id, organization_name="Kettle & Co")
    with pytest.raises(Conflict, match="1 opportunity"):
        organizations.delete(
            session, workspace_id=workspace.id, organization_id=opportunity.organization_id
        )


def test_deleting_an_organization_removes_positions_held_there(session, workspace):
    person = f.person(session, workspace.id)
    position = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(organization_name="Short Lived Inc"),
    )
    organizations.delete(
        session, workspace_id=workspace.id, organization_id=position.organization_id
    )
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Position)) == 0
    assert people.get(session, workspace_id=workspace.id, person_id=person.id).positions == []


def test_opportunities_keep_a_dated_stage_history(session, workspace):
    start = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    opportunity = opportunities.create(
        session,
        workspace_id=workspace.id,
        data=f.OpportunityCreate(organization_name="Acme", role_title="Analyst"),
        at=start,
    )
    moved_at = datetime(2026, 10, 8, 9, 0, tzinfo=UTC)
    opportunities.move(
        session,
        workspace_id=workspace.id,
        opportunity_id=opportunity.id,
        stage=Stage.APPLIED,
        note="sent through Priya",
        at=moved_at,
    )
    opportunities.move(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, stage=Stage.APPLIED
    )
    history = [(c.from_stage, c.to_stage, c.changed_at) for c in opportunity.stage_changes]
    assert history == [(None, Stage.TARGET, start), (Stage.TARGET, Stage.APPLIED, moved_at)]
    assert opportunity.stage_changes[-1].note == "sent through Priya"


def test_updating_an_opportunity_to_another_stage_records_the_move(session, workspace):
    opportunity = f.opportunity(session, workspace.id)
    opportunities.update(
        session,
        workspace_id=workspace.id,
        opportunity_id=opportunity.id,
        data=OpportunityUpdate(
            organization_id=opportunity.organization_id,
            role_title="Senior Product Manager",
            stage=Stage.INTERVIEWING,
        ),
    )
    assert opportunity.role_title == "Senior Product Manager"
    assert [c.to_stage for c in opportunity.stage_changes] == [Stage.TARGET, Stage.INTERVIEWING]


def test_pay_range_must_be_in_order():
    with pytest.raises(ValidationError, match="pay_max is below pay_min"):
        f.OpportunityCreate(organization_name="A", role_title="B", pay_min=90000, pay_max=80000)


def test_counts_by_stage_and_blind_applications(session, workspace):
    f.opportunity(session, workspace.id, role_title="A", stage="applied", route="blind")
    f.opportunity(session, workspace.id, role_title="B", stage="applied", route="referral")
    f.opportunity(session, workspace.id, role_title="C", stage="target")
    counts = opportunities.count_by_stage(session, workspace_id=workspace.id)
    assert counts[Stage.APPLIED] == 2 and counts[Stage.TARGET] == 1 and counts[Stage.OFFER] == 0
    assert list(counts) == list(Stage)
    assert count_blind(session, workspace_id=workspace.id) == 1
    # The rule of the blind-application warning: whatever the route is called, an
    # application that went in with no introduction on record, and only then.
    f.opportunity(session, workspace.id, role_title="D", stage="target", route="blind")
    f.opportunity(session, workspace.id, role_title="E", stage="interviewing", route="direct")
    assert count_blind(session, workspace_id=workspace.id) == 2
    board = opportunities.board(session, workspace_id=workspace.id)
    assert sorted(o.role_title for o in board[Stage.APPLIED]) == ["A", "B"]
    assert board[Stage.APPLIED][0].route in (Route.BLIND, Route.REFERRAL)


def test_interactions_record_rapport_per_participant_and_can_change_it(session, workspace):
    ana = f.person(session, workspace.id, "Ana Lima")
    ben = f.person(session, workspace.id, "Ben Cole")
    opportunity = f.opportunity(session, workspace.id)
    interview = f.interaction(
        session,
        workspace.id,
        kind="interview",
        interview_round=3,
        opportunity_id=opportunity.id,
        participants=[
            {"person_id": ana.id, "rapport": "clicked"},
            {"person_id": ben.id, "rapport": "neutral"},
        ],
    )
    interactions.update(
        session,
        workspace_id=workspace.id,
        interaction_id=interview.id,
        data=InteractionUpdate(
            occurred_at=interview.occurred_at,
            kind="interview",
            interview_round=3,
            participants=[{"person_id": ben.id, "rapport": "clicked"}],
        ),
    )
    rows = session.execute(select(Participant.person_id, Participant.rapport)).all()
    assert rows == [(ben.id, Rapport.CLICKED)]
    listed = interactions.list_(session, workspace_id=workspace.id, person_id=ben.id).items
    assert [i.id for i in listed] == [interview.id]
    assert interactions.list_(session, workspace_id=workspace.id, person_id=ana.id).items == []


def test_interview_round_is_only_for_interviews():
    with pytest.raises(ValidationError, match="only for interviews"):
        f.InteractionCreate(occurred_at=datetime.now(UTC), kind="call", interview_round=2)


def test_who_wrote_is_kept_for_messages_and_e_mails_only(session, workspace):
    ana = f.person(session, workspace.id, "Ana Lima")
    sent = f.interaction(
        session, workspace.id, kind="email", direction="outbound",
        participants=[{"person_id": ana.id}],
    )  # fmt: skip
    assert interactions.to_read(sent).direction is Direction.OUTBOUND
    interactions.update(
        session, workspace_id=workspace.id, interaction_id=sent.id,
        data=InteractionUpdate(
            occurred_at=sent.occurred_at, kind="email", direction="inbound",
            participants=[{"person_id": ana.id}],
        ),
    )  # fmt: skip
    assert session.scalar(select(Interaction.direction)) is Direction.INBOUND
    with pytest.raises(ValidationError, match="only for messages and e-mails"):
        f.InteractionCreate(occurred_at=datetime.now(UTC), kind="meeting", direction="outbound")


def test_a_participant_must_belong_to_the_workspace(session, workspace, other_workspace):
    stranger = f.person(session, other_workspace.id, "Stranger")
    with pytest.raises(InvalidInput) as caught:
        f.interaction(session, workspace.id, participants=[{"person_id": stranger.id}])
    assert caught.value.fields[0].field == "participants.0.person_id"


def test_connections_are_refused_twice_in_either_direction(session, workspace):
    a, b = f.person(session, workspace.id, "A"), f.person(session, workspace.id, "B")
    f.connection(session, workspace.id, a, b, kind="colleague", closeness=4)
    with pytest.raises(Conflict, match="already have a colleague connection"):
        f.connection(session, workspace.id, b, a, kind="colleague")
    f.connection(session, workspace.id, b, a, kind="friend")  # another kind of tie is fine
    with pytest.raises(ValidationError, match="two different people"):
        f.ConnectionCreate(person_a_id=a.id, person_b_id=a.id, kind="friend")


def test_tasks_can_be_done_snoozed_and_reopened(session, workspace, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))
    task = f.task(session, workspace.id, due_date=date(2026, 11, 20))
    tasks.set_status(
        session, workspace_id=workspace.id, task_id=task.id, change=TaskStatusChange(status="done")
    )
    assert task.status is TaskStatus.DONE and task.completed_at is not None
    with pytest.raises(ValidationError, match="snooze"):
        TaskStatusChange(status="snoozed")
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=task.id,
        change=TaskStatusChange(status="snoozed", snoozed_until=date(2026, 12, 1)),
    )
    assert task.completed_at is None and task.snoozed_until == date(2026, 12, 1)


def test_due_tasks_include_overdue_and_expired_snoozes_only(session, workspace, monkeypatch):
    today = date(2026, 11, 25)
    # Snoozed a while ago (a snooze must end after the day it is set), and it has ended.
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 10))
    overdue = f.task(session, workspace.id, "Overdue", due_date=date(2026, 11, 1))
    f.task(session, workspace.id, "Later", due_date=date(2026, 12, 1))
    f.task(session, workspace.id, "Undated")
    woken = f.task(session, workspace.id, "Snoozed", due_date=date(2026, 11, 2))
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=woken.id,
        change=TaskStatusChange(status="snoozed", snoozed_until=date(2026, 11, 24)),
    )
    assert [t.title for t in tasks.due(session, workspace_id=workspace.id, today=today)] == [
        overdue.title,
        woken.title,
    ]


def test_a_snooze_ends_by_itself_in_the_lists(session, workspace, monkeypatch):
    today = date(2026, 11, 25)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 10))
    back, asleep = (f.task(session, workspace.id, title) for title in ("Back", "Asleep"))
    for task, until in ((back, date(2026, 11, 25)), (asleep, date(2026, 11, 26))):
        change = TaskStatusChange(status="snoozed", snoozed_until=until)
        tasks.set_status(session, workspace_id=workspace.id, task_id=task.id, change=change)

    def titles(status: TaskStatus) -> list[str]:
        page = tasks.list_(session, workspace_id=workspace.id, today=today, status=status)
        return [t.title for t in page.items]

    assert titles(TaskStatus.OPEN) == ["Back"]
    assert titles(TaskStatus.SNOOZED) == ["Asleep"]
    everything = tasks.list_(session, workspace_id=workspace.id, today=today).items
    assert sorted(t.title for t in everything) == ["Asleep", "Back"]


def test_tasks_link_only_to_records_of_the_same_workspace(session, workspace, other_workspace):
    foreign = f.person(session, other_workspace.id, "Foreign")
    with pytest.raises(InvalidInput) as caught:
        f.task(session, workspace.id, person_id=foreign.id)
    assert caught.value.fields[0].field == "person_id"
