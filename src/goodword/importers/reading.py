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
from pathlib import Path, PurePosixPath

import chardet
import charset_normalizer
import ftfy
from ftfy.badness import is_bad

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
    text, read_as = read_text(data)
    yield Document(name, text, member=member, read_as=_said(name, read_as))


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _KINDS:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16(head):
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


def _utf16(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text in UTF-16 written without its byte-order mark
    (mostly Latin text: every other byte a zero), else None."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) * 10 >= len(odd) * 6 and even.count(0) * 10 < len(even):
        return "utf-16-le"
    if even.count(0) * 10 >= len(even) * 6 and odd.count(0) * 10 < len(odd):
        return "utf-16-be"
    return None


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
        yield Document(member_name, text, member=True, read_as=_said(member_name, read_as))


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


def decode(data: bytes) -> str:
    """Decode text in whatever encoding it came in (BOMs, UTF-8, legacy code pages)."""
    return read_text(data)[0]


def read_text(data: bytes) -> tuple[str, str | None]:
    """The text in whatever encoding it came in (BOMs, UTF-16 without one, UTF-8, legacy
    code pages, a UTF-8 file with a few lines in a legacy one), and how it was read when
    that was a guess (None for UTF-8 and text marked with its encoding). A stray NUL is
    dropped, as is the end-of-file mark (Ctrl-Z) old tools write."""
    text, read_as = _read_text(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.rstrip("\x1a"), read_as


def _read_text(data: bytes) -> tuple[str, str | None]:
    # (A UTF-16 file cut off mid-letter loses that half letter, not a line to a "\ufffd".)
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data[: len(data) // 2 * 2].decode(encoding, errors="replace"), None
    unmarked = _utf16(data[:4096])
    if unmarked is not None:
        whole = data[: len(data) // 2 * 2]
        return whole.decode(unmarked, errors="replace"), "UTF-16 (it has no byte-order mark)"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        # A UTF-8 mark before text in a legacy code page (a spreadsheet's doing) is
        # dropped, and the text read for what it is.
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    return _legacy_text(data)


def _legacy_text(data: bytes) -> tuple[str, str]:
    """Text in a legacy code page, and which (`_PAGE_NAMES`)."""
    western = _western(data)
    if western is not None:
        return western, _PAGE_NAMES["cp1252"]
    windows = _windows(data)
    if windows is not None:
        return windows
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace"), _PAGE_NAMES.get(encoding, encoding)


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """A UTF-8 file with some lines in a legacy code page (rows pasted in from another
    file, say): each such line read in the page those lines read as, the rest as UTF-8.
    None unless the file shows it is UTF-8: some line holds UTF-8 beyond ASCII, and most
    lines beyond ASCII are UTF-8."""
    lines = data.split(b"\n")
    good = bad = 0
    broken: list[int] = []
    for number, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
            broken.append(number)
    if bad >= good:
        return None
    legacy, page = _legacy_text(b"\n".join(lines[n] for n in broken))
    pieces = legacy.split("\n")
    if len(pieces) != len(broken):
        return None  # (read as an encoding of wider letters: the whole file is guessed)
    read = dict(zip(broken, pieces, strict=True))
    text = "\n".join(read[n] if n in read else line.decode("utf-8") for n, line in enumerate(lines))
    shown = ", ".join(str(n + 1) for n in broken[:5]) + (
        f" and {len(broken) - 5:,} more" if len(broken) > 5 else ""
    )
    where = f"line {shown} is" if len(broken) == 1 else f"lines {shown} are"
    return text, f"UTF-8, but {where} not: read as {page}"


def _said(name: str, read_as: str | None) -> str | None:
    """The report's note on how a file's text was read, if it was a guess."""
    if read_as is None:
        return None
    if read_as.startswith(("UTF-8, but", "UTF-16")):
        return f"{name}: read as {read_as}."
    return (
        f"{name}: not UTF-8, so read as {read_as}, the code page its letters read as. If "
        "names look wrong, save it again as CSV UTF-8 (or vCard in UTF-8) and import that."
    )


# How the report names the code pages a guess may find.
_PAGE_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "mac_roman": "Mac Roman",
    "shift_jis": "Shift JIS (Japanese)",
    "cp932": "Shift JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "gb2312": "GB2312 (Simplified Chinese)",
    "gbk": "GBK (Simplified Chinese)",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Traditional Chinese)",
    "euc_kr": "EUC-KR (Korean)",
    "cp949": "EUC-KR (Korean)",
    "koi8_r": "KOI8-R (Russian)",
    "koi8_u": "KOI8-U (Ukrainian)",
    "cp866": "DOS Cyrillic (866)",
    "cp1125": "DOS Cyrillic (866)",
    "euc_jis_2004": "EUC-JP (Japanese)",
    "euc_jisx0213": "EUC-JP (Japanese)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp874": "Windows-874 (Thai)",
    "iso8859_15": "ISO 8859-15 (Western European)",
    "latin_1": "Latin-1",
    "iso8859_2": "ISO 8859-2 (Central European)",
}


# What text in a Western European language holds beyond ASCII when read as Windows-1252:
# its common accented letters and typographic punctuation. Left out on purpose are the
# letters that Central European code pages' own letters turn into when read this way
# (ø ì ò ù õ û È œ Ÿ ¹ ³ ¿ ¾ and the Icelandic ð þ ý: Czech ř ě ů ň, Hungarian ő ű, Polish
# ś ź ą ł ż, Turkish ş ğ), so such a file goes to the statistical guess instead.
_NOT_WESTERN = re.compile(
    "[^\x00-\x7f"
    "ÀÁÂÃÄÅÆÇÉÊËÍÎÏÑÓÔÖÚÜßàáâãäåæçèéêëíîïñóôöúüÿŠšŽž"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026€«»°·¡\u00a0]"
)
_BEYOND_ASCII = re.compile("[^\x00-\x7f]")
# A dash, a circumflex or a tilde alone between two letters: no Western text writes one.
_MID_WORD = re.compile("(?<=[^\\W\\d_])[\u2013\u2014\u02c6\u02dc](?=[^\\W\\d_])")
_ASCII_LETTER = re.compile("[A-Za-z]")


def _western(data: bytes) -> str | None:
    """The text as Windows-1252 when it reads as a Western European language: nothing
    beyond ASCII but common accented letters and typographic punctuation, and most letters
    plain ASCII. (A statistical guess is unreliable on a short file; this catches the
    commonest legacy spreadsheet export without mistaking Cyrillic, Greek or Central
    European text.)"""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _NOT_WESTERN.search(text) or _MID_WORD.search(text) or not _looks_written(text, "cp1252"):
        # (A Mac's text read so: "Mu\u2013oz" is "Muñoz", "JosŽ" "José".)
        return None
    sample = text[:1_000_000]
    beyond = len(_BEYOND_ASCII.findall(sample))
    return text if beyond and beyond * 4 <= len(_ASCII_LETTER.findall(sample)) else None


# The letters each Windows code page's languages write beyond ASCII (the code pages a
# spreadsheet saves in, on a computer set up for those languages), and its punctuation.
_WINDOWS_LETTERS = {
    # Western European, Nordic and Icelandic included (the rule above takes the plainer
    # Western files first).
    "cp1252": "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ",
    # Central European: Polish, Czech, Slovak, Hungarian, Slovene, Croatian, Romanian, Albanian
    "cp1250": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻáčďéěíňřšťúůýžÁČĎÉĚÍŇŘŠŤÚŮÝŽäĺľôŕÄĹĽÔŔöőüűÖŐÜŰđĐăâîşţĂÂÎŞŢëçËÇß",
    # Cyrillic: Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian
    "cp1251": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "ЄєІіЇїҐґЂђЈјЉљЊњЋћЏџЃѓЌќЅѕЎў№",
    "cp1253": "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψωΆΈΉΊΌΎΏάέήίόύώϊϋΐΰΪΫ",
    "cp1254": "ğĞıİşŞçÇöÖüÜâÂîÎûÛéÉ",  # Turkish
    # Baltic: Lithuanian, Latvian, Estonian
    "cp1257": "ąčęėįšųūžĄČĘĖĮŠŲŪŽāēģīķļņōŗĀĒĢĪĶĻŅŌŖõäöüÕÄÖÜéÉ",
}
# A Mac's spreadsheet ("CSV (Macintosh)") writes Western text in Mac Roman, and old Unix
# systems Russian and Ukrainian in KOI8.
_WINDOWS_LETTERS["mac_roman"] = _WINDOWS_LETTERS["cp1252"]
_WINDOWS_LETTERS["koi8_r"] = _WINDOWS_LETTERS["koi8_u"] = _WINDOWS_LETTERS["cp1251"]
_WINDOWS_PUNCTUATION = "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026€«»°·§\u00a0"
# The letters beyond ASCII that one language of a page writes (lower case): a word of a
# file in that page holds letters of one language, so a reading whose words mix languages'
# letters ("Jiøí": Norwegian ø, Czech í) is another page's text.
_LANGUAGES = {
    "cp1252": (
        "àâæçéèêëîïôœùûüÿ", "äöüß", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "åæøäöéü",
        "áéíóúýþðæö", "àçèéíïòóúü", "éëïöüè", "šž",
    ),
    "cp1250": (
        "ąćęłńóśźż", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "ăâîşţ", "čćđšž",
        "ëç", "äöüß",
    ),
    "cp1257": ("ąčęėįšųūž", "āčēģīķļņšūž", "äöõüšž", "äöüß"),
    "cp1254": ("çğıöşüâîû",),
}  # fmt: skip
_LANGUAGES["mac_roman"] = _LANGUAGES["cp1252"]
# Letters a page can read that its languages seldom write: of two readings that fit
# equally well, the one with fewer of them is the file's ("Ştefan", not Latvian "Ŗtefan").
_RARE = {"cp1250": "ŕĺ", "cp1257": "ŗ"}
_WINDOWS_ALLOWED = {
    page: frozenset(letters + _WINDOWS_PUNCTUATION) for page, letters in _WINDOWS_LETTERS.items()
}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_OWN_SCRIPT = {
    "cp1251": _CYRILLIC, "koi8_r": _CYRILLIC, "koi8_u": _CYRILLIC,
    "cp1253": re.compile("[\u0370-\u03ff]"),
}  # fmt: skip
_WORD = re.compile(r"\w+")


def _windows(data: bytes) -> tuple[str, str] | None:
    """The text in the Windows code page it reads as a language of, when one does. Each
    page's reading must hold no letter beyond ASCII that its languages do not write, and
    must look like their script: Cyrillic or Greek words without Latin letters in them, and
    Latin words still mostly plain letters (Cyrillic or Greek text read as Latin is all
    accents). When more than one page passes (a name with only "ö" in it reads the same in
    several), `chardet` picks among them. None when no page passes (Asian encodings, say:
    the general guess follows)."""
    sample = data[:200_000]
    passing: list[str] = []
    for page, allowed in _WINDOWS_ALLOWED.items():
        try:
            text = sample.decode(page)
        except UnicodeDecodeError:
            continue
        own = _OWN_SCRIPT.get(page)
        if (
            all(ch in allowed for ch in _BEYOND_ASCII.findall(text))
            and _looks_written(text, page)
            # A Cyrillic or Greek page's reading has its letters; a Latin one no dash or
            # tilde alone inside a word (a Mac's "Peña" read as 1252 is "Pe\u2013a").
            and (own.search(text) if own is not None else not _MID_WORD.search(text))
        ):
            passing.append(page)
    if not passing:
        return None
    if len(passing) > 1:
        # The readings whose words best keep to one language each, with fewest rare letters.
        scores = {page: _fit(sample.decode(page), page) for page in passing}
        best = max(scores.values())
        passing = [page for page in passing if scores[page] == best]
    page = passing[0]
    if len(passing) > 1:
        # Still a tie: chardet's statistics choose, from the lines beyond ASCII alone (an
        # English header beside two Italian names is enough to tip them to Czech).
        lines = b"\n".join(line for line in sample.split(b"\n") if not line.isascii())
        found = chardet.detect(lines, include_encodings=passing)
        named = (found["encoding"] or "").lower().replace("windows-", "cp")
        named = named.replace("macroman", "mac_roman")
        page = named if named in passing else page
    return data.decode(page, errors="replace"), _PAGE_NAMES[page]


def _fit(text: str, page: str) -> tuple[float, int, int]:
    """How well a reading keeps to its page's languages: the share of its words beyond
    ASCII whose letters are one language's; (negated) how few languages cover those words,
    since a file is mostly of one or two ("Ödön Szőke" is Hungarian in 1250, German and
    Portuguese in 1252; "Niccolò Cantù" Italian in 1252, Czech and Slovak in 1250); and
    (negated) how many rare letters it has."""
    languages = [frozenset(letters) for letters in _LANGUAGES.get(page, ())]
    # (Turkish "İ" is a capital i: lower-cased as Python does, it gains a combining dot.)
    words = {w.replace("İ", "i").lower() for w in _WORD.findall(text) if not w.isascii()}
    if not words or not languages:
        return 1.0, -1, 0  # (one script, as one language: no better than a Latin reading)
    letters = {word: set(_BEYOND_ASCII.findall(word)) for word in words}
    fitting = {word for word in words if any(letters[word] <= lang for lang in languages)}
    # The fewest languages covering the words that fit, counted greedily.
    left, cover = set(fitting), 0
    while left:
        best = max(languages, key=lambda lang: sum(1 for w in left if letters[w] <= lang))
        left = {w for w in left if not letters[w] <= best}
        cover += 1
    rare = sum(1 for word in words for ch in word if ch in _RARE.get(page, ""))
    return len(fitting) / len(words), -cover, -rare


def _cased(word: str) -> bool:
    """Whether a word is cased as words are: all small, all capitals, or a capital first."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _looks_written(text: str, page: str) -> bool:
    words = _WORD.findall(text)
    # Text in another encoding read in this page is cased at random ("йЧБО" is KOI8-R's
    # "Иван", "JosŽ" Mac Roman's "José"): most words beyond ASCII must be cased as words are.
    beyond = [w for w in words if not w.isascii() and any(ch.isalpha() for ch in w)]
    if beyond and sum(1 for w in beyond if not _cased(w)) * 3 > len(beyond):
        return False
    own = _OWN_SCRIPT.get(page)
    if own is not None:
        return not any(own.search(w) and _ASCII_LETTER.search(w) for w in words)
    accented = plain = 0
    for word in words:
        if not word.isascii():
            accented += len(_BEYOND_ASCII.findall(word))
            plain += len(_ASCII_LETTER.findall(word))
    return accented <= plain * 1.5


def repair(text: str) -> str:
    """Undo text that was decoded with the wrong encoding ("JosÃ©" -> "José"). Text that
    also lost bytes on the way ("\ufffd" where one could not be read) is left as it is: a
    repair of it drops letters without a trace (the Russian "Ivan" of a UTF-8 file read as
    Windows-1251, its first byte pair unreadable there, would come out without its "I").

    >>> repair("JosÃ©")
    'José'
    >>> broken = "Ivan".encode("utf-8").replace(b"I", "\u0418".encode()).decode("cp1251", "replace")
    >>> repair(broken) == broken
    True
    """
    if text.isascii() or "\ufffd" in text or not is_bad(text):
        return text
    # Only undo the wrong decoding; leave ligatures, widths and quotes as they were.
    return ftfy.fix_encoding(text)


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
