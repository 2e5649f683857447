"""Stay in touch and do favours: cadences, the due list, reminders, the ledger, the digest."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.connections.models import ConnectionKind
from goodword.interactions.models import Interaction, InteractionKind
from goodword.leads import service as leads
from goodword.leads.models import LeadKind
from goodword.leads.schemas import LeadCreate
from goodword.people.models import Person
from goodword.playbooks import cadence, events, favours, in_touch, pass_it_on
from goodword.playbooks import digest as weekly
from goodword.playbooks.cadence import Cadence, cadence_from
from goodword.playbooks.engine import ensure_task
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kinds", "override", "interviewed", "days"),
    [
        ([(ConnectionKind.FRIEND, 5)], None, False, 30),
        ([(ConnectionKind.FRIEND, 2)], None, False, 60),
        ([(ConnectionKind.COLLEAGUE, 4)], None, False, 30),
        ([(ConnectionKind.FORMER_COLLEAGUE, 5)], None, False, 60),
        ([(ConnectionKind.INTERVIEWER, None)], None, False, 90),
        ([], None, True, 90),
        ([(ConnectionKind.LINKEDIN, None)], None, False, 180),
        ([(ConnectionKind.LINKEDIN, None), (ConnectionKind.FRIEND, 5)], None, False, 30),
        ([(ConnectionKind.LINKEDIN, None)], 14, False, 14),
        ([(ConnectionKind.KNOWS, None)], None, False, None),
        ([(ConnectionKind.FRIEND, 5)], 0, False, None),
    ],
)
def test_cadence_comes_from_the_relationship_unless_the_user_set_one(
    kinds: list[tuple[ConnectionKind, int | None]],
    override: int | None,
    interviewed: bool,
    days: int | None,
):
    assert cadence_from(kinds, override=override, interviewed=interviewed).days == days


def test_cadence_says_why():
    assert cadence_from([(ConnectionKind.FRIEND, 5)], override=None) == Cadence(
        30, "close friend (every 30 days)"
    )
    assert cadence_from([], override=None).reason == "no relationship with you is recorded"
    # "LinkedIn" keeps its capitals; a page that shows the days already says why alone.
    linked = cadence_from([(ConnectionKind.LINKEDIN, None)], override=None)
    assert (linked.reason, linked.why) == (
        "LinkedIn connection (every 180 days)", "LinkedIn connection",
    )  # fmt: skip


def test_a_tie_known_second_hand_is_not_said_to_be_no_tie():
    # A "knows" tie gives no rhythm of its own, but it is a tie: their page lists it.
    known = cadence_from([(ConnectionKind.KNOWS, None)], override=None)
    assert known == Cadence(
        None, "known to you second-hand; reminders start once you are in touch both ways"
    )
    in_touch = cadence_from([(ConnectionKind.KNOWS, None)], override=None, two_way=True)
    assert in_touch == Cadence(180, "known second-hand, in touch both ways (every 180 days)")
    assert in_touch.why == "known second-hand, in touch both ways"


def _me_and(session: Session, ws: int, kind: str, **tie: object) -> tuple[Person, Person]:
    me = f.person(session, ws, "Sam Carter", is_me=True)
    other = f.person(session, ws, "Ada Lovelace", given_name="Ada")
    f.connection(session, ws, me, other, kind=kind, **tie)
    return me, other


def test_a_person_is_due_a_cadence_after_the_last_contact(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=31)),
        participants=[{"person_id": ada.id}],
    )
    [item] = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert item.person_id == ada.id
    assert item.due_on == TODAY - timedelta(days=1)
    assert item.days_overdue == 1
    assert item.last_contact == TODAY - timedelta(days=31)
    assert item.reason == "close friend (every 30 days)"


def test_logging_contact_resets_the_cadence(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=40)),
        participants=[{"person_id": ada.id}],
    )
    assert len(cadence.due_list(session, workspace_id=workspace.id, today=TODAY)) == 1
    f.interaction(
        session,
        workspace.id,
        kind="meeting",
        occurred_at=at(TODAY - timedelta(days=2)),
        participants=[{"person_id": ada.id}],
    )
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []
    later = cadence.due_list(session, workspace_id=workspace.id, today=TODAY, within_days=28)
    assert [i.due_on for i in later] == [TODAY + timedelta(days=28)]


def test_a_note_is_not_contact(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=40)),
        participants=[{"person_id": ada.id}],
    )
    f.interaction(
        session,
        workspace.id,
        kind="note",
        occurred_at=at(TODAY),
        participants=[{"person_id": ada.id}],
    )
    assert len(cadence.due_list(session, workspace_id=workspace.id, today=TODAY)) == 1


def test_the_users_own_cadence_overrides_the_default(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "linkedin", since=TODAY - timedelta(days=20))
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []
    ada.keep_in_touch_days = 14
    session.flush()
    [item] = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert item.due_on == TODAY - timedelta(days=6)
    assert item.reason == "your own setting (every 14 days)"
    ada.keep_in_touch_days = 0
    session.flush()
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []


def test_interviewers_are_kept_in_touch_with_even_without_a_tie(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    morgan = f.person(session, workspace.id, "Morgan Reyes")
    f.interaction(
        session,
        workspace.id,
        kind="interview",
        occurred_at=at(TODAY - timedelta(days=95)),
        participants=[{"person_id": morgan.id, "rapport": "clicked"}],
    )
    [item] = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert (item.person_id, item.cadence_days) == (morgan.id, 90)


def test_reminders_are_made_once_and_close_themselves_when_contact_is_logged(
    session: Session, workspace: Workspace
):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    first = cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    [task] = first.tasks
    assert task.origin == "keep-in-touch:due"
    assert task.due_date == TODAY
    assert "Hi Ada," in (task.notes or "")
    assert "(around 21 Oct 2026)" in first.drafts[0].body
    assert cadence.remind(session, workspace_id=workspace.id, today=TODAY).created == 0
    f.interaction(
        session,
        workspace.id,
        kind="email",
        occurred_at=at(TODAY),
        participants=[{"person_id": ada.id}],
    )
    after = cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    assert after.tasks == []
    assert task.status is TaskStatus.DONE


def test_everyone_due_gets_a_reminder_so_up_to_date_means_up_to_date(
    session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    for n in range(27):
        other = f.person(session, workspace.id, f"Friend {n:02}")
        f.connection(session, workspace.id, me, other, kind="met_at_event", since=date(2020, 1, 1))

    first = events.run_routines(session, workspace_id=workspace.id, today=TODAY)
    again = events.run_routines(session, workspace_id=workspace.id, today=TODAY)

    assert first.created == 27
    assert first.summary() == "27 new tasks (27 from keep-in-touch)."
    assert (again.created, again.summary()) == (
        0,
        "Your playbooks are up to date: nothing new to add.",
    )
    reminded = {t.person_id for t in again.results[1].tasks}
    assert len(reminded) == 27
    assert reminded == {item.person_id for item in again.due or []}
    # A reminder made before is not drafted again.
    assert again.results[1].drafts == []


def test_a_reminder_with_no_contact_logged_leaves_the_date_out_not_in_braces(
    session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    lena = f.person(session, workspace.id, "Lena Ortiz", given_name="Lena")
    f.connection(session, workspace.id, me, lena, kind="met_at_event", since=date(2020, 1, 1))
    result = cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    [note] = result.drafts
    assert note.complete
    assert note.body.splitlines()[2].startswith(
        "It's been a while since we were last in touch, and you came to mind. How are"
    )
    [task] = result.tasks
    assert "{" not in (task.notes or "")


def test_a_snoozed_reminder_also_closes_when_contact_is_logged(
    session: Session, workspace: Workspace
):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(session, workspace.id, kind="call", occurred_at=at(TODAY - timedelta(days=35)),
                  participants=[{"person_id": ada.id}])  # fmt: skip
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    task.status, task.snoozed_until = TaskStatus.SNOOZED, TODAY + timedelta(days=3)
    f.interaction(session, workspace.id, kind="email", occurred_at=at(TODAY),
                  participants=[{"person_id": ada.id}])  # fmt: skip
    cadence.settle(session, workspace_id=workspace.id, today=TODAY)
    assert task.status is TaskStatus.DONE


def test_the_digest_brings_back_tasks_whose_snooze_has_ended(
    session: Session, workspace: Workspace
):
    undated = f.task(session, workspace.id, "Undated")
    later = f.task(session, workspace.id, "Due next month", due_date=date(2026, 12, 28))
    asleep = f.task(session, workspace.id, "Still asleep")
    for task, until in (
        (undated, TODAY),
        (later, TODAY - timedelta(days=1)),
        (asleep, TODAY + timedelta(days=1)),
    ):
        task.status, task.snoozed_until = TaskStatus.SNOOZED, until
    session.flush()
    digest = weekly.weekly_digest(session, workspace_id=workspace.id, today=TODAY)
    assert sorted(t.title for t in digest.tasks_this_week) == ["Due next month", "Undated"]
    assert digest.overdue_tasks == []


def test_without_the_user_recorded_reminders_ask_for_it(session: Session, workspace: Workspace):
    result = cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    assert [(p.field, p.blocking) for p in result.prompts] == [("me", False)]


def _favours(session: Session, ws: int) -> tuple[Person, Person]:
    ada = f.person(session, ws, "Ada Lovelace", given_name="Ada")
    bo = f.person(session, ws, "Bo Zhou")
    for kind, day, who in [
        ("favour_received", 3, ada),
        ("favour_received", 40, ada),
        ("favour_given", 10, ada),
        ("favour_given", 5, bo),
    ]:
        f.interaction(
            session,
            ws,
            kind=kind,
            occurred_at=at(TODAY - timedelta(days=day)),
            summary=f"{kind} {day}",
            participants=[{"person_id": who.id}],
        )
    return ada, bo


def test_the_favour_ledger_counts_given_and_received_per_person(
    session: Session, workspace: Workspace
):
    ada, bo = _favours(session, workspace.id)
    ledger = {b.person_id: b for b in favours.favour_ledger(session, workspace_id=workspace.id)}
    assert (ledger[ada.id].given, ledger[ada.id].received, ledger[ada.id].balance) == (1, 2, -1)
    assert (ledger[bo.id].given, ledger[bo.id].received) == (1, 0)
    assert [e.summary for e in ledger[ada.id].entries] == [
        "favour_received 3",
        "favour_given 10",
        "favour_received 40",
    ]
    only = favours.favour_ledger(session, workspace_id=workspace.id, person_id=bo.id)
    assert [b.person_id for b in only] == [bo.id]


def test_recent_favours_received_get_a_thank_you_task(session: Session, workspace: Workspace):
    ada, _ = _favours(session, workspace.id)
    result = favours.thank_for_favours(session, workspace_id=workspace.id, today=TODAY)
    [task] = result.tasks
    assert task.person_id == ada.id
    assert task.origin == "favours:thank"
    assert "favour_received 3" in (task.notes or "")
    # Two days after the favour was yesterday: a task made today is due today, never before.
    assert task.due_date == TODAY
    again = favours.thank_for_favours(session, workspace_id=workspace.id, today=TODAY)
    assert again.created == 0


def _received(session: Session, ws: int, summary: str | None, days_ago: int = 0) -> Person:
    f.person(session, ws, "Sam Carter", is_me=True)
    nour = f.person(session, ws, "Nour Nasser", given_name="Nour")
    f.interaction(
        session,
        ws,
        kind="favour_received",
        occurred_at=at(TODAY - timedelta(days=days_ago)),
        summary=summary,
        participants=[{"person_id": nour.id}],
    )
    return nour


def test_the_thank_you_says_what_the_favour_was(session: Session, workspace: Workspace):
    _received(session, workspace.id, "Nour sent me the Halcyon org chart.", days_ago=5)
    result = favours.thank_for_favours(session, workspace_id=workspace.id, today=TODAY)
    [draft] = result.drafts
    assert draft.complete
    assert draft.body.splitlines()[2].startswith(
        "Thank you for sending me the Halcyon org chart. It helped"
    )
    [task] = result.tasks
    assert task.due_date == TODAY


def test_a_favour_done_today_is_thanked_within_two_days(session: Session, workspace: Workspace):
    _received(session, workspace.id, "Nour reviewed my case study")
    [task] = favours.thank_for_favours(session, workspace_id=workspace.id, today=TODAY).tasks
    assert task.due_date == TODAY + timedelta(days=2)
    assert "Thank you for reviewing my case study." in (task.notes or "")


def test_a_summary_the_draft_cannot_reword_leaves_the_favour_to_fill(
    session: Session, workspace: Workspace
):
    _received(session, workspace.id, "Org chart for Halcyon")
    result = favours.thank_for_favours(session, workspace_id=workspace.id, today=TODAY)
    [draft] = result.drafts
    assert draft.missing == ("favour",)
    assert "Thank you for {favour}." in draft.body
    [task] = result.tasks
    assert "What they did: Org chart for Halcyon" in (task.notes or "")
    assert "where the draft shows {favour}" in (task.notes or "")


def test_the_weekly_digest_gathers_the_week(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=28)),
        participants=[{"person_id": ada.id}],
    )
    f.interaction(
        session,
        workspace.id,
        kind="favour_received",
        occurred_at=at(TODAY - timedelta(days=28)),
        participants=[{"person_id": ada.id}],
    )
    f.task(session, workspace.id, "Late", due_date=TODAY - timedelta(days=1))
    f.task(session, workspace.id, "Friday", due_date=date(2026, 11, 27))
    f.task(session, workspace.id, "Next week", due_date=date(2026, 12, 1))
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.ARTICLE, title="x", tags=["pricing"]),
    )
    ada.interests = ["pricing"]
    session.flush()
    pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    digest = weekly.weekly_digest(session, workspace_id=workspace.id, today=TODAY)
    assert (digest.week_start, digest.week_end) == (date(2026, 11, 23), date(2026, 11, 29))
    # Contact 28 days ago, every 30 days: due on Friday, within this week.
    assert [i.due_on for i in digest.keep_in_touch] == [date(2026, 11, 27)]
    assert [t.title for t in digest.overdue_tasks] == ["Late"]
    assert "Friday" in [t.title for t in digest.tasks_this_week]
    assert "Next week" not in [t.title for t in digest.tasks_this_week]
    assert [b.person_id for b in digest.owe_favours] == [ada.id]
    assert [s.person_id for s in digest.leads_to_pass_on] == [ada.id]
    assert digest.open_asks == 0


def test_a_linkedin_connection_is_due_only_once_you_have_been_in_touch(
    session: Session, workspace: Workspace
):
    """An imported archive of thousands is not a backlog "overdue" on the first day."""
    me = f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    lena = f.person(session, workspace.id, "Lena Ortiz", given_name="Lena")
    f.connection(session, workspace.id, me, lena, kind="linkedin", since=date(2020, 1, 1))
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []
    reason = cadence.cadence_for(session, workspace_id=workspace.id, person=lena).reason
    assert reason == "a LinkedIn connection you have not been in touch with yet"
    f.interaction(session, workspace.id, kind="email", occurred_at=at(TODAY - timedelta(days=200)),
                  participants=[{"person_id": lena.id}])  # fmt: skip
    [item] = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert (item.person_id, item.cadence_days, item.days_overdue) == (lena.id, 180, 20)


def test_the_due_list_sends_its_people_as_one_value_however_many(
    session: Session, workspace: Workspace
):
    """PostgreSQL takes at most 65,535 values a statement: an archive of 70,000 connections
    must not be 70,000 of them."""
    from sqlalchemy import event

    me = f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    for n in range(120):
        other = f.person(session, workspace.id, f"Friend {n}")
        f.connection(session, workspace.id, me, other, kind="friend", since=date(2020, 1, 1))
    sent: list[int] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        sent.append(len(parameters or ()))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(due) == 120
    assert sent and max(sent) < 20


def test_someone_in_touch_both_ways_has_a_rhythm_without_a_tie(
    session: Session, workspace: Workspace
):
    """A recruiter's InMail you answered is a relationship, though no tie is recorded; a
    message one way is not, nor are the messages of a group another of them wrote."""
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    rita, ben, chen, dora = (
        f.person(session, workspace.id, name)
        for name in ("Rita Recruiter", "Ben Ortiz", "Chen Wei", "Dora Diaz")
    )

    def message(way: str, *who: Person, days: int, writer: Person | None = None) -> None:
        f.interaction(
            session, workspace.id, kind="message", direction=way,
            occurred_at=at(TODAY - timedelta(days=days)),
            participants=[{"person_id": p.id} for p in who],
            writer_id=writer.id if writer else None,
        )  # fmt: skip

    message("inbound", rita, days=200)
    message("outbound", rita, days=190)
    message("outbound", ben, chen, days=300)
    message("inbound", ben, chen, days=299, writer=ben)
    message("outbound", dora, days=250)
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [(i.person_id, i.cadence_days, i.days_overdue) for i in due] == [
        (ben.id, 180, 119), (rita.id, 180, 10),
    ]  # fmt: skip
    assert due[0].reason == "in touch both ways, with no tie recorded (every 180 days)"
    for person, reason in (
        (chen, "no relationship with you is recorded"),
        (dora, "no relationship with you is recorded"),
        (rita, "in touch both ways, with no tie recorded (every 180 days)"),
    ):
        assert cadence.cadence_for(session, workspace_id=workspace.id, person=person).reason == (
            reason
        )
    # A call is contact both ways at once.
    f.interaction(session, workspace.id, kind="call", occurred_at=at(TODAY - timedelta(days=181)),
                  participants=[{"person_id": dora.id}])  # fmt: skip
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert dora.id in {i.person_id for i in due}


def test_a_group_message_another_wrote_is_no_contact_with_its_silent_members(
    session: Session, workspace: Workspace
):
    """One big LinkedIn group chat must not put every silent connection in it on the list."""
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    ben, eve = (f.person(session, workspace.id, name) for name in ("Ben Ortiz", "Eve Moreno"))
    for other in (ben, eve):
        f.connection(session, workspace.id, me, other, kind="linkedin", since=date(2020, 1, 1))
    f.interaction(
        session, workspace.id, kind="message", direction="inbound", writer_id=ben.id,
        occurred_at=at(TODAY - timedelta(days=200)),
        participants=[{"person_id": ben.id}, {"person_id": eve.id}],
    )  # fmt: skip
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [(i.person_id, i.days_overdue) for i in due] == [(ben.id, 20)]
    assert cadence.cadence_for(session, workspace_id=workspace.id, person=eve).reason == (
        "a LinkedIn connection you have not been in touch with yet"
    )


def _reminders(session: Session, ws: int) -> list[Task]:
    return list(
        session.scalars(
            select(Task).where(Task.workspace_id == ws, Task.origin == "keep-in-touch:due")
        )
    )


def test_a_new_rhythm_while_a_reminder_waits_makes_no_second_reminder(
    session: Session, workspace: Workspace
):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    ada.keep_in_touch_days = 20
    session.flush()
    again = cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    assert (again.created, again.tasks) == (0, [task])
    assert _reminders(session, workspace.id) == [task]


def test_a_reminder_keyed_by_its_day_before_still_counts(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    old, _ = ensure_task(
        session,
        workspace_id=workspace.id,
        playbook="keep-in-touch",
        step="due",
        key=f"keep-in-touch:person:{ada.id}:due:{(TODAY - timedelta(days=5)).isoformat()}",
        title="Get back in touch with Ada Lovelace",
        due_date=TODAY,
        person_id=ada.id,
    )
    old.status = TaskStatus.DISMISSED
    session.flush()
    # Dismissed, with nothing logged since: a run does not bring it back as a new one.
    assert cadence.remind(session, workspace_id=workspace.id, today=TODAY).created == 0
    assert _reminders(session, workspace.id) == [old]


def test_a_reminder_marked_done_logs_the_contact_so_the_person_is_no_longer_due(
    session: Session, workspace: Workspace
):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=task.id,
        change=TaskStatusChange(status=TaskStatus.DONE),
    )
    assert task.interaction_id is not None
    logged = session.get(Interaction, task.interaction_id)
    assert logged is not None and logged.kind is InteractionKind.MESSAGE
    assert [p.person_id for p in logged.participants] == [ada.id]
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []
    # Opened and marked done again: the contact is logged once, not twice.
    for status in (TaskStatus.OPEN, TaskStatus.DONE):
        tasks.set_status(
            session,
            workspace_id=workspace.id,
            task_id=task.id,
            change=TaskStatusChange(status=status),
        )
    assert session.scalar(select(func.count()).select_from(Interaction)) == 2


@pytest.mark.parametrize("status", [TaskStatus.OPEN, TaskStatus.SNOOZED, TaskStatus.DISMISSED])
def test_a_reminder_done_no_more_takes_back_the_contact_it_logged(
    session: Session, workspace: Workspace, status: TaskStatus, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    call = f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    # Another person's message in the same words: only the one the task links to goes.
    other = f.person(session, workspace.id, "Bo Jensen")
    same_words = f.interaction(
        session,
        workspace.id,
        kind="message",
        summary="Got back in touch (the task “Get back in touch with Bo Jensen” marked done).",
        participants=[{"person_id": other.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    change = TaskStatusChange(status=TaskStatus.DONE)
    tasks.set_status(session, workspace_id=workspace.id, task_id=task.id, change=change)
    logged = task.interaction_id
    assert logged is not None

    undone = TaskStatusChange(
        status=status,
        snoozed_until=TODAY + timedelta(days=3) if status is TaskStatus.SNOOZED else None,
    )
    tasks.set_status(session, workspace_id=workspace.id, task_id=task.id, change=undone)

    session.expire_all()
    assert task.interaction_id is None and session.get(Interaction, logged) is None
    left = session.scalars(select(Interaction.id).order_by(Interaction.id)).all()
    assert left == [call.id, same_words.id]
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [item.person_id for item in due] == [ada.id]


def test_reopening_a_reminder_keeps_an_interaction_the_user_linked_to_it(
    session: Session, workspace: Workspace
):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    done = TaskStatusChange(status=TaskStatus.DONE)
    tasks.set_status(session, workspace_id=workspace.id, task_id=task.id, change=done)
    # Linked by hand since to what the contact really was: reopened, that is kept.
    coffee = f.interaction(
        session,
        workspace.id,
        kind="meeting",
        summary="Coffee",
        participants=[{"person_id": ada.id}],
    )
    logged = task.interaction_id
    task.interaction = coffee
    session.flush()
    reopen = TaskStatusChange(status=TaskStatus.OPEN)
    tasks.set_status(session, workspace_id=workspace.id, task_id=task.id, change=reopen)
    session.expire_all()
    assert session.get(Interaction, coffee.id) is not None
    assert task.interaction_id == coffee.id
    # What done logged is taken back all the same: the coffee is the contact now.
    assert logged is not None and session.get(Interaction, logged) is None


def test_a_reminder_linked_by_hand_keeps_its_interaction_when_done_and_reopened(
    session: Session, workspace: Workspace, client: TestClient
):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    last_call = f.interaction(
        session,
        workspace.id,
        kind="call",
        summary="Her new team",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    # Linked by hand to the call it follows up on.
    task.interaction = last_call
    session.flush()
    status = f"/api/v1/tasks/{task.id}/status"

    done = client.post(status, json={"status": "done"})

    assert done.status_code == 200 and done.json()["interaction_id"] == last_call.id
    session.expire_all()
    logged = task.logged_interaction_id
    assert logged is not None and logged != last_call.id
    assert [p.person_id for p in session.get(Interaction, logged).participants] == [ada.id]
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []

    reopened = client.post(status, json={"status": "open"})

    assert reopened.status_code == 200 and reopened.json()["interaction_id"] == last_call.id
    session.expire_all()
    assert session.get(Interaction, last_call.id) is not None
    assert session.get(Interaction, logged) is None
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [item.person_id for item in due] == [ada.id]


def test_a_reminder_closed_by_a_new_rhythm_logs_no_contact(session: Session, workspace: Workspace):
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=at(TODAY - timedelta(days=35)),
        participants=[{"person_id": ada.id}],
    )
    [task] = cadence.remind(session, workspace_id=workspace.id, today=TODAY).tasks
    ada.keep_in_touch_days = 90
    session.flush()
    cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    assert task.status is TaskStatus.DONE and task.interaction_id is None
    assert session.scalar(select(func.count()).select_from(Interaction)) == 1


def test_a_keep_in_touch_note_to_someone_contacted_lately_does_not_say_it_has_been_a_while(
    session: Session, workspace: Workspace
):
    from goodword.playbooks import drafting

    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada, bo, cy = (f.person(session, workspace.id, name) for name in ("Ada", "Bo", "Cy"))
    for person, days in ((ada, 0), (bo, 6), (cy, 40)):
        f.interaction(
            session,
            workspace.id,
            kind="call",
            occurred_at=at(TODAY - timedelta(days=days)),
            participants=[{"person_id": person.id}],
        )

    def opening(person: Person) -> str:
        note = drafting.for_person(
            session,
            workspace_id=workspace.id,
            key="keep_in_touch",
            person_id=person.id,
            today=TODAY,
        )
        return note.body.split("\n\n")[1].split(" How are")[0]

    assert opening(ada) == "We were in touch today, and you came to mind again."
    assert opening(bo) == (
        "We were in touch only recently (on 19 Nov 2026), and you came to mind again."
    )
    assert opening(cy) == (
        "It's been a while since we were last in touch (around 16 Oct 2026), and you came to mind."
    )


def test_a_group_message_from_a_deleted_account_is_no_contact_with_the_one_left(
    session: Session, workspace: Workspace
):
    """LinkedIn shows a deleted account as "LinkedIn Member" with no profile: what it wrote
    to a group of you and Ada is not Ada writing to you, though she is the only one left."""
    from goodword.importers.service import import_files

    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[data / n for n in (
            "Profile.csv", "Connections.csv", "messages_deleted_writer.csv"
        )],
    )  # fmt: skip
    ada = session.scalar(select(Person).where(Person.display_name == "Ada Lovelace"))
    assert ada is not None
    assert session.scalar(select(func.count()).select_from(Interaction)) == 2
    assert in_touch.last_contacts(session, workspace_id=workspace.id, person_ids={ada.id}) == {}
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []
    assert cadence.cadence_for(session, workspace_id=workspace.id, person=ada).reason == (
        "a LinkedIn connection you have not been in touch with yet"
    )


def test_a_group_message_whose_writer_was_deleted_since_is_no_contact_with_the_one_left(
    session: Session, workspace: Workspace
):
    from goodword.people import service as people

    f.person(session, workspace.id, "Sam Carter", is_me=True)
    tom, ben = (f.person(session, workspace.id, name) for name in ("Tom Becker", "Ben Bay"))
    f.interaction(
        session, workspace.id, kind="message", direction="inbound", writer_id=tom.id,
        occurred_at=at(TODAY - timedelta(days=200)),
        participants=[{"person_id": tom.id}, {"person_id": ben.id}],
    )  # fmt: skip
    people.delete(session, workspace_id=workspace.id, person_id=tom.id)
    session.flush()
    session.expire_all()
    assert in_touch.last_contacts(session, workspace_id=workspace.id, person_ids={ben.id}) == {}
    f.interaction(
        session, workspace.id, kind="message", direction="outbound",
        occurred_at=at(TODAY - timedelta(days=210)), participants=[{"person_id": ben.id}],
    )  # fmt: skip
    # You wrote to Ben once; he never wrote back: no rhythm of two-way contact.
    assert cadence.due_list(session, workspace_id=workspace.id, today=TODAY) == []


def _imported(interaction: Interaction, on: date) -> Interaction:
    """The interaction as an import brought it, on `on` (its id in the file, its time)."""
    interaction.external_id = f"linkedin-message:c-{interaction.id}:x"
    interaction.created_at = at(on)
    return interaction


def test_contact_an_import_brought_late_is_due_from_the_import_not_years_overdue(
    session: Session, workspace: Workspace
):
    """A message from March 2024 imported ten days ago: Ada is due, but since Goodword
    learned of it, not 600 days overdue; the people overdue before the import come first."""
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    ada, cy = (f.person(session, workspace.id, name) for name in ("Ada Lovelace", "Cy Dee"))
    for other in (ada, cy):
        f.connection(session, workspace.id, me, other, kind="linkedin", since=date(2020, 1, 1))
    imported_on = TODAY - timedelta(days=10)
    old = f.interaction(
        session, workspace.id, kind="message", direction="outbound",
        occurred_at=at(date(2024, 3, 4)), participants=[{"person_id": ada.id}],
    )  # fmt: skip
    _imported(old, imported_on)
    f.interaction(
        session, workspace.id, kind="message", direction="outbound",
        occurred_at=at(TODAY - timedelta(days=200)), participants=[{"person_id": cy.id}],
    )  # fmt: skip
    session.flush()
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [(i.person_id, i.days_overdue, i.imported_on) for i in due] == [
        (cy.id, 20, None), (ada.id, 10, imported_on),
    ]  # fmt: skip
    assert (due[1].last_contact, due[1].due_on) == (date(2024, 3, 4), imported_on)
    read = cadence.due_read(due[1]).model_dump()
    assert (read["days_overdue"], read["imported_on"]) == (10, imported_on)
    # Contact you log starts the usual rhythm again.
    f.interaction(
        session, workspace.id, kind="call", occurred_at=at(TODAY - timedelta(days=190)),
        participants=[{"person_id": ada.id}],
    )  # fmt: skip
    [_, again] = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert (again.person_id, again.days_overdue, again.imported_on) == (ada.id, 10, None)


def test_people_an_import_made_due_on_one_day_come_longest_out_of_touch_first(
    session: Session, workspace: Workspace
):
    """One import made three LinkedIn connections due on its day: the one you were in touch
    with longest ago first (not A to Z), and the list's pages follow that order."""
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    imported_on = TODAY - timedelta(days=3)
    last = {"Ada Lovelace": date(2025, 1, 10), "Bo Berg": date(2019, 5, 1),
            "Cy Dee": date(2023, 3, 3)}  # fmt: skip
    for name, day in last.items():
        person = f.person(session, workspace.id, name)
        f.connection(session, workspace.id, me, person, kind="linkedin", since=date(2018, 1, 1))
        message = f.interaction(
            session, workspace.id, kind="message", direction="outbound",
            occurred_at=at(day), participants=[{"person_id": person.id}],
        )  # fmt: skip
        _imported(message, imported_on)
    session.flush()
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [(i.name, i.last_contact, i.due_on) for i in due] == [
        ("Bo Berg", date(2019, 5, 1), imported_on),
        ("Cy Dee", date(2023, 3, 3), imported_on),
        ("Ada Lovelace", date(2025, 1, 10), imported_on),
    ]
    paged, after = [], None
    while True:
        page = cadence.due_page(due, cursor=after, limit=1)
        paged += [i.name for i in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert paged == ["Bo Berg", "Cy Dee", "Ada Lovelace"]
    back = cadence.due_page(due, cursor=None, limit=1, before=page.prev_cursor)
    assert [i.name for i in back.items] == ["Cy Dee"]


def test_contact_an_import_brought_in_time_keeps_its_rhythm(session: Session, workspace: Workspace):
    """Imported before it was due (a weekly archive), a message counts as it happened."""
    _, ada = _me_and(session, workspace.id, "friend", closeness=5)
    sent = f.interaction(
        session, workspace.id, kind="message", direction="outbound",
        occurred_at=at(TODAY - timedelta(days=40)), participants=[{"person_id": ada.id}],
    )  # fmt: skip
    _imported(sent, TODAY - timedelta(days=38))
    session.flush()
    [item] = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert (item.days_overdue, item.imported_on) == (10, None)


def test_a_first_import_of_old_messages_makes_no_one_overdue_on_the_first_day(
    session: Session, workspace: Workspace
):
    from goodword.importers.service import import_files

    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[data / n for n in ("Profile.csv", "Connections.csv", "messages.csv")],
    )  # fmt: skip
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [(i.name, i.last_contact, i.days_overdue, i.imported_on) for i in due] == [
        ("Ada Lovelace", date(2025, 12, 27), 0, TODAY),
    ]


