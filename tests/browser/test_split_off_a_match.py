"""A person finds a LinkedIn record an import matched to the wrong Ada in a real browser,
reads what splitting it off would do, splits it off, and sees two people."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory, transaction
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nORG:Acme Robotics\r\n"
    "TITLE:Engineer\r\nEMAIL:ada@home.example\r\nEND:VCARD\r\n"
)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-l-other,ada.l@acme.example,Acme Robotics,"
    "Engineering Lead,08 Jan 2024\n"
)


def test_a_wrong_match_is_split_off_from_the_person_page(live_server, page: Page) -> None:
    factory = make_session_factory(make_engine(live_server.database_url))
    with transaction(factory) as session:
        workspace_id = workspaces.get_or_create(session).id
        for name, body in (("contacts.vcf", CARD), ("Connections.csv", CONNECTIONS)):
            import_files(session, workspace_id=workspace_id, today=date(2026, 11, 25),
                         paths_or_uploads=[Upload(name, body.encode())])  # fmt: skip
        ada_id = session.scalars(select(Person.id)).one()

    page.goto(f"{live_server.url}/people/{ada_id}")
    expect(page.get_by_role("link", name="ada.l@acme.example")).to_be_visible()
    provenance = page.locator("#provenance")
    expect(provenance).to_contain_text("Connections.csv, line 2")
    provenance.get_by_role("link", name="Someone else? Split off").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Is this LinkedIn record someone else?"
    )
    expect(page.get_by_role("heading", name="The new Ada Lovelace gets")).to_be_visible()
    expect(page.locator("#split-gets")).to_contain_text("job Engineering Lead at Acme Robotics")
    expect(page.locator("#split-taken")).to_contain_text("e-mail ada.l@acme.example")
    page.get_by_role("button", name="Split off as a person of their own").click()

    expect(page.locator(".flash")).to_contain_text(
        re.compile(
            r"Ada Lovelace \(number \d+\) is now a person of their own, split off Ada Lovelace "
            r"\(number \d+\), taking back the 4 changes the record made to them"
        )
    )
    expect(page.get_by_role("link", name="ada.l@acme.example")).to_be_visible()
    expect(page.get_by_role("link", name="ada@home.example")).to_have_count(0)
    page.goto(f"{live_server.url}/people/{ada_id}")
    expect(page.get_by_role("link", name="ada@home.example")).to_be_visible()
    expect(page.get_by_role("link", name="ada.l@acme.example")).to_have_count(0)
    expect(page.locator("#provenance")).not_to_contain_text("Split off")

    with factory() as session:
        names = session.scalars(select(Person.display_name)).all()
        assert names == ["Ada Lovelace", "Ada Lovelace"]
