"""`goodword task snooze|dismiss|reopen`: the page's and the API's status actions on the command
line, so a reminder can be put off or cleared without logging a contact that did not happen."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword import clock
from goodword.db import make_engine
from goodword.interactions.models import Interaction
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskRead
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _catch_up(run, url: str) -> int:
    """Bo Jensen (person 1) and the keep-in-touch routine's reminder to get back in touch."""
    assert run("person", "add", "Bo Jensen").exit_code == 0
    assert run("task", "add", "Get back in touch with Bo Jensen", "--person", "1").exit_code == 0
    engine = make_engine(url)
    with Session(engine) as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        task = tasks.get(session, workspace_id=workspace_id, task_id=1)
        task.origin = "keep-in-touch:due"
        task.origin_key = "keep-in-touch:person:1:since:2026-09-01"
        session.commit()
    engine.dispose()
    return 1


def _contacts(url: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        count = len(session.scalars(select(Interaction)).all())
    engine.dispose()
    return count


def test_snooze_puts_a_task_off_until_the_day_given(run, cli_url: str) -> None:
    run("task", "add", "Thank Ada")

    snoozed = run("task", "snooze", "1", "--until", "2026-12-01")
    as_json = TaskRead.model_validate_json(run("task", "show", "1", "--json").stdout)
    still_open = json.loads(run("task", "list", "--status", "open", "--json").stdout)["items"]

    assert snoozed.exit_code == 0, snoozed.output
    assert snoozed.stdout == "Snoozed until 2026-12-01: Thank Ada\n"
    assert (as_json.status, as_json.snoozed_until) == ("snoozed", date(2026, 12, 1))
    assert still_open == []


def test_snooze_without_a_day_puts_it_off_a_week_as_the_page_offers(run, cli_url: str) -> None:
    run("task", "add", "Thank Ada")

    snoozed = run("task", "snooze", "1", "--json")

    assert snoozed.exit_code == 0, snoozed.output
    read = TaskRead.model_validate_json(snoozed.stdout)
    assert (read.status, read.snoozed_until) == ("snoozed", date(2026, 11, 27))


@pytest.mark.parametrize(
    ("until", "said"),
    [
        ("2026-11-20", "  --until: Pick a day after today."),
        ("next week", "Error: --until takes a date written as YYYY-MM-DD, not 'next week'."),
    ],
)
def test_snooze_refuses_a_day_that_is_not_after_today_naming_the_option(
    run, cli_url: str, until: str, said: str
) -> None:
    run("task", "add", "Thank Ada")

    refused = run("task", "snooze", "1", "--until", until)

    assert refused.exit_code == 2
    assert said in refused.stderr.splitlines()
    assert "snoozed_until" not in refused.stderr
    assert TaskRead.model_validate_json(run("task", "show", "1", "--json").stdout).status == "open"


def test_dismissing_a_catch_up_clears_it_without_logging_a_contact(run, cli_url: str) -> None:
    task_id = _catch_up(run, cli_url)

    dismissed = run("task", "dismiss", str(task_id))

    assert dismissed.exit_code == 0, dismissed.output
    assert dismissed.stdout == "Dismissed: Get back in touch with Bo Jensen\n"
    assert _contacts(cli_url) == 0
    shown = TaskRead.model_validate_json(run("task", "show", str(task_id), "--json").stdout)
    assert (shown.status, shown.interaction_id) == ("dismissed", None)


def test_snoozing_a_catch_up_logs_no_contact_either(run, cli_url: str) -> None:
    task_id = _catch_up(run, cli_url)

    snoozed = run("task", "snooze", str(task_id), "--until", "2026-12-01")

    assert snoozed.exit_code == 0, snoozed.output
    assert _contacts(cli_url) == 0


def test_reopening_a_catch_up_marked_done_takes_back_the_contact_it_logged(
    run, cli_url: str
) -> None:
    task_id = _catch_up(run, cli_url)
    assert run("task", "done", str(task_id)).exit_code == 0
    assert _contacts(cli_url) == 1

    reopened = run("task", "reopen", str(task_id))

    assert reopened.exit_code == 0, reopened.output
    assert reopened.stdout == (
        "Open again: Get back in touch with Bo Jensen\n"
        "The contact with Bo Jensen it logged is taken back: they are due a catch-up again.\n"
    )
    assert _contacts(cli_url) == 0
    shown = TaskRead.model_validate_json(run("task", "show", str(task_id), "--json").stdout)
    assert (shown.status, shown.completed_at, shown.interaction_id) == ("open", None, None)


def test_reopen_brings_back_a_dismissed_task_as_json(run, cli_url: str) -> None:
    run("task", "add", "Thank Ada")
    run("task", "dismiss", "1")

    reopened = run("task", "reopen", "1", "--json")

    assert reopened.exit_code == 0, reopened.output
    assert TaskRead.model_validate_json(reopened.stdout).status == "open"


@pytest.mark.parametrize("action", ["snooze", "dismiss", "reopen"])
def test_a_status_action_on_no_such_task_says_so(run, cli_url: str, action: str) -> None:
    missing = run("task", action, "9")

    assert missing.exit_code == 4
    assert missing.stderr == "Error: No task number 9: it may have been deleted.\n"


def test_reopening_a_task_already_open_says_it_was_already_open(run, cli_url: str) -> None:
    run("task", "add", "Thank Ada")

    reopened = run("task", "reopen", "1")
    done = run("task", "done", "1")
    again = run("task", "done", "1")

    assert reopened.exit_code == 0, reopened.output
    assert reopened.stdout == "Already open: Thank Ada (nothing changed)\n"
    assert done.stdout == "Done: Thank Ada\n"
    assert again.exit_code == 0, again.output
    assert again.stdout == "Already done: Thank Ada (nothing changed)\n"


def test_the_page_reopening_a_task_already_open_says_so(run, cli_url: str) -> None:
    from fastapi.testclient import TestClient

    from factories import LOCAL
    from goodword.config import Settings
    from goodword.web import create_app

    run("task", "add", "Thank Ada")
    with TestClient(create_app(Settings(database_url=cli_url)), base_url=LOCAL) as page:
        stale = page.post("/tasks/1/status", data={"status": "open", "back": "detail"})
        fresh = page.post("/tasks/1/status", data={"status": "done", "back": "detail"})

    assert stale.status_code == 200, stale.text
    assert "That task was already open: nothing changed." in stale.text
    assert "already" not in fresh.text


def test_dismissing_a_catch_up_marked_done_takes_back_the_contact_as_its_help_says(
    run, cli_url: str
) -> None:
    task_id = _catch_up(run, cli_url)
    assert run("task", "done", str(task_id)).exit_code == 0

    dismissed = run("task", "dismiss", str(task_id))

    assert dismissed.stdout.endswith(
        "The contact with Bo Jensen it logged is taken back: they are due a catch-up again.\n"
    )
    assert _contacts(cli_url) == 0
    assert "takes back the contact it logged" in run("task", "dismiss", "--help").stdout
