"""The referral asks list and the references registry: lists, forms, inline errors."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.references.models import Reference
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


def _ask(session: Session, ws: int, person_name: str = "Kim Lee", org: str = "Lumenfold"):
    person = f.person(session, ws, person_name)
    target = f.organization(session, ws, org)
    return referrals.create(
        session,
        workspace_id=ws,
        data=ReferralAskCreate(person_id=person.id, target_organization_id=target.id),
    )


def test_the_referrals_list_shows_open_asks_and_filters(
    client: TestClient, session: Session, workspace: Workspace
):
    open_ask = _ask(session, workspace.id)
    closed = _ask(session, workspace.id, "Ola Berg", "Bluefen")
    closed.status = AskStatus.CLOSED
    session.flush()
    page = client.get("/referrals")
    assert page.status_code == 200
    assert f'id="ask-{open_ask.id}"' in page.text and f'id="ask-{closed.id}"' not in page.text
    everything = client.get("/referrals?status=all")
    assert f'id="ask-{closed.id}"' in everything.text
    assert "Lumenfold" in everything.text and "Bluefen" in everything.text
    assert client.get("/referrals?status=someday").status_code == 422


def test_an_introduced_ask_stays_open_until_you_report_back(
    client: TestClient, session: Session, workspace: Workspace
):
    ask = _ask(session, workspace.id)
    for status in ("asked", "introduced"):
        moved = client.post(f"/referrals/{ask.id}/advance", data={"status": status})
        assert moved.status_code == 200
    page = client.get("/referrals")
    assert f'id="ask-{ask.id}"' in page.text and "No asks" not in page.text
    assert "I reported back" in page.text
    assert "(1 open)" in client.get("/playbooks").text
    assert "Kim Lee</a> for Lumenfold" in client.get("/progress").text
    reported = client.post(f"/referrals/{ask.id}/reported-back", data={"list": "open"})
    assert reported.url.path == "/referrals" and reported.url.query == b"status=open"
    assert "Noted: you reported back to Kim Lee." in reported.text
    assert f'id="ask-{ask.id}"' not in reported.text
    assert "Nothing here needs you now" in reported.text
    assert '<a href="/referrals?status=all">See all your asks (1)</a>' in reported.text
    assert "No asks yet" not in reported.text
    assert "(0 open)" in client.get("/playbooks").text
    # Moving on to interviewing brings another report-back: open again.
    client.post(f"/referrals/{ask.id}/advance", data={"status": "interviewing"})
    again = client.get("/referrals")
    assert f'id="ask-{ask.id}"' in again.text and "I reported back" in again.text


def test_the_empty_lists_say_whether_there_are_asks_elsewhere(
    client: TestClient, session: Session, workspace: Workspace
):
    assert "No asks yet." in client.get("/referrals").text
    assert "No asks yet." in client.get("/referrals?status=offer").text
    _ask(session, workspace.id)
    offers = client.get("/referrals?status=offer").text
    assert "No ask is at “Offer” now." in offers and "See all your asks (1)" in offers
    assert "No asks yet." not in offers


def test_an_htmx_advance_swaps_the_row_and_a_bad_one_shows_its_error_in_it(
    client: TestClient, session: Session, workspace: Workspace
):
    ask = _ask(session, workspace.id)
    response = client.post(f"/referrals/{ask.id}/advance", data={"status": "asked"}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="ask-{ask.id}"')
    assert "Asked" in response.text and "Kim Lee: asked." in response.text
    bad = client.post(f"/referrals/{ask.id}/advance", data={"status": "offer"}, headers=HTMX)
    assert bad.status_code == 422
    assert 'role="alert"' in bad.text and "cannot become offer" in bad.text
    nonsense = client.post(f"/referrals/{ask.id}/advance", data={"status": "maybe"}, headers=HTMX)
    assert nonsense.status_code == 422
    assert "Choose what happened" in nonsense.text
    session.expire_all()
    assert referrals.get(session, workspace_id=workspace.id, ask_id=ask.id).status is (
        AskStatus.ASKED
    )


def test_adding_an_ask_by_hand_and_the_errors_that_keep_it_out(
    client: TestClient, session: Session, workspace: Workspace
):
    person = f.person(session, workspace.id, "Kim Lee")
    missing = client.post("/referrals", data={"person_id": ""})
    assert missing.status_code == 422
    assert "Fill this in." in missing.text
    assert session.scalar(select(func.count()).select_from(ReferralAsk)) == 0
    added = client.post("/referrals", data={"person_id": person.id}, follow_redirects=False)
    assert added.status_code == 303
    twice = client.post("/referrals", data={"person_id": person.id})
    assert twice.status_code == 409
    assert "already on the list" in twice.text
    assert session.scalar(select(func.count()).select_from(ReferralAsk)) == 1


def test_the_references_registry_shows_use_and_the_current_workplace_warning(
    client: TestClient, session: Session, workspace: Workspace, make_reference: Any
):
    boss = f.person(session, workspace.id, "Jo Boss")
    make_reference(boss, is_current_workplace=True, relationship_text="my manager now")
    page = client.get("/references")
    assert page.status_code == 200
    assert "Jo Boss" in page.text and "current workplace" in page.text
    assert "my manager now" in page.text
    assert "you may decline such requests" in page.text
    assert "never" in page.text


def test_a_reference_is_added_edited_and_refused_with_inline_errors(
    client: TestClient, session: Session, workspace: Workspace
):
    person = f.person(session, workspace.id, "Ada Lovelace")
    bad = client.post(
        "/references", data={"person_id": person.id, "consent_on": "last tuesday", "active": "1"}
    )
    assert bad.status_code == 422
    assert 'aria-invalid="true"' in bad.text
    assert session.scalar(select(func.count()).select_from(Reference)) == 0
    added = client.post(
        "/references",
        data={"person_id": person.id, "consent_on": "2026-10-01", "active": "1"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    reference = session.scalars(select(Reference)).one()
    assert reference.consent_on == date(2026, 10, 1) and reference.active
    edited = client.post(
        f"/references/{reference.id}",
        data={"consent_on": "2026-10-01", "can_speak_to": "the analytical engine"},
        follow_redirects=False,
    )
    assert edited.status_code == 303
    session.expire_all()
    reference = session.scalars(select(Reference)).one()
    assert reference.can_speak_to == "the analytical engine"
    assert reference.active is False
    page = client.get(f"/references/{reference.id}")
    assert "no longer available" in page.text
    twice = client.post("/references", data={"person_id": person.id, "active": "1"})
    assert twice.status_code == 409
    assert "already one of your references" in twice.text


def test_registry_records_of_another_workspace_are_not_found(
    client: TestClient, session: Session, other_workspace: Workspace
):
    ask = _ask(session, other_workspace.id)
    person = f.person(session, other_workspace.id, "Their Person")
    from goodword.references import service as references
    from goodword.references.schemas import ReferenceCreate

    reference = references.create(
        session, workspace_id=other_workspace.id, data=ReferenceCreate(person_id=person.id)
    )
    assert client.post(f"/referrals/{ask.id}/advance", data={"status": "asked"}).status_code == 404
    assert client.post(f"/referrals/{ask.id}/reported-back").status_code == 404
    assert client.get(f"/references/{reference.id}").status_code == 404
    assert client.get(f"/references/{reference.id}/edit").status_code == 404
    assert client.post(f"/references/{reference.id}", data={}).status_code == 404
    assert client.post(f"/references/{reference.id}/delete").status_code == 404
    assert "Their Person" not in client.get("/references").text
    assert f'id="ask-{ask.id}"' not in client.get("/referrals?status=all").text


def _introduce(client: TestClient, ask: ReferralAsk, introduced_to: str) -> None:
    for status in ("asked", "agreed"):
        assert client.post(f"/referrals/{ask.id}/advance", data={"status": status}).status_code
    data = {"status": "introduced", "introduced_to": introduced_to}
    assert client.post(f"/referrals/{ask.id}/advance", data=data, headers=HTMX).status_code == 200


def _thank_you(session: Session, ask: ReferralAsk) -> int:
    from goodword.tasks.models import Task

    key = f"referral:ask:{ask.id}:thank"
    return session.scalars(select(Task.id).where(Task.origin_key == key)).one()


def test_a_thank_you_for_an_introduction_to_no_one_named_says_what_to_fill_in(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    unnamed = _ask(session, workspace.id)
    named = _ask(session, workspace.id, "Ana Ruiz", "Quillstone")
    _introduce(client, unnamed, "")
    _introduce(client, named, "Lee Park")
    task = _thank_you(session, unnamed)
    page = client.get(f"/tasks/{task}")
    assert "{introduced_to}" in page.text
    assert "Fill in before sending: whom the referrer put you in touch with.</p>" in page.text
    assert client.get(f"/api/v1/tasks/{task}").json()["missing_placeholders"] == ["introduced_to"]
    filled = _thank_you(session, named)
    page = client.get(f"/tasks/{filled}")
    assert "Lee Park" in page.text and "Fill in before sending" not in page.text
    assert client.get(f"/api/v1/tasks/{filled}").json()["missing_placeholders"] == []


def test_the_introduced_step_asks_whom_with_a_hint_and_keeps_what_was_typed(
    client: TestClient, session: Session, workspace: Workspace
):
    ask = _ask(session, workspace.id)
    row = client.post(f"/referrals/{ask.id}/advance", data={"status": "asked"}, headers=HTMX)
    hint = f'<p class="hint" id="ask-intro-hint-{ask.id}">For Introduced: whom they introduced'
    assert hint in row.text and f'aria-describedby="ask-intro-hint-{ask.id}"' in row.text
    page = client.get("/referrals")
    assert hint in page.text
    long = {"status": "introduced", "introduced_to": "Lee Park " + "x" * 200}
    for headers in (HTMX, {}):
        refused = client.post(f"/referrals/{ask.id}/advance", data=long, headers=headers)
        assert refused.status_code == 422
        assert f'value="{long["introduced_to"]}"' in refused.text
        assert '<option value="introduced" selected>' in refused.text
