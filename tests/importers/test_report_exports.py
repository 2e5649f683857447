"""Reports a CRM or a spreadsheet exports, read through a column map: title lines above the
column names, and a footer, a totals row or a formula below the rows. None of those is a
person; each is reported with its reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.reading import Document
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.importers.tables import read_table
from goodword.people.models import Person

DATA = Path(__file__).parent.parent / "data" / "importers"
TODAY = date(2026, 11, 25)
MAP = "name=Name,email=Email,phone=Phone,org=Company,title=Title"


def run(session: Session, workspace_id: int, name: str, data: bytes, mapping: str = MAP):
    report = import_files(
        session,
        workspace_id=workspace_id,
        paths_or_uploads=[Upload(name, data)],
        mapping=mapping,
        today=TODAY,
    )
    session.flush()
    return report


def names(session: Session, workspace_id: int) -> list[str]:
    people = select(Person.display_name).where(Person.workspace_id == workspace_id)
    return sorted(session.scalars(people))


def skipped(report: ImportReport) -> list[tuple[int | None, str]]:
    return [(r.line, r.detail) for r in report.rows if r.outcome is Outcome.SKIPPED]


def test_a_salesforce_reports_footer_is_no_one(session: Session, workspace) -> None:
    report = run(
        session,
        workspace.id,
        "salesforce_report.csv",
        (DATA / "salesforce_report.csv").read_bytes(),
        "name=Full Name,title=Title,org=Account Name,email=Email,phone=Phone",
    )

    assert names(session, workspace.id) == ["Renée Lefèvre", "Tom Becker"]
    assert skipped(report)[1:3] == [
        (
            6,
            "'All Contacts - Job Search' is below the table, after an empty row: a line of "
            "the report's footer, not a person",
        ),
        (
            7,
            "'Copyright (c) 2000-2026 salesforce.com, inc. All rights res…' is below the "
            "table, after an empty row: a line of the report's footer, not a person",
        ),
    ]
    assert [line for line, _ in skipped(report)] == [5, 6, 7, 8, 9, 10]


def test_names_alone_below_an_empty_row_are_people(session: Session, workspace) -> None:
    # Nothing there only a footer says: the lines are people with nothing else written.
    sheet = b"Name,Email\r\nAnn Lee,ann@x.example\r\n,\r\nBo Chen\r\nCy Diaz\r\n"

    run(session, workspace.id, "list.csv", sheet, "name=Name,email=Email")

    assert names(session, workspace.id) == ["Ann Lee", "Bo Chen", "Cy Diaz"]


def test_totals_and_formulas_below_the_rows_are_no_one(session: Session, workspace) -> None:
    sheet = (
        b"Name,Email,Phone,Company,Deal value\r\n"
        b'Ann Lee,ann@x.example,(415) 555-0100,Acme,"$12,000"\r\n'
        b'Bo Chen,bo@y.example,(415) 555-0101,Total Wine,"$8,500"\r\n'
        b',,,Total,"$20,500"\r\nTotal: 2 contacts,,,,\r\nCount,2,,,\r\n=COUNTA(A2:A3),,,,\r\n'
    )

    mapping = "name=Name,email=Email,phone=Phone,org=Company,notes=Deal value"
    report = run(session, workspace.id, "deals.csv", sheet, mapping)

    # (A company called "Total Wine" is a company.)
    assert names(session, workspace.id) == ["Ann Lee", "Bo Chen"]
    assert skipped(report) == [
        (4, "'Total' begins a row of totals, not a person"),
        (5, "'Total: 2 contacts' begins a row of totals, not a person"),
        (6, "'Count' begins a row of totals, not a person"),
        (
            7,
            "'=COUNTA(A2:A3)' is a spreadsheet formula saved as its text, not a person (to "
            "keep what a formula shows, save the sheet with its values)",
        ),
    ]


def test_title_lines_above_the_column_names_are_passed_over(session: Session, workspace) -> None:
    rows = "Ann Lee,ann@x.example,(415) 555-0100,Acme,Engineer\r\n"
    header = "Name,Email,Phone,Company,Title\r\n"
    files = {
        # A title and an empty line; two lines of title; a title with a comma in it; a row
        # grouping the columns.
        "blank.csv": "My network\r\n\r\n" + header + rows,
        "two.csv": "My network\r\nExported 2026-11-05\r\n" + header + rows,
        "comma.csv": "Report: Contacts, all owners\r\n" + header + rows,
        "grouped.csv": "Contact,,,Work,\r\n" + header + rows,
    }
    for name, text in files.items():
        report = run(session, workspace.id, name, text.encode())

        [row] = report.rows
        assert row.line == text.count("\n") and row.outcome is not Outcome.SKIPPED, name
    [ann] = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    assert ann.positions[0].title == "Engineer"


def test_a_header_naming_no_column_as_wide_as_the_rows_is_the_header(session, workspace):
    # The row below names more columns only as its values fill them: it is a person.
    sheet = b"Name,Company,\r\nAnn Lee,Acme,VIP\r\nBo Chen,Initech,\r\n"

    report = run(session, workspace.id, "list.csv", sheet, "name=Name,org=Company")

    assert names(session, workspace.id) == ["Ann Lee", "Bo Chen"]
    assert skipped(report) == []


def test_a_padded_title_and_a_grouping_row_are_passed_over_without_a_map_too() -> None:
    header = "Name,Email,Phone,Company,Title\r\n"
    row = "Ann Lee,ann@x.example,(415) 555-0100,Acme,Engineer\r\n"
    for above in ("Report: Contacts, all owners,,,\r\n", "Contact,,,Work,\r\n"):
        table = read_table(Document("report.csv", above + header + row))

        assert table is not None and table.headers == header.strip().split(","), above
