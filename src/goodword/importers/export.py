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
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword import clock
from goodword.importers import job_lines
from goodword.importers.cleaning import HONORIFICS, inert, split_suffix
from goodword.importers.matched import organizations_as
from goodword.importers.own_exports import CSV_HEADERS, PEOPLE_JSON
from goodword.importers.splitting import merged_in
from goodword.importers.vcard_values import GENERIC_TYPES, apple_label
from goodword.organizations.models import Organization
from goodword.people import birthdays, job_dates, normalize
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.redflags.places import (
    CA_PROVINCES,
    COUNTRY_ALIASES,
    REGION_ALIASES,
    SAFE_COUNTRY_CODES,
    US_STATES,
)

Format = Literal["vcard", "vcard4", "csv", "json"]
MEDIA_TYPES = {
    "vcard": "text/vcard",
    "vcard4": "text/vcard",
    "csv": "text/csv",
    "json": "application/json",
}
EXTENSIONS = {"vcard": "vcf", "vcard4": "vcf", "csv": "csv", "json": "json"}


def download_name(format: Format, stem: str = "goodword-people") -> str:
    """The name a download is saved under; the two vCard versions' differ
    ("goodword-people.vcf", "goodword-people-vcard4.vcf"), so one does not replace the other."""
    return f"{stem}{'-vcard4' if format == 'vcard4' else ''}.{EXTENSIONS[format]}"


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
        .options(*people.with_details())
        .order_by(Person.id)
    )
    if format == "json":  # (the only format that writes where each person came from)
        statement = statement.options(selectinload(Person.sources))
    if person_ids is not None:
        statement = statement.where(Person.id.in_(list(person_ids)))
    chosen = list(session.scalars(statement))
    if format in ("vcard", "vcard4"):
        version = "4.0" if format == "vcard4" else "3.0"
        return "".join(to_vcard(p, version=version) for p in chosen)
    if format == "csv":
        return to_csv(chosen)
    if format == "json":
        # (What a matched record held names organizations by id; the file by name.)
        names: dict[int, str] = {}
        merged: set[int] = set()
        if any(s.matched for p in chosen for s in p.sources):
            names = dict(
                session.execute(
                    select(Organization.id, Organization.name).where(
                        Organization.workspace_id == workspace_id
                    )
                ).all()
            )
            merged = merged_in(session, workspace_id=workspace_id)
        return json.dumps(
            {
                "format": PEOPLE_JSON,
                "version": 1,
                "exported_at": clock.now().isoformat(),
                "people": [to_record(p, names, merged) for p in chosen],
            },
            ensure_ascii=False,
            indent=2,
        )
    raise ValueError(f"unknown export format {format!r}; use vcard, vcard4, csv or json")


def person_key(person: Person) -> str:
    return f"goodword-{person.workspace_id}-{person.id}"


# Line breaks a value may hold besides CR and LF (Word's manual break is a VT, a page break
# an FF), written as vCard's escaped newline: a vCard line ends at CRLF alone, and readers
# that split lines on these (as Python's str.splitlines does) would cut the value there.
_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
# Other control characters, which no vCard value may hold (RFC 6350 §3.3, RFC 2426 §4).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# What `_escape` changes: the above, a LF, and what vCard escapes.
_TO_ESCAPE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029\\,;]")


def _plain(text: str) -> str:
    """Text as a vCard value may hold it: every line break a LF, no control characters."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def _escape(text: str, *, semicolon: bool = True) -> str:
    """A text value escaped as vCard escapes one. A semicolon is escaped in every value of
    vCard 3.0 and in compound values (N, ORG ...) of 4.0; 4.0 leaves it bare elsewhere
    (RFC 6350 §3.4), as readers such as Thunderbird's expect."""
    if _TO_ESCAPE.search(text) is None:
        return text  # (most values: nothing to change)
    text = _plain(text).replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")
    return text.replace(";", "\\;") if semicolon else text


def _structured(*parts: str | None) -> str:
    return ";".join(_escape(p or "") for p in parts)


def _position_value(position: Position) -> str:
    return _structured(
        position.organization.name,
        position.title,
        position.department,
        job_dates.written(position.start_date, position.start_precision),  # ("2020-01")
        job_dates.written(position.end_date, position.end_precision),
        "true" if position.is_current else "false",
    )


