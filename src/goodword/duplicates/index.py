"""Which pairs of people are compared at all, pure: an index of profiles by short keys of
their names, birthday and street (blocking), so a record is only compared with the records
that share one, and a cheap first look at each batch of candidate pairs together (one
rapidfuzz `process.cpdist` call) before the few alike enough are judged one by one
(`matching.score`). Exact keys (e-mail, profile, phone) find each other whatever the blocks.
Two records one list names as two (`Listings`: two rows of one Connections.csv, each with
a LinkedIn profile of its own) are never compared at all.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from goodword.duplicates.matching import Profile, Scored, score, worth_suggesting

# The cheap first pass (token-set similarity of name, birthday, place and organizations
# together) lets through anything a careful look might still match.
_PREFILTER = 60
# Two records whose other details never overlap (her employer on one, her birthday and town
# on the other) read little alike whole; the first look gives them a second chance on their
# names alone, at this similarity.
_NAMES_PREFILTER = 75
# And two whose details of one kind differ, on their names alone, when these are one name
# (token-set similarity 100: the same words, or one's words all in the other's).
_SAME_NAME = 100
# The details the first look compares besides names, as bits (see `_kinds`).
_ORGS, _BIRTHDAY, _PLACE, _DETAILS, _BOTH_NAMES = 1, 2, 4, 7, 8
# How often `pairs_within` reports its progress: every so many profiles, and at least every
# so many seconds (profiles in big blocks of near-identical names can take a while each).
PROGRESS_EVERY = 1000
PROGRESS_SECONDS = 0.5
# Candidate pairs judged together (the first look is one call per batch); bounds memory
# however large a block of common names grows.
PAIRS_PER_BATCH = 250_000
# A profile in a block of hundreds of near-identical names (a list where everyone is "John
# Smith" at a handful of employers) passes the first look with every one of them; only its
# closest this many (by the first look) are judged, so the careful look stays linear.
JUDGED_PER_PROFILE = 100
# In a block larger than this (thousands of people sharing a family name, a birthday or a
# name's first letters), a profile is compared with only this many of its members: those
# added last before it. Exact keys (e-mail, profile, phone) are found whatever the block.
BLOCK_REACH = 2000
# A profile with more candidates than this marks its batch as crowded: the first look then
# compares each distinct pair of summaries once.
CROWDED = 500
# A record with an e-mail address, phone number or LinkedIn profile that several people
# already have is judged against each of them, up to this many (a company's switchboard
# or a shared inbox may be on hundreds of cards; pairing them all would be a crowd).
KEY_HOLDERS = 10


class Listings:
    """Profiles that one list names as different people: LinkedIn lists each of your
    connections once in a Connections.csv, so two of its rows with two profiles are two
    members, never a pair (however alike their names: a file of a hundred John Smiths).

    `listed` maps the position of each such profile to its list's number. The profiles of
    one list are indexed one after another (the rows of one file, in order): positions in
    its span that it does not name (a row without a profile) are still compared.
    """

    @classmethod
    def of(cls, profiles: Sequence[Profile], lists: Mapping[int, int]) -> Listings:
        """The listings of the indexed `profiles` that `lists` gives a list's number (by
        position): those with a LinkedIn profile of their own. A row without one may be
        anyone's, and is compared as any other (an import's rows and a scan's people alike)."""
        return cls(
            {
                position: number
                for position, number in lists.items()
                if any(key.startswith("u:") for key in profiles[position].keys)
            }
        )

    def __init__(self, listed: Mapping[int, int]) -> None:
        self.listed = listed
        named: dict[int, list[int]] = {}
        for position, number in listed.items():
            named.setdefault(number, []).append(position)
        # list -> (its first position, whether every position from there to its last is
        # one of its own)
        self._spans = {
            number: (min(own), len(own) == max(own) - min(own) + 1) for number, own in named.items()
        }

    def before(self, members: list[int], later: int) -> list[int]:
        """The members of a block (positions, ascending) added before `later` that it is to
        be compared with: the last BLOCK_REACH of them, leaving out those its list names."""
        end = bisect_left(members, later)
        number = self.listed.get(later)
        if number is None:
            return members[max(0, end - BLOCK_REACH) : end]
        first, whole = self._spans[number]
        start = bisect_left(members, first, 0, end)
        # (Its list's span holds its own rows alone, usually: passed over at once.)
        inside = [] if whole else [m for m in members[start:end] if self.listed.get(m) != number]
        inside = inside[-BLOCK_REACH:]
        return members[max(0, start - (BLOCK_REACH - len(inside))) : start] + inside


