"""Parse a job's location ("Remote (US)", "New York, NY", "Toronto, ON") into a structured place.

Pure and table-driven: see `places.py` for the gazetteer. Unknown words are kept as the city
when a state, province or country tells us where they are.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from goodword.redflags import places as gz


@dataclass(frozen=True)
class Place:
    """Where a job is, as far as its location text tells."""

    raw: str
    country: str | None = None
    region: str | None = None
    city: str | None = None
    county: str | None = None
    area: str | None = None
    remote: bool = False
    hybrid: bool = False
    remote_country: str | None = None

    @property
    def in_eu(self) -> bool:
        return self.country in gz.EU_MEMBERS or self.country == "EU"

    @property
    def known(self) -> bool:
        return self.country is not None

    @property
    def label(self) -> str:
        """A readable name such as "New York City, NY, United States (remote)"."""
        bits: list[str] = []
        if self.city:
            bits.append(self.city)
        elif self.county:
            bits.append(self.county)
        elif self.area:
            bits.append(self.area)
        if self.region:
            bits.append(self.region)
        if self.country:
            bits.append(gz.COUNTRY_NAMES.get(self.country, self.country))
        text = ", ".join(bits) or "unknown place"
        if self.remote:
            text += " (remote)"
        elif self.hybrid:
            text += " (hybrid)"
        return text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["label"] = self.label
        return data


_REMOTE = re.compile(
    r"\b(?:fully\s+|100%\s+)?(?:remote(?:ly)?|work\s+from\s+home|wfh|telecommute|distributed)\b",
    re.IGNORECASE,
)
# "Anywhere in the US": a job that can be done from any place in the country is a remote one.
_ANYWHERE = re.compile(r"^\W*anywhere\b", re.IGNORECASE)
_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_ONSITE = re.compile(r"\b(?:on[- ]?site|in[- ]office|in[- ]person)\b", re.IGNORECASE)
_POSTCODE = re.compile(
    r"\b\d{5}(?:-\d{4})?\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
)
_SEPARATORS = re.compile(
    r"[()\[\]|/;·•]|\s[-\u2013\u2014]\s|^\s*[-\u2013\u2014]|[-\u2013\u2014]\s*$|\s[\u2013\u2014]|[\u2013\u2014]\s"
)
_FILLER_HEAD = re.compile(
    r"^(?:anywhere\s+in|based\s+in|located\s+in|within|from|in|only|the|across(?:\s+the)?)\s+",
    re.IGNORECASE,
)
_FILLER_TAIL = re.compile(
    r"\s+(?:only|based|preferred|time\s*zones?|hours|residents)$",
    re.IGNORECASE,
)
_METRO = re.compile(
    r"^(?:(?P<greater>greater)\s+)?(?P<name>.+?)"
    r"(?P<suffix>\s+(?:metropolitan|metro)(?:\s+area)?|\s+area)?$",
    re.IGNORECASE,
)
_CODE_CLASH = {"DE": "DE", "IN": "IN", "CO": "CO", "AL": "AL", "GA": "GA", "PA": "PA"} | {
    "ME": "ME",
    "MT": "MT",
    "LA": "LA",
}


def _parts(text: str) -> list[str]:
    text = _POSTCODE.sub(" ", text)
    text = _REMOTE.sub(",", text)
    text = _HYBRID.sub(",", text)
    text = _ONSITE.sub(",", text)
    text = _SEPARATORS.sub(",", text)
    text = re.sub(r"\s(?:or|and|&)\s", ",", text)  # lower-case only: "OR" is Oregon
    parts = []
    for raw in text.split(","):
        part = " ".join(raw.split()).strip(" .:-")
        for _ in range(3):
            part = _FILLER_HEAD.sub("", part)
            part = _FILLER_TAIL.sub("", part)
        if part and part not in {"or", "and", "&", "with", "only", "Only"}:
            parts.append(part)
    return parts


def _metro(part: str) -> str | None:
    """Return the city key of "Greater Boston", "Chicago Metro Area" or "Denver area"."""
    found = _METRO.match(part)
    if not found or not (found.group("greater") or found.group("suffix")):
        return None
    name = found.group("name").lower()
    return name if name in gz.CITIES else None


def _state_code(part: str) -> tuple[str, str] | None:
    if part in gz.US_STATES:
        return ("US", part)
    if part in gz.CA_PROVINCES:
        return ("CA", part)
    return None


def parse_location(text: str | None) -> Place:
    """Parse free-text job location into a `Place`; unknown text gives an empty place."""
    raw = (text or "").strip()
    remote = bool(_REMOTE.search(raw))
    hybrid = bool(_HYBRID.search(raw))
    parts = _parts(raw)
    lower = [p.lower() for p in parts]

    country: str | None = None
    region: str | None = None
    city: str | None = None
    county: str | None = None
    area: str | None = None
    city_country: str | None = None
    leftovers: list[str] = []

    # A known city or metro area first: it tells us how to read ambiguous codes after it.
    for part, low in zip(parts, lower, strict=True):
        if low in gz.CITIES and city is None:
            city, city_country, c_region, county = gz.CITIES[low]
            region = region or c_region
        elif low in gz.AREAS and area is None:
            area, a_country, a_region = gz.AREAS[low]
            city_country = a_country or city_country
            region = region or a_region
        elif low in gz.COUNTIES and county is None:
            county, region = gz.COUNTIES[low]
            city_country = "US"
        elif (metro := _metro(part)) is not None:
            c_name, city_country, c_region, _ = gz.CITIES[metro]
            area = f"{c_name} area"
            region = region or c_region

    for part, low in zip(parts, lower, strict=True):
        if low in gz.CITIES or low in gz.AREAS or low in gz.COUNTIES or _metro(part):
            continue
        code = part.upper() if part.isupper() or len(part) <= 3 else ""
        if code in _CODE_CLASH and city_country == _CODE_CLASH[code] and city_country != "US":
            country = code
        elif part.isupper() and (found := _state_code(part)):
            country = country or found[0]
            if region != found[1]:
                # "Columbus, GA" or "Paris, TX": the stated state wins over the city's usual one.
                county = None
            region = found[1]
        elif low in gz.COUNTRY_ALIASES and (not part.isupper() or code in gz.SAFE_COUNTRY_CODES):
            country = country or gz.COUNTRY_ALIASES[low]
        elif low == "ca" and region in gz.CA_PROVINCES:
            country = "CA"
        elif low in gz.REGION_ALIASES:
            r_country, r_code = gz.REGION_ALIASES[low]
            if low == "new york" and region == "NY" and city is None and leftovers == []:
                city = "New York City"
            elif low == "washington" and region == "DC":
                city = "Washington"
            else:
                if region and region != r_code and city is not None:
                    county = None
                region, country = r_code, country or r_country
        else:
            leftovers.append(part)

    # "New York, NY" and "New York, New York" name the city; "New York" alone, the state.
    if lower[:2] in (["new york", "ny"], ["new york", "new york"]) and city is None:
        city = "New York City"
    if lower[:1] == ["washington"] and region == "DC":
        city = "Washington"

    if city is None and leftovers and (region or country):
        city = leftovers[0]
    if country is None:
        if region in gz.US_STATES:
            country = "US"
        elif region in gz.CA_PROVINCES:
            country = "CA"
        elif city_country:
            country = city_country
    if city is not None and city_country and country and country != city_country:
        # "London, ON" or "Paris, TX": keep the name, trust the stated region and country.
        county = None

    remote = remote or area in {"Anywhere", "Worldwide"} or _ANYWHERE.match(raw) is not None
    return Place(
        raw=raw,
        country=country,
        region=region,
        city=city,
        county=county,
        area=area,
        remote=remote,
        hybrid=hybrid and not remote,
        remote_country=country if remote else None,
    )
