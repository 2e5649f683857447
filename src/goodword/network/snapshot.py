"""A compact, read-only picture of a workspace's network: people as nodes, ties as CSR arrays.

Node n is the person `person_ids[n]` (ids sorted ascending). The neighbours of n are
`indices[indptr[n]:indptr[n + 1]]` with strengths in `weights`, strongest first, so a search
can stop reading a row as soon as the rest of it cannot matter. Strengths come from
`strength.score`; ties with only kinds, closeness and shared work (almost all of a large
network) are scored through a table of the combinations that occur, so 10 million ties take
seconds, not minutes. `load` reads the database (the work is in `loader.py`); the rest is pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from goodword.connections.models import ConnectionKind
from goodword.network.strength import (
    DEFAULT_MODEL,
    MAX_WORK_YEARS,
    ContactTally,
    SharedWork,
    StrengthModel,
    TieEvidence,
    explain,
    score,
    work_term,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

KINDS: tuple[ConnectionKind, ...] = tuple(ConnectionKind)
# Shared-work codes per tie: none, current colleagues, former (2 + whole years ago), unknown.
WORK_NONE, WORK_CURRENT, WORK_FORMER, WORK_UNKNOWN = 0, 1, 2, 2 + MAX_WORK_YEARS + 1
NO_DAY = 0

IntArray = npt.NDArray[np.int64]


@dataclass
class Spans:
    """Each person's time at each organization, merged across their positions there.

    Sorted by (node, organization); `start`/`end` are proleptic ordinals, 0 when unknown;
    `end` of a current span is today. `title`/`department` are of the latest position.
    """

    node: npt.NDArray[np.int32]
    org: npt.NDArray[np.int64]
    start: npt.NDArray[np.int32]
    end: npt.NDArray[np.int32]
    current: npt.NDArray[np.bool_]
    title: list[str | None]
    department: list[str | None]
    indptr: IntArray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))

    def of(self, node: int) -> range:
        return range(int(self.indptr[node]), int(self.indptr[node + 1]))


@dataclass
class PositionRows:
    """Positions as the loader reads them (person ids, not nodes); dates as ordinals, 0 unknown."""

    person_id: Sequence[int]
    organization_id: Sequence[int]
    start: Sequence[int]
    end: Sequence[int]
    current: Sequence[bool]
    title: Sequence[str | None]
    department: Sequence[str | None]


@dataclass
class Snapshot:
    person_ids: IntArray
    indptr: IntArray
    indices: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    kinds: npt.NDArray[np.uint16]
    closeness: npt.NDArray[np.int8]
    work: npt.NDArray[np.uint8]
    # row + (1 - weight) / 2: one sorted array, so a batch of rows can be cut by strength at once.
    keyed: npt.NDArray[np.float64]
    spans: Spans
    organizations: Mapping[int, str]
    contacts: Mapping[tuple[int, int], tuple[ContactTally, ...]]
    me: int | None
    today: date
    model: StrengthModel = DEFAULT_MODEL
    version: tuple[object, ...] = ()
    # Per-target-set search results worth keeping between queries (see paths._finish).
    memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def size(self) -> int:
        return len(self.person_ids)

    @property
    def tie_count(self) -> int:
        return len(self.indices) // 2

    def node(self, person_id: int) -> int | None:
        """Return the node of a person, or None when they are not in the snapshot."""
        at = int(np.searchsorted(self.person_ids, person_id))
        if at < len(self.person_ids) and int(self.person_ids[at]) == person_id:
            return at
        return None

    def person(self, node: int) -> int:
        return int(self.person_ids[node])

    def neighbours(self, node: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        lo, hi = int(self.indptr[node]), int(self.indptr[node + 1])
        return self.indices[lo:hi], self.weights[lo:hi]

    def slot(self, u: int, v: int) -> int | None:
        """Where the tie u-v is stored (in the shorter of the two rows; both hold the same)."""
        if self.indptr[v + 1] - self.indptr[v] < self.indptr[u + 1] - self.indptr[u]:
            u, v = v, u
        lo, hi = int(self.indptr[u]), int(self.indptr[u + 1])
        found = np.flatnonzero(self.indices[lo:hi] == v)
        return lo + int(found[0]) if len(found) else None

    def strength(self, u: int, v: int) -> float:
        """Return the strength of the tie between two nodes, 0.0 when there is none."""
        at = self.slot(u, v)
        return 0.0 if at is None else float(self.weights[at])

    def evidence(self, u: int, v: int) -> TieEvidence:
        """Return what is known about the tie between two nodes."""
        at = self.slot(u, v)
        mask = int(self.kinds[at]) if at is not None else 0
        closeness = int(self.closeness[at]) if at is not None else 0
        return TieEvidence(
            kinds=frozenset(k for i, k in enumerate(KINDS) if mask >> i & 1),
            closeness=closeness or None,
            contacts=self.contacts.get((min(u, v), max(u, v)), ()),
            shared_work=tuple(self.shared_work(u, v)),
            with_user=self.me in (u, v),
        )

    def explain(self, u: int, v: int) -> list[str]:
        return explain(self.evidence(u, v), today=self.today)

    def shared_work(self, u: int, v: int) -> list[SharedWork]:
        """Organizations where both people worked, with overlapping or unknown dates."""
        spans, today = self.spans, self.today.toordinal()
        theirs = {int(spans.org[j]): j for j in spans.of(v)}
        found: list[SharedWork] = []
        for i in spans.of(u):
            j = theirs.get(int(spans.org[i]))
            if j is None:
                continue
            code = _work_code(
                int(spans.start[i]), int(spans.end[i]), bool(spans.current[i]),
                int(spans.start[j]), int(spans.end[j]), bool(spans.current[j]), today,
            )  # fmt: skip
            if code == WORK_NONE:
                continue
            name = self.organizations.get(int(spans.org[i]), "the same organization")
            if code == WORK_CURRENT:
                found.append(SharedWork(name, current=True, years_ago=0))
            elif code == WORK_UNKNOWN:
                found.append(SharedWork(name))
            else:
                first = max(int(spans.start[i]), int(spans.start[j]))
                last = min(int(spans.end[i]), int(spans.end[j]))
                found.append(
                    SharedWork(
                        name,
                        start_year=date.fromordinal(first).year,
                        end_year=date.fromordinal(last).year,
                        years_ago=code - WORK_FORMER,
                    )
                )
        return found

    def members(
        self,
        organization_id: int,
        *,
        text: str | None = None,
        current: bool = True,
    ) -> npt.NDArray[np.int32]:
        """Nodes with a (current) position at the organization, optionally matching a text.

        The text matches the department or the title, case-blind: "sales" finds the sales
        department and an "Account Executive, Sales".
        """
        spans = self.spans
        hit = spans.org == organization_id
        if current:
            hit &= spans.current
        rows = np.flatnonzero(hit)
        if text:
            needle = text.casefold()
            rows = np.array(
                [
                    r
                    for r in rows
                    if needle in (spans.department[r] or "").casefold()
                    or needle in (spans.title[r] or "").casefold()
                ],
                dtype=np.int64,
            )
        return np.unique(spans.node[rows]).astype(np.int32)

    def role(self, node: int, organization_id: int) -> tuple[str | None, str | None]:
        """Return (title, department) of the person's position at the organization."""
        for i in self.spans.of(node):
            if int(self.spans.org[i]) == organization_id:
                return self.spans.title[i], self.spans.department[i]
        return None, None


