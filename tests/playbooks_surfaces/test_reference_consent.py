"""A reference's consent is a day that has come, on the web and through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.references.models import Reference
from goodword.workspaces.models import Workspace


def test_a_consent_day_still_to_come_is_refused_beside_its_field(
    client: TestClient, session: Session, workspace: Workspace
):
    person = f.person(session, workspace.id, "Ada Lovelace")
    page = client.post(
        "/references", data={"person_id": person.id, "consent_on": "2026-11-26", "active": "1"}
    )
    assert page.status_code == 422
    assert "still to come" in page.text and 'value="2026-11-26"' in page.text
    assert session.scalar(select(func.count()).select_from(Reference)) == 0

    answer = client.post(
        "/api/v1/references", json={"person_id": person.id, "consent_on": "2026-12-01"}
    )
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["error"]["fields"]] == ["consent_on"]
    assert session.scalar(select(func.count()).select_from(Reference)) == 0

    made = client.post(
        "/api/v1/references", json={"person_id": person.id, "consent_on": "2026-11-25"}
    )
    assert made.status_code == 201
    changed = client.put(
        f"/api/v1/references/{made.json()['id']}", json={"consent_on": "2027-01-01"}
    )
    assert changed.status_code == 422
    assert (
        client.get(f"/api/v1/references/{made.json()['id']}").json()["consent_on"] == "2026-11-25"
    )
