"""The import page in a real browser: a background import's report takes the focus when it
arrives, and column pickers chosen in any order keep their place."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from goodword.importers import views

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def test_a_background_imports_report_takes_the_focus_when_it_arrives(
    live_server, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)  # every upload goes to the background
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(DATA / "Connections.csv"))
    page.get_by_role("button", name="Import", exact=True).click()
    heading = page.get_by_role("heading", name="Import finished")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
    expect(page.locator('#import-report dd[data-outcome="created"]')).to_have_text("6")


def test_a_picker_chosen_before_the_name_columns_keeps_the_pickers(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(DATA / "crm.csv"))
    page.get_by_role("button", name="Preview").click()
    key = page.locator("#f-map_key")
    key.focus()  # as a keyboard user does
    key.select_option("ID")
    expect(
        page.get_by_text("Pick at least the name columns to see the first rows.")
    ).to_be_visible()
    expect(page.locator("#f-map_key")).to_have_value("ID")
    expect(page.locator("#f-map_key")).to_be_focused()
    # Picked quickly one after the other, the last choice wins (a newer preview replaces
    # one still on its way).
    page.locator("#f-map_given").select_option("First")
    page.locator("#f-map_family").select_option("Surname")
    expect(page.locator("#import-preview td", has_text="Mae Jemison")).to_be_visible()
    expect(page.locator("#f-map_family")).to_have_value("Surname")
