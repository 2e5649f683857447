"""`goodword references briefed|called|thanked|cancel` and `goodword leads sent|skipped`: the
steps after a launch and after a lead's suggestions, recorded as the web app and the API record
them. The clock is pinned."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from factories import LOCAL
from goodword import clock
from goodword.config import Settings
from goodword.web import create_app

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
def launched(run, cli_url: str) -> None:
    """Ada (reference 1) launched for Analyst at Acme (opportunity 1), whose hiring manager
    is Bo; Tester at Acme (opportunity 2) has no launch."""
    for args in (
        ("person", "add", "Ada Lovelace", "--email", "ada@example.org"),
        ("person", "add", "Bo Jensen"),
        ("opportunity", "add", "Analyst", "--org", "Acme", "--manager", "2"),
        ("opportunity", "add", "Tester", "--org", "Acme"),
        ("references", "add", "1", "--consent", "2026-11-01"),
    ):
        assert run(*args).exit_code == 0
    launch = run("references", "launch", "1", "1", "--stress", "rigour")
    assert launch.exit_code == 0, launch.output
    assert launch.stdout.endswith(
        "As it goes: goodword references briefed 1 1, then called, then thanked.\n"
    )


def _tasks(run) -> dict[str, str]:
    return {
        t["title"]: t["status"] for t in json.loads(run("task", "list", "--json").stdout)["items"]
    }


def test_a_launch_is_briefed_called_and_thanked_step_by_step(
    run, launched: None, api: TestClient
) -> None:
    briefed = run("references", "briefed", "1", "1")
    called = run("references", "called", "1", "1", "--outcome", "Bo liked what he heard")
    thanked = run("references", "thanked", "1", "1", "--json")

    assert (briefed.exit_code, briefed.stdout) == (0, "Recorded: Ada Lovelace briefed.\n")
    assert called.exit_code == 0, called.output
    assert called.stdout.splitlines() == [
        "Recorded: Ada Lovelace called.",
        "1 follow-up task added.",
        "Draft to ada@example.org: Thank you for speaking for me, Ada",
    ]
    assert thanked.exit_code == 0, thanked.output
    printed = json.loads(thanked.stdout)
    assert printed["use"] == api.get("/api/v1/references/1/uses").json()[0]
    assert printed["use"]["status"] == "thanked"
    assert printed["use"]["outcome"] == "Bo liked what he heard"
    assert printed["use"]["briefed_on"] == printed["use"]["thanked_on"] == "2026-11-20"
    assert set(printed["playbook"]) >= {"created", "drafts", "prompts"}
    assert _tasks(run) == {
        "Brief Ada Lovelace on Analyst at Acme": "done",
        "Check that Ada Lovelace has called Bo Jensen, then apply": "done",
        "Thank Ada Lovelace for speaking for you": "done",
    }


def test_a_step_in_json_prints_what_the_api_answers_for_it(
    run, launched: None, api: TestClient
) -> None:
    briefed = run("references", "briefed", "1", "1", "--json")
    # Said again, the same step changes nothing, so the API answers what it answered then.
    answered = api.post("/api/v1/reference-uses/1", json={"status": "briefed"})

    assert briefed.exit_code == 0, briefed.output
    assert answered.status_code == 200
    assert json.loads(briefed.stdout) == answered.json()


def test_an_outcome_too_long_is_refused_naming_the_option(run, launched: None) -> None:
    outcome = "a" * 5_001

    result = run("references", "called", "1", "1", "--outcome", outcome)
    as_json = run("references", "called", "1", "1", "--outcome", outcome, "--json")

    assert result.exit_code == as_json.exit_code == 2
    assert result.stderr == (
        "Error: Some fields need attention.\n  --outcome: Keep this to 5,000 characters or fewer.\n"
    )
    assert json.loads(as_json.stdout)["error"] == {
        "code": "invalid",
        "message": "Some fields need attention.",
        "fields": [{"field": "outcome", "message": "Keep this to 5,000 characters or fewer."}],
    }
    assert _tasks(run)["Brief Ada Lovelace on Analyst at Acme"] == "open"


def test_a_step_out_of_turn_is_refused_saying_where_the_launch_is(run, launched: None) -> None:
    run("references", "called", "1", "1")
    run("references", "thanked", "1", "1")

    again = run("references", "briefed", "1", "1")
    as_json = run("references", "briefed", "1", "1", "--json")

    assert again.exit_code == as_json.exit_code == 2
    assert again.stderr == "Error: This launch is thanked; it cannot become briefed.\n"
    assert json.loads(as_json.stdout)["error"] == {  # (as the API says it)
        "code": "invalid",
        "message": "This launch is thanked; it cannot become briefed.",
        "fields": [{"field": "status", "message": "Not a next step from Thanked."}],
    }


def test_a_launch_is_cancelled_its_open_tasks_dismissed(run, launched: None) -> None:
    run("references", "briefed", "1", "1")

    result = run("references", "cancel", "1", "1")

    assert (result.exit_code, result.stdout) == (
        0,
        "Cancelled Ada Lovelace's launch for Analyst at Acme; its open tasks are dismissed.\n",
    )
    assert _tasks(run) == {
        "Brief Ada Lovelace on Analyst at Acme": "done",
        "Check that Ada Lovelace has called Bo Jensen, then apply": "dismissed",
    }
    listed = json.loads(run("references", "list", "--json").stdout)["items"]
    assert listed[0]["uses_count"] == 0


def test_a_cancel_in_json_prints_what_the_api_answers(run, launched: None, api: TestClient) -> None:
    assert run("opportunity", "add", "Lead", "--org", "Acme", "--manager", "2").exit_code == 0
    assert run("references", "launch", "1", "3", "--stress", "rigour").exit_code == 0

    result = run("references", "cancel", "1", "1", "--json")
    answered = api.post("/api/v1/reference-uses/2", json={"status": "cancelled"})

    assert result.exit_code == 0, result.output
    assert answered.status_code == 200
    uses = api.get("/api/v1/references/1/uses").json()
    assert json.loads(result.stdout) == {"use": uses[0], "playbook": answered.json()["playbook"]}
    assert answered.json() == {"use": uses[1], "playbook": answered.json()["playbook"]}
    assert [u["status"] for u in uses] == ["cancelled", "cancelled"]


def test_a_launch_cancelled_already_is_refused_saying_how_to_launch_again(
    run, launched: None
) -> None:
    run("references", "cancel", "1", "1")

    again = run("references", "cancel", "1", "1")
    as_json = run("references", "cancel", "1", "1", "--json")
    relaunched = run("references", "launch", "1", "1", "--stress", "rigour")

    said = (
        "Ada Lovelace's launch for Analyst at Acme is already cancelled. To launch them "
        "again: goodword references launch 1 1"
    )
    assert (again.exit_code, again.stderr) == (2, f"Error: {said}\n")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["error"] == {"code": "invalid", "message": said, "fields": []}
    assert relaunched.exit_code == 0, relaunched.output


@pytest.mark.parametrize("steps", [("called",), ("called", "thanked")])
def test_a_launch_whose_call_was_made_is_not_cancelled(
    run, launched: None, steps: tuple[str, ...]
) -> None:
    for step in steps:
        assert run("references", step, "1", "1").exit_code == 0

    result = run("references", "cancel", "1", "1")

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Ada Lovelace has already called about Analyst at Acme, so the launch stays on "
        "record and cannot be cancelled.\n"
    )
    uses = json.loads(run("references", "list", "--json").stdout)["items"]
    assert uses[0]["uses_count"] == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("references", "briefed", "9", "1"), "No reference number 9: it may have been deleted."),
        (("references", "cancel", "9", "1"), "No reference number 9: it may have been deleted."),
        (("references", "cancel", "1", "9"), "No opportunity number 9: it may have been deleted."),
        (
            ("references", "cancel", "1", "2"),
            "Ada Lovelace (reference 1) was not launched for Tester at Acme (opportunity 2). "
            "Launch them first: goodword references launch 1 2",
        ),
        (("references", "called", "1", "9"), "No opportunity number 9: it may have been deleted."),
        (
            ("references", "thanked", "1", "2"),
            "Ada Lovelace (reference 1) was not launched for Tester at Acme (opportunity 2). "
            "Launch them first: goodword references launch 1 2",
        ),
    ],
)
def test_a_launch_that_is_not_there_is_exit_4_naming_the_id(
    run, launched: None, args: tuple[str, ...], said: str
) -> None:
    result = run(*args)
    as_json = run(*args, "--json")

    assert result.exit_code == as_json.exit_code == 4
    assert result.stderr == f"Error: {said}\n"
    assert json.loads(as_json.stdout)["error"] == {
        "code": "not_found",
        "message": said,
        "fields": [],
    }
    assert _tasks(run)["Brief Ada Lovelace on Analyst at Acme"] == "open"


@pytest.fixture
def suggested(run, cli_url: str) -> None:
    """A Rust meetup (lead 1) suggested for Ada (person 1) and Bo (person 2); Cy (person 3)
    is not into Rust."""
    for args in (
        ("person", "add", "Ada Lovelace", "--interest", "rust"),
        ("person", "add", "Bo Jensen", "--interest", "rust"),
        ("person", "add", "Cy Young", "--interest", "baseball"),
        ("leads", "add", "Rust meetup", "--tag", "rust"),
    ):
        assert run(*args).exit_code == 0
    suggest = run("leads", "suggest", "1")
    assert suggest.exit_code == 0, suggest.output
    assert suggest.stdout.endswith(
        "Once you pass it on: goodword leads sent 1 PERSON_ID (or skipped, if it is not for "
        "them).\n"
    )


def test_a_lead_is_marked_sent_to_one_and_skipped_for_another(
    run, suggested: None, api: TestClient
) -> None:
    sent = run("leads", "sent", "1", "1")
    skipped = run("leads", "skipped", "1", "2", "--json")

    assert (sent.exit_code, sent.stdout) == (0, "Noted: Rust meetup passed on to Ada Lovelace.\n")
    assert skipped.exit_code == 0, skipped.output
    shares = {s["person_id"]: s for s in api.get("/api/v1/leads/1").json()["shares"]}
    assert json.loads(skipped.stdout) == shares[2]
    assert (shares[1]["status"], shares[1]["sent_on"]) == ("sent", "2026-11-20")
    assert shares[2]["status"] == "skipped"
    assert sorted(_tasks(run).values()) == ["dismissed", "done"]
    listed = " ".join(run("leads", "list").stdout.split())
    assert "Ada Lovelace" in listed and "Bo Jensen" not in listed


def test_a_lead_passed_on_cannot_be_skipped_after(run, suggested: None) -> None:
    run("leads", "sent", "1", "1")

    result = run("leads", "skipped", "1", "1")

    assert result.exit_code == 2
    assert result.stderr == "Error: This lead was already passed on; it cannot be undone.\n"


def test_a_lead_passed_on_refuses_a_skip_under_json_as_the_api_does(
    run, suggested: None, api: TestClient
) -> None:
    run("leads", "sent", "1", "1")

    result = run("leads", "skipped", "1", "1", "--json")
    refused = api.post("/api/v1/lead-shares/1", json={"status": "skipped"})

    assert (result.exit_code, refused.status_code) == (2, 422)
    assert json.loads(result.stdout) == refused.json()
    assert refused.json()["error"]["fields"] == [{"field": "status", "message": "Already sent."}]
    assert result.stderr == "Error: This lead was already passed on; it cannot be undone.\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("leads", "sent", "9", "1"), "No lead number 9: it may have been deleted."),
        (("leads", "skipped", "1", "9"), "No person number 9: they may have been deleted."),
        (
            ("leads", "sent", "1", "3"),
            "Rust meetup (lead 1) was not suggested for Cy Young (person 3). Whom it fits: "
            "goodword leads suggest 1",
        ),
    ],
)
def test_a_suggestion_that_is_not_there_is_exit_4_naming_the_id(
    run, suggested: None, args: tuple[str, ...], said: str
) -> None:
    result = run(*args)
    as_json = run(*args, "--json")

    assert result.exit_code == as_json.exit_code == 4
    assert result.stderr == f"Error: {said}\n"
    assert json.loads(as_json.stdout)["error"]["message"] == said
    assert sorted(_tasks(run).values()) == ["open", "open"]
