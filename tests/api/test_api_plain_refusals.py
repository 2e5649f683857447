"""The API refuses a body it cannot read, an unknown field and a whole-record rule in our
words, each under a field the client can act on (never pydantic's paths or wording)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def refusal(response) -> dict:
    assert response.status_code == 422, response.text
    return response.json()["error"]


def test_a_body_that_is_not_json_is_refused_in_plain_words(client: TestClient) -> None:
    text = client.post(
        "/api/v1/people", content="Ana Silva", headers={"Content-Type": "text/plain"}
    )
    broken = client.post(
        "/api/v1/people", content='{"display_name": ', headers={"Content-Type": "application/json"}
    )

    assert refusal(text)["fields"] == [
        {
            "field": "body",
            "message": "Send the record as a JSON object (its fields in braces: {...}), with "
            "Content-Type: application/json.",
        }
    ]
    assert refusal(broken)["fields"] == [
        {
            "field": "body",
            "message": "The body is not valid JSON (expecting value, at character 17).",
        }
    ]
    assert client.get("/api/v1/people").json()["items"] == []


def test_an_unknown_field_is_named_and_explained(client: TestClient) -> None:
    refused = client.post("/api/v1/people", json={"display_name": "Ana", "nickname": "x"})

    assert refusal(refused)["fields"] == [
        {
            "field": "nickname",
            "message": "There is no field by this name; check its spelling against the API's "
            "documentation (/api/v1/docs).",
        }
    ]


def test_a_list_item_that_is_not_an_object_is_named(client: TestClient) -> None:
    refused = client.post(
        "/api/v1/interactions",
        json={"kind": "call", "occurred_at": "2026-01-02T10:00:00Z", "participants": ["Ana"]},
    )

    assert refusal(refused)["fields"] == [
        {"field": "participants.0", "message": "Give an object here (fields in braces: {...})."}
    ]


def test_whole_record_rules_come_under_the_field_they_name_or_the_body(
    client: TestClient,
) -> None:
    person = client.post("/api/v1/people", json={"display_name": ""})
    job = client.post("/api/v1/opportunities", json={"role_title": "", "pay_min": 5, "pay_max": 1})

    assert refusal(person)["fields"] == [
        {"field": "display_name", "message": "Give a display name, or a given or family name."}
    ]
    assert refusal(job)["fields"] == [
        {"field": "role_title", "message": "Fill this in."},
        {
            "field": "organization_name",
            "message": "Name the organization (organization_name) or give its id "
            "(organization_id).",
        },
        {"field": "pay_max", "message": "pay_max is below pay_min."},
    ]
    assert "__all__" not in person.text + job.text


@pytest.mark.parametrize(
    ("path", "record"),
    [
        ("people", {"display_name": "Ana Silva"}),
        ("opportunities", {"role_title": "Analyst", "organization_name": "Acme"}),
        ("organizations", {"name": "Acme"}),
        ("tasks", {"title": "Write to Ana"}),
    ],
)
def test_a_record_sent_back_as_get_gave_it_names_the_fields_the_api_gives_as_read_only(
    client: TestClient, path: str, record: dict
) -> None:
    made = client.post(f"/api/v1/{path}", json=record)
    assert made.status_code == 201, made.text
    shown = client.get(f"/api/v1/{path}/{made.json()['id']}").json()

    refused = refusal(client.put(f"/api/v1/{path}/{shown['id']}", json=shown))

    named = {p["field"]: p["message"] for p in refused["fields"]}
    assert {"id", "created_at", "updated_at"} <= set(named)
    assert all(m.startswith("This field is read-only") for m in named.values()), named
    assert all("Leave it out" in m for m in named.values())


def test_a_rule_about_one_field_is_named_by_that_field_not_the_body(client: TestClient) -> None:
    ana = client.post("/api/v1/people", json={"display_name": "Ana Silva"}).json()
    call = client.post(
        "/api/v1/interactions",
        json={"kind": "call", "occurred_at": "2026-01-02T10:00:00Z", "direction": "inbound",
              "summary": "A call"},
    )  # fmt: skip
    herself = client.post(
        "/api/v1/connections",
        json={"person_a_id": ana["id"], "person_b_id": ana["id"], "kind": "friend"},
    )

    assert refusal(call)["fields"] == [
        {"field": "direction", "message": "direction is only for messages and e-mails."}
    ]
    assert refusal(herself)["fields"] == [
        {"field": "person_b_id", "message": "A connection joins two different people."}
    ]
