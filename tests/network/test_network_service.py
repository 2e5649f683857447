"""Ways in, read from a real database on both backends and built through the services."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.connections import service as connections
from goodword.connections.models import ConnectionKind
from goodword.connections.schemas import ConnectionUpdate
from goodword.errors import InvalidInput, NotFound
from goodword.importers.service import import_files
from goodword.interactions.models import Interaction
from goodword.network import loader, service
from goodword.network.snapshot import KINDS, Snapshot
from goodword.network.strength import score
from goodword.opportunities import service as opportunities
from goodword.opportunities.schemas import OpportunityUpdate
from goodword.people import service as people
from goodword.people.models import Position
from goodword.people.schemas import PositionCreate
from goodword.playbooks import cadence
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 20)


def job(session: Session, workspace_id: int, person, org: str, title: str, **fields) -> None:
    people.add_position(
        session,
        workspace_id=workspace_id,
        person_id=person.id,
        data=PositionCreate(organization_name=org, title=title, **fields),
    )


@pytest.fixture
def network(session: Session, workspace: Workspace) -> dict:
    """Me, two friends, and Acme's hiring manager two introductions away."""
    w = workspace.id
    me = f.person(session, w, "Mara Castillo", given_name="Mara", is_me=True)
    bo = f.person(session, w, "Bo Jensen", given_name="Bo")
    cy = f.person(session, w, "Cy Okafor", given_name="Cy")
    dana = f.person(session, w, "Dana Li", given_name="Dana")
    eve = f.person(session, w, "Eve Marsh", given_name="Eve")
    sam = f.person(session, w, "Sam Reyes", given_name="Sam")
    hal = f.person(session, w, "Hal Ode", given_name="Hal")
    job(session, w, dana, "Acme Robotics", "Head of Product", department="Product")
    job(session, w, sam, "Acme Robotics", "Account Executive", department="Sales")
    job(session, w, hal, "Acme Robotics", "Recruiter", department="Human Resources")
    f.connection(session, w, me, bo, kind="friend", closeness=5)
    f.connection(session, w, bo, cy, kind="former_colleague")
    f.connection(session, w, cy, dana, kind="colleague")
    f.connection(session, w, me, eve, kind="linkedin")
    f.connection(session, w, eve, dana, kind="knows")
    return {"me": me, "bo": bo, "cy": cy, "dana": dana, "eve": eve, "sam": sam, "hal": hal}


def names(way) -> list[str]:
    return [p.name for p in way.people]


def test_it_loads_every_person_and_tie_of_the_workspace_only(
    session: Session, workspace: Workspace, other_workspace: Workspace, network: dict
) -> None:
    stranger = f.person(session, other_workspace.id, "Charlie Stranger")
    friend = f.person(session, other_workspace.id, "Charlie Friend")
    f.connection(session, other_workspace.id, stranger, friend)
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    assert snap.size == 7
    assert snap.tie_count == 5
    assert snap.node(stranger.id) is None
    me, bo = snap.node(network["me"].id), snap.node(network["bo"].id)
    assert snap.me == me
    assert me is not None and bo is not None
    assert 0.8 < snap.strength(me, bo) <= 1.0


def test_it_finds_the_two_ways_to_the_hiring_manager_strongest_first(
    session: Session, workspace: Workspace, network: dict
) -> None:
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY
    )
    assert [names(w) for w in found.paths] == [
        ["Mara Castillo", "Bo Jensen", "Cy Okafor", "Dana Li"],
        ["Mara Castillo", "Eve Marsh", "Dana Li"],
    ]
    best = found.paths[0]
    assert best.introductions == 2
    assert best.first_ask.contact.name == "Bo Jensen"
    assert "Cy Okafor" in best.first_ask.ask and "Dana Li" in best.first_ask.ask
    assert best.first_ask.draft.startswith("Hi Bo,")
    assert best.first_ask.draft.rstrip().endswith("Mara")
    assert "LinkedIn connection, no contact logged" in found.paths[1].hops[0].reasons
    assert found.message is None


def test_a_warm_path_draft_calls_everyone_by_the_name_they_go_by(
    session: Session, workspace: Workspace, network: dict
) -> None:
    network["bo"].notes = "Met at PyCon\nGoes by Bobby, Bob"
    network["cy"].notes = "Goes by Cyrus"
    network["me"].notes = "Goes by Mars"
    session.flush()
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY
    )
    draft = found.paths[0].first_ask.draft
    assert draft.startswith("Hi Bobby,")
    assert "introduce me to Cyrus?" in draft
    assert draft.rstrip().endswith("Mars")

    network["dana"].notes = "Goes by Dee"
    session.flush()
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY
    )
    assert "the work Dee's team does at Acme Robotics" in found.paths[0].first_ask.draft


