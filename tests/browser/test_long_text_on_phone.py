"""On a phone-sized screen no page scrolls sideways, even with long unbroken words in the data.

Long e-mail addresses, links and names (imports make them) wrap inside their box; wide tables
scroll inside their own box, not the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from goodword.connections import service as connections
from goodword.connections.models import ConnectionKind
from goodword.connections.schemas import ConnectionCreate
from goodword.db import make_engine, make_session_factory, transaction
from goodword.interactions import service as interactions
from goodword.interactions.models import InteractionKind, Rapport
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.leads import service as leads
from goodword.leads.models import LeadKind
from goodword.leads.schemas import LeadCreate
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.opportunities.schemas import OpportunityCreate
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.references import service as references
from goodword.references.schemas import ReferenceCreate
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Unbroken words, as long as the fields allow: nothing in them lets the browser break a line.
LONG_NAME = ("Wolfeschlegelsteinhausenbergerdorff" * 6)[:200]  # a 200-character name
LONG_EMAIL = (
    "bartholomew_featherstonehaugh_cholmondeley_internationalisation"
    "@internationalisationconsultancyandrecommendationletters.writingservicesfeatherstonehaugh.example"
)
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitaensmuetzenabzeichen" * 3
LONG_URL = "https://jobs.example.org/" + "internationalisation" * 40
LONG_ORGANIZATION = ("Featherstonehaugh" * 12)[:200]
LONG_TAG = "internationalisation" * 3


@dataclass
class LongRecords:
    person_id: int
    organization_id: int
    opportunity_id: int
    interaction_id: int
    task_id: int
    reference_id: int
    lead_id: int


def load_long_records(database_url: str) -> LongRecords:
    """Records whose every text field is one long word; returns their ids."""
    engine = make_engine(database_url)
    today = date.today()
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        me = people.get_me(session, workspace_id=workspace_id) or people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(display_name="Me Myself", is_me=True),
        )
        organization = organizations.create(
            session,
            workspace_id=workspace_id,
            data=OrganizationCreate(
                name=LONG_ORGANIZATION,
                aliases=[LONG_ORGANIZATION[:150]],
                domains=["internationalisationconsultancyandrecommendationletters.example"],
                location=LONG_WORD[:200],
            ),
        )
        person = people.create(
            session,
            workspace_id=workspace_id,
            data=PersonCreate(
                display_name=LONG_NAME,
                emails=[LONG_EMAIL],
                urls=[LONG_URL[:500]],
                location=LONG_WORD[:200],
                how_we_met=LONG_WORD,
                notes=LONG_WORD,
                tags=[LONG_TAG],
                interests=[LONG_TAG],
                keep_in_touch_days=7,
            ),
        )
        people.add_position(
            session,
            workspace_id=workspace_id,
            person_id=person.id,
            data=PositionCreate(
                organization_id=organization.id, title=LONG_WORD[:200], department=LONG_TAG
            ),
        )
        connections.create(
            session,
            workspace_id=workspace_id,
            data=ConnectionCreate(
                person_a_id=me.id,
                person_b_id=person.id,
                kind=ConnectionKind.FORMER_COLLEAGUE,
                closeness=5,
                source=LONG_WORD[:200],
                since=today - timedelta(days=2000),
            ),
        )
        opportunity = opportunities.create(
            session,
            workspace_id=workspace_id,
            data=OpportunityCreate(
                organization_id=organization.id,
                role_title=LONG_NAME,
                city=LONG_WORD[:100],
                country=LONG_WORD[:100],
                posting_url=LONG_URL,
                posting_text=LONG_WORD,
                pay_min=Decimal("1234567890.12"),
                pay_max=Decimal("9234567890.12"),
                pay_currency="EUR",
                pay_period=PayPeriod.YEAR,
                route=Route.REFERRAL,
                hiring_manager_id=person.id,
                next_step=LONG_WORD,
                next_step_due=today + timedelta(days=3),
                notes=LONG_WORD,
                stage=Stage.APPLIED,
            ),
        )
        interaction = interactions.create(
            session,
            workspace_id=workspace_id,
            data=InteractionCreate(
                occurred_at=datetime.now(UTC) - timedelta(days=30),
                kind=InteractionKind.INTERVIEW,
                summary=LONG_WORD,
                opportunity_id=opportunity.id,
                interview_round=1,
                participants=[ParticipantIn(person_id=person.id, rapport=Rapport.CLICKED)],
            ),
        )
        task = tasks.create(
            session,
            workspace_id=workspace_id,
            data=TaskCreate(
                title=(LONG_WORD * 2)[:300],
                notes=LONG_WORD,
                due_date=today - timedelta(days=1),
                person_id=person.id,
                organization_id=organization.id,
                opportunity_id=opportunity.id,
            ),
        )
        referrals.create(
            session,
            workspace_id=workspace_id,
            data=ReferralAskCreate(
                person_id=person.id,
                target_organization_id=organization.id,
                source_opportunity_id=opportunity.id,
                notes=LONG_WORD,
            ),
        )
        reference = references.create(
            session,
            workspace_id=workspace_id,
            data=ReferenceCreate(
                person_id=person.id,
                consent_on=today,
                relationship_text=LONG_WORD,
                can_speak_to=LONG_WORD,
                notes=LONG_WORD,
            ),
        )
        lead = leads.create(
            session,
            workspace_id=workspace_id,
            data=LeadCreate(
                kind=LeadKind.OPPORTUNITY,
                title=(LONG_WORD * 2)[:300],
                description=LONG_WORD,
                url=LONG_URL,
                tags=[LONG_TAG],
                organization_id=organization.id,
            ),
        )
        records = LongRecords(
            person_id=person.id,
            organization_id=organization.id,
            opportunity_id=opportunity.id,
            interaction_id=interaction.id,
            task_id=task.id,
            reference_id=reference.id,
            lead_id=lead.id,
        )
    engine.dispose()
    return records


def pages_to_check(r: LongRecords) -> list[str]:
    return [
        "/",
        "/people",
        f"/people/{r.person_id}",
        f"/people/{r.person_id}/edit",
        f"/people/{r.person_id}/network",
        "/organizations",
        f"/organizations/{r.organization_id}",
        "/opportunities",
        f"/opportunities/{r.opportunity_id}",
        f"/opportunities/{r.opportunity_id}/edit",
        "/interactions",
        f"/interactions/{r.interaction_id}",
        f"/interactions/{r.interaction_id}/edit",
        "/tasks",
        f"/tasks/{r.task_id}",
        f"/tasks/{r.task_id}/edit",
        "/keep-in-touch",
        "/referrals",
        "/references",
        f"/references/{r.reference_id}",
        f"/opportunities/{r.opportunity_id}/references/launch",
        f"/opportunities/{r.opportunity_id}/references/launch?reference_id={r.reference_id}",
        "/leads",
        f"/leads/{r.lead_id}",
        "/progress",
        "/playbooks",
        "/messages",
        "/laws",
        "/check",
        "/import",
        "/duplicates",
        f"/paths?to_person_id={r.person_id}",
        f"/paths?organization_id={r.organization_id}",
        f"/search?q={quote(LONG_NAME)}",
        f"/search?q={quote(LONG_WORD)}",
    ]


def _overflow(page: Page) -> int:
    """How many CSS pixels the document is wider than the screen (0: no sideways scrolling)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def _pages_too_wide(page: Page, base_url: str, paths: list[str]) -> dict[str, int]:
    """The pages that scroll sideways, with their scroll width."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    too_wide = {}
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        # Panels such as "Ways in" load themselves after the page (htmx).
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.documentElement.clientWidth") == width
        if (overflow := _overflow(page)) > 0:
            too_wide[path[:60]] = width + overflow
    return too_wide


def test_no_page_scrolls_sideways_on_a_phone_with_long_words(live_server, page: Page) -> None:
    records = load_long_records(live_server.database_url)
    page.set_viewport_size(PHONE)
    too_wide = _pages_too_wide(page, live_server.url, pages_to_check(records))
    assert too_wide == {}, f"pages wider than {PHONE['width']} px (their scroll width): {too_wide}"

    # The search box in the header lists its results under itself, within the screen.
    page.goto(f"{live_server.url}/people")
    page.get_by_label("Search people and organizations").fill(LONG_NAME[:60])
    results = page.locator("#quick-results")
    expect(results.get_by_role("link", name=LONG_NAME)).to_be_visible()
    box = results.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert _overflow(page) <= 0

    # The long words are on the pages, wrapped rather than cut.
    page.goto(f"{live_server.url}/people/{records.person_id}")
    email = page.locator(f'a[href="mailto:{LONG_EMAIL}"]')
    box = email.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    heading = page.get_by_role("heading", level=1)
    box = heading.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] and box["height"] > 100

    # Wide tables scroll inside their own box.
    for path in ("/opportunities", "/interactions", "/tasks", "/referrals", "/references"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main table").count() > 0, path
        assert (
            page.locator("main table").count() == page.locator("main .table-scroll table").count()
        ), f"{path}: a table outside a .table-scroll box"


def test_no_page_scrolls_sideways_on_a_desktop_with_long_words(live_server, page: Page) -> None:
    records = load_long_records(live_server.database_url)
    page.set_viewport_size({"width": 1280, "height": 900})
    too_wide = _pages_too_wide(page, live_server.url, pages_to_check(records))
    assert too_wide == {}, f"pages wider than 1280 px (their scroll width): {too_wide}"
