"""A job's start or end known only as a month or a year ("May 2021", kept as 1 May 2021) is
compared with another date in the coarser precision of the two: a file's 17 May 2021 or
2021 is the start of a job kept as "May 2021", not another job, and an end in 2021 is not
before it began."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import matched, splitting, undoing
from goodword.importers.export import export_people
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people import job_dates
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate, PositionUpdate
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
ADA = "ada@example.org"
NAMES = {"vcard": "people.vcf", "json": "people.json", "csv": "people.csv"}


def _import(session: Session, workspace_id: int, name: str, text: str) -> ImportReport:
    report = import_files(
        session, workspace_id=workspace_id, today=TODAY,
        paths_or_uploads=[Upload(name, text.encode())],
    )  # fmt: skip
    session.expire_all()
    return report


def _ada(
    session: Session, workspace: Workspace, *jobs: tuple[str, str, date, str | None]
) -> Person:
    """Ada Byron of London, with current jobs (organization, title, start, its precision)."""
    ada = people.create(
        session, workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Byron", location="London", emails=[ADA]),
    )  # fmt: skip
    for org, title, start, precision in jobs:
        job = people.add_position(
            session, workspace_id=workspace.id, person_id=ada.id,
            data=PositionUpdate(organization_name=org, title=title, start_date=start,
                                is_current=True),
        )  # fmt: skip
        job.start_precision = precision
    session.flush()
    return ada


def _jobs(person: Person) -> list[tuple[str, str | None, str, bool, str]]:
    """Each job as the page's words would have it: where, title, from, current, until."""
    return sorted(
        (
            p.organization.name,
            p.title,
            job_dates.written(p.start_date, p.start_precision),
            p.is_current,
            job_dates.written(p.end_date, p.end_precision),
        )
        for p in person.positions
    )


def _rows(positions: str) -> str:
    """A people CSV of Ada (found by her address), with jobs as its Positions cell has them."""
    return f'Goodword ID,Display Name,E-mails,Positions\r\n,Ada Byron,{ADA},"{positions}"\r\n'


MAY_2021 = ("Kestrel Labs", "Analyst", date(2021, 5, 1), "month")


def test_a_job_given_as_its_year_is_the_job_held(session: Session, workspace: Workspace) -> None:
    ada = _ada(session, workspace, MAY_2021)

    report = _import(
        session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, since 2021")
    )

    # (Before, a second Analyst job at Kestrel Labs, "now Analyst at Kestrel Labs".) The
    # year says less than the month: the job stays May 2021.
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", True, "")
    ]
    assert "Analyst at Kestrel Labs" not in report.rows[0].detail


@pytest.mark.parametrize(
    ("held", "since"),
    [(MAY_2021, "2021-05-17"), (("Kestrel Labs", "Analyst", date(2021, 1, 1), "year"), "2021-05")],
)
def test_a_job_given_more_precisely_is_the_job_held_from_then_and_the_undo_puts_it_back(
    session: Session, workspace: Workspace, held: tuple[str, str, date, str], since: str
) -> None:
    ada = _ada(session, workspace, held)
    was = job_dates.written(held[2], held[3])

    report = _import(
        session, workspace.id, "people.csv", _rows(f"Analyst at Kestrel Labs, since {since}")
    )

    # (Before, the job stayed as it was held, the file's day or month passed over.)
    assert _jobs(session.get_one(Person, ada.id)) == [("Kestrel Labs", "Analyst", since, True, "")]
    assert report.rows[0].detail.endswith(f" — Analyst at Kestrel Labs started {since} (was {was})")
    assert report.id is not None
    (back,) = undoing.preview(session, workspace_id=workspace.id, run_id=report.id).taken_back
    assert back.taken == [f"job Analyst at Kestrel Labs: start {since} (back to {was})"]
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.expire_all()
    assert _jobs(session.get_one(Person, ada.id)) == [("Kestrel Labs", "Analyst", was, True, "")]


def test_a_job_given_as_the_first_day_of_the_month_it_is_held_as_stays_that_month(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace, MAY_2021)

    _import(session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, since 2021-05-01"))

    # (A month was kept as its first day before months were: that day says no more.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", True, "")
    ]


