"""The API refuses an interaction with nobody in it and nothing said, naming the field."""

from __future__ import annotations

from fastapi.testclient import TestClient

import factories as f
from goodword.interactions.schemas import NOTHING_RECORDED

CALL = {"kind": "call", "occurred_at": "2026-11-02T10:00:00Z"}


def test_an_empty_interaction_is_refused_on_create_and_replace(
    client: TestClient, session, workspace
) -> None:
    refused = client.post("/api/v1/interactions", json=CALL)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == [
        {"field": "participants", "message": NOTHING_RECORDED}
    ]
    assert client.get("/api/v1/interactions").json()["items"] == []
    ada = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    made = client.post(
        "/api/v1/interactions", json=CALL | {"participants": [{"person_id": ada.id}]}
    )
    assert made.status_code == 201
    emptied = client.put(f"/api/v1/interactions/{made.json()['id']}", json=CALL)
    assert emptied.status_code == 422
    assert emptied.json()["error"]["fields"][0]["field"] == "participants"


def test_a_summary_alone_is_enough(client: TestClient) -> None:
    made = client.post("/api/v1/interactions", json=CALL | {"summary": "Left a voicemail."})
    assert made.status_code == 201
    assert made.json()["participants"] == []
