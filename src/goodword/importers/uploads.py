"""An upload before it is imported: streamed to a temporary folder under a name a file system
takes, and previewed as the import would read it (each file's format, first rows and
counts; the column map as typed and picked)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from goodword.errors import InvalidInput
from goodword.importers import column_map, mapped, older_files, registry
from goodword.importers.reading import MAX_BYTES, WHAT_WE_READ, Document, documents
from goodword.importers.records import ImportFileError
from goodword.importers.running import Saved
from goodword.importers.state import phone_key
from goodword.importers.tables import read_table
from goodword.workspaces.models import Workspace

PREVIEW_ROWS = 5
FORMAT_LABELS = {**registry.LABELS, "vcard": "vCard", "goodword-json": "Goodword people JSON"}


@dataclass
class FilePreview:
    """One file of an upload as the import would see it."""

    name: str
    format: str | None
    label: str
    headers: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    # A CSV no format recognises: it needs a column map before it can be imported.
    needs_mapping: bool = False
    problem: str | None = None
    member: bool = False  # inside an archive or folder
    # How its text was read, when that was a guess (`Document.read_as`)
    read_as: str | None = None
    # (people, messages or invitations) the file holds, once read
    counts: tuple[int, int] | None = None
    # Why a LinkedIn Connections.csv is older than another imported, in words
    # (`older_files.said_older`): its people would keep what the newer one gave them.
    older: str | None = None


# The longest file name kept on disk, in bytes (file systems take 255).
_NAME_BYTES = 200


def upload_name(given: str | None, number: int) -> str:
    """The name an upload is saved and reported under: the browser's file name without any
    folder, shortened to fit a file system (its ending kept); "upload-1" for none, or for
    one that names no file ("..").

    >>> [upload_name(n, 0) for n in ("../../x.csv", "C:/Users/b.csv", "..", None)]
    ['x.csv', 'b.csv', 'upload-1', 'upload-1']
    >>> len(upload_name("é" * 300 + ".csv", 0).encode())
    200
    """
    name = "".join(c for c in Path(given or "").name if c.isprintable()).rsplit("\\", 1)[-1]
    if name.strip(". ") == "":
        return f"upload-{number + 1}"
    if len(name.encode()) <= _NAME_BYTES:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
    room = _NAME_BYTES - len(suffix.encode())
    stem = name[: len(name) - len(suffix)].encode()[:room].decode(errors="ignore")
    return stem + suffix


def upload_folder(given: str | None) -> str | None:
    """The folder a browser names an upload in, the last of them alone (a folder chosen
    whole sends each file by its path: "Basic_LinkedInDataExport_11-20-2026/Connections.csv"),
    cleaned as a file's name is; None for a name with no folder, one that names none
    ("../x.csv"), or a path written the Windows way (an old browser's whole path).

    >>> [upload_folder(n) for n in ("Export_1/a.csv", "a/b/../c/x.csv", "../x.csv", "x.csv")]
    ['Export_1', 'c', None, None]
    >>> [upload_folder(n) for n in ("C:/Users/b.csv", "/etc/x.csv", " ./x.csv", None)]
    [None, None, None, None]
    """
    if not given or "\\" in given or ":" in given or given.startswith("/"):
        return None
    parts = given.split("/")
    if len(parts) < 2:
        return None
    folder = "".join(c for c in parts[-2] if c.isprintable()).strip()
    if folder.strip(". ") == "":
        return None
    return upload_name(folder, 0)


async def save_uploads(uploads: Iterable[UploadFile], *, max_bytes: int | None = None) -> Saved:
    """Stream each upload to a temporary file; refuse one over the size cap before copying.
    The files a browser names in a folder (`upload_folder`) are saved in a folder of that
    name, given as one path, so each is read as in that folder as the command line reads a
    folder ("Basic_LinkedInDataExport_11-20-2026/Connections.csv", the export dated by it)."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    folder = Path(tempfile.mkdtemp(prefix="goodword-import-"))
    paths: list[Path] = []
    folders: dict[str, Path] = {}  # a folder's name -> where its files are saved
    total = 0
    try:
        for number, upload in enumerate(uploads):
            name = upload_name(upload.filename, number)
            if upload.size is not None and upload.size > max_bytes:
                raise ImportFileError(name, _too_big(upload.size, max_bytes))
            inside = upload_folder(upload.filename)
            if inside is None:
                target = folder / str(number) / name
                paths.append(target)
            else:
                place = folders.get(inside)
                if place is None or (place / name).exists():  # (another of its folders)
                    place = folders[inside] = folder / str(number) / inside
                    paths.append(place)
                target = place / name
            target.parent.mkdir(parents=True, exist_ok=True)
            await upload.seek(0)
            written = 0
            with target.open("wb") as out:
                while chunk := await upload.read(1024 * 1024):
                    written += len(chunk)
                    # The declared size can be missing or wrong: count what really arrives.
                    if written > max_bytes:
                        raise ImportFileError(name, _too_big(written, max_bytes))
                    out.write(chunk)
            total += written
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Saved(folder, paths, total)


def size_in_words(count: int) -> str:
    """A number of bytes as a person reads it ("1.5 MB", "12 KB")."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"is {size_in_words(size)}, more than the {size_in_words(max_bytes)} an import takes. "
        "Split it into smaller files and import them one after another."
    )


def typed_map(values: Mapping[str, str]) -> str | None:
    """The column map typed in the page's free-text box, or None. The pickers' choices
    (`picks`) are kept apart from it, never joined into one text: a column's name may
    hold a comma."""
    return values.get("mapping", "").strip() or None


def picks(form: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    """The column pickers' choices as (field, column): each picker is a form field of its
    own (`map_given=Name, first`), its value the column's name whole."""
    return [
        (key.removeprefix("map_"), value.strip())
        for key, value in form
        if key.startswith("map_") and isinstance(value, str) and value.strip()
    ]


def columns_from(
    mapping: str | None, picked: Sequence[tuple[str, str]] = ()
) -> dict[str, list[str]] | None:
    """The column map of a typed map and the pickers' choices; InvalidInput when wrong."""
    if not mapping and not picked:
        return None
    return column_map.parse_mapping(mapping or "", picked=picked)


def page_columns_from(
    mapping: str | None, picked: Sequence[tuple[str, str]] = ()
) -> dict[str, list[str]] | None:
    """`columns_from` for the import page: a map without a column that names the rows is
    refused in one sentence of the page's, its pickers' words when only they were used,
    its typed map's otherwise."""
    try:
        return columns_from(mapping, picked)
    except InvalidInput as exc:
        if [f.message for f in exc.fields] == [column_map.NO_NAME_COLUMN]:
            said = column_map.TYPE_A_NAME_COLUMN if mapping else column_map.PICK_A_NAME_COLUMN
            raise InvalidInput(said) from None
        raise


def preview_files(
    paths: Iterable[Path],
    *,
    mapping: str | None,
    picked: Sequence[tuple[str, str]] = (),
    max_bytes: int = MAX_BYTES,
    region: str | None = None,
    kept: Sequence[older_files.Dated] = (),
) -> list[FilePreview]:
    """Name each file's format and show its first rows as they would be imported (with
    `region`, the workspace's, each phone number as it would be stored), and say which
    LinkedIn Connections.csv is older than one of the `kept` imports' or another of these
    (`older_files`). A map still being picked (no name column yet) shows the pickers
    without rows, not an error; a map typed wrong is an error."""
    try:
        columns = columns_from(mapping, picked)
    except InvalidInput as exc:
        if [f.message for f in exc.fields] == [column_map.NO_NAME_COLUMN]:
            columns = None  # the pickers keep what was chosen; the page asks for a name
        else:
            raise
    found: list[FilePreview] = []
    dated: list[tuple[FilePreview, older_files.Dated]] = []
    # Each file's documents, in order; a file that cannot be read at all (a PDF, a damaged
    # ZIP) is said in its place beside the others, unless no file can be read.
    entries: list[Document | FilePreview] = []
    refused: list[ImportFileError] = []
    for path in paths:
        try:
            found_in = list(documents([path], max_bytes=max_bytes))
            if not found_in:  # (an archive with no file in it, said as the import says it)
                raise ImportFileError(Path(path).name, f"holds no files at all. {WHAT_WE_READ}")
        except ImportFileError as error:
            refused.append(error)
            entries.append(FilePreview(Path(path).name, None, "not read", problem=error.message))
            continue
        entries += found_in
    read = [entry for entry in entries if isinstance(entry, Document)]
    if refused and not read:
        raise refused[0]
    for entry in entries:
        if isinstance(entry, FilePreview):
            found.append(entry)
            continue
        document = entry
        try:
            format_id = registry.detect(document)
        except ImportFileError as error:  # (a quote never closed: said in its place)
            found.append(
                FilePreview(
                    document.name, None, "not read", problem=error.message, member=document.member
                )
            )
            continue
        label = FORMAT_LABELS.get(format_id or "", format_id or "not recognised")
        item = FilePreview(
            document.name, format_id, label, member=document.member, read_as=document.read_as
        )
        found.append(item)
        if format_id is None and document.member:
            continue  # inside an archive, a file of no known format is passed over
        try:
            # (A table that cannot be read, a quote never closed, is said in its place.)
            table = (
                None
                if format_id == "vcard"
                else read_table(document, known=registry.signatures(columns))
            )
            if table is not None:
                item.headers = list(table.headers)
            if format_id is None and table is None:
                registry.parse(document)  # says what the file is and what to do instead
            elif table is not None and len(read) == 1 and registry.header_alone(table):
                # (Beside other files, such a file is only counted, as the import does.)
                raise ImportFileError(document.name, registry.HEADER_ALONE)
            elif format_id is None and table is not None:
                item.needs_mapping = True
                if columns is not None:
                    item.rows = mapped.preview(table, columns, rows=PREVIEW_ROWS)
                    item.label = "any CSV, with your column map"
            elif format_id is not None:
                parsed = registry.parse(document)
                if parsed is not None:
                    item.label = parsed.label  # as the report will name it
                    people = parsed.people[:PREVIEW_ROWS]
                    item.rows = [mapped.person_preview(p) for p in people]
                    item.counts = (len(parsed.people), len(parsed.interactions))
                    if (day := older_files.as_of(parsed)) is not None:
                        dated.append((item, day))
        except ImportFileError as exc:
            item.problem = exc.message
        if region:
            for row in item.rows:
                row["phones"] = [phone_key(raw, region) or raw for raw in row["phones"]]
    said = older_files.said_older([day for _item, day in dated], kept)
    for (item, _day), why in zip(dated, said, strict=True):
        if why is not None:
            item.older = (
                f"{why} Its people would keep what the newer export gave them (a job it gives "
                "otherwise would be added as a past job)."
            )
    return found


def phone_region(session: Session, workspace_id: int) -> str:
    """The region the workspace reads phone numbers written without a country code in."""
    workspace = session.get(Workspace, workspace_id)
    return workspace.phone_region if workspace is not None else "US"
