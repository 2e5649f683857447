"""JSON API for warm paths: ways in, the network around a person, a tie's strength, and
loading ties in bulk from an edge-list CSV."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, UploadFile

from goodword import clock
from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.connections import service as connections
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.network import service
from goodword.network.queries import PathQuery, ego_network, find
from goodword.network.schemas import (
    ImportRead,
    NetworkRead,
    StrengthRead,
    WaysInRead,
    brief,
    network_read,
    ways_in_read,
)
from goodword.network.views import cache_of, model_of

router = APIRouter(prefix=API_PREFIX, tags=["warm paths"], responses=ERROR_RESPONSES)


PATHS_TARGET = (
    "Say where you want to get to: give exactly one of to_person_id, to_organization "
    "and opportunity_id."
)


def target_problems(*, given: Mapping[str, object]) -> list[FieldError]:
    """Why /paths has no one target: the targets given together, else that none was. (A
    parameter it does not know, a misspelling as often as not, is refused before, as
    every API route refuses one: `deps.known_parameters`.)"""
    choices = "to_person_id, to_organization or opportunity_id"
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
        raise InvalidInput(PATHS_TARGET, fields=target_problems(given=targets))
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
