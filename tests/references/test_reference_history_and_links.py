"""A reference's history is not lost by surprise, and links on your own records lead somewhere.

Removing a reference is confirmed (and "not available" offered instead); deleting an
opportunity keeps its launches, unlinked, so the cap still counts them; the person and
opportunity delete pages say what goes with them; the launch page warns once.
"""

from __future__ import annotations

import html
import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword import clock, pickers
from goodword.exchange import service as exchange
from goodword.opportunities import service as opportunities
from goodword.playbooks import launch
from goodword.references import service as references
from goodword.references.models import Reference, ReferenceUse, UseStatus
from goodword.references.schemas import ReferenceCreate
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.workspaces.models import Workspace


def _reference(session: Session, ws: int, name: str = "Ada Lovelace", **fields: object):
    person = f.person(session, ws, name, emails=["ada@example.org"])
    fields.setdefault("consent_on", date(2026, 10, 1))
    return references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(person_id=person.id, **fields),
        today=date(2026, 11, 25),
    )


def _launched(session: Session, ws: int, reference: Reference, org: str = "Northbeam"):
    manager = f.person(session, ws, f"Manager at {org}", emails=["hm@example.org"])
    job = f.opportunity(session, ws, organization_name=org, hiring_manager_id=manager.id)
    result = launch.launch(
        session,
        workspace_id=ws,
        reference_id=reference.id,
        opportunity_id=job.id,
        today=clock.today(),
        stress_points="calm under pressure",
        confirm_current_workplace=True,
    )
    assert result.use is not None
    return job, result.use


def _uses(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ReferenceUse)) or 0


def test_removing_a_reference_is_confirmed_first_and_says_what_goes(
    client: TestClient, session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id)
    _launched(session, workspace.id, reference)
    session.commit()

    detail = client.get(f"/references/{reference.id}")
    assert f'href="/references/{reference.id}/delete"' in detail.text
    assert f'action="/references/{reference.id}/delete"' not in detail.text

    confirm = client.get(f"/references/{reference.id}/delete")
    assert confirm.status_code == 200
    assert "the record of <strong>1 launch</strong>" in confirm.text
    assert "would no longer count it" in confirm.text
    assert f'action="/references/{reference.id}/not-available"' in confirm.text
    assert _uses(session) == 1

    kept = client.post(f"/references/{reference.id}/not-available", follow_redirects=False)
    assert kept.status_code == 303 and kept.headers["location"] == f"/references/{reference.id}"
    session.expire_all()
    assert references.get(session, workspace_id=workspace.id, reference_id=reference.id).active is (
        False
    )
    assert _uses(session) == 1
    # Once not available, the confirmation no longer offers it.
    assert "/not-available" not in client.get(f"/references/{reference.id}/delete").text

    removed = client.post(f"/references/{reference.id}/delete", follow_redirects=False)
    assert removed.status_code == 303
    assert _uses(session) == 0


def test_a_reference_of_another_workspace_has_no_confirmation_page(
    client: TestClient, session: Session, other_workspace: Workspace
):
    reference = _reference(session, other_workspace.id)
    session.commit()
    assert client.get(f"/references/{reference.id}/delete").status_code == 404
    assert client.post(f"/references/{reference.id}/not-available").status_code == 404
    session.expire_all()
    assert session.get(Reference, reference.id).active  # type: ignore[union-attr]


def test_deleting_an_opportunity_keeps_its_launches_for_the_cap(
    session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id)
    job, use = _launched(session, workspace.id, reference)
    opportunities.delete(session, workspace_id=workspace.id, opportunity_id=job.id)
    session.expire_all()

    kept = session.get(ReferenceUse, use.id)
    assert kept is not None and kept.opportunity_id is None
    reference = references.get(session, workspace_id=workspace.id, reference_id=reference.id)
    read = references.to_read(reference)
    assert read.uses_count == 1 and read.last_used_on == clock.today()
    assert references.check_launch(reference, today=clock.today()).uses_in_window == 1
    assert references.use_to_read(kept).opportunity_id is None

    # It can still be recorded: the call brings a thank-you with gaps for the deleted role.
    result = launch.record(
        session,
        workspace_id=workspace.id,
        use_id=use.id,
        status=UseStatus.CALLED,
        today=clock.today(),
    )
    [thanks] = result.drafts
    assert "{role}" in thanks.body
    assert [task.title for task in result.tasks] == ["Thank Ada Lovelace for speaking for you"]


