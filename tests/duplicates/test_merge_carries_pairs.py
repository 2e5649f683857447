"""A merge hands the absorbed person's pairs in the queue to the survivor: "not the same"
stays said, open pairs stay open; an undo puts every pair back as it was. Both backends."""

from __future__ import annotations

from sqlalchemy import select

import factories as f
from goodword.duplicates import merging
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.people import service as people
from goodword.people.schemas import PositionCreate

OPEN, NOT_SAME = CandidateStatus.OPEN, CandidateStatus.NOT_SAME


def pair_row(session, workspace_id, one, other, status=OPEN, score=0.6, why="same name"):
    a, b = sorted((one.id, other.id))
    row = DuplicateCandidate(
        workspace_id=workspace_id, person_a_id=a, person_b_id=b, score=score, reasons=[why],
        status=status,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def rows(session, workspace_id):
    """Every pair as (id, smaller person id, larger person id, status, score, reasons)."""
    session.expire_all()
    return {
        (c.id, c.person_a_id, c.person_b_id, c.status, c.score, tuple(c.reasons))
        for c in session.scalars(
            select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
        )
    }


def pairs(session, workspace_id):
    """Every pair as ({both people}, status)."""
    return {(frozenset((a, b)), status) for _, a, b, status, _, _ in rows(session, workspace_id)}


def maria(session, workspace_id, email, *, org=None, location=None):
    person = f.person(
        session, workspace_id, "Maria Lopez", given_name="Maria", family_name="Lopez",
        emails=[email], location=location,
    )  # fmt: skip
    if org:
        people.add_position(
            session, workspace_id=workspace_id, person_id=person.id,
            data=PositionCreate(organization_name=org),
        )  # fmt: skip
    return person


def test_a_pair_told_apart_stays_apart_when_one_of_them_is_merged_into_someone(session, workspace):
    ws = workspace.id
    a = maria(session, ws, "maria.a@globex.example", org="Globex")
    c = maria(session, ws, "maria.c@globex.example", org="Globex")
    x = maria(session, ws, "maria.x@home.example", location="Austin, Texas")
    duplicates.find_duplicates(session, workspace_id=ws)
    told = session.scalars(
        select(DuplicateCandidate).where(
            DuplicateCandidate.person_a_id == a.id, DuplicateCandidate.person_b_id == c.id
        )
    ).one()
    duplicates.mark_not_same(session, workspace_id=ws, candidate_id=told.id)

    merging.merge(session, workspace_id=ws, survivor_id=x.id, absorbed_id=a.id)

    assert (frozenset((x.id, c.id)), NOT_SAME) in pairs(session, ws)
    result = duplicates.find_duplicates(session, workspace_id=ws, auto_merge=True)
    assert result.merged == [] and result.candidates_created == 0
    assert people.count(session, workspace_id=ws) == 2
    assert duplicates.list_candidates(session, workspace_id=ws).items == []


def test_a_scan_does_not_merge_through_a_pair_told_apart(session, workspace):
    """Two sure pairs, A-B and A-C, with B and C told apart: whichever the scan merges
    first, the other would put B and C in one record, so it is not merged."""
    ws = workspace.id
    a = f.person(session, ws, "Ada Lovelace", emails=["ada@x.example"], phones=["+1 415 555 0101"])
    b = f.person(session, ws, "Ada Lovelace", emails=["ada@x.example"])
    c = f.person(session, ws, "Ada Lovelace", phones=["+1 415 555 0101"])
    pair_row(session, ws, b, c, status=NOT_SAME)

    result = duplicates.find_duplicates(session, workspace_id=ws, auto_merge=True)

    assert len(result.merged) == 1
    assert people.count(session, workspace_id=ws) == 2
    assert {s for _, s in pairs(session, ws)} == {NOT_SAME}
    left = {p.id for p in people.list_(session, workspace_id=ws).items}
    assert left == {a.id, b.id} or left == {a.id, c.id}


def test_a_merge_hands_the_absorbed_persons_pairs_to_the_survivor(session, workspace):
    ws = workspace.id
    keep, gone, c, d, e, g = (f.person(session, ws, n) for n in ("A", "B", "C", "D", "E", "G"))
    pair_row(session, ws, keep, gone)  # the pair merged: gone
    pair_row(session, ws, gone, c, score=0.7, why="same name and employer")  # moves over
    pair_row(session, ws, gone, d, status=NOT_SAME)  # wins over the survivor's open pair
    pair_row(session, ws, keep, d)
    pair_row(session, ws, gone, e)  # the survivor's own decision stays
    pair_row(session, ws, keep, e, status=NOT_SAME)
    pair_row(session, ws, gone, g, status=NOT_SAME)  # moves over, still told apart
    before = rows(session, ws)

    merging.merge(session, workspace_id=ws, survivor_id=keep.id, absorbed_id=gone.id)

    assert pairs(session, ws) == {
        (frozenset((keep.id, c.id)), OPEN),
        (frozenset((keep.id, d.id)), NOT_SAME),
        (frozenset((keep.id, e.id)), NOT_SAME),
        (frozenset((keep.id, g.id)), NOT_SAME),
    }
    moved = next(r for r in rows(session, ws) if {r[1], r[2]} == {keep.id, c.id})
    assert (moved[1], moved[4], moved[5]) == (keep.id, 0.7, ("same name and employer",))
    queue = duplicates.list_candidates(session, workspace_id=ws).items
    assert [(q.person_a_id, q.person_b_id) for q in queue] == [(keep.id, c.id)]

    record = session.scalars(select(Merge)).one()
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)

    assert rows(session, ws) == before


def test_undo_restores_the_queue_after_the_survivor_was_merged_on(session, workspace):
    """B into A, then A into D: undoing both, newest first, gives back every pair."""
    ws = workspace.id
    a, b, c, d = (f.person(session, ws, n) for n in ("A", "B", "C", "D"))
    pair_row(session, ws, b, c, status=NOT_SAME)
    pair_row(session, ws, b, d)
    pair_row(session, ws, a, c)
    before = rows(session, ws)

    first = merging.merge(session, workspace_id=ws, survivor_id=a.id, absorbed_id=b.id)
    assert pairs(session, ws) == {
        (frozenset((a.id, c.id)), NOT_SAME),
        (frozenset((a.id, d.id)), OPEN),
    }
    second = merging.merge(session, workspace_id=ws, survivor_id=d.id, absorbed_id=a.id)
    assert pairs(session, ws) == {(frozenset((d.id, c.id)), NOT_SAME)}

    merging.undo_merge(session, workspace_id=ws, merge_id=second.id)
    assert pairs(session, ws) == {
        (frozenset((a.id, c.id)), NOT_SAME),
        (frozenset((a.id, d.id)), OPEN),
    }
    merging.undo_merge(session, workspace_id=ws, merge_id=first.id)
    assert rows(session, ws) == before


def test_undo_keeps_a_decision_made_since_on_a_pair_the_merge_handed_over(session, workspace):
    ws = workspace.id
    a, b, c = (f.person(session, ws, n) for n in ("A", "B", "C"))
    pair_row(session, ws, b, c)
    record = merging.merge(session, workspace_id=ws, survivor_id=a.id, absorbed_id=b.id)
    (handed,) = duplicates.list_candidates(session, workspace_id=ws).items
    duplicates.mark_not_same(session, workspace_id=ws, candidate_id=handed.id)

    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)

    assert pairs(session, ws) == {
        (frozenset((b.id, c.id)), OPEN),
        (frozenset((a.id, c.id)), NOT_SAME),
    }
