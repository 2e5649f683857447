"""A person saved by hand with another person's e-mail address, phone number or LinkedIn
profile is queued with them as a possible duplicate at once, as a scan would queue them."""

from __future__ import annotations

from sqlalchemy import select

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.people import service as people
from goodword.people.schemas import PersonUpdate


def queued(session, workspace_id):
    return session.scalars(
        select(DuplicateCandidate)
        .where(DuplicateCandidate.workspace_id == workspace_id)
        .order_by(DuplicateCandidate.id)
    ).all()


def test_it_queues_a_new_person_with_whoever_has_their_e_mail_address(session, workspace):
    alice = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])
    again = f.person(session, workspace.id, "Alice  CHEN", emails=["ALICE@acme.example"])

    found = duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=again.id)

    [pair] = queued(session, workspace.id)
    assert (pair.person_a_id, pair.person_b_id) == (alice.id, again.id)
    assert pair.status is CandidateStatus.OPEN
    assert pair.score == 1.0
    assert pair.reasons == ["same e-mail address (alice@acme.example)"]
    assert [(d.candidate_id, d.person_id, d.display_name) for d in found] == [
        (pair.id, alice.id, "Alice Chen")
    ]
    assert found[0].shared == ["the e-mail address alice@acme.example"]
    assert found[0].message == "Alice Chen already has the e-mail address alice@acme.example."


def test_a_phone_and_a_linkedin_profile_count_but_another_web_address_does_not(session, workspace):
    ravi = f.person(
        session,
        workspace.id,
        "Ravi Shankar",
        phones=["+1 415 555 0100"],
        urls=["linkedin.com/in/ravi", "https://acme.example"],
    )
    other = f.person(session, workspace.id, "Ravi S.", urls=["https://acme.example"])
    same = f.person(
        session,
        workspace.id,
        "Ravi Shankar",
        phones=["(415) 555-0100"],
        urls=["https://www.linkedin.com/in/ravi/"],
    )

    found = duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=same.id)
    missed = duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=other.id)

    assert [d.person_id for d in found] == [ravi.id]
    assert found[0].message == (
        "Ravi Shankar already has the phone number +1 415-555-0100 and the LinkedIn profile "
        "https://www.linkedin.com/in/ravi."
    )
    assert missed == []
    assert len(queued(session, workspace.id)) == 1


def test_two_clearly_different_names_are_queued_to_ask_as_a_scan_would(session, workspace):
    f.person(session, workspace.id, "Alice Chen", emails=["front-desk@acme.example"])
    bob = f.person(session, workspace.id, "Bob Marley", emails=["front-desk@acme.example"])

    duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=bob.id)

    [pair] = queued(session, workspace.id)
    assert pair.score < 0.7
    assert pair.reasons == ["same e-mail address (front-desk@acme.example), but the names differ"]
    # The scan finds nothing more to queue: the pair was judged as it would judge it.
    assert duplicates.find_duplicates(session, workspace_id=workspace.id).candidates_created == 0


def test_a_pair_already_queued_or_told_apart_is_left_alone(session, workspace):
    alice = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])
    again = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])
    [first] = duplicates.queue_shared_details(
        session, workspace_id=workspace.id, person_id=again.id
    )
    assert (
        duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=again.id)
        == []
    )
    duplicates.mark_not_same(session, workspace_id=workspace.id, candidate_id=first.candidate_id)

    people.update(
        session,
        workspace_id=workspace.id,
        person_id=alice.id,
        data=PersonUpdate(display_name="Alice Chen", emails=["alice@acme.example"]),
    )

    assert (
        duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=alice.id)
        == []
    )
    [pair] = queued(session, workspace.id)
    assert pair.status is CandidateStatus.NOT_SAME


def test_an_edit_that_adds_someone_else_s_address_queues_the_pair(session, workspace):
    alice = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])
    bob = f.person(session, workspace.id, "Al Chen")
    assert (
        duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=bob.id) == []
    )

    people.update(
        session,
        workspace_id=workspace.id,
        person_id=bob.id,
        data=PersonUpdate(display_name="Al Chen", emails=["Alice@acme.example"]),
    )
    found = duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=bob.id)

    assert [d.person_id for d in found] == [alice.id]


def test_another_workspace_s_people_are_never_matched(session, workspace, other_workspace):
    f.person(session, other_workspace.id, "Alice Chen", emails=["alice@acme.example"])
    alice = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])

    found = duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=alice.id)

    assert found == []
    assert queued(session, workspace.id) == []
    assert queued(session, other_workspace.id) == []


def test_the_person_s_open_pairs_say_what_they_share_or_why_else(session, workspace):
    alice = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])
    again = f.person(session, workspace.id, "Alice Chen", emails=["alice@acme.example"])
    duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=again.id)
    ally = f.person(session, workspace.id, "Ally Chen")
    session.add(
        DuplicateCandidate(
            workspace_id=workspace.id,
            person_a_id=alice.id,
            person_b_id=ally.id,
            score=0.5,
            reasons=["names 89% alike"],
        )
    )
    session.flush()

    pairs = duplicates.open_pairs(session, workspace_id=workspace.id, person=alice)

    assert [p.message for p in pairs] == [
        "Alice Chen already has the e-mail address alice@acme.example.",
        "Ally Chen may be the same person (names 89% alike).",
    ]
    assert duplicates.open_pairs(session, workspace_id=workspace.id, person=ally)[0].person_id == (
        alice.id
    )


def test_a_scan_that_merges_sure_pairs_merges_one_queued_by_hand_too(session, workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace", emails=["ada@x.example"])
    again = f.person(session, workspace.id, "Ada L.", emails=["ada@x.example"])
    duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=again.id)
    anna = f.person(session, workspace.id, "Anna Lee", emails=["lee@x.example"])
    ben = f.person(session, workspace.id, "Anne Lee", emails=["lee@x.example"])
    [told] = duplicates.queue_shared_details(session, workspace_id=workspace.id, person_id=ben.id)
    duplicates.mark_not_same(session, workspace_id=workspace.id, candidate_id=told.candidate_id)

    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)

    assert [(m.survivor_id, m.absorbed_name) for m in result.merged] == [(ada.id, "Ada L.")]
    assert result.candidates_created == 0
    assert people.count(session, workspace_id=workspace.id) == 3
    assert [(c.person_a_id, c.person_b_id) for c in queued(session, workspace.id)] == [
        (anna.id, ben.id)
    ]
