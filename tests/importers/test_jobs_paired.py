"""A record's dated jobs are paired with the jobs held best first over every pair (one
from that very start, then the closest start), so the order of the file changes nothing;
each job held is one of the record's jobs only, and a newer copy retitles the closest of
several jobs its start may be (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from goodword.importers.export import export_people
from goodword.people import job_dates
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.people.schemas import PositionUpdate
from goodword.workspaces.models import Workspace

from .test_jobs_in_their_precision import TODAY, _ada, _copy, _import, _jobs, _one, _rows


def _held_from(session: Session, job_id: int) -> tuple[str, str]:
    """A job's start and end, as the page's words would have them."""
    session.expire_all()
    job = session.get_one(Position, job_id)
    return (
        job_dates.written(job.start_date, job.start_precision),
        job_dates.written(job.end_date, job.end_precision),
    )


@pytest.mark.parametrize("reverse", [False, True])
def test_the_job_held_is_the_stint_of_its_very_start_whatever_the_order_of_the_file(
    session: Session, workspace: Workspace, reverse: bool
) -> None:
    ada = _ada(session, workspace, ("Kestrel Labs", "Analyst", date(2021, 1, 1), "year"))
    (held,) = ada.positions
    stints = [
        "Analyst at Kestrel Labs, 2021-09 to 2021-12",
        "Analyst at Kestrel Labs, 2021 to 2021-03",
    ]

    _import(session, workspace.id, "people.csv", _rows("\n".join(stints[:: -1 if reverse else 1])))

    # The stint from 2021 is the job held from 2021 (its very start), the other added,
    # whichever comes first. (Before, the first in the file was taken for it.)
    assert _held_from(session, held.id) == ("2021", "2021-03")
    assert len(_jobs(session.get_one(Person, ada.id))) == 2


@pytest.mark.parametrize("reverse", [False, True])
def test_of_two_jobs_held_each_is_the_closest_stint_whatever_the_order_of_the_file(
    session: Session, workspace: Workspace, reverse: bool
) -> None:
    ada = _ada(
        session, workspace,
        ("Kestrel Labs", "Analyst", date(2021, 1, 1), "year"),
        ("Kestrel Labs", "Analyst", date(2021, 11, 1), "month"),
    )  # fmt: skip
    year, november = sorted(ada.positions, key=lambda p: p.start_date or TODAY)
    stints = [
        "Analyst at Kestrel Labs, 2021-11-20 to 2021-12-31",
        "Analyst at Kestrel Labs, 2021-11-05 to 2021-11-30",
    ]

    _import(session, workspace.id, "people.csv", _rows("\n".join(stints[:: -1 if reverse else 1])))

    # 5 Nov is the closer to the job from Nov 2021 of all the pairs; the job from 2021 is
    # then the other. (Before, the first in the file took the job from Nov 2021.)
    assert _held_from(session, november.id) == ("2021-11-05", "2021-11-30")
    assert _held_from(session, year.id) == ("2021-11-20", "2021-12-31")


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_stint_you_took_off_beside_another_in_its_year_is_said_taken_off_by_a_newer_copy(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    ada = _ada(session, workspace)
    for start, end in ((date(2021, 1, 1), date(2021, 3, 1)), (date(2021, 9, 1), date(2021, 12, 1))):
        job = people.add_position(
            session, workspace_id=workspace.id, person_id=ada.id,
            data=PositionUpdate(organization_name="Kestrel Labs", title="Analyst",
                                start_date=start, end_date=end, is_current=False),
        )  # fmt: skip
        job.start_precision = "year" if start.month == 1 else "month"
        job.end_precision = "month"
    session.flush()
    copy, text, name = _copy(session, workspace, fmt)
    (september,) = [p for p in _one(session, copy).positions if p.start_date == date(2021, 9, 1)]
    people.remove_position(session, workspace_id=copy.id, position_id=september.id)
    session.flush()

    report = _import(session, copy.id, name, text.replace("London", "Leeds"))

    # The stint from Sep 2021 is in 2021, as the one kept is, but that one is the other's.
    # (Before, both were taken for the job kept, and nothing said the second was taken off.)
    assert report.rows[0].detail == (
        "location now Leeds; not put back, as taken off since the last import: job Analyst "
        "at Kestrel Labs (import with reapply to bring it back)"
    )
    assert _jobs(_one(session, copy)) == [("Kestrel Labs", "Analyst", "2021", False, "2021-03")]


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_newer_copy_retitles_the_closest_of_two_jobs_its_day_may_be(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    ada = _ada(session, workspace, ("Kestrel Labs", "Engineer", date(2021, 11, 1), "month"))
    copy, _text, name = _copy(session, workspace, fmt)
    board = people.add_position(
        session, workspace_id=copy.id, person_id=_one(session, copy).id,
        data=PositionUpdate(organization_name="Kestrel Labs", title="Advisor",
                            start_date=date(2021, 1, 1), is_current=True),
    )  # fmt: skip
    board.start_precision = "year"  # (typed in by hand: 2021, which 20 Nov 2021 is in too)
    (job,) = ada.positions
    job.title, job.start_date, job.start_precision = "Senior Engineer", date(2021, 11, 20), None
    session.flush()
    newer = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]

    report = _import(session, copy.id, name, newer)

    # The job from Nov 2021 is the closer of the two 20 Nov 2021 may be: it is retitled.
    # (Before, neither was, and a third job was added.)
    assert _jobs(_one(session, copy)) == [
        ("Kestrel Labs", "Advisor", "2021", True, ""),
        ("Kestrel Labs", "Senior Engineer", "2021-11-20", True, ""),
    ]
    assert report.rows[0].detail == (
        "title Senior Engineer at Kestrel Labs (was Engineer); "
        "Senior Engineer at Kestrel Labs started 2021-11-20 (was 2021-11)"
    )
