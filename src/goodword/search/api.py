"""JSON API: search over people and organizations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.deps import DbSession, WorkspaceId
from goodword.search import service
from goodword.search.schemas import QUERY_LENGTH, Kind, SearchResults

router = APIRouter(prefix=API_PREFIX, tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", response_model=SearchResults, summary="Search people and organizations")
def search(
    session: DbSession,
    workspace_id: WorkspaceId,
    q: Annotated[
        str,
        Query(
            max_length=QUERY_LENGTH,
            description="Words to look for; prefixes match. A phone number finds the people "
            "with that number, however it is written.",
        ),
    ],
    kind: Annotated[
        Kind | None,
        Query(description="Only this kind of record."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResults:
    """Find people and organizations whose words start with the words of `q`; a `q` that
    reads as a phone number ("(415) 555-0123", "+14155550123") finds the people with that
    number first."""
    return service.results(session, workspace_id=workspace_id, query=q, kind=kind, limit=limit)
