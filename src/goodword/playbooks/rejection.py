"""Rejection → referrals: turn the people who thought well of the user into recommendations.

After a no that came late (the final round, or round two or later), the user holds something
valuable: interviewers they clicked with. The playbook drafts a thank-you that releases each of
them from any awkwardness, then asks them for a professional courtesy: a recommendation to
someone at a few named companies. It records each ask; `asks.py` follows it: thanks and a
report back when an introduction comes, a graceful close and a keep-in-touch cadence when none
does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.interactions.models import Interaction, InteractionKind, Participant, Rapport
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people.models import Person
from goodword.playbooks import engine, library
from goodword.playbooks.engine import (
    Result,
    addressed_to,
    checklist,
    ensure_task,
    find_task,
    first_name,
    me,
    person_values,
    playbook_tasks,
)
from goodword.playbooks.messages import join_names
from goodword.playbooks.schemas import CompanyRead, InterviewerRead, RejectionRead
from goodword.playbooks.ties import organization_ties, user_side
from goodword.records import referenced
from goodword.referrals import service as referrals
from goodword.referrals.models import ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate
from goodword.tasks.models import Task, TaskStatus

PLAYBOOK = "rejection"
LATE_ROUND = 2
_RAPPORT_ORDER = [Rapport.CLICKED, Rapport.GOOD, Rapport.NEUTRAL, Rapport.POOR]
TARGET_STAGES = (Stage.TARGET, Stage.RESEARCHING)
# How the pages say the rejection came late (`run`'s `confirm`): the box beside the
# playbook's button on the opportunity's page.
CONFIRM_ON_THE_PAGE = (
    "tick “I got to a late round” beside “Run the rejection playbook” under Next moves"
)
_STILL_OPEN = (TaskStatus.OPEN, TaskStatus.SNOOZED)
# A task to ask made on a rerun, the one before closed: `...:ask:person:12:ask:34`.
_LATER_ASK_TASK = re.compile(r".*:person:[0-9]+:ask:([0-9]+)")


@dataclass
class Interviewer:
    person: Person
    rapport: Rapport | None
    rounds: list[int]


@dataclass
class CompanySuggestion:
    organization: Organization
    on_target_list: bool
    reason: str


@dataclass
class RejectionResult(Result):
    clicked: list[Interviewer] = field(default_factory=list)
    # Also rated well, but not clicked: the user may add them by hand.
    also_positive: list[Interviewer] = field(default_factory=list)
    companies: dict[int, list[CompanySuggestion]] = field(default_factory=dict)
    asks: list[ReferralAsk] = field(default_factory=list)


def interviewers(session: Session, *, workspace_id: int, opportunity_id: int) -> list[Interviewer]:
    """Everyone who interviewed the user for the opportunity, with their best rapport."""
    user = me(session, workspace_id=workspace_id)
    rows = session.scalars(
        select(Participant)
        .join(Interaction)
        .where(
            Participant.workspace_id == workspace_id,
            Interaction.opportunity_id == opportunity_id,
            Interaction.kind == InteractionKind.INTERVIEW,
        )
        .options(selectinload(Participant.person), selectinload(Participant.interaction))
        .order_by(Interaction.occurred_at, Participant.id)
    )
    found: dict[int, Interviewer] = {}
    for row in rows:
        if user is not None and row.person_id == user.id:
            continue
        seen = found.setdefault(row.person_id, Interviewer(row.person, None, []))
        if row.interaction.interview_round is not None:
            seen.rounds.append(row.interaction.interview_round)
        if row.rapport is not None and (
            seen.rapport is None
            or _RAPPORT_ORDER.index(row.rapport) < _RAPPORT_ORDER.index(seen.rapport)
        ):
            seen.rapport = row.rapport
    return list(found.values())


def reached_late_round(session: Session, *, workspace_id: int, opportunity_id: int) -> bool:
    """True when the user got to round two or later, or to a round called final."""
    interviews = session.scalars(
        select(Interaction).where(
            Interaction.workspace_id == workspace_id,
            Interaction.opportunity_id == opportunity_id,
            Interaction.kind == InteractionKind.INTERVIEW,
        )
    )
    return any(
        (i.interview_round or 0) >= LATE_ROUND or "final" in (i.summary or "").casefold()
        for i in interviews
    )


def target_list(session: Session, *, workspace_id: int) -> list[Organization]:
    """Organizations of the user's own targets (opportunities at target or researching)."""
    rows = session.scalars(
        select(Opportunity)
        .where(Opportunity.workspace_id == workspace_id, Opportunity.stage.in_(TARGET_STAGES))
        .options(selectinload(Opportunity.organization))
        .order_by(Opportunity.id)
    )
    found: dict[int, Organization] = {}
    for opportunity in rows:
        found.setdefault(opportunity.organization_id, opportunity.organization)
    return list(found.values())


def suggest_companies(
    session: Session,
    *,
    workspace_id: int,
    person: Person,
    exclude: set[int],
    targets: list[Organization],
    limit: int = 3,
) -> list[CompanySuggestion]:
    """Where this person could recommend the user: their ties first, the user's targets too.

    Order: targets the person has ties to; places the person worked; other targets; places
    where the person only knows someone. The user's own current employers are never named,
    not even as targets: a recommendation there is no way in, and can tell the employer.
    """
    exclude = exclude | user_side(session, workspace_id=workspace_id).employers
    ties = organization_ties(session, workspace_id=workspace_id, person=person, exclude=exclude)
    target_ids = {o.id for o in targets if o.id not in exclude}
    name = first_name(person)
    ranked: list[tuple[tuple[int, int, str], CompanySuggestion]] = []
    for org_id, tie in ties.items():
        targeted = org_id in target_ids
        group = 0 if targeted else (1 if tie.worked_there else 3)
        reason = tie.describe(name)
        if targeted:
            reason = f"on your target list; {reason}"
        ranked.append(
            (
                (group, -tie.strength, tie.organization.sort_name),
                CompanySuggestion(tie.organization, targeted, reason),
            )
        )
    for organization in targets:
        if organization.id in exclude or organization.id in ties:
            continue
        ranked.append(
            (
                (2, 0, organization.sort_name),
                CompanySuggestion(organization, True, "on your target list"),
            )
        )
    ranked.sort(key=lambda item: item[0])
    return [suggestion for _, suggestion in ranked[:limit]]


