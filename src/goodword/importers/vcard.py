"""vCard 2.1, 3.0 and 4.0: one file holding many cards, or many files.

Reading is a small streaming line reader rather than vobject: vobject builds an object per
property and reads about 2,000 cards a second, a tenth of what a large address book needs.
Writing (exports) uses vobject, and the tests check this reader against what vobject writes.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from goodword.importers.cleaning import (
    clean_name,
    clean_organization,
    clean_whole_name,
    honorific_name,
    looks_like_email,
    parse_date,
    profile_url,
    read_birthday,
    split_suffix,
    unify_line_breaks,
)
from goodword.importers.reading import Document, repair
from goodword.importers.records import (
    ImportFileError,
    IncomingPerson,
    IncomingPosition,
    Labeled,
    LineWarning,
    Parsed,
    Skipped,
)

SOURCE = "vcard"
_LINE = re.compile(
    r"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)"
    r'(?P<params>(?:;(?:[^:";]|"[^"]*")*)*):(?P<value>.*)$',
    re.DOTALL,
)
_PARAM_SPLIT = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')
_GENERIC_TYPES = {"internet", "pref", "voice", "x400", "uri", "text", "x-internet"}
_IGNORED = {"PHOTO", "LOGO", "SOUND", "KEY", "PRODID", "REV", "X-ABUID", "SORT-STRING", "KIND"}
# Not read in the main pass: VERSION is read by `parse`, X-ABLABEL before the others.
_NOT_READ = _IGNORED | {"VERSION", "X-ABLABEL"}
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


@dataclass(slots=True)
class Card:
    line: int
    properties: list[Property] = field(default_factory=list)


def looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


# Line breaks str.splitlines knows besides \n and \r; files almost never hold them.
_RARE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# A break then a space or tab (a folded line), or "=" then a break (a soft line break).
_CONTINUATIONS = ("\n ", "\n\t", "\r ", "\r\t", "=\n", "=\r")


def _logical_lines(text: str) -> Iterable[tuple[int, str]]:
    """Unfold continuation lines (and quoted-printable soft breaks); keep each start line."""
    lines = text.splitlines()
    if not any(c in text for c in _RARE_BREAKS) and not any(c in text for c in _CONTINUATIONS):
        # No line can continue the one before it, so every line is whole as it is.
        return enumerate(lines, 1)
    return _unfolded(lines)


def _unfolded(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Join each continuation line to the line it continues."""
    start, current = 0, None
    for number, raw in enumerate(lines, 1):
        if current is None:
            start, current = number, raw
        elif current.endswith("=") and "QUOTED-PRINTABLE" in current.upper():
            # A soft line break: the "=" and the break go, the next line is the value's
            # even when a phone also folded it with a space (" ile devam": the space is text).
            current = current[:-1] + raw
        elif raw[:1] in (" ", "\t"):
            current += raw[1:]
        else:
            yield start, current
            start, current = number, raw
    if current is not None:
        yield start, current


def _cards(document: Document) -> Iterator[Card]:
    """Split the text into cards, one at a time (a parser can let each go once it is read);
    a line that is not a property is an error naming it."""
    card: Card | None = None
    # What the text before the first colon says (group, name, parameters), by that text.
    heads: dict[str, tuple[str | None, str, dict[str, list[str]]]] = {}
    for number, text in _logical_lines(document.text.lstrip("\ufeff")):
        head, colon, value = text.partition(":")
        known = heads.get(head) if colon else None
        if known is None:
            if not text.strip():
                continue
            found = _LINE.match(text)
            if found is None:
                if _continues_note(card):
                    card.properties[-1].more.append((number, text))  # type: ignore[union-attr]
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
            group is None
            and name not in _STANDARD
            and not name.startswith("X-")
            and _continues_note(card)
        ):
            card.properties[-1].more.append((number, text))  # type: ignore[union-attr]
            continue
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                raise ImportFileError(
                    document.name,
                    f"a new card begins before the card from line {card.line} ends "
                    "(END:VCARD is missing). The file may have been cut or joined badly.",
                    line=number,
                )
            card = Card(number)
            continue
        if name == "END" and value.strip().upper() == "VCARD":
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
        card.properties.append(Property(group, name, params, value, number))
    if card is not None:
        raise ImportFileError(
            document.name,
            f"the card that begins on line {card.line} never ends (END:VCARD is missing); "
            "the file may be cut short. Export the contacts again.",
            line=card.line,
        )


