"""The whole-workspace export as a download from the web app (`goodword export`'s file)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.orm import Session

from goodword import clock
from goodword.deps import DbSession, WorkspaceId
from goodword.exchange import service

router = APIRouter()


@router.get("/export/everything", name="export_everything")
def export_everything(session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Download the whole job search as one JSON file, the one `goodword export` writes."""
    return download(session, workspace_id=workspace_id)


def download(session: Session, *, workspace_id: int) -> Response:
    """The workspace's export as an attachment named for today."""
    text = service.export_text(session, workspace_id=workspace_id)
    name = f"goodword-export-{clock.today().isoformat()}.json"
    return Response(
        text,
        media_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
