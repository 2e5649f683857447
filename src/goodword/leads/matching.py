"""Whom a lead fits: a pure scoring of people against an opportunity, lead or event.

Interests and tags count most, then the work someone does, then their history with the
organization the lead is about. Every match carries its reasons in plain words. Among
people it fits as well, the warmer tie comes first: the closeness the user gave it, then the
most recent contact, then the name. An in-person lead with a place (an event in Berlin) is
offered to the people there first, then to those whose place is not known; people known to
be elsewhere are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from goodword.leads.places import same_place

INTEREST = 3
INTEREST_IN_TEXT = 2
ROLE = 2
PAST_ORGANIZATION = 2
CURRENT_ORGANIZATION = 1

# Words that say little about the kind of work (seniority, filler).
_FILLER = {
    "senior",
    "junior",
    "staff",
    "principal",
    "lead",
    "head",
    "chief",
    "associate",
    "assistant",
    "the",
    "and",
    "for",
    "with",
    "of",
    "at",
    "in",
    "on",
    "group",
    "team",
}


@dataclass(frozen=True)
class LeadFacts:
    kind: str
    title: str
    description: str | None = None
    tags: tuple[str, ...] = ()
    organization_id: int | None = None
    organization_name: str | None = None
    place: str | None = None
    in_person: bool = False


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    location: str | None = None
    interests: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    current_titles: tuple[str, ...] = ()
    current_organization_ids: frozenset[int] = frozenset()
    past_organization_ids: frozenset[int] = frozenset()
    # How close the user said their tie is (1 to 5; 0 unknown), and when they were last in
    # touch: which of two people a lead fits as well comes first.
    closeness: int = 0
    last_contact: date | None = None


@dataclass(frozen=True)
class Reason:
    text: str
    # The same reason as it reads in a note: "since you're interested in pricing".
    phrase: str


@dataclass(frozen=True)
class Match:
    person_id: int
    name: str
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Whom a lead is passed on to is told why it fits them (the note's {reason}): a
        # match that scores always has a reason to give.
        if self.score > 0 and not self.reasons:
            raise ValueError(f"a match that scores ({self.name}, {self.score}) needs a reason")

    @property
    def reason(self) -> str:
        return "; ".join(r.text for r in self.reasons)


def words(text: str | None) -> list[str]:
    return re.findall(r"[\w+#]+", (text or "").casefold())


def _contains_phrase(text_words: list[str], phrase: str) -> bool:
    target = words(phrase)
    if not target:
        return False
    n = len(target)
    return any(text_words[i : i + n] == target for i in range(len(text_words) - n + 1))


def _core(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2 and w not in _FILLER}


def score(lead: LeadFacts, candidate: Candidate) -> Match:
    """Score one person against one lead, with the reasons. An opening at someone's own
    employer scores nothing, whatever else they share with it: it is rarely news to them."""
    if lead.kind == "opportunity" and lead.organization_id in candidate.current_organization_ids:
        return Match(candidate.person_id, candidate.name, 0)
    lead_tags = {t.casefold().strip() for t in lead.tags}
    text_words = words(f"{lead.title} {lead.description or ''}")
    reasons: list[Reason] = []
    total = 0
    seen: set[str] = set()
    for term in (*candidate.interests, *candidate.tags):
        key = term.casefold().strip()
        if not key or key in seen:
            continue
        seen.add(key)
        if key in lead_tags:
            total += INTEREST
        elif _contains_phrase(text_words, key):
            total += INTEREST_IN_TEXT
        else:
            continue
        reasons.append(Reason(f"interested in {term}", f"since you're interested in {term}"))
    lead_core = _core(lead.title)
    for title in candidate.current_titles:
        core = _core(title)
        overlap = core & lead_core
        if core and len(overlap) >= min(2, len(core)):
            total += ROLE
            reasons.append(Reason(f"works as {title}", f"given your work as {title}"))
            break
    org_id, org_name = lead.organization_id, lead.organization_name or "that organization"
    if org_id is not None:
        if org_id in candidate.past_organization_ids:
            total += PAST_ORGANIZATION
            reasons.append(
                Reason(f"used to work at {org_name}", f"since you used to work at {org_name}")
            )
        elif org_id in candidate.current_organization_ids:
            total += CURRENT_ORGANIZATION
            reasons.append(Reason(f"works at {org_name}", f"since you're at {org_name}"))
    return Match(candidate.person_id, candidate.name, total, tuple(reasons))


def best_matches(
    lead: LeadFacts, candidates: Iterable[Candidate], *, limit: int | None = 5
) -> list[Match]:
    """The people the lead fits best, strongest first, then the warmer tie (closer, then
    in touch more recently), then by name; people with no reason are left out. All of them
    when `limit` is None. An in-person lead with a place goes to the people there first,
    then to those whose place is not known, never to people known to be elsewhere."""
    ranked: list[tuple[tuple[int, int, int, int, str, int], Match]] = []
    place = lead.place if lead.in_person and lead.place else None
    for candidate in candidates:
        match = score(lead, candidate)
        if match.score <= 0:
            continue
        there = None if place is None else same_place(place, candidate.location)
        if there is False:
            continue  # (an in-person lead elsewhere: they cannot be there)
        if there:
            here = Reason(f"in {place}", f"since you're in {place}")
            match = replace(match, reasons=(*match.reasons, here))
        last = candidate.last_contact.toordinal() if candidate.last_contact else 0
        key = (
            0 if there or place is None else 1,
            -match.score, -candidate.closeness, -last, match.name.casefold(), match.person_id,
        )  # fmt: skip
        ranked.append((key, match))
    ranked.sort(key=lambda pair: pair[0])
    return [match for _key, match in ranked][:limit]