def _continues_note(card: Card | None) -> bool:
    """Whether the card's last property is a NOTE, which a line that is not a property may
    continue (a note whose line breaks were written as they are, not folded)."""
    return card is not None and bool(card.properties) and card.properties[-1].name == "NOTE"


_PARAMS_SEEN: dict[str, dict[str, list[str]]] = {}


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
        if "=" in part:
            key, values = part.split("=", 1)
        else:
            key, values = "TYPE", part  # vCard 2.1 writes bare types: TEL;WORK;VOICE:...
        params.setdefault(key.upper(), []).extend(
            v.strip('"') for v in values.split(",") if v.strip('"')
        )
    if len(_PARAMS_SEEN) < 1000:
        _PARAMS_SEEN[text] = params
    return params


def _split_escaped(value: str, separator: str) -> list[str]:
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


def _text(prop: Property, *, own: bool = False) -> str:
    """The property's value, decoded (quoted-printable, base64); mis-decoded text repaired
    unless the card is one of Goodword's own (whose text is exactly as the user wrote it)."""
    value = prop.value
    # Without an ENCODING parameter there is nothing to decode (CHARSET alone changes nothing).
    if "ENCODING" not in prop.params:
        return value if own or value.isascii() else repair(value)
    encoding = (prop.params.get("ENCODING") or [""])[0].upper()
    charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
    try:
        if encoding == "QUOTED-PRINTABLE":
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                charset, "replace"
            )
        elif encoding in ("B", "BASE64"):
            value = base64.b64decode(value).decode(charset, "replace")
    except (binascii.Error, LookupError, ValueError):
        pass
    return value if own else repair(value)


def _label(prop: Property, labels: dict[str, str]) -> str | None:
    if prop.group and labels:
        label = labels.get(prop.group.lower())
        if label is not None:
            return label
    for value in prop.params.get("TYPE", ()):
        lowered = value.lower()
        if lowered not in _GENERIC_TYPES:
            return lowered
    return None


