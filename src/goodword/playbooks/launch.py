"""Launch a reference: a trusted voice calls the hiring manager before the user applies.

The playbook briefs the reference (the role, what to stress, whom to call), asks them to call
*before* the application goes in, follows up on what came of it, and reminds the user to say
thank you once the call is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from goodword.forms import validate
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.playbooks import library
from goodword.playbooks.engine import (
    Links,
    Result,
    checklist,
    emails_of,
    ensure_task,
    finish_task,
    first_name,
    me,
    person_values,
)
from goodword.playbooks.messages import format_date
from goodword.records import clean_text, referenced
from goodword.references import service as references
from goodword.references.models import ReferenceUse, UseStatus
from goodword.references.schemas import ReferenceUseMove
from goodword.tasks.models import TaskStatus

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
    result = LaunchResult(PLAYBOOK, warnings=references.warnings(reference))
    manager = opportunity.hiring_manager
    if manager is None:
        result.ask(
            "hiring_manager",
            f"Record the hiring manager for {opportunity.role_title} at "
            f"{opportunity.organization.name}: your reference needs to know whom to call.",
        )
    # What to stress is the briefing: without it the call is a favour spent on nothing said.
    launched = references.open_use(reference, opportunity.id)
    stress = clean_text(stress_points) or (launched.stress_points if launched else None)
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
    user = me(session, workspace_id=workspace_id)
    person = reference.person
    # Launched once the application is in, the call is asked for while it is weighed.
    applied = opportunity.stage in APPLIED_STAGES
    apply_on = today + timedelta(days=apply_after_days)
    contact = emails_of(manager)
    manager_text = manager.display_name + (f" ({contact[0]})" if contact else "")
    values = {
        **person_values(person, user),
        "organization": opportunity.organization.name,
        "role": opportunity.role_title,
        "hiring_manager": manager_text,
        "stress_points": stress,
        "can_speak_to": reference.can_speak_to,
        **({} if applied else {"apply_after": format_date(apply_on)}),
    }
    briefing = library.draft(
        session,
        workspace_id=workspace_id,
        key="reference_request_applied" if applied else "reference_request",
        values=values,
        to=emails_of(person),
        to_name=person.display_name,
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
    use, _ = references.start_use(
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
    key = f"{PLAYBOOK}:use:{use.id}"
    links: Links = {"person_id": person.id, "opportunity_id": opportunity.id}
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="brief",
            key=f"{key}:brief",
            title=f"Brief {person.display_name} on {opportunity.role_title} at "
            f"{opportunity.organization.name}",
            due_date=today,
            notes=checklist(
                *result.warnings,
                f"Send the briefing and ask {first_name(person)} to call "
                f"{manager.display_name} {'soon' if applied else 'before you apply'}.",
                "Mark the reference as briefed once it is sent.",
            ),
            draft=briefing,
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
            key=f"{key}:before-applying",
            title=f"Check that {person.display_name} has called {manager.display_name}"
            + ("" if applied else ", then apply"),
            due_date=apply_on,
            notes=checklist(
                f"Ask {first_name(person)} whether the call happened and how it went.",
                *([] if applied else [APPLY_AFTER]),
                "Mark the reference as called, with what came of it.",
            ),
            **links,
        )
    )
    return result


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
    key = f"{PLAYBOOK}:use:{use.id}"
    done_steps = {
        UseStatus.BRIEFED: ("brief",),
        UseStatus.CALLED: ("brief", "before-applying"),
        UseStatus.THANKED: ("brief", "before-applying", "thank"),
    }
    for step in done_steps.get(status, ()):
        finish_task(session, workspace_id=workspace_id, key=f"{key}:{step}")
    if status is UseStatus.CANCELLED:
        for step in ("brief", "before-applying", "thank"):
            finish_task(
                session, workspace_id=workspace_id, key=f"{key}:{step}", status=TaskStatus.DISMISSED
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
        to=emails_of(person),
        to_name=person.display_name,
    )
    result.drafts.append(thanks)
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="thank",
            key=f"{key}:thank",
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
