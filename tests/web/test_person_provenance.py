"""Where a person came from: ids a user can look up in the file, never Goodword's own keys."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.people.models import PersonSource
from goodword.workspaces.models import Workspace


def test_provenance_shows_the_source_s_ids_and_says_when_a_row_is_known_by_its_name(
    client: TestClient, session: Session, workspace: Workspace
):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    for source, file_name, key in [
        ("google", "contacts.csv", "name:ada lovelace|ada@analytical.example"),
        ("vcard", "contacts.vcf", "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"),
        ("linkedin", "Connections.csv", "https://www.linkedin.com/in/ada-lovelace"),
    ]:
        session.add(
            PersonSource(
                workspace_id=workspace.id,
                person_id=ada.id,
                source=source,
                file_name=file_name,
                external_key=key,
            )
        )
    session.flush()
    page = client.get(f"/people/{ada.id}")
    assert page.status_code == 200
    provenance = page.text.split('id="provenance"', 1)[1]
    assert "name:ada lovelace" not in provenance
    assert "none: known by name and e-mail" in provenance
    assert "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1" in provenance
    assert "https://www.linkedin.com/in/ada-lovelace" in provenance
