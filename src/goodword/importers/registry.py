"""Which format a file is, told from its content (never its name), and its parser."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from goodword.importers import (
    column_map,
    dateorder,
    google,
    jobs,
    linkedin,
    linkedin_messages,
    mapped,
    outlook,
    own_exports,
    thunderbird,
    vcard,
    vcard_text,
)
from goodword.importers.reading import Document, collector_paused
from goodword.importers.records import ImportFileError, Parsed
from goodword.importers.tables import (
    Table,
    cell,
    header_key,
    read_table,
    set_aside_split_rows,
    unread_columns,
    unread_repeats,
)
from goodword.records import API_PREFIX

TableParser = Callable[[Table], Parsed]

# Most specific first: the first signature whose headers are all present wins.
TABLE_FORMATS: list[tuple[str, frozenset[str], TableParser]] = [
    *own_exports.TABLE_FORMATS,
    *linkedin_messages.TABLE_FORMATS,
    *linkedin.TABLE_FORMATS,
    *google.TABLE_FORMATS,
    *outlook.TABLE_FORMATS,
    *thunderbird.TABLE_FORMATS,
]
SIGNATURES = [signature for _id, signature, _parse in TABLE_FORMATS]


def signatures(mapping: dict[str, list[str]] | None) -> list[frozenset[str]]:
    """The headers that mark a table's column names: a known format's, and the column map's
    (below a report's title lines, the row naming every mapped column)."""
    if not mapping:
        return SIGNATURES
    return [*SIGNATURES, frozenset(header_key(h) for hs in mapping.values() for h in hs)]


LABELS = {
    "linkedin-connections": "LinkedIn Connections.csv",
    "linkedin-messages": "LinkedIn messages.csv",
    "linkedin-invitations": "LinkedIn Invitations.csv",
    "linkedin-profile": "LinkedIn Profile.csv",
    "linkedin-positions": "LinkedIn Positions.csv",
    "linkedin-emails": "LinkedIn Email Addresses.csv",
    "linkedin-phones": "LinkedIn PhoneNumbers.csv",
    "linkedin-recommendations": "LinkedIn Recommendations_Given.csv or _Received.csv",
    "google-contacts": "Google Contacts CSV",
    "outlook-contacts": "Outlook contacts CSV",
    "thunderbird-contacts": "Thunderbird address book CSV",
    "goodword-csv": "Goodword people CSV",
}


def detect(document: Document, *, mapping: dict[str, list[str]] | None = None) -> str | None:
    """Return the format id of the document, or None when it is none we read."""
    if vcard_text.looks_like_vcard(document.text):
        return "vcard"
    if own_exports.looks_like_people_json(document.text):
        return "goodword-json"
    mapping = None if document.member else mapping
    table = read_table(document, known=signatures(mapping))
    if table is None:
        return None
    format_id = _table_format(table, mapping)[0]
    if format_id == "linkedin-messages" and _assistant_chats(document):
        return None  # LinkedIn's assistant's chats with you, in messages.csv's columns
    if format_id == "linkedin-profile" and len(linkedin.profile_rows(table)) > 1:
        return None  # a list of people with Profile.csv's columns: it needs a column map
    return format_id


def _table_format(
    table: Table, mapping: dict[str, list[str]] | None
) -> tuple[str | None, TableParser | None]:
    """The known format of the table, else the column map's (when one is given)."""
    keys = set(table.index)
    for format_id, signature, parse in TABLE_FORMATS:
        if signature <= keys:
            if (
                mapping is not None
                and format_id == "linkedin-profile"
                and len(linkedin.profile_rows(table)) > 1
            ):
                break  # a list of people with Profile.csv's columns: the map reads it
            return format_id, parse
    if mapping is not None:
        return "csv", lambda t: mapped.parse_mapped(t, mapping)
    return None, None


@collector_paused()
def parse(document: Document, *, mapping: dict[str, list[str]] | None = None) -> Parsed | None:
    """Parse the document in its detected format; the report's notes say how its text was
    read when that was a guess (`Document.read_as`)."""
    parsed = _parse(document, mapping=mapping)
    if parsed is not None and document.read_as:
        parsed.notes.insert(0, document.read_as)
    if parsed is not None:
        parsed.packed_on = document.packed_on
    return parsed


# A whole export given to the import, in the API's words, which name the pages' ways and
# the command line's; `on_the_page` and `on_the_command_line` say it in their own.
_MADE = "(Export everything, or `goodword export`)"
_BRING_BACK = "To bring all of it back, run"
_ON_THE_COMMAND_LINE = " on the command line"
_PEOPLE_EXPORT = (
    "To import people here, use a people export instead: a download under Take your people "
    "with you on the import page, or `goodword people export`."
)
_WHOLE_EXPORT_ON_THE_PAGE = {
    _MADE: "(Export everything)",
    # (The pages have no way to bring it back: the command line is the one.)
    _BRING_BACK: "The pages cannot bring a whole export back: run",
    _PEOPLE_EXPORT: "To import people here, use a people export instead: a download under "
    "Take your people with you, on this page.",
}
_WHOLE_EXPORT_ON_THE_COMMAND_LINE = {
    _MADE: "(`goodword export`)",
    f"`{_ON_THE_COMMAND_LINE} (it brings": "` (it brings",
    _PEOPLE_EXPORT: "To import people, use a people export instead: `goodword people export`.",
}


# How a report's note on phone numbers a spreadsheet rounded ends, and its words for a job
# to change or add by hand (`jobs.END_THE_JOB`, `jobs.CHANGE_THE_END`,
# `own_exports.ADD_THE_JOB`) and for birthdays read in the wrong order
# (`dateorder.CORRECT_BIRTHDAYS`), in the pages' words: a report is kept so, and the pages
# show it as kept; the API names its own routes (`in_the_api`) and the command line its
# own commands (`on_the_command_line`). No command adds a job to someone already here: the
# command line says where one can.
CORRECT_THE_NUMBERS = "or correct the numbers on the people's pages"
_BY_HAND_ON_THE_COMMAND_LINE = {
    CORRECT_THE_NUMBERS: "or give the right numbers with `goodword person edit PERSON_ID "
    "--phone` (each of the person's numbers: it replaces them all)",
    jobs.END_THE_JOB: "end the job with `goodword person job JOB_ID --past`",
    jobs.EDIT_THE_JOB: "make the job current with `goodword person job JOB_ID --current`",
    jobs.CHANGE_THE_END: "change the job's end with `goodword person job JOB_ID --end`",
    jobs.EDIT_THEIR_JOBS: "change their jobs with `goodword person job JOB_ID`",
    own_exports.ADD_THE_JOB: "add the job on the person's page in the web app (`goodword serve`)",
    dateorder.CORRECT_BIRTHDAYS: "correct those birthdays with "
    "`goodword person edit PERSON_ID --birthday`",
    dateorder.CORRECT_BIRTHDAYS_AND_ANNIVERSARIES: "correct those birthdays and anniversaries "
    "with `goodword person edit PERSON_ID --birthday` (an anniversary is in their notes: "
    "give the whole notes; --notes replaces them)",
}
# A PUT of a person replaces all their fields, so it is given the whole person.
_WHOLE_PERSON = "the whole person, as it replaces all their fields"
_BY_HAND_IN_THE_API = {
    CORRECT_THE_NUMBERS: f"or give the right numbers with `PUT {API_PREFIX}/people/PERSON_ID` "
    "(each of the person's numbers in its phones: it replaces them all)",
    jobs.END_THE_JOB: f"end the job with `PUT {API_PREFIX}/positions/JOB_ID` (is_current false)",
    jobs.EDIT_THE_JOB: "make the job current with "
    f"`PUT {API_PREFIX}/positions/JOB_ID` (is_current true)",
    jobs.CHANGE_THE_END: "change the job's end with "
    f"`PUT {API_PREFIX}/positions/JOB_ID` (end_date)",
    jobs.EDIT_THEIR_JOBS: f"change their jobs with `PUT {API_PREFIX}/positions/JOB_ID`",
    own_exports.ADD_THE_JOB: f"add the job with `POST {API_PREFIX}/people/PERSON_ID/positions`",
    dateorder.CORRECT_BIRTHDAYS: "correct those birthdays with "
    f"`PUT {API_PREFIX}/people/PERSON_ID` ({_WHOLE_PERSON}: its birthday corrected)",
    dateorder.CORRECT_BIRTHDAYS_AND_ANNIVERSARIES: "correct those birthdays and anniversaries "
    f"with `PUT {API_PREFIX}/people/PERSON_ID` ({_WHOLE_PERSON}: its birthday corrected, "
    "and its notes, which hold an anniversary)",
}


def on_the_page(message: str) -> str:
    """An import's message as the import page says it: its own pickers, typed map and
    downloads, and the command line where only it can (a whole export brought back)."""
    for said, there in _WHOLE_EXPORT_ON_THE_PAGE.items():
        message = message.replace(said, there)
    return column_map.on_the_page(message)


def in_the_api(message: str) -> str:
    """A kept report's note or row as the API says it: its routes, not the pages'."""
    for said, there in _BY_HAND_IN_THE_API.items():
        message = message.replace(said, there)
    return message


def on_the_command_line(message: str) -> str:
    """An import's message as the command line says it: its commands, not the pages'."""
    for said, there in (
        *_WHOLE_EXPORT_ON_THE_COMMAND_LINE.items(),
        *_BY_HAND_ON_THE_COMMAND_LINE.items(),
    ):
        message = message.replace(said, there)
    return column_map.on_the_command_line(message)


def _parse(document: Document, *, mapping: dict[str, list[str]] | None = None) -> Parsed | None:
    """Parse the document in its detected format.

    A file named on its own that is no known format is an error that says what was
    expected; a file inside an archive or folder that is none is passed over (None). A
    column map is for files named on their own: an archive's other files (a LinkedIn
    export's Learning.csv, say) are never read through it.
    """
    if vcard_text.looks_like_vcard(document.text):
        return vcard.parse(document)
    if own_exports.looks_like_people_json(document.text):
        return own_exports.parse_people_json(document)
    if _looks_like_whole_export(document.text):
        if document.member:
            return None
        name = document.name.rsplit("/", 1)[-1]
        raise ImportFileError(
            document.name,
            f"is a whole Goodword export {_MADE}: it holds every record, not only people, and "
            f"this import takes people only. {_BRING_BACK} `goodword import-json {name}`"
            f"{_ON_THE_COMMAND_LINE} (it brings in all of it, or nothing). {_PEOPLE_EXPORT}",
        )
    mapping = None if document.member else mapping
    table = read_table(document, known=signatures(mapping))
    if table is None:
        parser = None
    else:
        format_id, parser = _table_format(table, mapping)
        if parser is not None and format_id != "csv":
            # (A known export writes every column; a hand-made sheet may leave some out.)
            set_aside_split_rows(table)
    if parser is linkedin_messages.parse_messages and _assistant_chats(document):
        if document.member:
            return None  # (listed as not read, saying why: `linkedin.NOT_READ`)
        raise ImportFileError(
            document.name,
            "holds your chats with LinkedIn's own assistant, not conversations with people, "
            "so there is nothing in it to import. To import your messages, import "
            "messages.csv from the same archive (or the whole archive).",
        )
    if table is not None and parser is not None:
        if (
            document.member
            and parser is linkedin.parse_profile
            and len(linkedin.profile_rows(table)) > 1
        ):
            return None  # a list of people with Profile.csv's columns: no column map here
        parsed = parser(table)
        parsed.header_alone = header_alone(table)
        parsed.skipped += table.set_aside
        parsed.rows += len(table.set_aside)
        parsed.notes.extend(unread_repeats(table))
        if parsed.format in _ADDRESS_BOOKS:
            parsed.notes.extend(unread_columns(table))
        if mapping is not None and not document.member and parsed.format != "csv":
            parsed.notes.append(
                f"{document.name}: read as {parsed.label}, by its own columns; the column map "
                "was not used (it is for a CSV no format knows)."
            )
        return parsed
    if document.member:
        return None
    if table is None:
        raise ImportFileError(
            document.name,
            "is neither a CSV table, a vCard nor a Goodword export. "
            "Export your contacts as CSV or vCard and import that file.",
        )
    named = [h for h in table.headers if h.strip()]
    if _reads_as_writing(named):
        raise ImportFileError(
            document.name,
            "does not look like a table or an export: its first line reads as sentences, "
            "not column names. Import a CSV with column names on its first line, a vCard, "
            "an export from LinkedIn or your address book, or a Goodword export.",
        )
    more = f" and {len(named) - 12:,} more" if len(named) > 12 else ""
    found = ", ".join(named[:12]) + more if named else "none"
    raise ImportFileError(
        document.name,
        f"has columns no import recognises ({found}). {_nearest(table, document.text)}"
        f"For any other CSV, say which column holds what: {column_map.SAY_THE_COLUMNS} such as "
        "key=ID,given=First,family=Surname,email=E-mail,org=Company.",
    )


def _reads_as_writing(headers: Sequence[str]) -> bool:
    """Whether a "header" is a line of prose split at its commas (a message saved as .txt):
    it ends a sentence and its cells run to four words or more on average. (A survey's
    questions as column names are mostly shorter, beside Timestamp and Email Address.)

    >>> _reads_as_writing(["I came across your profile", " and I think you would fit."])
    True
    >>> _reads_as_writing(["Timestamp", "What is your name?", "Email Address", "Anything else?"])
    False
    """
    if not headers or not headers[-1].rstrip().endswith((".", "!", "?")):
        return False
    return sum(len(h.split()) for h in headers) / len(headers) >= 4


def _assistant_chats(document: Document) -> bool:
    """Whether the file is your chats with LinkedIn's own assistant (guide_messages.csv),
    which has messages.csv's columns: told by its name, as nothing in it differs."""
    return document.name.replace("\\", "/").rsplit("/", 1)[-1].lower() in (linkedin.ASSISTANT_CHATS)


# The formats whose every column with something in it is read or named as not read (an
# address book's export: a LinkedIn file's columns are all read or none of a contact's).
_ADDRESS_BOOKS = frozenset({"outlook-contacts", "thunderbird-contacts", "google-contacts"})

_NAME_COLUMNS = {"first name", "last name", "given name", "family name"}


# Said of a file of column names alone when nothing else came with it (LinkedIn writes such
# files for what you have none of: beside others, they are only counted).
HEADER_ALONE = (
    "has its column names but no rows below them, so there is nothing in it to import. If "
    "it should hold more, export it again from where it came."
)


def header_alone(table: Table) -> bool:
    """Whether the table is its column names alone (blank lines below them at most)."""
    return not table.set_aside and not any(any(map(str.strip, cells)) for _, cells in table.rows)


def _looks_like_whole_export(text: str) -> bool:
    """Goodword's whole-workspace export (`goodword export`, the web's Export everything),
    read back by `import-json`."""
    head = text.lstrip()[:200]
    return head.startswith("{") and '"goodword-export"' in head


def _nearest(table: Table, text: str) -> str:
    """Which known file the header nearly is (its missing column), or what Goodword reads.

    Only a close match is named: all of a signature's columns but one, two of those
    present more than a name ("First Name" and "Last Name" are in every contacts file), and
    the file no wider than the signature and a few more (a file of many other columns is
    some other program's, not a renamed export). A LinkedIn file is named only when the
    file shows it came from LinkedIn: a CRM list of First Name, Last Name, Company and
    Position is no broken Connections.csv.
    """
    keys = set(table.index)
    best = max(TABLE_FORMATS, key=lambda known: len(known[1] & keys))
    format_id, signature, _parse = best
    missing = sorted(signature - keys)
    telling = signature & keys - _NAME_COLUMNS
    if (
        len(missing) == 1
        and len(telling) >= 2
        and len(keys) <= len(signature) + 6
        and (not format_id.startswith("linkedin-") or _came_from_linkedin(table, text))
    ):
        return (
            f"It looks like {LABELS[format_id]}, but has no '{missing[0].title()}' column "
            "(a spreadsheet may have renamed it): put the column back as it was exported. "
        )
    return (
        "Goodword reads LinkedIn's export files, Google Contacts CSV (either form), Outlook "
        "contacts CSV, Thunderbird address book CSV, vCards and its own exports, each by the "
        "columns it was exported with (Outlook's in English). " + _map_for_another_language(table)
    )


# Column names of an address book exported in another language (Outlook names its columns
# in the language it is set to), by the field they map to.
_NAMES_ELSEWHERE = {
    "given": ("vorname", "prénom", "prenom", "nombre", "voornaam", "nome", "förnamn"),
    "family": ("nachname", "nom", "nom de famille", "apellidos", "achternaam", "cognome",
               "efternamn"),
    "org": ("firma", "société", "societe", "organización", "empresa", "compañía", "compania",
            "bedrijf", "società"),
}  # fmt: skip
# Words of an e-mail address column's name in those languages (Outlook's "Adresse de
# messagerie", Thunderbird's "Adresse électronique principale", "Dirección de correo
# electrónico", "Indirizzo posta elettronica", "E-postadress").
_MAIL_WORDS = ("mail", "messagerie", "courriel", "électronique", "electronique", "correo",
               "posta elettronica", "e-post")  # fmt: skip


def _map_for_another_language(table: Table) -> str:
    """A column map to offer for a contacts file whose names and e-mail columns are named
    in another language ("Vorname", "Nachname", "E-Mail-Adresse"), else ""."""
    named = {header_key(h): h for h in table.headers if h.strip()}
    found = {
        field: next((named[n] for n in names if n in named), None)
        for field, names in _NAMES_ELSEWHERE.items()
    }
    email = next(
        (h for k, h in named.items() if any(w in k for w in _MAIL_WORDS) and "typ" not in k),
        None,
    )
    if not (found["given"] and found["family"] and email):
        return ""
    given, family, org = found["given"], found["family"], found["org"]
    mapping = f"given={given},family={family},email={email}" + (f",org={org}" if org else "")
    return f"Its columns look like a contacts export in another language; map them: {mapping}. "


# Columns only LinkedIn's export files have. "Company", "Position", "URL" and "Email
# Address" are in many other lists (a CRM's, Mailchimp's), so they tell nothing alone.
_LINKEDIN_ONLY = frozenset(
    {
        "connected on",
        "conversation id",
        "conversation title",
        "sender profile url",
        "recipient profile urls",
        "is message draft",
        "inviterprofileurl",
        "inviteeprofileurl",
        "started on",
        "finished on",
    }
)


def _came_from_linkedin(table: Table, text: str) -> bool:
    """Whether the file shows it is LinkedIn's: a column only LinkedIn writes, the "Notes:"
    lines LinkedIn puts above Connections.csv's header, or LinkedIn profile addresses
    (linkedin.com/in/...) in a column named URL, as Connections.csv has them."""
    if _LINKEDIN_ONLY & set(table.index):
        return True
    if text.lstrip("\ufeff \t\r\n").lower().startswith("notes:"):
        return True
    url = table.index.get("url")
    return url is not None and any(
        "linkedin.com/in/" in cell(table, row, url).lower() for _line, row in table.rows
    )