def test_a_job_the_file_gives_as_ended_in_the_year_it_began_in_ends(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace, MAY_2021)

    report = _import(
        session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, 2021-05 to 2021")
    )

    # (Before, 2021 read as 1 January: before the job began, so it stayed current, unsaid.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", False, "2021")
    ]
    assert "Analyst at Kestrel Labs ended 2021" in report.rows[0].detail


def test_a_job_from_a_year_ends_the_one_held_from_a_month_of_it(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace, ("Amber Bank", "Clerk", date(2021, 5, 17), None))

    report = _import(
        session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, since 2021")
    )

    # 2021 is not later than 17 May 2021 (as before, when read as 1 January 2021): the job
    # the file gives now ends the one held, as a job from the same day would.
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Amber Bank", "Clerk", "2021-05-17", False, "2021"),
        ("Kestrel Labs", "Analyst", "2021", True, ""),
    ]
    assert "now Analyst at Kestrel Labs (was Clerk at Amber Bank)" in report.rows[0].detail


def _copy(session: Session, workspace: Workspace, fmt: str) -> tuple[Workspace, str, str]:
    """The workspace exported and imported into another: that one, the file and its name."""
    text = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]
    copy = workspaces.get_or_create(session, slug="copy", name="Copy")
    _import(session, copy.id, NAMES[fmt], text)
    return copy, text, NAMES[fmt]


