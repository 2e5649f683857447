"""What a record imported before said then, as far as its fingerprint tells.

A re-import keeps of each record only its fingerprint (`IncomingPerson.fingerprint`), not
what it said. A value Goodword holds (a name, a place, a birthday, a job, a tie's date)
that the record said then came from the file, and a newer copy of the record may move it;
one the record did not say was set apart from it (by hand, say), and an import leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from itertools import combinations, product
from typing import Any, cast

from goodword.importers.bulk import Held, Known
from goodword.importers.plan import Plan
from goodword.importers.records import IncomingPerson, IncomingPosition
from goodword.importers.state import WorkspaceState, holds_phone, phone_form
from goodword.people import job_dates, normalize
from goodword.people.normalize import profile_url
from goodword.records import unify_line_breaks

# Between a note's paragraphs: a blank line, or a line of spaces (as `applying` reads them).
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")

# The most records tried per record (each is one fingerprint): enough for every field
# `said_then` is given to have changed at once, with a job at an organization of many names.
TRIES = 512

# A name is one value: the name shown, given name and family name are put back together,
# as the record gave them (the name shown made of the other two when it gave none).
NAME = ("display_name", "given_name", "family_name")


def said_then(
    record: IncomingPerson, printed: int | None, held: dict[str, list[object]]
) -> frozenset[str] | None:
    """The fields among `held` whose value in Goodword the record said when last imported,
    `printed` being its fingerprint then; None when that cannot be told (no fingerprint
    was kept, or more changed in the file than Goodword holds as it was).

    `held` maps a field of `IncomingPerson` (or "name": the fields of `NAME` as one) to the
    values Goodword holds that the record may have said then. The record then is the record
    now with the fewest fields put back to one of those values that gives `printed`: the
    fields put back are the answer, and every other field said then what it says now.

    >>> then = IncomingPerson("csv", "a.csv", 2, key="1", location="Leeds", notes="hi")
    >>> now = replace(then, location="York")
    >>> said_then(now, then.fingerprint(), {"location": ["Leeds"]})
    frozenset({'location'})
    >>> said_then(now, now.fingerprint(), {"location": ["Leeds"]})  # Leeds set apart
    frozenset()
    >>> said_then(replace(now, notes="bye"), then.fingerprint(), {"location": ["Leeds"]})
    """
    if printed is None:
        return None
    fields: list[tuple[str, list[object]]] = []
    for name, values in held.items():
        differing = [v for v in _unique(values) if v != _value(record, name)]
        if differing:
            fields.append((name, differing))
    tries = 0
    for size in range(len(fields) + 1):
        for chosen in combinations(fields, size):
            names = [name for name, _values in chosen]
            for picked in product(*(values for _name, values in chosen)):
                tries += 1
                if tries > TRIES:
                    return None
                put_back: dict[str, Any] = {}
                for name, value in zip(names, picked, strict=True):
                    if name == "name":
                        put_back.update(zip(NAME, cast(tuple[object, ...], value), strict=True))
                    else:
                        put_back[name] = value
                then = replace(record, **put_back)
                if then.fingerprint() == printed:
                    return frozenset(names)
    return None


def held_names(
    record: IncomingPerson, display: str, given: str | None, family: str | None
) -> list[object]:
    """The names a record may have said when last imported, as `NAME`, from the name
    Goodword holds: as it is, or without the name shown when that is the given and family
    names joined (a record that gives no name to show, as a LinkedIn connection); none
    when the record still gives one of them, as nothing need be put back then.

    >>> now = IncomingPerson("linkedin", "Connections.csv", 6, given_name="Carla",
    ...                      family_name="Smith")
    >>> held_names(now, "Carla Jones", "Carla", "Jones")
    [('Carla Jones', 'Carla', 'Jones'), (None, 'Carla', 'Jones')]
    >>> held_names(now, "Carla Smith", "Carla", "Smith")
    []
    """
    found: list[object] = [(display, given, family)]
    if display == " ".join(part for part in (given, family) if part):
        found.append((None, given, family))
    return [] if _value(record, "name") in found else found


# The most notes `held_notes` gives: each is tried beside every other field's values.
NOTES_TRIED = 16


def held_notes(notes: str | None) -> list[object]:
    r"""The notes a record may have said when last imported, from the notes Goodword holds
    (an import adds a record's note as paragraphs, after those held: `apply_record`): none,
    all of them, the first paragraphs (the record that made the person, before a note
    added since), or one paragraph.

    >>> held = held_notes("Met at the salon\n\nFormerly Ada Lovelace")
    >>> held[0], held[2:]
    (None, ['Met at the salon', 'Formerly Ada Lovelace'])
    """
    found: list[object] = [None]
    if notes:
        paragraphs = [p.strip() for p in _PARAGRAPHS.split(unify_line_breaks(notes)) if p.strip()]
        runs = ["\n\n".join(paragraphs[:end]) for end in range(len(paragraphs), 0, -1)]
        found += _unique([notes, *runs, *paragraphs])
    return found[:NOTES_TRIED]


def held_jobs(
    positions: Iterable[Held],
    spellings: dict[int, list[str]],
    now: Sequence[IncomingPosition] = (),
) -> list[object]:
    """The jobs a record may have said when last imported, as its `positions`, from the
    jobs Goodword holds (each at every name of its organization, in `spellings`): none,
    or one of them as a file without dates writes it (a connection's Company and
    Position) or with all it holds: a date kept as a month or year ("Jan 2020") in that
    precision, and as its first day too, as a record was read before precisions were kept
    (its fingerprint then has no precision).

    A record of several jobs (`now`, the jobs it gives now: a Positions.csv, an export) may
    have said them all then but one: a job held at that organization, as it said it then
    (a title or end it gives otherwise since), or none (a job it gives since)."""
    found: list[object] = [[]]
    said: list[tuple[str, IncomingPosition]] = []
    for held in positions:
        for spelling in spellings.get(held.organization_id, []):
            said.append((spelling, IncomingPosition(spelling, held.title)))
            whole = IncomingPosition(
                spelling, held.title, held.department, held.start_date, held.end_date,
                held.is_current and held.end_date is None,
            )  # fmt: skip
            start = job_dates.kept(held.start_precision) if held.start_date else None
            end = job_dates.kept(held.end_precision) if held.end_date else None
            if start or end:
                said.append((spelling, replace(whole, start_precision=start, end_precision=end)))
            said.append((spelling, whole))
    found += [[job] for _spelling, job in said]
    if len(now) > 1:
        for i, job_now in enumerate(now):
            before, after = list(now[:i]), list(now[i + 1 :])
            found.append(before + after)
            found += [
                [*before, job, *after] for spelling, job in said if spelling == job_now.organization
            ]
    return found


def _url(value: str) -> str | None:
    try:
        return profile_url(value)[0]
    except ValueError:
        return None


def _value(record: IncomingPerson, name: str) -> object:
    """What the record says of a field of `held` (see `said_then`)."""
    if name == "name":
        return tuple(getattr(record, part) for part in NAME)
    return getattr(record, name)


def _unique(values: list[object]) -> list[object]:
    kept: list[object] = []
    for value in values:
        if value not in kept:
            kept.append(value)
    return kept


class SaidThen:
    """For the writer: which of a known person's name, place, birthday, job and LinkedIn tie
    date a newer copy of a record imported before said when last imported (`said_then`)."""

    def __init__(self, state: WorkspaceState, linked: dict[int, tuple[int, date | None]]) -> None:
        self.state = state
        # person id -> the id and date of the user's LinkedIn tie to them (`ties.read_linked`)
        self.linked = linked
        # organization id -> its names, read when first needed
        self.spellings: dict[int, list[str]] | None = None

    def _printed(self, plan: Plan, person: Known, record: IncomingPerson) -> int | None:
        """The record's fingerprint when last imported, for this person."""
        if not record.key:
            return None
        former = plan.former_keys.get(id(record), record.key)
        pair = (record.source, former)
        shared = self.state.shared.get(pair)  # (held by several: this person's own)
        return shared.get(person.id) if shared else self.state.fingerprints.get(pair)

    def lines_then(self, plan: Plan, person: Known, record: IncomingPerson) -> dict[str, str]:
        """The relation lines of the record's notes (`IncomingPerson.relations`: "Spouse:
        Jane Smith", from a card's RELATED) that replace one it said when last imported
        ("Spouse: Jane Doe"), which the person's notes hold: new line -> line then. Known
        by the record's fingerprint then: the record with that one line put back is the
        record then (a line of the same label written by hand is no line the record said,
        and stays)."""
        printed = self._printed(plan, person, record)
        held = unify_line_breaks(person.values["notes"] or "")
        if printed is None or not record.notes or not held:
            return {}
        held_lines = {line.strip() for line in held.split("\n") if line.strip()}
        now_lines = [line.strip() for line in record.notes.split("\n") if line.strip()]
        found: dict[str, str] = {}
        for line in now_lines:
            label, colon, _value = line.partition(": ")
            if not colon or line in held_lines or line not in record.relations:
                continue
            for old in sorted(held_lines - set(now_lines)):
                if not old.startswith(label + ": ") or old in found.values():
                    continue
                then = replace(record, notes=record.notes.replace(line, old, 1))
                if then.fingerprint() == printed:
                    found[line] = old
                    break
        return found

    def __call__(self, plan: Plan, person: Known, record: IncomingPerson) -> frozenset[str] | None:
        printed = self._printed(plan, person, record)
        if printed is None:
            return None
        values = person.values
        held: dict[str, list[object]] = {
            "name": held_names(
                record, values["display_name"], values["given_name"], values["family_name"]
            ),
            "location": [values["location"]],
            "birthday": [values["birthday"]],
        }
        if record.keep_in_touch_days is not None:
            held["keep_in_touch_days"] = [values["keep_in_touch_days"]]
        if record.positions or person.positions:
            held["positions"] = held_jobs(person.positions, self._spellings())
        # An address, number or web address the file gave since: the record then was the
        # record now without those Goodword does not hold (they are only ever added, so
        # one held is one it may have said then).
        region = self.state.region
        for name, kept in (
            ("emails", lambda v: normalize.email(v) in person.emails),
            ("phones", lambda v: holds_phone(person.phones, phone_form(v, region), region)),
            ("urls", lambda v: _url(v) in person.urls),
        ):
            given = getattr(record, name)
            then = [item for item in given if kept(item.value)]
            if len(then) < len(given):
                held[name] = [then]
        tie = self.linked.get(person.id)
        if record.linkedin_connection and tie is not None:
            held["connected_on"] = [tie[1]]
        # Notes and tags are only ever added: what the record said then is among those
        # held. (Tried last, and only when the record says one not held: a new headline.)
        notes = held_notes(values["notes"])
        if record.notes not in notes:
            held["notes"] = notes
        for name in ("tags", "interests"):
            listed: list[str] = list(values[name] or [])
            if not set(getattr(record, name)) <= set(listed):
                held[name] = [[], listed]
        found = said_then(record, printed, held)
        if found is None and len(record.positions) > 1:
            # A record of several jobs may have said them all then but one: those many ways
            # are tried after the rest, so they do not use up the other fields' tries.
            single = held.get("positions", [])
            every = held_jobs(person.positions, self._spellings(), record.positions)
            held["positions"] = every[len(single) :]
            found = said_then(record, printed, held)
        return found

    def _spellings(self) -> dict[int, list[str]]:
        """Every name of every organization, by id (read once, when first needed)."""
        if self.spellings is None:
            self.spellings = {}
            for org_id, name, aliases in self.state.exact_organizations.values():
                self.spellings.setdefault(org_id, [name, *aliases])
            for org_id, name in self.state.organization_names.items():
                self.spellings.setdefault(org_id, [name])
        return self.spellings
