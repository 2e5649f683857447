"""What the address books with fixed columns (Outlook's and Thunderbird's CSV) share: their
e-mail, phone and web columns read into a record, its job, and the name and key of a row,
with or without a name of its own."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from goodword.importers.cleaning import clean_organization, looks_like_email, profile_url
from goodword.importers.records import IncomingPerson, IncomingPosition, Labeled
from goodword.records import shown

Getter = Callable[[str], str]


# An address in brackets at the end of a display name: "Kim Lee (kim@example.org)".
_IN_BRACKETS = re.compile(r"\(([^()\s]+@[^()\s]+)\)\s*$")


def read_details(
    person: IncomingPerson,
    get: Getter,
    *,
    emails: Sequence[str],
    phones: Sequence[tuple[str, str]],
    web: Sequence[tuple[str, str | None]],
) -> None:
    """The e-mail addresses, phone numbers (each labelled after its column) and web
    addresses (a LinkedIn profile labelled so) of the row; one that cannot be read is
    said in the record's warnings, not kept."""
    for column in emails:
        address = get(column)
        if not address:
            continue
        if looks_like_email(address):
            person.emails.append(Labeled(address))
        elif address.lower().startswith("/o="):
            # An Exchange server's own name for the mailbox (Outlook writes it for a
            # contact from the organization's directory); the address in its display
            # name, "Kim Lee (kim@example.org)", is the one mail goes to.
            display = get(column.replace("address", "display name"))
            found = _IN_BRACKETS.search(display)
            if found and looks_like_email(found[1]):
                person.emails.append(Labeled(found[1]))
            else:
                person.warnings.append(
                    f"'{shown(address)}' is an Exchange server's name for a mailbox, not an "
                    "e-mail address; not kept (add the address by hand)"
                )
        else:
            person.warnings.append(f"'{shown(address)}' is not an e-mail address; not kept")
    for column, label in phones:
        number = get(column)
        if number:
            person.phones.append(Labeled(number, label))
    for column, web_label in web:
        raw = get(column)
        if not raw:
            continue
        try:
            url, kind = profile_url(raw)
        except ValueError:
            person.warnings.append(f"'{shown(raw)}' is not a web address; not kept")
            continue
        person.urls.append(Labeled(url, "LinkedIn" if kind == "linkedin" else web_label))


@dataclass(frozen=True)
class AddressColumns:
    """The columns of an address after its prefix ("business", "home"): each part's names,
    the first the file has read."""

    streets: Sequence[Sequence[str]]
    city: Sequence[str]
    region: Sequence[str]
    postal: Sequence[str]
    country: Sequence[str]


def whole_address(streets: Sequence[str], city: str, region: str, postal: str, country: str) -> str:
    """An address on one line, as a note keeps it: its street lines (a cell's own lines
    too), city, region with postal code, and country.

    >>> whole_address(["1 Hacker Way", ""], "Menlo Park", "CA", "94025", "USA")
    '1 Hacker Way, Menlo Park, CA 94025, USA'
    >>> whole_address(["Storgata 1\\r\\nLeilighet 3"], "Oslo", "", "0155", "Norway")
    'Storgata 1, Leilighet 3, Oslo, 0155, Norway'
    """
    lines = [line.strip() for street in streets for line in street.splitlines()]
    parts = [*lines, city, f"{region} {postal}".strip(), country]
    return ", ".join(part for part in parts if part)


def read_places(
    person: IncomingPerson,
    get: Getter,
    notes: list[str],
    places: Sequence[tuple[str, str]],
    columns: AddressColumns,
) -> None:
    """The place (city, region, country) of the first address (of `places`, each its column
    prefix and the name a note gives it) that gives one. Every address that says more than
    its place (a street, a post office box, a postal code) goes whole to the notes ("Home
    address: 12 Elm Street, Palo Alto, CA 94301"), and so does another address's place
    ("Home address: Versailles, France"), so no address is dropped: Goodword keeps one place
    a person, and the notes give back the rest in every export."""
    for prefix, name in places:

        def part(names: Sequence[str], prefix: str = prefix) -> str:
            return get(*(f"{prefix} {n}" for n in names))

        city, region, country = part(columns.city), part(columns.region), part(columns.country)
        where = ", ".join(value for value in (city, region, country) if value)
        whole = whole_address(
            [part(names) for names in columns.streets], city, region, part(columns.postal), country
        )
        if where and person.location is None:
            person.location = where
        if whole and whole != person.location:
            notes.append(f"{name} address: {whole}")


def read_job(person: IncomingPerson, get: Getter, notes: list[str], *, company: str) -> str:
    """The row's job (its `company` column, job title and department), or its title alone
    in the notes; the organization's name, cleaned ("" without one)."""
    organization = clean_organization(get(company))
    if organization:
        person.positions.append(
            IncomingPosition(organization, get("job title") or None, get("department") or None)
        )
    elif get("job title"):
        notes.append(f"Job title: {get('job title')}")
    return organization


def key_by_name(person: IncomingPerson, name: str, email: str | None, seen: dict[str, int]) -> int:
    """Key a record that has no id of its own by its name and first e-mail address; one
    without an address, by its name and first phone number (two "Mike"s of a phone book are
    two records, whichever the source deletes or reorders), with the key of the name alone
    it had before as a former key. A key met again in the file gets "#2", "#3"... Returns
    how many times the file gave the name-and-address key so far. (Not by organization:
    a job change would make the record another.)"""
    key = "name:" + name.casefold() + (f"|{email.lower()}" if email else "")
    count = seen[key] = seen.get(key, 0) + 1
    former = key if count == 1 else f"{key}#{count}"
    if email and count == 1:
        # Keyed before by another of its addresses, then first (a newer export that put a
        # new address first): still this record.
        person.former_keys += [
            f"name:{name.casefold()}|{other.value.lower()}"
            for other in person.emails
            if other.value.lower() != email.lower()
        ]
    digits = "" if email or not person.phones else re.sub(r"\D", "", person.phones[0].value)
    if not digits:
        person.key = former
        return count
    phoned = f"{key}|tel:{digits}"
    times = seen[phoned] = seen.get(phoned, 0) + 1
    person.key = phoned if times == 1 else f"{phoned}#{times}"
    person.former_keys.append(former)
    return count


def name_and_key(
    person: IncomingPerson, organization: str, keyed: str | None, seen: dict[str, int]
) -> bool:
    """Name a row without one and key the row; False when it is no one (no name, no
    address, and no company's number or web address).

    Such a row is named after its address, as a person's is, unless that is one an
    organization keeps for itself (jobs@): then it is the company's contact, named after
    the company. A row is keyed by its name's parts (`keyed`, else given and family), not
    the whole name with "Dr.", and its first e-mail address, as Google rows are; one named
    after its address is also found by the key it had when every nameless row was."""
    given, family = person.given_name, person.family_name
    nameless = not person.name
    if nameless:
        if not (person.emails or (organization and (person.phones or person.urls))):
            return False
        person.display_name = person.known_by(email_first=True)
    name = keyed or " ".join(p for p in (given, family) if p) or person.name
    count = key_by_name(person, name, person.emails[0].value if person.emails else None, seen)
    if nameless and person.emails:
        address = person.emails[0].value
        former = f"name:{address.casefold()}|{address.lower()}"
        if former != person.key and f"{former}#{count}" != person.key:
            person.former_keys.append(former if count == 1 else f"{former}#{count}")
    return True
