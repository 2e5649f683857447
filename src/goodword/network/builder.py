"""Build a `Snapshot` from plain arrays: merge records per pair, score, lay out the rows.

Ties alike in kinds, closeness and shared work (almost all of a large network) fall into a
few hundred classes, each scored once by `strength.score`; ties with logged contact are scored
one by one. When node numbers are small enough, each sort packs everything it needs into one
int64 and sorts in place, which is several times faster than argsort and gathers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

from goodword.network.snapshot import (
    LOOKUP_LIMIT,
    MAX_WORK_YEARS,
    NO_DAY,
    PAYLOAD_BITS,
    WORK_BITS,
    WORK_CHUNK,
    WORK_CODES,
    WORK_CURRENT,
    WORK_FORMER,
    WORK_NONE,
    WORK_UNKNOWN,
    IntArray,
    PositionRows,
    Snapshot,
    Spans,
    _kinds,
)
from goodword.network.strength import (
    DEFAULT_MODEL,
    ContactTally,
    SharedWork,
    StrengthModel,
    TieEvidence,
    score,
    work_term,
)


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
    version: int = 0,
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
    if not keep.all():
        na, nb, codes, close = na[keep], nb[keep], codes[keep], close[keep]
    lo = np.minimum(na, nb)
    hi = np.maximum(na, nb)
    # Per record: the kind as one bit of a mask, then three bits of closeness.
    payload = np.left_shift(np.int64(1) << 3, codes)
    payload |= np.minimum(np.maximum(close, 0), 5)
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
        # Built in place, half by half, so no 20-million-row temporaries are made.
        rank <<= bits
        key = np.empty(2 * m, np.int64)
        for half, row, other in ((key[:m], u, v), (key[m:], v, u)):
            half[...] = row
            half <<= bits + rank_bits
            half |= rank
            half |= other
        del rank
        key.sort()
        snap.indices = np.empty(2 * m, np.int32)
        np.bitwise_and(key, (1 << bits) - 1, out=snap.indices, casting="unsafe")
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


def _work_codes(
    u: npt.NDArray[np.int32],
    v: npt.NDArray[np.int32],
    spans: Spans,
    today: date,
    model: StrengthModel,
) -> npt.NDArray[np.uint8]:
    """For every tie, the strongest shared-work code over the organizations both share.

    Ties go through in chunks, so the expanded (tie, organization) arrays stay small.
    """
    codes = np.zeros(len(u), np.uint8)
    if not len(spans.node) or not len(u):
        return codes
    count = np.diff(spans.indptr)
    n_orgs = int(spans.org.max()) + 1
    # Each person's organizations hashed into one 64-bit mask: two people can share an
    # organization only if their masks meet, which rules out almost every tie at once.
    org_mask = np.zeros(len(count), np.uint64)
    np.bitwise_or.at(org_mask, spans.node, np.uint64(1) << (spans.org % 64).astype(np.uint64))
    span_key = spans.node.astype(np.int64) * n_orgs + spans.org
    # Rank the codes by the evidence they carry, to keep the best of several organizations.
    by_rank = np.argsort(_work_values(model), kind="stable")
    rank = np.argsort(by_rank)
    for start in range(0, len(u), WORK_CHUNK):
        cu_, cv_ = u[start : start + WORK_CHUNK], v[start : start + WORK_CHUNK]
        ties = np.flatnonzero(org_mask[cu_] & org_mask[cv_])
        if not len(ties):
            continue
        repeat = count[cu_[ties]]
        rows = np.repeat(ties, repeat)
        within = np.arange(len(rows)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        mine = spans.indptr[cu_[rows]] + within
        probe = cv_[rows].astype(np.int64) * n_orgs + spans.org[mine]
        theirs = np.minimum(np.searchsorted(span_key, probe), len(span_key) - 1)
        hit = span_key[theirs] == probe
        rows, mine, theirs = rows[hit], mine[hit], theirs[hit]
        if not len(rows):
            continue
        code = _overlap_codes(spans, mine, theirs, today.toordinal())
        best = np.full(len(cu_), -1, np.int64)
        np.maximum.at(best, rows, rank[code])
        found = np.flatnonzero(best >= 0)
        codes[start + found] = by_rank[best[found]]
    return codes


def _overlap_codes(spans: Spans, mine: IntArray, theirs: IntArray, day: int) -> IntArray:
    """The vector twin of `_work_code`, for pairs of spans at the same organization."""
    su, eu, cu = spans.start[mine], spans.end[mine], spans.current[mine]
    sv, ev, cv = spans.start[theirs], spans.end[theirs], spans.current[theirs]
    years = np.minimum((day - np.minimum(eu, ev).astype(np.int64)) // 365, MAX_WORK_YEARS)
    code = np.where(np.maximum(su, sv) > np.minimum(eu, ev), WORK_NONE, WORK_FORMER + years)
    unknown = (su == NO_DAY) | (sv == NO_DAY) | (eu == NO_DAY) | (ev == NO_DAY)
    code = np.where(unknown, WORK_UNKNOWN, code)
    return np.where(cu & cv, WORK_CURRENT, code).astype(np.int64)


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
            shared_work=_work_for_code(work_code),
        )
        weights[i] = score(evidence, today=today, model=model)
    return index[keys], weights, distinct // WORK_CODES, distinct % WORK_CODES


def _work_for_code(code: int) -> tuple[SharedWork, ...]:
    if code == WORK_NONE:
        return ()
    if code == WORK_CURRENT:
        return (SharedWork("", current=True, years_ago=0),)
    if code == WORK_UNKNOWN:
        return (SharedWork(""),)
    return (SharedWork("", years_ago=code - WORK_FORMER),)