def test_a_path_from_a_friend_through_you_has_you_make_the_introduction(
    session: Session, workspace: Workspace, network: dict
) -> None:
    from goodword.network.queries import drafts

    found = service.ways_in(
        session,
        workspace_id=workspace.id,
        to_person_id=network["dana"].id,
        from_person_id=network["bo"].id,
        today=TODAY,
    )
    through_me = next(w for w in found.paths if w.people[1].name == "Mara Castillo")
    assert names(through_me) == ["Bo Jensen", "Mara Castillo", "Eve Marsh", "Dana Li"]
    ask = through_me.first_ask
    assert ask.contact.name == "Eve Marsh"
    assert ask.ask == (
        "Introduce Bo Jensen to Eve Marsh yourself; Eve can introduce them to Dana Li "
        "(Head of Product, Acme Robotics)."
    )
    assert ask.draft.startswith("Hi Eve,\n\nI'd like to introduce you to Bo Jensen,")
    assert ask.draft.rstrip().endswith("Mara")
    [message] = drafts(session, workspace_id=workspace.id, ways=[through_me])
    assert (message.to_name, message.subject) == ("Eve Marsh", "Introducing Bo Jensen")
    # The path that does not go through you is asked for as before, in the friend's name.
    other = next(w for w in found.paths if w is not through_me)
    assert other.first_ask.contact.name == "Cy Okafor"
    assert other.first_ask.draft.rstrip().endswith("Bo")

    direct = service.ways_in(
        session,
        workspace_id=workspace.id,
        to_person_id=network["eve"].id,
        from_person_id=network["bo"].id,
        today=TODAY,
    )
    [way] = [w for w in direct.paths if len(w.people) == 3]
    assert names(way) == ["Bo Jensen", "Mara Castillo", "Eve Marsh"]
    assert way.first_ask.ask == "Introduce Bo Jensen to Eve Marsh yourself: you know them both."
    assert way.first_ask.contact.name == "Eve Marsh"


def test_a_deleted_tie_never_appears_in_a_path(
    session: Session, workspace: Workspace, network: dict
) -> None:
    cache = service.SnapshotCache()
    before = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY,
        cache=cache,
    )  # fmt: skip
    assert any("Bo Jensen" in names(w) for w in before.paths)
    tie = next(
        c
        for c in connections.list_(
            session, workspace_id=workspace.id, person_id=network["bo"].id
        ).items
        if network["cy"].id in (c.person_a_id, c.person_b_id)
    )
    connections.delete(session, workspace_id=workspace.id, connection_id=tie.id)
    after = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY,
        cache=cache,
    )  # fmt: skip
    assert [names(w) for w in after.paths] == [["Mara Castillo", "Eve Marsh", "Dana Li"]]


def test_an_edited_tie_changes_the_ranking(
    session: Session, workspace: Workspace, network: dict
) -> None:
    cache = service.SnapshotCache()
    first = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY,
        cache=cache,
    )  # fmt: skip
    assert names(first.paths[0])[1] == "Bo Jensen"
    eve_tie = f.ties_of(session, workspace_id=workspace.id, person_id=network["eve"].id)
    for tie in eve_tie:
        connections.update(
            session,
            workspace_id=workspace.id,
            connection_id=tie.id,
            data=ConnectionUpdate(kind=tie.kind, closeness=5),
        )
    second = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY,
        cache=cache,
    )  # fmt: skip
    assert names(second.paths[0]) == ["Mara Castillo", "Eve Marsh", "Dana Li"]


def test_the_cache_hands_back_the_same_snapshot_until_something_changes(
    session: Session, workspace: Workspace, network: dict
) -> None:
    cache = service.SnapshotCache()
    one = service.snapshot_for(session, workspace_id=workspace.id, today=TODAY, cache=cache)
    two = service.snapshot_for(session, workspace_id=workspace.id, today=TODAY, cache=cache)
    assert one is two
    f.person(session, workspace.id, "Newcomer")
    three = service.snapshot_for(session, workspace_id=workspace.id, today=TODAY, cache=cache)
    assert three is not one and three.size == one.size + 1


