"""Importing a Connections.csv again when its dates are read differently: the LinkedIn tie's
date follows the file, a row without a profile is still found (its key holds the date), and
nothing is added twice; a date set by hand stays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.models import Connection
from goodword.connections.schemas import ConnectionUpdate
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonSource
from goodword.workspaces.models import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
OWEN = "Owen,Jones,https://www.linkedin.com/in/owenjones,,BBC,Producer,05/01/2024\n"
# No profile address: the row's key is its name and connection date.
CERYS = "Cerys,Morgan,,,,,03/02/2024\n"
# 26/12/2025 can only be day first, so the whole file is.
NIA = "Nia,Evans,https://www.linkedin.com/in/niaevans,,S4C,Editor,26/12/2025\n"


def connections_csv(folder: Path, *rows: str) -> Path:
    """A Connections.csv as a spreadsheet re-saves LinkedIn's (numbers for dates)."""
    folder.mkdir(exist_ok=True)
    path = folder / "Connections.csv"
    path.write_text(PREAMBLE + "".join(rows), encoding="utf-8")
    return path


def run(session: Session, workspace: Workspace, *paths: Path) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "Profile.csv", *paths],
        today=date(2026, 11, 25),
    )  # fmt: skip


def ties(session: Session, workspace: Workspace) -> list[tuple[str, date | None]]:
    """Each LinkedIn tie of the user, as (the other person's name, since), sorted."""
    names = dict(
        session.execute(
            select(Person.id, Person.display_name).where(Person.workspace_id == workspace.id)
        ).all()
    )
    rows = session.execute(
        select(Connection.person_a_id, Connection.person_b_id, Connection.since).where(
            Connection.workspace_id == workspace.id
        )
    ).all()
    return sorted(
        (names[b] if names[a] == "Alice Example" else names[a], since) for a, b, since in rows
    )


def people(session: Session, workspace: Workspace) -> list[str]:
    return sorted(
        session.scalars(select(Person.display_name).where(Person.workspace_id == workspace.id))
    )


def keys(session: Session, workspace: Workspace) -> list[str]:
    return sorted(
        session.scalars(
            select(PersonSource.external_key).where(
                PersonSource.workspace_id == workspace.id,
                PersonSource.file_name == "Connections.csv",
            )
        )
    )


def rows(report: ImportReport) -> dict[str, tuple[Outcome, str]]:
    return {r.name: (r.outcome, r.detail) for r in report.rows if r.file == "Connections.csv"}


def test_a_date_read_the_other_way_now_moves_the_tie_and_adds_no_one(session, workspace, tmp_path):
    # Nothing in the first file proves an order: read month first, as LinkedIn writes.
    first = run(session, workspace, connections_csv(tmp_path / "a", OWEN, CERYS))
    assert any("no date in it shows" in note for note in first.notes)
    assert ties(session, workspace) == [
        ("Cerys Morgan", date(2024, 3, 2)),
        ("Owen Jones", date(2024, 5, 1)),
    ]
    # The same rows and one that proves the file day first.
    again = run(session, workspace, connections_csv(tmp_path / "b", OWEN, CERYS, NIA))
    assert rows(again) == {
        "Owen Jones": (
            Outcome.UPDATED, "LinkedIn connection date now 2024-01-05 (was 2024-05-01)",
        ),
        "Cerys Morgan": (
            Outcome.UPDATED, "LinkedIn connection date now 2024-02-03 (was 2024-03-02)",
        ),
        "Nia Evans": (Outcome.CREATED, ""),
    }  # fmt: skip
    assert ties(session, workspace) == [
        ("Cerys Morgan", date(2024, 2, 3)),
        ("Nia Evans", date(2025, 12, 26)),
        ("Owen Jones", date(2024, 1, 5)),
    ]
    assert people(session, workspace) == ["Alice Example", "Cerys Morgan", "Nia Evans",
                                          "Owen Jones"]  # fmt: skip
    # Cerys's provenance now holds the date as read: one row, not a second beside the first.
    assert keys(session, workspace) == [
        "https://www.linkedin.com/in/niaevans",
        "https://www.linkedin.com/in/owenjones",
        "name:cerys morgan|2024-02-03",
    ]
    # And the same file once more changes nothing.
    third = run(session, workspace, connections_csv(tmp_path / "c", OWEN, CERYS, NIA))
    assert {outcome for outcome, _detail in rows(third).values()} == {Outcome.UNCHANGED}
    assert third.connections_created == 0
    assert len(ties(session, workspace)) == 3


