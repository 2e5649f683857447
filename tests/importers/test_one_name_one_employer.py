"""Two people of one common name at one large employer, with job titles nothing alike, are
asked about rather than merged: a wrong merge would give one of them the other's job."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Alex,Chen,https://www.linkedin.com/in/alexchen-sde,alex.chen.sde@mail.example,Amazon,"
    "SDE II,03 Jan 2024\n"
)
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Chen\r\nN:Chen;Alex;;;\r\nORG:Amazon\r\n"
    "TITLE:Warehouse Operations Manager\r\nEMAIL:achen.ops@mail.example\r\n"
    "ADR;TYPE=home:;;;Phoenix;AZ;;\r\nBDAY:1979-05-02\r\nEND:VCARD\r\n"
)


def test_two_alex_chens_at_amazon_are_asked_about_and_each_keeps_their_job(session, workspace):
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("Connections.csv", CONNECTIONS.encode()),
                          Upload("alex.vcf", CARD.encode())],
    )  # fmt: skip
    assert report.counts.get("merged", 0) == 0
    people = session.scalars(select(Person).order_by(Person.id)).all()
    assert [
        [(p.organization.name, p.title, p.is_current) for p in x.positions] for x in people
    ] == [
        [("Amazon", "SDE II", True)],
        [("Amazon", "Warehouse Operations Manager", True)],
    ]
    (pair,) = session.scalars(select(DuplicateCandidate)).all()
    assert "same organization, different job titles" in pair.reasons


def test_the_same_alex_with_a_title_in_both_words_is_merged_as_before(session, workspace):
    card = CARD.replace("Warehouse Operations Manager", "Senior SDE II")
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("Connections.csv", CONNECTIONS.encode()),
                          Upload("alex.vcf", card.encode())],
    )  # fmt: skip
    assert report.counts.get("merged", 0) == 1
