"""Plain records every format parses into, before anything touches the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from hashlib import blake2b
from typing import Any

from goodword.errors import GoodwordError
from goodword.interactions.models import Direction, InteractionKind

REFERENCE_TAG = "reference candidate"


class ImportFileError(GoodwordError):
    """A file that cannot be imported; the message names the file (and line) and the fix."""

    status_code = 422
    exit_code = 2
    code = "bad_import_file"

    def __init__(self, file_name: str, problem: str, *, line: int | None = None) -> None:
        where = f"{file_name}, line {line}" if line else file_name
        super().__init__(f"{where}: {problem}")
        self.file_name = file_name
        self.line = line

    def to_dict(self) -> dict[str, object]:
        """The API's error shape, with the file and line apart too (for a program)."""
        shape = super().to_dict()
        error = shape["error"]
        assert isinstance(error, dict)
        error.update(file=self.file_name, line=self.line)
        return shape


class ImportStopped(GoodwordError):
    """The import was stopped before it was saved, by the user or because the server was
    shutting down: it rolls back, saving nothing."""

    status_code = 409
    exit_code = 3
    code = "import_stopped"

    def __init__(self, *, shut_down: bool = False) -> None:
        super().__init__(
            "Goodword was shut down while importing, so nothing of it was saved. Import the "
            "files again once Goodword is running."
            if shut_down
            else "You stopped the import, so nothing of it was saved."
        )


class Role(StrEnum):
    """What an incoming person record is for."""

    CONTACT = "contact"
    # The user: Profile.csv, Positions.csv, Email Addresses.csv.
    ME = "me"
    # Only to flag someone (recommendations): found by name if possible, else added.
    FLAG = "flag"


class LineWarning(str):
    """A warning about one part of a record that has a line of its own (a vCard property),
    so the report cites that line rather than the line the record starts on. It is the
    warning's text to everything else."""

    line: int

    def __new__(cls, text: str, line: int) -> LineWarning:
        made = super().__new__(cls, text)
        made.line = line
        return made

    def __getnewargs__(self) -> tuple[str, int]:  # type: ignore[override]
        return str(self), self.line


@dataclass(frozen=True, slots=True)
class EarlierSource:
    """A source record that Goodword's people JSON says its person came from (a LinkedIn
    row, a card): a restore keeps it again, so importing that file later finds the person
    by it, unchanged, as the database the export came from would."""

    source: str
    file_name: str | None
    key: str
    imported_at: datetime | None
    fingerprint: int | None
    # For a record an import had matched to the person: what it held and added
    # (`matched.Matched`, organizations by name), checked when read.
    matched: dict[str, Any] | None = None
    # The line of its file it was first read from.
    line: int | None = None


@dataclass(slots=True)
class Labeled:
    """A value with its label as the source wrote it (work, home, mobile ...), and the line
    it is on where that is not the line its record starts on (a vCard property's), for the
    report's notes about it."""

    value: str
    label: str | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(slots=True)
class IncomingPosition:
    organization: str
    title: str | None = None
    department: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    is_current: bool = True
    # "month" or "year" where the source gave only that much of the date (`people.job_dates`).
    start_precision: str | None = None
    end_precision: str | None = None


# The parts before the "@" of addresses an organization keeps for itself, not a person's.
ROLE_ADDRESSES = frozenset({
    "info", "contact", "contacts", "hello", "office", "admin", "reception", "frontdesk",
    "front.desk", "front-desk", "enquiries", "inquiries", "enquiry", "inquiry", "sales",
    "support", "team", "hr", "jobs", "careers", "recruiting", "billing", "accounts",
    "press", "help", "mail", "service", "customerservice", "bookings", "general",
})  # fmt: skip


