"""The API refuses an interaction, a connection or a birthday dated after today, naming the
field, and lists a person's or an opportunity's problems all in one answer. The clock is
pinned."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

import factories as f
from goodword import clock

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: NOW.date())
    monkeypatch.setattr(clock, "now", lambda: NOW)


def fields(response) -> list[dict[str, str]]:
    assert response.status_code == 422, response.text
    return response.json()["error"]["fields"]


def test_an_interaction_in_2099_is_refused(client: TestClient, session, workspace) -> None:
    carol = f.person(session, workspace.id, "Carol Díaz")
    session.commit()
    call = {"kind": "call", "participants": [{"person_id": carol.id}]}

    refused = client.post(
        "/api/v1/interactions", json=call | {"occurred_at": "2099-01-01T10:00:00"}
    )
    made = client.post("/api/v1/interactions", json=call | {"occurred_at": "2026-11-25T09:00:00Z"})
    moved = client.put(
        f"/api/v1/interactions/{made.json()['id']}",
        json=call | {"occurred_at": "2031-01-01T10:00:00Z"},
    )

    message = "That day is still to come: give the day it happened."
    assert fields(refused) == [{"field": "occurred_at", "message": message}]
    assert made.status_code == 201
    assert fields(moved) == [{"field": "occurred_at", "message": message}]
    assert len(client.get("/api/v1/interactions").json()["items"]) == 1


def test_a_connection_since_2099_is_refused(client: TestClient, session, workspace) -> None:
    alice = f.person(session, workspace.id, "Alice Chen")
    bob = f.person(session, workspace.id, "Bob Stone")
    session.commit()
    tie = {"person_a_id": alice.id, "person_b_id": bob.id, "kind": "friend"}

    refused = client.post("/api/v1/connections", json=tie | {"since": "2099-01-01"})

    assert fields(refused) == [
        {"field": "since", "message": "That day is still to come: give the day it began."}
    ]


def test_a_birthday_in_2030_is_refused(client: TestClient) -> None:
    refused = client.post("/api/v1/people", json={"display_name": "Dan", "birthday": "2030-01-01"})

    assert fields(refused) == [
        {"field": "birthday", "message": "That day is still to come: give the day they were born."}
    ]


def test_a_persons_problems_come_in_one_answer(client: TestClient) -> None:
    refused = client.post(
        "/api/v1/people",
        json={"display_name": "", "emails": ["a@@b"], "urls": ["javascript:x"]},
    )

    assert [item["field"] for item in fields(refused)] == ["emails.0", "urls.0", "display_name"]
    assert fields(refused)[2]["message"] == "Give a display name, or a given or family name."


def test_an_opportunitys_problems_come_in_one_answer(client: TestClient) -> None:
    refused = client.post(
        "/api/v1/opportunities", json={"role_title": "", "pay_min": 5, "pay_max": 1}
    )

    assert fields(refused) == [
        {"field": "role_title", "message": "Fill this in."},
        {
            "field": "organization_name",
            "message": "Name the organization (organization_name) or give its id "
            "(organization_id).",
        },
        {"field": "pay_max", "message": "pay_max is below pay_min."},
    ]


def test_a_persons_phone_is_read_in_the_workspaces_region_in_the_same_answer(
    client: TestClient, session, workspace
) -> None:
    workspace.phone_region = "DE"
    session.commit()
    ada = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    wrong = {"display_name": "", "emails": ["a@@b"], "phones": ["12345"]}

    refused = client.post("/api/v1/people", json=wrong)
    replaced = client.put(f"/api/v1/people/{ada.id}", json=wrong)
    berlin = client.post(
        "/api/v1/people", json={"display_name": "Jonas", "phones": ["030 1234567"]}
    )

    phone = (
        "'12345' is no number in region DE; write it with its country code, "
        "such as +44 20 7946 0958"
    )
    for answer in (refused, replaced):
        problems = [(item["field"], item["message"]) for item in fields(answer)]
        assert problems[0][0] == "emails.0" and problems[1] == ("phones.0", phone)
        assert problems[2][1] == "Give a display name, or a given or family name."
        assert len(problems) == 3
    assert berlin.status_code == 201 and berlin.json()["phones"] == ["+49301234567"]
    assert client.post("/api/v1/people", json=["not", "a", "person"]).status_code == 422
    assert client.post("/api/v1/people").status_code == 422


def test_true_is_no_record_id(client: TestClient, session, workspace) -> None:
    f.person(session, workspace.id, "Carol Díaz")  # (whom `true`, read as 1, could name)
    session.commit()

    refused = client.post("/api/v1/tasks", json={"title": "Call her", "person_id": True})
    wrong_way = client.post(
        "/api/v1/connections", json={"person_a_id": True, "person_b_id": False, "kind": "friend"}
    )

    message = "Give a record's id as a number, not true or false."
    assert fields(refused) == [{"field": "person_id", "message": message}]
    assert fields(wrong_way) == [
        {"field": "person_a_id", "message": message},
        {"field": "person_b_id", "message": message},
    ]
    assert client.get("/api/v1/tasks").json()["items"] == []


def test_an_id_given_as_text_or_with_a_decimal_point_is_refused_naming_the_field(
    client: TestClient, session, workspace
) -> None:
    carol = f.person(session, workspace.id, "Carol Díaz")
    dan = f.person(session, workspace.id, "Dan Ek")
    opportunity = f.opportunity(session, workspace.id)
    session.commit()
    text = f'Give a record\'s id as a number, without quotes: {carol.id}, not "{carol.id}".'
    decimal = (
        f"Give a record's id as a whole number, without a decimal point: {carol.id}, "
        f"not {float(carol.id)}."
    )

    for given, message in ((str(carol.id), text), (float(carol.id), decimal)):
        task = client.post("/api/v1/tasks", json={"title": "Call her", "person_id": given})
        assert fields(task) == [{"field": "person_id", "message": message}]
        tie = client.post(
            "/api/v1/connections",
            json={"person_a_id": given, "person_b_id": dan.id, "kind": "friend"},
        )
        assert fields(tie) == [{"field": "person_a_id", "message": message}]
        call = client.post(
            "/api/v1/interactions",
            json={
                "kind": "call",
                "occurred_at": "2026-11-25T09:00:00Z",
                "participants": [{"person_id": given}],
            },
        )
        assert fields(call) == [{"field": "participants.0.person_id", "message": message}]
        merge = client.post("/api/v1/merges", json={"survivor_id": dan.id, "absorbed_id": given})
        assert fields(merge) == [{"field": "absorbed_id", "message": message}]
        reach = client.post(
            f"/api/v1/opportunities/{opportunity.id}/playbooks/reach",
            json={"entry_person_id": given},
        )
        assert fields(reach) == [{"field": "entry_person_id", "message": message}]
    assert client.get("/api/v1/tasks").json()["items"] == []
    assert client.get("/api/v1/connections").json()["items"] == []
    # The same ids as numbers are taken.
    made = client.post("/api/v1/tasks", json={"title": "Call her", "person_id": carol.id})
    assert made.status_code == 201 and made.json()["person_id"] == carol.id


def test_a_form_still_gives_its_ids_as_text(client: TestClient, session, workspace) -> None:
    carol = f.person(session, workspace.id, "Carol Díaz")
    session.commit()
    made = client.post(
        "/tasks", data={"title": "Call her", "person_id": str(carol.id)}, follow_redirects=False
    )
    assert made.status_code == 303
    [task] = client.get("/api/v1/tasks").json()["items"]
    assert task["person_id"] == carol.id


def test_a_number_field_takes_no_true_and_a_task_no_record_zero(
    client: TestClient, session, workspace
) -> None:
    alice = f.person(session, workspace.id, "Alice Chen")
    bob = f.person(session, workspace.id, "Bob Stone")
    session.commit()

    tie = client.post(
        "/api/v1/connections",
        json={"person_a_id": alice.id, "person_b_id": bob.id, "kind": "friend", "closeness": True},
    )
    rhythm = client.put(
        f"/api/v1/people/{alice.id}",
        json={"display_name": "Alice Chen", "keep_in_touch_days": True},
    )
    nobody = client.post("/api/v1/tasks", json={"title": "Call", "person_id": 0})

    assert fields(tie) == [{"field": "closeness", "message": "Give a number, not true or false."}]
    assert fields(rhythm)[0]["field"] == "keep_in_touch_days"
    assert fields(nobody) == [
        {"field": "person_id", "message": "No person number 0: they may have been deleted."}
    ]
    assert client.get("/api/v1/tasks").json()["items"] == []
    assert client.get("/api/v1/connections").json()["items"] == []


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/keep-in-touch?within_days=3000000", "within_days"),
        ("/api/v1/keep-in-touch?within_days=-1", "within_days"),
        ("/api/v1/progress?weeks=0", "weeks"),
        ("/api/v1/progress?weeks=53", "weeks"),
        ("/api/v1/leads/1/suggestions?limit=51", "limit"),
    ],
)
def test_a_count_out_of_its_range_is_refused_not_bent(client: TestClient, url, field) -> None:
    assert [item["field"] for item in fields(client.get(url))] == [field]


def test_the_playbooks_take_no_true_for_an_id(client: TestClient, session, workspace) -> None:
    opportunity = f.opportunity(session, workspace.id)
    session.commit()
    base = f"/api/v1/opportunities/{opportunity.id}/playbooks"

    reach = client.post(f"{base}/reach", json={"entry_person_id": True})
    rejection = client.post(f"{base}/rejection", json={"target_organization_ids": [True]})

    message = "Give a record's id as a number, not true or false."
    assert fields(reach) == [{"field": "entry_person_id", "message": message}]
    assert fields(rejection) == [{"field": "target_organization_ids.0", "message": message}]
    assert client.get("/api/v1/tasks").json()["items"] == []


def test_a_link_is_a_web_address_or_refused(client: TestClient) -> None:
    script = client.post(
        "/api/v1/opportunities",
        json={
            "organization_name": "Acme",
            "role_title": "Engineer",
            "posting_url": "javascript:alert(document.cookie)",
        },
    )
    lead = client.post(
        "/api/v1/leads", json={"kind": "event", "title": "Meetup", "url": "file:///etc/passwd"}
    )
    # An address written without its scheme is a web address all the same, an intranet's
    # too; an e-mail address is none.
    bare = client.post(
        "/api/v1/leads", json={"kind": "event", "title": "Meetup", "url": "meetup.com/py-ldn"}
    )
    intranet = client.post(
        "/api/v1/leads", json={"kind": "lead", "title": "Opening", "url": "intranet/jobs/42"}
    )
    mail = client.post(
        "/api/v1/leads", json={"kind": "lead", "title": "Opening", "url": "ann@acme.example"}
    )
    # A lone word is no address: "not-a-url" names no page, though "intranet/jobs/42" does.
    word = client.post(
        "/api/v1/leads", json={"kind": "lead", "title": "Opening", "url": "not-a-url"}
    )
    none = [
        client.post("/api/v1/leads", json={"kind": "lead", "title": "Opening", "url": said})
        for said in ("N/A", "TBD", "-")
    ]

    assert fields(script) == [
        {
            "field": "posting_url",
            "message": "'javascript:alert(document.cookie)' is not a web address; write it "
            "like 'https://example.com/jobs/42'",
        }
    ]
    assert [e["field"] for e in fields(lead)] == ["url"]
    assert bare.status_code == 201, bare.text
    assert bare.json()["url"] == "https://meetup.com/py-ldn"
    assert intranet.json()["url"] == "https://intranet/jobs/42"
    assert [e["field"] for e in fields(mail)] == ["url"]
    assert fields(word) == [
        {
            "field": "url",
            "message": "'not-a-url' is not a web address; write it like 'https://example.com/jobs/42'",
        }
    ]
    assert [[e["field"] for e in fields(r)] for r in none] == [["url"]] * 3
    assert client.get("/api/v1/opportunities").json()["items"] == []


def test_a_birthday_without_its_year_is_kept_and_a_day_no_year_has_refused(
    client: TestClient,
) -> None:
    def born(day: str):
        return client.post("/api/v1/people", json={"display_name": "Dan", "birthday_no_year": day})

    kept, words, refused = born("--02-29"), born("12 Apr"), born("--02-30")
    both = client.post(
        "/api/v1/people",
        json={"display_name": "Dan", "birthday": "1990-04-12", "birthday_no_year": "--04-12"},
    )

    assert kept.status_code == 201 and kept.json()["birthday_no_year"] == "--02-29"
    assert words.json()["birthday_no_year"] == "--04-12"
    assert fields(refused) == [
        {
            "field": "birthday_no_year",
            "message": "Give the day and month, such as 12 April or --04-12.",
        }
    ]
    assert fields(both) == [
        {
            "field": "birthday_no_year",
            "message": "Give their birthday with its year or without it, not both.",
        }
    ]
