"""Finding, merging (keeping everything), undoing and refusing duplicates, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

import factories as f
from goodword.connections.models import Connection
from goodword.duplicates import merging
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.interactions.models import Interaction, Participant
from goodword.people import service as people
from goodword.people.models import Person, PersonSource
from goodword.people.schemas import PersonUpdate, PositionCreate
from goodword.search import service as search


def pair(session, workspace_id):
    """Two records of one person, each with things the other lacks."""
    a = f.person(
        session, workspace_id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
        emails=["ada@analytical.example"], phones=["+44 20 7946 0001"], tags=["mentor"],
        notes="Met at the Babbage salon.",
    )  # fmt: skip
    b = f.person(
        session, workspace_id, "Ada King", given_name="Ada", family_name="King",
        emails=["ada@analytical.example", "countess@lovelace.example"],
        urls=["https://www.linkedin.com/in/ada-king"], tags=["math", "mentor"],
        location="London", birthday=date(1815, 12, 10), notes="Writes about engines.",
    )  # fmt: skip
    people.add_position(
        session, workspace_id=workspace_id, person_id=b.id,
        data=PositionCreate(organization_name="Analytical Engines", title="Analyst"),
    )  # fmt: skip
    session.add(PersonSource(workspace_id=workspace_id, person_id=b.id, source="vcard",
                             external_key="uid-1"))  # fmt: skip
    return a, b


def test_merging_keeps_everything_of_both(session, workspace):
    a, b = pair(session, workspace.id)
    friend = f.person(session, workspace.id, "Grace Hopper")
    f.connection(session, workspace.id, b, friend, kind="friend")
    f.connection(session, workspace.id, a, b, kind="knows")  # becomes a tie with oneself
    meeting = f.interaction(
        session, workspace.id, participants=[{"person_id": a.id}, {"person_id": b.id}]
    )
    chat = f.interaction(session, workspace.id, participants=[{"person_id": b.id}])
    task = f.task(session, workspace.id, person_id=b.id)
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id,
        choices={"location": "b"},
    )  # fmt: skip
    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert [e.address for e in ada.emails] == [
        "ada@analytical.example",
        "countess@lovelace.example",
    ]
    assert [p.number for p in ada.phones] == ["+442079460001"]
    assert [u.url for u in ada.urls] == ["https://www.linkedin.com/in/ada-king"]
    assert [(p.organization.name, p.title) for p in ada.positions] == [
        ("Analytical Engines", "Analyst")
    ]
    assert ada.tags == ["mentor", "math"]
    assert ada.location == "London"
    assert ada.birthday == date(1815, 12, 10)
    # The name not kept stays, so a search by it still finds her.
    assert ada.notes == (
        "Met at the Babbage salon.\n\nWrites about engines.\n\nAlso known as Ada King"
    )
    assert ada.display_name == "Ada Lovelace"
    assert [(s.source, s.external_key) for s in ada.sources] == [("vcard", "uid-1")]
    ties = session.scalars(select(Connection)).all()
    assert [(c.person_a_id, c.person_b_id) for c in ties] == [(a.id, friend.id)]
    assert {p.interaction_id for p in session.scalars(select(Participant))} == {
        meeting.id, chat.id,
    }  # fmt: skip
    assert session.scalar(select(func.count()).select_from(Participant)) == 2
    session.refresh(task)
    assert task.person_id == a.id
    assert session.get(Person, b.id) is None
    assert record.survivor_id == a.id and record.absorbed_id == b.id
    hits = search.search(session, workspace_id=workspace.id, query="countess")
    assert [(h.record_id, h.title) for h in hits] == [(a.id, "Ada Lovelace")]


def test_undo_restores_the_absorbed_person_and_what_moved(session, workspace):
    a, b = pair(session, workspace.id)
    friend = f.person(session, workspace.id, "Grace Hopper")
    f.connection(session, workspace.id, b, friend, kind="friend")
    f.connection(session, workspace.id, a, b, kind="knows")
    meeting = f.interaction(
        session, workspace.id, participants=[{"person_id": a.id}, {"person_id": b.id}]
    )
    before_a = people.to_read(people.get(session, workspace_id=workspace.id, person_id=a.id))
    before_b = people.to_read(people.get(session, workspace_id=workspace.id, person_id=b.id))
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    assert restored.id == b.id
    session.expire_all()
    after_a = people.to_read(people.get(session, workspace_id=workspace.id, person_id=a.id))
    after_b = people.to_read(people.get(session, workspace_id=workspace.id, person_id=b.id))
    ignore = {"updated_at", "positions"}
    assert after_a.model_dump(exclude=ignore) == before_a.model_dump(exclude=ignore)
    assert after_b.model_dump(exclude=ignore) == before_b.model_dump(exclude=ignore)
    assert [p.id for p in after_b.positions] == [p.id for p in before_b.positions]
    ties = {
        (c.person_a_id, c.person_b_id, c.kind.value) for c in session.scalars(select(Connection))
    }
    assert ties == {(b.id, friend.id, "friend"), (a.id, b.id, "knows")}
    people_in_meeting = {
        p.person_id for p in session.scalars(
            select(Participant).where(Participant.interaction_id == meeting.id)
        )
    }  # fmt: skip
    assert people_in_meeting == {a.id, b.id}
    assert session.get(Merge, record.id).undone_at is not None
    hits = search.search(session, workspace_id=workspace.id, query="countess")
    assert [h.record_id for h in hits] == [b.id]
    with pytest.raises(Conflict):
        merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)


def test_the_writer_of_a_group_message_follows_a_merge_and_its_undo(session, workspace):
    a, b = pair(session, workspace.id)
    grace = f.person(session, workspace.id, "Grace Hopper")
    message = f.interaction(
        session, workspace.id, kind="message", direction="inbound", writer_id=b.id,
        participants=[{"person_id": b.id}, {"person_id": grace.id}],
    )  # fmt: skip
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    session.expire_all()
    assert session.get(Interaction, message.id).writer_id == a.id
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    session.expire_all()
    assert session.get(Interaction, message.id).writer_id == b.id


def test_a_keep_in_touch_rhythm_set_on_either_is_kept_and_undone(session, workspace):
    a, b = pair(session, workspace.id)
    b.keep_in_touch_days = 30
    session.flush()
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    assert people.get(session, workspace_id=workspace.id, person_id=a.id).keep_in_touch_days == 30
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    session.expire_all()
    assert session.get(Person, a.id).keep_in_touch_days is None
    assert session.get(Person, b.id).keep_in_touch_days == 30


def test_merging_and_undoing_keep_a_number_and_its_extensions_apart(session, workspace):
    a = f.person(session, workspace.id, "Ravi Shankar", phones=["+1 415 555 0100"])
    b = f.person(session, workspace.id, "Ravi S.", phones=["+1 415 555 0100 ext. 12",
                                                            "+1 415 555 0100"])  # fmt: skip
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    session.expire_all()
    ravi = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert [p.number for p in ravi.phones] == ["+14155550100", "+14155550100;ext=12"]
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    session.expire_all()
    back = people.get(session, workspace_id=workspace.id, person_id=b.id)
    assert [p.number for p in back.phones] == ["+14155550100;ext=12", "+14155550100"]
    kept = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert [p.number for p in kept.phones] == ["+14155550100"]


def test_undo_brings_them_back_under_a_new_id_when_theirs_was_given_out_again(session, workspace):
    """Before migration 0033 SQLite handed out the largest id again once its row was gone:
    someone added after a merge made then may hold the absorbed person's id, and a new tie
    the removed tie's id."""
    friend = f.person(session, workspace.id, "Grace Hopper")
    a, b = pair(session, workspace.id)  # b is the newest person
    f.connection(session, workspace.id, b, friend, kind="friend")
    knows = f.connection(session, workspace.id, a, b, kind="knows")  # removed by the merge
    old_b, old_tie = b.id, knows.id
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    f.give_ids_out_again(session, people=old_b, connections=old_tie)
    newcomer = f.person(session, workspace.id, "Katherine Johnson")
    tie = f.connection(session, workspace.id, newcomer, friend, kind="colleague")
    assert newcomer.id == old_b  # the id was given out again

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    assert restored.id not in (a.id, newcomer.id)
    assert restored.display_name == "Ada King"
    assert {e.address for e in restored.emails} == {
        "ada@analytical.example", "countess@lovelace.example",
    }  # fmt: skip
    assert [p.organization.name for p in restored.positions] == ["Analytical Engines"]
    assert [s.external_key for s in restored.sources] == ["uid-1"]
    kept = people.get(session, workspace_id=workspace.id, person_id=newcomer.id)
    assert kept.display_name == "Katherine Johnson" and kept.emails == []
    ties = {
        (c.person_a_id, c.person_b_id, c.kind.value) for c in session.scalars(select(Connection))
    }
    assert ties == {
        (restored.id, friend.id, "friend"),
        (a.id, restored.id, "knows"),
        (tie.person_a_id, tie.person_b_id, "colleague"),
    }
    assert session.get(Merge, record.id).absorbed_id == restored.id
    hits = search.search(session, workspace_id=workspace.id, query="countess")
    assert [h.record_id for h in hits] == [restored.id]


