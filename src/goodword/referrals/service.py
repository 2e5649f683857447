"""Referral asks: whom the user asked to recommend them, where, and how far it got."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from goodword.cursors import checked_cursors
from goodword.db import utcnow
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.records import Page, clean_text, get_owned, keyset_page, referenced
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import (
    ReferralAskCreate,
    ReferralAskMove,
    ReferralAskPage,
    ReferralAskRead,
)
from goodword.tasks.models import Task, TaskStatus

KIND = "referral ask"

# Where an ask may go next. Closing is always allowed (the user has let it rest); an offer is
# the happy end, a closed ask is finished.
TRANSITIONS: dict[AskStatus, frozenset[AskStatus]] = {
    AskStatus.TO_ASK: frozenset({AskStatus.ASKED, AskStatus.CLOSED}),
    AskStatus.ASKED: frozenset(
        {AskStatus.AGREED, AskStatus.DECLINED, AskStatus.INTRODUCED, AskStatus.CLOSED}
    ),
    AskStatus.AGREED: frozenset({AskStatus.INTRODUCED, AskStatus.DECLINED, AskStatus.CLOSED}),
    AskStatus.DECLINED: frozenset({AskStatus.CLOSED}),
    AskStatus.INTRODUCED: frozenset({AskStatus.INTERVIEWING, AskStatus.CLOSED}),
    AskStatus.INTERVIEWING: frozenset({AskStatus.OFFER, AskStatus.CLOSED}),
    AskStatus.OFFER: frozenset({AskStatus.CLOSED}),
    AskStatus.CLOSED: frozenset(),
}

# Asks not yet answered, or agreed and waiting for the introduction.
WAITING = frozenset({AskStatus.TO_ASK, AskStatus.ASKED, AskStatus.AGREED})
# Asks that produced something the referrer should hear about: an introduction, and the
# steps only an introduction leads to. Each keeps the introduction on record.
PRODUCED = frozenset({AskStatus.INTRODUCED, AskStatus.INTERVIEWING, AskStatus.OFFER})


def _open() -> ColumnElement[bool]:
    """The one definition of an open ask, one that still needs something from the user: it is
    waiting (still to make, waiting for an answer or for the introduction), or it produced
    something (introduced, interviewing, offer) that the referrer has not yet heard about.

    Declined and closed asks are finished, and so is one whose latest step was reported back.
    The list's Open view, the Playbooks and progress pages, the digest, the API and the CLI
    all count open asks through this (`list_(open_only=True)`, `count(open_only=True)`).
    """
    return or_(
        ReferralAsk.status.in_(sorted(WAITING)),
        and_(ReferralAsk.status.in_(sorted(PRODUCED)), ReferralAsk.reported_back_on.is_(None)),
    )


def get(session: Session, *, workspace_id: int, ask_id: int) -> ReferralAsk:
    """Return the ask, or NotFound when it is not in this workspace."""
    return get_owned(session, ReferralAsk, workspace_id=workspace_id, record_id=ask_id, kind=KIND)


def list_(
    session: Session,
    *,
    workspace_id: int,
    person_id: int | None = None,
    source_opportunity_id: int | None = None,
    statuses: frozenset[AskStatus] | None = None,
    open_only: bool = False,
) -> list[ReferralAsk]:
    """Asks, oldest first, optionally for one person, one opportunity, some statuses, or only
    the open ones (see `_open`)."""
    statement = _asks(workspace_id, person_id, source_opportunity_id, statuses, open_only)
    return list(session.scalars(statement.order_by(ReferralAsk.id)))


def page(
    session: Session,
    *,
    workspace_id: int,
    person_id: int | None = None,
    source_opportunity_id: int | None = None,
    statuses: frozenset[AskStatus] | None = None,
    open_only: bool = False,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[ReferralAsk]:
    """A page of the asks `list_` gives, oldest first; keyset-paginated (`before`: the page
    before the one whose `prev_cursor` it is)."""
    return keyset_page(
        session,
        _asks(workspace_id, person_id, source_opportunity_id, statuses, open_only),
        list_name="referrals",
        sort_column=ReferralAsk.id,
        id_column=ReferralAsk.id,
        cursor=cursor,
        limit=limit,
        before=before,
    )


def _asks(
    workspace_id: int,
    person_id: int | None,
    source_opportunity_id: int | None,
    statuses: frozenset[AskStatus] | None,
    open_only: bool,
) -> Select[Any]:
    statement = (
        select(ReferralAsk)
        .where(ReferralAsk.workspace_id == workspace_id)
        .options(selectinload(ReferralAsk.person), selectinload(ReferralAsk.target_organization))
    )
    if person_id is not None:
        statement = statement.where(ReferralAsk.person_id == person_id)
    if source_opportunity_id is not None:
        statement = statement.where(ReferralAsk.source_opportunity_id == source_opportunity_id)
    if statuses is not None:
        statement = statement.where(ReferralAsk.status.in_(sorted(statuses)))
    if open_only:
        statement = statement.where(_open())
    return statement


def count(session: Session, *, workspace_id: int, open_only: bool = False) -> int:
    """How many asks there are, or how many are open (see `_open`)."""
    statement = (
        select(func.count())
        .select_from(ReferralAsk)
        .where(ReferralAsk.workspace_id == workspace_id)
    )
    if open_only:
        statement = statement.where(_open())
    return session.scalar(statement) or 0


def find(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    target_organization_id: int | None,
    source_opportunity_id: int | None,
) -> ReferralAsk | None:
    """The ask of this person, for this target, from this opportunity, if one exists."""
    return session.scalar(
        select(ReferralAsk).where(
            ReferralAsk.workspace_id == workspace_id,
            ReferralAsk.person_id == person_id,
            _is(ReferralAsk.target_organization_id, target_organization_id),
            _is(ReferralAsk.source_opportunity_id, source_opportunity_id),
        )
    )


def create(session: Session, *, workspace_id: int, data: ReferralAskCreate) -> ReferralAsk:
    """Record an ask to make (status: to ask); the same ask twice is a Conflict."""
    person = referenced(
        "person_id",
        lambda: people.get(session, workspace_id=workspace_id, person_id=data.person_id),
    )
    if person.is_me:
        raise InvalidInput(
            "You cannot ask yourself for a referral: choose someone who can recommend you.",
            fields=[FieldError("person_id", "That is you; choose someone else.")],
        )
    target_id, source_id = data.target_organization_id, data.source_opportunity_id
    if target_id is not None:
        target = referenced(
            "target_organization_id",
            lambda: organizations.get(
                session, workspace_id=workspace_id, organization_id=target_id
            ),
        )
        _refuse_your_employer(session, workspace_id=workspace_id, target=target)
    if source_id is not None:
        referenced(
            "source_opportunity_id",
            lambda: opportunities.get(session, workspace_id=workspace_id, opportunity_id=source_id),
        )
    if find(
        session,
        workspace_id=workspace_id,
        person_id=person.id,
        target_organization_id=target_id,
        source_opportunity_id=source_id,
    ):
        raise Conflict(f"{person.display_name} is already on the list to ask for this referral.")
    ask = ReferralAsk(
        workspace_id=workspace_id,
        person_id=person.id,
        target_organization_id=target_id,
        source_opportunity_id=source_id,
        status=AskStatus.TO_ASK,
        notes=clean_text(data.notes),
    )
    session.add(ask)
    session.flush()
    return ask


def _refuse_your_employer(session: Session, *, workspace_id: int, target: Organization) -> None:
    """Refuse an ask for a recommendation where the user works now: it is no way in, and
    can tell their employer they are looking."""
    user = people.get_me(session, workspace_id=workspace_id)
    if user is None or not any(
        p.is_current and p.organization_id == target.id for p in user.positions
    ):
        return
    raise InvalidInput(
        f"You work at {target.name} now: a recommendation there is no way in, and asking for "
        "one can tell your employer you are looking. Choose another company.",
        fields=[FieldError("target_organization_id", f"You work at {target.name} now.")],
    )


def get_or_create(
    session: Session, *, workspace_id: int, data: ReferralAskCreate
) -> tuple[ReferralAsk, bool]:
    """The existing ask for this person, target and source, or a new one; True when new."""
    existing = find(
        session,
        workspace_id=workspace_id,
        person_id=data.person_id,
        target_organization_id=data.target_organization_id,
        source_opportunity_id=data.source_opportunity_id,
    )
    if existing is not None:
        return existing, False
    return create(session, workspace_id=workspace_id, data=data), True


def can_move(current: AskStatus, to: AskStatus) -> bool:
    return to in TRANSITIONS[current]


def move(session: Session, *, workspace_id: int, ask_id: int, data: ReferralAskMove) -> ReferralAsk:
    """Move an ask to its next status, refusing moves that skip or reverse the story. At the
    status it has, the details (who it led to, the opportunity, a note) are still kept."""
    ask = get(session, workspace_id=workspace_id, ask_id=ask_id)
    moved = ask.status != data.status
    if moved and not can_move(ask.status, data.status):
        allowed = ", ".join(s.label.lower() for s in _ordered(TRANSITIONS[ask.status]))
        hint = f"From there it can become: {allowed}." if allowed else "It is finished."
        now = "not made yet" if ask.status is AskStatus.TO_ASK else ask.status.label.lower()
        raise InvalidInput(
            f"This ask is {now}; it cannot become {data.status.label.lower()}. {hint}",
            fields=[FieldError("status", f"Not a next step from {ask.status.label}.")],
        )
    if data.introduced_to and data.status not in PRODUCED:
        # (A name with an earlier status would read "introduced to X" beside "Agreed".)
        raise InvalidInput(
            f"Whom you were introduced to is kept with Introduced, not with "
            f"{data.status.label}: choose Introduced, or leave the name empty.",
            fields=[
                FieldError(
                    "introduced_to",
                    f"Not saved with {data.status.label}: choose Introduced to keep the name, "
                    "or leave it empty.",
                )
            ],
        )
    if data.result_opportunity_id is not None:
        result_id = data.result_opportunity_id
        ask.result_opportunity = referenced(
            "result_opportunity_id",
            lambda: opportunities.get(session, workspace_id=workspace_id, opportunity_id=result_id),
        )
    if data.status is AskStatus.ASKED:
        ask.asked_on = ask.asked_on or data.on
    if data.introduced_to:
        ask.introduced_to = data.introduced_to
    note = (data.notes or "").strip()
    kept = ask.notes or ""
    if note and kept != note and not kept.endswith("\n" + note):  # (sent twice: added once)
        ask.notes = "\n".join(filter(None, [kept, note]))
    if moved and data.status in PRODUCED:
        # Each step that produced something brings its own report-back (the playbook adds the
        # task); "reported back" is about the latest step, so the ask is open again until then,
        # and a report-back still owed on an earlier step is dismissed: the referrer hears the
        # latest news in one go.
        ask.reported_back_on = None
        _close_report_backs(
            session, ask, steps=PRODUCED - {data.status}, status=TaskStatus.DISMISSED
        )
    ask.status = data.status
    session.flush()
    return ask


def mark_asked(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    source_opportunity_id: int | None,
    on: date,
) -> list[ReferralAsk]:
    """Mark every ask still to make of this person (from one opportunity) as asked: one
    message usually names several companies."""
    asks = list_(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_opportunity_id=source_opportunity_id,
        statuses=frozenset({AskStatus.TO_ASK}),
    )
    for ask in asks:
        move(
            session,
            workspace_id=workspace_id,
            ask_id=ask.id,
            data=ReferralAskMove(status=AskStatus.ASKED, on=on),
        )
    return asks


def report_back_key(ask_id: int, status: AskStatus) -> str:
    """The origin key of the task to report back to the referrer on one step of an ask
    (introduced, interviewing or offer), which the rejection playbook adds with the step."""
    return f"referral:ask:{ask_id}:report-back:{status.value}"


_REPORT_BACK_KEY = re.compile(r"referral:ask:([0-9]+):report-back:([a-z_]+)")


def report_back_step(key: str | None) -> tuple[int, AskStatus] | None:
    """The ask and step a report-back task's origin key names; None for any other key."""
    found = _REPORT_BACK_KEY.fullmatch(key or "")
    if found is None or found[2] not in {s.value for s in PRODUCED}:
        return None
    return int(found[1]), AskStatus(found[2])


