"""JSON API: search over people and organizations."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.deps import DbSession, WorkspaceId
from goodword.search import service


class SearchHit(BaseModel):
    kind: Literal["person", "organization"]
    id: int
    title: str
    detail: str
    url: str


class SearchResults(BaseModel):
    query: str
    items: list[SearchHit]


_PATHS = {"person": "people", "organization": "organizations"}

router = APIRouter(prefix=API_PREFIX, tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", response_model=SearchResults, summary="Search people and organizations")
def search(
    session: DbSession,
    workspace_id: WorkspaceId,
    q: Annotated[
        str,
        Query(
            max_length=200,
            description="Words to look for; prefixes match. A phone number finds the people "
            "with that number, however it is written.",
        ),
    ],
    kind: Annotated[
        Literal["person", "organization"] | None,
        Query(description="Only this kind of record."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResults:
    """Find people and organizations whose words start with the words of `q`; a `q` that
    reads as a phone number ("(415) 555-0123", "+14155550123") finds the people with that
    number first."""
    kinds: tuple[str, ...] = (kind,) if kind else ("person", "organization")
    hits = service.search(session, workspace_id=workspace_id, query=q, kinds=kinds, limit=limit)
    return SearchResults(
        query=q,
        items=[
            SearchHit(
                kind=hit.kind,
                id=hit.record_id,
                title=hit.title,
                detail=hit.detail,
                url=f"{API_PREFIX}/{_PATHS[hit.kind]}/{hit.record_id}",
            )
            for hit in hits
        ],
    )