def name_affixes(person: Person) -> tuple[list[str], list[str]]:
    """The honorific prefixes and suffixes of N that other address books build a name with:
    a courtesy title the name shown begins with and a generational suffix it ends with
    ("Dr. Chidi Okafor Jr."), which the given and family names leave out, then what an
    import kept of a name in the notes ("Name prefix: Prof.", "Credentials: PhD, MBA").
    Goodword's own import takes the name from FN and leaves these in the notes, once."""
    words = person.display_name.split()
    given = (person.given_name or "").split()
    family = (person.family_name or "").split()
    prefixes: list[str] = []
    while len(words) > 1 and words[0].strip(".").lower() in HONORIFICS and words[:1] != given:
        prefixes.append(words.pop(0))
    suffixes = []
    if len(words) > 1 and words[-1] not in family and split_suffix(words[-1])[0]:
        suffixes.append(words[-1])
    for line in (person.notes or "").splitlines():
        said, _, kept = line.partition(": ")
        if said == "Name prefix":
            prefixes += [word for word in kept.split() if word not in prefixes]
        elif said in ("Name suffix", "Credentials"):
            suffixes += [p.strip() for p in kept.split(",") if p.strip() not in ("", *suffixes)]
    return prefixes, suffixes


def _uri(url: str) -> str:
    """A web address as a vCard URI value: not escaped as text (a comma or semicolon is part
    of the address); a backslash, which no URI holds and readers would take for an escape,
    percent-encoded."""
    return _plain(url).replace("\n", "").replace("\\", "%5C")


# Labels vCard names as TYPE values (RFC 2426 §3.3, RFC 6350 §6.4): written as TYPE, which
# every address book reads; any other label as an Apple-style group label (item1.X-ABLabel).
_PHONE_TYPES = {
    "cell": ["cell"], "mobile": ["cell"], "iphone": ["cell"], "work": ["work"],
    "home": ["home"], "fax": ["fax"], "pager": ["pager"], "voice": ["voice"],
    "video": ["video"], "work fax": ["work", "fax"], "workfax": ["work", "fax"],
    "home fax": ["home", "fax"], "homefax": ["home", "fax"],
}  # fmt: skip
_EMAIL_TYPES = {"work": ["work"], "home": ["home"]}
# Apple's own names for its built-in labels, which it writes as _$!<Mobile>!$_.
_APPLE_LABELS = {"Mobile", "Home", "Work", "Other", "Main", "HomeFAX", "WorkFAX", "Pager",
                 "iPhone", "HomePage", "School"}  # fmt: skip
# A label in the words Goodword reads Apple's built-in one as (`vcard_values.apple_label`)
# is written by Apple's name: "mobile" as Apple's "Mobile", "homepage" as its "HomePage".
_APPLE_BY_CASE = {label.casefold(): label for label in _APPLE_LABELS}


def _read_back(types: list[str]) -> str | None:
    """The label Goodword's reader takes from these TYPE values (`vcard_values.label_of`)."""
    return next((t.lower() for t in types if t.lower() not in GENERIC_TYPES), None)


def vcard_date(day: date, version: str) -> str:
    """A date as the version writes one: 3.0 "1985-04-12"; 4.0 "19850412", the only form of
    a whole date RFC 6350 §4.3.1 allows."""
    if version.startswith("4"):
        return f"{day.year:04d}{day.month:02d}{day.day:02d}"
    return day.isoformat()


def _day_alone(kept: str, four: bool) -> tuple[str, dict[str, list[str]]]:
    """A birthday without its year as BDAY's value and parameters: 4.0's own "--0412" (RFC
    6350 §4.3.1); 3.0 has none, so as Apple's Contacts writes one, in a stand-in year it
    names as no year (BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12)."""
    month, day = birthdays.parts(kept)
    if four:
        return f"--{month:02d}{day:02d}", {}
    return f"1604-{month:02d}-{day:02d}", {"X-APPLE-OMIT-YEAR": ["1604"]}


