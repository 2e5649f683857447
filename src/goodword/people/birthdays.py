"""A birthday without its year: the day and month alone, kept as ISO 8601 and vCard 4 write
it ("--04-12", 12 April), in `Person.birthday_no_year` beside the whole date of
`Person.birthday` (a person has one or the other, never both)."""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, 1)} | {
    name[:3].lower(): number for number, name in enumerate(MONTHS, 1)
} | {"sept": 9}  # fmt: skip
# "--04-12" and vCard 4's basic "--0412"; "12 April", "12 Apr.", "April 12", "Apr 12th".
_ISO = re.compile(r"--(\d{2})-?(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?")
_MONTH_FIRST = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?")
NOT_A_DAY = "Give the day and month, such as 12 April or --04-12."


def month_day(month: int, day: int) -> str | None:
    """The day as it is kept ("--04-12"); None when no year has it (29 February is in some)."""
    try:
        date(2000, month, day)  # a leap year: every day there is
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def read(text: str) -> str | None:
    """A day and month as a person types them, kept as "--MM-DD"; None when the text is not
    one (a whole date is not: it has a year).

    >>> read("12 April"), read("april 12"), read("--0412"), read("--04-12"), read("1990-04-12")
    ('--04-12', '--04-12', '--04-12', '--04-12', None)
    """
    text = text.strip()
    if found := _ISO.fullmatch(text):
        return month_day(int(found[1]), int(found[2]))
    if found := _DAY_FIRST.fullmatch(text):
        day, month = found[1], found[2]
    elif found := _MONTH_FIRST.fullmatch(text):
        month, day = found[1], found[2]
    else:
        return None
    number = _MONTH_NUMBERS.get(month.lower())
    return month_day(number, int(day)) if number else None


def parts(kept: str) -> tuple[int, int]:
    """(month, day) of a kept day ("--04-12" is (4, 12))."""
    return int(kept[2:4]), int(kept[5:7])


def shown(kept: str) -> str:
    """A kept day in words: "--04-12" is "12 April"."""
    month, day = parts(kept)
    return f"{day} {MONTHS[month - 1]}"


def check(value: str) -> str:
    """A schema's check: the day and month in their kept form, or refused in words."""
    kept = read(value)
    if kept is None:
        raise ValueError(NOT_A_DAY)
    return kept
