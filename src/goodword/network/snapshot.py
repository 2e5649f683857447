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
WORK_BITS = 4
WORK_CODES = 1 << WORK_BITS
# A tie's payload: one bit per kind, then three bits of closeness (0 = unset).
PAYLOAD_BITS = len(ConnectionKind) + 3
# Person ids below this map to nodes through a lookup table rather than a binary search.
LOOKUP_LIMIT = 50_000_000
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
    # (row << rank_bits) | rank of the strength, sorted: cuts a batch of rows by strength at once.
    keyed: IntArray
    spans: Spans
    organizations: Mapping[int, str]
    contacts: Mapping[tuple[int, int], tuple[ContactTally, ...]]
    me: int | None
    today: date
    model: StrengthModel = DEFAULT_MODEL
    version: tuple[object, ...] = ()
    # The distinct strengths, strongest first; a tie's rank indexes this.
    levels: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    rank_bits: int = 1
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
            kinds=_kinds(mask),
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
    na = _nodes(ids, np.asarray(a, dtype=np.int64), "a")
    nb = _nodes(ids, np.asarray(b, dtype=np.int64), "b")
    codes = np.asarray(kind_codes, dtype=np.int64)
    close = np.zeros(len(na), np.int64) if closeness is None else np.asarray(closeness, np.int64)
    keep = na != nb
    lo = np.minimum(na, nb)[keep]
    hi = np.maximum(na, nb)[keep]
    # Per record: the kind as one bit of a mask, then three bits of closeness.
    payload = ((np.int64(1) << codes[keep]) << 3) | np.clip(close[keep], 0, 5)
    del na, nb, codes, close, keep

    contact_nodes: dict[tuple[int, int], tuple[ContactTally, ...]] = {}
    for (p, q), tallies in (contacts or {}).items():
        cu, cv = _node_of(ids, p), _node_of(ids, q)
        if cu is not None and cv is not None and cu != cv:
            pair = (min(cu, cv), max(cu, cv))
            contact_nodes[pair] = contact_nodes.get(pair, ()) + tuple(tallies)
    if contact_nodes:
        extra = np.array(sorted(contact_nodes), dtype=np.int64).reshape(-1, 2)
        lo = np.concatenate([lo, extra[:, 0]])
        hi = np.concatenate([hi, extra[:, 1]])
        payload = np.concatenate([payload, np.zeros(len(extra), np.int64)])

    u, v, payload = _merge_pairs(lo, hi, payload, n)
    del lo, hi
    spans = _spans(ids, positions, today)
    work = _work_codes(u, v, spans, today, model)
    snap = Snapshot(
        person_ids=ids,
        indptr=np.zeros(n + 1, np.int64),
        indices=np.zeros(0, np.int32),
        weights=np.zeros(0, np.float32),
        kinds=np.zeros(0, np.uint16),
        closeness=np.zeros(0, np.int8),
        work=np.zeros(0, np.uint8),
        keyed=np.zeros(0, np.int64),
        spans=spans,
        organizations=dict(organizations or {}),
        contacts=contact_nodes,
        me=_node_of(ids, me) if me is not None else None,
        today=today,
        model=model,
        version=version,
    )
    # Ties alike in kinds, closeness and shared work share a class and are scored once.
    edge_class, class_weight, class_payload, class_work = _classes(
        payload * WORK_CODES + work, today=today, model=model
    )
    if contact_nodes:
        # Ties with logged contact go through the full model one by one (there are few),
        # each in a class of its own.
        pairs = np.array(sorted(contact_nodes), dtype=np.int64).reshape(-1, 2)
        at = np.searchsorted(u.astype(np.int64) * n + v, pairs[:, 0] * n + pairs[:, 1])
        own = []
        for index, (p, q) in zip(at.tolist(), pairs.tolist(), strict=True):
            evidence = TieEvidence(
                kinds=_kinds(int(payload[index]) >> 3),
                closeness=int(payload[index]) & 7 or None,
                contacts=contact_nodes[(p, q)],
                shared_work=tuple(snap.shared_work(p, q)),
                with_user=snap.me in (p, q),
            )
            own.append(score(evidence, today=today, model=model))
        edge_class[at] = len(class_weight) + np.arange(len(at))
        class_weight = np.concatenate([class_weight, np.array(own)])
        class_payload = np.concatenate([class_payload, payload[at]])
        class_work = np.concatenate([class_work, work[at].astype(np.int64)])
    _fill_csr(snap, u, v, edge_class, class_weight, class_payload, class_work)
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
    snap = Snapshot(
        person_ids=ids,
        indptr=np.zeros(n + 1, np.int64),
        indices=np.zeros(0, np.int32),
        weights=np.zeros(0, np.float32),
        kinds=np.zeros(0, np.uint16),
        closeness=np.zeros(0, np.int8),
        work=np.zeros(0, np.uint8),
        keyed=np.zeros(0, np.int64),
        spans=_spans(ids, None, today),
        organizations={},
        contacts={},
        me=None,
        today=today,
    )
    class_weight, edge_class = np.unique(w, return_inverse=True)
    none = np.zeros(len(class_weight), np.int64)
    _fill_csr(snap, u, v, edge_class.reshape(-1), class_weight, none, none)
    return snap


