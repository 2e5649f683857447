"""Dates, timestamps and birthdays read in the shapes the sources write them (month names in
seven languages, day or month first, year first, a weekday before the date, a time after
it), a birthday without its year kept as its day and month, and a birthday that cannot be
kept said in words."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import UTC, date, datetime
from functools import lru_cache

from goodword.people.birthdays import month_day
from goodword.records import latest_today

# Month names and their short forms, in English and in the languages a spreadsheet set up
# for them writes dates in ("26. Dez. 2025", "26-déc.-25", "26 dic 2025").
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january", "januar", "janv", "janvier", "ene", "enero", "gen", "gennaio",
             "januari", "janeiro"),
            ("feb", "february", "februar", "févr", "fevr", "février", "fevrier", "febrero",
             "febbraio", "februari", "fev", "fevereiro"),
            ("mar", "march", "mär", "märz", "maerz", "mrz", "mars", "marzo", "mrt", "maart",
             "março", "marco"),
            ("apr", "april", "avr", "avril", "abr", "abril", "aprile"),
            ("may", "mai", "mayo", "mag", "maggio", "mei", "maio"),
            ("jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho"),
            ("jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho"),
            ("aug", "august", "août", "aout", "ago", "agosto", "augustus"),
            ("sep", "sept", "september", "septembre", "septiembre", "set", "settembre",
             "setembro"),
            ("oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out",
             "outubro"),
            ("nov", "november", "novembre", "noviembre", "novembro"),
            ("dec", "december", "dez", "dezember", "déc", "décembre", "decembre", "dic",
             "diciembre", "dicembre", "dezembro"),
        ],
        1,
    )
    for m in names
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")
# Year first with slashes, dots or one-digit parts, as East Asian spreadsheets save dates:
# "2025/12/26", "2025.1.5", "2025-1-5". Always year, month, day (as ISO orders them).
_YEAR_FIRST = re.compile(r"^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d)")
_DMY_WORDS = re.compile(r"^(\d{1,2})\.?[\s-]+([^\W\d_]{3,10})\.?,?[\s-]+(\d{4}|\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_MDY_WORDS = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
# "Mar 2019", and "Apr-85" as a spreadsheet shows a date formatted as month and year.
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?(?:\s+(\d{4})|-(\d{4}|\d{2}))$")
# A long date led by its weekday, as spreadsheets write one ("Wednesday, April 3, 1985",
# "mercredi 3 avril 1985"): the date is what follows. (Only a weekday: "Circa April 3,
# 1985" is no date.)
_WEEKDAY_FIRST = re.compile(r"^([^\W\d_]{2,12})\.?,?\s+")
# Weekdays in English (and their short forms), German, French, Spanish, Italian, Dutch and
# Portuguese.
_WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "mo", "di", "mi",
    "do", "fr", "sa", "so", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lunes", "martes",
    "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo", "lunedì",
    "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi", "venerdì",
    "venerdi", "domenica", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag", "ma", "wo", "vr", "za", "zo", "segunda", "terça", "terca", "quarta",
    "quinta", "sexta", "sabato", "th", "tu", "mié", "mie", "jue", "vie", "sáb", "dom", "gio",
    "sab", "seg", "ter", "qua", "qui", "sex",
}  # fmt: skip
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})")
_YEAR = re.compile(r"\d{4}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?")


@lru_cache(maxsize=16_384)
def parse_date(text: str) -> date | None:
    """Read the date shapes the sources use; None when the text is not one of them.

    "26 Dec 2025", "26-Dec-25" (and a month's name in German, French, Spanish, Italian,
    Dutch or Portuguese: "26. Dez. 2025", "26-déc.-25"), "1/8/18, 6:14 PM" (US month first,
    unless the first
    number cannot be a month: "26/12/2025"), "26.12.2025" (day first), "2019-03-05",
    "2019/03/05" and "2019.03.05" (year first is always year, month, day), "Mar 2019",
    "Apr-85", "2019", "Dec 10, 1990", "Wednesday, April 3, 1985", "19901210".
    """
    text = text.strip()
    if not text:
        return None
    if (found := _WEEKDAY_FIRST.match(text)) and found[1].lower() in _WEEKDAYS:
        rest = text[found.end() :]
        if _DMY_WORDS.match(rest) or _MDY_WORDS.match(rest):
            text = rest
    try:
        if found := _ISO.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _YEAR_FIRST.match(text):
            return date(int(found[1]), int(found[3]), int(found[4]))
        if found := _DMY_WORDS.match(text):
            return date(_full_year(found[3]), _month(found[2]), int(found[1]))
        if found := _DOTTED.match(text):
            return date(_full_year(found[3]), int(found[2]), int(found[1]))
        if found := _MDY_WORDS.match(text):
            return date(int(found[3]), _month(found[1]), int(found[2]))
        if found := _MONTH_YEAR.match(text):
            return date(_full_year(found[2] or found[3]), _month(found[1]), 1)
        if found := _SLASHED.match(text):
            first, second = int(found[1]), int(found[2])
            if first > 12 >= second:  # a spreadsheet's day-first date
                first, second = second, first
            return date(_full_year(found[3]), first, second)
        if _YEAR.fullmatch(text):
            return date(int(text), 1, 1)
    except (ValueError, KeyError):
        return None
    return None


# A month of a year written year first, as ISO 8601 shortens a date ("2020-01", "2020/1").
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")


def parse_job_date(text: str) -> tuple[date | None, str | None]:
    """A job's start or end and how much of it the text gives: "month" for a month of a
    year ("Jan 2020", "Apr-85", "2020-01"), kept as its 1st, "year" for a year alone
    ("2020"), kept as 1 January, None for a whole day (or no date).

    >>> parse_job_date("Jan 2020")
    (datetime.date(2020, 1, 1), 'month')
    >>> parse_job_date("2020-01")
    (datetime.date(2020, 1, 1), 'month')
    >>> parse_job_date("2020")
    (datetime.date(2020, 1, 1), 'year')
    >>> parse_job_date("2020-01-15")
    (datetime.date(2020, 1, 15), None)
    """
    text = text.strip()
    if found := _YEAR_MONTH.match(text):
        try:
            return date(int(found[1]), int(found[2]), 1), "month"
        except ValueError:
            return None, None
    day = parse_date(text)
    if day is None:
        return None, None
    if _YEAR.fullmatch(text):
        return day, "year"
    if _month_and_year(text):
        return day, "month"
    return day, None


def _full_year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 70 else 1900) if year < 100 else year


def _month(name: str) -> int:
    return _MONTHS[name.lower()]


def parse_datetime(text: str) -> datetime | None:
    """Read a timestamp ("2023-05-01 14:22:10 UTC", "1/8/18, 6:14 PM"); UTC when unzoned."""
    text = text.strip()
    day = parse_date(text)
    if day is None:
        return None
    rest = text.split(" ", 1)[1] if " " in text else ""
    if "T" in text[:11]:
        rest = text.split("T", 1)[1]
    hour = minute = second = 0
    if found := _TIME.search(rest):
        hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
        meridiem = (found[4] or "").lower()
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def unread_birthday(said: str) -> str:
    """Why a birthday as written was not read as a date, for the report: one without a year
    that is no day and month to keep ("--02-30", "4/12": day or month first?) is kept in the
    notes, and so are a year alone ("1985") and a day no calendar has."""
    # "--0412" is vCard 4's 12 April (a day without a year), not the year 412.
    no_year = said.startswith("--") or not re.search(r"\d{4}|[^\W\d_]-\d{2}$", said)
    if _YEAR.fullmatch(said.strip()):
        why = "is a year without a day"
    elif _month_and_year(said):
        why = "is a month without a day"
    else:
        why = "has no year" if no_year else "is not a date"
    return f"birthday '{said}' {why}; kept in the notes"


def _month_and_year(said: str) -> bool:
    """Whether a date is a month's name and a year alone ("Apr 1985", "Apr-85")."""
    found = _MONTH_YEAR.fullmatch(said.strip())
    return found is not None and found[1].lower() in _MONTHS


