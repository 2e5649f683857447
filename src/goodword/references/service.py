"""References: the people who speak for the user, with consent, use and what came of it.

A reference is a scarce asset. The registry records when they agreed, what they can speak
to and each time they were used; launching one checks consent, warns about current bosses
and co-workers, and refuses to wear out one person unless the user insists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, object_session, selectinload

from goodword.cursors import checked_cursors
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage
from goodword.organizations.names import no_employer
from goodword.people import service as people
from goodword.people.models import Person
from goodword.records import Page, clean_text, get_owned, keyset_page, latest_today, referenced
from goodword.references.models import Reference, ReferenceUse, UseStatus
from goodword.references.schemas import (
    AGREED_LATER,
    ReferenceCreate,
    ReferencePage,
    ReferenceRead,
    ReferenceUpdate,
    ReferenceUseMove,
    ReferenceUseRead,
)

KIND = "reference"
USE_KIND = "reference use"
# The default cap: no one is asked to speak for the user more than this often in the window.
MAX_USES = 3
WINDOW_DAYS = 90
# Stages at which an opportunity is over: no reference is launched for it.
CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN})
# The longest note of what a reference should stress, in characters.
STRESS_POINTS_LENGTH = 5_000

_USE_MOVES: dict[UseStatus, frozenset[UseStatus]] = {
    UseStatus.PLANNED: frozenset({UseStatus.BRIEFED, UseStatus.CALLED, UseStatus.CANCELLED}),
    UseStatus.BRIEFED: frozenset({UseStatus.CALLED, UseStatus.CANCELLED}),
    UseStatus.CALLED: frozenset({UseStatus.THANKED}),
    UseStatus.THANKED: frozenset(),
    UseStatus.CANCELLED: frozenset({UseStatus.PLANNED}),
}


def get(session: Session, *, workspace_id: int, reference_id: int) -> Reference:
    """Return the reference, or NotFound when it is not in this workspace."""
    return get_owned(
        session, Reference, workspace_id=workspace_id, record_id=reference_id, kind=KIND
    )


def get_use(session: Session, *, workspace_id: int, use_id: int) -> ReferenceUse:
    return get_owned(
        session, ReferenceUse, workspace_id=workspace_id, record_id=use_id, kind=USE_KIND
    )


def list_(session: Session, *, workspace_id: int, active: bool | None = None) -> list[Reference]:
    """References, by the person's name."""
    rows = list(session.scalars(_references(workspace_id, active)))
    return sorted(rows, key=lambda r: (r.person.sort_name, r.id))


def page(
    session: Session,
    *,
    workspace_id: int,
    active: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Reference]:
    """A page of the references, by the person's name (then the order they were added);
    keyset-paginated (`before`: the page before the one whose `prev_cursor` it is)."""
    return keyset_page(
        session,
        _references(workspace_id, active).join(Reference.person),
        list_name="references",
        sort_column=Person.sort_name,
        id_column=Reference.id,
        cursor=cursor,
        limit=limit,
        before=before,
        sort_value=lambda r: r.person.sort_name,
    )


def _references(workspace_id: int, active: bool | None) -> Select[Any]:
    statement = (
        select(Reference)
        .where(Reference.workspace_id == workspace_id)
        .options(selectinload(Reference.person), selectinload(Reference.uses))
    )
    if active is not None:
        statement = statement.where(Reference.active.is_(active))
    return statement


def for_person(session: Session, *, workspace_id: int, person_id: int) -> Reference | None:
    """The person's reference record, or None when they are not one of your references."""
    return session.scalar(
        select(Reference)
        .where(Reference.workspace_id == workspace_id, Reference.person_id == person_id)
        .options(selectinload(Reference.uses))
    )


def create(
    session: Session, *, workspace_id: int, data: ReferenceCreate, today: date | None = None
) -> Reference:
    """Add a person to the references; the same person twice is a Conflict."""
    _check_consent(data, today or latest_today())
    person = referenced(
        "person_id",
        lambda: people.get(session, workspace_id=workspace_id, person_id=data.person_id),
    )
    if person.is_me:
        raise InvalidInput(
            "You cannot be your own reference: choose someone who can speak for you.",
            fields=[FieldError("person_id", "That is you; choose someone else.")],
        )
    existing = for_person(session, workspace_id=workspace_id, person_id=person.id)
    if existing is not None:
        raise Conflict(f"{person.display_name} is already one of your references.")
    reference = Reference(workspace_id=workspace_id, person=person)
    _apply(reference, data)
    session.add(reference)
    session.flush()
    return reference


def update(
    session: Session,
    *,
    workspace_id: int,
    reference_id: int,
    data: ReferenceUpdate,
    today: date | None = None,
) -> Reference:
    reference = get(session, workspace_id=workspace_id, reference_id=reference_id)
    _check_consent(data, today or latest_today())
    _apply(reference, data)
    session.flush()
    return reference