def test_a_launch_for_a_deleted_opportunity_shows_and_can_be_recorded_on_the_web(
    client: TestClient, session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id)
    job, use = _launched(session, workspace.id, reference)
    session.commit()
    confirm = client.get(f"/opportunities/{job.id}/delete")
    assert "reference launches about it stay" in confirm.text
    assert client.post(f"/opportunities/{job.id}/delete").status_code == 200

    detail = client.get(f"/references/{reference.id}")
    assert "A deleted opportunity" in detail.text
    assert "1 of 3 times in 90 days" in detail.text
    assert client.get(f"/api/v1/references/{reference.id}/uses").json()[0]["opportunity_id"] is (
        None
    )
    recorded = client.post(
        f"/references/uses/{use.id}", data={"status": "briefed"}, follow_redirects=False
    )
    assert recorded.headers["location"] == f"/references/{reference.id}"


def test_a_launch_for_a_deleted_opportunity_moves_with_the_export(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    reference = _reference(session, workspace.id)
    job, _use = _launched(session, workspace.id, reference)
    _launched(session, workspace.id, reference, org="Quillstone")
    opportunities.delete(session, workspace_id=workspace.id, opportunity_id=job.id)
    session.expire_all()

    document = exchange.export_workspace(session, workspace_id=workspace.id)
    assert sorted(str(u["opportunity"]) for u in document["reference_uses"]) == ["None", "op1"]
    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)
    assert exchange.export_workspace(session, workspace_id=other_workspace.id) == document


def test_the_person_delete_page_lists_their_reference_launches_and_asks(
    client: TestClient, session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id)
    _launched(session, workspace.id, reference)
    _launched(session, workspace.id, reference, org="Quillstone")
    for org in ("Lumenfold", "Brightwater", "Kestrel"):
        target = f.organization(session, workspace.id, org)
        referrals.create(
            session,
            workspace_id=workspace.id,
            data=ReferralAskCreate(person_id=reference.person_id, target_organization_id=target.id),
        )
    plain = f.person(session, workspace.id, "Bo Jensen")
    session.commit()

    page = client.get(f"/people/{reference.person_id}/delete")
    assert "their reference record, with the record of <strong>2 launches</strong>" in page.text
    assert "<strong>3 referral asks</strong>" in page.text
    # Someone with neither: no list of what else goes.
    assert 'id="also-deleted"' not in client.get(f"/people/{plain.id}/delete").text