def _kinds(profile: Profile) -> int:
    """Which details the profile has beyond its names, and whether it has both names."""
    return (
        (_ORGS if profile.orgs else 0)
        | (_BIRTHDAY if profile.birthday else 0)
        | (_PLACE if profile.location else 0)
        | (_BOTH_NAMES if profile.given and profile.family else 0)
    )


class Matcher:
    """An index of known profiles; finds the likely duplicates of new ones in batches."""

    def __init__(self) -> None:
        self.profiles: list[Profile] = []
        # position -> the profile's summary (what the first look compares)
        self.summaries: list[str] = []
        # position -> `_kinds` of the profile
        self.kinds: list[int] = []
        # exact key -> the position of its first holder
        self.exact: dict[str, int] = {}
        # exact key -> its later holders' positions (only for keys that have some)
        self._also_held: dict[str, list[int]] = {}
        # block key -> positions, in the order they were added
        self._blocks: dict[str, list[int]] = defaultdict(list)
        # position -> the blocks of its `block_keys` (the lists above, not copies); the
        # blocks of its `initial_keys` it is filed under are not: it looks in others
        self._in_blocks: list[list[list[int]]] = []

    def add(self, profile: Profile) -> int:
        """Index a profile; return its position (what pairs refer to)."""
        position = len(self.profiles)
        self.profiles.append(profile)
        self.summaries.append(profile.summary)
        self.kinds.append(_kinds(profile))
        exact = self.exact
        for key in profile.keys:
            if exact.setdefault(key, position) != position:
                self._also_held.setdefault(key, []).append(position)
        blocks = self._blocks
        found = [blocks[key] for key in profile.block_keys()]
        for members in found:
            members.append(position)
        self._in_blocks.append(found)
        initial = profile.initial_keys()
        if initial is not None:
            for key in initial[0]:
                blocks[key].append(position)
        return position

    def holders(self, key: str) -> list[int]:
        """The positions of the profiles with this exact key, first added first: every one
        up to KEY_HOLDERS (`exact` keeps only the first)."""
        first = self.exact.get(key)
        if first is None:
            return []
        return [first, *self._also_held.get(key, ())[: KEY_HOLDERS - 1]]

    def _looked_in(self, profile: Profile) -> list[list[int]]:
        """The blocks of `initial_keys` the profile looks in (its other side)."""
        initial = profile.initial_keys()
        if initial is None:
            return []
        return [self._blocks[key] for key in initial[1] if key in self._blocks]

    def pairs_with(self, queries: Sequence[Profile]) -> Iterator[tuple[int, int, Scored]]:
        """Yield (query index, indexed position, judgement) for every pair worth suggesting."""
        batch = _Batch(
            (queries, [q.summary for q in queries], [_kinds(q) for q in queries]),
            (self.profiles, self.summaries, self.kinds),
        )
        for index, query in enumerate(queries):
            found: set[int] = set()
            for key in query.block_keys():
                found.update(self._blocks.get(key, ())[-BLOCK_REACH:])
            initials: set[int] = set()
            for members in self._looked_in(query):
                initials.update(members[-BLOCK_REACH:])
            if batch.add(index, found | initials if initials else found, initials):
                yield from batch.judge()
        yield from batch.judge()

    def pairs_within(
        self,
        since: int = 0,
        skip: Container[int] = (),
        progress: Callable[[int], None] | None = None,
        listings: Listings | None = None,
    ) -> Iterator[tuple[int, int, Scored]]:
        """Yield (earlier, later, judgement) for likely duplicates among the indexed profiles.

        With `since`, only the pairs whose later profile was added at that position or
        after (an import asks this of the records it has just added: each is compared
        with everything before it, once); with `skip`, none whose later profile is at one
        of those positions. With `progress`, it is told now and then (every thousand
        profiles from `since`, and at least twice a second) which position the comparing
        has reached. With `listings`, no pair of two profiles one list names is compared
        (a block's reach goes past them, to the profiles before the list).
        """
        for later, earlier, judged in self._pairs_before(
            since, skip, progress, listings or Listings({})
        ):
            yield earlier, later, judged

    def _pairs_before(
        self,
        since: int,
        skip: Container[int],
        progress: Callable[[int], None] | None,
        listings: Listings,
    ) -> Iterator[tuple[int, int, Scored]]:
        """(later, earlier, judgement) for pairs_within."""
        indexed = (self.profiles, self.summaries, self.kinds)
        batch = _Batch(indexed, indexed)
        due = time.monotonic() + PROGRESS_SECONDS
        for later in range(max(since, 1), len(self.profiles)):
            if progress is not None and (
                (later - since) % PROGRESS_EVERY == 0 or time.monotonic() >= due
            ):
                progress(later)
                due = time.monotonic() + PROGRESS_SECONDS
            if later in skip:
                continue
            found: set[int] = set()
            for members in self._in_blocks[later]:
                found.update(listings.before(members, later))
            initials: set[int] = set()
            for members in self._looked_in(self.profiles[later]):
                initials.update(listings.before(members, later))
            if batch.add(later, found | initials if initials else found, initials):
                yield from batch.judge()
        yield from batch.judge()


