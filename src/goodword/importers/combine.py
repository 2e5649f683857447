"""Fold an import's records about one person into the values written for them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from goodword.importers.bulk import cut
from goodword.importers.cleaning import profile_url, rounded_by_spreadsheet
from goodword.importers.records import IncomingPerson, IncomingPosition, LineWarning
from goodword.importers.state import phone_form, phone_key
from goodword.organizations.names import organization_key
from goodword.people import normalize
from goodword.people.schemas import NOTES_MAX
from goodword.records import clean_list, shown, unify_line_breaks


@dataclass
class Combined:
    """Several records about one person, folded together (first value wins, lists join)."""

    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    emails: dict[str, str | None] = field(default_factory=dict)
    phones: dict[str, str | None] = field(default_factory=dict)
    urls: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    positions: list[IncomingPosition] = field(default_factory=list)
    location: str | None = None
    birthday: date | None = None
    birthday_no_year: str | None = None  # only without `birthday`
    notes: list[str] = field(default_factory=list)
    how_we_met: str | None = None
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    keep_in_touch_days: int | None = None
    # A note's lines under a column's name -> as written without it
    # (`IncomingPerson.note_labels`).
    note_labels: dict[str, str] = field(default_factory=dict)


def _fit(text: str | None, length: int, what: str, warnings: list[str]) -> str | None:
    """The text cut to the column's length, saying so when something is cut."""
    fitted = cut(text, length)
    if fitted is not None and text is not None and len(fitted) < len(text.strip()):
        warnings.append(f"the {what} is longer than {length:,} characters; cut to fit")
    return fitted


def combine(records: Iterable[IncomingPerson], region: str, today: date) -> Combined:
    """Fold the records into one person's values, as `Combined` says; what cannot be kept
    whole (a value too long, an address that is not one) is said in the record's warnings."""
    out = Combined()
    seen_positions: dict[tuple[str, str | None, date | None, date | None], int] = {}
    for record in records:
        if not (out.given_name or out.family_name or out.display_name):
            out.given_name = _fit(record.given_name, 100, "given name", record.warnings)
            out.family_name = _fit(record.family_name, 100, "family name", record.warnings)
            out.display_name = _fit(record.display_name, 200, "name", record.warnings)
        for email in record.emails:
            address = normalize.email(email.value)
            if len(address) <= 320:
                out.emails.setdefault(address, normalize.email_label(cut(email.label, 50)))
            else:
                record.warnings.append(f"an e-mail address of {len(address)} characters; not kept")
        for phone in record.phones:
            number = phone_form(phone.value, region)
            # One that cannot be read is kept as written, to be dialled by hand (a number a
            # spreadsheet rounded is said of apart).
            unread = number and phone_key(phone.value, region) is None
            if unread and not rounded_by_spreadsheet(number):
                said = (
                    f"'{shown(number)}' could not be read as a phone number (is its "
                    "country code missing?); kept as written"
                )
                record.warnings.append(LineWarning(said, phone.line) if phone.line else said)
            if number:
                out.phones.setdefault(number, normalize.phone_label(cut(phone.label, 50)))
        for url in record.urls:
            try:
                value, kind = profile_url(url.value)
            except ValueError:
                record.warnings.append(f"'{shown(url.value)}' is not a web address; not kept")
                continue
            if len(value) <= 500:
                out.urls.setdefault(value, (kind, normalize.url_label(cut(url.label, 50))))
            else:
                record.warnings.append(
                    f"a web address of {len(value)} characters (more than 500); not kept"
                )
        for position in record.positions:
            _fit(position.title, 200, "job title", record.warnings)
            _fit(position.organization, 200, "organization", record.warnings)
            key = (
                organization_key(position.organization),
                position.title,
                position.start_date,
                position.end_date,
            )
            if not key[0]:
                continue
            if key not in seen_positions:
                seen_positions[key] = len(out.positions)
                out.positions.append(position)
            elif position.department and not out.positions[seen_positions[key]].department:
                # The same job, where this record also knows the department (a vCard's ORG
                # has it, a Google row may not): a copy, so the records stay as they read.
                index = seen_positions[key]
                out.positions[index] = replace(out.positions[index], department=position.department)
        out.location = out.location or _fit(record.location, 200, "place", record.warnings)
        # (A day still to come is kept from other formats' files by `read_birthday`;
        # Goodword's own export brings back what was saved, as `import-json` does.)
        out.birthday = out.birthday or record.birthday
        out.birthday_no_year = out.birthday_no_year or record.birthday_no_year
        note = _fit(unify_line_breaks(record.notes or ""), NOTES_MAX, "note", record.warnings)
        if note and note not in out.notes:
            out.notes.append(note)
        out.note_labels.update(record.note_labels)
        out.how_we_met = out.how_we_met or cut(record.how_we_met, 2000)
        if out.keep_in_touch_days is None:
            out.keep_in_touch_days = record.keep_in_touch_days
        # A tag is one line: one a file wrote over two (a vCard's CATEGORIES with a "\n", a
        # spreadsheet cell of two lines) is two tags.
        if record.tags:
            out.tags = clean_list([*out.tags, *_lines(record.tags)])
        if record.interests:
            out.interests = clean_list([*out.interests, *_lines(record.interests)])
    if out.birthday:
        out.birthday_no_year = None  # (a whole birthday says more)
    return out


def _lines(values: list[str]) -> list[str]:
    """Each value's lines, each cut to a tag's 60 characters."""
    return [line.strip()[:60] for value in values for line in value.splitlines()]
