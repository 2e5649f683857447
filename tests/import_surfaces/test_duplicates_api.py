"""The duplicates API: list, scan, show, merge with choices, not the same, merges, undo; and
every id route answers 404 for another workspace's records."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

import factories as f
from goodword.duplicates import merging
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.people import service as people

API = "/api/v1"


def two_johns(session, workspace_id):
    a = f.person(session, workspace_id, "John Smith", given_name="John", family_name="Smith",
                 emails=["john@work.example"], location="Leeds")  # fmt: skip
    b = f.person(
        session, workspace_id, "John Smith", given_name="John", family_name="Smith",
        emails=["john@home.example"], location="York", birthday=date(1980, 2, 3),
    )  # fmt: skip
    return a, b


def test_a_scan_queues_a_pair_that_the_list_shows_in_full(client, session, workspace):
    a, b = two_johns(session, workspace.id)
    assert client.get(f"{API}/duplicates").json() == {
        "items": [],
        "next": None,
        "prev": None,
        "total": 0,
    }
    scanned = client.post(f"{API}/duplicates/scan")
    assert scanned.status_code == 200
    assert scanned.json() == {"candidates_created": 1, "merged": []}
    body = client.get(f"{API}/duplicates").json()
    (item,) = body["items"]
    assert (item["person_a"]["id"], item["person_b"]["id"]) == (a.id, b.id)
    assert item["person_b"]["emails"] == ["john@home.example"]
    assert item["status"] == "open" and 0.35 <= item["score"] < 0.7
    shown = client.get(f"{API}/duplicates/{item['id']}").json()
    assert shown["reasons"] == item["reasons"]


def test_a_scan_can_merge_sure_pairs(client, session, workspace):
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@x.example"])
    f.person(session, workspace.id, "Ada L.", emails=["ada@x.example"])
    body = client.post(f"{API}/duplicates/scan", params={"auto_merge": "true"}).json()
    assert [m["absorbed_name"] for m in body["merged"]] == ["Ada L."]
    assert people.count(session, workspace_id=workspace.id) == 1


def test_merging_a_pair_with_choices_then_undoing_it(client, session, workspace):
    a, b = two_johns(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    response = client.post(
        f"{API}/duplicates/{candidate.id}/merge", json={"choices": {"location": "b"}}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["person"]["id"] == a.id
    assert body["person"]["emails"] == ["john@work.example", "john@home.example"]
    assert body["person"]["location"] == "York"
    assert body["person"]["birthday"] == "1980-02-03"
    merge_id = body["merge"]["id"]
    assert client.get(f"{API}/merges").json()["items"][0]["id"] == merge_id
    undone = client.post(f"{API}/merges/{merge_id}/undo")
    assert undone.status_code == 200 and undone.json()["id"] == b.id
    assert undone.json()["emails"] == ["john@home.example"]
    assert client.get(f"{API}/merges/{merge_id}").json()["undone_at"] is not None
    again = client.post(f"{API}/merges/{merge_id}/undo")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_keeping_b_makes_b_the_survivor(client, session, workspace):
    a, b = two_johns(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    body = client.post(f"{API}/duplicates/{candidate.id}/merge", json={"keep": "b"}).json()
    assert body["person"]["id"] == b.id and body["merge"]["absorbed_id"] == a.id
    assert body["person"]["location"] == "York"


def test_bad_merge_choices_are_field_errors(client, session, workspace):
    two_johns(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    response = client.post(
        f"{API}/duplicates/{candidate.id}/merge", json={"choices": {"location": "c"}}
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "choices.location"
    assert (
        client.post(f"{API}/duplicates/{candidate.id}/merge", json={"keep": "c"}).status_code == 422
    )


def test_not_the_same_closes_the_pair(client, session, workspace):
    two_johns(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    response = client.post(f"{API}/duplicates/{candidate.id}/not-same")
    assert response.status_code == 200 and response.json()["status"] == "not_same"
    assert client.get(f"{API}/duplicates").json()["items"] == []
    closed = client.get(f"{API}/duplicates", params={"status": "not_same"}).json()["items"]
    assert [c["id"] for c in closed] == [candidate.id]


def test_a_pair_told_apart_is_not_merged_saying_how_to_put_it_back_in_the_api(
    client, session, workspace
):
    two_johns(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    client.post(f"{API}/duplicates/{candidate.id}/not-same")

    refused = client.post(f"{API}/duplicates/{candidate.id}/merge", json={})

    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        "This pair was marked as two different people. To merge them, put the pair back in "
        f"the queue first (`POST {API}/duplicates/{candidate.id}/reopen`)."
    )


def three_pairs(session, workspace_id) -> list[int]:
    hub = f.person(session, workspace_id, "Sam Hub")
    pairs = [
        DuplicateCandidate(
            workspace_id=workspace_id,
            person_a_id=hub.id,
            score=0.5,
            reasons=["names alike"],
            person_b_id=f.person(session, workspace_id, f"Sam Spoke {n}").id,
        )
        for n in range(3)
    ]
    session.add_all(pairs)
    session.flush()
    return [p.id for p in pairs]


def test_several_pairs_are_told_apart_at_once_or_none(client, session, workspace, other_workspace):
    first, second, third = three_pairs(session, workspace.id)
    (theirs, *_) = three_pairs(session, other_workspace.id)

    refused = client.post(f"{API}/duplicates/not-same", json={"ids": [first, theirs, 10**6]})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["error"]["fields"]] == ["ids.1", "ids.2"]
    assert client.get(f"{API}/duplicates").json()["total"] == 3  # nothing was marked
    assert client.post(f"{API}/duplicates/not-same", json={"ids": []}).status_code == 422
    assert client.post(f"{API}/duplicates/not-same", json={"ids": [True]}).status_code == 422

    marked = client.post(f"{API}/duplicates/not-same", json={"ids": [third, first, third]})
    assert marked.status_code == 200 and marked.json() == {"marked": [third, first]}
    assert [c["id"] for c in client.get(f"{API}/duplicates").json()["items"]] == [second]
    apart = client.get(f"{API}/duplicates", params={"status": "not_same"}).json()["items"]
    assert sorted(c["id"] for c in apart) == sorted([first, third])


def test_a_pair_told_apart_is_not_merged_until_it_is_back_in_the_queue(client, session, workspace):
    two_johns(session, workspace.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    client.post(f"{API}/duplicates/{candidate.id}/not-same")
    refused = client.post(f"{API}/duplicates/{candidate.id}/merge", json={})
    assert refused.status_code == 409
    assert "marked as two different people" in refused.json()["error"]["message"]
    assert people.count(session, workspace_id=workspace.id) == 2
    client.post(f"{API}/duplicates/{candidate.id}/reopen")
    assert client.post(f"{API}/duplicates/{candidate.id}/merge", json={}).status_code == 200


def test_choosing_a_side_with_no_value_over_one_there_is_is_refused(client, session, workspace):
    two_johns(session, workspace.id)  # only the second has a birthday
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    response = client.post(
        f"{API}/duplicates/{candidate.id}/merge", json={"keep": "b", "choices": {"birthday": "b"}}
    )
    assert response.status_code == 422
    (field,) = response.json()["error"]["fields"]
    assert field == {
        "field": "choices.birthday",
        "message": "John Smith has no birthday to keep; choose the other's, or leave it out to "
        "keep the one there is.",
    }
    assert people.count(session, workspace_id=workspace.id) == 2
    kept = client.post(
        f"{API}/duplicates/{candidate.id}/merge", json={"keep": "b", "choices": {"birthday": "a"}}
    )
    assert kept.status_code == 200 and kept.json()["person"]["birthday"] == "1980-02-03"


def test_any_two_people_can_be_merged_by_id(client, session, workspace):
    a = f.person(session, workspace.id, "Grace Hopper", emails=["grace@navy.example"])
    b = f.person(session, workspace.id, "Amazing Grace", phones=["+1 412 555 0101"])
    body = client.post(f"{API}/merges", json={"survivor_id": a.id, "absorbed_id": b.id}).json()
    assert body["person"]["phones"] == ["+14125550101"]
    assert body["merge"]["reason"] == "merged by hand"
    same = client.post(f"{API}/merges", json={"survivor_id": a.id, "absorbed_id": a.id})
    assert same.status_code == 422
    assert [e["field"] for e in same.json()["error"]["fields"]] == ["absorbed_id"]
    # JSON's true is no person's id (it would be read as 1).
    truth = client.post(f"{API}/merges", json={"survivor_id": True, "absorbed_id": a.id})
    assert truth.status_code == 422
    assert [e["field"] for e in truth.json()["error"]["fields"]] == ["survivor_id"]


def test_the_list_offers_only_the_states_a_listed_pair_can_be_in(client):
    # (A merged pair leaves the queue: its merge is listed under /merges.)
    response = client.get(f"{API}/duplicates", params={"status": "merged"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "status", "message": "Choose one of: open or not_same."}
    ]


def test_a_damaged_cursor_is_a_field_error(client):
    response = client.get(f"{API}/duplicates", params={"after": "not-a-cursor"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "after"


def test_the_list_pages_with_its_cursor(client, session, workspace):
    for _ in range(3):
        f.person(session, workspace.id, "John Smith", given_name="John", family_name="Smith")
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    first = client.get(f"{API}/duplicates", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next"]
    rest = client.get(f"{API}/duplicates", params={"limit": 2, "after": first["next"]}).json()
    ids = [c["id"] for c in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 3 and rest["next"] is None
    assert first["total"] == rest["total"] == 3  # every page says how many wait in all


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/duplicates/{candidate}", None),
        ("post", "/duplicates/{candidate}/merge", {}),
        ("post", "/duplicates/{candidate}/not-same", None),
        ("get", "/merges/{merge}", None),
        ("post", "/merges/{merge}/undo", None),
        ("post", "/merges", {"survivor_id": "{a}", "absorbed_id": "{b}"}),
    ],
)
def test_another_workspaces_pairs_and_merges_are_not_found(
    client, session, other_workspace, method, path, body
):
    a, b = two_johns(session, other_workspace.id)
    c, d = two_johns(session, other_workspace.id)
    duplicates.find_duplicates(session, workspace_id=other_workspace.id)
    candidate = session.scalars(
        select(DuplicateCandidate).where(
            DuplicateCandidate.person_a_id == a.id, DuplicateCandidate.person_b_id == b.id
        )
    ).one()
    record = merging.merge(session, workspace_id=other_workspace.id, survivor_id=c.id,
                           absorbed_id=d.id)  # fmt: skip
    ids = {"candidate": candidate.id, "merge": record.id, "a": a.id, "b": b.id}
    url = API + path.format(**ids)
    if body is not None:
        body = {k: int(v.format(**ids)) if isinstance(v, str) else v for k, v in body.items()}
    response = client.request(method.upper(), url, json=body)
    if path == "/merges":  # (ids in a body: the field's error, as for ids never used)
        assert response.status_code == 422
        assert response.json()["error"]["fields"] == [
            {
                "field": "survivor_id",
                "message": f"No person number {a.id}: they may have been deleted.",
            }
        ]
    else:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert client.get(f"{API}/duplicates").json()["items"] == []
    assert client.get(f"{API}/merges").json()["items"] == []
    session.expire_all()
    assert (
        duplicates.get_candidate(
            session, workspace_id=other_workspace.id, candidate_id=candidate.id
        ).status.value
        == "open"
    )


def test_merges_come_a_page_at_a_time(client, session, workspace):
    made = []
    for n in range(3):
        a = f.person(session, workspace.id, f"Kept {n}")
        b = f.person(session, workspace.id, f"Merged {n}")
        made.append(
            merging.merge(session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id)
        )
    session.commit()
    first = client.get(f"{API}/merges", params={"limit": 2}).json()
    assert [m["id"] for m in first["items"]] == [made[2].id, made[1].id]
    rest = client.get(f"{API}/merges", params={"limit": 2, "after": first["next"]}).json()
    assert ([m["id"] for m in rest["items"]], rest["next"]) == ([made[0].id], None)
    assert client.get(f"{API}/merges", params={"after": "nonsense"}).status_code == 422
