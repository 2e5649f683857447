"""Back, after a form was refused, fixed and saved, opens the form's page afresh: not the
copy with the problems since fixed, nor a prompt to send the form again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.people import service as people
from goodword.people.schemas import PersonCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def test_back_after_a_form_is_fixed_and_saved_shows_no_old_problems(
    live_server, page: Page
) -> None:
    page.goto(f"{live_server.url}/people/new")
    page.get_by_label("Name", exact=True).fill("Priya Raman")
    page.get_by_label("Phone numbers").fill("call me")
    page.get_by_role("button", name="Add person").click()
    problems = page.locator(".form-errors")
    expect(problems).to_contain_text("'call me'")
    # The page with the problems goes by its form's address.
    expect(page).to_have_url(f"{live_server.url}/people/new")

    page.get_by_label("Phone numbers").fill("+44 20 7946 0958")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Raman")
    person_page = page.url

    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/people/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    expect(page.locator(".form-errors")).to_have_count(0)
    expect(page.locator(".error")).to_have_count(0)
    page.go_forward()
    expect(page).to_have_url(person_page)


def test_back_to_an_edit_form_shows_what_was_saved(live_server, page: Page) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        person_id = people.create(
            session, workspace_id=workspace_id, data=PersonCreate(display_name="Ada Lovelace")
        ).id
    engine.dispose()

    page.goto(f"{live_server.url}/people/{person_id}/edit")
    page.get_by_label("Location").fill("London")
    page.get_by_label("Keep in touch every N days").fill("99999")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".form-errors")).to_contain_text("3650")
    page.get_by_label("Keep in touch every N days").fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved Ada Lovelace.")).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/people/{person_id}/edit$"))
    expect(page.locator(".form-errors")).to_have_count(0)
    expect(page.get_by_label("Location")).to_have_value("London")
