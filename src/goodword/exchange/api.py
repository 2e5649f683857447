"""JSON API for the whole-workspace export."""

from __future__ import annotations

from fastapi import APIRouter, Response

from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.deps import DbSession, WorkspaceId
from goodword.exchange.views import download

router = APIRouter(prefix=API_PREFIX, tags=["export"], responses=ERROR_RESPONSES)


@router.get(
    "/export",
    summary="Export everything",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
def export_everything(session: DbSession, workspace_id: WorkspaceId) -> Response:
    """The whole workspace as one `goodword-export` document (people, organizations,
    opportunities, interactions, connections, tasks, referral asks, references and their
    launches, leads, message templates, and the possible-duplicate pairs waiting and told
    apart), the file `goodword export` writes; `goodword import-json` reads it back
    unchanged."""
    return download(session, workspace_id=workspace_id)
