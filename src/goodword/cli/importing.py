"""`goodword import` and `goodword imports list|show|undo|delete`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from goodword.cli.common import (
    JsonFlag,
    cell,
    counted,
    dump,
    id_argument,
    print_json,
    state,
    table,
    work,
)
from goodword.errors import FieldError, InvalidInput
from goodword.importers.report import ImportReport, Outcome

if TYPE_CHECKING:
    from goodword.importers.undo_matches import TakenBack
    from goodword.importers.undoing import Undo

STAGES = {
    "read": "Reading files",
    "load": "Loading your network",
    "match": "Matching people",
    "people": "Saving people",
}
# Above this many rows the text report lists only the rows worth a look; --json lists all.
ALL_ROWS_UP_TO = 200

imports_app = typer.Typer(
    help="Earlier imports: the reports Goodword keeps of your last imports (not dry runs).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


def import_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders: a LinkedIn archive (ZIP or folder) or its CSVs, a Google "
            "Contacts, Outlook or Thunderbird CSV, vCard files, or any CSV with --map.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Do everything and report it, but save nothing.")
    ] = False,
    reapply: Annotated[
        bool,
        typer.Option(
            "--reapply",
            help="Apply every record in full, unchanged ones too, bringing back details you "
            "deleted since and people you deleted; by default unchanged records are passed "
            "over, and what you took off stays off.",
        ),
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Column map for any other CSV named on its own (not for files inside a "
            'ZIP or folder): "key=ID,given=First,family=Surname,email=E-mail,org=Company,'
            "title=Role,department=Team,location=City,location=Country,birthday=DOB,"
            "phone=Mobile,url=Profile,"
            'notes=Notes". A column whose name holds a comma goes in double quotes: '
            """--map 'given="Name, first",family=Surname'. email, phone, url, notes, tags and """
            "location may be mapped to several columns (location's parts are joined in that "
            "order, empty ones left out); name= takes a whole name and splits it into given "
            'and family names ("Müller, José" too). One map for every such CSV: files of '
            "other columns are imported one command each.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Import your network, merged into the people already here (one transaction).

    Formats are recognised from what the files hold. A file that cannot be read stops
    the import before anything is saved; rows that cannot be imported are listed with why.
    """
    from goodword import clock, db
    from goodword.importers import registry, service
    from goodword.importers.records import ImportFileError

    if mapping and len(mapping) > 1:
        message = (
            "--map is given more than once: one column map is read for every CSV named on "
            "its own. Import files of other columns one command each, each with its map."
        )
        raise InvalidInput(message, fields=[FieldError("mapping", "Give one column map.")])
    with work(ctx) as (session, workspace_id), _progress(as_json) as progress:
        db.begin_writing(session)  # (before the files are read: another writer waits)
        try:
            report = service.import_files(
                session,
                workspace_id=workspace_id,
                paths_or_uploads=list(paths),
                mapping=mapping[0] if mapping else None,
                dry_run=dry_run,
                reapply=reapply,
                today=clock.today(),
                progress=progress,
                max_bytes=state(ctx).settings().import_max_bytes,
            )
        except ImportFileError as exc:
            exc.message = registry.on_the_command_line(exc.message)  # (its commands' words)
            raise
        if dry_run:
            session.rollback()
    if as_json:
        from goodword.importers.schemas import report_out

        print_json(dump(report_out(report)))  # (the API's shape)
        return
    _print_report(report)
    if report.id is not None:
        typer.echo(f"This report is kept as import {report.id}: goodword imports show {report.id}")


class _Bar:
    """A Rich progress bar on stderr, fed by the importer's progress calls."""

    def __init__(self, quiet: bool) -> None:
        console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=quiet or not console.is_terminal,
        )
        self.task = self.progress.add_task(STAGES["read"], total=None)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.progress.update(
            self.task,
            description=STAGES.get(stage, stage),
            completed=done,
            total=total or None,
        )

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.progress.stop()


def _progress(quiet: bool) -> _Bar:
    return _Bar(quiet)


