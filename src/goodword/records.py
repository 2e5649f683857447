"""Helpers every aggregate's service shares: ownership checks, text clean-up, pagination."""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    any_,
    bindparam,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from goodword import clock
from goodword.db import LARGEST_ID
from goodword.errors import FieldError, InvalidInput, NotFound

T = TypeVar("T")

# Where the JSON API lives; a record's `url` in what it answers points under it.
API_PREFIX = "/api/v1"


# The years a date a user plans or records (a due date, a meeting, a snooze) may fall in:
# outside them it is a mistyped year, and date arithmetic near year 1 or 9999 overflows.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
OUT_OF_YEARS = f"Give a date from {EARLIEST_DAY.year} to {LATEST_DAY.year}: is the year right?"


def _within_years(value: T) -> T:
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(OUT_OF_YEARS)
    return value


# A number alone, which pydantic would read as seconds since 1970 ("0000" is 1 January 1970).
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d*)?")


def _no_seconds(kind: str) -> Callable[[T], T]:
    """Refuse a date or time given as a number: no one typing "0000" or 86400 means a day
    in 1970, as pydantic reads it."""

    def refuse(value: T) -> T:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number or (isinstance(value, str) and _NUMBER.fullmatch(value.strip())):
            raise PydanticCustomError(
                f"{kind}_from_number", f"Input should be a {kind}, not a number"
            )
        return value

    return refuse


Day = Annotated[date, BeforeValidator(_no_seconds("date")), AfterValidator(_within_years)]
Moment = Annotated[
    datetime, BeforeValidator(_no_seconds("datetime")), AfterValidator(_within_years)
]


# The time zone furthest ahead (UTC+14, Kiribati's Line Islands): its date is the latest
# anywhere, so a day that has begun for someone, wherever they are, is never in the future.
FURTHEST_AHEAD = timezone(timedelta(hours=14))


def latest_today() -> date:
    """Today where the date is furthest ahead: no later day has begun anywhere yet."""
    return max(clock.today(), clock.now().astimezone(FURTHEST_AHEAD).date())


def already_begun(message: str) -> AfterValidator:
    """A check that a day, or a time by the day written in it, has begun somewhere: what it
    records (a meeting, a birth, the start of a tie) has happened. Refused with `message`."""

    def check(value: T) -> T:
        day = value.date() if isinstance(value, datetime) else value
        if isinstance(day, date) and day > latest_today():
            raise ValueError(message)
        return value

    return AfterValidator(check)


@dataclass(frozen=True)
class Problem:
    """A rule over several fields that a record breaks: said of the whole record (as a
    ValueError in a model validator would be), or of `field` as an error of type `kind`."""

    message: str
    field: str | None = None
    kind: str = "value_error"


M = TypeVar("M", bound=BaseModel)
Rule = Callable[[Any], Problem | None]


def check_whole(
    model: type[M],
    data: Any,
    handler: ModelWrapValidatorHandler[M],
    info: ValidationInfo,
    rules: Sequence[Rule],
) -> M:
    """Validate `data` as `model`, then check `rules` over its fields, reporting every
    problem at once (for a model_validator(mode="wrap")).

    An "after" model validator runs only when every field is valid, so a form would show the
    fields' errors first and the rules' on the next submit. Here a rule is judged even then,
    on the fields that are valid; a rule that reads a field with an error of its own is
    passed over (that error is reported). Each rule takes the record, reads its fields as
    attributes and returns the Problem it finds, or None.
    """
    try:
        record = handler(data)
    except ValidationError as exc:
        errors = exc.errors()
        if not isinstance(data, Mapping) or any(not error["loc"] for error in errors):
            raise
        valid = _ValidFields(model, data, {error["loc"][0] for error in errors}, info.context)
        problems = _broken(rules, valid, data)
        if not problems:
            raise
        details = [_again(error) for error in errors]
        raise ValidationError.from_exception_data(exc.title, [*details, *problems]) from None
    problems = _broken(rules, record, data)
    if problems:
        raise ValidationError.from_exception_data(model.__name__, problems)
    return record


class _Unknown(Exception):
    """A field a rule reads has an error of its own."""


