"""LinkedIn's data archive: connections, profile, positions, e-mail addresses and
recommendations (messages and invitations: `linkedin_messages`). Columns are found by
header name, never by position."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date

from goodword.importers import dateorder
from goodword.importers.cleaning import (
    clean_name,
    clean_organization,
    looks_like_email,
    name_as_keyed,
    profile_url,
)
from goodword.importers.column_map import SAY_THE_COLUMNS
from goodword.importers.dates import parse_date, parse_datetime, parse_job_date, read_birthday
from goodword.importers.records import (
    REFERENCE_TAG,
    ImportFileError,
    IncomingPerson,
    IncomingPosition,
    Labeled,
    Parsed,
    Role,
    Skipped,
)
from goodword.importers.tables import Table, cell, cells_getter, row_getter
from goodword.records import shown

SOURCE = "linkedin"


def digest(*parts: str) -> str:
    """A short hash of the parts, for a record's id."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]


def linkedin_url(raw: str) -> str | None:
    """The LinkedIn profile address a cell gives; None for anything else."""
    if not raw:
        return None
    try:
        url, kind = profile_url(raw)
    except ValueError:
        return None
    return url if kind == "linkedin" else None


def _person(table: Table, line: int, first: str, last: str, **fields: object) -> IncomingPerson:
    given, family, notes = clean_name(first, last)
    person = IncomingPerson(
        source=SOURCE, file_name=table.name, line=line, given_name=given or None,
        family_name=family or None, **fields,  # type: ignore[arg-type]
    )  # fmt: skip
    if notes:
        person.notes = "\n".join(notes)
        person.keyed_name = name_as_keyed(first, last, notes)
    return person


def _name_key(name: str, connected_on: date | None) -> str:
    """The key of a connection without a profile address or member id."""
    return f"name:{name.casefold()}|{connected_on or ''}"


# How LinkedIn's older exports write a date and time, month first ("1/8/18, 6:14 PM"); a
# spreadsheet that reads and saves it again writes it without the comma and the AM or PM.
_AS_LINKEDIN_WROTE = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} ?[AP]M\s*", re.I)


def date_order(parsed: Parsed, dates: list[tuple[int, str]], column: str) -> dateorder.DateOrder:
    """The one order the file's numeric dates are read in; a note when it was assumed (not
    for dates all as LinkedIn wrote them: those are month first)."""
    settled = dateorder.settle(parsed.file_name, dates, column=column)
    example = settled.example
    read_as = dateorder.read_date(example[1], settled.order) if example else None
    note = dateorder.note(parsed.file_name, settled, read_as=read_as)
    as_written = all(_AS_LINKEDIN_WROTE.fullmatch(text) for _line, text in dates if text.strip())
    if note and not (as_written and settled.order is dateorder.DateOrder.MONTH_FIRST):
        parsed.notes.append(note)
    return settled.order


# What a Connections.csv is read as, in the report and in the kept import's list of files
# (which a scan reads: `importers/listings.py`).
CONNECTIONS_LABEL = "LinkedIn connections"


