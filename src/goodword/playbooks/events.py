"""Events in, playbooks out: what runs when something happens, and the daily routines.

Every caller that moves an opportunity (the board, the API, the command line) calls
`after_stage_change` after the move, so a rejection starts the rejection playbook the same way
everywhere. The routines (quiet asks, keep-in-touch reminders, thanks for favours) are cheap
and idempotent: pages and `goodword playbooks run` call them whenever they like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from goodword.opportunities.models import Opportunity, Stage
from goodword.playbooks import cadence, launch, rejection
from goodword.playbooks.engine import Prompt, Result


def after_stage_change(
    session: Session, *, workspace_id: int, opportunity: Opportunity, today: date
) -> Result | None:
    """Run the playbook an opportunity's new stage calls for; None when there is none.

    A rejection runs the rejection playbook. A rejection that does not qualify (an early
    round, no interviewer recorded, nobody marked as clicked) comes back with the prompts that
    say what is missing, and nothing written. References launched for the opportunity and not
    called yet are cancelled once it is over (accepted, rejected, withdrawn), and said to
    have not called yet once the application is in: the result's notes say so.
    """
    launches = launch.after_stage_change(
        session, workspace_id=workspace_id, opportunity=opportunity, today=today
    )
    if opportunity.stage is not Stage.REJECTED:
        return launches
    result = rejection.run(
        session, workspace_id=workspace_id, opportunity_id=opportunity.id, today=today
    )
    if launches is not None:
        result.notes.extend(launches.notes)
    return result


def describe(result: Result) -> str:
    """One sentence for a flash message or the command line (with what else the run did
    after it)."""
    if result.notes and not result.created and not result.blocked:
        # (Nothing added and nothing needed: what it did is all there is to say.)
        return " ".join(result.notes)
    return " ".join([_said(result), *result.notes])


def _said(result: Result) -> str:
    if result.created:
        tasks = "task" if result.created == 1 else "tasks"
        return f"{result.created} follow-up {tasks} added from the {_name(result)} playbook."
    if result.blocked:
        first = next(p for p in result.prompts if p.blocking)
        return f"The {_name(result)} playbook needs more first: {first.message}"
    if result.tasks:
        return f"The {_name(result)} playbook's tasks were already there; nothing new was added."
    return f"The {_name(result)} playbook had nothing to add."


@dataclass
class Routines:
    """What one run of the routines produced, playbook by playbook."""

    results: list[Result] = field(default_factory=list)

    @property
    def due(self) -> list[cadence.DueItem] | None:
        """The people due a catch-up, as the keep-in-touch routine found them."""
        return next((r.due for r in self.results if isinstance(r, cadence.Reminded)), None)

    @property
    def created(self) -> int:
        return sum(r.created for r in self.results)

    @property
    def prompts(self) -> list[Prompt]:
        seen: dict[str, Prompt] = {}
        for result in self.results:
            for prompt in result.prompts:
                seen.setdefault(prompt.message, prompt)
        return list(seen.values())

    def summary(self) -> str:
        if not self.created:
            return "Your playbooks are up to date: nothing new to add."
        parts = [f"{r.created} from {_name(r)}" for r in self.results if r.created]
        tasks = "task" if self.created == 1 else "tasks"
        return f"{self.created} new {tasks} ({', '.join(parts)})."


def run_routines(session: Session, *, workspace_id: int, today: date) -> Routines:
    """Close quiet referral asks, remind of people due a catch-up, thank for recent favours."""
    return Routines(
        [
            rejection.sweep_quiet_asks(session, workspace_id=workspace_id, today=today),
            cadence.remind(session, workspace_id=workspace_id, today=today),
            cadence.thank_for_favours(session, workspace_id=workspace_id, today=today),
        ]
    )


_NAMES = {
    rejection.PLAYBOOK: "rejection",
    rejection.REFERRAL: "referral",
    cadence.PLAYBOOK: "keep-in-touch",
    cadence.FAVOURS: "favours",
}


def _name(result: Result) -> str:
    return _NAMES.get(result.playbook, result.playbook.replace("-", " "))
