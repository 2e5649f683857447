"""On a phone-sized screen the list pages fit: wide tables scroll in their own box, not the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Long unbreakable words: a name that is an e-mail address (as imports can make them), long
# organization names, places and tags.
PEOPLE = [
    (
        "bartholomew.featherstonehaugh-cholmondeley@internationalisation.example.org",
        "Principal Internationalisation Engineer",
        "Featherstonehaugh-Cholmondeley Internationalisation Consultancy",
        "Llanfairpwllgwyngyll, Anglesey",
        ["internationalisation", "recommendation-letter"],
    ),
    (
        "Maximiliana Wolfeschlegelsteinhausenbergerdorff",
        "Chief Technology Officer",
        "Donaudampfschifffahrtsgesellschaft",
        "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson",
        ["conference-speaker"],
    ),
    ("Priya Raman", "Data Lead", "Harbor Analytics", "London", ["friend"]),
]


def _page_overflow(page: Page) -> int:
    """How many CSS pixels the document is wider than the screen (0: no sideways scrolling)."""
    assert page.evaluate("() => document.documentElement.clientWidth") == PHONE["width"]
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def test_the_people_list_does_not_scroll_sideways_on_a_phone(live_server, page: Page) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        for number, (name, title, organization, location, tags) in enumerate(PEOPLE):
            person = people.create(
                session,
                workspace_id=workspace_id,
                data=PersonCreate(
                    display_name=name,
                    emails=[f"featherstonehaugh.{number}@internationalisation.example"],
                    location=location,
                    tags=tags,
                ),
            )
            people.add_position(
                session,
                workspace_id=workspace_id,
                person_id=person.id,
                data=PositionCreate(organization_name=organization, title=title),
            )
    engine.dispose()

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/people")
    table = page.locator("#people-table table")
    expect(table.locator("tbody tr")).to_have_count(3)
    assert _page_overflow(page) <= 0
    # The table may be wider than the screen: it scrolls inside its own box.
    expect(page.locator(".table-scroll > #people-table > table")).to_have_count(1)

    # The search box swaps the table (htmx); the new one stays in the scrolling box.
    page.get_by_label("Find people").fill("Maximiliana")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Wolfeschlegelsteinhausenbergerdorff")
    expect(page.locator(".table-scroll > #people-table > table")).to_have_count(1)
    assert _page_overflow(page) <= 0


def test_the_organizations_list_does_not_scroll_sideways_on_a_phone(
    live_server, page: Page
) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        for _, _, name, location, _ in PEOPLE:
            organizations.create(
                session,
                workspace_id=workspace_id,
                data=OrganizationCreate(
                    name=name,
                    aliases=[name.replace(" ", "")],
                    domains=[f"{name.split()[0].lower()}-internationalisation.example"],
                    location=location,
                ),
            )
    engine.dispose()

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/organizations")
    table = page.locator("#organizations-table table")
    expect(table.locator("tbody tr")).to_have_count(3)
    assert _page_overflow(page) <= 0
    expect(page.locator(".table-scroll > #organizations-table > table")).to_have_count(1)


def test_an_import_s_rows_and_a_person_s_sources_are_read_row_by_row_on_a_phone(
    live_server, page: Page
) -> None:
    from datetime import date

    from goodword.importers.records import Upload
    from goodword.importers.service import import_files

    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bartholomew,Featherstonehaugh-Cholmondeley | Principal Internationalisation Engineer,"
        ",,Donaudampfschifffahrtsgesellschaft,Chief Technology Officer,12 Mar 2024\n"
    )
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        report = import_files(
            session, workspace_id=workspace_id, today=date(2026, 11, 25),
            paths_or_uploads=[Upload("Connections.csv", connections.encode())],
        )  # fmt: skip
        person_id = report.rows[0].person_id
    engine.dispose()

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/imports/{report.id}")
    row = page.locator("table.import-rows tbody tr").first
    details = row.locator('td[data-label="Person"]')
    expect(details).to_contain_text("Bartholomew Featherstonehaugh-Cholmondeley")
    box = details.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert _page_overflow(page) <= 0
    # The column's name is said in each cell, as its heading is out of sight.
    label = details.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Person: "'
    # And the table of files, whose counts would sit out of sight too.
    skipped = page.locator('td[data-label="Skipped"]').first
    expect(skipped).to_have_text("0")
    box = skipped.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]

    # So is the list of earlier imports, whose counts would sit out of sight.
    page.goto(f"{live_server.url}/import")
    created = page.locator('#history td[data-label="Created"]').first
    expect(created).to_have_text("1")
    box = created.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert _page_overflow(page) <= 0

    page.goto(f"{live_server.url}/people/{person_id}")
    # A job's dates and its Remove button stay on the screen.
    remove = page.locator("#positions").get_by_role("link", name="Remove the position at")
    box = remove.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    expect(page.locator('#positions td[data-label="When"]')).to_contain_text("now")
    cell = page.locator('#provenance td[data-label="Id in the file"]')
    expect(cell).to_contain_text("none: known by name and connection date")
    box = cell.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]


def test_a_problem_far_down_a_person_s_page_is_shown_and_its_address_opens_again(
    live_server, page: Page
) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        person = people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(display_name="Priya Raman", notes="A long note.\n" * 40),
        )
        person_id = person.id
    engine.dispose()

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/people/{person_id}")
    page.get_by_text("Add a position").click()
    page.get_by_label("Title").fill("Data Lead")
    page.get_by_label("Title").press("Enter")
    problems = page.locator(".form-errors")
    expect(problems).to_contain_text("Organization")
    expect(problems).to_be_focused()
    expect(problems).to_be_in_viewport()
    # The page with the problems goes by the address of the page the form was sent from.
    expect(page).to_have_url(f"{live_server.url}/people/{person_id}")
    # The address the form went to, opened again (bookmarked, say), is the person's page.
    page.goto(f"{live_server.url}/people/{person_id}/positions")
    assert page.url.endswith(f"/people/{person_id}")
    expect(page.get_by_role("heading", name="Priya Raman", exact=True)).to_be_visible()


def test_a_table_wider_than_a_phone_can_be_scrolled_from_the_keyboard(
    live_server, page: Page
) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        for name, _title, _organization, location, tags in PEOPLE:
            people.create(
                session,
                workspace_id=workspace_id,
                data=PersonCreate(display_name=name, location=location, tags=tags),
            )
    engine.dispose()

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/people")
    box = page.locator(".table-scroll").first
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("aria-label", "People (scrolls sideways)")
    expect(box).to_have_class("table-scroll more")
    box.focus()
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    assert box.evaluate("b => b.scrollLeft") > 0
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(box).not_to_have_attribute("tabindex", "0")


def test_every_menu_link_is_in_view_on_a_phone_without_scrolling_sideways(
    live_server, page: Page
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/people")
    assert _page_overflow(page) <= 0
    nav = page.get_by_role("navigation", name="Main")
    assert nav.evaluate("n => n.scrollWidth <= n.clientWidth")
    links = nav.get_by_role("link")
    expect(links).to_have_count(15)
    for index in range(15):
        box = links.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["height"] >= 24  # (big enough to tap)
    header = page.locator("header.top").bounding_box()
    assert header is not None and header["y"] + header["height"] < PHONE["height"] / 2
    nav.get_by_role("link", name="Duplicates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    assert _page_overflow(page) <= 0
    # References, referral asks and leads have their place in it too, marked when open.
    for name, heading in (
        ("Referrals", "Referral asks"),
        ("References", "References"),
        ("Leads", "Leads to pass on"),
    ):
        nav.get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(nav.locator('[aria-current="page"]')).to_have_text(name)
        assert _page_overflow(page) <= 0
