"""A person uses Goodword in a real browser: first-run page, add a person, move a card."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory
from goodword.opportunities.models import Opportunity, Stage

pytestmark = pytest.mark.browser


def test_it_creates_a_person_and_moves_an_opportunity_across_the_board(page: Page, live_server):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name=re.compile("demo network", re.I))).to_be_visible()

    page.get_by_role("link", name=re.compile("add the first people", re.I)).click()
    page.get_by_label("Given name").fill("Priya")
    page.get_by_label("Family name").fill("Raman")
    page.get_by_label("E-mail addresses").fill("Priya.Raman@Example.org")
    page.get_by_label("Phone numbers").fill("+44 (20) 7946-0958 x7")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Raman")
    expect(page.get_by_text("priya.raman@example.org")).to_be_visible()
    phone = page.get_by_role("link", name="+44 20 7946 0958 ext. 7")
    expect(phone).to_have_attribute("href", "tel:+442079460958;ext=7")

    page.goto(live_server.url + "/opportunities/new")
    page.get_by_label(re.compile("^Organization")).fill("Harbor Analytics")
    page.get_by_label(re.compile("^Role")).fill("Data Lead")
    page.get_by_role("button", name=re.compile("save|add", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data Lead")

    page.goto(live_server.url + "/opportunities/board")
    target_column = page.locator('section.column[data-stage="target"]')
    expect(target_column.get_by_role("link", name="Data Lead")).to_be_visible()
    card = target_column.locator("article.opp", has_text="Data Lead")
    card.locator("select").select_option("interviewing")
    card.get_by_role("button", name="Move").click()

    interviewing = page.locator('section.column[data-stage="interviewing"]')
    expect(interviewing.get_by_role("link", name="Data Lead")).to_be_visible()
    expect(target_column.get_by_role("link", name="Data Lead")).to_have_count(0)

    engine = make_engine(live_server.database_url)
    with make_session_factory(engine)() as session:
        opportunity = session.scalars(select(Opportunity)).one()
        assert opportunity.stage is Stage.INTERVIEWING
        assert [c.to_stage for c in opportunity.stage_changes] == [Stage.TARGET, Stage.INTERVIEWING]
    engine.dispose()
