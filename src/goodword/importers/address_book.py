"""What the address books with fixed columns (Outlook's and Thunderbird's CSV) share: their
e-mail, phone and web columns read into a record, its job, and the name and key of a row,
with or without a name of its own."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

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


def read_places(
    person: IncomingPerson,
    get: Getter,
    notes: list[str],
    places: Sequence[tuple[str, str]],
    parts: Sequence[Sequence[str]],
) -> None:
    """The place of the first address (of `places`, each its column prefix and the name a
    note gives it) that gives one, from its `parts` (each a column's names, the first the
    file has read); the other addresses' places go to the notes ("Home address: Versailles,
    France"), so no address's place is dropped unsaid."""
    for prefix, name in places:
        where = ", ".join(
            value for names in parts if (value := get(*(f"{prefix} {n}" for n in names)))
        )
        if not where:
            continue
        if person.location is None:
            person.location = where
        elif where != person.location:
            notes.append(f"{name} address: {where}")


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
