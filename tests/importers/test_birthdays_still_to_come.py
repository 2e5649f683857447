"""A birthday a contacts file dates after today is not kept as the birthday (the forms refuse
it): it goes to the notes as the file gives it, and the report names its line. "Today" is
the date where it is latest (UTC+14); the clock is pinned."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.importers.export import to_csv
from goodword.importers.reading import documents
from goodword.importers.records import Parsed, Upload
from goodword.importers.registry import parse as parse_document
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

# 10:30 in London is 00:30 on the 26th in Kiribati: the 26th has begun there, the 27th
# nowhere.
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
STILL_TO_COME = "birthday '{}' is a day still to come; kept in the notes"


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setattr(clock, "today", lambda: NOW.date())


def card(birthday: str) -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"NOTE:Met at the engine show\r\nBDAY:{birthday}\r\nEND:VCARD\r\n"
    )


GOOGLE = "First Name,Last Name,Labels,Birthday,Notes\nAda,Lovelace,,{},Met at the engine show\n"
OUTLOOK = (
    "Title,First Name,Middle Name,Last Name,Suffix,E-mail Address,Business Phone,Birthday,Notes\n"
    "Ms.,Ada,,Lovelace,,,,{},Met at the engine show\n"
)
MAPPED = "First,Last,DOB,Notes\nAda,Lovelace,{},Met at the engine show\n"
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Geo Location\n"
    'Ada,Lovelace,,,"{}",Analyst,,London\n'
)
MAP = {"given": ["First"], "family": ["Last"], "birthday": ["DOB"], "notes": ["Notes"]}


def parse(name: str, text: str, mapping: dict[str, list[str]] | None = None) -> Parsed:
    (document,) = documents([Upload(name, text.encode())])
    parsed = parse_document(document, mapping=mapping)
    assert parsed is not None
    return parsed


# (file name, text with {} for the birthday, column map, the day as the file writes it,
# the notes that the record keeps beside the birthday's).
FORMATS = [
    pytest.param(
        "contacts.vcf",
        card("{}"),
        None,
        "2031-05-04",
        "Met at the engine show\n\nBirthday: {}",
        id="vcard",
    ),
    pytest.param(
        "contacts.csv",
        GOOGLE,
        None,
        "2031-05-04",
        "Birthday: {}\nMet at the engine show",
        id="google",
    ),
    pytest.param(
        "outlook.csv",
        OUTLOOK,
        None,
        "5/4/2031",
        "Birthday: {}\nMet at the engine show",
        id="outlook",
    ),
    pytest.param(
        "crm.csv", MAPPED, MAP, "2031-05-04", "Birthday: {}\nMet at the engine show", id="mapped"
    ),
    pytest.param(
        "Profile.csv", PROFILE, None, "May 4, 2031", "Analyst\n\nBirthday: {}", id="linkedin"
    ),
]


@pytest.mark.parametrize(("name", "text", "mapping", "said", "notes"), FORMATS)
def test_a_birthday_after_today_is_kept_in_the_notes_with_a_warning(
    name: str, text: str, mapping: dict[str, list[str]] | None, said: str, notes: str
) -> None:
    (person,) = parse(name, text.format(said), mapping).people

    assert person.birthday is None
    assert person.notes is not None
    assert notes.format(said) in person.notes
    assert [str(w) for w in person.warnings] == [STILL_TO_COME.format(said)]


@pytest.mark.parametrize(("name", "text", "mapping", "said", "notes"), FORMATS)
def test_a_birthday_today_anywhere_is_kept_as_the_birthday(
    name: str, text: str, mapping: dict[str, list[str]] | None, said: str, notes: str
) -> None:
    # The 26th has begun in Kiribati, though it is still the 25th on this machine.
    tomorrow = {"2031-05-04": "2026-11-26", "5/4/2031": "11/26/2026", "May 4, 2031": "Nov 26, 2026"}
    (person,) = parse(name, text.format(tomorrow[said]), mapping).people

    assert person.birthday == date(2026, 11, 26)
    assert person.warnings == []
    assert "Birthday:" not in (person.notes or "")


def test_linkedins_birth_date_without_a_year_is_kept_as_a_day_and_month() -> None:
    (me,) = parse("Profile.csv", PROFILE.format("Mar 4")).people

    assert (me.birthday, me.birthday_no_year, me.notes) == (None, "--03-04", "Analyst")
    assert me.warnings == []


def test_the_report_names_the_birthdays_line_and_a_re_import_is_unchanged(
    session: Session, workspace: Workspace
) -> None:
    upload = Upload("ada.vcf", card("20310504").encode())

    def run():
        return import_files(
            session, workspace_id=workspace.id, paths_or_uploads=[upload], today=NOW.date()
        )

    first = run()
    ada = session.query(Person).filter_by(workspace_id=workspace.id).one()
    again = run()

    assert first.notes == ["ada.vcf, line 6: " + STILL_TO_COME.format("20310504")]
    assert (ada.birthday, ada.notes) == (None, "Met at the engine show\n\nBirthday: 20310504")
    # The same file on the same day reads the same: its record is passed over.
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED]
    assert again.notes == first.notes


def test_goodwords_own_people_file_brings_a_later_birthday_back_as_saved(
    session: Session, workspace: Workspace
) -> None:
    """A day still to come that the workspace holds (saved before the forms' check) comes
    back from Goodword's own people CSV as it was, as `import-json` brings it back."""
    ada = f.person(session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace")
    ada.birthday = date(2031, 5, 4)
    session.flush()
    text = to_csv([ada])
    other = Workspace(name="Restored", slug="restored")
    session.add(other)
    session.flush()

    report = import_files(
        session,
        workspace_id=other.id,
        paths_or_uploads=[Upload("goodword-people.csv", text.encode())],
        today=NOW.date(),
    )

    assert [row.outcome for row in report.rows] == [Outcome.CREATED]
    back = session.query(Person).filter_by(workspace_id=other.id).one()
    assert back.birthday == date(2031, 5, 4)
    assert "Birthday" not in (back.notes or "")
