"""Record commands: `goodword person|org|opportunity|interaction|task ...`."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Annotated, Any

import typer

from goodword.cli.common import (
    After,
    InteractionId,
    JsonFlag,
    Limit,
    OpportunityId,
    OrgId,
    PersonId,
    TaskId,
    cell,
    details,
    dump,
    fields,
    id_option,
    listed,
    more_hint,
    print_json,
    saved,
    span,
    table,
    whole_number,
    work,
)
from goodword.errors import FieldError, InvalidInput
from goodword.interactions.models import Direction, InteractionKind
from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.opportunities.wording import pay_of
from goodword.tasks.models import TaskStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.people.service import GoesWith

person_app = typer.Typer(
    help="People in your network, you included.", no_args_is_help=True, rich_markup_mode="markdown"
)


@person_app.command("add")
def person_add(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="The name to show, such as 'Ada Lovelace'.", metavar="NAME")
    ],
    given: Annotated[str | None, typer.Option(help="Given name.")] = None,
    family: Annotated[str | None, typer.Option(help="Family name.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="E-mail address (repeatable).")] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option(
            help="Phone number, with any extension: '+1 415 555 0100 ext. 12' (repeatable)."
        ),
    ] = None,
    url: Annotated[list[str] | None, typer.Option(help="Profile or web URL (repeatable).")] = None,
    location: Annotated[str | None, typer.Option(help="Where they live or work.")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    interest: Annotated[list[str] | None, typer.Option(help="An interest (repeatable).")] = None,
    how_we_met: Annotated[str | None, typer.Option(help="How you met.")] = None,
    notes: Annotated[str | None, typer.Option(help="Anything worth remembering.")] = None,
    me: Annotated[bool, typer.Option("--me", help="This person is you.")] = False,
    org: Annotated[str | None, typer.Option(help="Where they work now (found or added).")] = None,
    title: Annotated[str | None, typer.Option(help="Their job title there (needs --org).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a person, optionally with their current job.

    Someone who already has one of their e-mail addresses, phone numbers or LinkedIn
    profiles is named in a warning, and the pair waits in `people duplicates`.
    """
    from goodword.duplicates import service as duplicates
    from goodword.forms import validate
    from goodword.people import service as people
    from goodword.people.schemas import PersonCreate, PositionCreate

    if title and not org:
        raise InvalidInput("--title needs --org: say where they hold that title.")
    data = fields(display_name=name, given_name=given, family_name=family, emails=email)
    data |= fields(phones=phone, urls=url, location=location, tags=tag, interests=interest)
    data |= fields(how_we_met=how_we_met, notes=notes, is_me=me)
    with work(ctx) as (session, ws):
        context = people.input_context(session, workspace_id=ws)
        checked = validate(PersonCreate, data, context=context)
        person = people.create(session, workspace_id=ws, data=checked)
        if org:
            job = validate(PositionCreate, fields(organization_name=org, title=title))
            people.add_position(session, workspace_id=ws, person_id=person.id, data=job)
        found = duplicates.queue_shared_details(session, workspace_id=ws, person_id=person.id)
        read = people.to_read(person)
    if as_json:
        print_json(dump(read) | {"possible_duplicates": [dump(d) for d in found]})
        return
    typer.echo(f"Added {read.display_name} (person {read.id}).")
    for pair in found:
        typer.echo(f"Warning: {pair.message}")
        typer.echo(
            f"  Pair {pair.candidate_id} in `goodword people duplicates`; merge them with "
            f"`goodword people merge {pair.person_id} {read.id}`, or keep them apart with "
            f"`goodword people not-same {pair.candidate_id}`."
        )


@person_app.command("list")
def person_list(
    ctx: typer.Context, limit: Limit = 50, after: After = None, as_json: JsonFlag = False
) -> None:
    """List people by family name."""
    from goodword.api import checked_cursor
    from goodword.people import service as people

    with work(ctx) as (session, ws):
        cursor = checked_cursor(after, sort="text")
        page = people.list_(session, workspace_id=ws, cursor=cursor, limit=limit)
        reads = [people.to_read(p) for p in page.items]
    if listed("person list", reads, page.next_cursor, as_json):
        return
    rows = [
        (
            p.id,
            p.display_name + (" (you)" if p.is_me else ""),
            p.location,
            "; ".join(
                f"{j.title} at {j.organization_name}" if j.title else j.organization_name
                for j in p.positions
                if j.is_current
            ),
            p.emails[:1],
        )
        for p in reads
    ]
    table("People", ["ID", "Name", "Location", "Works at", "E-mail"], rows)
    more_hint(ctx, page.next_cursor)


