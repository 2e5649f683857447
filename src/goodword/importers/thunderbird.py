"""Thunderbird's address book as CSV (the address book's Tools, Export):
English headers such as "First Name", "Display Name", "Primary Email", "Mobile Number",
"Organization", and the birthday in three columns, "Birth Year", "Birth Month" and "Birth
Day". (Thunderbird writes the headers in the language of its menus: a file from another
language is read with a column map.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from goodword.importers.address_book import (
    AddressColumns,
    name_and_key,
    read_details,
    read_job,
    read_places,
)
from goodword.importers.cleaning import clean_name, clean_whole_name, name_as_keyed
from goodword.importers.dates import read_birthday
from goodword.importers.mapped import split_whole_name
from goodword.importers.records import IncomingPerson, Parsed, Skipped
from goodword.importers.tables import Table, row_getter

SOURCE = "thunderbird"
EMAILS = ["primary email", "secondary email"]
# Thunderbird's phone columns and the label each number is kept with.
PHONES = [
    ("mobile number", "mobile"),
    ("work phone", "work"),
    ("home phone", "home"),
    ("fax number", "fax"),
    ("pager number", "pager"),
]
WEB: list[tuple[str, str | None]] = [("web page 1", "work"), ("web page 2", "home")]
# Where someone is: their work address first, then their home.
PLACES = [("work", "Work"), ("home", "Home")]
# An address's columns after its prefix ("Work Address 2", "Home ZipCode").
ADDRESS = AddressColumns(
    streets=[("address",), ("address 2",)],
    city=("city",),
    region=("state",),
    postal=("zipcode",),
    country=("country",),
)
# Columns kept in the notes, as "Chat: ada_l".
NOTED = [
    ("screen name", "Chat"),
    ("custom 1", "Custom 1"),
    ("custom 2", "Custom 2"),
    ("custom 3", "Custom 3"),
    ("custom 4", "Custom 4"),
]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def birthday_of(year: str, month: str, day: str) -> tuple[str, date | None]:
    """The birthday the three columns give, as text for the notes and as a date (None when
    they make no whole date: a day without a year, or one no calendar has).

    >>> birthday_of("1990", "7", "3"), birthday_of("", "7", "3")
    (('1990-07-03', datetime.date(1990, 7, 3)), ('3 July', None))
    >>> birthday_of("", "", ""), birthday_of("1990", "2", "30")
    (('', None), ('1990-2-30', None))
    """
    if not (year or month or day):
        return "", None
    try:
        y, m, d = (int(year) if year else None), int(month), int(day)
    except ValueError:
        return "-".join(p for p in (year, month, day) if p), None
    if y is None:
        return (f"{d} {MONTHS[m - 1]}" if 1 <= m <= 12 else f"{month}/{day}"), None
    try:
        born = date(y, m, d)
    except ValueError:
        return f"{year}-{month}-{day}", None
    return born.isoformat(), born


def _whole_name(shown: str, organization: str) -> bool:
    """Whether a card's display name is a person's whole name to read in parts: not an
    e-mail address (what Thunderbird shows for an address it collected), nor the
    organization's own name (a company's card).

    >>> _whole_name("Lukas Novák", ""), _whole_name("lukas@vltava.example", "")
    (True, False)
    >>> _whole_name("Vltava Software s.r.o.", "Vltava Software s.r.o.")
    False
    """
    return bool(shown) and "@" not in shown and shown.casefold() != organization.casefold()


def parse(table: Table) -> Parsed:
    parsed = Parsed(table.name, "thunderbird-contacts", "Thunderbird address book CSV")
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        if not any(v.strip() for v in row):
            parsed.skipped.append(Skipped(table.name, line, "an empty row"))
            continue
        given, family, notes = clean_name(get("first name"), get("last name"))
        keyed = name_as_keyed(get("first name"), get("last name"), notes)
        shown = get("display name").strip().strip('"').strip()
        if not (given or family) and _whole_name(shown, get("organization")):
            # A card with its whole name only ("Lukas Novák"): read in parts, as a whole
            # name in one column is, so it sorts and matches by its family name; keyed by
            # that name as written, as it was before it was read so.
            given, family = split_whole_name(clean_whole_name(shown, notes))
            keyed = keyed or shown
        person = IncomingPerson(
            source=SOURCE, file_name=table.name, line=line, given_name=given or None,
            family_name=family or None, display_name=get("display name") or None,
        )  # fmt: skip
        if get("nickname"):
            notes.append(f"Goes by {get('nickname')}")
        read_details(person, get, emails=EMAILS, phones=PHONES, web=WEB)
        organization = read_job(person, get, notes, company="organization")
        read_places(person, get, notes, PLACES, ADDRESS)
        said, born = birthday_of(get("birth year"), get("birth month"), get("birth day"))
        person.birthday, person.birthday_no_year, unkept = read_birthday(said, born, notes)
        if unkept:
            person.warnings.append(unkept)
        for column, label in NOTED:
            value = get(column)
            if value:
                notes.append(f"{label}: {value}")
        person.notes = "\n".join([*notes, get("notes")]).strip() or None
        if not name_and_key(person, organization, keyed, seen):
            parsed.skipped.append(
                Skipped(table.name, line, "a contact with no name and no e-mail address")
            )
            continue
        parsed.people.append(person)
    return parsed


TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    (
        "thunderbird-contacts",
        frozenset({"first name", "last name", "display name", "primary email", "birth year"}),
        parse,
    ),
]
