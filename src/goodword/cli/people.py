"""`goodword people duplicates|merge|unmerge|not-same|reopen|merges|export|provenance|split`:
your network as a whole."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    OutputFile,
    PersonId,
    counted,
    dump,
    id_argument,
    id_option,
    more_hint,
    paged,
    print_json,
    table,
    to_screen,
    work,
    write_output,
)
from goodword.errors import FieldError, InvalidInput

if TYPE_CHECKING:
    from goodword.importers.splitting import Outcome as SplitOutcome


people_app = typer.Typer(
    help="Your network as a whole: possible duplicates, merges, exports, provenance.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


OnePair = Annotated[
    int | None,
    id_argument("PAIR_ID", "The pair's number (see `people duplicates`); or give --import."),
]
ImportFilter = Annotated[
    int | None,
    id_option(
        "--import",
        help="Only the pairs of this import (see `imports list`): those with someone it "
        "added and queued.",
    ),
]
# The same option for the commands that act on all of an import's pairs at once.
ImportPairs = Annotated[
    int | None,
    id_option(
        "--import",
        help="All the pairs of this import (see `imports list`), instead of one PAIR_ID: "
        "those with someone it added and queued.",
    ),
]


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
    before: Before = None,
    import_id: ImportFilter = None,
    as_json: JsonFlag = False,
) -> None:
    """List possible duplicates, most likely first: merge a pair with `people merge`, or
    mark it as two different people with `people not-same` (all of an import's with
    `people not-same --import IMPORT_ID`)."""
    from goodword.cursors import one_way
    from goodword.duplicates import by_import, service
    from goodword.duplicates.service import score_cursor

    if auto_merge and not scan:
        raise InvalidInput("--auto-merge works with --scan: say `--scan --auto-merge`.")
    one_way(after, before)
    cursor, before = score_cursor(after), score_cursor(before, field="before")
    with work(ctx) as (session, workspace_id):
        found = (
            service.find_duplicates(session, workspace_id=workspace_id, auto_merge=auto_merge)
            if scan
            else None
        )
        of_import = (
            None
            if import_id is None
            else by_import.of_import(session, workspace_id=workspace_id, run_id=import_id)
        )
        page = service.list_candidates(
            session,
            workspace_id=workspace_id,
            cursor=cursor,
            limit=limit,
            before=before,
            of_import=of_import,
        )
        reads = [service.candidate_to_read(session, c) for c in page.items]
        waiting = service.count_candidates(session, workspace_id=workspace_id, of_import=of_import)
    if as_json:
        data = paged(reads, page, total=waiting)
        print_json({"scan": dump(found), **data} if found else data)
        return
    if found:
        new = (
            counted(found.candidates_created, "new possible duplicate", "new possible duplicates")
            if found.candidates_created
            else "no new possible duplicates"
        )
        if found.merged:
            sure = counted(len(found.merged), "sure pair merged", "sure pairs merged")
            typer.echo(f"Scanned everyone: {new}; {sure}.")
        else:
            # (No count of nothing: a scan not asked to merge says nothing of merging.)
            none = " No sure pairs to merge." if auto_merge else ""
            typer.echo(f"Scanned everyone: {new}.{none}")
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
    of = f" from import {import_id}" if import_id is not None else ""
    typer.echo(f"{waiting:,} {'pair waits' if waiting == 1 else 'pairs wait'} for you{of} in all.")
    typer.echo(
        "Merge a pair: goodword people merge A B  (B is folded into A); "
        "two different people: goodword people not-same PAIR"
    )
    if import_id is not None:
        typer.echo(f"All of them two people: goodword people not-same --import {import_id}")
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
            help="Take a field's value from the person kept (a: SURVIVOR_ID) or the one folded "
            "in (b: ABSORBED_ID), as FIELD=a|b (repeatable): display_name, given_name, "
            "family_name, location, notes, how_we_met, birthday. By default the kept person's "
            "value stays unless it is empty, and both notes are kept. When each works now "
            "somewhere the other does not, current_job=a|b|both says whose job stays current "
            "(by default a LinkedIn connection's over an undated one, else the later start).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Merge two people, keeping everything of both; undo with `people unmerge`."""
    from goodword.duplicates import current_job, merging
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
        if name == "current_job" and side.lower() not in ("a", "b", "both"):
            message = (
                f"--prefer {item}: write current_job=a to keep person {survivor}'s job "
                f"current, current_job=b for person {absorbed}'s, or current_job=both."
            )
            raise InvalidInput(
                message, fields=[FieldError(f"choices.{name}", "Choose a, b or both.")]
            )
        if name != "current_job" and side.lower() not in ("a", "b"):
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
        ended = current_job.words(session, record.snapshot)
        person = people.to_read(people.get(session, workspace_id=workspace_id, person_id=survivor))
    if as_json:
        print_json({"merge": dump(read), "person": dump(person), "jobs_ended": ended})
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
    if ended:
        typer.echo(f"Now a past job: {', '.join(ended)}.")
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


