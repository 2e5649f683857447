"""Opportunity pages: list, create, detail, edit, delete, and the pipeline board.

The small page helpers at the top (rendering, HTMX detection, record pickers, inline errors)
are shared with the interaction and task pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword import forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput
from goodword.interactions import service as interactions
from goodword.opportunities import service
from goodword.opportunities.models import Opportunity, PayPeriod, Route, Stage
from goodword.opportunities.schemas import OpportunityCreate, OpportunityUpdate, StageMove
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people.models import Person
from goodword.records import Page
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.templating import label

router = APIRouter()

# Above this many records a picker becomes a number box: a select of thousands helps no one.
CHOICE_LIMIT = 500
VARY = {"Vary": "HX-Request"}


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render a template with the app's Jinja environment."""
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, dict(context), status_code=status_code, headers=headers
    )
    return response


def is_htmx(request: Request) -> bool:
    """True when HTMX made the request (it wants a fragment, not a page)."""
    return request.headers.get("HX-Request") == "true"


def redirect(url: str, *, headers: Mapping[str, str] | None = None) -> RedirectResponse:
    """See-other redirect: after a form post the browser fetches the next page with GET."""
    return RedirectResponse(url, status_code=303, headers=headers)


def flash(request: Request, messages: Mapping[str, str]) -> str | None:
    """The message for `?done=...` after a redirect; only our own words, never echoed input."""
    return messages.get(request.query_params.get("done", ""))


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