def test_a_row_without_a_profile_read_the_other_way_is_not_a_second_person(
    session, workspace, tmp_path
):
    run(session, workspace, connections_csv(tmp_path / "a", CERYS))
    again = run(session, workspace, connections_csv(tmp_path / "b", CERYS, NIA))
    assert rows(again)["Cerys Morgan"][0] is Outcome.UPDATED
    assert again.candidates_created == 0
    assert people(session, workspace) == ["Alice Example", "Cerys Morgan", "Nia Evans"]
    assert ties(session, workspace) == [
        ("Cerys Morgan", date(2024, 2, 3)),
        ("Nia Evans", date(2025, 12, 26)),
    ]
    cerys = session.scalars(
        select(PersonSource.external_key).where(
            PersonSource.workspace_id == workspace.id,
            PersonSource.external_key.like("name:cerys%"),
        )
    ).all()
    assert cerys == ["name:cerys morgan|2024-02-03"]


@pytest.mark.parametrize("reapply", [False, True])
@pytest.mark.parametrize("lines", [(OWEN, CERYS), (OWEN, CERYS, NIA)], ids=["assumed", "proved"])
def test_a_reimport_of_the_same_file_leaves_every_row_unchanged(
    session, workspace, tmp_path, lines, reapply
):
    csv = connections_csv(tmp_path / "a", *lines)
    run(session, workspace, csv)
    before = ties(session, workspace)
    again = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "Profile.csv", csv],
        today=date(2026, 11, 25), reapply=reapply,
    )  # fmt: skip
    assert again.counts["unchanged"] == len(lines) + 1  # the rows and you
    assert again.counts["updated"] == again.counts["created"] == 0
    assert {r.detail for r in again.rows if r.file == "Connections.csv"} == {
        "nothing new in the file" if reapply else "unchanged since the last import"
    }
    assert session.scalar(select(func.count()).select_from(PersonSource)) == len(lines) + 1
    assert ties(session, workspace) == before


def test_a_date_set_by_hand_stays_and_the_report_says_what_the_file_holds(
    session, workspace, tmp_path
):
    run(session, workspace, connections_csv(tmp_path / "a", OWEN))
    (tie,) = session.scalars(select(Connection)).all()
    connections.update(
        session, workspace_id=workspace.id, connection_id=tie.id,
        data=ConnectionUpdate(kind=tie.kind, source=tie.source, since=date(2023, 6, 1)),
    )  # fmt: skip
    again = run(session, workspace, connections_csv(tmp_path / "b", OWEN, NIA))
    assert rows(again)["Owen Jones"] == (
        Outcome.UNCHANGED,
        "LinkedIn connection date left at 2023-06-01 (the file says 2024-01-05; edit the "
        "connection to change it)",
    )
    assert ("Owen Jones", date(2023, 6, 1)) in ties(session, workspace)


def test_a_newer_date_in_the_file_moves_the_tie(session, workspace, tmp_path):
    # LinkedIn's own dates: the same row, connected again later (removed and re-added).
    run(session, workspace, connections_csv(tmp_path / "a",
                                            OWEN.replace("05/01/2024", "05 Jan 2024")))  # fmt: skip
    again = run(session, workspace, connections_csv(
        tmp_path / "b", OWEN.replace("05/01/2024", "12 Mar 2026")
    ))  # fmt: skip
    assert rows(again)["Owen Jones"] == (
        Outcome.UPDATED, "LinkedIn connection date now 2026-03-12 (was 2024-01-05)",
    )  # fmt: skip
    assert ties(session, workspace) == [("Owen Jones", date(2026, 3, 12))]


def test_an_empty_tie_date_is_filled_in(session, workspace, tmp_path):
    run(session, workspace, connections_csv(tmp_path / "a",
                                            OWEN.replace("05/01/2024", "")))  # fmt: skip
    assert ties(session, workspace) == [("Owen Jones", None)]
    again = run(session, workspace, connections_csv(tmp_path / "b", OWEN, NIA))
    assert rows(again)["Owen Jones"] == (
        Outcome.UPDATED, "LinkedIn connection date set to 2024-01-05",
    )  # fmt: skip