class _Batch:
    """Candidate pairs (a profile on the left, one on the right) gathered a batch at a
    time, so that memory stays bounded however large the blocks are, and judged together.

    The first look, one `cpdist` call over the batch, compares everything at once (name,
    birthday, place and organizations) and lets through anything a careful look might
    still match. A pair it turns away whose details never overlap (some on either side,
    no kind on both: nothing to disagree, but the whole reads little alike) gets a second
    look at its names alone, and so does one whose only such kind is its employers, when
    the names are one name (a job changed). A pair met in a block of initials is judged whatever the
    first look says: "Bob S." and "Robert Smith" read nothing alike as text. `score` then
    judges the few that pass.
    """

    def __init__(
        self,
        left: tuple[Sequence[Profile], list[str], list[int]],
        right: tuple[Sequence[Profile], list[str], list[int]],
    ) -> None:
        self.left, self.left_summaries, self.left_kinds = left
        self.right, self.right_summaries, self.right_kinds = right
        self.lefts: list[int] = []
        self.rights: list[int] = []
        # Indexes (into the two lists above) of the pairs met in a block of initials.
        self.initials: list[int] = []
        # Whether some left profile has very many candidates (a block of common names).
        self.crowded = False

    def add(self, left: int, rights: set[int], initials: Collection[int] = ()) -> bool:
        """Add the pairs of `left` with each of `rights` (those also in `initials` met in a
        block of initials); say whether the batch is full."""
        start = len(self.rights)
        self.lefts.extend([left] * len(rights))
        self.rights.extend(sorted(rights))
        if initials:
            self.initials.extend(
                start + i for i, right in enumerate(self.rights[start:]) if right in initials
            )
        self.crowded = self.crowded or len(rights) > CROWDED
        return len(self.lefts) >= PAIRS_PER_BATCH

    def judge(self) -> Iterator[tuple[int, int, Scored]]:
        """Yield (left, right, judgement) for the gathered pairs worth suggesting, in order."""
        lefts, rights, crowded, initials = self.lefts, self.rights, self.crowded, self.initials
        self.lefts, self.rights, self.crowded, self.initials = [], [], False, []
        if not lefts:
            return
        if crowded:
            alike = _alike_once(self.left_summaries, self.right_summaries, lefts, rights)
        else:
            alike = _alike(
                list(map(self.left_summaries.__getitem__, lefts)),
                list(map(self.right_summaries.__getitem__, rights)),
                _PREFILTER,
            )
        self._names_alone(lefts, rights, alike)
        if initials:
            alike[np.asarray(initials, dtype=np.intp)] = 100
        # Pairs of near-identical records in a crowded batch are judged once per pair of
        # what `score` reads (exact keys aside, which are checked first).
        judged: dict[tuple[tuple[Any, ...], tuple[Any, ...]], Scored | None] = {}
        for index in _closest(lefts, alike).tolist():
            a, b = self.left[lefts[index]], self.right[rights[index]]
            if not crowded or (a.keys and b.keys and not a.keys.isdisjoint(b.keys)):
                if worth_suggesting(a, b):
                    yield lefts[index], rights[index], score(a, b)
                continue
            pair = (a.details(), b.details())
            if pair not in judged:
                judged[pair] = score(a, b) if worth_suggesting(a, b) else None
            found = judged[pair]
            if found is not None:
                yield lefts[index], rights[index], found

    def _names_alone(self, lefts: list[int], rights: list[int], alike: np.ndarray) -> None:
        """Let through the turned-away pairs with details on either side (her town on one
        and nothing but her name on the other reads little alike whole: "Lena Müller" and
        "Lena Mueller, Berlin"), and names alike enough to suggest them on their own."""
        left_kinds = np.fromiter(self.left_kinds, dtype=np.uint8, count=len(self.left_kinds))
        right_kinds = (
            left_kinds
            if self.right_kinds is self.left_kinds
            else np.fromiter(self.right_kinds, dtype=np.uint8, count=len(self.right_kinds))
        )
        a = left_kinds[np.fromiter(lefts, dtype=np.intp, count=len(lefts))]
        b = right_kinds[np.fromiter(rights, dtype=np.intp, count=len(rights))]
        named_both = (alike == 0) & ((a & b & _BOTH_NAMES) != 0) & (((a | b) & _DETAILS) != 0)
        # Two employers read little alike too: one name there ("Mateo Aquino" at Acme and
        # at Initech, a job changed) is still worth a careful look, when no other detail
        # both give (a birthday, a town) may disagree.
        shared = a & b & _DETAILS
        left, right = self.left, self.right
        for turned_away, cutoff in (
            (named_both & (shared == 0), _NAMES_PREFILTER),
            (named_both & (shared == _ORGS), _SAME_NAME),
        ):
            apart = np.flatnonzero(turned_away).tolist()
            if apart:
                named = _alike(
                    [left[lefts[i]].full for i in apart],
                    [right[rights[i]].full for i in apart],
                    cutoff,
                )
                alike[np.asarray(apart, dtype=np.intp)[named > 0]] = 1


