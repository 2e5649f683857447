"""An end a file knows more precisely than the job held (17 Mar 2023 for one that ended in
March 2023) is the job's end from then on, as a start is; an undo or a split puts it
back (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from goodword.importers import splitting, undoing
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

from .test_jobs_in_their_precision import MAY_2021, _ada, _import, _jobs, _rows


def _ended_in_march(session: Session, workspace: Workspace) -> Person:
    """Ada, whose job at Kestrel Labs from May 2021 ended in March 2023."""
    ada = _ada(session, workspace, MAY_2021)
    (job,) = ada.positions
    job.end_date, job.end_precision, job.is_current = date(2023, 3, 1), "month", False
    session.flush()
    return ada


@pytest.mark.parametrize("undo", [True, False])
def test_a_job_given_an_end_more_precisely_ends_then_and_the_undo_or_split_puts_it_back(
    session: Session, workspace: Workspace, undo: bool
) -> None:
    ada = _ended_in_march(session, workspace)

    report = _import(
        session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, 2021-05 to 2023-03-17")
    )

    # As a start given more precisely is taken. (Before, the end stayed March 2023, unsaid.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", False, "2023-03-17")
    ]
    assert report.rows[0].detail.endswith(
        " — Analyst at Kestrel Labs ended 2023-03-17 (was 2023-03)"
    )
    said = "job Analyst at Kestrel Labs: end 2023-03-17 (back to 2023-03)"
    if undo:
        assert report.id is not None
        (back,) = undoing.preview(session, workspace_id=workspace.id, run_id=report.id).taken_back
        assert back.taken == [said]
        undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    else:
        (source,) = [s for s in session.get_one(Person, ada.id).sources if s.matched is not None]
        preview = splitting.preview(
            session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
        )
        assert said in preview.taken_back
        splitting.split_off(
            session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
        )
    session.expire_all()
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", False, "2023-03")
    ]