def inline_errors(
    error: InvalidInput, *, known: Iterable[str], rewrite: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map errors to the inputs they concern, in plain words.

    A whole-form message moves under the first field it names ("pay_max is below pay_min."
    goes under pay_max); `rewrite` maps a field name, or an exact message, to friendlier words.
    """
    known = list(known)
    rewrite = rewrite or {}
    moved: list[FieldError] = []
    for item in error.fields:
        field = item.field
        if field == "__all__":
            named = [name for name in known if name in item.message]
            field = min(named, key=item.message.index) if named else field
        message = "Fill this in." if item.message == "Field required" else item.message
        message = rewrite.get(item.message) or rewrite.get(field.split(".")[0], message)
        moved.append(FieldError(field, message))
    errors = forms.errors_by_field(InvalidInput(error.message, fields=moved))
    if not errors:
        errors["__all__"] = error.message
    return errors


def enum_options(members: Iterable[Any]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select of enum members."""
    return [(member.value, label(member)) for member in members]


@dataclass(frozen=True)
class Choices:
    """Options for a record picker; `options` is None when there are too many to list."""

    options: list[tuple[int, str]] | None


def _choices(rows: list[tuple[int, str]]) -> Choices:
    return Choices(options=rows if len(rows) <= CHOICE_LIMIT else None)


def person_choices(session: Session, *, workspace_id: int) -> Choices:
    rows = session.execute(
        select(Person.id, Person.display_name)
        .where(Person.workspace_id == workspace_id)
        .order_by(Person.sort_name, Person.id)
        .limit(CHOICE_LIMIT + 1)
    )
    return _choices([(id_, name) for id_, name in rows])


def organization_choices(session: Session, *, workspace_id: int) -> Choices:
    rows = session.execute(
        select(Organization.id, Organization.name)
        .where(Organization.workspace_id == workspace_id)
        .order_by(Organization.sort_name, Organization.id)
        .limit(CHOICE_LIMIT + 1)
    )
    return _choices([(id_, name) for id_, name in rows])


def organization_names(session: Session, *, workspace_id: int, limit: int = 1000) -> list[str]:
    """Names to suggest while typing an organization; a suggestion list may stop short."""
    return list(
        session.scalars(
            select(Organization.name)
            .where(Organization.workspace_id == workspace_id)
            .order_by(Organization.sort_name, Organization.id)
            .limit(limit)
        )
    )


def opportunity_choices(session: Session, *, workspace_id: int) -> Choices:
    rows = session.execute(
        select(Opportunity.id, Opportunity.role_title, Organization.name)
        .join(Organization, Opportunity.organization_id == Organization.id)
        .where(Opportunity.workspace_id == workspace_id)
        .order_by(Organization.sort_name, Opportunity.role_title, Opportunity.id)
        .limit(CHOICE_LIMIT + 1)
    )
    return _choices([(id_, f"{role} — {org}") for id_, role, org in rows])


def page_or_422(load: Any) -> Page[Any]:
    """Run a paged query; a damaged `?after=` link is the user's input, not our failure."""
    try:
        page: Page[Any] = load()
    except (ValueError, TypeError):
        raise InvalidInput(
            "That page link is damaged; start again from the first page.",
            fields=[FieldError("after", "is not a page link Goodword made")],
        ) from None
    return page


def stage_or_none(value: str | None) -> Stage | None:
    """Read a `?stage=` filter: blank means every stage."""
    if not value:
        return None
    try:
        return Stage(value)
    except ValueError:
        raise InvalidInput(
            f"There is no stage called {value!r}.",
            fields=[FieldError("stage", "choose one of the listed stages")],
        ) from None


FLASHES = {
    "created": "Opportunity saved.",
    "updated": "Changes saved.",
    "deleted": "Opportunity deleted.",
    "moved": "Stage changed; the move is in the history below.",
}
FIELDS = (
    "organization_name",
    "role_title",
    "city",
    "region",
    "country",
    "posting_url",
    "posting_text",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
    "stage",
    "route",
    "hiring_manager_id",
    "next_step",
    "next_step_due",
    "notes",
)
REWRITE = {
    "Name the organization (organization_name) or give its id.": (
        "Name the organization (pick one or type a new name)."
    ),
    "pay_max is below pay_min.": "The top of the pay range is below the bottom.",
    "pay_currency": "Use a three-letter currency code, such as EUR or USD.",
}


def _payload(values: Mapping[str, str]) -> dict[str, str]:
    data = filled(values)
    for name in ("pay_min", "pay_max"):
        if name in data:
            # People type "90,000" or "90 000"; the schema wants a plain number.
            data[name] = "".join(data[name].replace(",", "").replace("_", "").split())
    return data


def _values(opportunity: Opportunity | None) -> dict[str, str]:
    if opportunity is None:
        return {name: "" for name in FIELDS} | {"stage": Stage.TARGET.value}

    def text(value: object) -> str:
        return "" if value is None else str(value)

    values = {name: text(getattr(opportunity, name, None)) for name in FIELDS}
    values["organization_name"] = opportunity.organization.name
    for name in ("pay_min", "pay_max"):
        amount = getattr(opportunity, name)
        values[name] = "" if amount is None else f"{amount:f}".rstrip("0").rstrip(".")
    return values


def _form_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    values: Mapping[str, str],
    opportunity: Opportunity | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "opportunities/form.html",
        {
            "opportunity": opportunity,
            "values": values,
            "errors": errors or {},
            "organization_names": organization_names(session, workspace_id=workspace_id),
            "people": person_choices(session, workspace_id=workspace_id),
            "stage_options": enum_options(Stage),
            "route_options": enum_options(Route),
            "period_options": enum_options(PayPeriod),
        },
        status_code=status_code,
    )


def _board(session: Session, workspace_id: int) -> dict[str, Any]:
    return {"columns": service.board(session, workspace_id=workspace_id)}


@router.get("/opportunities", response_class=HTMLResponse)
def list_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    stage: str | None = None,
    after: str | None = None,
) -> HTMLResponse:
    chosen = stage_or_none(stage)
    page = page_or_422(
        lambda: service.list_(
            session,
            workspace_id=workspace_id,
            stage=chosen,
            cursor=after,
            limit=request.app.state.settings.page_size,
        )
    )
    base_url = f"/opportunities?stage={chosen.value}" if chosen else "/opportunities"
    return render(
        request,
        "opportunities/list.html",
        {
            "page": page,
            "stage": chosen,
            "base_url": base_url,
            "first_page": after is None,
            "flash": flash(request, FLASHES),
        },
    )


