"""A merge tells two copies of one job apart from two jobs as an import does: a start (or
an end) known only as a month or a year is read in the coarser precision of the two, so
"May 2021" and 17 May 2021 at one organization with one title are one job, kept with the
more precise date, which an undo gives back."""

from __future__ import annotations

from datetime import date

import pytest

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


def test_two_stints_within_the_survivors_year_stay_two_and_the_undo_gives_them_back(
    session, workspace
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 1, 1), "year", end_date=date(2021, 1, 1))
    kept.positions[0].end_precision = "year"
    job(session, ws, other, date(2021, 1, 4), end_date=date(2021, 3, 31))
    job(session, ws, other, date(2021, 9, 1), end_date=date(2021, 12, 17))
    session.flush()

    record = merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # The first stint is the survivor's job, known more precisely; the second is another
    # (before, it was taken as the survivor's job too, and deleted as a repeat).
    assert written(session, ws, kept.id) == [
        ("Engineer", "2021-01-04", "2021-03-31"),
        ("Engineer", "2021-09-01", "2021-12-17"),
    ]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert written(session, ws, kept.id) == [("Engineer", "2021", "2021")]
    assert written(session, ws, other.id) == [
        ("Engineer", "2021-01-04", "2021-03-31"),
        ("Engineer", "2021-09-01", "2021-12-17"),
    ]


def test_a_job_of_the_survivor_is_the_copy_of_one_job_only(session, workspace):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 1, 1), "year")
    # 1 January 2021 is the survivor's job, as kept (a day on the very day says no more);
    # 1 September 2021 is in 2021 too, but the job from 2021 is the first one already.
    job(session, ws, other, date(2021, 1, 1))
    job(session, ws, other, date(2021, 9, 1))

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    assert written(session, ws, kept.id) == [
        ("Engineer", "2021", ""),
        ("Engineer", "2021-09-01", ""),
    ]


@pytest.mark.parametrize("reverse", [False, True])
def test_a_job_of_the_survivor_is_the_copy_from_its_very_start_whatever_the_order(
    session, workspace, reverse
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 1, 1), "year")
    # The job from 2021 is the one from 1 January 2021, as kept, whichever of the other's
    # jobs comes first (before, one from 1 September 2021 first took the job).
    days = [date(2021, 9, 1), date(2021, 1, 1)]
    for day in days[:: -1 if reverse else 1]:
        job(session, ws, other, day)

    record = merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    assert written(session, ws, kept.id) == [
        ("Engineer", "2021", ""),
        ("Engineer", "2021-09-01", ""),
    ]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert written(session, ws, kept.id) == [("Engineer", "2021", "")]
    assert written(session, ws, other.id) == [
        ("Engineer", "2021-01-01", ""),
        ("Engineer", "2021-09-01", ""),
    ]


@pytest.mark.parametrize("reverse", [False, True])
def test_of_two_jobs_of_the_survivor_each_is_the_closest_copy_whatever_the_order(
    session, workspace, reverse
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 1, 1), "year", department="Year")
    job(session, ws, kept, date(2021, 11, 1), "month", department="November")
    days = [date(2021, 11, 20), date(2021, 11, 5)]
    for day in days[:: -1 if reverse else 1]:
        job(session, ws, other, day)

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # 5 Nov is the closer to the job from Nov 2021 of all the pairs; the job from 2021 is
    # then the other. (Before, the other's first job took the job from Nov 2021.)
    session.expire_all()
    person = people.get(session, workspace_id=ws, person_id=kept.id)
    assert sorted((p.department, p.start_date) for p in person.positions) == [
        ("November", date(2021, 11, 5)),
        ("Year", date(2021, 11, 20)),
    ]


