"""Another web site cannot make changes through the user's browser (cross-site request
forgery), and the app answers only to its own names (DNS rebinding)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import factories as f
from factories import LOCAL
from goodword import config
from goodword.config import Settings
from goodword.people import service as people
from goodword.web import create_app

EVIL = "http://evil.example"


@pytest.fixture
def ada(session, workspace):
    person = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    return person


def _people(session, workspace) -> int:
    session.expire_all()
    return people.count(session, workspace_id=workspace.id)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "null"},  # a sandboxed page or a local file
        {"Origin": "http://localhost:9999"},  # another app on this machine
        {"Sec-Fetch-Site": "cross-site", "Origin": EVIL},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:9999"},
    ],
)
def test_a_change_sent_by_another_site_is_refused_and_changes_nothing(
    client, session, workspace, ada, headers
):
    page = client.post(f"/people/{ada.id}/delete", headers=headers, follow_redirects=False)
    assert page.status_code == 403
    assert "sent by another web site" in page.text
    api = client.delete(f"/api/v1/people/{ada.id}", headers=headers)
    assert api.status_code == 403 and api.json()["error"]["code"] == "forbidden"
    made = client.post("/api/v1/tasks", json={"title": "pwned"}, headers=headers)
    assert made.status_code == 403
    assert _people(session, workspace) == 1
    assert client.get("/api/v1/tasks").json()["items"] == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},  # Goodword's pages
        {"Origin": "http://localhost"},  # an older browser on Goodword's pages
        {},  # not a browser: the CLI, curl, a script
    ],
)
def test_goodwords_own_pages_and_other_programs_may_make_changes(
    client, session, workspace, ada, headers
):
    made = client.post("/api/v1/tasks", json={"title": "Call Ada"}, headers=headers)
    assert made.status_code == 201, made.text
    gone = client.post(f"/people/{ada.id}/delete", headers=headers, follow_redirects=False)
    assert gone.status_code == 303
    assert _people(session, workspace) == 0


def test_reading_is_not_refused_whoever_links_to_a_page(client, ada):
    assert client.get(
        f"/people/{ada.id}", headers={"Sec-Fetch-Site": "cross-site"}
    ).status_code == (200)


def test_a_request_addressed_to_another_name_is_refused(client, ada):
    assert client.get("/api/v1/people", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get("/api/v1/people", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/api/v1/people", headers={"Host": "[::1]:8765"}).status_code == 200


def test_the_api_refuses_another_name_in_its_own_error_shape(client):
    refused = client.get("/api/v1/people", headers={"Host": "evil.example:8765"})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert (error["code"], error["fields"]) == ("unknown_host", [])
    assert "Host header" in error["message"]
    assert "GOODWORD_ALLOWED_HOSTS" in error["message"]  # (and how to add it)
    assert refused.headers["x-frame-options"] == "DENY"


def test_a_page_refuses_another_name_with_a_page_saying_what_to_do(client):
    page = client.get("/people", headers={"Host": "mybox.local:8765"})
    assert (page.status_code, page.headers["content-type"]) == (400, "text/html; charset=utf-8")
    assert "Invalid host header" not in page.text
    assert "<title>Goodword does not answer to this name</title>" in page.text
    assert "This page was asked for as <b>mybox.local</b>" in page.text
    assert "the address <code>goodword serve</code> (or <code>make run</code>) printed" in page.text
    assert "add <code>mybox.local</code> to <code>GOODWORD_ALLOWED_HOSTS</code>" in page.text
    assert page.headers["x-frame-options"] == "DENY"
    # A name sent as markup is not taken into the page, nor one that is no host name.
    for name in ("<script>x</script>", "a b.example", "a" * 300):
        odd = client.get("/people", headers={"Host": name})
        assert odd.status_code == 400
        assert "<script>x" not in odd.text and "a b.example" not in odd.text
        assert "a" * 254 not in odd.text
        assert "This page was asked for by a name Goodword does not answer to." in odd.text


def test_the_names_the_app_answers_to(session_factory, monkeypatch) -> None:
    monkeypatch.setattr(config, "this_machine", lambda: ["laptop", "192.168.1.20"])
    assert Settings().trusted_hosts() == ["127.0.0.1", "localhost", "[::1]"]
    assert Settings(host="192.168.1.5").trusted_hosts()[-1] == "192.168.1.5"
    assert Settings(host="fd00::5").trusted_hosts()[-1] == "[fd00::5]"  # as Host gives it
    # On every address: this machine's own name and addresses (a phone on the same network
    # reaches it by address), never any name unless asked for with "*".
    assert Settings(host="0.0.0.0").trusted_hosts()[-2:] == ["laptop", "192.168.1.20"]
    assert Settings(host="0.0.0.0", allowed_hosts="*").trusted_hosts() == ["*"]
    named = Settings(host="0.0.0.0", allowed_hosts="Goodword.example:443, *.jobs.example")
    assert named.trusted_hosts()[-2:] == ["goodword.example", "*.jobs.example"]
    with pytest.raises(ValidationError, match=r"\*example.org': give host names"):
        Settings(allowed_hosts="*example.org")
    app = create_app(named, session_factory=session_factory)
    with TestClient(app, base_url="http://goodword.example") as client:
        assert client.get("/api/v1/people").status_code == 200
    with TestClient(app, base_url="http://elsewhere.example") as client:
        assert client.get("/api/v1/people").status_code == 400
    with TestClient(app, base_url=LOCAL) as client:
        assert client.get("/api/v1/people").status_code == 200
