"""Google Contacts CSV, legacy ("Given Name", "E-mail 1 - Type") and labelled ("First Name",
"E-mail 1 - Label", "Labels"); several values in one cell are separated by " ::: "."""

from __future__ import annotations

import re
from collections.abc import Callable

from goodword.importers.address_book import key_by_name, whole_address
from goodword.importers.cleaning import (
    clean_name,
    clean_organization,
    clean_whole_name,
    honorific_name,
    looks_like_email,
    name_as_keyed,
    profile_url,
    split_suffix,
)
from goodword.importers.dates import parse_date, read_birthday
from goodword.importers.particles import with_middle
from goodword.importers.records import IncomingPerson, IncomingPosition, Labeled, Parsed, Skipped
from goodword.importers.tables import Table, cell, row_getter
from goodword.records import shown, unify_line_breaks

SOURCE = "google"
SEPARATOR = " ::: "
_NUMBERED = re.compile(
    r"^(e-mail|phone|website|organization|address|relation|event|custom field) (\d+) - (.+)$"
)
# What a relation, event or custom field without a label is called in the notes.
_UNLABELLED = {"relation": "Related", "event": "Date", "custom field": "Other"}
# Google's own groups, which are not the user's tags.
# Google's own groups when written without their star (older exports).
_SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred", "other contacts"}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(SEPARATOR) if v.strip()]


def _label(value: str) -> str | None:
    value = value.strip().lstrip("*").strip()
    return value.lower() if value else None


def _labelled(labels: str, values: str) -> list[tuple[str, str, bool]]:
    """Each value of a cell with its own label, as written, and whether it is the primary one:
    labels "* Work ::: Home" go with values "a@x ::: b@y" one by one; a single label goes
    with every value. Google marks the primary value's label with a star ("* Work")."""
    label_list = [label.strip() for label in labels.split(SEPARATOR)] if labels.strip() else []
    found = []
    for index, raw in enumerate(values.split(SEPARATOR)):
        value = raw.strip()
        if not value:
            continue
        if index < len(label_list):
            label = label_list[index]
        else:
            label = label_list[0] if len(label_list) == 1 else ""
        primary = label.startswith("*") and index < len(label_list)
        found.append((value, label.lstrip("*").strip(), primary))
    return found


