"""The interaction form in a real browser: with nobody in it and nothing said, the problem's
link leads to the first person's menu, and the menus say what is wrong."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

import factories as f
from goodword.db import make_engine, make_session_factory
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

SAID = "Choose at least one person who took part, or write a summary above."


def test_nobody_and_nothing_said_leads_to_the_people(page: Page, live_server) -> None:
    engine = make_engine(live_server.database_url)
    try:
        with make_session_factory(engine)() as session:
            f.person(session, workspaces.get_or_create(session).id, "Ada Byron")
            session.commit()
    finally:
        engine.dispose()
    page.goto(f"{live_server.url}/interactions/new")
    page.get_by_role("button", name="Log it").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(SAID)
    summary.get_by_role("link", name="People involved").click()
    first = page.get_by_label("Person 1", exact=True)
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_have_accessible_description(SAID)
    expect(page.get_by_role("group", name="People involved")).to_have_accessible_description(SAID)
