"""A compact, read-only picture of a workspace's network: people as nodes, ties as CSR arrays.

Node n is the person `person_ids[n]` (ids sorted ascending). The neighbours of n are
`indices[indptr[n]:indptr[n + 1]]` with strengths in `weights`, strongest first, so a search
can stop reading a row as soon as the rest of it cannot matter. `builder.build` makes one
from plain arrays and `load` from the database (the work is in `loader.py`); the rest is pure.
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
# Ties per chunk when matching shared organizations.
WORK_CHUNK = 1_000_000
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
    version: int = 0
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


def _work_code(su: int, eu: int, cu: bool, sv: int, ev: int, cv: bool, today: int) -> int:
    """The scalar twin of `_work_codes`, for one pair of spans at one organization."""
    if cu and cv:
        return WORK_CURRENT
    if su == NO_DAY or sv == NO_DAY or eu == NO_DAY or ev == NO_DAY:
        return WORK_UNKNOWN
    if max(su, sv) > min(eu, ev):
        return WORK_NONE
    return WORK_FORMER + min((today - min(eu, ev)) // 365, MAX_WORK_YEARS)


def _kinds(mask: int) -> frozenset[ConnectionKind]:
    return frozenset(k for i, k in enumerate(KINDS) if mask >> i & 1)


def load(
    session: Session, *, workspace_id: int, today: date, model: StrengthModel = DEFAULT_MODEL
) -> Snapshot:
    """Read the workspace's current snapshot from the database (the work is in `loader`)."""
    from goodword.network import loader

    return loader.load(session, workspace_id=workspace_id, today=today, model=model)
