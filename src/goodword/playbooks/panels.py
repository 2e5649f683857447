"""What an opportunity's page shows under "Next moves", as plain data for the template.

Previews run the real playbook in a transaction that is always rolled back (`dry_run`), so
the page shows exactly what running it would make (who, which companies, the drafts, or
what is missing) without writing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from goodword.db import BUSY_TIMEOUT_MS, hold_writes, holds_writes
from goodword.errors import Busy, GoodwordError
from goodword.opportunities.models import Opportunity, Stage
from goodword.people.models import Person
from goodword.playbooks import follow_up, launch, reach, rejection
from goodword.playbooks.engine import Prompt, me, playbook_tasks
from goodword.playbooks.messages import Draft
from goodword.references import service as references
from goodword.references.models import Reference, ReferenceUse, UseStatus
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.tasks.models import Task

if TYPE_CHECKING:
    from goodword.network.service import SnapshotCache
    from goodword.network.strength import StrengthModel

T = TypeVar("T")

FINISHED = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN)
# Stages at which the hiring manager is reached already: the interviews, the offer.
REACHED = (Stage.INTERVIEWING, Stage.OFFER)
# What the user can record next for one launch of a reference.
USE_NEXT: dict[UseStatus, tuple[UseStatus, ...]] = {
    UseStatus.PLANNED: (UseStatus.BRIEFED, UseStatus.CALLED, UseStatus.CANCELLED),
    UseStatus.BRIEFED: (UseStatus.CALLED, UseStatus.CANCELLED),
    UseStatus.CALLED: (UseStatus.THANKED,),
    UseStatus.THANKED: (),
    UseStatus.CANCELLED: (),
}


BUSY_PREVIEW = (
    "Goodword is busy saving something (an import, probably), so this preview is not shown "
    "now: reload the page in a minute."
)


# How long a preview waits for another writer to let go of SQLite's lock (the dashboard's
# playbook run, a small import) before it is read without it.
PREVIEW_WAIT_MS = 500


def dry_run(session: Session, run: Callable[[Session], T]) -> T:
    """Call `run` with a session whose writes are rolled back whatever happens.

    On SQLite, whose one write lock a preview's writes take, the run has a short
    transaction of its own (`_alone`), so the page that asks for it reads without the lock
    and holds it only while the run lasts. A session that holds the lock already (it has
    written), or is bound to its caller's connection (a test's), and PostgreSQL's, which
    has no such lock, run it in a savepoint of theirs.

    `run` must read through the session it is given and copy what it needs into plain data
    before returning: the rows it made are gone afterwards. Another writer holding the
    lock past the wait leaves the preview out: `Busy`.
    """
    bind = session.get_bind()
    if _own_transaction_for(bind, session):
        return _alone(bind, run)
    savepoint = session.begin_nested()
    try:
        return run(session)
    except OperationalError as exc:
        if not _locked(exc):
            raise
        raise Busy(BUSY_PREVIEW) from exc
    finally:
        savepoint.rollback()
        # Whatever the run touched is read again from the database, as it really is.
        session.expire_all()


def _own_transaction_for(bind: Engine | Connection, session: Session) -> TypeGuard[Engine]:
    """Whether a preview on `session` runs in a transaction of its own (`_alone`): on a
    SQLite file (a database in memory is one connection, shared), for a session that
    neither holds the lock nor belongs to its caller's connection."""
    return (
        isinstance(bind, Engine)
        and bind.dialect.name == "sqlite"
        and not isinstance(bind.pool, SingletonThreadPool | StaticPool)
        and not holds_writes(session)
    )


