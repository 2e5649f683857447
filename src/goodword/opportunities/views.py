"""Opportunity pages: list, create, detail, edit, delete, and the pipeline board."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput
from goodword.forms import is_whole_number
from goodword.interactions import service as interactions
from goodword.network import queries
from goodword.network import views as network
from goodword.opportunities import service
from goodword.opportunities.models import Opportunity, PayPeriod, Route, Stage
from goodword.opportunities.schemas import OpportunityCreate, OpportunityUpdate, StageMove
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import NAMES_NO_ORGANIZATION
from goodword.pages import (
    enum_options,
    filled,
    form_errors,
    form_values,
    is_htmx,
    page_or_422,
    redirect,
    render,
)
from goodword.pickers import organization_names, person_choices
from goodword.playbooks import events, panels, rejection, sender
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus

router = APIRouter()


# What a stage no form offers (a damaged link, an old page) gets beside the stage's menu.
UNKNOWN_STAGE = "Choose one of the stages in the list."


def stage_or_none(value: str | None) -> Stage | None:
    """Read a `?stage=` filter: blank means every stage."""
    if not value:
        return None
    try:
        return Stage(value)
    except ValueError:
        raise InvalidInput(
            f"There is no stage called {value!r}.", fields=[FieldError("stage", UNKNOWN_STAGE)]
        ) from None


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
    NAMES_NO_ORGANIZATION: "Name the organization (pick one or type a new name).",
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


def detail_response(
    request: Request,
    session: Session,
    workspace_id: int,
    opportunity: Opportunity,
    *,
    forms_on_page: Mapping[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The opportunity's page; `forms_on_page` gives one of its forms back with its problems
    (`stage_values` and `stage_errors` for the stage's, `ask_errors` for marking asks,
    `confirm_late` for the rejection playbook's box, ticked)."""
    moves = panels.next_moves(
        session,
        workspace_id=workspace_id,
        opportunity=opportunity,
        today=clock.today(),
        cache=network.cache_of(request),
        model=network.model_of(request),
        confirm_late=bool((forms_on_page or {}).get("confirm_late")),
    )
    about = interactions.list_(
        session, workspace_id=workspace_id, opportunity_id=opportunity.id, limit=20
    )
    open_tasks = tasks.list_(
        session,
        workspace_id=workspace_id,
        today=clock.today(),
        opportunity_id=opportunity.id,
        status=TaskStatus.OPEN,
        limit=50,
    )
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            "history": list(reversed(opportunity.stage_changes)),
            "interactions": about,
            "tasks": open_tasks.items,
            "stage_values": {"stage": opportunity.stage.value, "note": ""},
            "stage_errors": {},
            "ask_errors": {},
            **moves,
            **(forms_on_page or {}),
        },
        status_code=status_code,
    )


