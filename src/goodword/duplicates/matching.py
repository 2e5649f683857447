"""Pure record matching: who among many people is probably the same person.

Exact keys (a normalised e-mail address, LinkedIn profile or E.164 phone number) decide at
once. Otherwise names are compared with rapidfuzz (accents folded, token order ignored,
common nicknames understood), and organization, location and birthday add or take away
evidence. Blocking keeps it fast: a record is only compared with the records that share a
short name or birthday key, and all those pairs get a cheap first look in one
`process.cpdist` call before the few alike enough are judged one by one.

Nothing here touches a database; the import and the duplicates scan feed it `Profile`s.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Container, Iterator, Sequence
from dataclasses import InitVar, dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

# A pair at or above AUTO_MERGE (with supporting evidence) is merged without asking; between
# SUGGEST and AUTO_MERGE it is queued for the user; below SUGGEST it is ignored.
AUTO_MERGE = 0.7
SUGGEST = 0.35
# The cheap first pass (token-set similarity of name, birthday, place and organizations
# together) lets through anything a careful look might still match.
_PREFILTER = 60

_DIGIT = re.compile(r"\d")
_NO_KEYS: frozenset[str] = frozenset()
_ASCII_SPACE = re.compile(r"[\s\-/,.]+")
_ASCII_DROP = re.compile(r"[^a-z0-9 ]+")

_FOLD = str.maketrans(
    {"\u0131": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"}
)

# Common English nicknames, both ways; enough to see "Bob Smith" and "Robert Smith" as close.
_NICKNAMES = {
    "robert": {"bob", "rob", "bobby", "robbie"},
    "william": {"bill", "will", "billy", "liam"},
    "richard": {"rick", "dick", "rich", "richie"},
    "elizabeth": {"liz", "beth", "lizzie", "eliza", "betty"},
    "margaret": {"maggie", "meg", "peggy"},
    "katherine": {"kate", "kathy", "katie", "kat"},
    "catherine": {"cathy", "kate", "cat"},
    "james": {"jim", "jimmy", "jamie"},
    "john": {"jack", "johnny"},
    "michael": {"mike", "mikey", "mick"},
    "jennifer": {"jen", "jenny"},
    "christopher": {"chris", "kit"},
    "christine": {"chris", "chrissy", "tina"},
    "alexander": {"alex", "sasha", "xander"},
    "alexandra": {"alex", "sasha", "lexi"},
    "daniel": {"dan", "danny"},
    "david": {"dave", "davy"},
    "edward": {"ed", "eddie", "ted", "ned"},
    "thomas": {"tom", "tommy"},
    "joseph": {"joe", "joey"},
    "samuel": {"sam", "sammy"},
    "samantha": {"sam", "sammy"},
    "benjamin": {"ben", "benny"},
    "nicholas": {"nick", "nicky"},
    "anthony": {"tony"},
    "matthew": {"matt"},
    "andrew": {"andy", "drew"},
    "patricia": {"pat", "patty", "trish"},
    "patrick": {"pat", "paddy"},
    "susan": {"sue", "susie"},
    "deborah": {"deb", "debbie"},
    "rebecca": {"becky", "becca"},
    "victoria": {"vicky", "tori"},
    "jonathan": {"jon", "jonny"},
    "steven": {"steve"},
    "stephen": {"steve"},
    "timothy": {"tim", "timmy"},
    "gregory": {"greg"},
    "charles": {"charlie", "chuck"},
    "frederick": {"fred", "freddie"},
    "theodore": {"theo", "ted"},
    "abigail": {"abby"},
    "jessica": {"jess", "jessie"},
    "zachary": {"zach", "zack"},
}
_NICK_GROUPS: dict[str, set[str]] = defaultdict(set)
for _full, _short in _NICKNAMES.items():
    for _name in {_full, *_short}:
        _NICK_GROUPS[_name] |= {_full, *_short}


@lru_cache(maxsize=200_000)
def fold(text: str | None) -> str:
    """Lower-case, fold accents, drop punctuation: "Zoë O'Brien" becomes "zoe obrien"."""
    if not text:
        return ""
    if text.isascii():
        spaced = _ASCII_SPACE.sub(" ", text.lower())
        return " ".join(_ASCII_DROP.sub("", spaced).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category[0] in "LN":
            kept.append(char)
        elif category[0] == "Z" or char in "-/,.":
            kept.append(" ")
    return " ".join("".join(kept).split())


@dataclass(slots=True)
class Profile:
    """What matching looks at for one person; `ref` is the caller's own id for it."""

    ref: int
    given: str = ""
    family: str = ""
    # Only kept inside `keys` (one set instead of four: a large workspace has many).
    emails: InitVar[Collection[str]] = ()
    urls: InitVar[Collection[str]] = ()
    phones: InitVar[Collection[str]] = ()
    orgs: frozenset[str] = frozenset()
    location: str = ""
    birthday: str = ""
    full: str = field(init=False)
    # Everything at once, for the cheap first pass over a block.
    summary: str = field(init=False)
    keys: frozenset[str] = field(init=False)
    # The location reads like a street address (a number and several words), not a city.
    detailed: bool = field(init=False)

    def __post_init__(
        self, emails: Collection[str], urls: Collection[str], phones: Collection[str]
    ) -> None:
        given, family, location = self.given, self.family, self.location
        self.full = f"{given} {family}" if given and family else given or family
        orgs = sorted(self.orgs) if len(self.orgs) > 1 else self.orgs
        self.summary = " ".join([self.full, self.birthday, location, *orgs])
        if emails or urls or phones:
            self.keys = frozenset(
                [*("e:" + e for e in emails), *("u:" + u for u in urls)]
                + ["p:" + p for p in phones]
            )
        else:
            self.keys = _NO_KEYS
        self.detailed = bool(_DIGIT.search(location)) and len(location.split()) >= 3

    def exact_keys(self) -> frozenset[str]:
        return self.keys

    def block_keys(self) -> set[str]:
        """Short keys that any likely duplicate shares with this profile (at least one)."""
        keys: set[str] = set()
        given, family = self.given.replace(" ", ""), self.family.replace(" ", "")
        if given and family:
            # A typo late in either name still shares a key. Two letters of the other
            # part, not one, keep blocks small in a large address book (a fifth of the
            # pairs to compare) for the loss of a few double-typo pairs.
            keys.add("n" + family[:3] + given[:2])
            keys.add("n" + given[:3] + family[:2])
            keys.add("f" + family)
            for name in _NICK_GROUPS.get(self.given.split(" ")[0], ()):
                keys.add("n" + family[:3] + name[:2])
        elif self.full:
            keys.add("o" + self.full.replace(" ", "")[:4])
        if self.birthday:
            keys.add("b" + self.birthday)
        if self.detailed:
            words = [w for w in self.location.split() if not w.isdigit()]
            if len(words) >= 2:
                keys.add("a" + words[0] + " " + words[1][:3])
        return keys


