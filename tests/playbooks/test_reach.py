"""Reach the hiring manager: warm paths first, else an advice call through a side door."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

import factories as f
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate
from goodword.playbooks import reach
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
ORG = "Tidewell Energy"


def staff(session: Session, ws: int, name: str, title: str, department: str) -> Person:
    person = f.person(session, ws, name, given_name=name.split()[0])
    people.add_position(
        session,
        workspace_id=ws,
        person_id=person.id,
        data=PositionCreate(organization_name=ORG, title=title, department=department),
    )
    return person


def setting(session: Session, ws: int, *, with_manager: bool = True):
    me = f.person(session, ws, "Sam Carter", is_me=True)
    manager = staff(session, ws, "Grace Hopper", "Group Product Manager", "Product")
    opportunity = f.opportunity(
        session,
        ws,
        organization_name=ORG,
        role_title="Product Lead, Grid Analytics",
        hiring_manager_id=manager.id if with_manager else None,
    )
    return me, manager, opportunity


def test_with_no_warm_path_it_plans_an_advice_call_through_a_side_door(
    session: Session, workspace: Workspace
):
    _, _, opportunity = setting(session, workspace.id)
    recruiter = staff(session, workspace.id, "Rita Moreno", "Talent Partner", "People")
    engineer = staff(session, workspace.id, "Ed Kim", "Engineer", "Engineering")
    seller = staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    assert not result.warm_paths
    entries = [e.person.id for e in result.entry_points]
    # Sales first (a door near customers); never the personnel office, never the manager.
    assert entries == [seller.id, engineer.id]
    assert recruiter.id not in entries
    assert "close to customers" in result.entry_points[0].reason
    steps = {t.origin: t for t in result.tasks}
    assert set(steps) == {"reach:prepare", "reach:advice-call", "reach:call-plan"}
    assert steps["reach:prepare"].title == "Write down something useful to say to Sol Vega"
    assert steps["reach:prepare"].due_date == TODAY + timedelta(days=1)
    assert steps["reach:advice-call"].due_date == TODAY + timedelta(days=2)
    assert "whom in the Product team" in steps["reach:call-plan"].title
    assert all(t.person_id == seller.id for t in result.tasks)
    [draft] = result.drafts
    assert draft.key == "advice_call" and draft.complete
    assert "I'm not asking for a job" in draft.body
    assert "Tidewell Energy does in Product" in draft.body


def test_someone_the_user_can_reach_is_the_first_door(session: Session, workspace: Workspace):
    me, _, opportunity = setting(session, workspace.id)
    engineer = staff(session, workspace.id, "Ed Kim", "Engineer", "Engineering")
    seller = staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    f.connection(session, workspace.id, me, engineer)
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    assert not result.warm_paths
    assert [e.person.id for e in result.entry_points] == [engineer.id, seller.id]
    assert {t.person_id for t in result.tasks} == {engineer.id}


def test_planning_twice_adds_nothing(session: Session, workspace: Workspace):
    _, _, opportunity = setting(session, workspace.id)
    staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    first = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    second = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    assert (first.created, second.created) == (3, 0)


def test_the_user_may_pick_another_entry_point(session: Session, workspace: Workspace):
    _, _, opportunity = setting(session, workspace.id)
    staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    support = staff(session, workspace.id, "Sue Park", "Support Lead", "Customer Support")
    result = reach.plan(
        session,
        workspace_id=workspace.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        entry_person_id=support.id,
    )
    assert {t.person_id for t in result.tasks} == {support.id}


def test_a_warm_path_suggests_an_introduction_instead(session: Session, workspace: Workspace):
    me, manager, opportunity = setting(session, workspace.id)
    friend = f.person(session, workspace.id, "Lin Wu")
    f.connection(session, workspace.id, me, friend)
    f.connection(session, workspace.id, friend, manager, kind="colleague")
    staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    assert [p.via.id for p in result.warm_paths if p.via] == [friend.id]
    [task] = result.tasks
    assert task.origin == "reach:introduction"
    assert task.title == "Ask Lin Wu to introduce you to Grace Hopper"
    assert [p.field for p in result.prompts] == ["warm_path"]
    forced = reach.plan(
        session,
        workspace_id=workspace.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        even_with_warm_path=True,
    )
    assert {t.origin for t in forced.tasks} == {
        "reach:prepare",
        "reach:advice-call",
        "reach:call-plan",
    }


def test_no_one_known_at_the_company_is_a_clear_prompt(session: Session, workspace: Workspace):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    opportunity = f.opportunity(session, workspace.id, organization_name="Quiet Harbour Ltd")
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    fields = [(p.field, p.blocking) for p in result.prompts]
    assert fields == [("hiring_manager", False), ("entry_points", True)]
    assert "No one at Quiet Harbour Ltd" in result.prompts[1].message
    assert result.tasks == []


def test_without_a_hiring_manager_the_department_comes_from_the_role(
    session: Session, workspace: Workspace
):
    _, _, opportunity = setting(session, workspace.id, with_manager=False)
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    # Grace (in Product) is now an ordinary member of staff and the only door.
    assert [e.person.display_name for e in result.entry_points] == ["Grace Hopper"]
    assert "whom in the Product team" in result.tasks[-1].title
