"""The organizations, opportunities, interactions, connections and tasks APIs."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword.workspaces.models import Workspace


def test_it_creates_lists_replaces_and_deletes_an_organization(
    client: TestClient, workspace: Workspace
) -> None:
    created = client.post(
        "/api/v1/organizations", json={"name": "Acme Robotics", "domains": ["Acme.example"]}
    )
    assert created.status_code == 201
    org_id = created.json()["id"]
    assert created.json()["domains"] == ["acme.example"]

    replaced = client.put(f"/api/v1/organizations/{org_id}", json={"name": "Acme Robots"})
    listed = client.get("/api/v1/organizations").json()
    deleted = client.delete(f"/api/v1/organizations/{org_id}")

    assert replaced.json()["name"] == "Acme Robots"
    assert [o["name"] for o in listed["items"]] == ["Acme Robots"]
    assert deleted.status_code == 204
    assert client.get(f"/api/v1/organizations/{org_id}").status_code == 404


def test_a_repeated_organization_name_is_a_409(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.organization(session, workspace.id, "Acme Robotics")

    response = client.post("/api/v1/organizations", json={"name": "ACME robotics"})

    assert response.status_code == 409
    assert response.json()["error"]["fields"] == [
        {"field": "name", "message": "An organization with this name exists; use that one."}
    ]


def test_a_name_like_another_but_for_its_legal_form_is_a_409_then_another_name_of_it(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = factories.organization(session, workspace.id, "Acme")

    refused = client.post("/api/v1/organizations", json={"name": "Acme Inc."})
    added = client.post(f"/api/v1/organizations/{acme.id}/other-names", json={"name": "Acme Inc."})
    blank = client.post(f"/api/v1/organizations/{acme.id}/other-names", json={"name": " "})

    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        f"“Acme Inc.” is Acme (id {acme.id}) but for its legal form: use that one, or add "
        "“Acme Inc.” to its other names."
    )
    again = client.post(f"/api/v1/organizations/{acme.id}/other-names", json={"name": "ACME INC."})
    assert added.status_code == again.status_code == 200
    assert (added.json()["aliases"], added.json()["name_added"]) == (["Acme Inc."], True)
    assert (again.json()["aliases"], again.json()["name_added"]) == (["Acme Inc."], False)
    assert blank.status_code == 422
    assert [o["name"] for o in client.get("/api/v1/organizations").json()["items"]] == ["Acme"]


def test_an_organization_s_other_names_find_it_wherever_a_name_is_typed(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = factories.organization(
        session, workspace.id, "Acme Robotics", aliases=["Acme", "Acme Inc."]
    )
    person = factories.person(session, workspace.id, "Alice Chen")

    job = client.post(
        "/api/v1/opportunities", json={"organization_name": "Acme Inc.", "role_title": "Analyst"}
    )
    position = client.post(
        f"/api/v1/people/{person.id}/positions", json={"organization_name": "acme"}
    )

    assert job.status_code == 201 and position.status_code == 201
    assert (job.json()["organization_id"], job.json()["organization_name"]) == (
        acme.id,
        "Acme Robotics",
    )
    assert position.json()["organization_name"] == "Acme Robotics"
    assert [o["name"] for o in client.get("/api/v1/organizations").json()["items"]] == [
        "Acme Robotics"
    ]


def test_another_name_that_means_another_organization_is_a_409(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    globex = factories.organization(session, workspace.id, "Globex")
    acme = factories.organization(session, workspace.id, "Acme Robotics")

    response = client.put(
        f"/api/v1/organizations/{acme.id}", json={"name": "Acme Robotics", "aliases": ["GLOBEX"]}
    )

    assert response.status_code == 409
    [field] = response.json()["error"]["fields"]
    assert field["field"] == "aliases"
    assert "“GLOBEX” is the name of Globex." in field["message"]
    assert response.json()["error"]["message"] == (
        f"Another organization already goes by one of these other names: Globex (id {globex.id})."
    )


def test_an_organization_in_use_cannot_be_deleted(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id)

    response = client.delete(f"/api/v1/organizations/{opportunity.organization_id}")

    assert response.status_code == 409
    assert "opportunity" in response.json()["error"]["message"]


def test_it_creates_an_opportunity_and_moves_it_to_applied(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    manager = factories.person(session, workspace.id, "Hana Haddad")
    created = client.post(
        "/api/v1/opportunities",
        json={
            "organization_name": "Acme Robotics",
            "role_title": "Product Manager",
            "pay_min": "90000",
            "pay_max": "120000.50",
            "pay_currency": "eur",
            "hiring_manager_id": manager.id,
            "route": "introduction",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["pay_currency"], body["hiring_manager_name"]) == ("EUR", "Hana Haddad")

    moved = client.post(
        f"/api/v1/opportunities/{body['id']}/stage", json={"stage": "applied", "note": "Sent"}
    )

    assert moved.status_code == 200
    assert moved.json()["stage"] == "applied"
    history = [(c["from_stage"], c["to_stage"], c["note"]) for c in moved.json()["stage_changes"]]
    assert history == [(None, "target", None), ("target", "applied", "Sent")]


def test_a_move_retried_with_its_note_is_accepted_adding_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    # A client that timed out sends the same move again: it went through the first time.
    made = factories.opportunity(session, workspace.id)
    session.commit()
    move = {"stage": "applied", "note": "Sent via the careers page"}
    first = client.post(f"/api/v1/opportunities/{made.id}/stage", json=move)
    again = client.post(f"/api/v1/opportunities/{made.id}/stage", json=move)

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["stage_changes"] == first.json()["stage_changes"]
    assert [c["to_stage"] for c in again.json()["stage_changes"]] == ["target", "applied"]
    # Another note at the same stage has no move to keep it with.
    other = client.post(
        f"/api/v1/opportunities/{made.id}/stage", json={"stage": "applied", "note": "Chased"}
    )
    assert other.status_code == 422
    assert [e["field"] for e in other.json()["error"]["fields"]] == ["note"]


def test_a_move_to_rejected_or_withdrawn_clears_the_next_step(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    step = {"next_step": "Final round prep", "next_step_due": "2026-12-01"}
    made = [
        factories.opportunity(session, workspace.id, stage="interviewing", **step) for _ in range(3)
    ]
    session.commit()

    rejected = client.post(f"/api/v1/opportunities/{made[0].id}/stage", json={"stage": "rejected"})
    withdrawn = client.post(
        f"/api/v1/opportunities/{made[1].id}/stage", json={"stage": "withdrawn"}
    )
    offer = client.post(f"/api/v1/opportunities/{made[2].id}/stage", json={"stage": "offer"})

    assert [
        (r.json()["stage"], r.json()["next_step"], r.json()["next_step_due"])
        for r in (rejected, withdrawn, offer)
    ] == [
        ("rejected", None, None),
        ("withdrawn", None, None),
        ("offer", "Final round prep", "2026-12-01"),
    ]


def test_an_organization_name_and_an_id_that_differ_are_a_422_naming_both(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.organization(session, workspace.id, "Contoso")
    fabrikam = factories.organization(session, workspace.id, "Fabrikam")
    body = {"role_title": "Analyst", "organization_id": fabrikam.id}

    refused = client.post("/api/v1/opportunities", json=body | {"organization_name": "Contoso"})
    same = client.post("/api/v1/opportunities", json=body | {"organization_name": "fabrikam"})

    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["message"] == (
        f"organization_name “Contoso” and organization_id {fabrikam.id} (Fabrikam) name "
        "different organizations; give one of them."
    )
    assert [f["field"] for f in error["fields"]] == ["organization_name", "organization_id"]
    assert same.status_code == 201
    assert same.json()["organization_name"] == "Fabrikam"
    said = ("playbook", "warning", "organization_added", "did_you_mean")  # (of the save alone)
    added = {k: v for k, v in same.json().items() if k not in said}
    assert client.get("/api/v1/opportunities").json()["items"] == [added]


def test_it_filters_opportunities_by_stage_and_shows_the_board(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.opportunity(session, workspace.id, role_title="Analyst", stage="applied")
    factories.opportunity(session, workspace.id, role_title="Designer", stage="offer")

    applied = client.get("/api/v1/opportunities", params={"stage": "applied"}).json()
    board = client.get("/api/v1/opportunities/board").json()

    assert [o["role_title"] for o in applied["items"]] == ["Analyst"]
    columns = {c["stage"]: [o["role_title"] for o in c["items"]] for c in board["columns"]}
    assert list(columns)[:3] == ["target", "researching", "introduced"]
    assert columns["applied"] == ["Analyst"]
    assert columns["offer"] == ["Designer"]


def test_an_unknown_stage_is_a_422_naming_the_stage(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id)

    response = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "won"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "stage"


def test_an_unknown_stage_filter_is_a_422(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/api/v1/opportunities", params={"stage": "won"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "stage"


def test_it_logs_an_interview_with_rapport_and_replaces_it(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    hana = factories.person(session, workspace.id, "Hana Haddad")
    omar = factories.person(session, workspace.id, "Omar Khoury")
    opportunity = factories.opportunity(session, workspace.id)
    created = client.post(
        "/api/v1/interactions",
        json={
            "occurred_at": "2026-11-03T14:00:00+01:00",
            "kind": "interview",
            "interview_round": 3,
            "opportunity_id": opportunity.id,
            "participants": [
                {"person_id": hana.id, "rapport": "clicked"},
                {"person_id": omar.id, "rapport": "good"},
            ],
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert datetime.fromisoformat(body["occurred_at"]) == datetime(2026, 11, 3, 13, tzinfo=UTC)
    stored = client.get(f"/api/v1/interactions/{body['id']}").json()
    assert datetime.fromisoformat(stored["occurred_at"]) == datetime(2026, 11, 3, 13, tzinfo=UTC)
    assert [(p["person_name"], p["rapport"]) for p in body["participants"]] == [
        ("Hana Haddad", "clicked"),
        ("Omar Khoury", "good"),
    ]

    replaced = client.put(
        f"/api/v1/interactions/{body['id']}",
        json={"occurred_at": "2026-11-03T13:00:00Z", "kind": "call", "summary": "Follow-up"},
    )
    by_person = client.get("/api/v1/interactions", params={"person_id": hana.id}).json()

    assert replaced.json()["participants"] == []
    assert replaced.json()["summary"] == "Follow-up"
    assert by_person["items"] == []


def test_a_participant_from_nowhere_is_a_422_naming_the_item(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.post(
        "/api/v1/interactions",
        json={
            "occurred_at": "2026-11-03T13:00:00Z",
            "kind": "call",
            "participants": [{"person_id": 424242}],
        },
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "participants.0.person_id"


def test_interactions_page_newest_first(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for day in (1, 2, 3):
        factories.interaction(
            session, workspace.id, occurred_at=f"2026-10-0{day}T09:00:00Z", summary="Call"
        )

    first = client.get("/api/v1/interactions", params={"limit": 2}).json()
    rest = client.get("/api/v1/interactions", params={"after": first["next"]}).json()

    assert [i["occurred_at"][:10] for i in first["items"]] == ["2026-10-03", "2026-10-02"]
    assert [i["occurred_at"][:10] for i in rest["items"]] == ["2026-10-01"]


def test_it_records_updates_and_deletes_a_connection(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada")
    bob = factories.person(session, workspace.id, "Bob")
    created = client.post(
        "/api/v1/connections",
        json={"person_a_id": ada.id, "person_b_id": bob.id, "kind": "colleague"},
    )
    assert created.status_code == 201
    connection_id = created.json()["id"]

    again = client.post(
        "/api/v1/connections",
        json={"person_a_id": bob.id, "person_b_id": ada.id, "kind": "colleague"},
    )
    updated = client.put(
        f"/api/v1/connections/{connection_id}", json={"kind": "friend", "closeness": 5}
    )
    friends = client.get("/api/v1/connections", params={"kind": "friend"}).json()
    deleted = client.delete(f"/api/v1/connections/{connection_id}")

    assert again.status_code == 409
    assert (updated.json()["kind"], updated.json()["closeness"]) == ("friend", 5)
    assert [c["id"] for c in friends["items"]] == [connection_id]
    assert deleted.status_code == 204
    assert client.get("/api/v1/connections").json()["items"] == []


def test_a_closeness_out_of_range_is_a_422(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada")
    bob = factories.person(session, workspace.id, "Bob")

    response = client.post(
        "/api/v1/connections",
        json={"person_a_id": ada.id, "person_b_id": bob.id, "kind": "friend", "closeness": 9},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "closeness"


def test_connections_page_by_id(client: TestClient, session: Session, workspace: Workspace) -> None:
    people = [factories.person(session, workspace.id, f"P{n}") for n in range(3)]
    factories.connection(session, workspace.id, people[0], people[1])
    factories.connection(session, workspace.id, people[1], people[2])

    first = client.get("/api/v1/connections", params={"limit": 1}).json()
    rest = client.get("/api/v1/connections", params={"after": first["next"]}).json()

    assert [c["person_b_name"] for c in first["items"] + rest["items"]] == ["P1", "P2"]
    assert rest["next"] is None


def test_it_creates_a_task_and_marks_it_done(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = factories.person(session, workspace.id)
    created = client.post(
        "/api/v1/tasks",
        json={"title": "Thank Ada", "due_date": "2026-11-10", "person_id": person.id},
    )
    assert created.status_code == 201
    task_id = created.json()["id"]

    done = client.post(f"/api/v1/tasks/{task_id}/status", json={"status": "done"})
    open_tasks = client.get("/api/v1/tasks", params={"status": "open"}).json()
    done_tasks = client.get("/api/v1/tasks", params={"status": "done"}).json()

    assert done.json()["status"] == "done"
    assert done.json()["completed_at"] is not None
    assert open_tasks["items"] == []
    assert [t["title"] for t in done_tasks["items"]] == ["Thank Ada"]


def test_snoozing_without_a_date_is_a_422(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id)

    response = client.post(f"/api/v1/tasks/{task.id}/status", json={"status": "snoozed"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "snoozed_until", "message": "Pick a date to snooze until."}
    ]


def test_it_replaces_and_deletes_a_task(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    task = factories.task(session, workspace.id)

    replaced = client.put(f"/api/v1/tasks/{task.id}", json={"title": "Write to Bob"})
    deleted = client.delete(f"/api/v1/tasks/{task.id}")

    assert replaced.json()["title"] == "Write to Bob"
    assert deleted.status_code == 204
    assert client.get(f"/api/v1/tasks/{task.id}").status_code == 404


def test_tasks_page_with_the_next_value(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for day in (3, 1, 2):
        factories.task(session, workspace.id, f"Task {day}", due_date=f"2026-11-0{day}")

    first = client.get("/api/v1/tasks", params={"limit": 2}).json()
    rest = client.get("/api/v1/tasks", params={"limit": 2, "after": first["next"]}).json()
    broken = client.get("/api/v1/tasks", params={"after": "two"})

    assert [t["title"] for t in first["items"] + rest["items"]] == ["Task 1", "Task 2", "Task 3"]
    assert rest["next"] is None
    assert broken.status_code == 422
    assert broken.json()["error"]["fields"][0]["field"] == "after"


def test_an_opportunity_saved_with_a_new_organization_says_so_and_what_it_may_have_meant(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    kindling = factories.organization(session, workspace.id, "Kindling Nonprofit Software")

    known = client.post(
        "/api/v1/opportunities",
        json={"role_title": "Analyst", "organization_name": "kindling nonprofit software"},
    ).json()
    mistyped = client.post(
        "/api/v1/opportunities",
        json={"role_title": "Tester", "organization_name": "Kindlng Nonprofit Software"},
    ).json()
    replaced = client.put(
        f"/api/v1/opportunities/{known['id']}",
        json={"role_title": "Analyst", "organization_name": "Initech"},
    ).json()
    moved = client.post(f"/api/v1/opportunities/{known['id']}/stage", json={"stage": "applied"})

    assert (known["organization_added"], known["did_you_mean"]) == (False, [])
    assert (mistyped["organization_added"], mistyped["did_you_mean"]) == (
        True,
        [{"id": kindling.id, "name": "Kindling Nonprofit Software"}],
    )
    assert (replaced["organization_name"], replaced["organization_added"]) == ("Initech", True)
    assert moved.json()["organization_added"] is False
