"""Search over people and organizations: a full page, or just the results for HTMX."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from goodword.deps import DbSession, WorkspaceId
from goodword.pages import is_htmx, render
from goodword.search import service

router = APIRouter()


@router.get("/search", name="search")
def search_page(
    request: Request, session: DbSession, workspace_id: WorkspaceId, q: str = ""
) -> Response:
    """Find people and organizations by name, workplace, e-mail, place or tag."""
    query = q.strip()
    hits = (
        service.search(session, workspace_id=workspace_id, query=query, limit=40) if query else []
    )
    context = {
        "q": query,
        "people": [hit for hit in hits if hit.kind == "person"],
        "organizations": [hit for hit in hits if hit.kind == "organization"],
    }
    # The quick-search box asks with HTMX and gets only the results, which it shows in place.
    template = "search/_results.html" if is_htmx(request) else "search/page.html"
    return render(request, template, context, vary_on_htmx=True)
