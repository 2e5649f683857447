"""A vCard file's text as cards and properties, and each property's value as text: lines
unfolded, parameters read, escapes undone, quoted-printable and base64 decoded in the
character set the card names or reads in (`vcard` makes people of the cards)."""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from goodword.importers.encodings import decode, repair
from goodword.importers.reading import Document
from goodword.importers.records import ImportFileError, LineWarning

_LINE = re.compile(
    r"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)"
    r'(?P<params>(?:;(?:[^:";]|"[^"]*")*)*):(?P<value>.*)$',
    re.DOTALL,
)
_PARAM_SPLIT = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')
# (Outlook's X-MS-CARDPICTURE is the contact's photo too.)
IGNORED = {
    "PHOTO", "LOGO", "SOUND", "KEY", "PRODID", "REV", "X-ABUID", "SORT-STRING", "KIND",
    "X-MS-CARDPICTURE",
}  # fmt: skip
# The properties vCard 2.1, 3.0 and 4.0 (and RFC 6715, 8605) name. A line after a NOTE that
# starts with another word and a colon ("Re: the job") is the note's, not a property.
_STANDARD = {
    "BEGIN", "END", "VERSION", "SOURCE", "NAME", "PROFILE", "KIND", "XML", "FN", "N",
    "NICKNAME", "PHOTO", "BDAY", "ANNIVERSARY", "GENDER", "ADR", "LABEL", "TEL", "EMAIL",
    "MAILER", "IMPP", "LANG", "TZ", "GEO", "TITLE", "ROLE", "LOGO", "AGENT", "ORG", "MEMBER",
    "RELATED", "CATEGORIES", "NOTE", "PRODID", "REV", "SORT-STRING", "SOUND", "UID",
    "CLIENTPIDMAP", "URL", "KEY", "FBURL", "CALADRURI", "CALURI", "CLASS", "BIRTHPLACE",
    "DEATHPLACE", "DEATHDATE", "EXPERTISE", "HOBBY", "INTEREST", "ORG-DIRECTORY",
    "CONTACT-URI", "CREATED", "GRAMGENDER", "LANGUAGE", "PRONOUNS", "SOCIALPROFILE",
    "JSPROP",
}  # fmt: skip


@dataclass(slots=True)
class Property:
    group: str | None
    name: str
    params: dict[str, list[str]]
    value: str
    line: int
    # Lines after a NOTE that were not folded as they should be, read as the note's own
    # (each with its line number, for the report).
    more: list[tuple[int, str]] = field(default_factory=list)
    # The card vCard 2.1 writes inside an AGENT property (on the lines after "AGENT:").
    agent: Card | None = None


@dataclass(slots=True)
class Card:
    line: int
    properties: list[Property] = field(default_factory=list)


def looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


# Line breaks str.splitlines knows besides \n and \r. A vCard line ends at CRLF (LF or CR
# alone from some programs), never at these: in a value they are text ("a\u2028b").
_RARE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A break then a space or tab (a folded line), or "=" then a break (a soft line break).
_CONTINUATIONS = ("\n ", "\n\t", "\r ", "\r\t", "=\n", "=\r")


def _physical_lines(text: str) -> list[str]:
    """The text's lines, split at CRLF, LF or CR only."""
    if not any(c in text for c in _RARE_BREAKS):
        return text.splitlines()  # the same lines, sooner
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def _logical_lines(text: str) -> Iterable[tuple[int, str]]:
    """Unfold continuation lines (and quoted-printable soft breaks); keep each start line."""
    lines = _physical_lines(text)
    if not any(c in text for c in _CONTINUATIONS):
        # No line can continue the one before it, so every line is whole as it is.
        return enumerate(lines, 1)
    return _unfolded(lines)


