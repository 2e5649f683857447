"""`goodword referrals mark-asked` and `POST /api/v1/referrals/mark-asked`: the twins of the
opportunity page's "I sent the ask to …", which marks every ask still to make of one person
(one message names several companies) and closes the task to ask them; and `referrals advance
ASK asked`, which moves one ask, says what is still to make."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from factories import LOCAL
from goodword import clock
from goodword.config import Settings
from goodword.db import make_engine
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate
from goodword.web import create_app
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
ASK_TASK = "Ask Hugo Fontaine to recommend you at Jadeway Semiconductors or Lumenfold Optics"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def asks(run, cli_url: str) -> None:
    """Hugo Fontaine (person 1), from the rejected opportunity 1, to ask about two companies
    in one message: asks 1 and 2, and the rejection playbook's task to ask him (task 1)."""
    assert run("person", "list").exit_code == 0  # (sets the workspace up)
    engine = make_engine(cli_url)
    with Session(engine) as session:
        ws = session.scalars(select(Workspace.id)).one()
        hugo = f.person(session, ws, "Hugo Fontaine")
        job = f.opportunity(session, ws, organization_name="Larkspur Health", stage="rejected")
        for name in ("Jadeway Semiconductors", "Lumenfold Optics"):
            target = f.organization(session, ws, name).id
            data = ReferralAskCreate(
                person_id=hugo.id, target_organization_id=target, source_opportunity_id=job.id
            )
            referrals.create(session, workspace_id=ws, data=data)
        task = tasks.create(
            session,
            workspace_id=ws,
            data=TaskCreate(title=ASK_TASK, person_id=hugo.id, opportunity_id=job.id),
            origin="rejection:ask",
        )
        task.origin_key = f"rejection:opp:{job.id}:ask:person:{hugo.id}"
        session.commit()
    engine.dispose()


@pytest.fixture
def api(cli_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=cli_url)), base_url=LOCAL) as client:
        yield client


def _statuses(run) -> list[str]:
    return [a["status"] for a in json.loads(run("referrals", "list", "--json").stdout)["items"]]


def _task_status(run) -> str:
    return str(json.loads(run("task", "show", "1", "--json").stdout)["status"])


def test_mark_asked_marks_every_ask_of_the_person_and_closes_the_task(run, asks: None) -> None:
    marked = run("referrals", "mark-asked", "1", "--opportunity", "1")

    assert marked.exit_code == 0, marked.output
    assert marked.stdout == (
        "Marked 2 asks of Hugo Fontaine as asked (Jadeway Semiconductors, Lumenfold Optics).\n"
    )
    assert _statuses(run) == ["asked", "asked"]
    assert _task_status(run) == "done"


def test_mark_asked_prints_the_asks_as_the_api_answers(run, asks: None) -> None:
    marked = run("referrals", "mark-asked", "1", "--json")

    assert marked.exit_code == 0, marked.output
    items = json.loads(marked.stdout)["items"]
    assert [(a["id"], a["status"], a["asked_on"]) for a in items] == [
        (1, "asked", "2026-11-25"),
        (2, "asked", "2026-11-25"),
    ]
    assert _task_status(run) == "done"


def test_mark_asked_with_none_left_to_make_says_nothing_changed(run, asks: None) -> None:
    assert run("referrals", "mark-asked", "1").exit_code == 0

    again = run("referrals", "mark-asked", "1")

    assert again.exit_code == 0, again.output
    assert again.stdout == "Hugo Fontaine has no ask still to make; nothing changed.\n"


def test_mark_asked_names_a_person_or_opportunity_that_is_not_there(run, asks: None) -> None:
    nobody = run("referrals", "mark-asked", "9")
    no_job = run("referrals", "mark-asked", "1", "--opportunity", "9")

    assert nobody.exit_code == 4
    assert nobody.stderr == "Error: No person number 9: they may have been deleted.\n"
    assert no_job.exit_code == 2
    assert "--opportunity" in no_job.stderr
    assert _statuses(run) == ["to_ask", "to_ask"]


def test_advancing_one_ask_to_asked_says_what_is_still_to_make(run, asks: None) -> None:
    moved = run("referrals", "advance", "1", "asked")

    assert moved.exit_code == 0, moved.output
    assert moved.stdout == (
        "The ask of Hugo Fontaine for Jadeway Semiconductors is now asked.\n"
        "Still to make of Hugo Fontaine from that opportunity: Lumenfold Optics (ask 2). The "
        "task to ask them is done once none is; if your message named it too, run goodword "
        "referrals mark-asked 1 --opportunity 1.\n"
    )
    assert _task_status(run) == "open"
    last = run("referrals", "advance", "2", "asked")
    assert last.stdout == "The ask of Hugo Fontaine for Lumenfold Optics is now asked.\n"
    assert _task_status(run) == "done"


def test_the_api_marks_every_ask_of_the_person_as_the_page_does(
    run, asks: None, api: TestClient
) -> None:
    answer = api.post(
        "/api/v1/referrals/mark-asked", json={"person_id": 1, "source_opportunity_id": 1}
    )

    assert answer.status_code == 200, answer.text
    assert [(a["id"], a["status"]) for a in answer.json()["items"]] == [
        (1, "asked"),
        (2, "asked"),
    ]
    assert _task_status(run) == "done"


def test_the_api_refuses_a_person_that_is_not_there_naming_the_field(
    run, asks: None, api: TestClient
) -> None:
    answer = api.post("/api/v1/referrals/mark-asked", json={"person_id": 9})

    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["error"]["fields"]] == ["person_id"]
    assert _statuses(run) == ["to_ask", "to_ask"]


def test_the_page_moving_one_ask_to_asked_says_what_is_still_to_make(
    run, asks: None, api: TestClient
) -> None:
    page = api.post("/referrals/1/advance", data={"status": "asked", "list": "open"})

    assert page.status_code == 200, page.text
    assert (
        "Still to make of Hugo Fontaine from that opportunity: Lumenfold Optics. The task to "
        "ask them is done once none is; if your message named it too, use “I sent the ask to "
        "Hugo Fontaine” under Next moves on the opportunity page."
    ) in page.text
    assert _task_status(run) == "open"
    last = api.post("/referrals/2/advance", data={"status": "asked", "list": "open"})
    assert "Still to make" not in last.text


def test_the_api_moving_one_ask_to_asked_says_what_is_still_to_make(
    run, asks: None, api: TestClient
) -> None:
    answer = api.post("/api/v1/referrals/1/advance", json={"status": "asked"})

    assert answer.status_code == 200, answer.text
    assert answer.json()["playbook"]["notes"] == [
        "Still to make of Hugo Fontaine from opportunity 1: Lumenfold Optics (ask 2). The task "
        "to ask them is done once none is; if your message named it too, POST "
        "/api/v1/referrals/mark-asked with person_id 1 and source_opportunity_id 1."
    ]
    last = api.post("/api/v1/referrals/2/advance", json={"status": "asked"})
    assert last.json()["playbook"]["notes"] == []


def test_the_list_says_anywhere_for_an_ask_with_no_company_as_the_page_does(
    run, asks: None, api: TestClient
) -> None:
    added = api.post("/api/v1/referrals", json={"person_id": 1})
    assert added.status_code == 201, added.text

    listed = run("referrals", "list")

    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if "│ 3 " in line)
    assert row.split("│")[3].strip() == "anywhere"
    assert "anywhere" in api.get("/referrals").text
