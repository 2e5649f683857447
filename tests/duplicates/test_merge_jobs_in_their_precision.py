"""A merge tells two copies of one job apart from two jobs as an import does: a start (or
an end) known only as a month or a year is read in the coarser precision of the two, so
"May 2021" and 17 May 2021 at one organization with one title are one job, kept with the
more precise date, which an undo gives back."""

from __future__ import annotations

from datetime import date

import factories as f
from goodword.duplicates import merging
from goodword.people import job_dates
from goodword.people import service as people
from goodword.people.schemas import PositionCreate


def job(session, ws, person, start, precision=None, title="Engineer", **fields):
    made = people.add_position(
        session, workspace_id=ws, person_id=person.id,
        data=PositionCreate(organization_name="Acme", title=title, start_date=start, **fields),
    )  # fmt: skip
    made.start_precision = precision
    session.flush()
    return made


def written(session, ws, person_id):
    """Each job as its page writes it: title, from, until."""
    session.expire_all()
    person = people.get(session, workspace_id=ws, person_id=person_id)
    return sorted(
        (
            p.title,
            job_dates.written(p.start_date, p.start_precision),
            job_dates.written(p.end_date, p.end_precision),
        )
        for p in person.positions
    )


def test_a_job_from_a_month_and_one_from_a_day_of_it_are_one_job_with_the_day(session, workspace):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 5, 1), "month")
    job(session, ws, other, date(2021, 5, 17))

    record = merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # (Before, two Engineer jobs at Acme, one from May 2021, one from 17 May 2021.)
    assert written(session, ws, kept.id) == [("Engineer", "2021-05-17", "")]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert written(session, ws, kept.id) == [("Engineer", "2021-05", "")]
    assert written(session, ws, other.id) == [("Engineer", "2021-05-17", "")]


def test_the_kept_job_keeps_its_day_beside_a_copy_known_only_by_its_year(session, workspace):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 5, 17), end_date=date(2023, 2, 3))
    copy = job(session, ws, other, date(2021, 1, 1), "year", end_date=date(2023, 1, 1))
    copy.end_precision = "year"
    session.flush()

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    assert written(session, ws, kept.id) == [("Engineer", "2021-05-17", "2023-02-03")]


def test_a_copy_is_the_closest_of_the_jobs_it_may_be(session, workspace):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    # Two stints at Acme, one known as 2021, one as Nov 2021: 20 Nov 2021 may be either,
    # and is the closer. (Before the first was taken, as any job that might be it.)
    job(session, ws, kept, date(2021, 1, 1), "year")
    job(session, ws, kept, date(2021, 11, 1), "month")
    job(session, ws, other, date(2021, 11, 20))

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    assert written(session, ws, kept.id) == [
        ("Engineer", "2021", ""),
        ("Engineer", "2021-11-20", ""),
    ]


def test_jobs_of_other_months_or_titles_stay_two(session, workspace):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 5, 1), "month")
    job(session, ws, other, date(2021, 6, 17))
    job(session, ws, other, date(2021, 5, 17), title="Lead")

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    assert written(session, ws, kept.id) == [
        ("Engineer", "2021-05", ""),
        ("Engineer", "2021-06-17", ""),
        ("Lead", "2021-05-17", ""),
    ]
