"""Reaching the hiring manager through a side door, in a real browser: the draft shown is the
chosen person's, and the plan's person is the one chosen again afterwards."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

import factories as f
from goodword.db import make_engine, make_session_factory
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

NAMES = ("Francesca Esposito", "Nour Nasser")


def _seed(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ws = workspaces.get_or_create(session).id
            job = f.opportunity(
                session, ws, role_title="Product Manager", organization_name="Halcyon"
            )
            for name, title in zip(
                NAMES, ("Account Executive", "Director of Product"), strict=True
            ):
                person = f.person(
                    session, ws, name, emails=[f"{name.split()[0].lower()}@halcyon.example"]
                )
                people.add_position(
                    session,
                    workspace_id=ws,
                    person_id=person.id,
                    data=PositionCreate(organization_name="Halcyon", title=title, is_current=True),
                )
            session.commit()
            return job.id
    finally:
        engine.dispose()


def _choices(page: Page) -> tuple[str, str]:
    """The person chosen first, and the other."""
    panel = page.locator("#reach-manager")
    first = panel.get_by_role("radio", checked=True)
    chosen = next(n for n in NAMES if panel.get_by_role("radio", name=n).is_checked())
    expect(first).to_have_count(1)
    return chosen, next(n for n in NAMES if n != chosen)


def test_the_draft_shown_is_for_the_person_chosen_and_stays_chosen(page: Page, live_server) -> None:
    job = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/opportunities/{job}")
    panel = page.locator("#reach-manager")
    first, other = _choices(page)
    # A choice's label holds no link: the person's page is linked beside it.
    expect(panel.locator("label a")).to_have_count(0)
    expect(panel.get_by_role("link", name=f"{other}'s page")).to_be_visible()

    expect(panel.get_by_text(f"Read the draft to {first}")).to_be_visible()
    expect(panel.get_by_text(f"Read the draft to {other}")).to_be_hidden()
    panel.get_by_role("radio", name=other).check()
    expect(panel.get_by_text(f"Read the draft to {first}")).to_be_hidden()
    panel.get_by_text(f"Read the draft to {other}").click()
    draft = panel.locator(".draft:visible")
    expect(draft).to_have_count(1)
    expect(draft).to_contain_text(f"To: {other}")

    panel.get_by_role("button", name="Plan the advice call").click()
    panel = page.locator("#reach-manager")
    expect(panel.get_by_role("link", name=f"Ask {other} for a short advice call")).to_be_visible()
    expect(panel.get_by_role("radio", name=other)).to_be_checked()
    expect(panel.get_by_role("button", name="Update the plan")).to_be_visible()
    expect(panel.get_by_text(f"Read the draft to {other}")).to_be_visible()


def test_without_javascript_the_plan_is_for_the_person_chosen(
    browser: Browser, live_server
) -> None:
    job = _seed(live_server.database_url)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/opportunities/{job}")
        _, other = _choices(page)
        panel = page.locator("#reach-manager")
        panel.get_by_role("radio", name=other).check()
        expect(panel.get_by_text(f"Read the draft to {other}")).to_be_visible()
        panel.get_by_role("button", name="Plan the advice call").click()
        panel = page.locator("#reach-manager")
        expect(
            panel.get_by_role("link", name=f"Ask {other} for a short advice call")
        ).to_be_visible()
        expect(panel.get_by_role("radio", name=other)).to_be_checked()
    finally:
        context.close()