def _print_report(report: ImportReport, *, title: str | None = None) -> None:
    from goodword.importers import registry

    title = title or ("Dry run: nothing was saved" if report.dry_run else "Imported")
    table(
        title,
        ["File", "Read as", "Rows", "People", "Skipped"],
        [(f.name, f.label, f.rows, f.people, f.skipped) for f in report.files],
    )
    counts = report.counts
    table("Rows", ["Outcome", "Rows"], [(k, v) for k, v in counts.items()])
    rows = report.rows
    routine = (Outcome.CREATED, Outcome.UNCHANGED)
    if len(rows) > ALL_ROWS_UP_TO:
        rows = [r for r in rows if r.outcome not in routine]
    if rows:
        table(
            "Row by row",
            ["File", "Line", "Outcome", "Person", "Details"],
            [
                (
                    r.file,
                    r.line or "",
                    r.outcome.value,
                    f"{r.name} ({r.person_id})" if r.person_id else r.name,
                    registry.on_the_command_line(r.detail),  # (kept in the pages' words)
                )
                for r in rows
            ],
        )
    if len(rows) < len(report.rows):
        hidden = len(report.rows) - len(rows)
        typer.echo(
            f"{counted(hidden, 'created or unchanged row', 'created or unchanged rows')} not "
            "listed; --json lists every row."
        )
    # (Only what it did is said: no "0 connections added".)
    extras = [
        counted(n, one, many)
        for n, one, many in (
            (report.people_created, "person added", "people added"),
            (report.organizations_created, "organization added", "organizations added"),
            (report.interactions_created, "interaction added", "interactions added"),
            (
                report.interactions_existing,
                "interaction already here",
                "interactions already here",
            ),
            (report.connections_created, "connection added", "connections added"),
            (report.candidates_created, "possible duplicate queued", "possible duplicates queued"),
        )
        if n
    ]
    added = report.people_created or report.organizations_created
    if not (added or report.interactions_created or report.connections_created):
        extras.insert(0, "Nothing would be added" if report.dry_run else "Nothing added")
    typer.echo("; ".join(extras) + ".")
    for note in report.notes:  # (kept in the pages' words: said in the command line's)
        typer.echo(f"Note: {registry.on_the_command_line(note)}")
    if report.candidates_created and not report.dry_run:
        typer.echo("Review the possible duplicates: goodword people duplicates")


ImportId = Annotated[int, id_argument("IMPORT_ID", "The import's number (see `imports list`).")]


