"""Outlook's contacts CSV (Outlook for Windows, Outlook.com): fixed English headers such as
"First Name", "E-mail Address", "E-mail 2 Address", "Business Phone", "Job Title",
"Business City" and "Birthday" (written "0/0/00" when there is none)."""

from __future__ import annotations

from collections.abc import Callable

from goodword.importers import dateorder
from goodword.importers.address_book import (
    AddressColumns,
    name_and_key,
    read_details,
    read_job,
    read_places,
)
from goodword.importers.cleaning import clean_name, name_as_keyed
from goodword.importers.dates import read_birthday
from goodword.importers.particles import with_middle
from goodword.importers.records import IncomingPerson, Parsed, Skipped
from goodword.importers.tables import Table, row_getter

SOURCE = "outlook"
EMAILS = ["e-mail address", "e-mail 2 address", "e-mail 3 address"]
# Outlook's phone columns and the label each number is kept with.
PHONES = [
    ("mobile phone", "mobile"),
    ("business phone", "work"),
    ("business phone 2", "work"),
    ("home phone", "home"),
    ("home phone 2", "home"),
    ("primary phone", "main"),
    ("company main phone", "company"),
    ("other phone", "other"),
    ("car phone", "car"),
    ("pager", "pager"),
    ("callback", "callback"),
    ("radio phone", "radio"),
    ("assistant's phone", "assistant"),
    ("tty/tdd phone", "tty"),
    ("telex", "telex"),
    ("isdn", "isdn"),
    ("business fax", "work fax"),
    ("home fax", "home fax"),
    ("other fax", "fax"),
]
WEB: list[tuple[str, str | None]] = [("web page", None), ("personal web page", "home")]
# Where someone is: their work address first, then home, then any other (each with the
# name a note gives it).
PLACES = [("business", "Business"), ("home", "Home"), ("other", "Other")]
# An address's columns after its prefix ("Business Street 2", "Home Address PO Box").
ADDRESS = AddressColumns(
    streets=[("street",), ("street 2",), ("street 3",), ("address po box",)],
    city=("city",),
    region=("state",),
    postal=("postal code",),
    country=("country/region", "country"),
)
# Columns kept in the notes, as "Spouse: Kim".
NOTED = [
    ("spouse", "Spouse"),
    ("children", "Children"),
    ("manager's name", "Manager"),
    ("assistant's name", "Assistant"),
    ("referred by", "Referred by"),
    ("office location", "Office"),
    ("im address", "IM"),
    ("imaddress", "IM"),
]
# Outlook's "no date" ("0/0/00", "00/00/0000").
_NO_DATE = {"0/0/00", "00/00/00", "0/0/0000", "00/00/0000"}


def _date(text: str) -> str:
    return "" if text in _NO_DATE else text


def _date_order(table: Table, parsed: Parsed) -> dateorder.DateOrder:
    """The one order of the file's birthdays and anniversaries: Outlook writes them in the
    computer's own (26/12/1985 in Britain, 12/26/1985 in the US)."""
    dates = [
        (line, _date(row_getter(table, row)(column)))
        for line, row in table.rows
        for column in ("birthday", "anniversary")
    ]
    settled = dateorder.settle(parsed.file_name, dates, column="Birthday and Anniversary")
    example = settled.example
    read_as = dateorder.read_date(example[1], settled.order) if example else None
    said = dateorder.note(
        parsed.file_name,
        settled,
        read_as=read_as,
        writer="Outlook in the US",
        fix=dateorder.CORRECT_BIRTHDAYS_AND_ANNIVERSARIES,
    )
    if said:
        parsed.notes.append(said)
    return settled.order


def parse(table: Table) -> Parsed:
    parsed = Parsed(table.name, "outlook-contacts", "Outlook contacts CSV")
    seen: dict[str, int] = {}
    order = _date_order(table, parsed)
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        if not any(v.strip() for v in row):
            parsed.skipped.append(Skipped(table.name, line, "an empty row"))
            continue
        first = " ".join(p for p in (get("first name"), get("middle name")) if p)
        # A middle name of particles ("van der") begins the family name; the key is made of
        # the name as the columns give it, as before.
        given_in, family_in = with_middle(get("first name"), get("middle name"), get("last name"))
        given, family, notes = clean_name(given_in, family_in)
        keyed = name_as_keyed(first, get("last name"), notes)
        person = IncomingPerson(
            source=SOURCE, file_name=table.name, line=line, given_name=given or None,
            family_name=family or None,
        )  # fmt: skip
        title, suffix = get("title"), get("suffix")
        if (title or suffix) and (given or family):
            # "Dr." and "Jr." are part of how the name is written, not of its parts.
            person.display_name = " ".join(p for p in (title, given, family, suffix) if p)
        if get("nickname"):
            notes.append(f"Goes by {get('nickname')}")
        read_details(person, get, emails=EMAILS, phones=PHONES, web=WEB)
        organization = read_job(person, get, notes, company="company")
        # The first address that gives a place is where they are; an address with a street,
        # the others, and the Location column when an address gave the place, go to the
        # notes. (Google's "Outlook CSV" export writes "Home Country".)
        read_places(person, get, notes, PLACES, ADDRESS)
        location = get("location")
        if person.location is None:
            person.location = location or None
        elif location and location != person.location:
            notes.append(f"Location: {location}")
        birthday = _date(get("birthday"))
        read = dateorder.read_date(birthday, order) if birthday else None
        person.birthday, person.birthday_no_year, unkept = read_birthday(birthday, read, notes)
        if unkept:
            person.warnings.append(unkept)
        anniversary = _date(get("anniversary"))
        if anniversary:
            day = dateorder.read_date(anniversary, order)
            notes.append(f"Anniversary: {day.isoformat() if day else anniversary}")
        for column, label in NOTED:
            value = get(column)
            if value and f"{label}: {value}" not in notes:
                notes.append(f"{label}: {value}")
        hobby = get("hobby")
        if hobby:
            person.interests = [h.strip() for h in hobby.replace(";", ",").split(",") if h.strip()]
        person.notes = "\n".join([*notes, get("notes")]).strip() or None
        categories = [c.strip() for c in get("categories").split(";")]
        if "myContacts" in categories:
            # Google's own groups, in its "Outlook CSV" export: no labels of the user's.
            categories = [c for c in categories if c not in ("myContacts", "starred")]
        person.tags = [tag for tag in dict.fromkeys(categories) if tag]
        if not name_and_key(person, organization, keyed, seen):
            parsed.skipped.append(
                Skipped(table.name, line, "a contact with no name and no e-mail address")
            )
            continue
        parsed.people.append(person)
    return parsed


TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    (
        "outlook-contacts",
        frozenset({"first name", "middle name", "last name", "e-mail address", "business phone"}),
        parse,
    ),
]
