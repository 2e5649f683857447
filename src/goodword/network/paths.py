"""Find the strongest ways in: top-k paths of up to three introductions, diverse and explained.

A path me -> A -> B -> T scores the product of its tie strengths, times `hop_penalty` for each
introduction it needs, times the target's weight. The search meets in the middle: one hop
back from the targets gives, for every node, the best way to finish (`finish`); the search
then walks at most two hops forward from the source, strongest ties first, and joins. A
running threshold (the k-th best score found so far, respecting the diversity cap) prunes
every row that cannot beat it; because rows are sorted by strength, a whole batch of rows is
cut with one binary search over `Snapshot.keyed` (row, strength rank).

A target the source is in touch with (`in_touch`: recent contact recorded, say) is reached
directly, whatever the tie's strength: that path comes first, since no introduction helps
with someone you already deal with.

Paths are simple, start at the source, end at a target, and never pass through another target
(the nearer target is the better ask). With `diversity`, at most `per_group` paths share a
first contact (or, with `group="target"`, a target). Selecting greedily under such caps is
optimal (they form a matroid), so the top-k found here are the true top-k under the caps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from goodword.network.snapshot import Snapshot

HOP_PENALTY = 0.8
PER_FIRST_CONTACT = 2
# Target sets whose one-hop "finish" values a snapshot keeps.
FINISH_MEMO = 8

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Path:
    """One way in. `nodes` runs from the source to the target; `strengths[i]` joins i and i+1."""

    nodes: tuple[int, ...]
    strengths: tuple[float, ...]
    score: float
    target_weight: float = 1.0
    reasons: tuple[tuple[str, ...], ...] = ()
    why: str = ""
    # A direct tie to someone the source is in touch with, first whatever its score.
    in_touch: bool = False

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1

    @property
    def introductions(self) -> int:
        return self.hops - 1

    @property
    def first_contact(self) -> int:
        return self.nodes[1]

    @property
    def target(self) -> int:
        return self.nodes[-1]


@dataclass
class _Search:
    snap: Snapshot
    source: int
    tw: FloatArray
    k: int
    cap: int | None
    by_target: bool
    penalty: float
    # Prefix pool: first contact; second node (-1 for me -> a -> t, -2 for a direct tie to a
    # target); the best score any completion can reach; the strengths so far times penalties.
    first: list[IntArray] = field(default_factory=list)
    second: list[IntArray] = field(default_factory=list)
    best: list[FloatArray] = field(default_factory=list)
    base: list[FloatArray] = field(default_factory=list)
    threshold: float = 0.0


def find_paths(
    snap: Snapshot,
    *,
    source: int,
    targets: Sequence[int] | npt.NDArray[np.integer],
    weights: Sequence[float] | npt.NDArray[np.floating] | None = None,
    k: int = 5,
    max_hops: int = 3,
    diversity: bool = True,
    per_group: int = PER_FIRST_CONTACT,
    group: str = "first",
    hop_penalty: float = HOP_PENALTY,
    explain: bool = True,
    in_touch: Sequence[int] = (),
) -> list[Path]:
    """Return up to k best paths from `source` to any of `targets` (nodes), best first.

    `weights` (0, 1] per target scales paths ending there (1 when omitted). With `diversity`,
    at most `per_group` paths share a first contact (`group="first"`) or a target
    (`group="target"`). `explain` adds each tie's reasons and a "why it ranks here" line.
    A direct tie to a target in `in_touch` comes first, before any ranked by score.
    """
    if not 1 <= max_hops <= 3:
        raise ValueError("max_hops must be 1, 2 or 3")
    if k < 1:
        return []
    tw = np.zeros(snap.size, np.float64)
    target_nodes = np.asarray(targets, dtype=np.int64)
    if weights is None:
        tw[target_nodes] = 1.0
    else:
        tw[target_nodes] = np.clip(np.asarray(weights, dtype=np.float64), 0.0, 1.0)
    tw[source] = 0.0
    if not tw.any():
        return []
    cap = per_group if diversity else None
    search = _Search(snap, source, tw, k, cap, group == "target", hop_penalty)
    _collect(search, max_hops)
    found = _complete(search)
    chosen = _greedy(found, k=k, cap=cap, by_target=search.by_target)
    paths = [_path(snap, nodes, score, tw) for score, nodes in chosen]
    paths = _in_touch_first(snap, paths, source=source, tw=tw, in_touch=in_touch, k=k)
    return _explained(snap, paths, hop_penalty) if explain else paths


def _collect(search: _Search, max_hops: int) -> None:
    """Gather every prefix that might finish in the top k, raising the threshold as it goes."""
    snap, s, tw = search.snap, search.source, search.tw
    lo, hi = int(snap.indptr[s]), int(snap.indptr[s + 1])
    first = snap.indices[lo:hi].astype(np.int64)
    w_first: FloatArray = snap.weights[lo:hi].astype(np.float64)
    # Direct ties to a target are whole paths: "second" -2 marks them.
    direct = tw[first] > 0
    _add(
        search,
        first[direct],
        np.full(int(direct.sum()), -2),
        w_first[direct] * tw[first[direct]],
        w_first[direct],
    )
    if max_hops == 1:
        return
    finish = _finish(snap, tw)
    step = w_first * finish[first] * search.penalty
    two = step > 0
    _add(search, first[two], np.full(int(two.sum()), -1), step[two], w_first[two] * search.penalty)
    _update_threshold(search)
    if max_hops == 2:
        return
    top = float(finish.max())
    if top <= 0:
        return
    usable = tw[first] == 0
    first, w_first = first[usable], w_first[usable]
    row_max = np.where(
        snap.indptr[first + 1] > snap.indptr[first],
        snap.weights[np.minimum(snap.indptr[first], len(snap.weights) - 1)],
        0.0,
    ).astype(np.float64)
    scale = w_first * top * search.penalty**2
    bound = scale * row_max
    order = np.argsort(-bound, kind="stable")
    first, w_first, scale, bound = first[order], w_first[order], scale[order], bound[order]
    start, size = 0, 4
    while start < len(first):
        theta = search.threshold
        if theta > 0 and bound[start] <= theta:
            break
        stop = min(start + size, len(first))
        rows, w_rows, sc_rows = first[start:stop], w_first[start:stop], scale[start:stop]
        keep = bound[start:stop] > theta
        rows, w_rows, sc_rows = rows[keep], w_rows[keep], sc_rows[keep]
        start, size = stop, size * 2
        if not len(rows):
            continue
        row_lo = snap.indptr[rows]
        row_hi = snap.indptr[rows + 1]
        if theta > 0:
            # Cut each row where w(a, b) can no longer lift the path above the threshold.
            cut = theta / sc_rows * (1.0 - 1e-9)
            ranks = np.searchsorted(-snap.levels, -cut, side="right")
            ends = np.searchsorted(snap.keyed, (rows << snap.rank_bits) + ranks)
            row_hi = np.clip(ends, row_lo, row_hi)
        counts = row_hi - row_lo
        idx = _ranges(row_lo, counts)
        if not len(idx):
            continue
        b = snap.indices[idx].astype(np.int64)
        base = np.repeat(w_rows, counts) * snap.weights[idx] * search.penalty**2
        scores = base * finish[b]
        good = (scores > theta) & (b != s)
        if good.any():
            _add(search, np.repeat(rows, counts)[good], b[good], scores[good], base[good])
            _update_threshold(search)


def _finish(snap: Snapshot, tw: FloatArray) -> FloatArray:
    """For every node, the best w(node, t) * weight(t) over targets t next to it.

    It depends on the targets alone, so the snapshot keeps the last few: asking about the
    same organization again (another person, another page) skips this step. The source is
    excluded by the caller.
    """
    targets = np.flatnonzero(tw)
    key = (targets.tobytes(), tw[targets].tobytes())
    memo = snap.memo
    if key in memo:
        memo[key] = memo.pop(key)
        return memo[key]
    lo, hi = snap.indptr[targets], snap.indptr[targets + 1]
    counts = hi - lo
    idx = _ranges(lo, counts)
    finish = np.zeros(snap.size, np.float64)
    np.maximum.at(
        finish,
        snap.indices[idx],
        snap.weights[idx].astype(np.float64) * np.repeat(tw[targets], counts),
    )
    # A path may not pass through a target.
    finish[targets] = 0.0
    memo[key] = finish
    while len(memo) > FINISH_MEMO:
        memo.pop(next(iter(memo)))
    return finish


def _ranges(starts: IntArray, counts: IntArray) -> IntArray:
    """Concatenate range(start, start + count) for each pair, vectorised."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(total, dtype=np.int64)