@router.get("/opportunities/board", response_class=HTMLResponse)
def board_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    context = _board(session, workspace_id)
    if is_htmx(request):
        return render(request, "opportunities/_board.html", context, headers=VARY)
    return render(request, "opportunities/board.html", context, headers=VARY)


@router.get("/opportunities/new", response_class=HTMLResponse)
def new_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    organization_name: str = "",
    organization_id: str = "",
    hiring_manager_id: str = "",
    stage: str = "",
) -> HTMLResponse:
    """The blank form; links from other pages prefill the organization, manager or stage."""
    values = _values(None)
    values["organization_name"] = organization_name.strip()
    if organization_id.strip().isdigit():
        organization = organizations.get(
            session, workspace_id=workspace_id, organization_id=int(organization_id)
        )
        values["organization_name"] = organization.name
    values["hiring_manager_id"] = hiring_manager_id.strip()
    if stage in {s.value for s in Stage}:
        values["stage"] = stage
    return _form_page(request, session, workspace_id, values=values)


@router.post("/opportunities", response_class=HTMLResponse)
async def create(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    values = await form_values(request, FIELDS)
    try:
        data = forms.validate(OpportunityCreate, _payload(values))
        opportunity = service.create(session, workspace_id=workspace_id, data=data)
    except InvalidInput as error:
        session.rollback()
        errors = inline_errors(error, known=FIELDS, rewrite=REWRITE)
        return _form_page(
            request, session, workspace_id, values=values, errors=errors, status_code=422
        )
    return redirect(f"/opportunities/{opportunity.id}?done=created")


@router.get("/opportunities/{opportunity_id}", response_class=HTMLResponse)
def detail_page(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    about = interactions.list_(
        session, workspace_id=workspace_id, opportunity_id=opportunity.id, limit=20
    )
    open_tasks = tasks.list_(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity.id,
        status=TaskStatus.OPEN,
        limit=50,
    )
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "history": list(reversed(opportunity.stage_changes)),
            "interactions": about,
            "tasks": open_tasks.items,
            "flash": flash(request, FLASHES),
        },
    )


@router.get("/opportunities/{opportunity_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return _form_page(
        request, session, workspace_id, values=_values(opportunity), opportunity=opportunity
    )


@router.post("/opportunities/{opportunity_id}", response_class=HTMLResponse)
async def update(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    values = await form_values(request, FIELDS)
    try:
        data = forms.validate(OpportunityUpdate, _payload(values))
        service.update(session, workspace_id=workspace_id, opportunity_id=opportunity.id, data=data)
    except InvalidInput as error:
        session.rollback()
        opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
        errors = inline_errors(error, known=FIELDS, rewrite=REWRITE)
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            opportunity=opportunity,
            errors=errors,
            status_code=422,
        )
    return redirect(f"/opportunities/{opportunity_id}?done=updated")


@router.post("/opportunities/{opportunity_id}/stage", response_class=HTMLResponse)
async def move(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Move to another stage: the board partial for HTMX, else back where the form was."""
    values = await form_values(request, ("stage", "note", "return_to"))
    change = forms.validate(StageMove, filled({"stage": values["stage"], "note": values["note"]}))
    service.move(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        stage=change.stage,
        note=change.note,
    )
    if is_htmx(request):
        return render(
            request, "opportunities/_board.html", _board(session, workspace_id), headers=VARY
        )
    if values["return_to"] == "detail":
        return redirect(f"/opportunities/{opportunity_id}?done=moved", headers=VARY)
    return redirect("/opportunities/board", headers=VARY)


@router.get("/opportunities/{opportunity_id}/delete", response_class=HTMLResponse)
def delete_page(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return render(request, "opportunities/delete.html", {"opportunity": opportunity})


@router.post("/opportunities/{opportunity_id}/delete")
def delete(opportunity_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    service.delete(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return redirect("/opportunities?done=deleted")
