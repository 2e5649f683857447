"""Find where a text says the job is, for when no location is given.

Two kinds of statement are read. A labelled line: "Location: Denver, CO" (also "Job location",
"Work location", "Based in", "Office" and "Where" with a colon or a dash). Failing that, a
sentence that places the job itself: "This role is based in Toronto, ON", "You'll be based in
our Austin, TX office", "We're hiring a barista at Northwind in Austin, TX", "The position at
Northwind in Austin, TX...", "This role is remote (US only)".

In a sentence the place must be written the way an address is: a city with its state or
province code ("Austin, TX"), a city Goodword knows ("Toronto"), or a state, province or
country by name. A sentence about you ("your current role in Denver, CO"), about clients, or
naming two places for the job is not read: a wrong place cites the wrong laws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goodword.redflags import places as gz
from goodword.redflags.location import Place, parse_location
from goodword.redflags.textspan import Evidence, Sentences, evidence

_LOCATION_LINE = re.compile(
    r"(?im)^[ \t*•]*(?:job\s+)?(?:location|based\s+in|work\s+location|office|where)\s*[:\u2013-]\s*"
    r"(?P<where>[^\n]{2,80})$"
)

_NAME = r"(?:(?:St|Ste|Mt|Ft)\.|[A-Z][a-z]+(?:[-'][A-Za-z]+)*)"
_CITY = rf"{_NAME}(?:[ \t]+{_NAME}){{0,3}}"
_COUNTRY_CODE = r"(?:U\.S\.A?\.?|USA|US|UK|U\.K\.)"
# The parser reads "US" and "UK" but not every dotted spelling, so those are rewritten first.
_COUNTRY_SHORT = {"U.S.": "US", "U.S.A.": "US", "U.S.A": "US", "USA": "US", "U.K.": "UK"}
_PART = rf"(?:[A-Z]{{2}}\b|D\.C\.|{_COUNTRY_CODE}|{_CITY})"
_PLACE = rf"(?P<place>(?:{_CITY}|{_COUNTRY_CODE}(?!\w))(?:,[ \t]*{_PART}){{0,2}})"
# A second place right after the first: "Austin, TX or Denver, CO".
_ANOTHER = re.compile(rf"[ \t]*(?:,|/|&|\bor\b|\band\b)[ \t]*(?:the[ \t]+)?{_PLACE}")

_ROLE = r"(?:role|position|job|opening|vacancy)"
_THERE = (
    r"(?:(?:based|located)\s+(?:in|at|out\s+of)|in|on[- ]?site\s+in|in[- ]office\s+in|"
    r"hybrid\s+(?:in|from|out\s+of))"
)
_ORG = r"[A-Z][\w&'.-]*(?:[ \t]+(?:[A-Z][\w&'.-]*|&|of))*"
_SENTENCES = [
    # "This role is based in Toronto, ON", "The position is on-site in Denver, CO".
    re.compile(
        rf"\b(?i:this|the|our)\s+(?i:{_ROLE})\s+(?i:is|will\s+be)\s+"
        rf"(?i:(?:fully|primarily|currently|100%)\s+)?(?i:{_THERE})\s+(?i:our\s+)?(?i:the\s+)?"
        + _PLACE
    ),
    # "You'll be based in our Austin, TX office", "you will work out of Denver, CO".
    re.compile(
        r"\b(?i:you(?:'ll|\u2019ll|\s+will|\s+would)\s+(?:be\s+)?(?:based|located|working|work)"
        r"\s+(?:in|out\s+of|from|at))\s+(?i:our\s+)?(?i:the\s+)?" + _PLACE
    ),
    # "We're hiring a barista at Northwind in Austin, TX", "Join our team in Toronto, ON".
    re.compile(
        r"\b(?i:(?:is|are|we're|we\u2019re)\s+hiring|join\s+(?:us|our\s+team|the\s+team))\b"
        r"[^.!?\n]{0,80}?\s+in\s+(?i:the\s+)?" + _PLACE
    ),
    # "The nurse position at Northwind in Austin, TX".
    re.compile(rf"\b(?i:{_ROLE})\s+at\s+{_ORG}\s+in\s+(?i:the\s+)?" + _PLACE),
]
_REMOTE = re.compile(
    rf"\b(?i:(?:this|the)\s+{_ROLE}\s+is|this\s+is\s+a)\s+(?i:fully\s+|100%\s+)?(?i:remote)"
    rf"(?:\s+(?i:{_ROLE}))?(?:\s*\((?P<paren>[^()\n]{{2,30}})\)|,?\s+(?i:(?:with)?in)\s+"
    rf"(?i:the\s+)?(?P<country>{_COUNTRY_CODE}(?!\w)|{_CITY}))"
)
_QUALIFIER_WORDS = re.compile(r"\b(?:only|based|residents|candidates|applicants)\b", re.I)

# Said in the same sentence, these mean the place is not where this job is.
_NOT_THE_JOB = re.compile(
    r"\byour\s+(?:current|previous|last|old|present)\b|"
    r"\byou(?:\s+\w+)?\s+(?:worked|studied|live|lived|are\s+based|were)\b|"
    r"\b(?:previous|former|past|last)\s+(?:role|position|job)\b|"
    r"\b(?:clients?|customers?|headquarter\w*|HQ)\b",
    re.IGNORECASE,
)
# State and province codes that are also English words when written in capitals.
_WORDLIKE_CODES = frozenset({"OR", "IN", "ME", "OK", "HI", "ON", "OH", "ID"})
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)\]\n]|$)")
# Single names too ambiguous to read from a sentence: a state or a country, or a city that
# has a namesake as large in another state or country.
_AMBIGUOUS = frozenset(
    {"washington", "georgia", "victoria", "hamilton", "birmingham", "manchester", "portland"}
    | {"columbus", "wilmington"}
)


@dataclass(frozen=True)
class StatedLocation:
    """Where the text says the job is: the words to parse, and where they were read."""

    where: str
    evidence: Evidence
    from_line: bool


@dataclass(frozen=True)
class LocationSearch:
    """The location stated in a text, or the places it names when it names several."""

    found: StatedLocation | None = None
    several: tuple[str, ...] = ()


def find_location(text: str, sents: Sentences | None = None) -> LocationSearch:
    """Find the job's location in `text`: a labelled line first, then a clear sentence.

    >>> find_location("Nurse. This role is based in Austin, TX.").found.where
    'Austin, TX'
    >>> find_location("Our clients in Austin, TX love us.").found is None
    True
    """
    line = _LOCATION_LINE.search(text)
    if line:
        where = line.group("where").strip()
        item = evidence(text, line.start("where"), line.end("where"))
        return LocationSearch(found=StatedLocation(where=where, evidence=item, from_line=True))
    sents = sents or Sentences(text)
    found: list[tuple[StatedLocation, Place]] = []
    several: list[str] = []
    for match, where in _sentence_places(text, sents):
        place = parse_location(where)
        stated = StatedLocation(
            where=where, evidence=evidence(text, match.start(), match.end()), from_line=False
        )
        found.append((stated, place))
        following = _ANOTHER.match(text, match.end())
        other = _checked(following.group("place")) if following else None
        if following and other is not None and not _code_read_as_a_word(other, following, text):
            several.append(other)
    distinct: dict[tuple[object, ...], str] = {}
    for stated, place in found:
        distinct.setdefault(_key(place), stated.where)
    if len(distinct) > 1 or (found and several):
        names = [*distinct.values(), *several]
        return LocationSearch(several=tuple(dict.fromkeys(names)))
    if found:
        return LocationSearch(found=found[0][0])
    return LocationSearch()


def _sentence_places(text: str, sents: Sentences) -> list[tuple[re.Match[str], str]]:
    """Every place a sentence gives for the job, in text order, with the words it was in."""
    hits: list[tuple[re.Match[str], str]] = []
    for pattern in _SENTENCES:
        for match in pattern.finditer(text):
            where = _checked(match.group("place"))
            if (
                where is not None
                and not _code_read_as_a_word(where, match, text)
                and not _about_something_else(text, sents, match)
            ):
                hits.append((match, where))
    for match in _REMOTE.finditer(text):
        where = _remote(match.group("paren") or match.group("country"))
        if where is not None and not _about_something_else(text, sents, match):
            hits.append((match, where))
    return sorted(hits, key=lambda hit: hit[0].start())


def _code_read_as_a_word(where: str, match: re.Match[str], text: str) -> bool:
    """True for "Python, OR similar": a code that is also a word, after a city not known."""
    city, _, code = where.rpartition(", ")
    if code not in _WORDLIKE_CODES or city.lower() in gz.CITIES:
        return False
    return not _CLAUSE_END.match(text, match.end())


def _about_something_else(text: str, sents: Sentences, match: re.Match[str]) -> bool:
    start, end = sents.window(match.start())
    return bool(_NOT_THE_JOB.search(text, start, max(end, match.end())))


def _checked(candidate: str) -> str | None:
    """The longest leading part of `candidate` written the way a place is, or None."""
    parts = [_COUNTRY_SHORT.get(p.strip(), p.strip()) for p in candidate.split(",")]
    while parts:
        if _is_place(parts):
            return ", ".join(parts)
        parts = parts[:-1]
    return None


def _is_place(parts: list[str]) -> bool:
    first = parts[0].lower()
    if len(parts) == 1:
        named = (
            first in gz.CITIES
            or first in gz.AREAS
            or (first in gz.REGION_ALIASES and not parts[0].isupper())
            or first in gz.COUNTRY_ALIASES
        )
        if not named or first in _AMBIGUOUS:
            return False
    else:
        if not (_is_region_code(parts[1]) or _names_region_or_country(parts[1])):
            return False
        if len(parts) == 3 and not _names_region_or_country(parts[2]):
            return False
    place = parse_location(", ".join(parts))
    if not place.known:
        return False
    if len(parts) == 1 or not _is_region_code(parts[1]):
        return True
    known = gz.CITIES.get(first)
    if parts[1] == "CA" and known is not None and known[1] == "CA":
        return False  # "Toronto, CA": California or Canada?
    return place.region == parts[1]


def _is_region_code(part: str) -> bool:
    return part in gz.US_STATES or part in gz.CA_PROVINCES


def _names_region_or_country(part: str) -> bool:
    """ "Texas", "Ontario", "Canada", "UK": a name, or a country code that clashes with no state."""
    low = part.lower()
    if part.isupper() and "." not in part:
        return part in gz.SAFE_COUNTRY_CODES
    return low in gz.REGION_ALIASES or low in gz.COUNTRY_ALIASES


def _remote(qualifier: str | None) -> str | None:
    """ "Remote (US)" from the qualifier of "remote (US only)", when it names a country."""
    if not qualifier:
        return None
    words = " ".join(_QUALIFIER_WORDS.sub(" ", qualifier.replace("-", " ")).split())
    checked = _checked(words) if words else None
    if checked is None:
        return None
    where = f"Remote ({checked})"
    place = parse_location(where)
    return where if place.known and place.remote and place.city is None else None


def _key(place: Place) -> tuple[object, ...]:
    return (place.country, place.region, place.city, place.county, place.remote)
