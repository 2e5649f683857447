"""Every paged list's `--json` is the API's page of the same list: its items, `next` and
`prev` (the cursor for the page before), and `total` where the API gives one."""

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
def records(run, cli_url: str) -> None:
    """Three of everything a list pages through: four pairs of people sharing an e-mail
    address, two of them merged (so two merges, two possible duplicates), three
    opportunities at three organizations, three interactions and three tasks."""
    for name in ("ada", "bo", "cy", "di"):
        for shown in (name.title(), f"{name.title()} Again"):
            added = run("person", "add", shown, "--email", f"{name}@example.org")
            assert added.exit_code == 0, added.output
    for args in (("1", "2"), ("3", "4")):
        assert run("people", "merge", *args).exit_code == 0
    for n in range(1, 4):
        for args in (
            ("opportunity", "add", f"Role {n}", "--org", f"Org {n}"),
            ("interaction", "add", "note", "--summary", f"Note {n}", "--when", f"2026-11-0{n}"),
            ("task", "add", f"Task {n}", "--due", f"2026-12-0{n}"),
        ):
            assert run(*args).exit_code == 0


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (("person", "list"), "/api/v1/people"),
        (("org", "list"), "/api/v1/organizations"),
        (("opportunity", "list"), "/api/v1/opportunities"),
        (("interaction", "list"), "/api/v1/interactions"),
        (("task", "list"), "/api/v1/tasks"),
        (("people", "merges"), "/api/v1/merges"),
        (("people", "duplicates"), "/api/v1/duplicates"),
    ],
)
def test_a_page_in_json_is_the_apis_page(
    run, records: None, api: TestClient, command: tuple[str, ...], path: str
) -> None:
    first = run(*command, "--limit", "1", "--json")
    cursor = json.loads(first.stdout)["next"]
    second = run(*command, "--limit", "1", "--after", cursor, "--json")
    served = api.get(path, params={"limit": 1, "after": cursor})

    assert (first.exit_code, second.exit_code, served.status_code) == (0, 0, 200)
    assert json.loads(first.stdout) == api.get(path, params={"limit": 1}).json()
    page = json.loads(second.stdout)
    assert page == served.json()
    assert page["items"] and page["prev"] is not None  # (a page before it to go back to)


@pytest.mark.parametrize(
    "command",
    [
        ("person", "list"),
        ("org", "list"),
        ("opportunity", "list"),
        ("interaction", "list"),
        ("task", "list"),
        ("people", "merges"),
        ("people", "duplicates"),
    ],
)
def test_a_list_pages_forward_then_back_to_its_first_page(
    run, records: None, command: tuple[str, ...]
) -> None:
    """--before takes the `prev` a page's --json gave, as the API's `before` does."""
    first = json.loads(run(*command, "--limit", "1", "--json").stdout)
    second = json.loads(run(*command, "--limit", "1", "--after", first["next"], "--json").stdout)
    back = run(*command, "--limit", "1", "--before", second["prev"], "--json")

    assert back.exit_code == 0, back.output
    assert second["items"] != first["items"]
    assert json.loads(back.stdout) == first


def test_going_back_says_how_to_go_on_without_the_before(run, records: None) -> None:
    first = json.loads(run("task", "list", "--limit", "1", "--json").stdout)
    second = json.loads(
        run("task", "list", "--limit", "1", "--after", first["next"], "--json").stdout
    )
    back = run("task", "list", "--limit", "1", "--before", second["prev"])
    both = run("task", "list", "--after", first["next"], "--before", second["prev"])

    assert back.exit_code == 0, back.output
    assert f"More: goodword task list --limit 1 --after {first['next']}\n" in back.stdout
    assert both.exit_code == 2 and "not both" in both.stderr
