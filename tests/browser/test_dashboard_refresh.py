"""The dashboard's tasks card catches up with the routines that run as the page loads."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, Request, expect

import factories as f
from goodword.db import make_engine, make_session_factory
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def _seed_friends_due(database_url: str, count: int) -> None:
    """The user, `count` friends due for a catch-up, and a thank-you note due tomorrow."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            me = f.person(session, ws, "Sam Carter", is_me=True)
            for n in range(count):
                friend = f.person(session, ws, f"Friend Number{n}")
                f.connection(session, ws, me, friend, kind="friend", since=date(2020, 1, 1))
            f.task(
                session,
                ws,
                "Send the thank-you notes",
                due_date=date.today() + timedelta(days=1),
            )
            session.commit()
    finally:
        engine.dispose()


def test_the_tasks_card_shows_the_reminders_the_routines_just_made(page: Page, live_server):
    _seed_friends_due(live_server.database_url, 5)
    refreshes: list[str] = []

    def note_refresh(request: Request) -> None:
        if "/dashboard/tasks" in request.url:
            refreshes.append(request.url)

    page.on("request", note_refresh)
    page.goto(live_server.url + "/")

    routines = page.locator("#playbook-routines")
    expect(routines).to_contain_text("5 new tasks (5 from keep-in-touch).")
    card = page.locator("#dashboard-tasks")
    expect(card.locator("#tasks-keep-in-touch li")).to_have_count(3)
    expect(card).not_to_contain_text("Nothing is due today.")
    expect(card.get_by_role("link", name="And 2 more keep-in-touch reminders")).to_have_attribute(
        "href", "/tasks"
    )
    expect(card.locator("#tasks-coming")).to_contain_text("Send the thank-you notes")
    assert len(refreshes) == 1

    # Nothing new the second time: the card is right as rendered and is not fetched again.
    with page.expect_response(re.compile(r"/playbooks/run$")):
        page.reload()
    page.wait_for_load_state("networkidle")
    expect(routines).not_to_contain_text("new task")
    expect(card.locator("#tasks-keep-in-touch li")).to_have_count(3)
    assert len(refreshes) == 1


def test_the_first_dashboard_after_adding_yourself_and_loading_the_demo_agrees_with_itself(
    page: Page, live_server
):
    page.goto(live_server.url + "/")
    page.get_by_label("Your name").fill("Alice Green")
    page.get_by_role("button", name="Add me").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alice Green")

    page.goto(live_server.url + "/")
    offer = page.locator("#get-started")
    expect(offer.get_by_role("link", name="import your network")).to_have_attribute(
        "href", "/import"
    )
    # Building the demo network takes a few seconds.
    offer.get_by_role("button", name="Load the demo network").click(timeout=60_000)
    expect(page.get_by_role("status")).to_contain_text("You play its job seeker, Alice Green")

    routines = page.locator("#playbook-routines")
    expect(routines).to_contain_text("from keep-in-touch", timeout=30_000)
    card = page.locator("#dashboard-tasks")
    expect(card).not_to_contain_text("Nothing is due today.")
    expect(card.locator("#tasks-keep-in-touch li")).to_have_count(3)
    expect(
        card.get_by_role("link", name=re.compile(r"^And \d+ more keep-in-touch"))
    ).to_be_visible()
    expect(card.locator("#tasks-coming")).to_contain_text("what tipped the decision")
    expect(page.locator("#get-started")).to_have_count(0)
