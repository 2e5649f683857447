"""Goodword's own people exports read back in: the CSV (as exported, or re-saved by a
spreadsheet: dates in the computer's order, the "+" of a number dropped) and the JSON, each
person exactly as Goodword held them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from goodword.importers import dateorder, job_lines
from goodword.importers.cleaning import keep_in_touch_days, revived
from goodword.importers.dates import parse_job_date, read_birthday
from goodword.importers.mapped import birthday_order
from goodword.importers.matched import Matched
from goodword.importers.reading import Document
from goodword.importers.records import (
    EarlierSource,
    ImportFileError,
    IncomingPerson,
    IncomingPosition,
    Labeled,
    Parsed,
    Skipped,
)
from goodword.importers.tables import Table
from goodword.organizations.names import organization_key
from goodword.people import job_dates, normalize
from goodword.records import latest_today

PEOPLE_JSON = "goodword-people"
_MONTH_FIRST = dateorder.DateOrder.MONTH_FIRST
CSV_HEADERS = [
    "Goodword ID", "Display Name", "Given Name", "Family Name", "Organization", "Title",
    "E-mails", "E-mail Labels",
    "Phones", "Phone Labels", "Websites", "Website Labels", "Location", "Birthday", "Tags",
    "Interests", "How We Met", "Notes", "Positions",
]  # fmt: skip


class _Unreadable(ValueError):
    """What part of a person in Goodword's own export cannot be read, in words for the
    report (never the text of a Python error)."""


def _lines(value: str) -> list[str]:
    return [v for v in value.split("\n") if v.strip()]


def _items(value: str) -> list[str]:
    """A Tags or Interests cell: one a line, or, when one of them holds a line break, the
    JSON list of them (`["Acme\\nalumni", "chess"]`), as the Positions cell is written."""
    if value.startswith("[") and value.rstrip().endswith("]"):
        try:
            items = json.loads(value)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return [i for i in items if i.strip()]
    return _lines(value)


def _listed(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Unreadable(f"its {key.replace('_', ' ')} are not a list")
    return value


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _Unreadable(f"its {key.replace('_', ' ')} is not text")
    return value or None


def _labeled(data: dict[str, Any], key: str) -> list[Labeled]:
    """E-mails, phones or web addresses: each text, or {"value": text, "label": text}."""
    what = {"emails": "e-mails", "urls": "web addresses"}.get(key, key)
    out = []
    for value in _listed(data, key):
        if isinstance(value, dict):
            text, label = value.get("value"), value.get("label")
        else:
            text, label = value, None
        if not isinstance(text, str | None) or not isinstance(label, str | None):
            raise _Unreadable(f"one of its {what} is not text")
        out.append(Labeled(text or "", label or None))
    return [v for v in out if v.value]


def _texts(data: dict[str, Any], key: str) -> list[str]:
    """A list of text (tags, interests); an empty entry is left out."""
    items = _listed(data, key)
    if not all(isinstance(item, str | None) for item in items):
        raise _Unreadable(f"one of its {key} is not text")
    return [item for item in items if item]


def _flag(value: Any) -> bool:
    """A job's "is_current": true or false, as the export writes it."""
    if not isinstance(value, bool):
        raise _Unreadable(f"a job's is_current is {json.dumps(value)[:20]}, not true or false")
    return value


def _position(data: Any) -> IncomingPosition:
    if not isinstance(data, dict):
        raise _Unreadable("a job in its positions is not a record with an organization")
    organization = str(data.get("organization") or "").strip()

    def day(what: str) -> tuple[date | None, str | None]:
        """The job's start or end, and its precision: the export's "start_precision"
        beside "start_date", or a month or year written alone ("2020-01", "2020")."""
        said = data.get(f"{what}_date")
        if not said:
            return None, None
        given = data.get(f"{what}_precision")
        try:
            return date.fromisoformat(str(said)), job_dates.kept(str(given))
        except ValueError:
            found, precision = parse_job_date(str(said))
            if found is not None and precision is not None and len(str(said).strip()) <= 7:
                return found, precision
            raise _Unreadable(
                f"the {what} date '{said}' of its job at {organization or 'no organization'} "
                "is not a date written as 2019-03-05"
            ) from None

    start, start_precision = day("start")
    end, end_precision = day("end")
    return IncomingPosition(
        organization=organization,
        title=str(data["title"]) if data.get("title") else None,
        department=str(data["department"]) if data.get("department") else None,
        start_date=start,
        end_date=end,
        is_current=_flag(data.get("is_current", True)),
        start_precision=start_precision,
        end_precision=end_precision,
    )