@router.get("/opportunities", response_class=HTMLResponse)
def list_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    stage: str | None = None,
    after: str | None = None,
    before: str | None = None,
) -> HTMLResponse:
    errors: Mapping[str, str] = {}
    try:
        chosen = stage_or_none(stage)
    except InvalidInput as error:
        # The filter's menu says what went wrong; the list shows every stage meanwhile.
        chosen, after, before = None, None, None
        errors = form_errors(error, fields=("stage",))
    page = page_or_422(
        lambda: service.list_(
            session,
            workspace_id=workspace_id,
            stage=chosen,
            cursor=after,
            limit=request.app.state.settings.page_size,
            before=before,
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
            "first_page": after is None and page.prev_cursor is None,
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


@router.get("/opportunities/board", response_class=HTMLResponse)
def board_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    context = _board(session, workspace_id)
    template = "opportunities/_board.html" if is_htmx(request) else "opportunities/board.html"
    return render(request, template, context, vary_on_htmx=True)


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
    if is_whole_number(organization_id.strip()):
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
        near = _asked(session, workspace_id, data)
        created = events.create(
            session,
            workspace_id=workspace_id,
            data=data,
            today=clock.today(),
            cache=network.cache_of(request),
            model=network.model_of(request),
            confirm=_late_on_the_page,
        )
    except InvalidInput as error:
        session.rollback()
        errors = form_errors(error, fields=FIELDS, rewrite=REWRITE)
        return _form_page(
            request, session, workspace_id, values=values, errors=errors, status_code=422
        )
    # The stage it starts at does what a move there does, and says so as a move does.
    opportunity, said = created.opportunity, "Opportunity saved."
    if created.outcome is not None:
        said = f"{said} {events.describe(created.outcome)}"
    said = _new_organization(said, opportunity, near)
    return redirect(
        f"/opportunities/{opportunity.id}#next-moves"
        if created.outcome is not None and created.outcome.created
        else f"/opportunities/{opportunity.id}",
        flash=queries.warned(said, created.warning),
        warns=created.warns or bool(near),
    )


def _late_on_the_page(_opportunity_id: int) -> str:
    """How the pages run a rejection playbook anyway (what a move's prompts say)."""
    return rejection.CONFIRM_ON_THE_PAGE


# How an opportunity saved with a new organization, perhaps mistyped, is put right.
_FIX = "choose Edit and give that name"


def _asked(
    session: Session, workspace_id: int, data: OpportunityCreate | OpportunityUpdate
) -> list[Organization] | None:
    """`organizations.new_name` of the organization the form names, asked before saving."""
    return organizations.new_name(
        session,
        workspace_id=workspace_id,
        name=data.organization_name,
        organization_id=data.organization_id,
    )


def _new_organization(said: str, opportunity: Opportunity, near: list[Organization] | None) -> str:
    """`said`, and that the opportunity's organization was new, so added, with the known
    ones very like its name."""
    if near is None:
        return said
    name = opportunity.organization.name
    return f"{said} {organizations.new_organization_words(name, near, fix=_FIX)}"


@router.get("/opportunities/{opportunity_id}", response_class=HTMLResponse)
def detail_page(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return detail_response(request, session, workspace_id, opportunity)


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
        near = _asked(session, workspace_id, data)
        moved = events.update(
            session,
            workspace_id=workspace_id,
            opportunity_id=opportunity.id,
            data=data,
            today=clock.today(),
            cache=network.cache_of(request),
            model=network.model_of(request),
            confirm=_late_on_the_page,
        )
    except InvalidInput as error:
        session.rollback()
        opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
        errors = form_errors(error, fields=FIELDS, rewrite=REWRITE)
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            opportunity=opportunity,
            errors=errors,
            status_code=422,
        )
    if not moved.changed:
        said = _new_organization("Changes saved.", moved.opportunity, near)
        return redirect(f"/opportunities/{opportunity_id}", flash=said, warns=bool(near))
    # A new stage chosen on the form does what a move does, and says so as a move does.
    said = f"Changes saved; moved to {moved.opportunity.stage.label}."
    if moved.outcome is not None:
        said = f"{said} {events.describe(moved.outcome)}"
    said = _new_organization(said, moved.opportunity, near)
    created = moved.outcome is not None and moved.outcome.created
    return redirect(
        f"/opportunities/{opportunity_id}#next-moves"
        if created
        else f"/opportunities/{opportunity_id}",
        flash=queries.warned(said, moved.warning),
        warns=moved.warns or bool(near),
    )


@router.post("/opportunities/{opportunity_id}/stage", response_class=HTMLResponse)
async def move(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Move to another stage: the board partial for HTMX, else back where the form was.

    A problem comes back on the form it was sent from, beside the stage's menu or the note.
    """
    values = await form_values(request, ("stage", "note", "return_to"))
    try:
        change = forms.validate(
            StageMove, filled({"stage": values["stage"], "note": values["note"]})
        )
    except InvalidInput as error:
        return _move_refused(request, session, workspace_id, opportunity_id, values, error)
    try:
        result = events.move(
            session,
            workspace_id=workspace_id,
            opportunity_id=opportunity_id,
            stage=change.stage,
            note=change.note,
            today=clock.today(),
            cache=network.cache_of(request),
            model=network.model_of(request),
            confirm=_late_on_the_page,
        )
    except InvalidInput as error:
        return _move_refused(request, session, workspace_id, opportunity_id, values, error)
    moved, before, outcome, warning = (
        result.opportunity,
        result.before,
        result.outcome,
        result.warning,
    )
    note = events.describe(outcome) if outcome is not None else None
    blocked = outcome is not None and outcome.blocked
    if is_htmx(request):
        context = _board(session, workspace_id) | {
            "moved": moved,
            "moved_from": before,
            "playbook_note": note,
            "playbook_blocked": blocked,
            "blind_warning": warning,
            "swap_news": True,
        }
        return render(request, "opportunities/_board.html", context, vary_on_htmx=True)
    warns = result.warns
    if outcome is not None:
        where = "detail" if outcome.created or values["return_to"] == "detail" else "board"
        return redirect(
            f"/opportunities/{opportunity_id}#next-moves"
            if where == "detail"
            else "/opportunities/board",
            flash=queries.warned(f"Moved to {moved.stage.label}. {note}", warning),
            warns=warns,
            vary_on_htmx=True,
        )
    if values["return_to"] == "detail":
        said = (
            "Stage changed; the move is in the history below."
            if moved.stage is not before
            else f"{moved.role_title} was already at {moved.stage.label}; nothing changed."
        )
        return redirect(
            f"/opportunities/{opportunity_id}",
            flash=queries.warned(said, warning),
            warns=warns,
            vary_on_htmx=True,
        )
    said = (
        f"Moved {moved.role_title} at {moved.organization.name} to {moved.stage.label}."
        if moved.stage is not before
        else f"{moved.role_title} at {moved.organization.name} was already at {moved.stage.label}."
    )
    return redirect(
        "/opportunities/board",
        flash=queries.warned(said, warning),
        warns=warns,
        vary_on_htmx=True,
    )


def _move_refused(
    request: Request,
    session: Session,
    workspace_id: int,
    opportunity_id: int,
    values: Mapping[str, str],
    error: InvalidInput,
) -> HTMLResponse:
    """The form a refused move came from, again, with its problems and nothing moved."""
    session.rollback()
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    errors = form_errors(error, fields=("stage", "note"), rewrite={"stage": UNKNOWN_STAGE})
    if values["return_to"] == "detail" and not is_htmx(request):
        # (A menu cannot show a stage it does not offer: it stays on the one it had.)
        known = values["stage"] in {stage.value for stage in Stage}
        typed = {"stage": values["stage"] if known else opportunity.stage.value}
        typed["note"] = values["note"]
        return detail_response(
            request,
            session,
            workspace_id,
            opportunity,
            forms_on_page={"stage_values": typed, "stage_errors": errors},
            status_code=422,
        )
    # A card's menu holds only the stage: a note's problem (no card sends one) is said there too.
    context = _board(session, workspace_id) | {
        "refused": opportunity,
        "refusal": errors.get("stage") or next(iter(errors.values())),
        "swap_news": is_htmx(request),
    }
    template = "opportunities/_board.html" if is_htmx(request) else "opportunities/board.html"
    return render(request, template, context, status_code=422, vary_on_htmx=True)


@router.get("/opportunities/{opportunity_id}/delete", response_class=HTMLResponse)
def delete_page(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    opportunity = service.get(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return render(request, "opportunities/delete.html", {"opportunity": opportunity})


@router.post("/opportunities/{opportunity_id}/delete")
def delete(opportunity_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    service.delete(session, workspace_id=workspace_id, opportunity_id=opportunity_id)
    return redirect("/opportunities", flash="Opportunity deleted.")
