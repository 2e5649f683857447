"""`goodword calendar feed [on|off|rotate]`: the Calendar page's and `/api/v1/calendar/feed`'s
switch on the command line, with the feed's secret address, which is never logged."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from factories import LOCAL
from goodword.config import Settings
from goodword.web import create_app

ADDRESS = "http://127.0.0.1:8765/calendar/"
HERE_ONLY = (
    "This address works on this machine only. For a phone's calendar, set "
    "GOODWORD_ALLOWED_HOSTS to the name this machine has on your network (mybox.local), serve "
    "on every address (GOODWORD_HOST=0.0.0.0), and the address uses that name.\n"
)


@pytest.fixture
def api(cli_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=cli_url)), base_url=LOCAL) as client:
        yield client


def _address(run) -> str | None:
    shown = json.loads(run("calendar", "feed", "--json").stdout)
    assert shown["enabled"] is (shown["url"] is not None)
    return shown["url"]


def test_the_feed_is_off_until_turned_on_and_says_how(run, cli_url: str) -> None:
    shown = run("calendar", "feed")

    assert shown.exit_code == 0, shown.output
    assert shown.stdout == (
        "The calendar feed is off. goodword calendar feed on makes a private address your "
        "calendar program can subscribe to.\n"
    )
    assert json.loads(run("calendar", "feed", "--json").stdout) == {"enabled": False, "url": None}


def test_turning_it_on_prints_an_address_the_feed_answers_at(
    run, cli_url: str, api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    on = run("calendar", "feed", "on")
    url = _address(run)

    assert on.exit_code == 0, on.output
    assert url is not None and url.startswith(ADDRESS) and url.endswith(".ics")
    assert on.stdout == (
        "The calendar feed was turned on. Subscribe to this address in your calendar program; "
        f"keep it private:\n{url}\n{HERE_ONLY}"
    )
    # The secret is printed for the user, never logged (nor on stderr).
    secret = urlsplit(url).path.rsplit("/", 1)[1].removesuffix(".ics")
    assert [r.name for r in caplog.records if secret in r.getMessage()] == []
    assert secret not in on.stderr
    assert api.get(urlsplit(url).path).status_code == 200
    # The same address when turned on again, said already on; the API gives the same secret.
    assert run("calendar", "feed", "on").stdout == (
        "The calendar feed is already on. Subscribe to this address in your calendar program; "
        f"keep it private:\n{url}\n{HERE_ONLY}"
    )
    served = api.get("/api/v1/calendar/feed").json()["url"]
    assert urlsplit(served).path == urlsplit(url).path
    assert run("calendar", "feed").stdout == (
        "The calendar feed is on. Subscribe to this address in your calendar program; keep it "
        f"private:\n{url}\n{HERE_ONLY}"
    )


def test_the_address_is_the_one_goodword_serve_listens_on(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_HOST", "0.0.0.0")
    monkeypatch.setenv("GOODWORD_PORT", "9000")

    run("calendar", "feed", "on")

    url = _address(run)
    assert url is not None and url.startswith("http://127.0.0.1:9000/calendar/")
    assert run("calendar", "feed").stdout.endswith(f"\n{url}\n{HERE_ONLY}")


def test_the_address_is_on_the_first_name_allowed_hosts_gives(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_HOST", "0.0.0.0")
    monkeypatch.setenv("GOODWORD_PORT", "9000")
    monkeypatch.setenv("GOODWORD_ALLOWED_HOSTS", "*.example.org, mybox.local,other.local")

    on = run("calendar", "feed", "on")

    url = _address(run)
    assert url is not None and url.startswith("http://mybox.local:9000/calendar/")
    assert on.stdout.endswith(f"\n{url}\n")
    assert "this machine only" not in on.stdout


def test_rotate_gives_a_new_address_and_the_old_one_stops_working(
    run, cli_url: str, api: TestClient
) -> None:
    run("calendar", "feed", "on")
    old = _address(run)
    assert old is not None

    rotated = run("calendar", "feed", "rotate")

    assert rotated.exit_code == 0, rotated.output
    new = _address(run)
    assert new is not None and new != old
    assert rotated.stdout == (
        "The calendar feed was given a new address; the old one no longer works. Subscribe to "
        f"this one instead:\n{new}\n{HERE_ONLY}"
    )
    assert api.get(urlsplit(old).path).status_code == 404
    assert api.get(urlsplit(new).path).status_code == 200


def test_turning_it_off_stops_the_address_and_rotate_then_says_turn_it_on(
    run, cli_url: str, api: TestClient
) -> None:
    run("calendar", "feed", "on")
    old = _address(run)
    assert old is not None

    off = run("calendar", "feed", "off", "--json")
    assert json.loads(run("calendar", "feed", "--json").stdout)["enabled"] is False
    run("calendar", "feed", "on")
    assert run("calendar", "feed", "off").stdout == (
        "The calendar feed was turned off. The old address no longer works.\n"
    )
    rotate = run("calendar", "feed", "rotate")

    assert off.exit_code == 0, off.output
    assert json.loads(off.stdout) == {"enabled": False, "url": None}
    assert api.get(urlsplit(old).path).status_code == 404
    assert run("calendar", "feed", "off").stdout == "The calendar feed is already off.\n"
    assert rotate.exit_code == 3
    assert rotate.stderr == (
        "Error: The calendar feed is off, so it has no address to replace. goodword calendar "
        "feed on turns it on with a new private address.\n"
    )


def test_an_action_it_does_not_know_names_the_ones_it_does(run, cli_url: str) -> None:
    wrong = run("calendar", "feed", "start")

    assert wrong.exit_code == 2
    assert "on" in wrong.stderr and "rotate" in wrong.stderr and "off" in wrong.stderr


def test_a_loopback_or_ported_name_in_allowed_hosts_makes_no_broken_address(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_HOST", "0.0.0.0")
    monkeypatch.setenv("GOODWORD_PORT", "9000")
    # A loopback name first is passed over; a name written with its port is the name alone.
    monkeypatch.setenv("GOODWORD_ALLOWED_HOSTS", "localhost,127.0.0.1,MyBox.local:9000")

    on = run("calendar", "feed", "on")

    url = _address(run)
    assert url is not None and url.startswith("http://mybox.local:9000/calendar/")
    assert "this machine only" not in on.stdout


def test_only_loopback_names_in_allowed_hosts_say_the_address_is_for_this_machine(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_HOST", "0.0.0.0")
    monkeypatch.setenv("GOODWORD_PORT", "9000")
    monkeypatch.setenv("GOODWORD_ALLOWED_HOSTS", "localhost")

    run("calendar", "feed", "on")

    url = _address(run)
    assert url is not None and url.startswith("http://127.0.0.1:9000/calendar/")
    assert run("calendar", "feed").stdout.endswith(f"\n{url}\n{HERE_ONLY}")