def _alone(engine: Engine, run: Callable[[Session], T]) -> T:
    """Call `run` in a transaction of its own on SQLite: begun with the write lock (waiting
    `PREVIEW_WAIT_MS` at most for another writer), rolled back and let go at its end.

    Without the lock, the run reads all the same: a preview that writes nothing shows; one
    that writes is refused at once (a transaction that has read cannot wait for the lock),
    and is left out (`Busy`)."""
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute(f"PRAGMA busy_timeout={PREVIEW_WAIT_MS}")
        try:
            with Session(bind=connection) as preview:
                try:
                    hold_writes(preview)
                except OperationalError as exc:
                    if not _locked(exc):
                        raise
                    preview.rollback()  # (the run reads in a transaction begun anew)
                try:
                    return run(preview)
                except OperationalError as exc:
                    if not _locked(exc):
                        raise
                    raise Busy(BUSY_PREVIEW) from exc
                finally:
                    preview.rollback()
        finally:
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _locked(exc: OperationalError) -> bool:
    """Whether SQLite refused for another writer's lock (an import, the dashboard's
    playbook run, the command line)."""
    return "database is locked" in str(exc.orig)


@dataclass
class RejectionPreview:
    prompts: list[Prompt]
    clicked: list[str]
    companies: list[tuple[str, list[tuple[str, str]]]]
    drafts: list[Draft]


@dataclass
class AskRow:
    ask: ReferralAsk
    next_statuses: list[AskStatus]
    tasks: list[Task] = field(default_factory=list)


@dataclass
class RejectionPanel:
    tasks: list[Task]
    asks: list[AskRow]
    close_tasks: list[Task]
    preview: RejectionPreview | None
    # The user said the rejection came late (the box ticked), for a run refused all the same.
    confirm_late: bool = False
    # Why there is no preview (another writer holds SQLite's lock), if so.
    error: str | None = None


@dataclass
class ReachPreview:
    prompts: list[Prompt]
    warm_paths: list[tuple[int | None, str | None, str]]
    entry_points: list[tuple[int, str, str]]
    drafts: list[Draft]
    # Whether planning would add an introduction task (not when you deal with them directly).
    introduction: bool = False


@dataclass
class ReachPanel:
    tasks: list[Task]
    preview: ReachPreview | None
    error: str | None = None
    # Whom the advice-call plan is for (the latest), so the page offers that person again.
    planned_for: int | None = None
    # Each side door's request for the call, so the page shows the one for the person chosen.
    entry_drafts: dict[int, list[Draft]] = field(default_factory=dict)


@dataclass
class ReferenceOption:
    reference: Reference
    warnings: list[str]
    blockers: list[str]
    uses_in_window: int


@dataclass
class UseRow:
    use: ReferenceUse
    next_statuses: tuple[UseStatus, ...]
    tasks: list[Task]


def next_statuses(status: AskStatus) -> list[AskStatus]:
    """Where an ask may go from here, in the story's order."""
    order = list(AskStatus)
    return sorted(referrals.TRANSITIONS[status], key=order.index)


def ask_rows(session: Session, *, workspace_id: int, asks: list[ReferralAsk]) -> list[AskRow]:
    """Each ask with its next statuses and the tasks its moves made."""
    return [
        AskRow(
            ask,
            next_statuses(ask.status),
            playbook_tasks(
                session, workspace_id=workspace_id, key_prefix=f"{follow_up.REFERRAL}:ask:{ask.id}:"
            ),
        )
        for ask in asks
    ]


def rejection_panel(
    session: Session,
    *,
    workspace_id: int,
    opportunity: Opportunity,
    today: date,
    confirm_late: bool = False,
) -> RejectionPanel:
    """The rejection playbook for one opportunity: its tasks and asks, or a preview (as
    run with `confirm_late`: the box ticked on a run that was refused all the same)."""
    tasks = playbook_tasks(
        session,
        workspace_id=workspace_id,
        key_prefix=f"{rejection.PLAYBOOK}:opp:{opportunity.id}:",
    )
    asks = referrals.list_(session, workspace_id=workspace_id, source_opportunity_id=opportunity.id)
    close_tasks = [
        task
        for person_id in dict.fromkeys(a.person_id for a in asks)
        for task in playbook_tasks(
            session,
            workspace_id=workspace_id,
            key_prefix=f"{follow_up.REFERRAL}:person:{person_id}:opp:{opportunity.id}:",
        )
    ]
    preview, error = None, None
    if not tasks:
        try:
            preview = dry_run(
                session,
                lambda run: _rejection_preview(
                    run, workspace_id, opportunity.id, today, confirm_late
                ),
            )
        except Busy as busy:
            error = busy.message
    return RejectionPanel(
        tasks=tasks,
        asks=ask_rows(session, workspace_id=workspace_id, asks=asks),
        close_tasks=close_tasks,
        preview=preview,
        confirm_late=confirm_late,
        error=error,
    )


