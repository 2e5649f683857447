"""A job's start or end in the precision its source gave it: a month ("Jan 2020", which
LinkedIn writes) or a year ("2020") is kept as its first day, and shown and written back as
the month or the year, not as that day."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, Literal, NamedTuple

Precision = Literal["day", "month", "year"]
# What a date's precision is kept as: None for a whole day (and for a job without the date).
PARTIAL = ("month", "year")
# A month or a year typed alone: "2021-05", "May 2021", "2021".
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.? +(\d{4})")
_YEAR = re.compile(r"\d{4}")
_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)


def kept(precision: str | None) -> str | None:
    """The precision as a job keeps it: "month" or "year", None for a whole day."""
    return precision if precision in PARTIAL else None


def precision_of(day: date | None, precision: str | None) -> Precision | None:
    """The precision said beside a date (JSON, the CLI): None when there is no date."""
    if day is None:
        return None
    return "month" if precision == "month" else "year" if precision == "year" else "day"


def written(day: date | None, precision: str | None) -> str:
    """The date as ISO 8601 writes it in its precision: "2020-01-15", "2020-01", "2020".

    >>> written(date(2020, 1, 1), "month"), written(date(2020, 1, 1), "year")
    ('2020-01', '2020')
    >>> written(date(2020, 1, 15), None), written(None, "month")
    ('2020-01-15', '')
    """
    if day is None:
        return ""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def in_words(day: date | None, precision: str | None) -> str:
    """The date as a page shows it: "15 Jan 2020", "Jan 2020", "2020".

    >>> in_words(date(2020, 1, 1), "month"), in_words(date(2020, 1, 15), None)
    ('Jan 2020', '15 Jan 2020')
    """
    if day is None:
        return ""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day:%b %Y}"
    return f"{day.day} {day:%b %Y}"


def last_day(day: date, precision: str | None) -> date:
    """The last day a date in its precision may be: an end known as "2019" is 31 December
    2019, as "Feb 2020" 29 February 2020 (a start is its first day, as kept).

    >>> last_day(date(2019, 1, 1), "year"), last_day(date(2020, 2, 1), "month")
    (datetime.date(2019, 12, 31), datetime.date(2020, 2, 29))
    >>> last_day(date(2020, 2, 7), None)
    datetime.date(2020, 2, 7)
    """
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def read(text: str) -> tuple[date, Precision] | None:
    """A month or a year typed alone ("2021-05", "May 2021", "2021") as its first day and
    its precision; None for anything else (a whole day is read as a date is).

    >>> read("2021-05"), read("may 2021"), read(" 2019 ")
    ((datetime.date(2021, 5, 1), 'month'), (datetime.date(2021, 5, 1), 'month'), \
(datetime.date(2019, 1, 1), 'year'))
    >>> read("2021-05-14"), read("2021-13"), read("Smarch 2021"), read("0000")
    (None, None, None, None)
    """
    text = text.strip()
    if _YEAR.fullmatch(text):
        return (date(int(text), 1, 1), "year") if int(text) else None  # (no year 0)
    month: int | None = None
    if found := _YEAR_MONTH.fullmatch(text):
        year, month = int(found[1]), int(found[2])
    elif found := _MONTH_YEAR.fullmatch(text):
        year, month = int(found[2]), _MONTHS.get(found[1].lower())
    if month is None or not 1 <= month <= 12 or not year:
        return None
    return date(year, month, 1), "month"


def first_day(day: date, precision: str | None) -> date:
    """The day a date in its precision is kept as: its month's or year's first.

    >>> first_day(date(2021, 5, 14), "month"), first_day(date(2021, 5, 14), "year")
    (datetime.date(2021, 5, 1), datetime.date(2021, 1, 1))
    """
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "month":
        return date(day.year, day.month, 1)
    return day


# How much of a date a precision leaves out: a year says less than a month, a month than a day.
_COARSENESS = {"month": 1, "year": 2}


def compared(a: date, a_precision: str | None, b: date, b_precision: str | None) -> int:
    """-1, 0 or 1 as `a` comes before `b`, is it, or comes after, each read in the coarser
    precision of the two: "May 2021" is 17 May 2021 and is 2021, as neither says otherwise.

    >>> may = date(2021, 5, 1)
    >>> compared(may, "month", date(2021, 5, 17), None), compared(may, "month", may, "year")
    (0, 0)
    >>> compared(date(2021, 1, 1), "year", date(2021, 5, 17), None)
    0
    >>> compared(may, "month", date(2021, 4, 30), None), compared(may, None, may, "year")
    (1, 0)
    >>> compared(may, None, date(2021, 5, 17), None)
    -1
    """
    coarser = max(kept(a_precision), kept(b_precision), key=lambda p: _COARSENESS.get(p or "", 0))
    x, y = first_day(a, coarser), first_day(b, coarser)
    return (x > y) - (x < y)


def _coarseness(precision: str | None) -> int:
    return _COARSENESS.get(kept(precision) or "", 0)


def finer(a: date, a_precision: str | None, b: date, b_precision: str | None) -> bool:
    """Whether `b` says more of the date `a` is: in a finer precision, and the same read in
    `a`'s ("17 May 2021" or "May 2021" for "2021"). A whole day on the very day `a` is kept
    as says no more (a month was kept so before months were, and some files write one so).

    >>> may = date(2021, 5, 1)
    >>> finer(may, "month", date(2021, 5, 17), None), finer(may, "year", may, "month")
    (True, True)
    >>> finer(may, "month", may, None), finer(may, "month", date(2021, 1, 1), "year")
    (False, False)
    >>> finer(may, "month", date(2021, 6, 2), None)
    False
    """
    if _coarseness(b_precision) >= _coarseness(a_precision):
        return False
    if kept(b_precision) is None and b == a:
        return False
    return compared(a, a_precision, b, b_precision) == 0


def apart(a: date, a_precision: str | None, b: date) -> tuple[int, int]:
    """How far `a` (in its precision) is from `b`, to choose the closest of several dates the
    same as `b` in the coarser precision: the days between them, then the coarser the
    farther (of "2021" and "May 2021", the month for 1 May 2021).

    >>> apart(date(2021, 1, 1), "year", date(2021, 11, 20))
    (323, 2)
    >>> apart(date(2021, 11, 1), "month", date(2021, 11, 20))
    (19, 1)
    """
    return abs((a - b).days), _coarseness(a_precision)


class Dates(NamedTuple):
    """A job's start and end, each with its precision ("month", "year", None for a day)."""

    start: date | None
    start_precision: str | None
    end: date | None
    end_precision: str | None


