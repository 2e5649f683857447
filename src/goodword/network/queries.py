"""What the path finder, the API and the CLI share: reading a path query, finding the ways in,
drafting the first asks, the network around one person, and the warning a move to "applied"
earns when nobody carries the application."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword import clock
from goodword.errors import FieldError, GoodwordError, InvalidInput
from goodword.forms import is_whole_number
from goodword.network import service
from goodword.network.service import SnapshotCache, WayIn, WaysIn
from goodword.network.strength import DEFAULT_MODEL, StrengthModel
from goodword.opportunities.models import Opportunity, Route, Stage, StageChange
from goodword.people import service as people
from goodword.people.models import Person
from goodword.playbooks.addresses import Recipient, recipient
from goodword.referrals import service as referrals
from goodword.referrals.models import ReferralAsk

DEFAULT_K = 5
# The network view draws at most this many ties around a person, strongest first.
EGO_LIMIT = 60


@dataclass(frozen=True)
class PathQuery:
    """Where a path should go: exactly one target, plus where it starts and how many to show."""

    to_person_id: int | None = None
    to_organization: str | None = None
    department: str | None = None
    opportunity_id: int | None = None
    from_person_id: int | None = None
    k: int = DEFAULT_K

    @property
    def has_target(self) -> bool:
        return any(
            x is not None for x in (self.to_person_id, self.to_organization, self.opportunity_id)
        )

    def url(self) -> str:
        values = {
            "to_person_id": self.to_person_id,
            "to_organization": self.to_organization,
            "department": self.department,
            "opportunity_id": self.opportunity_id,
            "from_person_id": self.from_person_id,
            "k": self.k if self.k != DEFAULT_K else None,
        }
        return "/paths?" + urlencode({k: v for k, v in values.items() if v not in (None, "")})


def read_query(values: Mapping[str, str | None]) -> PathQuery:
    """Read a path query from text fields (a page's query string); blank fields are absent."""
    problems: list[FieldError] = []

    def number(name: str) -> int | None:
        raw = (values.get(name) or "").strip()
        if not raw:
            return None
        if not is_whole_number(raw):
            problems.append(FieldError(name, "Give a record number, such as 12."))
            return None
        return int(raw)

    def text(name: str) -> str | None:
        raw = (values.get(name) or "").strip()
        return raw or None

    k = number("k")
    query = PathQuery(
        to_person_id=number("to_person_id"),
        to_organization=text("to_organization"),
        department=text("department"),
        opportunity_id=number("opportunity_id"),
        from_person_id=number("from_person_id"),
        k=DEFAULT_K if k is None else k,
    )
    if query.department and not query.to_organization:
        problems.append(
            FieldError("department", "A department narrows an organization; name one too.")
        )
    if problems:
        raise InvalidInput("Some of the search is not valid.", fields=problems)
    return query


def find(
    session: Session,
    *,
    workspace_id: int,
    query: PathQuery,
    cache: SnapshotCache | None = None,
    model: StrengthModel = DEFAULT_MODEL,
) -> WaysIn:
    """The ways in for a query, as of today."""
    return service.ways_in(
        session,
        workspace_id=workspace_id,
        to_person_id=query.to_person_id,
        to_organization=query.to_organization,
        department=query.department,
        opportunity_id=query.opportunity_id,
        from_person_id=query.from_person_id,
        k=query.k,
        today=clock.today(),
        cache=cache,
        model=model,
    )


@dataclass(frozen=True)
class DraftMessage:
    """A first ask's message in the shape the playbooks' draft box shows and downloads."""

    subject: str
    body: str
    to: tuple[str, ...]
    to_name: str
    key: str = "draft"
    missing: tuple[str, ...] = ()
    # Which of the contact's several addresses `to` is, and why (`addresses.recipient`).
    to_why: str | None = None


def draft_subject(way: WayIn) -> str:
    if way.first_ask.subject is not None:
        return way.first_ask.subject
    target = way.people[-1]
    if len(way.people) == 2:
        return "Twenty minutes of your advice?"
    if len(way.people) == 3:
        return f"Would you introduce me to {target.name}?"
    return f"Would you introduce me to {way.people[2].name}?"


def drafts(session: Session, *, workspace_id: int, ways: list[WayIn]) -> list[DraftMessage]:
    """One message per way in, addressed to its first contact when an address is recorded:
    the one a personal ask goes to, as every draft's (`addresses.recipient`)."""
    contacts = people.get_many(
        session, workspace_id=workspace_id, ids=[w.first_ask.contact.id for w in ways]
    )
    chosen = {p.id: recipient(p) for p in contacts}
    messages = []
    for way in ways:
        to = chosen.get(way.first_ask.contact.id, Recipient())
        messages.append(
            DraftMessage(
                subject=draft_subject(way),
                body=way.first_ask.draft,
                to=(to.address,) if to.address else (),
                to_name=way.first_ask.contact.name,
                to_why=to.why,
            )
        )
    return messages


@dataclass(frozen=True)
class EgoNode:
    id: int
    name: str
    title: str | None
    organization: str | None
    center: bool


@dataclass(frozen=True)
class EgoTie:
    source: int
    target: int
    strength: float
    reasons: list[str]


@dataclass(frozen=True)
class EgoNetwork:
    person: EgoNode
    nodes: list[EgoNode]
    ties: list[EgoTie]
    # How many ties the person has in all; the view shows the strongest `EGO_LIMIT`.
    total: int
    shown: int
    among: bool = field(default=False)


def ego_network(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    among: bool = True,
    limit: int = EGO_LIMIT,
    cache: SnapshotCache | None = None,
    model: StrengthModel = DEFAULT_MODEL,
) -> EgoNetwork:
    """The person, their strongest ties, and (with `among`) the ties among those people."""
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    snap = service.snapshot_for(
        session, workspace_id=workspace_id, today=clock.today(), model=model, cache=cache
    )
    center = snap.node(person.id)
    ties: list[EgoTie] = []
    chosen: list[int] = []
    total = 0
    if center is not None:
        around, weights = snap.neighbours(center)
        total = len(around)
        order = sorted(range(total), key=lambda i: (-float(weights[i]), int(around[i])))[:limit]
        chosen = [int(around[i]) for i in order]
        for i in order:
            node = int(around[i])
            ties.append(
                EgoTie(
                    snap.person(center),
                    snap.person(node),
                    round(float(weights[i]), 3),
                    snap.explain(center, node),
                )
            )
        if among:
            inside = set(chosen)
            for node in chosen:
                near, near_weights = snap.neighbours(node)
                for j, other in enumerate(near):
                    other = int(other)
                    if other in inside and node < other:
                        ties.append(
                            EgoTie(
                                snap.person(node),
                                snap.person(other),
                                round(float(near_weights[j]), 3),
                                snap.explain(node, other),
                            )
                        )
    found = people.get_many(
        session, workspace_id=workspace_id, ids=[snap.person(n) for n in chosen]
    )
    nodes = [_ego_node(person, center=True)] + [_ego_node(p, center=False) for p in found]
    return EgoNetwork(
        person=nodes[0], nodes=nodes, ties=ties, total=total, shown=len(chosen), among=among
    )


def _ego_node(person: Person, *, center: bool) -> EgoNode:
    job = next((p for p in person.positions if p.is_current), None)
    return EgoNode(
        id=person.id,
        name=person.display_name,
        title=job.title if job else None,
        organization=job.organization.name if job else None,
        center=center,
    )


@dataclass(frozen=True)
class BlindWarning:
    """Why an application with nobody carrying it is a waste, and the best way to fix that."""

    message: str
    path_finder: str
    best: WayIn | None = None
    # The best way's first ask, addressed as the path finder addresses it.
    draft: DraftMessage | None = None


def introduced(session: Session, *, workspace_id: int, opportunity: Opportunity) -> bool:
    """True when an introduction or referral is on record for the opportunity: its route says
    so, it passed through Introduced, or a referral ask produced it (linked as its result) or
    reached an introduction at its company. An introduction stays on record as the ask moves
    on to interviewing or an offer; an ask declined, or closed, records none."""
    if opportunity.route in (Route.INTRODUCTION, Route.REFERRAL):
        return True
    passed = session.scalar(
        select(StageChange.id).where(
            StageChange.workspace_id == workspace_id,
            StageChange.opportunity_id == opportunity.id,
            StageChange.to_stage == Stage.INTRODUCED,
        )
    )
    if passed is not None:
        return True
    referral = session.scalar(
        select(ReferralAsk.id).where(
            ReferralAsk.workspace_id == workspace_id,
            (ReferralAsk.result_opportunity_id == opportunity.id)
            | (
                (ReferralAsk.target_organization_id == opportunity.organization_id)
                & ReferralAsk.status.in_(sorted(referrals.PRODUCED))
            ),
        )
    )
    return referral is not None


# Where an opportunity is once its application has gone in.
APPLIED_OR_LATER = (Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)


def went_in_blind(session: Session, *, workspace_id: int) -> set[int]:
    """The opportunities whose application went in blind, by the rule of the blind-application
    warning: the application went in (at Applied or beyond now, or once moved to Applied) with
    no introduction or referral on record, whatever route is recorded, or none.

    The one definition of a blind application: the dashboard counts these, and the progress
    view counts them too (an unrecorded route among them is a blind application there)."""
    moved_to_applied = select(StageChange.opportunity_id).where(
        StageChange.workspace_id == workspace_id, StageChange.to_stage == Stage.APPLIED
    )
    applied = session.scalars(
        select(Opportunity).where(
            Opportunity.workspace_id == workspace_id,
            or_(Opportunity.stage.in_(APPLIED_OR_LATER), Opportunity.id.in_(moved_to_applied)),
        )
    )
    return {
        opportunity.id
        for opportunity in applied
        if not introduced(session, workspace_id=workspace_id, opportunity=opportunity)
    }


def count_blind(session: Session, *, workspace_id: int) -> int:
    """How many applications went in blind (see `went_in_blind`)."""
    return len(went_in_blind(session, workspace_id=workspace_id))


def blind_warning(
    session: Session,
    *,
    workspace_id: int,
    opportunity: Opportunity,
    cache: SnapshotCache | None = None,
    model: StrengthModel = DEFAULT_MODEL,
) -> BlindWarning | None:
    """The warning for an application that went in with no introduction, else None."""
    if opportunity.stage is not Stage.APPLIED:
        return None
    if introduced(session, workspace_id=workspace_id, opportunity=opportunity):
        return None
    query = PathQuery(opportunity_id=opportunity.id, k=1)
    finder = PathQuery(opportunity_id=opportunity.id).url()
    where = f"{opportunity.role_title} at {opportunity.organization.name}"
    lead = f"No introduction or referral is recorded for {where}: a blind application."
    try:
        found = find(session, workspace_id=workspace_id, query=query, cache=cache, model=model)
    except GoodwordError as error:
        return BlindWarning(f"{lead} {error.message}", finder)
    if found.paths:
        best = found.paths[0]
        mine = people.get_me(session, workspace_id=workspace_id)
        chain = " → ".join(
            "you" if mine is not None and p.id == mine.id else p.name for p in best.people
        )
        # You know the one at the end yourself: nobody to introduce you, so no introduction.
        nudge = (
            f"A word with {best.people[-1].name} yourself, even now,"
            if best.introductions == 0
            else "An introduction, even now,"
        )
        return BlindWarning(
            f"{lead} The best way in is {chain}: {best.first_ask.ask} "
            f"{nudge} makes a reply far likelier.",
            finder,
            best,
            drafts(session, workspace_id=workspace_id, ways=[best])[0],
        )
    if found.entry_points:
        point = found.entry_points[0]
        return BlindWarning(
            f"{lead} Nobody you know reaches {found.target} yet, but "
            f"{point.person.name} works there and is within reach: {point.approach}",
            finder,
            point.way_in,
            drafts(session, workspace_id=workspace_id, ways=[point.way_in])[0],
        )
    return BlindWarning(f"{lead} {found.message or ''}".strip(), finder)


def warned(flash: str | None, warning: BlindWarning | None) -> str | None:
    """A redirect's flash with the blind-application warning after it (a flash has no links,
    so it names where the path finder is)."""
    if warning is None:
        return flash
    note = f"{warning.message} Every way in is on the Ways in page."
    return f"{flash} {note}" if flash else note


# ---------------------------------------------------------------- pages
