"""Recording the steps that follow a playbook: a launched reference briefed, called and
thanked, or the launch cancelled (`goodword references briefed|called|thanked|cancel`), a lead
passed on or not (`goodword leads sent|skipped`). Thin callers of the services the API calls,
and `--json` prints what the API answers, built with its own schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from goodword import clock
from goodword.cli.common import (
    JsonFlag,
    dump,
    id_argument,
    print_json,
    show_playbook_result,
    work,
)
from goodword.errors import InvalidInput, NotFound
from goodword.leads.models import ShareStatus
from goodword.references.models import UseStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.leads.models import LeadShare
    from goodword.references.models import ReferenceUse

ReferenceId = Annotated[
    int, id_argument("REFERENCE_ID", "The reference (id; see `goodword references list`).")
]
LaunchedFor = Annotated[
    int, id_argument("OPPORTUNITY_ID", "The opportunity you launched them for (id).")
]
LeadId = Annotated[int, id_argument("LEAD_ID", "The lead's id (see `goodword leads list`).")]
SuggestedTo = Annotated[
    int, id_argument("PERSON_ID", "The person it was suggested for (see `goodword leads suggest`).")
]


def _launch(session: Session, ws: int, reference_id: int, opportunity_id: int) -> ReferenceUse:
    """The launch of a reference for an opportunity, or NotFound naming the id that is not
    there (the reference's, the opportunity's) or saying that it was never launched."""
    from goodword.opportunities import service as opportunities
    from goodword.references import service as references

    reference = references.get(session, workspace_id=ws, reference_id=reference_id)
    opportunity = opportunities.get(session, workspace_id=ws, opportunity_id=opportunity_id)
    use = next((u for u in reference.uses if u.opportunity_id == opportunity.id), None)
    if use is None:
        raise NotFound(
            "launch",
            opportunity_id,
            message=f"{reference.person.display_name} (reference {reference_id}) was not "
            f"launched for {opportunity.role_title} at {opportunity.organization.name} "
            f"(opportunity {opportunity_id}). Launch them first: "
            f"goodword references launch {reference_id} {opportunity_id}",
        )
    return use


def _record(
    ctx: typer.Context,
    reference_id: int,
    opportunity_id: int,
    status: UseStatus,
    outcome: str | None,
    as_json: bool,
) -> None:
    from goodword.playbooks import engine, launch
    from goodword.references import service as references
    from goodword.references.api import RecordRead

    with work(ctx) as (session, ws):
        use = _launch(session, ws, reference_id, opportunity_id)
        name = use.reference.person.display_name
        said = f"Recorded: {name} {status.label.lower()}."
        if status is UseStatus.CANCELLED:
            said = _cancelling(use, reference_id, opportunity_id)
        try:
            result = launch.record(
                session,
                workspace_id=ws,
                use_id=use.id,
                status=status,
                today=clock.today(),
                outcome=outcome,
            )
        except InvalidInput as exc:
            if not any(f.field == "status" for f in exc.fields):
                raise
            # A step out of turn: said without the API's field.
            raise InvalidInput(exc.message) from None
        recorded = references.get_use(session, workspace_id=ws, use_id=use.id)
        read = RecordRead(use=references.use_to_read(recorded), playbook=engine.to_read(result))
    if as_json:
        print_json(dump(read))
        return
    typer.echo(said)
    if read.playbook.created:
        added = read.playbook.created
        typer.echo(f"{added} follow-up task{'' if added == 1 else 's'} added.")
    show_playbook_result(read.playbook)


def _cancelling(use: ReferenceUse, reference_id: int, opportunity_id: int) -> str:
    """What cancelling the launch is said as, or InvalidInput when it was already cancelled
    (the API takes that again quietly; the command says so) or the call was made."""
    name = use.reference.person.display_name
    assert use.opportunity is not None  # (found by its id)
    role = f"{use.opportunity.role_title} at {use.opportunity.organization.name}"
    if use.status is UseStatus.CANCELLED:
        raise InvalidInput(
            f"{name}'s launch for {role} is already cancelled. To launch them again: "
            f"goodword references launch {reference_id} {opportunity_id}"
        )
    if use.status in (UseStatus.CALLED, UseStatus.THANKED):
        raise InvalidInput(
            f"{name} has already called about {role}, so the launch stays on record and "
            "cannot be cancelled."
        )
    return f"Cancelled {name}'s launch for {role}; its open tasks are dismissed."


def references_briefed(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: LaunchedFor,
    as_json: JsonFlag = False,
) -> None:
    """Record that you briefed a launched reference (their briefing task is then done)."""
    _record(ctx, reference_id, opportunity_id, UseStatus.BRIEFED, None, as_json)


def references_called(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: LaunchedFor,
    outcome: Annotated[
        str | None, typer.Option(help="What came of the call, in a few words.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record that a launched reference called the hiring manager; adds the task to thank
    them, with a drafted thank-you."""
    _record(ctx, reference_id, opportunity_id, UseStatus.CALLED, outcome, as_json)


