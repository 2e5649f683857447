"""What people write after their name (a LinkedIn headline, a call for work) is no part of
it: it goes to the notes, so the name meets the same person's name in an address book; a
key made from the name still holds it, so keys stay as they were and two records told
apart only by theirs stay apart (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from goodword.importers.cleaning import clean_name
from goodword.importers.report import Outcome

from .test_messy_names_birthdays_and_links import CONNECTIONS, GOOGLE, parse, people, run


@pytest.mark.parametrize(
    ("family", "kept", "written"),
    [
        ("Doe | Product Leader", "Doe", "Product Leader"),
        ("Doe\uff5cHiring", "Doe", "Hiring"),  # a full-width bar
        ("Doe • Data • AI", "Doe", "Data • AI"),
        ("Doe|Hiring", "Doe", "Hiring"),
        ("Doe \u2013 Talent Partner", "Doe", "Talent Partner"),  # an en dash
        ("Doe \u2014 Founder", "Doe", "Founder"),  # an em dash
        ("Doe - Hiring!", "Doe", "Hiring!"),
        ("Doe - Looking for new opportunities", "Doe", "Looking for new opportunities"),
        ("Doe #OpenToWork", "Doe", "OpenToWork"),
        ("Doe (Open to Work)", "Doe", "Open to Work"),
        ("Doe ✨ Helping founders scale", "Doe", "Helping founders scale"),
        ("Doe 🚀 Hiring", "Doe", "Hiring"),
    ],
)
def test_a_headline_after_the_name_moves_to_the_notes(family: str, kept: str, written: str):
    assert clean_name("Jane", family) == ("Jane", kept, [f"Written with the name: {written}"])


@pytest.mark.parametrize(
    "family",
    [
        "Marie - Claire",
        "Marie \u2013 Claire",
        "Lloyd - Van Damme",
        "Smith - Coachman",
        "Smith - Acme Plumbing",
        "Smith-Jones",
        "García 🇪🇸",
        "O'Neil",
        "#1 Fan",
        "Doe #2",
    ],
)
def test_what_may_be_a_name_stays_in_it(family: str) -> None:
    given, kept, notes = clean_name("Anne", family)
    assert (given, notes) == ("Anne", [])
    assert kept == family.replace(" 🇪🇸", "")


def test_a_headline_beside_credentials_and_pronouns_goes_too() -> None:
    assert clean_name("Jean", "Dupont, MBA (he/him) | CEO") == (
        "Jean",
        "Dupont",
        ["Written with the name: CEO", "Pronouns: he/him", "Credentials: MBA"],
    )


@pytest.mark.parametrize("nickname", ["Bill", "At", "Mary Jo Ann"])
def test_a_nickname_in_brackets_is_still_a_nickname(nickname: str) -> None:
    assert clean_name("Wil", f"Gates ({nickname})") == ("Wil", "Gates", [f"Goes by {nickname}"])


def test_a_long_run_of_spaces_in_a_name_is_one_space() -> None:
    assert clean_name("Ann", "Jane" + " " * 5_000 + "Doe")[:2] == ("Ann", "Jane Doe")


def test_keys_made_from_the_name_keep_the_headline() -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe | Design Lead\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe | Hiring\r\nEND:VCARD\r\n"
    )
    linkedin = CONNECTIONS + "Jane,Doe | Hiring,,,Acme,PM,12 Mar 2024\n"
    google = GOOGLE + "Jane,Doe | Hiring,jane@acme.example,Acme,\n"
    assert [(p.name, p.key) for p in parse("a.vcf", cards).people] == [
        ("Jane Doe", "name:jane doe | design lead"),
        ("Jane Doe", "name:jane doe | hiring"),
    ]
    assert [p.key for p in parse("Connections.csv", linkedin).people] == [
        "name:jane doe | hiring|2024-03-12"
    ]
    assert [p.key for p in parse("contacts.csv", google).people] == [
        "name:jane doe | hiring|jane@acme.example"
    ]


def test_two_cards_told_apart_only_by_their_headlines_keep_their_people_in_any_order(
    session, workspace
) -> None:
    def cards(*headlines: str) -> str:
        return "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe | {h}\r\nTEL:+1415555{n:04}\r\n"
            "END:VCARD\r\n"
            for h, n in ((h, {"Design Lead": 100, "Hiring": 222}[h]) for h in headlines)
        )

    run(session, workspace, "a.vcf", cards("Design Lead", "Hiring"))
    again = run(session, workspace, "a.vcf", cards("Hiring", "Design Lead"))

    assert [row.outcome for row in again.rows] == [Outcome.UNCHANGED] * 2
    phones = {p.notes: [n.number for n in p.phones] for p in people(session, workspace)}
    assert phones == {
        "Written with the name: Design Lead": ["+14155550100"],
        "Written with the name: Hiring": ["+14155550222"],
    }


def test_a_connection_with_a_headline_meets_their_address_book_card(session, workspace) -> None:
    connections = CONNECTIONS + (
        "Jane,Doe | Product Leader,https://www.linkedin.com/in/janedoe,,Acme,PM,12 Mar 2024\n"
        "Sam,Lee - Hiring!,https://www.linkedin.com/in/samlee,,Globex,Recruiter,12 Mar 2024\n"
    )
    google = GOOGLE + "Jane,Doe,jane@acme.example,Acme,\nSam,Lee,sam@globex.example,Globex,\n"

    first = run(session, workspace, "Connections.csv", connections)
    report = run(session, workspace, "contacts.csv", google)

    assert [row.name for row in first.rows] == ["Jane Doe", "Sam Lee"]
    assert [row.outcome for row in report.rows] == [Outcome.MERGED] * 2
    found = {p.display_name: p for p in people(session, workspace)}
    assert sorted(found) == ["Jane Doe", "Sam Lee"]
    assert "Written with the name: Product Leader" in (found["Jane Doe"].notes or "")
    assert "Written with the name: Hiring!" in (found["Sam Lee"].notes or "")
    assert [e.address for e in found["Sam Lee"].emails] == ["sam@globex.example"]