@imports_app.command("list")
def list_imports(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List the imports whose reports are kept, the latest first."""
    from goodword.importers import history

    with work(ctx) as (session, workspace_id):
        runs = history.recent(session, workspace_id=workspace_id)
    if as_json:
        from goodword.importers.schemas import import_list

        print_json(dump(import_list(runs)))
        return
    if not runs:
        typer.echo("No imports kept yet.")
        return
    outcomes = [outcome.value for outcome in Outcome]
    table(
        "Earlier imports",
        ["Import", "Imported", "Files", *(o.capitalize() for o in outcomes)],
        [
            (
                f"{run.id} (undone)" if run.undone_at else run.id,
                run.finished_at,
                history.files_in_words(run.files),
                *(run.counts.get(o, 0) for o in outcomes),
            )
            for run in runs
        ],
    )
    typer.echo("Every row of one: goodword imports show IMPORT_ID")
    if undoable := next((run.id for run in runs if run.can_undo), None):
        typer.echo(f"To undo the latest: goodword imports undo {undoable}")


@imports_app.command("show")
def show_import(ctx: typer.Context, import_id: ImportId, as_json: JsonFlag = False) -> None:
    """Show an earlier import's report, as it was when the import finished, and what
    undoing it did, if it was undone."""
    from goodword.importers import history

    with work(ctx) as (session, workspace_id):
        report = history.get(session, workspace_id=workspace_id, run_id=import_id)
    if as_json:
        from goodword.importers.schemas import report_out

        print_json(dump(report_out(report)))  # (the API's shape)
        return
    _print_report(report, title=f"Import {report.id}, {cell(report.finished_at)}")
    if report.undone_at:
        said = f" {report.undone}" if report.undone else ""
        typer.echo(f"Undone on {cell(report.undone_at)}.{said}")


@imports_app.command("delete")
def delete_import(
    ctx: typer.Context,
    import_id: ImportId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete an earlier import's report; the people and changes it brought in stay. It asks
    first (the report is the only account of what the import did); --yes, or --json for a
    script, does not ask. Saying no deletes nothing (exit 0)."""
    from goodword.importers import history

    with work(ctx) as (session, workspace_id):
        history.get(session, workspace_id=workspace_id, run_id=import_id)  # (not found: 4)
        if not (yes or as_json) and not typer.confirm(
            f"Delete the report of import {import_id}? The people it brought in stay."
        ):
            typer.echo("Nothing deleted.")
            return
        history.forget(session, workspace_id=workspace_id, run_id=import_id)
    if as_json:
        print_json({"deleted": import_id})
        return
    typer.echo(f"Deleted the report of import {import_id}. The people it brought in stay.")


@imports_app.command("undo")
def undo_import(
    ctx: typer.Context,
    import_id: ImportId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Undo an import, the latest one not undone yet (an earlier one is refused, naming the
    import to undo first): the people it made that nothing has touched since go, with
    their jobs and ties, and so do the messages it added and the organizations it made that
    nothing else holds; what it added to people already here comes off them, and what it
    changed about them goes back as it was. All at once (importing the file again brings it
    back). People edited, merged, logged with or used
    since stay, each listed with why. It says what it would do and asks first; --yes, or
    --json for a script, does not ask. Saying no changes nothing (exit 0)."""
    from goodword import db
    from goodword.importers import undoing

    with work(ctx) as (session, workspace_id):
        plan = undoing.preview(session, workspace_id=workspace_id, run_id=import_id)
        if not (yes or as_json):
            _print_undo(plan)
            if not typer.confirm(f"Undo import {import_id}?"):
                typer.echo("Nothing undone.")
                return
        db.begin_writing(session)
        done = undoing.undo(session, workspace_id=workspace_id, run_id=import_id)
    if as_json:
        from goodword.importers.schemas import undo_out

        print_json(dump(undo_out(done)))
        return
    typer.echo(f"Import {import_id} undone. {done.summary()}")
    _print_kept(done)


def _print_undo(plan: Undo) -> None:
    typer.echo(plan.summary())
    for person_id, name in plan.removed[:50]:
        typer.echo(f"  goes: {name} (person {person_id})")
    if len(plan.removed) > 50:
        typer.echo(f"  and {len(plan.removed) - 50:,} more")
    _print_kept(plan)


def _print_items(said: TakenBack, nothing: str) -> None:
    """What comes off or goes back, and what stays, each on its own line (an item may hold
    commas of its own: "location Paris, UK (back to London, UK)")."""
    for item in said.taken or [nothing]:
        typer.echo(f"    {item}")
    for item in said.left:
        typer.echo(f"    stays: {item}")


def _print_kept(plan: Undo) -> None:
    """What comes off people already here and what goes back as it was, and who stays and
    why."""
    for taken in plan.taken_back[:50]:
        typer.echo(f"  taken back from {taken.name} (person {taken.person_id}):")
        _print_items(taken, "nothing it added is left as it was")
    if len(plan.taken_back) > 50:
        typer.echo(f"  and {len(plan.taken_back) - 50:,} more taken back")
    for back in plan.put_back[:50]:
        typer.echo(f"  put back on {back.name} (person {back.person_id}):")
        _print_items(back, "nothing it changed is left as it was")
    if len(plan.put_back) > 50:
        typer.echo(f"  and {len(plan.put_back) - 50:,} more put back")
    for kept in plan.kept[:50]:
        typer.echo(f"  stays: {kept.name} (person {kept.person_id}): {kept.reason}")
    if len(plan.kept) > 50:
        typer.echo(f"  and {len(plan.kept) - 50:,} more stay")