def test_logged_contact_and_rapport_strengthen_a_tie_and_explain_it(
    session: Session, workspace: Workspace, network: dict
) -> None:
    me, eve = network["me"], network["eve"]
    plain = loader.load(session, workspace_id=workspace.id, today=TODAY)
    for day in (3, 10, 17):
        f.interaction(
            session, workspace.id, kind="meeting",
            occurred_at=datetime(2026, 11, day, 12, tzinfo=UTC),
            participants=[{"person_id": eve.id}],
        )  # fmt: skip
    f.interaction(
        session, workspace.id, kind="interview",
        occurred_at=datetime(2026, 10, 1, 12, tzinfo=UTC),
        participants=[{"person_id": eve.id, "rapport": "clicked"}],
    )  # fmt: skip
    rich = loader.load(session, workspace_id=workspace.id, today=TODAY)
    u, v = plain.node(me.id), plain.node(eve.id)
    assert u is not None and v is not None
    assert rich.strength(u, v) > plain.strength(u, v) + 0.3
    reasons = rich.explain(u, v)
    assert "you rated the interview 'clicked'" in reasons
    assert "3 meetings and 1 interview in the past year, last on 17 Nov" in reasons


def test_having_met_someone_is_a_tie_even_without_a_connection_record(
    session: Session, workspace: Workspace, network: dict
) -> None:
    f.interaction(
        session, workspace.id, kind="call", participants=[{"person_id": network["sam"].id}]
    )
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["sam"].id, today=TODAY
    )
    assert [names(w) for w in found.paths] == [["Mara Castillo", "Sam Reyes"]]
    assert found.paths[0].first_ask.ask.startswith("Ask Sam Reyes for a short conversation")


def test_colleagues_in_the_same_organization_are_explained(
    session: Session, workspace: Workspace, network: dict
) -> None:
    w = workspace.id
    job(session, w, network["cy"], "Acme Robotics", "Engineer", start_date=date(2019, 1, 1))
    snap = loader.load(session, workspace_id=w, today=TODAY)
    cy, dana = snap.node(network["cy"].id), snap.node(network["dana"].id)
    assert cy is not None and dana is not None
    assert "they work together at Acme Robotics now" in snap.explain(cy, dana)


def test_with_no_path_to_the_manager_it_offers_entry_points_sales_before_personnel(
    session: Session, workspace: Workspace, network: dict
) -> None:
    w = workspace.id
    opportunity = f.opportunity(session, w, role_title="Product Lead")
    outsider = f.person(session, w, "Ola Nordmann")
    job(session, w, outsider, "Acme Robotics", "Product Director", department="Product")
    data = opportunities.to_read(opportunity).model_dump(
        include=set(OpportunityUpdate.model_fields) - {"organization_name"}
    )
    data["hiring_manager_id"] = outsider.id
    opportunities.update(
        session, workspace_id=w, opportunity_id=opportunity.id, data=OpportunityUpdate(**data)
    )
    f.connection(session, w, network["bo"], network["hal"], kind="friend", closeness=5)
    # Sam and Hal are equally easy to reach; Sam's role sits closer to the decision.
    f.connection(session, w, network["bo"], network["sam"], kind="friend", closeness=5)
    found = service.ways_in(session, workspace_id=w, opportunity_id=opportunity.id, today=TODAY)
    assert found.paths == []
    roles = [(p.person.name, p.role) for p in found.entry_points]
    assert roles.index(("Sam Reyes", "customer")) < roles.index(("Hal Ode", "personnel"))
    by_name = {p.person.name: p for p in found.entry_points}
    sam, hal = by_name["Sam Reyes"], by_name["Hal Ode"]
    assert sam.reachability == pytest.approx(hal.reachability)
    assert "Ola Nordmann" not in [p.person.name for p in found.entry_points]
    assert "advice" in sam.approach and "Product" in sam.approach
    assert found.message and "within reach" in found.message


def test_it_reaches_anyone_at_an_organization_and_filters_by_department(
    session: Session, workspace: Workspace, network: dict
) -> None:
    w = workspace.id
    f.connection(session, w, network["bo"], network["sam"], kind="friend")
    anyone = service.ways_in(session, workspace_id=w, to_organization="acme robotics", today=TODAY)
    assert {p.people[-1].name for p in anyone.paths} == {"Dana Li", "Sam Reyes"}
    sales = service.ways_in(
        session, workspace_id=w, to_organization="Acme Robotics", department="sales", today=TODAY
    )
    assert {p.people[-1].name for p in sales.paths} == {"Sam Reyes"}


def test_it_refuses_a_query_without_exactly_one_target(
    session: Session, workspace: Workspace, network: dict
) -> None:
    with pytest.raises(InvalidInput):
        service.ways_in(session, workspace_id=workspace.id, today=TODAY)
    with pytest.raises(InvalidInput):
        service.ways_in(
            session, workspace_id=workspace.id, to_person_id=network["dana"].id,
            to_organization="Acme Robotics", today=TODAY,
        )  # fmt: skip


