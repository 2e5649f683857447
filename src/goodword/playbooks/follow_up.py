"""Following a referral ask the rejection playbook made: marked asked, its "ask them" task
closes; moved on, the tasks that move calls for (thanks and a report back when an
introduction comes); declined or quiet too long, a graceful close and a keep-in-touch
reminder.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.forms import validate
from goodword.people.models import Person
from goodword.playbooks import cadence, library
from goodword.playbooks.engine import (
    Links,
    Result,
    addressed_to,
    checklist,
    ensure_task,
    finish_task,
    first_name,
    me,
    person_values,
)
from goodword.playbooks.messages import Draft, format_date
from goodword.playbooks.rejection import ask_task_key, ask_tasks
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskMove
from goodword.tasks.models import TaskStatus

REFERRAL = "referral"


def mark_asked(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    source_opportunity_id: int | None,
    on: date,
) -> list[ReferralAsk]:
    """Mark every ask still to make of this person (from one opportunity, else from any) as
    asked, and the task to make them done: each opportunity's the asks came from. The page's
    "I sent the ask", `goodword referrals mark-asked` and the API's all mark them here."""
    asks = referrals.mark_asked(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_opportunity_id=source_opportunity_id,
        on=on,
    )
    for source_id in dict.fromkeys(ask.source_opportunity_id for ask in asks):
        _asks_made(session, workspace_id=workspace_id, person_id=person_id,
                   source_opportunity_id=source_id)  # fmt: skip
    return asks


def still_to_make(session: Session, *, workspace_id: int, ask: ReferralAsk) -> list[ReferralAsk]:
    """After one ask was marked asked alone (a row of the Referrals page, the API's
    `advance`, `goodword referrals advance ASK asked`): the person's other asks from the same
    opportunity still to make, which the message may have named too; the task to ask them
    stays open until none is. None for an ask that came from no opportunity."""
    if ask.source_opportunity_id is None:
        return []
    return referrals.list_(
        session,
        workspace_id=workspace_id,
        person_id=ask.person_id,
        source_opportunity_id=ask.source_opportunity_id,
        statuses=frozenset({AskStatus.TO_ASK}),
    )


def _asks_made(
    session: Session, *, workspace_id: int, person_id: int, source_opportunity_id: int | None
) -> None:
    """The playbook's "ask them" tasks close once none of their asks is still to make: done
    when they were asked, dismissed when they were closed without asking."""
    if source_opportunity_id is None:
        return
    asks = session.scalars(
        select(ReferralAsk).where(
            ReferralAsk.workspace_id == workspace_id,
            ReferralAsk.person_id == person_id,
            ReferralAsk.source_opportunity_id == source_opportunity_id,
        )
    ).all()
    if any(ask.status is AskStatus.TO_ASK for ask in asks):
        return
    asked = any(ask.asked_on is not None or ask.status is not AskStatus.CLOSED for ask in asks)
    key = ask_task_key(opportunity_id=source_opportunity_id, person_id=person_id)
    status = TaskStatus.DONE if asked else TaskStatus.DISMISSED
    for task in ask_tasks(session, workspace_id=workspace_id, key=key):
        if task.origin_key is not None:
            finish_task(session, workspace_id=workspace_id, key=task.origin_key, status=status)


def advance_ask(
    session: Session,
    *,
    workspace_id: int,
    ask_id: int,
    status: AskStatus,
    today: date,
    introduced_to: str | None = None,
    result_opportunity_id: int | None = None,
    report_back_days: int = 14,
) -> Result:
    """Move an ask on, and add the tasks that move calls for.

    Introduced: thank the referrer, promise to report back, prepare so they look good, and a
    dated task to report back. Interviewing or offer: report back again. Declined: a graceful
    close and a keep-in-touch reminder.
    """
    ask = referrals.move(
        session,
        workspace_id=workspace_id,
        ask_id=ask_id,
        data=validate(
            ReferralAskMove,
            {
                "status": status,
                "on": today,
                "introduced_to": introduced_to,
                "result_opportunity_id": result_opportunity_id,
            },
        ),
    )
    _asks_made(session, workspace_id=workspace_id, person_id=ask.person_id,
               source_opportunity_id=ask.source_opportunity_id)  # fmt: skip
    result = Result(REFERRAL)
    user = me(session, workspace_id=workspace_id)
    person = ask.person
    values = {
        **person_values(person, user),
        **_ask_values(ask),
        "progress": _progress(ask),
    }
    links: Links = {"person_id": person.id, "opportunity_id": ask.result_opportunity_id}
    target = ask.target_organization.name if ask.target_organization else "the company"
    key = f"{REFERRAL}:ask:{ask.id}"

    def draft(name: str) -> Draft:
        made = library.draft(
            session,
            workspace_id=workspace_id,
            key=name,
            values=values,
            **addressed_to(person),
        )
        result.drafts.append(made)
        return made

    if status is AskStatus.INTRODUCED:
        result.add_task(
            *ensure_task(
                session,
                workspace_id=workspace_id,
                playbook=REFERRAL,
                step="thank",
                key=f"{key}:thank",
                title=f"Thank {person.display_name} for the referral and promise to report back",
                due_date=today,
                draft=draft("referral_thanks"),
                **links,
            )
        )
        result.add_task(
            *ensure_task(
                session,
                workspace_id=workspace_id,
                playbook=REFERRAL,
                step="prepare",
                key=f"{key}:prepare",
                title=f"Prepare for {target} so {person.display_name} looks good",
                due_date=today + timedelta(days=2),
                notes=checklist(
                    f"Read up on {target}: its products, news and the team you would join.",
                    f"Know why {first_name(person)} recommended you, and say so when asked.",
                    "Be on time, follow up promptly, and keep every promise you make.",
                    f"Their name is on your conduct: tell {first_name(person)} before any "
                    "surprise reaches them.",
                ),
                **links,
            )
        )
    if status in (AskStatus.INTRODUCED, AskStatus.INTERVIEWING, AskStatus.OFFER):
        due = today + timedelta(days=1 if status is AskStatus.OFFER else report_back_days)
        if ask.result_opportunity is not None and ask.result_opportunity.next_step_due:
            due = max(today, ask.result_opportunity.next_step_due + timedelta(days=1))
        result.add_task(
            *ensure_task(
                session,
                workspace_id=workspace_id,
                playbook=REFERRAL,
                step="report-back",
                key=referrals.report_back_key(ask.id, status),
                title=f"Report back to {person.display_name} on {target}",
                due_date=due,
                draft=draft("report_back"),
                **links,
            )
        )
    if status is AskStatus.DECLINED:
        _close_gracefully(session, workspace_id, result, ask, today, user)
    return result