@dataclass(frozen=True, slots=True)
class Scored:
    """A judged pair: the score in [0, 1] and the reasons, in words a user can check."""

    score: float
    reasons: tuple[str, ...]
    # The names clearly disagree somewhere (twins, relatives): never merged without asking.
    conflict: bool = False

    @property
    def auto(self) -> bool:
        return self.score >= AUTO_MERGE and not self.conflict

    @property
    def suggest(self) -> bool:
        return self.score >= SUGGEST


def _given_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    first_a, first_b = a.split(" ")[0], b.split(" ")[0]
    if first_a == first_b or first_b in _NICK_GROUPS.get(first_a, ()):
        return 0.96
    if len(first_a) == 1 or len(first_b) == 1:
        return 0.9 if first_a[:1] == first_b[:1] else 0.0
    return JaroWinkler.normalized_similarity(a, b)


def _part_points(similarity: float, agree: float, disagree: float) -> float:
    if similarity >= 0.95:
        return agree
    if similarity >= 0.85:
        return agree * 0.6
    if similarity >= 0.75:
        return 0.0
    return -disagree


def _parts_points(given_a: str, family_a: str, given_b: str, family_b: str) -> tuple[float, bool]:
    points, conflict = 0.0, False
    if given_a and given_b:
        given = _part_points(_given_similarity(given_a, given_b), 2.5, 1.5)
        points, conflict = points + given, given < 0
    if family_a and family_b:
        family = _part_points(JaroWinkler.normalized_similarity(family_a, family_b), 3.0, 2.0)
        points, conflict = points + family, conflict or family < 0
    return points, conflict


