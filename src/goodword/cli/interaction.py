"""Interaction commands: `goodword interaction add|list|show`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from goodword.cli.common import (
    After,
    Before,
    InteractionId,
    JsonFlag,
    Limit,
    cell,
    details,
    dump,
    fields,
    id_option,
    listed,
    more_hint,
    print_json,
    saved,
    table,
    whole_number,
    work,
)
from goodword.cli.records import known
from goodword.errors import FieldError, InvalidInput
from goodword.interactions.enums import Direction, InteractionKind

# An interaction with no one given and no summary, as `interaction add` says it.
NOTHING_GIVEN = (
    "Say who took part with --with PERSON_ID, or what happened with --summary TEXT (or both)."
)
# Who wrote a message or an e-mail, as `interaction show` says it.
WRITER = {Direction.OUTBOUND: "You", Direction.INBOUND: "They"}
# Who wrote a message whose writer is not among its people (`writer_gone`), as its page says.
WRITER_GONE = "Someone not among your people (an account since deleted, or a person you deleted)"

interaction_app = typer.Typer(
    help="Interactions: meetings, interviews, calls, messages, favours.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@interaction_app.command("add")
def interaction_add(
    ctx: typer.Context,
    kind: Annotated[
        InteractionKind, typer.Argument(help="What kind of contact it was.", metavar="KIND")
    ],
    when: Annotated[
        str | None,
        typer.Option(
            help="When it happened, as YYYY-MM-DD or YYYY-MM-DDTHH:MM; not after today. "
            "Default: now."
        ),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            help="A person's id, optionally with how well you clicked: 12 or 12:clicked "
            "(clicked, good, neutral, poor). Repeatable. Give someone, or a --summary.",
        ),
    ] = None,
    opportunity: Annotated[int | None, id_option(help="The opportunity's id.")] = None,
    round_: Annotated[
        int | None,
        typer.Option(
            "--round",
            help="Interview round (1 to 20).",
            metavar="N",
            parser=whole_number(1, 20, "the interview's round, such as 2"),
        ),
    ] = None,
    direction: Annotated[
        Direction | None,
        typer.Option(
            help="For a message or an e-mail, who wrote it: outbound (you) or inbound (they)."
        ),
    ] = None,
    writer: Annotated[
        int | None,
        id_option(
            help="For a message that came in to a group (--direction inbound), the id of "
            "the one of them who wrote it; they must be given with --with too."
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(help="What happened (needed when no one is given with --with)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Log an interaction with the people involved."""
    from goodword import clock
    from goodword.db import utcnow
    from goodword.forms import validate
    from goodword.interactions import service as interactions
    from goodword.interactions.schemas import NOTHING_RECORDED, InteractionCreate
    from goodword.playbooks import cadence

    participants = []
    for item in with_ or []:
        person_id, _, rapport = item.partition(":")
        participants.append(fields(person_id=person_id.strip(), rapport=rapport.strip() or None))
    data = fields(occurred_at=when or utcnow().isoformat(), kind=kind, summary=summary)
    data |= fields(opportunity_id=opportunity, interview_round=round_, direction=direction)
    data |= fields(writer_id=writer)
    data |= fields(participants=participants)
    try:
        checked = validate(InteractionCreate, data)
    except InvalidInput as error:
        # The API says this of `participants`; here it is about the whole command, which
        # needs one of two options.
        nothing = FieldError("participants", NOTHING_RECORDED)
        problems = [_in_options(f) for f in error.fields if f != nothing]
        if nothing not in error.fields:
            raise InvalidInput(error.message, fields=problems) from None
        raise InvalidInput(NOTHING_GIVEN, fields=problems) from None
    with work(ctx) as (session, ws):
        created = interactions.create(session, workspace_id=ws, data=checked)
        cadence.settle(session, workspace_id=ws, today=clock.today())
        read = interactions.to_read(created)
    saved(f"Logged {cell(read.kind).lower()} (interaction {read.id}).", read, as_json)


@interaction_app.command("list")
def interaction_list(
    ctx: typer.Context,
    person: Annotated[int | None, id_option(help="Only with this person (id).")] = None,
    opportunity: Annotated[int | None, id_option(help="Only about this opportunity (id).")] = None,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List interactions, newest first."""
    from goodword.cursors import checked_cursors
    from goodword.interactions import service as interactions

    cursor, before = checked_cursors(after, before, sort="time", list_name="interactions")
    with work(ctx) as (session, ws):
        known(session, ws, person=person, opportunity=opportunity)
        page = interactions.list_(
            session,
            workspace_id=ws,
            person_id=person,
            opportunity_id=opportunity,
            cursor=cursor,
            limit=limit,
            before=before,
        )
        reads = [interactions.to_read(i) for i in page.items]
    if listed("interaction list", reads, page, as_json):
        return
    rows = [
        (i.id, i.occurred_at, i.kind, [p.person_name for p in i.participants], i.summary)
        for i in reads
    ]
    table("Interactions", ["ID", "When", "Kind", "With", "Summary"], rows)
    more_hint(ctx, page.next_cursor)


@interaction_app.command("show")
def interaction_show(
    ctx: typer.Context, interaction_id: InteractionId, as_json: JsonFlag = False
) -> None:
    """Show an interaction and who took part."""
    from goodword.interactions import service as interactions

    with work(ctx) as (session, ws):
        found = interactions.get(session, workspace_id=ws, interaction_id=interaction_id)
        read = interactions.to_read(found)
    if as_json:
        print_json(dump(read))
        return
    rows: list[tuple[str, Any]] = [
        ("When", read.occurred_at),
        ("Kind", read.kind),
        ("Opportunity", read.opportunity_id),
        ("Round", read.interview_round),
        ("Who wrote", _writer(read)),
        ("Summary", read.summary),
    ]
    people = [
        f"{p.person_name} (person {p.person_id}){', ' + p.rapport if p.rapport else ''}"
        for p in read.participants
    ]
    details(f"Interaction {read.id}", rows, {"People": people})


def _in_options(problem: FieldError) -> FieldError:
    """A problem with who wrote a message, said in the command's options."""
    if problem.field != "writer_id":
        return problem
    return FieldError(
        "--writer",
        "give one of the people given with --with, for a message that came in "
        "(--direction inbound); a message you wrote is --direction outbound, with no --writer",
    )


def _writer(read: Any) -> str | None:
    """Who wrote a message, as `interaction show` says it."""
    if read.writer_id is not None:
        names = [p.person_name for p in read.participants if p.person_id == read.writer_id]
        return f"{names[0]} (person {read.writer_id})" if names else f"person {read.writer_id}"
    if read.writer_gone:
        return WRITER_GONE
    if read.direction is Direction.INBOUND and len(read.participants) > 1:
        return "One of them (the record does not say which)"
    return WRITER.get(read.direction) if read.direction else None