def set_available(
    session: Session, *, workspace_id: int, reference_id: int, active: bool
) -> Reference:
    """Mark the reference available again, or not: the record and its launches stay."""
    reference = get(session, workspace_id=workspace_id, reference_id=reference_id)
    reference.active = active
    session.flush()
    return reference


def delete(session: Session, *, workspace_id: int, reference_id: int) -> None:
    """Remove the reference and every launch of it (which the cap then no longer counts);
    marking it not available keeps them."""
    session.delete(get(session, workspace_id=workspace_id, reference_id=reference_id))
    session.flush()


def used_on(use: ReferenceUse) -> date:
    """The day a use counts from: the call, else the briefing, else the launch."""
    return use.called_on or use.briefed_on or use.created_at.date()


def counted_uses(reference: Reference) -> list[ReferenceUse]:
    return [u for u in reference.uses if u.status is not UseStatus.CANCELLED]


def last_used_on(reference: Reference) -> date | None:
    dates = [used_on(u) for u in counted_uses(reference)]
    return max(dates) if dates else None


def uses_within(reference: Reference, *, today: date, window_days: int) -> list[ReferenceUse]:
    """Uses (not cancelled) in the `window_days` up to and including today."""
    start = today - timedelta(days=window_days - 1)
    return [u for u in counted_uses(reference) if start <= used_on(u) <= today]


def shared_workplace(reference: Reference) -> str | None:
    """The organization where the reference works now and so do you, by both your current
    positions; None when there is none (or you are not marked among your people). Two
    people both "Self-employed" or "Freelance" share no workplace (`no_employer`)."""
    session = object_session(reference)
    if session is None:
        return None
    me = people.get_me(session, workspace_id=reference.workspace_id)
    if me is None or me.id == reference.person_id:
        return None
    mine = {p.organization_id for p in me.positions if p.is_current}
    theirs = [p.organization for p in reference.person.positions if p.is_current]
    return next((o.name for o in theirs if o.id in mine and not no_employer(o.name)), None)


def works_with_you(reference: Reference) -> bool:
    """Marked as your current workplace, or found to be by your positions."""
    return reference.is_current_workplace or shared_workplace(reference) is not None


def warnings(reference: Reference) -> list[str]:
    """What the user should know before using this reference."""
    name = reference.person.display_name
    found = []
    risk = (
        "Asking them can tell your employer you are looking, and that can cost you your "
        "present job. No employer is entitled to references from your current workplace: you "
        "may decline such requests."
    )
    if reference.is_current_workplace:
        found.append(f"{name} is your current boss or co-worker. {risk}")
    elif (together := shared_workplace(reference)) is not None:
        found.append(f"{name} works at {together}, where you work now. {risk}")
    if reference.consent_on is None:
        found.append(f"{name} has not agreed to be your reference yet: ask them first.")
    if not reference.active:
        found.append(f"{name} is marked as no longer available as a reference.")
    return found


@dataclass
class LaunchCheck:
    """Whether a reference can be launched now, and why not."""

    warnings: list[str] = field(default_factory=list)
    blockers: list[FieldError] = field(default_factory=list)
    uses_in_window: int = 0

    @property
    def ok(self) -> bool:
        return not self.blockers


def check_launch(
    reference: Reference,
    *,
    today: date,
    max_uses: int = MAX_USES,
    window_days: int = WINDOW_DAYS,
    force: bool = False,
    confirm_current_workplace: bool = False,
) -> LaunchCheck:
    """Check consent, availability, the current-workplace risk and the overuse cap."""
    name = reference.person.display_name
    check = LaunchCheck(warnings=warnings(reference))
    check.uses_in_window = len(uses_within(reference, today=today, window_days=window_days))
    if reference.consent_on is None:
        check.blockers.append(
            FieldError("consent_on", f"Record when {name} agreed to be your reference.")
        )
    if not reference.active:
        check.blockers.append(FieldError("active", f"{name} is no longer available."))
    if works_with_you(reference) and not confirm_current_workplace:
        check.blockers.append(
            FieldError(
                "confirm_current_workplace",
                f"{name} works with you now; confirm that you accept the risk before using them.",
            )
        )
    if check.uses_in_window >= max_uses and not force:
        used = uses_within(reference, today=today, window_days=window_days)
        check.blockers.append(
            FieldError(
                "force",
                f"{_times_used(name, used, window_days)} (the limit is {max_uses} launches). "
                "Give them a rest, choose another reference, or insist if this one matters "
                "more.",
            )
        )
    return check


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _times_used(name: str, uses: list[ReferenceUse], window_days: int) -> str:
    """How often the reference was used in the window, as it happened: the calls made, and
    the launches still waiting for theirs.

    Each is counted, as the limit counts launches, but only a call is "spoken for you"."""
    spoken = sum(u.status in (UseStatus.CALLED, UseStatus.THANKED) for u in uses)
    waiting = len(uses) - spoken
    within = f"in the last {window_days} days"
    if not waiting:
        return f"{name} has already spoken for you {_times(spoken)} {within}"
    launched = f"{name} has been launched {_times(len(uses))} {within}"
    still = "still waits" if waiting == 1 else "still wait"
    if not spoken:
        return f"{launched}, none of them called yet"
    return (
        f"{launched}: they have spoken for you {_times(spoken)}, and {waiting} "
        f"launch{'' if waiting == 1 else 'es'} {still} for the call"
    )