def _one_or_import(pair: int | None, import_id: int | None) -> None:
    if (pair is None) == (import_id is None):
        raise InvalidInput(
            "Give a pair's number (PAIR_ID), or --import IMPORT_ID for all of an import's "
            "pairs: one of the two.",
            fields=[FieldError("PAIR_ID", "Give PAIR_ID or --import.")],
        )


@people_app.command("not-same")
def not_same(
    ctx: typer.Context,
    pair: OnePair = None,
    import_id: ImportPairs = None,
    yes: Annotated[bool, typer.Option("--yes", help="With --import, do not ask first.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Mark a possible duplicate as two different people: never suggested again. With
    --import, every pair of that import still waiting (it asks first; --yes or --json does
    not); `people reopen --import` puts them back."""
    from goodword.duplicates import by_import, service

    _one_or_import(pair, import_id)
    if import_id is not None:
        with work(ctx) as (session, workspace_id):
            pairs = by_import.of_import(session, workspace_id=workspace_id, run_id=import_id)
            waiting = service.count_candidates(session, workspace_id=workspace_id, of_import=pairs)
            if not waiting and not as_json:
                typer.echo(f"No pairs of import {import_id} wait for you; nothing marked.")
                return
            if not (yes or as_json) and not typer.confirm(
                f"Mark {'the 1 waiting pair' if waiting == 1 else f'all {waiting:,} waiting pairs'}"
                f" of import {import_id} as two different people?"
            ):
                typer.echo("Nothing marked.")
                return
            changed = by_import.mark_not_same(
                session, workspace_id=workspace_id, run_id=import_id, pairs=pairs
            )
        if as_json:
            print_json({"import_id": import_id, "changed": changed})
            return
        typer.echo(
            f"Marked {changed:,} {'pair' if changed == 1 else 'pairs'} of import {import_id} as "
            f"two people. Changed your mind: goodword people reopen --import {import_id}"
        )
        return
    assert pair is not None
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
def reopen(
    ctx: typer.Context,
    pair: OnePair = None,
    import_id: ImportPairs = None,
    as_json: JsonFlag = False,
) -> None:
    """Put a pair marked as two different people back among the possible duplicates; with
    --import, every pair of that import marked so."""
    from goodword.duplicates import by_import, service

    _one_or_import(pair, import_id)
    if import_id is not None:
        with work(ctx) as (session, workspace_id):
            changed = by_import.reopen(session, workspace_id=workspace_id, run_id=import_id)
        if as_json:
            print_json({"import_id": import_id, "changed": changed})
            return
        typer.echo(
            f"{changed:,} {'pair' if changed == 1 else 'pairs'} of import {import_id} "
            f"{'is' if changed == 1 else 'are'} back among the possible duplicates to review."
        )
        return
    assert pair is not None
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
    ctx: typer.Context,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List merges, newest first (undone ones too)."""
    from goodword.cursors import checked_cursors
    from goodword.duplicates import merging
    from goodword.duplicates.schemas import MergeRead
    from goodword.duplicates.service import list_merges, names_of

    with work(ctx) as (session, workspace_id):
        cursor, before = checked_cursors(after, before, sort="time", list_name="merges")
        page = list_merges(
            session, workspace_id=workspace_id, limit=limit, cursor=cursor, before=before
        )
        reads = [merging.merge_to_read(m) for m in page.items]
        ids = {r.survivor_id for r in reads if r.survivor_id is not None}
        names = names_of(session, workspace_id=workspace_id, ids=ids)
    if as_json:
        print_json(paged(reads, page))
        return
    if not reads:
        typer.echo("No merges yet." if after is None and before is None else "No more merges.")
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
    output: OutputFile = None,
) -> None:
    """Export everyone; `goodword import` reads each format back without losing anything of
    the people, but for which of them is you, which only json keeps (their interactions,
    ties and organizations' own details are in `goodword export`'s file of everything)."""
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
                session,
                workspace_id=workspace_id,
                person_id=person_id,
                source_id=source_id,
                undo_merge=_unmerge_command,
                listed=_provenance_command,
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
            session,
            workspace_id=workspace_id,
            person_id=person_id,
            source_id=source_id,
            undo_merge=_unmerge_command,
            listed=_provenance_command,
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


def _unmerge_command(merge_id: int) -> str:
    return f"goodword people unmerge {merge_id}"


def _provenance_command(person_id: int) -> str:
    return f"`goodword people provenance {person_id}` lists theirs"


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
