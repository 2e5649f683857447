"""Lead pages: record what you heard of, see whom it fits, pass it on (or not)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import Busy, FieldError, InvalidInput
from goodword.leads import service
from goodword.leads.models import Lead, LeadKind, ShareStatus
from goodword.leads.schemas import LeadCreate, LeadUpdate
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.pages import enum_options, form_errors, redirect, render
from goodword.pickers import organization_names
from goodword.playbooks import events, pass_it_on, sender
from goodword.playbooks.engine import Prompt
from goodword.playbooks.messages import Draft
from goodword.playbooks.panels import BUSY_PREVIEW, dry_run
from goodword.sentences import full_stop

router = APIRouter()

# The form's words for what the service says to every client.
REWRITE = {service.NEEDS_A_PLACE: "Give the town or city, or untick In person."}
# Everyone a lead fits is shown this many to a page.
FITS_PAGE = 50

FIELDS = (
    "kind",
    "title",
    "description",
    "url",
    "happens_on",
    "place",
    "in_person",
    "tags",
    "organization_name",
)


async def _read(request: Request) -> tuple[dict[str, str], dict[str, Any]]:
    form = await request.form()
    values = {name: str(form.get(name) or "") for name in FIELDS}
    return values, forms.form_to_dict(values, lists=["tags"], booleans=["in_person"])


def _values(lead: Lead | None) -> dict[str, str]:
    if lead is None:
        return {name: "" for name in FIELDS} | {"kind": LeadKind.OPPORTUNITY.value}
    return {
        "kind": lead.kind.value,
        "title": lead.title,
        "description": lead.description or "",
        "url": lead.url or "",
        "happens_on": lead.happens_on.isoformat() if lead.happens_on else "",
        "place": lead.place or "",
        "in_person": "1" if lead.in_person else "",
        "tags": ", ".join(lead.tags or []),
        "organization_name": lead.organization.name if lead.organization else "",
    }


def _list_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "leads/list.html",
        {
            "leads": service.list_(session, workspace_id=workspace_id),
            "values": values or _values(None),
            "errors": errors or {},
            "kind_options": enum_options(LeadKind),
            "organization_names": organization_names(session, workspace_id=workspace_id),
        },
        status_code=status_code,
    )


@router.get("/leads", response_class=HTMLResponse)
def list_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    return _list_page(request, session, workspace_id)


@router.post("/leads", response_class=HTMLResponse)
async def create(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Record a lead and find whom it fits straight away."""
    values, data = await _read(request)
    try:
        checked = forms.validate(LeadCreate, data)
        near = organizations.new_name(
            session, workspace_id=workspace_id, name=checked.organization_name
        )
        lead = service.create(session, workspace_id=workspace_id, data=checked)
    except InvalidInput as error:
        session.rollback()
        errors = form_errors(error, fields=FIELDS, general_field="title", rewrite=REWRITE)
        return _list_page(
            request, session, workspace_id, values=values, errors=errors, status_code=422
        )
    result = pass_it_on.run(
        session, workspace_id=workspace_id, lead_id=lead.id, today=clock.today()
    )
    found = len(result.matches)
    total = len(service.fits(session, workspace_id=workspace_id, lead_id=lead.id)) if found else 0
    said = _new_organization(saved_message(found, total), lead, near)
    return redirect(f"/leads/{lead.id}", flash=said, warns=bool(near))


# How a lead saved with a new organization, perhaps mistyped, is put right on the page.
_FIX = "choose Edit and give that name"


def _new_organization(said: str, lead: Lead, near: list[Organization] | None) -> str:
    """`said`, and that the lead's organization was new, so added (`organizations.new_name`),
    with the known ones very like its name."""
    if near is None or lead.organization is None:
        return said
    return f"{said} {organizations.new_organization_words(lead.organization.name, near, fix=_FIX)}"


def saved_message(suggested: int, total: int) -> str:
    """What the page says once a lead is saved: how many people it fits, all of them, and
    how many of those are suggested when that is fewer.

    >>> saved_message(5, 21)
    'Lead saved. It fits 21 people; the 5 it fits best are suggested below.'
    >>> saved_message(1, 1), saved_message(0, 0)
    ('Lead saved. It fits 1 person.', 'Lead saved.')
    """
    if not total:
        return "Lead saved."
    people = "person" if total == 1 else "people"
    if suggested >= total:
        return f"Lead saved. It fits {total} {people}."
    return (
        f"Lead saved. It fits {total} {people}; the {suggested} it fits best are suggested below."
    )


def share_drafts(
    session: Session, workspace_id: int, lead: Lead
) -> tuple[dict[int, Draft], list[Prompt]]:
    """The drafted note for each person still to pass the lead to, without writing anything
    (none while another writer holds SQLite's lock past the wait: a prompt says why)."""

    limit = max(5, len(lead.shares))

    def run(session: Session) -> tuple[dict[int, Draft], list[Prompt]]:
        result = pass_it_on.run(
            session, workspace_id=workspace_id, lead_id=lead.id, today=clock.today(), limit=limit
        )
        drafts = {m.person_id: d for m, d in zip(result.matches, result.drafts, strict=False)}
        return drafts, list(result.prompts)

    try:
        return dry_run(session, run)
    except Busy:
        return {}, [Prompt("busy", BUSY_PREVIEW)]


