"""`goodword import`, `goodword imports list|show|delete` and
`goodword people duplicates|merge|unmerge|merges|export|provenance|split`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from goodword.cli.common import (
    After,
    JsonFlag,
    Limit,
    PersonId,
    cell,
    dump,
    id_argument,
    more_hint,
    print_json,
    state,
    table,
    to_screen,
    work,
    write_output,
)
from goodword.errors import FieldError, InvalidInput
from goodword.importers.report import ImportReport, Outcome

if TYPE_CHECKING:
    from goodword.importers.splitting import Outcome as SplitOutcome

STAGES = {
    "read": "Reading files",
    "load": "Loading your network",
    "match": "Matching people",
    "people": "Saving people",
}
# Above this many rows the text report lists only the rows worth a look; --json lists all.
ALL_ROWS_UP_TO = 200

people_app = typer.Typer(
    help="Your network as a whole: possible duplicates, merges, exports, provenance.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)

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
    from goodword.importers import service

    if mapping and len(mapping) > 1:
        message = (
            "--map is given more than once: one column map is read for every CSV named on "
            "its own. Import files of other columns one command each, each with its map."
        )
        raise InvalidInput(message, fields=[FieldError("mapping", "Give one column map.")])
    with work(ctx) as (session, workspace_id), _progress(as_json) as progress:
        db.begin_writing(session)  # (before the files are read: another writer waits)
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
        if dry_run:
            session.rollback()
    if as_json:
        from goodword.importers.api import report_out

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
                    r.detail,
                )
                for r in rows
            ],
        )
    if len(rows) < len(report.rows):
        hidden = len(report.rows) - len(rows)
        typer.echo(f"{hidden} created or unchanged rows not listed; --json lists every row.")
    extras = [
        _count(report.people_created, "person added", "people added"),
        _count(report.organizations_created, "organization added", "organizations added"),
        _count(report.interactions_created, "interaction added", "interactions added"),
        _count(
            report.interactions_existing, "interaction already here", "interactions already here"
        ),
        _count(report.connections_created, "connection added", "connections added"),
        _count(
            report.candidates_created, "possible duplicate queued", "possible duplicates queued"
        ),
    ]
    typer.echo("; ".join(extras) + ".")
    for note in report.notes:
        typer.echo(f"Note: {note}")
    if report.candidates_created and not report.dry_run:
        typer.echo("Review the possible duplicates: goodword people duplicates")


def _count(n: int, one: str, many: str) -> str:
    """`n` and the words for that many: "1 connection added", "2 connections added"."""
    return f"{n} {one if n == 1 else many}"


ImportId = Annotated[int, id_argument("IMPORT_ID", "The import's number (see `imports list`).")]


@imports_app.command("list")
def list_imports(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List the imports whose reports are kept, the latest first."""
    from goodword.importers import history

    with work(ctx) as (session, workspace_id):
        runs = history.recent(session, workspace_id=workspace_id)
    if as_json:
        from goodword.importers.api import ImportList, ImportSummaryOut

        print_json(dump(ImportList(items=[ImportSummaryOut(**run.to_dict()) for run in runs])))
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
                run.id,
                run.finished_at,
                history.files_in_words(run.files),
                *(run.counts.get(o, 0) for o in outcomes),
            )
            for run in runs
        ],
    )
    typer.echo("Every row of one: goodword imports show IMPORT_ID")


@imports_app.command("show")
def show_import(ctx: typer.Context, import_id: ImportId, as_json: JsonFlag = False) -> None:
    """Show an earlier import's report, as it was when the import finished."""
    from goodword.importers import history

    with work(ctx) as (session, workspace_id):
        report = history.get(session, workspace_id=workspace_id, run_id=import_id)
    if as_json:
        from goodword.importers.api import report_out

        print_json(dump(report_out(report)))  # (the API's shape)
        return
    _print_report(report, title=f"Import {report.id}, {cell(report.finished_at)}")


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


