"""Every paged list of the JSON API pages back as well as forward: each page gives `prev`,
passed back as `before`, beside `next`, passed back as `after`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.duplicates.models import DuplicateCandidate
from goodword.leads import service as leads
from goodword.leads.schemas import LeadCreate
from goodword.records import decode_cursor, encode_cursor
from goodword.references import service as references
from goodword.references.schemas import ReferenceCreate
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.workspaces.models import Workspace

API = "/api/v1"
COUNT = 5


def _people(session: Session, ws: int) -> None:
    for n in range(COUNT):
        f.person(session, ws, f"Person {n}")


def _organizations(session: Session, ws: int) -> None:
    for n in range(COUNT):
        f.organization(session, ws, f"Org {n}")


def _opportunities(session: Session, ws: int) -> None:
    for n in range(COUNT):
        f.opportunity(session, ws, role_title=f"Role {n}")


def _interactions(session: Session, ws: int) -> None:
    for n in range(COUNT):
        f.interaction(session, ws, summary=f"Talk {n}")


def _tasks(session: Session, ws: int) -> None:
    for n in range(COUNT):
        # Two undated: the pages cross from dated tasks to undated ones.
        due = date(2027, 1, 1) + timedelta(n) if n < 3 else None
        f.task(session, ws, f"Task {n}", due_date=due)


def _connections(session: Session, ws: int) -> None:
    hub = f.person(session, ws, "Hub")
    for n in range(COUNT):
        f.connection(session, ws, hub, f.person(session, ws, f"Spoke {n}"))


def _duplicates(session: Session, ws: int) -> None:
    hub = f.person(session, ws, "Sam Hub")
    for n in range(COUNT):
        spoke = f.person(session, ws, f"Sam Spoke {n}")
        session.add(
            DuplicateCandidate(
                workspace_id=ws,
                person_a_id=hub.id,
                person_b_id=spoke.id,
                score=0.5 + n / 100,
                reasons=["names alike"],
            )
        )
    session.flush()


def _merges(session: Session, ws: int) -> None:
    for n in range(COUNT):
        kept = f.person(session, ws, f"Kept {n}")
        gone = f.person(session, ws, f"Merged {n}")
        merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=gone.id)


def _due(session: Session, ws: int) -> None:
    me = f.person(session, ws, "Sam Carter", is_me=True)
    for n in range(COUNT):
        met = f.person(session, ws, f"Met {n}")
        f.connection(session, ws, me, met, kind="met_at_event", since=date(2024, 1, 1 + n))


def _referrals(session: Session, ws: int) -> None:
    for n in range(COUNT):
        person = f.person(session, ws, f"Referrer {n}")
        referrals.create(session, workspace_id=ws, data=ReferralAskCreate(person_id=person.id))


def _references(session: Session, ws: int) -> None:
    for n in range(COUNT):
        # Two of the same name: the page breaks between them.
        person = f.person(session, ws, f"Referee {min(n, 3)}")
        references.create(
            session,
            workspace_id=ws,
            data=ReferenceCreate(person_id=person.id, consent_on=date(2024, 1, 1)),
        )


def _leads(session: Session, ws: int) -> None:
    for n in range(COUNT):
        leads.create(session, workspace_id=ws, data=LeadCreate(kind="event", title=f"Lead {n}"))


def _person_connections(session: Session, ws: int) -> str:
    hub = f.person(session, ws, "Hub")
    for n in range(COUNT):
        # Closeness 3, 3, 2, 1 and none: the pages cross ties and the empty ones.
        closeness = [3, 3, 2, 1, None][n]
        f.connection(session, ws, hub, f.person(session, ws, f"Spoke {n}"), closeness=closeness)
    return f"people/{hub.id}/connections"


# Each makes a list's records, and gives its address where that names a record.
LISTS: dict[str, Callable[[Session, int], str | None]] = {
    "people": _people,
    "organizations": _organizations,
    "opportunities": _opportunities,
    "interactions": _interactions,
    "tasks": _tasks,
    "connections": _connections,
    "duplicates": _duplicates,
    "merges": _merges,
    "keep-in-touch": _due,
    "referrals": _referrals,
    "references": _references,
    "leads": _leads,
    "people/{person_id}/connections": _person_connections,
}
# What names an item, where it is not its own `id`: the person due a catch-up.
ID_OF = {"keep-in-touch": "person_id"}


@pytest.mark.parametrize("path", list(LISTS))
def test_a_list_pages_forward_then_back_to_the_same_pages(
    client: TestClient, session: Session, workspace: Workspace, path: str
) -> None:
    path = LISTS[path](session, workspace.id) or path
    session.commit()

    def ids(page: dict[str, Any]) -> list[int]:
        return [item[ID_OF.get(path, "id")] for item in page["items"]]

    page = client.get(f"{API}/{path}", params={"limit": 2}).json()
    assert page["prev"] is None
    forward = [page]
    while page["next"]:
        page = client.get(f"{API}/{path}", params={"limit": 2, "after": page["next"]}).json()
        forward.append(page)
    everything = [i for p in forward for i in ids(p)]
    assert len(everything) == len(set(everything)) and len(forward) >= 3

    back = [page]
    while page["prev"]:
        page = client.get(f"{API}/{path}", params={"limit": 2, "before": page["prev"]}).json()
        back.append(page)
    assert [ids(p) for p in back[::-1]] == [ids(p) for p in forward]
    # The first page, reached going back, leads on as it did.
    assert page["prev"] is None and page["next"] == forward[0]["next"]


@pytest.mark.parametrize("path", list(LISTS))
def test_a_damaged_before_or_both_directions_at_once_are_refused(
    client: TestClient, session: Session, workspace: Workspace, path: str
) -> None:
    path = LISTS[path](session, workspace.id) or path
    session.commit()
    first = client.get(f"{API}/{path}", params={"limit": 2}).json()

    damaged = client.get(f"{API}/{path}", params={"before": "nonsense"})
    not_a_number = client.get(f"{API}/{path}", params={"limit": "abc"})
    both = client.get(f"{API}/{path}", params={"after": first["next"], "before": first["next"]})

    assert damaged.status_code == 422
    assert [p["field"] for p in damaged.json()["error"]["fields"]] == ["before"]
    assert both.status_code == 422
    assert not_a_number.status_code == 422
    assert "not both" in both.json()["error"]["message"]


def test_the_api_document_describes_prev_and_before(client: TestClient) -> None:
    document = client.get(f"{API}/openapi.json").json()
    for path in LISTS:
        operation = document["paths"][f"{API}/{path}"]["get"]
        names = [p["name"] for p in operation["parameters"]]
        assert "before" in names and "after" in names, path
        reference = operation["responses"]["200"]["content"]["application/json"]["schema"]
        shape = document["components"]["schemas"][reference["$ref"].rsplit("/", 1)[-1]]
        assert "`before`" in shape["properties"]["prev"]["description"], path
        assert "`after`" in shape["properties"]["next"]["description"], path


@pytest.mark.parametrize("path", list(LISTS))
def test_a_cursor_from_another_list_is_refused_naming_its_field(
    client: TestClient, session: Session, workspace: Workspace, path: str
) -> None:
    path = LISTS[path](session, workspace.id) or path
    other = "people" if path == "tasks" else "tasks"
    LISTS[other](session, workspace.id)
    session.commit()
    theirs = client.get(f"{API}/{other}", params={"limit": 1}).json()["next"]

    for field in ("after", "before"):
        refused = client.get(f"{API}/{path}", params={field: theirs})

        assert refused.status_code == 422, (path, field)
        [problem] = refused.json()["error"]["fields"]
        assert problem["field"] == field
        assert f"from the {other} list" in problem["message"]


def test_a_cursor_made_before_cursors_named_their_list_still_pages(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _people(session, workspace.id)
    session.commit()
    first = client.get(f"{API}/people", params={"limit": 2}).json()
    # The same place, in the old shape: the values alone.
    old = encode_cursor(*decode_cursor(first["next"]))
    assert old != first["next"]

    page = client.get(f"{API}/people", params={"limit": 2, "after": old})

    assert page.status_code == 200
    assert (
        page.json()["items"]
        == client.get(f"{API}/people", params={"limit": 2, "after": first["next"]}).json()["items"]
    )
