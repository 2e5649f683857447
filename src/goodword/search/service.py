"""Search-as-you-type over people and organizations: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from goodword.search.folding import (
    document_body,
    fold,
    folded_title,
    former_names,
    other_names,
    shown,
)
from goodword.search.models import TSVECTOR, SearchDocument

if TYPE_CHECKING:
    from goodword.organizations.models import Organization
    from goodword.people.models import Person

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Queries of one word this short take the quick path in search().
SHORT_QUERY = 2
WEIGHTED = (
    "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body, '')), 'B')"
)


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: int
    title: str
    body: str

    @property
    def detail(self) -> str:
        """What the result shows under its name (not the terms kept only for finding)."""
        return shown(self.body)


def person_body(
    *,
    name: str,
    emails: Iterable[str],
    urls: Iterable[str],
    current: Iterable[tuple[str, str | None]],
    location: str | None,
    tags: Sequence[str],
    interests: Sequence[str],
    notes: str | None = None,
) -> str:
    """A person's searchable text besides the name: e-mails, profile ids, current
    workplaces and titles, place, tags, interests and the names their notes say they were
    or are also known by ("formerly Carla Smith", "also known as Aiko Tanaka"); then the
    terms only for finding them (see `folding`: "obr" finds O'Brien, "haeun" Ha-eun,
    "lukasz" Łukasz)."""
    parts = [*emails, *(url.rsplit("/", 1)[-1] for url in urls)]
    for organization, title in current:
        parts += [organization, title or ""]
    parts += [location or "", " ".join(tags), " ".join(interests)]
    parts += [f"formerly {name}" for name in former_names(notes)]
    parts += [f"also known as {name}" for name in other_names(notes)]
    return document_body(name, parts)


def organization_body(
    *, name: str, aliases: Iterable[str], domains: Iterable[str], location: str | None
) -> str:
    """An organization's searchable text besides the name (see `person_body`)."""
    return document_body(name, [*aliases, *domains, location or ""])


def index_person(session: Session, person: Person) -> None:
    """Write the person's searchable text (see person_body)."""
    body = body_of(person)
    _upsert(session, person.workspace_id, "person", person.id, person.display_name, [body])


def body_of(person: Person) -> str:
    """A person's searchable text (see person_body), from their loaded details."""
    return person_body(
        name=person.display_name,
        emails=[e.address for e in person.emails],
        urls=[u.url for u in person.urls],
        current=[(p.organization.name, p.title) for p in person.positions if p.is_current],
        location=person.location,
        tags=person.tags,
        interests=person.interests,
        notes=person.notes,
    )


def index_organization(session: Session, organization: Organization) -> None:
    body = organization_body(
        name=organization.name,
        aliases=organization.aliases,
        domains=organization.domains,
        location=organization.location,
    )
    _upsert(
        session, organization.workspace_id, "organization", organization.id, organization.name,
        [body],
    )  # fmt: skip


def remove(session: Session, *, kind: str, record_id: int) -> None:
    session.execute(
        delete(SearchDocument).where(
            SearchDocument.kind == kind, SearchDocument.record_id == record_id
        )
    )


def is_short(query: str) -> bool:
    """One word of one or two letters: looked up in names only (see `search`). Two
    Chinese characters, or Japanese or Korean ones, are a whole family name ("田中"), not
    a word's beginning: looked up everywhere.

    >>> is_short("al"), is_short("田中"), is_short("田")
    (True, False, True)
    """
    tokens = _TOKEN.findall(fold(query))
    if len(tokens) != 1 or len(tokens[0]) > SHORT_QUERY:
        return False
    return len(tokens[0]) < SHORT_QUERY or not all(east_asian_width(c) == "W" for c in tokens[0])


def search(
    session: Session,
    *,
    workspace_id: int,
    query: str,
    kinds: tuple[str, ...] = ("person", "organization"),
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """Return the best matches (after the first `offset` of them); each word must start a
    word ("ali gre" finds Alice Green), accents or none ("lukasz" finds Łukasz)."""
    tokens = _TOKEN.findall(fold(query))[:8]
    if not tokens:
        return []
    dialect = session.get_bind().dialect.name
    params: dict[str, object] = {
        "ws": workspace_id,
        "limit": limit,
        "offset": offset,
        **{f"k{i}": k for i, k in enumerate(kinds)},
    }
    kind_list = ", ".join(f":k{i}" for i in range(len(kinds)))
    if is_short(query):
        # One or two letters match most of a large workspace; ranking them all is slow and
        # useless. Take the names that have a word starting so, A to Z, and keep typing.
        word = tokens[0].replace("\\", "\\\\").replace("_", "\\_")
        params["start"], params["inside"] = f"{word}%", f"% {word}%"
        # Names folded when written, as the query is folded (see `folding`).
        statement = text(
            "SELECT kind, record_id, title, body FROM search_documents "
            f"WHERE workspace_id = :ws AND kind IN ({kind_list}) "
            "AND (folded_title LIKE :start ESCAPE '\\' "
            "OR folded_title LIKE :inside ESCAPE '\\') "
            "ORDER BY folded_title, record_id LIMIT :limit OFFSET :offset"
        )
        # (In order in the query, so that a page after it goes on where this one ends.)
        return [Hit(*row) for row in session.execute(statement, params)]
    if dialect == "sqlite":
        params["q"] = " ".join(f'"{t}"*' for t in tokens)
        statement = text(
            "SELECT d.kind, d.record_id, d.title, d.body FROM search_fts "
            "JOIN search_documents d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH :q AND d.workspace_id = :ws AND d.kind IN ({kind_list}) "
            "ORDER BY bm25(search_fts, 4.0, 1.0), d.title, d.record_id LIMIT :limit OFFSET :offset"
        )
    else:
        params["q"] = " & ".join(f"{t}:*" for t in tokens)
        # Match through the GIN index; rank with the title weighing more than the rest.
        statement = text(
            f"SELECT kind, record_id, title, body FROM search_documents "
            f"WHERE workspace_id = :ws AND kind IN ({kind_list}) "
            f"AND {TSVECTOR} @@ to_tsquery('simple', :q) "
            f"ORDER BY ts_rank({WEIGHTED}, to_tsquery('simple', :q)) DESC, title, record_id "
            "LIMIT :limit OFFSET :offset"
        )
    return [Hit(*row) for row in session.execute(statement, params)]


def _upsert(
    session: Session, workspace_id: int, kind: str, record_id: int, title: str, parts: list[str]
) -> None:
    body = " ".join(p for p in parts if p)
    document = session.scalar(
        select(SearchDocument).where(
            SearchDocument.kind == kind, SearchDocument.record_id == record_id
        )
    )
    if document is None:
        session.add(
            SearchDocument(
                workspace_id=workspace_id,
                kind=kind,
                record_id=record_id,
                title=title,
                body=body,
                folded_title=folded_title(title),
            )
        )
    else:
        document.title, document.body, document.folded_title = title, body, folded_title(title)
    session.flush()
