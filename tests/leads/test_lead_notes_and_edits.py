"""Pass it on: what the note says, and what editing a lead does to its suggestions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.leads import service as leads
from goodword.leads.models import LeadKind
from goodword.leads.schemas import LeadCreate
from goodword.playbooks import pass_it_on
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
