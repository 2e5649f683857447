"""What people write after their name (a LinkedIn headline, a call for work, a company
after a contact's name) is no part of it: it goes to the notes, so the name meets the same
person's name in an address book (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from goodword.importers.cleaning import clean_name
from goodword.importers.report import Outcome

from .test_messy_names_birthdays_and_links import CONNECTIONS, GOOGLE, people, run


@pytest.mark.parametrize(
    ("family", "kept", "written"),
    [
        ("Doe | Product Leader", "Doe", "Product Leader"),
        ("Doe\uff5cHiring", "Doe", "Hiring"),  # a full-width bar
        ("Doe • Data • AI", "Doe", "Data • AI"),
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
    ["Marie - Claire", "Smith-Jones", "García 🇪🇸", "O'Neil", "#1 Fan"],
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


def test_a_nickname_in_brackets_is_still_a_nickname() -> None:
    assert clean_name("William", "Gates (Bill)") == ("William", "Gates", ["Goes by Bill"])


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
