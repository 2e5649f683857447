"""The demo network: deterministic for a seed and day, believable, and holding its story."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.demo import DemoSummary, build
from goodword.errors import Conflict
from goodword.interactions import service as interactions
from goodword.interactions.models import Interaction, InteractionKind, Participant, Rapport
from goodword.network import loader
from goodword.network.queries import count_blind
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail, PersonUrl, Position
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.search import service as search
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

TODAY = date(2026, 3, 2)


@dataclass
class Loaded:
    session: Session
    workspace_id: int
    summary: DemoSummary


@pytest.fixture(scope="module")
def demo(engine: Engine) -> Iterator[Loaded]:
    """One demo load per backend for the whole module (a load takes seconds), rolled back."""
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        workspace = workspaces.get_or_create(session, slug="demo-a", name="Demo A")
        summary = build(session, workspace_id=workspace.id, seed=2026, today=TODAY)
        yield Loaded(session, workspace.id, summary)
        session.close()
        outer.rollback()


def export(session: Session, workspace_id: int) -> dict[str, Any]:
    """A stable picture of a workspace: names, organizations, stages, ties, interactions."""
    name = {
        p.id: p.display_name
        for p in session.scalars(select(Person).where(Person.workspace_id == workspace_id))
    }
    return {
        "people": sorted(name.values()),
        "organizations": sorted(
            session.scalars(
                select(Organization.name).where(Organization.workspace_id == workspace_id)
            )
        ),
        "stages": Counter(
            session.scalars(
                select(Opportunity.stage).where(Opportunity.workspace_id == workspace_id)
            )
        ),
        "connections": sorted(
            (name[c.person_a_id], name[c.person_b_id], c.kind.value, c.closeness or 0)
            for c in session.scalars(
                select(Connection).where(Connection.workspace_id == workspace_id)
            )
        ),
        "interactions": sorted(
            (i.occurred_at.isoformat(), i.kind.value, i.summary or "")
            for i in session.scalars(
                select(Interaction).where(Interaction.workspace_id == workspace_id)
            )
        ),
    }


def test_it_builds_the_same_network_for_the_same_seed_and_day(demo: Loaded) -> None:
    again = workspaces.get_or_create(demo.session, slug="demo-b", name="Demo B")
    summary = build(demo.session, workspace_id=again.id, seed=2026, today=TODAY)

    first, second = export(demo.session, demo.workspace_id), export(demo.session, again.id)
    assert first == second
    assert summary.people == demo.summary.people == len(first["people"])
    assert summary.connections == demo.summary.connections == len(first["connections"])


def test_another_seed_builds_another_network(demo: Loaded) -> None:
    other = workspaces.get_or_create(demo.session, slug="demo-c", name="Demo C")
    build(demo.session, workspace_id=other.id, seed=7, today=TODAY)

    first, second = export(demo.session, demo.workspace_id), export(demo.session, other.id)
    assert first["people"] != second["people"]
    # The story itself does not depend on the seed.
    assert first["stages"] == second["stages"]


def test_it_builds_a_few_hundred_people_across_dozens_of_organizations(demo: Loaded) -> None:
    summary = demo.summary
    assert 250 <= summary.people <= 400
    assert 30 <= summary.organizations <= 50
    counted = people.count(demo.session, workspace_id=demo.workspace_id)
    assert counted == summary.people
    past = demo.session.scalar(
        select(func.count())
        .select_from(Position)
        .where(Position.workspace_id == demo.workspace_id, Position.is_current.is_(False))
    )
    assert past and past > summary.people // 2
    assert any(not name.isascii() for name in export(demo.session, demo.workspace_id)["people"])


def test_every_email_at_work_uses_the_employers_domain(demo: Loaded) -> None:
    rows = demo.session.execute(
        select(PersonEmail.address, Organization.domains)
        .join(Position, Position.person_id == PersonEmail.person_id)
        .join(Organization, Organization.id == Position.organization_id)
        .where(PersonEmail.workspace_id == demo.workspace_id, Position.is_current)
    ).all()
    work = [(address, domains) for address, domains in rows if "@mail" not in address]
    work = [(a, d) for a, d in work if not a.endswith("@postbox.example")]
    assert len(work) > 200
    assert all(address.split("@")[1] in domains for address, domains in work)


def test_the_user_has_ties_of_every_kind(demo: Loaded) -> None:
    me = people.get_me(demo.session, workspace_id=demo.workspace_id)
    assert me is not None and me.id == demo.summary.me_id
    ties = demo.session.scalars(
        select(Connection).where(
            Connection.workspace_id == demo.workspace_id,
            (Connection.person_a_id == me.id) | (Connection.person_b_id == me.id),
        )
    ).all()
    assert {t.kind for t in ties} == set(ConnectionKind)
    assert all(t.closeness is not None for t in ties if t.kind is not ConnectionKind.LINKEDIN)


def test_its_messages_say_who_wrote_and_the_reasons_tell(demo: Loaded) -> None:
    snap = loader.load(demo.session, workspace_id=demo.workspace_id, today=TODAY)
    me = snap.node(demo.summary.me_id)
    assert me is not None
    neighbours, _strengths = snap.neighbours(me)
    reasons = [r for other in neighbours.tolist() for r in snap.explain(me, other)]
    assert any(r.startswith("written both ways:") for r in reasons)
    assert any(r.startswith("you wrote ") for r in reasons)


def test_opportunities_span_the_pipeline(demo: Loaded) -> None:
    stages = opportunities.count_by_stage(demo.session, workspace_id=demo.workspace_id)
    for stage in Stage:
        if stage is not Stage.ACCEPTED:
            assert stages[stage] >= 1, stage
    assert stages[Stage.REJECTED] == 1
    assert count_blind(demo.session, workspace_id=demo.workspace_id) >= 2


def test_the_rejection_came_after_a_final_round_where_the_user_clicked_with_two(
    demo: Loaded,
) -> None:
    session, ws = demo.session, demo.workspace_id
    page = opportunities.list_(session, workspace_id=ws, stage=Stage.REJECTED)
    assert [o.id for o in page.items] == [demo.summary.rejected_opportunity_id]
    rejected = page.items[0]

    moves = rejected.stage_changes
    assert [m.to_stage for m in moves] == [
        Stage.INTRODUCED,
        Stage.APPLIED,
        Stage.INTERVIEWING,
        Stage.REJECTED,
    ]
    days = [m.changed_at.date() for m in moves]
    assert days == sorted(days)
    assert TODAY - timedelta(weeks=8) <= days[0] and days[-1] >= TODAY - timedelta(days=14)
    assert days[-1] < TODAY

    rounds = sorted(
        (
            i
            for i in interactions.list_(session, workspace_id=ws, opportunity_id=rejected.id).items
            if i.kind is InteractionKind.INTERVIEW
        ),
        key=lambda i: i.interview_round or 0,
    )
    assert [i.interview_round for i in rounds] == list(range(1, len(rounds) + 1))
    assert len(rounds) >= 2
    final = rounds[-1]
    assert moves[2].changed_at <= rounds[0].occurred_at
    assert final.occurred_at < moves[-1].changed_at
    rapport = Counter(p.rapport for p in final.participants)
    assert rapport == Counter({Rapport.CLICKED: 2, Rapport.NEUTRAL: 1})
    clicked = [p.person for p in final.participants if p.rapport is Rapport.CLICKED]
    assert rejected.hiring_manager_id in {p.id for p in clicked}
    for person in clicked:
        assert any(
            pos.is_current and pos.organization_id == rejected.organization_id
            for pos in person.positions
        )
    # Clicking happened only in that final round, so the referral move has exactly two people.
    everywhere = session.scalar(
        select(func.count())
        .select_from(Participant)
        .where(Participant.workspace_id == ws, Participant.rapport == Rapport.CLICKED)
    )
    assert everywhere == 2


def test_it_leaves_open_tasks(demo: Loaded) -> None:
    open_tasks = tasks.list_(
        demo.session, workspace_id=demo.workspace_id, today=TODAY, status=TaskStatus.OPEN
    ).items
    assert len(open_tasks) == demo.summary.tasks >= 3
    assert all(t.due_date and t.due_date > TODAY for t in open_tasks)
    assert any(t.opportunity_id == demo.summary.rejected_opportunity_id for t in open_tasks)


def test_no_demo_address_can_reach_a_real_site(demo: Loaded) -> None:
    """Links, e-mail and postings all use the reserved .example domain, LinkedIn-like ones too."""
    ws = demo.workspace_id
    urls = demo.session.scalars(select(PersonUrl.url).where(PersonUrl.workspace_id == ws)).all()
    assert len(urls) > 100
    hosts = {urlsplit(url).hostname or "" for url in urls}
    assert all(host.endswith(".example") for host in hosts), hosts
    assert any("/in/" in url for url in urls)
    assert not any("linkedin.com" in url for url in urls)
    emails = demo.session.scalars(
        select(PersonEmail.address).where(PersonEmail.workspace_id == ws)
    ).all()
    assert all(address.endswith(".example") for address in emails)
    postings = demo.session.scalars(
        select(Opportunity.posting_url).where(Opportunity.workspace_id == ws)
    ).all()
    assert all(urlsplit(url or "").hostname.endswith(".example") for url in postings)  # type: ignore[union-attr]


def test_each_opportunity_was_added_and_changed_when_its_history_says(demo: Loaded) -> None:
    found = opportunities.list_(demo.session, workspace_id=demo.workspace_id, limit=100).items
    assert len(found) == demo.summary.opportunities
    for opportunity in found:
        history = sorted(opportunity.stage_changes, key=lambda c: c.changed_at)
        assert opportunity.created_at == history[0].changed_at, opportunity.role_title
        assert opportunity.updated_at == history[-1].changed_at, opportunity.role_title
        assert opportunity.created_at.date() < TODAY


def test_demo_people_are_searchable(demo: Loaded) -> None:
    me = people.get(demo.session, workspace_id=demo.workspace_id, person_id=demo.summary.me_id)
    hits = search.search(demo.session, workspace_id=demo.workspace_id, query="robin cast")
    assert ("person", me.id) in {(h.kind, h.record_id) for h in hits}


def test_it_refuses_a_workspace_that_already_has_people(demo: Loaded) -> None:
    with pytest.raises(Conflict, match="already holds records besides you"):
        build(demo.session, workspace_id=demo.workspace_id, today=TODAY)


def test_it_refuses_a_workspace_with_anyone_besides_you(demo: Loaded) -> None:
    other = workspaces.get_or_create(demo.session, slug="demo-me-and-bob", name="Me and Bob")
    for name, is_me in [("Alice Green", True), ("Bob Brown", False)]:
        people.create(
            demo.session,
            workspace_id=other.id,
            data=PersonCreate(display_name=name, is_me=is_me),
        )
    with pytest.raises(Conflict, match="already holds records besides you"):
        build(demo.session, workspace_id=other.id, today=TODAY)


def test_it_refuses_you_with_a_job_of_your_own_and_leaves_it_alone(demo: Loaded) -> None:
    # Your own organization (from the job you recorded) is a record of yours: your real
    # current job must not be ended by the story's made-up career.
    other = workspaces.get_or_create(demo.session, slug="demo-me-at-work", name="Me at work")
    me = people.create(
        demo.session,
        workspace_id=other.id,
        data=PersonCreate(display_name="Alice Green", is_me=True),
    )
    people.add_position(
        demo.session, workspace_id=other.id, person_id=me.id,
        data=PositionCreate(organization_name="Acme Real Corp", title="Engineer"),
    )  # fmt: skip
    with pytest.raises(Conflict, match="already holds records besides you"):
        build(demo.session, workspace_id=other.id, today=TODAY)
    demo.session.refresh(me)
    assert [(p.title, p.is_current) for p in me.positions] == [("Engineer", True)]


def test_the_demo_stays_in_its_workspace(demo: Loaded) -> None:
    outsider = workspaces.get_or_create(demo.session, slug="charlie-demo", name="Charlie")
    assert people.count(demo.session, workspace_id=outsider.id) == 0
    assert demo.session.get(Workspace, outsider.id) is not None
    assert not opportunities.list_(demo.session, workspace_id=outsider.id).items
