"""Search-as-you-type over people and organizations: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

import phonenumbers
from sqlalchemy import Select, delete, select, text
from sqlalchemy.orm import Session

from goodword.organizations.names import ends_in_legal_form
from goodword.people import normalize
from goodword.people.models import PersonPhone
from goodword.people.schemas import PHONE_PATTERN
from goodword.records import API_PREFIX, among
from goodword.search.folding import (
    document_body,
    fold,
    folded_title,
    former_names,
    other_names,
    shown,
)
from goodword.search.models import TSVECTOR, SearchDocument
from goodword.search.schemas import Kind, SearchHit, SearchResults
from goodword.workspaces.models import Workspace

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
    word ("ali gre" finds Alice Green), accents or none ("lukasz" finds Łukasz). A query
    that reads as a phone number finds the people with that number first, however either
    is written ("(415) 555-0123" finds +1 415-555-0123)."""
    by_phone = (
        _by_phone(session, workspace_id=workspace_id, query=query) if "person" in kinds else []
    )
    if not by_phone:
        return _matching(
            session, workspace_id=workspace_id, query=query, kinds=kinds, limit=limit,
            offset=offset,
        )  # fmt: skip
    # (Rare and few: the words' matches are found from the first, after the number's.)
    found = {hit.record_id for hit in by_phone}
    words = _matching(
        session, workspace_id=workspace_id, query=query, kinds=kinds,
        limit=offset + limit + len(by_phone), offset=0,
    )  # fmt: skip
    rest = [hit for hit in words if hit.kind != "person" or hit.record_id not in found]
    return [*by_phone, *rest][offset : offset + limit]


# Where each kind of record found is in the API.
_PATHS = {"person": "people", "organization": "organizations"}


