"""FastAPI dependencies: one session per request (committed before the response), the workspace."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from goodword.config import Settings
from goodword.db import LARGEST_ID, hold_writes, transaction
from goodword.errors import FieldError, Forbidden, InvalidInput, NotFound
from goodword.workspaces import service as workspaces

F = TypeVar("F", bound=Callable[..., Any])


_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def reads_only(endpoint: F) -> F:
    """Mark a POST endpoint whose session takes no write lock first: one that saves nothing
    (a preview), or takes the lock itself when it is ready to write (an import, which says
    at once that another runs, and reads its upload before it holds anyone up)."""
    endpoint.__dict__["goodword_reads_only"] = True
    return endpoint


def reads_own_form(endpoint: F) -> F:
    """Mark a POST endpoint that reads its multipart form itself, with limits of its own (a
    larger field than the usual 1 MB), and keeps none of its text: `keepable_input` leaves
    that form to it (the form can be read once)."""
    endpoint.__dict__["goodword_reads_own_form"] = True
    return endpoint


def _session(request: Request) -> Iterator[Session]:
    with transaction(request.app.state.session_factory) as session:
        route = request.scope.get("route")
        endpoint = getattr(route, "endpoint", None)
        if request.method in _WRITES and not getattr(endpoint, "goodword_reads_only", False):
            # A request that writes waits for another writer here, before it reads: a
            # write after reads that another writer changed meanwhile (two clicks on Merge)
            # is refused by SQLite at once, however long it would have waited.
            hold_writes(session)
        yield session


def _workspace_id(session: Annotated[Session, Depends(_session, scope="function")]) -> int:
    # Local mode: the single workspace. Server mode will resolve it from the signed-in account.
    return workspaces.get_or_create(session).id


def ids_in_range(request: Request) -> None:
    """An id in a page's or endpoint's address (`/people/{person_id}`) too large for any
    record is a record that is not there: 404, as for any other missing one, where the
    database would have failed on the number."""
    for name, value in request.path_params.items():
        # Only ASCII digits make a number here ("²" is left to the route's own 422).
        if name.endswith("_id") and isinstance(value, str) and value.isascii() and value.isdigit():
            significant = value.lstrip("0")  # 0042 is 42
            if len(significant) > len(str(LARGEST_ID)) or int(significant or "0") > LARGEST_ID:
                kind = "import" if name == "run_id" else name.removesuffix("_id").replace("_", " ")
                raise NotFound(kind, int(significant or "0"))


# A character no text can keep: NUL (which PostgreSQL refuses in any text) or half of a
# surrogate pair (JSON can write one, "\ud800", but no encoding can store it).
_UNKEEPABLE = re.compile("[\x00\ud800-\udfff]")
# What in a JSON body's bytes may be one of those, or an id no record could have.
_MAYBE_UNKEEPABLE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])|[0-9]{10,}")
_FORM = "application/x-www-form-urlencoded"
_FORM_NUL = re.compile(rb"%00|\x00")
_MULTIPART = "multipart/form-data"


def _unkept(text: str) -> str | None:
    found = _UNKEEPABLE.search(text)
    if found is None:
        return None
    if found[0] == "\x00":
        return "This holds an invisible NUL character, which cannot be kept; remove it."
    return (
        "This holds half of a character (a lone surrogate, as when text is cut in the middle "
        "of an emoji), which cannot be kept; write it again."
    )


def _walk(value: object, path: str, problems: list[FieldError], *, an_id: bool = False) -> None:
    """Add the problems of a JSON value at `path`; `an_id` for the value of a field naming
    records by their ids (`person_id`, `ids`)."""
    if isinstance(value, str):
        if (said := _unkept(value)) is not None:
            problems.append(FieldError(path or "body", said))
    elif isinstance(value, int) and not isinstance(value, bool):
        if an_id and not -LARGEST_ID <= value <= LARGEST_ID:
            problems.append(
                FieldError(path, f"No record has an id this large; ids go up to {LARGEST_ID:,}.")
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(key, path, problems)
            named = f"{path}.{key}" if path else str(key)
            _walk(
                item, named, problems, an_id=str(key) == "ids" or str(key).endswith(("_id", "_ids"))
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{path}.{index}" if path else str(index), problems, an_id=an_id)


async def keepable_input(request: Request) -> None:
    """Refuse a request whose address, query, form (urlencoded or multipart, but for a
    route that reads its own, `reads_own_form`) or JSON body holds what no record can
    keep, naming each field: a NUL character (PostgreSQL refuses it, which would be a 500),
    half a surrogate pair, or an id beyond any record's (the database would fail on it
    without saying where). The routes' own checks then see only keepable input."""
    problems: list[FieldError] = []
    for name, value in [*request.path_params.items(), *request.query_params.multi_items()]:
        if isinstance(value, str) and (said := _unkept(value)) is not None:
            problems.append(FieldError(name, said))
    for name, value in request.query_params.multi_items():
        number = value.removeprefix("-").lstrip("0") or "0"
        if name.endswith("_id") and number.isascii() and number.isdigit():
            # (Its length first: `int` refuses a number of thousands of digits.)
            too_long = len(number) > len(str(LARGEST_ID))
            _walk(LARGEST_ID + 1 if too_long else int(number), name, problems, an_id=True)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method not in SAFE_METHODS and content_type == _FORM:
        # Read as bytes (kept for the route, which reads its form with limits of its own);
        # only NUL can be written in such a form, "%00".
        try:
            body = await request.body()
        except RuntimeError:  # (a route's form parameters have read it already)
            form = (await request.form()).multi_items()
            fields = [(k, v) for k, v in form if isinstance(v, str)]
        else:
            text = body.decode("utf-8", "replace") if _FORM_NUL.search(body) else ""
            fields = parse_qsl(text, keep_blank_values=True)
        for name, value in fields:
            if (said := _unkept(value)) is not None:
                problems.append(FieldError(name, said))
    elif (
        request.method not in SAFE_METHODS
        and content_type == _MULTIPART
        and not getattr(request.scope.get("endpoint"), "goodword_reads_own_form", False)
    ):
        # Read as the route reads it (the form is kept for it), so a field too large
        # is refused here as it would be there.
        for name, value in (await request.form()).multi_items():
            if isinstance(value, str) and (said := _unkept(value)) is not None:
                problems.append(FieldError(name, said))
    elif request.method not in SAFE_METHODS and content_type.endswith("json"):
        try:
            body = await request.body()
        except RuntimeError:  # (read as a form by the route's parameters: none to check)
            body = b""
        if _MAYBE_UNKEEPABLE.search(body):
            with suppress(ValueError):  # (a body that is no JSON is the route's to refuse)
                _walk(json.loads(body), "", problems)
    if problems:
        raise InvalidInput("Some of what was sent cannot be kept.", fields=problems)


