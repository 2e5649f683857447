"""The JSON shapes of warm paths, shared by the API and the CLI: ways in, a blind
application's warning, the network around a person, a tie's strength, an edge-list import."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from goodword.network.queries import BlindWarning, DraftMessage, EgoNetwork, drafts
from goodword.network.service import EntryPointRead, PersonRef, WayIn, WaysIn


class PersonBrief(BaseModel):
    id: int
    name: str
    title: str | None = None
    organization: str | None = None


class TieRead(BaseModel):
    """One tie on a path: who to whom, how strong (0 to 1], and why."""

    source: PersonBrief
    target: PersonBrief
    strength: float
    reasons: list[str]


class DraftRead(BaseModel):
    """The first ask's message, for the user to edit and send themselves."""

    to: list[str]
    to_name: str
    subject: str
    body: str
    # Which of the contact's several addresses `to` is, and why (null with one or none).
    to_why: str | None = None


class FirstAskRead(BaseModel):
    contact: PersonBrief
    ask: str
    draft: DraftRead


class WayInRead(BaseModel):
    rank: int
    score: float = Field(
        description="Path strength: the product of the ties' strengths, "
        "less a little for each extra introduction."
    )
    introductions: int
    people: list[PersonBrief]
    ties: list[TieRead]
    why: str = Field(description="Why the path ranks where it does.")
    first_ask: FirstAskRead


class EntryPointOut(BaseModel):
    person: PersonBrief
    role: str = Field(description="customer, department, elsewhere or personnel.")
    reason: str
    approach: str = Field(description="The advice call: what to ask for and how.")
    reachability: float
    score: float
    way_in: WayInRead


class WaysInRead(BaseModel):
    source: PersonBrief
    target: str
    paths: list[WayInRead]
    entry_points: list[EntryPointOut]
    message: str | None


class BlindWarningRead(BaseModel):
    """A move to "applied" with no introduction or referral on record."""

    message: str
    path_finder: str
    best_path: WayInRead | None = None


class EgoPerson(BaseModel):
    id: int
    name: str
    title: str | None = None
    organization: str | None = None
    center: bool


class EgoTieRead(BaseModel):
    source: int
    target: int
    strength: float
    reasons: list[str]


class NetworkRead(BaseModel):
    person: EgoPerson
    nodes: list[EgoPerson]
    ties: list[EgoTieRead]
    total_ties: int = Field(description="All of the person's ties; `ties` holds the strongest.")
    shown: int


class StrengthRead(BaseModel):
    connection_id: int
    person_a: PersonBrief
    person_b: PersonBrief
    strength: float = Field(description="In (0, 1]; every record between the pair counts.")
    reasons: list[str]


class ImportRead(BaseModel):
    lines: int
    people_created: int
    connections_created: int
    already_recorded: int


def brief(ref: PersonRef) -> PersonBrief:
    return PersonBrief(id=ref.id, name=ref.name, title=ref.title, organization=ref.organization)


def way_read(way: WayIn, draft: DraftRead | None = None) -> WayInRead:
    return WayInRead(
        rank=way.rank,
        score=round(way.score, 4),
        introductions=way.introductions,
        people=[brief(p) for p in way.people],
        ties=[
            TieRead(
                source=brief(h.source),
                target=brief(h.target),
                strength=round(h.strength, 4),
                reasons=h.reasons,
            )
            for h in way.hops
        ],
        why=way.why,
        first_ask=FirstAskRead(
            contact=brief(way.first_ask.contact),
            ask=way.first_ask.ask,
            draft=draft
            or DraftRead(
                to=[], to_name=way.first_ask.contact.name, subject="", body=way.first_ask.draft
            ),
        ),
    )


def _entry_read(point: EntryPointRead, draft: DraftRead | None) -> EntryPointOut:
    return EntryPointOut(
        person=brief(point.person),
        role=point.role,
        reason=point.reason,
        approach=point.approach,
        reachability=round(point.reachability, 4),
        score=round(point.score, 4),
        way_in=way_read(point.way_in, draft),
    )


def ways_in_read(session: Session, *, workspace_id: int, found: WaysIn) -> WaysInRead:
    """The whole answer, each first ask with its draft addressed to the contact."""
    ways = found.paths + [p.way_in for p in found.entry_points]
    messages = [_draft_read(d) for d in drafts(session, workspace_id=workspace_id, ways=ways)]
    n = len(found.paths)
    return WaysInRead(
        source=brief(found.source),
        target=found.target,
        paths=[way_read(w, messages[i]) for i, w in enumerate(found.paths)],
        entry_points=[_entry_read(p, messages[n + i]) for i, p in enumerate(found.entry_points)],
        message=found.message,
    )


def warning_read(warning: BlindWarning | None) -> BlindWarningRead | None:
    if warning is None:
        return None
    return BlindWarningRead(
        message=warning.message,
        path_finder=warning.path_finder,
        best_path=way_read(warning.best, _draft_read(warning.draft)) if warning.best else None,
    )


def _draft_read(draft: DraftMessage | None) -> DraftRead | None:
    if draft is None:
        return None
    return DraftRead(
        to=list(draft.to),
        to_name=draft.to_name,
        subject=draft.subject,
        body=draft.body,
        to_why=draft.to_why,
    )


def network_read(ego: EgoNetwork) -> NetworkRead:
    def person(node: object) -> EgoPerson:
        return EgoPerson.model_validate(node, from_attributes=True)

    return NetworkRead(
        person=person(ego.person),
        nodes=[person(n) for n in ego.nodes],
        ties=[
            EgoTieRead(source=t.source, target=t.target, strength=t.strength, reasons=t.reasons)
            for t in ego.ties
        ],
        total_ties=ego.total,
        shown=ego.shown,
    )
