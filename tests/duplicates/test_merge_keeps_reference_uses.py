"""Merging two people who are both references keeps every use of both, and an undo gives
each reference its own uses back."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.playbooks import launch
from goodword.references import service as references
from goodword.references.models import Reference, ReferenceUse
from goodword.references.schemas import ReferenceCreate
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

TODAY = date(2026, 2, 1)


def reference(session: Session, workspace_id: int, person_id: int) -> Reference:
    return references.create(
        session,
        workspace_id=workspace_id,
        data=ReferenceCreate(person_id=person_id, consent_on=date(2026, 1, 1)),
        today=TODAY,
    )


def use(session: Session, workspace_id: int, ref: Reference, opportunity_id: int) -> ReferenceUse:
    made, _ = references.start_use(
        session,
        workspace_id=workspace_id,
        reference_id=ref.id,
        opportunity_id=opportunity_id,
        today=TODAY,
    )
    return made


def uses(session: Session) -> dict[int, int]:
    """use id -> its reference id"""
    session.expire_all()
    return {u.id: u.reference_id for u in session.scalars(select(ReferenceUse))}


def test_the_absorbed_references_uses_go_to_the_survivors_and_come_back(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    f.person(session, ws, "Sam Carter", is_me=True)
    morgan = f.person(session, ws, "Morgan Reyes")
    again = f.person(session, ws, "Morgan Reyes-Hale")
    kept, absorbed = reference(session, ws, morgan.id), reference(session, ws, again.id)
    boss = f.person(session, ws, "Dana Boss")
    job = f.opportunity(session, ws, role_title="PM", hiring_manager_id=boss.id)
    # The launch playbook: a use, and tasks whose keys name it.
    launched = launch.launch(
        session, workspace_id=ws, reference_id=absorbed.id, opportunity_id=job.id, today=TODAY,
        stress_points="calm under pressure",
    )  # fmt: skip
    theirs = launched.use
    assert theirs is not None
    keys = {t.id: t.origin_key for t in session.scalars(select(Task)) if t.origin_key}
    assert any(f"use:{theirs.id}" in key for key in keys.values())

    merge = merging.merge(session, workspace_id=ws, survivor_id=morgan.id, absorbed_id=again.id)
    assert uses(session) == {theirs.id: kept.id}
    # The use lives on, so the tasks about it still answer to their keys.
    assert {t.id: t.origin_key for t in session.scalars(select(Task)) if t.origin_key} == keys

    merging.undo_merge(session, workspace_id=ws, merge_id=merge.id)
    assert uses(session) == {theirs.id: absorbed.id}
    assert session.get(Reference, absorbed.id).person_id == again.id


def test_two_uses_for_one_opportunity_become_one_and_an_undo_brings_both_back(
    session: Session, workspace: Workspace
):
    ws = workspace.id
    morgan = f.person(session, ws, "Morgan Reyes")
    again = f.person(session, ws, "Morgan Reyes-Hale")
    kept, absorbed = reference(session, ws, morgan.id), reference(session, ws, again.id)
    job = f.opportunity(session, ws, role_title="PM").id
    other_job = f.opportunity(session, ws, role_title="Lead PM").id
    ours, repeat = use(session, ws, kept, job), use(session, ws, absorbed, job)
    elsewhere = use(session, ws, absorbed, other_job)

    merge = merging.merge(session, workspace_id=ws, survivor_id=morgan.id, absorbed_id=again.id)
    # One reference, one use per opportunity (a reference is asked once for a job).
    assert uses(session) == {ours.id: kept.id, elsewhere.id: kept.id}

    merging.undo_merge(session, workspace_id=ws, merge_id=merge.id)
    assert uses(session) == {ours.id: kept.id, repeat.id: absorbed.id, elsewhere.id: absorbed.id}
