"""Organization commands: `goodword org add|add-name|list|show`."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    OrgId,
    details,
    dump,
    fields,
    listed,
    more_hint,
    print_json,
    saved,
    table,
    work,
)
from goodword.sentences import full_stop

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
    from goodword.organizations.schemas import OtherName

    with work(ctx) as (session, ws):
        other = validate(OtherName, {"name": name}).name
        read = organizations.other_name_added(
            session, workspace_id=ws, organization_id=organization_id, name=other
        )
    if not read.name_added:
        saved(f"{read.name} already goes by “{other}”; nothing to add.", read, as_json)
        return
    saved(f"Added “{other}” to the other names of {full_stop(read.name)}", read, as_json)


@org_app.command("list")
def org_list(
    ctx: typer.Context,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List organizations by name."""
    from goodword.cursors import checked_cursors
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationRead

    with work(ctx) as (session, ws):
        cursor, before = checked_cursors(after, before, sort="text", list_name="organizations")
        page = organizations.list_(
            session, workspace_id=ws, cursor=cursor, limit=limit, before=before
        )
        reads = [OrganizationRead.model_validate(o) for o in page.items]
    if listed("org list", reads, page, as_json):
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
