"""JSON API: search over people and organizations, plus what every API router shares.

The shared pieces (the error body, cursor checks) live here because search is the one
router every other one may import without a cycle.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput
from goodword.records import decode_cursor
from goodword.search import service

API_PREFIX = "/api/v1"


class FieldProblem(BaseModel):
    field: str
    message: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: list[FieldProblem]


class ErrorResponse(BaseModel):
    """The one error shape every API endpoint answers with."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such record in this workspace."},
    409: {"model": ErrorResponse, "description": "The change conflicts with existing records."},
    422: {"model": ErrorResponse, "description": "The request is not valid; see `fields`."},
}

After = Annotated[
    str | None,
    Query(description="The `next` value of the previous page; leave out for the first page."),
]
Limit = Annotated[int, Query(ge=1, le=500, description="How many items per page.")]

_DAMAGED = "This cursor is damaged; start again from the first page (leave out `after`)."


def checked_cursor(after: str | None, *, sort: Literal["text", "time", "id"]) -> str | None:
    """Return a keyset cursor once it is known to be well formed, else a 422 on `after`.

    Services trust their cursors; a hand-edited one must not reach the database.
    """
    if not after:
        return None
    try:
        values = decode_cursor(after)
        if len(values) != 2 or not isinstance(values[1], int) or isinstance(values[1], bool):
            raise ValueError
        value = values[0]
        if sort == "text" and not isinstance(value, str):
            raise ValueError
        if sort == "time":
            datetime.fromisoformat(value)
        if sort == "id" and (not isinstance(value, int) or isinstance(value, bool)):
            raise ValueError
    except (ValueError, TypeError):
        raise InvalidInput(
            "The page cursor is not valid.", fields=[FieldError("after", _DAMAGED)]
        ) from None
    return after


def checked_offset(after: str | None) -> int:
    """Return the offset an offset-paged list handed out as its `next` value."""
    if not after:
        return 0
    if not after.isdigit():
        raise InvalidInput("The page cursor is not valid.", fields=[FieldError("after", _DAMAGED)])
    return int(after)


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
    q: Annotated[str, Query(max_length=200, description="Words to look for; prefixes match.")],
    kind: Annotated[
        Literal["person", "organization"] | None,
        Query(description="Only this kind of record."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResults:
    """Find people and organizations whose words start with the words of `q`."""
    kinds: tuple[str, ...] = (kind,) if kind else ("person", "organization")
    hits = service.search(session, workspace_id=workspace_id, query=q, kinds=kinds, limit=limit)
    return SearchResults(
        query=q,
        items=[
            SearchHit(
                kind=hit.kind,
                id=hit.record_id,
                title=hit.title,
                detail=hit.body,
                url=f"{API_PREFIX}/{_PATHS[hit.kind]}/{hit.record_id}",
            )
            for hit in hits
        ],
    )