def test_undo_keeps_what_was_edited_since_and_finds_details_saved_anew(session, workspace):
    """An edit after the merge saves the survivor's e-mails as new rows and changes a field:
    the undo gives the absorbed person their addresses back and keeps the edit."""
    a, b = pair(session, workspace.id)
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id, choices={"location": "b"})  # fmt: skip
    merged = people.to_read(people.get(session, workspace_id=workspace.id, person_id=a.id))
    edit = merged.model_dump(include=set(PersonUpdate.model_fields) - {"birthday"})
    edit.update(location="Paris", birthday=merged.birthday)
    people.update(session, workspace_id=workspace.id, person_id=a.id,
                  data=PersonUpdate(**edit))  # fmt: skip

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert ada.location == "Paris"  # edited after the merge: the edit stands
    assert ada.birthday is None and ada.notes == "Met at the Babbage salon."  # put back
    assert [e.address for e in ada.emails] == ["ada@analytical.example"]
    assert [u.url for u in ada.urls] == []
    assert sorted(e.address for e in restored.emails) == [
        "ada@analytical.example", "countess@lovelace.example",
    ]  # fmt: skip
    assert [u.url for u in restored.urls] == ["https://www.linkedin.com/in/ada-king"]
    assert restored.location == "London"


def test_undo_keeps_the_sort_name_in_step_with_the_name_fields(session, workspace):
    a, b = pair(session, workspace.id)
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id, choices={"family_name": "b"})  # fmt: skip
    merged = people.to_read(people.get(session, workspace_id=workspace.id, person_id=a.id))
    assert merged.family_name == "King"
    edit = merged.model_dump(include=set(PersonUpdate.model_fields) - {"birthday"})
    edit.update(given_name="Augusta", birthday=merged.birthday)
    people.update(session, workspace_id=workspace.id, person_id=a.id,
                  data=PersonUpdate(**edit))  # fmt: skip

    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert (ada.given_name, ada.family_name) == ("Augusta", "Lovelace")
    assert ada.sort_name == people.person_sort_name(ada.display_name, "Augusta", "Lovelace")