def _rejection_preview(
    session: Session, workspace_id: int, opportunity_id: int, today: date, confirm_late: bool
) -> RejectionPreview:
    result = rejection.run(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        today=today,
        confirm_late=confirm_late,
        confirm=rejection.CONFIRM_ON_THE_PAGE,
    )
    return RejectionPreview(
        prompts=list(result.prompts),
        clicked=[i.person.display_name for i in result.clicked],
        companies=[
            (
                i.person.display_name,
                [(s.organization.name, s.reason) for s in result.companies.get(i.person.id, [])],
            )
            for i in result.clicked
        ],
        drafts=list(result.drafts),
    )


# The tasks of an advice call's plan, each about the person the plan goes through.
ADVICE_CALL_STEPS = {f"{reach.PLAYBOOK}:{step}" for step in ("prepare", "advice-call", "call-plan")}


def reach_panel(
    session: Session,
    *,
    workspace_id: int,
    opportunity: Opportunity,
    today: date,
    cache: SnapshotCache | None = None,
    model: StrengthModel | None = None,
) -> ReachPanel:
    """The way in to the hiring manager: the tasks made, or a preview of the plan.

    The preview plans once (give the app's `cache` for its snapshot of the network); each
    side door's request is drafted as the plan would draft it, without planning again.
    """
    tasks = playbook_tasks(
        session, workspace_id=workspace_id, key_prefix=f"{reach.PLAYBOOK}:opp:{opportunity.id}:"
    )
    cache = _network_read(session, workspace_id=workspace_id, today=today, cache=cache, model=model)
    try:
        preview = dry_run(
            session,
            lambda run: _reach_preview(
                run, workspace_id, opportunity.id, today, cache=cache, model=model
            ),
        )
    except GoodwordError as error:
        return ReachPanel(tasks=tasks, preview=None, error=error.message)
    planned = [t for t in tasks if t.origin in ADVICE_CALL_STEPS and t.person_id is not None]
    planned_for = max(planned, key=lambda t: t.id).person_id if planned else None

    entry_drafts = _side_door_drafts(
        session,
        workspace_id=workspace_id,
        opportunity=opportunity,
        person_ids=[person_id for person_id, _, _ in (preview.entry_points if preview else [])],
    )
    return ReachPanel(
        tasks=tasks, preview=preview, planned_for=planned_for, entry_drafts=entry_drafts
    )


def _network_read(
    session: Session,
    *,
    workspace_id: int,
    today: date,
    cache: SnapshotCache | None,
    model: StrengthModel | None,
) -> SnapshotCache:
    """`cache` (a new one when none is given) holding the network's snapshot, read before
    the preview takes the write lock: the longest read of the plan, which then finds it
    there, so another writer does not wait for it."""
    from goodword.network import service as network
    from goodword.network.strength import DEFAULT_MODEL

    cache = cache if cache is not None else network.SnapshotCache()
    if me(session, workspace_id=workspace_id) is not None:  # (else the plan looks for no path)
        cache.get(session, workspace_id=workspace_id, today=today, model=model or DEFAULT_MODEL)
    return cache


