"""`goodword references ...`: your references, their launches for opportunities, and each
launch's steps after (briefed, called, thanked, or cancelled). Thin callers of the services the
web app and the API call; `--json` prints what the API answers, built with its own schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from goodword import clock
from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    SaidAlone,
    day_given,
    dump,
    fields,
    id_argument,
    more_hint,
    parse_day,
    print_json,
    saved,
    show_playbook_result,
    stop_if_blocked,
    table,
    work,
)
from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.references.enums import UseStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.references.models import ReferenceUse

ReferenceId = Annotated[
    int, id_argument("REFERENCE_ID", "The reference (id; see `goodword references list`).")
]
LaunchedFor = Annotated[
    int, id_argument("OPPORTUNITY_ID", "The opportunity you launched them for (id).")
]

references_app = typer.Typer(
    help="References: people who agreed to speak for you.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@references_app.command("list")
def references_list(
    ctx: typer.Context,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List your references with how often and when each was last used.

    A page at a time, as `GET /api/v1/references` gives it: --json prints its items and
    `next` and `prev` cursors.
    """
    from goodword.references.service import references_page

    with work(ctx) as (session, ws):
        page = references_page(session, workspace_id=ws, after=after, before=before, limit=limit)
    if as_json:
        print_json(dump(page))
        return
    reads = page.items
    if not reads:
        typer.echo("No references yet. Add one: goodword references add PERSON_ID --consent DATE")
        return
    table(
        "References",
        ["ID", "Person", "Agreed", "Used", "Last used", "Warnings"],
        [
            (r.id, r.person_name, r.consent_on, r.uses_count, r.last_used_on, "\n".join(r.warnings))
            for r in reads
        ],
    )
    more_hint(ctx, page.next)


@references_app.command("add")
def references_add(
    ctx: typer.Context,
    person_id: Annotated[
        int, id_argument("PERSON_ID", "The person (id) who agreed to speak for you.")
    ],
    consent: Annotated[str | None, typer.Option(help="The day they agreed (YYYY-MM-DD).")] = None,
    relationship: Annotated[str | None, typer.Option(help="How you know them.")] = None,
    can_speak_to: Annotated[str | None, typer.Option(help="What they know first-hand.")] = None,
    current_workplace: Annotated[
        bool, typer.Option("--current-workplace", help="Your current boss or a co-worker.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Add a reference."""
    from goodword.forms import validate
    from goodword.references import service as references
    from goodword.references.schemas import ReferenceCreate

    data = fields(person_id=person_id, consent_on=day_given(consent, "--consent"))
    data |= fields(relationship_text=relationship, can_speak_to=can_speak_to)
    data["is_current_workplace"] = current_workplace
    with work(ctx) as (session, ws):
        try:
            reference = references.create(
                session, workspace_id=ws, data=validate(ReferenceCreate, data)
            )
        except Conflict as exc:
            existing = references.for_person(session, workspace_id=ws, person_id=person_id)
            if existing is None or existing.consent_on is not None:
                raise
            raise Conflict(
                f"{exc.message} To record the day they agreed: "
                f"goodword references consent {existing.id} YYYY-MM-DD",
                fields=exc.fields,
            ) from None
        read = references.to_read(reference)
    if as_json:
        print_json(dump(read))
        return
    typer.echo(f"Added {read.person_name} as a reference (reference {read.id}).")
    for warning in read.warnings:
        typer.echo(f"Warning: {warning}")
    if read.consent_on is None:
        typer.echo(f"Once they agree: goodword references consent {read.id} YYYY-MM-DD")


@references_app.command("consent")
def references_consent(
    ctx: typer.Context,
    reference_id: Annotated[
        int, id_argument("REFERENCE_ID", "The reference (id; see `goodword references list`).")
    ],
    day: Annotated[str, typer.Argument(help="The day they agreed (YYYY-MM-DD).", metavar="DATE")],
    as_json: JsonFlag = False,
) -> None:
    """Record the day a reference agreed to speak for you (launching them needs it)."""
    from goodword.forms import validate
    from goodword.references import service as references
    from goodword.references.schemas import ReferenceUpdate

    consent_on = parse_day(day, "DATE")
    with work(ctx) as (session, ws):
        kept = references.to_read(
            references.get(session, workspace_id=ws, reference_id=reference_id)
        ).model_dump(include=set(ReferenceUpdate.model_fields))
        data = validate(ReferenceUpdate, kept | {"consent_on": consent_on})
        reference = references.update(
            session, workspace_id=ws, reference_id=reference_id, data=data
        )
        read = references.to_read(reference)
    saved(
        f"Recorded that {read.person_name} agreed on {read.consent_on} to be your reference.",
        read,
        as_json,
    )


@references_app.command("launch")
def references_launch(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: Annotated[
        int,
        id_argument("OPPORTUNITY_ID", "The opportunity (id; see `goodword opportunity list`)."),
    ],
    stress: Annotated[str | None, typer.Option(help="What they should stress.")] = None,
    confirm_current_workplace: Annotated[
        bool,
        typer.Option(
            "--confirm-current-workplace",
            help="Use a current boss or co-worker, accepting the risk to your present job.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Launch even past the overuse cap.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Brief a reference and ask them to call the hiring manager before you apply."""
    from goodword.playbooks import engine, events, launch
    from goodword.references import service as references
    from goodword.references.schemas import LaunchRead

    with work(ctx) as (session, ws):
        try:
            result = launch.launch(
                session,
                workspace_id=ws,
                reference_id=reference_id,
                opportunity_id=opportunity_id,
                today=clock.today(),
                stress_points=stress,
                force=force,
                confirm_current_workplace=confirm_current_workplace,
            )
        except Conflict as exc:
            if not any(f.field == "consent_on" for f in exc.fields):
                raise
            raise Conflict(
                f"{exc.message} Record it with: "
                f"goodword references consent {reference_id} YYYY-MM-DD",
                fields=exc.fields,
            ) from None
        read = engine.to_read(result)
        use = references.use_to_read(result.use) if result.use else None
    if as_json:
        print_json(dump(LaunchRead(use=use, warnings=result.warnings, playbook=read)))
        stop_if_blocked(read)
        return
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}")
    if result.blocked:
        show_playbook_result(read)
        stop_if_blocked(read)
    typer.echo(events.describe(result))
    show_playbook_result(read)
    typer.echo(
        f"As it goes: goodword references briefed {reference_id} {opportunity_id}, "
        "then called, then thanked."
    )


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
    from goodword.references.schemas import RecordRead

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
            raise SaidAlone(exc) from None
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


@references_app.command("briefed")
def references_briefed(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: LaunchedFor,
    as_json: JsonFlag = False,
) -> None:
    """Record that you briefed a launched reference (their briefing task is then done)."""
    _record(ctx, reference_id, opportunity_id, UseStatus.BRIEFED, None, as_json)


@references_app.command("called")
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


@references_app.command("thanked")
def references_thanked(
    ctx: typer.Context,
    reference_id: ReferenceId,
    opportunity_id: LaunchedFor,
    as_json: JsonFlag = False,
) -> None:
    """Record that you thanked a reference for their call (their thank-you task is then
    done)."""
    _record(ctx, reference_id, opportunity_id, UseStatus.THANKED, None, as_json)


@references_app.command("cancel")
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