def _name_points(a: Profile, b: Profile) -> tuple[float, bool]:
    """Points for the names (given and family judged apart, also swapped), and whether
    they clearly disagree. A part missing on either side counts neither way."""
    straight = _parts_points(a.given, a.family, b.given, b.family)
    if straight[0] >= 5.0:
        return straight  # swapping cannot beat it by the half point it would need
    # Swapped either way round (so that score(a, b) is score(b, a)); on a tie, the
    # reading without a conflict.
    crossed = max(
        _parts_points(a.given, a.family, b.family, b.given),
        _parts_points(b.given, b.family, a.family, a.given),
        key=lambda parts: (parts[0], not parts[1]),
    )
    if crossed[0] - 0.5 > straight[0]:
        return crossed[0] - 0.5, crossed[1]
    return straight


def _place_points(a: str, b: str, detailed: bool) -> tuple[float, str | None]:
    # A street address is rare evidence; a city is shared by many people.
    alike = fuzz.token_set_ratio(a, b)
    if alike >= 92 and detailed:
        return 4.0, "same address"
    if alike >= 85:
        return (3.0 if detailed else 1.0), "same place"
    if alike >= 70 and detailed:
        return 1.5, "similar address"
    if alike < 50:
        return -1.0, None
    return 0.0, None


def score(a: Profile, b: Profile) -> Scored:
    """Judge whether two profiles are the same person (points out of 10, as 0 to 1).

    A name alone is worth at most 5.5 points: enough to suggest, never enough to merge
    without the user. Agreeing birthdays (4), organizations (2.5) or addresses (3; a
    city 1) push a pair over the merge line; disagreeing ones pull it back.
    """
    for key in sorted(a.keys & b.keys):
        kind = {"e": "e-mail address", "u": "LinkedIn profile", "p": "phone number"}[key[0]]
        return Scored(1.0, (f"same {kind} ({key[2:]})",))
    likeness = fuzz.token_set_ratio(a.full, b.full) / 100 if a.full and b.full else 0.0
    reasons = [f"names {round(likeness * 100)}% alike"]
    points, conflict = _points(a, b, reasons)
    return Scored(_share(points), tuple(reasons), conflict)


def _share(points: float) -> float:
    """Points out of 10 as a score from 0 to 1."""
    return round(max(0.0, min(1.0, points / 10)), 3)


def _points(a: Profile, b: Profile, reasons: list[str] | None = None) -> tuple[float, bool]:
    """The points of a pair without an exact key in common, and whether the names
    conflict; the evidence in words goes to `reasons` when one is given."""
    points, conflict = _name_points(a, b)
    if a.birthday and b.birthday:
        if a.birthday == b.birthday:
            points += 4.0
            reason = "same birthday"
        elif JaroWinkler.normalized_similarity(a.birthday, b.birthday) >= 0.85:
            points += 1.0
            reason = "nearly the same birthday"
        else:
            points -= 2.0
            reason = "different birthdays"
        if reasons is not None:
            reasons.append(reason)
    if a.orgs and b.orgs:
        if a.orgs.isdisjoint(b.orgs):
            points -= 0.5
        else:
            points += 2.5
            if reasons is not None:
                reasons.append("same organization")
    if a.location and b.location:
        place, said = _place_points(a.location, b.location, a.detailed and b.detailed)
        points += place
        if said and reasons is not None:
            reasons.append(said)
    return points, conflict


