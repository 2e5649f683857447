"""The search box in the header: its list of results closes with Escape or a click elsewhere."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from tests.factories import person

from goodword.db import make_engine, make_session_factory, transaction
from goodword.workspaces import service as workspaces


def _seed(database_url: str) -> None:
    engine = make_engine(database_url)
    with transaction(make_session_factory(engine)) as session:
        person(session, workspaces.get_or_create(session).id, "Wilhelmina Stonechat")
    engine.dispose()


def test_escape_closes_the_results_and_keeps_the_words(live_server, page: Page) -> None:
    _seed(live_server.database_url)
    page.goto(f"{live_server.url}/people")
    box = page.get_by_label("Search people and organizations")
    results = page.locator("#quick-results")

    box.fill("Stonechat")
    expect(results.get_by_role("link", name="Wilhelmina Stonechat")).to_be_visible()
    box.press("Escape")
    expect(results.get_by_role("link")).to_have_count(0)
    expect(box).to_have_value("Stonechat")
    expect(box).to_be_focused()

    # Typing again brings the list back; Escape from a result in the list closes it too.
    box.press("End")
    box.press_sequentially(" ")
    link = results.get_by_role("link", name="Wilhelmina Stonechat")
    expect(link).to_be_visible()
    link.focus()
    page.keyboard.press("Escape")
    expect(results.get_by_role("link")).to_have_count(0)
    expect(box).to_be_focused()


def test_a_click_elsewhere_closes_the_results(live_server, page: Page) -> None:
    _seed(live_server.database_url)
    page.goto(f"{live_server.url}/people")
    box = page.get_by_label("Search people and organizations")
    results = page.locator("#quick-results")
    box.fill("Wilhelmina")
    expect(results.get_by_role("link", name="Wilhelmina Stonechat")).to_be_visible()

    page.get_by_role("heading", level=1).click()
    expect(results.get_by_role("link")).to_have_count(0)

    # A result can still be followed with a click.
    box.fill("Stonechat")
    results.get_by_role("link", name="Wilhelmina Stonechat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wilhelmina Stonechat")


def test_after_back_the_people_search_box_shows_the_words_the_list_is_for(
    live_server, page: Page
) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        for name in ("Priya Menon", "Priya Raman", "Bo Li"):
            person(session, workspace_id, name)
    engine.dispose()
    page.goto(f"{live_server.url}/people")
    box = page.get_by_label("Find people")
    rows = page.locator("#people-table tbody tr")
    box.fill("priya")
    expect(rows).to_have_count(2)
    expect(page).to_have_url(f"{live_server.url}/people?q=priya")
    box.fill("priya menon")
    expect(rows).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/people?q=priya%20menon")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/people?q=priya")
    expect(rows).to_have_count(2)
    expect(page.get_by_label("Find people")).to_have_value("priya")