def _primary_first(found: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """The primary values first (a person's first e-mail or phone is their main one), the
    others in the order the file gives them."""
    return sorted(found, key=lambda item: not item[2])


def _reader(
    table: Table, row: list[str], groups: dict[str, dict[str, dict[str, int]]]
) -> Callable[[str], list[tuple[str, str, bool]]]:
    """For one row: a kind's values ("e-mail", "phone" …) with their labels, every numbered
    column of it ("E-mail 1", "E-mail 2" …) in turn."""

    def each(kind: str) -> list[tuple[str, str, bool]]:
        found: list[tuple[str, str, bool]] = []
        for number in sorted(groups.get(kind, {}), key=int):
            columns = groups[kind][number]
            found += _labelled(
                cell(table, row, columns.get("type", columns.get("label"))),
                cell(table, row, columns.get("value")),
            )
        return found

    return each


def _place(
    table: Table, row: list[str], groups: dict[str, dict[str, dict[str, int]]], notes: list[str]
) -> str | None:
    """The place (city, region, country) of the first address that gives one. Every address
    that says more than its place (a street, a post office box, a postal code) goes whole to
    the notes under its label, as Google formats it ("Work address: Friedrichstraße 43,
    10117 Berlin, Deutschland"; "Address: …" without a label), and so does another address's
    place ("Work address: Tokyo, Japan"), so no address is dropped."""
    first: str | None = None
    for number in sorted(groups.get("address", {}), key=int):
        columns = groups["address"][number]

        def part(name: str, columns: dict[str, int] = columns) -> str:
            return cell(table, row, columns.get(name))

        city, region, country = part("city"), part("region"), part("country")
        place = ", ".join(p for p in (city, region, country) if p)
        formatted = part("formatted")
        whole = (
            ", ".join(line.strip() for line in formatted.splitlines() if line.strip())
            if formatted
            else whole_address(
                [part("street"), part("extended address"), part("po box")],
                city, region, part("postal code"), country,
            )
        )  # fmt: skip
        label = _label(cell(table, row, columns.get("type", columns.get("label"))))
        if whole and whole != place:
            notes.append(f"{label.capitalize()} address: {whole}" if label else f"Address: {whole}")
        elif place and first is not None and place != first:
            notes.append(f"{(label or 'other').capitalize()} address: {place}")
        first = first or place or None
    return first


# The parts of each numbered group of columns the reader reads (the others, an IM or an
# organization's symbol, are named in the report as not imported).
_READ_PARTS = {
    "e-mail": {"type", "label", "value"},
    "phone": {"type", "label", "value"},
    "website": {"type", "label", "value"},
    "relation": {"type", "label", "value"},
    "event": {"type", "label", "value"},
    "custom field": {"type", "label", "value"},
    "organization": {"name", "title", "department", "location", "job description"},
    "address": {
        "type",
        "label",
        "city",
        "region",
        "country",
        "formatted",
        "street",
        "po box",
        "postal code",
        "extended address",
    },
}


def parse(table: Table) -> Parsed:
    labelled = table.has("first name") or table.has("labels")
    parsed = Parsed(
        table.name,
        "google-contacts",
        "Google Contacts (labelled form)" if labelled else "Google Contacts (legacy form)",
    )
    groups: dict[str, dict[str, dict[str, int]]] = {}
    for header, position in table.index.items():
        found = _NUMBERED.match(header)
        if found:
            kind, number, part = found.groups()
            groups.setdefault(kind, {}).setdefault(number, {})[part] = position
    # The labelled form writes one organization without a number.
    for part in ("name", "title", "department", "location", "job description"):
        if f"organization {part}" in table.index:
            groups.setdefault("organization", {}).setdefault("0", {})[part] = table.index[
                f"organization {part}"
            ]
    # (What the groups' columns of `_READ_PARTS` hold is read; a photo's link is passed over.)
    table.asked.update(
        header
        for header in table.index
        if ((found := _NUMBERED.match(header)) and found[3] in _READ_PARTS.get(found[1], ()))
        or header in {f"organization {part}" for part in _READ_PARTS["organization"]}
        or header == "photo"
    )
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        if not any(v.strip() for v in row):
            parsed.skipped.append(Skipped(table.name, line, "an empty row"))
            continue
        # "Jr." is part of the whole name, "PhD" goes to the notes as credentials do.
        family = get("family name", "last name")
        generational, credentials = split_suffix(get("name suffix"))
        given_in = " ".join(
            p for p in (get("given name", "first name"), get("additional name", "middle name"))
            if p
        )  # fmt: skip
        family_in = f"{family}, {credentials}" if credentials else family
        # A middle name of particles ("van der") begins the family name; the key is made of
        # the name as the columns give it, as before.
        given_parts, family_parts = with_middle(
            get("given name", "first name"), get("additional name", "middle name"), family
        )
        if credentials:
            family_parts = f"{family_parts}, {credentials}"
        given, family, notes = clean_name(given_parts, family_parts)
        keyed = name_as_keyed(given_in, family_in, notes)
        person = IncomingPerson(
            source=SOURCE, file_name=table.name, line=line, given_name=given or None,
            family_name=family or None,
        )  # fmt: skip
        # The whole name is cleaned as the parts are ("N/A" is none); the key keeps it as
        # the file writes it (below).
        written = get("name")
        full = clean_whole_name(written, notes) if written else ""
        if full and not (given or family):
            person.display_name = full
        else:
            # "Dr." and "Jr." have no fields of their own: the whole name keeps them.
            person.display_name = honorific_name(get("name prefix"), given, family, generational)
        nickname = get("nickname")
        if nickname:
            notes.append(f"Goes by {nickname}")

        each = _reader(table, row, groups)
        emails = each("e-mail")
        for address, label, _primary in _primary_first(emails):
            if looks_like_email(address):
                person.emails.append(Labeled(address, _label(label)))
            else:
                person.warnings.append(f"'{shown(address)}' is not an e-mail address; not kept")
        person.phones.extend(
            Labeled(value, _label(label)) for value, label, _ in _primary_first(each("phone"))
        )
        for kind in ("relation", "event", "custom field"):
            # Nothing the row says is dropped: "Spouse: Ngozi Okafor", "Anniversary: …".
            for value, label, _primary in each(kind):
                notes.append(f"{label or _UNLABELLED[kind]}: {value}")
        for raw, label, _primary in each("website"):
            try:
                url, kind = profile_url(raw)
            except ValueError:
                person.warnings.append(f"'{shown(raw)}' is not a web address; not kept")
                continue
            person.urls.append(Labeled(url, "LinkedIn" if kind == "linkedin" else _label(label)))
        titles = []
        for number in sorted(groups.get("organization", {})):
            columns = groups["organization"][number]
            # Several in one cell, " ::: " between them: a job each, with the title and
            # department in turn when there are as many (else those go whole with the first).
            orgs = cell(table, row, columns.get("name")).split(SEPARATOR)
            jobs = _in_turn(cell(table, row, columns.get("title")), len(orgs))
            departments = _in_turn(cell(table, row, columns.get("department")), len(orgs))
            for written, title, department in zip(orgs, jobs, departments, strict=True):
                org = clean_organization(written)
                if org:
                    person.positions.append(
                        IncomingPosition(org, title or None, department or None)
                    )
                elif title:
                    titles.append(title)
            for part, said in (
                ("location", "Work location"),
                ("job description", "Job description"),
            ):
                if cell(table, row, columns.get(part)):
                    notes.append(f"{said}: {cell(table, row, columns.get(part))}")
        # The legacy form's Occupation is a job title: the first job's, when it has none.
        occupation = get("occupation")
        if occupation and person.positions and not person.positions[0].title:
            person.positions[0].title = occupation
        elif occupation and not person.positions:
            titles.append(occupation)
        notes += [f"Job title: {title}" for title in dict.fromkeys(titles)]
        if occupation and occupation not in {p.title for p in person.positions} | {*titles}:
            notes.append(f"Occupation: {occupation}")
        person.location = _place(table, row, groups, notes) or get("location") or None
        if get("location") and person.location != get("location"):
            notes.append(f"Location: {get('location')}")
        if get("maiden name"):
            notes.append(f"Maiden name: {get('maiden name')}")
        birthday = get("birthday")
        born = read_birthday(birthday, parse_date(birthday), notes)
        person.birthday, person.birthday_no_year, unkept = born
        if unkept:
            person.warnings.append(unkept)
        person.notes = unify_line_breaks("\n".join([*notes, get("notes")]).strip()) or None
        for group in _split(get("labels", "group membership")):
            # Google's own groups are starred ("* myContacts"); a user's label named
            # "Family" is the user's and becomes a tag.
            name = group.lstrip("*").strip()
            if name and not (group.startswith("*") or name.lower() in _SYSTEM_GROUPS):
                person.tags.append(name)
        if not person.name:
            # A business ("Acme Plumbing" and its number) is named after itself; a row with an
            # address or number alone is named by it, as a phone's address book shows it.
            person.display_name = person.known_by()
            if person.display_name is None:
                parsed.skipped.append(
                    Skipped(
                        table.name,
                        line,
                        "a contact with no name, organization, e-mail address or phone number",
                    )
                )
                continue
        # Keyed as rows were before names kept "Dr." and primary e-mails came first, so a
        # re-import finds what an earlier one made: the name's parts (else the whole name,
        # else the first e-mail) and the first e-mail, as the file orders them.
        first_email = next((a for a, _l, _p in emails if looks_like_email(a)), None)
        name = (
            keyed or " ".join(p for p in (given, family) if p) or written or first_email
            or person.name
        )  # fmt: skip
        key_by_name(person, name, first_email, seen)
        parsed.people.append(person)
    return parsed


TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    ("google-contacts", frozenset({"given name", "family name", "e-mail 1 - value"}), parse),
    ("google-contacts", frozenset({"given name", "family name", "group membership"}), parse),
    ("google-contacts", frozenset({"first name", "last name", "e-mail 1 - value"}), parse),
    ("google-contacts", frozenset({"first name", "last name", "labels"}), parse),
    ("google-contacts", frozenset({"first name", "last name", "phone 1 - value"}), parse),
]


def _in_turn(value: str, count: int) -> list[str]:
    """A cell's values for `count` organizations: one each when it holds as many (" ::: "
    between them), else all of it for the first.

    >>> _in_turn("CEO ::: CTO", 2), _in_turn("Adviser", 2), _in_turn("CEO ::: CTO", 1)
    (['CEO', 'CTO'], ['Adviser', ''], ['CEO ::: CTO'])
    """
    parts = [part.strip() for part in value.split(SEPARATOR)]
    return parts if len(parts) == count else [value, *[""] * (count - 1)]
