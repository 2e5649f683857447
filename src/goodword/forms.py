"""Turn HTML form posts and validation errors into what schemas and templates need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from goodword.errors import FieldError, InvalidInput

M = TypeVar("M", bound=BaseModel)


def field_errors(errors: Iterable[Mapping[str, Any]]) -> list[FieldError]:
    """Convert Pydantic/FastAPI error dicts into FieldErrors with dotted paths and plain words."""
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        message = str(error.get("msg", "is not valid"))
        message = message.removeprefix("Value error, ")
        result.append(FieldError(".".join(loc) or "__all__", message))
    return result


def is_whole_number(text: str) -> bool:
    """Whether `text` is a whole number written in ASCII digits. (`str.isdigit()` also
    takes "²" and "①", which `int()` refuses.)"""
    return text.isascii() and text.isdigit()


def invalid(exc: ValidationError) -> InvalidInput:
    """The InvalidInput (422, exit 2) a failed validation is, with its field errors."""
    return InvalidInput("Some fields need attention.", fields=field_errors(exc.errors()))


def validate(schema: type[M], data: Mapping[str, Any]) -> M:
    """Validate input against a schema; failures become InvalidInput with field errors."""
    try:
        return schema.model_validate(data)
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
