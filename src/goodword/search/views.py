"""Search over people and organizations: a full page, just the results for HTMX, and the
matches a record picker offers when there are too many records to list."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from goodword.deps import DbSession, WorkspaceId
from goodword.pages import is_htmx, render
from goodword.search import service

router = APIRouter()


@router.get("/search", name="search")
def search_page(
    request: Request, session: DbSession, workspace_id: WorkspaceId, q: str = ""
) -> Response:
    """Find people and organizations by name, workplace, e-mail, place or tag, and people
    by phone number."""
    query = q.strip()
    hits = (
        service.search(session, workspace_id=workspace_id, query=query, limit=40) if query else []
    )
    context = {
        "q": query,
        "short_query": service.is_short(query),
        "people": [hit for hit in hits if hit.kind == "person"],
        "organizations": [hit for hit in hits if hit.kind == "organization"],
    }
    # The quick-search box asks with HTMX and gets only the results, which it shows in place.
    template = "search/_results.html" if is_htmx(request) else "search/page.html"
    return render(request, template, context, vary_on_htmx=True)


@router.get("/pick/{kind}", name="pick")
def pick(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    kind: Literal["person", "organization"],
    target: Annotated[str, Query(pattern=r"^[a-z][a-z0-9_-]{0,60}$")],
    q: str = "",
) -> Response:
    """The records a picker's search box finds, each a button that puts its number into
    the picker's number box (the element `target`)."""
    query = q.strip()
    hits = (
        service.search(session, workspace_id=workspace_id, query=query, kinds=(kind,), limit=8)
        if query
        else []
    )
    return render(request, "search/_pick.html", {"q": query, "hits": hits, "target": target})