def test_contact_an_import_brought_is_due_from_the_day_the_clock_gave_the_import(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    """The import's day is the clock's (not the machine's): imported ten days before TODAY,
    Ada is ten days overdue, counted from it."""
    from goodword.importers.service import import_files

    imported = datetime(2026, 11, 15, 18, 30, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: imported)
    monkeypatch.setattr(clock, "today", lambda: imported.date())
    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    import_files(
        session, workspace_id=workspace.id, today=imported.date(),
        paths_or_uploads=[data / n for n in ("Profile.csv", "Connections.csv", "messages.csv")],
    )  # fmt: skip
    due = cadence.due_list(session, workspace_id=workspace.id, today=TODAY)
    assert [(i.name, i.last_contact, i.days_overdue, i.imported_on) for i in due] == [
        ("Ada Lovelace", date(2025, 12, 27), 10, date(2026, 11, 15)),
    ]


def test_reminder_notes_say_how_long_it_has_been(session: Session, workspace: Workspace):
    """The weekly reminders' notes, as the note for one person does: not "it's been a while"
    after a fortnight, and "a long time" after years."""
    from goodword.playbooks.views import due_drafts

    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    bo = f.person(session, workspace.id, "Bo Berg", keep_in_touch_days=14)
    cy, di = (f.person(session, workspace.id, name) for name in ("Cy Dee", "Di Eng"))
    for other in (cy, di):
        f.connection(session, workspace.id, me, other, kind="friend")
    for person, day in (
        (bo, TODAY - timedelta(days=15)),
        (cy, TODAY - timedelta(days=70)),
        (di, date(2024, 3, 4)),
    ):
        f.interaction(
            session, workspace.id, kind="call", occurred_at=at(day),
            participants=[{"person_id": person.id}],
        )  # fmt: skip

    def opening(body: str) -> str:
        return body.split("\n\n")[1].split(" How are")[0]

    made = cadence.remind(session, workspace_id=workspace.id, today=TODAY)
    said = {draft.to_name: opening(draft.body) for draft in made.drafts}
    assert said == {
        "Bo Berg": "We were in touch only recently (on 10 Nov 2026), and you came to mind again.",
        "Cy Dee": (
            "It's been a while since we were last in touch (around 16 Sep 2026), and you came to "
            "mind."
        ),
        "Di Eng": (
            "It's been a long time since we were last in touch (around March 2024), and you came "
            "to mind."
        ),
    }
    page = due_drafts(session, workspace.id, made.due, TODAY)
    assert {person_id: opening(d.body) for person_id, d in page.items()} == {
        bo.id: said["Bo Berg"], cy.id: said["Cy Dee"], di.id: said["Di Eng"],
    }  # fmt: skip
