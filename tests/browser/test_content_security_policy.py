"""Every page works under the Content-Security-Policy, which lets no script be written into
a page: across the demo network's pages, the browser refuses nothing and no script fails,
and what the scripts do is there (the network drawn, copy buttons shown, the API explorer
built, a card dragged across the board)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory
from goodword.demo import build
from goodword.opportunities.models import Opportunity
from goodword.people.models import Person
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

SCAM = (
    "Congratulations, you have been selected for the remote data entry role! To start, pay "
    "the $85 registration fee for your training kit."
)


def _demo(database_url: str) -> tuple[int, int]:
    """Load the demo network; one of its people and one of its opportunities."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            build(session, workspace_id=ws, seed=2026)
            session.commit()
            person = session.scalars(select(Person.id).where(~Person.is_me)).first()
            opportunity = session.scalars(select(Opportunity.id)).first()
            assert person is not None and opportunity is not None
            return person, opportunity
    finally:
        engine.dispose()


def _watch(page: Page) -> list[str]:
    """What the browser refuses or fails at, as it happens."""
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{page.url}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return problems


def test_no_page_breaks_the_policy(page: Page, live_server) -> None:
    person, opportunity = _demo(live_server.database_url)
    problems = _watch(page)
    for path in (
        "/", "/people", f"/people/{person}", "/opportunities", f"/opportunities/{opportunity}",
        "/tasks", "/references", "/referrals", "/leads", "/duplicates", "/import", "/paths",
        "/laws?where=Denver%2C+CO", "/check",
    ):  # fmt: skip
        page.goto(live_server.url + path)
        expect(page.locator("h1").first).to_be_visible()
    assert problems == []


def test_what_the_scripts_do_is_there(page: Page, live_server) -> None:
    person, opportunity = _demo(live_server.database_url)
    problems = _watch(page)
    page.goto(f"{live_server.url}/people/{person}/network")
    expect(page.locator("#network-graph canvas").first).to_be_attached(timeout=30_000)
    page.goto(f"{live_server.url}/check")
    page.get_by_label("The posting or message").fill(SCAM)
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".rf-copy").first).to_be_visible()
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=60_000)
    page.goto(f"{live_server.url}/opportunities/board")
    card = page.locator(f'[data-opportunity="{opportunity}"]')
    stage = card.locator("xpath=ancestor::*[@data-stage][1]").get_attribute("data-stage")
    card.drag_to(page.locator(f'[data-stage]:not([data-stage="{stage}"])').first)
    expect(page.locator("#board-news")).to_contain_text(re.compile(r"Moved .+ to "))
    assert problems == []
