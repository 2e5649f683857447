"""Other CRMs' and spreadsheets' exports read through a column map: names in capitals, a
key column that is not each row's own, ids a spreadsheet took the zeros off, a title line,
a map given with a folder, phone cells of words, and birthdays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import ImportFileError, Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.organizations.names import organization_key
from goodword.people import service as people
from goodword.people.models import Person

TODAY = date(2026, 11, 25)
DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def run(session: Session, workspace_id: int, name: str, text: str, mapping: str) -> ImportReport:
    report = import_files(
        session,
        workspace_id=workspace_id,
        paths_or_uploads=[Upload(name, text.encode())],
        mapping=mapping,
        today=TODAY,
    )
    session.flush()
    return report


def everyone(session: Session, workspace_id: int) -> list[Person]:
    session.expire_all()
    return list(
        session.scalars(
            select(Person)
            .where(Person.workspace_id == workspace_id)
            .options(*people.with_details())
            .order_by(Person.id)
        )
    )


def test_a_roster_in_capitals_keeps_given_names_not_credentials(session, workspace):
    roster = 'Name,Email\n"WEISS, HANNAH",h@x.example\n"Diaz, LMFT",a@x.example\n'
    roster += (
        '"NAYAK, PRIYA, MBA",p@x.example\n"Okafor, Jr.",o@x.example\n"Smith, JOHN",j@x.example\n'
    )
    run(session, workspace.id, "roster.csv", roster, "name=Name,email=Email")
    found = {p.emails[0].address: p for p in everyone(session, workspace.id)}
    assert (found["h@x.example"].given_name, found["h@x.example"].family_name) == (
        "HANNAH",
        "WEISS",
    )
    assert found["h@x.example"].notes is None
    # Letters in capitals after a name that is not are credentials, known or not.
    assert (found["a@x.example"].given_name, found["a@x.example"].family_name) == ("Diaz", None)
    assert found["a@x.example"].notes == "Credentials: LMFT"
    # ...unless they are a given name Goodword knows.
    assert (found["j@x.example"].given_name, found["j@x.example"].family_name) == (
        "JOHN",
        "Smith",
    )
    # A credential Goodword knows is still one, in capitals too.
    assert (found["p@x.example"].given_name, found["p@x.example"].family_name) == (
        "PRIYA",
        "NAYAK",
    )
    assert found["p@x.example"].notes == "Credentials: MBA"


def test_a_key_column_that_repeats_an_id_keys_those_rows_by_their_names(session, workspace):
    mapping = "key=Company ID,given=First Name,family=Last Name,email=Email,org=Company"
    header = "Company ID,First Name,Last Name,Email,Company\n"
    tom = "900,Tom,Becker,tom@amberbank.example,Amber Bank\n"
    lisa = "900,Lisa,Kern,lisa@amberbank.example,Amber Bank\n"
    first = run(session, workspace.id, "crm.csv", header + tom + lisa, mapping)
    (note,) = [n for n in first.notes if "key column" in n]
    assert note.startswith(
        "crm.csv: the key column 'Company ID' gives one id to several rows: 900 (lines 2, 3)."
    )
    # A newer export sorted otherwise: each row stays with its own person.
    again = run(session, workspace.id, "crm.csv", header + lisa + tom, mapping)
    assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    found = {p.display_name: [e.address for e in p.emails] for p in everyone(session, workspace.id)}
    assert found == {
        "Tom Becker": ["tom@amberbank.example"],
        "Lisa Kern": ["lisa@amberbank.example"],
    }


def test_an_id_a_spreadsheet_took_the_zeros_off_is_the_same_record(session, workspace):
    mapping = "key=ID,name=Name,org=Company"
    header = "ID,Name,Company\n"
    run(session, workspace.id, "crm.csv", header + "00124,Ana Silva,Globex\n", mapping)
    again = run(session, workspace.id, "crm.csv", header + "124,Ana Silva,Globex\n", mapping)
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED]
    assert len(everyone(session, workspace.id)) == 1


@pytest.mark.parametrize(
    "sheet",
    [
        "Table 1\nName,Email,Company\nPriya Raman,priya@k.example,Kestrel\n",
        "Table 1\nName,Email\nPriya Raman,priya@k.example\n",
        'Table 1\nName,Email\n"Raman, Priya",priya@k.example\n',
    ],
)
def test_a_table_under_a_title_line_is_read(session, workspace, sheet):
    # Apple Numbers, with "Include table names", writes the table's name above it.
    report = run(session, workspace.id, "numbers.csv", sheet, "name=Name,email=Email")
    assert [r.outcome for r in report.rows] == [Outcome.CREATED]
    assert [p.emails[0].address for p in everyone(session, workspace.id)] == ["priya@k.example"]


def test_a_map_with_a_folder_says_it_is_for_a_file_named_on_its_own(session, workspace, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "hubspot.csv").write_text("Record ID,First Name,Last Name\n1,Ada,Lovelace\n")
    with pytest.raises(ImportFileError) as refused:
        import_files(
            session, workspace_id=workspace.id, paths_or_uploads=[folder], today=TODAY,
            mapping="key=Record ID,given=First Name,family=Last Name",
        )  # fmt: skip
    assert "the column map is for a CSV named on its own" in refused.value.message
    (tmp_path / "export" / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bo,Li,https://www.linkedin.com/in/bo-li,,Acme,Engineer,26 Dec 2025\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[folder], today=TODAY,
        mapping="key=Record ID,given=First Name,family=Last Name",
    )  # fmt: skip
    files = {Path(f.name).name: f.label for f in report.files}
    assert files["hubspot.csv"].startswith("not read: a CSV no format knows, in a folder")


def test_a_phone_cell_of_words_goes_to_the_notes_and_is_said(session, workspace):
    sheet = "Name,Phone\nAda Lovelace,ask reception\nBo Li,+44 20 7946 0958\n"
    report = run(session, workspace.id, "crm.csv", sheet, "name=Name,phone=Phone")
    found = {p.display_name: p for p in everyone(session, workspace.id)}
    assert (
        found["Ada Lovelace"].phones == [] and found["Ada Lovelace"].notes == "Phone: ask reception"
    )
    assert [p.number for p in found["Bo Li"].phones] == ["+442079460958"]
    assert (
        "crm.csv, line 2: 'ask reception' is not a phone number; kept in the notes" in report.notes
    )


def test_a_semicolon_sheet_s_birthdays_are_read_day_first(session, workspace):
    # German Excel: cells apart by semicolons, dates day first, none of them proving it.
    sheet = "Name;Geburtstag\nAnna Weber;03/04/1985\nBen Ott;01/02/1990\n"
    report = run(session, workspace.id, "kontakte.csv", sheet, "name=Name,birthday=Geburtstag")
    found = {p.display_name: p.birthday for p in everyone(session, workspace.id)}
    assert found == {"Anna Weber": date(1985, 4, 3), "Ben Ott": date(1990, 2, 1)}
    (note,) = [n for n in report.notes if "day or month first" in n]
    assert "read day first, as a spreadsheet that separates cells with semicolons" in note


def test_a_birthday_with_a_two_digit_year_to_come_is_the_last_century_s(session, workspace):
    sheet = "Name,DOB\nAda Lovelace,3/4/27\nBo Li,3/4/85\n"
    run(session, workspace.id, "crm.csv", sheet, "name=Name,birthday=DOB")
    found = {p.display_name: p.birthday for p in everyone(session, workspace.id)}
    assert found == {"Ada Lovelace": date(1927, 3, 4), "Bo Li": date(1985, 3, 4)}


def test_notions_pages_after_related_names_are_left_out(session, workspace):
    page = "https://www.notion.so/Acme-Corp-4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f?pvs=21"
    export = (
        "\ufeffName,Company,Email,Tags\n"
        f'Hannah Weiss,Acme Corp ({page}),hannah@acme.example,"Python ({page}), Remote"\n'
    )

    run(session, workspace.id, "Networking 8c1f.csv", export,
        "name=Name,org=Company,email=Email,tags=Tags")  # fmt: skip

    [hannah] = everyone(session, workspace.id)
    assert [p.organization.name for p in hannah.positions] == ["Acme Corp"]
    assert hannah.tags == ["Python", "Remote"]


def test_several_note_columns_keep_their_names(session, workspace):
    sheet = (
        "Name,Email,Introduced by,Notes,Met at,Referred me to\n"
        'Lena Fischer,lena@x.example,"Priya Nayak","Coffee chat went well.",Acme,Acme\n'
    )
    three = "name=Name,email=Email,notes=Introduced by,notes=Notes,notes=Met at"

    run(session, workspace.id, "grid.csv", sheet, three)
    # A column mapped later adds its line, though the notes say its value under another.
    again = run(session, workspace.id, "grid.csv", sheet, three + ",notes=Referred me to")

    [lena] = everyone(session, workspace.id)
    assert lena.notes == (
        "Introduced by: Priya Nayak\nCoffee chat went well.\nMet at: Acme\n\nReferred me to: Acme"
    )
    assert [r.detail for r in again.rows] == ["notes added"]


@pytest.mark.parametrize(
    "before",
    [
        # One column mapped first, kept as written; then more, each under its name.
        "name=Name,email=Email,notes=Introduced by",
        # All three, as versions before note columns kept their names wrote them.
        None,
    ],
)
def test_note_columns_under_their_names_add_no_line_the_notes_hold_unnamed(
    session, workspace, before
):
    sheet = DATA / "crm_note_columns.csv"
    three = "name=Name,email=Email,notes=Introduced by,notes=Notes,notes=Met at"
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[sheet], today=TODAY,
        mapping=before or three,
    )  # fmt: skip
    if before is None:
        lena = session.scalars(select(Person).where(Person.display_name == "Lena Fischer")).one()
        lena.notes = "Priya Nayak\nCoffee chat went well.\nAcme\nBerlin office"
        for source in lena.sources:
            source.fingerprint = None  # (kept before fingerprints were)
        session.flush()

    again = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[sheet], today=TODAY, mapping=three
    )

    found = {p.display_name: p.notes for p in everyone(session, workspace.id)}
    assert found["Lena Fischer"] == (
        "Priya Nayak" if before else "Priya Nayak\nCoffee chat went well.\nAcme\nBerlin office"
    ) + ("\n\nCoffee chat went well.\nMet at: Acme\nBerlin office" if before else "")
    assert again.rows[0].detail == ("notes added" if before else "nothing new in the file")


def test_ids_a_spreadsheet_rounded_are_said_to_be_so(session, workspace):
    sheet = (
        "Record ID,First Name,Last Name,Email\n"
        "1.01235E+11,Ann,Lee,ann@x.example\n1.01235E+11,Bo,Chen,\n"
    )

    report = run(session, workspace.id, "contacts-hs.csv", sheet,
                 "key=Record ID,given=First Name,family=Last Name,email=Email")  # fmt: skip

    assert [n for n in report.notes if "Record ID" in n] == [
        "contacts-hs.csv: the ids in 'Record ID' were rounded by a spreadsheet (line 2 "
        "'1.01235E+11', line 3 '1.01235E+11'), so they are no record's own id: those rows "
        "were matched by their names and e-mail addresses instead, and their ids not kept. "
        "Format the column as text where the file came from and export it again, to keep "
        "each record's own id."
    ]
    assert len(everyone(session, workspace.id)) == 2


def test_text_in_a_column_with_no_name_is_said_not_to_be_imported(session, workspace):
    sheet = "Name,Email,,\nAnn Lee,ann@x.example,call her Monday,\n"

    report = run(session, workspace.id, "list.csv", sheet, "name=Name,email=Email")

    assert report.notes == [
        "list.csv: not imported, as the column map does not name it: column 3. To keep a "
        "column's text, map it to notes (notes=Column); notes may be given several columns. "
        "A column with no name (a number here) can be mapped once its first row names it."
    ]


def test_a_link_saved_as_its_formula_gives_its_address(session, workspace):
    sheet = (
        'Name,LinkedIn\nAnn Lee,"=HYPERLINK(""https://www.linkedin.com/in/annlee"",""Profile"")"\n'
    )

    run(session, workspace.id, "sheet.csv", sheet, "name=Name,url=LinkedIn")

    [ann] = everyone(session, workspace.id)
    assert [u.url for u in ann.urls] == ["https://www.linkedin.com/in/annlee"]


def test_a_middle_name_and_the_labels_column_names_give(session, workspace):
    # Pipedrive's and Copper's columns: a middle name, and each number's kind in its name.
    sheet = (
        "First Name,Middle Name,Last Name,Person - Phone - Mobile,Phone,Email (Work)\n"
        "Mary,Ann,Jones,+1 415 555 0100,+1 415 555 0101,mary@x.example\n"
    )

    run(session, workspace.id, "people.csv", sheet,
        "given=First Name,middle=Middle Name,family=Last Name,phone=Person - Phone - Mobile,"
        "phone=Phone,email=Email (Work)")  # fmt: skip

    [mary] = everyone(session, workspace.id)
    assert (mary.given_name, mary.family_name) == ("Mary Ann", "Jones")
    assert [(p.number, p.label) for p in mary.phones] == [
        ("+14155550100", "mobile"),
        ("+14155550101", None),
    ]
    assert [(e.address, e.label) for e in mary.emails] == [("mary@x.example", "work")]


def test_a_title_written_over_two_lines_is_one_line(session, workspace):
    sheet = 'Name,Company,Title\nAnn Lee,"Beta\nLabs","Senior\nEngineer"\n'

    run(session, workspace.id, "sheet.csv", sheet, "name=Name,org=Company,title=Title")

    [ann] = everyone(session, workspace.id)
    assert [(p.organization.name, p.title) for p in ann.positions] == [
        ("Beta Labs", "Senior Engineer")
    ]


def test_a_middle_name_mapped_later_is_the_same_record(session, workspace):
    sheet = "First Name,Middle Name,Last Name\nCy,Jo,Diaz\nMary Ann,A,Lee\n"
    run(session, workspace.id, "people.csv", sheet, "given=First Name,family=Last Name")

    again = run(session, workspace.id, "people.csv", sheet,
                "given=First Name,middle=Middle Name,family=Last Name")  # fmt: skip

    # One record each, which now says its middle name.
    found = [(p.given_name, p.family_name) for p in everyone(session, workspace.id)]
    assert found == [("Cy Jo", "Diaz"), ("Mary Ann A", "Lee")]
    assert [r.outcome for r in again.rows] == [Outcome.UPDATED] * 2


def test_an_organization_kept_under_its_notion_link_is_the_organization_it_names():
    # As an import kept it before it left Notion's link out: a re-import's "Acme Corp" is it.
    page = "https://www.notion.so/Acme-Corp-4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f?pvs=21"

    assert organization_key(f"Acme Corp ({page})") == organization_key("Acme Corp") == "acme"


def test_only_words_for_a_kind_of_number_are_labels(session, workspace):
    sheet = (
        "Name,Emails,Phone Numbers,Business Fax\n"
        'Ann Lee,ann@x.example (Ann),"Phone: +1 415 555 0100 / Mobile: +1 415 555 0101",\n'
        'Bo Chen,bo@x.example,"Work: 415-555-0102 x12, Mobile: 415-555-0103",415-555-0199\n'
    )

    run(session, workspace.id, "sheet.csv", sheet,
        "name=Name,email=Emails,phone=Phone Numbers,phone=Business Fax")  # fmt: skip

    found = {p.display_name: p for p in everyone(session, workspace.id)}
    assert [(e.address, e.label) for e in found["Ann Lee"].emails] == [("ann@x.example", None)]
    assert [(p.number, p.label) for p in found["Ann Lee"].phones] == [
        ("+14155550100", None),
        ("+14155550101", "mobile"),
    ]
    assert [(p.number, p.label) for p in found["Bo Chen"].phones] == [
        ("+14155550102;ext=12", "work"),
        ("+14155550103", "mobile"),
        ("+14155550199", "fax"),
    ]
    assert found["Ann Lee"].notes is None
