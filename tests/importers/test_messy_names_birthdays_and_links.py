"""Names, birthdays and LinkedIn keys as messy real files write them: dotted and hyphenated
credentials ("Ph.D.", "CCC-SLP") and a courtesy title in a First Name ("Dr. Jane") are no
part of the name; a placeholder ("N/A", "-", "(no name)") is no name; a year alone is no
birthday; and a LinkedIn id with accents is one key however it is written (SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.cleaning import clean_name, profile_url
from goodword.importers.dates import parse_date
from goodword.importers.reading import documents
from goodword.importers.records import Parsed, Upload
from goodword.importers.registry import parse as parse_document
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
GOOGLE = "First Name,Last Name,E-mail 1 - Value,Organization Name,Phone 1 - Value\n"


def run(session: Session, workspace: Workspace, name: str, text: str, **kw: object) -> ImportReport:
    return import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload(name, text.encode())],
        today=TODAY,
        **kw,  # type: ignore[arg-type]
    )


def people(session: Session, workspace: Workspace) -> list[Person]:
    return list(
        session.scalars(
            select(Person).where(Person.workspace_id == workspace.id).order_by(Person.id)
        )
    )


def parse(name: str, text: str, mapping: dict[str, list[str]] | None = None) -> Parsed:
    (document,) = documents([Upload(name, text.encode())])
    parsed = parse_document(document, mapping=mapping)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("family", "kept", "credentials"),
    [
        ("Lee, Ph.D.", "Lee", "Ph.D."),
        ("Kim, M.Ed.", "Kim", "M.Ed."),
        ("Haddad, P.Eng.", "Haddad", "P.Eng."),
        ("Quinn, SHRM-CP, aPHR", "Quinn", "SHRM-CP, aPHR"),
        ("Stone, MS, CCC-SLP", "Stone", "MS, CCC-SLP"),
        ("Lee Ph.D.", "Lee", "Ph.D."),
        ("Garcia-Lopez, MBA", "Garcia-Lopez", "MBA"),
    ],
)
def test_dotted_and_hyphenated_credentials_move_to_the_notes(
    family: str, kept: str, credentials: str
) -> None:
    assert clean_name("Pat", family) == ("Pat", kept, [f"Credentials: {credentials}"])


@pytest.mark.parametrize("letters", ["CISA", "CISM", "CISSP", "PharmD", "LMFT", "CCIE"])
def test_known_letters_after_a_family_name_without_a_comma_are_credentials(letters: str) -> None:
    assert clean_name("Pat", f"Lee {letters}") == ("Pat", "Lee", [f"Credentials: {letters}"])


@pytest.mark.parametrize(
    "family",
    ["Ma", "Ba", "Do", "Le", "Ng", "Yu", "O'Neil", "Smith-Jones", "Garcia-Lopez", "Smith, J.R."],
)
def test_family_names_and_initials_are_not_taken_for_credentials(family: str) -> None:
    assert clean_name("Pat", family) == ("Pat", family, [])


def test_a_generational_suffix_stays_in_the_name() -> None:
    assert clean_name("Chidi", "Okafor, Jr.") == ("Chidi", "Okafor Jr.", [])


@pytest.mark.parametrize(
    ("given", "kept", "title"),
    [
        ("Dr. Jane", "Jane", "Dr."),
        ("Dra. María José", "María José", "Dra."),
        ("Prof. Dr. Hans", "Hans", "Prof. Dr."),
        ("Mrs Ada", "Ada", "Mrs"),
    ],
)
def test_a_courtesy_title_before_the_given_name_moves_to_the_notes(
    given: str, kept: str, title: str
) -> None:
    assert clean_name(given, "Doe") == (kept, "Doe", [f"Name prefix: {title}"])


def test_a_title_alone_is_still_the_given_name() -> None:
    # Nothing else to call her by: "Dr" is kept rather than leaving no given name.
    assert clean_name("Dr", "Doe") == ("Dr", "Doe", [])


def test_linkedin_and_google_rows_of_one_person_with_a_dotted_degree_merge(
    session: Session, workspace: Workspace
) -> None:
    connections = CONNECTIONS + (
        'Pat,"Lee, Ph.D.",https://www.linkedin.com/in/patlee,,MIT,Professor,12 Mar 2024\n'
        "Dr. Jane,Doe,https://www.linkedin.com/in/janedoe,,Mayo Clinic,Physician,12 Mar 2024\n"
        'Mark,"Stone, MS, CCC-SLP",https://www.linkedin.com/in/mstone,,Clinic,SLP,12 Mar 2024\n'
    )
    google = GOOGLE + (
        "Pat,Lee,pat.lee@mit.example,MIT,\n"
        "Jane,Doe,jane@mayo.example,Mayo Clinic,\n"
        "Mark,Stone,mark@clinic.example,Clinic,\n"
    )

    run(session, workspace, "Connections.csv", connections)
    report = run(session, workspace, "contacts.csv", google)

    assert [row.outcome for row in report.rows] == [Outcome.MERGED] * 3
    found = {(p.given_name, p.family_name): p for p in people(session, workspace)}
    assert sorted(found) == [("Jane", "Doe"), ("Mark", "Stone"), ("Pat", "Lee")]
    assert "Credentials: Ph.D." in (found["Pat", "Lee"].notes or "")
    assert "Name prefix: Dr." in (found["Jane", "Doe"].notes or "")
    assert "Credentials: MS, CCC-SLP" in (found["Mark", "Stone"].notes or "")
    assert [e.address for e in found["Pat", "Lee"].emails] == ["pat.lee@mit.example"]


@pytest.mark.parametrize(
    "name",
    ["N/A", "n/a", "TBD", "Unknown", "Anonymous", "No Name", "(no name)", "None", "null",
     "-", "--", "?", "...", ".", '"'],
)  # fmt: skip
def test_a_placeholder_is_no_name(name: str) -> None:
    assert clean_name(name, name) == ("", "", [])


@pytest.mark.parametrize("name", ["Na", "x", "Nil"])
def test_short_real_names_and_initials_are_names(name: str) -> None:
    assert clean_name(name, "Kim") == (name, "Kim", [])


@pytest.mark.parametrize("family", ["Null", "None", "Unknown"])
def test_a_word_that_can_mean_no_name_beside_a_real_name_is_kept(family: str) -> None:
    # Jennifer Null is a real person; "TBD" or "N/A" beside a name still is no name.
    assert clean_name("Jennifer", family) == ("Jennifer", family, [])
    assert clean_name(family, "") == ("", "", [])
    assert clean_name("Jennifer", "N/A") == ("Jennifer", "", [])


def test_two_na_rows_at_one_company_are_two_people_named_by_their_e_mail(
    session: Session, workspace: Workspace
) -> None:
    text = (
        "First,Last,Company,Email\n"
        "N/A,N/A,Acme Corp,alice@acme.example\n"
        "N/A,N/A,Acme Corp,bob@acme.example\n"
        "-,-,Acme Corp,carol@acme.example\n"
    )

    report = run(
        session,
        workspace,
        "crm.csv",
        text,
        mapping="given=First,family=Last,org=Company,email=Email",
    )

    assert [row.outcome for row in report.rows] == [Outcome.CREATED] * 3
    saved = people(session, workspace)
    assert [p.display_name for p in saved] == [
        "alice@acme.example",
        "bob@acme.example",
        "carol@acme.example",
    ]
    assert all(p.given_name is None and p.family_name is None for p in saved)


def test_a_google_row_named_no_name_is_named_by_its_e_mail() -> None:
    text = GOOGLE + "(no name),,sam@example.com,,\nUnknown,,,Acme Plumbing,\n"

    first, second = parse("contacts.csv", text).people

    assert (first.name, first.notes) == ("sam@example.com", None)
    assert second.name == "Acme Plumbing"


# A year alone, in each format that reads a birthday: (file name, text, column map).
YEAR_ALONE = [
    pytest.param(
        "ada.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "BDAY:1985\r\nEND:VCARD\r\n",
        None,
        id="vcard-4",
    ),
    pytest.param(
        "contacts.csv",
        "First Name,Last Name,Labels,Birthday\nAda,Lovelace,,1985\n",
        None,
        id="google",
    ),
    pytest.param(
        "crm.csv",
        "Name,Born,Email\nAda Lovelace,1985,ada@example.com\n",
        {"name": ["Name"], "birthday": ["Born"], "email": ["Email"]},
        id="mapped",
    ),
]


@pytest.mark.parametrize(("name", "text", "mapping"), YEAR_ALONE)
def test_a_year_alone_is_no_birthday_and_is_kept_in_the_notes(
    name: str, text: str, mapping: dict[str, list[str]] | None
) -> None:
    (person,) = parse(name, text, mapping).people

    assert person.birthday is None
    assert "Birthday: 1985" in (person.notes or "")
    assert [str(w) for w in person.warnings] == [
        "birthday '1985' is a year without a day; kept in the notes"
    ]


@pytest.mark.parametrize("said", ["Apr-85", "Apr 1985", "Dec-10"])
def test_a_month_and_year_is_no_birthday_and_is_kept_in_the_notes(said: str) -> None:
    text = f"Name,Born,Email\nAda Lovelace,{said},ada@example.com\n"
    mapping = {"name": ["Name"], "birthday": ["Born"], "email": ["Email"]}
    (person,) = parse("crm.csv", text, mapping).people

    assert person.birthday is None
    assert person.notes == f"Birthday: {said}"
    assert person.warnings == [f"birthday '{said}' is a month without a day; kept in the notes"]


def test_a_long_date_led_by_its_weekday_is_a_birthday() -> None:
    text = 'Name,Born\nAda Lovelace,"Wednesday, April 3, 1985"\n'
    (person,) = parse("crm.csv", text, {"name": ["Name"], "birthday": ["Born"]}).people

    assert (person.birthday, person.notes) == (date(1985, 4, 3), None)


def test_a_year_alone_is_still_a_jobs_start_year() -> None:
    assert parse_date("2019") == date(2019, 1, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1",
        "https://www.linkedin.com/in/josé-müller-4b2a1",
        "https://www.linkedin.com/in/Jos%C3%A9-M%C3%BCller-4b2a1/",
        "linkedin.com/in/José-Müller-4b2a1?trk=people",
        # The same letters written decomposed (e and a combining accent), as macOS may.
        "https://www.linkedin.com/in/jose\u0301-mu\u0308ller-4b2a1",
        "https://www.linkedin.com/mwlite/in/jos%C3%A9-m%C3%BCller-4b2a1",
    ],
)
def test_a_linkedin_id_with_accents_is_one_key_however_it_is_written(raw: str) -> None:
    assert profile_url(raw) == ("https://www.linkedin.com/in/josé-müller-4b2a1", "linkedin")


def test_an_old_public_profile_address_is_kept_whole() -> None:
    assert profile_url("www.linkedin.com/pub/anita-nayak/12/345/678") == (
        "https://www.linkedin.com/pub/anita-nayak/12/345/678",
        "linkedin",
    )


def test_a_mobile_lite_address_is_the_profile() -> None:
    assert profile_url("https://www.linkedin.com/mwlite/in/janedoe") == (
        "https://www.linkedin.com/in/janedoe",
        "linkedin",
    )


def test_a_connection_and_a_phone_card_sharing_an_accented_profile_merge(
    session: Session, workspace: Workspace
) -> None:
    connections = CONNECTIONS + (
        "José,Müller,https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1,,Siemens,"
        "Engineer,12 Mar 2024\n"
    )
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pepe Müller\r\nN:Müller;Pepe;;;\r\n"
        "item1.URL:https://www.linkedin.com/in/josé-müller-4b2a1\r\n"
        "item1.X-ABLabel:LinkedIn\r\nTEL;type=CELL:+49 170 5550101\r\nEND:VCARD\r\n"
    )

    run(session, workspace, "Connections.csv", connections)
    report = run(session, workspace, "phone.vcf", card)

    assert [row.outcome for row in report.rows] == [Outcome.MERGED]
    (jose,) = people(session, workspace)
    assert [u.url for u in jose.urls] == ["https://www.linkedin.com/in/josé-müller-4b2a1"]


def test_a_birth_name_in_brackets_is_a_note_of_its_own() -> None:
    assert clean_name("Anna", "Schmidt (née Müller)") == ("Anna", "Schmidt", ["Née Müller"])


def test_any_pronouns_in_brackets_are_pronouns() -> None:
    assert clean_name("Ana", "Rivera (any pronouns)") == (
        "Ana",
        "Rivera",
        ["Pronouns: any pronouns"],
    )
