"""Warm-path search benchmark: build time, query latency and memory, beside networkx and igraph.

    python benchmarks/bench_paths.py --database /tmp/paths-bench.sqlite3      # full run
    python benchmarks/bench_paths.py --scales 10000:100000 --queries 50       # quick look

Two parts, one run:

1. **From the database** (a child process, so its peak memory is its own): build the snapshot
   of a generated workspace (`generate.py`; 100,000 people and 10,000,000 connections by
   default, created on first use) with `network.loader.load`, then answer `--queries` random
   queries "top 5 paths of up to three introductions to anyone at an organization of about
   500 people" on it, one core, and report p50/p99 latency, build time and peak RSS.
2. **Side by side** at each `--scales` size (people:connections, generated in memory with the
   same power-law generator): the same queries answered by Goodword's search, by the same
   exact search written in plain Python over networkx's adjacency, by Yen's k-shortest paths
   in networkx (`shortest_simple_paths`) and in igraph (`get_k_shortest_paths`). Every
   baseline's top-5 scores are checked against Goodword's. Yen's runs a few queries only,
   with a time budget each, because it takes seconds to minutes per query at these sizes.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from goodword.connections.models import ConnectionKind
from goodword.network import paths as search
from goodword.network.builder import build
from goodword.network.snapshot import KINDS, PositionRows, Snapshot

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 20)
K = 5
ORG_SIZE = 500


def _generator() -> Any:
    """benchmarks/generate.py, the shared large-network generator."""
    if "goodword_bench_generate" in sys.modules:
        return sys.modules["goodword_bench_generate"]
    spec = importlib.util.spec_from_file_location("goodword_bench_generate", HERE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["goodword_bench_generate"] = module
    spec.loader.exec_module(module)
    return module


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(started: tuple[float, float]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) since `started`."""
    return time.perf_counter() - started[0], time.process_time() - started[1]


def summary(times: list[tuple[float, float]]) -> dict[str, Any]:
    """Wall-clock and CPU-time percentiles; CPU time is what one core spent, whatever the load."""
    if not times:
        return {"queries": 0, "note": "not run at this size (see --yen-max-edges)"}
    wall = [t[0] * 1000 for t in times]
    cpu = [t[1] * 1000 for t in times]
    return {
        "queries": len(wall),
        "p50_ms": round(percentile(wall, 50), 3),
        "p99_ms": round(percentile(wall, 99), 3),
        "max_ms": round(max(wall), 3),
        "cpu_p50_ms": round(percentile(cpu, 50), 3),
        "cpu_p99_ms": round(percentile(cpu, 99), 3),
    }


def goodword_query(snap: Snapshot, source: int, targets: np.ndarray) -> list[search.Path]:
    return search.find_paths(snap, source=source, targets=targets, k=K)


# --- part 1: from the database -------------------------------------------------------------


