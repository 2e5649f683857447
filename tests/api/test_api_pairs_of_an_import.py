"""An import's pairs through the API: listed by import_id, told apart and put back at once."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from goodword.workspaces.models import Workspace

API = "/api/v1"


def cards(*people: tuple[str, str]) -> bytes:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{full}\r\nORG:Acme\r\nEND:VCARD\r\n"
        for uid, full in people
    ).encode()


def test_an_imports_pairs_are_listed_and_told_apart_and_put_back(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    def upload(name: str, body: bytes) -> int:
        response = client.post(f"{API}/imports", files={"files": (name, body, "text/vcard")})
        assert response.status_code == 200, response.text
        return int(response.json()["id"])

    upload("a.vcf", cards(("a1", "Maria Garcia"), ("a2", "Maria Garcia")))
    second = upload("b.vcf", cards(("b1", "Wei Chen"), ("b2", "Wei Chen"), ("b3", "Wei Chen")))
    listed = client.get(f"{API}/duplicates", params={"import_id": second}).json()
    assert listed["total"] == 3
    assert {p["person_a"]["display_name"] for p in listed["items"]} == {"Wei Chen"}
    told = client.post(f"{API}/duplicates/imports/{second}/not-same")
    assert told.json() == {"import_id": second, "changed": 3}
    assert client.get(f"{API}/duplicates").json()["total"] == 1
    apart = client.get(f"{API}/duplicates", params={"import_id": second, "status": "not_same"})
    assert apart.json()["total"] == 3
    back = client.post(f"{API}/duplicates/imports/{second}/reopen")
    assert back.json() == {"import_id": second, "changed": 3}
    assert client.get(f"{API}/duplicates").json()["total"] == 4


def test_an_import_not_kept_is_a_404(client: TestClient, workspace: Workspace) -> None:
    response = client.post(f"{API}/duplicates/imports/999/not-same")
    assert response.status_code == 404
    assert client.get(f"{API}/duplicates", params={"import_id": 999}).status_code == 404