def _add(
    search: _Search, first: IntArray, second: IntArray, best: FloatArray, base: FloatArray
) -> None:
    if len(first):
        search.first.append(first.astype(np.int64))
        search.second.append(second.astype(np.int64))
        search.best.append(best.astype(np.float64))
        search.base.append(base.astype(np.float64))


def _pool(search: _Search) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    if not search.first:
        empty = np.zeros(0, np.float64)
        return np.zeros(0, np.int64), np.zeros(0, np.int64), empty, empty
    if len(search.first) > 1:
        search.first = [np.concatenate(search.first)]
        search.second = [np.concatenate(search.second)]
        search.best = [np.concatenate(search.best)]
        search.base = [np.concatenate(search.base)]
    return search.first[0], search.second[0], search.best[0], search.base[0]


def _update_threshold(search: _Search) -> None:
    """Raise the threshold to the k-th best prefix score (each is a real path's score)."""
    first, second, best, _ = _pool(search)
    if len(best) < search.k:
        return
    if search.by_target:
        # Prefixes do not know their target yet, so only finished paths may set the bar.
        done = second == -2
        first, best = first[done], best[done]
        if len(best) < search.k:
            return
    theta = _kth(best, first, k=search.k, cap=search.cap)
    if theta > search.threshold:
        search.threshold = theta
        keep = search.best[0] >= theta
        search.first = [search.first[0][keep]]
        search.second = [search.second[0][keep]]
        search.best = [search.best[0][keep]]
        search.base = [search.base[0][keep]]


