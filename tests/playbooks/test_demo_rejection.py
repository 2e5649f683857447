"""The rejection playbook on the demo network: exactly the two people Robin clicked with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from goodword.demo import DemoSummary, build
from goodword.interactions.models import Interaction, InteractionKind, Participant, Rapport
from goodword.playbooks import rejection
from goodword.referrals.models import ReferralAsk
from goodword.tasks.models import Task
from goodword.workspaces import service as workspaces

TODAY = date(2026, 11, 25)


@dataclass
class Loaded:
    session: Session
    workspace_id: int
    summary: DemoSummary
    first: rejection.RejectionResult
    second: rejection.RejectionResult


@pytest.fixture(scope="module")
def demo(engine: Engine) -> Iterator[Loaded]:
    """One demo load and two playbook runs per backend, rolled back at the end."""
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        workspace = workspaces.get_or_create(session, slug="demo-playbooks", name="Demo")
        summary = build(session, workspace_id=workspace.id, today=TODAY)
        first = rejection.run(
            session,
            workspace_id=workspace.id,
            opportunity_id=summary.rejected_opportunity_id,
            today=TODAY,
        )
        second = rejection.run(
            session,
            workspace_id=workspace.id,
            opportunity_id=summary.rejected_opportunity_id,
            today=TODAY,
        )
        yield Loaded(session, workspace.id, summary, first, second)
        session.close()
        outer.rollback()


def _clicked_in_the_records(demo: Loaded) -> set[int]:
    return set(
        demo.session.scalars(
            select(Participant.person_id)
            .join(Interaction)
            .where(
                Interaction.opportunity_id == demo.summary.rejected_opportunity_id,
                Interaction.kind == InteractionKind.INTERVIEW,
                Participant.rapport == Rapport.CLICKED,
            )
        )
    )


def test_it_finds_exactly_the_two_interviewers_robin_clicked_with(demo: Loaded):
    clicked = {i.person.id for i in demo.first.clicked}
    assert len(clicked) == 2
    assert clicked == _clicked_in_the_records(demo)
    assert not demo.first.blocked


def test_it_makes_a_thank_you_and_an_ask_for_each_of_them_only(demo: Loaded):
    clicked = {i.person.id for i in demo.first.clicked}
    by_person: dict[int | None, set[str]] = {}
    for task in demo.first.tasks:
        by_person.setdefault(task.person_id, set()).add(task.origin)
    assert by_person == {pid: {"rejection:thank", "rejection:ask"} for pid in clicked}
    assert all(t.opportunity_id == demo.summary.rejected_opportunity_id for t in demo.first.tasks)
    assert {t.due_date for t in demo.first.tasks} == {
        TODAY + timedelta(days=1),
        TODAY + timedelta(days=3),
    }


def test_each_draft_is_complete_and_names_companies_tied_to_the_interviewer(demo: Loaded):
    assert len(demo.first.drafts) == 4
    assert all(d.complete for d in demo.first.drafts)
    names = {i.person.display_name for i in demo.first.clicked}
    assert {d.to_name for d in demo.first.drafts} == names
    for interviewer in demo.first.clicked:
        suggestions = demo.first.companies[interviewer.person.id]
        assert len(suggestions) == 3
        # The demo gives both of them ties at Robin's targets: those come first.
        assert suggestions[0].on_target_list
        assert "worked there" in suggestions[0].reason or "knows" in suggestions[0].reason
        assert all(s.organization.name != "Larkspur Health" for s in suggestions)
        ask = next(
            d
            for d in demo.first.drafts
            if d.key == "courtesy_ask" and d.to_name == interviewer.person.display_name
        )
        for suggestion in suggestions:
            assert suggestion.organization.name in ask.body
        assert ask.body.rstrip().endswith("Robin Castillo")


def test_running_it_twice_on_the_demo_duplicates_nothing(demo: Loaded):
    assert demo.first.created == 4
    assert demo.second.created == 0
    assert [t.id for t in demo.second.tasks] == [t.id for t in demo.first.tasks]
    keys = demo.session.scalars(
        select(Task.origin_key).where(
            Task.workspace_id == demo.workspace_id, Task.origin.like("rejection:%")
        )
    ).all()
    assert len(keys) == 4
    asks = demo.session.scalars(
        select(ReferralAsk).where(ReferralAsk.workspace_id == demo.workspace_id)
    ).all()
    assert len(asks) == 6