def _one(session: Session, workspace: Workspace) -> Person:
    (person,) = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    return person


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_job_you_gave_its_month_since_is_not_said_taken_off_by_a_newer_copy(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    _ada(session, workspace, ("Kestrel Labs", "Analyst", date(2021, 1, 1), "year"))
    copy, text, name = _copy(session, workspace, fmt)
    job = _one(session, copy).positions[0]
    job.start_date, job.start_precision = date(2021, 5, 1), "month"  # (edited: May 2021)
    session.flush()

    report = _import(session, copy.id, name, text.replace("London", "Leeds"))

    # (Before: "not put back, as taken off since the last import: job Analyst at ...".)
    assert report.rows[0].detail == "location now Leeds"
    assert _jobs(_one(session, copy)) == [("Kestrel Labs", "Analyst", "2021-05", True, "")]


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_newer_copy_giving_a_job_in_another_precision_adds_no_second_job(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    ada = _ada(session, workspace, MAY_2021)
    copy, _text, name = _copy(session, workspace, fmt)
    (job,) = ada.positions
    job.start_date, job.start_precision = date(2021, 1, 1), "year"  # (the file says 2021)
    session.flush()
    newer = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]

    report = _import(session, copy.id, name, newer.replace("London", "Leeds"))

    # The place follows the file (the record then is told), the job it gave is the job held.
    assert report.rows[0].detail == "location now Leeds"
    assert _jobs(_one(session, copy)) == [("Kestrel Labs", "Analyst", "2021-05", True, "")]


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_newer_copy_retitles_its_job_given_as_a_day_of_the_month_it_began_in(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    ada = _ada(session, workspace, MAY_2021)
    copy, _text, name = _copy(session, workspace, fmt)
    (job,) = ada.positions
    job.title, job.start_date, job.start_precision = "Lead Analyst", date(2021, 5, 17), None
    session.flush()
    newer = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]

    report = _import(session, copy.id, name, newer)

    # (The day the file gives is the job's start from now on: before, it stayed May 2021.)
    assert _jobs(_one(session, copy)) == [("Kestrel Labs", "Lead Analyst", "2021-05-17", True, "")]
    assert report.rows[0].detail == (
        "title Lead Analyst at Kestrel Labs (was Analyst); "
        "Lead Analyst at Kestrel Labs started 2021-05-17 (was 2021-05)"
    )


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_newer_copy_retitles_the_job_from_its_very_start_beside_one_from_a_month_of_it(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    ada = _ada(session, workspace, ("Kestrel Labs", "Engineer", date(2021, 1, 1), "year"))
    copy, _text, name = _copy(session, workspace, fmt)
    board = people.add_position(
        session, workspace_id=copy.id, person_id=_one(session, copy).id,
        data=PositionUpdate(organization_name="Kestrel Labs", title="Advisor",
                            start_date=date(2021, 11, 1), is_current=True),
    )  # fmt: skip
    board.start_precision = "month"  # (typed in by hand: Nov 2021, in 2021 too)
    (job,) = ada.positions
    job.title = "Senior Engineer"
    session.flush()
    newer = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]

    report = _import(session, copy.id, name, newer)

    assert report.rows[0].detail == "title Senior Engineer at Kestrel Labs (was Engineer)"
    assert _jobs(_one(session, copy)) == [
        ("Kestrel Labs", "Advisor", "2021-11", True, ""),
        ("Kestrel Labs", "Senior Engineer", "2021", True, ""),
    ]


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_newer_copy_of_a_record_of_two_jobs_that_changed_one_is_told(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    _ada(
        session, workspace,
        ("Kestrel Labs", "Analyst", date(2021, 1, 1), "month"),
        ("Kestrel Labs", "Advisor", date(2022, 3, 1), "month"),
    )  # fmt: skip
    copy, text, name = _copy(session, workspace, fmt)

    newer = text.replace("London", "Leeds").replace("Advisor", "Senior Advisor")
    report = _import(session, copy.id, name, newer)

    # The record then is told (its two jobs, one with the title it had), so the place it
    # changed follows the file. (Before: "location left at London (the file says Leeds ...)".)
    assert _one(session, copy).location == "Leeds"
    assert report.rows[0].detail == (
        "location now Leeds; title Senior Advisor at Kestrel Labs (was Advisor)"
    )
    assert _jobs(_one(session, copy)) == [
        ("Kestrel Labs", "Analyst", "2021-01", True, ""),
        ("Kestrel Labs", "Senior Advisor", "2022-03", True, ""),
    ]


@pytest.mark.parametrize("fmt", ["vcard", "json", "csv"])
def test_a_newer_copy_of_a_record_of_two_jobs_that_gives_a_third_is_told(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    ada = _ada(
        session, workspace,
        ("Kestrel Labs", "Analyst", date(2021, 1, 1), "month"),
        ("Amber Bank", "Advisor", date(2022, 3, 1), "month"),
    )  # fmt: skip
    copy, _text, name = _copy(session, workspace, fmt)
    people.add_position(
        session, workspace_id=workspace.id, person_id=ada.id,
        data=PositionUpdate(organization_name="Umbrella", title="Chair", is_current=False),
    )  # fmt: skip
    session.expire_all()
    newer = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]

    report = _import(session, copy.id, name, newer.replace("London", "Leeds"))

    # (Before: the record then was not told, so "location left at London ...".)
    assert report.rows[0].detail == "location now Leeds; past position added: Chair at Umbrella"


def test_a_newer_copy_of_a_record_of_many_jobs_that_changed_other_fields_is_told(
    session: Session, workspace: Workspace
) -> None:
    # Twelve jobs: the ways a record of several jobs may have said them then are many, and
    # are tried after the rest, so they do not use up the tries the place and notes need.
    jobs = [(f"Org {i}", f"Title {i}", date(2000 + i, 3, 1), "month") for i in range(12)]
    ada = _ada(session, workspace, *jobs)
    ada.notes = "Met at the salon\n\nLikes chess\n\nSpeaks French"
    ada.birthday = date(1990, 12, 10)
    session.flush()
    copy, text, name = _copy(session, workspace, "json")

    newer = (
        text.replace("London", "Leeds")
        .replace("1990-12-10", "1991-12-10")
        .replace("Speaks French", "Speaks French and German")
    )
    report = _import(session, copy.id, name, newer)

    # (Before: "location left at London (the file says Leeds ...)".)
    assert report.rows[0].detail.startswith("location now Leeds"), report.rows[0].detail
    assert _one(session, copy).location == "Leeds"


def test_a_second_file_of_one_import_giving_a_new_persons_job_more_precisely_is_heard(
    session: Session, workspace: Workspace
) -> None:
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[
            Upload("people.csv", _rows("Analyst at Kestrel Labs, since 2021-05").encode()),
            Upload("more.csv", _rows("Analyst at Kestrel Labs, since 2021-05-17").encode()),
        ],
    )  # fmt: skip
    session.expire_all()

    # One person, with one job: the second file's more precise start. (Before, the month.)
    assert len({row.person_id for row in report.rows}) == 1
    assert _jobs(_one(session, workspace)) == [("Kestrel Labs", "Analyst", "2021-05-17", True, "")]


def test_splitting_off_a_record_that_gave_a_job_more_precisely_puts_the_month_back(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace, MAY_2021)
    _import(session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, since 2021-05-17"))
    (source,) = [s for s in session.get_one(Person, ada.id).sources if s.matched is not None]

    preview = splitting.preview(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
    )
    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
    )
    session.expire_all()

    assert "job Analyst at Kestrel Labs: start 2021-05-17 (back to 2021-05)" in preview.taken_back
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05", True, "")
    ]
    assert _jobs(session.get_one(Person, split.person.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05-17", True, "")
    ]


def test_of_two_jobs_a_file_may_give_it_is_the_closest(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(
        session, workspace,
        ("Kestrel Labs", "Analyst", date(2021, 1, 1), "year"),
        ("Kestrel Labs", "Analyst", date(2021, 11, 1), "month"),
    )  # fmt: skip

    _import(session, workspace.id, "people.csv", _rows("Analyst at Kestrel Labs, since 2021-11-20"))

    # 20 Nov 2021 is in 2021 and in Nov 2021: the job from Nov 2021 is the closer. (Before,
    # the first held, the one from 2021, was taken.)
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021", True, ""),
        ("Kestrel Labs", "Analyst", "2021-11-20", True, ""),
    ]


def _added(jobs: list[list[object]], changed_jobs: list[list[object]]) -> dict[str, object]:
    return {
        "fields": {}, "emails": [], "phones": [], "urls": [], "jobs": jobs,
        "changed_jobs": changed_jobs,
    }  # fmt: skip


def test_a_job_a_record_added_that_its_newer_copy_gave_more_precisely_is_kept_as_added_so() -> None:
    first = {"added": _added([[1, "Analyst", "2021-05-01", None, True]], [])}
    started = {"start_date": ["2021-05-01", "2021-05-17"], "start_precision": ["month", None]}
    newer = {"added": _added([], [[1, "Analyst", "2021-05-17", started]])}

    composed = matched.compose(first, newer)["added"]

    # The job it added, as it is now: a split or an undo finds it by its start, and takes
    # it (before, the start was said changed on a job not found, and the job stayed).
    assert composed["jobs"] == [[1, "Analyst", "2021-05-17", None, True]]
    assert composed["changed_jobs"] == []


def test_undoing_an_import_whose_second_file_gave_the_job_its_first_added_more_precisely(
    session: Session, workspace: Workspace
) -> None:
    ada = _ada(session, workspace)
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[
            Upload("people.csv", _rows("Analyst at Kestrel Labs, since 2021-05").encode()),
            Upload("more.csv", _rows("Analyst at Kestrel Labs, since 2021-05-17").encode()),
        ],
    )  # fmt: skip
    session.expire_all()
    assert _jobs(session.get_one(Person, ada.id)) == [
        ("Kestrel Labs", "Analyst", "2021-05-17", True, "")
    ]
    assert report.id is not None

    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.expire_all()

    # The job the import added goes, as the second file left it.
    assert _jobs(session.get_one(Person, ada.id)) == []


