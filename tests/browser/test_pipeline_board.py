"""The pipeline board in a real browser: a move keeps the keyboard's place and the board's
sideways scroll, says what it did in place of the last note, and warns as a warning."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

import factories as f
from goodword.db import make_engine, make_session_factory
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _seed(database_url: str) -> dict[str, int]:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            ids = {
                "lead": f.opportunity(
                    session,
                    ws,
                    role_title="Data Lead",
                    organization_name="Globex",
                    stage="interviewing",
                ).id,
                "analyst": f.opportunity(
                    session,
                    ws,
                    role_title="Analyst",
                    organization_name="Initech",
                    stage="applied",
                ).id,
            }
            session.commit()
            return ids
    finally:
        engine.dispose()


def _move(page: Page, opportunity_id: int, stage: str) -> None:
    menu = page.locator(f"#stage-{opportunity_id}")
    menu.focus()
    menu.select_option(stage)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def test_a_move_keeps_the_focus_on_the_cards_menu_and_says_what_it_did(
    page: Page, live_server
) -> None:
    ids = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/opportunities/board")
    _move(page, ids["lead"], "offer")
    news = page.locator("#board-news")
    expect(news).to_have_text("Moved Data Lead at Globex to Offer.")
    menu = page.locator(f"#stage-{ids['lead']}")
    expect(menu).to_be_focused()
    expect(page.locator("[data-stage=offer]")).to_contain_text("Data Lead")

    # The next move's words take the place of the last one's.
    _move(page, ids["analyst"], "interviewing")
    expect(news).to_have_text("Moved Analyst at Initech to Interviewing.")
    expect(news.locator("p")).to_have_count(1)
    expect(page.locator(f"#stage-{ids['analyst']}")).to_be_focused()


def test_on_a_phone_a_move_keeps_the_board_where_it_was_scrolled(page: Page, live_server) -> None:
    ids = _seed(live_server.database_url)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/opportunities/board")
    board = page.locator("#board")
    page.locator("[data-stage=interviewing]").scroll_into_view_if_needed()
    before = board.evaluate("b => b.scrollLeft")
    assert before > 0
    _move(page, ids["lead"], "offer")
    expect(page.locator("#board-news")).to_contain_text("Moved Data Lead")
    expect(page.locator(f"#stage-{ids['lead']}")).to_be_focused()
    assert board.evaluate("b => b.scrollLeft") >= before


def test_a_rejection_the_playbook_cannot_use_yet_is_a_warning(page: Page, live_server) -> None:
    ids = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/opportunities/board")
    _move(page, ids["analyst"], "rejected")
    news = page.locator("#board-news")
    expect(news.locator(".flash")).to_have_text("Moved Analyst at Initech to Rejected.")
    warning = news.locator(".warning")
    expect(warning).to_contain_text("The rejection playbook needs more first")
    expect(news.locator(".flash", has_text="needs more first")).to_have_count(0)


def test_a_refused_move_puts_the_focus_on_its_problem(page: Page, live_server) -> None:
    ids = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/opportunities/board")
    menu = page.locator(f"#stage-{ids['lead']}")
    # (An old page offering a stage that no longer exists.)
    menu.evaluate("m => m.add(new Option('Dreaming', 'dreaming'))")
    _move(page, ids["lead"], "dreaming")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was moved")
    expect(alert).to_be_focused()


def test_without_javascript_a_move_says_what_it_did_and_warns_as_a_warning(
    browser: Browser, live_server
) -> None:
    ids = _seed(live_server.database_url)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/opportunities/board")
        page.locator(f"#stage-{ids['lead']}").select_option("offer")
        page.locator(f"#stage-{ids['lead']}").locator("xpath=..").get_by_role(
            "button", name="Move"
        ).click()
        flash = page.locator("[data-flash]")
        expect(flash).to_have_text("Moved Data Lead at Globex to Offer.")
        expect(flash).not_to_have_class("flash warns")

        page.locator(f"#stage-{ids['analyst']}").select_option("rejected")
        page.locator(f"#stage-{ids['analyst']}").locator("xpath=..").get_by_role(
            "button", name="Move"
        ).click()
        flash = page.locator("[data-flash]")
        expect(flash).to_contain_text("needs more first")
        expect(flash).to_have_class("flash warns")
    finally:
        context.close()