@people_app.command("duplicates")
def duplicates(
    ctx: typer.Context,
    scan: Annotated[
        bool, typer.Option("--scan", help="First look through everyone for new pairs.")
    ] = False,
    auto_merge: Annotated[
        bool,
        typer.Option("--auto-merge", help="With --scan, merge the sure pairs without asking."),
    ] = False,
    limit: Limit = 50,
    after: After = None,
    as_json: JsonFlag = False,
) -> None:
    """List possible duplicates, most likely first (review them with `people merge`)."""
    from goodword.duplicates import service
    from goodword.duplicates.api import score_cursor

    if auto_merge and not scan:
        raise InvalidInput("--auto-merge works with --scan: say `--scan --auto-merge`.")
    with work(ctx) as (session, workspace_id):
        found = (
            service.find_duplicates(session, workspace_id=workspace_id, auto_merge=auto_merge)
            if scan
            else None
        )
        page = service.list_candidates(
            session, workspace_id=workspace_id, cursor=score_cursor(after), limit=limit
        )
        reads = [service.candidate_to_read(session, c) for c in page.items]
        waiting = service.count_candidates(session, workspace_id=workspace_id)
    if as_json:
        data = {"items": [dump(r) for r in reads], "next": page.next_cursor, "total": waiting}
        print_json({"scan": dump(found), **data} if found else data)
        return
    if found:
        new = _count(found.candidates_created, "new possible duplicate", "new possible duplicates")
        sure = _count(len(found.merged), "sure pair merged", "sure pairs merged")
        typer.echo(f"Scanned everyone: {new}, {sure}.")
    if not reads:
        typer.echo("No possible duplicates to review.")
        return
    table(
        "Possible duplicates",
        ["Pair", "A", "B", "Likeness", "Why"],
        [
            (
                r.id,
                f"{r.person_a.display_name} ({r.person_a.id})",
                f"{r.person_b.display_name} ({r.person_b.id})",
                f"{round(r.score * 100)}%",
                "; ".join(r.reasons),
            )
            for r in reads
        ],
    )
    typer.echo(f"{waiting:,} {'pair waits' if waiting == 1 else 'pairs wait'} for you in all.")
    typer.echo(
        "Merge a pair: goodword people merge A B  (B is folded into A); "
        "two different people: goodword people not-same PAIR"
    )
    # The next page is the same list: not another scan.
    more_hint(ctx, page.next_cursor, leave_out=("scan", "auto_merge"))


