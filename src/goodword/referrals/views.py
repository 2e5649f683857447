"""Referral pages: every ask with where it stands, and the forms that move it on."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.forms import is_whole_number
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage
from goodword.opportunities.views import detail_response
from goodword.pages import filled, form_errors, form_of, form_values, is_htmx, redirect, render
from goodword.people import service as people
from goodword.pickers import organization_choices, person_choices
from goodword.playbooks import events, follow_up, panels
from goodword.referrals import service
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate
from goodword.sentences import full_stop

router = APIRouter()

FIELDS = ("person_id", "target_organization_id", "notes")
# The list's tabs: the asks that still need something from the user (see service.list_), every
# ask, or one status.
FILTERS = ("open", "all", *(s.value for s in AskStatus))
# Each tab's name on the page ("to_ask" is To ask).
FILTER_NAMES = {
    "open": "Open",
    "all": "Everything",
    **{s.value: s.value.replace("_", " ").capitalize() for s in AskStatus},
}


def _asks(session: Session, workspace_id: int, chosen: str) -> list[ReferralAsk]:
    if chosen == "open":
        return service.list_(session, workspace_id=workspace_id, open_only=True)
    if chosen == "all":
        return service.list_(session, workspace_id=workspace_id)
    return service.list_(
        session, workspace_id=workspace_id, statuses=frozenset({AskStatus(chosen)})
    )


def _filter(value: str | None) -> str:
    if not value:
        return "open"
    if value not in FILTERS:
        raise InvalidInput(
            f"There is no list of asks called “{value}”; choose one of the tabs: "
            f"{', '.join(FILTER_NAMES.values())}.",
            fields=[FieldError("status", "is not one of the lists")],
        )
    return value


def _list_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    chosen: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    row_errors: Mapping[int, str] | None = None,
    row_typed: Mapping[int, Mapping[str, str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    asks = _asks(session, workspace_id, chosen)
    return render(
        request,
        "referrals/list.html",
        {
            "rows": panels.ask_rows(session, workspace_id=workspace_id, asks=asks),
            # For the empty view: whether there are asks elsewhere, and how many.
            "total": service.count(session, workspace_id=workspace_id),
            "chosen": chosen,
            "filters": FILTER_NAMES,
            "values": values or {},
            "errors": errors or {},
            "row_errors": row_errors or {},
            "row_typed": row_typed or {},
            "people": person_choices(session, workspace_id=workspace_id),
            "organizations": organization_choices(session, workspace_id=workspace_id),
        },
        status_code=status_code,
        vary_on_htmx=True,
    )


@router.get("/referrals", response_class=HTMLResponse)
def list_page(
    request: Request, session: DbSession, workspace_id: WorkspaceId, status: str | None = None
) -> HTMLResponse:
    return _list_page(request, session, workspace_id, chosen=_filter(status))


@router.post("/referrals", response_class=HTMLResponse)
async def create(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Add an ask by hand: someone to ask for a recommendation, and where."""
    values = await form_values(request, FIELDS)
    try:
        data = forms.validate(ReferralAskCreate, filled(values))
        ask = service.create(session, workspace_id=workspace_id, data=data)
    except (InvalidInput, Conflict) as error:
        session.rollback()
        errors = form_errors(error, fields=FIELDS, general_field="person_id")
        return _list_page(
            request,
            session,
            workspace_id,
            chosen="open",
            values=values,
            errors=errors,
            status_code=error.status_code,
        )
    return redirect("/referrals", flash=f"Added: ask {full_stop(ask.person.display_name)}")


def _back(return_to: str, source_opportunity_id: int | None, chosen: str) -> str:
    if return_to == "opportunity" and source_opportunity_id is not None:
        return f"/opportunities/{source_opportunity_id}#next-moves"
    return f"/referrals?status={chosen}"


