"""Search over people and organizations: a full page, just the results for HTMX, and the
matches a record picker offers when there are too many records to list."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from goodword.deps import DbSession, WorkspaceId
from goodword.pages import is_htmx, render
from goodword.people import service as people
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
    but: Literal["me"] | None = None,
) -> Response:
    """The records a picker's search box finds, each a button that puts its number into
    the picker's number box (the element `target`); without the user's own person for
    `but=me` (a picker of whom they cannot be: their own reference)."""
    query = q.strip()
    me = people.get_me(session, workspace_id=workspace_id) if but and query else None
    hits = (
        service.search(
            session, workspace_id=workspace_id, query=query, kinds=(kind,), limit=9 if me else 8
        )
        if query
        else []
    )
    if me is not None:
        hits = [h for h in hits if h.kind != "person" or h.record_id != me.id][:8]
    return render(request, "search/_pick.html", {"q": query, "hits": hits, "target": target})
