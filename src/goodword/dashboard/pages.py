"""Helpers every HTML view shares: render a template, redirect with a flash, spot HTMX."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from goodword.errors import GoodwordError

FLASH_COOKIE = "goodword_flash"


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
    """Render a page; a flash message left by the previous redirect is shown once."""
    templates: Jinja2Templates = request.app.state.templates
    flash = request.cookies.get(FLASH_COOKIE)
    data = {"flash": unquote(flash) if flash else None, **(context or {})}
    response = templates.TemplateResponse(request, template, data, status_code=status_code)
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    if vary_on_htmx:
        response.headers["Vary"] = "HX-Request"
    return response


def redirect(url: str, *, flash: str | None = None) -> RedirectResponse:
    """Redirect after a form post (303, so the browser follows with GET)."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        response.set_cookie(FLASH_COOKIE, quote(flash), path="/", httponly=True, samesite="lax")
    return response


def form_errors(error: GoodwordError, *, general_field: str | None = None) -> dict[str, str]:
    """Inline messages by field; with no field named, the message goes at the top of the form.

    `general_field` receives errors about the form as a whole (such as "give a name") so they
    sit next to the input that fixes them.
    """
    found: dict[str, str] = {}
    for item in error.fields:
        found.setdefault(item.field.split(".")[0], item.message)
    if not found:
        found = {"__all__": error.message}
    if general_field and "__all__" in found:
        found.setdefault(general_field, found.pop("__all__"))
    return found
