"""A job's start or end in the precision its source gave it: a month ("Jan 2020", which
LinkedIn writes) or a year ("2020") is kept as its first day, and shown and written back as
the month or the year, not as that day."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]
# What a date's precision is kept as: None for a whole day (and for a job without the date).
PARTIAL = ("month", "year")


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
