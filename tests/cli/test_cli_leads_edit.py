"""`goodword leads edit LEAD_ID`: only what the options give changes, and the lead's open
suggestions follow it as they do when the web or the API edits it. The clock is pinned."""

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
def lead(run, cli_url: str) -> None:
    """Lead 1, a Berlin meetup in person on 10 Dec 2026 at Acme, tagged rust and data."""
    added = run(
        "leads", "add", "Rust meetup", "--kind", "event", "--description", "Talks and pizza",
        "--url", "https://example.org/meetup", "--date", "2026-12-10", "--tag", "rust",
        "--tag", "data", "--org", "Acme", "--place", "Berlin", "--in-person",
    )  # fmt: skip
    assert added.exit_code == 0, added.output


def _lead(api: TestClient) -> dict[str, object]:
    answer = api.get("/api/v1/leads/1")
    assert answer.status_code == 200
    lead: dict[str, object] = answer.json()
    return lead


def test_it_changes_only_what_the_options_give(run, lead: None, api: TestClient) -> None:
    before = _lead(api)

    edited = run("leads", "edit", "1", "--title", "Rust and data meetup", "--tag", "python")

    assert (edited.exit_code, edited.stdout) == (0, "Saved lead 1: Rust and data meetup.\n")
    after = _lead(api)
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"title", "tags", "updated_at"}
    assert (after["title"], after["tags"]) == ("Rust and data meetup", ["python"])


def test_an_empty_value_clears_a_field(run, lead: None, api: TestClient) -> None:
    edited = run(
        "leads", "edit", "1", "--description", "", "--url", "", "--date", "", "--tag", "",
        "--org", "", "--no-in-person", "--place", "",
    )  # fmt: skip

    assert edited.exit_code == 0, edited.output
    after = _lead(api)
    cleared = ("description", "url", "happens_on", "organization_id", "place")
    assert [after[name] for name in cleared] == [None] * len(cleared)
    assert (after["tags"], after["in_person"], after["title"]) == ([], False, "Rust meetup")


def test_json_prints_what_the_api_answers_for_the_lead(run, lead: None, api: TestClient) -> None:
    edited = run("leads", "edit", "1", "--kind", "lead", "--json")

    assert edited.exit_code == 0, edited.output
    # (PUT's answer: the lead, and that its organization was not new.)
    new = {"organization_added": False, "did_you_mean": []}
    assert json.loads(edited.stdout) == _lead(api) | new
    assert _lead(api)["kind"] == "lead"


def test_it_takes_off_suggestions_it_no_longer_fits_and_retitles_the_others_tasks(
    run, cli_url: str
) -> None:
    for args in (
        ("person", "add", "Ada Lovelace", "--interest", "rust"),
        ("person", "add", "Bo Jensen", "--interest", "rust", "--interest", "python"),
        ("leads", "add", "Rust opening", "--kind", "opportunity", "--tag", "rust"),
    ):
        assert run(*args).exit_code == 0
    assert run("leads", "suggest", "1").exit_code == 0

    edited = run("leads", "edit", "1", "--title", "Python opening", "--tag", "python")

    assert edited.exit_code == 0, edited.output
    assert edited.stdout == (
        "Saved lead 1: Python opening.\n"
        "It no longer fits Ada Lovelace, so they are no longer suggested (their tasks to pass "
        "it on are dismissed).\n"
    )
    tasks = json.loads(run("tasks", "list", "--status", "open", "--json").stdout)["items"]
    assert [t["title"] for t in tasks] == ["Pass “Python opening” on to Bo Jensen"]


def test_in_person_with_no_place_is_refused_naming_the_options(
    run, lead: None, api: TestClient
) -> None:
    before = _lead(api)

    refused = run("leads", "edit", "1", "--place", "")

    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        "Error: An in-person lead needs a place, so Goodword can offer it to the people there.\n"
        "  --place: Give the town or city, or give --no-in-person.\n"
    )
    assert _lead(api) == before


def test_a_lead_that_is_not_there_is_exit_4(run, cli_url: str) -> None:
    missing = run("leads", "edit", "9", "--title", "Anything")

    assert missing.exit_code == 4
    assert missing.stderr == "Error: No lead number 9: it may have been deleted.\n"


def test_a_lead_s_new_organization_is_said_to_be_added_with_what_it_may_have_meant(
    run, cli_url: str
) -> None:
    kindling, typo = "Kindling Nonprofit Software", "Kindlng Nonprofit Software"

    added = run("leads", "add", "Grants lead", "--org", kindling)
    edited = run("leads", "edit", "1", "--org", typo)
    again = run("leads", "edit", "1", "--org", kindling.lower())

    assert added.stdout == (
        "Added lead 1: Grants lead. Whom it fits: goodword leads suggest 1\n"
        f"{kindling} was new, so it was added as an organization.\n"
    )
    assert edited.stdout == (
        f"Saved lead 1: Grants lead.\n{typo} was new, so it was added as an organization. Did "
        f"you mean {kindling}? If so, change it with: goodword leads edit 1 --org '{kindling}'.\n"
    )
    assert again.stdout == "Saved lead 1: Grants lead.\n"


def test_leads_add_and_edit_json_say_whether_the_organization_was_new_as_the_api_does(
    run, cli_url: str, api: TestClient
) -> None:
    kindling, typo = "Kindling Nonprofit Software", "Kindlng Nonprofit Software"
    run("org", "add", kindling)

    added = json.loads(run("leads", "add", "Grants lead", "--org", typo, "--json").stdout)
    edited = json.loads(run("leads", "edit", "1", "--org", "Initech", "--json").stdout)
    again = json.loads(run("leads", "edit", "1", "--org", kindling, "--json").stdout)

    assert (added["organization_added"], added["did_you_mean"]) == (
        True, [{"id": 1, "name": kindling}]
    )  # fmt: skip
    assert (edited["organization_name"], edited["organization_added"]) == ("Initech", True)
    assert (again["organization_added"], again["did_you_mean"]) == (False, [])
    lead = api.get("/api/v1/leads/1").json()
    put = api.put("/api/v1/leads/1", json={k: lead[k] for k in ("kind", "title")}
                  | {"organization_id": 1}).json()  # fmt: skip
    assert put.keys() == again.keys()
