"""The database as a whole: `goodword db upgrade|current` (its version), `goodword export` and
`goodword import-json` (every record to one file, and back)."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from goodword.cli.common import (
    DatabaseOutOfDate,
    OutputFile,
    print_json,
    state,
    table,
    to_screen,
    work,
    write_output,
)
from goodword.errors import Conflict, InvalidInput

db_app = typer.Typer(
    help="Set up and upgrade the database.", no_args_is_help=True, rich_markup_mode="markdown"
)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Bring the database to the latest version (safe to run again)."""
    from goodword import migrate
    from goodword.cli import opening

    engine = opening.engine(state(ctx))
    place = opening.where(engine)
    try:
        before = migrate.current_revision(engine)
        if before is not None and not opening.known_revision(engine, before):
            raise opening.newer_database(place, before)
        opening.upgrade(engine, before)
        after = migrate.current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        typer.echo(f"The database at {place} is already at the latest version ({after}).")
    else:
        typer.echo(f"Upgraded the database at {place} to version {after}.")


@db_app.command("current")
def db_current(
    ctx: typer.Context,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON: database, version, latest and state (up_to_date, new, "
            "behind or ahead).",
        ),
    ] = False,
) -> None:
    """Show the database's version and whether it needs `goodword db upgrade`.

    Exits with 0 when it is up to date, or is a new SQLite file that holds nothing yet (the
    first command that uses it sets it up, as every command does); with 6 when it is behind
    (or was set up by a newer Goodword), as other commands do for such a database, so a
    script can test it. It changes nothing itself."""
    from goodword import db, migrate
    from goodword.cli import opening

    engine = opening.engine(state(ctx))
    try:
        current, head = migrate.current_revision(engine), migrate.head_revision(engine)
        newer = current not in (None, head) and not opening.known_revision(engine, current)
        upgrades_itself = current != head and opening.upgrades_itself(state(ctx), engine, current)
    finally:
        engine.dispose()
    database = db.safe_url(state(ctx).settings().database_url)
    if as_json:
        if current == head:
            status = "up_to_date"
        elif current is None and upgrades_itself:
            status = "new"
        else:
            status = "ahead" if newer else "behind"
        print_json({"database": database, "version": current, "latest": head, "state": status})
        if status in ("behind", "ahead"):
            raise typer.Exit(DatabaseOutOfDate.exit_code)
        return
    typer.echo(f"Database: {database}")
    typer.echo(f"Version:  {current or 'none (empty database)'}")
    typer.echo(f"Latest:   {head}")
    if current == head:
        typer.echo("Up to date.")
        return
    if current is None and upgrades_itself:
        typer.echo(
            "New: nothing is set up in it yet. The first command that uses it sets it up "
            "(`goodword db upgrade` does it now)."
        )
        return
    if newer:
        typer.echo("Ahead: a newer Goodword set it up; upgrade Goodword to use it.")
    elif upgrades_itself:  # your own database, in Goodword's data folder
        typer.echo(
            "Behind: the next command that uses it upgrades it first, as it is your own "
            "(in Goodword's data folder); or run `goodword db upgrade`."
        )
    else:
        typer.echo("Behind: run `goodword db upgrade`.")
    raise typer.Exit(DatabaseOutOfDate.exit_code)


class ExportFormat(StrEnum):
    JSON = "json"


def export(
    ctx: typer.Context,
    format_: Annotated[
        ExportFormat,
        typer.Option("--format", help="File format: json, the one format that keeps everything."),
    ] = ExportFormat.JSON,
    output: OutputFile = None,
) -> None:
    """Export every record to one file that `goodword import-json` reads back unchanged."""
    from goodword.exchange import service as exchange

    with work(ctx) as (session, workspace_id):
        document = exchange.export_workspace(session, workspace_id=workspace_id)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None or to_screen(output):
        typer.echo(text, nl=False)
        return
    write_output(output, text)
    people, organizations = len(document["people"]), len(document["organizations"])
    counts = (
        f"{people:,} {'person' if people == 1 else 'people'}, {organizations:,} "
        f"{'organization' if organizations == 1 else 'organizations'}"
    )
    typer.echo(f"Exported {counts} and the rest to {output}.", err=True)


def import_json(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="A file made by `goodword export`.", metavar="FILE"),
    ],
    into_nonempty: Annotated[
        bool,
        typer.Option(
            "--into-nonempty", help="Add the records to a database that already has some."
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print JSON: the file and how many of each record it added."),
    ] = False,
) -> None:
    """Import a `goodword export` file: all of it, or (on any problem) nothing.

    Made for restoring a backup into an empty database: a new file is set up for it. A
    database that already has records is refused unless you pass --into-nonempty.
    """
    from goodword.exchange import service as exchange

    if file.is_dir():
        raise InvalidInput(f"{file} is a folder; give the file `goodword export` made.")
    if not file.is_file():
        raise InvalidInput(f"There is no file at {file}.")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{file} is not a text file; give the file `goodword export` made."
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            # (Some of json's messages end with "at" already: "Unterminated string starting at".)
            f"{file} is not JSON ({exc.msg.removesuffix(' at')} at line {exc.lineno}, "
            f"column {exc.colno})."
        ) from None
    document = exchange.read_document(data)
    # A new file is set up, as for `goodword demo`: restoring a backup is what it is for.
    with work(ctx, set_up_empty=True) as (session, workspace_id):
        if not into_nonempty and not exchange.is_empty(session, workspace_id=workspace_id):
            raise Conflict(
                "This database already has records, and importing would mix two networks. "
                "Import into an empty database, or pass --into-nonempty to add these records."
            )
        summary = exchange.import_workspace(
            session, workspace_id=workspace_id, data=document, into_nonempty=into_nonempty
        )
    if as_json:
        print_json({"file": file.name, "imported": asdict(summary)})
        return
    counts = [(k.replace("_", " "), v) for k, v in asdict(summary).items()]
    table(f"Imported {file.name}", ["Records", "Count"], counts)