def results(
    session: Session, *, workspace_id: int, query: str, kind: Kind | None = None, limit: int = 20
) -> SearchResults:
    """What `search` finds for `query` (of one kind, or both), with each record's id and
    its address in the API, as the API and `goodword search --json` answer."""
    kinds: tuple[str, ...] = (kind,) if kind else ("person", "organization")
    hits = search(session, workspace_id=workspace_id, query=query, kinds=kinds, limit=limit)
    return SearchResults(
        query=query,
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


@dataclass(frozen=True)
class PhoneQuery:
    """How a query that reads as a phone number is looked up: as the number is stored
    (`stored`, E.164 with any extension, when it can be read in the workspace's region), and
    by its digits without leading zeros (`ending`), which a stored number ends with however
    the query was written: with or without its country code, or a trunk 0 ("020 7946 0001"
    ends "+442079460001"). A number an import kept as written, because it could not be read,
    is compared by its digits: it is found when they end with one of `endings` (the query's
    digits, and the number's own without its country code), with the query's `extension`
    when it gives one ("07700 900123" finds "07700 900123 ext 4", "+44 7700 900123" finds
    "07700 900123")."""

    stored: str | None
    ending: str | None
    endings: tuple[str, ...] = ()
    extension: str = ""


# Digits enough for a whole number without its area code; fewer match too much to be meant.
PHONE_DIGITS = 7
# Only what a phone number is written with: digits, "+", brackets, dots, dashes, slashes.
_PHONE_WRITING = re.compile(r"^\+?[0-9().\-\s/]+$")


def phone_query(query: str, region: str) -> PhoneQuery | None:
    """How to look `query` up among stored phone numbers, or None when it reads as no
    phone number. (An extension is looked up by the whole number only.)

    >>> phone_query("(415) 555-0123", "US")
    PhoneQuery(stored='+14155550123', ending='4155550123', endings=('4155550123',), extension='')
    >>> phone_query("+1 415 555 0123 ext. 12", "US")
    PhoneQuery(stored='+14155550123;ext=12', ending=None, endings=('14155550123', '4155550123'), extension='12')
    >>> phone_query("020 7946 0001", "US")
    PhoneQuery(stored=None, ending='2079460001', endings=('2079460001',), extension='')
    >>> phone_query("2026", "US") is None, phone_query("Ada 415", "US") is None
    (True, True)
    """  # noqa: E501
    text = query.strip()
    if not re.match(PHONE_PATTERN, text):
        return None
    digits = "".join(c for c in text if c.isdigit())
    try:
        stored: str | None = normalize.phone(text, region)
    except ValueError:
        stored = None
    ending = None
    if _PHONE_WRITING.match(text) and len(digits.lstrip("0")) >= PHONE_DIGITS:
        ending = digits.lstrip("0")
    main, extension = normalize.written_digits(text)
    endings = [main.lstrip("0")]
    if stored is not None:
        endings.append(str(phonenumbers.parse(stored.split(";")[0]).national_number))
    endings = [e for e in dict.fromkeys(endings) if len(e) >= PHONE_DIGITS]
    if stored is None and ending is None and not endings:
        return None
    return PhoneQuery(stored, ending, tuple(endings), extension)


def _by_phone(session: Session, *, workspace_id: int, query: str) -> list[Hit]:
    """The people with a phone number `query` reads as, A to Z (see `phone_query`)."""
    if not re.match(PHONE_PATTERN, query.strip()):
        return []  # (most queries: no need to ask the workspace's region)
    region = session.scalar(select(Workspace.phone_region).where(Workspace.id == workspace_id))
    wanted = phone_query(query, region or "US")
    if wanted is None:
        return []
    people = {
        person_id
        for digits in _endings_looked_up(wanted)
        for person_id, number in session.execute(
            numbers_ending(workspace_id=workspace_id, digits=digits)
        )
        if _is_wanted(number, wanted)
    }
    if not people:
        return []
    statement = (
        select(
            SearchDocument.kind, SearchDocument.record_id, SearchDocument.title,
            SearchDocument.body,
        )
        .where(
            SearchDocument.workspace_id == workspace_id, SearchDocument.kind == "person",
            among(session, SearchDocument.record_id, sorted(people)),
        )
        .order_by(SearchDocument.folded_title, SearchDocument.record_id)
        .limit(100)
    )  # fmt: skip
    return [Hit(*row) for row in session.execute(statement)]


def numbers_ending(*, workspace_id: int, digits: str) -> Select[int, str]:
    """The workspace's phone numbers (person, number) whose digits before any extension end
    with `digits`: their reversed digits begin with `digits` reversed, a range of the index
    `ix_person_phones_workspace_reversed` (the upper end the least digit string past every
    one that begins so: "3219" is followed by "322")."""
    start = digits[::-1]
    found = select(PersonPhone.person_id, PersonPhone.number).where(
        PersonPhone.workspace_id == workspace_id, PersonPhone.reversed_digits >= start
    )
    below = start.rstrip("9")
    if below:
        found = found.where(PersonPhone.reversed_digits < below[:-1] + str(int(below[-1]) + 1))
    return found


def _endings_looked_up(wanted: PhoneQuery) -> list[str]:
    """The digits a number `wanted` finds ends with: the stored number's own (with its
    country code), the query's without leading zeros, and those of `endings`; only the
    shortest of those that end alike, as the numbers ending with it end with the others."""
    found = list(wanted.endings)
    if wanted.ending is not None:
        found.append(wanted.ending)
    if wanted.stored is not None:
        found.append(normalize.written_digits(wanted.stored)[0])
    found = sorted(set(found), key=len)
    return [d for i, d in enumerate(found) if not any(d.endswith(e) for e in found[:i])]


def _is_wanted(number: str, wanted: PhoneQuery) -> bool:
    """Whether a stored number whose digits end as the query's is one `wanted` finds: the
    number as stored, with any extension when the query gives none; one ending with the
    query's digits, with any extension; or, kept as written, one whose digits end with one
    of `endings` and whose extension is the query's when it gives one."""
    stored = wanted.stored
    if stored is not None and (
        number == stored or (";" not in stored and number.startswith(stored + ";ext="))
    ):
        return True
    if wanted.ending is not None and (
        number.endswith(wanted.ending) or wanted.ending + ";" in number
    ):
        return True
    if not wanted.endings or not _kept_as_written(number):
        return False
    digits, extension = normalize.written_digits(number)
    return any(digits.endswith(e) for e in wanted.endings) and (
        not wanted.extension or extension == wanted.extension
    )


def _kept_as_written(number: str) -> bool:
    """Whether a number is text an import kept as written ("8 (495) 987-65-43", "07700
    900123"), not E.164: every number stored so starts "+" and has no space."""
    if number.startswith("+") and not any(c in number for c in " -()/."):
        return False
    return normalize.phone_uri(number) is None


def _matching(
    session: Session,
    *,
    workspace_id: int,
    query: str,
    kinds: tuple[str, ...],
    limit: int,
    offset: int,
) -> list[Hit]:
    """The records whose words the query's words start (see `search`)."""
    tokens = _TOKEN.findall(fold(query))[:8]
    # (An address as a mail link gives, "mailto:ann@…"; a company's legal form, which the
    # name may be kept without: "Acme Inc." finds Acme, as a form's organization field does.)
    if len(tokens) > 1 and tokens[0] == "mailto":
        tokens = tokens[1:]
    if len(tokens) > 1 and ends_in_legal_form(query):
        tokens = tokens[:-1]
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
