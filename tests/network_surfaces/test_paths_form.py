"""The path finder's form: a search without a target says so beside the target fields, and an
empty network says where to start instead of offering a search through nobody."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

import factories as f
from network_surfaces.network_data import Net

SAID = "Choose a person, an organization or an opportunity (just one)."
# What the form sends when "Find ways in" is clicked with nothing chosen.
NOTHING_CHOSEN = {
    "to_person_id": "",
    "to_organization": "",
    "department": "",
    "opportunity_id": "",
    "from_person_id": "",
    "k": "5",
}


def target_fieldset(page: str) -> str:
    found = re.search(r'<fieldset id="f-target".*?</fieldset>', page, re.S)
    assert found, "the target fields are grouped"
    return found.group(0)


def test_a_search_without_a_target_says_so_beside_the_target_fields(
    client: TestClient, net: Net
) -> None:
    page = client.get("/paths", params=NOTHING_CHOSEN)
    assert page.status_code == 422
    targets = target_fieldset(page.text)
    assert 'class="has-error"' in targets
    assert f'<p class="error" id="e-target">{SAID}</p>' in targets
    assert '<a href="#f-target">Where you want to get to</a>' in page.text
    assert "results-h" not in page.text


def test_the_bare_page_is_a_blank_form(client: TestClient, net: Net) -> None:
    page = client.get("/paths")
    assert page.status_code == 200
    assert 'id="e-target"' not in page.text
    assert "form-errors" not in page.text


def test_an_empty_network_says_where_to_start(client: TestClient) -> None:
    page = client.get("/paths")
    assert page.status_code == 200
    guidance = re.search(r'<div class="card" id="no-people">(.*?)</div>', page.text, re.S)
    assert guidance, "an empty network gets guidance"
    assert '<a href="/people/new">Add the people you know</a>' in guidance.group(1)
    assert '<a href="/import">import your network</a>' in guidance.group(1)


def test_the_guidance_goes_once_there_are_people(client: TestClient, session, workspace) -> None:
    f.person(session, workspace.id, "Ada Lovelace", is_me=True)
    session.commit()
    assert 'id="no-people"' not in client.get("/paths").text


def test_the_number_of_ways_is_asked_for_as_a_number(client: TestClient, net: Net) -> None:
    page = client.get("/paths", params={"to_person_id": net.dana.id, "k": "many"})
    assert page.status_code == 422
    assert '<p class="error" id="e-k">Give a whole number from 1 to 50.</p>' in page.text
