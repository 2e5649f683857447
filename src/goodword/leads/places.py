"""Whether someone is in the place an in-person lead happens: the town, and where both say
one, the state or country around it ("Portland, OR" is not "Portland, ME").

A place is read as a town followed by what it is in: "Berlin, Germany", "Boston, MA",
"Portland, Oregon, United States". The states, provinces and countries come from the red
flags' gazetteer; parts it does not know ("Brandenburg", "Hesse") say nothing either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from goodword.redflags import places as gz
from goodword.search.folding import fold

# What a place is called around it ("Greater Boston Area", "Berlin-Brandenburg Metropolitan
# Area", as LinkedIn writes them).
_AROUND = re.compile(
    r"^(?:greater|metro|metropolitan)\s+|\s+(?:bay area|metropolitan area|metro area|"
    r"metropolitan region|area|region|city)$"
)
# Short names of towns, and the boroughs of New York.
_SHORT_NAMES = {
    "nyc": "new york",
    "ny": "new york",
    "brooklyn": "new york",
    "manhattan": "new york",
    "queens": "new york",
    "bronx": "new york",
    "the bronx": "new york",
    "sf": "san francisco",
    "la": "los angeles",
    "dc": "washington",
    "washington dc": "washington",
    "washington d c": "washington",
}
# A town as it is called at home and in English: both are the same town.
_EXONYMS = {
    "munchen": "munich",
    "koln": "cologne",
    "wien": "vienna",
    "praha": "prague",
    "lisboa": "lisbon",
    "roma": "rome",
    "milano": "milan",
    "firenze": "florence",
    "geneve": "geneva",
    "warszawa": "warsaw",
    "kobenhavn": "copenhagen",
    "goteborg": "gothenburg",
    "den haag": "the hague",
    "bruxelles": "brussels",
    "brussel": "brussels",
    "moskva": "moscow",
}
# Words joining a town's name to the river or region that tells it apart: "Frankfurt am
# Main" is Frankfurt, "Newcastle upon Tyne" Newcastle.
_JOINS = {"am", "an", "im", "upon", "on", "sur"}
# Places that say nothing of where someone can be.
_NOWHERE = {"remote", "anywhere", "worldwide", "online", "virtual", "earth"}

Within = frozenset[str]  # a country's code, with its state's ("US", "US-OR") when said


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _regions() -> dict[str, list[Within]]:
    """Every way a state, province or country is written, with what each may mean: "or" is
    Oregon; "de" is Germany or Delaware, "ca" California or Canada."""
    table: dict[str, list[Within]] = {}

    def add(name: str, within: Within) -> None:
        means = table.setdefault(_words(name), [])
        if within not in means:
            means.append(within)

    for code, name in gz.COUNTRY_NAMES.items():
        if code != "EU":
            add(name, frozenset({code}))
            add(code, frozenset({code}))
    for alias, code in gz.COUNTRY_ALIASES.items():
        if code != "EU":
            add(alias, frozenset({code}))
    add("uk", frozenset({"GB"}))
    for country, states in (("US", gz.US_STATES), ("CA", gz.CA_PROVINCES)):
        for code, name in states.items():
            add(code, frozenset({country, f"{country}-{code}"}))
            add(name, frozenset({country, f"{country}-{code}"}))
    for alias, (country, code) in gz.REGION_ALIASES.items():
        add(alias, frozenset({country, f"{country}-{code}"}))
    return table


_REGIONS = _regions()


@dataclass(frozen=True)
class Place:
    """A place as compared: its town (None when it names only a country), the other parts
    that may be towns too ("Mitte, Berlin"), and what it may be within, one set per
    reading (none when no part says)."""

    town: str | None
    others: tuple[str, ...] = ()
    within: tuple[Within, ...] = ()
    area: bool = False  # (named as the area around the town: "Greater Berlin Area")


def read(text: str | None) -> Place | None:
    """The place as compared, or None when it says nothing ("Remote", nothing at all).

    >>> read("Greater München Area, Germany")
    Place(town='munich', others=(), within=(frozenset({'DE'}),), area=True)
    >>> read("Germany").town, read("NYC").town
    (None, 'new york')
    """
    parts: list[tuple[str, bool]] = []
    for part in (text or "").split(","):
        words = _words(part)
        around = False
        while (shorter := _AROUND.sub("", words).strip()) != words:
            words, around = shorter, True  # ("greater new york city area": twice)
        if words and words not in _NOWHERE:
            parts.append((words, around))
    if not parts:
        return None
    (first, area), rest = parts[0], [words for words, _around in parts[1:]]
    if not area and not rest and first not in _SHORT_NAMES and _is_country(first):
        return Place(None, within=tuple(_REGIONS[first]))
    town = _EXONYMS.get(first, _SHORT_NAMES.get(first, first))
    known = [_REGIONS[words] for words in rest if words in _REGIONS]
    others = tuple(_EXONYMS.get(w, w) for w in rest if w not in _REGIONS)
    return Place(town, others, _readings(known), area)


def _is_country(words: str) -> bool:
    means = _REGIONS.get(words, [])
    return bool(means) and all(len(within) == 1 for within in means)


def _readings(known: list[list[Within]]) -> tuple[Within, ...]:
    """The readings of all the parts together that keep to one country ("Wilmington, DE,
    USA" is in Delaware)."""
    readings = (frozenset().union(*choice) for choice in product(*known))
    return tuple(r for r in readings if len({code[:2] for code in r}) == 1)


def _within_alike(here: Place, there: Place) -> bool:
    """Whether the two can be within the same state and country: one says no more than the
    other does ("Boston, MA" and "Boston, United States"), or either says nothing."""
    if not here.within or not there.within:
        return True
    return any(a <= b or b <= a for a in here.within for b in there.within)


def _same_town(town: str, other: str, *, area: bool) -> bool:
    """The same town, or the other names it with more: "Frankfurt am Main" for Frankfurt,
    and, when it is an area, "Berlin-Brandenburg" for Berlin."""
    if town == other:
        return True
    short, long = sorted((town, other), key=len)
    if not long.startswith(f"{short} "):
        return False
    return area or long[len(short) + 1 :].split()[0] in _JOINS


def same_place(place: str, location: str | None) -> bool | None:
    """Whether someone whose place is `location` is in `place`; None when it cannot be told
    (their place is not known, or names only the country the town is in).

    >>> same_place("Berlin", "Berlin, Germany"), same_place("Berlin, Germany", "Berlin, NH")
    (True, False)
    >>> same_place("Berlin, Germany", "Germany"), same_place("Berlin", "Remote")
    (None, None)
    """
    here, there = read(place), read(location)
    if here is None or there is None:
        return None
    if not _within_alike(here, there):
        return False
    if here.town is None:  # (the lead's place is a country: they are in it if they say so)
        return True if there.within else None
    if there.town is None:
        return None
    area = here.area or there.area
    return (
        _same_town(here.town, there.town, area=area)
        or any(_same_town(here.town, other, area=False) for other in there.others)
        or any(_same_town(there.town, other, area=False) for other in here.others)
    )
