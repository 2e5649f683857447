"""`goodword playbooks|referrals|references|keep-in-touch|leads|messages|calendar`: the API's
JSON shapes, what the human output says, and the exit codes. The clock is pinned."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import LOCAL
from goodword import clock
from goodword.config import Settings
from goodword.db import make_engine
from goodword.people import service as people
from goodword.web import create_app
from goodword.workspaces.models import Workspace
from person_records import everything_of

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: NOW.date())
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def api(cli_url: str) -> Iterator[TestClient]:
    """The JSON API over the database the CLI uses."""
    with TestClient(create_app(Settings(database_url=cli_url)), base_url=LOCAL) as client:
        yield client


@pytest.fixture
def network(run, cli_url: str) -> None:
    """Ada with a reference record, a referral ask and two leads waiting to be passed on to
    her, a friend (Bo) due a catch-up, and a favour Bo did for you that you have not
    returned."""
    assert run("person", "add", "Ada Lovelace", "--email", "ada@example.org").exit_code == 0
    assert run("person", "add", "Bo Jensen", "--tag", "maths").exit_code == 0
    engine = make_engine(cli_url)
    with Session(engine) as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        ada, bo = (people.get(session, workspace_id=workspace_id, person_id=i) for i in (1, 2))
        everything_of(session, workspace_id, ada, bo)
        bo.keep_in_touch_days = 7
        session.commit()
    engine.dispose()
    favour = run("interaction", "add", "favour_received", "--with", "2", "--when", "2026-11-02")
    assert favour.exit_code == 0, favour.output


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (("referrals", "list"), "/api/v1/referrals"),
        (("references", "list"), "/api/v1/references"),
        (("keep-in-touch",), "/api/v1/keep-in-touch"),
        (("keep-in-touch", "--digest"), "/api/v1/keep-in-touch/digest"),
        (("messages", "list"), "/api/v1/messages"),
        (("messages", "show", "keep_in_touch"), "/api/v1/messages/keep_in_touch/drafts"),
        (
            ("messages", "show", "keep_in_touch", "--person", "2", "--person", "1"),
            "/api/v1/messages/keep_in_touch/drafts?person_id=2&person_id=1",
        ),
        (("leads", "list"), "/api/v1/leads"),
        (("person", "connections", "1"), "/api/v1/people/1/connections"),
        (("search", "ada"), "/api/v1/search?q=ada"),
    ],
)
def test_json_output_is_the_apis_shape(
    run, network: None, api: TestClient, command: tuple[str, ...], path: str
) -> None:
    printed = run(*command, "--json")
    served = api.get(path)

    assert printed.exit_code == 0, printed.output
    assert served.status_code == 200
    assert json.loads(printed.stdout) == served.json()
    assert served.json()  # something to compare


def test_keep_in_touch_json_pages_as_the_api_does(run, network: None, api: TestClient) -> None:
    served = api.get("/api/v1/keep-in-touch", params={"limit": 1, "within_days": 400}).json()
    printed = run("keep-in-touch", "--json", "--limit", "1", "--within-days", "400")

    assert printed.exit_code == 0, printed.output
    assert served["total"] == 2 and served["next"] is not None
    assert json.loads(printed.stdout) == served
    after = ["--after", served["next"], "--limit", "1", "--within-days", "400", "--json"]
    second = json.loads(run("keep-in-touch", *after).stdout)
    assert (
        second
        == api.get(
            "/api/v1/keep-in-touch",
            params={"limit": 1, "within_days": 400, "after": served["next"]},
        ).json()
    )
    back = ["--before", second["prev"], "--limit", "1", "--within-days", "400", "--json"]
    assert json.loads(run("keep-in-touch", *back).stdout) == served


def test_keep_in_touch_says_how_to_see_the_next_page(run, network: None) -> None:
    shown = run("keep-in-touch", "--limit", "1", "--within-days", "400")

    assert shown.exit_code == 0, shown.output
    assert "1 of the 2 people due." in shown.stdout
    assert "More: goodword keep-in-touch --within-days 400 --limit 1 --after " in shown.stdout


def test_keep_in_touch_refuses_both_cursors_and_paging_the_digest(run, network: None) -> None:
    both = run("keep-in-touch", "--after", "x", "--before", "y")
    digest = run("keep-in-touch", "--digest", "--after", "x")

    assert both.exit_code == 2 and "not both" in both.output
    assert digest.exit_code == 2 and "--digest shows the whole week" in digest.output


def test_the_digest_names_the_favours_owed_and_the_leads_to_pass_on(run, network: None) -> None:
    digest = run("keep-in-touch", "--digest")

    assert digest.exit_code == 0
    lines = digest.stdout.splitlines()
    assert "You owe a favour to: Bo Jensen" in lines
    assert "Pass on: A meetup to Ada Lovelace" in lines
    assert "Pass on: An opening to Ada Lovelace" in lines


def test_references_list_shows_the_warnings_in_words(run, network: None) -> None:
    listed = run("references", "list")

    assert listed.exit_code == 0
    assert "has not agreed to be your reference yet" in " ".join(listed.stdout.split())


def test_leads_list_shows_each_lead_s_id(run, network: None) -> None:
    listed = run("leads", "list")

    assert listed.exit_code == 0
    rows = [" ".join(line.strip("│ ").split()) for line in listed.stdout.splitlines()]
    assert any(row.startswith("2 │ An opening │ Lead") for row in rows)
    assert any(row.startswith("1 │ A meetup │ Lead") for row in rows)
    assert listed.stdout.endswith("Whom one fits: goodword leads suggest LEAD_ID\n")


def test_leads_list_with_no_leads_says_how_to_add_one(run, cli_url: str) -> None:
    listed = run("leads", "list")

    assert (listed.exit_code, listed.stdout) == (
        0,
        "No leads yet. Add one: goodword leads add TITLE\n",
    )


def test_a_rejection_playbook_that_cannot_run_exits_2(run, cli_url: str) -> None:
    run("opportunity", "add", "Analyst", "--org", "Acme")

    shown = run("playbooks", "rejection", "1")
    as_json = run("playbooks", "rejection", "1", "--json")

    assert shown.exit_code == 2
    assert shown.stdout.startswith("Needed: Analyst at Acme is not marked rejected.")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["prompts"][0]["blocking"] is True


@pytest.mark.parametrize(
    "command",
    [
        ("calendar", "export", "{missing}/tasks.ics"),
        ("messages", "show", "keep_in_touch", "--person", "1", "--eml", "{missing}/ada.eml"),
    ],
)
def test_an_output_file_in_a_missing_folder_is_exit_2_naming_it(
    run, cli_url: str, tmp_path: Path, command: tuple[str, ...]
) -> None:
    run("person", "add", "Ada Lovelace", "--email", "ada@example.org")
    missing = tmp_path / "nowhere"

    result = run(*(part.format(missing=missing) for part in command))

    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"there is no folder {missing}" in result.stderr
    assert not missing.exists()


def test_a_draft_s_recipient_reads_as_a_mail_program_writes_it(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--email", "ada@example.org")

    shown = run("messages", "show", "keep_in_touch", "--person", "1")

    assert shown.exit_code == 0
    assert shown.stdout.startswith("To: Ada Lovelace <ada@example.org>\n")


def test_leads_suggest_with_no_one_it_fits_exits_2_saying_what_is_needed(run, cli_url: str) -> None:
    run("leads", "add", "Rust meetup", "--tag", "rust")

    shown = run("leads", "suggest", "1")
    as_json = run("leads", "suggest", "1", "--json")

    assert shown.exit_code == 2
    assert shown.stdout.startswith("Needed: No one in your records fits this yet.")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["suggestions"] == []


def test_leads_suggest_counts_the_tasks_in_words(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--interest", "rust")
    run("leads", "add", "Rust meetup", "--tag", "rust")

    shown = run("leads", "suggest", "1")

    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[-2] == "1 task added with a drafted note each."


def test_calendar_export_to_dash_prints_the_ics_on_the_screen(
    run, cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run("task", "add", "Call Ada", "--due", "2026-11-27")

    result = run("calendar", "export", "-")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Call Ada" in result.stdout
    assert not (tmp_path / "-").exists()


def test_calendar_export_writes_to_output_as_the_other_exports_do_and_file_still_works(
    run, cli_url: str, tmp_path: Path
) -> None:
    run("task", "add", "Call Ada", "--due", "2026-11-27")

    by_option = run("calendar", "export", "--output", str(tmp_path / "new.ics"))
    by_argument = run("calendar", "export", str(tmp_path / "old.ics"))
    on_screen = run("calendar", "export")

    assert by_option.exit_code == by_argument.exit_code == on_screen.exit_code == 0
    assert by_option.stdout == f"Wrote 1 entry to {tmp_path / 'new.ics'}.\n"
    assert by_argument.stdout == f"Wrote 1 entry to {tmp_path / 'old.ics'}.\n"
    for name in ("new.ics", "old.ics"):
        assert b"SUMMARY:Call Ada" in (tmp_path / name).read_bytes()
    assert on_screen.stdout.startswith("BEGIN:VCALENDAR")


def test_calendar_export_given_both_file_and_output_is_refused(
    run, cli_url: str, tmp_path: Path
) -> None:
    result = run("calendar", "export", str(tmp_path / "a.ics"), "--output", str(tmp_path / "b.ics"))

    assert result.exit_code == 2
    assert result.stderr == "Error: Give the file once: with --output, and leave out FILE.\n"
    assert list(tmp_path.glob("*.ics")) == []


def test_a_draft_to_dash_prints_the_mail_file_on_the_screen(
    run, cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run("person", "add", "Ada Lovelace", "--email", "ada@example.org")

    result = run("messages", "show", "keep_in_touch", "--person", "1", "--eml", "-")
    both = run("messages", "show", "keep_in_touch", "--person", "1", "--eml", "-", "--json")

    assert result.exit_code == 0, result.output
    assert "To: Ada Lovelace <ada@example.org>" in result.stdout
    assert "Subject: Catching up" in result.stdout
    assert not (tmp_path / "-").exists()
    assert both.exit_code == 2
    assert both.stderr == "Error: --eml - and --json both print on the screen: leave out one.\n"


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (("leads", "add", "Rust meetup", "--date", "2026-02-30"), "--date"),
        (("references", "add", "1", "--consent", "2026-02-30"), "--consent"),
        (("demo", "--today", "2026-02-30"), "--today"),
    ],
)
def test_a_date_that_is_not_a_real_day_is_said_so(
    run, cli_url: str, command: tuple[str, ...], option: str
) -> None:
    result = run(*command)
    mistyped = run(*command[:-1], "30/02/2026")

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {option} takes a real date, and '2026-02-30' is not one: give a real date, "
        "such as 2026-11-02.\n"
    )
    assert mistyped.stderr == (
        f"Error: {option} takes a date written as YYYY-MM-DD, not '30/02/2026'.\n"
    )


def test_a_reference_added_without_consent_can_be_given_it_and_launched(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--email", "ada@example.org")
    run("person", "add", "Bo Jensen")
    run("opportunity", "add", "Analyst", "--org", "Acme", "--manager", "2")
    added = run("references", "add", "1", "--relationship", "My manager at Fabrikam")
    again = run("references", "add", "1", "--consent", "2026-11-01")

    refused = run("references", "launch", "1", "1", "--stress", "rigour")
    later = run("references", "consent", "1", "2026-12-01")
    agreed = run("references", "consent", "1", "2026-11-01", "--json")
    launched = run("references", "launch", "1", "1", "--stress", "rigour")

    assert added.stdout.endswith("Once they agree: goodword references consent 1 YYYY-MM-DD\n")
    assert again.exit_code == 3
    assert again.stderr == (
        "Error: Ada Lovelace is already one of your references. To record the day they agreed: "
        "goodword references consent 1 YYYY-MM-DD\n"
    )
    assert refused.exit_code == 3
    assert refused.stderr == (  # (no consent_on line: launch has no option for it)
        "Error: Record when Ada Lovelace agreed to be your reference. Record it with: "
        "goodword references consent 1 YYYY-MM-DD\n"
    )
    assert later.exit_code == 2
    assert later.stderr.splitlines()[1:] == [
        "  DATE: That day is still to come: give the day they agreed."
    ]
    assert agreed.exit_code == 0, agreed.output
    assert json.loads(agreed.stdout)["consent_on"] == "2026-11-01"
    assert launched.exit_code == 0, launched.output
    [reference] = json.loads(run("references", "list", "--json").stdout)["items"]
    assert (reference["consent_on"], reference["uses_count"]) == ("2026-11-01", 1)
    assert reference["relationship_text"] == "My manager at Fabrikam"  # the rest is kept
    # Once they have agreed, adding them again says so and no more.
    thrice = run("references", "add", "1", "--consent", "2026-11-01")
    assert thrice.stderr == "Error: Ada Lovelace is already one of your references.\n"


def test_task_done_on_a_catch_up_logs_the_contact_and_says_so(run, network: None) -> None:
    assert run("playbooks", "run").exit_code == 0
    listed = json.loads(run("task", "list", "--json").stdout)["items"]
    [reminder] = [
        t for t in listed if t["origin"] == "keep-in-touch:due" and t["title"].endswith("Bo Jensen")
    ]

    done = run("task", "done", str(reminder["id"]))

    assert done.exit_code == 0, done.output
    interaction_id = json.loads(run("task", "show", str(reminder["id"]), "--json").stdout)[
        "interaction_id"
    ]
    assert done.stdout == (
        "Done: Get back in touch with Bo Jensen\n"
        f"Contact with Bo Jensen logged today (interaction {interaction_id}).\n"
    )
    due = json.loads(run("keep-in-touch", "--json").stdout)["items"]
    assert all(item["name"] != "Bo Jensen" for item in due)


def test_an_opportunity_added_at_rejected_runs_what_a_move_there_runs(run, cli_url: str) -> None:
    added = run("opportunity", "add", "Analyst", "--org", "Acme", "--stage", "rejected")
    as_json = run("opportunity", "add", "Planner", "--org", "Acme", "--stage", "rejected", "--json")

    assert added.exit_code == 0
    assert added.stdout.startswith(
        "Added Analyst at Acme (1).\nAcme was new, so it was added as an organization.\n"
        "The rejection playbook needs more first. No interview "
        "from round two on is recorded"
    )
    answer = json.loads(as_json.stdout)
    assert answer["stage"] == "rejected" and answer["warning"] is None
    assert answer["playbook"]["prompts"][0]["blocking"] is True


def test_a_lead_added_with_a_place_in_person_is_listed_so(run, cli_url: str) -> None:
    added = run(
        "leads", "add", "Data meetup", "--kind", "event", "--place", "Berlin", "--in-person",
        "--json",
    )  # fmt: skip
    refused = run("leads", "add", "Data meetup", "--in-person")
    listed = run("leads", "list")

    assert added.exit_code == 0
    lead = json.loads(added.stdout)
    assert (lead["place"], lead["in_person"]) == ("Berlin", True)
    assert refused.exit_code == 2 and "--place" in refused.stderr
    assert "Berlin (in person)" in listed.stdout


def test_a_lead_added_in_person_with_no_place_says_to_give_one_or_leave_out_the_option(
    run, cli_url: str
) -> None:
    refused = run("leads", "add", "Data meetup", "--in-person")

    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        "Error: An in-person lead needs a place, so Goodword can offer it to the people there.\n"
        "  --place: Give the town or city, or leave out --in-person.\n"
    )
    assert run("leads", "list").stdout.startswith("No leads yet.")