def test_merges_into_one_person_are_undone_newest_first(session, workspace):
    a, b = pair(session, workspace.id)
    c = f.person(session, workspace.id, "Ada L.", location="Bath", emails=["al@bath.example"])
    first = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                          absorbed_id=b.id, choices={"location": "b"})  # fmt: skip
    second = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=c.id, choices={"location": "b"})  # fmt: skip
    with pytest.raises(Conflict, match=f"merge {second.id}"):
        merging.undo_merge(session, workspace_id=workspace.id, merge_id=first.id)
    assert session.get(Merge, first.id).undone_at is None

    merging.undo_merge(session, workspace_id=workspace.id, merge_id=second.id)
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=first.id)

    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert (ada.location, ada.birthday) == (None, None)
    assert [e.address for e in ada.emails] == ["ada@analytical.example"]
    assert people.count(session, workspace_id=workspace.id) == 3


def test_an_undone_merge_keeps_naming_whom_it_kept_when_they_are_merged_the_other_way(
    session, workspace
):
    a, b = pair(session, workspace.id)
    first = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id)
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=first.id)
    b_again = session.get(Merge, first.id).absorbed_id
    second = merging.merge(
        session, workspace_id=workspace.id, survivor_id=b_again, absorbed_id=a.id
    )
    session.expire_all()
    old = merging.merge_to_read(session.get(Merge, first.id))
    # Not "b into b": the person it kept is gone, and named as they were.
    assert (old.survivor_id, old.absorbed_id, old.survivor_name) == (None, b_again, a.display_name)

    merging.undo_merge(session, workspace_id=workspace.id, merge_id=second.id)
    session.expire_all()
    back = session.get(Merge, second.id).absorbed_id
    assert session.get(Merge, first.id).survivor_id == back
    assert people.get(session, workspace_id=workspace.id, person_id=back).display_name == (
        old.survivor_name
    )


