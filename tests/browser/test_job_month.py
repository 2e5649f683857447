"""A job's dates known only as a month or a year are typed so on the person's page, added and
edited, and the page shows the month ("May 2021"), not its first day."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.people import service as people
from goodword.people.schemas import PersonCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def test_a_job_is_added_and_edited_as_a_month_or_year(live_server, page: Page) -> None:
    factory = make_session_factory(make_engine(live_server.database_url))
    with transaction(factory) as session:
        ws = workspaces.get_or_create(session).id
        ana = people.create(session, workspace_id=ws, data=PersonCreate(display_name="Ana Cruz"))
        ana_id = ana.id

    page.goto(f"{live_server.url}/people/{ana_id}")
    page.get_by_text("Add a position").click()
    page.get_by_role("textbox", name="Organization").fill("Kestrel Labs")
    page.get_by_label("Started").fill("2019")
    page.get_by_role("button", name="Add position").click()
    expect(page.locator(".flash")).to_contain_text("Added the position at Kestrel Labs.")
    row = page.locator("#positions tr", has_text="Kestrel Labs")
    expect(row).to_contain_text("2019 \N{EN DASH} now")

    row.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Started")).to_have_value("2019")
    page.get_by_label("Started").fill("May 2021")
    page.get_by_label("Works there now").uncheck()
    page.get_by_label("Ended").fill("2023-02")
    page.get_by_role("button", name="Save").click()

    row = page.locator("#positions tr", has_text="Kestrel Labs")
    expect(row).to_contain_text("May 2021 \N{EN DASH} Feb 2023")
    row.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Started")).to_have_value("2021-05")
    expect(page.get_by_label("Ended")).to_have_value("2023-02")
