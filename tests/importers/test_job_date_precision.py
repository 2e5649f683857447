"""A job's month or year (LinkedIn's "Jan 2020", a year alone) is kept as a month or year:
shown so on the person's page, in the API and the CLI, written back so by each export, read
back so, and kept by a merge and an edit that leaves the date as it was."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.duplicates import merging
from goodword.importers import linkedin
from goodword.importers.dates import parse_date
from goodword.importers.export import export_people
from goodword.importers.records import Upload
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.people import positions
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.people.schemas import PersonCreate, PositionUpdate
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    "Kestrel Labs,Senior Analyst,,Pittsburgh,Mar 2021,\n"
    "Amber Bank,Analyst,,Pittsburgh,2016,Feb 2021\n"
)


def _import(session: Session, workspace_id: int, name: str, text: str, *more: Path) -> None:
    import_files(
        session, workspace_id=workspace_id, today=TODAY,
        paths_or_uploads=[*more, Upload(name, text.encode())],
    )  # fmt: skip
    session.expire_all()


def _me(session: Session, workspace: Workspace) -> Person:
    _import(session, workspace.id, "Positions.csv", POSITIONS, DATA / "Profile.csv")
    me = session.scalar(select(Person).where(Person.workspace_id == workspace.id, Person.is_me))
    assert me is not None
    return me


def _dates(person: Person) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return sorted(
        (
            p.organization.name,
            p.start_date and p.start_date.isoformat(),
            p.start_precision,
            p.end_date and p.end_date.isoformat(),
            p.end_precision,
        )
        for p in person.positions
    )


KEPT = [
    ("Amber Bank", "2016-01-01", "year", "2021-02-01", "month"),
    ("Kestrel Labs", "2021-03-01", "month", None, None),
]


def test_linkedin_months_are_kept_as_months(session: Session, workspace: Workspace) -> None:
    assert _dates(_me(session, workspace)) == KEPT


def test_the_page_and_the_api_show_the_month_not_its_first_day(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    me = _me(session, workspace)

    page = client.get(f"/people/{me.id}").text
    answer = client.get(f"/api/v1/people/{me.id}").json()

    assert "Mar 2021 \N{EN DASH} now" in page and "2016 \N{EN DASH} Feb 2021" in page
    assert "1 Mar 2021" not in page
    jobs = {j["organization_name"]: j for j in answer["positions"]}
    assert (jobs["Kestrel Labs"]["start_date"], jobs["Kestrel Labs"]["start_precision"]) == (
        "2021-03-01", "month",
    )  # fmt: skip
    assert (jobs["Amber Bank"]["start_precision"], jobs["Amber Bank"]["end_precision"]) == (
        "year", "month",
    )  # fmt: skip
    assert jobs["Kestrel Labs"]["end_precision"] is None


@pytest.mark.parametrize("fmt", ["vcard", "vcard4", "csv", "json"])
def test_each_export_writes_the_month_and_reads_it_back(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    _me(session, workspace)
    text = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]
    copy = workspaces.get_or_create(session, slug="copy", name="Copy")

    _import(session, copy.id, {"csv": "people.csv", "json": "people.json"}.get(fmt, "p.vcf"), text)

    (person,) = session.scalars(select(Person).where(Person.workspace_id == copy.id))
    assert _dates(person) == KEPT
    if fmt.startswith("vcard"):
        assert "Kestrel Labs;Senior Analyst;;2021-03;;true" in text
    if fmt == "json":
        (exported,) = json.loads(text)["people"]
        assert {(p["start_date"], p["start_precision"]) for p in exported["positions"]} == {
            ("2021-03-01", "month"), ("2016-01-01", "year"),
        }  # fmt: skip


def test_a_merge_keeps_the_month(session: Session, workspace: Workspace) -> None:
    me = _me(session, workspace)
    kept = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Me"))

    merging.merge(session, workspace_id=workspace.id, survivor_id=kept.id, absorbed_id=me.id)

    session.expire_all()
    assert _dates(session.get(Person, kept.id)) == KEPT  # type: ignore[arg-type]


def test_an_edit_keeps_the_month_of_a_date_left_as_it_was(
    session: Session, workspace: Workspace
) -> None:
    me = _me(session, workspace)
    job = session.scalar(select(Position).where(Position.title == "Analyst"))
    assert job is not None

    positions.update_position(
        session, workspace_id=workspace.id, position_id=job.id,
        data=PositionUpdate(organization_id=job.organization_id, title="Lead Analyst",
                            start_date=date(2016, 1, 1), end_date=date(2021, 2, 14),
                            is_current=False),
    )  # fmt: skip

    session.expire_all()
    assert _dates(session.get(Person, me.id))[0] == (  # type: ignore[arg-type]
        "Amber Bank", "2016-01-01", "year", "2021-02-14", None,
    )  # fmt: skip


def test_the_same_file_again_makes_jobs_kept_as_days_months_quietly(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Imported before months were kept: each "Mar 2021" read as its first day.
    with monkeypatch.context() as before:
        before.setattr(linkedin, "parse_job_date", lambda text: (parse_date(text), None))
        me = _me(session, workspace)
    assert {(p.start_precision, p.end_precision) for p in me.positions} == {(None, None)}

    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("Positions.csv", POSITIONS.encode())],
    )  # fmt: skip

    session.expire_all()
    assert _dates(session.get(Person, me.id)) == KEPT  # type: ignore[arg-type]
    # (The same jobs: nothing for the user to look at.)
    assert [(r.outcome, r.detail) for r in report.rows] == [
        (Outcome.UNCHANGED, "nothing new in the file"),
    ]


def test_the_report_says_a_job_ended_in_a_month_as_the_month(
    session: Session, workspace: Workspace
) -> None:
    _me(session, workspace)
    newer = POSITIONS.replace("Pittsburgh,Mar 2021,\n", "Pittsburgh,Mar 2021,Feb 2024\n")

    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("Positions.csv", newer.encode())],
    )  # fmt: skip

    assert [r.detail for r in report.rows] == ["Senior Analyst at Kestrel Labs ended 2024-02"]
    # The file again, its job current once more: left as ended, in the month it ended.
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("Positions.csv", POSITIONS.encode())],
    )  # fmt: skip
    assert "job at Kestrel Labs left as ended 2024-02: the file gives it as current" in (
        report.rows[0].detail
    )


def test_the_organization_page_says_a_former_job_ended_in_its_month(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _me(session, workspace)
    amber = session.scalar(select(Position).where(Position.title == "Analyst"))
    assert amber is not None

    page = client.get(f"/organizations/{amber.organization_id}").text

    former = page.split('id="people-before"')[1].split("</section>")[0]
    assert "until Feb 2021" in former and "1 Feb 2021" not in former


@pytest.mark.parametrize("fmt", ["vcard", "json"])
def test_a_newer_copy_that_changed_a_job_kept_as_a_month_follows_the_file(
    session: Session, workspace: Workspace, fmt: str
) -> None:
    # The job the copy gave as "2021-03" last time is known as what it said then, so the
    # place it changed beside a new title follows the file (before, the record then could
    # not be told, and the place was left as it was).
    ada = people.create(
        session, workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Byron", location="London"),
    )  # fmt: skip
    job = people.add_position(
        session, workspace_id=workspace.id, person_id=ada.id,
        data=PositionUpdate(organization_name="Kestrel Labs", title="Analyst",
                            start_date=date(2021, 3, 1), is_current=True),
    )  # fmt: skip
    job.start_precision = "month"
    session.flush()
    text = export_people(session, workspace_id=workspace.id, format=fmt)  # type: ignore[arg-type]
    name = {"json": "people.json"}.get(fmt, "p.vcf")
    copy = workspaces.get_or_create(session, slug="copy", name="Copy")
    _import(session, copy.id, name, text)
    newer = text.replace("London", "Leeds").replace("Analyst", "Lead Analyst")
    assert newer != text and "2021-03" in text

    _import(session, copy.id, name, newer)

    (person,) = session.scalars(select(Person).where(Person.workspace_id == copy.id))
    assert person.location == "Leeds"
    assert [(p.title, p.start_precision) for p in person.positions] == [("Lead Analyst", "month")]