def mark_reported_back(
    session: Session, *, workspace_id: int, ask_id: int, on: date
) -> ReferralAsk:
    """Record that the user told the referrer what came of the ask's latest step, and mark
    the open task to report back on that step done: it is one thing, done once. On a closed
    ask, whatever report-back task is still open is done."""
    ask = get(session, workspace_id=workspace_id, ask_id=ask_id)
    if ask.status not in PRODUCED and ask.status is not AskStatus.CLOSED:
        raise InvalidInput(
            "There is nothing to report back yet: this ask has not led to an introduction.",
            fields=[FieldError("status", "Report back once the ask is introduced or further.")],
        )
    ask.reported_back_on = on
    _close_report_backs(session, ask, steps=_reported_on(ask), status=TaskStatus.DONE)
    session.flush()
    return ask


def _reported_on(ask: ReferralAsk) -> frozenset[AskStatus]:
    """The steps a report-back on the ask is about: its latest; on a closed ask (whose last
    step is not kept), any."""
    return PRODUCED if ask.status is AskStatus.CLOSED else frozenset({ask.status})


def _close_report_backs(
    session: Session, ask: ReferralAsk, *, steps: frozenset[AskStatus], status: TaskStatus
) -> None:
    """Mark the ask's open (or snoozed) tasks to report back on `steps` done or dismissed,
    as `tasks.service.set_status` does (which calls back here); a task the user already
    closed is left as they left it."""
    keys = [report_back_key(ask.id, step) for step in _ordered(steps & PRODUCED)]
    if not keys:
        return
    for task in session.scalars(
        select(Task).where(
            Task.workspace_id == ask.workspace_id,
            Task.origin_key.in_(keys),
            Task.status.in_([TaskStatus.OPEN, TaskStatus.SNOOZED]),
        )
    ):
        task.status, task.snoozed_until = status, None
        task.completed_at = utcnow() if status is TaskStatus.DONE else None


