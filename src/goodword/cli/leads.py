"""`goodword leads ...`: openings, events and articles to pass on, whom each fits, and whether
you passed it on. Thin callers of the services the web app and the API call; `--json` prints
what the API answers, built with its own schemas."""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

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
    print_json,
    show_prompts,
    stop_if_blocked,
    table,
    work,
)
from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.leads.enums import LeadKind, ShareStatus
from goodword.sentences import full_stop

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.leads.models import LeadShare
    from goodword.leads.schemas import LeadRead
    from goodword.organizations.models import Organization

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
    from goodword.organizations import service as organizations

    data = fields(kind=kind, title=title, description=description, url=url, tags=tag)
    data |= fields(happens_on=day_given(on, "--date"), organization_name=org, place=place)
    data |= fields(in_person=in_person or None)
    with work(ctx) as (session, ws), _in_person_said("leave out --in-person"):
        checked = validate(LeadCreate, data)
        near = organizations.new_name(session, workspace_id=ws, name=checked.organization_name)
        lead = leads.create(session, workspace_id=ws, data=checked)
        read = leads.saved_read(lead, near)
    if as_json:
        print_json(dump(read))
        return
    typer.echo(
        f"Added lead {read.id}: {read.title}. Whom it fits: goodword leads suggest {read.id}"
    )
    _say_new_organization(read, near)


@leads_app.command("edit")
def leads_edit(
    ctx: typer.Context,
    lead_id: LeadId,
    title: Annotated[str | None, typer.Option(help="What it is, in a few words.")] = None,
    kind: Annotated[LeadKind | None, typer.Option(help="What kind of lead.")] = None,
    description: Annotated[
        str | None, typer.Option(help="What it is about ('' for nothing).")
    ] = None,
    url: Annotated[str | None, typer.Option(help="A link ('' for none).")] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="When (YYYY-MM-DD; '' for no date).")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(help="A tag, in place of the tags it has (repeatable; --tag '' for none)."),
    ] = None,
    org: Annotated[
        str | None, typer.Option(help="The organization (found or added; '' for none).")
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            help="Where it is: a town or city, and its country if you like ('' for none)."
        ),
    ] = None,
    in_person: Annotated[
        bool | None,
        typer.Option(
            "--in-person/--no-in-person",
            help="Whether it is only for people who can be there (in person needs a place).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a lead: what the options give changes, the rest stays.

    Its suggestions not yet sent or skipped follow it: one for someone it no longer fits is
    taken off (its task dismissed), and the others' open tasks take the new title and note,
    but a title or notes you edited yourself stay as you left them.
    """
    from goodword.forms import validate
    from goodword.leads import service as leads
    from goodword.leads.schemas import LeadUpdate
    from goodword.organizations import service as organizations
    from goodword.playbooks import pass_it_on
    from goodword.playbooks.messages import join_names

    with work(ctx) as (session, ws):
        lead = leads.get(session, workspace_id=ws, lead_id=lead_id)
        data: dict[str, Any] = {
            "kind": kind or lead.kind, "title": lead.title if title is None else title,
            "description": lead.description, "url": lead.url,
            "happens_on": lead.happens_on and lead.happens_on.isoformat(),
            "place": lead.place, "tags": list(lead.tags or []),
            "in_person": lead.in_person if in_person is None else in_person,
            "organization_id": lead.organization_id,
        }  # fmt: skip
        for name, value in {"description": description, "url": url, "place": place}.items():
            if value is not None:
                data[name] = value.strip() or None
        if on is not None:
            data["happens_on"] = day_given(on, "--date") if on.strip() else None
        if tag is not None:
            data["tags"] = [t for t in tag if t.strip()]
        if org is not None:
            data |= {"organization_id": None, "organization_name": org.strip() or None}
        with _in_person_said("give --no-in-person"):
            checked = validate(LeadUpdate, data)
            near = organizations.new_name(
                session, workspace_id=ws, name=checked.organization_name,
                organization_id=checked.organization_id,
            )  # fmt: skip
            changed, dropped = pass_it_on.edit(
                session, workspace_id=ws, lead_id=lead_id, data=checked
            )
        read = leads.saved_read(changed, near)
    if as_json:
        print_json(dump(read))
        return
    typer.echo(f"Saved lead {read.id}: {read.title}.")
    _say_new_organization(read, near)
    if dropped:
        typer.echo(
            f"It no longer fits {join_names(dropped, 'and')}, so they are no longer suggested "
            "(their tasks to pass it on are dismissed)."
        )


def _say_new_organization(read: LeadRead, near: Sequence[Organization] | None) -> None:
    """That the lead's organization was new, so added (`organizations.new_name`), and the
    known ones very like its name, with how to use one instead."""
    from goodword.organizations import service as organizations

    if near is None or read.organization_name is None:
        return
    first = shlex.quote(near[0].name) if near else "NAME"
    fix = f"change it with: goodword leads edit {read.id} --org {first}"
    typer.echo(organizations.new_organization_words(read.organization_name, near, fix=fix))


@contextmanager
def _in_person_said(undo: str) -> Iterator[None]:
    """Say what to do about an in-person lead with no place in the command's options
    (--place, or `undo`: the option that makes it not in person)."""
    from goodword.leads import service as leads

    try:
        yield
    except InvalidInput as exc:
        if not any(f.field == "place" and f.message == leads.NEEDS_A_PLACE for f in exc.fields):
            raise
        raise InvalidInput(
            "An in-person lead needs a place, so Goodword can offer it to the people there.",
            fields=[FieldError("place", f"Give the town or city, or {undo}.")],
        ) from None


@leads_app.command("list")
def leads_list(
    ctx: typer.Context,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List leads, newest first, with their ids and whom each was passed to.

    A page at a time, as `GET /api/v1/leads` gives it: --json prints its items and `next`
    and `prev` cursors.
    """
    from goodword.leads.service import leads_page

    with work(ctx) as (session, ws):
        page = leads_page(session, workspace_id=ws, after=after, before=before, limit=limit)
    if as_json:
        print_json(dump(page))
        return
    reads = page.items
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
    more_hint(ctx, page.next)
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
            raise SaidAlone(exc) from None
        read = leads.share_to_read(marked)
    if as_json:
        print_json(dump(read))
        return
    done = "passed on to" if status is ShareStatus.SENT else "is not for"
    typer.echo(f"Noted: {title} {done} {full_stop(read.person_name)}")


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
