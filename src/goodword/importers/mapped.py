"""Any CSV, read through a column map such as
`key=ID,given=First,family=Surname,email=E-mail,org=Company,title=Role,phone=Mobile`;
and Goodword's own CSV and JSON exports, which map themselves."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from goodword.errors import FieldError, InvalidInput
from goodword.importers import dateorder
from goodword.importers.cleaning import (
    HONORIFICS,
    clean_name,
    clean_organization,
    clean_whole_name,
    looks_like_email,
    profile_url,
    read_birthday,
    revived,
)
from goodword.importers.reading import Document, Table, cell, header_key
from goodword.importers.records import (
    ImportFileError,
    IncomingPerson,
    IncomingPosition,
    Labeled,
    Parsed,
    Skipped,
)
from goodword.people import normalize
from goodword.records import latest_today

FIELDS = {
    "key": "the source's own record id, kept as provenance",
    "name": "the whole name, when there are no separate name columns (split into given "
    'and family names; "Family, Given" is understood)',
    "given": "given (first) name",
    "family": "family (last) name",
    "email": "e-mail address",
    "phone": "phone number",
    "url": "web or LinkedIn profile address",
    "org": "organization (current)",
    "title": "job title at that organization (in the notes when there is none)",
    "location": "where they live or work (map it to several columns, such as City and "
    "Country, to join them in that order)",
    "birthday": "birthday (a date)",
    "notes": "notes",
    "tags": "tags, separated by commas",
}
MULTI = {"email", "phone", "url", "notes", "tags", "location"}
# Words before a name that are no part of it, and the particles that begin a family name
# ("Jane van der Berg", "Jean-Claude Van Damme"), for splitting a whole name.
_PARTICLES = {
    "van", "von", "vom", "de", "der", "den", "des", "del", "della", "delle", "dei", "degli",
    "da", "di", "du", "la", "le", "los", "las", "dos", "das", "do", "ten", "ter", "'t",
    "bin", "ibn", "al", "el", "zu", "zum", "zur", "af", "av",
}  # fmt: skip
# Before one of these family names a capitalised "Van" (or "Le", "Do") is a Vietnamese
# middle name written without its accents ("Minh Van Nguyen" is Văn), not a particle.
_VIETNAMESE_FAMILIES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
    "do", "ho", "ngo", "duong", "ly", "truong", "dinh",
}  # fmt: skip
# Scripts whose names are written family name first ("山田 太郎", "김 민준").
_FAMILY_FIRST_SCRIPTS = (
    "CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "IDEOGRAPHIC", "HIRAGANA",
    "KATAKANA", "HALFWIDTH KATAKANA", "HANGUL", "HALFWIDTH HANGUL",
)  # fmt: skip
# Generational suffixes, which end a family name ("Martin Luther King Jr.").
_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}
PEOPLE_JSON = "goodword-people"
_MONTH_FIRST = dateorder.DateOrder.MONTH_FIRST
CSV_HEADERS = [
    "Goodword ID", "Display Name", "Given Name", "Family Name", "E-mails", "E-mail Labels",
    "Phones", "Phone Labels", "Websites", "Website Labels", "Location", "Birthday", "Tags",
    "Interests", "How We Met", "Notes", "Positions",
]  # fmt: skip


def parse_mapping(text: str, *, picked: Iterable[tuple[str, str]] = ()) -> dict[str, list[str]]:
    """Read `field=Header,field=Header`; a field may be given more than once (two e-mails,
    or the parts of a location). A header with a comma in it is written in double quotes:
    `given="Name, first"` (a quotation mark inside the quotes is written twice), or with
    the comma after a backslash. `picked` are (field, header) pairs chosen apart (the import
    page's pickers, one form field each), taken whole before the typed ones."""
    pairs: list[tuple[str, str]] = list(picked)
    errors: list[FieldError] = []
    for field, header in _split_mapping(text):
        if field is None:
            errors.append(FieldError("mapping", header))
        else:
            pairs.append((field, header))
    return check_mapping(pairs, errors=errors)


def check_mapping(
    pairs: Iterable[tuple[str, str]], *, errors: list[FieldError] | None = None
) -> dict[str, list[str]]:
    """The column map of (field, header) pairs, each header as given (commas and all), or
    InvalidInput saying what is wrong with it."""
    mapping: dict[str, list[str]] = {}
    errors = list(errors or [])
    for field, header in pairs:
        field, header = field.strip().lower(), header.strip()
        if field not in FIELDS or not header:
            errors.append(
                FieldError(
                    "mapping",
                    f"'{field}={header}' is not field=Column; fields are "
                    + ", ".join(sorted(FIELDS)),
                )
            )
            continue
        if field not in MULTI and field in mapping:
            errors.append(FieldError("mapping", f"{field} is mapped twice"))
        mapping.setdefault(field, []).append(header)
    if not errors and not ({"name", "given", "family", "email"} & mapping.keys()):
        errors.append(FieldError("mapping", "map at least a name column (name, given or family)"))
    if errors:
        raise InvalidInput("The column map cannot be used.", fields=errors)
    return mapping


# One `field=Header` of a typed map: the header in double quotes (commas allowed, a
# quotation mark doubled inside), or bare up to the next comma (`\,` for a comma in it).
_PAIR = re.compile(r'\s*([^=,"]*?)\s*=\s*(?:"((?:[^"]|"")*)"|((?:[^,"\\]|\\.)*?))\s*(?:,|$)')


def _split_mapping(text: str) -> Iterator[tuple[str | None, str]]:
    """Each (field, header) of a typed map; (None, what is wrong) for a part that is not
    field=Column."""
    position = 0
    text = text.strip()
    while position < len(text):
        if text[position] in ", ":
            position += 1
            continue
        found = _PAIR.match(text, position)
        if found is None or found.end() == position:
            rest = text[position:].split(",", 1)[0].strip()
            if rest.count('"') % 2 or ('"' in rest and "=" in rest):
                message = (
                    f"'{text[position:]}' has a quotation mark that does not close; write a "
                    'column with a comma in it as given="Name, first"'
                )
                yield None, message
                return
            yield None, f"'{rest}' is not field=Column; fields are " + ", ".join(sorted(FIELDS))
            position += len(text[position:].split(",", 1)[0]) + 1
            continue
        field, quoted, bare = found.group(1), found.group(2), found.group(3)
        unescaped = re.sub(r"\\(.)", r"\1", bare) if quoted is None else ""
        yield field, quoted.replace('""', '"') if quoted is not None else unescaped
        position = found.end()


def parse_mapped(
    table: Table, mapping: dict[str, list[str]], *, limit: int | None = None
) -> Parsed:
    """Read the table through the map; a mapped header missing from the file is an error."""
    parsed = Parsed(table.name, "csv", "CSV with a column map")
    columns: dict[str, list[int]] = {}
    for field, headers in mapping.items():
        for header in headers:
            key = " ".join(header.lower().split())
            if key not in table.index:
                raise ImportFileError(
                    table.name,
                    f"has no column '{header}' (mapped to {field}). Its columns are: "
                    + ", ".join(h for h in table.headers if h),
                )
            # Every column of that name ("E-mail,Name,E-mail"), not only the first.
            same = [i for i, h in enumerate(table.headers) if header_key(h) == key]
            kept = columns.setdefault(field, [])
            kept += [i for i in same if i not in kept]
    order = _birthday_order(table, parsed, columns.get("birthday", []))
    seen: dict[str, int] = {}
    for line, row in table.rows[:limit] if limit else table.rows:
        parsed.rows += 1
        values: dict[str, list[str]] = {
            f: [v for c in cols if (v := cell(table, row, c))] for f, cols in columns.items()
        }

        def one(field: str, values: dict[str, list[str]] = values) -> str:
            return (values.get(field) or [""])[0]

        if not any(values.values()):
            parsed.skipped.append(Skipped(table.name, line, "an empty row"))
            continue
        given, family, notes = clean_name(one("given"), one("family"))
        whole = clean_whole_name(one("name"), notes) if one("name") else None
        if whole and not (given or family):
            given, family = split_whole_name(whole)
        person = IncomingPerson(
            source="csv", file_name=table.name, line=line, display_name=whole,
            given_name=given or None, family_name=family or None,
            location=", ".join(values.get("location", [])) or None,
        )  # fmt: skip
        for field, found in values.items():
            # A field with one value, mapped to a header two columns share, keeps the first.
            for value in [] if field in MULTI else list(dict.fromkeys(found))[1:]:
                person.warnings.append(
                    f"'{value}' is a second {field} (another column of the same name); not kept"
                )
        for address in (a for text in values.get("email", []) for a in _addresses(text)):
            if looks_like_email(address):
                person.emails.append(Labeled(address))
            else:
                person.warnings.append(f"'{address}' is not an e-mail address; not kept")
        person.phones = [Labeled(n) for v in values.get("phone", []) for n in _numbers(v)]
        for raw in values.get("url", []):
            try:
                url, kind = profile_url(raw)
            except ValueError:
                person.warnings.append(f"'{raw}' is not a web address; not kept")
                continue
            person.urls.append(Labeled(url, "LinkedIn" if kind == "linkedin" else None))
        if one("org"):
            person.positions.append(
                IncomingPosition(clean_organization(one("org")), one("title") or None)
            )
        elif one("title"):
            notes.append(f"Job title: {one('title')}")
        birthday = one("birthday")
        read = dateorder.read_date(birthday, order) if birthday else None
        person.birthday, unkept = read_birthday(birthday, read, notes)
        if unkept:
            person.warnings.append(unkept)
        person.notes = "\n".join([*notes, *values.get("notes", [])]) or None
        person.tags = [t.strip() for v in values.get("tags", []) for t in v.split(",") if t.strip()]
        if not person.name:
            # A row with an address, an organization or a number is named by it (the first
            # e-mail address first, as before organizations and numbers were).
            person.display_name = person.known_by(email_first=True)
            if person.display_name is None:
                parsed.skipped.append(
                    Skipped(
                        table.name,
                        line,
                        "a row with no name, e-mail address, organization or phone number",
                    )
                )
                continue
        key = one("key") or "name:" + person.name.casefold()
        count = seen[key] = seen.get(key, 0) + 1
        person.key = key if count == 1 else f"{key}#{count}"
        parsed.people.append(person)
    return parsed


_CELL_SEPARATORS = re.compile(r"[\s,;]+")
_PHONE_SEPARATORS = re.compile(r"\s*[/;,]\s*")
# A whole phone number in a cell of several: digits and the marks written between them.
_WHOLE_NUMBER = re.compile(r"\+?[\d\s().-]+")


def _addresses(text: str) -> list[str]:
    """The e-mail addresses of a cell that holds several ("a@x; b@y", "a@x, b@y", "a@x b@y");
    the cell as it is unless every part is an address.

    >>> _addresses("jane@berg.nl; jane.vdberg@gmail.com")
    ['jane@berg.nl', 'jane.vdberg@gmail.com']
    >>> _addresses("Jane <jane@berg.nl>")
    ['Jane <jane@berg.nl>']
    """
    parts = [p for p in _CELL_SEPARATORS.split(text.strip()) if p]
    return parts if len(parts) > 1 and all(map(looks_like_email, parts)) else [text]


def _numbers(text: str) -> list[str]:
    """The phone numbers of a cell that holds several, apart at "/", ";" or ","; the cell as
    it is unless every part is a whole number (seven digits or more), so an extension
    (";ext=12", ", x123") or an area code before a slash ("030/1234567") stays with it.

    >>> _numbers("+31 6 12345678 / +31 20 1234567")
    ['+31 6 12345678', '+31 20 1234567']
    >>> _numbers("+31 20 1234567;ext=12")
    ['+31 20 1234567;ext=12']
    >>> _numbers("030/1234567")
    ['030/1234567']
    """
    parts = [p for p in _PHONE_SEPARATORS.split(text.strip()) if p]
    whole = all(_WHOLE_NUMBER.fullmatch(p) and sum(c.isdigit() for c in p) >= 7 for p in parts)
    return parts if len(parts) > 1 and whole else [text]


def _birthday_order(table: Table, parsed: Parsed, columns: list[int]) -> dateorder.DateOrder:
    """The one order of the file's birthdays ("05/04/1990" is read as its other birthdays
    say); a note when nothing in the file said it and it mattered."""
    dates = [(line, cell(table, row, column)) for line, row in table.rows for column in columns]
    settled = dateorder.settle(parsed.file_name, dates, column="birthday")
    example = settled.example
    read_as = dateorder.read_date(example[1], settled.order) if example else None
    said = dateorder.note(
        parsed.file_name,
        settled,
        read_as=read_as,
        writer="a US spreadsheet",
        fix="correct those birthdays on each person's page",
    )
    if said:
        parsed.notes.append(said)
    return settled.order


def split_whole_name(name: str) -> tuple[str, str]:
    """(given, family) of a whole name: "Family, Given" at its comma; otherwise the last
    word is the family name, with the particles before it ("Jane van der Berg", "Jean-Claude
    Van Damme"; never the first word: "Van Morrison" is given name Van) and a generational
    suffix after it ("King Jr."), and a courtesy title in front ("Dr.") is no part of
    either. A name in Chinese, Japanese or Korean script is family name first ("山田 太郎");
    one word, in any script, is a given name (its syllables are not guessed apart).

    >>> split_whole_name("Müller, José")
    ('José', 'Müller')
    >>> split_whole_name("Dr. Jane van der Berg")
    ('Jane', 'van der Berg')
    >>> split_whole_name("Martin Luther King Jr.")
    ('Martin Luther', 'King Jr.')
    >>> split_whole_name("山田 太郎")
    ('太郎', '山田')
    """
    family, comma, given = name.partition(",")
    if comma and family.strip() and given.strip() and not _is_generation(given):
        return " ".join(given.split()), " ".join(family.split())
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[0].strip(".").lower() in HONORIFICS:
        words.pop(0)
    if len(words) < 2:
        return (words[0] if words else ""), ""
    if _family_first(words):
        return " ".join(words[1:]), words[0]
    start = len(words) - 1
    if start > 1 and _is_generation(words[start]):
        start -= 1  # "King Jr.": the suffix ends the family name, it is not all of it
    last = words[start]
    while start > 1 and _is_particle(words[start - 1], last):
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def _is_particle(word: str, family: str) -> bool:
    """Whether the word before the family name `family` is a particle of it: "van" or
    "Van" in "Van Damme", but not the Vietnamese middle name in "Minh Van Nguyen"."""
    key = word.lower()
    if key not in _PARTICLES:
        return False
    return word == key or family.lower() not in _VIETNAMESE_FAMILIES


def _family_first(words: list[str]) -> bool:
    """Whether every letter of the name is Han, Kana or Hangul, scripts whose names are
    written family name first; a name in Latin letters is given name first."""
    letters = [c for word in words for c in word if c.isalpha()]
    return bool(letters) and all(
        unicodedata.name(c, "").startswith(_FAMILY_FIRST_SCRIPTS) for c in letters
    )


def _is_generation(word: str) -> bool:
    """Whether the word is a generational suffix ("Jr.", "III"), which no one goes by."""
    return word.strip().strip(".").lower() in _GENERATIONS


def preview(table: Table, mapping: dict[str, list[str]], *, rows: int = 5) -> list[dict[str, Any]]:
    """The first rows as they would be imported, for showing before the import runs."""
    return [person_preview(p) for p in parse_mapped(table, mapping, limit=rows).people]


def person_preview(person: IncomingPerson) -> dict[str, Any]:
    return {
        "line": person.line,
        "name": person.name,
        "emails": [e.value for e in person.emails],
        "phones": [p.value for p in person.phones],
        "urls": [u.value for u in person.urls],
        "organization": person.positions[0].organization if person.positions else None,
        "title": person.positions[0].title if person.positions else None,
        "location": person.location,
        "birthday": person.birthday.isoformat() if person.birthday else None,
        "key": person.key,
        "warnings": list(person.warnings),
    }


class _Unreadable(ValueError):
    """What part of a person in Goodword's own export cannot be read, in words for the
    report (never the text of a Python error)."""


def _lines(value: str) -> list[str]:
    return [v for v in value.split("\n") if v.strip()]


def _items(value: str) -> list[str]:
    """A Tags or Interests cell: one a line, or, when one of them holds a line break, the
    JSON list of them (`["Acme\\nalumni", "chess"]`), as the Positions cell is written."""
    if value.startswith("[") and value.rstrip().endswith("]"):
        try:
            items = json.loads(value)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return [i for i in items if i.strip()]
    return _lines(value)


def _listed(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Unreadable(f"its {key.replace('_', ' ')} are not a list")
    return value


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _Unreadable(f"its {key.replace('_', ' ')} is not text")
    return value or None


def _labeled(values: list[Any]) -> list[Labeled]:
    out = []
    for value in values:
        if isinstance(value, dict):
            label = value.get("label")
            out.append(Labeled(str(value.get("value") or ""), str(label) if label else None))
        else:
            out.append(Labeled(str(value)))
    return [v for v in out if v.value]


def _position(data: Any) -> IncomingPosition:
    if not isinstance(data, dict):
        raise _Unreadable("a job in its positions is not a record with an organization")
    organization = str(data.get("organization") or "").strip()

    def day(key: str, what: str) -> date | None:
        said = data.get(key)
        if not said:
            return None
        try:
            return date.fromisoformat(str(said))
        except ValueError:
            raise _Unreadable(
                f"the {what} date '{said}' of its job at {organization or 'no organization'} "
                "is not a date written as 2019-03-05"
            ) from None

    return IncomingPosition(
        organization=organization,
        title=str(data["title"]) if data.get("title") else None,
        department=str(data["department"]) if data.get("department") else None,
        start_date=day("start_date", "start"),
        end_date=day("end_date", "end"),
        is_current=bool(data.get("is_current", True)),
    )


def _kept_jobs(positions: list[IncomingPosition], warnings: list[str]) -> list[IncomingPosition]:
    """The jobs an import can keep; one with no organization is said in `warnings`, never
    dropped unsaid."""
    kept = []
    for job in positions:
        if job.organization:
            kept.append(job)
        else:
            title = f" '{job.title}'" if job.title else ""
            warnings.append(f"the job{title} has no organization; not kept")
    return kept


def _from_record(
    data: Any, file_name: str, line: int, *, order: dateorder.DateOrder = _MONTH_FIRST
) -> IncomingPerson:
    """One person of Goodword's own export (CSV row or JSON object); a numeric birthday
    ("4/12/1985", as a spreadsheet re-saves one) is read in the file's date `order`."""
    if not isinstance(data, dict):
        raise _Unreadable("it is not a record of a person")
    warnings: list[str] = []
    notes = [note] if (note := _text(data, "notes")) else []
    said = (_text(data, "birthday") or "").strip()
    day = dateorder.read_date(said, order) if said else None
    if day is not None and day > latest_today():
        birthday: date | None = day  # kept as Goodword saved it
    else:
        birthday, unkept = read_birthday(said, day, notes)
        warnings += [unkept] if unkept else []
    positions = [_position(p) for p in _listed(data, "positions")]
    return IncomingPerson(
        source="goodword", file_name=file_name, line=line, key=_text(data, "id"),
        display_name=_text(data, "display_name"), given_name=_text(data, "given_name"),
        family_name=_text(data, "family_name"), emails=_labeled(_listed(data, "emails")),
        phones=_labeled(_listed(data, "phones")), urls=_labeled(_listed(data, "urls")),
        positions=_kept_jobs(positions, warnings), location=_text(data, "location"),
        birthday=birthday, notes="\n".join(notes) or None,
        how_we_met=_text(data, "how_we_met"),
        tags=[str(t) for t in _listed(data, "tags")],
        interests=[str(t) for t in _listed(data, "interests")],
        keep_in_touch_days=_days(data.get("keep_in_touch_days"), warnings),
        says_me=data.get("is_me") is True, warnings=warnings,
    )  # fmt: skip


def _days(value: Any, warnings: list[str]) -> int | None:
    """A keep-in-touch cadence in whole days, 0 to 3650 as the person form takes it (0: no
    reminders); anything else is said in `warnings` and not kept."""
    if value is None:
        return None
    try:
        days = int(value) if isinstance(value, int | str) and not isinstance(value, bool) else -1
    except ValueError:
        days = -1
    if 0 <= days <= 3650:
        return days
    warnings.append(
        f"keep in touch days '{value}' is not a whole number of days from 0 to 3650; not kept"
    )
    return None


def _with_labels(values: str, labels: str) -> list[dict[str, str | None]]:
    """Pair the lines of a values cell with the lines of its labels cell."""
    label_lines = labels.split("\n") if labels else []
    return [
        {"value": value, "label": (label_lines[i] if i < len(label_lines) else "") or None}
        for i, value in enumerate(values.split("\n"))
        if value.strip()
    ]


# A Phones cell that a spreadsheet read as a number: "4930123456" was "+4930123456". The
# export writes a cell of numbers it understood in international form, bare; a cell of
# several lines, or of a number kept as typed, is text that no spreadsheet turns into one.
_BARE_NUMBER = re.compile(r"\s*[1-9]\d{6,14}\s*")


def _international(phones: str) -> str:
    """The Phones cell with the "+" a spreadsheet dropped put back: bare digits that are a
    valid number with it (the export wrote every number it could read with its "+"; one it
    kept as typed, such as "5550100", stays as it is)."""
    bare = _BARE_NUMBER.fullmatch(phones) and normalize.valid_with_plus(phones)
    return "+" + phones.strip() if bare else phones


def _jobs_cell(text: str) -> Any:
    try:
        return json.loads(text or "[]")
    except ValueError:
        raise _Unreadable(
            "its Positions cell is not the list of jobs Goodword writes there (JSON, such as "
            '[{"organization": "Acme", "title": "CTO"}])'
        ) from None


def _skipped(file_name: str, line: int, who: str, problem: str) -> Skipped:
    """A person that cannot be read, named as the file names them, with what to do."""
    return Skipped(
        file_name,
        line,
        f"{problem}; not imported: correct it in the file (or export the person from "
        "Goodword again) and import the file again",
        name=who,
    )


def parse_goodword_csv(table: Table) -> Parsed:
    """Goodword's own people CSV (see export.to_csv), as exported or re-saved by a
    spreadsheet (its birthdays then in the computer's date order)."""
    parsed = Parsed(table.name, "goodword-csv", "Goodword people CSV")
    column = table.index.get("birthday")
    order = _birthday_order(table, parsed, [] if column is None else [column])
    for line, row in table.rows:
        parsed.rows += 1

        def raw(header: str, row: list[str] = row) -> str:
            column = table.index.get(header)
            return revived(row[column]) if column is not None and column < len(row) else ""

        who = raw("display name").strip() or " ".join(
            n for n in (raw("given name").strip(), raw("family name").strip()) if n
        )
        try:
            record = {
                "id": raw("goodword id").strip(),
                "display_name": raw("display name").strip(),
                "given_name": raw("given name").strip(),
                "family_name": raw("family name").strip(),
                "emails": _with_labels(raw("e-mails"), raw("e-mail labels")),
                "phones": _with_labels(_international(raw("phones")), raw("phone labels")),
                "urls": _with_labels(raw("websites"), raw("website labels")),
                "location": raw("location").strip(),
                "birthday": raw("birthday").strip(),
                "tags": _items(raw("tags")),
                "interests": _items(raw("interests")),
                "how_we_met": raw("how we met"),
                "notes": raw("notes"),
                "positions": _jobs_cell(raw("positions")),
                "keep_in_touch_days": raw("keep in touch days").strip() or None,
            }
            person = _from_record(record, table.name, line, order=order)
        except _Unreadable as unreadable:
            parsed.skipped.append(_skipped(table.name, line, who, str(unreadable)))
            continue
        if not person.name:
            parsed.skipped.append(Skipped(table.name, line, "a row with no name"))
            continue
        parsed.people.append(person)
    return parsed


def looks_like_people_json(text: str) -> bool:
    head = text.lstrip()[:200]
    return head.startswith("{") and f'"{PEOPLE_JSON}"' in head


def parse_people_json(document: Document) -> Parsed:
    parsed = Parsed(document.name, "goodword-json", "Goodword people JSON")
    try:
        data = json.loads(document.text)
        people = data["people"]
        assert isinstance(people, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise ImportFileError(
            document.name, "is not a Goodword people export (no list of people in it)."
        ) from None
    for number, record in enumerate(people, 1):
        parsed.rows += 1
        name = record.get("display_name") if isinstance(record, dict) else None
        who = name if isinstance(name, str) else ""
        try:
            person = _from_record(record, document.name, number)
        except _Unreadable as unreadable:
            parsed.skipped.append(_skipped(document.name, number, who, str(unreadable)))
            continue
        if not person.name:
            parsed.skipped.append(Skipped(document.name, number, "a person with no name"))
            continue
        parsed.people.append(person)
    return parsed


TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    ("goodword-csv", frozenset({"goodword id", "display name", "positions"}), parse_goodword_csv),
]
