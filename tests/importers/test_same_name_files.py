"""Two files of one name in one import (two uploads named Connections.csv, or two folders'
on the command line) are told apart in the report, its rows and its undo."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import undoing
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person, PersonSource
from goodword.workspaces.models import Workspace

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,AE,Math,26 Dec 2025\n"
BOB_AND_CY = (
    "Bob,Smith,https://www.linkedin.com/in/bob,,Acme,Engineer,1 Jan 2026\n"
    "Cy,Ng,https://www.linkedin.com/in/cy,,Acme,Designer,1 Jan 2026\n"
)
FIRST = "Connections.csv (the first file of that name)"
SECOND = "Connections.csv (the second file of that name)"


def _import(session: Session, workspace: Workspace, *uploads: Upload) -> ImportReport:
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(uploads), today=date(2026, 11, 28)
    )
    session.commit()
    return report


def _delete_ada(session: Session, workspace: Workspace) -> None:
    _import(session, workspace, Upload("Connections.csv", (HEADER + ADA).encode()))
    ada = session.scalars(select(Person)).one()
    people.delete(session, workspace_id=workspace.id, person_id=ada.id)
    session.commit()


def test_two_files_of_one_name_are_counted_and_listed_each_as_itself(
    session: Session, workspace: Workspace
) -> None:
    _delete_ada(session, workspace)
    report = _import(
        session,
        workspace,
        Upload("Connections.csv", (HEADER + ADA).encode()),
        Upload("Connections.csv", (HEADER + BOB_AND_CY).encode()),
    )
    assert [(f.name, f.people, f.skipped) for f in report.files] == [(FIRST, 0, 1), (SECOND, 2, 0)]
    assert [(row.file, row.line, row.outcome.value) for row in report.rows] == [
        (FIRST, 2, "skipped"),
        (SECOND, 2, "created"),
        (SECOND, 3, "created"),
    ]
    # (What the people keep is the file's own name, as one imported alone keeps.)
    kept = session.scalars(select(PersonSource.file_name).where(PersonSource.source == "linkedin"))
    assert set(kept) == {"Connections.csv"}


def test_files_of_other_names_keep_their_names(session: Session, workspace: Workspace) -> None:
    _delete_ada(session, workspace)
    report = _import(
        session,
        workspace,
        Upload("A/Connections.csv", (HEADER + ADA).encode()),
        Upload("B/Connections.csv", (HEADER + BOB_AND_CY).encode()),
    )
    assert [(f.name, f.people, f.skipped) for f in report.files] == [
        ("A/Connections.csv", 0, 1),
        ("B/Connections.csv", 2, 0),
    ]
    assert {row.file for row in report.rows} == {"A/Connections.csv", "B/Connections.csv"}


def test_an_undo_takes_back_the_line_of_each_file_of_one_name(
    session: Session, workspace: Workspace
) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\nEMAIL:ada@example.org\n"
    _import(session, workspace, Upload("ada.vcf", (card + "END:VCARD\n").encode()))
    other = ADA.replace("/in/ada,", "/in/ada-lovelace,")
    report = _import(
        session,
        workspace,
        Upload("Connections.csv", (HEADER + ADA).encode()),
        Upload("Connections.csv", (HEADER + other).encode()),
    )
    assert [(row.file, row.line, row.outcome.value) for row in report.rows] == [
        (FIRST, 2, "merged"),
        (SECOND, 2, "merged"),
    ]
    assert report.id is not None
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    left = session.execute(select(PersonSource.source, PersonSource.file_name)).all()
    assert [tuple(source) for source in left] == [("vcard", "ada.vcf")]


def _both_matched(session: Session, workspace: Workspace, name: str) -> ImportReport:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\nEMAIL:ada@example.org\n"
    _import(session, workspace, Upload("ada.vcf", (card + "END:VCARD\n").encode()))
    other = ADA.replace("/in/ada,", "/in/ada-lovelace,")
    return _import(
        session,
        workspace,
        Upload(name, (HEADER + ADA).encode()),
        Upload(name, (HEADER + other).encode()),
    )


def test_an_undo_names_the_line_of_each_file_of_one_name_as_the_report_does(
    session: Session, workspace: Workspace
) -> None:
    report = _both_matched(session, workspace, "Connections.csv")
    assert report.id is not None
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    (back,) = plan.taken_back
    assert back.records == [
        f"LinkedIn record, line 2 of {FIRST}",
        f"LinkedIn record, line 2 of {SECOND}",
    ]


def test_an_undo_takes_back_the_line_of_each_file_of_one_long_name(
    session: Session, workspace: Workspace
) -> None:
    # (Told apart, the names pass the 300 characters a source record keeps of one.)
    name = "Connections " + "x" * 280 + ".csv"
    report = _both_matched(session, workspace, name)
    assert report.id is not None
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    (back,) = plan.taken_back
    assert back.records == [
        f"LinkedIn record, line 2 of {name} (the first file of that name)",
        f"LinkedIn record, line 2 of {name} (the second file of that name)",
    ]
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    left = session.execute(select(PersonSource.source, PersonSource.file_name)).all()
    assert [tuple(source) for source in left] == [("vcard", "ada.vcf")]


def test_a_scan_takes_two_files_of_one_name_for_two_lists(
    session: Session, workspace: Workspace
) -> None:
    """Two Connections.csv of one import (two exports, say) are two lists, as the report
    tells them apart: someone of one is compared with someone of the other, while two rows
    of one file stay two members; one listed in both is of neither list alone."""
    from goodword.importers.listings import listed_people

    _import(
        session,
        workspace,
        Upload("Connections.csv", (HEADER + ADA + BOB_AND_CY).encode()),
        Upload(
            "Connections.csv",
            (HEADER + "Dee,Ray,https://www.linkedin.com/in/dee,,Acme,Chemist,1 Jan 2026\n"
             + ADA).encode(),
        ),
    )  # fmt: skip
    by_name = {p.display_name: p.id for p in session.scalars(select(Person))}

    listed = listed_people(session, workspace_id=workspace.id)

    assert listed[by_name["Bob Smith"]] == listed[by_name["Cy Ng"]]
    assert by_name["Dee Ray"] in listed
    assert listed[by_name["Dee Ray"]] != listed[by_name["Bob Smith"]]
    assert by_name["Ada Lovelace"] not in listed  # (a row of both files)
