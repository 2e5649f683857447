from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Kind = Literal["person", "organization"]
# The longest search the API and `goodword search` take (a few words, or a phone number).
QUERY_LENGTH = 200


class SearchHit(BaseModel):
    kind: Kind
    id: int
    title: str
    detail: str
    url: str


class SearchResults(BaseModel):
    query: str
    items: list[SearchHit]
