"""Undoing an import leaves none of its records under "Where they came from": a record it
found with nothing new takes its provenance with it too."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

import factories as f
from goodword.duplicates import merging
from goodword.importers import undoing
from goodword.importers.export import export_people
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.people.models import PersonSource

TODAY = date(2026, 11, 28)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@analytical.example,,,\n"


def _import(session, workspace_id, path, minute=0):
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[path], today=TODAY,
        now=datetime(2026, 11, 28, 9, minute, tzinfo=UTC),
    )  # fmt: skip
    session.commit()
    return report


def _sources(session, person_id):
    session.expire_all()
    return session.execute(
        select(PersonSource.source, PersonSource.file_name).where(
            PersonSource.person_id == person_id
        )
    ).all()


def test_a_record_found_with_nothing_new_takes_its_provenance_with_its_undo(
    session, workspace, tmp_path: Path
):
    ada = f.person(
        session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
        emails=["ada@analytical.example"], urls=["https://www.linkedin.com/in/ada-lovelace"],
    )  # fmt: skip
    session.commit()
    path = tmp_path / "people.csv"
    path.write_text(export_people(session, workspace_id=workspace.id, format="csv"))
    report = _import(session, workspace.id, path)
    assert [r.outcome for r in report.rows] == [Outcome.UNCHANGED]
    assert _sources(session, ada.id) != []

    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert _sources(session, ada.id) == []


def test_a_record_found_in_someone_merged_since_takes_its_provenance_off_who_kept_them(
    session, workspace, tmp_path: Path
):
    ada = f.person(
        session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
        emails=["ada@analytical.example"], urls=["https://www.linkedin.com/in/ada-lovelace"],
    )  # fmt: skip
    session.commit()
    path = tmp_path / "people.csv"
    path.write_text(export_people(session, workspace_id=workspace.id, format="csv"))
    report = _import(session, workspace.id, path)
    assert [r.outcome for r in report.rows] == [Outcome.UNCHANGED]
    kept = f.person(session, workspace.id, "Augusta Ada King")
    session.commit()
    # (Ada merged into Augusta, and then Augusta into Countess: her records went with each.)
    merging.merge(session, workspace_id=workspace.id, survivor_id=kept.id, absorbed_id=ada.id)
    countess = f.person(session, workspace.id, "Countess of Lovelace")
    session.commit()
    merge = merging.merge(
        session, workspace_id=workspace.id, survivor_id=countess.id, absorbed_id=kept.id
    )
    session.commit()
    assert [file for _source, file in _sources(session, countess.id)].count("people.csv") == 1

    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert "people.csv" not in [file for _source, file in _sources(session, countess.id)]
    # Undoing the merge since still works, and gives Augusta back without it.
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=merge.id)
    session.commit()
    assert (
        session.scalars(
            select(PersonSource.person_id).where(PersonSource.file_name == "people.csv")
        ).all()
        == []
    )
