"""The salary-history bans and pay-range laws as data: what an entry is, its status on a day,
and what a lookup for one place holds. `laws` finds them for a place and says why in words.

The data lives in `data/pay_laws.yaml` (package data). Each entry keeps its sources, its
`verified` flag and the fields that were not confirmed; a lookup never hides an unverified
entry, it marks it unconfirmed.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from goodword.redflags.employer import US_CITY, US_FEDERAL, US_STATE, Employer
from goodword.redflags.law_sources import strongest_first
from goodword.redflags.location import Place


class Kind(enum.StrEnum):
    SALARY_HISTORY_BAN = "salary_history_ban"
    PAY_TRANSPARENCY = "pay_transparency"


class Status(enum.StrEnum):
    """A law's status on a given day."""

    IN_FORCE = "in_force"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    EU_DEADLINE_PASSED = "transposition_deadline_passed"
    EU_DEADLINE_AHEAD = "transposition_deadline_ahead"
    NOT_PROCLAIMED = "not_in_force_unproclaimed"
    NO_LAW = "no_law"
    UNKNOWN = "unknown"


# The employers a law for private employers does not bind.
PUBLIC_EMPLOYERS = frozenset({US_FEDERAL, US_STATE, US_CITY})

SCOPE_WORDS = {
    "public_and_private": "public and private employers",
    "all_employers": "all employers",
    "private_only": "private employers only",
    "public_only": "public employers only",
    "federal_agencies": "US federal agencies only",
    "unknown": "coverage not known",
}


