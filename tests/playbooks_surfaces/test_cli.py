"""The playbook commands, in process through Typer's CliRunner, each on its own SQLite file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner, Result

import factories as f
from goodword import migrate
from goodword.cli import app, common
from goodword.db import make_engine, make_session_factory, transaction
from goodword.workspaces import service as workspaces

Run = Callable[..., Result]


@pytest.fixture
def cli_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated SQLite file the commands use through GOODWORD_DATABASE_URL."""
    monkeypatch.setattr(common, "data_dir", lambda: tmp_path / "data")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    monkeypatch.setenv("GOODWORD_DATABASE_URL", url)
    yield url


@pytest.fixture
def run(cli_url: str) -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return invoke


def seed(url: str, build: Callable[[Session, int], Any]) -> Any:
    """Write records straight into the command line's database, in one committed transaction."""
    engine = make_engine(url)
    try:
        with transaction(make_session_factory(engine)) as session:
            ws = workspaces.get_or_create(session).id
            return build(session, ws)
    finally:
        engine.dispose()


def _late_rejection(session: Session, ws: int) -> dict[str, int]:
    me = f.person(session, ws, "Sam Carter", given_name="Sam", is_me=True)
    opportunity = f.opportunity(
        session,
        ws,
        organization_name="Larkspur Health",
        role_title="Senior PM",
        stage="interviewing",
    )
    manager = f.person(session, ws, "Morgan Reyes", given_name="Morgan", emails=["m@l.example"])
    f.opportunity(
        session, ws, organization_name="Lumenfold Optics", role_title="PM", stage="target"
    )
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=3,
        participants=[{"person_id": manager.id, "rapport": "clicked"}, {"person_id": me.id}],
    )
    return {"opportunity": opportunity.id, "manager": manager.id}


def test_moving_to_rejected_prints_what_the_playbook_added(run: Run, cli_url: str):
    ids = seed(cli_url, _late_rejection)
    moved = run("opportunity", "move", str(ids["opportunity"]), "rejected")
    assert moved.exit_code == 0, moved.output
    assert moved.stdout.splitlines()[:2] == [
        "Senior PM at Larkspur Health is now Rejected.",
        "2 follow-up tasks added from the rejection playbook.",
    ]
    listed = run("tasks", "list", "--status", "open", "--json")
    assert listed.exit_code == 0
    items = json.loads(listed.stdout)["items"]
    assert {t["origin"] for t in items} == {"rejection:thank", "rejection:ask"}
    assert all(t["origin_key"].startswith(f"rejection:opp:{ids['opportunity']}:") for t in items)
    assert {t["person_id"] for t in items} == {ids["manager"]}
    assert {t["opportunity_id"] for t in items} == {ids["opportunity"]}


def test_the_rejection_command_names_its_option_when_it_asks_for_a_late_stage(
    run: Run, cli_url: str
):
    ids = seed(cli_url, _late_rejection)
    opportunity = str(ids["opportunity"])

    early = run("playbooks", "rejection", opportunity)

    assert early.exit_code == 2
    assert (
        f"or run goodword playbooks rejection {opportunity} --confirm-late to run it anyway."
        in " ".join(early.output.split())
    )


def test_the_rejection_command_run_again_says_what_it_added_to_the_asks(run: Run, cli_url: str):
    ids = seed(cli_url, _late_rejection)
    assert run("opportunity", "move", str(ids["opportunity"]), "rejected").exit_code == 0
    seed(
        cli_url,
        lambda session, ws: f.opportunity(
            session, ws, organization_name="Oxbow Civic Tech", role_title="PM", stage="target"
        ),
    )

    again = run("playbooks", "rejection", str(ids["opportunity"]))

    assert again.exit_code == 0, again.output
    assert "Added to the asks: Morgan Reyes at Oxbow Civic Tech." in again.stdout.splitlines()


