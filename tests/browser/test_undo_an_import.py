"""A person undoes the latest import on a phone-sized screen, with the keyboard alone: the
confirmation reads without sideways scrolling, says what goes, what comes off and who
stays, and the undo is done from it."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory, transaction
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonUpdate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nORG:Acme Robotics\r\n"
    "TITLE:Engineer\r\nEMAIL:ada@home.example\r\nEND:VCARD\r\n"
)
LONG = "bartholomew.featherstonehaugh-cholmondeley@internationalisation.example.org"
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-l-other,ada.l@acme.example,Acme Robotics,"
    "Engineering Lead,08 Jan 2024\n"
    f"{LONG},,https://www.linkedin.com/in/bart,,Featherstonehaugh-Cholmondeley "
    "Internationalisation Consultancy,Principal Internationalisation Engineer,08 Jan 2024\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,03 Nov 2025\n"
    "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley Park,Cryptanalyst,"
    "03 Nov 2025\n"
)


def test_the_latest_import_is_undone_on_a_phone_with_the_keyboard(live_server, page: Page) -> None:
    factory = make_session_factory(make_engine(live_server.database_url))
    with transaction(factory) as session:
        workspace_id = workspaces.get_or_create(session).id
        for name, body in (("contacts.vcf", CARD), ("Connections.csv", CONNECTIONS)):
            report = import_files(session, workspace_id=workspace_id, today=date(2026, 11, 25),
                                  paths_or_uploads=[Upload(name, body.encode())])  # fmt: skip
        alan = session.scalars(select(Person.id).where(Person.display_name == "Alan Turing")).one()
        edit = PersonUpdate(display_name="Alan Turing", notes="Met at Bletchley")
        people.update(session, workspace_id=workspace_id, person_id=alan, data=edit)
    run_id = report.id

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/imports/{run_id}")
    page.get_by_role("link", name="Undo this import").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Undo import {run_id}?")
    expect(page.locator("main strong").first).to_have_text(
        "Takes away 2 people (with their 2 jobs) and 2 organizations; takes back what it "
        "added to 1 person already here; 1 person stays, listed with why."
    )
    expect(page.get_by_role("heading", name="Taken away (2)")).to_be_visible()
    expect(page.locator("#kept-heading + p + ul")).to_contain_text(
        "Alan Turing: changed since the import"
    )
    assert _page_overflow(page) == 0  # (the long e-mail-address name wraps)
    # From the last person listed, the keyboard's next stop is the button that undoes it.
    page.get_by_role("link", name="Alan Turing").focus()
    page.keyboard.press("Tab")
    undo = page.get_by_role("button", name="Undo the import")
    expect(undo).to_be_focused()
    expect(undo).to_be_in_viewport()
    page.keyboard.press("Enter")

    # Who stays is named where the page that listed them is gone.
    expect(page.locator(".flash")).to_have_text(
        f"Import {run_id} undone. Took away 2 people (with their 2 jobs) and 2 organizations; "
        "took back what it added to 1 person already here; 1 person stays: Alan Turing."
    )
    assert _page_overflow(page) == 0
    with factory() as session:
        names = set(session.scalars(select(Person.display_name)))
        assert names == {"Ada Lovelace", "Alan Turing"}


def _page_overflow(page: Page) -> int:
    """How many CSS pixels the document is wider than the screen (0: no sideways scrolling)."""
    assert page.evaluate("() => document.documentElement.clientWidth") == PHONE["width"]
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )
