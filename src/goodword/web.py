"""The ASGI app: `create_app(settings)` wires routers, templates, sessions and error pages."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import AsyncIterator, Collection, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ValidationError
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import goodword.models  # noqa: F401  (every mapper registered before the first query)
from goodword import __version__, logs
from goodword.api import API_PREFIX
from goodword.config import Settings
from goodword.db import check_connection, make_engine, make_session_factory, transaction
from goodword.deps import ids_in_range, keepable_input, known_parameters, same_origin
from goodword.errors import FieldError, GoodwordError, InvalidInput
from goodword.forms import field_errors, invalid
from goodword.workspaces import service as workspaces

HERE = Path(__file__).parent
log = logging.getLogger(__name__)
# A number in a request (an id in a query or a body, say) larger than any the database
# holds: the request is refused as invalid (422), where the database would fail on it.
TOO_LARGE = InvalidInput(
    "A number in the request is larger than any id or value Goodword keeps; check it."
)
SQLITE_OVERFLOW = "too large to convert to SQLite INTEGER"
OUT_OF_RANGE = "22003"  # PostgreSQL's numeric_value_out_of_range
# Sent with every response. No page may be framed, by another site or by Goodword itself
# (a framed page's buttons count as Goodword's own, so framing would turn a click on a
# decoy into a deletion); no content is guessed at; and a link followed to another site
# (a person's LinkedIn profile) does not tell it which Goodword page it was on. Scripts,
# styles, images and requests come from Goodword only, and no script is written into a
# page: were a name someone imported ever to slip through unescaped, it could not run, nor
# send what the page shows elsewhere. (Styles may be inline: a bar's width is set so.)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    session_factory: sessionmaker[Session] | None = None,
) -> FastAPI:
    """Build the app. Tests pass their own session factory (bound to a rolled-back transaction)."""
    own_engine = engine is None and session_factory is None
    if session_factory is None:
        engine = engine or make_engine(settings.database_url, echo=settings.debug_sql)
        session_factory = make_session_factory(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if engine is not None:
            check_connection(engine)
        with transaction(session_factory) as session:
            workspaces.get_or_create(session, phone_region=settings.phone_region)
        yield
        if own_engine and engine is not None:
            engine.dispose()

    app = FastAPI(
        title="Goodword",
        version=__version__,
        description="Warm paths to hiring managers, and the records behind them.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
        dependencies=[Depends(same_origin), Depends(ids_in_range), Depends(keepable_input)],
    )
    # Requests addressed to any other name are refused (see Settings.trusted_hosts).
    app.add_middleware(HostCheck, allowed_hosts=settings.trusted_hosts())
    # Added last, so it is outermost: the host check's refusals carry the headers too.
    app.add_middleware(SecurityHeaders)
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.templates = make_templates()
    # The footer says where the data is kept, and, served beyond this machine, that there
    # is no sign-in: "this machine" is the phone or laptop of whoever reads it.
    app.state.templates.env.globals.update(
        data_place=data_place(settings), shared=beyond_this_machine(settings.host)
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_favicon(app)
    _add_error_handlers(app)
    _add_api_explorer(app)
    from goodword import api_routers, page_routers
    from goodword.importers.running import Jobs

    # The imports running and lately finished; made here, not on first use, so two first
    # requests at once cannot each make their own.
    app.state.import_jobs = Jobs()
    # An API route refuses a query parameter it does not take; a page takes any.
    for router in api_routers.ROUTERS:
        app.include_router(router, dependencies=[Depends(known_parameters)])
    # Pages are for people; only the JSON API belongs in the OpenAPI document.
    for router in page_routers.ROUTERS:
        app.include_router(router, include_in_schema=False)
    return app


def beyond_this_machine(host: str) -> bool:
    """Whether serving on `host` lets other machines reach Goodword (anything but a
    loopback address or localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return False
    try:
        return not ipaddress.ip_address(name).is_loopback
    except ValueError:  # a host name: it may well be reachable by others
        return True


def data_place(settings: Settings) -> str:
    """Where the workspace's data is kept, in words for the footer: "this machine" when
    Goodword is served to this machine only, else the computer or database server by name."""
    if not settings.database_url.startswith("sqlite"):
        try:
            host = make_url(settings.database_url).host or ""
        except ArgumentError:
            host = ""
        # (No host, or a folder: a Unix socket on this machine.)
        if host and not host.startswith("/") and beyond_this_machine(host):
            return f"the database server {host}"
    if beyond_this_machine(settings.host):
        return f"{socket.gethostname()}, the computer running Goodword"
    return "this machine"


class SecurityHeaders:
    """Add SECURITY_HEADERS to every response (a plain ASGI middleware, so background
    tasks and streamed downloads pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": with_security_headers(message["headers"])}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck(TrustedHostMiddleware):
    """Starlette's host check, whose refusal is in our words, not its plain-text "Invalid
    host header": under /api/ the API's own error shape, elsewhere a page saying what to do
    (`unknown_host.html`)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        async def passed(scope: Scope, receive: Receive, send: Send) -> None:
            scope[_HOST_PASSED] = True
            await app(scope, receive, send)

        super().__init__(passed, allowed_hosts=allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        refused = False

        async def answer(message: Message) -> None:
            nonlocal refused
            if scope.get(_HOST_PASSED):
                await send(message)
            elif message["type"] == "http.response.start" and message["status"] == 400:
                refused = True
            elif not refused:
                await send(message)  # (a redirect to the www. name the settings give)
            elif not message.get("more_body"):
                await _refusal(scope)(scope, receive, send)

        await super().__call__(scope, receive, answer)


def _refusal(scope: Scope) -> Response:
    """The answer to a request addressed to a name Goodword does not answer to."""
    if scope["path"].startswith(API_PREFIX):
        return JSONResponse(_UNKNOWN_HOST, status_code=400)
    templates: Jinja2Templates = scope["app"].state.templates
    host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    shown = name.lower() if _HOST_NAME.fullmatch(name) else ""
    page = templates.get_template("unknown_host.html").render(name=shown)
    return HTMLResponse(page, status_code=400)


# A name worth showing back on that page (a host name, or an address): one of another shape
# is not repeated.
_HOST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")


_HOST_PASSED = "goodword.host_passed"
_UNKNOWN_HOST = {
    "error": {
        "code": "unknown_host",
        "message": (
            "Goodword does not answer to the name this request was sent to (its Host "
            "header). Send it to an address Goodword is served on, or add the name to "
            "GOODWORD_ALLOWED_HOSTS."
        ),
        "fields": [],
    }
}


def with_security_headers(headers: Sequence[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The headers, plus each of SECURITY_HEADERS the response does not set itself."""
    present = {name.lower() for name, _ in headers}
    return [*headers, *((name, value) for name, value in SECURITY_HEADERS if name not in present)]


def _add_favicon(app: FastAPI) -> None:
    """Browsers and tools still ask for /favicon.ico: answer with the SVG icon the pages link.

    Public like the rest of /static; GET and HEAD, as StaticFiles answers.
    """
    icon = HERE / "static" / "favicon.svg"

    @app.api_route("/favicon.ico", methods=["GET", "HEAD"], include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(icon, media_type="image/svg+xml")


def _add_api_explorer(app: FastAPI) -> None:
    """Swagger UI for the API, served from our own static files (no CDN: nothing leaves),
    started by a script file of ours (the Content-Security-Policy allows no inline script)."""
    assets = "/static/vendor/swagger-ui-5.35.0"

    @app.get(f"{API_PREFIX}/docs", include_in_schema=False)
    async def api_explorer(request: Request) -> HTMLResponse:
        templates: Jinja2Templates = request.app.state.templates
        context = {"assets": assets, "openapi_url": f"{API_PREFIX}/openapi.json"}
        return templates.TemplateResponse(request, "api_docs.html", context)


def make_templates() -> Jinja2Templates:
    from goodword import templating

    templates = Jinja2Templates(directory=HERE / "templates")
    templating.install(templates.env)
    return templates


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GoodwordError)
    async def goodword_error(request: Request, exc: GoodwordError) -> Response:
        if wants_json(request):
            return JSONResponse(api_error(exc), status_code=exc.status_code)
        # (A page with a form shows these beside its fields instead.)
        return error_page(request, exc.status_code, exc.message, problems=exc.fields)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = field_errors(exc.errors(), request=True)
        if wants_json(request):
            problems = api_fields(exc.errors(), read_only=_answered_fields(request))
            error = InvalidInput("The request is not valid.", fields=problems)
            return JSONResponse(error.to_dict(), status_code=422)
        if _new_in_place_of_a_number(exc.errors()):
            # "/leads/new" where leads are added on their list: an address other records have,
            # not a damaged number, so no such page rather than a number to fix.
            above = _page_above(request)
            where = (
                f" Add or find one from the page at {above}." if above not in (None, "/") else ""
            )
            return error_page(request, 404, f"There is no such page.{where}")
        message = "Something in that link or form is not right."
        return error_page(request, 422, message, problems=fields)

    @app.exception_handler(ValidationError)
    async def schema_error(request: Request, exc: ValidationError) -> Response:
        # Input a service checked with a schema itself (a playbook's move, say) rather than
        # through forms.validate: a 422 naming the field, never a 500. Logged, without the
        # values, in case it was a schema the app fills itself (a bug).
        logs.refused(log, f"{request.method} {request.url.path}", exc)
        return await goodword_error(request, invalid(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405 and request.method == "GET" and not wants_json(request):
            # The address a form was sent to (the page with its problems kept it), opened
            # again or bookmarked: the page the form is on, the nearest one up.
            page = _page_above(request)
            if page is not None:
                return RedirectResponse(page, 303)
        message = "There is no such page." if exc.status_code == 404 else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and (allowed := _methods_taken(request)):
            headers["Allow"] = ", ".join(allowed)
            methods = " or ".join(
                [", ".join(allowed[:-1]), allowed[-1]] if allowed[1:] else allowed
            )
            message = f"This address does not take {request.method}; send {methods}."
        response: Response
        if wants_json(request):
            code = "not_found" if exc.status_code == 404 else "http_error"
            response = JSONResponse(
                {"error": {"code": code, "message": message, "fields": []}},
                status_code=exc.status_code,
            )
        else:
            response = error_page(request, exc.status_code, message)
        response.headers.update(headers)
        return response

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError) -> Response:
        if SQLITE_OVERFLOW in str(exc):  # a number given too large for SQLite to look up
            return await goodword_error(request, TOO_LARGE)
        return await unexpected(request, exc)

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> Response:
        if getattr(exc.orig, "sqlstate", None) == OUT_OF_RANGE:  # the same on PostgreSQL
            return await goodword_error(request, TOO_LARGE)
        # Handled here, not passed on to the server's own log with its message (which may
        # quote someone's details).
        if not (isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)):
            logs.failure(log, f"{request.method} {request.url.path}", exc)
            return await unexpected(request, exc)
        # SQLite has one writer at a time: a big import holds the others off for a while.
        message = (
            "Goodword is busy saving something big (an import, probably), so nothing was "
            "changed. Try again in a minute."
        )
        if wants_json(request):
            return JSONResponse(
                {"error": {"code": "busy", "message": message, "fields": []}},
                status_code=503,
                headers={"Retry-After": "30"},
            )
        return error_page(request, 503, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Answered by Starlette's outermost layer, outside SecurityHeaders: add them here.
        message = "Something went wrong on our side; nothing was saved. Please try again."
        response: Response
        if wants_json(request):
            response = JSONResponse(
                {"error": {"code": "internal", "message": message, "fields": []}}, status_code=500
            )
        else:
            response = error_page(request, 500, message)
        for name, value in SECURITY_HEADERS:
            response.headers.setdefault(name.decode(), value.decode())
        return response


# The API's field for a problem with the request's body as a whole (not JSON, not an object,
# or a rule across several fields that names none of them).
BODY = "body"
# A field name as the API spells it (pay_max, organization_name), in a whole-record message.
_FIELD_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _new_in_place_of_a_number(errors: Sequence[Any]) -> bool:
    """True when the only problem is a record's number in the address given as "new"."""
    return bool(errors) and all(
        tuple(error.get("loc", ()))[:1] == ("path",) and error.get("input") == "new"
        for error in errors
    )


def _page_above(request: Request) -> str | None:
    """The nearest address above the request's that is a page (`/people/44` above
    `/people/44/positions/7/delete`), or None within three steps."""
    path = request.url.path.rstrip("/")
    for _ in range(3):
        path = path.rsplit("/", 1)[0] or "/"
        # A page is a list ("/people") or a record's page, ending in its number
        # ("/people/44"): "/leads/shares" would be read as the lead numbered "shares".
        segments = path.strip("/").split("/")
        if len(segments) > 1 and not segments[-1].isdigit():
            continue
        scope = {**request.scope, "path": path, "method": "GET"}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            return path
        if path == "/":
            return None
    return None


def _methods_taken(request: Request) -> list[str]:
    """The methods this request's address takes (Starlette's 405 names only the first
    route's: GET for a list that also takes POST)."""
    routes = request.app.router.routes
    return [
        method
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    ]


def _answered_fields(request: Request) -> frozenset[str]:
    """The fields of the record the request's route answers with (GET's shape, for a PUT
    or POST): sent back, they are the API's own, not the client's to change."""
    model = getattr(request.scope.get("route"), "response_model", None)
    if isinstance(model, type) and issubclass(model, BaseModel):
        # (Worked out ones too: a task's `missing_placeholders`.)
        return frozenset(model.model_fields) | frozenset(model.model_computed_fields)
    return frozenset()


def api_fields(errors: Sequence[Any], *, read_only: Collection[str] = ()) -> list[FieldError]:
    """FastAPI's validation errors as the API's problems: in our words, each under the
    field the client sent (or `body`), never a pydantic path or wording. A field sent that
    is named in `read_only` (the record as the API gives it) is said to be read-only."""
    problems = []
    for error, plain in zip(errors, field_errors(errors, request=True), strict=True):
        kind = error.get("type", "")
        if kind == "json_invalid":
            where = error.get("loc", ("body", 0))[-1]
            why = (error.get("ctx") or {}).get("error", "it cannot be read")
            problems.append(
                FieldError(
                    BODY,
                    f"The body is not valid JSON ({str(why).lower()}, at character {where}).",
                )
            )
        elif kind in ("model_attributes_type", "dict_type", "model_type"):
            if plain.field == "__all__":
                problem = FieldError(
                    BODY,
                    "Send the record as a JSON object (its fields in braces: {...}), with "
                    "Content-Type: application/json.",
                )
            else:
                problem = FieldError(plain.field, "Give an object here (fields in braces: {...}).")
            problems.append(problem)
        elif plain.field.split(".")[0] == "files" and kind in ("missing", "value_error"):
            # No upload, or text where a file goes (curl's -F files=<x sends the text).
            problems.append(
                FieldError(
                    plain.field,
                    "Send each file as a file of a multipart/form-data upload (with curl: "
                    "-F files=@contacts.csv).",
                )
            )
        elif kind == "extra_forbidden" and plain.field in read_only:
            problems.append(
                FieldError(
                    plain.field,
                    "This field is read-only: the API gives it, and you cannot change it. "
                    "Leave it out of what you send.",
                )
            )
        elif kind == "extra_forbidden":
            problems.append(
                FieldError(
                    plain.field,
                    "There is no field by this name; check its spelling against the API's "
                    "documentation (/api/v1/docs).",
                )
            )
        else:
            problems.append(api_field(plain))
    return problems


def api_field(problem: FieldError) -> FieldError:
    """A problem with the whole record goes under the first field its message names
    ("pay_max is below pay_min." under pay_max), else under `body`."""
    if problem.field != "__all__":
        return problem
    named = _FIELD_NAME.search(problem.message)
    return FieldError(named.group(0) if named else BODY, problem.message)


def api_error(exc: GoodwordError) -> dict[str, object]:
    """The error's API shape, each whole-record problem under a field the API has
    (see api_field)."""
    shape = exc.to_dict()
    error = shape["error"]
    assert isinstance(error, dict)
    error["fields"] = [{"field": p.field, "message": p.message} for p in map(api_field, exc.fields)]
    return shape


def error_page(
    request: Request, status: int, message: str, *, problems: Sequence[FieldError] = ()
) -> HTMLResponse:
    """The error page; each field's problem names the field in words, by its label when the
    route declared its form (`pages.form_of`), never by the schema's field path."""
    from goodword.pages import plain_problems

    templates: Jinja2Templates = request.app.state.templates
    form = getattr(request.state, "form_template", None)
    context = {
        "status": status,
        "message": message,
        "problems": plain_problems(templates.env, problems, template=form),
    }
    return templates.TemplateResponse(request, "error.html", context, status_code=status)
