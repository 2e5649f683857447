"""A form with several problems lists them all after one submit, each beside its field.

Rules over several fields (a person needs some name; an opportunity names its organization
and has its pay range the right way up) are judged even when another field has an error, and
a person's phone numbers are read in the workspace's region as the form is checked, not only
once everything else is right.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories
from goodword.opportunities.models import Opportunity
from goodword.people.models import Person, Position
from goodword.people.schemas import PositionCreate
from goodword.workspaces.models import Workspace


def _beside(page: str) -> dict[str, str]:
    """Every field's message, by field name, as the page shows them beside the fields."""
    found = re.findall(r'<p class="error" id="e-([a-z_]+)">([^<]*)</p>', page)
    return {name: html.unescape(message) for name, message in found}


def _summary(page: str) -> list[str]:
    """The problems listed at the top of the form ("Please fix the following")."""
    found = re.search(r'<div class="form-errors".*?</div>', page, re.S)
    assert found, "the page has no summary of its problems"
    items = re.findall(r"<li>(.*?)</li>", found.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_person_form_lists_the_name_email_phone_and_link_problems_at_once(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/people",
        data={"display_name": "", "emails": "a@@b", "phones": "12345", "urls": "javascript:x"},
    )

    assert response.status_code == 422
    assert _beside(response.text) == {
        "display_name": "Give a name, or a given or family name.",
        "emails": "'a@@b' is not an e-mail address: it has more than one @.",
        "phones": "'12345' is not a possible phone number for region US; write it with its "
        "country code, such as +44 20 7946 0000.",
        "urls": "'javascript:x' is not a web address; write it like 'https://example.com/me'.",
    }
    assert len(_summary(response.text)) == 4
    assert _count(session, Person) == 0


def test_the_phone_is_read_in_the_workspaces_region_as_the_form_is_checked(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    workspace.phone_region = "DE"
    session.flush()

    refused = client.post("/people", data={"display_name": "", "phones": "12345"})
    berlin = client.post("/people", data={"display_name": "Jonas Weber", "phones": "030 1234567"})

    assert _beside(refused.text) == {
        "display_name": "Give a name, or a given or family name.",
        "phones": "'12345' is no number in region DE; write it with its country code, "
        "such as +44 20 7946 0958.",
    }
    assert berlin.status_code == 200
    jonas = session.scalars(select(Person)).one()
    assert [phone.number for phone in jonas.phones] == ["+49301234567"]


def test_editing_a_person_lists_every_problem_at_once(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")

    response = client.post(
        f"/people/{ada.id}",
        data={"display_name": " ", "phones": "12345", "keep_in_touch_days": "often"},
    )

    assert response.status_code == 422
    assert set(_beside(response.text)) == {"display_name", "phones", "keep_in_touch_days"}


def test_the_opportunity_form_lists_the_role_organization_and_pay_problems_at_once(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/opportunities",
        data={"organization_name": "", "role_title": "", "pay_min": "5", "pay_max": "1"},
    )

    assert response.status_code == 422
    beside = _beside(response.text)
    assert beside["role_title"] == "Fill this in."
    # (The rule "name the organization" said beside its field, left blank.)
    assert beside["organization_name"] == "Fill this in."
    assert beside["pay_max"] == "The top of the pay range is below the bottom."
    assert len(_summary(response.text)) == 3
    assert _count(session, Opportunity) == 0


def test_the_position_form_lists_the_organization_dates_and_title_problems_at_once(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = factories.person(session, workspace.id, "Bob Brown")

    response = client.post(
        f"/people/{bob.id}/positions",
        data={
            "organization_name": "",
            "title": "x" * 201,
            "start_date": "2024-05-01",
            "end_date": "2023-01-01",
        },
    )

    assert response.status_code == 422
    beside = _beside(response.text)
    # (The rule "name the organization" said beside its field, left blank.)
    assert beside["organization_name"] == "Fill this in."
    assert beside["end_date"] == "This is before the day they started."
    assert set(beside) == {"organization_name", "title", "end_date"}
    assert _count(session, Position) == 0


def test_a_position_reports_both_of_its_rules_at_once_and_may_start_later() -> None:
    with pytest.raises(ValidationError) as refused:
        PositionCreate(start_date=date(2024, 5, 1), end_date=date(2023, 1, 1))

    assert sorted(error["msg"] for error in refused.value.errors()) == [
        "Value error, Name the organization (organization_name) or give its id (organization_id).",
        "Value error, end_date is before start_date.",
    ]
    # A job taken that starts next month; one with an end is over.
    later = PositionCreate(organization_name="Initech", start_date=date(2199, 1, 1))
    ended = PositionCreate(organization_name="Initech", end_date=date(2024, 1, 1))
    assert later.is_current and not ended.is_current