def _kth(scores: FloatArray, groups: IntArray, *, k: int, cap: int | None) -> float:
    """The k-th score a greedy pick takes under the cap, or 0 when fewer than k fit."""
    if cap is None:
        return float(np.partition(scores, len(scores) - k)[len(scores) - k])
    take = min(len(scores), 8 * k * cap)
    while True:
        top = (
            np.argpartition(-scores, take - 1)[:take]
            if take < len(scores)
            else np.arange(len(scores))
        )
        top = top[np.argsort(-scores[top], kind="stable")]
        used: dict[int, int] = {}
        picked = 0
        for i in top.tolist():
            g = int(groups[i])
            if used.get(g, 0) < cap:
                used[g] = used.get(g, 0) + 1
                picked += 1
                if picked == k:
                    return float(scores[i])
        if take >= len(scores):
            return 0.0
        take = min(len(scores), take * 4)


def _complete(search: _Search) -> list[tuple[float, tuple[int, ...]]]:
    """Turn the best prefixes into whole paths, stopping once no prefix can change the top k."""
    snap, s, tw = search.snap, search.source, search.tw
    first, second, best, base = _pool(search)
    order = np.argsort(-best, kind="stable")
    found: list[tuple[float, tuple[int, ...]]] = []
    bar = 0.0
    for i in order.tolist():
        if bar > 0 and best[i] <= bar:
            break
        a, b, factor = int(first[i]), int(second[i]), float(base[i])
        before = len(found)
        if b == -2:
            found.append((factor * float(tw[a]), (s, a)))
        else:
            last, prefix = (a, (s, a)) if b == -1 else (b, (s, a, b))
            ends, w_end = snap.neighbours(last)
            scores = factor * w_end.astype(np.float64) * tw[ends]
            hits = np.flatnonzero(scores > bar)
            if len(hits) > search.k:
                hits = hits[np.argsort(-scores[hits], kind="stable")[: search.k]]
            found.extend((float(scores[j]), (*prefix, int(ends[j]))) for j in hits.tolist())
        if len(found) > before:
            chosen = _greedy(found, k=search.k, cap=search.cap, by_target=search.by_target)
            if len(chosen) == search.k:
                bar = chosen[-1][0]
    return found


