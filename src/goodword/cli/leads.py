"""`goodword leads ...`: openings, events and articles to pass on, whom each fits, and whether
you passed it on. Thin callers of the services the web app and the API call; `--json` prints
what the API answers, built with its own schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from goodword import clock
from goodword.cli.common import (
    JsonFlag,
    day_given,
    dump,
    fields,
    id_argument,
    print_json,
    show_prompts,
    stop_if_blocked,
    table,
    work,
)
from goodword.errors import InvalidInput, NotFound
from goodword.leads.models import LeadKind, ShareStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.leads.models import LeadShare

LeadId = Annotated[int, id_argument("LEAD_ID", "The lead's id (see `goodword leads list`).")]
SuggestedTo = Annotated[
    int, id_argument("PERSON_ID", "The person it was suggested for (see `goodword leads suggest`).")
]

leads_app = typer.Typer(
    help="Leads: openings, events and articles to pass on to people they fit.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@leads_app.command("add")
def leads_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What it is, in a few words.", metavar="TITLE")],
    kind: Annotated[LeadKind, typer.Option(help="What kind of lead.")] = LeadKind.LEAD,
    description: Annotated[str | None, typer.Option(help="What it is about.")] = None,
    url: Annotated[str | None, typer.Option(help="A link.")] = None,
    on: Annotated[str | None, typer.Option("--date", help="When (YYYY-MM-DD).")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    org: Annotated[str | None, typer.Option(help="The organization (found or added).")] = None,
    place: Annotated[
        str | None, typer.Option(help="Where it is: a town or city, and its country if you like.")
    ] = None,
    in_person: Annotated[
        bool,
        typer.Option(
            "--in-person",
            help="Only for people who can be there (needs --place): those in that place come "
            "first, those whose place is not known after, those known to be elsewhere never.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Record a lead; then `goodword leads suggest LEAD_ID` finds whom it fits."""
    from goodword.forms import validate
    from goodword.leads import service as leads
    from goodword.leads.schemas import LeadCreate

    data = fields(kind=kind, title=title, description=description, url=url, tags=tag)
    data |= fields(happens_on=day_given(on, "--date"), organization_name=org, place=place)
    data |= fields(in_person=in_person or None)
    with work(ctx) as (session, ws):
        lead = leads.create(session, workspace_id=ws, data=validate(LeadCreate, data))
        read = leads.to_read(lead)
    if as_json:
        print_json(dump(read))
        return
    typer.echo(
        f"Added lead {read.id}: {read.title}. Whom it fits: goodword leads suggest {read.id}"
    )


@leads_app.command("list")
def leads_list(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List leads, newest first, with their ids and whom each was passed to."""
    from goodword.leads import service as leads

    with work(ctx) as (session, ws):
        reads = [leads.to_read(lead) for lead in leads.list_(session, workspace_id=ws)]
    if as_json:
        print_json([dump(r) for r in reads])
        return
    if not reads:
        typer.echo("No leads yet. Add one: goodword leads add TITLE")
        return
    table(
        "Leads",
        ["ID", "Title", "Kind", "When", "Where", "Organization", "Passed to"],
        [
            (
                r.id,
                r.title,
                r.kind,
                r.happens_on,
                f"{r.place} (in person)" if r.in_person else r.place,
                r.organization_name,
                [s.person_name for s in r.shares if s.status is ShareStatus.SENT],
            )
            for r in reads
        ],
    )
    typer.echo("Whom one fits: goodword leads suggest LEAD_ID")


@leads_app.command("suggest")
def leads_suggest(ctx: typer.Context, lead_id: LeadId, as_json: JsonFlag = False) -> None:
    """Whom the lead fits, why, and a drafted note and a task for each."""
    from goodword.leads import service as leads

    with work(ctx) as (session, ws):
        read = leads.pass_on(session, workspace_id=ws, lead_id=lead_id, today=clock.today())
    if as_json:
        print_json(dump(read))
        stop_if_blocked(read)
        return
    show_prompts(read)
    stop_if_blocked(read)
    if read.suggestions:
        table(
            "It fits",
            ["Person", "Name", "Why"],
            [(m.person_id, m.name, m.reason) for m in read.suggestions],
        )
        added = read.created
        typer.echo(f"{added} task{'' if added == 1 else 's'} added with a drafted note each.")
        typer.echo(
            f"Once you pass it on: goodword leads sent {lead_id} PERSON_ID "
            "(or skipped, if it is not for them)."
        )


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


@leads_app.command("sent")
def leads_sent(
    ctx: typer.Context, lead_id: LeadId, person_id: SuggestedTo, as_json: JsonFlag = False
) -> None:
    """Record that you passed a lead on to a person it was suggested for (their task to pass
    it on is then done)."""
    _mark(ctx, lead_id, person_id, ShareStatus.SENT, as_json)


@leads_app.command("skipped")
def leads_skipped(
    ctx: typer.Context, lead_id: LeadId, person_id: SuggestedTo, as_json: JsonFlag = False
) -> None:
    """Record that a lead is not for a person it was suggested for (their task to pass it on
    is dismissed). A lead already passed on stays so."""
    _mark(ctx, lead_id, person_id, ShareStatus.SKIPPED, as_json)