@router.get("/leads/{lead_id}", response_class=HTMLResponse)
def detail_page(
    request: Request,
    lead_id: int,
    session: DbSession,
    workspace_id: WorkspaceId,
    fits: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> Response:
    """The lead, the people it fits with the reasons, and a note for each; a page of
    everyone it fits past the last goes to the last."""
    lead = service.get(session, workspace_id=workspace_id, lead_id=lead_id)
    everyone = service.fits(session, workspace_id=workspace_id, lead_id=lead_id)
    last = max(1, -(-len(everyone) // FITS_PAGE))
    if fits is not None and fits > last:
        return redirect(f"/leads/{lead.id}?fits={last}#everyone-h")
    drafts, prompts = share_drafts(session, workspace_id, lead)
    lead = service.get(session, workspace_id=workspace_id, lead_id=lead_id)
    page = max(1, fits or 1)
    start = (page - 1) * FITS_PAGE
    return render(
        request,
        "leads/detail.html",
        {
            "lead": lead,
            "drafts": drafts,
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            "prompts": prompts,
            "fit_count": len(everyone),
            "suggested": {s.person_id for s in lead.shares if s.status is ShareStatus.SUGGESTED},
            # (Everyone it fits, a page at a time, once asked for: "Show all 21".)
            "fits": everyone[start : start + FITS_PAGE] if fits else None,
            "fits_page": page,
            "fits_start": start,
            "fits_more": len(everyone) > start + FITS_PAGE,
        },
    )


@router.post("/leads/{lead_id}/suggest")
def suggest(lead_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Look again for the people the lead fits (new people, new interests)."""
    lead = service.get(session, workspace_id=workspace_id, lead_id=lead_id)
    result = pass_it_on.run(
        session, workspace_id=workspace_id, lead_id=lead.id, today=clock.today()
    )
    if result.blocked:
        # (What it needs, on its own: "No one known to be in Berlin fits this yet…")
        needed = next(p for p in result.prompts if p.blocking)
        return redirect(f"/leads/{lead.id}", flash=needed.message, warns=True)
    return redirect(f"/leads/{lead.id}", flash=events.describe(result))


@router.get("/leads/{lead_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, lead_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    lead = service.get(session, workspace_id=workspace_id, lead_id=lead_id)
    return _form_page(request, session, workspace_id, lead, values=_values(lead))


def _form_page(
    request: Request,
    session: Session,
    workspace_id: int,
    lead: Lead,
    *,
    values: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "leads/form.html",
        {
            "lead": lead,
            "values": values,
            "errors": errors or {},
            "kind_options": enum_options(LeadKind),
            "organization_names": organization_names(session, workspace_id=workspace_id),
        },
        status_code=status_code,
    )


@router.post("/leads/{lead_id}", response_class=HTMLResponse)
async def update(
    request: Request, lead_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    lead = service.get(session, workspace_id=workspace_id, lead_id=lead_id)
    values, data = await _read(request)
    try:
        checked = forms.validate(LeadUpdate, data)
        near = organizations.new_name(
            session, workspace_id=workspace_id, name=checked.organization_name
        )
        changed, dropped = pass_it_on.edit(
            session, workspace_id=workspace_id, lead_id=lead.id, data=checked
        )
    except InvalidInput as error:
        session.rollback()
        lead = service.get(session, workspace_id=workspace_id, lead_id=lead_id)
        errors = form_errors(error, fields=FIELDS, general_field="title", rewrite=REWRITE)
        return _form_page(
            request, session, workspace_id, lead, values=values, errors=errors, status_code=422
        )
    said = _new_organization(edited_message(dropped), changed, near)
    return redirect(f"/leads/{lead_id}", flash=said, warns=bool(near))


def edited_message(dropped: list[str]) -> str:
    """What the page says once a lead is changed, naming whom it no longer fits.

    >>> edited_message([])
    'Changes saved.'
    >>> edited_message(["Ada", "Bo", "Cy"])
    'Changes saved. It no longer fits Ada, Bo and Cy, so they are no longer suggested.'
    """
    if not dropped:
        return "Changes saved."
    names = dropped[0] if len(dropped) == 1 else f"{', '.join(dropped[:-1])} and {dropped[-1]}"
    return f"Changes saved. It no longer fits {names}, so they are no longer suggested."


@router.post("/leads/{lead_id}/delete")
def delete(lead_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    service.delete(session, workspace_id=workspace_id, lead_id=lead_id)
    return redirect("/leads", flash="Lead deleted.")


@router.post("/leads/shares/{share_id}")
async def mark_share(
    request: Request, share_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Mark a suggestion sent (you passed it on) or skipped."""
    share = service.get_share(session, workspace_id=workspace_id, share_id=share_id)
    form = await request.form()
    try:
        status = ShareStatus(str(form.get("status") or ""))
    except ValueError:
        raise InvalidInput(
            "Choose sent or skipped.", fields=[FieldError("status", "is not sent or skipped")]
        ) from None
    pass_it_on.mark_share(
        session, workspace_id=workspace_id, share_id=share.id, status=status, on=clock.today()
    )
    done = "passed on to" if status is ShareStatus.SENT else "not for"
    return redirect(
        f"/leads/{share.lead_id}", flash=f"Noted: {done} {full_stop(share.person.display_name)}"
    )
