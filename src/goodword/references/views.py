"""Reference pages: the registry, its forms, and launching a reference for an opportunity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import Conflict, FieldError, GoodwordError, InvalidInput
from goodword.forms import is_whole_number
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity
from goodword.pages import FormErrors, filled, form_errors, redirect, render
from goodword.pickers import person_choices
from goodword.playbooks import events, launch, panels, sender
from goodword.playbooks.engine import Prompt
from goodword.playbooks.messages import Draft
from goodword.references import service
from goodword.references.models import Reference, UseStatus
from goodword.references.schemas import ReferenceCreate, ReferenceUpdate
from goodword.sentences import full_stop

router = APIRouter()

FIELDS = ("person_id", "consent_on", "relationship_text", "can_speak_to", "notes")
CHECKBOXES = ("is_current_workplace", "active")
LAUNCH_FIELDS = ("reference_id", "stress_points")
CHOOSE_A_REFERENCE = "Choose a reference."
LAUNCH_CHECKBOXES = ("confirm_current_workplace", "force")


async def _read(request: Request, names: tuple[str, ...], boxes: tuple[str, ...]) -> dict[str, str]:
    form = await request.form()
    values = {name: str(form.get(name) or "") for name in names}
    values |= {name: "1" if form.get(name) not in (None, "", "0") else "" for name in boxes}
    return values


def _payload(values: Mapping[str, str], *, with_person: bool) -> dict[str, Any]:
    data: dict[str, Any] = filled({k: values[k] for k in FIELDS if k in values})
    if not with_person:
        data.pop("person_id", None)
    data |= {name: bool(values.get(name)) for name in CHECKBOXES}
    return data


def _values(reference: Reference | None) -> dict[str, str]:
    if reference is None:
        return {name: "" for name in FIELDS} | {"is_current_workplace": "", "active": "1"}
    return {
        "person_id": str(reference.person_id),
        "consent_on": reference.consent_on.isoformat() if reference.consent_on else "",
        "relationship_text": reference.relationship_text or "",
        "can_speak_to": reference.can_speak_to or "",
        "notes": reference.notes or "",
        "is_current_workplace": "1" if reference.is_current_workplace else "",
        "active": "1" if reference.active else "",
    }


@router.get("/references", response_class=HTMLResponse)
def list_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """The registry: consent, what each can speak to, how often and when last used."""
    return render(
        request,
        "references/list.html",
        {
            "references": service.list_(session, workspace_id=workspace_id),
            "today": clock.today(),
            "window": service.WINDOW_DAYS,
            "cap": service.MAX_USES,
        },
    )


def _form_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    values: Mapping[str, str],
    reference: Reference | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "references/form.html",
        {
            "reference": reference,
            "values": values,
            "errors": errors or {},
            # (You cannot be your own reference: you are not offered.)
            "people": person_choices(session, workspace_id=workspace_id, but_me=True),
        },
        status_code=status_code,
    )


@router.get("/references/new", response_class=HTMLResponse)
def new_page(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: str = ""
) -> Response:
    """The form; for someone who already is a reference, their reference page."""
    chosen = person_id.strip()
    if is_whole_number(chosen):
        existing = service.for_person(session, workspace_id=workspace_id, person_id=int(chosen))
        if existing is not None:
            return redirect(
                f"/references/{existing.id}",
                flash=f"{existing.person.display_name} already is one of your references.",
            )
    values = _values(None) | {"person_id": chosen}
    return _form_page(request, session, workspace_id, values=values)


@router.post("/references", response_class=HTMLResponse)
async def create(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    values = await _read(request, FIELDS, CHECKBOXES)
    try:
        data = forms.validate(ReferenceCreate, _payload(values, with_person=True))
        reference = service.create(session, workspace_id=workspace_id, data=data)
    except (InvalidInput, Conflict) as error:
        session.rollback()
        errors = form_errors(error, fields=FIELDS, general_field="person_id")
        if errors.get("person_id") == forms.REQUIRED:  # (the menu left at its empty choice)
            errors["person_id"] = "Choose who your reference is."
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            errors=errors,
            status_code=error.status_code,
        )
    return redirect(
        f"/references/{reference.id}",
        flash=f"{reference.person.display_name} is now one of your references.",
    )


def _launchable(session: Session, workspace_id: int, limit: int = 20) -> list[Opportunity]:
    """The opportunities still under way, most recently changed first, to launch it for."""
    return list(
        session.scalars(
            select(Opportunity)
            .where(
                Opportunity.workspace_id == workspace_id,
                Opportunity.stage.not_in(panels.FINISHED),
            )
            .options(selectinload(Opportunity.organization))
            .order_by(Opportunity.updated_at.desc(), Opportunity.id.desc())
            .limit(limit)
        )
    )


@router.get("/references/{reference_id}", response_class=HTMLResponse)
def detail_page(
    request: Request, reference_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    today = clock.today()
    return render(
        request,
        "references/detail.html",
        {
            "reference": reference,
            "launchable": _launchable(session, workspace_id),
            "check": service.check_launch(reference, today=today),
            "uses": [
                panels.UseRow(use, panels.USE_NEXT[use.status], [])
                for use in reversed(reference.uses)
            ],
            "used_on": service.used_on,
            "window": service.WINDOW_DAYS,
            "cap": service.MAX_USES,
        },
    )


@router.get("/references/{reference_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, reference_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    return _form_page(
        request, session, workspace_id, values=_values(reference), reference=reference
    )


@router.post("/references/{reference_id}", response_class=HTMLResponse)
async def update(
    request: Request, reference_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    values = await _read(request, FIELDS, CHECKBOXES)
    values["person_id"] = str(reference.person_id)
    try:
        data = forms.validate(ReferenceUpdate, _payload(values, with_person=False))
        service.update(session, workspace_id=workspace_id, reference_id=reference.id, data=data)
    except InvalidInput as error:
        session.rollback()
        reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
        errors = form_errors(error, fields=FIELDS)
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            reference=reference,
            errors=errors,
            status_code=422,
        )
    return redirect(f"/references/{reference_id}", flash="Changes saved.")


@router.get("/references/{reference_id}/delete", response_class=HTMLResponse)
def delete_page(
    request: Request, reference_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    """Confirm the removal: it takes the launches with it, so offer "not available" instead."""
    reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    return render(
        request,
        "references/delete.html",
        {
            "reference": reference,
            "launches": len(reference.uses),
            "in_window": len(
                service.uses_within(reference, today=clock.today(), window_days=service.WINDOW_DAYS)
            ),
            "window": service.WINDOW_DAYS,
            "cap": service.MAX_USES,
        },
    )


@router.post("/references/{reference_id}/not-available")
def mark_not_available(
    reference_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Keep the reference and its launches, but launch them no more."""
    reference = service.set_available(
        session, workspace_id=workspace_id, reference_id=reference_id, active=False
    )
    return redirect(
        f"/references/{reference.id}",
        flash=f"{reference.person.display_name} is marked as not available; "
        "their launches stay on record.",
    )