class _ValidFields:
    """The fields of input that failed validation as a whole, each validated on its own as a
    rule reads it; reading one with an error of its own (or missing) raises _Unknown."""

    def __init__(
        self, model: type[BaseModel], data: Mapping[str, Any], failed: set[Any], context: Any
    ) -> None:
        self._model, self._data, self._failed, self._context = model, data, failed, context

    def __getattr__(self, name: str) -> Any:
        info = self._model.model_fields.get(name)
        if info is None or name in self._failed:
            raise _Unknown(name)
        if name not in self._data:
            if info.is_required():
                raise _Unknown(name)
            return info.get_default(call_default_factory=True)
        try:
            return _field_adapter(self._model, name).validate_python(
                self._data[name], context=self._context
            )
        except ValidationError:
            raise _Unknown(name) from None


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    field_type: Any = info.annotation
    if info.metadata:  # (its constraints: a length, a range, a pattern)
        field_type = Annotated.__class_getitem__((field_type, *info.metadata))  # type: ignore[attr-defined]
    return TypeAdapter(field_type)


def _broken(rules: Sequence[Rule], record: Any, data: Any) -> list[InitErrorDetails]:
    found = []
    for rule in rules:
        try:
            problem = rule(record)
        except _Unknown:
            continue
        if problem is None:
            continue
        if problem.field is None:
            error = InitErrorDetails(
                type="value_error", loc=(), input=data, ctx={"error": ValueError(problem.message)}
            )
        else:
            where = data.get(problem.field) if isinstance(data, Mapping) else None
            error = InitErrorDetails(
                type=PydanticCustomError(problem.kind, problem.message),
                loc=(problem.field,),
                input=where,
            )
        found.append(error)
    return found


def _again(error: ErrorDetails) -> InitErrorDetails:
    """An error as Pydantic reported it, to report again with others."""
    again = InitErrorDetails(type=error["type"], loc=error["loc"], input=error["input"])
    if "ctx" in error:
        again["ctx"] = error["ctx"]
    try:
        ValidationError.from_exception_data("check", [again])
    except (KeyError, TypeError, ValueError):
        # Not one of Pydantic's own error types (an e-mail address's, a custom one): its
        # message as it was, with the context that explains it.
        message = error["msg"]
        context = error.get("ctx")
        if context and any("{" + key + "}" in message for key in context):
            context = None  # (the message is already filled in; nothing to fill in again)
        again = InitErrorDetails(
            type=PydanticCustomError(error["type"], message, context),
            loc=error["loc"],
            input=error["input"],
        )
    return again


# Characters that change how the text around them is shown without showing themselves:
# in a name they hide or disguise it (the left-to-right and right-to-left overrides can
# make "Ada" display as something else).
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible_name(value: str) -> str:
    """A name holds no control characters or direction overrides, and something visible.
    (Joiners stay: some scripts and emoji need them.)"""
    if any(unicodedata.category(c) == "Cc" or c in _DIRECTION_CONTROLS for c in value):
        raise ValueError(
            "This name holds invisible control characters (perhaps from a copy and paste); "
            "type it again."
        )
    if value and not any(unicodedata.category(c)[0] in "LNSPM" for c in value):
        raise ValueError("Give a name with letters or digits in it.")
    return value


def shown(value: str, limit: int = 60) -> str:
    """A value as a message quotes it: whole when short, else its start (a cell or a field
    can hold pages of text).

    >>> shown("ana@example")
    'ana@example'
    >>> shown("x" * 100, limit=10)
    'xxxxxxxxx…'
    """
    return value if len(value) <= limit else value[: limit - 1] + "…"


# A scheme at the start of an address ("https:", "javascript:"), not a host and its port
# ("example.com:8080").
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?![0-9])", re.IGNORECASE)