def parse_connections(table: Table) -> Parsed:
    """Connections.csv, old and new shapes: each row a person the user is connected to."""
    parsed = Parsed(table.name, "linkedin-connections", CONNECTIONS_LABEL)
    get_cells = cells_getter(
        table,
        [
            table.getter("first name"),
            table.getter("last name"),
            table.getter("url", "profile url"),
            table.getter("email address"),
            table.getter("company"),
            table.getter("position"),
            table.getter("connected on"),
        ],
    )
    rows = [(line, get_cells(row)) for line, row in table.rows]
    order = date_order(parsed, [(line, values[6]) for line, values in rows], "Connected On")
    other_order = (
        dateorder.DateOrder.MONTH_FIRST
        if order is dateorder.DateOrder.DAY_FIRST
        else dateorder.DateOrder.DAY_FIRST
    )
    seen: dict[str, int] = {}
    seen_otherwise: dict[str, int] = {}
    for line, values in rows:
        parsed.rows += 1
        raw_first, raw_last, raw_url, raw_email, org, job, raw_connected = values
        # A date alone (Connected On) is still an empty row.
        if not any(values[:6]):
            parsed.skipped.append(
                Skipped(
                    table.name, line, "an empty row (LinkedIn leaves these for deleted accounts)"
                )
            )
            continue
        person = _person(table, line, raw_first, raw_last)
        if not person.given_name and not person.family_name:
            parsed.skipped.append(Skipped(table.name, line, "a connection without a name"))
            continue
        if (person.family_name or "").casefold() == "member" and " ".join(
            person.name.casefold().split()
        ) == "linkedin member":
            parsed.skipped.append(
                Skipped(
                    table.name,
                    line,
                    "a hidden account (LinkedIn shows it as 'LinkedIn Member'), not a name",
                )
            )
            continue
        person.linkedin_connection = True
        person.connected_on = dateorder.read_date(raw_connected, order)
        otherwise = dateorder.read_date(raw_connected, other_order)
        if otherwise != person.connected_on:
            person.connected_on_otherwise = otherwise
        if raw_connected and person.connected_on is None:
            person.warnings.append(
                f"connected on '{raw_connected}' is not a date Goodword reads; not kept"
            )
        url = linkedin_url(raw_url)
        if url:
            person.urls.append(Labeled(url, "LinkedIn"))
        elif raw_url:
            person.warnings.append(
                f"'{shown(raw_url)}' is not a LinkedIn profile address; not kept"
            )
        if raw_email.lower().startswith("urn:li:"):
            # A member id, not an address: still a stable key for this connection.
            person.key = raw_email
        elif raw_email and looks_like_email(raw_email):
            person.emails.append(Labeled(raw_email))
        elif raw_email:
            person.warnings.append(f"'{shown(raw_email)}' is not an e-mail address; not kept")
        if org:
            person.positions.append(IncomingPosition(clean_organization(org), job or None))
        elif job:
            # A freelancer, someone between jobs, a company kept hidden: a title alone.
            person.notes = "\n".join(p for p in (person.notes, f"Job title: {job}") if p)
            person.title_alone = job
        key = url or person.key
        if key and person.connected_on is not None:
            # The same connection in an older archive, whose rows had no profile link, was
            # kept by its name and the day you connected.
            person.former_keys.append(_name_key(person.key_name, person.connected_on))
        if not key:
            key = _name_key(person.key_name, person.connected_on)
            # Read in the other order (by earlier code, or when nothing in the file proved
            # its order), the date made another key: the record may be known by that one.
            read_then = person.connected_on_otherwise or person.connected_on
            former = _name_key(person.key_name, read_then)
            times = seen_otherwise[former] = seen_otherwise.get(former, 0) + 1
            if person.connected_on_otherwise is not None:
                person.former_keys.append(former if times == 1 else f"{former}#{times}")
        count = seen[key] = seen.get(key, 0) + 1
        person.key = key if count == 1 else f"{key}#{count}"
        parsed.people.append(person)
    return parsed


# The keys of your own records, one for each file (each is compared with what it said the
# last time on its own: "what you took off stays off").
PROFILE_KEY = "profile"
POSITIONS_KEY = "profile:positions"
EMAILS_KEY = "profile:emails"
PHONES_KEY = "profile:phones"


def connection_source(source: str, key: str | None) -> bool:
    """Whether a person's source record is a LinkedIn connection (not your own profile's
    records, nor a recommendation)."""
    return source == SOURCE and not (key or "profile").startswith(("profile", "recommendation "))


# Files of LinkedIn's archive that hold people or your search but are not read, and why, as
# the report lists them (by their name in the archive, lower case).
NOT_READ = {
    "contacts.csv": "not read: LinkedIn's copy of an address book you synced with it; import "
    "that address book itself (Google Contacts, your phone's vCard), which holds more",
    "imported contacts.csv": "not read: LinkedIn's copy of an address book you synced with "
    "it; import that address book itself (Google Contacts, your phone's vCard)",
    "endorsement_received_info.csv": "not read: endorsements (who vouched for which skill)",
    "endorsement_given_info.csv": "not read: endorsements (who vouched for which skill)",
    "job applications.csv": "not read: your applications on LinkedIn (add the ones you "
    "follow up as opportunities)",
    "saved jobs.csv": "not read: jobs you saved on LinkedIn",
}
# Your chats with LinkedIn's own assistants (its job-search guide, its Learning coach), which
# LinkedIn writes with messages.csv's columns: only the name tells them from it, and read as
# messages they would make the assistant someone you talked with.
ASSISTANT_CHATS = frozenset(
    {
        "guide_messages.csv",
        "coach_messages.csv",
        "learning_coach_messages.csv",
        "learning_role_play_messages.csv",
        "learningcoachmessages.csv",
    }
)
NOT_READ |= dict.fromkeys(
    ASSISTANT_CHATS,
    "not read: your chats with LinkedIn's own assistant, not conversations with people",
)


