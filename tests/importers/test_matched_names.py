"""A record of another source matched to someone keeps the person's name, and the report
says the name the file gives when it differs: nothing a file says is dropped unsaid."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person

GOOGLE = (
    "Given Name,Family Name,E-mail 1 - Value,Website 1 - Value\n"
    "Chiamaka,Okafor,chi@example.org,https://www.linkedin.com/in/chiamaka-okafor\n"
)
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chiamaka Ada Okafor\r\nN:Okafor;Chiamaka;Ada;;\r\n"
    "URL:https://www.linkedin.com/in/chiamaka-okafor\r\nEND:VCARD\r\n"
)


def run(session, workspace_id, *uploads):
    return import_files(
        session, workspace_id=workspace_id, today=date(2026, 11, 25), paths_or_uploads=uploads
    )


def test_a_matched_card_with_a_middle_name_says_the_name_it_gives(session, workspace):
    run(session, workspace.id, Upload("google.csv", GOOGLE.encode()))
    report = run(session, workspace.id, Upload("iphone.vcf", CARD.encode()))
    (row,) = report.rows
    assert row.outcome == "merged"
    assert (
        "name left at Chiamaka Okafor (the file says Chiamaka Ada Okafor; edit the person to "
        "change it)" in row.detail
    )
    (person,) = session.scalars(select(Person))
    assert (person.given_name, person.family_name) == ("Chiamaka", "Okafor")


def test_records_of_one_import_matched_together_say_it_too(session, workspace):
    report = run(
        session,
        workspace.id,
        Upload("google.csv", GOOGLE.encode()),
        Upload("iphone.vcf", CARD.encode()),
    )
    assert any("the file says Chiamaka Ada Okafor" in row.detail for row in report.rows)


def test_the_same_name_matched_says_nothing_of_it(session, workspace):
    run(session, workspace.id, Upload("google.csv", GOOGLE.encode()))
    card = CARD.replace("FN:Chiamaka Ada Okafor", "FN:Chiamaka Okafor").replace(";Ada;", ";;")
    report = run(session, workspace.id, Upload("iphone.vcf", card.encode()))
    (row,) = report.rows
    assert row.outcome == "merged" and "name left" not in row.detail