def test_it_asks_who_the_user_is_when_no_one_is_marked(
    session: Session, workspace: Workspace
) -> None:
    dana = f.person(session, workspace.id, "Dana Li")
    with pytest.raises(InvalidInput) as raised:
        service.ways_in(session, workspace_id=workspace.id, to_person_id=dana.id, today=TODAY)
    assert raised.value.fields[0].field == "from_person_id"


def test_it_never_reaches_into_another_workspace(
    session: Session, workspace: Workspace, other_workspace: Workspace, network: dict
) -> None:
    charlie = f.person(session, other_workspace.id, "Charlie", is_me=True)
    with pytest.raises(NotFound):
        service.ways_in(
            session, workspace_id=other_workspace.id, to_person_id=network["dana"].id,
            today=TODAY,
        )  # fmt: skip
    with pytest.raises(NotFound):
        service.ways_in(session, workspace_id=workspace.id, to_person_id=charlie.id, today=TODAY)


def test_a_snapshot_built_by_the_loader_matches_its_version(
    session: Session, workspace: Workspace, network: dict
) -> None:
    snap: Snapshot = loader.load(session, workspace_id=workspace.id, today=TODAY)
    assert snap.version == loader.graph_version(session, workspace_id=workspace.id)
    connections.delete(
        session,
        workspace_id=workspace.id,
        connection_id=f.ties_of(session, workspace_id=workspace.id, person_id=network["eve"].id)[
            0
        ].id,
    )
    assert snap.version != loader.graph_version(session, workspace_id=workspace.id)


def test_every_stored_strength_is_what_the_model_says_for_its_evidence(
    session: Session, workspace: Workspace, network: dict
) -> None:
    w = workspace.id
    job(session, w, network["bo"], "Acme Robotics", "Engineer", start_date=date(2015, 1, 1),
        end_date=date(2020, 6, 30), is_current=False)  # fmt: skip
    job(session, w, network["cy"], "Acme Robotics", "Engineer", start_date=date(2018, 1, 1),
        end_date=date(2021, 1, 1), is_current=False)  # fmt: skip
    f.interaction(session, w, kind="meeting", participants=[
        {"person_id": network["bo"].id}, {"person_id": network["eve"].id}])  # fmt: skip
    snap = loader.load(session, workspace_id=w, today=TODAY)
    checked = 0
    for u in range(snap.size):
        neighbours, weights = snap.neighbours(u)
        assert list(weights) == sorted(weights, reverse=True)
        for v, weight in zip(neighbours.tolist(), weights.tolist(), strict=True):
            expected = score(snap.evidence(u, v), today=TODAY)
            assert weight == pytest.approx(expected, rel=1e-6)
            checked += 1
    assert checked == 2 * snap.tie_count
    bo, cy = snap.node(network["bo"].id), snap.node(network["cy"].id)
    assert bo is not None and cy is not None
    assert "worked together at Acme Robotics 2018\N{EN DASH}2020" in snap.explain(bo, cy)


def test_ties_read_the_same_whether_packed_into_one_number_or_written_out(
    session: Session, workspace: Workspace, network: dict
) -> None:
    f.connection(session, workspace.id, network["bo"], network["cy"], kind="friend", closeness=2)
    packed = loader.read_connections(session, workspace.id, max_person_id=10)
    spelled = loader.read_connections(session, workspace.id, max_person_id=loader.PACK_LIMIT)
    rows = sorted(zip(*(column.tolist() for column in packed), strict=True))
    assert rows == sorted(zip(*(column.tolist() for column in spelled), strict=True))
    kinds = {KINDS[code].value for _, _, code, _ in rows}
    assert kinds == {"friend", "former_colleague", "colleague", "linkedin", "knows"}
    assert (network["bo"].id, network["cy"].id, KINDS.index(ConnectionKind.FRIEND), 2) in rows


