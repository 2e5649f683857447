"""Column maps (quoted column names, a place from several columns, whole names split),
Outlook's contacts CSV, files that are no people file (workbooks, the whole-workspace
export), and CSV rows over several lines reported where they begin."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from goodword.errors import InvalidInput
from goodword.importers import column_map, registry
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Parsed, Upload
from goodword.importers.tables import read_table

OUTLOOK_HEADERS = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "Nickname",
    "Given Yomi",
    "Surname Yomi",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Home Phone",
    "Home Phone 2",
    "Business Phone",
    "Business Phone 2",
    "Mobile Phone",
    "Car Phone",
    "Other Phone",
    "Primary Phone",
    "Pager",
    "Business Fax",
    "Home Fax",
    "Other Fax",
    "Company Main Phone",
    "Callback",
    "Radio Phone",
    "Telex",
    "TTY/TDD Phone",
    "IMAddress",
    "Job Title",
    "Department",
    "Company",
    "Office Location",
    "Manager's Name",
    "Assistant's Name",
    "Assistant's Phone",
    "Company Yomi",
    "Business Street",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home City",
    "Home State",
    "Home Postal Code",
    "Home Country/Region",
    "Other Street",
    "Other City",
    "Other State",
    "Other Postal Code",
    "Other Country/Region",
    "Personal Web Page",
    "Spouse",
    "Schools",
    "Hobby",
    "Location",
    "Web Page",
    "Birthday",
    "Anniversary",
    "Notes",
]


DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def outlook_row(**cells: str) -> str:
    unknown = set(cells) - set(OUTLOOK_HEADERS)
    assert not unknown, unknown
    return ",".join(f'"{cells[h]}"' if h in cells else "" for h in OUTLOOK_HEADERS)


def outlook_bytes(*rows: dict[str, str]) -> bytes:
    """An Outlook export as Outlook writes it: Windows-1252, CRLF, Outlook's 61 headers."""
    lines = [",".join(f'"{h}"' for h in OUTLOOK_HEADERS), *(outlook_row(**r) for r in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def parse_bytes(name: str, data: bytes, **options: object) -> Parsed:
    (document,) = documents([Upload(name, data)])
    parsed = registry.parse(document, **options)  # type: ignore[arg-type]
    assert parsed is not None
    return parsed


def mapped_csv(text: str, mapping: str) -> Parsed:
    return parse_bytes("crm.csv", text.encode(), mapping=column_map.parse_mapping(mapping))


# Column maps ---------------------------------------------------------------------------


def test_a_typed_map_takes_a_column_name_with_a_comma_in_quotes_or_after_a_backslash():
    assert column_map.parse_mapping('given="Name, first",family=Surname') == {
        "given": ["Name, first"],
        "family": ["Surname"],
    }
    assert column_map.parse_mapping(r"given=Name\, first") == {"given": ["Name, first"]}
    assert column_map.parse_mapping('name="The ""real"" name"') == {"name": ['The "real" name']}
    with pytest.raises(InvalidInput) as unclosed:
        column_map.parse_mapping('given="Name, first,family=Surname')
    assert "quotation mark that does not close" in unclosed.value.fields[0].message


def test_picked_columns_are_taken_whole_beside_a_typed_map():
    columns = column_map.parse_mapping("email=E-mail", picked=[("given", "Name, first")])
    assert columns == {"given": ["Name, first"], "email": ["E-mail"]}


def test_a_header_with_a_comma_is_read_through_a_quoted_map():
    text = (
        'Surname,"Name, first",E-mail (work) ,Tel. mobile\n'
        "Nakamura,Hiro,hiro@example.jp,090-1234-5678\n"
    )
    (person,) = mapped_csv(
        text, 'given="Name, first",family=Surname,email=E-mail (work),phone=Tel. mobile'
    ).people
    assert (person.given_name, person.family_name) == ("Hiro", "Nakamura")
    assert [e.value for e in person.emails] == ["hiro@example.jp"]


def test_a_place_mapped_to_several_columns_joins_them_in_the_maps_order():
    text = (
        "First,Last,City,State,Country\n"
        "Ada,Lovelace,Pittsburgh,PA,United States\n"
        "Marie,Curie,Lyon,,France\n"
        "Nobody,Known,,,\n"
    )
    parsed = mapped_csv(
        text, "given=First,family=Last,location=City,location=State,location=Country"
    )
    assert [p.location for p in parsed.people] == [
        "Pittsburgh, PA, United States",
        "Lyon, France",
        None,
    ]
    reversed_order = mapped_csv(text, "given=First,location=Country,location=City")
    assert reversed_order.people[0].location == "United States, Pittsburgh"


@pytest.mark.parametrize(
    ("whole", "shown", "given", "family"),
    [
        # Shown given name first; a company's legal form or a name in Han script is no
        # "Family, Given".
        ("Müller, José", "José Müller", "José", "Müller"),
        ("Lee, Ann Marie", "Ann Marie Lee", "Ann Marie", "Lee"),
        ("Acme, Inc.", "Acme, Inc.", "Acme, Inc.", None),
        ("Jennifer Co", "Jennifer Co", "Jennifer", "Co"),
        ("山田, 太郎", "山田, 太郎", "太郎", "山田"),
        ("Dr. Jane van der Berg", "Dr. Jane van der Berg", "Jane", "van der Berg"),
        ("Mary Ann O'Neil-Smith PhD", "Mary Ann O'Neil-Smith", "Mary Ann", "O'Neil-Smith"),
        ("Cher", "Cher", "Cher", None),
    ],
)
def test_a_whole_name_column_is_split_into_given_and_family_names(whole, shown, given, family):
    text = f'Full Name,Email\n"{whole}",someone@example.com\n'
    (person,) = mapped_csv(text, "name=Full Name,email=Email").people
    assert (person.display_name, person.given_name, person.family_name) == (shown, given, family)


def test_a_family_given_name_is_shown_given_name_first_and_keyed_as_before():
    text = 'Full Name,Email\n"Müller, José",jose@example.com\n"Müller, José",\n'
    with_email, without = mapped_csv(text, "name=Full Name,email=Email").people
    assert with_email.name == without.name == "José Müller"
    # The key the row had when it was shown as written: a newer import finds it still.
    assert (with_email.key, without.key) == (
        "name:müller, josé|jose@example.com",
        "name:müller, josé",
    )


def test_separate_name_columns_win_over_the_whole_name():
    text = "Full,First,Last\nJo Smith-Jones,Joanna,Smith-Jones\n"
    (person,) = mapped_csv(text, "name=Full,given=First,family=Last").people
    assert (person.display_name, person.given_name, person.family_name) == (
        "Jo Smith-Jones",
        "Joanna",
        "Smith-Jones",
    )


# Outlook ------------------------------------------------------------------------------


def test_outlooks_export_is_read_as_outlook_with_every_detail():
    data = outlook_bytes(
        {
            "First Name": "Søren",
            "Middle Name": "Aabye",
            "Last Name": "Kierkegård",
            "E-mail Address": "soren@firma.dk",
            "E-mail 2 Address": "sk@privat.dk",
            "Business Phone": "+45 33 12 34 56",
            "Mobile Phone": "+45 20 12 34 56",
            "Home Fax": "+45 33 99 99 99",
            "Job Title": "Økonomichef",
            "Department": "Finans",
            "Company": "Firma A/S",
            "Business City": "København",
            "Business Country/Region": "Denmark",
            "Home City": "Roskilde",
            "Web Page": "https://firma.dk/soren",
            "Birthday": "0/0/00",
            "Spouse": "Regine",
            "Notes": "Håndbold",
        },
        {
            "Title": "Dr.",
            "First Name": "Ana",
            "Last Name": "García López",
            "Suffix": "Jr.",
            "E-mail Address": "ana@acme.com",
            "Job Title": "Senior Engineer",
            "Company": "Acme Corp",
            "Home City": "Sevilla",
            "Home Country/Region": "Spain",
            "Birthday": "4/12/1985",
        },
    )
    parsed = parse_bytes("contacts.csv", data)
    assert (parsed.format, parsed.label) == ("outlook-contacts", "Outlook contacts CSV")
    soren, ana = parsed.people
    assert (soren.given_name, soren.family_name) == ("Søren Aabye", "Kierkegård")
    assert [(e.value, e.label) for e in soren.emails] == [
        ("soren@firma.dk", None),
        ("sk@privat.dk", None),
    ]
    assert [(p.value, p.label) for p in soren.phones] == [
        ("+45 20 12 34 56", "mobile"),
        ("+45 33 12 34 56", "work"),
        ("+45 33 99 99 99", "home fax"),
    ]
    position = soren.positions[0]
    assert (position.organization, position.title, position.department) == (
        "Firma A/S",
        "Økonomichef",
        "Finans",
    )
    assert soren.location == "København, Denmark"  # the business address first
    assert soren.birthday is None  # "0/0/00" is Outlook's "no birthday"
    assert [u.value for u in soren.urls] == ["https://firma.dk/soren"]
    # (The home address's place, not the place, is kept in the notes.)
    assert soren.notes == "Home address: Roskilde\nSpouse: Regine\nHåndbold"
    assert not soren.warnings
    assert ana.display_name == "Dr. Ana García López Jr."
    assert (ana.given_name, ana.family_name) == ("Ana", "García López")
    assert ana.location == "Sevilla, Spain"
    assert ana.birthday is not None and ana.birthday.isoformat() == "1985-04-12"


def test_outlook_dates_are_read_in_one_order_per_file():
    # A British Outlook writes day first: 26/12/1985 proves it, so 05/04/1990 is 5 April.
    uk = parse_bytes(
        "contacts.csv",
        outlook_bytes(
            {"First Name": "Ada", "Last Name": "King", "Birthday": "26/12/1985"},
            {
                "First Name": "Bo",
                "Last Name": "Lund",
                "Birthday": "05/04/1990",
                "Anniversary": "01/06/2015",
            },
        ),
    )
    ada, bo = uk.people
    assert ada.birthday is not None and ada.birthday.isoformat() == "1985-12-26"
    assert bo.birthday is not None and bo.birthday.isoformat() == "1990-04-05"
    assert bo.notes == "Anniversary: 2015-06-01"
    assert uk.notes == []
    # Nothing proves the order: read month first, as a US Outlook writes, and said so.
    us = parse_bytes(
        "contacts.csv",
        outlook_bytes({"First Name": "Cy", "Last Name": "Moss", "Birthday": "05/04/1990"}),
    )
    (cy,) = us.people
    assert cy.birthday is not None and cy.birthday.isoformat() == "1990-05-04"
    assert us.notes == [
        "contacts.csv: no date in it shows whether its dates are written day or month first, "
        "so they were read month first, as Outlook in the US writes them: '05/04/1990' "
        "(line 2) is 4 May 1990. If they are day first, correct those birthdays and "
        "anniversaries on each person's page."
    ]


def test_a_nameless_outlook_row_is_a_person_by_address_or_the_companys_contact():
    parsed = parse_bytes(
        "contacts.csv",
        outlook_bytes(
            {"Company": "Contoso Staffing", "Company Main Phone": "+1 (206) 555-0100",
             "E-mail Address": "jobs@contoso.example"},
            {"Company": "Contoso Staffing", "E-mail Address": "quinn@contoso.example"},
            {"Company": "Fabrikam", "Business Phone": "+1 (206) 555-0199"},
        ),
    )  # fmt: skip
    # An address an organization keeps for itself (jobs@) makes the row the company's.
    assert [p.name for p in parsed.people] == [
        "Contoso Staffing", "quinn@contoso.example", "Fabrikam",
    ]  # fmt: skip


# Thunderbird --------------------------------------------------------------------------


def test_thunderbirds_address_book_is_read_with_every_detail():
    data = (DATA / "thunderbird.csv").read_bytes()
    parsed = parse_bytes("thunderbird.csv", data)
    assert (parsed.format, parsed.label) == ("thunderbird-contacts", "Thunderbird address book CSV")
    aoife, tomas, lukas = parsed.people
    assert (aoife.given_name, aoife.family_name, aoife.name) == (
        "Aoife", "Ní Bhriain", "Aoife Ní Bhriain",
    )  # fmt: skip
    assert [e.value for e in aoife.emails] == ["aoife@brightpath.example", "aoife.nb@home.example"]
    assert [(p.value, p.label) for p in aoife.phones] == [
        ("+353 87 555 0102", "mobile"), ("+353 1 555 0101", "work"),
    ]  # fmt: skip
    assert [(u.value, u.label) for u in aoife.urls] == [
        ("https://www.linkedin.com/in/aoife-nb", "LinkedIn"), ("https://aoife.example", "home"),
    ]  # fmt: skip
    (job,) = aoife.positions
    assert (job.organization, job.title, job.department) == (
        "BrightPath", "Talent Partner", "Engineering hiring",
    )  # fmt: skip
    assert aoife.location == "Dublin, Ireland"
    assert aoife.birthday == date(1990, 7, 3)
    assert aoife.notes == (
        "Goes by Eefa\nWork address: 12 Dock Rd, Dublin, D02, Ireland\nChat: aoife_nb\n"
        "Custom 1: Met at PyCon\nRecruiter, friendly"
    )
    # A birthday without a year is kept as one, as every format's is.
    assert (tomas.birthday, tomas.birthday_no_year, tomas.notes, tomas.location) == (
        None, "--03-14", None, "Seville, Spain",
    )  # fmt: skip
    assert lukas.name == "Lukas Novák" and lukas.positions[0].organization == "Vltava Software"
    # (A whole name alone is read in parts: he sorts and matches by his family name; the
    # key is the name as written, as before it was read so.)
    assert (lukas.given_name, lukas.family_name) == ("Lukas", "Novák")
    assert lukas.key == "name:lukas novák|lukas.novak@vltava.example"
    assert [s.reason for s in parsed.skipped] == ["an empty row"]
    assert aoife.key == "name:aoife ní bhriain|aoife@brightpath.example"


def test_a_thunderbird_display_name_that_is_an_address_or_the_company_is_no_whole_name():
    head = (DATA / "thunderbird.csv").read_text(encoding="utf-8").splitlines()[0]
    width = head.count(",") + 1
    columns = head.split(",")

    def row(**cells: str) -> str:
        return ",".join(cells.get(c, "") for c in columns[:width])

    data = "\n".join([
        head,
        row(**{"Display Name": "zed@nowhere.example", "Primary Email": "zed@nowhere.example"}),
        row(**{"Display Name": "Vltava s.r.o.", "Organization": "Vltava s.r.o.",
               "Work Phone": "+420 222 333 444"}),
    ]) + "\n"  # fmt: skip
    zed, vltava = parse_bytes("tb.csv", data.encode()).people
    assert (zed.given_name, zed.family_name, zed.name) == (None, None, "zed@nowhere.example")
    assert (vltava.given_name, vltava.family_name) == (None, None)


def test_a_file_sharing_a_few_columns_with_linkedin_is_not_said_to_be_linkedin():
    headers = "First Name,Last Name,Company,Nickname,E-mail Address,Home Phone,Job Title,Notes"
    with pytest.raises(ImportFileError) as refused:
        parse_bytes("other.csv", f"{headers}\nAda,L,Acme,,a@x.example,,CTO,\n".encode())
    assert "looks like" not in refused.value.message
    assert "Outlook contacts CSV" in refused.value.message  # among what Goodword reads


# Files that are no people file --------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx() -> bytes:
    """A minimal Excel workbook: what makes a ZIP one is its parts, not its name."""
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
            "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet/>',
        }
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (xlsx(), "is an Excel workbook, not a CSV file. Open it in Excel and save the sheet as "
         "CSV (UTF-8)"),
        (
            zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b"<office:document-content/>"}),
            "is an OpenDocument spreadsheet (LibreOffice, OpenOffice), not a CSV file.",
        ),
        (
            zip_of({"Index/Document.iwa": b"\x00\x01", "Metadata/Properties.plist": b"x"}),
            "is an Apple Numbers spreadsheet, not a CSV file.",
        ),
    ],
)  # fmt: skip
def test_a_spreadsheet_workbook_is_named_and_the_way_to_csv_given(data, expected):
    with pytest.raises(ImportFileError) as refused:
        list(documents([Upload("contacts.dat", data)]))
    assert refused.value.message.startswith(f"contacts.dat: {expected}")


