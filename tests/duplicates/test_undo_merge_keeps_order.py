"""Undoing a merge gives both people their e-mail addresses, phones and web addresses in
the order they had, even when the merge removed one they shared (it comes back in its
place, not first)."""

from __future__ import annotations

import factories as f
from goodword.duplicates import merging
from goodword.people import service as people


def details(session, workspace_id, person_id):
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    return (
        [e.address for e in person.emails],
        [p.number for p in person.phones],
        [u.url for u in person.urls],
    )


def shared_last(session, workspace_id):
    a = f.person(session, workspace_id, "Ada Lovelace",
                 emails=["ada@home.example", "ada@analytical.example"],
                 phones=["+44 20 7946 0001", "+44 20 7946 0002"],
                 urls=["https://ada.example", "https://www.linkedin.com/in/ada"])  # fmt: skip
    b = f.person(session, workspace_id, "Ada King",
                 emails=["countess@lovelace.example", "ada@analytical.example"],
                 phones=["+44 20 7946 0009", "+44 20 7946 0002"],
                 urls=["https://king.example", "https://www.linkedin.com/in/ada"])  # fmt: skip
    return a, b


def test_undoing_a_merge_gives_both_their_details_in_their_order(session, workspace):
    a, b = shared_last(session, workspace.id)
    before = {p.id: details(session, workspace.id, p.id) for p in (a, b)}
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id)

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    assert details(session, workspace.id, a.id) == before[a.id]
    assert details(session, workspace.id, restored.id) == before[b.id]
    assert details(session, workspace.id, restored.id)[0] == [
        "countess@lovelace.example",
        "ada@analytical.example",
    ]


def test_a_merge_kept_before_it_noted_places_gives_the_shared_one_its_place(session, workspace):
    """Merges of version 8 and before did not note where each moved detail was: the ones
    that come back fill the places the details put back in their own places leave, in the
    order they came, so the order is as it was where the places were numbered from 0."""
    a, b = shared_last(session, workspace.id)
    before = details(session, workspace.id, b.id)
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id)
    earlier = {k: v for k, v in record.snapshot.items() if k != "places"}
    record.snapshot = {**earlier, "version": 8}
    session.flush()

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    assert details(session, workspace.id, restored.id) == before
