"""A LinkedIn Connections.csv older than another imported (January's export imported after
March's, or beside it) moves no one's job back: the title it gives otherwise is a past job,
and the report says the file is older and by what evidence (its archive's name, the date
the archive packed it with, or its latest Connected On)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import history, undoing
from goodword.importers.models import ImportRun
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
ADA = "Ada,Byron,https://www.linkedin.com/in/ada-b,,Acme,{title},10 Jan 2022\r\n"
MARCH = (
    HEAD
    + ADA.format(title="Engineering Manager")
    + ("Bo,Lin,https://www.linkedin.com/in/bo-lin,,Kestrel,Analyst,02 Mar 2026\r\n")
)
JANUARY = HEAD + ADA.format(title="Software Engineer")


def _import(session: Session, workspace: Workspace, text: str) -> ImportReport:
    return _import_all(session, workspace, Upload("Connections.csv", text.encode()))


def _import_all(session: Session, workspace: Workspace, *uploads: Upload) -> ImportReport:
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 3, 25),
        now=datetime(2026, 3, 25, 12, tzinfo=UTC), paths_or_uploads=list(uploads),
    )  # fmt: skip
    session.expire_all()
    return report


def _jobs(session: Session) -> list[tuple[str | None, bool]]:
    ada = session.scalar(select(Person).where(Person.display_name == "Ada Byron"))
    assert ada is not None
    return [(job.title, job.is_current) for job in ada.positions]


def test_an_older_export_moves_no_job_back_and_says_the_file_is_older(
    session: Session, workspace: Workspace
) -> None:
    _import(session, workspace, MARCH)

    older = _import(session, workspace, JANUARY)

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert any(
        note.startswith(
            "Connections.csv: This export's latest connection is from 10 Jan 2022, older than "
            "the one you imported on 25 Mar 2026 (Connections.csv, whose latest connection is "
            "from 2 Mar 2026). If this one is the newer export"
        )
        for note in older.notes
    )
    (row,) = older.rows
    assert "not made current: the file is an older export than another you imported" in row.detail


def test_a_newer_export_still_moves_the_job(session: Session, workspace: Workspace) -> None:
    _import(session, workspace, JANUARY)

    newer = _import(session, workspace, MARCH)

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert not any("older" in note for note in newer.notes)


def test_an_undone_import_is_no_newer_file(session: Session, workspace: Workspace) -> None:
    march = _import(session, workspace, MARCH)
    undoing.undo(session, workspace_id=workspace.id, run_id=march.id)

    january = _import(session, workspace, JANUARY)

    assert not any("older than" in note for note in january.notes)
    assert _jobs(session) == [("Software Engineer", True)]


def _archive(name: str, text: str, packed: tuple[int, int, int] = (2026, 1, 1)) -> Upload:
    """A LinkedIn archive of one Connections.csv, under `name`, its member packed on the
    day `packed` (a ZIP keeps the packing machine's local time, with no zone)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("Connections.csv", (*packed, 23, 30, 0)), text)
    return Upload(name, data.getvalue())


# February's archive, Bo the latest connection; March's, after Bo was removed: its latest
# Connected On is Ada's, from 2022.
FEBRUARY = (
    HEAD
    + ADA.format(title="Software Engineer")
    + ("Bo,Lin,https://www.linkedin.com/in/bo-lin,,Kestrel,Analyst,02 Feb 2026\r\n")
)
MARCH_WITHOUT_BO = HEAD + ADA.format(title="Engineering Manager")


def test_a_newer_archive_whose_latest_connections_are_gone_is_newer_by_its_name(
    session: Session, workspace: Workspace
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY))

    newer = _import_all(
        session, workspace, _archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH_WITHOUT_BO)
    )

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert not any("older" in note for note in newer.notes)


def test_an_older_archive_by_its_name_says_both_days(
    session: Session, workspace: Workspace
) -> None:
    _import_all(
        session, workspace, _archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH_WITHOUT_BO)
    )

    older = _import_all(
        session, workspace, _archive("Complete_LinkedInDataExport_02-10-2026 (1).zip", FEBRUARY)
    )

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert (
        "Complete_LinkedInDataExport_02-10-2026 (1).zip/Connections.csv: This export is from "
        "10 Feb 2026 (its archive's name says so), older than the one you imported on 25 Mar "
        "2026 (Basic_LinkedInDataExport_03-20-2026.zip/Connections.csv, from 20 Mar 2026). "
        "Its people keep what the newer export gave them"
    ) in " ".join(older.notes)
    (kept,) = session.scalars(select(ImportRun.files).order_by(ImportRun.id.desc()).limit(1))
    assert kept[0] | {"label": ""} == {
        "name": "Complete_LinkedInDataExport_02-10-2026 (1).zip/Connections.csv",
        "label": "",
        "people": 2,
        "as_of": "2026-02-10",
        "by": "name",
        "latest": "2026-02-02",
    }


