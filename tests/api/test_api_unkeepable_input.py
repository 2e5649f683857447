"""What no record can keep is refused before any route sees it, naming the field: a NUL
character (PostgreSQL refuses any text holding one), half of a surrogate pair (no encoding
stores it), and an id beyond any record's. Nothing is written."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

import factories as f


def send(client: TestClient, method: str, url: str, body: object):
    # (Written by hand: a lone surrogate must reach the app as JSON writes it, "\ud800".)
    return client.request(
        method, url, content=json.dumps(body), headers={"Content-Type": "application/json"}
    )


def problems(response) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.text
    return [(e["field"], e["message"]) for e in response.json()["error"]["fields"]]


NUL = "This holds an invisible NUL character, which cannot be kept; remove it."
HALF = (
    "This holds half of a character (a lone surrogate, as when text is cut in the middle of "
    "an emoji), which cannot be kept; write it again."
)


def test_a_nul_character_is_refused_wherever_it_is(client: TestClient) -> None:
    task = send(client, "POST", "/api/v1/tasks", {"title": "Call\u0000 Ana", "notes": "ok"})
    person = send(
        client,
        "POST",
        "/api/v1/people",
        {"display_name": "Ana", "tags": ["fine", "b\u0000d"], "urls": ["https://a\u0000.example"]},
    )
    found = client.get("/api/v1/paths", params={"to_organization": "Acme\u0000"})

    assert problems(task) == [("title", NUL)]
    assert problems(person) == [("tags.1", NUL), ("urls.0", NUL)]
    assert problems(found) == [("to_organization", NUL)]
    assert client.get("/api/v1/tasks").json()["items"] == []
    assert client.get("/api/v1/people").json()["items"] == []


def test_half_a_character_is_refused_on_every_text(client: TestClient, session, workspace) -> None:
    ana = f.person(session, workspace.id, "Ana Silva")
    session.commit()

    notes = send(client, "POST", "/api/v1/people", {"display_name": "X", "notes": "a\ud800b"})
    email = send(
        client, "POST", "/api/v1/people", {"display_name": "X", "emails": ["\ud800@x.example"]}
    )
    edit = send(
        client, "PUT", f"/api/v1/people/{ana.id}", {"display_name": "Ana", "how_we_met": "\udfff"}
    )
    # A whole character written as its two halves is a character like any other.
    emoji = send(client, "POST", "/api/v1/people", {"display_name": "Bo \U0001f600"})

    assert problems(notes) == [("notes", HALF)]
    assert problems(email) == [("emails.0", HALF)]
    assert problems(edit) == [("how_we_met", HALF)]
    assert emoji.status_code == 201 and emoji.json()["display_name"] == "Bo \U0001f600"
    names = [p["display_name"] for p in client.get("/api/v1/people").json()["items"]]
    assert sorted(names) == ["Ana Silva", "Bo \U0001f600"]


def test_an_id_beyond_any_record_is_refused_naming_its_field(client: TestClient) -> None:
    message = "No record has an id this large; ids go up to 2,147,483,647."
    merge = send(client, "POST", "/api/v1/merges", {"survivor_id": 2**63, "absorbed_id": 1})
    many = send(client, "POST", "/api/v1/duplicates/not-same", {"ids": [1, -(2**40)]})
    listed = client.get("/api/v1/interactions", params={"person_id": str(2**31)})
    # A large number that is no id (pay, in a currency of large numbers) is the field's own.
    pay = send(
        client, "POST", "/api/v1/opportunities",
        {"organization_name": "Acme", "role_title": "Engineer", "pay_min": 3_000_000_000},
    )  # fmt: skip

    assert problems(merge) == [("survivor_id", message)]
    assert problems(many) == [("ids.1", message)]
    assert problems(listed) == [("person_id", message)]
    assert pay.status_code == 201, pay.text


def test_a_form_with_a_nul_character_saves_nothing(client: TestClient) -> None:
    page = client.post("/tasks", data={"title": "Call\u0000 Ana"})

    assert page.status_code == 422
    assert "invisible NUL character" in page.text
    assert client.get("/api/v1/tasks").json()["items"] == []


def test_a_form_sent_in_chunks_is_checked_too(client: TestClient) -> None:
    def chunks():
        yield b"title=Call"
        yield b"%00+Ana"

    page = client.post(
        "/tasks", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )

    assert page.status_code == 422
    assert "invisible NUL character" in page.text
    assert client.get("/api/v1/tasks").json()["items"] == []


def test_an_id_of_thousands_of_digits_in_a_query_is_refused_naming_it(client: TestClient) -> None:
    listed = client.get("/api/v1/interactions", params={"person_id": "1" * 5000})

    assert problems(listed) == [
        ("person_id", "No record has an id this large; ids go up to 2,147,483,647.")
    ]


def test_a_form_a_routes_parameters_read_first_is_checked_too(client: TestClient) -> None:
    # The import endpoint takes its column map as a form field: FastAPI reads the form
    # before the check does.
    refused = client.post("/api/v1/imports", data={"mapping": "name=Na\u0000me"})

    assert problems(refused) == [("mapping", NUL)]


def test_a_multipart_form_with_a_nul_character_saves_nothing_and_names_the_field(
    client: TestClient,
) -> None:
    # A crafted request: the pages' own forms send these fields urlencoded, but a page
    # reads a multipart form as well (the import and check pages send theirs so).
    task = client.post("/tasks", files={"title": (None, "Call\u0000 Ana")})
    person = client.post(
        "/people", files={"display_name": (None, "Ana"), "notes": (None, "Met\u0000 her")}
    )
    api = client.post("/api/v1/imports", files={"mapping": (None, "name=Na\u0000me")})

    for page in (task, person):
        assert page.status_code == 422
        assert "invisible NUL character" in page.text
    assert "Notes" in person.text  # (the field, by its label)
    assert problems(api) == [("mapping", NUL)]
    assert client.get("/api/v1/tasks").json()["items"] == []
    assert client.get("/api/v1/people").json()["items"] == []
