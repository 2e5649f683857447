"""Turn HTML form posts and validation errors into what schemas and templates need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from goodword.db import LARGEST_ID
from goodword.errors import FieldError, InvalidInput
from goodword.people.schemas import PHONE_PATTERN
from goodword.records import FROM_A_FORM, shown

M = TypeVar("M", bound=BaseModel)


REQUIRED = "Fill this in."
# What a value must look like, for the patterns Goodword's schemas use, in plain words.
PATTERN_HINTS = {
    PHONE_PATTERN: (
        "Give a phone number in digits, such as +44 20 7946 0001 (an extension may follow, "
        "as in ext. 12)."
    ),
    r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$": "Give a web domain, such as example.com.",
    r"^[A-Za-z]{3}$": "Give a three-letter currency code, such as USD or EUR.",
    r"^[A-Z]{3}$": "Give a three-letter currency code, such as USD or EUR.",
}
# Amounts (pay) are the only decimals Goodword's schemas take.
AMOUNT_HINT = "Give a number such as 85000 or 85000.50, without a currency sign or 'k'."
# What is wrong with an e-mail address, in plain words, by a piece of email_validator's reason
# (the first that matches).
EMAIL_PROBLEMS = (
    ("must have an @-sign", "it has no @."),
    ("something before the @-sign", "nothing comes before the @."),
    ("something after the @-sign", "nothing comes after the @."),
    ("invalid characters: '@'", "it has more than one @."),
    ("SPACE", "it has a space in it."),
    ("The part after the @-sign is", "the part after the @ is not a domain, such as example.com."),
    ("two periods in a row", "it has two dots in a row."),
    ("period", "a dot is out of place (at the start or the end, or next to the @)."),
    ("hyphen", "a hyphen is out of place (at the start or the end of a part)."),
    ("too long", "it is too long."),
    ("invalid character", "it has characters an address cannot have."),
)


def plain_message(error: Mapping[str, Any]) -> str:
    """The message for one Pydantic error in plain words (not the validator's own wording,
    which quotes types and regular expressions)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    if kind == "string_too_long":
        return f"Keep this to {ctx['max_length']:,} characters or fewer."
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return REQUIRED
        return f"Give at least {ctx['min_length']:,} characters."
    if kind == "too_long" and isinstance(error.get("input"), str):  # (text after a validator)
        return f"Keep this to {ctx['max_length']:,} characters or fewer."
    if kind == "too_long":
        return f"Give at most {ctx['max_length']:,} of these."
    if kind == "string_pattern_mismatch":
        return PATTERN_HINTS.get(str(ctx.get("pattern")), "This is not in a form Goodword reads.")
    if kind == "missing":
        return REQUIRED
    if kind in ("decimal_parsing", "decimal_type", "finite_number"):
        return AMOUNT_HINT
    if kind == "decimal_max_places":
        return f"Give at most {ctx['decimal_places']} digits after the point, such as 85000.50."
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return "That amount is far too large."
    if kind in ("float_parsing", "float_type"):
        return "Give a number, such as 2.5."
    if kind == "value_error" and message.startswith("value is not a valid email address"):
        return email_problem(error.get("input"), str(ctx.get("reason", "")))
    if kind in (
        "enum",
        "literal_error",
    ):  # (the values as they must be given: former_colleague, not "former colleague")
        return f"Choose one of: {str(ctx.get('expected', '')).replace(chr(39), '')}."
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return "Give a whole number, such as 12."
    if kind == "int_parsing_size":
        return "That number is far too large."
    if kind == "less_than_equal":
        return f"Give {ctx['le']} or less."
    if kind == "less_than":
        return f"Give less than {ctx['lt']}."
    if kind == "greater_than_equal":
        return f"Give {ctx['ge']} or more."
    if kind == "greater_than":
        return f"Give more than {ctx['gt']}."
    if kind.startswith("datetime"):
        return "Give a date and time, such as 2026-11-02 15:00."
    if kind.startswith("date"):
        return "Give a real date, such as 2026-11-02."
    if kind in ("bool_parsing", "bool_type"):
        return "Give yes or no (true or false)."
    return message


def email_problem(value: object, reason: str) -> str:
    """Why `value` is not an e-mail address, quoting it (one of a list is found by it)."""
    why = next(
        (plain for piece, plain in EMAIL_PROBLEMS if piece in reason),
        "write it as name@example.com.",
    )
    return f"{quoted(value)} is not an e-mail address: {why}"


