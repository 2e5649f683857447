"""Any CSV, read through a column map such as
`key=ID,given=First,family=Surname,email=E-mail,org=Company,title=Role,phone=Mobile`
(Goodword's own CSV and JSON exports, which map themselves, are `own_exports`; the map
itself is read, checked and guessed by `column_map`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz, process

from goodword.importers import cells, dateorder
from goodword.importers.address_book import key_by_name
from goodword.importers.around import set_aside_around
from goodword.importers.cleaning import (
    HEADLINE,
    HONORIFICS,
    clean_name,
    clean_organization,
    clean_whole_name,
    name_as_keyed,
    profile_url,
    rounded_by_spreadsheet,
)
from goodword.importers.column_map import A_KEY_IS, ANOTHER_KEY, KEEP_A_COLUMN, KEY_COLUMN, MULTI
from goodword.importers.dates import read_birthday
from goodword.importers.particles import is_particle, with_middle
from goodword.importers.records import (
    ImportFileError,
    IncomingPerson,
    IncomingPosition,
    Labeled,
    Parsed,
    Skipped,
)
from goodword.importers.tables import Table, cell, header_key
from goodword.organizations.names import ends_in_legal_form
from goodword.records import shown

# The source of a mapped CSV's records: their ids are the spreadsheet's own, which another
# spreadsheet may give too (see `Resolver._still_theirs`).
SOURCE = "csv"

# Scripts whose names are written family name first ("山田 太郎", "김 민준").
_FAMILY_FIRST_SCRIPTS = (
    "CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "IDEOGRAPHIC", "HIRAGANA",
    "KATAKANA", "HALFWIDTH KATAKANA", "HANGUL", "HALFWIDTH HANGUL",
)  # fmt: skip
# Generational suffixes, which end a family name ("Martin Luther King Jr.").
_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def _maybe(header: str, headers: list[str]) -> str:
    """ "; did you mean 'Email'?" for a mapped column the file spells otherwise, else "".

    >>> _maybe("E-mail", ["First Name", "Email", "Company"])
    "; did you mean 'Email'?"
    >>> _maybe("Phone", ["Phone Number", "Company Name"])
    "; did you mean 'Phone Number'?"
    >>> _maybe("Email", ["E-mail", "Email Opt Out"])
    "; did you mean 'E-mail'?"
    """
    named = {header_key(h): h for h in headers if h.strip()}
    key = header_key(header)
    found = process.extractOne(key, list(named), scorer=fuzz.ratio, score_cutoff=75)
    if found:
        return f"; did you mean '{named[found[0]]}'?"
    # Else a column named with more words around it ("Phone" for "Phone Number"), when only
    # one is.
    wider = [n for n in named if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", n)] if key else []
    return f"; did you mean '{named[wider[0]]}'?" if len(wider) == 1 else ""


def parse_mapped(
    table: Table, mapping: dict[str, list[str]], *, limit: int | None = None
) -> Parsed:
    """Read the table through the map; a mapped header missing from the file is an error."""
    parsed = Parsed(table.name, "csv", "CSV with a column map")
    columns: dict[str, list[int]] = {}
    missing = [
        f"'{header}' (mapped to {field}{_maybe(header, table.headers)})"
        for field, headers in mapping.items()
        for header in headers
        if header_key(header) not in table.index
    ]
    if missing:
        raise ImportFileError(
            table.name,
            f"has no column {', '.join(missing)}. Its columns are: "
            + ", ".join(h for h in table.headers if h),
        )
    for field, headers in mapping.items():
        for header in headers:
            key = header_key(header)
            # Every column of that name ("E-mail,Name,E-mail"), not only the first.
            same = [i for i, h in enumerate(table.headers) if header_key(h) == key]
            kept = columns.setdefault(field, [])
            kept += [i for i in same if i not in kept]
    set_aside_around(table)
    _say_unmapped(table, parsed, {c for cols in columns.values() for c in cols}, limit)
    order = birthday_order(table, parsed, columns.get("birthday", []))
    repeated = _repeated_keys(table, parsed, columns.get("key", [])[:1], mapping)
    notes_from = columns.get("notes", [])
    # What a phone or e-mail column's name says of its numbers ("Mobile", "Email (Work)").
    labels = {
        c: cells.column_label(table.headers[c])
        for f in ("email", "phone")
        for c in columns.get(f, [])
    }
    seen: dict[str, int] = {}
    numbered: dict[str, int] = {}  # (the repeated ids met so far)
    for line, row in table.rows[:limit] if limit else table.rows:
        parsed.rows += 1
        values: dict[str, list[str]] = {
            f: [v for c in cols if (v := cells.unlinked(cell(table, row, c)))]
            for f, cols in columns.items()
        }

        def one(field: str, values: dict[str, list[str]] = values) -> str:
            return (values.get(field) or [""])[0]

        if not any(values.values()):
            parsed.skipped.append(Skipped(table.name, line, "an empty row"))
            continue
        given_cell = " ".join(filter(None, (one("given"), one("middle"))))
        # (A middle name of particles, "van der", begins the family name.)
        given, family, notes = clean_name(*with_middle(one("given"), one("middle"), one("family")))
        whole = clean_whole_name(one("name"), notes) if one("name") else None
        keyed = None
        if whole and not (given or family):
            given, family = split_whole_name(whole)
            if "," in whole and family and not _family_first([whole]):
                # "Lee, Ann" is shown as Ann Lee, and keyed as written, as before.
                whole, keyed = f"{given} {family}", whole
        person = IncomingPerson(
            source=SOURCE, file_name=table.name, line=line, display_name=whole,
            given_name=given or None, family_name=family or None,
            location=", ".join(values.get("location", [])) or None, keyed_name=keyed,
        )  # fmt: skip
        if any(note.startswith(HEADLINE) for note in notes):
            person.keyed_name = (
                clean_whole_name(one("name"), [], headlines=False) if whole else None
            ) or name_as_keyed(given_cell, one("family"), notes)
        for field, found in values.items():
            # A field with one value, mapped to a header two columns share, keeps the first.
            for value in [] if field in MULTI else list(dict.fromkeys(found))[1:]:
                person.warnings.append(
                    f"'{shown(value)}' is a second {field} (another column of the same name); "
                    "not kept"
                )
        for column, text in _cells(table, row, columns.get("email", [])):
            addresses, beside = cells.addresses(text)
            bracketed = cells.BRACKETED.fullmatch(text.replace(" ".join(addresses), "").strip())
            kind = cells.KINDS.get(bracketed[1].casefold()) if bracketed else None
            label = kind or labels[column]
            person.emails += [Labeled(address, label) for address in addresses]
            if not addresses:
                person.warnings.append(f"'{shown(text)}' is not an e-mail address; not kept")
            elif (
                beside and not kind and not cells.words(beside) <= cells.words(whole or person.name)
            ):
                # "Dan <dan@four.example> (old)": the address is kept, and the cell as written
                # when it says more than the person's name ("Four, Dan <dan@…>" does not).
                notes.append(f"E-mail written as: {text}")
        for column, text in _cells(table, row, columns.get("phone", [])):
            for number, label in cells.numbers(text):
                if any(c.isdigit() for c in number):
                    person.phones.append(Labeled(number, label or labels[column]))
                else:  # "ask reception", "see notes": words, kept as words
                    notes.append(f"Phone: {text}")
                    person.warnings.append(
                        f"'{shown(text)}' is not a phone number; kept in the notes"
                    )
        for raw in values.get("url", []):
            try:
                url, kind = profile_url(cells.HYPERLINK.sub(r"\1", raw))
            except ValueError:
                person.warnings.append(f"'{shown(raw)}' is not a web address; not kept")
                continue
            person.urls.append(Labeled(url, "LinkedIn" if kind == "linkedin" else None))
        if one("org"):
            person.positions.append(
                IncomingPosition(
                    clean_organization(one("org")),
                    " ".join(one("title").split()) or None,  # (one line, as the name is)
                    " ".join(one("department").split()) or None,
                )
            )
        else:
            if one("title"):
                notes.append(f"Job title: {one('title')}")
            if one("department"):
                notes.append(f"Department: {one('department')}")
        birthday = one("birthday")
        read = dateorder.read_date(birthday, order) if birthday else None
        person.birthday, person.birthday_no_year, unkept = read_birthday(birthday, read, notes)
        if unkept:
            person.warnings.append(unkept)
        labelled = _labelled_notes(table, row, notes_from, person.note_labels)
        person.notes = "\n".join([*notes, *labelled]) or None
        # (Separated by commas, or by semicolons as CRMs write a multi-select field.)
        person.tags = [
            t.strip() for v in values.get("tags", []) for t in re.split(r"[,;]", v) if t.strip()
        ]
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
        # Without the source's own id, a row is keyed by its name and first e-mail address
        # (else phone), as an address book's are: two people of one name stay two records.
        key = one("key")
        if key and id_key(key) not in repeated:
            person.key = id_key(key)
            if person.key != key:
                person.former_keys.append(key)  # (as kept before "00124" was 124)
        else:
            email = person.emails[0].value if person.emails else None
            key_by_name(person, person.key_name, email, seen)
            if middle := one("middle").casefold().split():
                # As the row was keyed when no middle name could be mapped ("Cy Diaz").
                name, bar, rest = (person.key or "").partition("|")
                words = name.split(" ")
                at = next(
                    (i for i in range(1, len(words)) if words[i : i + len(middle)] == middle), None
                )
                if at is not None:
                    left = words[:at] + words[at + len(middle) :]
                    person.former_keys.append(" ".join(left) + bar + rest)
            if key:
                # As such a row was kept before the repeat was noticed: the id, numbered
                # in file order ("900", "900#2").
                times = numbered[key] = numbered.get(key, 0) + 1
                person.former_keys.append(key if times == 1 else f"{key}#{times}")
        parsed.people.append(person)
    return parsed


def _cells(table: Table, row: list[str], columns: list[int]) -> Iterator[tuple[int, str]]:
    """The row's cells with something in them of the columns, with their columns."""
    for column in columns:
        if text := cells.unlinked(cell(table, row, column)):
            yield column, text


