"""The queue's pairs of one import, on the web: told apart all at once after a page that
asks first, and put back all at once (`by_import`). The queue page filters by import."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from goodword.deps import DbSession, WorkspaceId
from goodword.duplicates import by_import, service
from goodword.importers import history
from goodword.pages import redirect, render

router = APIRouter()


def _pairs(count: int) -> str:
    return "1 pair" if count == 1 else f"{count:,} pairs"


@router.get("/duplicates/imports/{import_id}/not-same", response_class=HTMLResponse)
def confirm_not_same(
    request: Request, session: DbSession, workspace_id: WorkspaceId, import_id: int
) -> HTMLResponse:
    """Ask before telling apart every waiting pair of the import."""
    run = history.get(session, workspace_id=workspace_id, run_id=import_id)
    of_import = by_import.of_report(session, run)
    waiting = service.count_candidates(session, workspace_id=workspace_id, of_import=of_import)
    return render(
        request,
        "duplicates/import_not_same.html",
        {"run": run, "import_id": import_id, "waiting": waiting, "pairs": _pairs(waiting)},
    )


@router.post("/duplicates/imports/{import_id}/not-same")
def not_same(session: DbSession, workspace_id: WorkspaceId, import_id: int) -> Response:
    changed = by_import.mark_not_same(session, workspace_id=workspace_id, run_id=import_id)
    return redirect(
        f"/duplicates?import={import_id}",
        flash=f"Marked {_pairs(changed)} of import {import_id} as two different people. "
        "Changed your mind? Put them back in the queue below.",
    )


@router.post("/duplicates/imports/{import_id}/reopen")
def reopen(session: DbSession, workspace_id: WorkspaceId, import_id: int) -> Response:
    changed = by_import.reopen(session, workspace_id=workspace_id, run_id=import_id)
    return redirect(
        f"/duplicates?import={import_id}",
        flash=f"Put {_pairs(changed)} of import {import_id} back in the queue to review.",
    )
