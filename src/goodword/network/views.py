"""Warm-path pages: the path finder, the "ways in" panel, and the network around a person.

Also the pieces the other surfaces share with these pages: reading a path query, the draft
for a first ask, the network around one person, and the warning a move to "applied" earns
when nobody carries the application.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword import clock
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, GoodwordError, InvalidInput
from goodword.network import service
from goodword.network.service import SnapshotCache, WayIn, WaysIn
from goodword.network.strength import DEFAULT_MODEL, StrengthModel, model_from_settings
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Route, Stage, StageChange
from goodword.organizations import service as organizations
from goodword.pages import (
    form_errors,
    is_htmx,
    opportunity_choices,
    organization_names,
    person_choices,
    render,
)
from goodword.people import service as people
from goodword.people.models import Person
from goodword.referrals.models import AskStatus, ReferralAsk

router = APIRouter()

DEFAULT_K = 5
PANEL_WAYS = 3
# The network view draws at most this many ties around a person, strongest first.
EGO_LIMIT = 60
QUERY_FIELDS = (
    "to_person_id",
    "to_organization",
    "department",
    "opportunity_id",
    "from_person_id",
    "k",
)


# ---------------------------------------------------------------- shared with the API and CLI


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
        if not raw.isdigit():
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


def cache_of(request: Request) -> SnapshotCache:
    """The app's snapshot cache: one per app, reused until the workspace's data changes."""
    cache = getattr(request.app.state, "ways_in_cache", None)
    if cache is None:
        cache = SnapshotCache()
        request.app.state.ways_in_cache = cache
    return cache


def model_of(request: Request) -> StrengthModel:
    """The strength model as the app's settings tune it."""
    return model_from_settings(request.app.state.settings)


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


def draft_subject(way: WayIn) -> str:
    target = way.people[-1]
    if len(way.people) == 2:
        return "Twenty minutes of your advice?"
    if len(way.people) == 3:
        return f"Would you introduce me to {target.name}?"
    return f"Would you introduce me to {way.people[2].name}?"


def drafts(session: Session, *, workspace_id: int, ways: list[WayIn]) -> list[DraftMessage]:
    """One message per way in, addressed to its first contact when an address is recorded."""
    contacts = people.get_many(
        session, workspace_id=workspace_id, ids=[w.first_ask.contact.id for w in ways]
    )
    emails = {p.id: tuple(e.address for e in p.emails) for p in contacts}
    return [
        DraftMessage(
            subject=draft_subject(way),
            body=way.first_ask.draft,
            to=emails.get(way.first_ask.contact.id, ()),
            to_name=way.first_ask.contact.name,
        )
        for way in ways
    ]


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


def introduced(session: Session, *, workspace_id: int, opportunity: Opportunity) -> bool:
    """True when an introduction or referral is on record for the opportunity."""
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
                & (ReferralAsk.status == AskStatus.INTRODUCED)
            ),
        )
    )
    return referral is not None


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
        chain = " → ".join(p.name for p in best.people)
        return BlindWarning(
            f"{lead} The best way in is {chain}: {best.first_ask.ask} "
            "An introduction, even now, makes a reply far likelier.",
            finder,
            best,
        )
    if found.entry_points:
        point = found.entry_points[0]
        return BlindWarning(
            f"{lead} Nobody you know reaches {found.target} yet, but "
            f"{point.person.name} works there and is within reach: {point.approach}",
            finder,
            point.way_in,
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


def _targets(session: Session, workspace_id: int) -> dict[str, Any]:
    return {
        "people": person_choices(session, workspace_id=workspace_id),
        "organization_names": organization_names(session, workspace_id=workspace_id),
        "opportunities": opportunity_choices(session, workspace_id=workspace_id),
    }


@router.get("/paths", response_class=HTMLResponse)
def path_finder(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """Choose a target; see the ranked ways in, each explained, with its first ask."""
    values = {name: request.query_params.get(name, "") for name in QUERY_FIELDS}
    errors: dict[str, str] = {}
    found: WaysIn | None = None
    messages: list[DraftMessage] = []
    status = 200
    try:
        query = read_query(values)
        if query.has_target:
            found = find(
                session,
                workspace_id=workspace_id,
                query=query,
                cache=cache_of(request),
                model=model_of(request),
            )
            ways = found.paths or [p.way_in for p in found.entry_points]
            messages = drafts(session, workspace_id=workspace_id, ways=ways)
    except InvalidInput as error:
        errors = form_errors(error, fields=(*QUERY_FIELDS, "target"))
        status = 422
    return render(
        request,
        "network/paths.html",
        {
            "values": values,
            "errors": errors,
            "found": found,
            "drafts": messages,
            **_targets(session, workspace_id),
        },
        status_code=status,
    )


@router.get("/ways-in/panel", response_class=HTMLResponse)
def panel(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int | None = None,
    organization_id: int | None = None,
    opportunity_id: int | None = None,
) -> HTMLResponse:
    """The "ways in" panel for a person, organization or opportunity page (loaded by HTMX)."""
    given = [x for x in (person_id, organization_id, opportunity_id) if x is not None]
    if len(given) != 1:
        raise InvalidInput(
            "Say which record the panel is for: one person, organization or opportunity.",
            fields=[FieldError("target", "Give exactly one of the three.")],
        )
    warning: BlindWarning | None = None
    if opportunity_id is not None:
        opportunity = opportunities.get(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        )
        query = PathQuery(opportunity_id=opportunity.id)
        target = (
            opportunity.hiring_manager.display_name
            if opportunity.hiring_manager
            else opportunity.organization.name
        )
        warning = blind_warning(
            session,
            workspace_id=workspace_id,
            opportunity=opportunity,
            cache=cache_of(request),
            model=model_of(request),
        )
    elif organization_id is not None:
        organization = organizations.get(
            session, workspace_id=workspace_id, organization_id=organization_id
        )
        query = PathQuery(to_organization=organization.name)
        target = organization.name
    else:
        assert person_id is not None
        person = people.get(session, workspace_id=workspace_id, person_id=person_id)
        query = PathQuery(to_person_id=person.id)
        target = person.display_name
        if person.is_me:
            return _panel(request, {"is_me": True, "person": person})
    found: WaysIn | None = None
    problem: str | None = None
    try:
        found = find(
            session,
            workspace_id=workspace_id,
            query=replace(query, k=PANEL_WAYS),
            cache=cache_of(request),
            model=model_of(request),
        )
    except InvalidInput as error:
        problem = error.message
    return _panel(
        request,
        {
            "found": found,
            "problem": problem,
            "target": target,
            "finder_url": query.url(),
            "warning": warning,
        },
    )


def _panel(request: Request, context: dict[str, Any]) -> HTMLResponse:
    template = "network/_panel.html" if is_htmx(request) else "network/panel.html"
    return render(request, template, context, vary_on_htmx=True)


@router.get("/people/{person_id}/network", response_class=HTMLResponse)
def network_page(
    request: Request, person_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    """The person's ties drawn as a network (strength as line weight), with a plain list too."""
    ego = ego_network(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        among=False,
        cache=cache_of(request),
        model=model_of(request),
    )
    names = {node.id: node for node in ego.nodes}
    return render(request, "network/network.html", {"ego": ego, "names": names})