def _merge_pairs(
    lo: IntArray, hi: IntArray, payload: IntArray, n: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], IntArray]:
    """One entry per pair: OR the kinds, keep the highest closeness.

    When node numbers are small enough, pair and payload pack into one int64 and a plain
    in-place sort groups them (much faster than an argsort and gathers).
    """
    bits = max(1, n.bit_length())
    if 2 * bits + PAYLOAD_BITS <= 62:
        key = (lo << (bits + PAYLOAD_BITS)) | (hi << PAYLOAD_BITS) | payload
        key.sort()
        pair = key >> PAYLOAD_BITS
        payload = key & ((1 << PAYLOAD_BITS) - 1)
        del key
    else:
        pair = lo * n + hi
        order = np.argsort(pair)
        pair, payload = pair[order], payload[order]
        del order
        bits = 0
    starts = _group_starts(pair)
    if len(starts) < len(pair):
        mask = np.bitwise_or.reduceat(payload >> 3, starts)
        payload = (mask << 3) | np.maximum.reduceat(payload & 7, starts)
    pair = pair[starts]
    if bits:
        return (pair >> bits).astype(np.int32), (pair & ((1 << bits) - 1)).astype(np.int32), payload
    return (pair // n).astype(np.int32), (pair % n).astype(np.int32), payload


def _fill_csr(
    snap: Snapshot,
    u: npt.NDArray[np.int32],
    v: npt.NDArray[np.int32],
    edge_class: IntArray,
    class_weight: npt.NDArray[np.floating],
    class_payload: IntArray,
    class_work: IntArray,
) -> None:
    """Store each tie in both directions, rows by node, strongest neighbour first.

    Classes are ranked by strength; `keyed` is (row << rank_bits) | rank, one sorted array
    that lets a search cut many rows at a strength with one binary search.
    """
    n, m = snap.size, len(u)
    w32 = np.asarray(class_weight, dtype=np.float32)
    by_rank = np.argsort(-w32, kind="stable")
    rank_of = np.empty(len(w32), np.int64)
    rank_of[by_rank] = np.arange(len(w32))
    rank_bits = max(1, len(w32).bit_length())
    rank = rank_of[edge_class]
    bits = max(1, n.bit_length())
    if 2 * bits + rank_bits <= 62:
        key = np.empty(2 * m, np.int64)
        key[:m] = (u.astype(np.int64) << (bits + rank_bits)) | (rank << bits) | v
        key[m:] = (v.astype(np.int64) << (bits + rank_bits)) | (rank << bits) | u
        del rank
        key.sort()
        snap.indices = (key & ((1 << bits) - 1)).astype(np.int32)
        key >>= bits
        keyed = key
    else:
        composite = np.concatenate(
            [(u.astype(np.int64) << rank_bits) | rank, (v.astype(np.int64) << rank_bits) | rank]
        )
        order = np.argsort(composite)
        keyed = composite[order]
        snap.indices = np.concatenate([v, u])[order].astype(np.int32)
        del order, composite
    entry_rank = keyed & ((1 << rank_bits) - 1)
    snap.keyed = keyed
    snap.rank_bits = rank_bits
    snap.levels = w32[by_rank].astype(np.float64)
    snap.indptr = np.searchsorted(keyed, np.arange(n + 1, dtype=np.int64) << rank_bits)
    snap.weights = w32[by_rank][entry_rank]
    snap.kinds = (class_payload[by_rank] >> 3).astype(np.uint16)[entry_rank]
    snap.closeness = (class_payload[by_rank] & 7).astype(np.int8)[entry_rank]
    snap.work = class_work[by_rank].astype(np.uint8)[entry_rank]


def _group_starts(sorted_keys: IntArray) -> IntArray:
    """Indices where a new value begins in a sorted array (none for an empty one)."""
    if not len(sorted_keys):
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _nodes(ids: IntArray, person_ids: IntArray, which: str) -> IntArray:
    """Node numbers for person ids (a table lookup when ids are small, else a binary search)."""
    if not len(person_ids):
        return np.zeros(0, np.int64)
    top = int(ids[-1]) if len(ids) else -1
    if int(person_ids.min()) >= 0 and int(person_ids.max()) <= top and top < LOOKUP_LIMIT:
        table = np.full(top + 1, -1, np.int64)
        table[ids] = np.arange(len(ids))
        at = table[person_ids]
        bad = at < 0
    else:
        at = np.minimum(np.searchsorted(ids, person_ids), max(len(ids) - 1, 0))
        bad = ids[at] != person_ids if len(ids) else np.ones(len(person_ids), np.bool_)
    if bad.any():
        missing = int(person_ids[np.flatnonzero(bad)[0]])
        raise ValueError(f"tie end {which} names an unknown person id {missing}")
    return at


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


def _classes(
    keys: IntArray, *, today: date, model: StrengthModel
) -> tuple[IntArray, npt.NDArray[np.float64], IntArray, IntArray]:
    """Group ties by (kinds, closeness, shared work) and score each group once.

    Returns each tie's class, and per class its strength, payload and work code.
    """
    present = np.zeros(1 << (PAYLOAD_BITS + WORK_BITS), np.bool_)
    present[keys] = True
    distinct = np.flatnonzero(present)
    index = np.zeros(len(present), np.int64)
    index[distinct] = np.arange(len(distinct))
    weights = np.empty(len(distinct), np.float64)
    for i, key in enumerate(distinct.tolist()):
        payload, work_code = divmod(key, WORK_CODES)
        evidence = TieEvidence(
            kinds=_kinds(payload >> 3),
            closeness=payload & 7 or None,
            shared_work=_work_placeholder(work_code),
        )
        weights[i] = score(evidence, today=today, model=model)
    return index[keys], weights, distinct // WORK_CODES, distinct % WORK_CODES


def _kinds(mask: int) -> frozenset[ConnectionKind]:
    return frozenset(k for i, k in enumerate(KINDS) if mask >> i & 1)


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
