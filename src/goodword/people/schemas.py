from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from goodword.organizations.schemas import NAMES_NO_ORGANIZATION, OrganizationAdded
from goodword.people import birthdays, job_dates, normalize
from goodword.people.job_dates import Precision
from goodword.records import (
    Day,
    Number,
    Problem,
    RecordId,
    already_begun,
    check_whole,
    latest_today,
    one_line,
    unify_line_breaks,
    visible_name,
)

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(visible_name)
]
PartName = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100), AfterValidator(visible_name)
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
# Digits, then perhaps an extension ("ext. 12", "x12", "#12", or ";ext=12" as in a tel: URI).
PHONE_PATTERN = (
    r"(?i)^(?:tel:)?[0-9+().\-\s/]+(?:\s*(?:x|#|ext\.?|extension)\s*[0-9]+|;ext=[0-9]+)?$"
)
# The validation context's key for the region a number without a country code is read in
# (the workspace's); see `phone_context`.
PHONE_REGION = "phone_region"


def _readable_phone(value: str, info: ValidationInfo) -> str:
    """With the region known, a number the service could not read is refused here, with the
    service's words, so a form lists it with the other fields' problems."""
    region = (info.context or {}).get(PHONE_REGION)
    if region:
        normalize.phone(value, region)
    return value


def _web_address(value: str) -> str:
    normalize.profile_url(value)  # (the service keeps the normalised form)
    return value


Phone = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=3,
        # (room for the longest extension phonenumbers reads, written out as "extension")
        max_length=64,
        pattern=PHONE_PATTERN,
    ),
    AfterValidator(_readable_phone),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=4, max_length=500),
    AfterValidator(_web_address),
]


Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(one_line),
]


def _unified(value: Any) -> Any:
    return unify_line_breaks(value) if isinstance(value, str) else value


# Text of several lines, kept with "\n" line breaks however the browser or client wrote them
# ("\r\n" from a form), as an import keeps them: the same note then reads the same from
# every export.
# A person's notes: long enough for pasted letters and threads, short enough for a form to
# send back (an import cuts a longer note to this, saying so).
NOTES_MAX = 100_000
Notes = Annotated[str, BeforeValidator(_unified), StringConstraints(max_length=NOTES_MAX)]
HowWeMet = Annotated[str, BeforeValidator(_unified), StringConstraints(max_length=2_000)]

NAME_HINT = "Give a display name, or a given or family name."
BORN_LATER = "That day is still to come: give the day they were born."
ENDED_LATER = (
    "That day is still to come: give the day the job ended, or leave the end empty while "
    "they still work there."
)
STARTED_LATER = (
    "That day is still to come, and this job has ended: give the day it began, or say they "
    "work there now."
)


def phone_context(region: str) -> dict[str, str]:
    """The validation context that has phone numbers read in `region` as the form is checked."""
    return {PHONE_REGION: region}


def _one_birthday(person: PersonBase) -> Problem | None:
    if person.birthday and person.birthday_no_year:
        return Problem(
            "Give their birthday with its year or without it, not both.", "birthday_no_year"
        )
    return None


def _needs_a_name(person: PersonBase) -> Problem | None:
    if person.display_name or person.given_name or person.family_name:
        return None
    return Problem(NAME_HINT, field="display_name")


class PersonBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: Name | None = None
    given_name: PartName | None = None
    family_name: PartName | None = None
    emails: list[EmailStr] = Field(default_factory=list, max_length=20)
    phones: list[Phone] = Field(default_factory=list, max_length=20)
    urls: list[Url] = Field(default_factory=list, max_length=20)
    location: ShortText | None = None
    notes: Notes | None = None
    how_we_met: HowWeMet | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    interests: list[Tag] = Field(default_factory=list, max_length=50)
    is_me: bool = False
    birthday: Annotated[date, already_begun(BORN_LATER)] | None = None
    # A birthday without its year, as "--04-12" (12 April; "12 April" is read too).
    birthday_no_year: Annotated[str, AfterValidator(birthdays.check)] | None = None
    # Keep-in-touch cadence in days for this person (0 turns reminders off); None: the default.
    keep_in_touch_days: Annotated[Number, Field(ge=0, le=3650)] | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _check(
        cls, data: Any, handler: ModelWrapValidatorHandler[PersonBase], info: ValidationInfo
    ) -> PersonBase:
        return check_whole(cls, data, handler, info, [_needs_a_name, _one_birthday])


class PersonCreate(PersonBase):
    pass


class PersonUpdate(PersonBase):
    """A full replacement of the person's own fields (positions are edited on their own)."""


class PositionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: RecordId | None = None
    organization_name: Name | None = None
    title: ShortText | None = None
    department: ShortText | None = None
    # (In the years every planned or recorded date keeps to, `records.Day`. A start still to
    # come is a job taken that starts next month, so it is refused only for a job that has
    # ended (`_began_before_it_ended`); an end is a day that has come.)
    # (A month or a year alone, "2021-05", "May 2021" or "2021", is read as its first day
    # with that precision: `_months_and_years`.)
    start_date: Day | None = None
    end_date: Annotated[Day, already_begun(ENDED_LATER)] | None = None
    start_precision: Precision | None = Field(
        default=None,
        description="How much of start_date is known: day, month or year (kept as its first "
        'day). Not said, a start left as it was keeps its precision; "2021-05" or "2021" as '
        "start_date says it too.",
    )
    end_precision: Precision | None = Field(
        default=None, description="How much of end_date is known, as start_precision."
    )
    is_current: bool = True

    @model_validator(mode="wrap")
    @classmethod
    def _check(
        cls, data: Any, handler: ModelWrapValidatorHandler[PositionCreate], info: ValidationInfo
    ) -> PositionCreate:
        # (Both rules are judged even when another field has an error: one submit lists all.)
        position = check_whole(
            cls, _months_and_years(data), handler, info,
            [_names_its_organization, _ends_after, _began_before_it_ended],
        )  # fmt: skip
        if position.end_date is not None:
            position.is_current = False  # (a job with an end is over)
        if position.start_date is None:
            position.start_precision = None
        else:  # (a month's or year's date is kept as its first day)
            position.start_date = job_dates.first_day(position.start_date, position.start_precision)
        if position.end_date is None:
            position.end_precision = None
        else:
            position.end_date = job_dates.first_day(position.end_date, position.end_precision)
        return position


class PositionUpdate(PositionCreate):
    """A job replaced whole: whether they work there now is said, never taken as yes (a
    client renaming a past job would otherwise make it current)."""

    is_current: bool


def _names_its_organization(position: PositionCreate) -> Problem | None:
    if position.organization_id is None and not position.organization_name:
        return Problem(NAMES_NO_ORGANIZATION)
    return None


def _months_and_years(data: Any) -> Any:
    """A job's start or end typed as a month or a year alone ("2021-05", "May 2021", "2021")
    read as its first day in that precision, whatever precision is said beside it."""
    if not isinstance(data, Mapping):
        return data
    read = {}
    for what in ("start", "end"):
        given = data.get(f"{what}_date")
        if isinstance(given, str) and (found := job_dates.read(given)):
            read[f"{what}_date"], read[f"{what}_precision"] = found[0].isoformat(), found[1]
    return {**data, **read} if read else data


def _ends_after(position: PositionCreate) -> Problem | None:
    """An end before the start is refused; one in the month or year it started is not."""
    start, end = position.start_date, position.end_date
    if start and end and job_dates.last_day(end, position.end_precision) < start:
        return Problem("end_date is before start_date.")
    return None


def _began_before_it_ended(position: PositionCreate) -> Problem | None:
    """A job that has ended (an end, or not current) began on a day that has come."""
    ended = position.end_date is not None or not position.is_current
    if ended and position.start_date is not None and position.start_date > latest_today():
        return Problem(STARTED_LATER, field="start_date")
    return None


class PositionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: int
    organization_name: str
    title: str | None
    department: str | None
    start_date: date | None
    end_date: date | None
    start_precision: Precision | None = Field(
        default=None,
        description="How much of start_date the source gave: day, month (LinkedIn's "
        '"Jan 2020", kept as the 1st) or year (kept as 1 January); null without a date.',
    )
    end_precision: Precision | None = Field(
        default=None, description="How much of end_date the source gave, as start_precision."
    )
    is_current: bool


class PositionSaved(OrganizationAdded, PositionRead):
    """A job as saved, and whether its organization was added for it."""


class PersonSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    display_name: str
    location: str | None
    is_me: bool


class PersonRead(BaseModel):
    id: int
    display_name: str
    given_name: str | None
    family_name: str | None
    emails: list[str]
    phones: list[str] = Field(
        description="E.164, with ';ext=' and the extension when there is one "
        "('+14155550100;ext=12'); a number that could not be read, as it was written."
    )
    urls: list[str]
    location: str | None
    notes: str | None
    how_we_met: str | None
    tags: list[str]
    interests: list[str]
    is_me: bool
    birthday: date | None
    birthday_no_year: str | None = Field(
        default=None, description="A birthday without its year, as '--04-12' (12 April)."
    )
    keep_in_touch_days: int | None = None
    positions: list[PositionRead]
    created_at: datetime
    updated_at: datetime


# Lines, commas or semicolons; not the semicolon of a phone extension ("+14155550100;ext=12").
_SEPARATORS = re.compile(r"[\n,]+|;(?!ext=)", re.IGNORECASE)


def split_lines(text: str | None) -> list[str]:
    """Split a textarea or comma list into values (forms send many values this way)."""
    if not text:
        return []
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