# A report's words for a job to add by hand, as the pages say them (a report is kept so);
# the API and the command line say it in their own (`registry.in_the_api`,
# `registry.on_the_command_line`).
ADD_THE_JOB = "add the job on the person's page"


def kept_jobs(positions: list[IncomingPosition], warnings: list[str]) -> list[IncomingPosition]:
    """The jobs an import can keep; each it cannot is said in `warnings`, never dropped
    unsaid: one with no organization, or at one whose name has no letter or digit ("+"),
    which every import takes for a placeholder ("-", "."), not an organization."""
    kept = []
    for job in positions:
        title = f" '{job.title}'" if job.title else ""
        if not job.organization:
            warnings.append(f"the job{title} has no organization; not kept")
        elif not organization_key(job.organization) and set(job.organization) <= {"?", " "}:
            warnings.append(
                f"the job{title} at '{job.organization}' was not kept: the organization's "
                "name is question marks alone, as letters become when a spreadsheet saves the "
                "file in an older character set; import the file as Goodword exported it, or "
                "save it as CSV UTF-8"
            )
        elif not organization_key(job.organization):
            warnings.append(
                f"the job{title} at '{job.organization}' was not kept: an organization's "
                "name needs a letter or a digit to be told from a placeholder such as '-'; "
                f"rename the organization and export again, or {ADD_THE_JOB}"
            )
        else:
            kept.append(job)
    return kept


def _from_record(
    data: Any, file_name: str, line: int, *, order: dateorder.DateOrder = _MONTH_FIRST
) -> IncomingPerson:
    """One person of Goodword's own export (CSV row or JSON object); a numeric birthday
    ("4/12/1985", as a spreadsheet re-saves one) is read in the file's date `order`."""
    if not isinstance(data, dict):
        raise _Unreadable("it is not a record of a person")
    warnings: list[str] = []
    notes = [note] if (note := _text(data, "notes")) else []
    said = (_text(data, "birthday") or "").strip()
    day = dateorder.read_date(said, order) if said else None
    no_year: str | None = None  # a birthday without its year, written "--04-12"
    if day is not None and day > latest_today():
        birthday: date | None = day  # kept as Goodword saved it
    else:
        birthday, no_year, unkept = read_birthday(said, day, notes)
        warnings += [unkept] if unkept else []
    positions = [_position(p) for p in _listed(data, "positions")]
    return IncomingPerson(
        source="goodword", file_name=file_name, line=line, key=_text(data, "id"),
        display_name=_text(data, "display_name"), given_name=_text(data, "given_name"),
        family_name=_text(data, "family_name"), emails=_labeled(data, "emails"),
        phones=_labeled(data, "phones"), urls=_labeled(data, "urls"),
        positions=kept_jobs(positions, warnings), location=_text(data, "location"),
        birthday=birthday, birthday_no_year=no_year, notes="\n".join(notes) or None,
        how_we_met=_text(data, "how_we_met"),
        tags=_texts(data, "tags"),
        interests=_texts(data, "interests"),
        keep_in_touch_days=_days(data.get("keep_in_touch_days"), warnings),
        earlier_sources=_earlier_sources(data.get("sources"), warnings),
        says_me=data.get("is_me") is True, warnings=warnings,
    )  # fmt: skip


def _earlier_sources(listed: Any, warnings: list[str]) -> list[EarlierSource]:
    """The source records the JSON lists for a person (none in the CSV), but Goodword's
    own: the record's own id says that one. One that cannot be read is said in `warnings`
    and left out; the person is imported all the same."""
    found: list[EarlierSource] = []
    for entry in listed if isinstance(listed, list) else []:
        try:
            source, key = entry["source"], entry["external_key"]
            if source == "goodword":
                continue
            name, at, printed, line = (
                entry.get("file_name"),
                entry.get("imported_at"),
                entry.get("fingerprint"),
                entry.get("line"),
            )
            assert isinstance(source, str) and 0 < len(source) <= 40
            assert isinstance(key, str) and key and isinstance(name, str | None)
            assert printed is None or (isinstance(printed, int) and not isinstance(printed, bool))
            if not (isinstance(line, int) and not isinstance(line, bool) and 0 < line < 2**31):
                line = None  # (an export from before lines were kept, or one edited by hand)
            when = datetime.fromisoformat(at) if isinstance(at, str) else None
            if when is not None and when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
        except (KeyError, TypeError, ValueError, AssertionError):
            warnings.append("a source record it lists cannot be read; not kept")
            continue
        found.append(
            EarlierSource(source, name, key[:300], when, printed, _matched(entry, warnings), line)
        )
    return found


