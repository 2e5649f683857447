"""What every JSON API router shares: the prefix, the one error shape, page cursors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel

from goodword.cursors import Sort as Sort
from goodword.cursors import checked_cursor as checked_cursor
from goodword.cursors import checked_cursors as checked_cursors
from goodword.cursors import cursor_refused as cursor_refused
from goodword.cursors import one_way as one_way
from goodword.records import API_PREFIX as API_PREFIX
from goodword.records import Next as Next
from goodword.records import Prev as Prev


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
    404: {"model": ErrorResponse, "description": "No such record."},
    409: {"model": ErrorResponse, "description": "The change conflicts with existing records."},
    422: {"model": ErrorResponse, "description": "The request is not valid; see `fields`."},
}

After = Annotated[
    str | None,
    Query(description="The `next` value of the previous page; leave out for the first page."),
]
Before = Annotated[
    str | None,
    Query(
        description="The `prev` value of a page: gives the page before that one. "
        "Give `after` or `before`, not both."
    ),
]
Limit = Annotated[int, Query(ge=1, le=500, description="How many items per page.")]
