"""What a record matched to someone else held and what it added to them, kept with its
provenance row (`PersonSource.matched`) so the match can be undone (`splitting.py`).

A record an import applies to a person it did not make (found by an e-mail address, a
profile, a phone or a name with evidence, or folded into someone made by an earlier
record of the same import) is written down as JSON:

    {"v": 1,
     "line": 412,                                   # its line or card in the file
     "fingerprint": 123,                            # what it said when last applied
     "record": {"display_name": …, "given_name": …, "family_name": …,
                "emails": [[address, label]], "phones": [[number, label]],
                "urls": [[url, kind, label]],
                "jobs": [[organization id, title, department, start, end, current,
                          start precision, end precision]],   # (the two only when said)
                "location": …, "birthday": "1985-04-12", "notes": …, "how_we_met": …,
                "birthday_no_year": "--04-12",          # only for a birthday without one
                "tags": […], "interests": […], "keep_in_touch_days": …,
                "linkedin": {"since": "2024-01-08"}},   # only for a LinkedIn connection
     "added": {"fields": {"location": [before, after], …},
               "tags": […], "interests": […],   # the ones it added
               "notes": […],                    # the pieces of text it appended
               "emails": […], "phones": […], "urls": […],
               "jobs": [[organization id, title, start, end, current]],
               "changed_jobs": [[organization id, title, start,
                                 {"end_date": [before, after],
                                  "end_precision": [None, "month"],
                                  "start_date": [before, after], …}]],   # (start: after)
               "tie": true},                    # it linked the person to you on LinkedIn
     "restored": [["linkedin", key]]}          # source records a people JSON row brought

`record` is the record as the import read it (its values normalised, its organizations by
id), enough to make the person it turns out to be; `added` is what applying it changed,
each value before and after, so a split takes back only what is still as the record
left it. An organization deleted since is taken out of it (`forget_organization`), so an
id SQLite gave out again (before migration 0033) never means another. Dates are ISO
text. The rest of the import does not read this; `Matched` reads it back, checked (a
restore brings it from a file: `exchange`, `own_exports`), with each organization as an id
here, as the file's key for it in an exchange file, or by its name in the people JSON
(`organizations_as`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from goodword.importers.bulk import Changes, Held, Known, cut
from goodword.importers.combine import Combined
from goodword.importers.records import IncomingPerson
from goodword.people.job_dates import Precision

VERSION = 1

# The person's own fields a record can change (`applying.apply_record`): values it sets,
# lists it adds to, and notes it appends to.
FIELDS = ("display_name", "given_name", "family_name", "location", "birthday",
          "birthday_no_year", "how_we_met", "keep_in_touch_days")  # fmt: skip
LISTS = ("tags", "interests")

# What can change about a job held already: ended, its title written out, a department,
# a date's precision ("Jan 2020": a month; a job's end and its precision change together),
# and its start given more precisely (17 May 2021 for "May 2021", with its precision).
JOB_FIELDS = ("title", "department", "end_date", "is_current", "start_precision",
              "end_precision", "start_date")  # fmt: skip


def _precise(position: Any) -> bool:
    return bool(position.start_precision or position.end_precision)


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def _job(held: Held, ended: dict[int, dict[str, Any]] | None = None) -> tuple[Any, ...]:
    """A job's `JOB_FIELDS`. Ending a job does not change its `Held.end_date`: the end
    (and its precision) is in the row still to insert, or in `ended` by id."""
    end, precision = held.end_date, held.end_precision
    if held.row is not None:
        end, precision = held.row["end_date"], held.row["end_precision"]
    elif ended and held.id in ended:
        row = ended[held.id]
        end, precision = row["end_date"], row.get("end_precision", precision)
    return (held.title, held.department, end, held.is_current, held.start_precision, precision,
            held.start_date)  # fmt: skip


@dataclass
class Mark:
    """A known person as they were before one record was applied (`take`)."""

    values: dict[str, Any]
    jobs: dict[int, tuple[Held, tuple[Any, ...]]]
    emails: int
    phones: int
    urls: int
    positions: int
    ended: int


def take(person: Known, out: Changes) -> Mark:
    """Note what `person` holds and how far `out` has come, before a record is applied."""
    return Mark(
        values={name: person.values[name] for name in (*FIELDS, *LISTS, "notes")},
        jobs={id(held): (held, _job(held)) for held in person.positions},
        emails=len(out.emails),
        phones=len(out.phones),
        urls=len(out.urls),
        positions=len(out.positions),
        ended=len(out.ended),
    )


def added(mark: Mark, person: Known, out: Changes) -> dict[str, Any]:
    """What applying a record changed about `person` since `mark` (see the module)."""
    values, was = person.values, mark.values
    fields = {
        name: [_json(was[name]), _json(values[name])]
        for name in FIELDS
        if values[name] != was[name]
    }
    lists = {name: [v for v in values[name] or [] if v not in (was[name] or [])] for name in LISTS}
    notes, before = values["notes"] or "", was["notes"] or ""
    pieces = [notes[len(before) :].strip()] if notes != before and notes.startswith(before) else []
    ended = {row["id"]: row for row in out.ended[mark.ended :]}
    changed_jobs = []
    for held, before in mark.jobs.values():
        after = _job(held, ended)
        if after != before:
            changes = {
                name: [_json(old), _json(new)]
                for name, old, new in zip(JOB_FIELDS, before, after, strict=True)
                if old != new
            }
            changed_jobs.append([held.organization_id, held.title, _json(held.start_date), changes])
    return {
        "fields": fields,
        **lists,
        "notes": [piece for piece in pieces if piece],
        "emails": [row["address"] for row in out.emails[mark.emails :]],
        "phones": [row["number"] for row in out.phones[mark.phones :]],
        "urls": [row["url"] for row in out.urls[mark.urls :]],
        "jobs": [
            [
                row["organization_id"],
                row["title"],
                _json(row["start_date"]),
                _json(row["end_date"]),
                row["is_current"],
            ]
            for row in out.positions[mark.positions :]
        ],
        "changed_jobs": changed_jobs,
    }


def matched(
    record: IncomingPerson,
    data: Combined,
    organization_ids: list[int],
    did: dict[str, Any],
    fingerprint: int,
) -> dict[str, Any]:
    """The JSON kept for a record matched to someone else: what it held (`data`, its jobs'
    organizations as `organization_ids`), what it `did` (`added`) and its `fingerprint`."""
    held: dict[str, Any] = {
        "display_name": data.display_name,
        "given_name": data.given_name,
        "family_name": data.family_name,
        "emails": [[address, label] for address, label in data.emails.items()],
        "phones": [[number, label] for number, label in data.phones.items()],
        "urls": [[url, kind, label] for url, (kind, label) in data.urls.items()],
        "jobs": [
            [
                org_id,
                cut(p.title, 200),
                cut(p.department, 200),
                _json(p.start_date),
                _json(p.end_date),
                p.is_current and p.end_date is None,
                # ("Jan 2020" is a month: kept only when said, so a record of whole days
                # reads as it did before precisions were kept.)
                *((p.start_precision, p.end_precision) if _precise(p) else ()),
            ]
            for org_id, p in zip(organization_ids, data.positions, strict=True)
        ],
        "location": data.location,
        "birthday": _json(data.birthday),
        "notes": "\n\n".join(data.notes) or None,
        "how_we_met": data.how_we_met,
        "tags": list(data.tags),
        "interests": list(data.interests),
        "keep_in_touch_days": data.keep_in_touch_days,
    }
    if data.birthday_no_year:  # (only then, as kept before it was read)
        held["birthday_no_year"] = data.birthday_no_year
    if record.linkedin_connection:
        held["linkedin"] = {"since": _json(record.connected_on)}
    return {
        "v": VERSION,
        "line": record.line,
        "fingerprint": fingerprint,
        "record": held,
        "added": did,
        "restored": [],
    }


# How a kept record names an organization: its id, or in an exchange file its key there.
Org = int | str
Day = date | None
Text = str | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LinkedIn(_Strict):
    since: Day = None


class RecordHeld(_Strict):
    """What the record held, as the import read it."""

    display_name: Text = None
    given_name: Text = None
    family_name: Text = None
    emails: list[tuple[str, Text]] = []
    phones: list[tuple[str, Text]] = []
    urls: list[tuple[str, str, Text]] = []
    # organization, title, department, start, end, current (and the start's and end's
    # precision, when one is a month or a year)
    jobs: list[
        tuple[Org, Text, Text, Day, Day, bool]
        | tuple[Org, Text, Text, Day, Day, bool, Precision | None, Precision | None]
    ] = []
    location: Text = None
    birthday: Day = None
    birthday_no_year: Text = None  # "--04-12"
    notes: Text = None
    how_we_met: Text = None
    tags: list[str] = []
    interests: list[str] = []
    keep_in_touch_days: int | None = None
    # Only for a LinkedIn connection's record.
    linkedin: LinkedIn | None = None


Field = Literal[FIELDS]  # type: ignore[valid-type]
JobField = Literal[JOB_FIELDS]  # type: ignore[valid-type]


class Added(_Strict):
    """What applying the record changed about the person, each value before and after."""

    fields: dict[Field, tuple[Any, Any]] = {}
    tags: list[str] = []
    interests: list[str] = []
    notes: list[str] = []
    emails: list[str] = []
    phones: list[str] = []
    urls: list[str] = []
    # organization, title, start, end, current (as they are now, if a newer copy of the
    # record changed them: `compose`)
    jobs: list[tuple[Org, Text, Day, Day, bool]] = []
    # organization, title (as it is now), start, what changed
    changed_jobs: list[tuple[Org, Text, Day, dict[JobField, tuple[Any, Any]]]] = []
    # Whether it linked the person to you on LinkedIn (they had no tie before).
    tie: bool = False


class Matched(_Strict):
    v: Literal[1]
    line: int
    fingerprint: int | None
    record: RecordHeld
    added: Added
    # Source records (source, key) that a row of Goodword's people JSON brought with it.
    restored: list[tuple[str, str]] = []


def organizations_as(matched: dict[str, Any], to: Callable[[Any], Any]) -> dict[str, Any]:
    """The kept JSON with each organization `to` another way of naming it (an id to an
    exchange file's key, or back); a job whose organization `to` finds no other name for
    (None: deleted since, with its jobs) is left out."""

    def jobs(found: list[list[Any]]) -> list[list[Any]]:
        return [[named, *job[1:]] for job in found if (named := to(job[0])) is not None]

    record, added = matched["record"], matched["added"]
    return {
        **matched,
        "record": {**record, "jobs": jobs(record.get("jobs", []))},
        "added": {
            **added,
            "jobs": jobs(added.get("jobs", [])),
            "changed_jobs": jobs(added.get("changed_jobs", [])),
        },
    }


def forget_organization(matched: dict[str, Any], organization_id: int) -> dict[str, Any]:
    """The kept JSON without the jobs at an organization being deleted (they go with it)."""
    return organizations_as(matched, lambda org: None if org == organization_id else org)


def compose(held: dict[str, Any], newer: dict[str, Any]) -> dict[str, Any]:
    """What a matched record holds and has added once a newer copy of it (found by its key,
    changed at its source) has been applied too: the newer copy's values, and everything
    both added, each value from before the first to after the last. A job the first added
    and the newer copy changed is a job added as it is now."""
    first, then = held["added"], newer["added"]
    fields = {name: list(pair) for name, pair in first["fields"].items()}
    for name, (before, after) in then["fields"].items():
        fields[name] = [fields[name][0] if name in fields else before, after]
    jobs = [list(job) for job in first["jobs"]]
    # (A job added again, after it was deleted, is one job.)
    for job in then["jobs"]:
        jobs = [j for j in jobs if (j[0], j[1], j[2]) != (job[0], job[1], job[2])]
    changed = [[*job[:3], dict(job[3])] for job in first["changed_jobs"]]
    for org, title, start, changes in then["changed_jobs"]:
        was = changes["title"][0] if "title" in changes else title
        began = changes["start_date"][0] if "start_date" in changes else start
        mine = next((j for j in jobs if (j[0], j[1], j[2]) == (org, was, began)), None)
        if mine is not None:
            for name, index in (("title", 1), ("start_date", 2), ("end_date", 3),
                                ("is_current", 4)):  # fmt: skip
                if name in changes:
                    mine[index] = changes[name][1]
            continue
        earlier = next((j for j in changed if (j[0], j[1], j[2]) == (org, was, began)), None)
        if earlier is None:
            changed.append([org, title, start, dict(changes)])
            continue
        earlier[1], earlier[2] = title, start
        for name, (before, after) in changes.items():
            earlier[3][name] = [earlier[3][name][0] if name in earlier[3] else before, after]
    return {
        **newer,
        "added": {
            "fields": fields,
            **{
                name: list(dict.fromkeys([*first.get(name, []), *then.get(name, [])]))
                for name in LISTS
            },
            "notes": [*first.get("notes", []), *then.get("notes", [])],
            "emails": list(dict.fromkeys([*first["emails"], *then["emails"]])),
            "phones": list(dict.fromkeys([*first["phones"], *then["phones"]])),
            "urls": list(dict.fromkeys([*first["urls"], *then["urls"]])),
            "jobs": [*jobs, *then["jobs"]],
            "changed_jobs": changed,
            "tie": bool(first.get("tie") or then.get("tie")),
        },
        "restored": [
            list(pair)
            for pair in dict.fromkeys(
                tuple(pair) for pair in [*held.get("restored", []), *newer.get("restored", [])]
            )
        ],
    }
