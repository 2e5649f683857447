"""Pass it on: what the note says, and what editing a lead does to its suggestions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.leads import service as leads
from goodword.leads.models import LeadKind, ShareStatus
from goodword.leads.schemas import LeadCreate, LeadUpdate
from goodword.playbooks import pass_it_on
from goodword.playbooks.engine import find_task
from goodword.tasks.models import TaskStatus
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_the_note_for_an_in_person_event_says_where_it_is(session: Session, workspace: Workspace):
    f.person(session, workspace.id, "Ada Lovelace", location="Berlin", interests=["pricing"])
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.EVENT, title="Pricing night", tags=["pricing"],
                        happens_on=TODAY + timedelta(days=10), place="Berlin", in_person=True,
                        url="https://pricing.example/night"),
    )  # fmt: skip
    result = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    [note] = result.drafts
    assert "5 Dec 2026 · in Berlin · https://pricing.example/night" in note.body


def test_editing_a_lead_takes_off_the_suggestions_it_no_longer_fits_and_redrafts_the_rest(
    client: TestClient, session: Session, workspace: Workspace
):
    ws = workspace.id
    pia = f.person(session, ws, "Pia Novak", location="Pittsburgh, PA", interests=["data"])
    sal = f.person(session, ws, "Sal Ortiz", location="Pittsburgh", interests=["data"])
    nora = f.person(session, ws, "Nora Quinn", interests=["data"])
    hal = f.person(session, ws, "Hal Reyes", interests=["data"])
    ben = f.person(session, ws, "Ben Ode", location="Berlin, Germany", interests=["data"])
    session.commit()
    form = {"kind": "event", "title": "Pittsburgh data meetup", "tags": "data",
            "happens_on": "2026-12-20", "place": "Pittsburgh", "in_person": "1"}  # fmt: skip
    saved = client.post("/leads", data=form)
    lead_id = int(str(saved.url).rsplit("/", 1)[-1])
    shares = {s.person_id: s for s in leads.get(session, workspace_id=ws, lead_id=lead_id).shares}
    assert set(shares) == {pia.id, sal.id, nora.id, hal.id}
    pass_it_on.mark_share(session, workspace_id=ws, share_id=shares[sal.id].id,
                          status=ShareStatus.SENT, on=TODAY)  # fmt: skip
    task = {p.id: find_task(session, workspace_id=ws, key=leads.share_key(lead_id, p.id))
            for p in (pia, nora, hal)}  # fmt: skip
    task[hal.id].notes = "Call Hal about it first."
    session.commit()

    edited = client.post(f"/leads/{lead_id}", data=form | {"title": "Berlin data meetup",
                                                           "place": "Berlin"})  # fmt: skip

    assert "It no longer fits Pia Novak, so they are no longer suggested." in edited.text
    assert f'href="/people/{pia.id}"' not in edited.text
    session.expire_all()
    lead = leads.get(session, workspace_id=ws, lead_id=lead_id)
    assert {s.person_id: s.status for s in lead.shares} == {
        sal.id: ShareStatus.SENT, nora.id: ShareStatus.SUGGESTED, hal.id: ShareStatus.SUGGESTED
    }  # fmt: skip
    assert task[pia.id].status is TaskStatus.DISMISSED
    assert task[nora.id].title == "Pass “Berlin data meetup” on to Nora Quinn"
    assert "Berlin data meetup" in (task[nora.id].notes or "")
    assert "20 Dec 2026 · in Berlin" in (task[nora.id].notes or "")
    # Hal's notes were edited by hand and stay; the title the playbook wrote is redrafted.
    assert task[hal.id].notes == "Call Hal about it first."
    assert task[hal.id].title == "Pass “Berlin data meetup” on to Hal Reyes"
    # Looking again finds the people in Berlin.
    client.post(f"/leads/{lead_id}/suggest")
    session.expire_all()
    assert ben.id in {s.person_id for s in leads.get(session, workspace_id=ws,
                                                     lead_id=lead_id).shares}  # fmt: skip
    # Through the API alike: back to Pittsburgh, Ben is no longer suggested.
    back = client.put(f"/api/v1/leads/{lead_id}", json={
        "kind": "event", "title": "Pittsburgh data meetup", "tags": ["data"],
        "happens_on": "2026-12-20", "place": "Pittsburgh", "in_person": True})  # fmt: skip
    assert back.status_code == 200
    assert ben.id not in {s["person_id"] for s in back.json()["shares"]}
    session.expire_all()
    assert task[nora.id].title == "Pass “Pittsburgh data meetup” on to Nora Quinn"


def test_editing_a_lead_keeps_each_part_of_a_task_edited_by_hand_and_redrafts_the_other(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    nora = f.person(session, ws, "Nora Quinn", interests=["data"])
    hal = f.person(session, ws, "Hal Reyes", interests=["data"])
    ida = f.person(session, ws, "Ida Berg", interests=["data"])
    lead = leads.create(
        session,
        workspace_id=ws,
        data=LeadCreate(kind=LeadKind.OPPORTUNITY, title="Data analyst", tags=["data"]),
    )
    pass_it_on.run(session, workspace_id=ws, lead_id=lead.id, today=TODAY)
    task = {p.id: find_task(session, workspace_id=ws, key=leads.share_key(lead.id, p.id))
            for p in (nora, hal, ida)}  # fmt: skip
    task[nora.id].title = "Nora: ask after her move first"
    task[hal.id].notes = "Call Hal about it first."
    # A task from before the playbooks kept what they wrote: its parts are told edited by
    # comparing them with what the playbook writes for the lead as it was.
    task[ida.id].title = "Ida, when she is back"
    task[ida.id].drafted_title_digest = task[ida.id].drafted_notes_digest = None
    session.flush()

    pass_it_on.edit(
        session, workspace_id=ws, lead_id=lead.id,
        data=LeadUpdate(kind=LeadKind.OPPORTUNITY, title="Senior data analyst", tags=["data"]),
    )  # fmt: skip

    assert task[nora.id].title == "Nora: ask after her move first"
    assert "Senior data analyst" in (task[nora.id].notes or "")
    assert task[hal.id].title == "Pass “Senior data analyst” on to Hal Reyes"
    assert task[hal.id].notes == "Call Hal about it first."
    assert task[ida.id].title == "Ida, when she is back"
    assert "Senior data analyst" in (task[ida.id].notes or "")