def test_the_rejection_command_run_again_after_the_ask_was_sent_says_it_added_a_task(
    run: Run, cli_url: str
):
    ids = seed(cli_url, _late_rejection)
    assert run("opportunity", "move", str(ids["opportunity"]), "rejected").exit_code == 0
    assert run("referrals", "mark-asked", str(ids["manager"])).exit_code == 0
    seed(
        cli_url,
        lambda session, ws: f.opportunity(
            session, ws, organization_name="Oxbow Civic Tech", role_title="PM", stage="target"
        ),
    )

    again = run("playbooks", "rejection", str(ids["opportunity"]))

    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[:3] == [
        "Added 1 task.",
        "Added to the asks: Morgan Reyes at Oxbow Civic Tech.",
        "Added a new task to ask Morgan Reyes about Oxbow Civic Tech, as the one before is done.",
    ]


def test_the_move_as_json_carries_the_playbook(run: Run, cli_url: str):
    ids = seed(cli_url, _late_rejection)
    moved = run("opportunity", "move", str(ids["opportunity"]), "rejected", "--json")
    body = json.loads(moved.stdout)
    assert body["stage"] == "rejected" and body["playbook"]["created"] == 2


def test_referrals_list_and_advance(run: Run, cli_url: str):
    ids = seed(cli_url, _late_rejection)
    run("opportunity", "move", str(ids["opportunity"]), "rejected")
    listed = json.loads(run("referrals", "list", "--json").stdout)["items"]
    assert [a["target_organization_name"] for a in listed] == ["Lumenfold Optics"]
    ask = str(listed[0]["id"])
    asked = run("referrals", "advance", ask, "asked")
    assert asked.exit_code == 0
    who = listed[0]["person_name"]
    assert asked.stdout.startswith(f"The ask of {who} for Lumenfold Optics is now asked.")
    too_long = run("referrals", "advance", ask, "introduced", "--introduced-to", "x" * 201)
    assert too_long.exit_code == 2 and "--introduced-to" in too_long.stderr
    introduced = run("referrals", "advance", ask, "introduced", "--introduced-to", "Ana Ruiz")
    assert introduced.exit_code == 0
    assert "3 follow-up tasks added from the referral playbook." in introduced.stdout
    wrong = run("referrals", "advance", ask, "asked")
    assert wrong.exit_code == 2
    assert "cannot become asked" in wrong.stderr
    assert run("referrals", "advance", "999", "asked").exit_code == 4
    only = json.loads(run("referrals", "list", "--status", "introduced", "--json").stdout)["items"]
    assert len(only) == 1


def test_referrals_list_open_keeps_an_introduction_until_you_report_back(run: Run, cli_url: str):
    ids = seed(cli_url, _late_rejection)
    run("opportunity", "move", str(ids["opportunity"]), "rejected")

    def open_ids() -> list[int]:
        listed = run("referrals", "list", "--open", "--json")
        assert listed.exit_code == 0, listed.output
        return [a["id"] for a in json.loads(listed.stdout)["items"]]

    ask = open_ids()[0]
    for step in ("asked", "introduced"):
        assert run("referrals", "advance", str(ask), step).exit_code == 0
    assert open_ids() == [ask]
    reported = run("referrals", "reported-back", str(ask))
    assert reported.exit_code == 0
    assert reported.stdout == "Noted: you reported back to Morgan Reyes.\n"
    assert open_ids() == []
    none = run("referrals", "list", "--open")
    assert (
        none.stdout == "No referral ask matches; you have 1 in all (list them without options).\n"
    )
    assert run("referrals", "reported-back", "999").exit_code == 4
    assert run("referrals", "advance", str(ask), "interviewing").exit_code == 0
    assert open_ids() == [ask]


def test_tasks_done_on_a_report_back_records_it_on_the_ask(run: Run, cli_url: str):
    ids = seed(cli_url, _late_rejection)
    run("opportunity", "move", str(ids["opportunity"]), "rejected")
    [listed] = json.loads(run("referrals", "list", "--json").stdout)["items"]
    ask = str(listed["id"])
    for step in ("asked", "introduced"):
        assert run("referrals", "advance", ask, step).exit_code == 0
    tasks = json.loads(run("tasks", "list", "--status", "open", "--json").stdout)["items"]
    [report_back] = [t for t in tasks if t["origin"] == "referral:report-back"]
    finished = run("tasks", "done", str(report_back["id"]))
    assert finished.exit_code == 0, finished.output
    shown = json.loads(run("referrals", "list", "--json").stdout)["items"][0]
    assert shown["reported_back_on"] == "2026-11-25"
    assert json.loads(run("referrals", "list", "--open", "--json").stdout)["items"] == []