@pytest.mark.parametrize("seed", range(6))
def test_no_path_ever_uses_a_tie_deleted_through_the_service(
    session: Session, workspace: Workspace, seed: int
) -> None:
    # Random small networks: delete a tie the best paths use, then search again.
    rng = random.Random(seed)
    w = workspace.id
    crowd = [f.person(session, w, f"Person {i}", is_me=i == 0) for i in range(10)]
    kinds = ["friend", "colleague", "former_colleague", "linkedin", "knows"]
    pairs = rng.sample([(i, j) for i in range(10) for j in range(i + 1, 10)], 22)
    for i, j in pairs:
        f.connection(session, w, crowd[i], crowd[j], kind=rng.choice(kinds))
    target = crowd[9]
    cache = service.SnapshotCache()
    for _ in range(3):
        found = service.ways_in(
            session, workspace_id=w, to_person_id=target.id, today=TODAY, cache=cache
        )
        if not found.paths:
            break
        hop = rng.choice(found.paths[0].hops)
        gone = {hop.source.id, hop.target.id}
        for tie in f.ties_of(session, workspace_id=w, person_id=hop.source.id):
            if {tie.person_a_id, tie.person_b_id} == gone:
                connections.delete(session, workspace_id=w, connection_id=tie.id)
        again = service.ways_in(
            session, workspace_id=w, to_person_id=target.id, today=TODAY, cache=cache
        )
        for way in again.paths:
            assert all({h.source.id, h.target.id} != gone for h in way.hops)


def test_who_wrote_the_imported_messages_shapes_the_tie(
    session: Session, workspace: Workspace, tmp_path
) -> None:
    """A LinkedIn export says who wrote each message: contact that went both ways makes a
    stronger tie than as many messages that were never answered, and the reasons say so."""
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nAlice,Example,Analyst\n", encoding="utf-8"
    )
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Wren,Answers,https://www.linkedin.com/in/wren-answers,,Kestrel Labs,Analyst,02 Jan 2026\n"
        "Quinn,Silent,https://www.linkedin.com/in/quinn-silent,,Kestrel Labs,Analyst,02 Jan 2026\n",
        encoding="utf-8",
    )
    me = ("Alice Example", "https://www.linkedin.com/in/alice-example")
    wren = ("Wren Answers", "https://www.linkedin.com/in/wren-answers")
    quinn = ("Quinn Silent", "https://www.linkedin.com/in/quinn-silent")
    lines = [
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT"
    ]
    written = [(me, wren), (wren, me), (me, wren), (wren, me)] + [(me, quinn)] * 4
    for n, ((name, url), (to, to_url)) in enumerate(written):
        lines.append(
            f"c-{n},,{name},{url},{to},{to_url},2026-11-{n + 1:02d} 10:00:00 UTC,,Hello,INBOX,No"
        )
    (tmp_path / "messages.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[tmp_path / n for n in ("Profile.csv", "Connections.csv", "messages.csv")],
    )  # fmt: skip
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    ids = {p.display_name: p.id for p in people.list_(session, workspace_id=workspace.id).items}
    you, answered, silent = (
        snap.node(ids[n]) for n in ("Alice Example", *(w[0] for w in (wren, quinn)))
    )
    assert snap.strength(you, answered) > snap.strength(you, silent)
    assert "written both ways: 2 from you, 2 from them" in snap.explain(you, answered)
    assert "you wrote 4 times, nothing back yet" in snap.explain(you, silent)


def test_a_message_to_a_group_counts_for_its_writer_alone(session, workspace, tmp_path):
    # An archive names who wrote each message of a group conversation: the writer wrote
    # back, the others of the group were only in it. A message kept without its writer (by
    # an earlier version) counts for none of them, and a re-import names its writer.
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nAlice,Example,Analyst\n", encoding="utf-8"
    )
    me = ("Alice Example", "https://www.linkedin.com/in/alice-example")
    ben = ("Ben Ortiz", "https://www.linkedin.com/in/ben-ortiz")
    chen = ("Chen Wei", "https://www.linkedin.com/in/chen-wei")
    head = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT"
    )

    def line(n, sender, *to):
        names, urls = ", ".join(t[0] for t in to), ", ".join(t[1] for t in to)
        return (
            f'{"g-1" if len(to) > 1 else f"c-{n}"},,{sender[0]},{sender[1]},"{names}","{urls}",'
            f"2026-11-{n + 1:02d} 10:00:00 UTC,,Hello {n},INBOX,No"
        )

    lines = [head, line(0, ben, me, chen), line(1, ben, me, chen), line(2, me, ben, chen),
             line(3, chen, me)]  # fmt: skip
    (tmp_path / "messages.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[tmp_path / n for n in ("Profile.csv", "messages.csv")],
    )  # fmt: skip
    paths = [tmp_path / n for n in ("Profile.csv", "messages.csv")]
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    ids = {p.display_name: p.id for p in people.list_(session, workspace_id=workspace.id).items}
    you, b, c = (snap.node(ids[n]) for n in ("Alice Example", "Ben Ortiz", "Chen Wei"))
    assert "written both ways: 1 from you, 2 from them" in snap.explain(you, b)
    assert (
        "written both ways: 1 from you, 1 from them, and 2 more from others in a group conversation"
    ) in snap.explain(you, c)
    # Chen never wrote in the group: the group's messages are the others'.
    alone = import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=paths)
    assert alone.notes == []
    session.execute(update(Interaction).values(writer_id=None))
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    assert "you wrote once, and 2 more with no writer known" in snap.explain(you, b)
    # One the user since said is of no known writer keeps what they said.
    session.execute(
        update(Interaction).where(Interaction.summary == "Hello 1").values(direction=None)
    )
    again = import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=paths)
    assert "1 group message imported before now names who wrote it" in again.notes
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    assert "written both ways: 1 from you, 1 from them, and 1 more with no writer known" in (
        snap.explain(you, b)
    )
    writers = session.execute(
        select(Interaction.summary, Interaction.writer_id).order_by(Interaction.summary)
    ).all()
    assert writers == [
        ("Hello 0", ids["Ben Ortiz"]), ("Hello 1", None), ("Hello 2", None),
        ("Hello 3", ids["Chen Wei"]),
    ]  # fmt: skip