def _matched(entry: dict[str, Any], warnings: list[str]) -> dict[str, Any] | None:
    """What a source record an import had matched to the person held and added (so the
    match can be split off here too), checked; one that cannot be read is said in
    `warnings` and left out (the source record itself is kept)."""
    if entry.get("matched") is None:
        return None
    try:
        return Matched.model_validate(entry["matched"]).model_dump(mode="json")
    except ValidationError:
        warnings.append(
            f"what its {entry['source']} record '{entry['external_key']}' added when it was "
            "matched cannot be read; the record is kept, but cannot be split off"
        )
        return None


def _days(value: Any, warnings: list[str]) -> int | None:
    """A keep-in-touch cadence (`cleaning.keep_in_touch_days`); anything else is said in
    `warnings` and not kept."""
    days = keep_in_touch_days(value)
    if days is None and value is not None:
        warnings.append(
            f"keep in touch days '{value}' is not a whole number of days from 0 to 3650; not kept"
        )
    return days


def _with_labels(values: str, labels: str) -> list[dict[str, str | None]]:
    """Pair the lines of a values cell with the lines of its labels cell."""
    label_lines = labels.split("\n") if labels else []
    return [
        {"value": value, "label": (label_lines[i] if i < len(label_lines) else "") or None}
        for i, value in enumerate(values.split("\n"))
        if value.strip()
    ]


# A Phones cell that a spreadsheet read as a number: "4930123456" was "+4930123456". The
# export writes a cell of numbers it understood in international form, bare; a cell of
# several lines, or of a number kept as typed, is text that no spreadsheet turns into one.
_BARE_NUMBER = re.compile(r"\s*[1-9]\d{6,14}\s*")


def _international(phones: str) -> str:
    """The Phones cell with the "+" a spreadsheet dropped put back: bare digits that are a
    valid number with it (the export wrote every number it could read with its "+"; one it
    kept as typed, such as "5550100", stays as it is)."""
    bare = _BARE_NUMBER.fullmatch(phones) and normalize.valid_with_plus(phones)
    return "+" + phones.strip() if bare else phones


def _jobs_cell(text: str, organization: str, title: str) -> Any:
    """The jobs of a Positions cell (`job_lines`); with none, a job at the Organization and
    Title columns, which otherwise only show the job now (a row typed into the sheet)."""
    if not text.strip():
        return [{"organization": organization, "title": title or None}] if organization else []
    jobs = job_lines.read_jobs_cell(text)
    if jobs is None:
        raise _Unreadable(
            "its Positions cell is not the list of jobs Goodword writes there: a job a line, "
            "such as "
            f'"{job_lines.EXAMPLE}"'
        )
    return jobs


def _columns_unread(jobs: list[dict[str, Any]], organization: str, title: str) -> str | None:
    """Why the Organization and Title columns were not read, when they no longer show the
    job now of the Positions cell beside them (an edit in the sheet): the cell gives the
    jobs. Which job an edit there meant (the job now renamed, or a new one) only the
    Positions cell says, so none is guessed."""
    now = next((job for job in jobs if job.get("is_current")), None)
    held = (str(now.get("organization") or ""), str(now.get("title") or "")) if now else ("", "")
    if (organization, title) == held:
        return None

    def job(org: str, its_title: str) -> str:
        return " at ".join(part for part in (its_title, org) if part)

    shown = f"{job(*held)} now" if now else "no job now"
    return (
        f"its Title and Organization columns ({job(organization, title) or 'emptied'}) were "
        "not read: they "
        f"only show the job now, and the Positions column gives the jobs ({shown}); change "
        "the job in the Positions column, or empty that cell to have the two columns read"
    )


def _skipped(file_name: str, line: int, who: str, problem: str) -> Skipped:
    """A person that cannot be read, named as the file names them, with what to do."""
    return Skipped(
        file_name,
        line,
        f"{problem}; not imported: correct it in the file (or export the person from "
        "Goodword again) and import the file again",
        name=who,
    )