def test_references_add_list_and_launch(run: Run, cli_url: str):
    def build(session: Session, ws: int) -> dict[str, int]:
        boss = f.person(session, ws, "Jo Boss")
        manager = f.person(session, ws, "Morgan Reyes")
        opportunity = f.opportunity(session, ws, hiring_manager_id=manager.id)
        return {"boss": boss.id, "opportunity": opportunity.id}

    ids = seed(cli_url, build)
    added = run(
        "references", "add", str(ids["boss"]), "--consent", "2026-10-01", "--current-workplace"
    )
    assert added.exit_code == 0
    assert "can cost you your present job" in added.stdout
    assert run("references", "add", str(ids["boss"])).exit_code == 3
    assert run("references", "add", str(ids["boss"]), "--consent", "soon").exit_code == 2
    listed = json.loads(run("references", "list", "--json").stdout)["items"]
    reference = str(listed[0]["id"])
    long = run("references", "launch", reference, str(ids["opportunity"]), "--stress", "x" * 5001)
    assert long.exit_code == 2 and "--stress:" in long.stderr
    refused = run("references", "launch", reference, str(ids["opportunity"]), "--stress", "care")
    assert refused.exit_code == 3
    assert "confirm that you accept the risk" in refused.stderr
    launched = run(
        "references", "launch", reference, str(ids["opportunity"]), "--confirm-current-workplace",
        "--stress", "care",
    )  # fmt: skip
    assert launched.exit_code == 0, launched.output
    assert "2 follow-up tasks added from the reference playbook." in launched.stdout
    assert (
        "Draft to no address recorded: Would you speak for me at Acme Robotics?" in launched.stdout
    )


def test_playbooks_run_and_keep_in_touch(run: Run, cli_url: str):
    def build(session: Session, ws: int) -> int:
        me = f.person(session, ws, "Sam Carter", is_me=True)
        friend = f.person(session, ws, "Ana Ruiz")
        f.connection(session, ws, me, friend, kind="friend", since=date(2020, 1, 1))
        return friend.id

    friend = seed(cli_url, build)
    due = json.loads(run("keep-in-touch", "--json").stdout)
    assert [d["person_id"] for d in due["items"]] == [friend]
    first = json.loads(run("playbooks", "run", "--json").stdout)
    assert first["created"] == 1
    second = run("playbooks", "run")
    assert second.exit_code == 0
    assert second.stdout.strip() == "Your playbooks are up to date: nothing new to add."
    digest = run("keep-in-touch", "--digest")
    assert digest.exit_code == 0 and "Ana Ruiz" in digest.stdout and "The week of" in digest.stdout


def test_keep_in_touch_says_when_an_import_brought_a_last_contact_late(run: Run, cli_url: str):
    def build(session: Session, ws: int) -> int:
        me = f.person(session, ws, "Sam Carter", is_me=True)
        friend = f.person(session, ws, "Ana Ruiz")
        f.connection(session, ws, me, friend, kind="friend", since=date(2020, 1, 1))
        message = f.interaction(
            session, ws, kind="message", direction="outbound",
            occurred_at=datetime(2024, 3, 4, 10, tzinfo=UTC),
            participants=[{"person_id": friend.id}],
        )  # fmt: skip
        message.external_id = "linkedin-message:c-1:x"
        return friend.id

    seed(cli_url, build)
    shown = run("keep-in-touch")
    assert shown.exit_code == 0 and "now (last in touch March 2024)" in shown.stdout
    [item] = json.loads(run("keep-in-touch", "--json").stdout)["items"]
    assert item["days_overdue"] == 0 and item["imported_on"] == item["due_on"]


