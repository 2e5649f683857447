"""Connections from a person's page: find the other person, add a tie, remove it."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.models import Connection, ConnectionKind
from goodword.connections.schemas import ConnectionCreate
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate
from goodword.workspaces.models import Workspace


def _person(session: Session, workspace: Workspace, name: str) -> Person:
    return people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name=name))


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Connection)) or 0


def test_the_person_page_lists_connections_from_either_end(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice, bob, carol = (_person(session, workspace, n) for n in ("Alice", "Bob", "Carol"))
    for a, b, kind in [
        (alice, bob, ConnectionKind.FRIEND),
        (carol, alice, ConnectionKind.RECRUITER),
    ]:
        connections.create(
            session,
            workspace_id=workspace.id,
            data=ConnectionCreate(person_a_id=a.id, person_b_id=b.id, kind=kind, closeness=4),
        )
    text = client.get(f"/people/{alice.id}").text
    section = text.split('id="connections"')[1].split("</ul>")[0]
    assert f'<a href="/people/{bob.id}">Bob</a>' in section
    assert f'<a href="/people/{carol.id}">Carol</a>' in section
    assert "Friend" in section and "Recruiter" in section and "closeness 4/5" in section


def test_adding_a_connection_from_the_person_page(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice, bob = _person(session, workspace, "Alice"), _person(session, workspace, "Bob")
    response = client.post(
        f"/people/{alice.id}/connections",
        data={
            "connect_q": "",
            "person_b_id": str(bob.id),
            "kind": "former_colleague",
            "closeness": "3",
            "since": "2019-06-01",
            "source": "Worked together at Acme",
        },
    )
    assert response.status_code == 200
    assert response.url.path == f"/people/{alice.id}"
    assert "Connected Alice and Bob." in response.text
    connection = session.scalar(select(Connection))
    assert connection is not None
    assert (connection.person_a_id, connection.person_b_id) == (alice.id, bob.id)
    assert connection.kind is ConnectionKind.FORMER_COLLEAGUE
    assert connection.closeness == 3
    assert connection.since is not None and connection.since.isoformat() == "2019-06-01"
    assert connection.source == "Worked together at Acme"


def test_the_find_button_lists_people_to_pick_without_javascript(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice = _person(session, workspace, "Alice Green")
    bob = _person(session, workspace, "Bob Greenwood")
    _person(session, workspace, "Carol Diaz")
    text = client.get(f"/people/{alice.id}", params={"connect_q": "green"}).text
    candidates = text.split('id="connect-candidates"')[1].split("</fieldset>")[0]
    assert f'name="person_b_id" value="{bob.id}" checked' in candidates
    assert f'value="{alice.id}"' not in candidates
    assert "Carol" not in candidates


def test_htmx_gets_only_the_candidates(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice = _person(session, workspace, "Alice Green")
    bob = _person(session, workspace, "Bob Brown")
    carol = _person(session, workspace, "Bob Black")
    response = client.get(
        f"/people/{alice.id}/connections/candidates",
        params={"connect_q": "bob"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'value="{bob.id}"' in response.text and f'value="{carol.id}"' in response.text
    assert "checked" not in response.text
    nobody = client.get(f"/people/{alice.id}/connections/candidates", params={"connect_q": "zed"})
    assert "Nobody else matches “zed”" in nobody.text
    assert 'type="number"' in nobody.text


def test_a_connection_without_the_other_person_is_refused_inline(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice = _person(session, workspace, "Alice")
    response = client.post(
        f"/people/{alice.id}/connections", data={"kind": "friend", "source": "School"}
    )
    assert response.status_code == 422
    assert 'id="e-person_b_id"' in response.text
    assert "Pick the person, or give their number." in response.text
    assert 'value="School"' in response.text
    assert _count(session) == 0


def test_a_connection_to_oneself_or_a_stranger_is_refused(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    alice = _person(session, workspace, "Alice")
    charlie = _person(session, other_workspace, "Charlie Secret")
    itself = client.post(
        f"/people/{alice.id}/connections", data={"person_b_id": str(alice.id), "kind": "friend"}
    )
    assert itself.status_code == 422
    assert "A connection joins two different people." in itself.text
    assert 'id="e-person_b_id"' in itself.text
    stranger = client.post(
        f"/people/{alice.id}/connections", data={"person_b_id": str(charlie.id), "kind": "friend"}
    )
    assert stranger.status_code == 422
    assert 'id="e-person_b_id"' in stranger.text
    assert "Charlie Secret" not in stranger.text
    bad = client.post(
        f"/people/{alice.id}/connections",
        data={"person_b_id": str(alice.id + 1), "kind": "friend", "closeness": "9"},
    )
    assert bad.status_code == 422
    assert 'id="e-closeness"' in bad.text
    assert _count(session) == 0


def test_a_duplicate_connection_is_refused_with_a_clear_message(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice, bob = _person(session, workspace, "Alice"), _person(session, workspace, "Bob")
    connections.create(
        session,
        workspace_id=workspace.id,
        data=ConnectionCreate(person_a_id=bob.id, person_b_id=alice.id, kind=ConnectionKind.FRIEND),
    )
    response = client.post(
        f"/people/{alice.id}/connections", data={"person_b_id": str(bob.id), "kind": "friend"}
    )
    assert response.status_code == 409
    assert "already have a friend connection" in response.text
    assert _count(session) == 1


def test_removing_a_connection_returns_to_the_page_it_was_removed_from(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice, bob = _person(session, workspace, "Alice"), _person(session, workspace, "Bob")
    connection = connections.create(
        session,
        workspace_id=workspace.id,
        data=ConnectionCreate(person_a_id=alice.id, person_b_id=bob.id, kind=ConnectionKind.KNOWS),
    )
    response = client.post(f"/connections/{connection.id}/delete", data={"person_id": str(bob.id)})
    assert response.status_code == 200
    assert response.url.path == f"/people/{bob.id}"
    assert "Removed the connection between Alice and Bob." in response.text
    assert _count(session) == 0


def test_a_connection_is_edited_on_its_own_page_and_removed_after_asking(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice, bob = _person(session, workspace, "Alice"), _person(session, workspace, "Bob")
    tie = connections.create(
        session,
        workspace_id=workspace.id,
        data=ConnectionCreate(person_a_id=alice.id, person_b_id=bob.id, kind=ConnectionKind.KNOWS),
    )
    connections.create(
        session,
        workspace_id=workspace.id,
        data=ConnectionCreate(person_a_id=alice.id, person_b_id=bob.id, kind=ConnectionKind.FRIEND),
    )
    session.commit()
    page = client.get(f"/people/{bob.id}").text
    assert f'href="/connections/{tie.id}/edit?person_id={bob.id}"' in page
    assert f'href="/connections/{tie.id}/delete?person_id={bob.id}"' in page
    form = client.get(f"/connections/{tie.id}/edit?person_id={bob.id}")
    assert form.status_code == 200 and "The connection between" in form.text

    saved = client.post(
        f"/connections/{tie.id}",
        data={"kind": "colleague", "closeness": "4", "since": "2020-05-01", "person_id": bob.id},
    )
    assert saved.url.path == f"/people/{bob.id}"
    assert "Saved the connection between Alice and Bob." in saved.text
    session.expire_all()
    edited = connections.get(session, workspace_id=workspace.id, connection_id=tie.id)
    assert (edited.kind, edited.closeness, edited.since) == (
        ConnectionKind.COLLEAGUE, 4, date(2020, 5, 1),
    )  # fmt: skip
    # A kind they already have is one tie already: refused beside the field, nothing changed.
    twice = client.post(f"/connections/{tie.id}", data={"kind": "friend", "person_id": bob.id})
    assert twice.status_code == 409 and "already have a friend connection" in twice.text
    session.expire_all()
    assert connections.get(session, workspace_id=workspace.id, connection_id=tie.id).kind is (
        ConnectionKind.COLLEAGUE
    )

    asked = client.get(f"/connections/{tie.id}/delete?person_id={bob.id}")
    assert asked.status_code == 200 and "Remove the connection between Alice and Bob?" in asked.text
    assert _count(session) == 2  # asking removes nothing


def test_another_workspace_s_connections_and_people_are_not_found(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    _person(session, workspace, "Alice")
    c1, c2 = _person(session, other_workspace, "Charlie"), _person(session, other_workspace, "Dee")
    theirs = connections.create(
        session,
        workspace_id=other_workspace.id,
        data=ConnectionCreate(person_a_id=c1.id, person_b_id=c2.id, kind=ConnectionKind.FRIEND),
    )
    assert client.post(f"/connections/{theirs.id}/delete").status_code == 404
    added = client.post(
        f"/people/{c1.id}/connections", data={"person_b_id": str(c2.id), "kind": "colleague"}
    )
    assert added.status_code == 404
    candidates = client.get(f"/people/{c1.id}/connections/candidates", params={"connect_q": "dee"})
    assert candidates.status_code == 404
    assert _count(session) == 1