def to_vcard(person: Person, *, version: str = "3.0") -> str:
    """One card. A label vCard names is a TYPE (TEL;TYPE=cell); any other rides on an
    Apple-style group (item1.EMAIL + item1.X-ABLabel), as does a standard one Goodword holds
    in other words ("Mobile"), so that reading the card gives the same label back."""
    four = version.startswith("4")
    card = _Card(version, person_key(person))
    groups = 0

    def group() -> str:
        nonlocal groups
        groups += 1
        return f"item{groups}"

    put = card.put

    def text(value: str) -> str:
        return _escape(value, semicolon=not four)

    def labeled(
        name: str,
        value: str,
        label: str | None,
        types: dict[str, list[str]],
        *,
        first: bool,
        params: dict[str, list[str]] | None = None,
    ) -> None:
        params = dict(params or {})
        kinds = list(params.pop("TYPE", []))
        named = types.get(label.strip().casefold(), []) if label else []
        kinds += named
        if first:
            # The first of several is the one to use (Goodword lists it first).
            if four:
                params["PREF"] = ["1"]
            else:
                kinds.append("pref")
        if kinds:
            params["TYPE"] = kinds
        tagged = group() if label and _read_back(named) != label else None
        put(name, value, group=tagged, params=params)
        if label and tagged:
            # Apple's own name when the reader gives the label back from it (a web address's
            # "Mobile" would come back "mobile", as Apple's built-in labels are read).
            apple = _APPLE_BY_CASE.get(label.casefold())
            if apple and apple_label(f"_$!<{apple}>!$_") != label:
                apple = None
            shown = f"_$!<{apple}>!$_" if apple else label
            put("x-ablabel", text(shown), group=tagged)

    put("fn", text(person.display_name))
    # N's parts are escaped as in 3.0 whatever the version: a compound value's parts.
    prefixes, suffixes = name_affixes(person)
    put(
        "n",
        _structured(person.family_name, person.given_name, "")
        + ";"
        + ";".join(",".join(_escape(word) for word in part) for part in (prefixes, suffixes)),
    )
    several = len(person.emails) > 1
    for index, email in enumerate(person.emails):
        labeled(
            "email", text(email.address), email.label, _EMAIL_TYPES,
            first=several and index == 0, params={} if four else {"TYPE": ["INTERNET"]},
        )  # fmt: skip
    several = len(person.phones) > 1
    for index, phone in enumerate(person.phones):
        uri = normalize.phone_uri(phone.number)
        first = several and index == 0
        if four and uri:
            # vCard 4.0 says a number should be a tel: URI: "tel:+14155550100;ext=12".
            labeled("tel", uri, phone.label, _PHONE_TYPES, first=first,
                    params={"VALUE": ["uri"]})  # fmt: skip
        elif uri and ";ext=" in uri:
            # vCard 3.0 holds text; the extension written out is what address books show.
            number = text(normalize.phone_text(phone.number))
            labeled("tel", number, phone.label, _PHONE_TYPES, first=first)
        else:
            labeled("tel", text(phone.number), phone.label, _PHONE_TYPES, first=first)
    for url in person.urls:
        labeled("url", _uri(url.url), url.label, {}, first=False)
    current = [p for p in person.positions if p.is_current]
    for position in current:
        # Several jobs at once: each job's ORG and TITLE in a group of their own, so that
        # other address books (and Goodword's reader) can tell which title is whose.
        job = group() if len(current) > 1 else None
        # ORG's second part is the department, as other address books read it.
        put(
            "org",
            _structured(position.organization.name, position.department)
            if position.department
            else _escape(position.organization.name),
            group=job,
        )
        if position.title:
            put("title", text(position.title), group=job)
    for position in person.positions:
        put("x-goodword-position", _position_value(position))
    if person.location:
        # Exactly as kept, for Goodword; split into an address's parts for other apps.
        put("x-goodword-location", text(person.location))
        city, region, country = address(_plain(person.location))
        # ADR's parts: post office box, extended address, street, city, region, code, country.
        put("adr", _structured("", "", "", city, region, "", country))
    if person.birthday:
        put("bday", vcard_date(person.birthday, version))
    elif person.birthday_no_year:
        day, params = _day_alone(person.birthday_no_year, four)
        put("bday", day, params=params)
    if person.notes:
        put("note", text(person.notes))
    if person.tags:
        put("categories", ",".join(text(t) for t in person.tags))
    if person.interests:
        put("x-goodword-interests", ",".join(text(t) for t in person.interests))
    if person.how_we_met:
        put("x-goodword-how-we-met", text(person.how_we_met))
    if person.keep_in_touch_days is not None:
        put("x-goodword-keep-in-touch-days", str(person.keep_in_touch_days))
    return card.text()


