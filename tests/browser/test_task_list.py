"""The task list in a real browser: a row's status buttons keep the keyboard's place."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

import factories as f
from goodword.db import make_engine, make_session_factory
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
