"""Export people as vCard 3.0 (the default) or 4.0, CSV, or JSON.

Each export carries everything Goodword holds about a person (labels, every position with
its dates, interests, how you met), in standard properties where the format has them and
in X-GOODWORD-* properties or extra columns where it does not, so importing an export
gives the same people back. Each card or row carries `goodword-<workspace>-<person>` as its
id: importing it into the same workspace updates those people instead of adding copies.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any, Literal

import vobject
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword import clock
from goodword.importers.cleaning import inert, unify_line_breaks
from goodword.importers.mapped import CSV_HEADERS, PEOPLE_JSON
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import Person, Position

Format = Literal["vcard", "vcard4", "csv", "json"]
MEDIA_TYPES = {
    "vcard": "text/vcard",
    "vcard4": "text/vcard",
    "csv": "text/csv",
    "json": "application/json",
}
EXTENSIONS = {"vcard": "vcf", "vcard4": "vcf", "csv": "csv", "json": "json"}


def export_people(
    session: Session,
    *,
    workspace_id: int,
    format: Format = "vcard",
    person_ids: Sequence[int] | None = None,
) -> str:
    """Return the workspace's people (or just `person_ids`) in the chosen format."""
    statement = (
        select(Person)
        .where(Person.workspace_id == workspace_id)
        .options(*people.with_details(), selectinload(Person.sources))
        .order_by(Person.id)
    )
    if person_ids is not None:
        statement = statement.where(Person.id.in_(list(person_ids)))
    chosen = list(session.scalars(statement))
    if format in ("vcard", "vcard4"):
        version = "4.0" if format == "vcard4" else "3.0"
        return "".join(to_vcard(p, version=version) for p in chosen)
    if format == "csv":
        return to_csv(chosen)
    if format == "json":
        return json.dumps(
            {
                "format": PEOPLE_JSON,
                "version": 1,
                "exported_at": clock.now().isoformat(),
                "people": [to_record(p) for p in chosen],
            },
            ensure_ascii=False,
            indent=2,
        )
    raise ValueError(f"unknown export format {format!r}; use vcard, vcard4, csv or json")


def person_key(person: Person) -> str:
    return f"goodword-{person.workspace_id}-{person.id}"


