"""Rejection → referrals, on small hand-built searches with a fixed clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection
from goodword.errors import InvalidInput, NotFound
from goodword.opportunities.models import Opportunity
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate
from goodword.playbooks import follow_up, rejection
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@dataclass
class Search:
    me: Person
    opportunity: Opportunity
    manager: Person
    engineer: Person
    recruiter: Person


def build(
    session: Session,
    ws: int,
    *,
    stage: str = "rejected",
    final_round: int = 3,
    manager_rapport: str | None = "clicked",
    engineer_rapport: str | None = "clicked",
    targets: tuple[str, ...] = ("Lumenfold Optics", "Bluefen Data Co-op"),
) -> Search:
    me = f.person(session, ws, "Sam Carter", given_name="Sam", family_name="Carter", is_me=True)
    opportunity = f.opportunity(
        session, ws, organization_name="Larkspur Health", role_title="Senior PM", stage=stage
    )
    manager = f.person(
        session, ws, "Morgan Reyes", given_name="Morgan", emails=["morgan@larkspur.example"]
    )
    engineer = f.person(session, ws, "Priya Natarajan", given_name="Priya")
    recruiter = f.person(session, ws, "Lee Park", given_name="Lee")
    for who in (manager, engineer, recruiter):
        people.add_position(
            session,
            workspace_id=ws,
            person_id=who.id,
            data=PositionCreate(organization_name="Larkspur Health", title="Staff"),
        )
    # Morgan used to work at Jadeway; Priya knows someone at Lumenfold.
    people.add_position(
        session,
        workspace_id=ws,
        person_id=manager.id,
        data=PositionCreate(
            organization_name="Jadeway Semiconductors",
            title="Product Manager",
            start_date=date(2015, 1, 1),
            end_date=date(2019, 1, 1),
        ),
    )
    friend = f.person(session, ws, "Jonas Karimi")
    people.add_position(
        session,
        workspace_id=ws,
        person_id=friend.id,
        data=PositionCreate(organization_name="Lumenfold Optics", title="Engineer"),
    )
    f.connection(session, ws, engineer, friend)
    for name in targets:
        f.opportunity(session, ws, organization_name=name, role_title="PM", stage="target")
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=1,
        participants=[{"person_id": recruiter.id, "rapport": "good"}],
    )
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=final_round,
        participants=[
            {"person_id": manager.id, "rapport": manager_rapport},
            {"person_id": engineer.id, "rapport": engineer_rapport},
            {"person_id": me.id},
        ],
    )
    return Search(me, opportunity, manager, engineer, recruiter)


def run(session: Session, ws: int, search: Search, **options: object) -> rejection.RejectionResult:
    return rejection.run(
        session,
        workspace_id=ws,
        opportunity_id=search.opportunity.id,
        today=TODAY,
        **options,  # type: ignore[arg-type]
    )


def test_it_thanks_and_asks_each_interviewer_the_user_clicked_with(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    result = run(session, workspace.id, s)
    assert not result.prompts
    assert {i.person.id for i in result.clicked} == {s.manager.id, s.engineer.id}
    assert [i.person.id for i in result.also_positive] == [s.recruiter.id]
    keys = sorted(t.origin_key or "" for t in result.tasks)
    o = s.opportunity.id
    assert keys == sorted(
        f"rejection:opp:{o}:{step}:person:{p.id}"
        for step in ("thank", "ask")
        for p in (s.manager, s.engineer)
    )
    thank = next(
        t for t in result.tasks if t.origin_key == f"rejection:opp:{o}:thank:person:{s.manager.id}"
    )
    assert thank.origin == "rejection:thank"
    assert thank.due_date == TODAY + timedelta(days=1)
    assert (thank.person_id, thank.opportunity_id) == (s.manager.id, o)
    assert "Hi Morgan," in (thank.notes or "")
    ask = next(
        t for t in result.tasks if t.origin_key == f"rejection:opp:{o}:ask:person:{s.manager.id}"
    )
    assert ask.due_date == TODAY + timedelta(days=3)


def test_it_suggests_companies_where_each_interviewer_has_ties(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    result = run(session, workspace.id, s)
    manager_companies = [c.organization.name for c in result.companies[s.manager.id]]
    engineer_companies = [c.organization.name for c in result.companies[s.engineer.id]]
    # Morgan worked at Jadeway: a past job comes before targets Morgan has no tie to.
    assert manager_companies == ["Jadeway Semiconductors", "Bluefen Data Co-op", "Lumenfold Optics"]
    # Priya knows someone at Lumenfold, which is also a target: first.
    assert engineer_companies[0] == "Lumenfold Optics"
    assert "Larkspur Health" not in manager_companies + engineer_companies
    reason = result.companies[s.engineer.id][0].reason
    assert reason == "on your target list; Priya knows Jonas Karimi there"


def test_the_drafts_name_the_companies_and_are_addressed(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    result = run(session, workspace.id, s)
    asks = [d for d in result.drafts if d.key == "courtesy_ask" and d.to_name == "Morgan Reyes"]
    assert len(asks) == 1
    ask = asks[0]
    assert ask.complete
    assert ask.to == ("morgan@larkspur.example",)
    assert "Jadeway Semiconductors, Bluefen Data Co-op or Lumenfold Optics" in ask.body
    assert ask.body.endswith("Sam Carter")
    thanks = [d for d in result.drafts if d.key == "thank_and_release"]
    assert {d.to_name for d in thanks} == {"Morgan Reyes", "Priya Natarajan"}
    assert all("Larkspur Health" in d.body and "Senior PM" in d.body for d in thanks)


def test_it_records_one_ask_per_interviewer_and_company(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    run(session, workspace.id, s)
    asks = referrals.list_(session, workspace_id=workspace.id)
    # Three companies for Morgan; Priya has a tie to one target and no other ties.
    assert len(asks) == 5
    assert {a.status for a in asks} == {AskStatus.TO_ASK}
    assert {a.source_opportunity_id for a in asks} == {s.opportunity.id}


def test_the_ask_task_is_done_once_its_asks_are_sent(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    result = run(session, workspace.id, s)
    o = s.opportunity.id

    def ask_task(person: Person) -> Task:
        key = f"rejection:opp:{o}:ask:person:{person.id}"
        return next(t for t in result.tasks if t.origin_key == key)

    # Morgan's one message names three companies: "I sent the ask" marks them all.
    follow_up.mark_asked(session, workspace_id=workspace.id, person_id=s.manager.id,
                         source_opportunity_id=o, on=TODAY)  # fmt: skip
    assert ask_task(s.manager).status is TaskStatus.DONE
    assert ask_task(s.engineer).status is TaskStatus.OPEN
    # Moving Priya's asks on one by one does the same, once the last is sent.
    first, *others = referrals.list_(session, workspace_id=workspace.id, person_id=s.engineer.id)
    assert others  # (two companies for her)
    for ask in (first, *others):
        assert ask_task(s.engineer).status is TaskStatus.OPEN
        follow_up.advance_ask(session, workspace_id=workspace.id, ask_id=ask.id,
                              status=AskStatus.ASKED, today=TODAY)  # fmt: skip
    assert ask_task(s.engineer).status is TaskStatus.DONE


def test_asks_closed_without_asking_dismiss_the_ask_task(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    result = run(session, workspace.id, s)
    key = f"rejection:opp:{s.opportunity.id}:ask:person:{s.manager.id}"
    task = next(t for t in result.tasks if t.origin_key == key)
    for ask in referrals.list_(session, workspace_id=workspace.id, person_id=s.manager.id):
        follow_up.advance_ask(session, workspace_id=workspace.id, ask_id=ask.id,
                              status=AskStatus.CLOSED, today=TODAY)  # fmt: skip
    assert task.status is TaskStatus.DISMISSED


def test_running_it_again_adds_nothing(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    first = run(session, workspace.id, s)
    second = run(session, workspace.id, s)
    assert first.created == 4
    assert second.created == 0
    assert [t.id for t in second.tasks] == [t.id for t in first.tasks]
    count = session.scalars(select(Task).where(Task.workspace_id == workspace.id)).all()
    assert len(count) == 4
    assert len(session.scalars(select(ReferralAsk)).all()) == 5


def test_a_dismissed_task_stays_dismissed_on_a_rerun(session: Session, workspace: Workspace):
    from goodword.tasks import service as tasks
    from goodword.tasks.models import TaskStatus
    from goodword.tasks.schemas import TaskStatusChange

    s = build(session, workspace.id)
    first = run(session, workspace.id, s)
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=first.tasks[0].id,
        change=TaskStatusChange(status=TaskStatus.DISMISSED),
    )
    again = run(session, workspace.id, s)
    assert again.tasks[0].status is TaskStatus.DISMISSED


def test_the_user_can_name_the_companies(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    chosen = f.organization(session, workspace.id, "Oxbow Civic Tech")
    result = run(session, workspace.id, s, target_organization_ids=[chosen.id])
    assert [c.organization.name for c in result.companies[s.manager.id]] == ["Oxbow Civic Tech"]
    ask = next(d for d in result.drafts if d.key == "courtesy_ask")
    assert "I'm now looking at Oxbow Civic Tech." in ask.body


def test_one_company_named_reads_as_one(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    chosen = f.organization(session, workspace.id, "Oxbow Civic Tech")
    result = run(session, workspace.id, s, target_organization_ids=[chosen.id])
    ask = next(d for d in result.drafts if d.key == "courtesy_ask")
    assert "any of them" not in ask.body
    assert "I'm now looking at Oxbow Civic Tech. If you know someone there and feel" in " ".join(
        ask.body.split()
    )


def test_named_companies_leave_out_your_employer_and_the_one_that_said_no_and_say_so(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    mine = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=s.me.id,
        data=PositionCreate(organization_name="Quillstone Software", title="PM"),
    ).organization
    other = f.organization(session, workspace.id, "Oxbow Civic Tech")
    result = run(
        session,
        workspace.id,
        s,
        target_organization_ids=[mine.id, s.opportunity.organization_id, other.id],
    )
    assert [c.organization.name for c in result.companies[s.manager.id]] == ["Oxbow Civic Tech"]
    assert {a.target_organization_id for a in result.asks} == {other.id}
    ask = next(d for d in result.drafts if d.key == "courtesy_ask")
    assert "Quillstone" not in ask.body
    said = [(p.field, p.message, p.blocking) for p in result.prompts]
    assert said == [
        (
            "target_organization_ids",
            "Larkspur Health was left out: it is the company that turned you down. Name others "
            "where the people you clicked with could recommend you.",
            False,
        ),
        (
            "target_organization_ids",
            "Quillstone Software was left out: you work there now. A recommendation there is "
            "no way in, and asking for one can tell your employer you are looking.",
            False,
        ),
    ]


def test_an_opportunity_not_yet_rejected_asks_for_the_stage(session: Session, workspace: Workspace):
    s = build(session, workspace.id, stage="interviewing")
    result = run(session, workspace.id, s)
    assert [p.field for p in result.prompts] == ["stage"]
    assert result.blocked and not result.tasks


def test_an_early_rejection_is_not_treated_as_late(session: Session, workspace: Workspace):
    s = build(session, workspace.id, final_round=1)
    result = run(session, workspace.id, s)
    assert [p.field for p in result.prompts] == ["interview_round"]
    assert not result.tasks


def test_the_user_can_say_the_rejection_came_late(session: Session, workspace: Workspace):
    s = build(session, workspace.id, final_round=1, stage="interviewing")
    result = run(session, workspace.id, s, confirm_late=True)
    assert not result.blocked
    assert len(result.clicked) == 2


def test_no_interviewer_recorded_is_a_prompt_not_a_failure(session: Session, workspace: Workspace):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    opportunity = f.opportunity(session, workspace.id, stage="rejected")
    result = rejection.run(
        session,
        workspace_id=workspace.id,
        opportunity_id=opportunity.id,
        today=TODAY,
        confirm_late=True,
    )
    assert [p.field for p in result.prompts] == ["interviewers"]
    assert "No interviewer is recorded" in result.prompts[0].message


def test_interviewers_without_rapport_prompt_for_it(session: Session, workspace: Workspace):
    s = build(session, workspace.id, manager_rapport=None, engineer_rapport="neutral")
    result = run(session, workspace.id, s)
    assert [p.field for p in result.prompts] == ["rapport"]
    assert not result.tasks


def test_no_target_companies_still_thanks_and_asks_for_targets(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id, targets=())
    # Leave no ties either: Morgan's past job and Priya's friend are removed.
    for position in list(s.manager.positions):
        if not position.is_current:
            people.remove_position(session, workspace_id=workspace.id, position_id=position.id)
    for connection in session.scalars(select(Connection)).all():
        session.delete(connection)
    session.flush()
    result = run(session, workspace.id, s)
    assert [p.field for p in result.prompts] == ["target_companies"]
    assert not result.blocked
    assert {t.origin for t in result.tasks} == {"rejection:thank"}
    assert referrals.list_(session, workspace_id=workspace.id) == []


ALREADY = (
    "Nothing new to add: the asks from this rejection already exist (Morgan Reyes at "
    "Jadeway Semiconductors, Bluefen Data Co-op and Lumenfold Optics; Priya Natarajan at "
    "Lumenfold Optics and Bluefen Data Co-op)."
)


def test_a_rerun_that_adds_nothing_names_the_asks_already_made(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    first = run(session, workspace.id, s)
    assert first.created == 4 and not first.prompts
    second = run(session, workspace.id, s)
    assert [p.field for p in second.prompts] == ["asks"]
    assert second.prompts[0].message == ALREADY


def test_a_rerun_after_the_targets_were_applied_to_names_the_asks_not_a_lack_of_companies(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    first = run(session, workspace.id, s)
    made = {a.id for a in first.asks}
    # The companies named are applied to: they leave the target list.
    for opportunity in session.scalars(
        select(Opportunity).where(Opportunity.stage == "target")
    ).all():
        opportunity.stage = "applied"
    for position in list(s.manager.positions):
        if not position.is_current:
            people.remove_position(session, workspace_id=workspace.id, position_id=position.id)
    for connection in session.scalars(select(Connection)).all():
        session.delete(connection)
    session.flush()
    again = run(session, workspace.id, s)
    assert again.created == 0
    assert [p.field for p in again.prompts] == ["asks"]
    assert again.prompts[0].message == ALREADY
    assert {a.id for a in again.asks} == made


def _works_at(session: Session, ws: int, person: Person, organization: str) -> None:
    people.add_position(
        session,
        workspace_id=ws,
        person_id=person.id,
        data=PositionCreate(organization_name=organization, title="Product Manager"),
    )


def test_it_never_suggests_the_users_own_employer_nor_names_the_user(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    # The user works at Quillmark now, knows Morgan from the interview, and even has a target
    # opportunity there (an internal move): still no door for an outside recommendation.
    _works_at(session, workspace.id, s.me, "Quillmark Studio")
    f.connection(session, workspace.id, s.manager, s.me, kind="interviewer")
    f.opportunity(session, workspace.id, organization_name="Quillmark Studio", stage="target")
    result = run(session, workspace.id, s)
    suggested = [c for companies in result.companies.values() for c in companies]
    assert suggested
    assert "Quillmark Studio" not in {c.organization.name for c in suggested}
    assert not any("Sam" in c.reason for c in suggested)
    asks = referrals.list_(session, workspace_id=workspace.id)
    assert "Quillmark Studio" not in {a.target_organization.name for a in asks}
    assert not any("Quillmark" in d.body for d in result.drafts)


def test_the_user_alone_is_no_tie_so_it_asks_for_targets(session: Session, workspace: Workspace):
    s = build(session, workspace.id, targets=())
    for position in list(s.manager.positions):
        if not position.is_current:
            people.remove_position(session, workspace_id=workspace.id, position_id=position.id)
    for connection in session.scalars(select(Connection)).all():
        session.delete(connection)
    session.flush()
    # Morgan's only tie is the user, at the user's own employer.
    _works_at(session, workspace.id, s.me, "Quillmark Studio")
    f.connection(session, workspace.id, s.manager, s.me, kind="interviewer")
    result = run(session, workspace.id, s)
    assert result.companies[s.manager.id] == []
    assert [p.field for p in result.prompts] == ["target_companies"]
    assert "Add the companies you want to work at next" in result.prompts[0].message
    assert {t.origin for t in result.tasks} == {"rejection:thank"}
    assert referrals.list_(session, workspace_id=workspace.id) == []


def test_ties_leave_out_the_user_and_their_employers(session: Session, workspace: Workspace):
    from goodword.playbooks.ties import organization_ties

    s = build(session, workspace.id)
    _works_at(session, workspace.id, s.me, "Quillmark Studio")
    f.connection(session, workspace.id, s.engineer, s.me, kind="interviewer")
    # A colleague of the user that Priya knows: Quillmark is still the user's own employer.
    colleague = f.person(session, workspace.id, "Ola Berg")
    _works_at(session, workspace.id, colleague, "Quillmark Studio")
    f.connection(session, workspace.id, s.engineer, colleague)
    ties = organization_ties(session, workspace_id=workspace.id, person=s.engineer)
    assert {t.organization.name for t in ties.values()} == {"Lumenfold Optics"}
    assert all(s.me not in t.knows for t in ties.values())


def test_drafts_greet_someone_entered_with_one_name_by_their_first_name(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    # Entered with the single Name field, as the person form invites.
    s.manager.given_name = None
    session.flush()
    result = run(session, workspace.id, s)
    mine = [d for d in result.drafts if d.to_name == "Morgan Reyes"]
    assert {d.key for d in mine} == {"thank_and_release", "courtesy_ask"}
    assert all(d.body.startswith("Hi Morgan,\n") for d in mine)
    assert not any("Hi Morgan Reyes" in (t.notes or "") for t in result.tasks)


def test_drafts_and_warm_paths_call_people_the_same(session: Session, workspace: Workspace):
    from goodword.network.wording import Named
    from goodword.playbooks.engine import first_name

    for name, given in [
        ("Dmitri Ivanov", None),
        ("Eve O'Neil", ""),
        ("Zoë Ångström-Nguyễn", "Zoë"),
        ("Cher", None),
        ("Ana María López", "Ana María"),
    ]:
        person = f.person(session, workspace.id, name, given_name=given or None)
        assert first_name(person) == Named(name, given or None).first
    assert first_name(f.person(session, workspace.id, "Dmitri Ivanov")) == "Dmitri"


def test_other_workspaces_cannot_run_it(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    s = build(session, workspace.id)
    with pytest.raises(NotFound):
        rejection.run(
            session, workspace_id=other_workspace.id, opportunity_id=s.opportunity.id, today=TODAY
        )


def _asked(session: Session, ws: int, s: Search, person: Person) -> ReferralAsk:
    run(session, ws, s)
    asks = referrals.mark_asked(
        session,
        workspace_id=ws,
        person_id=person.id,
        source_opportunity_id=s.opportunity.id,
        on=TODAY,
    )
    assert {a.status for a in asks} == {AskStatus.ASKED}
    return asks[0]


def test_an_introduction_brings_thanks_preparation_and_a_report_back(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    ask = _asked(session, workspace.id, s, s.manager)
    later = TODAY + timedelta(days=10)
    result = follow_up.advance_ask(
        session,
        workspace_id=workspace.id,
        ask_id=ask.id,
        status=AskStatus.INTRODUCED,
        today=later,
        introduced_to="Dana Whit",
    )
    steps = {t.origin: t for t in result.tasks}
    assert set(steps) == {"referral:thank", "referral:prepare", "referral:report-back"}
    assert steps["referral:thank"].due_date == later
    assert steps["referral:report-back"].due_date == later + timedelta(days=14)
    assert "looks good" in steps["referral:prepare"].title
    thanks = next(d for d in result.drafts if d.key == "referral_thanks")
    assert thanks.complete
    assert "Dana Whit at Jadeway Semiconductors" in thanks.body
    assert "I'll let you know how it goes" in thanks.body
    again = follow_up.advance_ask(
        session,
        workspace_id=workspace.id,
        ask_id=ask.id,
        status=AskStatus.INTRODUCED,
        today=later,
    )
    assert again.created == 0


def test_an_interview_from_the_referral_brings_another_report_back(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    ask = _asked(session, workspace.id, s, s.manager)
    follow_up.advance_ask(
        session, workspace_id=workspace.id, ask_id=ask.id, status=AskStatus.INTRODUCED, today=TODAY
    )
    new = f.opportunity(
        session,
        workspace.id,
        organization_name="Jadeway Semiconductors",
        role_title="Product Lead",
        next_step="Second interview",
        next_step_due=TODAY + timedelta(days=5),
    )
    result = follow_up.advance_ask(
        session,
        workspace_id=workspace.id,
        ask_id=ask.id,
        status=AskStatus.INTERVIEWING,
        today=TODAY + timedelta(days=1),
        result_opportunity_id=new.id,
    )
    [task] = result.tasks
    assert task.origin_key == f"referral:ask:{ask.id}:report-back:interviewing"
    assert task.due_date == TODAY + timedelta(days=6)
    assert task.opportunity_id == new.id
    assert "I'm now interviewing for the Product Lead role" in result.drafts[0].body


def test_asks_refuse_moves_that_skip_the_story(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    run(session, workspace.id, s)
    ask = referrals.list_(session, workspace_id=workspace.id)[0]
    with pytest.raises(InvalidInput) as caught:
        follow_up.advance_ask(
            session, workspace_id=workspace.id, ask_id=ask.id, status=AskStatus.OFFER, today=TODAY
        )
    assert "cannot become offer" in caught.value.message
    assert "asked, closed" in caught.value.message


def test_a_decline_brings_a_graceful_close_and_a_keep_in_touch_reminder(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    ask = _asked(session, workspace.id, s, s.engineer)
    result = follow_up.advance_ask(
        session, workspace_id=workspace.id, ask_id=ask.id, status=AskStatus.DECLINED, today=TODAY
    )
    steps = {t.origin: t for t in result.tasks}
    assert set(steps) == {"referral:close", "referral:keep-in-touch"}
    # Priya interviewed the user: an interviewer's cadence is 90 days.
    assert steps["referral:keep-in-touch"].due_date == TODAY + timedelta(days=90)
    close = next(d for d in result.drafts if d.key == "graceful_close")
    assert close.complete
    assert "25 Nov 2026" in close.body and "Larkspur Health" in close.body


def test_quiet_asks_are_closed_gracefully_after_the_wait(session: Session, workspace: Workspace):
    s = build(session, workspace.id)
    _asked(session, workspace.id, s, s.manager)
    early = follow_up.sweep_quiet_asks(
        session, workspace_id=workspace.id, today=TODAY + timedelta(days=20)
    )
    assert early.tasks == []
    late = follow_up.sweep_quiet_asks(
        session, workspace_id=workspace.id, today=TODAY + timedelta(days=21)
    )
    assert {t.origin for t in late.tasks} == {"referral:close", "referral:keep-in-touch"}
    assert {t.person_id for t in late.tasks} == {s.manager.id}
    again = follow_up.sweep_quiet_asks(
        session, workspace_id=workspace.id, today=TODAY + timedelta(days=30)
    )
    assert again.created == 0


def test_an_ask_that_produced_an_introduction_is_never_closed_as_quiet(
    session: Session, workspace: Workspace
):
    s = build(session, workspace.id)
    ask = _asked(session, workspace.id, s, s.manager)
    follow_up.advance_ask(
        session, workspace_id=workspace.id, ask_id=ask.id, status=AskStatus.INTRODUCED, today=TODAY
    )
    result = follow_up.sweep_quiet_asks(
        session, workspace_id=workspace.id, today=TODAY + timedelta(days=60)
    )
    assert result.tasks == []


def test_the_result_reads_as_json_with_mailto_links(session: Session, workspace: Workspace):
    from goodword.playbooks.engine import to_read

    s = build(session, workspace.id)
    read = to_read(run(session, workspace.id, s)).model_dump(mode="json")
    assert read["playbook"] == "rejection" and read["created"] == 4
    assert len(read["task_ids"]) == 4 and read["prompts"] == []
    first = read["drafts"][0]
    assert first["mailto"].startswith("mailto:morgan@larkspur.example?subject=")
    assert first["missing"] == []
