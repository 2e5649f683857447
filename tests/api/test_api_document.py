"""The API as a whole: search, the OpenAPI document, and the one error shape."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword.workspaces.models import Workspace


def test_search_finds_people_and_organizations_by_prefix(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    acme = factories.organization(session, workspace.id, "Adamant Labs")

    everything = client.get("/api/v1/search", params={"q": "ada"}).json()
    only_people = client.get("/api/v1/search", params={"q": "ada", "kind": "person"}).json()

    found = {(hit["kind"], hit["id"]) for hit in everything["items"]}
    assert found == {("person", ada.id), ("organization", acme.id)}
    assert [hit["url"] for hit in only_people["items"]] == [f"/api/v1/people/{ada.id}"]


def test_search_needs_a_query(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/api/v1/search")

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "q"


def test_the_openapi_document_lists_every_path_with_typed_responses(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]

    for path in (
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person_id}/positions",
        "/api/v1/people/{person_id}/connections",
        "/api/v1/positions/{position_id}",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/opportunities/board",
        "/api/v1/opportunities/{opportunity_id}/stage",
        "/api/v1/interactions/{interaction_id}",
        "/api/v1/connections/{connection_id}",
        "/api/v1/tasks/{task_id}/status",
        "/api/v1/search",
    ):
        assert path in paths, path
    created = paths["/api/v1/people"]["post"]["responses"]["201"]
    assert created["content"]["application/json"]["schema"]["$ref"].endswith("/PersonSavedRead")
    invalid = paths["/api/v1/people"]["post"]["responses"]["422"]
    assert invalid["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert set(paths["/api/v1/tasks/{task_id}"]) == {"get", "put", "delete"}


def test_a_path_id_that_is_not_a_number_is_a_422(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/api/v1/people/ada")

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "person_id"


def test_a_body_that_is_not_json_is_a_422_in_the_same_shape(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.post(
        "/api/v1/people", content=b"{not json", headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_an_unknown_api_path_is_a_404_in_the_same_shape(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "There is no such page.", "fields": []}
    }


def test_a_wrong_method_is_a_405_in_the_same_shape(client: TestClient) -> None:
    response = client.patch("/api/v1/people")

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "http_error"
    # It says which methods the address takes, in words and in the Allow header.
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["error"]["message"] == (
        "This address does not take PATCH; send GET or POST."
    )
    one = client.patch("/api/v1/positions/3")
    assert one.headers["allow"] == "PUT, DELETE"
    assert one.json()["error"]["message"] == "This address does not take PATCH; send PUT or DELETE."


def test_the_api_explorer_loads_nothing_from_elsewhere(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org", "")
    assert "https://" not in page.text
    assert client.get("/static/vendor/swagger-ui-5.35.0/swagger-ui.css").status_code == 200


def test_a_page_sent_the_wrong_method_says_which_it_takes(client: TestClient) -> None:
    response = client.delete("/people/new")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert "This address does not take DELETE; send GET or POST." in response.text
