"""`goodword person job`: one of a person's jobs changed from the command line, only what the
options give (SQLite)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import update

from goodword.db import make_engine, make_session_factory
from goodword.people import service as people
from goodword.people.models import Position
from goodword.people.schemas import PositionCreate
from goodword.workspaces import service as workspaces


def test_a_job_ended_and_made_current_again(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")
    assert "Recruiter at Meta (? to now) (job 1)" in run("person", "show", "1").stdout

    ended = run("person", "job", "1", "--past", "--end", "2026-10-01")
    again = run("person", "job", "1", "--current")

    assert ended.stdout == "Saved Recruiter at Meta (? to 2026-10-01) of Jo Park (job 1).\n"
    assert again.stdout == "Saved Recruiter at Meta (? to now) of Jo Park (job 1).\n"


def test_a_past_job_made_current_ends_the_one_now_and_says_so(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")
    engine = make_engine(cli_url)
    with make_session_factory(engine)() as session:
        workspace = workspaces.get_or_create(session).id
        past = PositionCreate(organization_name="Metals Group", title="Buyer", is_current=False)
        people.add_position(session, workspace_id=workspace, person_id=1, data=past)
        session.commit()
    engine.dispose()

    moved = run("person", "job", "2", "--current")

    assert moved.stdout == (
        "Saved Buyer at Metals Group (? to now) of Jo Park (job 2).\n"
        "Ended Recruiter at Meta (job 1), as it came before.\n"
    )


def test_only_the_options_given_change(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")
    run("person", "job", "1", "--start", "2024-02-01", "--department", "Talent")

    answer = json.loads(run("person", "job", "1", "--title", "", "--json").stdout)

    assert answer == {
        "id": 1, "organization_id": 1, "organization_name": "Meta", "title": None,
        "department": "Talent", "start_date": "2024-02-01", "end_date": None,
        "start_precision": "day", "end_precision": None, "is_current": True,
        "organization_added": False, "did_you_mean": [], "ended": [],
    }  # fmt: skip


def test_a_job_s_month_is_shown_as_the_month(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")
    engine = make_engine(cli_url)
    with engine.begin() as connection:  # (as LinkedIn's "Jan 2020" and "2018" are kept)
        connection.execute(
            update(Position).values(
                start_date=date(2018, 1, 1), start_precision="year",
                end_date=date(2020, 1, 1), end_precision="month", is_current=False,
            )
        )  # fmt: skip
    engine.dispose()

    shown = run("person", "show", "1").stdout
    answer = json.loads(run("person", "show", "1", "--json").stdout)

    assert "Recruiter at Meta (2018 to 2020-01) (job 1)" in shown
    (job,) = answer["positions"]
    assert (job["start_date"], job["start_precision"], job["end_precision"]) == (
        "2018-01-01", "year", "month",
    )  # fmt: skip


def test_a_wrong_day_or_job_changes_nothing(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")

    wrong_day = run("person", "job", "1", "--start", "2027-13-01")
    no_job = run("person", "job", "99", "--title", "Lead")
    backwards = run("person", "job", "1", "--start", "2025-01-01", "--end", "2024-01-01")

    assert wrong_day.exit_code == 2 and "--start takes a real date" in wrong_day.stderr
    assert no_job.exit_code == 4 and "No job number 99" in no_job.stderr
    assert backwards.exit_code == 2
    assert "Recruiter at Meta (? to now) (job 1)" in run("person", "show", "1").stdout


def test_a_day_still_to_come_for_a_job_that_has_ended_is_refused(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")

    ends_later = run("person", "job", "1", "--end", "2150-01-01")
    began_later = run("person", "job", "1", "--past", "--start", "2150-01-01")

    assert ends_later.exit_code == 2
    assert "  --end: That day is still to come: give the day the job ended" in ends_later.stderr
    assert began_later.exit_code == 2
    assert "  --start: That day is still to come, and this job has ended" in began_later.stderr
    assert "Recruiter at Meta (? to now) (job 1)" in run("person", "show", "1").stdout


def test_person_job_says_an_organization_was_added_and_how_to_fix_it(run, cli_url: str) -> None:
    kindling, typo = "Kindling Nonprofit Software", "Kindlng Nonprofit Software"
    run("person", "add", "Jo Park", "--org", kindling)
    moved = run("person", "job", "1", "--org", typo)
    assert moved.exit_code == 0, moved.output
    assert moved.stdout.splitlines()[-1] == (
        f"{typo} was new, so it was added as an organization. Did you mean {kindling}? If so, "
        f"change it with: goodword person job 1 --org '{kindling}'."
    )
    fixed = json.loads(run("person", "job", "1", "--org", kindling, "--json").stdout)
    assert (fixed["organization_added"], fixed["did_you_mean"]) == (False, [])


def test_person_add_says_its_organization_was_added_and_what_it_may_have_meant(
    run, cli_url: str
) -> None:
    kindling, typo = "Kindling Nonprofit Software", "Kindlng Nonprofit Software"

    first = run("person", "add", "Jo Park", "--org", kindling)
    mistyped = run("person", "add", "Al Reyes", "--org", typo, "--title", "Engineer")
    known = run("person", "add", "Bo Chen", "--org", kindling.upper())

    assert first.stdout == (
        f"Added Jo Park (person 1).\n{kindling} was new, so it was added as an organization.\n"
    )
    assert mistyped.stdout == (
        f"Added Al Reyes (person 2).\n{typo} was new, so it was added as an organization. Did "
        f"you mean {kindling}? If so, change it with: goodword person job 2 --org '{kindling}'.\n"
    )
    assert known.stdout == "Added Bo Chen (person 3).\n"


def test_a_job_known_only_as_a_month_or_year_is_given_so(run, cli_url: str) -> None:
    run("person", "add", "Jo Park", "--org", "Meta", "--title", "Recruiter")

    run("person", "job", "1", "--start", "2019", "--end", "2021-05")
    kept = run("person", "show", "1").stdout
    # Another change leaves them so; a whole day given makes it a day.
    run("person", "job", "1", "--title", "Lead Recruiter")
    also = run("person", "show", "1").stdout
    run("person", "job", "1", "--start", "2019-01-01")
    day = json.loads(run("person", "show", "1", "--json").stdout)["positions"][0]
    wrong = run("person", "job", "1", "--start", "spring 2019")

    assert "Recruiter at Meta (2019 to 2021-05) (job 1)" in kept
    assert "Lead Recruiter at Meta (2019 to 2021-05) (job 1)" in also
    assert (day["start_date"], day["start_precision"], day["end_precision"]) == (
        "2019-01-01", "day", "month",
    )  # fmt: skip
    assert wrong.exit_code == 2
    assert "--start takes a day, a month or a year (2021-05-14, 2021-05 or 2021)" in wrong.stderr