def _worth_suggesting(a: Profile, b: Profile) -> bool:
    """score(a, b).suggest, without putting the reasons into words."""
    if a.keys and b.keys and not a.keys.isdisjoint(b.keys):
        return True
    return _share(_points(a, b)[0]) >= SUGGEST


class Matcher:
    """An index of known profiles; finds the likely duplicates of new ones in batches."""

    def __init__(self) -> None:
        self.profiles: list[Profile] = []
        self.exact: dict[str, int] = {}
        # block key -> positions, in the order they were added
        self._blocks: dict[str, list[int]] = defaultdict(list)

    def add(self, profile: Profile) -> int:
        """Index a profile; return its position (what pairs refer to)."""
        position = len(self.profiles)
        self.profiles.append(profile)
        for key in profile.keys:
            self.exact.setdefault(key, position)
        blocks = self._blocks
        for key in profile.block_keys():
            blocks[key].append(position)
        return position

    def add_keys(self, position: int, profile: Profile) -> None:
        """Let the indexed profile at `position` be found by `profile`'s exact keys too."""
        for key in profile.exact_keys():
            self.exact.setdefault(key, position)

    def find_exact(self, profile: Profile) -> int | None:
        for key in profile.exact_keys():
            found = self.exact.get(key)
            if found is not None:
                return found
        return None

    def pairs_with(self, queries: Sequence[Profile]) -> Iterator[tuple[int, int, Scored]]:
        """Yield (query index, indexed position, judgement) for every pair worth suggesting."""
        stride = len(self.profiles) + 1
        found: set[int] = set()
        for index, query in enumerate(queries):
            base = index * stride
            for key in query.block_keys():
                found.update([base + position for position in self._blocks.get(key, ())])
        yield from _judged(found, stride, queries, self.profiles)

    def pairs_within(
        self, since: int = 0, skip: Container[int] = ()
    ) -> Iterator[tuple[int, int, Scored]]:
        """Yield (earlier, later, judgement) for likely duplicates among the indexed profiles.

        With `since`, only the pairs whose later profile was added at that position or
        after (an import asks this of the records it has just added: each is compared
        with everything before it, once); with `skip`, none whose later profile is at one
        of those positions.
        """
        stride = len(self.profiles) + 1
        found: set[int] = set()
        for members in self._blocks.values():
            if len(members) < 2 or members[-1] < since:
                continue
            for j in range(max(1, bisect_left(members, since)), len(members)):
                if members[j] in skip:
                    continue
                base = members[j] * stride
                found.update([base + earlier for earlier in members[:j]])
        for later, earlier, judged in _judged(found, stride, self.profiles, self.profiles):
            yield earlier, later, judged


def _judged(
    found: set[int], stride: int, left: Sequence[Profile], right: Sequence[Profile]
) -> Iterator[tuple[int, int, Scored]]:
    """Judge pairs (coded left * stride + right), in order; yield those worth suggesting.

    The first pass, one `cpdist` call over every pair, compares everything at once (name,
    birthday, place and organizations) and lets through anything a careful look might
    still match; `score` then judges the few that pass.
    """
    if not found:
        return
    codes = np.fromiter(found, dtype=np.int64, count=len(found))
    codes.sort()
    lefts, rights = np.divmod(codes, stride)
    alike = process.cpdist(
        [left[a].summary for a in lefts.tolist()],
        [right[b].summary for b in rights.tolist()],
        scorer=fuzz.token_set_ratio,
        score_cutoff=_PREFILTER,
        dtype=np.uint8,
        workers=-1,
    )
    kept = np.flatnonzero(alike)
    for a, b in zip(lefts[kept].tolist(), rights[kept].tolist(), strict=True):
        if _worth_suggesting(left[a], right[b]):
            yield a, b, score(left[a], right[b])