class _Card:
    """A vCard being written, as content lines (RFC 6350 §3.3): `group.NAME;PARAM=v:value`,
    each value already escaped as its property needs. Written here, not by vobject, which
    took six times as long a card (`benchmarks/bench_export.py`); the tests read the cards
    back with vobject."""

    def __init__(self, version: str, uid: str) -> None:
        self.head = [f"VERSION:{version}", f"UID:{_escape(uid)}"]
        self.lines: list[tuple[str, str]] = []

    def put(
        self,
        name: str,
        value: str,
        *,
        group: str | None = None,
        params: dict[str, list[str]] | None = None,
        any_case: bool = False,
    ) -> None:
        name = name.upper()
        line = f"{group}.{name}" if group else name
        for key in sorted(params or {}):
            line += f";{key}={','.join(_param(v) for v in (params or {})[key])}"
        self.lines.append((name, f"{line}:{value}"))

    def text(self) -> str:
        """The card, its properties in order of name after VERSION and UID (each name's in
        the order put), every line folded."""
        self.lines.sort(key=lambda named: named[0])  # (stable: a name's lines keep their order)
        lines = ["BEGIN:VCARD", *self.head, *(line for _, line in self.lines), "END:VCARD"]
        return "".join(_folded(line) for line in lines)


def _param(value: str) -> str:
    """A parameter's value, in double quotes when it holds a separator (RFC 6350 §3.3)."""
    return f'"{value}"' if any(c in value for c in ",;:") else value


_FOLD = 75  # octets in a line before it is folded (RFC 6350 §3.2, RFC 2426 §2.6)


def _folded(line: str) -> str:
    """A content line folded into lines of at most 75 octets of UTF-8, each after the first
    begun by a space, never inside a character; with its CRLF.

    >>> _folded("NOTE:" + "é" * 40).split("\\r\\n")[0] == "NOTE:" + "é" * 35
    True
    """
    if line.isascii():
        if len(line) <= _FOLD:
            return line + "\r\n"
        rest = range(_FOLD, len(line), _FOLD - 1)
        return "\r\n ".join([line[:_FOLD], *(line[i : i + _FOLD - 1] for i in rest)]) + "\r\n"
    if len(line.encode()) <= _FOLD:
        return line + "\r\n"
    pieces: list[str] = []
    start = width = 0
    for index, char in enumerate(line):
        size = 1 if char < "\x80" else len(char.encode())
        if width + size > _FOLD:
            pieces.append(line[start:index])
            start, width = index, 1  # (the space that begins the next line)
        width += size
    pieces.append(line[start:])
    return "\r\n ".join(pieces) + "\r\n"


_REGION_CODE = re.compile(r"^[A-Z]{2,3}$")

# The country Georgia's largest cities: "Tbilisi, Georgia" is the country, any other town
# before "Georgia" the US state ("Macon, Georgia").
_GEORGIAN_CITIES = frozenset(
    {"tbilisi", "batumi", "kutaisi", "rustavi", "zugdidi", "gori", "poti", "telavi"}
)


def _is_region(text: str, city: str = "") -> bool:
    """Whether the last part of a two-part place is a state or province, not a country: a
    country's code taken for it whatever else it may be ("UK", "USA", "NL"), then a US or
    Canadian region by its code or name ("CA" is California there, as "City, ST" is written;
    "Georgia" the state, unless `city` is one of the country's), then a country by its name;
    any other code of two or three capitals is taken for a region ("NSW")."""
    if text in SAFE_COUNTRY_CODES:
        return False
    if text.casefold() == "georgia" and city.casefold() in _GEORGIAN_CITIES:
        return False
    if text in US_STATES or text in CA_PROVINCES or text.casefold() in REGION_ALIASES:
        return True
    return text.casefold() not in COUNTRY_ALIASES and bool(_REGION_CODE.match(text))


def address(location: str) -> tuple[str, str, str]:
    """A one-line place as an address's (city, region, country), as other address books
    show them: "Berlin, Germany" is a city and a country, "Austin, TX" and "San Francisco,
    California" a city and a region, "Austin, TX, United States" all three; one part is a
    city."""
    parts = [part.strip() for part in location.split(",") if part.strip()]
    if len(parts) <= 1:
        return location.strip(), "", ""
    if len(parts) == 2:
        if _is_region(parts[1], city=parts[0]):
            return parts[0], parts[1], ""
        return parts[0], "", parts[1]
    return ", ".join(parts[:-2]), parts[-2], parts[-1]


