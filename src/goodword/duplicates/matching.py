"""Pure record matching: whether two people are probably the same person, and why.

Exact keys (a normalised e-mail address, LinkedIn profile or E.164 phone number, its
extension included: people on one switchboard are not one person) decide at once.
Otherwise names are compared with rapidfuzz (accents folded, token order ignored, common
nicknames understood), and organization, location and birthday add or take away evidence.
Which pairs are compared at all is `duplicates.index` (blocks, and a cheap first look).

Nothing here touches a database; the import and the duplicates scan feed it `Profile`s.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import InitVar, dataclass, field
from string import ascii_lowercase
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from goodword.duplicates.names import (
    GENERATION_ENDS,
    GENERATION_SHOWN,
    GENERATIONS,
    NICK_FORMS,
    NICK_GROUPS,
    fold,
    lossy_same,
    soundex,
)
from goodword.people.normalize import phone_text

# A pair at or above AUTO_MERGE (with supporting evidence) is merged without asking; between
# SUGGEST and AUTO_MERGE it is queued for the user; below SUGGEST it is ignored.
AUTO_MERGE = 0.7
SUGGEST = 0.35
_DIGIT = re.compile(r"\d")
_NO_KEYS: frozenset[str] = frozenset()


# "ae", "oe", "ue" and "aa": how "ä", "ö", "ü" and "å" are typed without them.
_DIGRAPHS = re.compile(r"([aou])e|(?<=a)a")


@dataclass(slots=True)
class Profile:
    """What matching looks at for one person; `ref` is the caller's own id for it."""

    ref: int
    given: str = ""
    family: str = ""
    # Only kept inside `keys` (one set instead of four: a large workspace has many), so
    # reading profile.emails gives None, not the addresses.
    emails: InitVar[Collection[str] | None] = None
    urls: InitVar[Collection[str] | None] = None
    phones: InitVar[Collection[str] | None] = None
    orgs: frozenset[str] = frozenset()
    location: str = ""
    birthday: str = ""
    # The job titles the person holds or held, folded and joined by "|" (`job_titles`); one
    # string, not a set: only a pair at one organization reads them.
    titles: str = ""
    full: str = field(init=False)
    # Everything at once, for the cheap first look at a candidate pair.
    summary: str = field(init=False)
    keys: frozenset[str] = field(init=False)
    # The location reads like a street address (a number and several words), not a city.
    detailed: bool = field(init=False)
    # The generational suffix the family name ends with ("smith jr": "jr"), or "".
    generation: str = field(init=False)

    def __post_init__(
        self,
        emails: Collection[str] | None,
        urls: Collection[str] | None,
        phones: Collection[str] | None,
    ) -> None:
        given, family, location = self.given, self.family, self.location
        self.full = f"{given} {family}" if given and family else given or family
        orgs = sorted(self.orgs) if len(self.orgs) > 1 else self.orgs
        self.summary = " ".join([self.full, self.birthday, location, *orgs])
        if emails or urls or phones:
            self.keys = frozenset(
                [*("e:" + e for e in emails or ()), *("u:" + u for u in urls or ())]
                + ["p:" + p for p in phones or ()]
            )
        else:
            self.keys = _NO_KEYS
        self.detailed = bool(_DIGIT.search(location)) and len(location.split()) >= 3
        # (Most family names are one word: told fast.)
        self.generation = (
            GENERATIONS[family.rpartition(" ")[2]]
            if " " in family and family.endswith(GENERATION_ENDS)
            else ""
        )

    def details(self) -> tuple[Any, ...]:
        """What `score` reads of the profile besides its exact keys."""
        return (self.given, self.family, self.orgs, self.location, self.birthday, self.titles)

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
            first = self.given.split(" ")[0]
            for name in NICK_GROUPS.get(first, ()):
                keys.add("n" + family[:3] + name[:2])
            if "?" in family and "?" in family[:2]:
                # A letter an older character set lost ("?ukasiewicz") leaves no key above
                # whole: the key of the given name with each letter it may have been.
                for letter in ascii_lowercase:
                    keys.add("n" + given[:3] + family[:2].replace("?", letter))
            # A family name spelt two ways ("Shankar", "Sankar") shares none of the keys
            # above, but sounds alike: the whole given name with the sound of the family
            # name (not its first letters: blocks would grow by half).
            sound = soundex(family)
            if sound:
                keys.add("s" + first + " " + sound)
                # A name typed without its letters' marks the German or Nordic way ("Juergen
                # Mueller", "Soeren Aakesson") meets it written with them, which folds to
                # "jurgen muller": the given name without "e" after a, o, u, nor a second "a".
                if "ae" in first or "oe" in first or "ue" in first or "aa" in first:
                    keys.add("s" + _DIGRAPHS.sub(r"\1", first) + " " + sound)
        elif self.full:
            keys.add("o" + self.full.replace(" ", "")[:4])
        if self.birthday:
            keys.add("b" + self.birthday)
        if self.detailed:
            words = [w for w in self.location.split() if not w.isdigit()]
            if len(words) >= 2:
                keys.add("a" + words[0] + " " + words[1][:3])
        return keys

    def initial_keys(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """A name part given only as its initial shares no key of `block_keys` with the
        whole name, so these two have blocks of their own, one way round: (the keys the
        profile is filed under, the keys it looks in). A family name's initial ("Ravi S.")
        looks among the whole family names that begin with it, under the given name and
        each of its nicknames ("Bob S." among the Roberts S-); an initial written first
        ("S. Ravi", family initial then given name, as South Indian names often are) looks
        the same way with the parts swapped; a whole name looks among the initials. Two
        whole names never meet here, so an address book without initials pays for nothing
        but the filing.

        >>> Profile(1, "bob", "s").initial_keys()
        (('ibobs', 'irobs'), ('wbobs', 'wrobs'))
        >>> Profile(2, "robert", "smith").initial_keys()
        (('wrobs',), ('irobs',))
        """
        given, family = self.given, self.family
        if not (given and family):
            return None
        if len(family) == 1:
            initial, named = family, given
        elif len(given) == 1:
            initial, named = given, family
        else:
            block = given.replace(" ", "")[:3] + family[0]
            return ("w" + block,), ("i" + block,)
        first = named.split(" ")[0]
        blocks = sorted(
            {n.replace(" ", "")[:3] + initial for n in (named, *NICK_GROUPS.get(first, ()))}
        )
        return tuple("i" + b for b in blocks), tuple("w" + b for b in blocks)


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
    if a == b or (("?" in a or "?" in b) and lossy_same(a, b)):
        return 1.0
    first_a, first_b = a.split(" ")[0], b.split(" ")[0]
    if first_a == first_b or first_b in NICK_FORMS.get(first_a, ()):
        return 0.96
    if first_b in NICK_GROUPS.get(first_a, ()):
        return 0.8  # two short forms of one name: neither for nor against
    if len(first_a) == 1 or len(first_b) == 1:
        return 0.9 if first_a[:1] == first_b[:1] else 0.0
    return JaroWinkler.normalized_similarity(a, b)


def _family_similarity(a: str, b: str) -> float:
    if a == b or (("?" in a or "?" in b) and lossy_same(a, b)):
        return 1.0
    # "Ravi S." (an initial, as a phone or LinkedIn shows some names) is no other family.
    if len(a) == 1 or len(b) == 1:
        return 0.9 if a[:1] == b[:1] else 0.0
    return JaroWinkler.normalized_similarity(a, b)


def _other_ending(a: str, b: str) -> bool:
    """One given name is the other with another ending: Paul and Paula, Daniel and Daniela,
    Mark and Marc, Jon and John, Christian and Christina ("-an" and "-na"). Often two
    people (a brother and sister, a couple), so such a pair is never merged without asking,
    whatever else agrees."""
    first_a, first_b = a.split(" ")[0], b.split(" ")[0]
    if first_a == first_b or min(len(first_a), len(first_b)) < 2:
        return False
    if first_b in NICK_GROUPS.get(first_a, ()):
        return False
    swapped = {first_a[-2:], first_b[-2:]} == {"an", "na"} and first_a[:-2] == first_b[:-2]
    if swapped and len(first_a) > 4:
        return True  # a man's name and a woman's: Christian and Christina
    shared = next(
        (i for i, (x, y) in enumerate(zip(first_a, first_b, strict=False)) if x != y),
        min(len(first_a), len(first_b)),
    )
    return shared >= max(2, min(len(first_a), len(first_b)) - 1)


def _part_points(similarity: float, agree: float, disagree: float) -> float:
    if similarity >= 0.95:
        return agree
    if similarity >= 0.85:
        return agree * 0.6
    if similarity >= 0.75:
        return 0.0
    return -disagree


# The most the names can be worth: given names (2.5) and family names (3) both alike.
_NAME_MAX = 2.5 + 3.0


def _parts_points(given_a: str, family_a: str, given_b: str, family_b: str) -> tuple[float, bool]:
    points, conflict = 0.0, False
    if given_a and given_b:
        similarity = _given_similarity(given_a, given_b)
        given = _part_points(similarity, 2.5, 1.5)
        points = points + given
        conflict = given < 0 or (similarity < 1.0 and _other_ending(given_a, given_b))
    if family_a and family_b:
        family = _part_points(_family_similarity(family_a, family_b), 3.0, 2.0)
        points, conflict = points + family, conflict or family < 0
    return points, conflict


def _name_points(a: Profile, b: Profile) -> tuple[float, bool]:
    """Points for the names (given and family judged apart, also swapped), and whether
    they clearly disagree. A part missing on either side counts neither way, and so does a
    generational suffix on one side only ("Webb Jr." and "Webb")."""
    a_family, b_family = a.family, b.family
    if (a.generation or b.generation) and not (a.generation and b.generation):
        if a.generation:
            a_family = a_family.rpartition(" ")[0]
        else:
            b_family = b_family.rpartition(" ")[0]
    straight = _parts_points(a.given, a_family, b.given, b_family)
    if straight[0] >= _NAME_MAX - 0.5:
        return straight  # a swapped reading, half a point down, cannot beat it
    # Swapped either way round (so that score(a, b) is score(b, a)); on a tie, the
    # reading without a conflict.
    crossed = max(
        _parts_points(a.given, a_family, b_family, b.given),
        _parts_points(b.given, b_family, a_family, a.given),
        key=lambda parts: (parts[0], not parts[1]),
    )
    if crossed[0] - 0.5 > straight[0]:
        return crossed[0] - 0.5, crossed[1]
    return straight


def given_names_differ(a: Profile, b: Profile) -> bool:
    """Whether both give a given name and the two are not one name: the same, a known
    short form or a second spelling ("Bob" and "Robert", "Ana" and "Anna"; not "Jade" and
    "Jude", "Dana" and "Diana", nor one name with another ending, "Louis" and "Louise",
    "Christian" and "Christina"). A name given in one part only differs from nothing."""
    if not (a.given and b.given and a.family and b.family):
        return False
    similarity = _given_similarity(a.given, b.given)
    return similarity < 0.95 or (similarity < 1.0 and _other_ending(a.given, b.given))


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
        return -1.0, "different places"
    return 0.0, None


def score(a: Profile, b: Profile) -> Scored:
    """Judge whether two profiles are the same person (points out of 10, as 0 to 1).

    A name alone is worth at most 5.5 points: enough to suggest, never enough to merge
    without the user. Agreeing birthdays (4), organizations (2.5) or addresses (3; a
    city 1) push a pair over the merge line; disagreeing ones pull it back.
    """
    for key in sorted(a.keys & b.keys):
        return Scored(1.0, (shared_key_reason(key),))
    likeness = fuzz.token_set_ratio(a.full, b.full) / 100 if a.full and b.full else 0.0
    reasons = [f"names {round(likeness * 100)}% alike"]
    points, conflict = _points(a, b, reasons)
    return Scored(_share(points), tuple(reasons), conflict)


def shared_key_reason(key: str) -> str:
    """Why a shared exact key makes two records one person, in words."""
    kind = {"e": "e-mail address", "u": "LinkedIn profile", "p": "phone number"}[key[0]]
    value = phone_text(key[2:]) if key[0] == "p" else key[2:]
    return f"same {kind} ({value})"


def _share(points: float) -> float:
    """Points out of 10 as a score from 0 to 1."""
    return round(max(0.0, min(1.0, points / 10)), 3)


def _points(a: Profile, b: Profile, reasons: list[str] | None = None) -> tuple[float, bool]:
    """The points of a pair without an exact key in common, and whether the names
    conflict; the evidence in words goes to `reasons` when one is given."""
    points, conflict = _name_points(a, b)
    if a.generation and b.generation and a.generation != b.generation:
        # Sr. and Jr.: two people of one name, whatever else agrees.
        conflict = True
        if reasons is not None:
            shown = GENERATION_SHOWN
            reasons.append(f"one is {shown[a.generation]}, the other {shown[b.generation]}")
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
            if reasons is not None:
                reasons.append("different organizations")
        elif not conflict and a.titles and b.titles and not titles_alike(a.titles, b.titles):
            # Two people of one name at one large employer ("SDE II" and "Warehouse
            # Operations Manager" at Amazon): the employer is weaker evidence, so such a
            # pair is asked about unless more agrees (a birthday, an address).
            points += 1.0
            if reasons is not None:
                reasons.append("same organization, different job titles")
        elif not conflict:
            points += 2.5
            if reasons is not None:
                reasons.append("same organization")
        # (Names that clearly disagree at one organization are colleagues or relatives:
        # Wei and Jun Wang at Google. The organization is no evidence they are one.)
    if a.location and b.location:
        place, said = _place_points(a.location, b.location, a.detailed and b.detailed)
        points += place
        if said and reasons is not None:
            reasons.append(said)
    return points, conflict


def job_titles(titles: Iterable[str | None]) -> str:
    """Job titles as a profile holds them: folded, each once, joined by "|".

    >>> job_titles(["SDE II", None, "Sde II", "Staff Engineer"])
    'sde ii|staff engineer'
    """
    return "|".join(sorted({fold(t) for t in titles if t} - {""}))


def titles_alike(a: str, b: str) -> bool:
    """Whether two profiles' job titles (`job_titles`) could be one person's: a word in
    common ("Product Manager", "Director of Product"), one within the other ("Engineer",
    "Senior Engineer") or much alike; "CTO" and "Chief Technology Officer" are not."""
    return any(fuzz.token_set_ratio(x, y) >= 50 for x in a.split("|") for y in b.split("|"))


def worth_suggesting(a: Profile, b: Profile) -> bool:
    """score(a, b).suggest, without putting the reasons into words."""
    if a.keys and b.keys and not a.keys.isdisjoint(b.keys):
        return True
    return _share(_points(a, b)[0]) >= SUGGEST
