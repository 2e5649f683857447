"""Deleting a record clears the task keys that name it, so a later record given its id
(SQLite gave the largest id out again before migration 0033) gets tasks of its own."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

import factories as f
from goodword.opportunities import service as opportunities
from goodword.people import service as people
from goodword.playbooks import engine
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 26)


def ensure(session: Session, workspace_id: int, key: str) -> tuple[Task, bool]:
    return engine.ensure_task(
        session,
        workspace_id=workspace_id,
        playbook="rejection",
        step="thank",
        key=key,
        title="Thank the panel",
        due_date=TODAY,
    )


def test_a_new_opportunity_under_a_deleted_ones_id_gets_its_own_tasks(
    session: Session, workspace: Workspace
):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    first = f.opportunity(session, workspace.id, role_title="Staff engineer")
    old, created = ensure(session, workspace.id, f"rejection:opp:{first.id}:thank:person:{ada.id}")
    assert created
    first_id = first.id
    opportunities.delete(session, workspace_id=workspace.id, opportunity_id=first_id)
    session.expire_all()
    # The task stays, as the user left it, but no longer answers to the key.
    assert session.get(Task, old.id).origin_key is None
    f.give_ids_out_again(session, opportunities=first_id)
    second = f.opportunity(session, workspace.id, role_title="Principal engineer")
    assert second.id == first_id  # the id is given out again
    task, created = ensure(
        session, workspace.id, f"rejection:opp:{second.id}:thank:person:{ada.id}"
    )
    assert created and task.id != old.id


def test_only_keys_naming_that_record_are_cleared(session: Session, workspace: Workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    bob = f.person(session, workspace.id, "Bob Stone")
    keys = {
        "ada": f"keep-in-touch:person:{ada.id}:due:2026-11-26",
        "bob": f"keep-in-touch:person:{bob.id}:due:2026-11-26",
        # Ada's id followed by more digits is someone else (person 12 is not person 1).
        "longer": f"keep-in-touch:person:{ada.id}0:due:2026-11-26",
        "through": f"reach:opp:1:introduction:person:{ada.id}",
    }
    tasks = {name: ensure(session, workspace.id, key)[0] for name, key in keys.items()}
    people.delete(session, workspace_id=workspace.id, person_id=ada.id)
    session.expire_all()
    left = {name: session.get(Task, task.id).origin_key for name, task in tasks.items()}
    assert left == {"ada": None, "bob": keys["bob"], "longer": keys["longer"], "through": None}


def test_a_record_deleted_with_another_clears_its_keys_too(session: Session, workspace: Workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    ask = referrals.create(
        session, workspace_id=workspace.id, data=ReferralAskCreate(person_id=ada.id)
    )
    task, _ = ensure(session, workspace.id, f"referral:ask:{ask.id}")
    # The ask goes with the person (a cascade in the database).
    people.delete(session, workspace_id=workspace.id, person_id=ada.id)
    session.expire_all()
    assert session.get(Task, task.id).origin_key is None


def test_another_workspaces_keys_are_left_alone(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    theirs, _ = ensure(session, other_workspace.id, f"keep-in-touch:person:{ada.id}:due:2026-11-26")
    people.delete(session, workspace_id=workspace.id, person_id=ada.id)
    session.expire_all()
    assert session.get(Task, theirs.id).origin_key is not None