def _side_door_drafts(
    session: Session, *, workspace_id: int, opportunity: Opportunity, person_ids: list[int]
) -> dict[int, list[Draft]]:
    """The advice-call request to each side door, as planning with them chosen drafts it,
    drafted once each instead of planning again per person (the whole plan, network search
    and tasks, ran once a person: about a second a page)."""
    user = me(session, workspace_id=workspace_id)
    drafts = {}
    for person_id in person_ids:
        person = session.get(Person, person_id)
        if person is not None:
            drafts[person_id] = [
                reach.advice_call_draft(
                    session,
                    workspace_id=workspace_id,
                    opportunity=opportunity,
                    person=person,
                    user=user,
                )
            ]
    return drafts


def _reach_preview(
    session: Session,
    workspace_id: int,
    opportunity_id: int,
    today: date,
    *,
    cache: SnapshotCache | None,
    model: StrengthModel | None,
) -> ReachPreview:
    result = reach.plan(
        session,
        workspace_id=workspace_id,
        opportunity_id=opportunity_id,
        today=today,
        cache=cache,
        model=model,
    )
    return ReachPreview(
        prompts=list(result.prompts),
        warm_paths=[
            (p.via.id if p.via else None, p.via.display_name if p.via else None, p.reason)
            for p in result.warm_paths
        ],
        entry_points=[(e.person.id, e.person.display_name, e.reason) for e in result.entry_points],
        drafts=list(result.drafts),
        introduction=any(t.origin == f"{reach.PLAYBOOK}:introduction" for t in result.tasks),
    )


def reference_options(session: Session, *, workspace_id: int, today: date) -> list[ReferenceOption]:
    """Every available reference with what stands in the way of launching it now."""
    options = []
    for reference in references.list_(session, workspace_id=workspace_id, active=True):
        check = references.check_launch(reference, today=today)
        options.append(
            ReferenceOption(
                reference,
                warnings=check.warnings,
                blockers=[b.message for b in check.blockers],
                uses_in_window=check.uses_in_window,
            )
        )
    return options


def use_rows(session: Session, *, workspace_id: int, opportunity_id: int) -> list[UseRow]:
    """The references launched for an opportunity, with what can be recorded next."""
    uses = session.scalars(
        select(ReferenceUse)
        .where(
            ReferenceUse.workspace_id == workspace_id,
            ReferenceUse.opportunity_id == opportunity_id,
        )
        .options(selectinload(ReferenceUse.reference).selectinload(Reference.person))
        .order_by(ReferenceUse.id)
    )
    return [
        UseRow(
            use,
            USE_NEXT[use.status],
            playbook_tasks(
                session, workspace_id=workspace_id, key_prefix=f"reference:use:{use.id}:"
            ),
        )
        for use in uses
    ]


def next_moves(
    session: Session,
    *,
    workspace_id: int,
    opportunity: Opportunity,
    today: date,
    cache: SnapshotCache | None = None,
    model: StrengthModel | None = None,
    confirm_late: bool = False,
) -> dict[str, Any]:
    """Everything the "Next moves" section of an opportunity's page needs (the network's
    snapshot from `cache`, when given; the rejection playbook's box ticked with
    `confirm_late`)."""
    return {
        "rejection_panel": rejection_panel(
            session,
            workspace_id=workspace_id,
            opportunity=opportunity,
            today=today,
            confirm_late=confirm_late,
        )
        if opportunity.stage is Stage.REJECTED
        else None,
        "reach_panel": reach_panel(
            session,
            workspace_id=workspace_id,
            opportunity=opportunity,
            today=today,
            cache=cache,
            model=model,
        )
        if opportunity.stage not in (*FINISHED, *REACHED)
        else None,
        "reference_options": reference_options(session, workspace_id=workspace_id, today=today),
        "reference_uses": use_rows(
            session, workspace_id=workspace_id, opportunity_id=opportunity.id
        ),
        "application_in": opportunity.stage in launch.APPLIED_STAGES,
        "redflags": _red_flags(opportunity, today),
        "today": today,
    }


def _red_flags(opportunity: Opportunity, today: date) -> Any:
    """What the red-flag check finds in the saved posting, if there is one."""
    from goodword.redflags import service as redflags

    return redflags.findings_for_opportunity(opportunity, today=today)