def test_a_group_member_who_never_wrote_is_told_apart_from_the_writer(session, workspace, tmp_path):
    # You wrote once to a group; Ben answered twice. Chen, in it but silent, is not
    # "nothing back yet" (others answered), nor credited with Ben's answers.
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nAlice,Example,Analyst\n", encoding="utf-8"
    )
    head = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT"
    )
    url = "https://www.linkedin.com/in/"
    group = f'"Alice Example, Chen Wei","{url}alice-example, {url}chen-wei"'
    lines = [
        head,
        f'g,,Alice Example,{url}alice-example,"Ben Ortiz, Chen Wei","{url}ben-ortiz, '
        f'{url}chen-wei",2026-11-01 10:00:00 UTC,,Hi both,INBOX,No',
        f"g,,Ben Ortiz,{url}ben-ortiz,{group},2026-11-02 10:00:00 UTC,,Hi,INBOX,No",
        f"g,,Ben Ortiz,{url}ben-ortiz,{group},2026-11-03 10:00:00 UTC,,Again,INBOX,No",
    ]
    (tmp_path / "messages.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[tmp_path / n for n in ("Profile.csv", "messages.csv")],
    )  # fmt: skip
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    ids = {p.display_name: p.id for p in people.list_(session, workspace_id=workspace.id).items}
    you, b, c = (snap.node(ids[n]) for n in ("Alice Example", "Ben Ortiz", "Chen Wei"))
    assert "written both ways: 1 from you, 2 from them" in snap.explain(you, b)
    assert "you wrote once, and 2 more from others in a group conversation" in snap.explain(you, c)


def test_an_imported_invitation_is_how_a_tie_began_not_contact(session, workspace, tmp_path):
    # An archive's invitations must not make every connection "in touch" (and overdue on
    # the first day), nor read as a message nobody answered.
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Headline\nAlice,Example,Analyst\n", encoding="utf-8"
    )
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Grace,Lin,https://www.linkedin.com/in/grace-lin,,Kestrel Labs,Analyst,18 Jan 2024\n",
        encoding="utf-8",
    )
    (tmp_path / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Alice Example,Grace Lin,"1/18/24, 10:02 AM",Great to meet you,OUTGOING,'
        "https://www.linkedin.com/in/alice-example,https://www.linkedin.com/in/grace-lin\n",
        encoding="utf-8",
    )
    names = ("Profile.csv", "Connections.csv", "Invitations.csv")
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[tmp_path / n for n in names],
    )  # fmt: skip
    assert report.interactions_created == 1
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    ids = {p.display_name: p.id for p in people.list_(session, workspace_id=workspace.id).items}
    said = snap.explain(snap.node(ids["Alice Example"]), snap.node(ids["Grace Lin"]))
    assert "LinkedIn connection, no contact logged" in said
    assert not any("wrote" in phrase for phrase in said)


def test_two_freelancers_are_no_colleagues(
    session: Session, workspace: Workspace, network: dict
) -> None:
    w = workspace.id
    for person in (network["bo"], network["cy"]):
        job(session, w, person, "Self-employed", "Consultant", start_date=date(2019, 1, 1))
    job(session, w, network["cy"], "Acme Robotics", "Engineer", start_date=date(2019, 1, 1))
    snap = loader.load(session, workspace_id=w, today=TODAY)
    bo, cy, dana = (snap.node(network[n].id) for n in ("bo", "cy", "dana"))
    assert bo is not None and cy is not None and dana is not None
    assert snap.explain(bo, cy) == ["Former colleague"]  # not "worked together at ..."
    assert "they work together at Acme Robotics now" in snap.explain(cy, dana)