def aiko_merged(session, workspace) -> tuple[Person, Merge]:
    """Aiko Tanaka, with her name in kanji (a card of its own) merged into her."""
    aiko = f.person(session, workspace.id, "Aiko Tanaka", notes="Met in Osaka.")
    kanji = f.person(session, workspace.id, "田中 愛子")
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=aiko.id, absorbed_id=kanji.id
    )
    session.expire_all()
    return people.get(session, workspace_id=workspace.id, person_id=aiko.id), record


def test_a_name_in_another_script_is_still_found_after_the_merge_and_gone_after_undo(
    session, workspace
):
    kept, record = aiko_merged(session, workspace)
    assert kept.notes == "Met in Osaka.\n\nAlso known as 田中 愛子"
    hits = search.search(session, workspace_id=workspace.id, query="田中", kinds=("person",))
    assert [h.record_id for h in hits] == [kept.id]

    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    session.expire_all()
    assert people.get(session, workspace_id=workspace.id, person_id=kept.id).notes == (
        "Met in Osaka."
    )
    hits = search.search(session, workspace_id=workspace.id, query="田中", kinds=("person",))
    assert [h.title for h in hits] == ["田中 愛子"]


def test_undo_takes_out_the_name_it_wrote_even_when_the_notes_changed_since(session, workspace):
    kept, record = aiko_merged(session, workspace)
    kept.notes += "\n\nCalled on 3 May."
    session.flush()
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    session.expire_all()
    assert people.get(session, workspace_id=workspace.id, person_id=kept.id).notes == (
        "Met in Osaka.\n\nCalled on 3 May."
    )


def test_a_merge_whose_notes_together_pass_what_notes_hold_is_refused_or_asked(session, workspace):
    one = f.person(session, workspace.id, "Pat One", emails=["pat@x.example"], notes="N" * 60_000)
    two = f.person(session, workspace.id, "Pat One", phones=["+1 415 555 0100"],
                   notes="M" * 60_000)  # fmt: skip
    with pytest.raises(InvalidInput, match="Their notes together are 120,002 characters"):
        merging.merge(session, workspace_id=workspace.id, survivor_id=one.id, absorbed_id=two.id)
    assert people.count(session, workspace_id=workspace.id) == 2
    # Keeping one side's notes only fits.
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=one.id,
                           absorbed_id=two.id, choices={"notes": "a"})  # fmt: skip
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    # A scan that would merge them without asking asks instead.
    found = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert found.merged == [] and people.count(session, workspace_id=workspace.id) == 2
    assert session.scalars(select(DuplicateCandidate)).all()