@pytest.mark.parametrize(
    ("first", "second", "held", "added"),
    [
        ("2021-01-01 to 2021-03-31", "2021-09-01 to 2021-12-17", ("2021", "2021-03-31"),
         ("2021-09-01", "2021-12-17")),
        ("2021 to 2021-03", "2021-09 to 2021-12", ("2021", "2021-03"), ("2021-09", "2021-12")),
        ("2021-09 to 2021-12", "2021 to 2021-03", ("2021-09", "2021-12"), ("2021", "2021-03")),
    ],
)  # fmt: skip
def test_two_jobs_of_a_record_in_the_year_of_a_job_held_are_it_and_another(
    session: Session,
    workspace: Workspace,
    first: str,
    second: str,
    held: tuple[str, str],
    added: tuple[str, str],
) -> None:
    ada = _ada(session, workspace, ("Kestrel Labs", "Analyst", date(2021, 1, 1), "year"))

    cell = f"Analyst at Kestrel Labs, {first}\nAnalyst at Kestrel Labs, {second}"
    _import(session, workspace.id, "people.csv", _rows(cell))

    # The first is the job held from 2021; the second, in 2021 too, is another stint there.
    # (Before, it was taken for the job held as well: never added, and its start or end
    # given to that job, "2021-09-01 to 2021-03-31", or passed over.)
    assert _jobs(session.get_one(Person, ada.id)) == sorted(
        ("Kestrel Labs", "Analyst", start, False, end) for start, end in (held, added)
    )
