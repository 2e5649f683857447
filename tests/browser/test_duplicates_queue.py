"""A person imports an address book in a real browser, reviews the possible duplicate side
by side, keeps one value, merges, sees one person with both e-mails, and undoes it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory, transaction
from goodword.duplicates import service
from goodword.duplicates.models import DuplicateCandidate
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

    report.get_by_role("link", name="Review 1 new possible duplicate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    page.get_by_role(
        "link", name=re.compile(r"^Review Grace Hopper( \(.*?\))? and Grace Hopper")
    ).click()
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
    # Enter on a choice is no merge: the page keeps the browser from sending the form.
    sent = page.get_by_label("Old friend from the Navy.").evaluate(
        "choice => choice.dispatchEvent(new KeyboardEvent('keydown', "
        "{key: 'Enter', bubbles: true, cancelable: true}))"
    )
    assert sent is False, "Enter on a choice would send the merge"
    page.get_by_role("button", name="Merge them").click()

    expect(page.locator(".flash")).to_contain_text(
        re.compile(
            r"Merged Grace Hopper \(number \d+\) into Grace Hopper \(number \d+\), who stays"
        )
    )
    # What the action did is read first, not the menu again.
    expect(page.locator(".flash")).to_be_focused()
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
    expect(page.locator(".flash")).to_contain_text(
        re.compile(r"Grace Hopper \(number \d+\) is their own person again\.")
    )
    expect(page.locator("#merge-history")).to_contain_text("undone")

    with factory() as session:
        graces = session.scalars(
            select(Person).where(Person.family_name == "Hopper").order_by(Person.id)
        ).all()
        assert [[e.address for e in p.emails] for p in graces] == [
            ["grace@old.example"], ["grace@navy.example"],
        ]  # fmt: skip
    engine.dispose()


def test_the_review_fits_a_phone_without_sideways_scrolling(live_server, page: Page) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        hedy = dict(display_name="Hedy Lamarr", given_name="Hedy", family_name="Lamarr")
        first = people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(
                **hedy, tags=["reference", "candidate"],
                notes="Recommendation given on 20 Nov 2025 (then Inventor at Frequency Hopping "
                "Inc): Hedy sees the whole system.",
            ),
        )  # fmt: skip
        second = people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(
                **hedy, location="Vienna, Austria", birthday=date(1914, 11, 9),
                emails=["hedy.lamarr-kiesler@frequency-hopping-incorporated.example"],
                phones=["+43 1 5550 1234", "+1 310 555 0100"], tags=["Mentors"],
                notes="Two patents in one afternoon.",
            ),
        )  # fmt: skip
        pair = service.find_duplicates(session, workspace_id=workspace_id)
        assert pair.candidates_created == 1
        (candidate,) = service.list_candidates(session, workspace_id=workspace_id).items
        assert {candidate.person_a_id, candidate.person_b_id} == {first.id, second.id}
    engine.dispose()

    page.set_viewport_size({"width": 390, "height": 844})
    # The queue's pair is read row by row: its reasons and Review button on the screen.
    page.goto(f"{live_server.url}/duplicates")
    review = page.locator("#duplicate-queue").get_by_role("link", name="Review")
    box = review.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.goto(f"{live_server.url}/duplicates/{candidate.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these one person?")
    box = page.locator(".table-scroll:has(#side-by-side)")
    # Nothing to scroll sideways: the table is no wider than its box, nor the page the screen.
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") <= 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # Both values of a field stay side by side, each choice with its value.
    a, b = page.get_by_label("Notes of A"), page.get_by_label("Notes of B")
    expect(page.get_by_label("Keep both notes")).to_be_checked()
    # A value only one of them has is kept, with nothing to pick.
    expect(page.locator('[data-only="b"]').first).to_contain_text("(only B has one: kept)")
    a_box, b_box = a.bounding_box(), b.bounding_box()
    assert a_box and b_box and a_box["x"] < b_box["x"] and abs(a_box["y"] - b_box["y"]) < 5
    expect(page.locator("#side-by-side")).to_contain_text("frequency-hopping-incorporated")


def test_a_scan_says_it_is_working_and_takes_one_click(live_server, page: Page) -> None:
    sent: list[str] = []

    def no_answer_yet(route: Route) -> None:
        # The page is still waiting for a scan of many people: an empty answer (204) keeps
        # it as it is while the scan "runs".
        sent.append(route.request.method)
        route.fulfill(status=204)

    page.goto(f"{live_server.url}/duplicates")
    page.route("**/duplicates/scan", no_answer_yet)
    button = page.get_by_role("button", name="Scan for duplicates")
    button.click()
    expect(button).to_be_disabled()
    expect(page.get_by_role("status").filter(has_text="Scanning everyone")).to_be_visible()
    button.click(force=True)  # a second click sends nothing more
    page.wait_for_timeout(300)
    assert sent == ["POST"]


def test_ticked_pairs_are_told_apart_with_one_button(live_server, page: Page) -> None:
    engine = make_engine(live_server.database_url)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        workspace_id = workspaces.get_or_create(session).id

        def named(name: str) -> int:
            data = PersonCreate(display_name=name)
            return people.create(session, workspace_id=workspace_id, data=data).id

        hub = named("Sam Hub")
        session.add_all(
            DuplicateCandidate(
                workspace_id=workspace_id, person_a_id=hub, person_b_id=named(name),
                score=0.5, reasons=["names alike"],
            )
            for name in ("Sam Spoke", "Kim Spoke", "Kit Spoke")
        )  # fmt: skip

    page.goto(f"{live_server.url}/duplicates")
    boxes = page.get_by_role("checkbox", name=re.compile(r"^Choose Sam Hub and Ki[mt] Spoke"))
    expect(boxes).to_have_count(2)
    for box in boxes.all():
        box.check()
    page.get_by_role("button", name="Not the same: the ticked pairs").click()

    expect(page.locator(".flash")).to_contain_text("Marked 2 pairs as two different people")
    expect(page.locator("#duplicate-queue tbody tr")).to_have_count(1)
    expect(page.locator("#duplicate-queue")).to_contain_text("Sam Spoke")
    expect(page.locator("#told-apart tbody tr")).to_have_count(2)
    engine.dispose()