@dataclass(slots=True)
class IncomingPerson:
    """One person as a source describes them; `line` is where the record starts."""

    source: str
    file_name: str
    line: int
    # The source's own id for the record (a profile URL, a UID, a CSV key column).
    key: str | None = None
    role: Role = Role.CONTACT
    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    emails: list[Labeled] = field(default_factory=list)
    phones: list[Labeled] = field(default_factory=list)
    urls: list[Labeled] = field(default_factory=list)
    positions: list[IncomingPosition] = field(default_factory=list)
    location: str | None = None
    birthday: date | None = None
    birthday_no_year: str | None = None  # "--04-12": a birthday without its year
    notes: str | None = None
    how_we_met: str | None = None
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    # How often to keep in touch, in days (0: no reminders); only Goodword's own exports
    # say it.
    keep_in_touch_days: int | None = None
    # Goodword's own JSON export says this is the user (taken when the workspace has no one
    # marked as the user yet).
    says_me: bool = False
    # A LinkedIn connection: the user and this person are connected (since this day).
    linkedin_connection: bool = False
    connected_on: date | None = None
    # Which Connections.csv of the import listed the connection (numbered in the order the
    # files were read): LinkedIn lists each connection once in one, so two of its rows with
    # two profiles are two members, never compared. Not part of what the record says.
    listed_in: int | None = None
    # The title a LinkedIn connection's row gives with no company (a freelancer, someone
    # between jobs, a company kept hidden), which its notes keep as "Job title: ...": what
    # they do now. Not part of what the record says beyond those notes.
    title_alone: str | None = None
    # The day Connected On reads as in the other date order, when its text allows both (an
    # earlier import may have read it so), and the keys the record had then; neither is
    # part of what the record says.
    connected_on_otherwise: date | None = None
    former_keys: list[str] = field(default_factory=list)
    # Read from a file older than one of its kind imported before (`older_files`): applied
    # as a record that is no newer copy, so it undoes nothing a newer file did. Not part of
    # what the record says.
    older_copy: bool = False
    # The note lines a card's RELATED gave ("Spouse: Jane Doe"): one renamed at the source
    # changes its line (`SaidThen.lines_then`). Not part of what the record says beyond them.
    relations: list[str] = field(default_factory=list)
    # The name as a key is made of it when a headline was taken out of it ("Jane Doe | Product
    # Leader"): keys made before headlines were taken out stay the same, and two records
    # told apart only by theirs keep keys of their own. Not part of what the record says.
    keyed_name: str | None = None
    # A note's lines under a column's name (a mapped CSV's "Met at: Acme") -> the line as
    # written without it ("Acme"), as one column alone keeps it and as versions before
    # the names were kept wrote it: notes that hold that line hold this one. Not part of
    # what the record says.
    note_labels: dict[str, str] = field(default_factory=dict)
    # Where Goodword's own JSON export says the person came from besides it (not part of
    # what the record says: like the file and line, no part of the fingerprint).
    earlier_sources: list[EarlierSource] = field(default_factory=list)
    # Things read but not kept (a member id in the e-mail column, a year-less birthday ...);
    # a `LineWarning` names a line of its own.
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        parts = [p for p in (self.given_name, self.family_name) if p]
        return self.display_name or " ".join(parts)

    @property
    def key_name(self) -> str:
        """The name a key made from the name is made of (`keyed_name`, else `name`)."""
        return self.keyed_name or self.name

    def held(self) -> str:
        """What the record holds, in words ("2 positions"), as a record of the user's own
        that cannot be placed is reported."""
        parts = []
        for count, one, many in (
            (len(self.positions), "position", "positions"),
            (len(self.emails), "e-mail address", "e-mail addresses"),
            (len(self.phones), "phone number", "phone numbers"),
            (len(self.urls), "web address", "web addresses"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return ", ".join(parts) or "no details"

    def known_by(self, email_first: bool = False) -> str | None:
        """What a record that gives no name is shown as, as an address book shows it: its
        organization (a business is named after itself), else its first e-mail address,
        else its first phone number; None when it has none of them. With `email_first`,
        the address comes before the organization (a CRM's row is a person's), unless it is
        an organization's own ("frontdesk@acme.example", `ROLE_ADDRESSES`): that row is
        the company's contact.

        >>> row = IncomingPerson("csv", "crm.csv", 2, emails=[Labeled("info@acme.example")],
        ...                      positions=[IncomingPosition("Acme Robotics")])
        >>> row.known_by(email_first=True)
        'Acme Robotics'
        """
        organizations = [p.organization for p in self.positions]
        emails = [e.value for e in self.emails]
        person_first = email_first and not (
            emails and emails[0].partition("@")[0].casefold() in ROLE_ADDRESSES
        )
        known = [*emails, *organizations] if person_first else [*organizations, *emails]
        return next(iter([*known, *(p.value for p in self.phones)]), None)

    def fingerprint(self) -> int:
        """A digest (64 bits, signed) of everything the record says about the person and
        nothing about where it was found (file, line, warnings), so a re-import can tell a
        record unchanged at its source from one that changed. Kept with its provenance.

        Built from the values as text (each list preceded by its length), so equal records
        give equal fingerprints in any process. (Not `marshal`: its bytes depend on how
        many references each string has and whether it is interned.)
        """
        parts: list[object] = [
            self.role, self.display_name, self.given_name, self.family_name, self.location,
            self.birthday, self.notes, self.how_we_met, self.linkedin_connection,
            self.connected_on, *(("me",) if self.says_me else ()),
        ]  # fmt: skip
        if self.keep_in_touch_days is not None:
            # (Only when said, so the fingerprints kept before it was read stay the same.)
            parts += ("keep in touch", self.keep_in_touch_days)
        if self.birthday_no_year:
            parts += ("birthday without a year", self.birthday_no_year)  # (so too)
        for group in (self.emails, self.phones, self.urls):
            parts.append(len(group))
            for item in group:
                parts += (item.value, item.label)
        parts.append(len(self.positions))
        for p in self.positions:
            parts += (p.organization, p.title, p.department, p.start_date, p.end_date,
                      p.is_current)  # fmt: skip
            if p.start_precision or p.end_precision:  # (only when said, as above)
                parts += ("precision", p.start_precision, p.end_precision)
        parts.append(len(self.tags))
        parts += self.tags
        parts += self.interests
        text = "\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")
        return int.from_bytes(blake2b(text, digest_size=8).digest(), "big", signed=True)


@dataclass(slots=True)
class PersonRef:
    """Someone a message or invitation names: by LinkedIn profile, by name, or both."""

    name: str | None = None
    url: str | None = None


@dataclass(slots=True)
class IncomingInteraction:
    """A message or invitation; direction is settled once the user's own profile is known."""

    source: str
    file_name: str
    line: int
    external_id: str
    occurred_at: datetime
    kind: InteractionKind
    summary: str
    sender: PersonRef
    recipients: list[PersonRef]
    # What the file says, when it says it (the old messages shape has a Direction column).
    direction: Direction | None = None
    # The id an earlier version gave it (from the names and date as written), by which an
    # earlier import may hold it.
    former_id: str | None = None


@dataclass(slots=True)
class Skipped:
    """A row or record that was read but not imported, and why."""

    file_name: str
    line: int | None
    reason: str
    # Who the row names, when it names someone (a row that cannot be read may still).
    name: str = ""


@dataclass
class Parsed:
    """What one file yielded."""

    file_name: str
    format: str
    label: str
    people: list[IncomingPerson] = field(default_factory=list)
    interactions: list[IncomingInteraction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    rows: int = 0
    # What the report should say about the file as a whole (how its dates were read ...).
    notes: list[str] = field(default_factory=list)
    # A table of column names alone (blank lines below them at most).
    header_alone: bool = False
    # The day its archive packed it (`Document.packed_on`), when it came in a ZIP.
    packed_on: date | None = None


@dataclass(frozen=True)
class Upload:
    """A file given as bytes (a web upload) rather than a path."""

    name: str
    data: bytes
