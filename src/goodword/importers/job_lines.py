"""A person's jobs in the people CSV's Positions cell, one a line, as a spreadsheet user reads
them ("Senior Analyst at Kestrel Labs (Data), since 2021-03"), and read back from it as
they were written. A cell whose jobs would not read back exactly as they are (a title with
" at " in it, a line break, an organization in brackets ...) is the JSON list of them
instead, as the cell always was before, and both are read."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from goodword.importers.cleaning import inert
from goodword.people import job_dates
from goodword.people.models import Position

# A date as `job_dates.written` writes one: a day, a month or a year.
_DAY = r"\d{4}(?:-\d{2}){0,2}"
_LINE = re.compile(
    r"^(?:(?P<title>.+?) at )?(?P<org>.+?)(?: \((?P<department>[^()]+)\))?, (?P<when>now|past"
    rf"|since (?P<since>{_DAY})|until (?P<until>{_DAY})|from (?P<start>{_DAY}), ended"
    rf"|(?P<began>{_DAY}) to (?P<ended>{_DAY}))$"
)
EXAMPLE = "Senior Analyst at Kestrel Labs, since 2021-03"


def job_record(position: Position) -> dict[str, Any]:
    """A job as the people JSON and CSV write it (the date whole, its precision beside it)."""
    return {
        "organization": position.organization.name,
        "title": position.title,
        "department": position.department,
        "start_date": position.start_date.isoformat() if position.start_date else None,
        "end_date": position.end_date.isoformat() if position.end_date else None,
        "start_precision": job_dates.precision_of(position.start_date, position.start_precision),
        "end_precision": job_dates.precision_of(position.end_date, position.end_precision),
        "is_current": position.is_current,
    }


def _line(position: Position) -> str:
    start = job_dates.written(position.start_date, position.start_precision)
    end = job_dates.written(position.end_date, position.end_precision)
    if start and end:
        when = f"{start} to {end}"
    elif start:
        when = f"since {start}" if position.is_current else f"from {start}, ended"
    elif end:
        when = f"until {end}"
    else:
        when = "now" if position.is_current else "past"
    what = f"{position.title} at " if position.title else ""
    department = f" ({position.department})" if position.department else ""
    return f"{what}{position.organization.name}{department}, {when}"


def _said(position: Position) -> tuple[Any, ...]:
    """What a line must give back: everything the job holds."""
    return (
        position.organization.name,
        position.title or None,
        position.department or None,
        job_dates.written(position.start_date, position.start_precision) or None,
        job_dates.written(position.end_date, position.end_precision) or None,
        position.is_current and position.end_date is None,
    )


def jobs_cell(positions: Sequence[Position]) -> str:
    """The Positions cell: a job a line, or the JSON list of them when a line would not read
    back as the job it is."""
    if not positions:
        return ""
    lines = [_line(p) for p in positions]
    if not lines[0].lstrip().startswith("[") and all(
        _reads_back(line, p) for line, p in zip(lines, positions, strict=True)
    ):
        return inert("\n".join(lines))
    return json.dumps([job_record(p) for p in positions], ensure_ascii=False)


def _reads_back(line: str, position: Position) -> bool:
    """Whether the line, alone on its line, reads back as everything the job holds."""
    if len(line.splitlines()) != 1 or (read := _read(line)) is None:
        return False
    keys = ("organization", "title", "department", "start_date", "end_date", "is_current")
    return tuple(read[key] for key in keys) == _said(position)


def _read(line: str) -> dict[str, Any] | None:
    found = _LINE.fullmatch(line.strip())
    if found is None:
        return None
    start = found["since"] or found["start"] or found["began"]
    end = found["until"] or found["ended"]
    return {
        "organization": found["org"],
        "title": found["title"],
        "department": found["department"],
        "start_date": start,
        "end_date": end,
        "is_current": found["when"] == "now" or found["since"] is not None,
    }


def read_jobs_cell(text: str) -> list[dict[str, Any]] | None:
    """The jobs of a Positions cell as records (the JSON's shape), its dates as written
    ("2021-03"); None when a line is not a job as `jobs_cell` writes one."""
    if text.lstrip().startswith("["):
        try:
            listed = json.loads(text)
        except ValueError:
            return None
        return listed if isinstance(listed, list) else None
    jobs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        read = _read(line)
        if read is None:
            return None
        jobs.append(read)
    return jobs
