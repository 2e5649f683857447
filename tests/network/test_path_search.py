"""The path search against brute force: on small random graphs it finds exactly the best paths."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodword.network import builder
from goodword.network import snapshot as snapshots
from goodword.network.paths import HOP_PENALTY, entry_points, find_paths, role_kind
from goodword.network.snapshot import PositionRows

TODAY = date(2026, 11, 20)
# Strengths from a small set, so equal scores (and tie-breaking) come up often.
STRENGTHS = st.sampled_from([0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.7, 0.9, 1.0])


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 11, max_ties: int = 55) -> dict:
    n = draw(st.integers(min_value=2, max_value=max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=max_ties))
    weights = [draw(STRENGTHS) for _ in chosen]
    source = draw(st.integers(min_value=0, max_value=n - 1))
    others = [i for i in range(n) if i != source]
    targets = draw(st.lists(st.sampled_from(others), unique=True, min_size=1, max_size=4))
    target_weights = [draw(st.sampled_from([1.0, 0.8, 0.55, 0.2])) for _ in targets]
    return {
        "n": n,
        "edges": dict(zip(chosen, weights, strict=True)),
        "source": source,
        "targets": dict(zip(targets, target_weights, strict=True)),
    }


def make_snapshot(graph: dict) -> snapshots.Snapshot:
    # Person ids are spread out so node numbers and person ids differ.
    ids = [100 + 7 * i for i in range(graph["n"])]
    a = [ids[u] for u, _ in graph["edges"]]
    b = [ids[v] for _, v in graph["edges"]]
    return builder.from_weighted(ids, a, b, list(graph["edges"].values()), today=TODAY)


def brute_force(graph: dict, max_hops: int = 3) -> list[tuple[float, tuple[int, ...]]]:
    """Every simple path to a target, through no other target, with its score."""
    adjacency: dict[int, dict[int, float]] = {}
    for (u, v), w in graph["edges"].items():
        adjacency.setdefault(u, {})[v] = w
        adjacency.setdefault(v, {})[u] = w
    targets, s = graph["targets"], graph["source"]
    found: list[tuple[float, tuple[int, ...]]] = []

    def walk(path: tuple[int, ...], product: float) -> None:
        last = path[-1]
        if last in targets and len(path) > 1:
            hops = len(path) - 1
            found.append((product * HOP_PENALTY ** (hops - 1) * targets[last], path))
            return
        if len(path) - 1 == max_hops:
            return
        for nxt, w in adjacency.get(last, {}).items():
            if nxt not in path and nxt != s:
                walk((*path, nxt), product * w)

    walk((s,), 1.0)
    return found


def greedy(found, *, k: int, cap: int | None, by_target: bool = False) -> list[float]:
    used: dict[int, int] = {}
    scores = []
    for score, nodes in sorted(found, key=lambda item: -item[0]):
        group = nodes[-1] if by_target else nodes[1]
        if cap is not None and used.get(group, 0) >= cap:
            continue
        used[group] = used.get(group, 0) + 1
        scores.append(score)
        if len(scores) == k:
            break
    return scores


def search(graph: dict, snap: snapshots.Snapshot | None = None, **options) -> list:
    snap = snap or make_snapshot(graph)
    return find_paths(
        snap,
        source=graph["source"],
        targets=list(graph["targets"]),
        weights=list(graph["targets"].values()),
        explain=False,
        **options,
    )


@settings(max_examples=300, deadline=None)
@given(graphs(), st.integers(min_value=1, max_value=6))
def test_it_finds_the_best_path_that_exists(graph: dict, k: int) -> None:
    paths = search(graph, k=k)
    every = brute_force(graph)
    if not every:
        assert paths == []
        return
    assert paths[0].score == pytest.approx(max(score for score, _ in every), rel=1e-5)


@settings(max_examples=300, deadline=None)
@given(graphs(), st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=3))
def test_its_top_k_matches_brute_force_with_and_without_diversity(
    graph: dict, k: int, max_hops: int
) -> None:
    every = brute_force(graph, max_hops)
    # One snapshot for all three, so what it keeps between queries is exercised too.
    snap = make_snapshot(graph)
    diverse = search(graph, snap, k=k, max_hops=max_hops)
    assert [p.score for p in diverse] == pytest.approx(greedy(every, k=k, cap=2), rel=1e-5)
    plain = search(graph, snap, k=k, max_hops=max_hops, diversity=False)
    assert [p.score for p in plain] == pytest.approx(greedy(every, k=k, cap=None), rel=1e-5)
    by_target = search(graph, snap, k=k, max_hops=max_hops, per_group=1, group="target")
    expected = greedy(every, k=k, cap=1, by_target=True)
    assert [p.score for p in by_target] == pytest.approx(expected, rel=1e-5)


@settings(max_examples=100, deadline=None)
@given(graphs(max_nodes=40, max_ties=200), st.integers(min_value=1, max_value=8))
def test_on_larger_graphs_where_pruning_cuts_rows_it_still_matches_brute_force(
    graph: dict, k: int
) -> None:
    every = brute_force(graph)
    assert [p.score for p in search(graph, k=k)] == pytest.approx(
        greedy(every, k=k, cap=2), rel=1e-5
    )


@settings(max_examples=300, deadline=None)
@given(graphs(), st.integers(min_value=1, max_value=6))
def test_every_path_it_returns_is_a_real_simple_path_of_at_most_three_hops(
    graph: dict, k: int
) -> None:
    paths = search(graph, k=k)
    edges = {frozenset(pair): w for pair, w in graph["edges"].items()}
    seen = set()
    for path in paths:
        assert 2 <= len(path.nodes) <= 4
        assert path.nodes[0] == graph["source"]
        assert path.nodes[-1] in graph["targets"]
        assert len(set(path.nodes)) == len(path.nodes)
        assert not set(path.nodes[1:-1]) & set(graph["targets"])
        product = 1.0
        for (u, v), strength in zip(itertools.pairwise(path.nodes), path.strengths, strict=True):
            assert frozenset((u, v)) in edges
            assert strength == pytest.approx(edges[frozenset((u, v))], rel=1e-6)
            product *= strength
        expected = product * HOP_PENALTY ** (path.hops - 1) * graph["targets"][path.nodes[-1]]
        assert path.score == pytest.approx(expected, rel=1e-5)
        assert path.nodes not in seen
        seen.add(path.nodes)
    scores = [p.score for p in paths]
    assert scores == sorted(scores, reverse=True)
    firsts = [p.first_contact for p in paths]
    assert all(firsts.count(f) <= 2 for f in firsts)


@pytest.mark.parametrize(
    ("title", "department", "kind"),
    [
        ("Account Executive", None, "customer"),
        ("Engineer", "Business Development", "customer"),
        ("Customer Success Manager", None, "customer"),
        ("Talent Partner", "People Operations", "personnel"),
        ("HR Generalist", None, "personnel"),
        ("Technical Recruiter", None, "personnel"),
        ("Staff Engineer", "Platform", "department"),
        ("Controller", "Finance", "elsewhere"),
    ],
)
def test_it_sorts_roles_by_how_close_they_sit_to_the_decision(title, department, kind) -> None:
    assert role_kind(title, department, department_hint="platform") == kind


def test_entry_points_put_sales_first_and_personnel_last_when_equally_reachable() -> None:
    # me (1) knows 2 well; 2 knows everyone at the organization equally well.
    staff = {10: ("Recruiter", "Human Resources"), 11: ("Engineer", "Platform"),
             12: ("Account Executive", "Sales"), 13: ("Controller", "Finance")}  # fmt: skip
    ids = [1, 2, *staff]
    snap = builder.build(
        person_ids=ids,
        a=[1, 2, 2, 2, 2],
        b=[2, 10, 11, 12, 13],
        kind_codes=[2] * 5,
        positions=PositionRows(
            person_id=list(staff),
            organization_id=[7] * 4,
            start=[0] * 4,
            end=[0] * 4,
            current=[True] * 4,
            title=[t for t, _ in staff.values()],
            department=[d for _, d in staff.values()],
        ),
        organizations={7: "Acme"},
        today=TODAY,
    )
    me = snap.node(1)
    assert me is not None
    points = entry_points(snap, source=me, organization_id=7, department="Platform")
    assert [snap.person(p.node) for p in points] == [12, 11, 13, 10]
    assert [p.role for p in points] == ["customer", "department", "elsewhere", "personnel"]
    assert len({round(p.reachability, 9) for p in points}) == 1
    assert all(p.path.nodes[0] == me and p.path.target == p.node for p in points)


def test_a_target_that_cannot_be_reached_gives_no_path() -> None:
    snap = builder.from_weighted([1, 2, 3, 4], [1, 3], [2, 4], [0.9, 0.9], today=TODAY)
    assert find_paths(snap, source=0, targets=[3]) == []
    assert find_paths(snap, source=0, targets=[0]) == []