def to_record(
    person: Person,
    organizations: Mapping[int, str] | None = None,
    merged: Collection[int] = (),
) -> dict[str, Any]:
    """The person as plain data (the JSON export's shape). A source record an import matched
    to them keeps what it held and added (`matched.py`), its organizations by their names in
    `organizations` (by id), unless a merge still in place brought it (`merged`: see
    `splitting.merged_in`)."""
    return {
        "id": person_key(person),
        "display_name": person.display_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "emails": [{"value": e.address, "label": e.label} for e in person.emails],
        "phones": [{"value": p.number, "label": p.label} for p in person.phones],
        "urls": [{"value": u.url, "label": u.label} for u in person.urls],
        "location": person.location,
        # (A birthday without its year as ISO 8601 and Google write one: "--04-12".)
        "birthday": person.birthday.isoformat() if person.birthday else person.birthday_no_year,
        "notes": person.notes,
        "how_we_met": person.how_we_met,
        "tags": list(person.tags),
        "interests": list(person.interests),
        "is_me": person.is_me,
        "keep_in_touch_days": person.keep_in_touch_days,
        "positions": [job_lines.job_record(p) for p in person.positions],
        "sources": [
            {
                "source": s.source,
                "file_name": s.file_name,
                "external_key": s.external_key,
                "imported_at": s.imported_at.isoformat(),
                "line": s.line,
                "fingerprint": s.fingerprint,
                **(
                    {"matched": organizations_as(s.matched, (organizations or {}).get)}
                    if s.matched is not None and s.id not in merged
                    else {}
                ),
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


# The cadence column, after the columns Goodword's CSV has always had (the CSV import
# reads it by this header).
KEEP_IN_TOUCH_HEADER = "Keep in touch days"


def _items_cell(items: list[str]) -> str:
    """Tags or interests for one CSV cell: one a line; the JSON list of them when one holds
    a line break or the cell would start with "[" (so that one reads as the list), which the
    import reads back as it was."""
    joined = "\n".join(items)
    if joined.startswith("[") or any("\n" in i or "\r" in i for i in items):
        return json.dumps(items, ensure_ascii=False)
    return inert(joined)


def to_csv(chosen: Sequence[Person]) -> str:
    """One row per person; several values in a cell one per line, labels in the next column.
    Every text cell a spreadsheet could take for a formula is made inert (`inert`). The text
    starts with a byte order mark, by which Excel knows it is UTF-8 (without one it reads the
    file in the computer's legacy code page, and "Łukasiewicz" or "山田" come out garbled)."""
    headers = list(CSV_HEADERS)
    if KEEP_IN_TOUCH_HEADER not in headers:
        headers.append(KEEP_IN_TOUCH_HEADER)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for person in chosen:
        record = to_record(person)
        now = next((p for p in person.positions if p.is_current), None)

        def lines(key: str, part: str, record: dict[str, Any] = record) -> str:
            return "\n".join(item[part] or "" for item in record[key])

        cells = {
            "Goodword ID": record["id"],
            "Display Name": inert(person.display_name),
            "Given Name": inert(person.given_name or ""),
            "Family Name": inert(person.family_name or ""),
            "E-mails": inert(lines("emails", "value")),
            "E-mail Labels": inert(lines("emails", "label")),
            "Phones": _phones_cell(lines("phones", "value")),
            "Phone Labels": inert(lines("phones", "label")),
            "Websites": inert(lines("urls", "value")),
            "Website Labels": inert(lines("urls", "label")),
            "Location": inert(person.location or ""),
            # (inert: a spreadsheet reads "--04-12", a day without its year, as a sum.)
            "Birthday": inert(record["birthday"] or ""),
            "Tags": _items_cell(person.tags),
            "Interests": _items_cell(person.interests),
            "How We Met": inert(person.how_we_met or ""),
            "Notes": inert(person.notes or ""),
            # (The job now for the eye, and every job a line: `job_lines`.)
            "Organization": inert(now.organization.name) if now else "",
            "Title": inert(now.title or "") if now else "",
            "Positions": job_lines.jobs_cell(person.positions),
            KEEP_IN_TOUCH_HEADER: (
                "" if person.keep_in_touch_days is None else str(person.keep_in_touch_days)
            ),
        }
        writer.writerow([cells.get(header, "") for header in headers])
    return out.getvalue()