def open_use(reference: Reference, opportunity_id: int) -> ReferenceUse | None:
    """The reference's launch for this opportunity, unless it was cancelled."""
    use = next((u for u in reference.uses if u.opportunity_id == opportunity_id), None)
    return use if use is not None and use.status is not UseStatus.CANCELLED else None


def refuse_closed(opportunity: Opportunity) -> None:
    """Refuse (Conflict) a new launch for an opportunity that is closed: before anything
    else is asked for it (a hiring manager, what to stress)."""
    if opportunity.stage in CLOSED_STAGES:
        raise Conflict(
            f"This opportunity is {opportunity.stage.label.lower()}: there is nothing left for "
            "a reference to call about. Launch references for opportunities still open.",
            fields=[FieldError("opportunity_id", "This opportunity is closed.")],
        )


def refuse_launch(
    reference: Reference,
    opportunity: Opportunity,
    *,
    today: date,
    max_uses: int = MAX_USES,
    window_days: int = WINDOW_DAYS,
    force: bool = False,
    confirm_current_workplace: bool = False,
) -> None:
    """Refuse (Conflict) a new launch for a closed opportunity, without consent, for an
    unavailable reference, for a current boss or co-worker unless confirmed, and past the
    cap unless forced."""
    refuse_closed(opportunity)
    check = check_launch(
        reference,
        today=today,
        max_uses=max_uses,
        window_days=window_days,
        force=force,
        confirm_current_workplace=confirm_current_workplace,
    )
    if not check.ok:
        raise Conflict(" ".join(b.message for b in check.blockers), fields=check.blockers)


def start_use(
    session: Session,
    *,
    workspace_id: int,
    reference_id: int,
    opportunity_id: int,
    today: date,
    stress_points: str | None = None,
    max_uses: int = MAX_USES,
    window_days: int = WINDOW_DAYS,
    force: bool = False,
    confirm_current_workplace: bool = False,
) -> tuple[ReferenceUse, bool]:
    """Record that the reference is being launched for an opportunity; True when new.

    Launching the same reference for the same opportunity again returns the earlier use
    (with what to stress, when said anew); a new launch may be refused (`refuse_launch`).
    """
    if stress_points is not None and len(stress_points) > STRESS_POINTS_LENGTH:
        raise InvalidInput(
            "Some fields need attention.",
            fields=[
                FieldError(
                    "stress_points",
                    f"Keep what to stress to {STRESS_POINTS_LENGTH:,} characters; this is "
                    f"{len(stress_points):,}.",
                )
            ],
        )
    reference = get(session, workspace_id=workspace_id, reference_id=reference_id)
    opportunity = referenced(
        "opportunity_id",
        lambda: opportunities.get(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        ),
    )
    existing = next((u for u in reference.uses if u.opportunity_id == opportunity.id), None)
    if existing is not None and existing.status is not UseStatus.CANCELLED:
        if stress := clean_text(stress_points):  # (said again, or said at last)
            existing.stress_points = stress
        return existing, False
    refuse_launch(
        reference,
        opportunity,
        today=today,
        max_uses=max_uses,
        window_days=window_days,
        force=force,
        confirm_current_workplace=confirm_current_workplace,
    )
    launched = datetime.combine(today, time(12), tzinfo=UTC)
    if existing is not None:
        existing.status = UseStatus.PLANNED
        existing.created_at = launched
        existing.stress_points = clean_text(stress_points) or existing.stress_points
        session.flush()
        return existing, True
    use = ReferenceUse(
        workspace_id=workspace_id,
        reference=reference,
        opportunity=opportunity,
        status=UseStatus.PLANNED,
        stress_points=clean_text(stress_points),
        # The launch day from the injected clock, so the cap counts the user's calendar.
        created_at=launched,
    )
    session.add(use)
    session.flush()
    return use, True


