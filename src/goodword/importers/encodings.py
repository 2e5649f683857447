"""Text in whatever encoding a file came in: byte-order marks, UTF-16 without one, UTF-8,
a UTF-8 file with a few lines in a legacy code page, and the legacy code pages a spreadsheet
saves in, told apart by the letters their languages write; and text decoded wrongly once,
repaired. How a file was read, when that was a guess, is said for the report (`said`).
"""

from __future__ import annotations

import codecs
import re

import chardet
import charset_normalizer
import ftfy
from ftfy.badness import is_bad


def utf16_unmarked(head: bytes) -> str | None:
    r""" "utf-16-le" or "utf-16-be" for text in UTF-16 written without its byte-order mark,
    else None: a CSV's commas, digits and line ends make every other byte a zero at least
    a third of the time (Cyrillic or Greek names between them too), and the bytes between
    are seldom zero.

    >>> names = "Name,Company,Since\n" + "\u0418\u0432\u0430\u043d,\u042f\u043d,2025-12-26\n" * 9
    >>> utf16_unmarked(names.encode("utf-16-le")), utf16_unmarked(names.encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> utf16_unmarked(names.encode("utf-8")) is None
    True
    """
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) * 3 >= len(odd) and even.count(0) * 10 < len(even):
        return "utf-16-le"
    if even.count(0) * 3 >= len(even) and odd.count(0) * 10 < len(odd):
        return "utf-16-be"
    return None


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
    unmarked = utf16_unmarked(data[:4096])
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
    # A vCard folded by bytes, through a character: its bytes after the fold are moved
    # before it (the line count stays), so the character is whole when the lines are joined.
    data = _SPLIT_BY_FOLD.sub(_mend_fold, data)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    return _legacy_text(data)


# A UTF-8 character's first bytes, a fold (a line break and the space that continues the
# line), and its last bytes: as a writer folding at 75 bytes cuts "é" in two.
_SPLIT_BY_FOLD = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})(\r?\n[ \t])([\x80-\xbf]{1,3})")


def _mend_fold(found: re.Match[bytes]) -> bytes:
    """The fold's bytes with the character it cut moved whole before it, when they make one
    UTF-8 character; else as they are (a legacy page's "é" then " •" is two characters)."""
    try:
        (found[1] + found[3]).decode("utf-8")
    except UnicodeDecodeError:
        return found[0]
    return found[1] + found[3] + found[2]


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


def said(name: str, read_as: str | None) -> str | None:
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
# A dash, a circumflex or a tilde alone between two letters: a Mac's letter read as
# Windows-1252 ("Mu\u2013oz"), when the Mac reading is text (`_mac_letters`); else a
# spreadsheet's autocorrect ("Analyste\u2013Risques").
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
    if _NOT_WESTERN.search(text) or _mac_letters(data, text) or not _looks_written(text, "cp1252"):
        # (A Mac's text read so: "Mu\u2013oz" is "Muñoz", "JosŽ" "José".)
        return None
    sample = text[:1_000_000]
    beyond = len(_BEYOND_ASCII.findall(sample))
    return text if beyond and beyond * 4 <= len(_ASCII_LETTER.findall(sample)) else None


def _mac_letters(data: bytes, text: str) -> bool:
    """Whether a Latin page's reading `text` of `data` has a dash, a circumflex or a tilde
    between two letters that a Mac wrote as a letter: the file reads as Mac Roman text."""
    if not _MID_WORD.search(text):
        return False
    mac = data[:200_000].decode("mac_roman")  # (every byte is a Mac Roman character)
    allowed = _WINDOWS_ALLOWED["mac_roman"]
    return all(ch in allowed for ch in _BEYOND_ASCII.findall(mac)) and _looks_written(
        mac, "mac_roman"
    )


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
            and (own.search(text) if own is not None else not _mac_letters(sample, text))
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
