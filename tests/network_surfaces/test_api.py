"""The warm-path API: ways in, the network around a person, a tie's strength, bulk import."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from factories import LOCAL
from goodword.connections.models import Connection
from goodword.people.models import Person
from network_surfaces.network_data import Net


def names(way: dict[str, Any]) -> list[str]:
    return [p["name"] for p in way["people"]]


def count(session: Session, model: Any, workspace: Any) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(model).where(model.workspace_id == workspace.id)
        )
        or 0
    )


def test_paths_to_a_person_match_the_page(client: TestClient, net: Net) -> None:
    found = client.get("/api/v1/paths", params={"to_person_id": net.dana.id})
    assert found.status_code == 200
    body = found.json()
    assert body["target"] == "Dana Li"
    assert [names(w) for w in body["paths"]] == [
        ["Mara Castillo", "Bo Jensen", "Cy Okafor", "Dana Li"],
        ["Mara Castillo", "Eve Marsh", "Dana Li"],
    ]
    best = body["paths"][0]
    assert best["introductions"] == 2
    assert best["ties"][0]["reasons"][:2] == [
        "you rate this tie 5 of 5 for closeness",
        "3 meetings in the past year, last on 20 Oct",
    ]
    assert best["first_ask"]["contact"]["name"] == "Bo Jensen"
    assert best["first_ask"]["draft"]["to"] == ["bo@example.org"]
    assert best["first_ask"]["draft"]["subject"] == "Would you introduce me to Cy Okafor?"
    assert best["first_ask"]["draft"]["body"].startswith("Hi Bo,")
    assert body["entry_points"] == []
    one = client.get("/api/v1/paths", params={"to_person_id": net.dana.id, "k": 1}).json()
    assert len(one["paths"]) == 1


def test_paths_to_an_organization_department_and_opportunity(client: TestClient, net: Net) -> None:
    sales = client.get(
        "/api/v1/paths", params={"to_organization": "Borealis Freight", "department": "sales"}
    ).json()
    assert names(sales["paths"][0]) == ["Mara Castillo", "Bo Jensen", "Yan Moss"]
    job = client.get("/api/v1/paths", params={"opportunity_id": net.borealis_job.id}).json()
    assert job["paths"] == []
    assert job["entry_points"][0]["person"]["name"] == "Yan Moss"
    assert job["entry_points"][0]["role"] == "customer"
    assert job["entry_points"][0]["approach"].startswith("Ask Yan Moss for twenty minutes")
    assert "No chain of up to three introductions" in job["message"]
    start = client.get(
        "/api/v1/paths", params={"to_person_id": net.dana.id, "from_person_id": net.eve.id}
    ).json()
    assert names(start["paths"][0]) == ["Eve Marsh", "Dana Li"]


def test_paths_refuse_a_query_without_one_target(client: TestClient, net: Net) -> None:
    none = client.get("/api/v1/paths")
    assert none.status_code == 422
    give_one = "Give one of to_person_id, to_organization or opportunity_id."
    assert none.json()["error"]["fields"] == [
        {"field": "to_person_id", "message": give_one},
        {"field": "to_organization", "message": give_one},
        {"field": "opportunity_id", "message": give_one},
    ]
    misspelt = client.get("/api/v1/paths", params={"organization": "Acme"})
    assert misspelt.status_code == 422
    # (Named with what /paths takes, as every API route names a parameter it does not take.)
    said = (
        "There is no parameter organization; /api/v1/paths takes to_person_id, "
        "to_organization, department, opportunity_id, from_person_id and k."
    )
    assert misspelt.json()["error"] == {
        "code": "invalid",
        "message": said,
        "fields": [{"field": "organization", "message": said}],
    }
    with_a_target = client.get("/api/v1/paths", params={"to_person_id": net.dana.id, "limit": 3})
    assert with_a_target.status_code == 422
    assert with_a_target.json()["error"]["fields"][0]["field"] == "limit"
    both = client.get("/api/v1/paths", params={"to_person_id": net.dana.id, "opportunity_id": 1})
    assert [item["field"] for item in both.json()["error"]["fields"]] == [
        "to_person_id",
        "opportunity_id",
    ]
    dept = client.get("/api/v1/paths", params={"department": "sales"})
    assert dept.status_code == 422
    assert dept.json()["error"]["fields"][0]["field"] == "department"
    big = client.get("/api/v1/paths", params={"to_person_id": net.dana.id, "k": 51})
    assert big.status_code == 422


def test_paths_never_reach_into_another_workspace(
    client: TestClient, session: Session, other_workspace: Any, net: Net
) -> None:
    stranger = f.person(session, other_workspace.id, "Charlie Stranger")
    job = f.opportunity(session, other_workspace.id, organization_name="Charlie Co")
    for params in (
        {"to_person_id": stranger.id},
        {"opportunity_id": job.id},
        {"to_organization": "Charlie Co"},
        {"to_person_id": net.dana.id, "from_person_id": stranger.id},
    ):
        answer = client.get("/api/v1/paths", params=params)
        assert answer.status_code == 404, params
        assert answer.json()["error"]["code"] == "not_found"


def test_the_network_around_a_person(client: TestClient, net: Net) -> None:
    body = client.get(f"/api/v1/people/{net.bo.id}/network").json()
    assert body["person"] == {
        "id": net.bo.id,
        "name": "Bo Jensen",
        "title": None,
        "organization": None,
        "center": True,
    }
    assert [n["name"] for n in body["nodes"]] == [
        "Bo Jensen",
        "Mara Castillo",
        "Yan Moss",
        "Cy Okafor",
    ]
    around = [t for t in body["ties"] if net.bo.id in (t["source"], t["target"])]
    assert [t["strength"] for t in around] == sorted((t["strength"] for t in around), reverse=True)
    assert body["total_ties"] == 3
    # Mara and Cy do not know each other, so there are no ties among Bo's contacts.
    assert len(body["ties"]) == 3
    dana = client.get(f"/api/v1/people/{net.cy.id}/network", params={"among": "false"}).json()
    assert {t["target"] for t in dana["ties"]} == {net.bo.id, net.dana.id}
    among = client.get(f"/api/v1/people/{net.dana.id}/network").json()
    pairs = {frozenset((t["source"], t["target"])) for t in among["ties"]}
    # Dana's contacts Cy and Eve: no tie between them, but each tie to Dana is there.
    assert pairs == {frozenset((net.dana.id, net.cy.id)), frozenset((net.dana.id, net.eve.id))}
    limited = client.get(f"/api/v1/people/{net.bo.id}/network", params={"limit": 1}).json()
    assert limited["shown"] == 1
    assert limited["total_ties"] == 3


def test_the_network_of_a_stranger_is_not_found(
    client: TestClient, session: Session, other_workspace: Any
) -> None:
    stranger = f.person(session, other_workspace.id, "Charlie Stranger")
    assert client.get(f"/api/v1/people/{stranger.id}/network").status_code == 404


def test_a_connection_strength_with_its_reasons(
    client: TestClient, session: Session, other_workspace: Any, net: Net
) -> None:
    body = client.get(f"/api/v1/connections/{net.bo_cy.id}/strength").json()
    assert body["person_a"]["name"] == "Bo Jensen"
    assert body["person_b"]["name"] == "Cy Okafor"
    assert body["strength"] == 0.3
    assert body["reasons"] == ["Former colleague"]
    a = f.person(session, other_workspace.id, "Charlie A")
    b = f.person(session, other_workspace.id, "Charlie B")
    theirs = f.connection(session, other_workspace.id, a, b)
    assert client.get(f"/api/v1/connections/{theirs.id}/strength").status_code == 404


def test_a_connection_strength_names_title_and_organization_as_paths_do(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    [tie] = [
        c
        for c in f.ties_of(session, workspace_id=workspace.id, person_id=net.dana.id)
        if net.cy.id in (c.person_a_id, c.person_b_id)
    ]
    body = client.get(f"/api/v1/connections/{tie.id}/strength").json()
    briefs = {
        body["person_a"]["name"]: body["person_a"],
        body["person_b"]["name"]: body["person_b"],
    }
    paths = client.get("/api/v1/paths", params={"to_person_id": net.dana.id}).json()
    dana = paths["paths"][0]["people"][-1]
    assert briefs["Dana Li"] == dana
    assert dana["title"] == "Head of Product"
    assert dana["organization"] == "Acme Robotics"
    assert briefs["Cy Okafor"]["title"] is None


def test_an_edge_list_upload_adds_people_and_ties(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    csv = (
        "a,b,kind,closeness\n"
        f"id:{net.me.id},pia@example.org,friend,4\n"
        "pia@example.org,https://www.linkedin.com/in/quinn-lo,colleague,\n"
        f"id:{net.me.id},id:{net.bo.id},friend,5\n"
    )
    answer = client.post(
        "/api/v1/connections/import", files={"file": ("club.csv", csv, "text/csv")}
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "lines": 3,
        "people_created": 2,
        "connections_created": 2,
        "already_recorded": 1,
    }
    quinn = session.scalar(
        select(Person).where(Person.workspace_id == workspace.id, Person.display_name == "quinn-lo")
    )
    assert quinn is not None
    paths = client.get("/api/v1/paths", params={"to_person_id": quinn.id}).json()
    assert names(paths["paths"][0]) == ["Mara Castillo", "pia@example.org", "quinn-lo"]


def test_a_bad_line_is_named_and_nothing_is_written(
    client: TestClient, session: Session, workspace: Any, other_workspace: Any, net: Net
) -> None:
    stranger = f.person(session, other_workspace.id, "Charlie Stranger")
    people_before = count(session, Person, workspace)
    ties_before = count(session, Connection, workspace)
    csv = (
        "a,b,kind\n"
        f"id:{net.me.id},new@example.org,friend\n"
        f"id:{net.me.id},id:{stranger.id},friend\n"
        "x@example.org,y@example.org,pen pal\n"
    )
    answer = client.post(
        "/api/v1/connections/import", files={"file": ("club.csv", csv, "text/csv")}
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    fields = {(item["field"], item["message"]) for item in error["fields"]}
    assert ("line 3", f"No person number {stranger.id}: they may have been deleted.") in fields
    assert any(field == "line 4" and "pen pal" in message for field, message in fields)
    assert "nothing was imported" in error["message"]
    assert count(session, Person, workspace) == people_before
    assert count(session, Connection, workspace) == ties_before


def test_the_strength_settings_tune_the_model(
    settings: Any, session_factory: Any, session: Session, workspace: Any, net: Net
) -> None:
    from goodword.web import create_app

    me_bo = next(
        c
        for c in f.ties_of(session, workspace_id=workspace.id, person_id=net.bo.id)
        if net.me.id in (c.person_a_id, c.person_b_id)
    )
    strengths = []
    for weight in (0.8, 0.0):
        tuned = settings.model_copy(update={"strength_closeness_weight": weight})
        with TestClient(
            create_app(tuned, session_factory=session_factory), base_url=LOCAL
        ) as client:
            body = client.get(f"/api/v1/connections/{me_bo.id}/strength").json()
            strengths.append(body["strength"])
    # With the user's rating weighing nothing, the friendship and meetings alone decide.
    assert strengths[0] > 0.9
    assert strengths[1] < strengths[0]
