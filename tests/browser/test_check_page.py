"""A person pastes a scam message into "Check a message" and sees the evidence and a reply."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SCAM = (
    "From: talent.team.hiring@gmail.com\n"
    "Congratulations, you have been selected for the remote data entry role!\n"
    "To start, pay the $85 registration fee for your training kit and reply with your "
    "bank account details.\n"
)


def test_a_pasted_scam_shows_its_evidence_highlighted_and_answers(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/check")
    page.get_by_label("The posting or message").fill(SCAM)
    page.evaluate("window.stillThisPage = true")
    page.get_by_role("button", name="Check").click()

    marked = page.locator(".rf-text mark")
    expect(marked.filter(has_text="registration fee")).to_have_count(1)
    expect(marked.filter(has_text="you have been selected for")).to_be_visible()
    expect(page.locator(".rf-badge.sev-critical").first).to_have_text("Critical")
    # HTMX swapped the results in: the page was not reloaded, and the text is still there.
    assert page.evaluate("window.stillThisPage") is True
    expect(page.get_by_label("The posting or message")).to_have_value(SCAM)

    answer = page.locator(".rf-answer").filter(has_text="Stop and report").first
    expect(answer.locator(".rf-answer-text")).to_contain_text("Send no money")
    copy = answer.get_by_role("button", name="Copy")
    expect(copy).to_be_visible()
    copy.click()
    # Copied with the Clipboard API, or (where the browser refuses) selected for Ctrl+C.
    expect(answer.locator(".rf-copied")).to_have_text(re.compile(r"^(Copied\.|Selected: )"))


def test_without_javascript_the_form_still_checks_and_hides_the_copy_button(
    live_server, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/check")
        page.get_by_label("The posting or message").fill(SCAM)
        page.get_by_role("button", name="Check").click()

        expect(page.locator(".rf-text mark").filter(has_text="registration fee")).to_be_visible()
        expect(page.locator(".rf-answer-text").first).to_be_visible()
        expect(page.locator(".rf-copy").first).to_be_hidden()
    finally:
        context.close()


def test_the_results_heading_takes_the_focus_when_the_results_arrive(
    live_server, page: Page
) -> None:
    page.goto(f"{live_server.url}/check")
    page.get_by_label("The posting or message").fill(SCAM)
    page.get_by_role("button", name="Check").click()
    heading = page.get_by_role("heading", name="What Goodword found")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    # Checked again, the new results' heading takes it again.
    page.get_by_label("The posting or message").fill("Thanks for your time today!")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("No red flags found.")).to_be_visible()
    expect(heading).to_be_focused()
