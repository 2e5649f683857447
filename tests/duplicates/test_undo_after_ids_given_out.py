"""Undoing a merge trusts no id that may have been given out again since.

Before migration 0033, SQLite (without AUTOINCREMENT) gave the largest id out again once its
row was deleted, so a row made after a merge made then may carry the id of one the merge
moved, removed or pointed at. Each test makes the database give ids out so
(`factories.give_ids_out_again`), on both backends.
"""

from __future__ import annotations

from sqlalchemy import select

import factories as f
from goodword.connections import service as connections
from goodword.connections.models import Connection
from goodword.duplicates import merging
from goodword.duplicates.models import Merge
from goodword.interactions import service as interactions
from goodword.interactions.models import Participant
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonUpdate, PositionCreate
from goodword.playbooks import engine
from goodword.referrals import service as referrals
from goodword.referrals.models import ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks import service as tasks
from goodword.tasks.models import Task


def save_form(session, workspace_id, person_id, **changes):
    """Save the person's form as the page does: their e-mails are written anew."""
    read = people.to_read(people.get(session, workspace_id=workspace_id, person_id=person_id))
    data = read.model_dump(include=set(PersonUpdate.model_fields))
    data.update(changes)
    people.update(
        session, workspace_id=workspace_id, person_id=person_id, data=PersonUpdate(**data)
    )
    session.expire_all()


def keyed_task(session, workspace_id, key, **fields):
    task = f.task(session, workspace_id, **fields)
    task.origin_key = key  # as a playbook sets it
    session.flush()
    return task


def test_the_survivor_keeps_an_address_saved_under_the_id_of_one_the_merge_moved(
    session, workspace
):
    a = f.person(session, workspace.id, "Ada Lovelace", emails=["ada@analytical.example"])
    b = f.person(session, workspace.id, "Ada King", emails=["countess@lovelace.example"])
    moved_id = b.emails[0].id  # the newest address
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    # Saved with no addresses, then with hers, a new one and the countess's: the new one
    # gets the id the countess's address had.
    save_form(session, workspace.id, a.id, emails=[])
    f.give_ids_out_again(session, person_emails=moved_id - 1)  # (one above Ada's own left)
    save_form(session, workspace.id, a.id, emails=[
        "ada@analytical.example", "ada@home.example", "countess@lovelace.example",
    ])  # fmt: skip
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert {e.id: e.address for e in ada.emails}[moved_id] == "ada@home.example"

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert [e.address for e in ada.emails] == ["ada@analytical.example", "ada@home.example"]
    assert [e.address for e in restored.emails] == ["countess@lovelace.example"]


def test_the_survivor_keeps_what_was_made_since_under_the_ids_of_rows_the_merge_moved(
    session, workspace
):
    """A job, a tie, a task and a referral ask the merge moved are deleted afterwards, and
    new ones of the survivor's take their ids: they stay the survivor's."""
    a = f.person(session, workspace.id, "Ada Lovelace")
    friend = f.person(session, workspace.id, "Grace Hopper")
    colleague = f.person(session, workspace.id, "Katherine Johnson")
    b = f.person(session, workspace.id, "Ada King")
    job = people.add_position(
        session, workspace_id=workspace.id, person_id=b.id,
        data=PositionCreate(organization_name="Analytical Engines", title="Analyst"),
    )  # fmt: skip
    tie = f.connection(session, workspace.id, b, friend)
    task = f.task(session, workspace.id, "Thank Ada", person_id=b.id)
    ask = referrals.create(
        session, workspace_id=workspace.id, data=ReferralAskCreate(person_id=b.id)
    )
    old = {"job": job.id, "tie": tie.id, "task": task.id, "ask": ask.id}
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    people.remove_position(session, workspace_id=workspace.id, position_id=job.id)
    connections.delete(session, workspace_id=workspace.id, connection_id=tie.id)
    tasks.delete(session, workspace_id=workspace.id, task_id=task.id)
    session.delete(session.get(ReferralAsk, ask.id))
    session.flush()
    f.give_ids_out_again(session, positions=old["job"], connections=old["tie"],
                         tasks=old["task"], referral_asks=old["ask"])  # fmt: skip
    engineer = PositionCreate(organization_name="Difference Engines", title="Engineer")
    new = {
        "job": people.add_position(
            session, workspace_id=workspace.id, person_id=a.id, data=engineer
        ).id,
        "tie": f.connection(session, workspace.id, a, colleague, kind="colleague").id,
        "task": f.task(session, workspace.id, "Call Ada", person_id=a.id).id,
        "ask": referrals.create(
            session, workspace_id=workspace.id, data=ReferralAskCreate(person_id=a.id)
        ).id,
    }
    assert new == old  # every id was given out again

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert [(p.organization.name, p.title) for p in ada.positions] == [
        ("Difference Engines", "Engineer")
    ]
    assert restored.positions == []
    ties = session.scalars(select(Connection)).all()
    assert [(c.person_a_id, c.person_b_id) for c in ties] == [(a.id, colleague.id)]
    assert [(t.title, t.person_id) for t in session.scalars(select(Task))] == [("Call Ada", a.id)]
    assert [x.person_id for x in session.scalars(select(ReferralAsk))] == [a.id]


def test_a_removed_row_stays_away_when_what_it_pointed_at_is_gone(session, workspace):
    """The merge removes the absorbed person's place in a meeting both were in, and their
    tie to a friend the survivor also has. When the meeting and the friend are deleted
    afterwards (and a new meeting and a newcomer take their ids), the undo does
    not put the restored person into the new meeting or tie them to the newcomer."""
    b = f.person(session, workspace.id, "Ada King")
    a = f.person(session, workspace.id, "Ada Lovelace")
    friend = f.person(session, workspace.id, "Grace Hopper")  # the newest person
    f.connection(session, workspace.id, a, friend)
    f.connection(session, workspace.id, b, friend)  # a repeat once merged: removed
    meeting = f.interaction(
        session, workspace.id, participants=[{"person_id": a.id}, {"person_id": b.id}]
    )
    old_meeting, old_friend = meeting.id, friend.id
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    interactions.delete(session, workspace_id=workspace.id, interaction_id=meeting.id)
    people.delete(session, workspace_id=workspace.id, person_id=friend.id)
    f.give_ids_out_again(session, interactions=old_meeting, people=old_friend)
    call = f.interaction(session, workspace.id, participants=[{"person_id": a.id}])
    newcomer = f.person(session, workspace.id, "Katherine Johnson")
    assert (call.id, newcomer.id) == (old_meeting, old_friend)

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    assert [(p.interaction_id, p.person_id) for p in session.scalars(select(Participant))] == [
        (call.id, a.id)
    ]
    assert session.scalars(select(Connection)).all() == []
    assert session.get(Person, restored.id).display_name == "Ada King"


def test_task_keys_name_the_restored_person_and_the_newcomer_keeps_theirs(session, workspace):
    """Playbook tasks name people in their keys (`...:person:12`). When a newcomer took the
    absorbed person's id, the restored person's tasks are renamed to their new id; the
    newcomer's own tasks are left alone."""
    a = f.person(session, workspace.id, "Ada Lovelace")
    b = f.person(session, workspace.id, "Ada King")  # the newest person
    old_b = b.id
    thank = keyed_task(session, workspace.id, f"rejection:opp:7:thank:person:{b.id}",
                       person_id=b.id)  # fmt: skip
    # About the survivor, but naming the absorbed person as the one to introduce her.
    intro = keyed_task(session, workspace.id, f"reach:opp:7:introduction:person:{b.id}",
                       person_id=a.id)  # fmt: skip
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    f.give_ids_out_again(session, people=old_b)
    newcomer = f.person(session, workspace.id, "Katherine Johnson")
    own = keyed_task(session, workspace.id, f"rejection:opp:8:thank:person:{newcomer.id}",
                     person_id=newcomer.id)  # fmt: skip
    assert newcomer.id == old_b

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    assert session.get(Task, thank.id).origin_key == f"rejection:opp:7:thank:person:{restored.id}"
    assert session.get(Task, thank.id).person_id == restored.id
    assert session.get(Task, intro.id).origin_key == (
        f"reach:opp:7:introduction:person:{restored.id}"
    )
    assert session.get(Task, own.id).origin_key == f"rejection:opp:8:thank:person:{newcomer.id}"
    # The newcomer's playbook does not take the restored person's task for its own.
    key = f"rejection:opp:7:thank:person:{newcomer.id}"
    assert engine.find_task(session, workspace_id=workspace.id, key=key) is None