def test_your_own_page_offers_no_reference_and_a_reference_links_to_its_record(
    client: TestClient, session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    reference = _reference(session, workspace.id)
    other = f.person(session, workspace.id, "Bo Jensen")
    session.commit()

    mine = client.get(f"/people/{me.id}")
    assert "Add as a reference" not in mine.text
    theirs = client.get(f"/people/{reference.person_id}")
    assert "Add as a reference" not in theirs.text
    assert f'href="/references/{reference.id}">Their reference record' in theirs.text
    assert f'href="/references/new?person_id={other.id}">Add as a reference' in (
        client.get(f"/people/{other.id}").text
    )
    # An old link to add someone who already is a reference leads to their record.
    old = client.get(f"/references/new?person_id={reference.person_id}", follow_redirects=False)
    assert old.status_code == 303 and old.headers["location"] == f"/references/{reference.id}"


def test_the_reference_form_does_not_offer_you(
    client: TestClient, session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    other = f.person(session, workspace.id, "Bo Jensen")
    session.commit()

    form = client.get("/references/new").text

    assert f'<option value="{other.id}" >Bo Jensen</option>' in form
    assert f'<option value="{me.id}"' not in form and "Sam Carter" not in form


def test_the_reference_forms_name_search_does_not_offer_you(
    client: TestClient, session: Session, workspace: Workspace
):
    # Enough people that the form's picker has a search box (FIND_FROM, and past
    # CHOICE_LIMIT the search box alone): it finds Sam Carters, but not you.
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    namesake = f.person(session, workspace.id, "Sam Carters")
    for n in range(pickers.FIND_FROM + 1):
        f.person(session, workspace.id, f"Bo Jensen {n}")
    session.commit()

    form = client.get("/references/new").text
    finder = re.search(r'hx-get="(/pick/person\?[^"]*target=f-person_id[^"]*)"', form)
    assert finder is not None
    found = client.get(html.unescape(finder.group(1)) + "&q=sam+carter").text
    assert f'data-pick-id="{namesake.id}"' in found
    assert f'data-pick-id="{me.id}"' not in found
    # (Other pickers of people still find you: a note of a talk you were in, say.)
    anyone = client.get("/pick/person", params={"q": "sam carter", "target": "f-person_id"})
    assert f'data-pick-id="{me.id}"' in anyone.text


def test_your_own_network_page_offers_no_ways_in_to_you(
    client: TestClient, session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    other = f.person(session, workspace.id, "Bo Jensen")
    f.connection(session, workspace.id, me, other)
    session.commit()

    mine = client.get(f"/people/{me.id}/network")
    assert "/paths?to_person_id=" not in mine.text
    assert 'href="/paths">Find ways in to someone' in mine.text
    theirs = client.get(f"/people/{other.id}/network")
    assert f'href="/paths?to_person_id={other.id}">Ways in to Bo Jensen' in theirs.text


def test_the_launch_page_warns_about_your_current_workplace_once(
    client: TestClient, session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id, "Jo Boss", is_current_workplace=True)
    manager = f.person(session, workspace.id, "Hana Manager")
    job = f.opportunity(session, workspace.id, hiring_manager_id=manager.id)
    session.commit()

    page = client.get(
        f"/opportunities/{job.id}/references/launch", params={"reference_id": reference.id}
    )
    assert page.status_code == 200
    assert page.text.count("can cost you your present job") == 1
    assert "Think twice" not in page.text
    assert "confirm that you accept the risk" not in page.text
    assert 'name="confirm_current_workplace"' in page.text
    # Refused without the box ticked, the reason shows once, as the form's error.
    refused = client.post(
        f"/opportunities/{job.id}/references/launch",
        data={"reference_id": reference.id, "stress_points": "calm under pressure"},
    )
    assert refused.status_code == 409
    assert refused.text.count("can cost you your present job") == 1
    assert "confirm that you accept the risk" in refused.text


def test_a_briefing_with_a_gap_names_it_in_words_and_offers_no_way_to_send_it(
    client: TestClient, session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id, "Jo Boss", can_speak_to="design")
    manager = f.person(session, workspace.id, "Hana Manager")
    job = f.opportunity(session, workspace.id, hiring_manager_id=manager.id)
    session.commit()

    page = client.get(
        f"/opportunities/{job.id}/references/launch", params={"reference_id": reference.id}
    ).text
    briefing = page[page.index("<h3>The briefing</h3>") : page.index('name="stress_points"')]
    assert "<code>{stress_points}</code>" not in briefing
    assert "what your reference should stress" in html.unescape(briefing)
    assert "Open in mail" not in briefing
    assert "Copy message" not in briefing
    assert "Download .eml" not in briefing


def test_a_references_page_links_to_launching_it_for_each_open_opportunity(
    client: TestClient, session: Session, workspace: Workspace
):
    reference = _reference(session, workspace.id, "Jo Boss")
    open_job = f.opportunity(session, workspace.id, role_title="Data Lead", stage="applied")
    closed = f.opportunity(session, workspace.id, role_title="Old Role", stage="rejected")
    session.commit()

    page = client.get(f"/references/{reference.id}").text
    launch_link = f"/opportunities/{open_job.id}/references/launch?reference_id={reference.id}"
    assert f'href="{html.escape(launch_link)}"' in page
    assert f"/opportunities/{closed.id}/references/launch" not in page
