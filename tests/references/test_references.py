"""References: the registry, the launch playbook, the overuse cap and the current-job warning."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.forms import field_errors
from goodword.opportunities.models import Opportunity, Stage
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks import launch
from goodword.references import service as references
from goodword.references.models import Reference, UseStatus
from goodword.references.schemas import ReferenceCreate, ReferenceUpdate
from goodword.tasks.models import TaskStatus
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
STRESS = "calm under pressure"


def reference(session: Session, ws: int, name: str = "Ada Lovelace", **fields: object) -> Reference:
    person = f.person(session, ws, name, given_name=name.split()[0], emails=["ada@example.org"])
    fields.setdefault("consent_on", date(2026, 10, 1))
    fields.setdefault("relationship_text", "My manager at Quillstone, 2019-2022")
    fields.setdefault("can_speak_to", "the scheduling project and how I run discovery")
    return references.create(
        session, workspace_id=ws, data=ReferenceCreate(person_id=person.id, **fields)
    )


def opening(session: Session, ws: int, org: str = "Northbeam Robotics") -> Opportunity:
    manager = f.person(session, ws, f"Hiring Manager at {org}", emails=["hm@northbeam.example"])
    return f.opportunity(
        session, ws, organization_name=org, role_title="Product Lead", hiring_manager_id=manager.id
    )


def test_the_registry_keeps_consent_relationship_and_what_they_can_speak_to(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id)
    read = references.to_read(ref)
    assert read.consent_on == date(2026, 10, 1)
    assert read.relationship_text == "My manager at Quillstone, 2019-2022"
    assert read.uses_count == 0 and read.last_used_on is None
    assert read.warnings == []


def test_the_same_person_cannot_be_added_twice(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id)
    with pytest.raises(Conflict):
        references.create(
            session, workspace_id=workspace.id, data=ReferenceCreate(person_id=ref.person_id)
        )


def test_a_person_from_another_workspace_is_a_field_error(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    stranger = f.person(session, other_workspace.id, "Charlie's Friend")
    with pytest.raises(InvalidInput) as caught:
        references.create(
            session, workspace_id=workspace.id, data=ReferenceCreate(person_id=stranger.id)
        )
    assert caught.value.fields[0].field == "person_id"


def test_launching_briefs_the_reference_to_call_before_the_user_applies(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    result = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points="roadmaps for robot fleets; calm under pressure",
    )
    assert result.use is not None and result.use.status is UseStatus.PLANNED
    assert not result.prompts
    [briefing] = result.drafts
    assert briefing.complete
    assert briefing.to == ("ada@example.org",)
    body = briefing.body
    assert "Hiring Manager at Northbeam Robotics (hm@northbeam.example)" in body
    assert "before my application goes in" in body
    assert "roadmaps for robot fleets" in body
    assert "the scheduling project" in body
    assert "28 Nov 2026" in body
    steps = {t.origin: t for t in result.tasks}
    assert set(steps) == {"reference:brief", "reference:before-applying"}
    assert steps["reference:brief"].due_date == TODAY
    assert steps["reference:before-applying"].due_date == TODAY + timedelta(days=3)
    assert "then apply" in steps["reference:before-applying"].title


def _briefed(
    session: Session, ws: int, *emails: tuple[str, str | None], left: str | None = None
) -> str:
    """The briefing's body when the hiring manager has these addresses (with their labels),
    and has `left` a job at that organization, if given."""
    f.person(session, ws, "Sam Carter", is_me=True)
    ref = reference(session, ws)
    manager = f.person(session, ws, "Lee Park", emails=[address for address, _ in emails])
    for email, (_, label) in zip(manager.emails, emails, strict=True):
        email.label = label
    if left:
        people.add_position(
            session,
            workspace_id=ws,
            person_id=manager.id,
            data=PositionCreate(
                organization_name=left, start_date=date(2018, 1, 1), end_date=date(2023, 1, 1)
            ),
        )
    session.flush()
    opportunity = f.opportunity(
        session, ws, organization_name="Northbeam Robotics", role_title="Product Lead",
        hiring_manager_id=manager.id,
    )  # fmt: skip
    result = launch.launch(
        session, workspace_id=ws, reference_id=ref.id, opportunity_id=opportunity.id,
        today=TODAY, stress_points=STRESS,
    )  # fmt: skip
    [briefing] = result.drafts
    assert [t.notes for t in result.tasks if briefing.body in (t.notes or "")]
    return briefing.body


def test_the_briefing_gives_the_hiring_managers_work_address_never_a_home_one(
    session: Session, workspace: Workspace
):
    body = _briefed(
        session, workspace.id, ("lee.home@gmail.com", "home"), ("lee@northbeam.example", None)
    )
    assert "Lee Park (lee@northbeam.example)" in body and "gmail" not in body


def test_the_briefing_gives_a_work_labelled_address_or_the_name_alone(
    session: Session, workspace: Workspace
):
    body = _briefed(
        session, workspace.id, ("lee@gmail.com", None), ("lee@parkworks.example", "work")
    )
    assert "Lee Park (lee@parkworks.example)" in body and "gmail" not in body


def test_the_briefing_never_gives_a_work_address_at_a_job_the_manager_has_left(
    session: Session, workspace: Workspace
):
    # Labelled work, but at Quillstone, which Lee left: it may bounce, and is no way to reach
    # them at Northbeam.
    body = _briefed(session, workspace.id, ("lee@quillstone.example", "work"), left="Quillstone")
    assert "Lee Park" in body and "Lee Park (" not in body and "quillstone" not in body


def test_the_briefing_gives_a_work_address_not_at_a_job_left_before_one_at_it(
    session: Session, workspace: Workspace
):
    body = _briefed(
        session, workspace.id,
        ("lee@quillstone.example", "work"), ("lee@parkworks.example", "work"),
        left="Quillstone",
    )  # fmt: skip
    assert "Lee Park (lee@parkworks.example)" in body


def test_the_briefing_names_a_hiring_manager_with_only_a_personal_address_alone(
    session: Session, workspace: Workspace
):
    body = _briefed(session, workspace.id, ("lee.park@gmail.com", "personal"))
    assert "Lee Park" in body and "Lee Park (" not in body and "gmail" not in body


def test_launching_twice_for_the_same_opening_reuses_the_launch(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    first = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=STRESS,
    )
    second = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=STRESS,
    )
    assert second.use is first.use
    assert second.created == 0
    assert len(ref.uses) == 1


def test_without_a_hiring_manager_it_asks_whom_to_call(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id)
    opportunity = f.opportunity(session, workspace.id)
    result = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
    )
    # (Both things missing are asked for at once.)
    assert [p.field for p in result.prompts] == ["hiring_manager", "stress_points"]
    assert result.blocked and result.use is None and ref.uses == []


def test_what_to_stress_is_asked_for_before_anything_is_launched(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)

    def launched(stress: str | None = None) -> launch.LaunchResult:
        return launch.launch(
            session,
            workspace_id=workspace.id,
            reference_id=ref.id,
            opportunity_id=opportunity.id,
            today=TODAY,
            stress_points=stress,
        )

    blank = launched("   ")
    assert [(p.field, p.blocking) for p in blank.prompts] == [("stress_points", True)]
    assert "should stress for Product Lead" in blank.prompts[0].message
    assert blank.use is None and ref.uses == [] and not blank.tasks
    # (The briefing shows its gap, to say what it needs.)
    assert "stress_points" in blank.drafts[0].missing
    first = launched(STRESS)
    # Launched again, it keeps what was said; said anew, the briefing says the new words.
    again = launched()
    anew = launched("roadmaps for robot fleets")
    assert first.use is again.use is anew.use and first.use is not None
    assert "calm under pressure" in again.drafts[0].body
    assert "roadmaps for robot fleets" in anew.drafts[0].body
    assert first.use.stress_points == "roadmaps for robot fleets"


def test_a_current_boss_or_coworker_needs_confirmation_and_carries_a_warning(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id, is_current_workplace=True)
    warning = references.warnings(ref)[0]
    assert "cost you your present job" in warning
    assert "you may decline" in warning
    opportunity = opening(session, workspace.id)
    with pytest.raises(Conflict) as caught:
        launch.launch(
            session,
            workspace_id=workspace.id,
            reference_id=ref.id,
            opportunity_id=opportunity.id,
            today=TODAY,
            stress_points=STRESS,
        )
    assert [b.field for b in caught.value.fields] == ["confirm_current_workplace"]
    result = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=STRESS,
        confirm_current_workplace=True,
    )
    assert result.warnings == [warning]
    brief = next(t for t in result.tasks if t.origin == "reference:brief")
    assert "you may decline" in (brief.notes or "")


def test_someone_working_where_you_work_now_is_found_by_your_positions(
    session: Session, workspace: Workspace
):
    """Not ticked as a current workplace, but both hold a current job at Quillstone: the
    same warning (naming the place) and the same confirmation."""
    me = f.person(session, workspace.id, "Robin Castillo", is_me=True)
    ref = reference(session, workspace.id, "Karim Balogun")
    for person in (me, ref.person):
        people.add_position(
            session, workspace_id=workspace.id, person_id=person.id,
            data=PositionCreate(organization_name="Quillstone", title="Engineer"),
        )  # fmt: skip
    session.expire_all()
    ref = references.get(session, workspace_id=workspace.id, reference_id=ref.id)
    [warning, *_] = references.warnings(ref)
    assert warning.startswith("Karim Balogun works at Quillstone, where you work now.")
    opportunity = opening(session, workspace.id)
    with pytest.raises(Conflict) as caught:
        launch.launch(
            session,
            workspace_id=workspace.id,
            reference_id=ref.id,
            opportunity_id=opportunity.id,
            today=TODAY,
            stress_points=STRESS,
        )
    assert [b.field for b in caught.value.fields] == ["confirm_current_workplace"]
    # Once either of them has moved on, it is an old colleague, which is what references are.
    [mine] = me.positions
    mine.is_current = False
    session.flush()
    assert references.shared_workplace(ref) is None
    launched = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=STRESS,
    )
    assert launched.use is not None


def test_two_freelancers_do_not_work_at_one_place(session: Session, workspace: Workspace):
    me = f.person(session, workspace.id, "Robin Castillo", is_me=True)
    ref = reference(session, workspace.id, "Karim Balogun")
    for person in (me, ref.person):
        people.add_position(
            session, workspace_id=workspace.id, person_id=person.id,
            data=PositionCreate(organization_name="Self-employed", title="Consultant"),
        )  # fmt: skip
    session.expire_all()
    ref = references.get(session, workspace_id=workspace.id, reference_id=ref.id)
    assert references.shared_workplace(ref) is None
    assert not references.works_with_you(ref)


def test_you_cannot_be_your_own_reference_nor_launch_for_a_closed_opportunity(
    session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Robin Castillo", is_me=True)
    with pytest.raises(InvalidInput) as caught:
        references.create(session, workspace_id=workspace.id,
                          data=ReferenceCreate(person_id=me.id))  # fmt: skip
    assert caught.value.fields[0].field == "person_id"
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    opportunity.stage = Stage.REJECTED
    session.flush()
    with pytest.raises(Conflict, match="This opportunity is rejected"):
        launch.launch(
            session,
            workspace_id=workspace.id,
            reference_id=ref.id,
            opportunity_id=opportunity.id,
            today=TODAY,
            stress_points=STRESS,
        )


def test_a_closed_opportunity_is_refused_before_its_hiring_manager_is_asked_for(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id)
    opportunity = f.opportunity(session, workspace.id)  # (no hiring manager)
    opportunity.stage = Stage.REJECTED
    session.flush()

    with pytest.raises(Conflict, match="This opportunity is rejected"):
        launch.launch(
            session,
            workspace_id=workspace.id,
            reference_id=ref.id,
            opportunity_id=opportunity.id,
            today=TODAY,
        )


def test_a_reference_without_consent_cannot_be_launched(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id, consent_on=None)
    with pytest.raises(Conflict) as caught:
        references.start_use(
            session,
            workspace_id=workspace.id,
            reference_id=ref.id,
            opportunity_id=opening(session, workspace.id).id,
            today=TODAY,
        )
    assert "agreed to be your reference" in caught.value.message


def _use_on(session: Session, ws: int, ref: Reference, org: str, day: date, **options: object):
    return references.start_use(
        session,
        workspace_id=ws,
        reference_id=ref.id,
        opportunity_id=opening(session, ws, org).id,
        today=day,
        **options,  # type: ignore[arg-type]
    )


def test_the_cap_refuses_overuse_with_a_clear_message_unless_forced(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id)
    for i, org in enumerate(["A Co", "B Co", "C Co"]):
        _use_on(session, workspace.id, ref, org, TODAY - timedelta(days=10 * i))
    with pytest.raises(Conflict) as caught:
        _use_on(session, workspace.id, ref, "D Co", TODAY)
    message = caught.value.message
    # Launched three times, called none: "spoken for you" would not be true.
    assert message.startswith(
        "Ada Lovelace has been launched 3 times in the last 90 days, none of them called yet "
        "(the limit is 3 launches)."
    )
    use, created = _use_on(session, workspace.id, ref, "D Co", TODAY, force=True)
    assert created and use.status is UseStatus.PLANNED
    assert references.to_read(ref).uses_count == 4


def test_the_limit_message_counts_the_calls_made_and_the_launches_waiting(
    session: Session, workspace: Workspace
):
    ref = reference(session, workspace.id)
    for i, org in enumerate(["A Co", "B Co", "C Co"]):
        use, _ = _use_on(session, workspace.id, ref, org, TODAY - timedelta(days=10 * i))
        if i == 0:
            launch.record(session, workspace_id=workspace.id, use_id=use.id,
                          status=UseStatus.CALLED, today=TODAY)  # fmt: skip
    with pytest.raises(Conflict) as caught:
        _use_on(session, workspace.id, ref, "D Co", TODAY)
    assert caught.value.message.startswith(
        "Ada Lovelace has been launched 3 times in the last 90 days: they have spoken for you "
        "once, and 2 launches still wait for the call (the limit is 3 launches)."
    )
    for use in ref.uses[1:]:
        launch.record(session, workspace_id=workspace.id, use_id=use.id,
                      status=UseStatus.CALLED, today=TODAY)  # fmt: skip
    with pytest.raises(Conflict) as again:
        _use_on(session, workspace.id, ref, "D Co", TODAY)
    assert again.value.message.startswith(
        "Ada Lovelace has already spoken for you 3 times in the last 90 days (the limit is 3 "
        "launches)."
    )


def test_the_cap_is_configurable_and_counts_only_the_window(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id)
    _use_on(session, workspace.id, ref, "Old Co", TODAY - timedelta(days=45))
    # Outside a 30-day window the old use does not count.
    _use_on(session, workspace.id, ref, "New Co", TODAY, max_uses=1, window_days=30)
    with pytest.raises(Conflict):
        _use_on(session, workspace.id, ref, "Third Co", TODAY, max_uses=1, window_days=30)


def test_cancelled_uses_do_not_count(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id)
    use, _ = _use_on(session, workspace.id, ref, "A Co", TODAY)
    launch.record(
        session,
        workspace_id=workspace.id,
        use_id=use.id,
        status=UseStatus.CANCELLED,
        today=TODAY,
    )
    _use_on(session, workspace.id, ref, "B Co", TODAY, max_uses=1)
    assert references.to_read(ref).uses_count == 1


def test_the_call_is_tracked_and_brings_a_thank_you(session: Session, workspace: Workspace):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ref = reference(session, workspace.id)
    use, _ = _use_on(session, workspace.id, ref, "Northbeam Robotics", TODAY)
    briefed = launch.record(
        session, workspace_id=workspace.id, use_id=use.id, status=UseStatus.BRIEFED, today=TODAY
    )
    assert briefed.tasks == [] and use.briefed_on == TODAY
    called_day = TODAY + timedelta(days=2)
    result = launch.record(
        session,
        workspace_id=workspace.id,
        use_id=use.id,
        status=UseStatus.CALLED,
        today=called_day,
        outcome="They asked for my resume the same day.",
    )
    assert use.called_on == called_day
    assert use.outcome == "They asked for my resume the same day."
    [task] = result.tasks
    assert task.origin == "reference:thank"
    assert task.due_date == called_day + timedelta(days=1)
    assert "Thank you for calling Hiring Manager at Northbeam Robotics" in result.drafts[0].body
    read = references.to_read(ref)
    assert read.last_used_on == called_day


def test_each_recorded_step_closes_the_task_that_waited_for_it(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    launched = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=STRESS,
    )
    assert launched.use is not None
    by_step = {t.origin: t for t in launched.tasks}

    def status(origin: str) -> TaskStatus:
        return by_step[origin].status

    assert status("reference:brief") is status("reference:before-applying") is TaskStatus.OPEN
    launch.record(session, workspace_id=workspace.id, use_id=launched.use.id,
                  status=UseStatus.BRIEFED, today=TODAY)  # fmt: skip
    assert status("reference:brief") is TaskStatus.DONE
    assert status("reference:before-applying") is TaskStatus.OPEN
    called = launch.record(session, workspace_id=workspace.id, use_id=launched.use.id,
                           status=UseStatus.CALLED, today=TODAY)  # fmt: skip
    assert status("reference:before-applying") is TaskStatus.DONE
    [thank] = called.tasks
    assert thank.status is TaskStatus.OPEN
    launch.record(session, workspace_id=workspace.id, use_id=launched.use.id,
                  status=UseStatus.THANKED, today=TODAY)  # fmt: skip
    assert thank.status is TaskStatus.DONE


def test_a_cancelled_launch_dismisses_its_open_tasks(session: Session, workspace: Workspace):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    launched = launch.launch(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        stress_points=STRESS,
    )
    assert launched.use is not None and launched.tasks
    launch.record(session, workspace_id=workspace.id, use_id=launched.use.id,
                  status=UseStatus.CANCELLED, today=TODAY)  # fmt: skip
    assert {t.status for t in launched.tasks} == {TaskStatus.DISMISSED}


def test_a_launch_started_again_after_a_cancel_brings_its_tasks_back(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    ids = {"reference_id": ref.id, "opportunity_id": opportunity.id}
    first = launch.launch(
        session, workspace_id=workspace.id, today=TODAY, stress_points=STRESS, **ids
    )
    assert first.use is not None
    launch.record(session, workspace_id=workspace.id, use_id=first.use.id,
                  status=UseStatus.CANCELLED, today=TODAY)  # fmt: skip
    later = TODAY + timedelta(days=9)
    again = launch.launch(
        session, workspace_id=workspace.id, today=later, stress_points="Shipping on time", **ids
    )
    assert again.created == 2
    assert [(t.status, t.due_date) for t in again.tasks] == [
        (TaskStatus.OPEN, later),
        (TaskStatus.OPEN, later + timedelta(days=3)),
    ]
    assert "Shipping on time" in (again.tasks[0].notes or "")


def test_use_moves_that_go_backwards_are_refused(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id)
    use, _ = _use_on(session, workspace.id, ref, "A Co", TODAY)
    launch.record(
        session, workspace_id=workspace.id, use_id=use.id, status=UseStatus.CALLED, today=TODAY
    )
    with pytest.raises(InvalidInput):
        launch.record(
            session,
            workspace_id=workspace.id,
            use_id=use.id,
            status=UseStatus.BRIEFED,
            today=TODAY,
        )


def test_updating_a_reference_replaces_its_fields(session: Session, workspace: Workspace):
    ref = reference(session, workspace.id)
    updated = references.update(
        session,
        workspace_id=workspace.id,
        reference_id=ref.id,
        data=ReferenceUpdate(consent_on=None, active=False),
    )
    assert updated.can_speak_to is None and not updated.active
    assert len(references.warnings(updated)) == 2
    assert references.list_(session, workspace_id=workspace.id, active=True) == []


def test_other_workspaces_see_no_references(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    ref = reference(session, workspace.id)
    with pytest.raises(NotFound):
        references.get(session, workspace_id=other_workspace.id, reference_id=ref.id)
    assert references.list_(session, workspace_id=other_workspace.id) == []


def test_consent_cannot_be_dated_after_today(session: Session, workspace: Workspace):
    person = f.person(session, workspace.id, "Ada Lovelace")
    tomorrow = TODAY + timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        references.create(
            session,
            workspace_id=workspace.id,
            data=ReferenceCreate(person_id=person.id, consent_on=tomorrow),
            today=TODAY,
        )
    assert [e.field for e in refused.value.fields] == ["consent_on"]
    made = references.create(
        session,
        workspace_id=workspace.id,
        data=ReferenceCreate(person_id=person.id, consent_on=TODAY),
        today=TODAY,
    )
    with pytest.raises(InvalidInput, match="still to come"):
        references.update(
            session,
            workspace_id=workspace.id,
            reference_id=made.id,
            data=ReferenceUpdate(consent_on=tomorrow),
            today=TODAY,
        )
    assert made.consent_on == TODAY


def test_consent_on_the_day_that_has_begun_somewhere_is_taken_as_other_dates_are(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    """ "Today" for consent is the latest date anywhere (UTC+14), as for an interaction or a
    birthday, not this machine's date; a later day is refused by the schema, beside the
    other fields' problems."""
    # 10:30 in London on the 25th is 00:30 on the 26th in Kiribati.
    now = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: now)
    monkeypatch.setattr(clock, "today", lambda: now.date())
    person = f.person(session, workspace.id, "Ada Lovelace")

    made = references.create(
        session,
        workspace_id=workspace.id,
        data=ReferenceCreate(person_id=person.id, consent_on=date(2026, 11, 26)),
    )
    with pytest.raises(ValidationError) as refused:
        ReferenceUpdate.model_validate({"consent_on": "2026-11-27", "notes": "x" * 5_001})

    assert made.consent_on == date(2026, 11, 26)
    problems = [(f.field, f.message) for f in field_errors(refused.value.errors())]
    assert problems[0] == ("consent_on", "That day is still to come: give the day they agreed.")
    assert [field for field, _ in problems] == ["consent_on", "notes"]


def test_once_the_application_is_in_the_briefing_asks_for_a_call_while_it_is_weighed(
    session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    ref = reference(session, workspace.id)
    opportunity = opening(session, workspace.id)
    opportunity.stage = Stage.INTERVIEWING
    session.flush()

    result = launch.launch(
        session, workspace_id=workspace.id, reference_id=ref.id,
        opportunity_id=opportunity.id, today=TODAY, stress_points=STRESS,
    )  # fmt: skip

    [briefing] = result.drafts
    assert briefing.complete
    assert "My application for the Product Lead role at Northbeam Robotics is in" in briefing.body
    assert "apply" not in briefing.body.replace("application", "")
    steps = {t.origin: t for t in result.tasks}
    check = steps["reference:before-applying"]
    assert check.title == "Check that Ada Lovelace has called Hiring Manager at Northbeam Robotics"
    assert "apply" not in (check.notes or "") + steps["reference:brief"].notes