def build(
    *,
    person_ids: Sequence[int] | IntArray,
    a: Sequence[int] | IntArray,
    b: Sequence[int] | IntArray,
    kind_codes: Sequence[int] | IntArray,
    closeness: Sequence[int] | IntArray | None = None,
    contacts: Mapping[tuple[int, int], tuple[ContactTally, ...]] | None = None,
    positions: PositionRows | None = None,
    organizations: Mapping[int, str] | None = None,
    me: int | None = None,
    today: date,
    model: StrengthModel = DEFAULT_MODEL,
    version: tuple[object, ...] = (),
) -> Snapshot:
    """Build a snapshot from plain arrays keyed by person id.

    One row of (a, b, kind_codes, closeness) is one connection record; `kind_codes` index
    `KINDS`; closeness 0 means unset. Several records may join the same pair: their kinds
    combine and the highest closeness counts. `contacts` are keyed by person-id pairs; a pair
    with contacts and no connection record is a tie too (having met is knowing someone).
    """
    ids = np.unique(np.asarray(person_ids, dtype=np.int64))
    n = len(ids)
    pa, pb = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    codes = np.asarray(kind_codes, dtype=np.int64)
    close = np.zeros(len(pa), np.int64) if closeness is None else np.asarray(closeness, np.int64)
    na, nb = _nodes(ids, pa, "a"), _nodes(ids, pb, "b")
    del pa, pb
    keep = na != nb
    lo = np.minimum(na, nb)[keep]
    hi = np.maximum(na, nb)[keep]
    mask = (np.int64(1) << codes[keep]).astype(np.int64)
    close = close[keep]
    del na, nb, codes, keep

    contact_nodes: dict[tuple[int, int], tuple[ContactTally, ...]] = {}
    for (p, q), tallies in (contacts or {}).items():
        u, v = _node_of(ids, p), _node_of(ids, q)
        if u is not None and v is not None and u != v:
            pair = (min(u, v), max(u, v))
            contact_nodes[pair] = contact_nodes.get(pair, ()) + tuple(tallies)
    if contact_nodes:
        extra = np.array(sorted(contact_nodes), dtype=np.int64).reshape(-1, 2)
        lo = np.concatenate([lo, extra[:, 0]])
        hi = np.concatenate([hi, extra[:, 1]])
        mask = np.concatenate([mask, np.zeros(len(extra), np.int64)])
        close = np.concatenate([close, np.zeros(len(extra), np.int64)])

    # One entry per pair: OR the kinds, keep the highest closeness.
    pair_key = lo * n + hi
    del lo, hi
    order = np.argsort(pair_key)
    pair_key = pair_key[order]
    starts = _group_starts(pair_key)
    u = (pair_key[starts] // n).astype(np.int32)
    v = (pair_key[starts] % n).astype(np.int32)
    del pair_key
    if len(starts):
        mask_u = np.bitwise_or.reduceat(mask[order], starts).astype(np.uint16)
        close_u = np.maximum.reduceat(close[order], starts).astype(np.int8)
    else:
        mask_u, close_u = np.zeros(0, np.uint16), np.zeros(0, np.int8)
    del order, mask, close

    spans = _spans(ids, positions, today)
    work = _work_codes(u, v, spans, today, model)
    weight = _table_strengths(mask_u, close_u, work, today=today, model=model)
    snap = Snapshot(
        person_ids=ids,
        indptr=np.zeros(n + 1, np.int64),
        indices=np.zeros(0, np.int32),
        weights=np.zeros(0, np.float32),
        kinds=np.zeros(0, np.uint16),
        closeness=np.zeros(0, np.int8),
        work=np.zeros(0, np.uint8),
        keyed=np.zeros(0, np.float64),
        spans=spans,
        organizations=dict(organizations or {}),
        contacts=contact_nodes,
        me=_node_of(ids, me) if me is not None else None,
        today=today,
        model=model,
        version=version,
    )
    if contact_nodes:
        # Ties with logged contact go through the full model, one by one (there are few).
        pairs = np.array(sorted(contact_nodes), dtype=np.int64).reshape(-1, 2)
        at = np.searchsorted(u.astype(np.int64) * n + v, pairs[:, 0] * n + pairs[:, 1])
        for index, (p, q) in zip(at.tolist(), pairs.tolist(), strict=True):
            evidence = TieEvidence(
                kinds=frozenset(k for i, k in enumerate(KINDS) if int(mask_u[index]) >> i & 1),
                closeness=int(close_u[index]) or None,
                contacts=contact_nodes[(p, q)],
                shared_work=tuple(snap.shared_work(p, q)),
                with_user=snap.me in (p, q),
            )
            weight[index] = score(evidence, today=today, model=model)
    _fill_csr(snap, u, v, weight, mask_u, close_u, work)
    return snap


def from_weighted(
    person_ids: Sequence[int] | IntArray,
    a: Sequence[int] | IntArray,
    b: Sequence[int] | IntArray,
    weights: Sequence[float] | npt.NDArray[np.floating],
    *,
    today: date,
) -> Snapshot:
    """Build a snapshot whose strengths are given outright (for tests and benchmarks).

    Pairs given twice keep their highest strength.
    """
    ids = np.unique(np.asarray(person_ids, dtype=np.int64))
    n = len(ids)
    na = _nodes(ids, np.asarray(a, dtype=np.int64), "a")
    nb = _nodes(ids, np.asarray(b, dtype=np.int64), "b")
    w = np.asarray(weights, dtype=np.float32)
    keep = na != nb
    key = np.minimum(na, nb)[keep] * n + np.maximum(na, nb)[keep]
    w = w[keep]
    order = np.lexsort((-w, key))
    key, w = key[order], w[order]
    key, w = key[_group_starts(key)], w[_group_starts(key)]
    u, v = (key // n).astype(np.int32), (key % n).astype(np.int32)
    empty_spans = _spans(ids, None, today)
    snap = Snapshot(
        person_ids=ids,
        indptr=np.zeros(n + 1, np.int64),
        indices=np.zeros(0, np.int32),
        weights=np.zeros(0, np.float32),
        kinds=np.zeros(0, np.uint16),
        closeness=np.zeros(0, np.int8),
        work=np.zeros(0, np.uint8),
        keyed=np.zeros(0, np.float64),
        spans=empty_spans,
        organizations={},
        contacts={},
        me=None,
        today=today,
    )
    zeros = np.zeros(len(u), np.uint8)
    _fill_csr(snap, u, v, w, zeros.astype(np.uint16), zeros.astype(np.int8), zeros)
    return snap


def _fill_csr(
    snap: Snapshot,
    u: npt.NDArray[np.int32],
    v: npt.NDArray[np.int32],
    weight: npt.NDArray[np.float32],
    mask: npt.NDArray[np.uint16],
    close: npt.NDArray[np.int8],
    work: npt.NDArray[np.uint8],
) -> None:
    """Store each tie in both directions, rows by node, strongest neighbour first."""
    n = snap.size
    m = len(u)
    # Sort by (row, strongest first) through one int64 key: row, then the strength's rank.
    distinct, rank = np.unique(-weight, return_inverse=True)
    key = np.concatenate([u, v]).astype(np.int64) * len(distinct)
    key += np.concatenate([rank, rank]).reshape(-1)
    del rank
    order = np.argsort(key)
    del key
    src = np.concatenate([u, v])[order]
    dst = np.concatenate([v, u])[order]
    both = np.where(order < m, order, order - m).astype(np.int64)
    del order
    snap.indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=snap.indptr[1:])
    snap.indices = dst.astype(np.int32)
    snap.weights = weight[both].astype(np.float32)
    snap.kinds = mask[both]
    snap.closeness = close[both]
    snap.work = work[both]
    snap.keyed = src.astype(np.float64) + (1.0 - snap.weights.astype(np.float64)) / 2.0


def _group_starts(sorted_keys: IntArray) -> IntArray:
    """Indices where a new value begins in a sorted array (none for an empty one)."""
    if not len(sorted_keys):
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _nodes(ids: IntArray, person_ids: IntArray, which: str) -> IntArray:
    at = np.searchsorted(ids, person_ids)
    at = np.minimum(at, max(len(ids) - 1, 0))
    if len(person_ids) and (len(ids) == 0 or np.any(ids[at] != person_ids)):
        missing = person_ids[ids[at] != person_ids] if len(ids) else person_ids
        raise ValueError(f"tie end {which} names an unknown person id {int(missing[0])}")
    return at.astype(np.int64)


def _node_of(ids: IntArray, person_id: int) -> int | None:
    at = int(np.searchsorted(ids, person_id))
    return at if at < len(ids) and int(ids[at]) == person_id else None


def _spans(ids: IntArray, rows: PositionRows | None, today: date) -> Spans:
    n = len(ids)
    if rows is None or not len(rows.person_id):
        return Spans(
            node=np.zeros(0, np.int32),
            org=np.zeros(0, np.int64),
            start=np.zeros(0, np.int32),
            end=np.zeros(0, np.int32),
            current=np.zeros(0, np.bool_),
            title=[],
            department=[],
            indptr=np.zeros(n + 1, np.int64),
        )
    pid = np.asarray(rows.person_id, dtype=np.int64)
    known = np.isin(pid, ids)
    node = np.searchsorted(ids, pid)
    org = np.asarray(rows.organization_id, dtype=np.int64)
    start = np.asarray(rows.start, dtype=np.int64)
    end = np.asarray(rows.end, dtype=np.int64)
    current = np.asarray(rows.current, dtype=np.bool_)
    end = np.where(current, today.toordinal(), end)
    # Latest position first within (node, org), so the merged span keeps its title.
    order = np.lexsort((-end, -start, org, node))
    order = order[known[order]]
    node, org, start, end, current = (
        node[order],
        org[order],
        start[order],
        end[order],
        current[order],
    )
    first = np.flatnonzero(np.r_[True, (node[1:] != node[:-1]) | (org[1:] != org[:-1])])
    # An unknown start (0) stays unknown only when no position there has a start.
    start_known = np.where(start == NO_DAY, np.iinfo(np.int64).max, start)
    merged_start = np.minimum.reduceat(start_known, first)
    merged_start = np.where(merged_start == np.iinfo(np.int64).max, NO_DAY, merged_start)
    merged_end = np.maximum.reduceat(end, first)
    merged_current = np.logical_or.reduceat(current, first)
    titles = [rows.title[i] for i in order[first].tolist()]
    departments = [rows.department[i] for i in order[first].tolist()]
    span_node = node[first].astype(np.int32)
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(span_node, minlength=n), out=indptr[1:])
    return Spans(
        node=span_node,
        org=org[first],
        start=merged_start.astype(np.int32),
        end=merged_end.astype(np.int32),
        current=merged_current,
        title=titles,
        department=departments,
        indptr=indptr,
    )


