"""Opportunity pages: list, create, detail, edit, delete, through plain form posts."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories
from goodword.opportunities.models import Opportunity, Route, Stage, StageChange
from goodword.organizations.models import Organization
from goodword.workspaces.models import Workspace


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _form(**fields: str) -> dict[str, str]:
    base = {
        "organization_name": "Northwind Labs",
        "role_title": "Staff Engineer",
        "stage": "target",
    }
    return base | fields


def test_the_list_shows_opportunities_with_their_organization_and_stage(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.opportunity(
        session, workspace.id, role_title="Data Lead", organization_name="Globex", stage="applied"
    )
    response = client.get("/opportunities")
    assert response.status_code == 200
    assert "Data Lead" in response.text
    assert "Globex" in response.text
    assert "Applied" in response.text


def test_the_list_filters_by_stage(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.opportunity(session, workspace.id, role_title="Data Lead", stage="applied")
    factories.opportunity(session, workspace.id, role_title="Ops Analyst", stage="offer")
    response = client.get("/opportunities?stage=offer")
    assert "Ops Analyst" in response.text
    assert "Data Lead" not in response.text


def test_the_list_pages_with_a_cursor(
    client: TestClient, session: Session, workspace: Workspace, app
) -> None:
    size = app.state.settings.page_size
    for n in range(size + 2):
        factories.opportunity(session, workspace.id, role_title=f"Role {n:03d}")
    first = client.get("/opportunities")
    assert 'rel="next"' in first.text
    next_href = first.text.split('rel="next" href="')[1].split('"')[0]
    second = client.get(next_href.replace("&amp;", "&"))
    assert second.status_code == 200
    shown_first = {f"Role {n:03d}" for n in range(size + 2) if f"Role {n:03d}<" in first.text}
    shown_second = {f"Role {n:03d}" for n in range(size + 2) if f"Role {n:03d}<" in second.text}
    assert len(shown_first) == size
    assert len(shown_second) == 2
    assert not shown_first & shown_second


def test_a_damaged_page_link_is_a_422_not_a_crash(client: TestClient) -> None:
    response = client.get("/opportunities?after=not-a-cursor")
    assert response.status_code == 422
    assert "page link is damaged" in response.text


def _summary(page: str) -> list[str]:
    """The problems listed at the top of a form, as a reader sees them ("Move to: …")."""
    found = re.search(r'<div class="form-errors".*?</div>', page, re.S)
    assert found, "the page has no summary of its problems"
    items = re.findall(r"<li>(.*?)</li>", found.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def _beside(page: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="e-{name}">([^<]*)</p>', page)
    assert found, f"no message beside {name}"
    return html.unescape(found.group(1))


def test_an_unknown_stage_filter_is_said_beside_the_filter_and_every_stage_is_listed(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.opportunity(session, workspace.id, role_title="Data Lead", stage="applied")
    response = client.get("/opportunities?stage=dreaming")
    assert response.status_code == 422
    assert "<h1>Opportunities</h1>" in response.text
    assert 'class="problems"' not in response.text  # (not the error page)
    assert '<label for="f-stage">Stage</label>' in response.text
    assert _summary(response.text) == ["Stage: Choose one of the stages in the list."]
    assert '<a href="#f-stage">Stage</a>' in response.text
    assert _beside(response.text, "stage") == "Choose one of the stages in the list."
    assert "Data Lead" in response.text


def _stage_history(session: Session, opportunity: Opportunity) -> list[Stage]:
    session.expire_all()
    changes = session.scalars(
        select(StageChange).where(StageChange.opportunity_id == opportunity.id)
    ).all()
    return [c.to_stage for c in changes]


def test_an_unknown_stage_from_the_detail_page_comes_back_there_with_the_note_kept(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(
        f"/opportunities/{opportunity.id}/stage",
        data={"stage": "dreaming", "note": "Sent through Ada", "return_to": "detail"},
    )
    assert response.status_code == 422
    assert "<h1>Data Lead" in response.text
    assert 'class="problems"' not in response.text  # (not the error page)
    assert '<label for="f-stage">Move to</label>' in response.text
    assert _summary(response.text) == ["Move to: Choose one of the stages in the list."]
    assert '<a href="#f-stage">Move to</a>' in response.text
    assert _beside(response.text, "stage") == "Choose one of the stages in the list."
    assert 'aria-describedby="e-stage"' in response.text
    assert 'name="note" maxlength="500" value="Sent through Ada"' in response.text
    assert '<option value="target" selected>' in response.text
    assert _stage_history(session, opportunity) == [Stage.TARGET]
    moved = session.get(Opportunity, opportunity.id)
    assert moved is not None and moved.stage is Stage.TARGET


def test_a_note_too_long_keeps_the_chosen_stage_and_the_note_and_moves_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    note = "x" * 501
    response = client.post(
        f"/opportunities/{opportunity.id}/stage",
        data={"stage": "applied", "note": note, "return_to": "detail"},
    )
    assert response.status_code == 422
    assert _summary(response.text) == ["Note (optional): Keep this to 500 characters or fewer."]
    assert _beside(response.text, "note") == "Keep this to 500 characters or fewer."
    assert f'value="{note}"' in response.text
    assert '<option value="applied" selected>' in response.text
    assert _stage_history(session, opportunity) == [Stage.TARGET]


def test_the_new_form_offers_existing_organizations_in_a_datalist(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.organization(session, workspace.id, "Initech")
    factories.person(session, workspace.id, "Grace Hopper")
    response = client.get("/opportunities/new")
    assert response.status_code == 200
    assert '<datalist id="organization-names">' in response.text
    assert '<option value="Initech">' in response.text
    assert "Grace Hopper" in response.text


def test_it_creates_an_opportunity_from_the_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    manager = factories.person(session, workspace.id, "Grace Hopper")
    response = client.post(
        "/opportunities",
        data=_form(
            city="Lisbon",
            country="Portugal",
            pay_min="90,000",
            pay_max="120000",
            pay_currency="eur",
            pay_period="year",
            route="introduction",
            hiring_manager_id=str(manager.id),
            next_step="Coffee with Grace",
            next_step_due="2026-12-01",
            notes="Met at the meetup.",
        ),
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/opportunities/")
    opportunity = session.scalars(
        select(Opportunity).where(Opportunity.role_title == "Staff Engineer")
    ).one()
    assert opportunity.organization.name == "Northwind Labs"
    assert opportunity.pay_min == Decimal("90000")
    assert opportunity.pay_currency == "EUR"
    assert opportunity.route is Route.INTRODUCTION
    assert opportunity.hiring_manager_id == manager.id
    assert "?" not in location
    page = client.get(location)
    assert "Opportunity saved." in page.text
    assert "Opportunity saved." not in client.get(location).text
    assert f'href="/people/{manager.id}"' in page.text
    assert "€90,000 to €120,000 a year" in page.text
    assert "Lisbon, Portugal" in page.text
    assert 'Coffee with Grace <span class="muted">(by 1 Dec 2026)</span>' in page.text


def test_it_reuses_an_organization_named_in_the_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    existing = factories.organization(session, workspace.id, "Initech")
    client.post("/opportunities", data=_form(organization_name="initech"))
    opportunity = session.scalars(select(Opportunity)).one()
    assert opportunity.organization_id == existing.id
    assert _count(session, Organization) == 1


def test_an_invalid_form_is_shown_again_with_inline_errors_and_nothing_written(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/opportunities",
        data=_form(
            organization_name="Brand New Org",
            role_title="",
            pay_currency="euros",
            notes="keep me",
        ),
    )
    assert response.status_code == 422
    assert 'id="e-role_title"' in response.text
    assert "three-letter currency code" in response.text
    assert 'value="Brand New Org"' in response.text
    assert "keep me" in response.text
    assert _count(session, Opportunity) == 0
    assert _count(session, Organization) == 0


def test_a_pay_range_upside_down_is_shown_under_the_top_of_the_range(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post("/opportunities", data=_form(pay_min="100000", pay_max="50000"))
    assert response.status_code == 422
    assert 'id="e-pay_max"' in response.text
    assert "top of the pay range is below the bottom" in response.text
    assert 'value="100000"' in response.text
    assert _count(session, Opportunity) == 0


def test_an_unknown_hiring_manager_is_a_field_error_and_nothing_is_written(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    outsider = factories.person(session, other_workspace.id, "Charlie's Contact")
    response = client.post(
        "/opportunities",
        data=_form(organization_name="Fresh Org", hiring_manager_id=str(outsider.id)),
    )
    assert response.status_code == 422
    assert 'id="e-hiring_manager_id"' in response.text
    assert _count(session, Opportunity) == 0
    # The organization the form would have created was rolled back with everything else.
    assert session.scalar(select(Organization).where(Organization.name == "Fresh Org")) is None


def test_the_detail_shows_history_interactions_and_a_move_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    factories.interaction(
        session,
        workspace.id,
        kind="interview",
        interview_round=2,
        opportunity_id=opportunity.id,
        participants=[{"person_id": ada.id, "rapport": "clicked"}],
    )
    response = client.get(f"/opportunities/{opportunity.id}")
    assert response.status_code == 200
    assert "Interview, round 2" in response.text
    assert "Ada Lovelace" in response.text
    assert "Clicked" in response.text
    assert "added at <strong>Target</strong>" in response.text
    assert f'action="/opportunities/{opportunity.id}/stage"' in response.text
    assert f"/interactions/new?opportunity_id={opportunity.id}" in response.text


def test_moving_from_the_detail_page_returns_there_with_the_dated_move(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id)
    before = datetime.now(UTC)
    response = client.post(
        f"/opportunities/{opportunity.id}/stage",
        data={"stage": "applied", "note": "Sent through Ada", "return_to": "detail"},
        follow_redirects=False,
    )
    after = datetime.now(UTC)
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{opportunity.id}"
    change = session.scalars(select(StageChange).where(StageChange.to_stage == Stage.APPLIED)).one()
    assert change.from_stage is Stage.TARGET
    assert change.note == "Sent through Ada"
    assert before <= change.changed_at <= after
    page = client.get(response.headers["location"])
    assert "Target → <strong>Applied</strong>" in page.text
    assert "Stage changed; the move is in the history below." in page.text
    assert "Stage changed" not in client.get(response.headers["location"]).text


def test_it_edits_an_opportunity_and_records_a_stage_change(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    form = client.get(f"/opportunities/{opportunity.id}/edit")
    assert form.status_code == 200
    assert 'value="Data Lead"' in form.text
    response = client.post(
        f"/opportunities/{opportunity.id}",
        data=_form(organization_name="Acme Robotics", role_title="Head of Data", stage="offer"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    session.expire_all()
    changed = session.get(Opportunity, opportunity.id)
    assert changed is not None
    assert changed.role_title == "Head of Data"
    assert changed.stage is Stage.OFFER
    assert [c.to_stage for c in changed.stage_changes] == [Stage.TARGET, Stage.OFFER]


def test_an_invalid_edit_keeps_the_record_and_shows_errors(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(
        f"/opportunities/{opportunity.id}",
        data=_form(role_title="Renamed", next_step_due="next tuesday"),
    )
    assert response.status_code == 422
    assert 'id="e-next_step_due"' in response.text
    assert 'value="next tuesday"' in response.text
    session.expire_all()
    kept = session.get(Opportunity, opportunity.id)
    assert kept is not None and kept.role_title == "Data Lead"


def test_it_deletes_after_a_confirm_page(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    confirm = client.get(f"/opportunities/{opportunity.id}/delete")
    assert confirm.status_code == 200
    assert "Delete Data Lead" in confirm.text
    assert _count(session, Opportunity) == 1
    response = client.post(f"/opportunities/{opportunity.id}/delete", follow_redirects=False)
    assert response.status_code == 303
    assert _count(session, Opportunity) == 0
    assert "Opportunity deleted." in client.get(response.headers["location"]).text


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in (
        "/opportunities/999999",
        "/opportunities/999999/edit",
        "/opportunities/999999/delete",
    ):
        assert client.get(url).status_code == 404
    assert client.post("/opportunities/999999/delete").status_code == 404
    assert client.post("/opportunities/999999", data=_form()).status_code == 404


def test_another_workspaces_opportunity_is_404_everywhere(
    client: TestClient, session: Session, other_workspace: Workspace
) -> None:
    theirs = factories.opportunity(session, other_workspace.id, role_title="Secret Role")
    for suffix in ("", "/edit", "/delete"):
        response = client.get(f"/opportunities/{theirs.id}{suffix}")
        assert response.status_code == 404
        assert "Secret Role" not in response.text
    assert client.post(f"/opportunities/{theirs.id}", data=_form()).status_code == 404
    assert client.post(f"/opportunities/{theirs.id}/delete").status_code == 404
    assert "Secret Role" not in client.get("/opportunities").text
    session.expire_all()
    assert session.get(Opportunity, theirs.id) is not None


def test_the_new_form_takes_the_organization_from_a_link(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    initech = factories.organization(session, workspace.id, "Initech")
    theirs = factories.organization(session, other_workspace.id, "Hidden Org")
    response = client.get(f"/opportunities/new?organization_id={initech.id}")
    assert 'name="organization_name" type="text" value="Initech"' in response.text
    assert client.get(f"/opportunities/new?organization_id={theirs.id}").status_code == 404


def test_a_rejection_clears_the_next_step_on_the_board_and_in_the_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    step = {"next_step": "Final round prep", "next_step_due": "2026-12-01"}
    moved = factories.opportunity(session, workspace.id, stage="interviewing", **step)
    carried = factories.opportunity(session, workspace.id, stage="interviewing", **step)
    typed = factories.opportunity(session, workspace.id, stage="interviewing", **step)
    session.commit()

    client.post(f"/opportunities/{moved.id}/stage", data={"stage": "rejected"})
    # The edit form sends the next step back as it was shown: that one goes; one typed stays.
    form = _form(organization_name="Acme Robotics", role_title="Product Manager")
    client.post(f"/opportunities/{carried.id}", data=form | step | {"stage": "rejected"})
    client.post(
        f"/opportunities/{typed.id}",
        data=form | {"stage": "rejected", "next_step": "Ask for feedback"},
    )

    session.expire_all()
    steps = [
        (o.stage, o.next_step, o.next_step_due)
        for o in (session.get(Opportunity, i) for i in (moved.id, carried.id, typed.id))
        if o is not None
    ]
    assert steps == [
        (Stage.REJECTED, None, None),
        (Stage.REJECTED, None, None),
        (Stage.REJECTED, "Ask for feedback", None),
    ]


def test_a_note_with_the_stage_it_is_at_already_is_refused_with_the_note_kept(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(
        f"/opportunities/{opportunity.id}/stage",
        data={"stage": "target", "note": "Spoke to Ada", "return_to": "detail"},
    )
    assert response.status_code == 422
    assert "Stage changed" not in response.text
    [said] = _summary(response.text)
    assert "already at Target" in said and "Not saved" in said
    assert 'name="note" maxlength="500" value="Spoke to Ada"' in response.text
    assert _stage_history(session, opportunity) == [Stage.TARGET]


def test_the_api_refuses_a_note_with_the_stage_it_is_at_already(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(
        f"/api/v1/opportunities/{opportunity.id}/stage",
        json={"stage": "target", "note": "Spoke to Ada"},
    )
    assert response.status_code == 422
    assert "already at Target" in response.text
    same = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "target"})
    assert same.status_code == 200
    assert _stage_history(session, opportunity) == [Stage.TARGET]


def test_the_stage_it_is_at_already_says_nothing_changed(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(
        f"/opportunities/{opportunity.id}/stage",
        data={"stage": "target", "return_to": "detail"},
    )
    assert "Stage changed" not in response.text
    assert "Data Lead was already at Target; nothing changed." in html.unescape(response.text)
