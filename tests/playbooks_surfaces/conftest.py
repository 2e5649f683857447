"""Shared pieces for the playbook surfaces: a fixed clock and a small late-rejection search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.opportunities.models import Opportunity
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate
from goodword.references import service as references
from goodword.references.models import Reference
from goodword.references.schemas import ReferenceCreate

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: NOW)


@dataclass
class Search:
    """Sam's search: a final round at Larkspur with two interviewers Sam clicked with."""

    me: Person
    opportunity: Opportunity
    manager: Person
    engineer: Person
    recruiter: Person
    target: Opportunity


def build_search(
    session: Session, ws: int, *, stage: str = "interviewing", final_round: int = 3
) -> Search:
    me = f.person(
        session,
        ws,
        "Sam Carter",
        given_name="Sam",
        family_name="Carter",
        is_me=True,
        emails=["sam@example.org"],
    )
    opportunity = f.opportunity(
        session, ws, organization_name="Larkspur Health", role_title="Senior PM", stage=stage
    )
    manager = f.person(
        session, ws, "Morgan Reyes", given_name="Morgan", emails=["morgan@larkspur.example"]
    )
    engineer = f.person(session, ws, "Priya Natarajan", given_name="Priya")
    recruiter = f.person(session, ws, "Lee Park", given_name="Lee")
    for who in (manager, engineer, recruiter):
        people.add_position(
            session,
            workspace_id=ws,
            person_id=who.id,
            data=PositionCreate(organization_name="Larkspur Health", title="Staff"),
        )
    people.add_position(
        session,
        workspace_id=ws,
        person_id=manager.id,
        data=PositionCreate(
            organization_name="Jadeway Semiconductors",
            title="Product Manager",
            start_date=date(2015, 1, 1),
            end_date=date(2019, 1, 1),
        ),
    )
    target = f.opportunity(
        session, ws, organization_name="Lumenfold Optics", role_title="PM", stage="target"
    )
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=1,
        participants=[{"person_id": recruiter.id, "rapport": "good"}],
    )
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=final_round,
        occurred_at=datetime(2026, 11, 13, 15, tzinfo=UTC),
        participants=[
            {"person_id": manager.id, "rapport": "clicked"},
            {"person_id": engineer.id, "rapport": "clicked"},
            {"person_id": me.id},
        ],
    )
    return Search(me, opportunity, manager, engineer, recruiter, target)


def add_reference(session: Session, ws: int, person: Person, **fields: Any) -> Reference:
    fields.setdefault("consent_on", date(2026, 10, 1))
    fields.setdefault("can_speak_to", "the scheduling project")
    return references.create(
        session, workspace_id=ws, data=ReferenceCreate(person_id=person.id, **fields)
    )


@pytest.fixture
def search(session: Session, workspace: Any) -> Search:
    """The search, in Alice's workspace (the one the app and the CLI use)."""
    return build_search(session, workspace.id)


@pytest.fixture
def make_reference(session: Session, workspace: Any) -> Any:
    def make(person: Person, **fields: Any) -> Reference:
        return add_reference(session, workspace.id, person, **fields)

    return make
