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


def test_the_writer_of_a_group_message_is_one_of_its_people(
    client: TestClient, session, workspace
) -> None:
    ben, chen, dora = (f.person(session, workspace.id, n) for n in ("Ben", "Chen", "Dora"))
    session.commit()
    message = {
        "kind": "message", "occurred_at": "2026-11-02T10:00:00Z", "direction": "inbound",
        "participants": [{"person_id": ben.id}, {"person_id": chen.id}],
    }  # fmt: skip
    outside = client.post("/api/v1/interactions", json=message | {"writer_id": dora.id})
    assert outside.status_code == 422
    assert outside.json()["error"]["fields"] == [
        {"field": "writer_id", "message": "writer_id must be one of the participants."}
    ]
    mine = client.post(
        "/api/v1/interactions", json=message | {"direction": "outbound", "writer_id": ben.id}
    )
    assert mine.status_code == 422
    assert mine.json()["error"]["fields"][0]["field"] == "writer_id"
    assert client.get("/api/v1/interactions").json()["items"] == []
    made = client.post("/api/v1/interactions", json=message | {"writer_id": chen.id})
    assert made.status_code == 201
    assert (made.json()["writer_id"], made.json()["writer_gone"]) == (chen.id, False)
    # Deleting the writer leaves the message, from someone no longer among its people.
    assert client.delete(f"/api/v1/people/{chen.id}").status_code == 204
    kept = client.get(f"/api/v1/interactions/{made.json()['id']}").json()
    assert (kept["writer_id"], [p["person_id"] for p in kept["participants"]]) == (None, [ben.id])
    assert kept["writer_gone"] is True
    listed = client.get("/api/v1/interactions").json()["items"]
    assert [i["writer_gone"] for i in listed] == [True]


def test_the_one_person_of_a_message_that_came_in_wrote_it_and_you_are_no_writer(
    client: TestClient, session, workspace
) -> None:
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    ben = f.person(session, workspace.id, "Ben")
    session.commit()
    one = {"kind": "message", "occurred_at": "2026-11-02T10:00:00Z", "direction": "inbound"}
    made = client.post("/api/v1/interactions", json=one | {"participants": [{"person_id": ben.id}]})
    assert made.json()["writer_id"] == ben.id
    mine = client.post(
        "/api/v1/interactions",
        json=one
        | {"writer_id": me.id, "participants": [{"person_id": me.id}, {"person_id": ben.id}]},
    )
    assert mine.status_code == 422
    assert mine.json()["error"]["fields"][0]["field"] == "writer_id"
    assert len(client.get("/api/v1/interactions").json()["items"]) == 1