def _person(document: Document, card: Card, parsed: Parsed) -> IncomingPerson | None:
    person = IncomingPerson(source=SOURCE, file_name=document.name, line=card.line)
    # One pass finds both whether the card is our own and its group labels (item1.X-ABLabel).
    own = False
    label_props: list[tuple[str, Property]] = []
    for prop in card.properties:
        if prop.name == "X-ABLABEL":
            if prop.group:
                label_props.append((prop.group, prop))
        elif prop.name.startswith("X-GOODWORD-") or (
            prop.name == "UID" and prop.value.startswith("goodword-")
        ):
            own = True
    labels: dict[str, str] = {}
    for group, prop in label_props:
        label = _text(prop, own=own).strip()
        if label.startswith("_$!<") and label.endswith(">!$_"):
            label = label[4:-4]
        labels[group.lower()] = label
    notes: list[str] = []
    orgs: list[tuple[str, str | None]] = []
    titles: list[str] = []
    own_positions: list[IncomingPosition] = []
    given = family = prefix = generational = ""
    for prop in card.properties:
        name = prop.name
        if name in _NOT_READ:
            continue
        text = _text(prop, own=own)
        if name == "FN":
            person.display_name = _split_escaped(text, "\x00")[0].strip() or None
        elif name == "N":
            parts = [*_split_escaped(text, ";"), "", "", "", "", ""]
            # Given and additional names, those not blank (filter keeps them unstripped).
            family, given = parts[0].strip(), " ".join(filter(str.strip, parts[1:3]))
            prefix = parts[3].strip()
            # "Jr." is part of the whole name, "PhD" goes to the notes (`clean_name`).
            generational, credentials = split_suffix(parts[4])
            if credentials:
                family = f"{family}, {credentials}"
        elif name == "NICKNAME":
            notes.append("Goes by " + ", ".join(_split_escaped(text, ",")))
        elif name == "EMAIL":
            address = _split_escaped(text, "\x00")[0].strip()
            if address.lower().startswith("mailto:"):
                address = address[7:]
            if looks_like_email(address):
                person.emails.append(Labeled(address, _label(prop, labels)))
            elif address:
                person.warnings.append(
                    LineWarning(f"'{address}' is not an e-mail address; not kept", prop.line)
                )
        elif name == "TEL":
            number = _split_escaped(text, "\x00")[0].strip()
            number = number[4:] if number.lower().startswith("tel:") else number
            if number:
                person.phones.append(Labeled(number, _label(prop, labels)))
        elif name in ("URL", "X-SOCIALPROFILE"):
            raw = _split_escaped(text, "\x00")[0].strip()
            try:
                url, kind = profile_url(raw)
            except ValueError:
                person.warnings.append(
                    LineWarning(f"'{raw}' is not a web address; not kept", prop.line)
                )
                continue
            url_label = _label(prop, labels)
            if kind == "linkedin" and not own:
                url_label = "LinkedIn"
            person.urls.append(Labeled(url, url_label))
        elif name == "ORG":
            parts = list(map(str.strip, _split_escaped(text, ";")))
            if parts[0]:
                orgs.append((clean_organization(parts[0]), ", ".join(filter(None, parts[1:]))))
        elif name == "TITLE":
            titles.append(_split_escaped(text, "\x00")[0].strip())
        elif name == "X-GOODWORD-POSITION":
            own_positions.append(_own_position(text))
        elif name == "BDAY":
            said, day = _date(prop, text)
            person.birthday, unkept = read_birthday(said, parse_date(day), notes)
            if unkept:
                person.warnings.append(LineWarning(unkept, prop.line))
        elif name in ("ANNIVERSARY", "X-ABDATE"):
            # Apple's dates carry their label in the group: item1.X-ABLabel:_$!<Anniversary>!$_.
            said = _shown_date(*_date(prop, text))
            date_label = _label(prop, labels) if name == "X-ABDATE" else None
            if said:
                default = "anniversary" if name == "ANNIVERSARY" else "date"
                notes.append(f"{_capital(date_label or default)}: {said}")
        elif name in ("RELATED", "X-ABRELATEDNAMES"):
            related = _split_escaped(text, "\x00")[0].strip()
            if related:
                notes.append(f"{_capital(_label(prop, labels) or 'related')}: {related}")
        elif name == "IMPP":
            address = _split_escaped(text, "\x00")[0].strip()
            if address:
                notes.append(f"IM: {address}")
        elif name == "GENDER":
            gender = _gender(text)
            if gender:
                notes.append(f"Gender: {gender}")
        elif name == "NOTE":
            # (Phones write a quoted-printable line break as =0D=0A: one line break.)
            note = _split_escaped(text, "\x00")[0]
            for more_line, more in prop.more:
                # Decoded as the note's first line is (its encoding, then its escapes).
                piece = Property(prop.group, name, prop.params, more, more_line)
                # A line ending in an encoded break ("=0D=0A") had its break already.
                note += "" if note.endswith(("\n", "\r")) else "\n"
                note += _split_escaped(_text(piece, own=own), "\x00")[0]
                person.warnings.append(
                    LineWarning(
                        f"'{more[:60]}' is not a vCard property (the note before it was not "
                        "folded as vCard folds lines); read as part of that note",
                        more_line,
                    )
                )
            notes.append(unify_line_breaks(note))
        elif name == "CATEGORIES":
            person.tags.extend(t.strip() for t in _split_escaped(text, ",") if t.strip())
        elif name == "X-GOODWORD-LOCATION":
            person.location = _split_escaped(text, "\x00")[0] or None
        elif name == "ADR" and not person.location:
            parts = [*_split_escaped(text, ";"), "", "", "", "", "", "", ""]
            place = ", ".join(filter(None, (parts[3].strip(), parts[4].strip(), parts[6].strip())))
            person.location = place or None
        elif name == "UID":
            person.key = text.strip() or None
        elif name == "X-GOODWORD-INTERESTS":
            person.interests.extend(t for t in _split_escaped(text, ",") if t.strip())
        elif name == "X-GOODWORD-HOW-WE-MET":
            person.how_we_met = _split_escaped(text, "\x00")[0] or None
    if own:
        # One of Goodword's own exports: names are exactly as the user keeps them.
        person.source = "goodword"
        clean_given, clean_family, name_notes = given, family, list[str]()
    else:
        clean_given, clean_family, name_notes = clean_name(given, family)
        if person.display_name:
            person.display_name = clean_whole_name(person.display_name, name_notes)
            # What the shown name leaves out of N is kept all the same.
            words = person.display_name.split()
            if prefix and prefix not in words:
                name_notes.append(f"Name prefix: {prefix}")
            if generational and generational.split()[-1] not in words:
                name_notes.append(f"Name suffix: {generational}")
        else:
            # No FN (vCard 2.1 may leave it out): "Dr." and "Jr." have no fields of their
            # own, so the whole name keeps them.
            person.display_name = honorific_name(prefix, clean_given, clean_family, generational)
    person.given_name, person.family_name = clean_given or None, clean_family or None
    if own_positions:
        person.positions = own_positions
    else:
        person.positions = [
            IncomingPosition(
                org, titles[i] if i < len(titles) and titles[i] else None, dept or None
            )
            for i, (org, dept) in enumerate(orgs)
        ]
    person.notes = "\n\n".join([*name_notes, *notes]) or None
    # The same test as `not person.name`, without building the name.
    if not (person.display_name or person.given_name or person.family_name):
        # A business is named after itself; a card with an address or number alone by it.
        known_by = [
            *(p.organization for p in person.positions),
            *(e.value for e in person.emails),
            *(p.value for p in person.phones),
        ]
        if not known_by:
            parsed.skipped.append(
                Skipped(
                    document.name,
                    card.line,
                    "a card with no name, organization, e-mail address or phone number",
                )
            )
            return None
        person.display_name = known_by[0]
    return person