def _web_address(value: str) -> str:
    """A link the pages can open: a web address, "https://" added when it has no scheme.
    Any other scheme ("javascript:", "file:") is refused: a link is followed by a click."""
    if not value:
        return value
    bare = not _SCHEME.match(value)
    text = "https://" + value if bare else value
    parts = urlsplit(text)
    # (A host without a dot is an intranet's, "intranet/jobs/42"; one with a name and "@"
    # before it is an e-mail address, "ann@acme.com", or hides where a link goes. A lone word,
    # "not-a-url", is no address unless a scheme, a port or a path says it is one.)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or not any(c.isalnum() for c in parts.hostname)
        or (bare and not re.search(r"[.:]", parts.netloc) and parts.path in ("", "/"))
        or " " in parts.netloc
        or parts.username is not None
        or value.casefold() in _NO_ADDRESS
    ):
        raise ValueError(
            f"'{shown(value)}' is not a web address; write it like 'https://example.com/jobs/42'"
        )
    return text


# What a form's or a file's field says for no address at all.
_NO_ADDRESS = frozenset({"n/a", "na", "tbd", "tba", "none", "unknown", "null", "nil", "no"})


# A link to a page on the web (a job posting, an event's page), as given or with https://.
WebAddress = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=1000), AfterValidator(_web_address)
]


def _within_ids(value: int) -> int:
    if not -LARGEST_ID <= value <= LARGEST_ID:
        raise ValueError(f"No record has an id this large; ids go up to {LARGEST_ID:,}.")
    return value


# The validation context's key that says the input is a web form's, whose every value is
# text (see `forms.validate`).
FROM_A_FORM = "from_a_form"


def _a_whole_number(value: object, info: ValidationInfo) -> object:
    """An id is given as a whole number: the text "12" or the number 1.0 is refused, as a
    client that sends one has mixed up its types (and JSON's true, read as 1, would name a
    record it never meant). A web form's input is text: its ids are read from it."""
    if isinstance(value, bool):
        raise ValueError("Give a record's id as a number, not true or false.")
    if isinstance(value, int) or (isinstance(value, str) and (info.context or {}).get(FROM_A_FORM)):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = shown(value.strip(), 30)
        raise ValueError(
            f'Give a record\'s id as a number, without quotes: {number}, not "{number}".'
        )
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        raise ValueError(
            f"Give a record's id as a whole number, without a decimal point: {int(value)}, "
            f"not {value}."
        )
    raise ValueError("Give a record's id as a whole number, such as 12.")