def test_leads_add_and_suggest(run: Run, cli_url: str):
    seed(cli_url, lambda s, ws: f.person(s, ws, "Ana Ruiz", interests=["pricing"]).id)
    added = run("leads", "add", "Pricing meetup", "--kind", "event", "--tag", "pricing")
    assert added.exit_code == 0 and added.stdout.startswith("Added lead 1")
    suggested = json.loads(run("leads", "suggest", "1", "--json").stdout)
    assert [s["name"] for s in suggested["suggestions"]] == ["Ana Ruiz"]
    assert suggested["created"] == 1
    assert run("leads", "suggest", "42").exit_code == 4
    assert run("leads", "add", "Odd", "--kind", "rumour").exit_code == 2


def test_messages_list_show_and_eml(run: Run, cli_url: str, tmp_path: Path):
    person = seed(
        cli_url, lambda s, ws: f.person(s, ws, "Ana Ruiz", given_name="Ana", emails=["a@x.org"]).id
    )
    listed = json.loads(run("messages", "list", "--json").stdout)["items"]
    assert len(listed) == 12 and listed[0]["key"] == "thank_and_release"
    raw = run("messages", "show", "keep_in_touch")
    assert raw.exit_code == 0 and "Hi {first_name}," in raw.stdout
    eml = tmp_path / "note.eml"
    shown = run("messages", "show", "keep_in_touch", "--person", str(person), "--eml", str(eml))
    assert shown.exit_code == 0 and "Hi Ana," in shown.stdout
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "Ana Ruiz <a@x.org>" and message["Subject"] == "Catching up"
    too_many = run(
        "messages", "show", "keep_in_touch", "--person", "1", "--person", "1", "--eml", "x"
    )
    assert too_many.exit_code == 2
    assert run("messages", "show", "no_such_message").exit_code == 4


def test_messages_show_fills_the_last_contact_or_leaves_its_words_out(
    run: Run, cli_url: str, tmp_path: Path
):
    def build(session: Session, ws: int) -> tuple[int, int]:
        f.person(session, ws, "Sam Carter", given_name="Sam", is_me=True)
        ravi = f.person(session, ws, "Ravi Shah", given_name="Ravi", emails=["r@x.org"])
        lena = f.person(session, ws, "Lena Ortiz", given_name="Lena")
        f.interaction(
            session,
            ws,
            kind="call",
            occurred_at=datetime(2026, 9, 3, 15, tzinfo=UTC),
            participants=[{"person_id": ravi.id}],
        )
        return ravi.id, lena.id

    ravi, lena = seed(cli_url, build)
    eml = tmp_path / "ravi.eml"
    shown = run("messages", "show", "keep_in_touch", "--person", str(ravi), "--eml", str(eml))
    assert shown.exit_code == 0
    assert "since we were last in touch (around 3 Sep 2026), and" in shown.stdout
    assert "Fill in before sending" not in shown.stdout
    body = message_from_bytes(eml.read_bytes(), policy=policy.default).get_content()
    assert "(around 3 Sep 2026)" in body
    drafts = json.loads(
        run("messages", "show", "keep_in_touch", "--person", str(lena), "--json").stdout
    )["drafts"]
    [draft] = drafts
    assert "since we were last in touch, and you came to mind." in draft["body"]
    assert "{" not in draft["body"] and draft["missing"] == []


def test_calendar_export_writes_an_ics_that_parses_back(run: Run, cli_url: str, tmp_path: Path):
    seed(cli_url, lambda s, ws: f.task(s, ws, "Call Ada", due_date=date(2026, 11, 27)).id)
    target = tmp_path / "tasks.ics"
    exported = run("calendar", "export", str(target))
    assert exported.exit_code == 0 and exported.stdout.strip() == f"Wrote 1 entry to {target}."
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Call Ada"]