# A day and month without a year: "--04-12" (Google, vCard 4 and Apple's year-less date as
# `vcard_values.date_of` gives it), vCard 4's "--0412"; "12 April", "12. April", "12-Apr",
# "April 12" (Thunderbird's year-less birthday, a spreadsheet's), in the languages above.
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_DAY_MONTH = re.compile(r"(\d{1,2})\.?[\s-]+([^\W\d_]{3,10})\.?")
_MONTH_DAY = re.compile(r"([^\W\d_]{3,10})\.?\s+(\d{1,2})")


def day_without_year(said: str) -> str | None:
    """A birthday written as a day and month alone, as Goodword keeps one ("--04-12");
    None when it is not one.

    >>> day_without_year("--0412"), day_without_year("3 July"), day_without_year("12. Apr")
    ('--04-12', '--07-03', '--04-12')
    >>> day_without_year("--02-30"), day_without_year("1990-04-12"), day_without_year("4/12")
    (None, None, None)
    """
    text = said.strip()
    if found := _NO_YEAR.fullmatch(text):
        return month_day(int(found[1]), int(found[2]))
    if found := _DAY_MONTH.fullmatch(text):
        day, name = found[1], found[2]
    elif found := _MONTH_DAY.fullmatch(text):
        name, day = found[1], found[2]
    else:
        return None
    month = _MONTHS.get(name.lower())
    return month_day(month, int(day)) if month else None


def read_birthday(
    said: str, day: date | None, notes: list[str]
) -> tuple[date | None, str | None, str | None]:
    """The birthday a file gives as `said`, read as `day` (None when it is not a date):
    (the birthday, None, None) when it can be kept; (None, the day, None) for a day without
    a year (`day_without_year`: "--04-12", kept in `Person.birthday_no_year`). One that
    cannot be kept, a day and month no one can tell apart ("4/12"), a year
    alone ("1985", which `parse_date` reads as 1 January, as a job's start year is), a day
    no calendar has or a day still to come everywhere (as the forms refuse it; today is
    `latest_today`, from `goodword.clock`), is added to `notes` as the file gives it
    ("Birthday: 2031-05-04"): (None, None, why, for the report). Every format's birthday
    passes here."""
    if not said:
        return None, None, None
    if day is None and (alone := day_without_year(said)):
        return None, alone, None
    if _YEAR.fullmatch(said.strip()) or _month_and_year(said):
        day = None  # born that year (or month), on a day the file does not say
    if day is not None and day > latest_today() and str(day.year) not in said:
        # A year written in two digits ("3/4/27") read in this century is still to come: a
        # birthday's is the last century's.
        with suppress(ValueError):  # (29 February of a year that had none)
            day = day.replace(year=day.year - 100)
    if day is not None and day <= latest_today():
        return day, None, None
    notes.append(f"Birthday: {said}")
    if day is None:
        return None, None, unread_birthday(said)
    return None, None, f"birthday '{said}' is a day still to come; kept in the notes"