# Columns whose name says no more than that they hold notes.
_NOTES_NAMES = frozenset({"notes", "note", "comments", "comment", "description"})


def _labelled_notes(
    table: Table, row: list[str], columns: list[int], unlabelled: dict[str, str]
) -> list[str]:
    """The notes of a row: one column's as written; of several, each under its column's
    name ("Last contacted: 1/5/2024"), unless the name only says it holds notes. Each
    named line's first line as written goes in `unlabelled` ("Met at: Acme" -> "Acme")."""
    found = [(table.headers[c], v) for c in columns if (v := cells.unlinked(cell(table, row, c)))]
    if len(columns) == 1:
        return [v for _header, v in found]
    notes = []
    for header, value in found:
        if header_key(header) in _NOTES_NAMES:
            notes.append(value)
            continue
        first = value.split("\n", 1)[0].strip()
        unlabelled[f"{header}: {first}".strip()] = first
        notes.append(f"{header}: {value}")
    return notes


def id_key(value: str) -> str:
    """A record id as a key: a number's leading zeros dropped, as a spreadsheet drops them
    when it saves the file again ("00124" is 124).

    >>> [id_key(v) for v in ("00124", "124", "0", "C-0101")]
    ['124', '124', '0', 'C-0101']
    """
    return (value.lstrip("0") or "0") if value.isdigit() else value