def test_a_move_to_rejected_that_does_not_look_late_names_the_command_that_runs_it_anyway(
    run: Run, cli_url: str
):
    def first_round_only(session: Session, ws: int) -> int:
        opportunity = f.opportunity(session, ws, stage="applied")
        kim = f.person(session, ws, "Kim Lee")
        f.interaction(
            session,
            ws,
            kind="interview",
            opportunity_id=opportunity.id,
            interview_round=1,
            participants=[{"person_id": kim.id, "rapport": "clicked"}],
        )
        return opportunity.id

    opportunity = seed(cli_url, first_round_only)

    moved = run("opportunity", "move", str(opportunity), "rejected")

    assert moved.exit_code == 0, moved.output
    assert (
        f"Record the later rounds, or run goodword playbooks rejection {opportunity} "
        "--confirm-late." in " ".join(moved.output.split())
    )


def test_messages_show_eml_is_not_from_the_current_employer(run: Run, cli_url: str, tmp_path: Path):
    def build(session: Session, ws: int) -> int:
        from goodword.people import service as people
        from goodword.people.schemas import PositionCreate

        f.organization(session, ws, "Quillstone Software", domains=["quillstone.example"])
        address = "robin@quillstone.example"
        me = f.person(session, ws, "Robin Castillo", is_me=True, emails=[address])
        people.add_position(
            session,
            workspace_id=ws,
            person_id=me.id,
            data=PositionCreate(organization_name="Quillstone Software"),
        )
        return f.person(session, ws, "Ana Ruiz", given_name="Ana", emails=["a@x.org"]).id

    person = seed(cli_url, build)
    eml = tmp_path / "note.eml"
    shown = run("messages", "show", "keep_in_touch", "--person", str(person), "--eml", str(eml))
    assert shown.exit_code == 0
    assert message_from_bytes(eml.read_bytes(), policy=policy.default)["From"] is None
    assert "The file has no From: every e-mail address of yours recorded is at Quillstone" in (
        " ".join(shown.stdout.split())
    )
    printed = run("messages", "show", "keep_in_touch", "--person", str(person), "--eml", "-")
    assert printed.exit_code == 0 and "From:" not in printed.stdout
    assert "The mail has no From" in printed.stderr


def test_task_show_says_what_its_draft_leaves_to_fill_in(run: Run, cli_url: str):
    def build(session: Session, ws: int) -> int:
        from goodword.playbooks import follow_up
        from goodword.referrals import service as referrals
        from goodword.referrals.models import AskStatus
        from goodword.referrals.schemas import ReferralAskCreate
        from goodword.tasks.models import Task

        f.person(session, ws, "Sam Carter", is_me=True)
        kim = f.person(session, ws, "Kim Lee")
        ask = referrals.create(session, workspace_id=ws, data=ReferralAskCreate(person_id=kim.id))
        for status in (AskStatus.ASKED, AskStatus.AGREED, AskStatus.INTRODUCED):
            follow_up.advance_ask(
                session, workspace_id=ws, ask_id=ask.id, status=status, today=date(2026, 11, 2)
            )
        session.flush()
        key = f"referral:ask:{ask.id}:thank"
        return session.scalars(select(Task.id).where(Task.origin_key == key)).one()

    task = seed(cli_url, build)
    shown = run("task", "show", str(task))
    assert shown.exit_code == 0
    assert "Fill in before sending │ {introduced_to}" in shown.stdout
    as_json = json.loads(run("task", "show", str(task), "--json").stdout)
    # (Kim was asked for no organization in particular either.)
    assert as_json["missing_placeholders"] == ["introduced_to", "target_organization"]


def test_messages_show_says_which_of_several_addresses_a_draft_goes_to(run: Run, cli_url: str):
    def build(session: Session, ws: int) -> int:
        ana = f.person(
            session, ws, "Ana Ruiz", given_name="Ana", emails=["ana@work.example", "a@x.org"]
        )
        ana.emails[0].label = "work"
        session.flush()
        return ana.id

    person = seed(cli_url, build)
    shown = run("messages", "show", "keep_in_touch", "--person", str(person))
    assert shown.exit_code == 0
    assert "To: Ana Ruiz <a@x.org>\nTo a@x.org, of their 2 addresses: not a work address.\n" in (
        shown.stdout
    )