@router.post("/referrals/{ask_id}/advance", response_class=HTMLResponse)
async def advance(
    request: Request, ask_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Move an ask on (asked, agreed, introduced, ...) and add the tasks that move calls for."""
    ask = service.get(session, workspace_id=workspace_id, ask_id=ask_id)
    values = await form_values(request, ("status", "introduced_to", "return_to", "list"))
    chosen = values["list"] if values["list"] in FILTERS else "open"
    try:
        try:
            status = AskStatus(values["status"])
        except ValueError:
            raise InvalidInput(
                "Choose what happened with this ask.",
                fields=[FieldError("status", "Choose what happened.")],
            ) from None
        result = follow_up.advance_ask(
            session,
            workspace_id=workspace_id,
            ask_id=ask.id,
            status=status,
            today=clock.today(),
            introduced_to=values["introduced_to"].strip() or None,
        )
    except InvalidInput as error:
        session.rollback()
        ask = service.get(session, workspace_id=workspace_id, ask_id=ask_id)
        problems = form_errors(error, fields=("status", "introduced_to"))
        text = error.message if "status" in problems else next(iter(problems.values()))
        # What was chosen and typed stays in the row beside the error, to be put right.
        typed = {"status": values["status"], "introduced_to": values["introduced_to"]}
        if is_htmx(request):
            row = panels.ask_rows(session, workspace_id=workspace_id, asks=[ask])[0]
            return render(
                request,
                "referrals/_row.html",
                {"row": row, "row_error": text, "chosen": chosen, "typed": typed},
                status_code=422,
                vary_on_htmx=True,
            )
        if values["return_to"] == "opportunity" and ask.source_opportunity_id is not None:
            return redirect(_back("opportunity", ask.source_opportunity_id, chosen), flash=text)
        return _list_page(
            request,
            session,
            workspace_id,
            chosen=chosen,
            row_errors={ask.id: text},
            row_typed={ask.id: typed},
            status_code=422,
        )
    message = f"{ask.person.display_name}: {status.label.lower()}."
    if result.created:
        message = f"{message} {events.describe(result)}"
    if status is AskStatus.ASKED:
        left = follow_up.still_to_make(session, workspace_id=workspace_id, ask=ask)
        if left:
            message = f"{message} {_still_to_make(ask.person.display_name, left)}"
    if is_htmx(request):
        row = panels.ask_rows(session, workspace_id=workspace_id, asks=[ask])[0]
        return render(
            request,
            "referrals/_row.html",
            {"row": row, "row_note": message, "chosen": chosen},
            vary_on_htmx=True,
        )
    return redirect(_back(values["return_to"], ask.source_opportunity_id, chosen), flash=message)


def _still_to_make(name: str, left: list[ReferralAsk]) -> str:
    """What is still to make of the person after the row marked one ask asked, and the button
    that marks the rest (`goodword referrals mark-asked` and the API's say it their way)."""
    where = ", ".join(a.target_organization.name if a.target_organization else "anywhere"
                      for a in left)  # fmt: skip
    it = "it" if len(left) == 1 else "them"
    return (
        f"Still to make of {name} from that opportunity: {where}. The task to ask them is done "
        f"once none is; if your message named {it} too, use “I sent the ask to {name}” under "
        "Next moves on the opportunity page."
    )


@router.post("/referrals/{ask_id}/reported-back")
async def reported_back(
    request: Request, ask_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Record that the referrer heard how it went."""
    values = await form_values(request, ("return_to", "list"))
    chosen = values["list"] if values["list"] in FILTERS else "open"
    ask = service.mark_reported_back(
        session, workspace_id=workspace_id, ask_id=ask_id, on=clock.today()
    )
    return redirect(
        _back(values["return_to"], ask.source_opportunity_id, chosen),
        flash=f"Noted: you reported back to {full_stop(ask.person.display_name)}",
    )


# The form on an opportunity's page whose "I sent the ask" buttons post here.
ASK_FORM_PAGE = "opportunities/detail.html"


@router.post("/referrals/mark-asked", dependencies=[Depends(form_of(ASK_FORM_PAGE))])
async def mark_asked(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Mark every ask still to make of one person (from one opportunity) as asked: one
    message usually names several companies.

    A problem comes back on the opportunity's page, beside its buttons; without an opportunity
    (or one whose page shows no asks to make) there is no form to show it on, so the error page
    says it.
    """
    values = await form_values(request, ("person_id", "source_opportunity_id"))
    source, person_id = values["source_opportunity_id"].strip(), values["person_id"].strip()
    if source and not is_whole_number(source):
        raise InvalidInput(
            "That form is damaged; open the opportunity's page again and use its buttons.",
            fields=[FieldError("source_opportunity_id", "is not an opportunity's number")],
        )
    opportunity = (
        opportunities.get(session, workspace_id=workspace_id, opportunity_id=int(source))
        if source
        else None
    )
    if not is_whole_number(person_id):
        error = InvalidInput(
            "Say whom you asked.",
            fields=[FieldError("person_id", "Choose whom you sent the ask to.")],
        )
        if opportunity is None or not _asks_to_make(session, workspace_id, opportunity):
            raise error
        # (Nothing saved: the page is read again without the write lock the request took,
        # its previews taking it only while they run.)
        session.rollback()
        return detail_response(
            request,
            session,
            workspace_id,
            opportunity,
            forms_on_page={"ask_errors": form_errors(error, fields=("person_id",))},
            status_code=422,
        )
    person = people.get(session, workspace_id=workspace_id, person_id=int(person_id))
    source_id = opportunity.id if opportunity else None
    asks = follow_up.mark_asked(
        session,
        workspace_id=workspace_id,
        person_id=person.id,
        source_opportunity_id=source_id,
        on=clock.today(),
    )
    count = len(asks)
    message = f"Marked {count} ask{'s' if count != 1 else ''} of {person.display_name} as asked."
    return redirect(_back("opportunity", source_id, "open"), flash=message)


def _asks_to_make(session: Session, workspace_id: int, opportunity: Opportunity) -> bool:
    """Whether the opportunity's page shows the "I sent the ask" buttons (it is rejected and
    has asks still to make)."""
    if opportunity.stage is not Stage.REJECTED:
        return False
    waiting = service.list_(
        session,
        workspace_id=workspace_id,
        source_opportunity_id=opportunity.id,
        statuses=frozenset({AskStatus.TO_ASK}),
    )
    return bool(waiting)