def test_a_group_message_from_a_deleted_account_is_not_the_one_left_writing(session, workspace):
    # LinkedIn shows a deleted account as "LinkedIn Member" with no profile: its messages to
    # you and Ada are others' in a group, not Ada writing back. A re-import marks such
    # messages kept before this was known.
    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    paths = [data / n for n in ("Profile.csv", "Connections.csv", "messages_deleted_writer.csv")]
    import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=paths)
    ids = {p.display_name: p.id for p in people.list_(session, workspace_id=workspace.id).items}
    snap = loader.load(session, workspace_id=workspace.id, today=TODAY)
    you, ada = snap.node(ids["Alice Example"]), snap.node(ids["Ada Lovelace"])
    assert "2 written by others in a group conversation" in snap.explain(you, ada)
    session.execute(update(Interaction).values(writer_gone=False))
    import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=paths)
    assert session.scalars(select(Interaction.writer_gone)).all() == [True, True]


@pytest.mark.parametrize(
    ("ended", "precision", "together"),
    [
        # Left "in 2019": until the end of 2019, so beside one who came in March 2019.
        (date(2019, 1, 1), "year", "worked together at Acme Robotics 2019"),
        # Left "in March 2019": until its last day, so beside one who came on 15 March.
        (date(2019, 3, 1), "month", "worked together at Acme Robotics 2019"),
        # Left on 1 March 2019, a whole day: before the other came.
        (date(2019, 3, 1), None, None),
    ],
)
def test_a_job_ended_in_a_month_or_year_runs_to_its_last_day(
    session: Session, workspace: Workspace, network: dict, ended, precision, together
) -> None:
    w = workspace.id
    job(session, w, network["bo"], "Acme Robotics", "Engineer", start_date=date(2016, 1, 1),
        end_date=ended, is_current=False)  # fmt: skip
    job(session, w, network["cy"], "Acme Robotics", "Engineer", start_date=date(2019, 3, 15),
        end_date=date(2020, 6, 30), is_current=False)  # fmt: skip
    session.execute(update(Position).where(Position.person_id == network["bo"].id).values(
        start_precision="year", end_precision=precision))  # fmt: skip
    snap = loader.load(session, workspace_id=w, today=TODAY)
    bo, cy = snap.node(network["bo"].id), snap.node(network["cy"].id)
    assert bo is not None and cy is not None
    said = snap.explain(bo, cy)
    assert (together in said) if together else not any("Acme" in s for s in said)
    # The weights the paths walk on read it so too.
    neighbours, weights = snap.neighbours(bo)
    weight = dict(zip(neighbours.tolist(), weights.tolist(), strict=True))[cy]
    assert weight == pytest.approx(score(snap.evidence(bo, cy), today=TODAY), rel=1e-6)
    assert bool(snap.evidence(bo, cy).shared_work) == bool(together)


def test_a_job_ended_this_year_counts_no_later_than_today(
    session: Session, workspace: Workspace, network: dict
) -> None:
    w = workspace.id
    for person in (network["bo"], network["cy"]):
        job(session, w, person, "Acme Robotics", "Engineer", start_date=date(2020, 1, 1),
            end_date=date(2026, 1, 1), is_current=False)  # fmt: skip
    session.execute(update(Position).values(end_precision="year"))
    snap = loader.load(session, workspace_id=w, today=TODAY)
    bo, cy = snap.node(network["bo"].id), snap.node(network["cy"].id)
    assert bo is not None and cy is not None
    (work,) = snap.evidence(bo, cy).shared_work
    assert (work.years_ago, work.end_year) == (0, 2026)


def test_someone_you_are_in_touch_with_is_reached_directly_before_any_introduction(
    session: Session, workspace: Workspace, network: dict
) -> None:
    # A LinkedIn tie to Dana, weak on paper, but you spoke to her last week: no introduction
    # through friends beats writing to her yourself.
    zed = f.person(session, workspace.id, "Zed Amari", given_name="Zed")
    f.connection(session, workspace.id, network["me"], zed, closeness=5)
    f.connection(session, workspace.id, zed, network["dana"], closeness=5)
    f.connection(session, workspace.id, network["me"], network["dana"], kind="linkedin")
    f.interaction(
        session,
        workspace.id,
        kind="message",
        occurred_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
        participants=[{"person_id": network["dana"].id}],
    )
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY
    )
    assert names(found.paths[0]) == ["Mara Castillo", "Dana Li"]
    assert "in touch" in found.paths[0].why
    assert names(found.paths[1]) == ["Mara Castillo", "Zed Amari", "Dana Li"]
    assert "Ranks below #1: you are in touch with them directly." in found.paths[1].why