def test_a_renamed_archive_is_dated_by_the_day_it_packed_the_file(
    session: Session, workspace: Workspace
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY))

    newer = _import_all(
        session, workspace, _archive("linkedin march.zip", MARCH_WITHOUT_BO, packed=(2026, 3, 20))
    )
    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert not any("older" in note for note in newer.notes)

    older = _import_all(session, workspace, _archive("old.zip", JANUARY, packed=(2026, 1, 5)))
    assert "old.zip/Connections.csv: This export is from 5 Jan 2026 (its archive dates it so)" in (
        " ".join(older.notes)
    )
    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]


def test_an_archive_date_that_cannot_be_the_exports_is_not_taken(
    session: Session, workspace: Workspace
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY))

    # A day still to come, one before its own latest connection, ZIP's "no date" (1980):
    # each file is as new as its latest Connected On (2022), so older.
    for upload in (
        _archive("Basic_LinkedInDataExport_12-31-2099.zip", MARCH_WITHOUT_BO),
        _archive("Basic_LinkedInDataExport_01-01-2020.zip", MARCH_WITHOUT_BO),
        _archive("march.zip", MARCH_WITHOUT_BO, packed=(1980, 1, 1)),
    ):
        older = _import_all(session, workspace, upload)
        said = f"{upload.name}/Connections.csv: This export's latest connection is from 10 Jan"
        assert any(note.startswith(said) for note in older.notes)
        assert _jobs(session) == [("Software Engineer", True), ("Engineering Manager", False)]


def test_the_same_archive_again_or_its_csv_alone_is_not_older(
    session: Session, workspace: Workspace
) -> None:
    archive = _archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH)
    _import_all(session, workspace, archive)

    again = _import_all(session, workspace, archive)
    alone = _import(session, workspace, MARCH)  # (no archive's date: its latest connection)
    # Renamed: the day its archive packed it, a day before the name's in another time zone.
    renamed = _import_all(session, workspace, _archive("a.zip", MARCH, packed=(2026, 3, 19)))

    for report in (again, alone, renamed):
        assert not any("older" in note for note in report.notes)


def test_a_csv_alone_of_a_newer_export_without_its_latest_connections_says_what_to_do(
    session: Session, workspace: Workspace
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY))

    alone = _import(session, workspace, MARCH_WITHOUT_BO)

    assert (
        "Connections.csv: This export's latest connection is from 10 Jan 2022, older than the "
        "one you imported on 25 Mar 2026 (Basic_LinkedInDataExport_02-10-2026.zip/"
        "Connections.csv, whose latest connection is from 2 Feb 2026). If this one is the "
        "newer export (its latest connections removed since, or their accounts closed), "
        "import the archive ZIP as LinkedIn named it, which says when it was made."
    ) in " ".join(alone.notes)


@pytest.mark.parametrize("newer_first", [True, False])
def test_of_two_exports_in_one_import_the_older_moves_no_one_back(
    session: Session, workspace: Workspace, newer_first: bool
) -> None:
    files = [
        Upload("March/Connections.csv", MARCH.encode()),
        Upload("January/Connections.csv", JANUARY.encode()),
    ]

    report = _import_all(session, workspace, *(files if newer_first else files[::-1]))

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert any(
        note.startswith(
            "January/Connections.csv: This export's latest connection is from 10 Jan 2022, "
            "older than the one beside it in this import (March/Connections.csv, whose latest "
            "connection is from 2 Mar 2026)."
        )
        for note in report.notes
    )
    if newer_first:
        (ada,) = [row for row in report.rows if row.file == "January/Connections.csv"]
        assert "not made current: the file is an older export than another you imported" in (
            ada.detail
        )


def test_the_folder_an_archive_unpacks_to_is_dated_by_its_name(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY))
    folder = tmp_path / "Basic_LinkedInDataExport_03-20-2026"
    folder.mkdir()
    (folder / "Connections.csv").write_text(MARCH_WITHOUT_BO)

    newer = import_files(
        session, workspace_id=workspace.id, today=date(2026, 3, 25), paths_or_uploads=[folder]
    )

    session.expire_all()
    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert not any("older" in note for note in newer.notes)


