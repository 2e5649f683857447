"""Helpers every HTML view shares: render, redirect with a flash, read forms, map errors, pickers.

A flash message travels in a short-lived cookie from the redirect to the next full page, which
shows it once. It never goes into a URL, so nothing a user typed is echoed in a link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from goodword.errors import FieldError, GoodwordError, InvalidInput
from goodword.forms import REQUIRED
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.people import service as people
from goodword.records import Page
from goodword.templating import label

T = TypeVar("T")

FLASH_COOKIE = "goodword_flash"
# Above this many records a picker becomes a number box: a select of thousands helps no one.
CHOICE_LIMIT = 500


def is_htmx(request: Request) -> bool:
    """True when HTMX made the request (it wants a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    vary_on_htmx: bool = False,
) -> HTMLResponse:
    """Render a template; a full page shows the flash left by the previous redirect, once.

    HTMX fragments leave the flash alone: they are swapped into a page and have no place for it.
    Pass `vary_on_htmx` where the same URL answers with a page or a fragment.
    """
    templates: Jinja2Templates = request.app.state.templates
    flash = None if is_htmx(request) else request.cookies.get(FLASH_COOKIE)
    data = {"flash": unquote(flash) if flash else None, **(context or {})}
    response = templates.TemplateResponse(request, template, data, status_code=status_code)
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    if vary_on_htmx:
        response.headers["Vary"] = "HX-Request"
    return response


def redirect(url: str, *, flash: str | None = None, vary_on_htmx: bool = False) -> RedirectResponse:
    """Redirect after a form post (303, so the browser follows with GET), with a message."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        response.set_cookie(FLASH_COOKIE, quote(flash), path="/", httponly=True, samesite="lax")
    if vary_on_htmx:
        response.headers["Vary"] = "HX-Request"
    return response


async def form_values(request: Request, names: Iterable[str]) -> dict[str, str]:
    """Read the named text fields of a posted form (missing ones as empty strings)."""
    form = await request.form()
    values: dict[str, str] = {}
    for name in names:
        value = form.get(name)
        values[name] = value if isinstance(value, str) else ""
    return values


def filled(values: Mapping[str, str]) -> dict[str, str]:
    """Drop blank fields, so a schema sees them as absent."""
    return {name: value for name, value in values.items() if value.strip()}


def form_errors(
    error: GoodwordError,
    *,
    fields: Iterable[str] = (),
    general_field: str | None = None,
    rewrite: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map an error to inline messages by top-level field name, in plain words.

    A message about the whole form moves under the first of `fields` it names ("pay_max is
    below pay_min." goes under pay_max), else under `general_field` (so "Give a name" sits
    next to the name input), else to `__all__`, the list at the top of the form. "Field
    required" becomes "Fill this in."; `rewrite` maps an exact message, or a field name, to
    friendlier words.
    """
    known = list(fields)
    rewrite = rewrite or {}
    found: dict[str, str] = {}
    for item in error.fields:
        field = item.field
        if field == "__all__":
            field = _named_field(item.message, known) or general_field or field
        message = REQUIRED if item.message == "Field required" else item.message
        top = field.split(".")[0]
        message = rewrite.get(item.message) or rewrite.get(top, message)
        found.setdefault(top, message)
    if not found:
        where = _named_field(error.message, known) or general_field or "__all__"
        found[where] = rewrite.get(error.message, error.message)
    return found


def _named_field(message: str, fields: list[str]) -> str | None:
    """The field a message names first, if it names any."""
    named = [name for name in fields if name in message]
    return min(named, key=message.index) if named else None


def enum_options(members: Iterable[Any]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select of enum members."""
    return [(member.value, label(member)) for member in members]


@dataclass(frozen=True)
class Choices:
    """Options for a record picker; `options` is None when there are too many to list.

    `kind` is what the picker's search box looks up then ("person", "organization"), or
    None for records search does not hold.
    """

    options: list[tuple[int, str]] | None
    kind: str | None = None


def _choices(rows: list[tuple[int, str]], kind: str | None = None) -> Choices:
    return Choices(options=rows if len(rows) <= CHOICE_LIMIT else None, kind=kind)


def person_choices(session: Session, *, workspace_id: int) -> Choices:
    """The people to pick from, A to Z."""
    return _choices(
        people.choices(session, workspace_id=workspace_id, limit=CHOICE_LIMIT + 1), "person"
    )


def organization_choices(session: Session, *, workspace_id: int) -> Choices:
    """The organizations to pick from, A to Z."""
    return _choices(
        organizations.choices(session, workspace_id=workspace_id, limit=CHOICE_LIMIT + 1),
        "organization",
    )


def opportunity_choices(session: Session, *, workspace_id: int) -> Choices:
    """The opportunities to pick from, by organization, as "role — organization"."""
    return _choices(
        opportunities.choices(session, workspace_id=workspace_id, limit=CHOICE_LIMIT + 1)
    )


def organization_names(session: Session, *, workspace_id: int, limit: int = 1000) -> list[str]:
    """Names to suggest while typing an organization; a suggestion list may stop short."""
    return [
        name for _, name in organizations.choices(session, workspace_id=workspace_id, limit=limit)
    ]


def page_or_422(load: Callable[[], Page[T]], *, first_page: str = "the first page") -> Page[T]:
    """Run a paged query; a damaged `?after=` link is the user's input, not our failure."""
    try:
        return load()
    except (ValueError, TypeError):
        raise InvalidInput(
            f"That page link is damaged; start again from {first_page}.",
            fields=[FieldError("after", "is not a page link Goodword made")],
        ) from None
