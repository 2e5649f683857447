"""JSON API for references: the registry, launching one for an opportunity, recording calls."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, StringConstraints

from goodword import clock
from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
)
from goodword.deps import DbSession, WorkspaceId
from goodword.playbooks import engine, launch
from goodword.records import RecordId
from goodword.references import service
from goodword.references.models import UseStatus
from goodword.references.schemas import (
    LaunchRead,
    RecordRead,
    ReferenceCreate,
    ReferencePage,
    ReferenceRead,
    ReferenceUpdate,
    ReferenceUseRead,
)
from goodword.references.service import references_page

router = APIRouter(prefix=API_PREFIX, tags=["references"], responses=ERROR_RESPONSES)


class LaunchIn(BaseModel):
    """Launch a reference for an opportunity. `confirm_current_workplace` accepts the risk of
    using a current boss or co-worker; `force` goes past the overuse cap."""

    model_config = ConfigDict(extra="forbid")

    opportunity_id: RecordId
    stress_points: (
        Annotated[str, StringConstraints(max_length=service.STRESS_POINTS_LENGTH)] | None
    ) = None
    confirm_current_workplace: bool = False
    force: bool = False


class RecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: UseStatus
    outcome: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5_000)] | None = (
        None
    )


@router.get("/references", response_model=ReferencePage, summary="List references")
def list_references(
    session: DbSession,
    workspace_id: WorkspaceId,
    active: bool | None = None,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> ReferencePage:
    """Your references by name, with how often and when each was last used; pass `next`
    back as `after` for more, and `prev` as `before` for the page before."""
    return references_page(
        session, workspace_id=workspace_id, active=active, after=after, before=before, limit=limit
    )


@router.post(
    "/references",
    response_model=ReferenceRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a reference",
)
def create_reference(
    session: DbSession, workspace_id: WorkspaceId, data: ReferenceCreate
) -> ReferenceRead:
    return service.to_read(service.create(session, workspace_id=workspace_id, data=data))


@router.get("/references/{reference_id}", response_model=ReferenceRead, summary="Show a reference")
def get_reference(
    session: DbSession, workspace_id: WorkspaceId, reference_id: int
) -> ReferenceRead:
    return service.to_read(
        service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    )


@router.put(
    "/references/{reference_id}", response_model=ReferenceRead, summary="Replace a reference"
)
def replace_reference(
    session: DbSession, workspace_id: WorkspaceId, reference_id: int, data: ReferenceUpdate
) -> ReferenceRead:
    reference = service.update(
        session, workspace_id=workspace_id, reference_id=reference_id, data=data
    )
    return service.to_read(reference)


@router.delete(
    "/references/{reference_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Remove a reference",
)
def delete_reference(session: DbSession, workspace_id: WorkspaceId, reference_id: int) -> Response:
    """Deletes the reference with every launch of it, which the cap then no longer counts. To
    keep them, replace the reference with `active` false instead."""
    service.delete(session, workspace_id=workspace_id, reference_id=reference_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/references/{reference_id}/uses",
    response_model=list[ReferenceUseRead],
    summary="A reference's launches",
)
def list_uses(
    session: DbSession, workspace_id: WorkspaceId, reference_id: int
) -> list[ReferenceUseRead]:
    reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    return [service.use_to_read(u) for u in reference.uses]


@router.post(
    "/references/{reference_id}/launch", response_model=LaunchRead, summary="Launch a reference"
)
def launch_reference(
    session: DbSession, workspace_id: WorkspaceId, reference_id: int, data: LaunchIn
) -> LaunchRead:
    """The briefing and the call before you apply. Refused (409) without consent, past the
    cap unless `force`, and for a current boss or co-worker unless confirmed."""
    result = launch.launch(
        session,
        workspace_id=workspace_id,
        reference_id=reference_id,
        opportunity_id=data.opportunity_id,
        today=clock.today(),
        stress_points=data.stress_points,
        force=data.force,
        confirm_current_workplace=data.confirm_current_workplace,
    )
    return LaunchRead(
        use=service.use_to_read(result.use) if result.use else None,
        warnings=result.warnings,
        playbook=engine.to_read(result),
    )


@router.post("/reference-uses/{use_id}", response_model=RecordRead, summary="Record what happened")
def record_use(
    session: DbSession, workspace_id: WorkspaceId, use_id: int, data: RecordIn
) -> RecordRead:
    """Briefed, called (with what came of it), thanked or cancelled; a call brings a thank-you."""
    result = launch.record(
        session,
        workspace_id=workspace_id,
        use_id=use_id,
        status=data.status,
        today=clock.today(),
        outcome=data.outcome,
    )
    use = service.get_use(session, workspace_id=workspace_id, use_id=use_id)
    return RecordRead(use=service.use_to_read(use), playbook=engine.to_read(result))
