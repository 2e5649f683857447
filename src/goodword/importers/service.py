"""Import people, messages and career history from files, merged into what is there.

`import_files` reads and checks every file first (so a bad file writes nothing), resolves
each record against the workspace (provenance, exact keys, then fuzzy matching), and writes
in bulk. It flushes but never commits: the caller commits, or rolls back a dry run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.orm import Session

from goodword import clock, db
from goodword.importers import column_map, deleted, history, linkedin, mapped, older_files, registry
from goodword.importers.cleaning import rounded_by_spreadsheet
from goodword.importers.left_out import LeftOut
from goodword.importers.participants import resolve_interactions
from goodword.importers.reading import (
    MAX_BYTES,
    WHAT_WE_READ,
    Document,
    collector_paused,
    documents,
)
from goodword.importers.records import (
    ImportFileError,
    IncomingInteraction,
    IncomingPerson,
    Parsed,
    Skipped,
    Upload,
)
from goodword.importers.repeated import settle_repeated
from goodword.importers.report import FileReport, ImportReport, Outcome, RowOutcome
from goodword.importers.resolver import Resolver
from goodword.importers.state import WorkspaceState, key_numbers
from goodword.importers.tables import header_key, read_table
from goodword.importers.writer import Writer
from goodword.interactions.models import INVITATION_ID

Progress = Callable[[str, int, int], None]


_MAP_ALONE = (
    "not read: a CSV no format knows, in a folder or archive, where the column map is not "
    "used (it is for a file named on its own); import this file by itself with its map"
)


def _has_columns(document: Document, columns: dict[str, list[str]]) -> bool:
    """Whether a file in a folder or archive has every column the map names: the CSV the
    map was meant for, not read as it is not named on its own."""
    table = read_table(document, known=registry.signatures(columns))
    return table is not None and all(
        header_key(header) in table.index for headers in columns.values() for header in headers
    )


def read_files(
    paths_or_uploads: Sequence[Path | str | Upload],
    *,
    mapping: str | dict[str, list[str]] | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
) -> tuple[list[Parsed], list[FileReport]]:
    """Read and parse every file; raise ImportFileError on the first file that cannot be."""
    columns = column_map.parse_mapping(mapping) if isinstance(mapping, str) else mapping
    parsed_files: list[Parsed] = []
    reports: list[FileReport] = []
    found = 0
    archives: list[str] = []  # (archives inside an archive or folder, not opened)
    mapped_unread = 0  # CSVs in a folder or archive, not read with the map given
    for document in documents(paths_or_uploads, max_bytes=max_bytes):
        found += 1
        if document.member and document.name.lower().endswith(".zip"):
            archives.append(document.name)
        parsed = registry.parse(document, mapping=columns)
        if parsed is None:
            why = (
                document.unread
                or linkedin.NOT_READ.get(PurePosixPath(document.name).name.lower())
                or "not read (not contact data)"
            )
            if columns and document.member and _has_columns(document, columns):
                # (A column map is read for files named on their own, not an archive's.)
                why = _MAP_ALONE
                mapped_unread += 1
            reports.append(FileReport(document.name, None, why))
            continue
        parsed_files.append(parsed)
        reports.append(
            FileReport(
                document.name,
                parsed.format,
                parsed.label,
                rows=parsed.rows,
                people=len(parsed.people),
                interactions=len(parsed.interactions),
                skipped=len(parsed.skipped),
            )
        )
        if progress:
            progress("read", len(parsed_files), 0)
    if not any(f.format.startswith("linkedin") for f in parsed_files):
        # (What a LinkedIn archive's file is, said only beside LinkedIn's files: another
        # folder's "contacts.csv" is no copy of an address book LinkedIn made.)
        for file in reports:
            if file.format is None and file.label in linkedin.NOT_READ.values():
                file.label = "not read (not contact data)"
    _tell_apart(parsed_files, reports)
    if parsed_files and all(f.header_alone for f in parsed_files):
        raise ImportFileError(parsed_files[0].file_name, registry.HEADER_ALONE)
    if not parsed_files:
        names = ", ".join(str(getattr(i, "name", i)) for i in paths_or_uploads) or "nothing"
        if archives:
            raise ImportFileError(
                names,
                f"holds no file Goodword can import, but an archive inside it "
                f"({', '.join(archives)}): unpack that one, and import it or its files.",
            )
        if found and mapped_unread:
            raise ImportFileError(
                names,
                "holds no file Goodword can import: the column map is for a CSV named on its "
                "own, not one in a folder or archive. Import the CSV by itself, with its map.",
            )
        if found:
            raise ImportFileError(names, f"holds no file Goodword can import. {WHAT_WE_READ}")
        raise ImportFileError(names, f"holds no files at all. {WHAT_WE_READ}")
    return parsed_files, reports


@collector_paused()
def import_files(
    session: Session,
    *,
    workspace_id: int,
    paths_or_uploads: Sequence[Path | str | Upload],
    mapping: str | dict[str, list[str]] | None = None,
    dry_run: bool = False,
    reapply: bool = False,
    today: date,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    now: datetime | None = None,
) -> ImportReport:
    """Import the files into the workspace and report what happened to every row.

    `progress(stage, done, total)` is called as the import goes: after each file is read
    ("read"), as the workspace's people start loading ("load"), as records are matched
    ("match", every thousand records compared and at least twice a second), and as people
    and what goes with them are written ("people"). A progress callback may raise to stop
    the import; the caller then rolls it back.
    The report is kept with the import (`history`), unless it is a dry run: then the same
    work is done and reported, and the caller rolls it back.
    With `reapply`, records unchanged since they were last imported are applied again
    too (bringing back what the user deleted since), instead of being passed over.
    """
    # First of all: another writer waits for the import from here on (one that wrote while
    # the files were read would leave the import's reads out of date, refused at the end).
    db.hold_writes(session)
    if not dry_run:
        db.hold_imports(session, workspace_id)  # (an undo waits for it: `undoing.undo`)
    parsed_files, file_reports = read_files(
        paths_or_uploads, mapping=mapping, max_bytes=max_bytes, progress=progress
    )
    report = ImportReport(dry_run=dry_run, files=file_reports)
    # (A Connections.csv older than another imported undoes nothing: `older_files`.)
    days, older = older_files.mark_older(session, workspace_id, parsed_files)
    # (By the file's place among the report's files: two may share a name. The files read
    # are those given a format, in order.)
    read_at = [at for at, file in enumerate(file_reports) if file.format is not None]
    report.as_of = {read_at[at]: kept for at, kept in days.items()}
    report.notes += older
    files = {f.name: f for f in file_reports}
    incoming: list[IncomingPerson] = [p for f in parsed_files for p in f.people]
    for number, parsed in enumerate(parsed_files, start=1):
        for person in parsed.people:
            if person.linkedin_connection:
                person.listed_in = number
    interactions = [i for f in parsed_files for i in f.interactions]
    state = WorkspaceState.load_provenance(session, workspace_id=workspace_id)
    key_numbers(incoming, state.region)
    settle_repeated(incoming, state.fingerprints)
    # Records of people the user deleted: passed over when they would add someone, or with
    # reapply brought back (`importers/deleted.py`).
    marked = (
        {id(p): e for p in incoming if (e := deleted.of_record(state.deleted, p))}
        if state.deleted
        else {}
    )
    if marked and reapply:
        returning = {entry.deletion for entries in marked.values() for entry in entries}
        state.deleted = {}
    elif marked:
        returning = set()
        load_people(state, session, progress)
        kept = []
        for person in incoming:
            entries = marked.get(id(person))
            if entries is None or state.held_again(person):
                kept.append(person)
                continue
            report.rows.append(deleted.passed_over(person, entries[0]))
            if person.file_name in files:
                files[person.file_name].people -= 1
                files[person.file_name].skipped += 1
        incoming = kept
    else:
        returning = set()
    resolver = Resolver(state)
    # Records imported before and unchanged since need no matching: when that is all
    # there is (a re-import of the same file), the people are not even loaded.
    unchanged = {} if reapply else resolver.unchanged(incoming)
    if len(unchanged) < len(incoming) or interactions:
        load_people(state, session, progress)
    total = len(incoming)
    if progress:
        progress("match", 0, total)
    plan = resolver.resolve(
        incoming,
        unchanged,
        progress=(lambda done: progress("match", done, total)) if progress else None,
    )
    resolved = len(plan.rows)
    resolve_interactions(resolver, interactions)
    unplaced = [(one, "that names no one but you: no one to add it to") for one in plan.unplaced]
    unplaced += [
        (one, (f"written by {names[0]} (deleted by you): not added" if wrote else
               f"with {', '.join(names)} (deleted by you) and no one else: not added")
              + f" ({deleted.REAPPLY})")
        for one, names, wrote in plan.with_deleted
    ]  # fmt: skip
    for one, why in unplaced:
        what = "an invitation" if one.external_id.startswith(INVITATION_ID) else "a message"
        plan.rows.append(
            (RowOutcome(one.file_name, one.line, Outcome.SKIPPED, "", None, f"{what} {why}"), 0)
        )
        if one.file_name in files:
            files[one.file_name].skipped += 1
    # People a message or invitation named and this import added count in its file.
    for row, _target in plan.rows[resolved:]:
        if row.outcome is not Outcome.SKIPPED and row.file in files:
            files[row.file].people += 1
    if progress:
        progress("match", total, total)
    now = now or clock.now()
    # A record read but then skipped (your own details, with nobody known to be you)
    # counts in its file as skipped, not as a person.
    for row, _target in plan.rows[:resolved]:
        if row.outcome is Outcome.SKIPPED and row.file in files:
            files[row.file].people -= 1
            files[row.file].skipped += 1
    left_out = LeftOut(session, plan, workspace_id=workspace_id)
    deleted.forget(session, workspace_id=workspace_id, deletions=returning)
    # (What it adds names the import it came from, for undoing it: a dry run keeps none.)
    # Everything the import writes carries its one time (created_at, updated_at), from
    # goodword.clock as `now` is: keep-in-touch counts an imported message as news from it.
    with db.writing_at(now):
        run_id = None if dry_run else history.begin(session, workspace_id=workspace_id, now=now)
        Writer(
            session, state, report, today=today, now=now, progress=progress, reapply=reapply,
            run_id=run_id,
        ).write(plan)  # fmt: skip
    for parsed in parsed_files:
        for skipped in parsed.skipped:
            report.rows.append(
                RowOutcome(
                    skipped.file_name,
                    skipped.line,
                    Outcome.SKIPPED,
                    skipped.name,
                    None,
                    skipped.reason,
                )
            )
    if dry_run:
        # A dry run saves nobody: a row names a person only when they were already here.
        for row, target in plan.rows:
            if target <= 0:
                row.person_id = None
    report.rows.extend(row for row, _target in plan.rows)
    left_out.say(report)
    report.notes.extend(note for parsed in parsed_files for note in parsed.notes)
    rounded: list[tuple[str, int, str]] = []  # phone numbers a spreadsheet rounded
    for person in incoming:
        for warning in person.warnings:
            line = getattr(warning, "line", None) or person.line
            report.notes.append(f"{person.file_name}, line {line}: {warning}")
        rounded += [
            (person.file_name, person.line, phone.value.strip())
            for phone in person.phones
            if rounded_by_spreadsheet(phone.value)
        ]
    report.notes += _rounded_notes(rounded)
    # Files in the order they were read, which is the order records were matched in: a row
    # merged into someone this import created comes after the row that created them.
    order = {f.name: index for index, f in enumerate(file_reports)}
    report.rows.sort(key=lambda r: (order.get(r.file, len(order)), r.file, r.line or 0))
    if not dry_run:
        with db.writing_at(now):
            history.save(session, workspace_id=workspace_id, report=report, now=now, run_id=run_id)
    return report


def _tell_apart(parsed_files: list[Parsed], reports: list[FileReport]) -> None:
    """Give each file read whose name another shares its place among them, for its report,
    rows and notes (`older_files.names_apart`); what is kept with its people keeps the
    name (`older_files.as_named`)."""
    read = [file for file in reports if file.format is not None]
    named = older_files.names_apart([parsed.file_name for parsed in parsed_files])
    for parsed, file, name in zip(parsed_files, read, named, strict=True):
        if name == parsed.file_name:
            continue
        was, file.name, parsed.file_name = parsed.file_name, name, name
        records: list[IncomingPerson | IncomingInteraction | Skipped] = [
            *parsed.people, *parsed.interactions, *parsed.skipped
        ]  # fmt: skip
        for record in records:
            if record.file_name == was:
                record.file_name = name
        parsed.notes = [
            name + note[len(was) :] if note.startswith(f"{was}:") else note for note in parsed.notes
        ]


def _rounded_notes(rounded: list[tuple[str, int, str]]) -> list[str]:
    """One note for each file's phone numbers a spreadsheet rounded, with the first lines."""
    by_file: dict[str, list[tuple[int, str]]] = {}
    for file_name, line, value in rounded:
        by_file.setdefault(file_name, []).append((line, value))
    notes = []
    for file_name, found in by_file.items():
        shown = ", ".join(f"line {line} '{value}'" for line, value in found[:5])
        more = f" and {len(found) - 5:,} more" if len(found) > 5 else ""
        which = "number was" if len(found) == 1 else f"{len(found):,} numbers were"
        its = "its" if len(found) == 1 else "their"
        notes.append(
            f"{file_name}: the phone {which} rounded by a spreadsheet ({shown}{more}), so "
            f"{its} last digits are lost: a person who has the number already keeps it as it "
            "was, anyone else gets it as written. Format the column as text where the file "
            f"came from and import it again, {registry.CORRECT_THE_NUMBERS}"
        )
    return notes