def _greedy(
    found: list[tuple[float, tuple[int, ...]]], *, k: int, cap: int | None, by_target: bool
) -> list[tuple[float, tuple[int, ...]]]:
    """Best first, fewer hops and lower node ids breaking ties; at most `cap` per group."""
    used: dict[int, int] = {}
    chosen: list[tuple[float, tuple[int, ...]]] = []
    for score, nodes in sorted(found, key=lambda item: (-item[0], len(item[1]), item[1])):
        g = nodes[-1] if by_target else nodes[1]
        if cap is not None and used.get(g, 0) >= cap:
            continue
        used[g] = used.get(g, 0) + 1
        chosen.append((score, nodes))
        if len(chosen) == k:
            break
    return chosen


def _path(snap: Snapshot, nodes: tuple[int, ...], score: float, tw: FloatArray) -> Path:
    strengths = tuple(snap.strength(u, v) for u, v in pairwise(nodes))
    return Path(nodes=nodes, strengths=strengths, score=score, target_weight=float(tw[nodes[-1]]))


def _in_touch_first(
    snap: Snapshot,
    paths: list[Path],
    *,
    source: int,
    tw: FloatArray,
    in_touch: Sequence[int],
    k: int,
) -> list[Path]:
    """`paths` with a direct tie to each target in touch first (strongest first), then the
    rest in their order, k in all."""
    direct = []
    for node in sorted({int(n) for n in in_touch}):
        strength = snap.strength(source, node)
        if node != source and tw[node] > 0 and strength > 0:
            score = strength * float(tw[node])
            direct.append(
                Path(
                    nodes=(source, node),
                    strengths=(strength,),
                    score=score,
                    target_weight=float(tw[node]),
                    in_touch=True,
                )
            )
    if not direct:
        return paths
    direct.sort(key=lambda path: -path.score)
    first = {path.nodes for path in direct}
    return (direct + [path for path in paths if path.nodes not in first])[:k]


def _explained(snap: Snapshot, paths: list[Path], penalty: float) -> list[Path]:
    done: list[Path] = []
    for rank, path in enumerate(paths, start=1):
        reasons = tuple(tuple(snap.explain(u, v)) for u, v in pairwise(path.nodes))
        above = done[-1] if done else None
        done.append(
            Path(
                nodes=path.nodes,
                strengths=path.strengths,
                score=path.score,
                target_weight=path.target_weight,
                reasons=reasons,
                why=why(path, rank=rank, above=above, hop_penalty=penalty),
                in_touch=path.in_touch,
            )
        )
    return done