def test_a_workbook_inside_a_folder_is_passed_over_not_refused(tmp_path: Path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.xlsx").write_bytes(xlsx())
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    found = list(documents([folder]))
    assert (found[0].name, found[0].text, found[0].member) == ("export/Connections.xlsx", "", True)


def test_the_whole_workspace_export_points_to_the_command_that_restores_it():
    whole = json.dumps({"format": "goodword-export", "version": 1, "people": []}, indent=2)
    with pytest.raises(ImportFileError) as refused:
        parse_bytes("whole.json", whole.encode())
    message = refused.value.message
    assert message.startswith(
        "whole.json: is a whole Goodword export (Export everything, or `goodword export`)"
    )
    # Restoring is the command line's; the people the web import takes are the other downloads.
    assert "run `goodword import-json whole.json` on the command line" in message
    assert "under Take your people with you on the import page" in message


# Line numbers -------------------------------------------------------------------------


def test_a_row_over_several_lines_is_named_by_the_line_it_begins_on():
    text = (
        "First,Last,Notes\r\n"
        'Maria,Rossi,"Met at PyCon\r\nLikes hiking\r\nand Rome"\r\n'
        "Tom,Nguyen,\r\n"
    )
    (document,) = documents([Upload("crm.csv", text.encode())])
    table = read_table(document)
    assert table is not None
    assert [line for line, _row in table.rows] == [2, 5]
    parsed = registry.parse(document, mapping=column_map.parse_mapping("given=First,notes=Notes"))
    assert parsed is not None
    assert [(p.name, p.line) for p in parsed.people] == [("Maria", 2), ("Tom", 5)]


def test_a_file_sharing_only_the_name_columns_is_not_said_to_be_a_known_one():
    # Google's legacy "E-mail 1 - Value, Family Name, Given Name" lacks one column here,
    # but a given and a family name are in every contacts file.
    with pytest.raises(ImportFileError) as refused:
        parse_bytes("crm.csv", b"Given Name,Family Name,Stage,Owner\nAda,L,Lead,Kim\n")
    assert "looks like" not in refused.value.message


def test_a_map_given_for_a_file_a_format_knows_is_said_to_be_unused():
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Acme,Engineer,12 Mar 2024\n"
    )
    (document,) = documents([Upload("Connections.csv", connections.encode())])
    parsed = registry.parse(document, mapping=column_map.parse_mapping("given=Position"))
    assert parsed is not None and parsed.format == "linkedin-connections"
    assert [p.given_name for p in parsed.people] == ["Ada"]
    assert parsed.notes == [
        "Connections.csv: read as LinkedIn connections, by its own columns; the column map "
        "was not used (it is for a CSV no format knows)."
    ]
    (unmapped,) = documents([Upload("Connections.csv", connections.encode())])
    assert registry.parse(unmapped).notes == []  # (no map given: nothing to say)