def parse_goodword_csv(table: Table) -> Parsed:
    """Goodword's own people CSV (see export.to_csv), as exported or re-saved by a
    spreadsheet (its birthdays then in the computer's date order)."""
    parsed = Parsed(table.name, "goodword-csv", "Goodword people CSV")
    column = table.index.get("birthday")
    order = birthday_order(table, parsed, [] if column is None else [column])
    for line, row in table.rows:
        parsed.rows += 1

        def raw(header: str, row: list[str] = row) -> str:
            column = table.index.get(header)
            return revived(row[column]) if column is not None and column < len(row) else ""

        who = raw("display name").strip() or " ".join(
            n for n in (raw("given name").strip(), raw("family name").strip()) if n
        )
        try:
            record = {
                "id": raw("goodword id").strip(),
                "display_name": raw("display name").strip(),
                "given_name": raw("given name").strip(),
                "family_name": raw("family name").strip(),
                "emails": _with_labels(raw("e-mails"), raw("e-mail labels")),
                "phones": _with_labels(_international(raw("phones")), raw("phone labels")),
                "urls": _with_labels(raw("websites"), raw("website labels")),
                "location": raw("location").strip(),
                "birthday": raw("birthday").strip(),
                "tags": _items(raw("tags")),
                "interests": _items(raw("interests")),
                "how_we_met": raw("how we met"),
                "notes": raw("notes"),
                "positions": _jobs_cell(
                    raw("positions"), raw("organization").strip(), raw("title").strip()
                ),
                "keep_in_touch_days": raw("keep in touch days").strip() or None,
            }
            person = _from_record(record, table.name, line, order=order)
            if raw("positions").strip():
                unread = _columns_unread(
                    record["positions"], raw("organization").strip(), raw("title").strip()
                )
                person.warnings += [unread] if unread else []
        except _Unreadable as unreadable:
            parsed.skipped.append(_skipped(table.name, line, who, str(unreadable)))
            continue
        if not person.name:
            parsed.skipped.append(Skipped(table.name, line, "a row with no name"))
            continue
        parsed.people.append(person)
    return parsed


def looks_like_people_json(text: str) -> bool:
    head = text.lstrip()[:200]
    return head.startswith("{") and f'"{PEOPLE_JSON}"' in head


def parse_people_json(document: Document) -> Parsed:
    parsed = Parsed(document.name, "goodword-json", "Goodword people JSON")
    try:
        data = json.loads(document.text)
    except json.JSONDecodeError as exc:
        # It begins as one (`looks_like_people_json`): cut short, or changed by hand.
        end = exc.pos >= len(document.text.rstrip()) or (
            exc.msg.startswith("Unterminated string") and '"' not in document.text[exc.pos + 1 :]
        )  # (at its end, or in a text that runs to its end)
        raise ImportFileError(
            document.name,
            (
                "is a Goodword people export cut short (it ends in the middle): export it "
                "again, or download it again whole."
                if end
                else f"is a Goodword people export that is no longer valid JSON ({exc.msg}). "
                "Export it again rather than editing it."
            ),
            line=None if end else exc.lineno,
        ) from None
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, list):
        raise ImportFileError(
            document.name, "is not a Goodword people export (no list of people in it)."
        )
    # Each person named by the line their record begins on (by their place in the list
    # when the text cannot be followed, which `json` read all the same).
    lines = _record_lines(document.text)
    if len(lines) != len(people):
        lines = list(range(1, len(people) + 1))
    for line, record in zip(lines, people, strict=True):
        parsed.rows += 1
        name = record.get("display_name") if isinstance(record, dict) else None
        who = name if isinstance(name, str) else ""
        try:
            person = _from_record(record, document.name, line)
        except _Unreadable as unreadable:
            parsed.skipped.append(_skipped(document.name, line, who, str(unreadable)))
            continue
        if not person.name:
            parsed.skipped.append(Skipped(document.name, line, "a person with no name"))
            continue
        parsed.people.append(person)
    return parsed


def _record_lines(text: str) -> list[int]:
    """The line each item of the "people" list begins on (none when the list is not found).

    >>> _record_lines('{"format": "x",\\n "people": [\\n  {"a": "[{"},\\n  {"b": 1}]}')
    [3, 4]
    """
    opening = _PEOPLE_LIST.search(text)
    if opening is None:
        return []
    decoder = json.JSONDecoder()
    found: list[int] = []
    at, line, counted = opening.end(), 1, 0
    while True:
        between = _BETWEEN_ITEMS.match(text, at)
        at = between.end() if between else at
        if at >= len(text) or text[at] == "]":
            return found
        line += text.count("\n", counted, at)
        counted = at
        found.append(line)
        try:
            at = decoder.raw_decode(text, at)[1]
        except ValueError:
            return []


# Where the list of people opens, and what may stand between its items.
_PEOPLE_LIST = re.compile(r'"people"\s*:\s*\[')
_BETWEEN_ITEMS = re.compile(r"[\s,]*")


TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    ("goodword-csv", frozenset({"goodword id", "display name", "positions"}), parse_goodword_csv),
]
