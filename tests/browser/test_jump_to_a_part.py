"""After a form sends the browser to a part of a page (`…#next-moves`), the message of what it
did is there, under the part's heading, with the focus, not at the top off the screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

import factories as f
from goodword.db import make_engine, make_session_factory
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def _seed(database_url: str) -> tuple[int, int]:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            job = f.opportunity(
                session, ws, role_title="Data Lead", organization_name="Globex", stage="applied"
            )
            # (A long page: the part the form sends the browser to is far below the top.)
            person = f.person(session, ws, "Ada Byron", notes="A note.\n" * 80)
            session.commit()
            return job.id, person.id
    finally:
        engine.dispose()


def test_a_stage_move_says_what_it_did_in_next_moves(page: Page, live_server) -> None:
    job, _ = _seed(live_server.database_url)
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(f"{live_server.url}/opportunities/{job}")
    page.get_by_label("Move to").select_option("rejected")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/opportunities/{job}#next-moves$"))
    message = page.locator("#next-moves [data-flash]")
    expect(message).to_contain_text("Moved to Rejected.")
    expect(message).to_be_focused()
    expect(message).to_be_in_viewport()


def test_adding_a_position_says_so_in_the_positions(page: Page, live_server) -> None:
    _, person = _seed(live_server.database_url)
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(f"{live_server.url}/people/{person}")
    positions = page.locator("#positions")
    positions.get_by_text("Add a position").click()
    positions.get_by_label("Organization").fill("Initech")
    positions.get_by_role("button", name="Add position").click()
    expect(page).to_have_url(re.compile(rf"/people/{person}#positions$"))
    message = page.locator("#positions [data-flash]")
    expect(message).to_have_text(
        "Added the position at Initech. Initech was new, so it was added as an organization."
    )
    expect(message).to_be_focused()
    expect(message).to_be_in_viewport()


def test_without_javascript_the_message_is_under_the_parts_heading(
    browser: Browser, live_server
) -> None:
    _, person = _seed(live_server.database_url)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.set_viewport_size({"width": 1000, "height": 600})
        page.goto(f"{live_server.url}/people/{person}")
        positions = page.locator("#positions")
        positions.get_by_text("Add a position").click()
        positions.get_by_label("Organization").fill("Initech")
        positions.get_by_role("button", name="Add position").click()
        expect(page).to_have_url(re.compile(rf"/people/{person}#positions$"))
        message = page.locator("#positions-heading + [data-flash]")
        expect(message).to_have_text(
            "Added the position at Initech. Initech was new, so it was added as an organization."
        )
        expect(message).to_be_in_viewport()
        expect(page.locator("[data-flash]")).to_have_count(1)
    finally:
        context.close()


def test_editing_a_position_makes_it_their_job_now_and_says_so(page: Page, live_server) -> None:
    _, person = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/people/{person}")
    positions = page.locator("#positions")
    positions.get_by_text("Add a position").click()
    positions.get_by_label("Organization").fill("Initech")
    positions.get_by_label("Works there now").uncheck()
    positions.get_by_role("button", name="Add position").click()
    expect(positions.get_by_role("cell", name="ended")).to_be_visible()
    positions.get_by_role("link", name="Edit the position at Initech").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit a position")
    page.get_by_label("Title").fill("Analyst")
    page.get_by_label("Works there now").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"/people/{person}#positions$"))
    expect(page.locator("#positions [data-flash]")).to_have_text("Saved Analyst at Initech.")
    expect(positions.get_by_role("row", name=re.compile("Initech Analyst now"))).to_be_visible()