def known_parameters(request: Request) -> None:
    """Refuse an API request whose query names a parameter its route does not take (a
    misspelling, as often as not: `?serach=ada` would list everyone), naming it and the
    ones the route takes. For every API router (`web.create_app`); pages take any, as a
    browser or HTMX may add some."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = list(dict.fromkeys(_query_names(route.dependant)))
    unknown = list(dict.fromkeys(name for name in request.query_params if name not in known))
    if not unknown:
        return
    where = request.url.path
    takes = f"{where} takes {_and(known)}" if known else f"{where} takes no parameters"
    message = (
        f"There is no parameter {unknown[0]}; {takes}."
        if len(unknown) == 1
        else f"There are no parameters {_and(unknown)}; {takes}."
    )
    raise InvalidInput(
        message,
        fields=[FieldError(name, f"There is no parameter {name}; {takes}.") for name in unknown],
    )


def _query_names(dependant: Dependant) -> Iterator[str]:
    """The query parameters of a route and of its dependencies, in the order its
    documentation gives them."""
    for param in dependant.query_params:
        yield param.alias
    for dependency in dependant.dependencies:
        yield from _query_names(dependency)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def same_origin(request: Request) -> None:
    """Refuse a change (POST, PUT, DELETE, ...) a browser sends on behalf of another web
    site (cross-site request forgery): any page the user visits could otherwise post a
    form to this app and delete a person. Browsers say where a request comes from
    (`Sec-Fetch-Site`; older ones only `Origin`); a request from Goodword's own pages, or
    typed by the user, passes. A request saying neither (the CLI, curl, a script) is not a
    browser acting for a web page, and passes too."""
    if request.method in SAFE_METHODS:
        return
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):
            return
    else:
        origin = request.headers.get("origin")
        if (
            origin is None
            or urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()
        ):
            return
    raise Forbidden(
        "Goodword refused this change: it was sent by another web site, not by Goodword's "
        "own pages. If you meant to make it, make it on Goodword's page."
    )


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# scope="function": the transaction commits (or rolls back) before the response is sent,
# so a failed commit is reported to the user instead of a false success.
DbSession = Annotated[Session, Depends(_session, scope="function")]
WorkspaceId = Annotated[int, Depends(_workspace_id)]
AppSettings = Annotated[Settings, Depends(_settings)]
get_session = _session
get_workspace_id = _workspace_id