def _no_truth_number(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("Give a number, not true or false.")
    return value


# A count or a rating (a closeness, days between catch-ups): a number, and JSON's true is
# not 1.
Number = Annotated[int, BeforeValidator(_no_truth_number)]


# An input field naming a record by its id: a whole number, strictly (see
# `_a_whole_number`). A number no id can reach is refused as that field's error, before it
# gets to the database (which would refuse it less helpfully); any other unknown id is the
# service's "no such record" for the field.
RecordId = Annotated[int, BeforeValidator(_a_whole_number), AfterValidator(_within_ids)]


def get_owned(
    session: Session, model: type[T], *, workspace_id: int, record_id: int, kind: str
) -> T:
    """Return the record if it is in this workspace, else NotFound (never a hint it exists)."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "workspace_id", None) != workspace_id:
        raise NotFound(kind, record_id)
    return record


def referenced(field: str, load: Callable[[], T]) -> T:
    """Load a record an input field names; an unknown id is a field error (422), not a 404."""
    try:
        return load()
    except NotFound as exc:
        raise InvalidInput(
            f"{field} does not name one of your records.",
            fields=[FieldError(field, exc.message)],
        ) from None


def clean_text(value: str | None) -> str | None:
    """Strip whitespace; turn blank text into None."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def one_line(value: str) -> str:
    """A tag is one line: a CSV export keeps several in one cell, a line each.

    >>> one_line("Mentor")
    'Mentor'
    """
    if value and value.splitlines() != [value]:
        raise ValueError(
            "A tag is one line: write it without a line break, or give each line as a tag "
            "of its own."
        )
    return value


def clean_list(values: Sequence[str]) -> list[str]:
    """Strip, drop blanks and drop case-insensitive repeats, keeping the first spelling."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in values:
        value = raw.strip()
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


def sort_key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class Page(Generic[T]):
    """One page of a list, with the cursor for the next page (None on the last), and the one
    for the page before it, sent as `?{prev_param}=` ("" when that is the first page; None
    on the first page itself)."""

    items: list[T]
    next_cursor: str | None = None
    total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    prev_cursor: str | None = None
    prev_param: str = "before"


# A list's links to its neighbours, as every paged list answers with them.
Next = Annotated[
    str | None,
    Field(description="Pass back as `after` for the next page; null on the last page."),
]
Prev = Annotated[
    str | None,
    Field(
        description="Pass back as `before` for the page before this one; null on the first page."
    ),
]


class OtherListCursor(ValueError):
    """A cursor one list's pages made, given to another list."""

    def __init__(self, made_by: str) -> None:
        super().__init__(f"the cursor is from the {made_by} list")
        self.made_by = made_by


def encode_cursor(*values: Any, list_name: str | None = None) -> str:
    """A cursor holding `values` (a row's place in a list's order) and, when given, the
    name of the list it is a place in, so another list can refuse it."""
    payload: Any = {"list": list_name, "at": list(values)} if list_name else list(values)
    raw = json.dumps(payload, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, list_name: str | None = None) -> list[Any]:
    """Decode a cursor made by encode_cursor; a damaged one raises ValueError, and one
    another list made than `list_name` OtherListCursor (a ValueError). A cursor that names
    no list (as they were made before cursors named theirs) is taken by any."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except Exception as exc:
        raise ValueError("cursor is damaged") from exc
    if isinstance(values, dict):
        made_by, values = values.get("list"), values.get("at")
        if not isinstance(made_by, str):
            raise ValueError("cursor is damaged")
        if list_name is not None and made_by != list_name:
            raise OtherListCursor(made_by)
    if not isinstance(values, list):
        raise ValueError("cursor is damaged")
    return values


def _place(values: list[Any], sort_column: Any) -> tuple[Any, int]:
    """A keyset cursor's sort value and id, once they are of the kinds the list sorts by
    (a cursor of the values alone, made before cursors named their list, may be another
    list's, or hand-edited): ValueError for any other shape, never the database's error.

    >>> from sqlalchemy import column, Integer, String
    >>> _place(["Ada", 7], column("name", String))
    ('Ada', 7)
    >>> _place([3, 7], column("name", String))
    Traceback (most recent call last):
    ValueError: cursor is damaged
    >>> _place(["2026-11-01", True], column("name", String))
    Traceback (most recent call last):
    ValueError: cursor is damaged
    """
    if len(values) != 2:
        raise ValueError("cursor is damaged")
    value, row_id = values
    if not _is_a(row_id, int):
        raise ValueError("cursor is damaged")
    try:
        kind: type = sort_column.type.python_type
    except NotImplementedError:  # SQLAlchemy's answer for a type with no Python type
        kind = str
    if kind is float and _is_a(value, int):
        return float(value), row_id
    if not _is_a(value, kind if kind in (int, float) else str):
        raise ValueError("cursor is damaged")  # (a time or a date is kept as text)
    return value, row_id


def _is_a(value: Any, kind: type) -> bool:
    return isinstance(value, kind) and not isinstance(value, bool)


def keyset_page(
    session: Session,
    statement: Select[Any],
    *,
    list_name: str,
    sort_column: InstrumentedAttribute[Any] | ColumnElement[Any],
    id_column: InstrumentedAttribute[int],
    cursor: str | None,
    limit: int,
    descending: bool = False,
    decode_sort: Any = None,
    before: str | None = None,
    sort_value: Callable[[Any], Any] | None = None,
) -> Page[Any]:
    """Return one page ordered by (sort_column, id), fast at any depth (no OFFSET).

    `statement` selects the records; the cursor holds the last row's sort value and id, and
    `before` (a page's `prev_cursor`) the first row's of the page after the one wanted: the
    rows are then sought backwards, as fast. A sort column that is an expression, not a
    column (`coalesce(due_date, …)`), needs `sort_value`: its value for a row. Cursors
    name `list_name`, and one another list made raises OtherListCursor.
    """

    def key(row: Any) -> str:
        value = sort_value(row) if sort_value else getattr(row, str(sort_column.key))
        return encode_cursor(value, getattr(row, id_column.key), list_name=list_name)

    def seek(where: str, *, backwards: bool) -> Select[Any]:
        value, last_id = _place(decode_cursor(where, list_name=list_name), sort_column)
        if decode_sort is not None:
            try:
                value = decode_sort(value)
            except TypeError as exc:  # (a number where a time is kept, say)
                raise ValueError("cursor is damaged") from exc
        # A row-value comparison: both SQLite and PostgreSQL seek straight to it in the index.
        rows = tuple_(sort_column, id_column)
        bound = tuple_(literal(value, sort_column.type), literal(last_id, id_column.type))
        return statement.where(rows < bound if descending != backwards else rows > bound)

    forward = (sort_column.desc(), id_column.desc()) if descending else (sort_column, id_column)
    if before:
        backward = (
            (sort_column, id_column) if descending else (sort_column.desc(), id_column.desc())
        )
        rows = list(
            session.scalars(seek(before, backwards=True).order_by(*backward).limit(limit + 1))
        )
        if len(rows) > limit:
            rows = rows[:limit][::-1]
            return Page(items=rows, next_cursor=key(rows[-1]), prev_cursor=key(rows[0]))
        # Back at the start: the first page, whole.
        cursor = None
    if cursor:
        statement = seek(cursor, backwards=False)
    rows = list(session.scalars(statement.order_by(*forward).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = key(rows[-1])
    prev_cursor = key(rows[0]) if cursor and rows else None
    return Page(items=rows, next_cursor=next_cursor, prev_cursor=prev_cursor)


def ranked_page(
    items: Sequence[T],
    *,
    list_name: str,
    key: Callable[[T], int],
    cursor: str | None,
    limit: int,
    before: str | None = None,
    offset: int = 0,
) -> Page[T]:
    """One page of a list ranked in memory (best first), paged as `keyset_page` pages: the
    cursor holds the row's place and its `key` (an id), so a page follows the row it
    was made at even when rows ahead of it have come or gone (its place when it has gone).
    `offset`, for a first page, passes over that many."""

    def place(where: str, *, after: bool) -> int:
        """Where the rows after (or before) the cursor's row begin (or end)."""
        at, wanted = decode_cursor(where, list_name=list_name)
        found = next((i for i, item in enumerate(items) if key(item) == wanted), None)
        if found is None:  # (gone: the rows after it have moved up into its place)
            return min(int(at), len(items))
        return found + 1 if after else found

    def made(index: int) -> str:
        return encode_cursor(index, key(items[index]), list_name=list_name)

    start = offset
    if before:
        start = max(place(before, after=False) - limit, 0)
    elif cursor:
        start = place(cursor, after=True)
    rows = list(items[start : start + limit])
    end = start + len(rows)
    return Page(
        items=rows,
        next_cursor=made(end - 1) if rows and end < len(items) else None,
        prev_cursor=made(start) if rows and start > 0 else None,
        total=len(items),
    )


def among(session: Session, column: Any, ids: Sequence[int]) -> Any:
    """`column IN ids` as one bound value whatever the number of ids (a JSON array on
    SQLite, an array on PostgreSQL), so thousands of ids cost no more to send than one."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    if session.get_bind().dialect.name == "sqlite":
        listed = func.json_each(bindparam(None, json.dumps(list(ids)))).table_valued("value")
        return column.in_(select(listed.c.value))
    return column.in_(ids)


def unify_line_breaks(text: str) -> str:
    """The text with every line break written "\\n": a CSV saved on Windows writes "\\r\\n",
    an old Mac "\\r", a vCard "\\n", Word a vertical tab for a manual break, and some
    programs the Unicode line and paragraph separators. Notes are kept this way, so the same
    note read from any format (or from Goodword's own export of it) is the same text.

    >>> unify_line_breaks("first\\u2028second\\r\\nthird\\vfourth")
    'first\\nsecond\\nthird\\nfourth'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _RARE_BREAKS.sub("\n", text) if _RARE_BREAKS.search(text) else text


# Line breaks besides CR and LF: vertical tab, form feed, NEL, line and paragraph separators.
_RARE_BREAKS = re.compile("[\v\f\x85\u2028\u2029]")