@dataclass(frozen=True)
class Law:
    """One jurisdiction entry: a salary-history ban or a pay-range law."""

    id: str
    name: str
    kind: Kind
    level: str
    country: str
    region: str | None
    city: str | None
    county: str | None
    status: str
    scope: str
    employer_threshold: int | None
    effective: date | None
    citation: str | None
    source_url: str | None
    verified: bool
    threshold_note: str | None = None
    also_sources: tuple[str, ...] = ()
    legal_url: str | None = None
    source_current_as_of: str | None = None
    unverified_fields: tuple[str, ...] = ()
    location_rule: str | None = None
    notes: str | None = None
    range_in_posting: bool = False
    range_rules: dict[str, Any] = field(default_factory=dict)
    # When the law gives an applicant the pay or range, in words that follow "gives you the
    # pay or range" ("on request, after a conditional offer"); None for a posting rule alone.
    range_given: str | None = None
    # How a reply to an employer names the law ("Colorado's Equal Pay for Equal Work Act");
    # None: `short_name` says "<place> law".
    reply_name: str | None = None
    restricts: str | None = None
    # Set when the entry binds one kind of employer only, such as "us_federal".
    employer: str | None = None
    # A private-only entry that also binds the government that made it: Columbus's pay-history
    # ban covers the City of Columbus, not the State of Ohio. (The research data says so of the
    # ban only; the city's pay-range ordinance is recorded for private employers only.)
    own_government: bool = False
    # When enforcement starts later than the law took effect (Columbus's pay-range ordinance
    # took effect on 2025-12-03; the city enforces it from 2027-01-01), with the source.
    enforced_from: date | None = None
    enforced_from_source: str | None = None
    # How a pay-range law reaches a remote job done outside the place: "anywhere" (one that
    # could be done from the state: Colorado's) or "tied" (when `remote_tie` holds); None for
    # the job's own place alone, or not known.
    remote_reach: str | None = None
    remote_tie: str | None = None

    def status_on(self, today: date) -> Status:
        """Judge the entry's status on `today` from its recorded status and effective date."""
        if self.status in ("in_force", "enacted_not_yet_in_force"):
            if self.effective is None:
                return Status.IN_FORCE if self.status == "in_force" else Status.NOT_YET_IN_FORCE
            return Status.IN_FORCE if self.effective <= today else Status.NOT_YET_IN_FORCE
        if self.status == "transposition_deadline_passed":
            if self.effective is not None and self.effective > today:
                return Status.EU_DEADLINE_AHEAD
            return Status.EU_DEADLINE_PASSED
        return Status(self.status)

    def applies_to(self, place: Place, *, employer: str | Employer | None = None) -> bool:
        """Say whether this entry covers `place` (country, state, city or county match).

        An entry that binds one kind of employer (`self.employer`) covers a place only for
        that employer: the OPM rule binds federal agencies, not a private firm in Denver, and
        Pennsylvania's ban for state agencies binds the Commonwealth of Pennsylvania, not a
        private firm in Harrisburg or the State of Ohio. `employer` is an `Employer` read from
        the text, or a bare kind such as "us_state", meaning that kind of employer of the place.
        """
        return self.binds(employer) and self.covers_place(place)

    def binds(self, employer: str | Employer | None) -> bool:
        """Say whether the entry binds `employer` (None: an employer the text does not name).

        A law for private employers binds no public employer the text shows, except, where
        its sources say so, the government that made it (`own_government`).
        """
        if self.employer is None:
            if self.scope != "private_only" or employer_kind(employer) not in PUBLIC_EMPLOYERS:
                return True
            return self._binds_its_own_government(employer)
        if employer is None:
            return False
        if isinstance(employer, str):
            return employer == self.employer
        if employer.kind != self.employer:
            return False
        if employer.region is not None and employer.region != self.region:
            return False
        return employer.city is None or employer.city.casefold() == (self.city or "").casefold()

    def _binds_its_own_government(self, employer: str | Employer | None) -> bool:
        if not self.own_government:
            return False
        own = {"city": US_CITY, "region": US_STATE}.get(self.level)
        if own is None or employer_kind(employer) != own:
            return False
        if not isinstance(employer, Employer):
            return True  # that kind of employer of the place: the place's own government
        if employer.region is not None and employer.region != self.region:
            return False
        return employer.city is None or employer.city.casefold() == (self.city or "").casefold()

    def covers_place(self, place: Place) -> bool:
        """Say whether the entry's jurisdiction includes `place`, whoever the employer is."""
        if self.level == "union":
            return place.in_eu
        if place.country != self.country:
            return False
        if self.level == "country":
            return True
        if place.region != self.region:
            return False
        if self.level == "city":
            return place.city == self.city
        if self.level == "county":
            return place.county == self.county
        return True

    @property
    def short_name(self) -> str:
        """The law named briefly, for a message to an employer: its `reply_name`, or the
        place's law ("California law"; "Michigan's rule for its state agencies")."""
        if self.reply_name:
            return self.reply_name
        if self.level == "city":
            place = self.city or self.name
        elif self.level == "county":
            place = self.county or self.name
        elif self.level == "union":
            place = "EU"
        else:
            place = re.sub(r"\s*\((?!State\))[^)]*\)", "", self.name).replace(" (State)", " State")
        if self.employer in (US_STATE, US_CITY):
            own = "state agencies" if self.employer == US_STATE else "own agencies"
            return f"{place}'s rule for its {own}"
        return f"{place} law"

    @property
    def coverage(self) -> str:
        """Who the law covers, in plain words."""
        scope = SCOPE_WORDS.get(self.scope, self.scope)
        if self.own_government and self.level == "city":
            scope += f", and the City of {self.city} itself"
        if self.employer is not None and self.employer_threshold is None:
            return scope  # one kind of employer, a government: its size does not matter
        if self.employer_threshold is None:
            size = "employer size threshold not known"
        elif self.employer_threshold <= 1:
            size = "any size"
        else:
            size = f"{self.employer_threshold} or more employees"
        return f"{scope}; {size}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "level": self.level,
            "country": self.country,
            "region": self.region,
            "city": self.city,
            "county": self.county,
            "recorded_status": self.status,
            "scope": self.scope,
            "employer_threshold": self.employer_threshold,
            "threshold_note": self.threshold_note,
            "effective": self.effective.isoformat() if self.effective else None,
            "citation": self.citation,
            "source_url": self.source_url,
            "also_sources": list(self.also_sources),
            "verified": self.verified,
            "unverified_fields": list(self.unverified_fields),
            "location_rule": self.location_rule,
            "notes": self.notes,
            "range_in_posting": self.range_in_posting,
            "range_rules": dict(self.range_rules),
            "range_given": self.range_given,
            "reply_name": self.reply_name,
            "restricts": self.restricts,
            "employer": self.employer,
            "own_government": self.own_government,
            "enforced_from": self.enforced_from.isoformat() if self.enforced_from else None,
            "enforced_from_source": self.enforced_from_source,
            "remote_reach": self.remote_reach,
            "remote_tie": self.remote_tie,
        }


