"""The lead pages' words: what a lead needs, the in-person box, the list, the pages of fits."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_an_in_person_lead_the_place_leaves_no_one_for_says_it_is_the_place(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Pia Novak", location="Pittsburgh, PA", interests=["data"])
    session.commit()
    saved = client.post("/leads", data={"kind": "event", "title": "Data meetup", "tags": "data",
                                        "place": "Berlin", "in_person": "1"})  # fmt: skip
    said = "No one known to be in Berlin fits this yet (people with no place on their record"
    assert said in saved.text
    assert "Add interests or tags" not in saved.text
    lead_id = int(str(saved.url).rsplit("/", 1)[-1])
    again = client.post(f"/leads/{lead_id}/suggest")
    assert said in again.text
    assert "needs more first" not in again.text


def test_the_in_person_box_says_people_with_no_place_are_offered_it_too(client: TestClient):
    page = client.get("/leads").text
    assert "In person: for the people in that place, and those whose place is not known" in page
    assert "only for people in that place" not in page


def test_a_lead_never_passed_on_says_so_in_the_list(client: TestClient):
    client.post("/api/v1/leads", json={"kind": "article", "title": "On pricing"})
    page = client.get("/leads").text
    assert "Not passed on yet" in page
    assert "0 of 0 suggested" not in page


def test_a_page_of_fits_past_the_last_goes_to_the_last(
    client: TestClient, session: Session, workspace: Workspace
):
    for n in range(60):
        f.person(session, workspace.id, f"Fan {n:02}", interests=["pricing"])
    session.commit()
    lead = client.post("/api/v1/leads", json={"kind": "event", "title": "Pricing night",
                                              "tags": ["pricing"]}).json()  # fmt: skip
    page = client.get(f"/leads/{lead['id']}", params={"fits": 99})
    assert str(page.url).endswith(f"/leads/{lead['id']}?fits=2#everyone-h")
    assert "Fan 59" in page.text and "Fan 00" not in page.text
    assert f'href="/leads/{lead["id"]}?fits=1#everyone-h">← Previous page' in page.text


def test_the_place_prompt_names_the_field_in_words_true_on_every_surface(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Pia Novak", location="Pittsburgh, PA", interests=["data"])
    session.commit()
    lead = client.post("/api/v1/leads", json={"kind": "event", "title": "Data meetup",
                                              "tags": ["data"], "place": "Berlin",
                                              "in_person": True}).json()  # fmt: skip
    answer = client.post(f"/api/v1/leads/{lead['id']}/pass-it-on").json()

    said = next(p["message"] for p in answer["prompts"] if p["field"] == "place")
    assert "Add where the people you know there live or work (their location)" in said
    assert "Location" not in said
