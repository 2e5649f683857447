"""Details a second review of the importer found: year-first dates with slashes or dots,
the line of a refusal for dates in two orders, vCard 4's yearless birthday, basic-form
anniversary, IMPP and GENDER, the people a message or invitation adds counted in its file,
and a workbook in a folder or archive named as one."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from goodword.importers import registry
from goodword.importers.dates import parse_date, unread_birthday
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Parsed, Upload
from goodword.importers.service import detect_format, import_files
from goodword.workspaces.models import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)
CONNECTIONS_HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def parse_bytes(name: str, data: bytes) -> Parsed:
    (document,) = documents([Upload(name, data)])
    parsed = registry.parse(document)
    assert parsed is not None
    return parsed


# Dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025/12/26", date(2025, 12, 26)),
        ("2025.12.26", date(2025, 12, 26)),
        ("2024/1/5", date(2024, 1, 5)),
        ("2024-1-5", date(2024, 1, 5)),
        ("2025/12/26 09:14", date(2025, 12, 26)),
    ],
)
def test_a_year_first_date_with_slashes_or_dots_is_year_month_day(text, expected):
    assert parse_date(text) == expected


def test_a_year_first_date_that_is_no_day_is_not_read():
    assert parse_date("2025/13/01") is None
    assert parse_date("2025/02/30") is None


def test_connected_on_written_year_first_with_slashes_is_kept():
    text = CONNECTIONS_HEAD + (
        "Pia,Quist,https://www.linkedin.com/in/pq1,,Co,Eng,2025/12/26\n"
        "Ole,Rask,https://www.linkedin.com/in/pq2,,Co,Eng,2024/01/05\n"
    )
    parsed = parse_bytes("Connections.csv", text.encode())
    assert {p.name: p.connected_on for p in parsed.people} == {
        "Pia Quist": date(2025, 12, 26),
        "Ole Rask": date(2024, 1, 5),
    }
    assert [p.warnings for p in parsed.people] == [[], []]


def test_the_refusal_of_dates_in_two_orders_gives_its_first_line_apart():
    (document,) = documents([DATA / "Connections_two_orders.csv"])
    with pytest.raises(ImportFileError) as raised:
        registry.parse(document)
    # The message names both lines, as it did; the JSON's line is the first of them.
    assert str(raised.value).startswith(
        "Connections_two_orders.csv: its Connected On dates are written in two orders: "
        "line 3 has '12/26/2025'"
    )
    assert raised.value.line == 3
    error = raised.value.to_dict()["error"]
    assert isinstance(error, dict)
    assert (error["file"], error["line"]) == ("Connections_two_orders.csv", 3)


# vCard 4 -------------------------------------------------------------------------------

V4 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Léa Martin\r\n"
    "N:Martin;Léa;;;\r\n"
    "BDAY:--0412\r\n"
    "ANNIVERSARY:20100101\r\n"
    "GENDER:F\r\n"
    "IMPP:xmpp:lea@example.fr\r\n"
    "END:VCARD\r\n"
)


def test_a_vcard_4_birthday_without_a_year_is_kept_as_a_day_and_month():
    (person,) = parse_bytes("v4.vcf", V4.encode()).people
    assert (person.birthday, person.birthday_no_year, person.warnings) == (None, "--04-12", [])
    assert unread_birthday("--0412").startswith("birthday '--0412' has no year")
    assert unread_birthday("1990-02-30").startswith("birthday '1990-02-30' is not a date")


def test_a_vcard_4_anniversary_im_address_and_gender_are_kept_in_the_notes():
    (person,) = parse_bytes("v4.vcf", V4.encode()).people
    assert person.notes == ("Anniversary: 2010-01-01\n\nGender: female\n\nIM: xmpp:lea@example.fr")


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ("M", "Gender: male"),
        ("O;intersex", "Gender: other (intersex)"),
        ("N", "Gender: none or not applicable"),
        ("U", "Gender: unknown"),
        (";it's complicated", "Gender: it's complicated"),
    ],
)
def test_a_vcard_gender_is_written_in_words(value, note):
    card = f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam Lee\r\nGENDER:{value}\r\nEND:VCARD\r\n"
    (person,) = parse_bytes("sam.vcf", card.encode()).people
    assert person.notes == note


def test_a_yearless_anniversary_in_basic_form_is_written_as_iso_writes_it():
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam Lee\r\nANNIVERSARY:--0915\r\nEND:VCARD\r\n"
    (person,) = parse_bytes("sam.vcf", card.encode()).people
    assert person.notes == "Anniversary: --09-15"


# The report's Files table --------------------------------------------------------------


def test_people_a_message_or_invitation_adds_count_in_its_file(
    session: Session, workspace: Workspace
):
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[
            DATA / "Profile.csv",
            DATA / "Invitations.csv",
            DATA / "messages.csv",
        ],
        today=TODAY,
    )
    created = sorted((r.file, r.name) for r in report.rows if r.outcome.value == "created")
    assert created == [
        ("Invitations.csv", "Ada Lovelace"),
        ("Invitations.csv", "Nadia Rahman"),
        ("Profile.csv", "Alice Example"),
        ("messages.csv", "Marcus Reid"),
    ]
    counts = {f.name: (f.rows, f.people, f.interactions, f.skipped) for f in report.files}
    assert counts == {
        "Profile.csv": (1, 1, 0, 0),
        "Invitations.csv": (2, 2, 2, 0),
        "messages.csv": (3, 1, 3, 0),
    }


# Workbooks among other files -----------------------------------------------------------


def xlsx() -> bytes:
    """A minimal Excel workbook: what makes a ZIP one is its parts, not its name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    return buffer.getvalue()


WORKBOOK = "an Excel workbook: save it as CSV (UTF-8) to import it"


def test_a_workbook_in_a_folder_is_listed_as_one_to_save_as_csv(
    session: Session, workspace: Workspace, tmp_path: Path
):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.xlsx").write_bytes(xlsx())
    (folder / "Connections.csv").write_bytes((DATA / "Connections.csv").read_bytes())
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[folder], today=TODAY
    )
    labels = {f.name: f.label for f in report.files}
    assert labels["export/Connections.xlsx"] == WORKBOOK
    assert labels["export/photo.png"] == "not read (not contact data)"
    assert detect_format(folder)[1] == {
        "name": "export/Connections.xlsx",
        "format": None,
        "label": WORKBOOK,
    }


def test_a_workbook_in_an_archive_is_listed_as_one_to_save_as_csv(
    session: Session, workspace: Workspace
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Connections.csv", (DATA / "Connections.csv").read_bytes())
        archive.writestr("Connections.xlsx", xlsx())
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("export.zip", buffer.getvalue())],
        today=TODAY,
    )
    labels = {f.name: f.label for f in report.files}
    assert labels["export.zip/Connections.xlsx"] == WORKBOOK