def _unfolded(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Join each continuation line to the line it continues."""
    folds = _soft_breaks_fold(lines)
    start, current = 0, None
    for number, raw in enumerate(lines, 1):
        if current is None:
            start, current = number, raw
        elif current.endswith("=") and "QUOTED-PRINTABLE" in current.upper():
            # A soft line break: the "=" and the break go, the next line is the value's
            # even when a phone also folded it with a space (" ile devam": the space is
            # text), unless the file's writer folds every one so (`_soft_breaks_fold`).
            current = current[:-1] + (raw[1:] if folds and raw[:1] in (" ", "\t") else raw)
        elif raw[:1] in (" ", "\t"):
            current += raw[1:]
        else:
            yield start, current
            start, current = number, raw
    if current is not None:
        yield start, current


def _soft_breaks_fold(lines: list[str]) -> bool:
    """Whether the file's writer also folds quoted-printable text after its soft line
    breaks, as ez-vcard does (a Samsung phone's export): every line after a soft break
    begins with a space, and one of them cuts a character in two ("=D0=" then " =BF"), so
    that space cannot be the text's. Then the space after each soft break goes."""
    if not any("QUOTED-PRINTABLE" in line.upper() for line in lines):
        return False
    spaced, proven, current = True, False, None
    for raw in lines:
        if current is not None and current.endswith("=") and "QUOTED-PRINTABLE" in current.upper():
            if raw[:1] not in (" ", "\t"):
                spaced = False
            elif _ESCAPED.match(raw, 1) and _cut_character(current[:-1]):
                proven = True
            current = current[:-1] + raw
        elif current is not None and raw[:1] in (" ", "\t"):
            current += raw[1:]
        else:
            current = raw
    return spaced and proven


_ESCAPED = re.compile(r"=[0-9A-Fa-f]{2}")
_ESCAPES_AT_END = re.compile(r"(?:=[0-9A-Fa-f]{2})+$")


def _cut_character(text: str) -> bool:
    """Whether quoted-printable text ends in the middle of a UTF-8 character ("=D0")."""
    found = _ESCAPES_AT_END.search(text)
    if found is None:
        return False
    data = bytes.fromhex(found[0].replace("=", ""))
    trailing = len(data) - len(data.rstrip(bytes(range(0x80, 0xC0))))
    if trailing == len(data):
        return False  # (no first byte in sight)
    first = data[-trailing - 1]
    needs = 2 if 0xC0 <= first < 0xE0 else 3 if 0xE0 <= first < 0xF0 else 4 if first >= 0xF0 else 1
    return trailing + 1 < needs


def cards(document: Document) -> Iterator[Card]:
    """Split the text into cards, one at a time (a parser can let each go once it is read);
    a line that is not a property is an error naming it."""
    card: Card | None = None
    # An agent's card inside `card` (vCard 2.1's AGENT), while it is being read.
    agent: Card | None = None
    # What the text before the first colon says (group, name, parameters), by that text.
    heads: dict[str, tuple[str | None, str, dict[str, list[str]]]] = {}
    for number, text in _logical_lines(document.text.lstrip("\ufeff")):
        current = agent or card
        head, colon, value = text.partition(":")
        known = heads.get(head) if colon else None
        if known is None:
            if not text.strip():
                continue
            found = _LINE.match(text)
            if found is None:
                if _continues_note(current):
                    current.properties[-1].more.append((number, text))  # type: ignore[union-attr]
                    continue
                if _continues_base64(current):
                    # vCard 2.1's base64 runs to a blank line, its lines not always
                    # indented (a photo, never read as text).
                    last = current.properties[-1]  # type: ignore[union-attr]
                    last.value += text.strip()
                    continue
                raise ImportFileError(
                    document.name,
                    f"'{text[:60]}' is not a vCard property (a property reads NAME:value). "
                    "Fix or delete that line, or export the contacts again.",
                    line=number,
                )
            known = (found["group"], found["name"].upper(), _params(found["params"]))
            value = found["value"]
            if '"' not in head:
                # Only a quoted parameter can hold a colon: without one, the first colon
                # ends the head, so the same head always reads the same way.
                heads[head] = known
        group, name, params = known
        if (
            _continues_note(current)
            and group is None
            and (
                (name not in _STANDARD and not name.startswith("X-"))
                # "Title: she hopes to lead": a property's name as a person writes a word, a
                # space after its colon, is the note's text (writers write names in capitals).
                or (
                    ";" not in head
                    and head[:1].isupper()
                    and head[1:].islower()
                    and value[:1] == " "
                )
            )
        ):
            current.properties[-1].more.append((number, text))  # type: ignore[union-attr]
            continue
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None and agent is None and _awaits_agent(card):
                agent = card.properties[-1].agent = Card(number)
                continue
            if current is not None:
                raise ImportFileError(
                    document.name,
                    f"a new card begins before the card from line {current.line} ends "
                    "(END:VCARD is missing). The file may have been cut or joined badly.",
                    line=number,
                )
            card = Card(number)
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            if agent is not None:
                agent = None  # back to the card that holds it
                continue
            if card is None:
                raise ImportFileError(
                    document.name, "END:VCARD without a BEGIN:VCARD before it.", line=number
                )
            yield card
            card = None
            continue
        if card is None:
            raise ImportFileError(
                document.name,
                f"'{text[:60]}' is outside any card (cards run from BEGIN:VCARD to END:VCARD).",
                line=number,
            )
        (agent or card).properties.append(Property(group, name, params, value, number))
    current = agent or card
    if current is not None:
        raise ImportFileError(
            document.name,
            f"the card that begins on line {current.line} never ends (END:VCARD is missing); "
            "the file may be cut short. Export the contacts again.",
            line=current.line,
        )


def _awaits_agent(card: Card) -> bool:
    """Whether the card's last property is an empty AGENT, which the card that follows
    fills (vCard 2.1 writes an agent's card whole inside the card it belongs to)."""
    return (
        bool(card.properties)
        and card.properties[-1].name == "AGENT"
        and not (card.properties[-1].value.strip())
    )


def _continues_base64(card: Card | None) -> bool:
    """Whether the card's last property holds base64 (a photo), which vCard 2.1 lets run on
    over lines that are not indented, to a blank line."""
    if card is None or not card.properties:
        return False
    encodings = card.properties[-1].params.get("ENCODING", ())
    return any(e.upper() in ("BASE64", "B") for e in encodings)


def _continues_note(card: Card | None) -> bool:
    """Whether the card's last property is a NOTE, which a line that is not a property may
    continue (a note whose line breaks were written as they are, not folded)."""
    return card is not None and bool(card.properties) and card.properties[-1].name == "NOTE"


_PARAMS_SEEN: dict[str, dict[str, list[str]]] = {}


# Encodings vCard 2.1 lets a property name without "ENCODING=".
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"})


def _params(text: str) -> dict[str, list[str]]:
    """Parse `;TYPE=work,pref;CHARSET=utf-8`; the same few strings recur, so remember them."""
    if not text:
        return {}
    known = _PARAMS_SEEN.get(text)
    if known is not None:
        return known
    params: dict[str, list[str]] = {}
    for part in _PARAM_SPLIT.split(text.lstrip(";")) if text else ():
        if not part:
            continue
        if part[:9].upper() == "X-CUSTOM(" and part.endswith(")"):
            # Android's own label: TEL;X-Custom(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=E5=B7=A5)
            if label := _android_label(part[9:-1]):
                params[ANDROID_LABEL] = [label]
            continue
        if "=" in part:
            key, values = part.split("=", 1)
        elif part.upper() in _BARE_ENCODINGS:
            key, values = "ENCODING", part  # vCard 2.1: NOTE;QUOTED-PRINTABLE:...
        else:
            key, values = "TYPE", part  # vCard 2.1 writes bare types: TEL;WORK;VOICE:...
        params.setdefault(key.upper(), []).extend(
            v.strip('"') for v in values.split(",") if v.strip('"')
        )
    if len(_PARAMS_SEEN) < 1000:
        _PARAMS_SEEN[text] = params
    return params


# The parameter an Android custom label (`X-Custom(...)`) is read into.
ANDROID_LABEL = "X-ANDROID-LABEL"


def _android_label(inside: str) -> str:
    """The label in Android's `X-Custom(...)`: the text after its settings, decoded as they
    say ("CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=E5=B7=A5=E4=BD=9C" is 工作).

    >>> _android_label("CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=E5=B7=A5=E4=BD=9C")
    '工作'
    >>> _android_label("Despacho")
    'Despacho'
    """
    settings: dict[str, str] = {}
    parts = inside.split(",")
    while parts and parts[0].partition("=")[0].upper() in ("CHARSET", "ENCODING"):
        key, _, value = parts.pop(0).partition("=")
        settings[key.upper()] = value
    label = ",".join(parts)
    if settings.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
        charset = settings.get("CHARSET", "UTF-8")
        try:
            label = quopri.decodestring(label.encode("ascii", "replace")).decode(charset)
        except (LookupError, UnicodeDecodeError):
            return ""
    return label.strip()


def split_escaped(value: str, separator: str) -> list[str]:
    if "\\" not in value:
        return value.split(separator)
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\n" if char in "nN" else char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


@dataclass(slots=True)
class Decoding:
    """How a card's encoded values are read when they name no character set (or a wrong
    one), and where letters that cannot be read are reported."""

    # The character set another property of the card names (a vCard 2.1 phone may name it
    # on the name and not on the address).
    charset: str | None
    # Values that neither a named character set nor UTF-8 reads, by their bytes, in the
    # legacy code page they read as together.
    legacy: dict[bytes, str]
    warnings: list[str]


def card_decoding(card: Card, warnings: list[str]) -> Decoding:
    """Learn how to read the card's encoded values (the card holds some)."""
    charset = next(
        (p.params["CHARSET"][0] for p in card.properties if p.params.get("CHARSET")), None
    )
    unread: list[bytes] = []
    for prop in card.properties:
        if prop.name in IGNORED:
            continue
        for value in (prop.value, *(more for _line, more in prop.more)):
            data = _bytes(prop, value)
            if data is not None and _named(data, prop, charset) is None:
                unread.append(data)
    return Decoding(charset, _legacy(unread), warnings)


def _legacy(pieces: list[bytes]) -> dict[bytes, str]:
    """Each of the byte strings as text, read together as a file in a legacy code page is
    (`decode`): a phone writes a card in one code page, and a short value on its own
    ("Sète") can read as several."""
    if not pieces:
        return {}
    lines = decode(b"\n".join(pieces)).split("\n")
    if len(lines) != sum(data.count(b"\n") + 1 for data in pieces):
        # Read in a way that does not keep line breaks: each on its own after all.
        return {data: decode(data) for data in pieces}
    read: dict[bytes, str] = {}
    for data in pieces:
        count = data.count(b"\n") + 1
        read[data], lines = "\n".join(lines[:count]), lines[count:]
    return read


def _bytes(prop: Property, value: str) -> bytes | None:
    """The bytes a quoted-printable or base64 value holds; None for a value not encoded so."""
    encoding = (prop.params.get("ENCODING") or [""])[0].upper()
    try:
        if encoding == "QUOTED-PRINTABLE":
            return quopri.decodestring(value.encode("latin-1", "replace"))
        if encoding in ("B", "BASE64"):
            return base64.b64decode(value)
    except (binascii.Error, ValueError):
        pass
    return None


def _named(data: bytes, prop: Property, charset: str | None) -> str | None:
    """The bytes in the first character set that reads them: the property's own, UTF-8,
    the one another property of the card names; None when none does."""
    for name in (*prop.params.get("CHARSET", ()), "utf-8", charset):
        if name:
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    return None


def text_of(prop: Property, *, own: bool = False, decoding: Decoding | None = None) -> str:
    """The property's value, decoded (quoted-printable, base64); mis-decoded text repaired
    unless the card is one of Goodword's own (whose text is exactly as the user wrote it)."""
    value = prop.value
    # Without an ENCODING parameter there is nothing to decode (CHARSET alone changes nothing).
    if "ENCODING" not in prop.params:
        return value if own or value.isascii() else repair(value)
    data = _bytes(prop, value)
    if data is not None:
        named = _named(data, prop, decoding.charset if decoding else None)
        if named is None:
            # Bytes in a code page the card does not name (vCard 2.1 phones and Outlook
            # Express write their own and often do not say which).
            named = decoding.legacy.get(data) if decoding else None
        value = named if named is not None else decode(data)
        if "\ufffd" in value and decoding is not None:
            decoding.warnings.append(
                LineWarning(
                    f"'{value[:60]}' has letters that cannot be read (each shown as \ufffd); "
                    "kept as it is",
                    prop.line,
                )
            )
    return value if own else repair(value)
