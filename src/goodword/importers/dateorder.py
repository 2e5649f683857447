"""One date order per file. A spreadsheet that re-saves a CSV writes its dates as numbers in
the computer's own order (26/12/2025 in Britain, 12/26/2025 in the US), so "05/01/2024" in
one file means what the file's other dates say it means: a first number over 12 proves the
file day first, a second number over 12 proves it month first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from goodword.importers.dates import parse_date
from goodword.importers.records import ImportFileError

# A date written as numbers only, day and month in some order: "1/8/18, 6:14 PM",
# "26/12/2025 09:14", "05-01-2024". (Year first is ISO and never ambiguous.)
_NUMERIC = re.compile(r"^\s*(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
# Excel's serial day number (days since 30 December 1899), left when a re-saved date cell
# is formatted as a plain number; only plausible days (1954 to 2119) are read as dates.
_SERIAL = re.compile(r"^\s*(\d{5})(?:\.\d+)?\s*$")
_SERIAL_EPOCH = date(1899, 12, 30)


class DateOrder(StrEnum):
    MONTH_FIRST = "month first"
    DAY_FIRST = "day first"


@dataclass(frozen=True, slots=True)
class Settled:
    """The order a file's numeric dates are read in, and what settled it."""

    order: DateOrder
    # The line and date that proved the order; None when nothing did (the default).
    proof: tuple[int, str] | None = None
    # When nothing proved it: the first date the order changes (line, text), if any.
    example: tuple[int, str] | None = None


def settle(
    file_name: str,
    dates: Iterable[tuple[int, str]],
    *,
    column: str,
    default: DateOrder = DateOrder.MONTH_FIRST,
) -> Settled:
    """Choose one order for the (line, text) dates of one file; raise if they prove both.

    >>> settle("c.csv", [(5, "05/01/2024"), (6, "26/12/2025")], column="Connected On").order
    <DateOrder.DAY_FIRST: 'day first'>
    """
    day_first: tuple[int, str] | None = None
    month_first: tuple[int, str] | None = None
    example: tuple[int, str] | None = None
    for line, text in dates:
        found = _NUMERIC.match(text)
        if not found:
            continue
        first, second = int(found[1]), int(found[3])
        if first > 12 >= second:
            day_first = day_first or (line, text.strip())
        elif second > 12 >= first:
            month_first = month_first or (line, text.strip())
        elif first != second and example is None:
            example = (line, text.strip())
        if day_first and month_first:
            proofs = sorted([(*day_first, "day"), (*month_first, "month")])
            said = ", and ".join(
                f"line {line} has '{text}', which can only be {order} first"
                for line, text, order in proofs
            )
            refused = ImportFileError(
                file_name,
                f"its {column} dates are written in two orders: {said}. Write the column's "
                "dates one way (or import the file as it was exported, before a spreadsheet "
                "saved it) and import it again.",
            )
            # The message names both lines; the error's own line (for a program) is the first.
            refused.line = proofs[0][0]
            raise refused
    if day_first:
        return Settled(DateOrder.DAY_FIRST, proof=day_first)
    if month_first:
        return Settled(DateOrder.MONTH_FIRST, proof=month_first)
    return Settled(default, example=example)


def month_first(text: str, order: DateOrder) -> str:
    """The text with a numeric date written month first with slashes, as `parse_date` and
    `parse_datetime` read it; any other text as it was.

    >>> month_first("05/01/2024 09:14", DateOrder.DAY_FIRST)
    '01/05/2024 09:14'
    """
    found = _NUMERIC.match(text)
    if not found:
        return text
    first, second = found[1], found[3]
    if order is DateOrder.DAY_FIRST:
        first, second = second, first
    return f"{first}/{second}/{found[4]}{text[found.end() :]}"


def serial_date(text: str) -> date | None:
    """A spreadsheet's serial day number ("46017" is 26 December 2025), or None."""
    found = _SERIAL.match(text)
    if not found:
        return None
    day = _SERIAL_EPOCH + timedelta(days=int(found[1]))
    return day if 1954 <= day.year <= 2119 else None


def read_date(text: str, order: DateOrder) -> date | None:
    """A date in the file's order (numbers, a serial day, or any shape `parse_date` reads)."""
    return parse_date(month_first(text, order)) or serial_date(text)


# What to do when a file's dates were read in the wrong order, by who wrote the file.
_LINKEDIN_FIX = "import the file as it was exported, before a spreadsheet saved it"
# A CSV's and Outlook's, in the pages' words: the API and the command line say them in
# their own (`registry.in_the_api`, `registry.on_the_command_line`).
CORRECT_BIRTHDAYS = "correct those birthdays on each person's page"
CORRECT_BIRTHDAYS_AND_ANNIVERSARIES = (
    "correct those birthdays and anniversaries on each person's page"
)


def note(
    file_name: str,
    settled: Settled,
    *,
    read_as: date | None,
    writer: str = "LinkedIn",
    fix: str = _LINKEDIN_FIX,
) -> str | None:
    """The report's note when nothing in the file proved the order and it mattered;
    `writer` is who writes dates in the order assumed, `fix` what to do if it is wrong."""
    if settled.proof is not None or settled.example is None:
        return None
    line, text = settled.example
    other = "day" if settled.order is DateOrder.MONTH_FIRST else "month"
    read = f": '{text}' (line {line}) is {read_as.day} {read_as:%B %Y}" if read_as else ""
    return (
        f"{file_name}: no date in it shows whether its dates are written day or month first, "
        f"so they were read {settled.order}, as {writer} writes them{read}. If they are "
        f"{other} first, {fix}."
    )
