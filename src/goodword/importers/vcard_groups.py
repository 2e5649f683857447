"""vCards that are no one: a group's card (its members in the file tagged with its name) and a
place's, both reported as skipped; and a RELATED that names a card of the file by its UID,
read as that card's person."""

from __future__ import annotations

import re

from goodword.importers.reading import Document
from goodword.importers.records import Parsed, Skipped
from goodword.importers.vcard_text import Card, split_escaped, text_of

# A card that is no one: a group of others (vCard 4, and Apple's), or a place.
_GROUP_KINDS = {"group"}
_PLACE_KINDS = {"location"}


def _uid(text: str) -> str:
    """A card's UID as a MEMBER or RELATED names it ("urn:uuid:" or not, any case)."""
    text = text.strip().lower()
    return text[9:] if text.startswith("urn:uuid:") else text


def not_a_person(
    document: Document, card: Card, groups: list[tuple[Card, str, list[str]]]
) -> Skipped | None:
    """A group's or a place's card, reported as skipped (a group's after its members are
    known: `groups`); None for a card of a person or an organization."""
    kind = next(
        (
            p.value.strip().lower()
            for p in card.properties
            if p.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND")
        ),
        "",
    )
    if kind not in _GROUP_KINDS | _PLACE_KINDS:
        return None
    name = next(
        (split_escaped(text_of(p), "\x00")[0].strip() for p in card.properties if p.name == "FN"),
        "",
    ) or next(
        (
            " ".join(filter(None, (x.strip() for x in split_escaped(text_of(p), ";"))))
            for p in card.properties
            if p.name == "N"
        ),
        "",
    )
    if kind in _PLACE_KINDS:
        return Skipped(document.name, card.line, "a place's card, not a person", name)
    members = [
        _uid(p.value)
        for p in card.properties
        if p.name in ("MEMBER", "X-ADDRESSBOOKSERVER-MEMBER") and p.value.strip()
    ]
    groups.append((card, name, members))
    return Skipped(document.name, card.line, "", name)


def settle_groups(
    parsed: Parsed, groups: list[tuple[Card, str, list[str]]], rows: list[Skipped]
) -> None:
    """Each group card's members in the file get its name as a tag, and the card's row says
    so; a RELATED that names a card of the file by its UID names that card's person."""
    by_uid = {_uid(p.key): p for p in parsed.people if p.key}
    for (_card, name, members), row in zip(groups, rows, strict=True):
        found = [by_uid[m] for m in members if m in by_uid]
        for person in found:
            if name and name not in person.tags:
                person.tags.append(name)
        reason = "a group's card, not a person"
        if name and found:
            some = f"{len(found)} of its members" if len(found) < len(members) else "its members"
            reason += f": {some} in this file are tagged {name}"
        elif len(members) == 1:
            reason += ": its one member is not in this file"
        elif members:
            reason += f": its {len(members)} members are not in this file"
        row.reason = reason
        parsed.skipped.append(row)
    for person in parsed.people:
        if person.notes and "urn:uuid:" in person.notes:

            def named(found: re.Match[str]) -> str:
                uid = _uid(found[0])
                return by_uid[uid].name or found[0] if uid in by_uid else found[0]

            person.notes = _RELATED_UID.sub(named, person.notes)
            person.relations = [_RELATED_UID.sub(named, line) for line in person.relations]


_RELATED_UID = re.compile(r"urn:uuid:[0-9A-Za-z-]+")
