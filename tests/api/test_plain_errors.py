"""What is wrong with an input is said in plain words, never as a type name or a regular
expression, on the API and the pages alike; and forms people paste are read."""

from __future__ import annotations

import re

import factories as f


def _problems(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {e["field"]: e["message"] for e in response.json()["error"]["fields"]}


def test_the_messages_name_what_to_give(client, session, workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    bob = f.person(session, workspace.id, "Bob Brown")
    session.commit()
    person = _problems(
        client.post("/api/v1/people", json={"display_name": "x" * 201, "phones": ["call me"]})
    )
    assert person == {
        "display_name": "Keep this to 200 characters or fewer.",
        "phones.0": "'call me': Give a phone number in digits, such as +44 20 7946 0001 (an "
        "extension may follow, as in ext. 12).",
    }
    org = _problems(client.post("/api/v1/organizations", json={"name": "A", "domains": ["a b"]}))
    assert org == {"domains.0": "'a b': Give a web domain, such as example.com."}
    tie = _problems(
        client.post(
            "/api/v1/connections",
            json={"person_a_id": ada.id, "person_b_id": bob.id, "kind": "bestie"},
        )
    )
    # The values as the API takes them.
    assert tie["kind"].startswith("Choose one of: colleague, former_colleague, ")
    untitled = _problems(client.post("/api/v1/tasks", json={}))
    assert untitled == {"title": "Fill this in."}
    task = _problems(client.post("/api/v1/tasks", json={"title": "Call", "due_date": "2026-02-30"}))
    assert task == {"due_date": "Give a real date, such as 2026-11-02."}
    for message in (*person.values(), *org.values(), *tie.values(), *task.values()):
        assert not re.search(r"String should|Input should|\^|\$'", message), message


def test_a_pasted_web_address_is_a_domain(client):
    org = client.post(
        "/api/v1/organizations", json={"name": "Acme", "domains": ["https://www.Acme.com/jobs"]}
    )
    assert org.status_code == 201 and org.json()["domains"] == ["acme.com"]


def test_the_pages_say_it_in_the_same_words(client):
    page = client.post("/organizations", data={"name": "Acme", "domains": "not a domain"})
    assert page.status_code == 422
    assert "Give a web domain, such as example.com." in page.text
    assert "should match pattern" not in page.text


def test_a_name_of_invisible_or_control_characters_is_refused(client):
    for name, says in (
        ("\u200b", "Give a name with letters or digits in it."),
        ("A\u0001da", "invisible control characters"),
        ("\u202eadA", "invisible control characters"),  # shows as "Ada" reversed
    ):
        problems = _problems(client.post("/api/v1/people", json={"display_name": name}))
        assert says in problems["display_name"], name
        assert says in _problems(client.post("/api/v1/organizations", json={"name": name}))["name"]
    for fine in ("Ṣọ̀lá Adéyẹmí", "👩\u200d💻 Dev Team", "李小龍"):
        assert client.post("/api/v1/people", json={"display_name": fine}).status_code == 201