def reported_back_by_task(
    session: Session, *, workspace_id: int, key: str | None, on: date
) -> ReferralAsk | None:
    """Record the report-back when the user marks a task to report back done, if that task
    is about the ask's latest step (any step, once the ask is closed) and the ask has no
    report-back on it yet; the ask, else None. A task about an earlier step says nothing
    about the latest one."""
    ask = _asked_about(session, workspace_id=workspace_id, key=key)
    if ask is None or ask.reported_back_on is not None:
        return None
    return mark_reported_back(session, workspace_id=workspace_id, ask_id=ask.id, on=on)


def report_back_undone(
    session: Session, *, workspace_id: int, key: str | None
) -> ReferralAsk | None:
    """Take back the ask's report-back when the user reopens (or snoozes, or dismisses) a
    task to report back that was done, if that task is about the ask's latest step (any
    step, once the ask is closed): the ask is owed its report-back again. The ask, else None."""
    ask = _asked_about(session, workspace_id=workspace_id, key=key)
    if ask is None or ask.reported_back_on is None:
        return None
    ask.reported_back_on = None
    session.flush()
    return ask


def _asked_about(session: Session, *, workspace_id: int, key: str | None) -> ReferralAsk | None:
    """The ask a report-back task's key names, when the task is about what a report-back
    on the ask now means (`_reported_on`); else None."""
    step = report_back_step(key)
    if step is None:
        return None
    ask = session.scalar(
        select(ReferralAsk).where(
            ReferralAsk.workspace_id == workspace_id, ReferralAsk.id == step[0]
        )
    )
    if ask is None or step[1] not in _reported_on(ask):
        return None
    return ask