@dataclass(frozen=True)
class AppliedLaw:
    """A law found for a place, with its status on the day asked about."""

    law: Law
    status: Status
    # The day asked about; None only where an entry is built without one (then enforcement
    # is taken to have started with the law).
    today: date | None = None

    @classmethod
    def on(cls, law: Law, today: date) -> AppliedLaw:
        """The entry with its status on `today`."""
        return cls(law=law, status=law.status_on(today), today=today)

    @property
    def in_force(self) -> bool:
        return self.status in (Status.IN_FORCE, Status.EU_DEADLINE_PASSED)

    @property
    def enforcement_pending(self) -> bool:
        """In force, but not enforced yet on the day asked about."""
        start = self.law.enforced_from
        return self.in_force and start is not None and self.today is not None and start > self.today

    @property
    def confirmed(self) -> bool:
        return self.law.verified

    @property
    def status_text(self) -> str:
        eff = self.law.effective.isoformat() if self.law.effective else None
        match self.status:
            case Status.IN_FORCE if self.enforcement_pending:
                assert self.law.enforced_from is not None
                since = f"in force since {eff}" if eff else "in force"
                return f"{since}, but not enforced until {self.law.enforced_from.isoformat()}"
            case Status.IN_FORCE:
                return f"in force since {eff}" if eff else "in force (start date not known)"
            case Status.NOT_YET_IN_FORCE:
                return f"enacted, in force from {eff}" if eff else "enacted, start date not known"
            case Status.EU_DEADLINE_PASSED:
                return (
                    f"EU deadline for national laws passed on {eff}; the member state's own law "
                    "carries it out (whether it has done so was not checked)"
                )
            case Status.EU_DEADLINE_AHEAD:
                return f"EU rule; member states must put it into national law by {eff}"
            case Status.NOT_PROCLAIMED:
                return "passed but not yet brought into force"
            case Status.NO_LAW:
                return "no such law"
            case _ if eff:
                return f"took effect on {eff}; whether it is still in force was not checked"
            case _:
                return "status not known"

    @property
    def summary(self) -> str:
        """One line: name, status, coverage, citation and whether the entry is confirmed."""
        text = f"{self.law.name}: {self.status_text}"
        if self.status is not Status.NO_LAW:
            text += f"; {self.law.coverage}"
        if self.law.citation:
            text += f". {self.law.citation}"
        if not self.confirmed and self.law.source_url:
            text += " (unconfirmed: check the source)"
        elif not self.confirmed:
            # Its sources are notes alone (Toledo's pay-range rule): there is no link to check.
            text += " (unconfirmed, and no link to a source is recorded)"
        return text

    def to_dict(self) -> dict[str, Any]:
        data = self.law.to_dict()
        data.update(
            status=self.status.value,
            status_text=self.status_text,
            in_force=self.in_force,
            enforcement_pending=self.enforcement_pending,
            confirmed=self.confirmed,
            summary=self.summary,
        )
        return data