def _repeated_keys(
    table: Table, parsed: Parsed, key_columns: list[int], mapping: dict[str, list[str]]
) -> set[str]:
    """The ids that name no record, said in a note: those the key column gives to more
    than one row (an account's id, a company's), and those a spreadsheet rounded
    ("1.23457E+15", a long id shown as a power of ten and saved so: it is many ids, none
    for sure). Such rows are keyed as rows without one are, by their names, not by where
    they stand in the file."""
    lines: dict[str, list[int]] = {}
    for line, row in table.rows:
        if key_columns and (value := cell(table, row, key_columns[0])):
            lines.setdefault(id_key(value), []).append(line)
    if not lines:
        return set()
    column = mapping["key"][0]
    rounded = sorted(
        (line, key) for key, at in lines.items() if rounded_by_spreadsheet(key) for line in at
    )
    if rounded:
        shown = ", ".join(f"line {line} '{key}'" for line, key in rounded[:5])
        more = f" and {len(rounded) - 5:,} more" if len(rounded) > 5 else ""
        parsed.notes.append(
            f"{table.name}: the ids in '{column}' were rounded by a spreadsheet ({shown}{more}), "
            "so they are no record's own id: those rows were matched by their names and "
            "e-mail addresses instead, and their ids not kept. Format the column as text "
            "where the file came from and export it again, to keep each record's own id."
        )
    repeated = {
        key: at for key, at in lines.items() if len(at) > 1 and not rounded_by_spreadsheet(key)
    }
    if repeated:
        listed = "; ".join(
            f"{key} (lines {', '.join(map(str, at[:5]))}{', …' if len(at) > 5 else ''})"
            for key, at in list(repeated.items())[:5]
        )
        more = f" and {len(repeated) - 5:,} more" if len(repeated) > 5 else ""
        parsed.notes.append(
            f"{table.name}: {KEY_COLUMN}{column}' gives one id to several rows: "
            f"{listed}{more}. {A_KEY_IS}, so those rows were told apart by their names and "
            f"e-mail addresses instead; {ANOTHER_KEY}."
        )
    return set(repeated) | {key for _line, key in rounded}