def load_people(state: WorkspaceState, session: Session, progress: Progress | None) -> None:
    """Load the workspace's people for matching, once."""
    if state.people_loaded:
        return
    if progress:
        progress("load", 0, 0)
    state.load_people(session, step=(lambda: progress("load", 0, 0)) if progress else None)


def detect_format(
    upload: Path | str | Upload, *, max_bytes: int = MAX_BYTES
) -> list[dict[str, Any]]:
    """Say which format each file in the upload is (no database needed): name, format, label."""
    found = []
    for document in documents([upload], max_bytes=max_bytes):
        format_id = registry.detect(document)
        found.append(
            {
                "name": document.name,
                "format": format_id,
                "label": registry.LABELS.get(
                    format_id or "", format_id or document.unread or "not recognised"
                ),
            }
        )
    return found


def preview(
    upload: Path | str | Upload,
    *,
    mapping: str | dict[str, list[str]] | None = None,
    rows: int = 5,
    max_bytes: int = MAX_BYTES,
) -> dict[str, Any]:
    """The headers and first rows of a CSV as they would be imported (with its map, if any)."""
    columns = column_map.parse_mapping(mapping) if isinstance(mapping, str) else mapping
    document: Document = next(iter(documents([upload], max_bytes=max_bytes)))
    table = read_table(document, known=registry.signatures(columns))
    if table is None:
        raise ImportFileError(document.name, "is not a CSV table; a column map needs one.")
    if columns is not None:
        people = mapped.preview(table, columns, rows=rows)
    else:
        parsed = registry.parse(document)
        people = [mapped.person_preview(p) for p in (parsed.people if parsed else [])[:rows]]
    return {"file": document.name, "headers": table.headers, "rows": people}
