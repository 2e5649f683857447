"""JSON API for warm paths: ways in, the network around a person, a tie's strength, and
loading ties in bulk from an edge-list CSV."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, UploadFile
from pydantic import BaseModel, Field

from goodword import clock
from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.connections import service as connections
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.network import service
from goodword.network.queries import (
    BlindWarning,
    DraftMessage,
    EgoNetwork,
    PathQuery,
    drafts,
    ego_network,
    find,
)
from goodword.network.service import EntryPointRead, PersonRef, WayIn, WaysIn
from goodword.network.views import cache_of, model_of

router = APIRouter(prefix=API_PREFIX, tags=["warm paths"], responses=ERROR_RESPONSES)


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


def ways_in_read(session: DbSession, *, workspace_id: int, found: WaysIn) -> WaysInRead:
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
        to=list(draft.to), to_name=draft.to_name, subject=draft.subject, body=draft.body
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


PATHS_TARGET = (
    "Say where you want to get to: give exactly one of to_person_id, to_organization "
    "and opportunity_id."
)


def target_problems(request: Request, *, given: Mapping[str, object]) -> list[FieldError]:
    """Why /paths has no one target: each parameter it does not know (a misspelling, as
    often as not), else the targets given together, else that none was."""
    known = {param.alias for param in request.scope["route"].dependant.query_params}
    unknown = [name for name in request.query_params if name not in known]
    choices = "to_person_id, to_organization or opportunity_id"
    if unknown:
        return [
            FieldError(name, f"There is no parameter {name}; give {choices}.")
            for name in dict.fromkeys(unknown)
        ]
    named = [name for name, value in given.items() if value is not None]
    if named:
        return [FieldError(name, f"Give only one of {choices}.") for name in named]
    return [FieldError(name, f"Give one of {choices}.") for name in given]


@router.get("/paths", response_model=WaysInRead, summary="Find the ways in to a target")
def paths(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    to_person_id: Annotated[int | None, Query(description="A person to reach.")] = None,
    to_organization: Annotated[
        str | None, Query(max_length=200, description="Anyone at this organization (name or id).")
    ] = None,
    department: Annotated[
        str | None,
        Query(
            max_length=200,
            description='With `to_organization`: a department or title, such as "sales".',
        ),
    ] = None,
    opportunity_id: Annotated[
        int | None, Query(description="An opportunity: its hiring manager, else its organization.")
    ] = None,
    from_person_id: Annotated[
        int | None, Query(description="Where paths start; by default the person marked as you.")
    ] = None,
    k: Annotated[int, Query(ge=1, le=50, description="How many paths.")] = 5,
) -> WaysInRead:
    """The top `k` paths of up to three introductions, each explained with its first ask; when
    none reaches the target, the entry points around it with the advice-call approach."""
    if department and not to_organization:
        raise InvalidInput(
            "A department narrows an organization; give `to_organization` too.",
            fields=[FieldError("department", "needs to_organization")],
        )
    targets = {"to_person_id": to_person_id, "to_organization": to_organization}
    targets["opportunity_id"] = opportunity_id
    if sum(value is not None for value in targets.values()) != 1:
        raise InvalidInput(PATHS_TARGET, fields=target_problems(request, given=targets))
    query = PathQuery(
        to_person_id=to_person_id,
        to_organization=to_organization,
        department=department,
        opportunity_id=opportunity_id,
        from_person_id=from_person_id,
        k=k,
    )
    found = find(
        session,
        workspace_id=workspace_id,
        query=query,
        cache=cache_of(request),
        model=model_of(request),
    )
    return ways_in_read(session, workspace_id=workspace_id, found=found)


@router.get(
    "/people/{person_id}/network",
    response_model=NetworkRead,
    summary="The network around a person",
)
def person_network(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    among: Annotated[bool, Query(description="Include the ties among the person's contacts.")] = (
        True
    ),
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many ties.")] = 60,
) -> NetworkRead:
    """The person, their strongest ties (strength and why), and the ties among those people."""
    ego = ego_network(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        among=among,
        limit=limit,
        cache=cache_of(request),
        model=model_of(request),
    )
    return network_read(ego)


@router.get(
    "/connections/{connection_id}/strength",
    response_model=StrengthRead,
    summary="How strong a tie is, and why",
)
def connection_strength(
    request: Request, session: DbSession, workspace_id: WorkspaceId, connection_id: int
) -> StrengthRead:
    """The strength of the tie between the connection's two people, with the reasons."""
    connection = connections.get(session, workspace_id=workspace_id, connection_id=connection_id)
    snap = service.snapshot_for(
        session,
        workspace_id=workspace_id,
        today=clock.today(),
        model=model_of(request),
        cache=cache_of(request),
    )
    a, b = snap.node(connection.person_a_id), snap.node(connection.person_b_id)
    if a is None or b is None:
        # Read in this same transaction, so only a concurrent delete gets here.
        raise NotFound("connection", connection_id)
    strength, reasons = snap.strength(a, b), snap.explain(a, b)
    return StrengthRead(
        connection_id=connection.id,
        person_a=brief(service.person_ref(connection.person_a)),
        person_b=brief(service.person_ref(connection.person_b)),
        strength=round(strength, 4),
        reasons=reasons,
    )


@router.post(
    "/connections/import",
    response_model=ImportRead,
    summary="Load ties from an edge-list CSV",
)
def import_connections(
    session: DbSession, workspace_id: WorkspaceId, file: UploadFile
) -> ImportRead:
    """Upload a CSV with the header `a,b[,kind,closeness]`, one tie per line. `a` and `b` are
    person keys (an e-mail, a profile URL, `id:<number>` or a source key); an unknown key
    creates a person. All or nothing: any bad line means nothing is written, and the 422
    names every bad line."""
    upload = io.BytesIO(file.file.read())
    upload.name = Path(file.filename or "connections.csv").name
    report = service.connections_import(session, workspace_id=workspace_id, path_or_file=upload)
    return ImportRead(
        lines=report.lines,
        people_created=report.people_created,
        connections_created=report.connections_created,
        already_recorded=report.already_recorded,
    )
