"""The review page's current-job question follows the record chosen to keep: switching it
redraws the question as the merge will ask it, and the merge takes the choice shown."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from goodword.db import make_engine, make_session_factory, transaction
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.people import service as people
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def test_the_current_job_question_follows_the_record_kept(live_server, page: Page) -> None:
    factory = make_session_factory(make_engine(live_server.database_url))
    with transaction(factory) as session:
        ws = workspaces.get_or_create(session).id
        a, b = (
            people.create(session, workspace_id=ws, data=PersonCreate(
                display_name="Mia Ruiz", emails=["mia@example.org"]))
            for _ in range(2)
        )  # fmt: skip
        # A left Northwind for Globex; B's undated Northwind is that past job when A is kept,
        # and B's own current job when B is kept.
        for person, org, title, fields in (
            (a, "Northwind", "Recruiter", {"start_date": date(2019, 1, 1), "end_date":
                                           date(2023, 12, 1), "is_current": False}),
            (a, "Globex", "Talent Lead", {"start_date": date(2024, 1, 1)}),
            (b, "Northwind", None, {}),
            (b, "Hooli", "Advisor", {}),
        ):  # fmt: skip
            people.add_position(
                session, workspace_id=ws, person_id=person.id,
                data=PositionCreate(organization_name=org, title=title, **fields),
            )  # fmt: skip
        for job in people.get(session, workspace_id=ws, person_id=b.id).positions:
            job.is_current = True
        duplicates.find_duplicates(session, workspace_id=ws)
        candidate = session.scalars(select(DuplicateCandidate.id)).one()

    page.goto(f"{live_server.url}/duplicates/{candidate}")
    theirs = page.locator('label[for="f-current_job-b"]')
    expect(theirs).to_have_text("Current job of B: Advisor at Hooli")
    page.get_by_label("B: Mia Ruiz").check()
    expect(theirs).to_have_text("Current job of B: Northwind, Advisor at Hooli")
    expect(page.locator("#f-current_job-a")).to_be_checked()
    page.get_by_label("A: Mia Ruiz").check()
    expect(theirs).to_have_text("Current job of B: Advisor at Hooli")
    page.get_by_label("B: Mia Ruiz").check()
    expect(theirs).to_have_text("Current job of B: Northwind, Advisor at Hooli")
    page.get_by_role("button", name="Merge them").click()
    expect(page.locator(".flash")).to_contain_text("Now a past job: Northwind, Advisor at Hooli.")