def run(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    today: date,
    confirm_late: bool = False,
    target_organization_ids: list[int] | None = None,
    companies_per_person: int = 3,
    confirm: str | None = None,
    name_them: str | None = None,
) -> RejectionResult:
    """Run the playbook for a rejected opportunity; re-running adds nothing twice.

    `confirm_late` is the user saying the rejection came late even when the records do not
    show it (or before the stage is set); `confirm` is how to say so where it runs (the
    command's option, the API's field, `CONFIRM_ON_THE_PAGE`), for the prompts that ask
    for it ("confirm that it came late" when not given). `name_them` is how to name the
    companies where that can be done (the API's field), for the prompt when none is found.
    `target_organization_ids` replaces the suggested companies with the user's own choice.
    """
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    result = RejectionResult(PLAYBOOK)
    confirm = confirm or "confirm that it came late"
    if not confirm_late:
        if opportunity.stage is not Stage.REJECTED:
            result.ask(
                "stage",
                f"{opportunity.role_title} at {opportunity.organization.name} is not marked "
                f"rejected. Move it to Rejected first, or {confirm} to run it anyway.",
            )
            return result
        if not reached_late_round(
            session, workspace_id=workspace_id, opportunity_id=opportunity.id
        ):
            result.ask(
                "interview_round",
                "No interview from round two on is recorded for this opportunity, so it does "
                f"not look like a late rejection. Record the later rounds, or {confirm}.",
            )
            return result
    everyone = interviewers(session, workspace_id=workspace_id, opportunity_id=opportunity.id)
    if not everyone:
        result.ask(
            "interviewers",
            "No interviewer is recorded for this opportunity. Add the interviews with the "
            "people you met, and how well you clicked with each.",
        )
        return result
    result.clicked = [i for i in everyone if i.rapport is Rapport.CLICKED]
    result.also_positive = [i for i in everyone if i.rapport is Rapport.GOOD]
    if not result.clicked:
        if all(i.rapport is None for i in everyone):
            message = "Record how well you clicked with each interviewer (clicked, good, ...)."
        else:
            message = (
                "No interviewer is marked as someone you clicked with. Mark the ones you had "
                "real rapport with as 'clicked' and run the playbook again."
            )
        result.ask("rapport", message)
        return result

    user = me(session, workspace_id=workspace_id)
    if user is None:
        result.ask(
            "me", "Mark yourself among your people so drafts carry your name.", blocking=False
        )
    chosen = _chosen_targets(session, workspace_id, target_organization_ids)
    exclude = {opportunity.organization_id}
    if chosen is not None:
        chosen = _leave_out(session, workspace_id, result, chosen, rejected=opportunity)
    targets = chosen if chosen is not None else target_list(session, workspace_id=workspace_id)
    base = {"organization": opportunity.organization.name, "role": opportunity.role_title}
    missing_companies = False
    # Asks this playbook made on an earlier run, and whether this run made any.
    already: list[ReferralAsk] = []
    added_asks = False
    # Asks added on a rerun for someone whose ask task was there already; and the people
    # given a new task for them, as that one was closed (with the companies, and how).
    added_to: list[ReferralAsk] = []
    fresh: list[tuple[Person, list[str], TaskStatus]] = []
    for interviewer in result.clicked:
        person = interviewer.person
        values = {**base, **person_values(person, user)}
        key = f"{PLAYBOOK}:opp:{opportunity.id}:{{step}}:person:{person.id}"
        thanks = library.draft(
            session,
            workspace_id=workspace_id,
            key="thank_and_release",
            values=values,
            **addressed_to(person),
        )
        result.drafts.append(thanks)
        task, created = ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="thank",
            key=key.format(step="thank"),
            title=f"Thank {person.display_name} and let them off the hook",
            due_date=today + timedelta(days=1),
            notes=checklist(
                "Send the thank-you; say plainly that there are no hard feelings.",
                "Ask for nothing in this message.",
            ),
            draft=thanks,
            person_id=person.id,
            opportunity_id=opportunity.id,
        )
        result.add_task(task, created)

        if chosen is not None:
            suggestions = [
                _as_suggestion(session, workspace_id, person, o, exclude) for o in chosen
            ]
        else:
            suggestions = suggest_companies(
                session,
                workspace_id=workspace_id,
                person=person,
                exclude=exclude,
                targets=targets,
                limit=companies_per_person,
            )
        result.companies[person.id] = suggestions
        if not suggestions:
            # The companies named before may be off the target list by now (applied to, say).
            earlier = referrals.list_(
                session,
                workspace_id=workspace_id,
                person_id=person.id,
                source_opportunity_id=opportunity.id,
            )
            result.asks.extend(earlier)
            already.extend(earlier)
            missing_companies = missing_companies or not earlier
            continue
        new_asks: list[ReferralAsk] = []
        ask_for: dict[int, ReferralAsk] = {}
        for suggestion in suggestions:
            ask, created = referrals.get_or_create(
                session,
                workspace_id=workspace_id,
                data=ReferralAskCreate(
                    person_id=person.id,
                    target_organization_id=suggestion.organization.id,
                    source_opportunity_id=opportunity.id,
                ),
            )
            result.asks.append(ask)
            ask_for[suggestion.organization.id] = ask
            if created:
                added_asks = True
                new_asks.append(ask)
            else:
                already.append(ask)
        ask_key = key.format(step="ask")
        earlier_tasks = ask_tasks(session, workspace_id=workspace_id, key=ask_key)
        latest = earlier_tasks[-1] if earlier_tasks else None
        closed = latest is not None and latest.status not in _STILL_OPEN
        if latest is not None and closed and new_asks:
            # The task to ask them is done or dismissed: the companies added since get a
            # task of their own, as the user left that one as it is.
            ask_key = f"{ask_key}:ask:{new_asks[0].id}"
            covered = [s for s in suggestions if ask_for[s.organization.id] in new_asks]
            fresh.append((person, [s.organization.name for s in covered], latest.status))
        else:
            if latest is not None:
                ask_key = latest.origin_key or ask_key
            # A task made after an earlier one was closed names the asks made since alone.
            since = _first_ask(ask_key)
            covered = [s for s in suggestions if ask_for[s.organization.id].id >= since]
            covered = covered or suggestions
        names = [s.organization.name for s in covered]
        request = library.draft(
            session,
            workspace_id=workspace_id,
            key="courtesy_ask",
            values={**values, "companies": join_names(names)},
            **addressed_to(person),
        )
        result.drafts.append(request)
        task, created = ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="ask",
            key=ask_key,
            title=f"Ask {person.display_name} to recommend you at {join_names(names)}",
            due_date=today + timedelta(days=3),
            notes=checklist(
                "Send the thank-you first; ask a few days later.",
                *[f"{s.organization.name}: {s.reason}." for s in covered],
                "Once sent, mark the asks as asked so Goodword can follow them up.",
            ),
            draft=request,
            person_id=person.id,
            opportunity_id=opportunity.id,
            # (A company added since: the task still open names it too.)
            redraft=bool(new_asks),
        )
        result.add_task(task, created)
        if new_asks and (not created or earlier_tasks):
            added_to.extend(new_asks)
    if added_to:
        result.notes.append(f"Added to the asks: {_asks_named(added_to)}.")
    for person, names, status in fresh:
        before = "is done" if status is TaskStatus.DONE else "was dismissed"
        result.notes.append(
            f"Added a new task to ask {person.display_name} about {join_names(names, 'and')}, "
            f"as the one before {before}."
        )
    if already and not added_asks and not result.created:
        result.ask(
            "asks",
            f"Nothing new to add: the asks from this rejection already exist "
            f"({_asks_named(already)}).",
            blocking=False,
        )
    if missing_companies:
        result.ask(
            "target_companies",
            "Goodword found no companies to name in an ask. Add the companies you want to work "
            "at next as opportunities at the Target stage"
            + (f" (or {name_them})" if name_them else "")
            + ", then run it again.",
            blocking=False,
        )
    return result