def to_read(ask: ReferralAsk) -> ReferralAskRead:
    return ReferralAskRead(
        id=ask.id,
        person_id=ask.person_id,
        person_name=ask.person.display_name,
        target_organization_id=ask.target_organization_id,
        target_organization_name=ask.target_organization.name if ask.target_organization else None,
        source_opportunity_id=ask.source_opportunity_id,
        result_opportunity_id=ask.result_opportunity_id,
        status=ask.status,
        asked_on=ask.asked_on,
        reported_back_on=ask.reported_back_on,
        introduced_to=ask.introduced_to,
        notes=ask.notes,
        created_at=ask.created_at,
        updated_at=ask.updated_at,
    )


def _ordered(statuses: frozenset[AskStatus]) -> list[AskStatus]:
    order = list(AskStatus)
    return sorted(statuses, key=order.index)


def _is(column: InstrumentedAttribute[int | None], value: int | None) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def asks_page(
    session: Session,
    *,
    workspace_id: int,
    person_id: int | None = None,
    source_opportunity_id: int | None = None,
    statuses: frozenset[AskStatus] | None = None,
    open_only: bool = False,
    after: str | None = None,
    before: str | None = None,
    limit: int = 50,
) -> ReferralAskPage:
    """The page `GET /referrals` answers with (and `goodword referrals list --json` prints);
    a damaged cursor, or both, is a 422."""
    cursor, before = checked_cursors(after, before, sort="id", list_name="referrals")
    found = page(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_opportunity_id=source_opportunity_id,
        statuses=statuses,
        open_only=open_only,
        cursor=cursor,
        limit=limit,
        before=before,
    )
    return ReferralAskPage(
        items=[to_read(a) for a in found.items],
        next=found.next_cursor,
        prev=found.prev_cursor,
    )
