"""A restore's people, their details and positions, written as rows in bulk.

A backup may hold tens of thousands of people, each with e-mails, phones, web addresses,
sources and jobs; built as ORM objects and flushed, they took most of a restore. Here they
go in as multi-row inserts (`importers/bulk.py`), in file order, so ids keep that order as
the ORM's inserts kept it; their search documents are written together afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from goodword.exchange.schemas import ExportedPerson, ExportedPosition
from goodword.importers.bulk import CHUNK, adding_search_documents, insert_returning, insert_rows
from goodword.importers.matched import organizations_as
from goodword.people.models import (
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.people.normalize import email_label, phone_label, reversed_digits, url_label
from goodword.people.service import KIND as PERSON
from goodword.people.service import person_sort_name
from goodword.search.service import person_body


def write_people(
    session: Session,
    workspace_id: int,
    people: Sequence[ExportedPerson],
    organization_ids: dict[str, int],
) -> dict[str, int]:
    """Insert the people as the file has them, with their contact details and sources;
    return their new ids by their keys in the file. `organization_ids` are the ids of the
    file's organizations by their keys (a source's match names them)."""
    ws = workspace_id
    rows = [
        {
            "workspace_id": ws,
            "display_name": p.display_name,
            "given_name": p.given_name,
            "family_name": p.family_name,
            # The same ordering key the people service writes.
            "sort_name": person_sort_name(p.display_name, p.given_name, p.family_name),
            "location": p.location,
            "notes": p.notes,
            "how_we_met": p.how_we_met,
            "tags": list(p.tags),
            "interests": list(p.interests),
            "is_me": p.is_me,
            "birthday": p.birthday,
            "birthday_no_year": p.birthday_no_year,
            "keep_in_touch_days": p.keep_in_touch_days,
            "created_at": p.created_at,
            "updated_at": p.updated_at,
        }
        for p in people
    ]
    ids = insert_returning(session, Person, rows)
    emails: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    urls: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    for p, person_id in zip(people, ids, strict=True):
        # Contact details carry the person's last-written time: they are rewritten with it.
        stamps = {
            "workspace_id": ws,
            "person_id": person_id,
            "created_at": p.updated_at,
            "updated_at": p.updated_at,
        }
        emails += [
            {**stamps, "address": e.address, "label": email_label(e.label), "position": n}
            for n, e in enumerate(p.emails)
        ]
        phones += [
            {
                **stamps,
                "number": ph.number,
                "label": phone_label(ph.label),
                "position": n,
                "reversed_digits": reversed_digits(ph.number),
            }
            for n, ph in enumerate(p.phones)
        ]
        urls += [
            {**stamps, "url": u.url, "kind": u.kind, "label": url_label(u.label), "position": n}
            for n, u in enumerate(p.urls)
        ]
        sources += [
            {
                "workspace_id": ws,
                "person_id": person_id,
                "source": s.source,
                "file_name": s.file_name,
                "external_key": s.external_key,
                "imported_at": s.imported_at,
                "line": s.line,
                "fingerprint": s.fingerprint,
                "matched": (
                    organizations_as(
                        s.matched.model_dump(mode="json"), lambda k: organization_ids[k]
                    )
                    if s.matched is not None
                    else None
                ),
                "created_at": s.imported_at,
                "updated_at": s.imported_at,
            }
            for s in p.sources
        ]
    for model, found in (
        (PersonEmail, emails),
        (PersonPhone, phones),
        (PersonUrl, urls),
        (PersonSource, sources),
    ):
        insert_rows(session, model, found)
    return {p.key: person_id for p, person_id in zip(people, ids, strict=True)}


def write_positions(
    session: Session,
    workspace_id: int,
    positions: Sequence[ExportedPosition],
    people: dict[str, int],
    organization_ids: dict[str, int],
) -> None:
    """Insert the jobs, in file order; `people` and `organization_ids` are new ids by key."""
    insert_rows(
        session,
        Position,
        [
            {
                "workspace_id": workspace_id,
                "person_id": people[pos.person],
                "organization_id": organization_ids[pos.organization],
                "title": pos.title,
                "department": pos.department,
                "start_date": pos.start_date,
                "end_date": pos.end_date,
                "start_precision": pos.start_precision,
                "end_precision": pos.end_precision,
                "is_current": pos.is_current,
                "created_at": pos.created_at,
                "updated_at": pos.updated_at,
            }
            for pos in positions
        ],
    )


def index_people(
    session: Session,
    workspace_id: int,
    people: Sequence[ExportedPerson],
    ids: dict[str, int],
    positions: Sequence[ExportedPosition],
    organization_names: dict[str, str],
) -> None:
    """The restored people's search documents, all new, written together: each made from
    the file's record as `search.service.body_of` makes it from a person's saved details
    (their current jobs newest first, as a person's positions are ordered), organizations
    by the names they have here."""
    current: dict[str, list[tuple[int, ExportedPosition]]] = {}
    for order, pos in enumerate(positions):
        if pos.is_current:
            current.setdefault(pos.person, []).append((order, pos))
    documents = []
    for p in people:
        jobs = sorted(
            current.get(p.key, []),
            key=lambda job: (job[1].start_date is not None, job[1].start_date, -job[0]),
            reverse=True,
        )
        body = person_body(
            name=p.display_name,
            emails=[e.address for e in p.emails],
            urls=[u.url for u in p.urls],
            current=[(organization_names[pos.organization], pos.title) for _, pos in jobs],
            location=p.location,
            tags=p.tags,
            interests=p.interests,
            notes=p.notes,
        )
        documents.append((ids[p.key], p.display_name, body))
    with adding_search_documents(session, workspace_id, PERSON, len(documents)) as add:
        for start in range(0, len(documents), CHUNK):
            add(documents[start : start + CHUNK])
