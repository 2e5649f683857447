"""Turn paths and uploads into named texts, safely: size caps, ZIP checks, encodings.

A ZIP is opened only after its directory passes every check (no encryption, no member
escaping the archive, total and per-member sizes and compression ratios within limits), and
members are read with a hard cap, so a crafted archive cannot exhaust memory or disk.
"""

from __future__ import annotations

import codecs
import gc
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from goodword.importers.encodings import read_text, said, utf16_unmarked
from goodword.importers.records import ImportFileError, Upload

# 100 MB, the default of GOODWORD_IMPORT_MAX_BYTES (`config.Settings`), for callers that give
# none: a LinkedIn Connections.csv of 200,000 people is a tenth of that.
MAX_BYTES = 100 * 1024 * 1024
# A ZIP may hold this many times MAX_BYTES in all, and no member may expand more than
# MAX_RATIO times (text compresses about 5 to 10 times; bombs a thousand times or more).
ARCHIVE_FACTOR = 4
MAX_RATIO = 100
MAX_MEMBERS = 2_000

_KINDS = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3", "a SQLite database"),
]
WHAT_WE_READ = (
    "Goodword reads a LinkedIn data archive (the ZIP, its folder or its CSV files), a Google "
    "Contacts, Outlook contacts or Thunderbird address book CSV, vCard files (.vcf) and any "
    "CSV with a column map."
)


@dataclass(frozen=True)
class Document:
    """One file to parse: its name as shown to the user, and its text."""

    name: str
    text: str
    # Inside an archive or a folder: files we do not read are noted, not refused.
    member: bool = False
    # Why such a file passed on without text was not read, as the report says it (None:
    # it holds no contact data).
    unread: str | None = None
    # How its text was read when it was not plain UTF-8, for the report's notes ("read as
    # Windows-1250"); None for UTF-8 or a file marked with its encoding.
    read_as: str | None = None
    # The day a ZIP archive's files were written, as it says: the earliest of its members'
    # (a file saved again since, in a spreadsheet say, carries its own later day), in the
    # packing machine's local time, with no zone; None outside an archive or with no date.
    packed_on: date | None = None


def _not_read(name: str, data: bytes = b"") -> Document:
    """A file inside an archive or folder that is no text at all (an image, a nested
    archive, nothing): passed on with no text, so the report lists it as not read, a
    spreadsheet saying how to import it."""
    office = _office_kind(data) if data[:4] == b"PK\x03\x04" else None
    return Document(name, "", member=True, unread=office[0] if office else None)