def quoted(value: object) -> str:
    """A value someone typed, quoted in a message: 'bob.example.org'."""
    return f"'{value}'"


# Where a request's value was, the first part of the path of each of FastAPI's errors.
REQUEST_PARTS = ("body", "query", "path", "header", "cookie")


def field_errors(errors: Iterable[Mapping[str, Any]], *, request: bool = False) -> list[FieldError]:
    """Convert Pydantic error dicts into FieldErrors with dotted paths and plain words.

    With `request`, they are FastAPI's, each path led by where the value was (`body`, `query`…),
    which is left out; any other `body` is a field's name (a message's body).
    """
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if request and loc and loc[0] in REQUEST_PARTS:
            loc = loc[1:]
        message = plain_message(error)
        value = error.get("input")
        if loc and loc[-1].isdigit() and isinstance(value, str):
            message = about_value(value, message)
        result.append(FieldError(".".join(loc) or "__all__", message))
    return result


def about_value(value: str, message: str) -> str:
    """A problem with one value of a list (the third of someone's phone numbers), saying
    which value it is, unless it already does: several may have problems of their own.

    >>> about_value("abc", "Give a phone number in digits.")
    "'abc': Give a phone number in digits."
    >>> about_value("bob.example", "'bob.example' is not an e-mail address: it has no @.")
    "'bob.example' is not an e-mail address: it has no @."
    """
    value = said(value)
    return message if value in message else f"{value}: {message}"


def said(value: str) -> str:
    """A value quoted in a message about it: on one line, as the message is, and its start
    when long ("'+1 415…'")."""
    return quoted(shown(" ".join(value.split())))


def is_whole_number(text: str) -> bool:
    """Whether `text` is a whole number written in ASCII digits. (`str.isdigit()` also
    takes "²" and "①", which `int()` refuses.)"""
    return text.isascii() and text.isdigit()


def record_id(text: str) -> int | None:
    """A form's record id: a whole number no larger than any id ("00042" is 42), else None
    ("²", a number of 5,000 digits, one beyond every record's).

    >>> [record_id(t) for t in ("42", "00042", "²", "9" * 20, "")]
    [42, 42, None, None, None]
    """
    text = text.strip()
    if not is_whole_number(text) or len(text.lstrip("0")) > len(str(LARGEST_ID)):
        return None
    number = int(text)
    return number if number <= LARGEST_ID else None


def invalid(exc: ValidationError) -> InvalidInput:
    """The InvalidInput (422, exit 2) a failed validation is, with its field errors."""
    return InvalidInput("Some fields need attention.", fields=field_errors(exc.errors()))


def validate(
    schema: type[M], data: Mapping[str, Any], *, context: Mapping[str, Any] | None = None
) -> M:
    """Validate a form's input (or the CLI's) against a schema, with a validation `context`
    some schemas read; failures become InvalidInput with field errors.

    A form's values are text, so its ids are read from text ("12"), which the JSON API
    refuses (`records.RecordId`)."""
    try:
        return schema.model_validate(data, context={**(context or {}), FROM_A_FORM: True})
    except ValidationError as exc:
        raise invalid(exc) from None


def form_to_dict(
    form: Mapping[str, Any],
    *,
    lists: Sequence[str] = (),
    booleans: Sequence[str] = (),
    drop_blank: bool = True,
) -> dict[str, Any]:
    """Read an HTML form: blank fields become absent, list fields split on lines or commas.

    `booleans` are checkboxes: present means True, absent means False.
    """
    from goodword.people.schemas import split_lines

    data: dict[str, Any] = {}
    for key in form:
        if key in booleans or key.startswith("_"):
            continue
        value = form[key]
        if key in lists:
            data[key] = split_lines(value)
        elif isinstance(value, str) and (value.strip() or not drop_blank):
            data[key] = value
    for key in booleans:
        data[key] = key in form and form[key] not in ("", "0", "false", "off")
    return data


def errors_by_field(error: InvalidInput) -> dict[str, str]:
    """Map field name -> first message, for showing inline under each input."""
    found: dict[str, str] = {}
    for item in error.fields:
        top = item.field.split(".")[0]
        found.setdefault(top, item.message)
    return found