def test_the_person_kept_keeps_their_first_email_phone_and_web_address_first(session, workspace):
    old = f.person(session, workspace.id, "Old Rec", emails=["old@x.example"],
                   phones=["+1 415 555 0100"], urls=["https://old.example"])  # fmt: skip
    new = f.person(session, workspace.id, "New Rec", emails=["new@x.example"],
                   phones=["+1 415 555 0199"], urls=["https://new.example"])  # fmt: skip
    merging.merge(session, workspace_id=workspace.id, survivor_id=new.id, absorbed_id=old.id)
    session.expire_all()
    kept = people.get(session, workspace_id=workspace.id, person_id=new.id)
    assert [e.address for e in kept.emails] == ["new@x.example", "old@x.example"]
    assert [p.number for p in kept.phones] == ["+14155550199", "+14155550100"]
    assert [u.url for u in kept.urls] == ["https://new.example", "https://old.example"]
    assert [e.position for e in kept.emails] == [0, 1]


def test_merging_the_user_keeps_the_user(session, workspace):
    me = f.person(session, workspace.id, "Alice Example", is_me=True)
    copy = f.person(session, workspace.id, "Alice E.")
    merging.merge(session, workspace_id=workspace.id, survivor_id=copy.id, absorbed_id=me.id)
    assert people.get_me(session, workspace_id=workspace.id).id == copy.id


def test_a_scan_brings_a_waiting_pairs_reasons_up_to_date(session, workspace):
    ann = f.person(session, workspace.id, "Ann Lee", given_name="Ann", family_name="Lee")
    other = f.person(session, workspace.id, "Ann Lee", given_name="Ann", family_name="Lee",
                     location="London")  # fmt: skip
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    (pair,) = session.scalars(select(DuplicateCandidate)).all()
    before = (pair.score, list(pair.reasons))
    assert not any("phone" in why for why in before[1])
    phone = PersonUpdate(display_name="Ann Lee", phones=["+44 20 7946 0001"])
    for person in (ann, other):
        people.update(session, workspace_id=workspace.id, person_id=person.id, data=phone)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    session.expire_all()
    (pair,) = session.scalars(select(DuplicateCandidate)).all()
    assert any("phone" in why for why in pair.reasons) and pair.score > before[0]


def test_find_duplicates_queues_pairs_once(session, workspace):
    f.person(session, workspace.id, "John Smith", given_name="John", family_name="Smith")
    f.person(session, workspace.id, "John Smith", given_name="John", family_name="Smith")
    f.person(session, workspace.id, "Hedy Lamarr", given_name="Hedy", family_name="Lamarr")
    result = duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert result.candidates_created == 1 and result.merged == []
    again = duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert again.candidates_created == 0
    page = duplicates.list_candidates(session, workspace_id=workspace.id)
    (candidate,) = page.items
    shown = duplicates.candidate_to_read(session, candidate)
    assert (shown.person_a.display_name, shown.person_b.display_name) == (
        "John Smith", "John Smith",
    )  # fmt: skip


def test_find_duplicates_keeps_people_on_one_switchboard_apart(session, workspace):
    ravi = f.person(session, workspace.id, "Ravi Shankar", phones=["+1 415 555 0100 ext. 12"])
    f.person(session, workspace.id, "Mei Tanaka", phones=["(415) 555-0100 x34"])
    f.person(session, workspace.id, "Olu Adeyemi", phones=["(415) 555-0100"])
    again = f.person(session, workspace.id, "R. Shankar", phones=["tel:+1-415-555-0100;ext=12"])
    result = duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert result.candidates_created == 1
    (candidate,) = session.scalars(select(DuplicateCandidate)).all()
    assert {candidate.person_a_id, candidate.person_b_id} == {ravi.id, again.id}
    assert candidate.reasons == ["same phone number (+1 415-555-0100 ext. 12)"]


def test_find_duplicates_can_merge_confident_pairs(session, workspace):
    a = f.person(session, workspace.id, "Ada Lovelace", emails=["ada@x.example"])
    f.person(session, workspace.id, "Ada L.", emails=["ada@x.example"])
    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert [(m.survivor_id, m.absorbed_name) for m in result.merged] == [(a.id, "Ada L.")]
    assert people.count(session, workspace_id=workspace.id) == 1


