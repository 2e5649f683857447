"""Launch a reference: a trusted voice calls the hiring manager before the user applies.

The playbook briefs the reference (the role, what to stress, whom to call), asks them to call
*before* the application goes in, follows up on what came of it, and reminds the user to say
thank you once the call is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.forms import validate
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage
from goodword.playbooks import addresses, library
from goodword.playbooks.engine import (
    Links,
    Result,
    addressed_to,
    checklist,
    ensure_task,
    finish_task,
    first_name,
    hand_edited,
    me,
    person_values,
    title_edited,
)
from goodword.playbooks.messages import Draft, format_date, join_names
from goodword.records import clean_text, referenced
from goodword.references import service as references
from goodword.references.models import Reference, ReferenceUse, UseStatus
from goodword.references.schemas import ReferenceUseMove
from goodword.tasks.models import Task, TaskStatus

PLAYBOOK = "reference"


# The stages at which the application is in: a reference's call is asked for while it is
# weighed, not before applying.
APPLIED_STAGES = frozenset({Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER})
APPLY_AFTER = "Apply only after the call, so your name arrives already known."


@dataclass
class LaunchResult(Result):
    use: ReferenceUse | None = None
    warnings: list[str] = field(default_factory=list)


def launch(
    session: Session,
    *,
    workspace_id: int,
    reference_id: int,
    opportunity_id: int,
    today: date,
    stress_points: str | None = None,
    apply_after_days: int = 3,
    max_uses: int = references.MAX_USES,
    window_days: int = references.WINDOW_DAYS,
    force: bool = False,
    confirm_current_workplace: bool = False,
) -> LaunchResult:
    """Launch a reference for an opportunity: the briefing, the call, the follow-up.

    Without a hiring manager on the opportunity there is no one to call, and without what to
    stress nothing to say: the result asks for them instead. The reference service refuses
    overuse and unconfirmed current-workplace references with a clear message.
    """
    reference = references.get(session, workspace_id=workspace_id, reference_id=reference_id)
    opportunity = referenced(
        "opportunity_id",
        lambda: opportunities.get(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        ),
    )
    launched = references.open_use(reference, opportunity.id)
    if launched is None:
        references.refuse_closed(opportunity)
    result = LaunchResult(PLAYBOOK, warnings=references.warnings(reference))
    manager = opportunity.hiring_manager
    if manager is None:
        result.ask(
            "hiring_manager",
            f"Record the hiring manager for {opportunity.role_title} at "
            f"{opportunity.organization.name}: your reference needs to know whom to call.",
        )
    # What to stress is the briefing: without it the call is a favour spent on nothing said.
    said_before = launched.stress_points if launched else None
    stress = clean_text(stress_points) or said_before
    if not stress:
        result.ask(
            "stress_points",
            f"Say what {reference.person.display_name} should stress for "
            f"{opportunity.role_title}: the briefing tells them, and the call is worth "
            "little without it.",
        )
    if manager is None:
        return result
    if not reference.can_speak_to:
        result.ask(
            "can_speak_to",
            f"Note what {reference.person.display_name} can speak to first-hand.",
            blocking=False,
        )
    # Launched once the application is in, the call is asked for while it is weighed.
    applied = opportunity.stage in APPLIED_STAGES
    apply_on = today + timedelta(days=apply_after_days)
    briefing = _briefing(
        session,
        workspace_id=workspace_id,
        reference=reference,
        opportunity=opportunity,
        stress=stress,
        applied=applied,
        apply_on=apply_on,
    )
    result.drafts.append(briefing)
    if not stress:
        # The briefing with its gap shows what it needs; what would refuse the launch once
        # it is filled in is said now.
        if launched is None:
            references.refuse_launch(
                reference,
                opportunity,
                today=today,
                max_uses=max_uses,
                window_days=window_days,
                force=force,
                confirm_current_workplace=confirm_current_workplace,
            )
        return result
    use, started = references.start_use(
        session,
        workspace_id=workspace_id,
        reference_id=reference.id,
        opportunity_id=opportunity.id,
        today=today,
        stress_points=stress,
        max_uses=max_uses,
        window_days=window_days,
        force=force,
        confirm_current_workplace=confirm_current_workplace,
    )
    result.use = use
    # Launched again with something new to stress: the open tasks carry the new briefing.
    redraft = launched is not None and said_before != use.stress_points
    _add_tasks(
        session,
        workspace_id=workspace_id,
        result=result,
        use=use,
        briefing=briefing,
        applied=applied,
        apply_on=apply_on,
        today=today,
        redraft=redraft,
        # (Launched again after a cancel: the tasks the cancel dismissed come back.)
        revive=started and launched is None,
    )
    if redraft:
        result.notes.append(
            f"The briefing for {reference.person.display_name} says what to stress anew, in "
            "its open tasks too."
        )
        result.notes.extend(_kept_notes(result.tasks))
    return result


def _kept_notes(tasks: list[Task]) -> list[str]:
    """A sentence for each open task whose notes or title a redraft left as the user wrote
    them."""
    said = []
    for task in tasks:
        if task.status not in (TaskStatus.OPEN, TaskStatus.SNOOZED):
            continue
        notes, title = hand_edited(task), title_edited(task)
        if notes:
            kept = "title and notes" if title else "notes"
            said.append(
                f"The task “{task.title}” keeps the {kept} you wrote: take what is new from "
                "the briefing's draft."
            )
        elif title:
            said.append(f"The task “{task.title}” keeps the title you gave it.")
    return said


def _briefing(
    session: Session,
    *,
    workspace_id: int,
    reference: Reference,
    opportunity: Opportunity,
    stress: str | None,
    applied: bool,
    apply_on: date,
) -> Draft:
    """The briefing to send the reference: before applying, or while the application is
    weighed (`applied`). The opportunity has a hiring manager."""
    manager = opportunity.hiring_manager
    assert manager is not None
    user = me(session, workspace_id=workspace_id)
    person = reference.person
    # (The reference reaches the hiring manager at work: never their personal address,
    # which is not the user's to pass on; without a work one, their name alone.)
    contact = addresses.work_address(manager, opportunity.organization)
    manager_text = manager.display_name + (f" ({contact})" if contact else "")
    values = {
        **person_values(person, user),
        "organization": opportunity.organization.name,
        "role": opportunity.role_title,
        "hiring_manager": manager_text,
        "stress_points": stress,
        "can_speak_to": reference.can_speak_to,
        **({} if applied else {"apply_after": format_date(apply_on)}),
    }
    return library.draft(
        session,
        workspace_id=workspace_id,
        key="reference_request_applied" if applied else "reference_request",
        values=values,
        **addressed_to(person),
    )


def _add_tasks(
    session: Session,
    *,
    workspace_id: int,
    result: Result,
    use: ReferenceUse,
    briefing: Draft,
    applied: bool,
    apply_on: date,
    today: date,
    redraft: bool = False,
    revive: bool = False,
) -> None:
    """The launch's tasks: send the briefing, and check that the call happened (before
    applying, unless the application is in). With `redraft`, open ones are written anew;
    with `revive`, dismissed ones are open again (`engine.ensure_task`)."""
    reference, opportunity = use.reference, use.opportunity
    assert opportunity is not None and opportunity.hiring_manager is not None
    manager, person = opportunity.hiring_manager, reference.person
    links: Links = {"person_id": person.id, "opportunity_id": opportunity.id}
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="brief",
            key=references.use_task_key(use.id, "brief"),
            title=f"Brief {person.display_name} on {opportunity.role_title} at "
            f"{opportunity.organization.name}",
            due_date=today,
            notes=checklist(
                *references.warnings(reference),
                f"Send the briefing and ask {first_name(person)} to call "
                f"{manager.display_name} {'soon' if applied else 'before you apply'}.",
                "Mark the reference as briefed once it is sent.",
            ),
            draft=briefing,
            redraft=redraft,
            revive=revive,
            **links,
        )
    )
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            # (Its step keeps its name once the application is in: the call is what it waits
            # for either way.)
            step="before-applying",
            key=references.use_task_key(use.id, "before-applying"),
            title=f"Check that {person.display_name} has called {manager.display_name}"
            + ("" if applied else ", then apply"),
            due_date=apply_on,
            notes=checklist(
                f"Ask {first_name(person)} whether the call happened and how it went.",
                *([] if applied else [APPLY_AFTER]),
                "Mark the reference as called, with what came of it.",
            ),
            redraft=redraft,
            revive=revive,
            **links,
        )
    )


# Launches that have not led to a call yet.
PENDING = (UseStatus.PLANNED, UseStatus.BRIEFED)


def after_stage_change(
    session: Session, *, workspace_id: int, opportunity: Opportunity, today: date
) -> Result | None:
    """What a stage move means for the references launched for the opportunity and not yet
    called; None when there are none, or the move means nothing for them.

    Over (accepted, rejected, withdrawn): their launches are cancelled, as by hand (their
    tasks dismissed), and no longer count toward the limit. The application in (applied,
    interviewing, offer): the user hears that the call has not happened yet, and, when it
    just went in, the open tasks no longer say to apply after the call.
    """
    uses = list(
        session.scalars(
            select(ReferenceUse)
            .where(
                ReferenceUse.workspace_id == workspace_id,
                ReferenceUse.opportunity_id == opportunity.id,
                ReferenceUse.status.in_(PENDING),
            )
            .order_by(ReferenceUse.id)
        )
    )
    if not uses:
        return None
    result = Result(PLAYBOOK)
    names = join_names([u.reference.person.display_name for u in uses], "and")
    several = len(uses) > 1
    if opportunity.stage in references.CLOSED_STAGES:
        for use in uses:
            record(
                session,
                workspace_id=workspace_id,
                use_id=use.id,
                status=UseStatus.CANCELLED,
                today=today,
            )
        launches = "launches" if several else "launch"
        count = "they no longer count" if several else "it no longer counts"
        result.notes.append(
            f"The reference {launches} of {names} (not called yet) "
            f"{'were' if several else 'was'} cancelled, with {'their' if several else 'its'} "
            f"tasks: {count} toward the limit of {references.MAX_USES} in "
            f"{references.WINDOW_DAYS} days."
        )
        return result
    if opportunity.stage not in APPLIED_STAGES:
        return None
    manager = opportunity.hiring_manager
    whom = manager.display_name if manager else "the hiring manager"
    entered = _entered_applied(opportunity)
    for use in uses:
        person = use.reference.person
        if use.status is UseStatus.PLANNED:
            said = (
                f"Warning: {person.display_name} has not been briefed yet, nor called {whom}: "
                "your application is in before the call. Send the briefing now, asking for a "
                "call while it is weighed."
            )
        else:
            said = (
                f"Warning: {person.display_name} has not called {whom} yet: your application "
                "is in before the call. Ask them to call while it is weighed."
            )
        if entered and manager is not None and use.stress_points:
            redrafted = Result(PLAYBOOK)
            _add_tasks(
                session,
                workspace_id=workspace_id,
                result=redrafted,
                use=use,
                briefing=_briefing(
                    session,
                    workspace_id=workspace_id,
                    reference=use.reference,
                    opportunity=opportunity,
                    stress=use.stress_points,
                    applied=True,
                    apply_on=today,
                ),
                applied=True,
                apply_on=today,
                today=today,
                redraft=True,
            )
            said += " Its open tasks now fit: the check is only that the call happened."
            kept = _kept_notes(redrafted.tasks)
            said = " ".join([said, *kept])
        result.notes.append(said)
    return result


def _entered_applied(opportunity: Opportunity) -> bool:
    """Whether the opportunity's latest move took it from before applying to applied or
    beyond (not from one such stage to another)."""
    if not opportunity.stage_changes:
        return False
    latest = max(opportunity.stage_changes, key=lambda change: change.id)
    return latest.from_stage is None or latest.from_stage not in APPLIED_STAGES


def record(
    session: Session,
    *,
    workspace_id: int,
    use_id: int,
    status: UseStatus,
    today: date,
    outcome: str | None = None,
) -> Result:
    """Record a briefing, the call or the thank-you; the call brings a thank-you task."""
    use = references.move_use(
        session,
        workspace_id=workspace_id,
        use_id=use_id,
        data=validate(ReferenceUseMove, {"status": status, "on": today, "outcome": outcome}),
    )
    result = Result(PLAYBOOK)
    # What the earlier steps' tasks waited for is now on record.
    done_steps = {
        UseStatus.BRIEFED: ("brief",),
        UseStatus.CALLED: ("brief", "before-applying"),
        UseStatus.THANKED: ("brief", "before-applying", "thank"),
    }
    for step in done_steps.get(status, ()):
        finish_task(session, workspace_id=workspace_id, key=references.use_task_key(use.id, step))
    if status is UseStatus.CANCELLED:
        for step in ("brief", "before-applying", "thank"):
            finish_task(
                session,
                workspace_id=workspace_id,
                key=references.use_task_key(use.id, step),
                status=TaskStatus.DISMISSED,
            )
    if status is not UseStatus.CALLED:
        return result
    person = use.reference.person
    # None when the opportunity was deleted: the draft leaves its gaps for the user to fill.
    opportunity = use.opportunity
    manager = opportunity.hiring_manager if opportunity else None
    user = me(session, workspace_id=workspace_id)
    thanks = library.draft(
        session,
        workspace_id=workspace_id,
        key="reference_thanks",
        values={
            **person_values(person, user),
            "organization": opportunity.organization.name if opportunity else None,
            "role": opportunity.role_title if opportunity else None,
            "hiring_manager": manager.display_name if manager else None,
        },
        **addressed_to(person),
    )
    result.drafts.append(thanks)
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="thank",
            key=references.use_task_key(use.id, "thank"),
            title=f"Thank {person.display_name} for speaking for you",
            due_date=today + timedelta(days=1),
            notes=checklist(
                "Thank them within a day of the call.",
                "Tell them later how it turned out; mark the reference as thanked.",
            ),
            draft=thanks,
            person_id=person.id,
            opportunity_id=use.opportunity_id,
        )
    )
    return result