def pairing(held: Dates, other: Dates, *, ends_may_differ: bool = False) -> tuple[Any, ...] | None:
    """How good a pair a job held and another copy of a job at its organization with its
    title are, lowest first, or None when they cannot be one job: the starts the same and
    the ends the same (each read in the coarser precision of the two), or an end on one side
    only (a job one side knows has ended); and neither's start after the other's end, so the
    job, taking the dates it is given more precisely, never starts after it ends (2021 to
    March 2021 is not a job from September 2021). The very dates first, then the very start,
    then both ends or neither, then the closest start (or end, for jobs without one:
    `apart`). An import and a merge pair jobs by it (`importers.jobs.paired_jobs`,
    `duplicates.moving`), best first over every pair, then by the job held first recorded.

    An import passes `ends_may_differ`: a file whose end differs from the one held (an end
    the user corrected by hand) is still that job, ranked after every job whose end agrees,
    and the end held stays (`importers.jobs._ended` takes only a more precise one), with a
    note in the report. A merge does not: neither side's end is known to be the right one,
    so two jobs whose ends differ stay two.

    >>> year, march = date(2021, 1, 1), date(2021, 3, 1)
    >>> pairing(Dates(year, "year", march, "month"), Dates(date(2021, 9, 1), "month", None, None))
    >>> pairing(Dates(year, "year", march, "month"), Dates(date(2021, 1, 15), None, None, None))
    (False, True, True, True, (14, 2))
    """
    if not (_same(held.start, held.start_precision, other.start, other.start_precision)):
        return None
    one_end = (held.end is None) != (other.end is None)
    differ = not (one_end or _same(held.end, held.end_precision, other.end, other.end_precision))
    if differ and not ends_may_differ:
        return None
    if _after(other.start, other.start_precision, held.end, held.end_precision) or _after(
        held.start, held.start_precision, other.end, other.end_precision
    ):
        return None
    far = (0, 0)  # (both undated: the same)
    if held.start is not None and other.start is not None:
        far = apart(held.start, held.start_precision, other.start)
    elif held.end is not None and other.end is not None:
        far = apart(held.end, held.end_precision, other.end)
    return (
        differ,
        (held.start, held.end) != (other.start, other.end),
        held.start != other.start,
        one_end,
        far,
    )


def _same(a: date | None, a_precision: str | None, b: date | None, b_precision: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return compared(a, a_precision, b, b_precision) == 0


def _after(
    start: date | None, start_precision: str | None, end: date | None, end_precision: str | None
) -> bool:
    """Whether a start comes after an end, each read in the coarser precision of the two."""
    if start is None or end is None:
        return False
    return compared(start, start_precision, end, end_precision) > 0