@router.post("/references/{reference_id}/delete")
def delete(reference_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    reference = service.get(session, workspace_id=workspace_id, reference_id=reference_id)
    name = reference.person.display_name
    service.delete(session, workspace_id=workspace_id, reference_id=reference.id)
    return redirect("/references", flash=f"{name} is no longer on your list of references.")


@dataclass
class LaunchPreview:
    """What launching would make, from a run that was rolled back."""

    drafts: list[Draft] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)


def launch_preview(
    session: Session, workspace_id: int, reference: Reference, opportunity: Opportunity, today: date
) -> LaunchPreview:
    """The briefing as it would be sent; blockers that no confirmation can lift stop it."""

    def run(session: Session) -> LaunchPreview:
        result = launch.launch(
            session,
            workspace_id=workspace_id,
            reference_id=reference.id,
            opportunity_id=opportunity.id,
            today=today,
            force=True,
            confirm_current_workplace=True,
        )
        return LaunchPreview(drafts=list(result.drafts), prompts=list(result.prompts))

    try:
        return panels.dry_run(session, run)
    except GoodwordError as error:
        return LaunchPreview(blockers=[f.message for f in error.fields] or [error.message])


def _launch_page(
    request: Request,
    session: Session,
    workspace_id: int,
    opportunity: Opportunity,
    *,
    values: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    today = clock.today()
    chosen = None
    check = None
    preview = None
    if is_whole_number(values.get("reference_id", "")):
        chosen = service.get(
            session, workspace_id=workspace_id, reference_id=int(values["reference_id"])
        )
        check = service.check_launch(chosen, today=today)
        preview = launch_preview(session, workspace_id, chosen, opportunity, today)
    return render(
        request,
        "references/launch.html",
        {
            "opportunity": opportunity,
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            "options": panels.reference_options(session, workspace_id=workspace_id, today=today),
            "chosen": chosen,
            "works_with_you": chosen is not None and service.works_with_you(chosen),
            "check": check,
            "preview": preview,
            "values": values,
            "errors": errors or {},
            "cap": service.MAX_USES,
            "window": service.WINDOW_DAYS,
            # (Once the application is in, the call is asked for while it is weighed.)
            "application_in": opportunity.stage in launch.APPLIED_STAGES,
        },
        status_code=status_code,
    )


@router.get("/opportunities/{opportunity_id}/references/launch", response_class=HTMLResponse)
def launch_page(
    request: Request,
    opportunity_id: int,
    session: DbSession,
    workspace_id: WorkspaceId,
    reference_id: str | None = None,
) -> HTMLResponse:
    """Pick a reference, see the warnings and the briefing, then launch.

    The menu sent with no reference chosen (`?reference_id=`) says so beside it.
    """
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    values = {"reference_id": (reference_id or "").strip(), "stress_points": ""}
    if reference_id is not None and not is_whole_number(values["reference_id"]):
        errors = FormErrors({"reference_id": CHOOSE_A_REFERENCE})
        return _launch_page(
            request, session, workspace_id, opportunity, values=values, errors=errors,
            status_code=422,
        )  # fmt: skip
    return _launch_page(request, session, workspace_id, opportunity, values=values)


@router.post("/opportunities/{opportunity_id}/references/launch", response_class=HTMLResponse)
async def launch_reference(
    request: Request, opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    values = await _read(request, LAUNCH_FIELDS, LAUNCH_CHECKBOXES)
    try:
        if not is_whole_number(values["reference_id"]):
            raise InvalidInput(
                "Choose the reference to launch.",
                fields=[FieldError("reference_id", CHOOSE_A_REFERENCE)],
            )
        result = launch.launch(
            session,
            workspace_id=workspace_id,
            reference_id=int(values["reference_id"]),
            opportunity_id=opportunity.id,
            today=clock.today(),
            stress_points=values["stress_points"].strip() or None,
            force=bool(values["force"]),
            confirm_current_workplace=bool(values["confirm_current_workplace"]),
        )
        if result.blocked:
            prompt = next(p for p in result.prompts if p.blocking)
            raise InvalidInput(prompt.message, fields=[FieldError(prompt.field, prompt.message)])
    except (InvalidInput, Conflict) as error:
        session.rollback()
        errors = form_errors(
            error, fields=(*LAUNCH_FIELDS, *LAUNCH_CHECKBOXES, "consent_on", "active")
        )
        return _launch_page(
            request,
            session,
            workspace_id,
            opportunity,
            values=values,
            errors=errors,
            status_code=error.status_code,
        )
    name = result.use.reference.person.display_name if result.use else "The reference"
    return redirect(
        f"/opportunities/{opportunity.id}#next-moves",
        flash=f"Launched {full_stop(name)} {events.describe(result)}",
    )


@router.post("/references/uses/{use_id}")
async def record_use(
    request: Request, use_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Record the briefing, the call (with what came of it), the thank-you or a cancellation."""
    use = service.get_use(session, workspace_id=workspace_id, use_id=use_id)
    form = await request.form()
    status_text = str(form.get("status") or "")
    outcome = str(form.get("outcome") or "").strip() or None
    back = (
        f"/opportunities/{use.opportunity_id}#next-moves"
        if use.opportunity_id is not None and form.get("return_to") != "reference"
        else f"/references/{use.reference_id}"
    )
    try:
        status = UseStatus(status_text)
    except ValueError:
        raise InvalidInput(
            "Choose what happened: briefed, called, thanked or cancelled.",
            fields=[FieldError("status", "is not one of the choices")],
        ) from None
    result = launch.record(
        session,
        workspace_id=workspace_id,
        use_id=use.id,
        status=status,
        today=clock.today(),
        outcome=outcome,
    )
    message = f"Recorded: {use.reference.person.display_name} {status.label.lower()}."
    if result.created:
        message = f"{message} {events.describe(result)}"
    return redirect(back, flash=message)
