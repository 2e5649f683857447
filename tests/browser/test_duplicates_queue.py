"""A person imports an address book in a real browser, reviews the possible duplicate side
by side, keeps one value, merges, sees one person with both e-mails, and undoes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory, transaction
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

CARDS = Path(__file__).resolve().parents[1] / "data" / "importers" / "contacts30.vcf"


def test_a_suggested_duplicate_is_reviewed_merged_and_undone(live_server, page: Page) -> None:
    engine = make_engine(live_server.database_url)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        workspace_id = workspaces.get_or_create(session).id
        people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(
                display_name="Grace Hopper", given_name="Grace", family_name="Hopper",
                emails=["grace@old.example"], notes="Old friend from the Navy.",
            ),
        )  # fmt: skip

    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(CARDS))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#import-preview h3", has_text="contacts30.vcf")).to_contain_text("vCard")
    # The news gets the focus, for keyboard and screen-reader users.
    expect(page.get_by_role("heading", name="What Goodword sees")).to_be_focused()
    page.get_by_role("button", name="Import", exact=True).click()
    report = page.locator("#import-report")
    expect(report.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(report.get_by_role("heading", name="Import finished")).to_be_focused()
    expect(report.locator('tr[data-outcome="suggested"]')).to_contain_text("Grace Hopper")

    report.get_by_role("link", name="Review 1 possible duplicate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    page.get_by_role("link", name=re.compile("^Review Grace Hopper and Grace Hopper")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these one person?")
    side_by_side = page.locator("#side-by-side")
    expect(side_by_side).to_contain_text("grace@old.example")
    expect(side_by_side).to_contain_text("grace@navy.example")
    # Each choice sits beside its value (not stretched across the cell).
    radio, label = page.locator("#f-keep-a"), page.locator('label[for="f-keep-a"]')
    radio_box, label_box = radio.bounding_box(), label.bounding_box()
    assert radio_box and label_box and radio_box["width"] < 40
    assert 0 <= label_box["x"] - (radio_box["x"] + radio_box["width"]) < 20
    page.get_by_label("Old friend from the Navy.").check()
    page.get_by_role("button", name="Merge them").click()

    expect(page.locator(".flash")).to_contain_text(
        re.compile(
            r"Merged Grace Hopper \(number \d+\) into Grace Hopper \(number \d+\), who stays"
        )
    )
    page.locator("#merge-history").get_by_role("link", name="Grace Hopper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Hopper")
    expect(page.get_by_role("link", name="grace@old.example")).to_be_visible()
    expect(page.get_by_role("link", name="grace@navy.example")).to_be_visible()
    expect(page.locator("#provenance")).to_contain_text("contacts30.vcf")

    with factory() as session:
        (grace,) = session.scalars(select(Person).where(Person.family_name == "Hopper")).all()
        assert grace.notes == "Old friend from the Navy."
        assert sorted(e.address for e in grace.emails) == [
            "grace@navy.example",
            "grace@old.example",
        ]

    page.goto(f"{live_server.url}/duplicates")
    page.get_by_role("button", name="Undo merging Grace Hopper").click()
    expect(page.locator(".flash")).to_contain_text("Grace Hopper is their own person again.")
    expect(page.locator("#merge-history")).to_contain_text("undone")

    with factory() as session:
        graces = session.scalars(
            select(Person).where(Person.family_name == "Hopper").order_by(Person.id)
        ).all()
        assert [[e.address for e in p.emails] for p in graces] == [
            ["grace@old.example"], ["grace@navy.example"],
        ]  # fmt: skip
    engine.dispose()