def references_thanked(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: LaunchedFor,
    as_json: JsonFlag = False,
) -> None:
    """Record that you thanked a reference for their call (their thank-you task is then
    done)."""
    _record(ctx, reference_id, opportunity_id, UseStatus.THANKED, None, as_json)


def references_cancel(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: LaunchedFor,
    as_json: JsonFlag = False,
) -> None:
    """Cancel a reference's launch for an opportunity, as long as they have not called yet:
    its open tasks are dismissed and the overuse cap no longer counts it. You can launch
    them again later."""
    _record(ctx, reference_id, opportunity_id, UseStatus.CANCELLED, None, as_json)


def _share(session: Session, ws: int, lead_id: int, person_id: int) -> LeadShare:
    """The suggestion of a lead for a person, or NotFound naming the id that is not there
    (the lead's, the person's) or saying that the lead was never suggested for them."""
    from goodword.leads import service as leads
    from goodword.people import service as people

    lead = leads.get(session, workspace_id=ws, lead_id=lead_id)
    person = people.get(session, workspace_id=ws, person_id=person_id)
    share = next((s for s in lead.shares if s.person_id == person.id), None)
    if share is None:
        raise NotFound(
            "suggestion",
            person_id,
            message=f"{lead.title} (lead {lead_id}) was not suggested for "
            f"{person.display_name} (person {person_id}). Whom it fits: "
            f"goodword leads suggest {lead_id}",
        )
    return share


def _mark(
    ctx: typer.Context, lead_id: int, person_id: int, status: ShareStatus, as_json: bool
) -> None:
    from goodword.leads import service as leads
    from goodword.playbooks import pass_it_on

    with work(ctx) as (session, ws):
        share = _share(session, ws, lead_id, person_id)
        title = share.lead.title
        try:
            marked = pass_it_on.mark_share(
                session, workspace_id=ws, share_id=share.id, status=status, on=clock.today()
            )
        except InvalidInput as exc:  # already passed on: said without the API's field
            raise InvalidInput(exc.message) from None
        read = leads.share_to_read(marked)
    if as_json:
        print_json(dump(read))
        return
    done = "passed on to" if status is ShareStatus.SENT else "is not for"
    typer.echo(f"Noted: {title} {done} {read.person_name}.")


def leads_sent(
    ctx: typer.Context, lead_id: LeadId, person_id: SuggestedTo, as_json: JsonFlag = False
) -> None:
    """Record that you passed a lead on to a person it was suggested for (their task to pass
    it on is then done)."""
    _mark(ctx, lead_id, person_id, ShareStatus.SENT, as_json)


def leads_skipped(
    ctx: typer.Context, lead_id: LeadId, person_id: SuggestedTo, as_json: JsonFlag = False
) -> None:
    """Record that a lead is not for a person it was suggested for (their task to pass it on
    is dismissed). A lead already passed on stays so."""
    _mark(ctx, lead_id, person_id, ShareStatus.SKIPPED, as_json)
