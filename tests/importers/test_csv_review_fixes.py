"""Fixes from a review of the CSV readers: a column-mapped file's birthdays are read in one
date order; Goodword's own people CSV gets back the "+" a spreadsheet took from its phones;
a whole name keeps "Jr." with the family name; a list of people with Profile.csv's columns
is not taken for you; message text is read as HTML only when it holds a real tag."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import mapped, own_exports
from goodword.importers.export import export_people
from goodword.importers.plaintext import plain_text
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Upload
from goodword.importers.registry import SIGNATURES, detect
from goodword.importers.registry import parse as parse_document
from goodword.importers.service import import_files
from goodword.importers.tables import read_table
from goodword.people.models import Person, PersonPhone
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 26)
BIRTHDAYS = {"given": ["First"], "family": ["Last"], "birthday": ["DOB"]}


def parse_csv(name: str, text: str, mapping: dict[str, list[str]] | None = None):
    (document,) = documents([Upload(name, text.encode())])
    return parse_document(document, mapping=mapping)


def table_of(name: str, text: str):
    (document,) = documents([Upload(name, text.encode())])
    table = read_table(document, known=SIGNATURES)
    assert table is not None
    return table


# Column-mapped birthdays: one order per file.


def test_mapped_birthdays_are_read_in_the_order_the_file_proves():
    parsed = parse_csv("dob.csv", "First,Last,DOB\nA,One,25/12/1985\nB,Two,05/04/1990\n", BIRTHDAYS)
    assert parsed is not None
    assert [p.birthday for p in parsed.people] == [date(1985, 12, 25), date(1990, 4, 5)]
    assert parsed.notes == []


def test_mapped_birthdays_in_two_orders_are_refused_naming_both_lines():
    text = "First,Last,DOB\nA,One,25/12/1985\nB,Two,05/04/1990\nC,Three,12/31/1980\n"
    with pytest.raises(ImportFileError) as refused:
        parse_csv("dob.csv", text, BIRTHDAYS)
    message = refused.value.message
    assert "line 2 has '25/12/1985'" in message and "line 4 has '12/31/1980'" in message


def test_mapped_birthdays_that_prove_no_order_are_read_month_first_with_a_note():
    parsed = parse_csv("dob.csv", "First,Last,DOB\nB,Two,05/04/1990\n", BIRTHDAYS)
    assert parsed is not None
    assert parsed.people[0].birthday == date(1990, 5, 4)
    (note,) = parsed.notes
    assert "read month first, as a US spreadsheet writes them" in note
    assert "'05/04/1990' (line 2) is 4 May 1990" in note
    assert "correct those birthdays on each person's page" in note


def test_the_preview_of_a_mapped_file_reads_its_birthdays_as_the_whole_file_says():
    rows = "".join(f"P,{n},05/04/1990\n" for n in range(6))
    table = table_of("dob.csv", "First,Last,DOB\n" + rows + "Z,Last,25/12/1985\n")
    shown = mapped.preview(table, BIRTHDAYS, rows=5)
    assert {row["birthday"] for row in shown} == {"1990-04-05"}


# Goodword's own people CSV, re-saved by a spreadsheet under a region that is not the US.


def test_a_people_csv_phone_without_its_plus_is_read_as_international(
    session: Session, workspace: Workspace
) -> None:
    workspace.phone_region = "DE"
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jana Berg\r\nTEL:+49 30 123456\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Reed\r\nTEL:+1 415 555 0100\r\nEND:VCARD\r\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("people.vcf", card.encode())],
    )  # fmt: skip
    exported = export_people(session, workspace_id=workspace.id, format="csv")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert sorted(row["Phones"] for row in rows) == ["+14155550100", "+4930123456"]
    # What a spreadsheet saves: the number without its "+".
    for row in rows:
        row["Phones"] = row["Phones"].removeprefix("+")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    resaved = Upload("people.csv", out.getvalue().encode())

    report = import_files(
        session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=[resaved], dry_run=True
    )
    assert report.counts["unchanged"] == 2
    assert report.counts.get("updated", 0) == 0

    # Read into a workspace with no one in it, the numbers are the same as before.
    parsed = parse_csv("people.csv", out.getvalue())
    assert parsed is not None
    assert sorted(p.phones[0].value for p in parsed.people) == ["+14155550100", "+4930123456"]
    stored = set(session.scalars(select(PersonPhone.number)))
    assert stored == {"+4930123456", "+14155550100"}
    assert len(session.scalars(select(Person)).all()) == 2


def test_a_number_kept_as_typed_comes_back_from_the_people_csv_unchanged(
    session: Session, workspace: Workspace
) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jana Berg\r\nTEL:5550100\r\nEND:VCARD\r\n"
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("people.vcf", card.encode())],
    )  # fmt: skip
    exported = export_people(session, workspace_id=workspace.id, format="csv")
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("people.csv", exported.encode())],
    )  # fmt: skip
    assert report.counts["unchanged"] == 1 and report.counts.get("updated", 0) == 0
    assert set(session.scalars(select(PersonPhone.number))) == {"5550100"}


def test_only_goodword_s_own_csv_puts_back_a_plus():
    mapping = {"name": ["Name"], "phone": ["Phone"]}
    parsed = parse_csv("any.csv", "Name,Phone\nJana Berg,4930123456\n", mapping)
    assert parsed is not None
    assert parsed.people[0].phones[0].value == "4930123456"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=own_exports.CSV_HEADERS, restval="")
    writer.writeheader()
    writer.writerow({"Display Name": "Jana Berg", "Phones": "4930123456\n5550100"})
    parsed = parse_csv("people.csv", out.getvalue())
    assert parsed is not None
    # A cell of two lines was text to the spreadsheet: nothing was taken from it.
    assert [p.value for p in parsed.people[0].phones] == ["4930123456", "5550100"]


# A whole name's generational suffix stays with the family name.


@pytest.mark.parametrize(
    ("whole", "given", "family"),
    [
        ("Martin Luther King Jr.", "Martin Luther", "King Jr."),
        ("Martin Luther King, Jr.", "Martin Luther", "King Jr."),
        ("Sammy Davis Jr", "Sammy", "Davis Jr"),
        ("John Smith III", "John", "Smith III"),
        ("Henry Ford II", "Henry", "Ford II"),
        ("Dr. Jan van der Berg Sr.", "Jan", "van der Berg Sr."),
        ("Smith Jr., John", "John", "Smith Jr."),
    ],
)
def test_a_generational_suffix_stays_with_the_family_name(whole, given, family):
    assert mapped.split_whole_name(whole) == (given, family)


def test_a_mapped_whole_name_with_a_suffix_is_split_before_it():
    text = 'Name,Company\n"Martin Luther King Jr.",A\n"John Smith III",C\n'
    parsed = parse_csv("sfx.csv", text, {"name": ["Name"], "org": ["Company"]})
    assert parsed is not None
    assert [(p.given_name, p.family_name) for p in parsed.people] == [
        ("Martin Luther", "King Jr."),
        ("John", "Smith III"),
    ]


# A list of people with Profile.csv's columns is not LinkedIn's Profile.csv.


def test_a_profile_shaped_list_of_people_is_refused_not_cut_to_one():
    text = "First Name,Last Name,Headline,Company\nAnn,Lee,CTO at X,X\nBo,Kim,PM,Y\nCy,Fox,Dev,Z\n"
    with pytest.raises(ImportFileError) as refused:
        parse_csv("speakers.csv", text)
    message = refused.value.message
    assert message.startswith("speakers.csv: has the columns of LinkedIn's Profile.csv")
    assert "3 people in it" in message and "column map" in message


def test_a_profile_shaped_list_of_people_is_read_through_a_column_map():
    text = "First Name,Last Name,Headline,Company\nAnn,Lee,CTO at X,X\nBo,Kim,PM,Y\n"
    mapping = {"given": ["First Name"], "family": ["Last Name"], "org": ["Company"]}
    parsed = parse_csv("speakers.csv", text, mapping)
    assert parsed is not None and parsed.format == "csv"
    assert [(p.name, p.positions[0].organization) for p in parsed.people] == [
        ("Ann Lee", "X"),
        ("Bo Kim", "Y"),
    ]
    assert not any(p.role.name == "ME" for p in parsed.people)
    # So the import page offers its column pickers for it.
    (document,) = documents([Upload("speakers.csv", text.encode())])
    assert detect(document) is None


def test_a_profile_shaped_list_in_an_archive_is_passed_over_not_refused(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("speakers.csv", "First Name,Last Name,Headline\nAnn,Lee,CTO\nBo,Kim,PM\n")
        zipped.writestr(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ada,Lovelace,https://www.linkedin.com/in/ada,,Acme,CTO,26 Dec 2025\n",
        )
    found = {d.name: parse_document(d) for d in documents([archive])}
    speakers = next(name for name in found if name.endswith("speakers.csv"))
    assert found[speakers] is None
    connections = next(p for p in found.values() if p is not None)
    assert [p.name for p in connections.people] == ["Ada Lovelace"]


def test_a_real_profile_csv_is_still_you():
    text = (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
        "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        'Kim,Park,,,"Jun 4, 1990",Product Manager,,Software,,"Seattle",,,\n'
        ",,,,,,,,,,,,\n"
    )
    parsed = parse_csv("Profile.csv", text)
    assert parsed is not None and parsed.format == "linkedin-profile"
    (me,) = parsed.people
    assert me.name == "Kim Park" and me.birthday == date(1990, 6, 4)


# Message text: HTML only when it holds a real tag.


def test_text_that_only_looks_like_a_tag_stays_as_written():
    assert plain_text("if a<b and b>c then fine") == "if a<b and b>c then fine"
    assert plain_text("Use List<String> in Java; x<y") == "Use List<String> in Java; x<y"
    assert plain_text("a <b\nnot a tag> here") == "a <b\nnot a tag> here"


def test_real_tags_are_still_read():
    assert plain_text('<p>See <a href="https://x.example/job">the job</a></p>') == (
        "See the job (https://x.example/job)"
    )
    assert plain_text("one<br/>two</p>") == "one\ntwo"


def test_plain_text_with_a_tag_in_it_keeps_its_own_lines():
    text = "Use the <b>bold</b> tag\nfor emphasis\n\nThanks!"
    assert plain_text(text) == "Use the bold tag\nfor emphasis\n\nThanks!"


def test_html_laid_out_by_its_tags_reads_its_line_breaks_as_spaces():
    assert plain_text("<p>We have a role\nin Berlin.</p>\n<p>Interested?</p>") == (
        "We have a role in Berlin.\n\nInterested?"
    )


def test_scripts_and_styles_are_no_text():
    text = "<style>p { color: red }</style><p>Hello &mdash; ok</p><script>alert(1)</script>"
    assert plain_text(text) == "Hello \u2014 ok"
