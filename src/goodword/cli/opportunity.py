"""Opportunity commands: `goodword opportunity add|list|show|edit|move`."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    OpportunityId,
    cell,
    day_given,
    details,
    dump,
    fields,
    id_option,
    listed,
    more_hint,
    print_json,
    table,
    work,
)
from goodword.cli.playbooks import confirm_late_words
from goodword.cli.records import known
from goodword.errors import InvalidInput
from goodword.opportunities.enums import PayPeriod, Route, Stage
from goodword.opportunities.wording import pay_of

if TYPE_CHECKING:
    from goodword.opportunities.moves import StageMoveRead
    from goodword.opportunities.schemas import OpportunityRead

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
    """Add an opportunity; one added at applied or rejected does what a move there does
    (the blind-application warning, the rejection playbook)."""
    from goodword import clock
    from goodword.cli.common import state
    from goodword.forms import validate
    from goodword.network.strength import model_from_settings
    from goodword.opportunities import service as opportunities
    from goodword.opportunities.schemas import OpportunityCreate
    from goodword.organizations import service as organizations
    from goodword.playbooks import events

    data = fields(role_title=role, organization_name=org, organization_id=org_id, stage=stage)
    data |= fields(route=route, city=city, region=region, country=country, posting_url=url)
    data |= fields(pay_min=pay_min, pay_max=pay_max, pay_currency=currency, pay_period=period)
    data |= fields(hiring_manager_id=manager, next_step=next_step, next_step_due=due, notes=notes)
    with work(ctx) as (session, ws):
        checked = validate(OpportunityCreate, data)
        near = organizations.new_name(
            session, workspace_id=ws, name=checked.organization_name, organization_id=org_id
        )
        try:
            result = events.create(
                session, workspace_id=ws, data=checked,
                today=clock.today(), model=model_from_settings(state(ctx).settings()),
                confirm=confirm_late_words,
            )  # fmt: skip
        except opportunities.TwoOrganizations as exc:
            raise InvalidInput(exc.problem("--org", "--org-id")) from None
        shown = _shown(result, near)
    if not as_json:
        read = shown.read
        typer.echo(f"Added {read.role_title} at {read.organization_name} ({read.id}).")
        _say_new_organization(shown.read, near)
    _say_what_followed(shown, as_json)


@opportunity_app.command("list")
def opportunity_list(
    ctx: typer.Context,
    stage: Annotated[Stage | None, typer.Option(help="Only at this stage.")] = None,
    org: Annotated[
        str | None,
        typer.Option(
            help="Only at this organization: its name (or another of its names, or its id)."
        ),
    ] = None,
    org_id: Annotated[int | None, id_option(help="Only at this organization (id).")] = None,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List opportunities, most recently changed first.

    --org takes the organization by name, as `task add --org` does: case, legal form ("Acme
    Inc.") and its other names are all found."""
    from goodword.cursors import checked_cursors
    from goodword.opportunities import service as opportunities
    from goodword.organizations import service as organizations
    from goodword.records import referenced

    if org is not None and org_id is not None:
        raise InvalidInput("Give --org or --org-id, not both.")
    if org is not None and not org.strip():
        raise InvalidInput("--org needs the organization's name (or its id).")
    cursor, before = checked_cursors(after, before, sort="time", list_name="opportunities")
    with work(ctx) as (session, ws):
        known(session, ws, org_id=org_id)
        if org is not None:
            # (Named by the field --org is in `opportunity add`, so the error names --org.)
            org_id = referenced(
                "organization_name",
                lambda: organizations.named(session, workspace_id=ws, text=org),
            ).id
        page = opportunities.list_(
            session,
            workspace_id=ws,
            stage=stage,
            organization_id=org_id,
            cursor=cursor,
            limit=limit,
            before=before,
        )
        reads = [opportunities.to_read(o) for o in page.items]
    if listed("opportunity list", reads, page, as_json):
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