def _alike(left: list[str], right: list[str], cutoff: int) -> np.ndarray:
    """Token-set similarity of each pair of texts (0 below `cutoff`), in one call."""
    return process.cpdist(
        left,
        right,
        scorer=fuzz.token_set_ratio,
        score_cutoff=cutoff,
        dtype=np.uint8,
        # Threads only pay for themselves on a large batch.
        workers=-1 if len(left) > 50_000 else 1,
    )


def _alike_once(
    left_texts: Sequence[str], right_texts: Sequence[str], lefts: list[int], rights: list[int]
) -> np.ndarray:
    """`_alike` of the summaries of each (left, right) pair, each distinct pair of texts
    compared once: a block of near-identical names repeats a few summaries thousands of
    times."""
    ids: dict[str, int] = {}
    positions = []
    for texts, side in ((left_texts, lefts), (right_texts, rights)):
        distinct, inverse = np.unique(np.asarray(side, dtype=np.intp), return_inverse=True)
        text_ids = np.fromiter(
            (ids.setdefault(texts[i], len(ids)) for i in distinct.tolist()),
            dtype=np.int64,
            count=distinct.size,
        )
        positions.append(text_ids[inverse])
    pair_keys = positions[0] * len(ids) + positions[1]
    distinct_pairs, inverse = np.unique(pair_keys, return_inverse=True)
    texts = list(ids)
    firsts, seconds = np.divmod(distinct_pairs, len(ids))
    alike = _alike(
        [texts[i] for i in firsts.tolist()], [texts[i] for i in seconds.tolist()], _PREFILTER
    )
    return alike[inverse]


def _closest(lefts: list[int], alike: np.ndarray) -> np.ndarray:
    """The indexes of the pairs that passed the first look (`alike` > 0), in order, but
    at most JUDGED_PER_PROFILE for any one left profile: its most alike (the earlier on a
    tie). A batch holds each left profile's pairs together."""
    passed = np.flatnonzero(alike)
    if passed.size <= JUDGED_PER_PROFILE:
        return passed
    owners = np.asarray(lefts, dtype=np.intp)[passed]
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    sizes = np.diff(np.r_[starts, owners.size])
    if sizes.max() <= JUDGED_PER_PROFILE:
        return passed
    # Within each left profile's run, most alike first (a stable sort keeps ties in order).
    ranked = np.lexsort((-alike[passed].astype(np.int16), np.repeat(np.arange(starts.size), sizes)))
    rank = np.arange(owners.size) - np.repeat(starts, sizes)
    return np.sort(passed[ranked[rank < JUDGED_PER_PROFILE]])
