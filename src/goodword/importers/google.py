"""Google Contacts CSV, legacy ("Given Name", "E-mail 1 - Type") and labelled ("First Name",
"E-mail 1 - Label", "Labels"); several values in one cell are separated by " ::: "."""

from __future__ import annotations

import re
from collections.abc import Callable

from goodword.importers.cleaning import (
    clean_name,
    clean_organization,
    looks_like_email,
    parse_date,
    profile_url,
)
from goodword.importers.reading import Table, cell, row_getter
from goodword.importers.records import IncomingPerson, IncomingPosition, Labeled, Parsed, Skipped

SOURCE = "google"
SEPARATOR = " ::: "
_NUMBERED = re.compile(r"^(e-mail|phone|website|organization|address|relation) (\d+) - (.+)$")
# Google's own groups, which are not the user's tags.
# Google's own groups when written without their star (older exports).
_SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred", "other contacts"}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(SEPARATOR) if v.strip()]


def _label(value: str) -> str | None:
    value = value.strip().lstrip("*").strip()
    return value.lower() if value else None


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
    for part in ("name", "title", "department"):
        if f"organization {part}" in table.index:
            groups.setdefault("organization", {}).setdefault("0", {})[part] = table.index[
                f"organization {part}"
            ]
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        if not any(v.strip() for v in row):
            parsed.skipped.append(Skipped(table.name, line, "an empty row"))
            continue
        given, family, notes = clean_name(
            " ".join(p for p in (get("given name", "first name"), get("additional name",
                                                                     "middle name")) if p),
            get("family name", "last name"),
        )  # fmt: skip
        person = IncomingPerson(
            source=SOURCE, file_name=table.name, line=line, given_name=given or None,
            family_name=family or None,
        )  # fmt: skip
        full = get("name")
        if full and not (given or family):
            person.display_name = full
        nickname = get("nickname")
        if nickname:
            notes.append(f"Goes by {nickname}")
        for number in sorted(groups.get("e-mail", {})):
            columns = groups["e-mail"][number]
            label = _label(cell(table, row, columns.get("type", columns.get("label"))))
            for address in _split(cell(table, row, columns.get("value"))):
                if looks_like_email(address):
                    person.emails.append(Labeled(address, label))
                else:
                    person.warnings.append(f"'{address}' is not an e-mail address; not kept")
        for number in sorted(groups.get("phone", {})):
            columns = groups["phone"][number]
            label = _label(cell(table, row, columns.get("type", columns.get("label"))))
            person.phones.extend(
                Labeled(v, label) for v in _split(cell(table, row, columns.get("value")))
            )
        for number in sorted(groups.get("website", {})):
            columns = groups["website"][number]
            label = _label(cell(table, row, columns.get("type", columns.get("label"))))
            for raw in _split(cell(table, row, columns.get("value"))):
                try:
                    url, kind = profile_url(raw)
                except ValueError:
                    person.warnings.append(f"'{raw}' is not a web address; not kept")
                    continue
                person.urls.append(Labeled(url, "LinkedIn" if kind == "linkedin" else label))
        for number in sorted(groups.get("organization", {})):
            columns = groups["organization"][number]
            org = clean_organization(cell(table, row, columns.get("name")))
            if org:
                person.positions.append(
                    IncomingPosition(
                        org,
                        cell(table, row, columns.get("title")) or None,
                        cell(table, row, columns.get("department")) or None,
                    )
                )
        for number in sorted(groups.get("address", {})):
            columns = groups["address"][number]
            parts = [cell(table, row, columns.get(p)) for p in ("city", "region", "country")]
            place = ", ".join(p for p in parts if p)
            if place:
                person.location = place
                break
        birthday = get("birthday")
        person.birthday = parse_date(birthday)
        if birthday and person.birthday is None:
            notes.append(f"Birthday: {birthday}")
            person.warnings.append(f"birthday '{birthday}' has no year; kept in the notes")
        person.notes = "\n".join([*notes, get("notes")]).strip() or None
        for group in _split(get("labels", "group membership")):
            # Google's own groups are starred ("* myContacts"); a user's label named
            # "Family" is the user's and becomes a tag.
            name = group.lstrip("*").strip()
            if name and not (group.startswith("*") or name.lower() in _SYSTEM_GROUPS):
                person.tags.append(name)
        if not person.name:
            if person.emails:
                person.display_name = person.emails[0].value
            else:
                parsed.skipped.append(
                    Skipped(table.name, line, "a contact with no name and no e-mail address")
                )
                continue
        key = "name:" + person.name.casefold()
        if person.emails:
            key += "|" + person.emails[0].value.lower()
        count = seen[key] = seen.get(key, 0) + 1
        person.key = key if count == 1 else f"{key}#{count}"
        parsed.people.append(person)
    return parsed


TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    ("google-contacts", frozenset({"given name", "family name", "e-mail 1 - value"}), parse),
    ("google-contacts", frozenset({"given name", "family name", "group membership"}), parse),
    ("google-contacts", frozenset({"first name", "last name", "e-mail 1 - value"}), parse),
    ("google-contacts", frozenset({"first name", "last name", "labels"}), parse),
    ("google-contacts", frozenset({"first name", "last name", "phone 1 - value"}), parse),
]
