"""The people API: list with keyset pages, create, show, replace, delete, positions."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword.people.models import Person
from goodword.workspaces.models import Workspace


def test_it_creates_a_person_and_answers_201_with_the_record(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.post(
        "/api/v1/people",
        json={
            "given_name": "Grace",
            "family_name": "Hopper",
            "emails": ["Grace@Navy.example"],
            "tags": ["compilers"],
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["display_name"] == "Grace Hopper"
    assert body["emails"] == ["grace@navy.example"]
    assert body["tags"] == ["compilers"]
    assert body["positions"] == []
    assert body.pop("possible_duplicates") == []
    assert client.get(f"/api/v1/people/{body['id']}").json() == body


def test_it_pages_through_people_with_the_next_cursor(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for name in ("Cleo Abbott", "Ben Abbott", "Ann Abbott"):
        given, family = name.split()
        factories.person(session, workspace.id, name, given_name=given, family_name=family)

    first = client.get("/api/v1/people", params={"limit": 2}).json()
    second = client.get("/api/v1/people", params={"limit": 2, "after": first["next"]}).json()

    assert [p["display_name"] for p in first["items"]] == ["Ann Abbott", "Ben Abbott"]
    assert [p["display_name"] for p in second["items"]] == ["Cleo Abbott"]
    assert second["next"] is None


def test_a_damaged_cursor_is_a_422_on_after(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/api/v1/people", params={"after": "not-a-cursor"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "after"


def test_it_replaces_a_person(client: TestClient, session: Session, workspace: Workspace) -> None:
    person = factories.person(session, workspace.id, "Ada", emails=["ada@example.org"])

    response = client.put(
        f"/api/v1/people/{person.id}", json={"display_name": "Ada King", "location": "London"}
    )

    assert response.status_code == 200
    assert response.json()["display_name"] == "Ada King"
    assert response.json()["location"] == "London"
    assert response.json()["emails"] == []


def test_a_phone_extension_is_kept_in_any_way_it_is_written(
    client: TestClient, workspace: Workspace
) -> None:
    written = ["+1 415 555 0100 ext. 12", "(415) 555-0100 x34", "(415) 555-0100 #56",
               "tel:+1-415-555-0100;ext=78", "(415) 555-0100"]  # fmt: skip
    response = client.post("/api/v1/people", json={"display_name": "Ravi", "phones": written})

    assert response.status_code == 201, response.text
    stored = response.json()["phones"]
    assert stored == ["+14155550100;ext=12", "+14155550100;ext=34", "+14155550100;ext=56",
                      "+14155550100;ext=78", "+14155550100"]  # fmt: skip
    # What the API gives is what it takes.
    again = client.put(
        f"/api/v1/people/{response.json()['id']}", json={"display_name": "Ravi", "phones": stored}
    )
    assert again.status_code == 200 and again.json()["phones"] == stored


def test_the_longest_extension_fits_and_a_longer_one_is_refused(
    client: TestClient, workspace: Workspace
) -> None:
    longest = "+1 415 555 0100 extension " + "9" * 20  # the most phonenumbers reads
    response = client.post("/api/v1/people", json={"display_name": "Ravi", "phones": [longest]})
    assert response.status_code == 201, response.text
    assert response.json()["phones"] == ["+14155550100;ext=" + "9" * 20]

    longer = client.post("/api/v1/people", json={"display_name": "Ravi", "phones": [longest + "9"]})
    assert longer.status_code == 422
    [problem] = longer.json()["error"]["fields"]
    assert problem["field"] == "phones.0"
    assert problem["message"] == (
        f"'{longest}9' has too long an extension; give at most 20 digits after \"ext.\" "
        '(9 after "x" or "#")'
    )


def test_every_phone_that_cannot_be_read_is_named_with_its_value(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.post(
        "/api/v1/people",
        json={"display_name": "Ravi", "phones": ["abc", "+1 415 555 0100", "xyz", "12"]},
    )
    assert response.status_code == 422
    digits = (
        "Give a phone number in digits, such as +44 20 7946 0001 (an extension may follow, "
        "as in ext. 12)."
    )
    assert response.json()["error"]["fields"] == [
        {"field": "phones.0", "message": f"'abc': {digits}"},
        {"field": "phones.2", "message": f"'xyz': {digits}"},
        {"field": "phones.3", "message": "'12': Give at least 3 characters."},
    ]


def test_it_deletes_a_person(client: TestClient, session: Session, workspace: Workspace) -> None:
    person_id = factories.person(session, workspace.id).id

    response = client.delete(f"/api/v1/people/{person_id}")

    assert response.status_code == 204
    assert response.content == b""
    session.expire_all()
    assert session.get(Person, person_id) is None
    assert client.get(f"/api/v1/people/{person_id}").status_code == 404


def test_an_invalid_email_is_a_422_naming_the_list_item(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.post(
        "/api/v1/people", json={"display_name": "Ada", "emails": ["ada@example.org", "nope"]}
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert [f["field"] for f in error["fields"]] == ["emails.1"]


def test_an_unknown_field_is_refused(client: TestClient, workspace: Workspace) -> None:
    response = client.post("/api/v1/people", json={"display_name": "Ada", "shoe_size": 38})

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "shoe_size"


def test_a_second_me_is_a_409(client: TestClient, session: Session, workspace: Workspace) -> None:
    factories.person(session, workspace.id, "Alice", is_me=True)

    response = client.post("/api/v1/people", json={"display_name": "Also Alice", "is_me": True})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert response.json()["error"]["fields"][0]["field"] == "is_me"


def test_it_adds_and_removes_a_position(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = factories.person(session, workspace.id)

    added = client.post(
        f"/api/v1/people/{person.id}/positions",
        json={
            "organization_name": "Acme Robotics",
            "title": "Engineer",
            "start_date": "2024-02-01",
        },
    )

    assert added.status_code == 201
    assert added.json()["organization_name"] == "Acme Robotics"
    shown = client.get(f"/api/v1/people/{person.id}").json()
    assert [p["title"] for p in shown["positions"]] == ["Engineer"]

    removed = client.delete(f"/api/v1/positions/{added.json()['id']}")

    assert removed.status_code == 204
    assert client.get(f"/api/v1/people/{person.id}").json()["positions"] == []


def test_a_position_ending_before_it_starts_is_a_422(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = factories.person(session, workspace.id)

    response = client.post(
        f"/api/v1/people/{person.id}/positions",
        json={"organization_name": "Acme", "start_date": "2024-02-01", "end_date": "2023-01-01"},
    )

    assert response.status_code == 422
    assert "end_date is before start_date" in response.json()["error"]["fields"][0]["message"]


def test_it_lists_a_persons_connections(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada")
    bob = factories.person(session, workspace.id, "Bob")
    factories.connection(session, workspace.id, ada, bob, kind="colleague", closeness=4)

    response = client.get(f"/api/v1/people/{bob.id}/connections")

    assert response.status_code == 200
    [tie] = response.json()["items"]
    assert (tie["person_a_name"], tie["person_b_name"], tie["kind"]) == ("Ada", "Bob", "colleague")


def test_a_new_person_with_someone_else_s_e_mail_is_saved_and_named_as_a_possible_duplicate(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice = factories.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])

    response = client.post(
        "/api/v1/people", json={"display_name": "Alice Chen", "emails": ["Alice@Acme.example"]}
    )

    assert response.status_code == 201
    body = response.json()
    [found] = body["possible_duplicates"]
    assert found["person_id"] == alice.id
    assert found["message"] == "Alice Chen already has the e-mail address alice@acme.example."
    pair = client.get(f"/api/v1/duplicates/{found['candidate_id']}").json()
    assert (pair["person_a"]["id"], pair["person_b"]["id"]) == (alice.id, body["id"])
    assert pair["status"] == "open"


def test_replacing_a_person_s_fields_names_who_already_has_a_new_detail_once(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ravi = factories.person(session, workspace.id, "Ravi Shankar", urls=["linkedin.com/in/ravi"])
    bob = factories.person(session, workspace.id, "Bob Brown")
    fields = {"display_name": "Bob Brown", "urls": ["https://www.linkedin.com/in/ravi/"]}

    first = client.put(f"/api/v1/people/{bob.id}", json=fields)
    again = client.put(f"/api/v1/people/{bob.id}", json=fields)

    assert first.status_code == 200
    assert [d["person_id"] for d in first.json()["possible_duplicates"]] == [ravi.id]
    assert first.json()["possible_duplicates"][0]["shared"] == [
        "the LinkedIn profile https://www.linkedin.com/in/ravi"
    ]
    assert again.json()["possible_duplicates"] == []


def test_a_position_dated_outside_the_years_of_other_dates_is_a_422(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = factories.person(session, workspace.id)

    ancient = client.post(
        f"/api/v1/people/{person.id}/positions",
        json={"organization_name": "Acme", "start_date": "0201-02-01", "end_date": "9999-01-01"},
    )
    next_month = client.post(
        f"/api/v1/people/{person.id}/positions",
        json={"organization_name": "Acme", "start_date": "2199-12-01"},
    )

    assert ancient.status_code == 422
    problems = [(p["field"], p["message"]) for p in ancient.json()["error"]["fields"]]
    years = "Give a date from 1900 to 2199: is the year right?"
    assert problems == [("start_date", years), ("end_date", years)]
    # A start still to come is allowed: a job can be taken that starts next month.
    assert next_month.status_code == 201


def test_a_date_given_as_a_number_is_refused_not_read_as_1970(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    """Pydantic reads a number as seconds since 1970: "0000" and 86400 were 1 and 2 January
    1970."""
    person = factories.person(session, workspace.id)

    for given in ("0000", 86400, "86400"):
        response = client.post(
            f"/api/v1/people/{person.id}/positions",
            json={"organization_name": "Acme", "start_date": given},
        )
        assert response.status_code == 422
        problems = [(p["field"], p["message"]) for p in response.json()["error"]["fields"]]
        assert problems == [("start_date", "Give a real date, such as 2026-11-02.")]
    task = client.post("/api/v1/tasks", json={"title": "Call Ada", "due_date": 1_700_000_000})
    assert task.status_code == 422
    assert [p["field"] for p in task.json()["error"]["fields"]] == ["due_date"]
    assert client.get(f"/api/v1/people/{person.id}").json()["positions"] == []