def _escape(text: str) -> str:
    # Every line break as an escaped newline: a carriage return (from a Windows file) would
    # end the card's line.
    text = unify_line_breaks(text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _structured(*parts: str | None) -> str:
    return ";".join(_escape(p or "") for p in parts)


def _position_value(position: Position) -> str:
    return _structured(
        position.organization.name,
        position.title,
        position.department,
        position.start_date.isoformat() if position.start_date else "",
        position.end_date.isoformat() if position.end_date else "",
        "true" if position.is_current else "false",
    )


def to_vcard(person: Person, *, version: str = "3.0") -> str:
    """One card; labels ride on Apple-style groups (item1.EMAIL + item1.X-ABLabel)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("uid").value = person_key(person)
    card.add("fn").value = person.display_name
    card.add("n").value = vobject.vcard.Name(
        family=person.family_name or "", given=person.given_name or ""
    )
    groups = 0

    def add(
        name: str,
        value: str,
        label: str | None,
        extra: dict[str, list[str]],
        *,
        encoded: bool = False,
    ) -> None:
        nonlocal groups
        prop = card.add(name)
        prop.value = value
        prop.encoded = encoded  # a URI's ";ext=" must not be escaped as text
        for key, values in extra.items():
            prop.params[key] = values
        if label:
            groups += 1
            prop.group = f"item{groups}"
            tag = card.add("x-ablabel")
            tag.group = prop.group
            tag.value = label

    four = version.startswith("4")
    for email in person.emails:
        add("email", email.address, email.label, {} if four else {"TYPE": ["INTERNET"]})
    for phone in person.phones:
        uri = normalize.phone_uri(phone.number)
        if four and uri:
            # vCard 4.0 says a number should be a tel: URI: "tel:+14155550100;ext=12".
            add("tel", uri, phone.label, {"VALUE": ["uri"]}, encoded=True)
        elif uri and ";ext=" in uri:
            # vCard 3.0 holds text; the extension written out is what address books show.
            add("tel", normalize.phone_text(phone.number), phone.label, {})
        else:
            add("tel", phone.number, phone.label, {})
    for url in person.urls:
        add("url", url.url, url.label, {})
    for position in person.positions:
        if position.is_current:
            card.add("org").value = [position.organization.name]
            if position.title:
                card.add("title").value = position.title

    def add_encoded(name: str, value: str) -> None:
        prop = card.add(name)
        prop.value = value
        prop.encoded = True  # already escaped: a structured value vobject must not touch

    for position in person.positions:
        add_encoded("x-goodword-position", _position_value(position))
    if person.location:
        # Exactly as kept, for Goodword; split into an address's parts for other apps.
        add_encoded("x-goodword-location", _escape(person.location))
        card.add("adr").value = address(person.location)
    if person.birthday:
        card.add("bday").value = person.birthday.isoformat()
    if person.notes:
        card.add("note").value = person.notes
    if person.tags:
        card.add("categories").value = list(person.tags)
    if person.interests:
        add_encoded("x-goodword-interests", ",".join(_escape(t) for t in person.interests))
    if person.how_we_met:
        add_encoded("x-goodword-how-we-met", _escape(person.how_we_met))
    return str(card.serialize())


_REGION_CODE = re.compile(r"^[A-Z]{2,3}$")


def address(location: str) -> vobject.vcard.Address:
    """A one-line place as an address's parts, as other address books show them: "Berlin,
    Germany" is a city and a country, "Austin, TX" a city and a region, "Austin, TX, United
    States" all three; one part is a city."""
    parts = [part.strip() for part in location.split(",") if part.strip()]
    if len(parts) <= 1:
        return vobject.vcard.Address(city=location.strip())
    if len(parts) == 2:
        if _REGION_CODE.match(parts[1]):
            return vobject.vcard.Address(city=parts[0], region=parts[1])
        return vobject.vcard.Address(city=parts[0], country=parts[1])
    return vobject.vcard.Address(city=", ".join(parts[:-2]), region=parts[-2], country=parts[-1])


def to_record(person: Person) -> dict[str, Any]:
    """The person as plain data (the JSON export's shape)."""
    return {
        "id": person_key(person),
        "display_name": person.display_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "emails": [{"value": e.address, "label": e.label} for e in person.emails],
        "phones": [{"value": p.number, "label": p.label} for p in person.phones],
        "urls": [{"value": u.url, "label": u.label} for u in person.urls],
        "location": person.location,
        "birthday": person.birthday.isoformat() if person.birthday else None,
        "notes": person.notes,
        "how_we_met": person.how_we_met,
        "tags": list(person.tags),
        "interests": list(person.interests),
        "is_me": person.is_me,
        "positions": [
            {
                "organization": p.organization.name,
                "title": p.title,
                "department": p.department,
                "start_date": p.start_date.isoformat() if p.start_date else None,
                "end_date": p.end_date.isoformat() if p.end_date else None,
                "is_current": p.is_current,
            }
            for p in person.positions
        ],
        "sources": [
            {
                "source": s.source,
                "file_name": s.file_name,
                "external_key": s.external_key,
                "imported_at": s.imported_at.isoformat(),
                "fingerprint": s.fingerprint,
            }
            for s in person.sources
        ],
    }


# A phone number as Goodword stores one it could read: safe in a spreadsheet as it is (one
# may show it as a number without its "+", but runs nothing). One with an extension
# ("+14155550100;ext=12") is not: a spreadsheet reads it as a broken formula.
_E164 = re.compile(r"\+\d{4,15}")


def _phones_cell(text: str) -> str:
    """The phones cell, marked like any other text unless every number in it is E.164
    (a number kept as typed, because it could not be read, can be anything)."""
    numbers = text.split("\n")
    return text if all(_E164.fullmatch(n) for n in numbers if n) else inert(text)


def to_csv(chosen: Sequence[Person]) -> str:
    """One row per person; several values in a cell one per line, labels in the next column.
    Every text cell a spreadsheet could take for a formula is made inert (`inert`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for person in chosen:
        record = to_record(person)

        def lines(key: str, part: str, record: dict[str, Any] = record) -> str:
            return "\n".join(item[part] or "" for item in record[key])

        writer.writerow(
            [
                record["id"],
                inert(person.display_name),
                inert(person.given_name or ""),
                inert(person.family_name or ""),
                inert(lines("emails", "value")),
                inert(lines("emails", "label")),
                _phones_cell(lines("phones", "value")),
                inert(lines("phones", "label")),
                inert(lines("urls", "value")),
                inert(lines("urls", "label")),
                inert(person.location or ""),
                record["birthday"] or "",
                inert("\n".join(person.tags)),
                inert("\n".join(person.interests)),
                inert(person.how_we_met or ""),
                inert(person.notes or ""),
                json.dumps(record["positions"], ensure_ascii=False) if person.positions else "",
            ]
        )
    return out.getvalue()
