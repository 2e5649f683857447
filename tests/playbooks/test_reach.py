"""Reach the hiring manager: warm paths first, else an advice call through a side door."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.demo import build
from goodword.opportunities.enums import Stage
from goodword.opportunities.models import Opportunity
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate
from goodword.playbooks import reach
from goodword.tasks.models import Task
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


def test_without_a_hiring_manager_it_looks_for_warm_paths_into_the_company(
    session: Session, workspace: Workspace
):
    me, _, opportunity = setting(session, workspace.id, with_manager=False)
    seller = staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    friend = staff(session, workspace.id, "Nia Long", "Director of Product", "Product")
    f.connection(session, workspace.id, me, friend, closeness=5)
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    [path] = result.warm_paths
    assert (path.via, path.to) == (None, friend)
    assert path.reason == "You know Nia Long (Director of Product) yourself."
    # Someone you know comes before a stranger in sales, however good a door sales is.
    entries = [e.person.id for e in result.entry_points]
    assert entries[:2] == [friend.id, seller.id]
    assert result.entry_points[0].reason == "Director of Product (Product); you know them"
    # No one to be introduced to yet: the advice call goes to the friend.
    assert {t.origin for t in result.tasks} == {
        "reach:prepare",
        "reach:advice-call",
        "reach:call-plan",
    }
    assert {t.person_id for t in result.tasks} == {friend.id}
    assert [p.field for p in result.prompts] == ["hiring_manager"]


def test_a_path_into_the_company_through_a_friend_names_who_can_introduce_you(
    session: Session, workspace: Workspace
):
    me, _, opportunity = setting(session, workspace.id, with_manager=False)
    engineer = staff(session, workspace.id, "Ed Kim", "Engineer", "Engineering")
    friend = f.person(session, workspace.id, "Lin Wu")
    f.connection(session, workspace.id, me, friend)
    f.connection(session, workspace.id, friend, engineer, kind="colleague")
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    [path] = result.warm_paths
    assert (path.via, path.to) == (friend, engineer)
    assert path.reason == "You know Lin Wu, who knows Ed Kim (Engineer)."
    assert result.entry_points[0].person == engineer
    assert result.entry_points[0].reason == "Engineer (Engineering); Lin Wu can introduce you"


def test_among_the_doors_someone_the_user_knows_comes_first(session: Session, workspace: Workspace):
    me, manager, opportunity = setting(session, workspace.id)
    engineer = staff(session, workspace.id, "Ed Kim", "Engineer", "Engineering")
    seller = staff(session, workspace.id, "Sol Vega", "Account Executive", "Sales")
    f.connection(session, workspace.id, me, engineer)
    found = reach.entry_points(
        session,
        workspace_id=workspace.id,
        organization_id=opportunity.organization_id,
        user=me,
        manager=manager,
    )
    assert [e.person.id for e in found] == [engineer.id, seller.id]
    assert found[0].reason == "Engineer (Engineering); you know them"


def test_on_the_demo_halcyon_with_no_manager_goes_through_nour_not_a_stranger(
    session: Session, workspace: Workspace, client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    build(session, workspace_id=workspace.id, today=TODAY)
    halcyon = session.scalars(
        select(Opportunity)
        .join(Organization)
        .where(Opportunity.workspace_id == workspace.id, Organization.name.startswith("Halcyon"))
    ).one()
    assert halcyon.hiring_manager is None
    body = client.post(f"/api/v1/opportunities/{halcyon.id}/playbooks/reach", json={}).json()
    first = body["warm_paths"][0]
    assert (first["via_person_id"], first["to_name"]) == (None, "Nour Nasser")
    assert body["entry_points"][0]["name"] == "Nour Nasser"
    assert "you know them" in body["entry_points"][0]["reason"]
    tasks = [session.get(Task, task_id) for task_id in body["task_ids"]]
    assert {t.person.display_name for t in tasks if t is not None} == {"Nour Nasser"}
    [draft] = body["drafts"]
    assert draft["body"].startswith("Hi Nour,")
    page = client.get(f"/opportunities/{halcyon.id}").text
    assert "<h4>Warm paths into Halcyon Transit Systems</h4>" in page


def test_knowing_only_the_recruiter_says_why_no_one_new_was_suggested(
    session: Session, workspace: Workspace
):
    me, manager, opportunity = setting(session, workspace.id, with_manager=False)
    session.delete(manager.positions[0])
    recruiter = staff(session, workspace.id, "Rita Moreno", "Recruiter", "People")
    f.connection(session, workspace.id, me, recruiter, closeness=4)
    session.flush()
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    [path] = result.warm_paths
    assert path.reason == "You know Rita Moreno (Recruiter) yourself."
    [prompt] = [p for p in result.prompts if p.field == "entry_points"]
    assert prompt.message == (
        f"No one new at {ORG} to ask for advice. Rita Moreno (Recruiter) works in the "
        "personnel office, which this playbook skips. Your warm path there stands: You know "
        "Rita Moreno (Recruiter) yourself. Add other people who work there (sales, customer "
        "support and partnership staff make good doors), then run this again."
    )
    assert result.tasks == []


def test_when_the_hiring_manager_is_the_only_one_there_it_says_so(
    session: Session, workspace: Workspace
):
    _, _, opportunity = setting(session, workspace.id)
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    [prompt] = [p for p in result.prompts if p.field == "entry_points"]
    assert prompt.message.startswith(
        f"No one new at {ORG} to ask for advice. Grace Hopper is the hiring manager. Add other"
    )


def test_the_draft_greets_someone_by_the_name_they_go_by(session: Session, workspace: Workspace):
    _, _, opportunity = setting(session, workspace.id)
    seller = staff(session, workspace.id, "Robert Vega", "Account Executive", "Sales")
    seller.notes = "Met at the PyCon stand\nGoes by Bob"
    session.flush()
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    [draft] = result.drafts
    assert draft.body.startswith("Hi Bob,")
    assert "Robert" not in draft.body.split("\n")[0]


def test_an_introduction_two_hops_away_asks_for_the_first_one_truly(
    session: Session, workspace: Workspace
):
    me, manager, opportunity = setting(session, workspace.id)
    friend = f.person(session, workspace.id, "Lin Wu")
    middle = f.person(session, workspace.id, "Max Roe")
    f.connection(session, workspace.id, me, friend, closeness=5)
    f.connection(session, workspace.id, friend, middle, kind="colleague")
    f.connection(session, workspace.id, middle, manager, kind="colleague")
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    [task] = result.tasks
    assert task.title == (
        "Ask Lin Wu to put you in touch with Max Roe, who can introduce you to Grace Hopper"
    )


def test_someone_you_are_in_touch_with_gets_no_introduction_task(
    session: Session, workspace: Workspace
):
    me, manager, opportunity = setting(session, workspace.id)
    friend = f.person(session, workspace.id, "Lin Wu")
    f.connection(session, workspace.id, me, friend, closeness=5)
    f.connection(session, workspace.id, friend, manager, kind="colleague")
    f.connection(session, workspace.id, me, manager, kind="linkedin")
    f.interaction(
        session,
        workspace.id,
        kind="email",
        occurred_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
        participants=[{"person_id": manager.id}],
    )
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    assert result.warm_paths[0].via is None
    assert not result.tasks
    [prompt] = result.prompts
    assert prompt.field == "warm_path"
    assert "introduction beats" not in prompt.message
    assert "Grace Hopper" in prompt.message and "directly" in prompt.message


def test_once_introduced_it_offers_no_introduction(session: Session, workspace: Workspace):
    me, manager, opportunity = setting(session, workspace.id)
    friend = f.person(session, workspace.id, "Lin Wu")
    f.connection(session, workspace.id, me, friend, closeness=5)
    f.connection(session, workspace.id, friend, manager, kind="colleague")
    opportunity.stage = Stage.INTRODUCED
    session.flush()
    result = reach.plan(
        session, workspace_id=workspace.id, opportunity_id=opportunity.id, today=TODAY
    )
    assert not result.tasks
    [prompt] = result.prompts
    assert "introduced" in prompt.message and "introduction beats" not in prompt.message


def test_on_the_demo_lab_informatics_the_card_offers_no_introduction(
    session: Session, workspace: Workspace, client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    build(session, workspace_id=workspace.id, today=TODAY)
    lab = session.scalars(
        select(Opportunity).where(
            Opportunity.workspace_id == workspace.id,
            Opportunity.role_title == "Product Manager, Lab Informatics",
        )
    ).one()
    page = client.get(f"/opportunities/{lab.id}").text
    assert "Add the introduction task" not in page
    assert "introduction beats" not in page
