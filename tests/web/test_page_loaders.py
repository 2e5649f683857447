"""The service loaders the pages use: whole records in few queries, never another workspace's."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect
from sqlalchemy.orm import Session

import factories
from goodword.interactions import service as interactions
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.tasks import service as tasks
from goodword.workspaces.models import Workspace


def _unloaded(record: object) -> set[str]:
    return set(inspect(record).unloaded)


def test_get_many_keeps_the_order_asked_and_skips_outsiders(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace", emails=["ada@example.org"])
    grace = factories.person(session, workspace.id, "Grace Hopper")
    theirs = factories.person(session, other_workspace.id, "Charlie's Friend")
    session.expire_all()
    found = people.get_many(
        session, workspace_id=workspace.id, ids=[grace.id, theirs.id, ada.id, grace.id, 999999]
    )
    assert [p.id for p in found] == [grace.id, ada.id]
    assert {"emails", "phones", "urls", "positions"}.isdisjoint(_unloaded(found[1]))
    assert [e.address for e in found[1].emails] == ["ada@example.org"]
    assert people.get_many(session, workspace_id=workspace.id, ids=[]) == []


def test_organizations_get_many_skips_outsiders(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    acme = factories.organization(session, workspace.id, "Acme Robotics")
    initech = factories.organization(session, workspace.id, "Initech")
    hidden = factories.organization(session, other_workspace.id, "Hidden Co")
    found = organizations.get_many(
        session, workspace_id=workspace.id, ids=[initech.id, hidden.id, acme.id]
    )
    assert [o.name for o in found] == ["Initech", "Acme Robotics"]


def test_positions_at_splits_current_from_former_staff_by_name(
    session: Session, workspace: Workspace
) -> None:
    initech = factories.organization(session, workspace.id, "Initech")
    for name, current in (("Zed Young", True), ("Ada Lovelace", True), ("Bob Brown", False)):
        person = factories.person(session, workspace.id, name)
        people.add_position(
            session,
            workspace_id=workspace.id,
            person_id=person.id,
            data=PositionCreate(
                organization_id=initech.id,
                is_current=current,
                end_date=None if current else date(2024, 1, 31),
            ),
        )
    session.expire_all()
    current = organizations.positions_at(
        session, workspace_id=workspace.id, organization_id=initech.id, current=True
    )
    former = organizations.positions_at(
        session, workspace_id=workspace.id, organization_id=initech.id, current=False
    )
    assert [p.person.display_name for p in current] == ["Ada Lovelace", "Zed Young"]
    assert [p.person.display_name for p in former] == ["Bob Brown"]
    assert "person" not in _unloaded(current[0])


def test_positions_at_shows_nothing_to_another_workspace(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    initech = factories.organization(session, workspace.id, "Initech")
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=ada.id,
        data=PositionCreate(organization_id=initech.id, is_current=True),
    )
    assert (
        organizations.positions_at(
            session, workspace_id=other_workspace.id, organization_id=initech.id, current=True
        )
        == []
    )


def test_choices_are_sorted_and_capped(session: Session, workspace: Workspace) -> None:
    for name in ("Grace Hopper", "Ada Lovelace", "Bob Brown"):
        factories.person(session, workspace.id, name)
    factories.opportunity(session, workspace.id, role_title="Analyst", organization_name="Zeta")
    factories.opportunity(session, workspace.id, role_title="Engineer", organization_name="Alpha")
    names = [name for _, name in people.choices(session, workspace_id=workspace.id, limit=2)]
    assert names == ["Ada Lovelace", "Bob Brown"]
    labels = [label for _, label in opportunities.choices(session, workspace_id=workspace.id)]
    assert labels == ["Engineer — Alpha", "Analyst — Zeta"]
    orgs = [name for _, name in organizations.choices(session, workspace_id=workspace.id)]
    assert orgs == ["Alpha", "Zeta"]


def test_two_people_of_one_name_are_told_apart_in_a_picker(
    session: Session, workspace: Workspace
) -> None:
    first, second = (factories.person(session, workspace.id, "Sam Lee") for _ in range(2))
    third = factories.person(session, workspace.id, "Sam Lees")
    assert people.choices(session, workspace_id=workspace.id) == [
        (first.id, f"Sam Lee (number {first.id})"),
        (second.id, f"Sam Lee (number {second.id})"),
        (third.id, "Sam Lees"),
    ]


def test_interactions_come_with_their_opportunity_and_its_organization(
    session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(
        session, workspace.id, role_title="Data Lead", organization_name="Northwind"
    )
    factories.interaction(
        session, workspace.id, opportunity_id=opportunity.id, summary="First interview"
    )
    session.expire_all()
    (found,) = interactions.list_(session, workspace_id=workspace.id).items
    assert "opportunity" not in _unloaded(found)
    assert found.opportunity is not None
    assert "organization" not in _unloaded(found.opportunity)
    assert found.opportunity.organization.name == "Northwind"


def test_tasks_come_with_the_records_they_concern(session: Session, workspace: Workspace) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    opportunity = factories.opportunity(
        session, workspace.id, role_title="Data Lead", organization_name="Northwind"
    )
    factories.task(
        session,
        workspace.id,
        "Ask Ada about Northwind",
        person_id=ada.id,
        organization_id=opportunity.organization_id,
        opportunity_id=opportunity.id,
    )
    session.expire_all()
    (found,) = tasks.list_(session, workspace_id=workspace.id, today=date(2026, 11, 25)).items
    assert {"person", "organization", "opportunity"}.isdisjoint(_unloaded(found))
    assert found.opportunity is not None
    assert "organization" not in _unloaded(found.opportunity)
    assert found.person is not None and found.person.display_name == "Ada Lovelace"