def move_use(
    session: Session, *, workspace_id: int, use_id: int, data: ReferenceUseMove
) -> ReferenceUse:
    """Record a briefing, the call, the thank-you or a cancellation."""
    use = get_use(session, workspace_id=workspace_id, use_id=use_id)
    if use.status != data.status:
        if data.status not in _USE_MOVES[use.status]:
            raise InvalidInput(
                f"This launch is {use.status.label.lower()}; it cannot become "
                f"{data.status.label.lower()}.",
                fields=[FieldError("status", f"Not a next step from {use.status.label}.")],
            )
        use.status = data.status
    if data.status is UseStatus.BRIEFED:
        use.briefed_on = use.briefed_on or data.on
    elif data.status is UseStatus.CALLED:
        use.called_on = use.called_on or data.on
    elif data.status is UseStatus.THANKED:
        use.thanked_on = use.thanked_on or data.on
    if data.outcome:
        use.outcome = data.outcome
    session.flush()
    return use


def use_task_key(use_id: int, step: str) -> str:
    """The origin key of the launch playbook's task for one step of a launch: "brief",
    "before-applying" or "thank"."""
    return f"reference:use:{use_id}:{step}"


_USE_TASK_KEY = re.compile(r"reference:use:([0-9]+):(brief|thank)")


def done_by_task(
    session: Session, *, workspace_id: int, key: str | None, on: date
) -> ReferenceUse | None:
    """Record what a launch's task was for when the user marks it done: the briefing sent
    (a launch still planned) or the thank-you said (a launch called), as recording them
    marks the task done. The launch, else None (another task, or a step already past).

    The check that the call happened is not the call: marking it done records nothing."""
    found = _USE_TASK_KEY.fullmatch(key or "")
    if found is None:
        return None
    use = session.scalar(
        select(ReferenceUse).where(
            ReferenceUse.workspace_id == workspace_id, ReferenceUse.id == int(found[1])
        )
    )
    step = {"brief": (UseStatus.PLANNED, UseStatus.BRIEFED)}.get(
        found[2], (UseStatus.CALLED, UseStatus.THANKED)
    )
    if use is None or use.status is not step[0]:
        return None
    return move_use(
        session,
        workspace_id=workspace_id,
        use_id=use.id,
        data=ReferenceUseMove(status=step[1], on=on),
    )


def use_to_read(use: ReferenceUse) -> ReferenceUseRead:
    return ReferenceUseRead(
        id=use.id,
        reference_id=use.reference_id,
        opportunity_id=use.opportunity_id,
        status=use.status,
        stress_points=use.stress_points,
        used_on=used_on(use),
        briefed_on=use.briefed_on,
        called_on=use.called_on,
        thanked_on=use.thanked_on,
        outcome=use.outcome,
    )


def to_read(reference: Reference) -> ReferenceRead:
    return ReferenceRead(
        id=reference.id,
        person_id=reference.person_id,
        person_name=reference.person.display_name,
        consent_on=reference.consent_on,
        relationship_text=reference.relationship_text,
        can_speak_to=reference.can_speak_to,
        is_current_workplace=reference.is_current_workplace,
        active=reference.active,
        notes=reference.notes,
        uses_count=len(counted_uses(reference)),
        last_used_on=last_used_on(reference),
        warnings=warnings(reference),
        created_at=reference.created_at,
        updated_at=reference.updated_at,
    )


def _check_consent(data: ReferenceCreate | ReferenceUpdate, today: date) -> None:
    """Consent is something that happened: a day still to come is a mistyped date. "Today"
    is the latest date anywhere (`records.latest_today`), as for every date of what happened;
    the schema checks the same, so a form lists it with the other fields' problems."""
    if data.consent_on is not None and data.consent_on > today:
        raise InvalidInput(AGREED_LATER, fields=[FieldError("consent_on", AGREED_LATER)])


def _apply(reference: Reference, data: ReferenceCreate | ReferenceUpdate) -> None:
    reference.consent_on = data.consent_on
    reference.relationship_text = clean_text(data.relationship_text)
    reference.can_speak_to = clean_text(data.can_speak_to)
    reference.is_current_workplace = data.is_current_workplace
    reference.active = data.active
    reference.notes = clean_text(data.notes)


def references_page(
    session: Session,
    *,
    workspace_id: int,
    active: bool | None = None,
    after: str | None = None,
    before: str | None = None,
    limit: int = 50,
) -> ReferencePage:
    """The page `GET /references` answers with (and `goodword references list --json`
    prints); a damaged cursor, or both, is a 422."""
    cursor, before = checked_cursors(after, before, sort="text", list_name="references")
    found = page(
        session,
        workspace_id=workspace_id,
        active=active,
        cursor=cursor,
        limit=limit,
        before=before,
    )
    return ReferencePage(
        items=[to_read(r) for r in found.items],
        next=found.next_cursor,
        prev=found.prev_cursor,
    )
