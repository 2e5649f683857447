"""A record's jobs are found again by an undo or a split after a merge or another import
gave one its start more precisely (May 2021 kept as 17 May 2021 since): what the record
did to the job is taken back where still as it left it, and said (SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.importers import splitting, undoing
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionUpdate
from goodword.workspaces.models import Workspace

from .test_jobs_in_their_precision import MAY_2021, _ada, _import, _jobs, _rows


def _bob_from_the_17th(session: Session, workspace: Workspace) -> Person:
    """Another record of Ada, whose job at Kestrel Labs began on 17 May 2021 (still held)."""
    bob = f.person(session, workspace.id, "Ada Byron")
    people.add_position(
        session, workspace_id=workspace.id, person_id=bob.id,
        data=PositionUpdate(organization_name="Kestrel Labs", title="Analyst",
                            start_date=date(2021, 5, 17), is_current=True),
    )  # fmt: skip
    session.flush()
    return bob


@pytest.mark.parametrize("undo", [True, False])
def test_a_job_a_record_ended_is_found_after_a_merge_gave_it_its_day_and_is_current_again(
    session: Session, workspace: Workspace, undo: bool
) -> None:
    ada = _ada(session, workspace, MAY_2021)
    report = _import(
        session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, 2021-05 to 2023-03")
    )
    bob = _bob_from_the_17th(session, workspace)
    merging.merge(session, workspace_id=workspace.id, survivor_id=ada.id, absorbed_id=bob.id)
    session.expire_all()
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05-17", False, "2023-03")
    ]

    said = "job Analyst at Kestrel Labs: current again"
    if undo:
        assert report.id is not None
        (back,) = undoing.preview(session, workspace_id=workspace.id, run_id=report.id).taken_back
        assert said in back.taken
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

    # The end the record gave comes off the job it ended, known from 17 May 2021 since.
    # (Before, the job was not found at May 2021: its end stayed, and nothing said so.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05-17", True, "")
    ]
