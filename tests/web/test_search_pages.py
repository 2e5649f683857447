"""Search: the full page, and the results alone for HTMX's quick search."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import PersonPhone
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces.models import Workspace


def _network(session: Session, workspace: Workspace) -> tuple[int, int]:
    grace = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Grace Hopper")
    )
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=grace.id,
        data=PositionCreate(organization_name="Navy Labs", title="Rear Admiral"),
    )
    navy = organizations.find_by_name(session, workspace_id=workspace.id, name="Navy Labs")
    assert navy is not None
    organizations.create(session, workspace_id=workspace.id, data=OrganizationCreate(name="Acme"))
    return grace.id, navy.id


def test_the_full_page_lists_people_and_organizations(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    grace_id, navy_id = _network(session, workspace)
    response = client.get("/search", params={"q": "navy"})
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.text
    assert 'id="search-results"' in response.text
    assert f'<a href="/people/{grace_id}">Grace Hopper</a>' in response.text
    assert f'<a href="/organizations/{navy_id}">Navy Labs</a>' in response.text
    assert "Acme" not in response.text
    assert response.headers["vary"] == "HX-Request"


def test_htmx_gets_only_the_results(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    grace_id, _ = _network(session, workspace)
    response = client.get("/search", params={"q": "gra hop"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.startswith('<div id="search-results"')
    assert "<html" not in response.text
    assert f'<a href="/people/{grace_id}">Grace Hopper</a>' in response.text
    assert response.headers["vary"] == "HX-Request"


def test_no_match_says_so(client: TestClient, session: Session, workspace: Workspace) -> None:
    _network(session, workspace)
    response = client.get("/search", params={"q": "zebra"})
    assert "Nothing matches “zebra”" in response.text


def test_no_match_for_a_short_query_says_it_looked_in_names_only(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Lovelace", location="London, UK"),
    )
    session.commit()
    page = client.get("/search", params={"q": "UK"}).text
    assert "One or two letters are looked up in names only" in page
    assert "London, UK" in client.get("/search", params={"q": "lon"}).text


def test_an_empty_query_shows_the_search_form_and_no_results(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _network(session, workspace)
    response = client.get("/search")
    assert response.status_code == 200
    assert 'name="q"' in response.text
    assert "Grace Hopper" not in response.text
    partial = client.get("/search", params={"q": "  "}, headers={"HX-Request": "true"})
    assert partial.text.strip() == '<div id="search-results" class="search-results"></div>'


def test_search_never_finds_another_workspace_s_records(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    _network(session, workspace)
    people.create(
        session, workspace_id=other_workspace.id, data=PersonCreate(display_name="Grace Secret")
    )
    organizations.create(
        session, workspace_id=other_workspace.id, data=OrganizationCreate(name="Navy Secrets")
    )
    text = (
        client.get("/search", params={"q": "grace navy"}).text
        + client.get("/search", params={"q": "secret"}).text
    )
    assert "Grace Hopper" in text
    assert "Secret" not in text


def test_a_picker_search_offers_buttons_that_fill_the_number_box(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    grace_id, _ = _network(session, workspace)
    people.create(
        session, workspace_id=other_workspace.id, data=PersonCreate(display_name="Grace Kelly")
    )
    response = client.get("/pick/person", params={"q": "grace", "target": "f-person_id"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert (
        f'data-pick-target="f-person_id" data-pick-id="{grace_id}" data-pick-name="Grace Hopper"'
        in response.text
    )
    assert f"number {grace_id}" in response.text
    assert "Grace Kelly" not in response.text  # someone else's workspace
    # Only the kind asked for: an organization is not a person.
    assert (
        "Navy Labs</button>"
        not in client.get("/pick/person", params={"q": "navy", "target": "f-person_id"}).text
    )
    assert (
        "Navy Labs</button>"
        in client.get(
            "/pick/organization", params={"q": "navy", "target": "f-organization_id"}
        ).text
    )


def test_a_picker_search_says_when_nothing_matches_and_says_nothing_before_typing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _network(session, workspace)
    empty = client.get("/pick/person", params={"q": "  ", "target": "f-person_id"})
    assert empty.status_code == 200 and empty.text.strip() == ""
    none = client.get("/pick/person", params={"q": "zebra", "target": "f-person_id"})
    assert "Nothing matches “zebra”" in none.text


def test_a_picker_search_refuses_what_it_does_not_look_up(client: TestClient) -> None:
    assert client.get("/pick/opportunity", params={"q": "x", "target": "f-x"}).status_code == 422
    # The target becomes an element id in the page: only plain ids are taken.
    bad = client.get("/pick/person", params={"q": "x", "target": 'x" onclick="alert(1)'})
    assert bad.status_code == 422


@pytest.mark.parametrize(
    "query", ["415 555 0123", "+14155550123", "(415) 555-0123", "+1-415-555-0123", "4155550123"]
)
def test_a_person_is_found_by_their_phone_number_however_it_is_written(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    other_workspace: Workspace,
    query: str,
) -> None:
    ravi = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Ravi Shankar", phones=["+1 (415) 555-0123"]),
    )
    desk = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Front Desk", phones=["415-555-0123 ext. 7"]),
    )
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Mei Chen", phones=["+1 415 555 0124"]),
    )
    people.create(
        session,
        workspace_id=other_workspace.id,
        data=PersonCreate(display_name="Ravi Secret", phones=["+1 415 555 0123"]),
    )
    session.commit()

    page = client.get("/search", params={"q": query}).text
    assert f'<a href="/people/{ravi.id}">Ravi Shankar</a>' in page
    assert f'<a href="/people/{desk.id}">Front Desk</a>' in page  # (its switchboard's number)
    assert "Mei Chen" not in page and "Secret" not in page
    api = client.get("/api/v1/search", params={"q": query}).json()
    assert [(hit["kind"], hit["id"]) for hit in api["items"]] == [
        ("person", desk.id),
        ("person", ravi.id),
    ]
    listed = client.get("/people", params={"q": query}).text
    assert f'<a href="/people/{ravi.id}">Ravi Shankar</a>' in listed
    assert "Mei Chen" not in listed


def test_a_phone_number_without_its_country_code_is_read_in_the_workspace_s_region(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    workspace.phone_region = "GB"
    ada = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Lovelace", phones=["+44 20 7946 0001"]),
    )
    session.commit()
    for query in ("020 7946 0001", "+44 20 7946 0001", "0044 20 7946 0001"):
        found = client.get("/api/v1/search", params={"q": query}).json()["items"]
        assert [hit["id"] for hit in found] == [ada.id], query
    # Digits too few to be a whole number are looked up as words, as before.
    assert client.get("/api/v1/search", params={"q": "0001"}).json()["items"] == []


def test_a_number_an_import_kept_as_written_is_found_by_its_digits(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    # With region US these cannot be read, so the import keeps them as they were written.
    rows = (
        "Name,Mobile\nIvan Petrov,8 (495) 987-65-43\nCy Ng,07700 900123\n"
        "Desk Four,07700 900123 ext 4\nAnn Lee,(415) 555-0100\n"
    )
    import_files(
        session, workspace_id=workspace.id, mapping="name=Name,phone=Mobile",
        paths_or_uploads=[Upload("club.csv", rows.encode())], today=date(2026, 11, 28),
    )  # fmt: skip
    session.commit()
    kept = set(session.scalars(select(PersonPhone.number)))
    assert {"8 (495) 987-65-43", "07700 900123", "07700 900123 ext 4"} <= kept

    def found(query: str) -> list[str]:
        items = client.get("/api/v1/search", params={"q": query}).json()["items"]
        return [hit["title"] for hit in items]

    for query in ("8 (495) 987-65-43", "84959876543", "495 987 65 43", "4959876543"):
        assert found(query) == ["Ivan Petrov"], query
    for query in ("07700 900123", "07700900123", "7700 900123", "+44 7700 900123"):
        assert found(query) == ["Cy Ng", "Desk Four"], query
    assert found("07700 900123 ext 4") == ["Desk Four"]
    assert found("07700 900123 x5") == []
    page = client.get("/search", params={"q": "8 (495) 987-65-43"}).text
    assert "Ivan Petrov" in page


@pytest.mark.parametrize("typed", ["Navy Labs Inc.", "navy labs, llc", "Navy GmbH"])
def test_an_organization_is_found_with_a_legal_form_it_is_kept_without(
    client: TestClient, session: Session, workspace: Workspace, typed: str
) -> None:
    _, navy_id = _network(session, workspace)
    response = client.get("/search", params={"q": typed})
    assert f'<a href="/organizations/{navy_id}">Navy Labs</a>' in response.text


def test_an_address_as_a_mail_link_gives_it_finds_its_person(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ann = people.create(
        session, workspace_id=workspace.id,
        data=PersonCreate(display_name="Ann Lee", emails=["ann@example.org"]),
    )  # fmt: skip
    response = client.get("/search", params={"q": "mailto:ann@example.org"})
    assert f'<a href="/people/{ann.id}">Ann Lee</a>' in response.text
    nothing = client.get("/search", params={"q": "Zebra Inc."})
    assert "Nothing matches “Zebra Inc.”: each word you type" in nothing.text


def test_a_search_with_a_character_that_cannot_be_stored_names_the_search_in_words(
    client: TestClient,
) -> None:
    response = client.get("/search?q=%00")
    assert response.status_code == 422
    assert "<li>Q" not in response.text
    assert "<li>What you searched for" in response.text