def test_undoing_a_merge_whose_job_two_copies_gave_a_day_then_its_month_puts_the_year_back(
    session, workspace
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 1, 1), "year")
    # Two copies of one job: 1 May 2021 gives the job kept its start, then May 2021 (that
    # day, as a month was kept before months were) its month.
    job(session, ws, other, date(2021, 5, 1))
    job(session, ws, other, date(2021, 5, 1), "month")

    record = merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)
    assert written(session, ws, kept.id) == [("Engineer", "2021-05", "")]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)

    # (Before, the changes were undone first to last: "2021-01-01", neither 2021 nor May.)
    assert written(session, ws, kept.id) == [("Engineer", "2021", "")]
    assert written(session, ws, other.id) == [
        ("Engineer", "2021-05", ""),
        ("Engineer", "2021-05-01", ""),
    ]


def _current(session, ws, person_id):
    session.expire_all()
    return [
        p.is_current for p in people.get(session, workspace_id=ws, person_id=person_id).positions
    ]


def test_a_job_still_held_and_its_copy_that_ended_are_one_job_ended_as_an_import_makes_it(
    session, workspace
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 5, 1), "month")
    job(session, ws, other, date(2021, 5, 17), end_date=date(2023, 2, 3), is_current=False)

    record = merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # The other's copy says when the job ended, as a newer file would to an import. (Before,
    # two jobs: one from May 2021 still held, one from 17 May 2021 to 3 Feb 2023.)
    assert written(session, ws, kept.id) == [("Engineer", "2021-05-17", "2023-02-03")]
    assert _current(session, ws, kept.id) == [False]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert written(session, ws, kept.id) == [("Engineer", "2021-05", "")]
    assert _current(session, ws, kept.id) == [True]
    assert written(session, ws, other.id) == [("Engineer", "2021-05-17", "2023-02-03")]


def test_a_job_that_ended_and_its_copy_still_held_are_one_job_that_ended(session, workspace):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, date(2021, 5, 1), "month", end_date=date(2023, 2, 3), is_current=False)
    job(session, ws, other, date(2021, 5, 17))

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # An import leaves a job that ended so (the file may be older than its end).
    assert written(session, ws, kept.id) == [("Engineer", "2021-05-17", "2023-02-03")]
    assert _current(session, ws, kept.id) == [False]


def ended(session, ws, person, start, end, precisions=(None, None)):
    made = job(session, ws, person, start, precisions[0], end_date=end, is_current=False)
    made.end_precision = precisions[1]
    session.flush()
    return made


@pytest.mark.parametrize("recorded", ["march first", "december first"])
@pytest.mark.parametrize("reverse", [False, True])
def test_each_copy_is_the_job_of_the_survivor_that_ends_with_it_whatever_the_order(
    session, workspace, reverse, recorded
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    ends = [date(2021, 3, 1), date(2021, 12, 1)]
    for end in ends if recorded == "march first" else ends[::-1]:
        ended(session, ws, kept, date(2021, 1, 1), end, ("year", "month"))
    stints = [(date(2021, 9, 1), date(2021, 12, 1)), (date(2021, 1, 1), date(2021, 3, 1))]
    for start, end in stints[:: -1 if reverse else 1]:
        ended(session, ws, other, start, end, ("month", "month"))

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # The same two jobs an import of the other's stints makes of them.
    assert written(session, ws, kept.id) == [
        ("Engineer", "2021-01", "2021-03"),
        ("Engineer", "2021-09", "2021-12"),
    ]


def test_a_copy_from_after_the_end_of_the_survivors_job_in_its_year_is_another_job(
    session, workspace
):
    ws = workspace.id
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    ended(session, ws, kept, date(2021, 1, 1), date(2021, 3, 1), ("year", "month"))
    job(session, ws, other, date(2021, 9, 1), "month")

    merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    # The job from 2021 ended in March: one from September is not it. (Before, it was, and
    # started in September, after its end.)
    assert written(session, ws, kept.id) == [
        ("Engineer", "2021", "2021-03"),
        ("Engineer", "2021-09", ""),
    ]
