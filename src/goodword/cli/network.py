"""`goodword paths` (the ways in to a person, organization or opportunity) and
`goodword connections import` (ties in bulk from an edge-list CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from goodword.cli.common import (
    JsonFlag,
    addressed,
    console,
    dump,
    id_option,
    print_json,
    state,
    table,
    whole_number,
    work,
)

if TYPE_CHECKING:
    from goodword.errors import NotFound
    from goodword.network.queries import PathQuery
    from goodword.network.schemas import WayInRead

connections_app = typer.Typer(
    help="Connections in bulk: load a list of who knows whom.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


def paths(
    ctx: typer.Context,
    to_person: Annotated[int | None, id_option("--to-person", help="A person's id.")] = None,
    to_org: Annotated[
        str | None, typer.Option("--to-org", help="Anyone at this organization (name or id).")
    ] = None,
    department: Annotated[
        str | None,
        typer.Option(
            "--department",
            "--dept",
            help="With --to-org: only people in this department or with this title, such as "
            '"sales".',
        ),
    ] = None,
    opportunity: Annotated[
        int | None,
        id_option(
            "--opportunity", help="An opportunity's id: its hiring manager, else its organization."
        ),
    ] = None,
    from_person: Annotated[
        int | None,
        id_option("--from", help="Start from this person's id (default: you)."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            help="How many ways in to show (1 to 50).",
            metavar="N",
            parser=whole_number(1, 50, "how many ways in"),
        ),
    ] = 5,
    k: Annotated[
        int | None,
        # (--limit's name before: the API's `k`, kept working for scripts that give it.)
        typer.Option(
            "--k",
            hidden=True,
            help="The same as --limit.",
            parser=whole_number(1, 50, "how many ways in"),
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The best ways in to a person, an organization or an opportunity's hiring manager.

    Each path is explained tie by tie, with the first ask and a draft message. When nothing
    reaches the target, the people around it to approach for advice instead.
    """
    from goodword.errors import FieldError, InvalidInput, NotFound
    from goodword.network.queries import PathQuery, find
    from goodword.network.schemas import ways_in_read
    from goodword.network.strength import model_from_settings

    if department and not to_org:
        raise InvalidInput(
            "--department narrows an organization; give --to-org too.",
            fields=[FieldError("department", "Give --to-org too.")],
        )
    targets = {"to_person_id": to_person, "to_organization": to_org, "opportunity_id": opportunity}
    given = [name for name, value in targets.items() if value is not None]
    if not given:
        raise InvalidInput(
            "Say where you want to get to: give one of --to-person, --to-org or --opportunity."
        )
    if len(given) > 1:
        # (Named by the API's fields, which the error shows as the options typed.)
        raise InvalidInput(
            "Say where you want to get to: one of --to-person, --to-org or --opportunity, "
            "not more.",
            fields=[FieldError(name, "Give only one target.") for name in given],
        )
    query = PathQuery(
        to_person_id=to_person,
        to_organization=to_org,
        department=department,
        opportunity_id=opportunity,
        from_person_id=from_person,
        k=limit if k is None else k,
    )
    model = model_from_settings(state(ctx).settings())
    with work(ctx) as (session, ws):
        try:
            found = find(session, workspace_id=ws, query=query, model=model)
        except NotFound as exc:
            # Every id here is given in an option, so one that names nothing is invalid
            # input (exit 2), as in every other command (see `goodword --help`).
            field = _field_of(exc, query)
            raise InvalidInput(
                f"{field} does not name one of your records.",
                fields=[FieldError(field, exc.message)],
            ) from None
        read = ways_in_read(session, workspace_id=ws, found=found)
    if as_json:
        print_json(dump(read))
        return
    out = console()
    out.print(f"Ways in to {escape(read.target)}", style="bold")
    if read.message:
        out.print(escape(read.message))
    for way in read.paths:
        _way(way)
    if read.entry_points:
        out.print("\nEntry points", style="bold")
    for point in read.entry_points:
        out.print(
            f"\n{point.way_in.rank}. {escape(point.person.name)}"
            + (f" ({escape(point.person.title)})" if point.person.title else ""),
            style="bold",
        )
        out.print(f"   {escape(point.reason)}")
        out.print(f"   Advice call: {escape(point.approach)}")
        _way(point.way_in, heading=False)


def _field_of(missing: NotFound, query: PathQuery) -> str:
    """The query's field (the API's name) that held the id or name that names nothing."""
    if missing.kind == "opportunity":
        return "opportunity_id"
    if missing.kind == "organization":
        return "to_organization"
    if query.from_person_id is not None and missing.record_id == query.from_person_id:
        return "from_person_id"
    return "to_person_id"


def _way(way: WayInRead, *, heading: bool = True) -> None:
    out = console()
    chain = " → ".join(p.name for p in way.people)
    if heading:
        out.print(f"\n{way.rank}. {escape(chain)}", style="bold")
        # `why` already says how many introductions and the path's score, worked out.
        out.print(f"   {escape(way.why)}")
    else:
        out.print(f"   Reach them through {escape(chain)} (score {way.score:.2f}).")
    for tie in way.ties:
        out.print(
            f"   {escape(tie.source.name)} - {escape(tie.target.name)}: {tie.strength:.2f} "
            f"({escape('; '.join(tie.reasons))})"
        )
    ask = way.first_ask
    out.print(f"   First ask: {escape(ask.ask)}")
    to = addressed(ask.draft.to_name, ask.draft.to)
    out.print(f"   Draft to {escape(to)}")
    if ask.draft.to_why:
        out.print(f"   {escape(ask.draft.to_why)}")
    out.print(f"   Subject: {escape(ask.draft.subject)}")
    for line in ask.draft.body.splitlines():
        out.print(f"     {escape(line)}")


@connections_app.command("import")
def connections_import(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="A CSV with the header a,b[,kind,closeness], one tie a line.", metavar="FILE"
        ),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Load ties from an edge-list CSV, all or nothing.

    `a` and `b` are person keys: an e-mail address, a profile URL, `id:<number>` or any other
    key (such as a member number). An unknown key creates a person. Any bad line means
    nothing is written; every bad line is named.
    """
    from goodword.network import service
    from goodword.network.schemas import ImportRead

    with work(ctx) as (session, ws):
        report = service.connections_import(session, workspace_id=ws, path_or_file=file)
    read = ImportRead(
        lines=report.lines,
        people_created=report.people_created,
        connections_created=report.connections_created,
        already_recorded=report.already_recorded,
    )
    if as_json:
        print_json(dump(read))
        return
    table(
        f"Imported {file.name}",
        ["", "Count"],
        [
            ("Lines read", read.lines),
            ("People added", read.people_created),
            ("Connections added", read.connections_created),
            ("Already recorded", read.already_recorded),
        ],
    )
