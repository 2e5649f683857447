"""Events in, playbooks out: what runs when something happens, and the daily routines.

Every caller that changes an opportunity's stage (the board, the edit form, the API's move and
its PUT, the command line) goes through `move` or `update`, which run `after_stage_change` and
look for the blind-application warning once the stage has changed, so a rejection starts the
rejection playbook the same way everywhere. Adding an opportunity goes through `create`, which
does the same for the stage it starts at, as if it had moved there. The routines (quiet asks,
keep-in-touch reminders, thanks for favours) are cheap and idempotent: pages and `goodword
playbooks run` call them whenever they like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from goodword.network.queries import BlindWarning, blind_warning
from goodword.network.service import SnapshotCache
from goodword.network.strength import DEFAULT_MODEL, StrengthModel
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage
from goodword.opportunities.schemas import OpportunityCreate, OpportunityUpdate
from goodword.playbooks import cadence, favours, follow_up, launch, rejection
from goodword.playbooks.engine import Prompt, Result

# How to say, on one surface, that an opportunity's rejection came late (by its id): see
# `rejection.run`'s `confirm`.
Confirm = Callable[[int], str]


@dataclass
class Moved:
    """An opportunity after it was added, moved or edited, with what a change of stage set
    off."""

    opportunity: Opportunity
    # None for an opportunity just added: the stage it starts at is a change of stage.
    before: Stage | None
    # What the new stage's playbook did; None when the stage did not change or none ran.
    outcome: Result | None = None
    # Set when the change put the application in with nobody carrying it.
    warning: BlindWarning | None = None

    @property
    def changed(self) -> bool:
        return self.opportunity.stage is not self.before

    @property
    def warns(self) -> bool:
        return self.warning is not None or (self.outcome is not None and self.outcome.blocked)


def create(
    session: Session,
    *,
    workspace_id: int,
    data: OpportunityCreate,
    today: date,
    at: datetime | None = None,
    cache: SnapshotCache | None = None,
    model: StrengthModel = DEFAULT_MODEL,
    confirm: Confirm | None = None,
) -> Moved:
    """Add the opportunity and do what a move to the stage it starts at does (a rejection's
    playbook, the blind-application warning for one added as applied)."""
    created = opportunities.create(session, workspace_id=workspace_id, data=data, at=at)
    return _settled(
        session, workspace_id, created, None, today=today, cache=cache, model=model, confirm=confirm
    )


def move(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    stage: Stage,
    note: str | None = None,
    today: date,
    cache: SnapshotCache | None = None,
    model: StrengthModel = DEFAULT_MODEL,
    confirm: Confirm | None = None,
) -> Moved:
    """Move the opportunity and, when its stage changed, do what a change of stage does."""
    before = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    ).stage
    moved = opportunities.move(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id, stage=stage, note=note
    )
    return _settled(
        session, workspace_id, moved, before, today=today, cache=cache, model=model, confirm=confirm
    )


def update(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    data: OpportunityUpdate,
    today: date,
    cache: SnapshotCache | None = None,
    model: StrengthModel = DEFAULT_MODEL,
    confirm: Confirm | None = None,
) -> Moved:
    """Replace the opportunity's fields; a new stage there does what a move does."""
    before = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    ).stage
    updated = opportunities.update(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id, data=data
    )
    return _settled(
        session,
        workspace_id,
        updated,
        before,
        today=today,
        cache=cache,
        model=model,
        confirm=confirm,
    )


def _settled(
    session: Session,
    workspace_id: int,
    opportunity: Opportunity,
    before: Stage | None,
    *,
    today: date,
    cache: SnapshotCache | None,
    model: StrengthModel,
    confirm: Confirm | None,
) -> Moved:
    moved = Moved(opportunity, before)
    if moved.changed:
        moved.outcome = after_stage_change(
            session,
            workspace_id=workspace_id,
            opportunity=opportunity,
            today=today,
            confirm=confirm,
        )
        moved.warning = blind_warning(
            session, workspace_id=workspace_id, opportunity=opportunity, cache=cache, model=model
        )
    return moved


def after_stage_change(
    session: Session,
    *,
    workspace_id: int,
    opportunity: Opportunity,
    today: date,
    confirm: Confirm | None = None,
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
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity.id,
        today=today,
        confirm=confirm(opportunity.id) if confirm is not None else None,
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
        # (Two sentences: a message may begin with a name, which keeps its capital.)
        return f"The {_name(result)} playbook needs more first. {first.message}"
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
            follow_up.sweep_quiet_asks(session, workspace_id=workspace_id, today=today),
            cadence.remind(session, workspace_id=workspace_id, today=today),
            favours.thank_for_favours(session, workspace_id=workspace_id, today=today),
        ]
    )


_NAMES = {
    rejection.PLAYBOOK: "rejection",
    follow_up.REFERRAL: "referral",
    cadence.PLAYBOOK: "keep-in-touch",
    favours.FAVOURS: "favours",
}


def _name(result: Result) -> str:
    return _NAMES.get(result.playbook, result.playbook.replace("-", " "))