@dataclass(frozen=True)
class LawLookup:
    """Everything the data says about one place on one day."""

    place: Place
    today: date
    compiled: date
    laws: tuple[AppliedLaw, ...]
    notes: tuple[str, ...]
    # Entries for this place left out because they bind another kind of employer.
    left_out: tuple[Law, ...] = ()
    # Laws for this place that do not bind the employer the text shows: the state, county and
    # city laws, for a US federal agency. Listed apart, under `set_aside_heading`.
    set_aside: tuple[AppliedLaw, ...] = ()
    # The kind of employer the laws were looked up for ("us_federal"); None for any employer.
    employer: str | None = None

    def of_kind(self, kind: Kind) -> list[AppliedLaw]:
        return [applied for applied in self.laws if applied.law.kind is kind]

    @property
    def salary_history(self) -> list[AppliedLaw]:
        return self.of_kind(Kind.SALARY_HISTORY_BAN)

    @property
    def pay_transparency(self) -> list[AppliedLaw]:
        return self.of_kind(Kind.PAY_TRANSPARENCY)

    @property
    def set_aside_heading(self) -> str | None:
        """What the laws in `set_aside` are, in plain words; None when there are none."""
        return SET_ASIDE_HEADING if self.set_aside else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place.to_dict(),
            "today": self.today.isoformat(),
            "compiled": self.compiled.isoformat(),
            "laws": [applied.to_dict() for applied in self.laws],
            "notes": list(self.notes),
            "set_aside": [applied.to_dict() for applied in self.set_aside],
            "set_aside_heading": self.set_aside_heading,
        }


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = (resources.files("goodword.redflags") / "data" / "pay_laws.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@lru_cache(maxsize=1)
def all_laws() -> tuple[Law, ...]:
    """Return every jurisdiction entry in the package data, in file order."""
    laws = []
    for entry in _data()["entries"]:
        # (The strongest of its sources is the link shown: law_sources.py.)
        shown, others = strongest_first(entry.get("source_url"), entry.get("also_sources") or ())
        laws.append(
            Law(
                id=entry["id"],
                name=entry["name"],
                kind=Kind(entry["kind"]),
                level=entry["level"],
                country=entry["country"],
                region=entry.get("region"),
                city=entry.get("city"),
                county=entry.get("county"),
                status=entry["status"],
                scope=entry["scope"],
                employer_threshold=entry.get("employer_threshold"),
                effective=_as_date(entry.get("effective")),
                citation=entry.get("citation"),
                source_url=shown,
                verified=bool(entry["verified"]),
                threshold_note=entry.get("threshold_note"),
                also_sources=tuple(others),
                legal_url=entry.get("legal_url"),
                source_current_as_of=entry.get("source_current_as_of"),
                unverified_fields=tuple(str(f) for f in entry.get("unverified_fields") or ()),
                location_rule=entry.get("location_rule"),
                notes=entry.get("notes"),
                range_in_posting=bool(entry.get("range_in_posting", False)),
                range_rules=dict(entry.get("range_rules") or {}),
                range_given=entry.get("range_given"),
                reply_name=entry.get("reply_name"),
                restricts=entry.get("restricts"),
                employer=entry.get("employer"),
                own_government=bool(entry.get("own_government", False)),
                enforced_from=_as_date(entry.get("enforced_from")),
                enforced_from_source=entry.get("enforced_from_source"),
                remote_reach=entry.get("remote_reach"),
                remote_tie=entry.get("remote_tie"),
            )
        )
    return tuple(laws)


def data_compiled() -> date:
    """Return the date the jurisdiction data was compiled (show it next to any verdict)."""
    compiled = _as_date(_data()["compiled"])
    assert compiled is not None
    return compiled


def preemption_notes() -> list[dict[str, Any]]:
    """The data's notes on states whose law keeps cities from passing their own."""
    return list(_data().get("preemption_notes") or [])


def data_caveat() -> str:
    """Return the data's own warning about how far its sources can be trusted."""
    return str(_data()["caveat"])


def employer_kind(employer: str | Employer | None) -> str | None:
    """The kind of an employer the text shows ("us_federal"), or the kind given as it is."""
    return employer.kind if isinstance(employer, Employer) else employer


SET_ASIDE_TITLE = "Not binding on a federal employer"
SET_ASIDE_WHY = (
    "State and local pay laws do not generally bind US federal agencies, and the employer reads "
    "as one, so these are not applied to this job."
)
# What `LawLookup.set_aside` holds, in plain words.
SET_ASIDE_HEADING = f"{SET_ASIDE_TITLE}. {SET_ASIDE_WHY}"