def ask_tasks(session: Session, *, workspace_id: int, key: str) -> list[Task]:
    """A person's tasks to make the asks of one rejection, oldest first: the first (keyed
    `key`), then each made for asks added on a rerun after the one before was closed (keyed
    `key:ask:N`, N the first of those asks)."""
    first = find_task(session, workspace_id=workspace_id, key=key)
    later = playbook_tasks(session, workspace_id=workspace_id, key_prefix=f"{key}:ask:")
    return ([first] if first is not None else []) + later


def ask_task_key(*, opportunity_id: int, person_id: int) -> str:
    """The key of a person's first task to make the asks of one rejection."""
    return f"{PLAYBOOK}:opp:{opportunity_id}:ask:person:{person_id}"


def _first_ask(key: str) -> int:
    """The first ask a task to ask covers, by id: the N of `...:ask:N`; 0 for the first task."""
    found = _LATER_ASK_TASK.fullmatch(key)
    return int(found[1]) if found else 0


def _asks_named(asks: list[ReferralAsk]) -> str:
    """'Maria Santos at Contoso and Fabrikam; Lee Park at Initech'."""
    places: dict[str, list[str]] = {}
    for ask in asks:
        where = ask.target_organization.name if ask.target_organization else "no company named"
        names = places.setdefault(ask.person.display_name, [])
        if where not in names:
            names.append(where)
    return "; ".join(f"{who} at {join_names(where, 'and')}" for who, where in places.items())


def _chosen_targets(
    session: Session, workspace_id: int, ids: list[int] | None
) -> list[Organization] | None:
    if ids is None:
        return None
    chosen: dict[int, Organization] = {}
    load = partial(organizations.get, session, workspace_id=workspace_id)
    for index, org_id in enumerate(ids):
        if org_id not in chosen:
            named = f"target_organization_ids.{index}"
            chosen[org_id] = referenced(named, partial(load, organization_id=org_id))
    return list(chosen.values())


def _leave_out(
    session: Session,
    workspace_id: int,
    result: RejectionResult,
    chosen: list[Organization],
    *,
    rejected: Opportunity,
) -> list[Organization]:
    """The companies the user named, less the one that turned them down and their own
    employer; the result says which were left out, and why."""
    employers = user_side(session, workspace_id=workspace_id).employers
    kept = [o for o in chosen if o.id != rejected.organization_id and o.id not in employers]
    if any(o.id == rejected.organization_id for o in chosen):
        result.ask(
            "target_organization_ids",
            f"{rejected.organization.name} was left out: it is the company that turned you "
            "down. Name others where the people you clicked with could recommend you.",
            blocking=False,
        )
    mine = [o.name for o in chosen if o.id in employers and o.id != rejected.organization_id]
    if mine:
        result.ask(
            "target_organization_ids",
            f"{join_names(mine, 'and')} {'was' if len(mine) == 1 else 'were'} left out: you "
            "work there now. A recommendation there is no way in, and asking for one can tell "
            "your employer you are looking.",
            blocking=False,
        )
    return kept


def _as_suggestion(
    session: Session,
    workspace_id: int,
    person: Person,
    organization: Organization,
    exclude: set[int],
) -> CompanySuggestion:
    ties = organization_ties(session, workspace_id=workspace_id, person=person, exclude=exclude)
    tie = ties.get(organization.id)
    reason = "your choice" + (f"; {tie.describe(first_name(person))}" if tie else "")
    return CompanySuggestion(organization, True, reason)


def to_read(result: RejectionResult) -> RejectionRead:
    """The result as the JSON API and `goodword playbooks rejection --json` show it."""
    return RejectionRead(
        **engine.to_read(result).model_dump(),
        clicked=[
            InterviewerRead(
                person_id=i.person.id,
                person_name=i.person.display_name,
                companies=[
                    CompanyRead(
                        organization_id=s.organization.id,
                        organization_name=s.organization.name,
                        on_target_list=s.on_target_list,
                        reason=s.reason,
                    )
                    for s in result.companies.get(i.person.id, [])
                ],
            )
            for i in result.clicked
        ],
        ask_ids=[a.id for a in result.asks],
    )