def database_part(database: Path, people: int, connections: int, queries: int, seed: int) -> dict:
    from sqlalchemy import func, select

    from goodword.db import make_engine, make_session_factory
    from goodword.network import loader
    from goodword.people.models import Position
    from goodword.workspaces.models import Workspace

    url = f"sqlite:///{database}"
    if not database.exists():
        started = time.perf_counter()
        _generator().generate(url, people=people, connections=connections, seed=seed)
        print(f"generated {database} in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as session:
        workspace_id = session.scalar(select(Workspace.id).where(Workspace.slug == "local"))
        assert workspace_id is not None
        started = now()
        version = loader.graph_version(session, workspace_id=workspace_id)
        version_wall, version_cpu = since(started)
        rss_before = peak_rss_mb()
        started = now()
        snap = loader.load(session, workspace_id=workspace_id, today=TODAY, version=version)
        build_wall, build_cpu = since(started)
        sizes = session.execute(
            select(Position.organization_id, func.count())
            .where(Position.workspace_id == workspace_id, Position.is_current)
            .group_by(Position.organization_id)
        ).all()
    org_id = min(sizes, key=lambda row: (abs(row[1] - ORG_SIZE), row[0]))[0]
    targets = snap.members(org_id)
    rng = random.Random(seed)
    outside = np.setdiff1d(np.arange(snap.size), targets)
    sources = [int(x) for x in rng.sample(list(outside), queries)]
    goodword_query(snap, sources[0], targets)  # warm up
    times, found = [], 0
    for source in sources:
        snap.memo.clear()  # cold: the organization's side is worked out again every time
        started = now()
        result = goodword_query(snap, source, targets)
        times.append(since(started))
        found += bool(result)
    quiet_times = []
    for source in sources:
        snap.memo.clear()
        started = now()
        search.find_paths(snap, source=source, targets=targets, k=K, explain=False)
        quiet_times.append(since(started))
    warm_times = []
    for source in sources:
        started = now()
        goodword_query(snap, source, targets)
        warm_times.append(since(started))
    degree = np.diff(snap.indptr)
    return {
        "people": snap.size,
        "ties": snap.tie_count,
        "max_degree": int(degree.max()),
        "mean_degree": round(float(degree.mean()), 1),
        "organization_members": len(targets),
        "version_check_s": round(version_wall, 2),
        "version_check_cpu_s": round(version_cpu, 2),
        "build_s": round(build_wall, 2),
        "build_cpu_s": round(build_cpu, 2),
        "rss_before_build_mb": round(rss_before),
        "peak_rss_mb": round(peak_rss_mb()),
        "snapshot_mb": round(_snapshot_bytes(snap) / 2**20),
        "queries_with_a_path": found,
        "cold_with_explanations": summary(times),
        "cold_search_only": summary(quiet_times),
        "warm_with_explanations": summary(warm_times),
    }


def _snapshot_bytes(snap: Snapshot) -> int:
    arrays = [snap.indptr, snap.indices, snap.weights, snap.kinds, snap.closeness, snap.work]
    return sum(a.nbytes for a in [*arrays, snap.keyed, snap.person_ids])


# --- part 2: side by side ------------------------------------------------------------------


def memory_graph(people: int, connections: int, seed: int) -> tuple[Snapshot, np.ndarray]:
    """A power-law network with kinds and jobs; organization 0 has ORG_SIZE current members."""
    generator = _generator()
    rng = np.random.default_rng(seed)
    pairs = generator.power_law_edges(people, connections, exponent=3.0, rng=rng)
    weights = np.array(list(generator.KIND_WEIGHTS.values()), dtype=np.float64)
    kinds = [KINDS.index(ConnectionKind(k)) for k in generator.KIND_WEIGHTS]
    codes = np.array(kinds)[rng.choice(len(kinds), size=len(pairs), p=weights / weights.sum())]
    org_count = max(2, people // 50)
    org = rng.integers(1, org_count, size=people)
    size = min(ORG_SIZE, people // 20)
    org[rng.choice(people, size=size, replace=False)] = 0
    start = rng.integers(date(2005, 1, 1).toordinal(), TODAY.toordinal(), size=people)
    snap = build(
        person_ids=np.arange(1, people + 1),
        a=pairs[:, 0] + 1,
        b=pairs[:, 1] + 1,
        kind_codes=codes,
        positions=PositionRows(
            person_id=np.arange(1, people + 1).tolist(),
            organization_id=org.tolist(),
            start=start.tolist(),
            end=[0] * people,
            current=[True] * people,
            title=["Account Executive"] * people,
            department=["Sales"] * people,
        ),
        organizations={i: f"Organization {i}" for i in range(org_count)},
        today=TODAY,
    )
    return snap, snap.members(0)


def nx_bounded(graph: Any, source: int, targets: set[int]) -> list[tuple[float, tuple[int, ...]]]:
    """The same exact search in plain Python over networkx's adjacency dicts."""
    pen = search.HOP_PENALTY
    back: dict[int, list[tuple[int, float]]] = {}
    for t in targets:
        for b, data in graph[t].items():
            if b not in targets and b != source:
                back.setdefault(b, []).append((t, data["w"]))
    found: list[tuple[float, tuple[int, ...]]] = []
    for a, da in graph[source].items():
        wa = da["w"]
        if a in targets:
            found.append((wa, (source, a)))
            continue
        for t, wt in back.get(a, ()):
            found.append((wa * wt * pen, (source, a, t)))
        for b, db in graph[a].items():
            if b == source:
                continue
            for t, wt in back.get(b, ()):
                found.append((wa * db["w"] * wt * pen * pen, (source, a, b, t)))
    return diverse(found)


def diverse(found: list[tuple[float, tuple[int, ...]]]) -> list[tuple[float, tuple[int, ...]]]:
    used: dict[int, int] = {}
    chosen = []
    for score, nodes in sorted(found, key=lambda item: (-item[0], len(item[1]), item[1])):
        if used.get(nodes[1], 0) < search.PER_FIRST_CONTACT:
            used[nodes[1]] = used.get(nodes[1], 0) + 1
            chosen.append((score, nodes))
            if len(chosen) == K:
                break
    return chosen


def yen_stream(
    paths: Any, weight_of: Callable[[tuple[int, ...]], float], budget: float
) -> tuple[list[tuple[float, tuple[int, ...]]], bool]:
    """Take Yen's paths in order (through the super-target), keep those of <= 3 hops, diverse.

    Returns the chosen paths and whether the search finished inside the time budget.
    """
    started = time.perf_counter()
    used: dict[int, int] = {}
    chosen: list[tuple[float, tuple[int, ...]]] = []
    for path in paths:
        nodes = tuple(path[:-1])  # drop the super-target
        if len(nodes) - 1 <= 3 and used.get(nodes[1], 0) < search.PER_FIRST_CONTACT:
            used[nodes[1]] = used.get(nodes[1], 0) + 1
            chosen.append((weight_of(nodes), nodes))
            if len(chosen) == K:
                return chosen, True
        if time.perf_counter() - started > budget:
            return chosen, False
    return chosen, True


def side_by_side(
    people: int,
    connections: int,
    queries: int,
    yen_queries: int,
    budget: float,
    seed: int,
    yen_max_edges: int,
    nx_queries: int,
) -> dict:
    import networkx as nx

    out: dict[str, Any] = {"people": people, "connections": connections}
    started = now()
    snap, targets = memory_graph(people, connections, seed)
    out["generate_and_build_from_arrays_s"] = round(since(started)[0], 2)
    target_set = {int(t) for t in targets}
    rng = random.Random(seed)
    outside = [n for n in range(snap.size) if n not in target_set]
    sources = rng.sample(outside, queries)
    src = np.repeat(np.arange(snap.size), np.diff(snap.indptr))
    upper = src < snap.indices
    u, v, w = src[upper], snap.indices[upper], snap.weights[upper].astype(np.float64)

    ours, ours_times = [], []
    for s in sources:
        snap.memo.clear()
        t0 = now()
        result = goodword_query(snap, s, targets)
        ours_times.append(since(t0))
        ours.append([p.score for p in result])
    out["goodword"] = summary(ours_times)

    t0 = now()
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(u.tolist(), v.tolist(), w.tolist(), strict=True), weight="w")
    out["networkx_graph_build_s"] = round(since(t0)[0], 2)
    times, agree = [], 0
    for s, mine in zip(sources[:nx_queries], ours, strict=False):
        t0 = now()
        theirs = nx_bounded(graph, s, target_set)
        times.append(since(t0))
        agree += np.allclose([x for x, _ in theirs], mine, rtol=1e-5) and len(theirs) == len(mine)
    out["networkx_bounded"] = summary(times) | {"same_top5_scores": f"{agree}/{len(times)}"}
    del graph

    if connections <= yen_max_edges:
        out |= yen_baselines(snap, sources[:yen_queries], ours, target_set, (u, v, w), budget)
    else:
        out["networkx_yen"] = out["igraph_yen_k40"] = summary([])
    return out


def yen_baselines(
    snap: Snapshot,
    sources: list[int],
    ours: list[list[float]],
    target_set: set[int],
    ties: tuple[np.ndarray, np.ndarray, np.ndarray],
    budget: float,
) -> dict[str, Any]:
    """Yen's k-shortest paths through a super-target, arc costs -log(strength * penalty)."""
    import igraph
    import networkx as nx

    u, v, w = ties
    pen = search.HOP_PENALTY

    def score_of(nodes: tuple[int, ...]) -> float:
        product = math.prod(snap.strength(a, b) for a, b in itertools.pairwise(nodes))
        return product * pen ** (len(nodes) - 2)

    cost = (-np.log(w) - math.log(pen)).tolist()
    arcs = [(a, b, c) for a, b, c in zip(u.tolist(), v.tolist(), cost, strict=True)]
    arcs += [(b, a, c) for a, b, c in arcs]
    # Targets only lead to the super-target: a path may not pass through one.
    keep = [(a, b, c) for a, b, c in arcs if a not in target_set]
    sink = snap.size
    keep += [(t, sink, 0.0) for t in target_set]
    del arcs
    out: dict[str, Any] = {}
    digraph = nx.DiGraph()
    digraph.add_weighted_edges_from(keep, weight="c")
    times, agree, finished = [], 0, 0
    for s, mine in zip(sources, ours, strict=False):
        t0 = now()
        try:
            chosen, done = yen_stream(
                nx.shortest_simple_paths(digraph, s, sink, weight="c"), score_of, budget
            )
        except nx.NetworkXNoPath:
            chosen, done = [], True
        times.append(since(t0))
        finished += done
        agree += done and np.allclose([x for x, _ in chosen], mine, rtol=1e-5)
    out["networkx_yen"] = summary(times) | {
        "finished_in_budget": f"{finished}/{len(sources)}",
        "same_top5_scores": f"{agree}/{len(sources)}",
    }
    del digraph
    g = igraph.Graph(n=snap.size + 1, edges=[(a, b) for a, b, _ in keep], directed=True)
    costs = [c for *_, c in keep]
    times, agree, finished = [], 0, 0
    for s, mine in zip(sources, ours, strict=False):
        t0 = now()
        # igraph returns the k shortest outright; ask for more, then keep <= 3 hops, diverse.
        found = g.get_k_shortest_paths(s, sink, k=8 * K, weights=costs, mode="out")
        chosen, _ = yen_stream([p for p in found if p], score_of, budget)
        times.append(since(t0))
        complete = len(chosen) == min(K, len(mine))
        finished += complete
        agree += complete and np.allclose([x for x, _ in chosen], mine, rtol=1e-5)
    out["igraph_yen_k40"] = summary(times) | {
        "enough_paths": f"{finished}/{len(sources)}",
        "same_top5_scores": f"{agree}/{len(sources)}",
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=None, help="SQLite file (made if new)")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--scales", default="10000:100000,100000:1000000,100000:10000000")
    parser.add_argument("--yen-queries", type=int, default=10)
    parser.add_argument("--nx-queries", type=int, default=50, help="plain networkx search")
    parser.add_argument("--yen-budget", type=float, default=60.0, help="seconds per Yen query")
    parser.add_argument(
        "--yen-max-edges", type=int, default=1_000_000, help="skip Yen's above this size"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--part", choices=["all", "database", "side"], default="all")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"machine": machine()}
    if args.part in ("all", "database") and args.database is not None:
        if args.part == "all":
            # A child process, so the peak memory reported is the database part's alone.
            command = [sys.executable, __file__, "--part", "database", "--database",
                       str(args.database), "--people", str(args.people), "--connections",
                       str(args.connections), "--queries", str(args.queries), "--seed",
                       str(args.seed)]  # fmt: skip
            child = subprocess.run(command, capture_output=True, text=True, check=True)
            results["database"] = json.loads(child.stdout)["database"]
        else:
            results["database"] = database_part(
                args.database, args.people, args.connections, args.queries, args.seed
            )
            print(json.dumps(results, indent=2))
            return 0
        print(json.dumps({"database": results["database"]}, indent=2), file=sys.stderr)
    if args.part in ("all", "side"):
        results["side_by_side"] = []
        for scale in args.scales.split(","):
            people, connections = (int(x) for x in scale.split(":"))
            row = side_by_side(
                people,
                connections,
                args.queries,
                args.yen_queries,
                args.yen_budget,
                args.seed,
                args.yen_max_edges,
                args.nx_queries,
            )
            results["side_by_side"].append(row)
            print(json.dumps(row, indent=2), file=sys.stderr)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    try:
        text = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next(
            line.split(":", 1)[1].strip() for line in text.splitlines() if "model name" in line
        )
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        info["memory_gib"] = round(int(mem) / 2**20, 1)
    except (OSError, StopIteration):
        pass
    info["numpy"] = np.__version__
    return info


if __name__ == "__main__":
    raise SystemExit(main())