def sweep_quiet_asks(
    session: Session, *, workspace_id: int, today: date, quiet_after_days: int = 21
) -> Result:
    """For asks with no answer after `quiet_after_days`: a graceful close and keep in touch."""
    result = Result(REFERRAL)
    user = me(session, workspace_id=workspace_id)
    cutoff = today - timedelta(days=quiet_after_days)
    groups: dict[tuple[int, int | None], list[ReferralAsk]] = {}
    for ask in referrals.list_(session, workspace_id=workspace_id):
        groups.setdefault((ask.person_id, ask.source_opportunity_id), []).append(ask)
    for asks in groups.values():
        if any(a.status in referrals.PRODUCED for a in asks):
            continue
        quiet = [
            a
            for a in asks
            if a.status in (AskStatus.ASKED, AskStatus.AGREED)
            and a.asked_on is not None
            and a.asked_on <= cutoff
        ]
        if quiet:
            _close_gracefully(session, workspace_id, result, quiet[0], today, user)
    return result


def _close_gracefully(
    session: Session,
    workspace_id: int,
    result: Result,
    ask: ReferralAsk,
    today: date,
    user: Person | None,
) -> None:
    person = ask.person
    values = {**person_values(person, user), **_ask_values(ask)}
    source = ask.source_opportunity
    if source is not None:
        values["organization"] = source.organization.name
    close = library.draft(
        session,
        workspace_id=workspace_id,
        key="graceful_close",
        values=values,
        **addressed_to(person),
    )
    result.drafts.append(close)
    key = f"{REFERRAL}:person:{person.id}:opp:{ask.source_opportunity_id or 0}"
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=REFERRAL,
            step="close",
            key=f"{key}:close",
            title=f"Thank {person.display_name} anyway and leave the door open",
            due_date=today + timedelta(days=1),
            notes=checklist(
                "Thank them for their time; ask for nothing.",
                "Close the open asks once the note is sent.",
            ),
            draft=close,
            person_id=person.id,
            opportunity_id=ask.source_opportunity_id,
        )
    )
    days = cadence.cadence_for(session, workspace_id=workspace_id, person=person).days or 90
    keep = library.draft(
        session,
        workspace_id=workspace_id,
        key="keep_in_touch",
        values={**person_values(person, user), "last_contact": format_date(today)},
        **addressed_to(person),
    )
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=REFERRAL,
            step="keep-in-touch",
            key=f"{key}:keep-in-touch",
            title=f"Check in with {person.display_name}",
            due_date=today + timedelta(days=days),
            draft=keep,
            person_id=person.id,
        )
    )


def _ask_values(ask: ReferralAsk) -> dict[str, str | None]:
    source = ask.source_opportunity
    return {
        "introduced_to": ask.introduced_to,
        "target_organization": ask.target_organization.name if ask.target_organization else None,
        "asked_on": format_date(ask.asked_on),
        "organization": source.organization.name if source else None,
        "role": source.role_title if source else None,
    }


def _progress(ask: ReferralAsk) -> str | None:
    result = ask.result_opportunity
    if ask.status is AskStatus.INTRODUCED:
        return "we've been in touch and I'm preparing for our first conversation"
    if ask.status is AskStatus.INTERVIEWING:
        role = f" for the {result.role_title} role" if result else ""
        return f"I'm now interviewing{role}"
    if ask.status is AskStatus.OFFER:
        role = f" for the {result.role_title} role" if result else ""
        return f"I've received an offer{role}"
    return None