@person_app.command("show")
def person_show(ctx: typer.Context, person_id: PersonId, as_json: JsonFlag = False) -> None:
    """Show a person with their jobs and connections."""
    from goodword.connections import service as connections
    from goodword.people import service as people
    from goodword.people.normalize import phone_text

    with work(ctx) as (session, ws):
        read = people.to_read(people.get(session, workspace_id=ws, person_id=person_id))
        closest = people.connections_page(
            session, workspace_id=ws, person_id=person_id, cursor=None, limit=SHOWN_CONNECTIONS
        )
        ties = [connections.to_read(c) for c in closest.items]
    if as_json:
        print_json(dump(read))
        return
    fields = [
        "given_name",
        "family_name",
        "emails",
        "phones",
        "urls",
        "location",
        "birthday",
        "keep_in_touch_days",
        "tags",
        "interests",
        "how_we_met",
        "notes",
        "is_me",
        "created_at",
        "updated_at",
    ]
    shown: dict[str, Any] = {"phones": [phone_text(n) for n in read.phones]}
    if read.keep_in_touch_days:
        shown["keep_in_touch_days"] = f"every {_some(read.keep_in_touch_days, 'day')}"
    jobs = [
        f"{j.title or 'Works'}{', ' + j.department if j.department else ''} at "
        f"{j.organization_name}{span(j.start_date, j.end_date, j.is_current)}"
        for j in read.positions
    ]
    knows = [
        f"{t.person_b_name if t.person_a_id == person_id else t.person_a_name} "
        f"({cell(t.kind)}{f', closeness {t.closeness}' if t.closeness else ''})"
        for t in ties
    ]
    more = (closest.total or 0) - len(ties)
    if more > 0:
        # (Your own person after a LinkedIn import has thousands.)
        knows.append(
            f"and {more:,} more: all of them, closest first, are on "
            f"/people/{person_id}/connections in the app"
        )
    details(
        f"{read.display_name} (person {read.id})",
        [
            (PERSON_LABELS.get(f, f.replace("_", " ").capitalize()), shown.get(f, getattr(read, f)))
            for f in fields
            if f != "is_me"
        ]
        + [("This is you", "yes" if read.is_me else None)],
        {"Positions": jobs, "Connections": knows},
    )


# The closest connections `person show` lists (as the person's page does).
SHOWN_CONNECTIONS = 50
# Labels in our own words where the field's name is not one (as the person's page says them).
PERSON_LABELS = {"urls": "Web addresses", "keep_in_touch_days": "Keep in touch"}


def _some(count: int, thing: str, many: str | None = None) -> str:
    """A count with its noun: 1 day, 2 days."""
    return f"{count} {thing if count == 1 else many or thing + 's'}"