@opportunity_app.command("edit")
def opportunity_edit(
    ctx: typer.Context,
    opportunity_id: OpportunityId,
    role: Annotated[str | None, typer.Option(help="The role's title.")] = None,
    org: Annotated[str | None, typer.Option(help="Organization name (found or added).")] = None,
    org_id: Annotated[
        int | None, id_option(help="Or the organization's id (with --org too, both must name it).")
    ] = None,
    route: Annotated[Route | None, typer.Option(help="How it reached you.")] = None,
    city: Annotated[str | None, typer.Option(help="City of the job ('' for none).")] = None,
    region: Annotated[
        str | None, typer.Option(help="State, province or region ('' for none).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country ('' for none).")] = None,
    url: Annotated[str | None, typer.Option(help="Link to the posting ('' for none).")] = None,
    pay_min: Annotated[str | None, typer.Option(help="Lowest pay stated ('' for none).")] = None,
    pay_max: Annotated[str | None, typer.Option(help="Highest pay stated ('' for none).")] = None,
    currency: Annotated[str | None, typer.Option(help="Pay currency ('' for none).")] = None,
    period: Annotated[PayPeriod | None, typer.Option(help="Pay per what.")] = None,
    manager: Annotated[int | None, id_option(help="The hiring manager's person id.")] = None,
    no_manager: Annotated[
        bool, typer.Option("--no-manager", help="No hiring manager named.")
    ] = False,
    next_step: Annotated[str | None, typer.Option(help="Your next move ('' for none).")] = None,
    due: Annotated[
        str | None, typer.Option(help="When the next move is due (YYYY-MM-DD; '' for none).")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Notes ('' for none).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change an opportunity: what the options give changes, the rest stays (its stage is
    changed with `goodword opportunity move`)."""
    from goodword import clock
    from goodword.cli.common import state
    from goodword.forms import validate
    from goodword.network.strength import model_from_settings
    from goodword.opportunities import service as opportunities
    from goodword.opportunities.moves import moved_read
    from goodword.opportunities.schemas import OpportunityUpdate
    from goodword.organizations import service as organizations
    from goodword.playbooks import events

    if manager is not None and no_manager:
        raise InvalidInput("Give --manager or --no-manager, not both.")
    texts = {
        "role_title": role, "city": city, "region": region, "country": country,
        "posting_url": url, "pay_min": pay_min, "pay_max": pay_max, "pay_currency": currency,
        "next_step": next_step, "notes": notes,
    }  # fmt: skip
    with work(ctx) as (session, ws):
        now = opportunities.to_read(
            opportunities.get(session, workspace_id=ws, opportunity_id=opportunity_id)
        )
        data = now.model_dump(include=set(OpportunityUpdate.model_fields) - {"stage"})
        data.pop("organization_name", None)
        for field, value in texts.items():
            if value is not None:
                data[field] = value.strip() or None
        if org is not None or org_id is not None:
            data["organization_id"] = org_id
            data |= fields(organization_name=org)
        data |= fields(route=route, pay_period=period)
        if manager is not None or no_manager:
            data["hiring_manager_id"] = manager
        if due is not None:
            data["next_step_due"] = day_given(due, "--due") if due.strip() else None
        checked = validate(OpportunityUpdate, data)
        near = organizations.new_name(
            session, workspace_id=ws, name=checked.organization_name,
            organization_id=checked.organization_id,
        )  # fmt: skip
        try:
            result = events.update(
                session, workspace_id=ws, opportunity_id=opportunity_id,
                data=checked, today=clock.today(),
                model=model_from_settings(state(ctx).settings()),
                confirm=confirm_late_words,
            )  # fmt: skip
        except opportunities.TwoOrganizations as exc:
            raise InvalidInput(exc.problem("--org", "--org-id")) from None
        read = moved_read(result, near)
    if as_json:  # (what PUT /api/v1/opportunities/{id} answers)
        print_json(dump(read))
        return
    typer.echo(f"Saved {read.role_title} at {read.organization_name} ({read.id}).")
    _say_new_organization(read, near)


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
    from goodword.network.strength import model_from_settings
    from goodword.opportunities.schemas import StageMove
    from goodword.playbooks import events

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
            confirm=confirm_late_words,
        )
        shown = _shown(result)
    if not as_json:
        read = shown.read
        already = "is now" if read.stage is not result.before else "was already"
        typer.echo(f"{read.role_title} at {read.organization_name} {already} {cell(read.stage)}.")
    _say_what_followed(shown, as_json)


@dataclass
class _Shown:
    """What a move (or an opportunity added at a stage) did, as the API says it (`read`),
    and the outcome of its playbook, for the words."""

    read: StageMoveRead
    outcome: Any


def _shown(result: Any, near: Any = None) -> _Shown:
    from goodword.opportunities.moves import moved_read

    return _Shown(moved_read(result, near), result.outcome)


def _say_new_organization(read: OpportunityRead, near: Any) -> None:
    """That the organization given was new, so added (`organizations.new_name`), and the
    known ones very like its name, with how to use one instead."""
    from goodword.organizations import service as organizations

    if near is None:
        return
    first = shlex.quote(near[0].name) if near else "NAME"
    fix = f"change it with: goodword opportunity edit {read.id} --org {first}"
    typer.echo(organizations.new_organization_words(read.organization_name, near, fix=fix))


def _say_what_followed(shown: _Shown, as_json: bool) -> None:
    """The warning and the playbook a stage set off (the JSON: the API's answer)."""
    from goodword.playbooks import events

    read = shown.read
    warning, played = read.warning, read.playbook
    if as_json:
        print_json(dump(read))
        return
    if warning is not None:
        typer.echo(f"Warning: {warning.message}")
        typer.echo(f"  See every way in: goodword paths --opportunity {read.id}")
    if shown.outcome is not None:
        typer.echo(events.describe(shown.outcome))
        for prompt in played.prompts if played else []:
            if not prompt.blocking:
                typer.echo(f"  Also: {prompt.message}")
        if shown.outcome.created:
            typer.echo("See them with: goodword tasks list")