def why(path: Path, *, rank: int, above: Path | None, hop_penalty: float = HOP_PENALTY) -> str:
    """Say in one line why a path ranks where it does (names are added by the caller)."""
    if path.in_touch:
        shape = "You know them directly and are in touch"
    elif path.introductions == 0:
        shape = "You know them directly"
    elif path.introductions == 1:
        shape = "One introduction"
    else:
        shape = f"{path.introductions} introductions"
    weakest = min(range(path.hops), key=lambda i: path.strengths[i])
    strengths = " \N{MULTIPLICATION SIGN} ".join(f"{s:.2f}" for s in path.strengths)
    text = f"{shape}; tie strengths {strengths}"
    if path.introductions:
        text += f", less {round((1 - hop_penalty**path.introductions) * 100)}% for introductions"
    text += f": score {path.score:.2f}."
    if path.target_weight < 1.0:
        text += f" Their role counts {path.target_weight:.0%} toward the decision."
    if path.in_touch:
        return f"{text} First: no introduction helps with someone you already deal with."
    if above is None:
        return f"{text} The strongest way in found."
    if above.in_touch:
        return f"{text} Ranks below #{rank - 1}: you are in touch with them directly."
    if path.hops > above.hops:
        return f"{text} Ranks below #{rank - 1} because it needs more introductions."
    if path.strengths[weakest] < min(above.strengths):
        return (
            f"{text} Ranks below #{rank - 1}: its weakest tie (hop {weakest + 1}, "
            f"{path.strengths[weakest]:.2f}) is weaker."
        )
    return f"{text} Ranks below #{rank - 1}: its ties add up to less."


CUSTOMER_FACING = (
    "sales",
    "account",
    "business development",
    "bizdev",
    "customer success",
    "customer",
    "client",
    "partner",
    "solutions",
    "presales",
    "pre-sales",
)
PERSONNEL = (
    "human resources",
    "hr",
    "recruit",
    "talent",
    "people operations",
    "people ops",
    "personnel",
    "hiring",
)
ROLE_WEIGHTS = {"customer": 1.0, "department": 0.8, "elsewhere": 0.55, "personnel": 0.2}


@dataclass(frozen=True)
class EntryPoint:
    """Someone reachable at the organization, ranked by reachability and role closeness."""

    node: int
    role: str
    title: str | None
    department: str | None
    reachability: float
    score: float
    path: Path


def role_kind(title: str | None, department: str | None, *, department_hint: str | None) -> str:
    """Classify a role: "customer", "department", "elsewhere" or "personnel"."""
    text = f" {(department or '').casefold()} {(title or '').casefold()} "
    words = " " + " ".join("".join(c if c.isalnum() else " " for c in text).split()) + " "
    if any(f" {word} " in words or (len(word) > 3 and word in words) for word in PERSONNEL):
        return "personnel"
    if any(f" {word} " in words or (len(word) > 3 and word in words) for word in CUSTOMER_FACING):
        return "customer"
    if department_hint and department_hint.casefold() in text:
        return "department"
    return "elsewhere"


def entry_points(
    snap: Snapshot,
    *,
    source: int,
    organization_id: int,
    department: str | None = None,
    exclude: Sequence[int] = (),
    k: int = 5,
    max_hops: int = 3,
    hop_penalty: float = HOP_PENALTY,
) -> list[EntryPoint]:
    """Rank reachable people at the organization: customer-facing first, personnel last.

    Each person appears once, with their best path; the ranking multiplies how reachable
    they are by how close their role sits to the hiring decision (`ROLE_WEIGHTS`).
    """
    members = [int(n) for n in snap.members(organization_id) if int(n) not in set(exclude)]
    members = [n for n in members if n != source]
    if not members:
        return []
    roles = {}
    for node in members:
        title, dept = snap.role(node, organization_id)
        roles[node] = (role_kind(title, dept, department_hint=department), title, dept)
    weights = [ROLE_WEIGHTS[roles[n][0]] for n in members]
    found = find_paths(
        snap,
        source=source,
        targets=members,
        weights=weights,
        k=k,
        max_hops=max_hops,
        per_group=1,
        group="target",
        hop_penalty=hop_penalty,
    )
    points = []
    for path in found:
        role, title, dept = roles[path.target]
        points.append(
            EntryPoint(
                node=path.target,
                role=role,
                title=title,
                department=dept,
                reachability=path.score / path.target_weight,
                score=path.score,
                path=path,
            )
        )
    return points
