"""A queue flooded by one import: the person picks that import, tells all its pairs apart
after a page that asks first, and puts them back."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def cards(name: str, *people: tuple[str, str]) -> Upload:
    body = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{full}\r\nORG:Acme\r\nEND:VCARD\r\n"
        for uid, full in people
    )
    return Upload(name, body.encode())


def test_an_imports_pairs_are_told_apart_at_once_and_put_back(live_server, page: Page) -> None:
    factory = make_session_factory(make_engine(live_server.database_url))
    for upload in (
        cards("a.vcf", ("a1", "Maria Garcia"), ("a2", "Maria Garcia")),
        cards("b.vcf", ("b1", "Wei Chen"), ("b2", "Wei Chen"), ("b3", "Wei Chen")),
    ):
        with transaction(factory) as session:
            workspace_id = workspaces.get_or_create(session).id
            import_files(
                session, workspace_id=workspace_id, paths_or_uploads=[upload],
                today=date(2026, 11, 28),
            )  # fmt: skip

    page.goto(f"{live_server.url}/duplicates")
    expect(page.locator("#queue-total")).to_contain_text("4 pairs wait")
    page.get_by_label("Pairs from").select_option(value="2")
    expect(page.get_by_label("Pairs from")).to_contain_text(re.compile(r"import 2, .*: b\.vcf"))
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#queue-total")).to_contain_text("3 pairs wait")
    expect(page.locator("#duplicate-queue tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Not the same: all 3 pairs of import 2…").click()
    expect(page.locator("#import-not-same-question")).to_contain_text(
        "3 pairs from import 2 (b.vcf"
    )
    page.get_by_role("button", name="Yes, mark the 3 pairs as not the same").click()
    expect(page.locator(".flash")).to_contain_text(
        "Marked 3 pairs of import 2 as two different people."
    )
    expect(page.get_by_text("No pairs of import 2 wait for you.")).to_be_visible()
    expect(page.locator("#told-apart tbody tr")).to_have_count(3)
    page.get_by_role(
        "button", name="Put back in the queue: the 3 pairs of import 2 told apart"
    ).click()
    expect(page.locator(".flash")).to_contain_text("Put 3 pairs of import 2 back in the queue")
    expect(page.locator("#duplicate-queue tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Show every pair").click()
    expect(page.locator("#queue-total")).to_contain_text("4 pairs wait")
