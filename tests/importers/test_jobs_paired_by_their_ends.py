"""A record's dated job is a job held only when their ends agree too (or one side has none),
as a merge pairs them, and never so that the job would start after its end: of two jobs
held from 2021, one to March and one to December, the stint to March is the one to March,
whichever order the file and the jobs held come in (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionUpdate
from goodword.workspaces.models import Workspace

from .test_jobs_in_their_precision import _ada, _import, _jobs, _rows


def _ended(session: Session, ada: Person, *ends: date) -> None:
    """Give Ada past jobs as Analyst at Kestrel Labs from 2021, each ending in a month of
    `ends`, recorded in that order."""
    for end in ends:
        job = people.add_position(
            session, workspace_id=ada.workspace_id, person_id=ada.id,
            data=PositionUpdate(organization_name="Kestrel Labs", title="Analyst",
                                start_date=date(2021, 1, 1), end_date=end, is_current=False),
        )  # fmt: skip
        job.start_precision, job.end_precision = "year", "month"
    session.flush()


@pytest.mark.parametrize("recorded", ["march first", "december first"])
@pytest.mark.parametrize("reverse", [False, True])
def test_each_stint_is_the_job_held_that_ends_with_it_whatever_the_order(
    session: Session, workspace: Workspace, reverse: bool, recorded: str
) -> None:
    ada = _ada(session, workspace)
    ends = [date(2021, 3, 1), date(2021, 12, 1)]
    _ended(session, ada, *(ends if recorded == "march first" else ends[::-1]))
    stints = [
        "Analyst at Kestrel Labs, 2021-09 to 2021-12",
        "Analyst at Kestrel Labs, 2021-01 to 2021-03",
    ]

    _import(session, workspace.id, "people.csv", _rows("\n".join(stints[:: -1 if reverse else 1])))

    # (Before, in two of the four orders, the job to March took September: "2021-09 to
    # 2021-03", a job that ended before it began.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-01", False, "2021-03"),
        ("Kestrel Labs", "Analyst", "2021-09", False, "2021-12"),
    ]


def test_a_job_from_after_the_end_of_the_one_held_in_its_year_is_another_job(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace)
    _ended(session, ada, date(2021, 3, 1))

    _import(session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, since 2021-09"))

    # The job held from 2021 ended in March: one from September is not it. (Before, it
    # was, and started in September, after its end.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021", False, "2021-03"),
        ("Kestrel Labs", "Analyst", "2021-09", True, ""),
    ]


def test_a_job_whose_end_was_corrected_by_hand_stays_one_job_and_keeps_the_end(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace)
    job = people.add_position(
        session, workspace_id=ada.workspace_id, person_id=ada.id,
        data=PositionUpdate(organization_name="Kestrel Labs", title="Analyst",
                            start_date=date(2021, 5, 1), end_date=date(2023, 3, 15),
                            is_current=False),
    )  # fmt: skip
    job.start_precision = "month"
    session.flush()

    # The file still says the job ran to April 2023; the user corrected it to 15 March.
    stint = "Analyst at Kestrel Labs, 2021-05 to 2023-04"
    report = _import(session, workspace.id, "people.csv", _rows(stint))

    # One job, with the end the user gave it: an end that differs ranks a job held after
    # one whose end agrees, and is not a reason to add the job a second time.
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", False, "2023-03-15"),
    ]
    # ... and the report says the file's end was passed over, in case the file is right.
    assert (
        "job at Kestrel Labs kept as ended 2023-03-15: the file gives 2023-04 "
        "(if the file is right, change the job's end on their page)"
    ) in report.rows[0].detail


def test_a_second_stint_from_the_same_year_with_another_end_is_added_not_dropped(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace)
    _ended(session, ada, date(2021, 3, 1))
    stints = [
        "Analyst at Kestrel Labs, 2021 to 2021-03",
        "Analyst at Kestrel Labs, 2021 to 2021-12",
    ]

    _import(session, workspace.id, "people.csv", _rows("\n".join(stints)))

    # The stint to March is the job held; the one to December is another job, not the
    # job held a second time (its end passed over without a word).
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021", False, "2021-03"),
        ("Kestrel Labs", "Analyst", "2021", False, "2021-12"),
    ]