def test_find_duplicates_asks_about_a_shared_address_between_different_names(session, workspace):
    anna = f.person(session, workspace.id, "Anna Lee", emails=["leefamily@example.com"])
    ben = f.person(session, workspace.id, "Ben Lee", emails=["leefamily@example.com"])
    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert result.merged == [] and result.candidates_created == 1
    (candidate,) = session.scalars(select(DuplicateCandidate)).all()
    assert {candidate.person_a_id, candidate.person_b_id} == {anna.id, ben.id}
    assert candidate.reasons == [
        "same e-mail address (leefamily@example.com), but the names differ"
    ]
    assert people.count(session, workspace_id=workspace.id) == 2


def test_marking_not_the_same_keeps_them_apart(session, workspace):
    f.person(session, workspace.id, "John Smith", given_name="John", family_name="Smith")
    f.person(session, workspace.id, "John Smith", given_name="John", family_name="Smith")
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    duplicates.mark_not_same(session, workspace_id=workspace.id, candidate_id=candidate.id)
    assert candidate.status is CandidateStatus.NOT_SAME
    assert duplicates.list_candidates(session, workspace_id=workspace.id).items == []
    assert duplicates.find_duplicates(session, workspace_id=workspace.id).candidates_created == 0


def test_a_person_cannot_be_merged_with_themself(session, workspace):
    a = f.person(session, workspace.id, "Ada Lovelace")
    with pytest.raises(InvalidInput):
        merging.merge(session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=a.id)


def test_bad_choices_are_field_errors(session, workspace):
    a, b = pair(session, workspace.id)
    with pytest.raises(InvalidInput) as caught:
        merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                      absorbed_id=b.id, choices={"location": "c"})  # fmt: skip
    assert caught.value.fields[0].field == "location"


def test_another_workspace_cannot_merge_or_see_alices_people(session, workspace, other_workspace):
    a, b = pair(session, workspace.id)
    with pytest.raises(NotFound):
        merging.merge(session, workspace_id=other_workspace.id, survivor_id=a.id,
                      absorbed_id=b.id)  # fmt: skip
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    with pytest.raises(NotFound):
        merging.undo_merge(session, workspace_id=other_workspace.id, merge_id=record.id)
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert duplicates.list_candidates(session, workspace_id=other_workspace.id).items == []


def test_a_job_of_the_absorbed_person_the_survivor_holds_already_is_one_job(session, workspace):
    # "Northwind" with no title is "Recruiter at Northwind"; "Analyst" is "Data Analyst";
    # a job the survivor has left (for Globex) is not made current again by the other's
    # undated copy of it. The undo gives each copy back. (Globex ended the Initech job; the
    # merge ends the undated Hooli job, as Globex's is dated: `current_job.rule`.)
    ws = workspace.id

    def job(person, org, title=None, **dates):
        people.add_position(
            session, workspace_id=ws, person_id=person.id,
            data=PositionCreate(organization_name=org, title=title, **dates),
        )  # fmt: skip

    marcus, webb = f.person(session, ws, "Marcus Webb Jr."), f.person(session, ws, "Marcus Webb")
    job(marcus, "Northwind", "Recruiter", start_date=date(2019, 1, 1), end_date=date(2024, 5, 1),
        is_current=False)  # fmt: skip
    job(marcus, "Initech", "Data Analyst")
    job(marcus, "Globex", "Talent Lead", start_date=date(2024, 5, 1))
    job(webb, "Northwind")
    job(webb, "Initech", "Analyst")
    job(webb, "Hooli", "Advisor")
    before = people.to_read(people.get(session, workspace_id=ws, person_id=webb.id))

    record = merging.merge(session, workspace_id=ws, survivor_id=marcus.id, absorbed_id=webb.id)

    session.expire_all()
    kept = people.get(session, workspace_id=ws, person_id=marcus.id)
    jobs = sorted((p.organization.name, p.title, p.is_current) for p in kept.positions)
    assert jobs == [
        ("Globex", "Talent Lead", True), ("Hooli", "Advisor", False),
        ("Initech", "Data Analyst", False), ("Northwind", "Recruiter", False),
    ]  # fmt: skip
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    session.expire_all()
    after = people.to_read(people.get(session, workspace_id=ws, person_id=webb.id))
    assert after.positions == before.positions
    survivor = people.get(session, workspace_id=ws, person_id=marcus.id)
    assert len(survivor.positions) == 3