def _work_code(su: int, eu: int, cu: bool, sv: int, ev: int, cv: bool, today: int) -> int:
    """The scalar twin of `_work_codes`, for one pair of spans at one organization."""
    if cu and cv:
        return WORK_CURRENT
    if su == NO_DAY or sv == NO_DAY or eu == NO_DAY or ev == NO_DAY:
        return WORK_UNKNOWN
    if max(su, sv) > min(eu, ev):
        return WORK_NONE
    return WORK_FORMER + min((today - min(eu, ev)) // 365, MAX_WORK_YEARS)


def _work_codes(
    u: npt.NDArray[np.int32],
    v: npt.NDArray[np.int32],
    spans: Spans,
    today: date,
    model: StrengthModel,
) -> npt.NDArray[np.uint8]:
    """For every tie, the strongest shared-work code over the organizations both share."""
    codes = np.zeros(len(u), np.uint8)
    if not len(spans.node) or not len(u):
        return codes
    count = np.diff(spans.indptr)
    ties = np.flatnonzero((count[u] > 0) & (count[v] > 0))
    if not len(ties):
        return codes
    repeat = count[u[ties]]
    rows = np.repeat(ties, repeat)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    mine = spans.indptr[u[rows]] + within
    n_orgs = int(spans.org.max()) + 1
    span_key = spans.node.astype(np.int64) * n_orgs + spans.org
    probe = v[rows].astype(np.int64) * n_orgs + spans.org[mine]
    theirs = np.minimum(np.searchsorted(span_key, probe), len(span_key) - 1)
    hit = span_key[theirs] == probe
    rows, mine, theirs = rows[hit], mine[hit], theirs[hit]
    if not len(rows):
        return codes
    su, eu, cu = spans.start[mine], spans.end[mine], spans.current[mine]
    sv, ev, cv = spans.start[theirs], spans.end[theirs], spans.current[theirs]
    day = today.toordinal()
    years = np.minimum((day - np.minimum(eu, ev).astype(np.int64)) // 365, MAX_WORK_YEARS)
    code = np.where(np.maximum(su, sv) > np.minimum(eu, ev), WORK_NONE, WORK_FORMER + years)
    unknown = (su == NO_DAY) | (sv == NO_DAY) | (eu == NO_DAY) | (ev == NO_DAY)
    code = np.where(unknown, WORK_UNKNOWN, code)
    code = np.where(cu & cv, WORK_CURRENT, code).astype(np.int64)
    # Keep the code worth the most evidence when a pair shares several organizations.
    by_rank = np.argsort(_work_values(model), kind="stable")
    rank = np.argsort(by_rank)
    best = np.full(len(u), -1, np.int64)
    np.maximum.at(best, rows, rank[code])
    found = best >= 0
    codes[found] = by_rank[best[found]]
    return codes


def _work_values(model: StrengthModel) -> npt.NDArray[np.float64]:
    values = np.zeros(WORK_UNKNOWN + 1)
    values[WORK_CURRENT] = work_term(SharedWork("", current=True, years_ago=0), model=model)
    for years in range(MAX_WORK_YEARS + 1):
        values[WORK_FORMER + years] = work_term(SharedWork("", years_ago=years), model=model)
    values[WORK_UNKNOWN] = work_term(SharedWork(""), model=model)
    return values


def _table_strengths(
    mask: npt.NDArray[np.uint16],
    close: npt.NDArray[np.int8],
    work: npt.NDArray[np.uint8],
    *,
    today: date,
    model: StrengthModel,
) -> npt.NDArray[np.float32]:
    """Score each distinct (kinds, closeness, shared work) once and look the ties up."""
    combined = (mask.astype(np.int64) * 8 + close) * 16 + work
    distinct, back = np.unique(combined, return_inverse=True)
    values = np.empty(len(distinct), np.float32)
    for i, key in enumerate(distinct.tolist()):
        kinds_mask, rest = divmod(key, 128)
        close_level, work_code = divmod(rest, 16)
        evidence = TieEvidence(
            kinds=frozenset(k for j, k in enumerate(KINDS) if kinds_mask >> j & 1),
            closeness=close_level or None,
            shared_work=_work_placeholder(work_code),
        )
        values[i] = score(evidence, today=today, model=model)
    return values[back.reshape(-1)]


def _work_placeholder(code: int) -> tuple[SharedWork, ...]:
    if code == WORK_NONE:
        return ()
    if code == WORK_CURRENT:
        return (SharedWork("", current=True, years_ago=0),)
    if code == WORK_UNKNOWN:
        return (SharedWork(""),)
    return (SharedWork("", years_ago=code - WORK_FORMER),)


def load(
    session: Session, *, workspace_id: int, today: date, model: StrengthModel = DEFAULT_MODEL
) -> Snapshot:
    """Read the workspace's current snapshot from the database (the work is in `loader`)."""
    from goodword.network import loader

    return loader.load(session, workspace_id=workspace_id, today=today, model=model)
