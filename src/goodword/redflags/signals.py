"""The signal catalogue (package data `data/signals.yaml`): titles, severities, sources."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class Severity(enum.StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


@dataclass(frozen=True)
class Source:
    org: str
    title: str
    url: str
    date: str | None
    quality: str | None
    # The country whose law or official guidance the source covers; None when it is general
    # (how a scam works is the same everywhere).
    country: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "org": self.org,
            "title": self.title,
            "url": self.url,
            "date": self.date,
            "quality": self.quality,
            "country": self.country,
        }


@dataclass(frozen=True)
class Signal:
    id: str
    title: str
    severity: Severity
    explanation: str
    verified: bool
    sources: tuple[Source, ...]

    def sources_for(self, country: str | None) -> tuple[Source, ...]:
        """The sources that bear on a job in `country`: general ones and that country's own.

        With the country unknown, every source is kept; each says which country it covers.
        """
        if country is None:
            return self.sources
        return tuple(s for s in self.sources if s.country in (None, country))


@dataclass(frozen=True)
class Channel:
    """A place to report a scam."""

    name: str
    url: str
    countries: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "countries": list(self.countries)}


@dataclass(frozen=True)
class Guidance:
    """Official guidance on unpaid trials for one country."""

    country: str
    summary: str
    verified: bool
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "summary": self.summary,
            "verified": self.verified,
            "sources": [s.to_dict() for s in self.sources],
        }


def _source(raw: dict[str, Any]) -> Source:
    return Source(
        org=str(raw.get("org", "")),
        title=str(raw.get("title", "")),
        url=str(raw.get("url", "")),
        date=str(raw["date"]) if raw.get("date") else None,
        quality=raw.get("quality"),
        country=raw.get("country"),
    )


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = (resources.files("goodword.redflags") / "data" / "signals.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Signal]:
    """Return every signal by id."""
    return {
        raw["id"]: Signal(
            id=raw["id"],
            title=raw["title"],
            severity=Severity(raw["severity"]),
            explanation=raw["explanation"],
            verified=bool(raw["verified"]),
            sources=tuple(_source(s) for s in raw.get("sources") or ()),
        )
        for raw in _data()["signals"]
    }


def signal(signal_id: str) -> Signal:
    return catalogue()[signal_id]


@lru_cache(maxsize=1)
def channels() -> tuple[Channel, ...]:
    return tuple(
        Channel(name=c["name"], url=c["url"], countries=tuple(c.get("countries") or ()))
        for c in _data()["reporting_channels"]
    )


def channels_for(country: str | None) -> list[Channel]:
    """Reporting channels for `country`; all of them when the country is unknown or unlisted."""
    found = [c for c in channels() if country in c.countries]
    return found or list(channels())


def unpaid_guidance(country: str | None) -> Guidance | None:
    for raw in _data()["unpaid_work_guidance"]:
        if raw["country"] == country:
            return Guidance(
                country=raw["country"],
                summary=raw["summary"],
                verified=bool(raw["verified"]),
                sources=tuple(_source(s) for s in raw.get("sources") or ()),
            )
    return None


def signals_compiled() -> date:
    return date.fromisoformat(str(_data()["compiled"]))