def test_a_merge_noted_before_rows_carried_their_time_is_undone_as_safely(session, workspace):
    """Merges kept by earlier versions noted what each moved row holds, not when it was
    made: a row under a moved id is trusted only if it holds the same thing, and the tasks
    that went back are renamed (those merges left the keys naming the absorbed person)."""
    a = f.person(session, workspace.id, "Ada Lovelace", emails=["ada@analytical.example"])
    b = f.person(session, workspace.id, "Ada King", emails=["countess@lovelace.example"])
    thank = keyed_task(session, workspace.id, f"rejection:opp:7:thank:person:{b.id}",
                       person_id=b.id)  # fmt: skip
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    earlier = {k: v for k, v in record.snapshot.items() if k not in ("moved_made", "keyed")}
    record.snapshot = {**earlier, "version": 2}
    thank.origin_key = f"rejection:opp:7:thank:person:{b.id}"  # left as merges then left it
    session.flush()
    save_form(session, workspace.id, a.id, emails=[])
    save_form(session, workspace.id, a.id, emails=[
        "ada@analytical.example", "ada@home.example", "countess@lovelace.example",
    ])  # fmt: skip
    newcomer = f.person(session, workspace.id, "Katherine Johnson")

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    ada = people.get(session, workspace_id=workspace.id, person_id=a.id)
    assert [e.address for e in ada.emails] == ["ada@analytical.example", "ada@home.example"]
    assert [e.address for e in restored.emails] == ["countess@lovelace.example"]
    assert session.get(Task, thank.id).origin_key == f"rejection:opp:7:thank:person:{restored.id}"
    assert restored.id != newcomer.id
    assert session.get(Merge, record.id).absorbed_id == restored.id


def test_a_merge_kept_before_keys_were_renamed_is_undone_as_before(session, workspace):
    """Version 3 merges noted the tasks whose keys name the absorbed person but left the
    keys alone: the undo renames them only when the person comes back under a new id, and
    leaves the newcomer who took the old id their own tasks."""
    a = f.person(session, workspace.id, "Ada Lovelace")
    b = f.person(session, workspace.id, "Ada King")  # the newest person
    old_b = b.id
    before = f"rejection:opp:7:thank:person:{b.id}"
    thank = keyed_task(session, workspace.id, before, person_id=b.id)
    intro = keyed_task(session, workspace.id, f"reach:opp:7:introduction:person:{b.id}",
                       person_id=a.id)  # fmt: skip
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    # As a version 3 merge left it.
    keyed = [entry[:3] for entry in record.snapshot["keyed"]]
    record.snapshot = {**record.snapshot, "version": 3, "keyed": keyed}
    for task_id, key, _ in keyed:
        session.get(Task, task_id).origin_key = key
    session.flush()
    f.give_ids_out_again(session, people=old_b)
    newcomer = f.person(session, workspace.id, "Katherine Johnson")
    own = keyed_task(session, workspace.id, f"rejection:opp:8:thank:person:{newcomer.id}",
                     person_id=newcomer.id)  # fmt: skip
    assert newcomer.id == old_b

    restored = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)

    session.expire_all()
    found = session.scalars(select(Task).order_by(Task.id))
    assert [(t.id, t.origin_key, t.person_id) for t in found] == [
        (thank.id, f"rejection:opp:7:thank:person:{restored.id}", restored.id),
        (intro.id, f"reach:opp:7:introduction:person:{restored.id}", a.id),
        (own.id, f"rejection:opp:8:thank:person:{newcomer.id}", newcomer.id),
    ]
