"""The column map a CSV is read through (`field=Header,...`): typed, picked on the import
page or guessed from the headers, and checked before any row is read (`mapped` reads
the rows through it)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from goodword.errors import FieldError, InvalidInput
from goodword.importers.tables import header_key
from goodword.records import shown

FIELDS = {
    "key": "the source's own record id, kept as provenance",
    "name": "the whole name, when there are no separate name columns (split into given "
    'and family names; "Family, Given" is understood)',
    "given": "given (first) name",
    "middle": "middle name (kept with the given name)",
    "family": "family (last) name",
    "email": "e-mail address",
    "phone": "phone number",
    "url": "web or LinkedIn profile address",
    "org": "organization (current)",
    "title": "job title at that organization (in the notes when there is none)",
    "department": "department at that organization (in the notes when there is none)",
    # (The text is the column picker's label; a picker takes one column, but for those
    # of PICKED_SEVERAL.)
    "location": "where they live or work (to join several columns, such as City and "
    "Country, type a column map below)",
    "birthday": "birthday (a date)",
    "notes": "notes",
    "tags": "tags, separated by commas or semicolons",
}
MULTI = {"email", "phone", "url", "notes", "tags", "location"}
# The fields whose picker on the import page takes any number of columns (ticked): the
# columns a map leaves out are kept by their text in the notes.
PICKED_SEVERAL = {"notes"}
# Each field as a message names its picker on the import page (the picker's label, short).
PICKERS = {
    "key": "Record id", "name": "Whole name", "given": "Given name", "middle": "Middle name",
    "family": "Family name", "email": "E-mail address", "phone": "Phone number",
    "url": "Web or LinkedIn profile address", "org": "Organization", "title": "Job title",
    "department": "Department", "location": "Where they live or work", "birthday": "Birthday",
    "notes": "Notes", "tags": "Tags",
}  # fmt: skip

# How a message asks to say which column holds what, in the API's words (the command line
# shows `mapping` as its --map); the import page says it in its own (`on_the_page`).
SAY_THE_COLUMNS = (
    "on the import page, Preview offers a picker per column; elsewhere give a column map "
    "(`mapping`)"
)
_SAY_THE_COLUMNS_ON_THE_PAGE = (
    "choose Preview for a picker per column, or type a column map (under “Type a column map "
    "instead”)"
)


# How a report's note on columns a map leaves out says to keep their text, in the API's
# typed map's words (its `mapping`); the command line says what to add to its --map, and
# the import page names its Notes picker, which takes any number of columns.
KEEP_A_COLUMN = (
    "To keep a column's text, map it to notes (notes=Column); notes may be given several columns."
)
_KEEP_A_COLUMN_ON_THE_COMMAND_LINE = (
    "To keep a column's text, add notes=Column to --map for each; notes may be given several "
    "columns."
)
# The columns a report's note names as left out ("... does not name them: 'Team', 'Age'."),
# which the command line's note adds to --map as they are.
_LEFT_OUT = re.compile(r"does not name (?:it|them): (.+?)\. " + re.escape(KEEP_A_COLUMN))
_NAMED = re.compile(r"'(.*?)'(?:, |$)")
_KEEP_A_COLUMN_ON_THE_PAGE = (
    "To keep a column's text, tick it under Notes (as many columns as you like)."
)


# How a report's note on a key column that gives one id to several rows names it and says
# what to do, in a typed map's words (`mapped`); the import page names its Record id picker.
KEY_COLUMN = "the key column '"
A_KEY_IS = "A key is each record's own id"
ANOTHER_KEY = "map a column no two rows share, or none"
_KEY_ON_THE_PAGE = {
    KEY_COLUMN: "the record id column '",
    A_KEY_IS: "A record id belongs to one record only",
    ANOTHER_KEY: "pick a column no two rows share under Record id (key= in a typed map), or none",
}


def on_the_page(message: str) -> str:
    """A message as the import page says it: its own pickers and typed map, where the API's
    and the command line's name their field or option.

    >>> print(on_the_page(f"Say which: {SAY_THE_COLUMNS}."))  # doctest: +NORMALIZE_WHITESPACE
    Say which: choose Preview for a picker per column, or type a column map (under “Type a
    column map instead”).
    """
    message = message.replace(SAY_THE_COLUMNS, _SAY_THE_COLUMNS_ON_THE_PAGE).replace(
        KEEP_A_COLUMN, _KEEP_A_COLUMN_ON_THE_PAGE
    )
    for said, there in _KEY_ON_THE_PAGE.items():
        message = message.replace(said, there)
    return message


# A column a map names that the file lacks, as `mapped.parse_mapped` says it ("has no
# column 'Headline' (mapped to notes; did you mean 'Headlines'?)").
_MAPPED_TO = re.compile(r"\(mapped to (\w+)\b")


def in_the_pickers_words(message: str) -> str:
    """A message on a map made with the import page's pickers, as they say it.

    >>> in_the_pickers_words("has no column 'Mail' (mapped to email; did you mean 'E-mail'?)")
    "has no column 'Mail' (picked for E-mail address; did you mean 'E-mail'?)"
    """
    return _MAPPED_TO.sub(lambda found: f"(picked for {PICKERS.get(found[1], found[1])}", message)


def on_the_command_line(message: str) -> str:
    """A message as the command line says it: what to add to its --map, the very columns
    when the note names them all.

    >>> print(on_the_command_line(f"not imported, as the column map does not name them: "
    ...     f"'Team', 'Age, years'. {KEEP_A_COLUMN}"))  # doctest: +NORMALIZE_WHITESPACE
    not imported, as the column map does not name them: 'Team', 'Age, years'. To keep their
    text, add notes=Team,notes="Age, years" to --map.
    """
    found = _LEFT_OUT.search(message)
    listed = found[1] if found else ""
    names = _NAMED.findall(listed)
    if found and names and "".join(f"'{n}', " for n in names)[:-2] == listed:
        added = ",".join(f"notes={_in_a_map(name)}" for name in names)
        its = "its" if len(names) == 1 else "their"
        at = found.end() - len(KEEP_A_COLUMN)
        return f"{message[:at]}To keep {its} text, add {added} to --map.{message[found.end() :]}"
    return message.replace(KEEP_A_COLUMN, _KEEP_A_COLUMN_ON_THE_COMMAND_LINE)


def _in_a_map(header: str) -> str:
    """A header as a column map writes it: in double quotes (a quotation mark in it written
    twice) when it holds a comma, a quotation mark or a backslash, or begins or ends with a
    space."""
    if any(c in header for c in ',"\\') or header != header.strip():
        return '"' + header.replace('"', '""') + '"'
    return header


def parse_mapping(text: str, *, picked: Iterable[tuple[str, str]] = ()) -> dict[str, list[str]]:
    """Read `field=Header,field=Header`; a field may be given more than once (two e-mails,
    or the parts of a location). A header with a comma in it is written in double quotes:
    `given="Name, first"` (a quotation mark inside the quotes is written twice), or with
    the comma after a backslash. `picked` are (field, header) pairs chosen apart (the import
    page's pickers, one form field each), taken whole before the typed ones; a field of one
    column that is typed replaces the picker's, and a column named in both counts once.

    >>> parse_mapping("given=Vorname,email=Work", picked=[("given", "First"), ("email", "Mail")])
    {'email': ['Mail', 'Work'], 'given': ['Vorname']}
    >>> parse_mapping("given=First", picked=[("given", "First"), ("family", "Last")])
    {'given': ['First'], 'family': ['Last']}
    """
    typed: list[tuple[str, str]] = []
    errors: list[FieldError] = []
    for field, header in _split_mapping(text):
        if field is None:
            errors.append(FieldError("mapping", header))
        else:
            typed.append((field, header))
    # What is typed adds to the pickers' choices; for a field of one column it replaces
    # theirs, and a column named in both counts once.
    replaced = {field.strip().lower() for field, _ in typed} - MULTI
    pairs: list[tuple[str, str]] = []
    for field, header in [*picked, *typed]:
        if field.strip().lower() in replaced and (field, header) not in typed:
            continue
        if (field.strip().lower(), header.strip()) not in {
            (f.strip().lower(), h.strip()) for f, h in pairs
        }:
            pairs.append((field, header))
    # (What the pickers alone chose is said in their words.)
    by_picker = {(f.strip().lower(), header_key(h)) for f, h in picked} - {
        (f.strip().lower(), header_key(h)) for f, h in typed
    }
    return check_mapping(pairs, errors=errors, picked=by_picker)


# What a map without a column naming the rows is told (the import page shows its pickers),
# and, on the import page, in one sentence of its own: in its pickers' words when they were
# used, else in its typed map's (`uploads.page_columns_from`).
NO_NAME_COLUMN = "map at least a column that tells who each row is (name, given, family or email)"
PICK_A_NAME_COLUMN = (
    "Pick a name column (the whole name, given name or family name) or the e-mail address "
    "column, so Goodword can tell who each row is."
)
TYPE_A_NAME_COLUMN = (
    "Give the column map a name column (name=, given= or family=) or the e-mail column "
    "(email=), so Goodword can tell who each row is."
)


def check_mapping(
    pairs: Iterable[tuple[str, str]],
    *,
    errors: list[FieldError] | None = None,
    picked: Collection[tuple[str, str]] = (),
) -> dict[str, list[str]]:
    """The column map of (field, header) pairs, each header as given (commas and all), or
    InvalidInput saying what is wrong with it: in the import page's pickers' words when
    only they chose what is wrong (`picked`: their (field, folded header) pairs), else in
    a typed map's."""
    mapping: dict[str, list[str]] = {}
    # Each column (by its folded name), as first written, and the fields it is given.
    fields_of: dict[str, tuple[str, list[str]]] = {}
    errors = list(errors or [])
    for field, header in pairs:
        field, header = field.strip().lower(), header.strip()
        if field not in FIELDS or not header:
            fields = "; fields are " + ", ".join(sorted(FIELDS))
            if field and header:  # (in the form, but the field is unknown)
                message = f"'{field}={header}': '{field}' is no field a column map knows{fields}"
            else:
                message = f"'{field}={header}' is not field=Column{fields}"
            errors.append(FieldError("mapping", message))
            continue
        if field not in MULTI and field in mapping:
            columns = ", ".join(f"'{h}'" for h in [*mapping[field], header])
            errors.append(
                FieldError("mapping", f"{field} is mapped twice ({columns}); map one column to it")
            )
        mapping.setdefault(field, []).append(header)
        given_to = fields_of.setdefault(header_key(header), (header, []))[1]
        if field not in given_to:
            given_to.append(field)
    # The errors said in the pickers' words (the others are in a typed map's).
    in_pickers_words = 0
    for header, header_fields in fields_of.values():
        # (The record's id may be one of its fields too: key=Email,email=Email.)
        if len([f for f in header_fields if f != "key"]) > 1:
            if all((f, header_key(header)) in picked for f in header_fields):
                names = " and ".join(PICKERS[f] for f in header_fields)
                message = (
                    f"'{header}' is picked for {'both ' if len(header_fields) == 2 else ''}"
                    f"{names}; a column gives one field, so pick it for the one it holds only."
                )
                in_pickers_words += 1
            else:
                message = (
                    f"'{header}' is mapped to {' and '.join(header_fields)}; a column gives "
                    "one field, so map it to the one it holds"
                )
            errors.append(FieldError("mapping", message))
    if not errors and not ({"name", "given", "family", "email"} & mapping.keys()):
        errors.append(FieldError("mapping", NO_NAME_COLUMN))
    if errors:
        if in_pickers_words == len(errors):
            raise InvalidInput("The columns picked cannot be used.", fields=errors)
        raise InvalidInput("The column map cannot be used.", fields=errors)
    return mapping


# Column names that say plainly what a column holds (folded: lower case, spaced), most
# telling first: the import page picks these for a file no format knows, for you to check.
_SAID_BY = {
    "key": ("id", "record id", "contact id", "uid", "external id"),
    "given": ("first name", "given name", "firstname", "first", "forename", "vorname",
              "prenom"),
    "family": ("last name", "surname", "family name", "lastname", "last", "nachname"),
    "name": ("name", "full name", "display name", "contact name", "contact"),
    "email": ("email", "e mail", "email address", "e mail address", "primary email",
              "mail", "work email", "personal email", "secondary email"),
    "phone": ("phone", "mobile", "mobile phone", "mobile number", "cell", "cell phone",
              "telephone", "phone number", "work phone", "home phone"),
    "url": ("linkedin", "linkedin url", "linkedin profile", "profile url", "profile",
            "website", "web page", "web page 1", "url", "homepage", "web site"),
    "org": ("company", "organization", "organisation", "employer", "company name",
            "organization name", "works at", "workplace", "current company"),
    "title": ("job title", "position", "role", "title", "job"),
    "department": ("department", "dept", "division", "team"),
    "location": ("location", "city", "town", "place"),
    "birthday": ("birthday", "date of birth", "dob", "birth date", "birthdate"),
    "notes": ("notes", "note", "comments", "comment"),
    "tags": ("tags", "labels", "categories", "groups"),
}  # fmt: skip


def guess_columns(headers: Iterable[str]) -> list[tuple[str, str]]:
    """(field, column) for each column whose name says what it holds ("Primary Email",
    "Organization"), a column to one field and one column to a field; none without a
    name column among them (a map needs one).

    >>> guess_columns(["First Name", "Last Name", "Primary Email", "Org"])
    [('given', 'First Name'), ('family', 'Last Name'), ('email', 'Primary Email')]
    >>> guess_columns(["Size", "Colour"])
    []
    """
    folded = {" ".join(re.sub(r"[^\w]+", " ", h.casefold()).split()): h for h in headers}
    found: list[tuple[str, str]] = []
    taken: set[str] = set()
    for field, said in _SAID_BY.items():
        if field == "name" and any(f in ("given", "family") for f, _ in found):
            continue  # (a whole name beside first and last names would be read twice)
        for words in said:
            header = folded.get(words)
            if header is not None and header not in taken:
                found.append((field, header))
                taken.add(header)
                break
    if not {"name", "given", "family"} & {field for field, _ in found}:
        return []
    return found


# One `field=Header` of a typed map: the header in double quotes (commas allowed, a
# quotation mark doubled inside), or bare up to the next comma (`\,` for a comma in it).
_PAIR = re.compile(r'\s*([^=,"]*?)\s*=\s*(?:"((?:[^"]|"")*)"|((?:[^,"\\]|\\.)*?))\s*(?:,|$)')


def _split_mapping(text: str) -> Iterator[tuple[str | None, str]]:
    """Each (field, header) of a typed map; (None, what is wrong) for a part that is not
    field=Column."""
    position = 0
    text = text.strip()
    while position < len(text):
        if text[position] in ", ":
            position += 1
            continue
        found = _PAIR.match(text, position)
        if found is None or found.end() == position:
            rest = text[position:].split(",", 1)[0].strip()
            if rest.count('"') % 2 or ('"' in rest and "=" in rest):
                message = (
                    f"'{text[position:]}' has a quotation mark that does not close; write a "
                    'column with a comma in it as given="Name, first"'
                )
                yield None, message
                return
            yield (
                None,
                f"'{shown(rest)}' is not field=Column; fields are " + ", ".join(sorted(FIELDS)),
            )
            position += len(text[position:].split(",", 1)[0]) + 1
            continue
        field, quoted, bare = found.group(1), found.group(2), found.group(3)
        unescaped = re.sub(r"\\(.)", r"\1", bare) if quoted is None else ""
        yield field, quoted.replace('""', '"') if quoted is not None else unescaped
        position = found.end()