@pytest.mark.parametrize(
    ("fields", "at"),
    [
        # A group message that came in, written by Zed: Dana only read it.
        ({"direction": "inbound", "writer": "zed"}, datetime(2026, 11, 16, 15, 0, tzinfo=UTC)),
        # A call set down for next month has not happened yet.
        ({}, datetime(2026, 12, 10, 15, 0, tzinfo=UTC)),
    ],
    ids=["group-message-another-wrote", "future-dated"],
)
def test_only_contact_with_them_that_has_happened_puts_you_in_touch(
    session: Session,
    workspace: Workspace,
    network: dict,
    monkeypatch: pytest.MonkeyPatch,
    fields: dict,
    at: datetime,
) -> None:
    # "In touch" means what keep-in-touch means (contact with them, not a message that
    # came in to a group from another of its people) and what has happened by now.
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    zed = f.person(session, workspace.id, "Zed Amari", given_name="Zed")
    f.connection(session, workspace.id, network["me"], zed, closeness=5)
    f.connection(session, workspace.id, zed, network["dana"], closeness=5)
    f.connection(session, workspace.id, network["me"], network["dana"], kind="linkedin")
    fields = dict(fields)  # (the parameter's own dict is shared by both databases' runs)
    writer = fields.pop("writer", None)
    logged = f.interaction(
        session,
        workspace.id,
        kind="message" if writer else "call",
        occurred_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
        participants=[{"person_id": network["dana"].id}, {"person_id": zed.id}],
        **fields,
        **({"writer_id": zed.id} if writer else {}),
    )
    # (A form refuses a day still to come; an import or a clock set wrong can bring one.)
    session.execute(update(Interaction).where(Interaction.id == logged.id).values(occurred_at=at))
    assert not service.in_touch(
        session, workspace_id=workspace.id, person_id=network["dana"].id, today=TODAY
    )
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY
    )
    assert names(found.paths[0]) == ["Mara Castillo", "Zed Amari", "Dana Li"]
    assert not any("in touch" in way.why for way in found.paths)
    # The message is contact with Zed, who wrote it.
    if writer:
        assert service.in_touch(session, workspace_id=workspace.id, person_id=zed.id, today=TODAY)


def test_a_weak_direct_tie_with_no_recent_contact_still_ranks_by_strength(
    session: Session, workspace: Workspace, network: dict
) -> None:
    zed = f.person(session, workspace.id, "Zed Amari", given_name="Zed")
    f.connection(session, workspace.id, network["me"], zed, closeness=5)
    f.connection(session, workspace.id, zed, network["dana"], closeness=5)
    f.connection(session, workspace.id, network["me"], network["dana"], kind="linkedin")
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime(2025, 1, 6, 15, 0, tzinfo=UTC),
        participants=[{"person_id": network["dana"].id}],
    )
    found = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY
    )
    assert names(found.paths[0]) == ["Mara Castillo", "Zed Amari", "Dana Li"]


def test_contact_with_no_tie_on_record_is_a_direct_way_in_also_from_a_cached_snapshot(
    session: Session, workspace: Workspace, network: dict
) -> None:
    # No connection between you and Dana: a call logged since the snapshot was cached makes
    # one (the contact is the tie), so "in touch" always has a direct path to rank first.
    cache = service.SnapshotCache()
    before = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY,
        cache=cache,
    )  # fmt: skip
    assert all(len(way.people) > 2 for way in before.paths)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
        participants=[{"person_id": network["dana"].id}],
    )
    after = service.ways_in(
        session, workspace_id=workspace.id, to_person_id=network["dana"].id, today=TODAY,
        cache=cache,
    )  # fmt: skip
    assert names(after.paths[0]) == ["Mara Castillo", "Dana Li"]
    assert "in touch" in after.paths[0].why


def test_contact_after_the_day_asked_about_does_not_put_you_in_touch_on_it(
    session: Session, workspace: Workspace, network: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Asked about a day gone by, contact since (but before now) had not happened on it.
    monkeypatch.setattr(clock, "now", lambda: datetime.combine(TODAY, datetime.min.time(), UTC))
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime.combine(TODAY - timedelta(days=2), datetime.min.time(), UTC),
        participants=[{"person_id": network["dana"].id}],
    )
    dana = network["dana"].id
    week_ago = TODAY - timedelta(days=7)

    assert not service.in_touch(session, workspace_id=workspace.id, person_id=dana, today=week_ago)
    assert service.in_touch(session, workspace_id=workspace.id, person_id=dana, today=TODAY)
