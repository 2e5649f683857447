"""`goodword person add` and `goodword interaction add`: every problem in one answer, and no
contact dated after today. The clock is pinned."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from goodword import clock

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: NOW.date())
    monkeypatch.setattr(clock, "now", lambda: NOW)


def test_person_add_reports_the_email_phone_link_and_name_at_once(run, cli_url: str) -> None:
    result = run(
        "person", "add", " ", "--email", "a@@b", "--phone", "12345", "--url", "javascript:x"
    )

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Some fields need attention.",
        "  --email: 'a@@b' is not an e-mail address: it has more than one @.",
        "  --phone: '12345' is not a possible phone number for region US; write it with its "
        "country code, such as +44 20 7946 0000",
        "  --url: 'javascript:x' is not a web address; write it like 'https://example.com/me'",
        "  NAME: Give a display name, or a given or family name.",
    ]
    alone = json.loads(run("person", "add", "", "--json").stdout)["error"]["fields"]
    assert alone == [
        {"field": "display_name", "message": "Give a display name, or a given or family name."}
    ]
    assert json.loads(run("person", "list", "--json").stdout)["items"] == []


def test_an_interaction_dated_after_today_is_refused(run, cli_url: str) -> None:
    run("person", "add", "Carol Díaz")

    later = run("interaction", "add", "call", "--when", "2031-01-01T10:00", "--with", "1")
    today = run("interaction", "add", "call", "--when", "2026-11-25T08:00", "--with", "1")

    assert later.exit_code == 2
    assert later.stderr.splitlines() == [
        "Error: Some fields need attention.",
        "  --when: That day is still to come: give the day it happened.",
    ]
    assert today.exit_code == 0, today.output
    assert len(json.loads(run("interaction", "list", "--json").stdout)["items"]) == 1


def test_a_future_day_and_no_one_named_are_both_said(run, cli_url: str) -> None:
    result = run("interaction", "add", "meeting", "--when", "2062-03-01")

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Say who took part with --with PERSON_ID, or what happened with --summary TEXT "
        "(or both).",
        "  --when: That day is still to come: give the day it happened.",
    ]


def test_a_lead_s_link_that_is_a_lone_word_is_refused_as_the_api_refuses_it(
    run, cli_url: str
) -> None:
    result = run("leads", "add", "Eng manager role", "--kind", "opportunity", "--url", "not-a-url")

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Some fields need attention.",
        "  --url: 'not-a-url' is not a web address; write it like 'https://example.com/jobs/42'",
    ]
    assert json.loads(run("leads", "list", "--json").stdout)["items"] == []


def test_a_problem_names_the_option_typed_where_its_message_names_the_field(
    run, cli_url: str
) -> None:
    run("person", "add", "Carol Díaz")
    run("org", "add", "Acme")
    run("org", "add", "Beta")

    interview = run(
        "interaction", "add", "interview", "--with", "1", "--direction", "inbound",
        "--when", "2026-11-20",
    )  # fmt: skip
    taken = run("org", "add-name", "2", "Acme")

    assert interview.exit_code == 2
    assert "  --direction: --direction is only for messages and e-mails." in (
        interview.stderr.splitlines()
    )
    assert taken.exit_code == 3
    assert taken.stderr.splitlines()[0] == (
        "Error: Another organization already goes by one of these other names: Acme (id 1)."
    )
    assert taken.stderr.splitlines()[1].startswith("  NAME: “Acme” is the name of Acme.")
