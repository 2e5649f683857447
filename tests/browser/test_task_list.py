"""The task list in a real browser: a row's status buttons keep the keyboard's place."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

import factories as f
from goodword.db import make_engine, make_session_factory
from goodword.playbooks import cadence
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def _seed_tasks(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            f.task(session, ws, "Write to Ada", due_date=date.today() + timedelta(days=1))
            f.task(session, ws, "Call Bo", due_date=date.today() + timedelta(days=2))
            session.commit()
    finally:
        engine.dispose()


def test_done_from_the_keyboard_keeps_the_focus_on_the_row(page: Page, live_server) -> None:
    _seed_tasks(live_server.database_url)
    page.goto(f"{live_server.url}/tasks")
    row = page.get_by_role("row").filter(has_text="Write to Ada")
    row.get_by_role("button", name="Done").focus()
    page.keyboard.press("Enter")
    expect(row).to_contain_text("Done")
    reopen = row.get_by_role("button", name="Reopen")
    expect(reopen).to_be_focused()
    # Reopened (once HTMX has wired the new row), the focus lands on the row's Done again.
    expect(row).not_to_have_class(re.compile(r"\bhtmx-added\b"))
    page.keyboard.press("Enter")
    expect(row.get_by_role("button", name="Done")).to_be_focused()
    expect(page.get_by_role("row").filter(has_text="Call Bo")).to_have_count(1)


def test_a_snooze_refused_puts_the_focus_on_its_date(page: Page, live_server) -> None:
    _seed_tasks(live_server.database_url)
    page.goto(f"{live_server.url}/tasks")
    row = page.get_by_role("row").filter(has_text="Write to Ada")
    day = row.get_by_label("Snooze “Write to Ada” until")
    day.fill(date.today().isoformat())
    row.get_by_role("button", name="Snooze").press("Enter")
    expect(row.get_by_role("alert")).to_contain_text("Pick a day after today.")
    expect(row.get_by_label("Snooze “Write to Ada” until")).to_be_focused()


def test_on_a_phone_each_task_reads_as_a_block_with_its_buttons_in_view(
    page: Page, live_server
) -> None:
    _seed_tasks(live_server.database_url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tasks")
    box = page.locator(".table-scroll")
    # Nothing hides sideways: the list needs no scrolling of its own.
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") <= 0
    edge = box.evaluate("b => b.getBoundingClientRect().right")
    row = page.get_by_role("row").filter(has_text="Write to Ada")
    for control in (
        row.get_by_role("button", name="Done"),
        row.get_by_label("Snooze “Write to Ada” until"),
        row.get_by_role("button", name="Snooze"),
        row.get_by_role("button", name="Dismiss"),
    ):
        expect(control).to_be_in_viewport(ratio=1)
        place = control.bounding_box()
        assert place is not None and place["x"] + place["width"] <= edge
    # Each cell says which column it is.
    expect(row.locator("td[data-label=Due]")).to_be_visible()


def _seed_reminder(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            me = f.person(session, ws, "Sam Carter", is_me=True)
            ana = f.person(session, ws, "Ana Ruiz", given_name="Ana")
            f.connection(session, ws, me, ana, kind="friend", closeness=5)
            long_ago = datetime.now(UTC) - timedelta(days=60)
            f.interaction(
                session, ws, kind="call", occurred_at=long_ago, participants=[{"person_id": ana.id}]
            )
            cadence.remind(session, workspace_id=ws, today=date.today())
            session.commit()
    finally:
        engine.dispose()


def test_a_catch_up_done_in_its_row_says_the_contact_is_logged(page: Page, live_server) -> None:
    _seed_reminder(live_server.database_url)
    page.goto(f"{live_server.url}/tasks")
    row = page.get_by_role("row").filter(has_text="Get back in touch with Ana Ruiz")
    row.get_by_role("button", name="Done").click()
    expect(row.get_by_role("status")).to_have_text(
        "Task done, and your contact with Ana Ruiz is logged today: "
        "their keep-in-touch clock starts again."
    )
    # (Once HTMX has wired the new row.)
    expect(row).not_to_have_class(re.compile(r"\bhtmx-added\b"))
    row.get_by_role("button", name="Reopen").click()
    expect(row.get_by_role("status")).to_contain_text(
        "the contact with Ana Ruiz it logged is taken back"
    )