@people_app.command("merge")
def merge(
    ctx: typer.Context,
    survivor: Annotated[int, id_argument("SURVIVOR_ID", "The person to keep (their id).")],
    absorbed: Annotated[int, id_argument("ABSORBED_ID", "The person folded into them (their id).")],
    prefer: Annotated[
        list[str] | None,
        typer.Option(
            help="Take a field's value from A or B, as FIELD=a|b (repeatable): display_name, "
            "given_name, family_name, location, notes, how_we_met, birthday. By default A's "
            "value is kept unless it is empty, and both notes are kept.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Merge two people, keeping everything of both; undo with `people unmerge`."""
    from goodword.duplicates import merging
    from goodword.duplicates.schemas import MergeChoices
    from goodword.people import service as people

    fields = list(MergeChoices.model_fields)
    choices: dict[str, str] = {}
    for item in prefer or []:
        name, _, side = (part.strip() for part in item.partition("="))
        # (A --json error names the API's field: choices, or choices.<field>.)
        if not side:
            message = f"--prefer takes FIELD=a or FIELD=b, not {item!r}."
            raise InvalidInput(message, fields=[FieldError("choices", "Write FIELD=a or FIELD=b.")])
        if name not in fields:
            message = (
                f"--prefer {item}: '{name}' is not a field a merge chooses between; "
                f"choose from {', '.join(fields)} (every e-mail, phone, job, tag and "
                "interest of both is kept anyway)."
            )
            raise InvalidInput(message, fields=[FieldError("choices", f"No field {name!r}.")])
        if side.lower() not in ("a", "b"):
            message = (
                f"--prefer {item}: write {name}=a to keep person {survivor}'s value or "
                f"{name}=b to take person {absorbed}'s."
            )
            raise InvalidInput(message, fields=[FieldError(f"choices.{name}", "Choose a or b.")])
        choices[name] = side.lower()
    with work(ctx) as (session, workspace_id):
        record = merging.merge(
            session,
            workspace_id=workspace_id,
            survivor_id=survivor,
            absorbed_id=absorbed,
            choices=choices,
            reason="merged by hand",
        )
        read = merging.merge_to_read(record)
        person = people.to_read(people.get(session, workspace_id=workspace_id, person_id=survivor))
    if as_json:
        print_json({"merge": dump(read), "person": dump(person)})
        return
    addresses = "address" if len(person.emails) == 1 else "addresses"
    held = (
        f"now has the e-mail {addresses} {', '.join(person.emails)}"
        if person.emails
        else "has no e-mail address"
    )
    typer.echo(
        f"Merged {read.absorbed_name} ({absorbed}) into {person.display_name} ({survivor}), "
        f"who {held}."
    )
    typer.echo(f"Undo with: goodword people unmerge {read.id}")


@people_app.command("unmerge")
def unmerge(
    ctx: typer.Context,
    merge_id: Annotated[int, id_argument("MERGE_ID", "The merge's id (see `people merges`).")],
    as_json: JsonFlag = False,
) -> None:
    """Undo a merge: both people come back as they were, with their ids.

    (On SQLite, if someone added since the merge now holds the merged person's old id, the
    merged person comes back under a new one, which this prints.)
    """
    from goodword.duplicates import merging
    from goodword.people import service as people

    with work(ctx) as (session, workspace_id):
        restored = people.to_read(
            merging.undo_merge(session, workspace_id=workspace_id, merge_id=merge_id)
        )
    if as_json:
        print_json(dump(restored))
        return
    typer.echo(f"Undid merge {merge_id}: {restored.display_name} ({restored.id}) is back.")


Pair = Annotated[int, id_argument("PAIR_ID", "The pair's number (see `people duplicates`).")]


@people_app.command("not-same")
def not_same(ctx: typer.Context, pair: Pair, as_json: JsonFlag = False) -> None:
    """Mark a possible duplicate as two different people: never suggested again."""
    from goodword.duplicates import service

    with work(ctx) as (session, workspace_id):
        read = service.candidate_to_read(
            session, service.mark_not_same(session, workspace_id=workspace_id, candidate_id=pair)
        )
    if as_json:
        print_json(dump(read))
        return
    typer.echo(
        f"{read.person_a.display_name} ({read.person_a.id}) and {read.person_b.display_name} "
        f"({read.person_b.id}) are two people. Changed your mind: goodword people reopen {pair}"
    )


@people_app.command("reopen")
def reopen(ctx: typer.Context, pair: Pair, as_json: JsonFlag = False) -> None:
    """Put a pair marked as two different people back among the possible duplicates."""
    from goodword.duplicates import service

    with work(ctx) as (session, workspace_id):
        read = service.candidate_to_read(
            session, service.reopen(session, workspace_id=workspace_id, candidate_id=pair)
        )
    if as_json:
        print_json(dump(read))
        return
    typer.echo(f"Pair {pair} is back among the possible duplicates to review.")


@people_app.command("merges")
def merges(
    ctx: typer.Context, limit: Limit = 50, after: After = None, as_json: JsonFlag = False
) -> None:
    """List merges, newest first (undone ones too)."""
    from goodword.api import checked_cursor
    from goodword.duplicates import merging
    from goodword.duplicates.schemas import MergeRead
    from goodword.duplicates.views import list_merges, names_of

    with work(ctx) as (session, workspace_id):
        cursor = checked_cursor(after, sort="time")
        page = list_merges(session, workspace_id=workspace_id, limit=limit, cursor=cursor)
        reads = [merging.merge_to_read(m) for m in page.items]
        ids = {r.survivor_id for r in reads if r.survivor_id is not None}
        names = names_of(session, workspace_id=workspace_id, ids=ids)
    if as_json:
        print_json({"items": [dump(r) for r in reads], "next": page.next_cursor})
        return
    if not reads:
        typer.echo("No merges yet." if after is None else "No more merges.")
        return

    def into(read: MergeRead) -> str:
        # The person kept may be gone since (deleted, or merged on after an undo).
        if read.survivor_id is None:
            return ", ".join(filter(None, (read.survivor_name, "no longer here")))
        return f"{names.get(read.survivor_id, '')} ({read.survivor_id})".lstrip()

    table(
        "Merges",
        ["Merge", "Merged", "Into", "When", "Undone"],
        [
            (r.id, f"{r.absorbed_name} ({r.absorbed_id})", into(r), r.merged_at, r.undone_at)
            for r in reads
        ],
    )
    more_hint(ctx, page.next_cursor)


class PeopleFormat(StrEnum):
    VCARD = "vcard"
    VCARD4 = "vcard4"
    CSV = "csv"
    JSON = "json"


@people_app.command("export")
def export(
    ctx: typer.Context,
    format_: Annotated[
        PeopleFormat,
        typer.Option("--format", help="vcard (3.0), vcard4, csv or json."),
    ] = PeopleFormat.VCARD,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            help="Write here instead of the screen (- is the screen).",
        ),
    ] = None,
) -> None:
    """Export everyone; `goodword import` reads each format back without losing anything of
    the people (their interactions, ties and organizations' own details are in `goodword
    export`'s whole-workspace file)."""
    from goodword.importers import export as exporting

    with work(ctx) as (session, workspace_id):
        text = exporting.export_people(session, workspace_id=workspace_id, format=format_.value)
    if output is None or to_screen(output):
        typer.echo(text, nl=False)
        return
    write_output(output, text)
    typer.echo(f"Exported your people as {format_.value} to {output}.", err=True)


@people_app.command("provenance")
def provenance(ctx: typer.Context, person_id: PersonId, as_json: JsonFlag = False) -> None:
    """Where a person came from: each source record behind them. A record an import
    matched to them (not one that made them) can be split off: `people split`."""
    from goodword.importers import splitting
    from goodword.importers.schemas import PersonSources, source_out
    from goodword.people import service as people

    with work(ctx) as (session, workspace_id):
        name = people.get(session, workspace_id=workspace_id, person_id=person_id).display_name
        sources = splitting.sources(session, workspace_id=workspace_id, person_id=person_id)
    if as_json:
        print_json(
            dump(PersonSources(person_id=person_id, sources=[source_out(s) for s in sources]))
        )
        return
    if not sources:
        typer.echo(f"{name} was added by hand, not imported.")
        return
    shown = [
        (s.id, s.source_name, s.file_name if s.line is None else f"{s.file_name}, line {s.line}",
         s.shown_key, s.imported_at,
         _split_hint(person_id, s.id, s.can_split, s.merge_id))
        for s in sources
    ]  # fmt: skip
    table(
        f"Where {name} came from",
        ["Record", "Source", "File", "Id in the file", "Imported", "Matched: if wrong, split off"],
        shown,
    )


def _split_hint(person_id: int, source_id: int, can_split: bool, merge_id: int | None) -> str:
    if can_split:
        return f"goodword people split {person_id} {source_id}"
    if merge_id is not None:
        return f"came with merge {merge_id}: goodword people unmerge {merge_id} takes it off again"
    return ""


@people_app.command("split")
def split(
    ctx: typer.Context,
    person_id: PersonId,
    source_id: Annotated[
        int,
        id_argument(
            "SOURCE_ID", "The source record's id (the Record column of `people provenance`)."
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Undo an import's match: split a record matched to the wrong person off as a person
    of their own. It first says what the new person gets and what comes off this one, and
    asks (--yes does not, nor does --json, which is for scripts). The two are then marked as
    not the same person; `people merge` puts them together again."""
    from goodword.importers import splitting
    from goodword.importers.schemas import split_result
    from goodword.people import service as people

    with work(ctx) as (session, workspace_id):
        if not (yes or as_json):
            outcome = splitting.preview(
                session, workspace_id=workspace_id, person_id=person_id, source_id=source_id
            )
            kept = people.get(session, workspace_id=workspace_id, person_id=person_id)
            for line in _split_words(outcome, f"{kept.display_name} ({person_id})"):
                typer.echo(line)
            if not typer.confirm(
                f"Split a new {outcome.name} off {kept.display_name} ({person_id})?"
            ):
                typer.echo("Nothing changed.")
                return
        done = splitting.split_off(
            session, workspace_id=workspace_id, person_id=person_id, source_id=source_id
        )
        result = split_result(done)
    new, kept_read = result.person, result.kept
    if as_json:
        print_json(dump(result))
        return
    typer.echo(
        f"{new.display_name} ({new.id}) is now a person of their own, split off "
        f"{kept_read.display_name} ({kept_read.id}); the two are marked as not the same person."
    )
    if yes:
        for line in _split_words(done.outcome, f"{kept_read.display_name} ({kept_read.id})")[1:]:
            typer.echo(line)


def _split_words(outcome: SplitOutcome, kept: str) -> list[str]:
    """What a split does, as the web's confirmation page says it."""
    lines = [f"An import matched this {outcome.source.source_name} record to {kept}."]
    lines.append(f"The new {outcome.name} gets: " + ("; ".join(outcome.gets) or "only the name"))
    lines.append(
        f"Comes off {kept}: " + ("; ".join(outcome.taken_back) or "nothing (they had it all)")
    )
    if outcome.left:
        lines.append(f"Stays with {kept} (changed since): " + "; ".join(outcome.left))
    return lines