def test_an_archive_is_as_new_as_its_earliest_file_not_one_saved_again_since(
    session: Session, workspace: Workspace
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY))
    # January's archive, its Connections.csv saved again in a spreadsheet on 20 March.
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("Connections.csv", (2026, 3, 20, 9, 0, 0)), JANUARY)
        archive.writestr(zipfile.ZipInfo("Skills.csv", (2026, 1, 5, 23, 30, 0)), "Name\nSQL\n")

    older = _import_all(session, workspace, Upload("linkedin.zip", data.getvalue()))

    assert "This export is from 5 Jan 2026 (its archive dates it so)" in " ".join(older.notes)
    assert _jobs(session) == [("Software Engineer", True)]


@pytest.mark.parametrize("newer_first", [True, False])
def test_two_exports_of_one_name_in_one_import_are_dated_each_by_its_own(
    session: Session, workspace: Workspace, newer_first: bool
) -> None:
    # (Two Connections.csv named on the command line from two folders, or sent to the API.)
    files = [Upload("Connections.csv", MARCH.encode()), Upload("Connections.csv", JANUARY.encode())]

    report = _import_all(session, workspace, *(files if newer_first else files[::-1]))

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    first, second = ("first", "second") if not newer_first else ("second", "first")
    assert (
        f"Connections.csv (the {first} file of that name): This export's latest connection is "
        "from 10 Jan 2022, older than the one beside it in this import (Connections.csv (the "
        f"{second} file of that name), whose latest connection is from 2 Mar 2026)."
    ) in " ".join(report.notes)
    (kept,) = session.scalars(select(ImportRun.files).order_by(ImportRun.id.desc()).limit(1))
    days = [entry["as_of"] for entry in kept]
    assert days == (["2026-03-02", "2022-01-10"] if newer_first else ["2022-01-10", "2026-03-02"])


def test_a_kept_import_of_two_files_of_one_name_keeps_the_newer_ones_day(
    session: Session, workspace: Workspace
) -> None:
    _import_all(
        session,
        workspace,
        Upload("Connections.csv", MARCH.encode()),
        Upload("Connections.csv", JANUARY.encode()),
    )
    february = HEAD + ADA.format(title="Team Lead") + ("Cy,Ng,,,Kestrel,Analyst,02 Feb 2026\r\n")

    older = _import(session, workspace, february)

    assert "older than the one you imported on 25 Mar 2026 (Connections.csv, whose latest" in (
        " ".join(older.notes)
    )
    assert _jobs(session)[0] == ("Engineering Manager", True)


def _others(session: Session, workspace: Workspace, count: int) -> None:
    """As many imports of something else (a phone's card each)."""
    for number in range(count):
        card = f"BEGIN:VCARD\nVERSION:3.0\nFN:Card {number}\nEND:VCARD\n"
        _import_all(session, workspace, Upload("phone.vcf", card.encode()))


def test_an_export_whose_import_is_no_longer_kept_still_dates_an_older_one(
    session: Session, workspace: Workspace
) -> None:
    _import_all(session, workspace, _archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH))
    _others(session, workspace, history.KEEP)  # (March's report is no longer kept)
    assert len(history.recent(session, workspace_id=workspace.id)) == history.KEEP

    older = _import(session, workspace, JANUARY)

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert (
        "Connections.csv: This export's latest connection is from 10 Jan 2022, older than the "
        "one you imported on 25 Mar 2026 (Basic_LinkedInDataExport_03-20-2026.zip/"
        "Connections.csv, whose latest connection is from 2 Mar 2026)."
    ) in " ".join(older.notes)


def test_an_export_whose_report_was_deleted_still_dates_an_older_one(
    session: Session, workspace: Workspace
) -> None:
    march = _import_all(
        session, workspace, _archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH_WITHOUT_BO)
    )
    assert march.id is not None
    history.forget(session, workspace_id=workspace.id, run_id=march.id)

    older = _import_all(
        session, workspace, _archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY)
    )

    assert _jobs(session) == [("Engineering Manager", True), ("Software Engineer", False)]
    assert "This export is from 10 Feb 2026 (its archive's name says so), older than the one" in (
        " ".join(older.notes)
    )


def test_an_undone_export_no_longer_kept_is_still_no_newer_file(
    session: Session, workspace: Workspace
) -> None:
    march = _import(session, workspace, MARCH)
    assert march.id is not None
    undoing.undo(session, workspace_id=workspace.id, run_id=march.id)
    _others(session, workspace, history.KEEP)

    january = _import(session, workspace, JANUARY)

    assert not any("older than" in note for note in january.notes)
    assert _jobs(session) == [("Software Engineer", True)]