def _date(prop: Property, text: str) -> tuple[str, str]:
    """(The date as the card says it, the date to read): Apple's year-less date
    (X-APPLE-OMIT-YEAR=1604:1604-05-20) is "--05-20", its stand-in year no year at all."""
    said, day = text.strip(), text.split("T")[0].strip()
    omitted = (prop.params.get("X-APPLE-OMIT-YEAR") or [""])[0]
    if omitted and day.startswith(omitted):
        said = day = "--" + day[len(omitted) :].lstrip("-")
    return said, day


def _shown_date(said: str, day: str) -> str:
    """A date as a note shows it: vCard 4's basic form ("20100101", "--0412") written as
    ISO writes it ("2010-01-01", "--04-12"); any other text as the card says it."""
    if said != day:
        return said  # a date and time, kept whole
    if re.fullmatch(r"\d{8}", day) and parse_date(day) is not None:
        return f"{day[:4]}-{day[4:6]}-{day[6:]}"
    if re.fullmatch(r"--\d{4}", day):
        return f"--{day[2:4]}-{day[4:]}"
    return said


# vCard 4's GENDER: a sex (one letter), then optionally ";" and the gender identity in words.
_SEXES = {
    "M": "male",
    "F": "female",
    "O": "other",
    "N": "none or not applicable",
    "U": "unknown",
}


def _gender(text: str) -> str:
    """GENDER in words: "F" is "female", "O;intersex" "other (intersex)", ";it's
    complicated" "it's complicated"; a value of another shape as it is."""
    sex, *rest = _split_escaped(text, ";")
    sex, identity = sex.strip(), ";".join(rest).strip()
    sex = _SEXES.get(sex.upper(), sex)
    if sex and identity:
        return f"{sex} ({identity})"
    return sex or identity


def _capital(label: str) -> str:
    """A label as a note starts with it: "spouse" is "Spouse", "Coach" stays."""
    return label[:1].upper() + label[1:]


def _own_position(text: str) -> IncomingPosition:
    """X-GOODWORD-POSITION:organization;title;department;start;end;current (our exports)."""
    parts = [*_split_escaped(text, ";"), "", "", "", "", "", ""]
    return IncomingPosition(
        organization=parts[0],
        title=parts[1] or None,
        department=parts[2] or None,
        start_date=parse_date(parts[3]),
        end_date=parse_date(parts[4]),
        is_current=parts[5].strip().lower() != "false",
    )


def parse(document: Document) -> Parsed:
    parsed = Parsed(document.name, "vcard", "vCard")
    versions: set[str] = set()
    seen: dict[str, int] = {}
    # Card by card: a malformed line still fails the whole file, just after the cards before it.
    for card in _cards(document):
        parsed.rows += 1
        for prop in card.properties:
            if prop.name == "VERSION":
                versions.add(prop.value.strip())
        person = _person(document, card, parsed)
        if person is None:
            continue
        key = person.key or "name:" + person.name.casefold() + (
            "|" + person.emails[0].value.lower() if person.emails else ""
        )
        count = seen[key] = seen.get(key, 0) + 1
        person.key = key if count == 1 else f"{key}#{count}"
        parsed.people.append(person)
    if versions:
        parsed.label = "vCard " + " and ".join(sorted(versions))
    return parsed