def profile_rows(table: Table) -> list[tuple[int, list[str]]]:
    """The rows of a Profile.csv-shaped table that hold something (LinkedIn's holds one)."""
    return [(line, row) for line, row in table.rows if any(v.strip() for v in row)]


def parse_profile(table: Table) -> Parsed:
    """Profile.csv: the user themself, its one row. A table of its columns with more rows
    is a list of people (speakers, say), never read as you."""
    parsed = Parsed(table.name, "linkedin-profile", "LinkedIn profile")
    rows = profile_rows(table)
    if len(rows) > 1:
        raise ImportFileError(
            table.name,
            f"has the columns of LinkedIn's Profile.csv (First Name, Last Name, Headline) "
            f"but {len(rows)} people in it, and LinkedIn's holds one row: yours. Nothing was "
            "imported. To import a list of people, say which column holds what: "
            f"{SAY_THE_COLUMNS} such as given=First Name,family=Last Name,notes=Headline.",
        )
    for line, row in rows[:1]:
        parsed.rows += 1
        get = row_getter(table, row)
        person = _person(table, line, get("first name"), get("last name"), role=Role.ME)
        person.key = PROFILE_KEY
        person.location = get("geo location", "location") or None
        birthday = get("birth date")
        unkept: list[str] = []  # a birthday not kept, for the notes
        born = read_birthday(birthday, parse_date(birthday), unkept)
        person.birthday, person.birthday_no_year, why = born
        if why:
            person.warnings.append(why)
        headline, summary = get("headline"), get("summary")
        kept = (person.notes, headline, summary, *unkept)
        person.notes = "\n\n".join(p for p in kept if p) or None
        # Websites reads like "[PORTFOLIO:alice.example.org,BLOG:https://...]".
        for item in get("websites").strip("[]").split(","):
            label, _, address = item.strip().partition(":")
            if address.startswith("//"):
                label, address = "", item.strip()
            if not address:
                label, address = "", label
            try:
                url, _kind = profile_url(address.strip())
            except ValueError:
                continue
            person.urls.append(Labeled(url, label.strip().capitalize() or None))
        own_profile = linkedin_url(get("public profile url", "profile url", "url"))
        if own_profile:
            person.urls.append(Labeled(own_profile, "LinkedIn"))
        parsed.people.append(person)
    return parsed


def parse_positions(table: Table) -> Parsed:
    """Positions.csv: the user's own career."""
    parsed = Parsed(table.name, "linkedin-positions", "LinkedIn positions (your career)")
    first = table.rows[0][0] if table.rows else 1
    me = IncomingPerson(
        source=SOURCE, file_name=table.name, line=first, role=Role.ME, key=POSITIONS_KEY
    )
    for line, row in table.rows:
        parsed.rows += 1
        org = clean_organization(cell(table, row, table.getter("company name", "company")))
        if not org:
            parsed.skipped.append(Skipped(table.name, line, "a position without a company"))
            continue
        finished = cell(table, row, table.getter("finished on", "end date"))
        # ("Jan 2020": LinkedIn gives a job's month, kept as the month, `job_dates`.)
        start, start_precision = parse_job_date(
            cell(table, row, table.getter("started on", "start date"))
        )
        end, end_precision = parse_job_date(finished)
        me.positions.append(
            IncomingPosition(
                organization=org,
                title=cell(table, row, table.getter("title")) or None,
                start_date=start,
                end_date=end,
                is_current=not finished,
                start_precision=start_precision,
                end_precision=end_precision,
            )
        )
    if me.positions:
        parsed.people.append(me)
    return parsed


