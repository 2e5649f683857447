"""A person turns a final-round rejection into referrals, in a real browser on the demo network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from goodword.db import make_engine, make_session_factory
from goodword.interactions.models import Interaction, InteractionKind, Participant, Rapport
from goodword.opportunities.models import Opportunity, Stage
from goodword.people.models import Person
from goodword.tasks.models import Task

pytestmark = pytest.mark.browser


def _the_final_round_rejection(database_url: str) -> tuple[int, str, list[str]]:
    """The demo's rejected opportunity where Robin clicked with interviewers, and their names."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            clicked = (
                select(Interaction.opportunity_id, Participant.person_id)
                .join(Participant)
                .where(
                    Interaction.kind == InteractionKind.INTERVIEW,
                    Participant.rapport == Rapport.CLICKED,
                )
            )
            rows = session.execute(clicked).all()
            for opportunity in session.scalars(
                select(Opportunity).where(Opportunity.stage == Stage.REJECTED)
            ):
                people = {p for o, p in rows if o == opportunity.id}
                if len(people) == 2:
                    names = sorted(session.get(Person, pid).display_name for pid in people)  # type: ignore[union-attr]
                    return opportunity.id, opportunity.role_title, names
    finally:
        engine.dispose()
    raise AssertionError("the demo has no final-round rejection with two clicked interviewers")


def _playbook_tasks(database_url: str, prefix: str) -> int:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return (
                session.scalar(
                    select(func.count()).select_from(Task).where(Task.origin.like(f"{prefix}%"))
                )
                or 0
            )
    finally:
        engine.dispose()


def test_a_rejection_becomes_referral_asks_and_an_introduction(page: Page, live_server):
    page.goto(live_server.url + "/")
    # Building the demo network takes a few seconds.
    page.get_by_role("button", name="Load the demo network").click(timeout=60_000)
    expect(page.get_by_role("status")).to_contain_text("The demo network is loaded")
    # The dashboard's keep-in-touch card brings the routines up to date as it loads.
    routines = page.locator("#playbook-routines")
    expect(routines.get_by_role("link", name="This week")).to_be_visible(timeout=30_000)

    opportunity_id, role, clicked = _the_final_round_rejection(live_server.database_url)
    page.goto(live_server.url + "/opportunities?stage=rejected")
    page.get_by_role("link", name=role).first.click()
    expect(page).to_have_url(re.compile(rf"/opportunities/{opportunity_id}$"))

    panel = page.locator("#rejection-playbook")
    expect(panel).to_contain_text("You clicked with")
    for name in clicked:
        expect(panel).to_contain_text(name)
    panel.get_by_role("button", name="Run the rejection playbook").click()
    expect(page.get_by_role("status")).to_have_text(
        "4 follow-up tasks added from the rejection playbook."
    )
    panel = page.locator("#rejection-playbook")
    for name in clicked:
        expect(
            panel.get_by_role("link", name=f"Thank {name} and let them off the hook")
        ).to_be_visible()
        expect(
            panel.get_by_role("link", name=re.compile(f"^Ask {name} to recommend you at"))
        ).to_be_visible()
    assert _playbook_tasks(live_server.database_url, "rejection:") == 4
    # Run again (after a company or an interviewer is added, say), it keeps what is there.
    panel.get_by_role("button", name="Run it again").click()
    expect(page.get_by_role("status")).to_have_text(
        "The rejection playbook's tasks were already there; nothing new was added."
    )
    assert _playbook_tasks(live_server.database_url, "rejection:") == 4

    referrer = clicked[0]
    panel.get_by_role("button", name=f"I sent the ask to {referrer}").click()
    expect(page.get_by_role("status")).to_contain_text(f"of {referrer} as asked")

    row = page.locator("#rejection-playbook tr", has_text=referrer).first
    expect(row).to_contain_text("Asked")
    row.get_by_role("combobox").select_option("agreed")
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text(f"{referrer}: agreed.")

    row = page.locator("#rejection-playbook tr", has_text=referrer).first
    row.get_by_role("combobox").select_option("introduced")
    row.get_by_placeholder("introduced to whom?").fill("Ana Ruiz")
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text(
        "3 follow-up tasks added from the referral playbook."
    )

    panel = page.locator("#rejection-playbook")
    expect(panel).to_contain_text("introduced to Ana Ruiz")
    thank = panel.get_by_role(
        "link", name=f"Thank {referrer} for the referral and promise to report back"
    )
    expect(thank).to_be_visible()
    expect(
        panel.get_by_role("link", name=re.compile(f"^Report back to {referrer} on"))
    ).to_be_visible()
    expect(
        panel.get_by_role("link", name=re.compile(f"^Prepare for .* so {referrer} looks good"))
    ).to_be_visible()
    assert _playbook_tasks(live_server.database_url, "referral:") == 3

    thank.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Thank {referrer} for the referral"
    )
    expect(page.get_by_text("Referral follow-up: thank")).to_be_visible()
    expect(page.get_by_role("button", name="Copy message")).to_be_visible()
    mail = page.get_by_role("link", name="Open in mail")
    expect(mail).to_have_attribute(
        "href",
        re.compile(r"^mailto:.*\?subject=Thank%20you%20for%20the%20introduction%20to%20Ana%20Ruiz"),
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .eml").click()
    assert download.value.suggested_filename == "draft.eml"