def documents(
    items: Sequence[Path | str | Upload], *, max_bytes: int = MAX_BYTES
) -> Iterator[Document]:
    """Yield every readable document in the given paths and uploads, archives opened
    (a file inside one that is no text comes with no text, so it is reported, not read)."""
    for item in items:
        if isinstance(item, Upload):
            yield from _from_bytes(item.name, item.data, max_bytes=max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                name = f"{path.name}/{child.relative_to(path).as_posix()}"
                data = _read_path(child, name, max_bytes)
                if data is None:
                    continue
                if _binary_kind(data) or not data.strip():
                    yield _not_read(name, data)
                else:
                    yield from _from_bytes(name, data, max_bytes=max_bytes, member=True)
            continue
        data = _read_path(path, path.name, max_bytes)
        if data is None:
            raise ImportFileError(path.name, "there is no such file; check the path.")
        yield from _from_bytes(path.name, data, max_bytes=max_bytes)


def _read_path(path: Path, name: str, max_bytes: int) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFileError(name, _too_big(size, max_bytes))
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ImportFileError(name, f"cannot be read ({exc.strerror}).") from None


def _size(count: int) -> str:
    if count >= 1_048_576:
        return f"{count / 1_048_576:.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


def _too_big(size: int, max_bytes: int) -> str:
    shown, limit = _size(size), _size(max_bytes)
    if shown == limit:  # rounded alike: say it in bytes
        shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
    return (
        f"is {shown}, more than the {limit} an import takes. Split it into smaller files, "
        "or, if you trust it, raise the limit (GOODWORD_IMPORT_MAX_BYTES)."
    )


def _from_bytes(
    name: str, data: bytes, *, max_bytes: int, member: bool = False
) -> Iterator[Document]:
    if len(data) > max_bytes:
        raise ImportFileError(name, _too_big(len(data), max_bytes))
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        office = _office_kind(data)
        if office is not None and member:
            # A workbook in a folder: listed as not read, saying how to import it.
            yield Document(name, "", member=True, unread=office[0])
            return
        if office is not None:
            raise ImportFileError(name, office[1])
        yield from _archive(name, data, max_bytes=max_bytes)
        return
    if not data.lstrip(b"\xef\xbb\xbf\xff\xfe").strip():  # (a byte-order mark alone is empty too)
        raise ImportFileError(name, f"is empty. {WHAT_WE_READ}")
    kind = _binary_kind(data)
    if kind:
        raise ImportFileError(name, f"is {kind}, not a contacts file. {WHAT_WE_READ}")
    if name.lower().endswith(".zip") and _HTML.match(data[:1024]):
        # Named as an archive, but a web page: a download that went wrong (a sign-in or
        # error page saved under the archive's name). Text of any other kind is read.
        why = "not a ZIP archive, but a web page (a download that went wrong?)"
        if member:
            yield Document(name, "", member=True, unread=why)
            return
        raise ImportFileError(
            name,
            f"is {why}. Download the archive again (LinkedIn: Settings, Data privacy, Get a "
            "copy of your data), or import the files in it unpacked.",
        )
    text, read_as = read_text(data)
    yield Document(name, text, member=member, read_as=said(name, read_as))


# The start of an HTML page (after any byte-order mark and spaces).
_HTML = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|!--)", re.IGNORECASE)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _KINDS:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_unmarked(head):
        return None
    # A stray NUL or two in text (a tool's slip) is dropped when it is read; a file of them
    # is no text, and nor is one whose bytes read as control characters (`_unreadable`).
    if head.count(b"\x00") > max(3, len(head) // 100) or _unreadable(head):
        return "a binary file"
    return None


# Control characters no text file writes (not tab, line ends, form feed, or the Ctrl-Z old
# tools end a file with).
_CONTROL = re.compile(b"[\x01-\x08\x0e-\x19\x1c-\x1f\x7f]")


def _unreadable(head: bytes) -> bool:
    """Whether the bytes hold more than a few such control characters, over one in a
    hundred (a compressed or encrypted file of a kind not known by its first bytes)."""
    return len(_CONTROL.findall(head)) > max(3, len(head) // 100)


def _office_kind(data: bytes) -> tuple[str | None, str] | None:
    """What a ZIP that is a spreadsheet or office document is, and how to import its
    contents (told by what it holds, never its name), as (what the report says of it
    inside a folder or archive, None for no contact data; the refusal of it on its own);
    None for any other ZIP."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        opendocument = (
            archive.read("mimetype")[:100].decode("ascii", "replace")
            if "mimetype" in names and "content.xml" in names
            else ""
        )
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, OSError, RuntimeError):
        return None
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return (
            "an Excel workbook: save it as CSV (UTF-8) to import it",
            "is an Excel workbook, not a CSV file. Open it in Excel and save the sheet as CSV "
            '(UTF-8): File, Save As, "CSV UTF-8 (Comma delimited)". Then import that file.',
        )
    if opendocument.endswith("spreadsheet"):
        return (
            "an OpenDocument spreadsheet: save it as CSV (UTF-8) to import it",
            "is an OpenDocument spreadsheet (LibreOffice, OpenOffice), not a CSV file. Save "
            "the sheet as CSV (UTF-8): File, Save As, Text CSV, character set Unicode "
            "(UTF-8). Then import that file.",
        )
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
        return (
            "an Apple Numbers spreadsheet: export it as CSV (UTF-8) to import it",
            "is an Apple Numbers spreadsheet, not a CSV file. In Numbers, choose File, "
            "Export To, CSV, with text encoding Unicode (UTF-8). Then import that file.",
        )
    if ("[Content_Types].xml" in names and any(n.startswith("word/") for n in names)) or (
        opendocument.endswith("text")
    ):
        return None, f"is a word-processor document, not a contacts file. {WHAT_WE_READ}"
    return None


def _archive(name: str, data: bytes, *, max_bytes: int) -> Iterator[Document]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ImportFileError(name, _damaged(data)) from None
    if len(infos) > MAX_MEMBERS:
        raise ImportFileError(
            name,
            f"holds {len(infos):,} files, more than the {MAX_MEMBERS:,} an import takes. Unpack "
            "it and import the files you need.",
        )
    total = 0
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise ImportFileError(
                name,
                f"has a member that points outside the archive ({info.filename}); "
                "it was refused. Unpack the archive yourself and import the files in it.",
            )
        if info.flag_bits & 0x1:
            raise ImportFileError(
                name,
                f"is encrypted ({info.filename} needs a password). "
                "Unpack it with its password and import the folder or the files.",
            )
        total += info.file_size
        if info.file_size > 1_048_576 and info.file_size > MAX_RATIO * info.compress_size:
            raise ImportFileError(
                name,
                f"expands far beyond its size, as a ZIP bomb does: {info.filename} would be "
                f"{_size(info.file_size)} from {_size(info.compress_size)}. If you trust the "
                f"archive, unpack it and import {path.name} itself.",
            )
        if info.file_size > max_bytes:
            raise ImportFileError(
                name, f"holds {info.filename}, which {_too_big(info.file_size, max_bytes)}"
            )
        if total > max_bytes * ARCHIVE_FACTOR:
            raise ImportFileError(
                name,
                f"would unpack to more than {_size(max_bytes * ARCHIVE_FACTOR)} in all, the "
                "most an import takes from one archive. Unpack it and import the files you need.",
            )
    packed_on = min(filter(None, (_packed_on(i) for i in infos if not i.is_dir())), default=None)
    for info in infos:
        if info.is_dir():
            continue
        member_name = f"{name}/{info.filename}"
        try:
            with archive.open(info) as stream:
                content = stream.read(info.file_size + 1)
        except NotImplementedError:
            raise ImportFileError(
                name,
                f"packs {info.filename} in a way Goodword cannot unpack. Unpack the archive "
                "with your system's own tool and import the folder or the files.",
            ) from None
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, zlib.error, lzma.LZMAError):
            raise ImportFileError(
                name,
                f"is damaged: {info.filename} cannot be unpacked. Download the archive again.",
            ) from None
        if len(content) > info.file_size:
            raise ImportFileError(name, f"lies about the size of {info.filename}; refused.")
        if not content.strip() or _binary_kind(content) or content[:4] == b"PK\x03\x04":
            yield _not_read(member_name, content)  # listed in the report as not read
            continue
        text, read_as = read_text(content)
        yield Document(
            member_name,
            text,
            member=True,
            read_as=said(member_name, read_as),
            packed_on=packed_on,
        )


def _packed_on(info: zipfile.ZipInfo) -> date | None:
    """The day a member was packed; None for ZIP's "no date" (1980, its first year) or a
    date no calendar has."""
    year, month, day = info.date_time[:3]
    try:
        return date(year, month, day) if year > 1980 else None
    except ValueError:
        return None


# Files only a LinkedIn data archive holds, by which a damaged one is known.
_LINKEDIN_MEMBERS = frozenset(
    {
        "connections.csv",
        "invitations.csv",
        "positions.csv",
        "email addresses.csv",
        "phonenumbers.csv",
        "recommendations_given.csv",
        "recommendations_received.csv",
        "endorsement_given_info.csv",
        "endorsement_received_info.csv",
        "ad_targeting.csv",
        "company follows.csv",
        "member_follows.csv",
        "rich_media.csv",
        "learning.csv",
        "registration.csv",
        "searchqueries.csv",
        "inferences_about_you.csv",
        "job applications.csv",
        "saved_jobs.csv",
    }
)


def _damaged(data: bytes) -> str:
    """What to say of a ZIP that cannot be opened: the advice fits the archive, whose
    members' names can still be read from their own headers when only its end is lost."""
    names: list[str] = []
    start = data.find(b"PK\x03\x04")
    while start != -1 and len(names) < MAX_MEMBERS:
        header = data[start + 26 : start + 30]
        if len(header) < 4:
            break
        length = int.from_bytes(header[:2], "little")
        names.append(data[start + 30 : start + 30 + length].decode("utf-8", "replace"))
        start = data.find(b"PK\x03\x04", start + 30 + length)
    message = "is a damaged or incomplete ZIP archive"
    if "[Content_Types].xml" in names or "mimetype" in names:
        return (
            f"{message}: an Office or OpenDocument file cut short. Save it again where it was "
            "made, as CSV (UTF-8), and import that file."
        )
    if any(PurePosixPath(n.replace("\\", "/")).name.lower() in _LINKEDIN_MEMBERS for n in names):
        return (
            f"{message}: it holds LinkedIn's files, but not whole. Download the archive again "
            "(LinkedIn: Settings, Data privacy, Get a copy of your data)."
        )
    return (
        f"{message}. Make or download it again, or import the files in it unpacked "
        "(vCards, CSV files)."
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file is parsed or an import runs.

    Both build hundreds of thousands of small objects that stay alive until the end and
    hold no reference cycles worth collecting; the collector would walk all of them again
    and again (a third of a large import's time). Reference counting still frees objects
    as usual, and the collector resumes as it was, also when the work fails. It is
    process-wide: other threads of a server go without cycle collection meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