@person_app.command("delete")
def person_delete(
    ctx: typer.Context,
    person_id: PersonId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a person with their positions, connections, reference record, referral asks,
    possible-duplicate pairs and lead shares, taking them off their interactions. It first
    lists what goes, and asks; with --yes it says what went. Saying no deletes nothing (exit
    0). The records they were imported from are remembered, so importing them again does
    not add them back (goodword import --reapply does)."""
    from goodword.opportunities import service as opportunities
    from goodword.people import service as people

    with work(ctx) as (session, ws):
        person = people.get(session, workspace_id=ws, person_id=person_id)
        name = person.display_name
        goes = people.goes_with(session, workspace_id=ws, person_id=person_id)
        managed = opportunities.list_(
            session, workspace_id=ws, hiring_manager_id=person_id, limit=1
        ).items
        if not yes:
            for line in _what_goes(goes, manages=bool(managed)):
                typer.echo(line)
            if not typer.confirm(f"Delete {name}? This cannot be undone."):
                typer.echo("Nothing deleted.")
                return
        people.delete(session, workspace_id=ws, person_id=person_id)
    typer.echo(f"Deleted {name}.")
    if yes:
        for line in _what_goes(goes, manages=bool(managed), done=True):
            typer.echo(line)


def _what_goes(goes: GoesWith, *, manages: bool, done: bool = False) -> list[str]:
    """What deleting a person takes (or, once `done`, took) with them, as the web's delete
    page says it (people/delete.html), from the same counts (`people.service.goes_with`)."""
    some = _some
    lines = []
    if goes.deletes_more:
        lines.append("This also deleted:" if done else "This also deletes:")
        if goes.positions:
            lines.append(f"  {some(goes.positions, 'position')} they held")
        if goes.connections:
            lines.append(f"  {some(goes.connections, 'connection')} with other people")
        if goes.reference:
            record = "  their reference record"
            if goes.launches:
                launches = some(goes.launches, "launch", "launches")
                record += f", with the record of {launches} (where and when they spoke for you)"
            lines.append(record)
        if goes.referral_asks:
            asks = some(goes.referral_asks, "referral ask")
            lines.append(f"  {asks} made of them, with how far each got")
        if goes.duplicate_pairs:
            pairs = some(goes.duplicate_pairs, "possible-duplicate pair")
            lines.append(f"  {pairs} they are in (waiting for your decision, or told apart)")
        if goes.lead_shares:
            shared = some(goes.lead_shares, "lead")
            lines.append(f"  the record of passing {shared} on to them (the leads stay)")
    if goes.interactions:
        took = "It took" if done else "It takes"
        lines.append(f"{took} them off {some(goes.interactions, 'interaction')}, which stay.")
    if manages:
        lines.append(
            "Opportunities where they were the hiring manager stay, with no manager named."
        )
    if goes.imported_records:
        records = "record" if goes.imported_records == 1 else f"{goes.imported_records} records"
        again = "it" if goes.imported_records == 1 else "them"
        lines.append(
            f"Goodword remembers the {records} they were imported from (by a digest, not "
            f"their details), so importing {again} again does not add them back (goodword "
            "import --reapply does)."
        )
    return lines


org_app = typer.Typer(
    help="Organizations: employers, targets, past workplaces.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@org_app.command("add")
def org_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The organization's name.", metavar="NAME")],
    alias: Annotated[list[str] | None, typer.Option(help="Another name (repeatable).")] = None,
    domain: Annotated[list[str] | None, typer.Option(help="Web domain (repeatable).")] = None,
    location: Annotated[str | None, typer.Option(help="Where it is.")] = None,
    notes: Annotated[str | None, typer.Option(help="Anything worth remembering.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an organization. A name another one goes by, or goes by but for its legal form
    ("Acme Inc." while Acme exists), is refused: use that one, or `org add-name`."""
    from goodword.errors import Conflict
    from goodword.forms import validate
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationCreate, OrganizationRead

    data = fields(name=name, aliases=alias, domains=domain, location=location, notes=notes)
    with work(ctx) as (session, ws):
        try:
            created = organizations.create(
                session, workspace_id=ws, data=validate(OrganizationCreate, data)
            )
        except organizations.NameOfAnother as exc:
            how = f"goodword org add-name {exc.organization_id} {shlex.quote(exc.name)}"
            raise Conflict(f"{exc.message} To add it: {how}", fields=exc.fields) from None
        read = OrganizationRead.model_validate(created)
    saved(f"Added {read.name} (organization {read.id}).", read, as_json)


@org_app.command("add-name")
def org_add_name(
    ctx: typer.Context,
    organization_id: OrgId,
    name: Annotated[
        str, typer.Argument(help="The other name: a former name, a legal form.", metavar="NAME")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Add another name to an organization, so typed anywhere it finds this one."""
    from goodword.forms import validate
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationRead, OtherName

    with work(ctx) as (session, ws):
        updated = organizations.add_other_name(
            session,
            workspace_id=ws,
            organization_id=organization_id,
            name=validate(OtherName, {"name": name}).name,
        )
        read = OrganizationRead.model_validate(updated)
    saved(f"Added “{name.strip()}” to the other names of {read.name}.", read, as_json)


@org_app.command("list")
def org_list(
    ctx: typer.Context, limit: Limit = 50, after: After = None, as_json: JsonFlag = False
) -> None:
    """List organizations by name."""
    from goodword.api import checked_cursor
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationRead

    with work(ctx) as (session, ws):
        cursor = checked_cursor(after, sort="text")
        page = organizations.list_(session, workspace_id=ws, cursor=cursor, limit=limit)
        reads = [OrganizationRead.model_validate(o) for o in page.items]
    if listed("org list", reads, page.next_cursor, as_json):
        return
    rows = [(o.id, o.name, o.location, o.domains) for o in reads]
    table("Organizations", ["ID", "Name", "Location", "Domains"], rows)
    more_hint(ctx, page.next_cursor)


@org_app.command("show")
def org_show(ctx: typer.Context, organization_id: OrgId, as_json: JsonFlag = False) -> None:
    """Show an organization."""
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationRead

    with work(ctx) as (session, ws):
        found = organizations.get(session, workspace_id=ws, organization_id=organization_id)
        read = OrganizationRead.model_validate(found)
    if as_json:
        print_json(dump(read))
        return
    fields = ["aliases", "domains", "location", "notes", "created_at", "updated_at"]
    labels = {"aliases": "Other names"}
    rows = [(labels.get(f, f.replace("_", " ").capitalize()), getattr(read, f)) for f in fields]
    details(f"{read.name} (organization {read.id})", rows, {})


opportunity_app = typer.Typer(
    help="Opportunities: the jobs you are after.", no_args_is_help=True, rich_markup_mode="markdown"
)


@opportunity_app.command("add")
def opportunity_add(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(help="The role's title.", metavar="ROLE")],
    org: Annotated[str | None, typer.Option(help="Organization name (found or added).")] = None,
    org_id: Annotated[
        int | None,
        id_option(help="Or the organization's id (with --org too, both must name it)."),
    ] = None,
    stage: Annotated[Stage, typer.Option(help="Where it stands.")] = Stage.TARGET,
    route: Annotated[Route | None, typer.Option(help="How it reached you.")] = None,
    city: Annotated[str | None, typer.Option(help="City of the job.")] = None,
    region: Annotated[str | None, typer.Option(help="State, province or region.")] = None,
    country: Annotated[str | None, typer.Option(help="Country.")] = None,
    url: Annotated[str | None, typer.Option(help="Link to the posting.")] = None,
    pay_min: Annotated[str | None, typer.Option(help="Lowest pay stated.")] = None,
    pay_max: Annotated[str | None, typer.Option(help="Highest pay stated.")] = None,
    currency: Annotated[str | None, typer.Option(help="Pay currency, such as EUR.")] = None,
    period: Annotated[PayPeriod | None, typer.Option(help="Pay per what.")] = None,
    manager: Annotated[int | None, id_option(help="The hiring manager's person id.")] = None,
    next_step: Annotated[str | None, typer.Option(help="Your next move.")] = None,
    due: Annotated[str | None, typer.Option(help="When the next move is due (YYYY-MM-DD).")] = (
        None
    ),
    notes: Annotated[str | None, typer.Option(help="Anything worth remembering.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an opportunity."""
    from goodword.forms import validate
    from goodword.opportunities import service as opportunities
    from goodword.opportunities.schemas import OpportunityCreate

    data = fields(role_title=role, organization_name=org, organization_id=org_id, stage=stage)
    data |= fields(route=route, city=city, region=region, country=country, posting_url=url)
    data |= fields(pay_min=pay_min, pay_max=pay_max, pay_currency=currency, pay_period=period)
    data |= fields(hiring_manager_id=manager, next_step=next_step, next_step_due=due, notes=notes)
    with work(ctx) as (session, ws):
        try:
            created = opportunities.create(
                session, workspace_id=ws, data=validate(OpportunityCreate, data)
            )
        except opportunities.TwoOrganizations as exc:
            raise InvalidInput(exc.problem("--org", "--org-id")) from None
        read = opportunities.to_read(created)
    saved(f"Added {read.role_title} at {read.organization_name} ({read.id}).", read, as_json)


@opportunity_app.command("list")
def opportunity_list(
    ctx: typer.Context,
    stage: Annotated[Stage | None, typer.Option(help="Only at this stage.")] = None,
    org_id: Annotated[int | None, id_option(help="Only at this organization (id).")] = None,
    limit: Limit = 50,
    after: After = None,
    as_json: JsonFlag = False,
) -> None:
    """List opportunities, most recently changed first."""
    from goodword.api import checked_cursor
    from goodword.opportunities import service as opportunities

    with work(ctx) as (session, ws):
        _known(session, ws, org_id=org_id)
        page = opportunities.list_(
            session,
            workspace_id=ws,
            stage=stage,
            organization_id=org_id,
            cursor=checked_cursor(after, sort="time"),
            limit=limit,
        )
        reads = [opportunities.to_read(o) for o in page.items]
    if listed("opportunity list", reads, page.next_cursor, as_json):
        return
    rows = [(o.id, o.role_title, o.organization_name, o.stage, o.route, o.next_step) for o in reads]
    table("Opportunities", ["ID", "Role", "Organization", "Stage", "Route", "Next step"], rows)
    more_hint(ctx, page.next_cursor)


@opportunity_app.command("show")
def opportunity_show(
    ctx: typer.Context, opportunity_id: OpportunityId, as_json: JsonFlag = False
) -> None:
    """Show an opportunity with its stage history."""
    from goodword.opportunities import service as opportunities

    with work(ctx) as (session, ws):
        found = opportunities.get(session, workspace_id=ws, opportunity_id=opportunity_id)
        read = opportunities.to_read(found)
    if as_json:
        print_json(dump(read))
        return
    pay = pay_of(read)
    place = ", ".join(p for p in (read.city, read.region, read.country) if p)
    rows: list[tuple[str, Any]] = [
        ("Organization", read.organization_name),
        ("Stage", read.stage),
        ("Route", read.route),
        ("Where", place),
        ("Pay", pay),
        ("Hiring manager", read.hiring_manager_name),
        ("Next step", read.next_step),
        ("Due", read.next_step_due),
        ("Posting", read.posting_url),
        ("Notes", read.notes),
    ]
    history = [
        f"{cell(c.changed_at)}  {cell(c.from_stage) or 'new'} -> {cell(c.to_stage)}"
        f"{'  (' + c.note + ')' if c.note else ''}"
        for c in read.stage_changes
    ]
    details(f"{read.role_title} (opportunity {read.id})", rows, {"History": history})


@opportunity_app.command("move")
def opportunity_move(
    ctx: typer.Context,
    opportunity_id: OpportunityId,
    stage: Annotated[Stage, typer.Argument(help="The stage to move it to.", metavar="STAGE")],
    note: Annotated[str | None, typer.Option(help="Why, or what happened.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Move an opportunity to another stage (the move is dated and kept)."""
    from goodword import clock
    from goodword.cli.common import state
    from goodword.forms import validate
    from goodword.network.api import warning_read
    from goodword.network.strength import model_from_settings
    from goodword.opportunities import service as opportunities
    from goodword.opportunities.schemas import StageMove
    from goodword.playbooks import engine, events

    move = validate(StageMove, fields(stage=stage, note=note))
    with work(ctx) as (session, ws):
        result = events.move(
            session,
            workspace_id=ws,
            opportunity_id=opportunity_id,
            stage=move.stage,
            note=move.note,
            today=clock.today(),
            model=model_from_settings(state(ctx).settings()),
        )
        before, outcome = result.before, result.outcome
        warning = warning_read(result.warning)
        read = opportunities.to_read(result.opportunity)
        played = engine.to_read(outcome) if outcome is not None else None
    if as_json:
        print_json(
            dump(read)
            | {"playbook": dump(played) if played else None}
            | {"warning": dump(warning) if warning else None}
        )
        return
    already = "is now" if read.stage is not before else "was already"
    typer.echo(f"{read.role_title} at {read.organization_name} {already} {cell(read.stage)}.")
    if warning is not None:
        typer.echo(f"Warning: {warning.message}")
        typer.echo(f"  See every way in: goodword paths --opportunity {read.id}")
    if outcome is not None:
        typer.echo(events.describe(outcome))
        for prompt in played.prompts if played else []:
            if not prompt.blocking:
                typer.echo(f"  Also: {prompt.message}")
        if outcome.created:
            typer.echo("See them with: goodword tasks list")


def _known(
    session: Session,
    workspace_id: int,
    *,
    person: int | None = None,
    opportunity: int | None = None,
    org_id: int | None = None,
) -> None:
    """Refuse a list filter's id that names no record (exit 2, naming the option), so a typo
    is not read as an empty list."""
    from goodword.errors import NotFound
    from goodword.opportunities import service as opportunities
    from goodword.organizations import service as organizations
    from goodword.people import service as people

    checks = [
        ("--person", person, lambda i: people.get(session, workspace_id=workspace_id, person_id=i)),
        (
            "--opportunity",
            opportunity,
            lambda i: opportunities.get(session, workspace_id=workspace_id, opportunity_id=i),
        ),
        (
            "--org-id",
            org_id,
            lambda i: organizations.get(session, workspace_id=workspace_id, organization_id=i),
        ),
    ]
    for option, record_id, load in checks:
        if record_id is None:
            continue
        try:
            load(record_id)
        except NotFound as exc:
            raise InvalidInput(f"{option}: {exc.message}") from None


# An interaction with no one given and no summary, as `interaction add` says it.
NOTHING_GIVEN = (
    "Say who took part with --with PERSON_ID, or what happened with --summary TEXT (or both)."
)
# Who wrote a message or an e-mail, as `interaction show` says it.
WRITER = {Direction.OUTBOUND: "You", Direction.INBOUND: "They"}

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
    as_json: JsonFlag = False,
) -> None:
    """List interactions, newest first."""
    from goodword.api import checked_cursor
    from goodword.interactions import service as interactions

    with work(ctx) as (session, ws):
        _known(session, ws, person=person, opportunity=opportunity)
        page = interactions.list_(
            session,
            workspace_id=ws,
            person_id=person,
            opportunity_id=opportunity,
            cursor=checked_cursor(after, sort="time"),
            limit=limit,
        )
        reads = [interactions.to_read(i) for i in page.items]
    if listed("interaction list", reads, page.next_cursor, as_json):
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
    if read.direction is Direction.INBOUND and len(read.participants) > 1:
        return "One of them (the record does not say which)"
    return WRITER.get(read.direction) if read.direction else None


task_app = typer.Typer(
    help="Tasks: your next moves.", no_args_is_help=True, rich_markup_mode="markdown"
)


@task_app.command("add")
def task_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What to do.", metavar="TITLE")],
    due: Annotated[str | None, typer.Option(help="Due date (YYYY-MM-DD).")] = None,
    notes: Annotated[str | None, typer.Option(help="Details.")] = None,
    person: Annotated[int | None, id_option(help="The person it concerns (id).")] = None,
    org: Annotated[
        str | None,
        typer.Option(
            help="The organization it concerns: its name (or another of its names, or its id)."
        ),
    ] = None,
    opportunity: Annotated[int | None, id_option(help="The opportunity (id).")] = None,
    interaction: Annotated[int | None, id_option(help="The interaction (id).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a task.

    --org takes the organization by name, as `paths --to-org` does: case, legal form ("Acme
    Inc.") and its other names are all found. A name that finds none is refused, naming the
    organizations it could mean."""
    from goodword.forms import validate
    from goodword.organizations import service as organizations
    from goodword.records import referenced
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskCreate, TaskRead

    if org is not None and not org.strip():
        raise InvalidInput("--org needs the organization's name (or its id).")
    data = fields(title=title, due_date=due, notes=notes, person_id=person)
    data |= fields(opportunity_id=opportunity, interaction_id=interaction)
    with work(ctx) as (session, ws):
        checked = validate(TaskCreate, data)
        if org is not None:
            named = referenced(
                "organization_id",
                lambda: organizations.named(session, workspace_id=ws, text=org),
            )
            checked = checked.model_copy(update={"organization_id": named.id})
        task = tasks.create(session, workspace_id=ws, data=checked)
        read = TaskRead.model_validate(task)
    saved(f"Added task {read.id}: {read.title}", read, as_json)


@task_app.command("list")
def task_list(
    ctx: typer.Context,
    status: Annotated[
        TaskStatus | None,
        typer.Option(help="Only tasks with this status (open includes snoozes that have ended)."),
    ] = None,
    person: Annotated[int | None, id_option(help="Only about this person (id).")] = None,
    opportunity: Annotated[int | None, id_option(help="Only about this opportunity (id).")] = None,
    limit: Limit = 50,
    after: After = None,
    as_json: JsonFlag = False,
) -> None:
    """List tasks, soonest due first."""
    from goodword import clock
    from goodword.api import checked_cursor
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskRead

    with work(ctx) as (session, ws):
        _known(session, ws, person=person, opportunity=opportunity)
        page = tasks.list_(
            session,
            workspace_id=ws,
            today=clock.today(),
            status=status,
            person_id=person,
            opportunity_id=opportunity,
            limit=limit,
            cursor=checked_cursor(after, sort="date"),
        )
        reads = [TaskRead.model_validate(t) for t in page.items]
    if listed("task list", reads, page.next_cursor, as_json):
        return
    table(
        "Tasks",
        ["ID", "Due", "Status", "Title"],
        [(t.id, t.due_date, t.status, t.title) for t in reads],
    )
    more_hint(ctx, page.next_cursor)


@task_app.command("show")
def task_show(ctx: typer.Context, task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Show a task."""
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskRead, origin_words

    with work(ctx) as (session, ws):
        task = tasks.get(session, workspace_id=ws, task_id=task_id)
        read = TaskRead.model_validate(task)
        person = f"{task.person.display_name} (person {task.person_id})" if task.person else None
        organization = (
            f"{task.organization.name} (organization {task.organization_id})"
            if task.organization
            else None
        )
    if as_json:
        print_json(dump(read))
        return
    rows: list[tuple[str, Any]] = [
        ("Status", read.status),
        ("Due date", read.due_date),
        ("Snoozed until", read.snoozed_until),
        ("Completed at", read.completed_at),
        ("Notes", read.notes),
        ("From", origin_words(read.origin) or None),
        ("Person", person),
        ("Organization", organization),
        ("Opportunity", read.opportunity_id),
        ("Interaction", read.interaction_id),
        ("Created at", read.created_at),
    ]
    details(f"{read.title} (task {read.id})", rows, {})


@task_app.command("done")
def task_done(ctx: typer.Context, task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Mark a task done."""
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskRead, TaskStatusChange

    with work(ctx) as (session, ws):
        before = tasks.get(session, workspace_id=ws, task_id=task_id).interaction_id
        task = tasks.set_status(
            session,
            workspace_id=ws,
            task_id=task_id,
            change=TaskStatusChange(status=TaskStatus.DONE),
        )
        read = TaskRead.model_validate(task)
        said = f"Done: {read.title}"
        if task.person and task.interaction_id != before and tasks.logs_contact(task):
            said += (
                f"\nContact with {task.person.display_name} logged today "
                f"(interaction {read.interaction_id})."
            )
    saved(said, read, as_json)


def search_command(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="Words the names start with, accents or none; or a phone number.",
            metavar="QUERY",
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Only people ('person') or only organizations ('organization').",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            help="At most this many (1 to 100).",
            metavar="N",
            parser=whole_number(1, 100, "how many to show at most"),
        ),
    ] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Find people and organizations by name, workplace or e-mail, to get their ids.

    Each word must start a word ("ali gre" finds Alice Green); one or two letters look at
    names only (two Chinese, Japanese or Korean characters look everywhere). A phone
    number finds the people who have it, however either is written: "(415) 555-0123",
    "415 555 0123" and "+14155550123" all find +1 415-555-0123.
    """
    from goodword.search.api import search

    if kind is not None and kind not in ("person", "organization"):
        raise InvalidInput(f"--kind takes 'person' or 'organization', not {kind!r}.")
    with work(ctx) as (session, ws):
        found = search(session, ws, q=query, kind=kind, limit=limit)  # type: ignore[arg-type]
    if as_json:
        print_json(dump(found))
        return
    if not found.items:
        typer.echo(f"Nothing found for {query!r}.")
        return
    table(
        f"Found for {query!r}",
        ["Kind", "ID", "Name", "Details"],
        [(f.kind, f.id, f.title, f.detail) for f in found.items],
    )