def parse_emails(table: Table) -> Parsed:
    """Email Addresses.csv: the user's own addresses."""
    parsed = Parsed(table.name, "linkedin-emails", "LinkedIn e-mail addresses (yours)")
    first = table.rows[0][0] if table.rows else 1
    me = IncomingPerson(
        source=SOURCE, file_name=table.name, line=first, role=Role.ME, key=EMAILS_KEY
    )
    for line, row in table.rows:
        parsed.rows += 1
        address = cell(table, row, table.getter("email address"))
        if looks_like_email(address):
            me.emails.append(Labeled(address))
        else:
            parsed.skipped.append(
                Skipped(table.name, line, f"'{shown(address)}' is not an address")
            )
    if me.emails:
        parsed.people.append(me)
    return parsed


def parse_phones(table: Table) -> Parsed:
    """PhoneNumbers.csv: the user's own numbers (with an extension when it gives one)."""
    parsed = Parsed(table.name, "linkedin-phones", "LinkedIn phone numbers (yours)")
    first = table.rows[0][0] if table.rows else 1
    me = IncomingPerson(
        source=SOURCE, file_name=table.name, line=first, role=Role.ME, key=PHONES_KEY
    )
    for line, row in table.rows:
        parsed.rows += 1
        number = cell(table, row, table.getter("number"))
        extension = cell(table, row, table.getter("extension"))
        if not any(c.isdigit() for c in number):
            parsed.skipped.append(
                Skipped(table.name, line, f"'{shown(number)}' is not a phone number")
            )
            continue
        label = cell(table, row, table.getter("type")).capitalize() or None
        me.phones.append(Labeled(f"{number} ext. {extension}" if extension else number, label))
    if me.phones:
        parsed.people.append(me)
    return parsed


def parse_recommendations(table: Table) -> Parsed:
    """Recommendations given or received: flag those people as candidate references, with
    each recommendation in their notes.

    The Company and Job Title are the person's when the recommendation was written, not
    now, and not known to have ended: they go with it into the notes, not into their jobs.
    """
    parsed = Parsed(table.name, "linkedin-recommendations", "LinkedIn recommendations")
    created = table.getter("creation date")
    order = date_order(
        parsed, [(line, cell(table, row, created)) for line, row in table.rows], "Creation Date"
    )
    name = table.name.casefold()
    kind = "received" if "received" in name else "given" if "given" in name else "written"
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        person = _person(table, line, get("first name"), get("last name"), role=Role.FLAG)
        if not person.name:
            parsed.skipped.append(Skipped(table.name, line, "a recommendation without a name"))
            continue
        person.tags.append(REFERENCE_TAG)
        written = parse_datetime(dateorder.month_first(get("creation date"), order))
        when = f" on {written.day} {written:%b %Y}" if written else ""
        if get("creation date") and written is None:
            when = f" on {get('creation date')}"
        job, org = get("job title"), clean_organization(get("company"))
        then = " at ".join(p for p in (job, org) if p)
        heading = f"Recommendation {kind}{when}" + (f" (then {then})" if then else "")
        text = get("text")
        note = f"{heading}:\n{text}" if text else heading
        person.notes = "\n\n".join(p for p in (person.notes, note) if p)
        # Each recommendation a record of its own (one person may have given you one and
        # received another), known by its kind, date and text, not by the name, which the
        # person may change; before, by the name alone (migration 0018 gave such a row its
        # kind: found by that key).
        dated = written.date().isoformat() if written else get("creation date") or "undated"
        key = f"recommendation {kind} {dated} " + digest(" ".join(text.split()))[:12]
        count = seen[key] = seen.get(key, 0) + 1
        person.key = key if count == 1 else f"{key}#{count}"
        named = f"name:{person.key_name.casefold()}|recommendation {kind}"
        # (And by the name, kind and date, as this version's first days kept it.)
        person.former_keys += [named, f"{named} {dated}"]
        parsed.people.append(person)
    return parsed


# Header signatures (lower-cased) that identify each file, most specific first.
TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    (
        "linkedin-connections",
        frozenset({"first name", "last name", "company", "position", "connected on"}),
        parse_connections,
    ),
    (
        "linkedin-recommendations",
        frozenset({"first name", "last name", "text", "creation date"}),
        parse_recommendations,
    ),
    ("linkedin-profile", frozenset({"first name", "last name", "headline"}), parse_profile),
    ("linkedin-positions", frozenset({"company name", "title", "started on"}), parse_positions),
    ("linkedin-emails", frozenset({"email address", "confirmed", "primary"}), parse_emails),
    ("linkedin-phones", frozenset({"extension", "number", "type"}), parse_phones),
]