def _say_unmapped(table: Table, parsed: Parsed, mapped: set[int], limit: int | None) -> None:
    """Name the columns with something in them that the map leaves out: what they hold is
    not imported, and the report should not let that pass unsaid."""
    rows = [row for _, row in (table.rows[:limit] if limit else table.rows)]
    unread = [
        i
        for i in range(len(table.headers))
        if i not in mapped and any(cell(table, row, i) for row in rows)
    ]
    left = [f"'{h}'" if (h := table.headers[i]).strip() else f"column {i + 1}" for i in unread]
    if left:
        listed = ", ".join(left[:10]) + (f" and {len(left) - 10:,} more" if len(left) > 10 else "")
        unnamed = (
            " A column with no name (a number here) can be mapped once its first row names it."
            if any(not table.headers[i].strip() for i in unread)
            else ""
        )
        parsed.notes.append(
            f"{table.name}: not imported, as the column map does not name "
            f"{'it' if len(left) == 1 else 'them'}: {listed}. {KEEP_A_COLUMN}"
            f"{unnamed}"
        )


def birthday_order(table: Table, parsed: Parsed, columns: list[int]) -> dateorder.DateOrder:
    """The one order of the file's birthdays ("05/04/1990" is read as its other birthdays
    say); a note when nothing in the file said it and it mattered."""
    dates = [(line, cell(table, row, column)) for line, row in table.rows for column in columns]
    # Cells separated by semicolons: a spreadsheet of a language that writes numbers with a
    # decimal comma, and its dates day first (German, French, Spanish, Italian, Dutch…).
    european = table.delimiter == ";"
    settled = dateorder.settle(
        parsed.file_name,
        dates,
        column="birthday",
        default=dateorder.DateOrder.DAY_FIRST if european else dateorder.DateOrder.MONTH_FIRST,
    )
    example = settled.example
    read_as = dateorder.read_date(example[1], settled.order) if example else None
    said = dateorder.note(
        parsed.file_name,
        settled,
        read_as=read_as,
        writer="a spreadsheet that separates cells with semicolons (a European one)"
        if european
        else "a US spreadsheet",
        fix=dateorder.CORRECT_BIRTHDAYS,
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
    one word, in any script, is a given name (its syllables are not guessed apart), and so
    is a company's name with its legal form ("Acme, Inc.").

    >>> split_whole_name("Müller, José")
    ('José', 'Müller')
    >>> split_whole_name("Dr. Jane van der Berg")
    ('Jane', 'van der Berg')
    >>> split_whole_name("Martin Luther King Jr.")
    ('Martin Luther', 'King Jr.')
    >>> split_whole_name("山田 太郎")
    ('太郎', '山田')
    """
    if ends_in_legal_form(name):
        return " ".join(name.split()), ""  # a company's name ("Acme, Inc."): not split
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
    while start > 1 and is_particle(words[start - 1], last):
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


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
        "department": person.positions[0].department if person.positions else None,
        "location": person.location,
        "birthday": person.birthday.isoformat() if person.birthday else person.birthday_no_year,
        "key": person.key,
        "warnings": list(person.warnings),
    }