def test_a_job_of_the_absorbed_person_that_is_another_job_is_kept(session, workspace):
    ws = workspace.id
    vp, president = f.person(session, ws, "Ann Lee"), f.person(session, ws, "Ann Lee")
    for person, title in ((vp, "Vice President"), (president, "President")):
        people.add_position(
            session, workspace_id=ws, person_id=person.id,
            data=PositionCreate(organization_name="Acme", title=title),
        )  # fmt: skip
    merging.merge(session, workspace_id=ws, survivor_id=vp.id, absorbed_id=president.id)
    session.expire_all()
    kept = people.get(session, workspace_id=ws, person_id=vp.id)
    assert sorted(p.title for p in kept.positions) == ["President", "Vice President"]


def test_a_birthday_without_its_year_is_kept_weighed_against_a_whole_one_and_undone(
    session, workspace
):
    a, b = pair(session, workspace.id)
    a.birthday_no_year = "--12-10"  # (B has 1815-12-10: the same day, with its year)
    c = f.person(session, workspace.id, "Ada K.", birthday_no_year="--04-12")
    d = f.person(session, workspace.id, "Ada L.")
    session.flush()

    whole = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id)
    kept = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert (kept.birthday, kept.birthday_no_year) == (date(1815, 12, 10), None)
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=whole.id)
    session.expire_all()
    assert (session.get(Person, a.id).birthday, session.get(Person, a.id).birthday_no_year) == (
        None,
        "--12-10",
    )
    assert session.get(Person, b.id).birthday == date(1815, 12, 10)

    # Only the one absorbed has a day alone: it is kept, and goes back with them on undo.
    alone = merging.merge(session, workspace_id=workspace.id, survivor_id=d.id, absorbed_id=c.id)
    assert people.get(session, workspace_id=workspace.id, person_id=d.id).birthday_no_year == (
        "--04-12"
    )
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=alone.id)
    session.expire_all()
    assert session.get(Person, d.id).birthday_no_year is None
    assert session.get(Person, c.id).birthday_no_year == "--04-12"

    # Choosing A's day alone over B's whole birthday is a choice, not an empty value.
    chosen = merging.merge(
        session, workspace_id=workspace.id, survivor_id=a.id, absorbed_id=b.id,
        choices={"birthday": "a"},
    )  # fmt: skip
    kept = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert (kept.birthday, kept.birthday_no_year) == (None, "--12-10")
    assert chosen.snapshot["survivor_after"]["birthday_no_year"] == "--12-10"


def test_a_birthday_edited_since_the_merge_stays_whole_when_the_merge_is_undone(session, workspace):
    ws = workspace.id
    day_alone = f.person(session, ws, "Zed Quinn", birthday_no_year="--04-12")
    whole = f.person(session, ws, "Zed Quinn", birthday=date(1990, 4, 12))
    session.flush()
    merge = merging.merge(session, workspace_id=ws, survivor_id=day_alone.id, absorbed_id=whole.id)
    people.update(
        session, workspace_id=ws, person_id=day_alone.id,
        data=PersonUpdate(display_name="Zed Quinn", birthday=date(1991, 5, 5)),
    )  # fmt: skip

    merging.undo_merge(session, workspace_id=ws, merge_id=merge.id)
    session.expire_all()

    # The edit stays, and the day alone does not come back beside it.
    kept = session.get(Person, day_alone.id)
    assert (kept.birthday, kept.birthday_no_year) == (date(1991, 5, 5), None)