def test_a_department_column_is_picked_for_a_file_no_format_knows():
    picked = column_map.guess_columns(["Full Name", "Company", "Department"])
    assert picked == [("name", "Full Name"), ("org", "Company"), ("department", "Department")]


def test_columns_with_text_the_map_leaves_out_are_named_in_the_notes():
    text = "ID,Name,Owner,Lead Source,Empty,\n1,Ada Lovelace,Sam,Web,,\n2,Bob Byte,,,,\n"
    parsed = mapped_csv(text, "key=ID,name=Name")
    assert parsed.notes == [
        "crm.csv: not imported, as the column map does not name them: 'Owner', "
        "'Lead Source'. To keep a column's text, map it to notes (notes=Column); notes may "
        "be given several columns."
    ]
    assert mapped_csv(text, "key=ID,name=Name,notes=Owner,notes=Lead Source").notes == []


def test_a_tags_cell_is_split_on_commas_semicolons_and_lines():
    text = 'Name,Tags\nAda Lovelace,"referral;python, maths"\n'
    (document,) = documents([Upload("crm.csv", text.encode())])
    parsed = registry.parse(document, mapping=column_map.parse_mapping("name=Name,tags=Tags"))
    assert parsed is not None
    assert parsed.people[0].tags == ["referral", "python", "maths"]
