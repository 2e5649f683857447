"""Reach the hiring manager through the people around them.

When no one the user knows can introduce them to the hiring manager, go in by a side door:
someone at the company who is close to customers and far from the hiring decision (sales,
support, partnerships). Ask them for advice, learn how the operation works, then ask whom in
the department to talk to. Skip the personnel office, and prepare something useful to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from goodword.errors import GoodwordError
from goodword.opportunities import service as opportunities
from goodword.opportunities.enums import Stage
from goodword.organizations.models import Organization
from goodword.people.models import Person, Position
from goodword.playbooks import library
from goodword.playbooks.engine import (
    Links,
    Result,
    addressed_to,
    checklist,
    ensure_task,
    first_name,
    me,
    person_values,
)
from goodword.playbooks.ties import current_staff, is_peripheral, is_personnel, neighbours
from goodword.sentences import full_stop

if TYPE_CHECKING:
    from goodword.network.service import SnapshotCache, WayIn
    from goodword.network.strength import StrengthModel
    from goodword.opportunities.models import Opportunity
    from goodword.playbooks.messages import Draft

PLAYBOOK = "reach"


@dataclass(frozen=True)
class WarmPath:
    """A way in through people: the user knows `via` (None: they know `to` themselves), who
    leads to `to`, the hiring manager, or, when none is recorded, someone at the company."""

    via: Person | None
    reason: str
    to: Person | None = None
    # Whom `via` puts the user in touch with on the way to `to`, when more than one
    # introduction is needed.
    between: tuple[Person, ...] = ()


@dataclass(frozen=True)
class EntryPoint:
    person: Person
    title: str | None
    department: str | None
    reason: str


@dataclass
class ReachResult(Result):
    warm_paths: list[WarmPath] = field(default_factory=list)
    entry_points: list[EntryPoint] = field(default_factory=list)


def warm_paths(
    session: Session, *, workspace_id: int, user: Person, manager: Person
) -> list[WarmPath]:
    """Direct ties and one-hop introductions from the user to the hiring manager."""
    mine = neighbours(session, workspace_id=workspace_id, person_id=user.id)
    paths = []
    if manager.id in mine:
        paths.append(WarmPath(None, f"You know {manager.display_name} yourself.", manager))
    theirs = neighbours(session, workspace_id=workspace_id, person_id=manager.id)
    for person_id in sorted(set(mine) & set(theirs) - {user.id, manager.id}):
        via = mine[person_id]
        paths.append(
            WarmPath(
                via,
                f"You know {via.display_name}, who knows {full_stop(manager.display_name)}",
                manager,
            )
        )
    return paths


def entry_points(
    session: Session,
    *,
    workspace_id: int,
    organization_id: int,
    user: Person | None,
    manager: Person | None,
    limit: int = 5,
) -> list[EntryPoint]:
    """People at the organization to ask for advice, best doors first.

    People the user knows come first (a friend's call is always answered), then people near
    customers (sales, support, partnerships), then everyone else; the personnel office and
    the hiring manager are left out.
    """
    known = neighbours(session, workspace_id=workspace_id, person_id=user.id) if user else {}
    skip = {p.id for p in (user, manager) if p is not None}
    ranked: list[tuple[tuple[int, int, str], EntryPoint]] = []
    seen: set[int] = set()
    for position in current_staff(
        session, workspace_id=workspace_id, organization_id=organization_id
    ):
        person = position.person
        if person.id in skip or person.id in seen or is_personnel(position):
            continue
        seen.add(person.id)
        door = is_peripheral(position)
        knows = person.id in known
        ranked.append(
            (
                (0 if knows else 1, 0 if door else 1, person.sort_name),
                EntryPoint(
                    person, position.title, position.department, _reason(position, door, knows)
                ),
            )
        )
    ranked.sort(key=lambda item: item[0])
    return [entry for _, entry in ranked[:limit]]


def plan(
    session: Session,
    *,
    workspace_id: int,
    opportunity_id: int,
    today: date,
    entry_person_id: int | None = None,
    even_with_warm_path: bool = False,
    cache: SnapshotCache | None = None,
    model: StrengthModel | None = None,
    choose: str = "pick one of the suggested people",
) -> ReachResult:
    """Plan an advice call into the opportunity's organization; re-running adds nothing twice.

    When a warm path to the hiring manager exists, the result names it and suggests asking
    for an introduction instead (unless `even_with_warm_path`). The path search reads the
    network's snapshot from `cache` when given (a page planning several times loads it once)
    and weighs ties by `model` (the default model when None). `choose` is how to choose
    another side door where it runs (the page's words unless given: the API's field), for
    the prompt when `entry_person_id` is not one.
    """
    search = _Search(cache, model)
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    organization = opportunity.organization
    result = ReachResult(PLAYBOOK)
    user = me(session, workspace_id=workspace_id)
    manager = opportunity.hiring_manager
    if user is None:
        result.ask(
            "me",
            "Mark yourself among your people so Goodword can look for paths from you.",
            blocking=False,
        )
    if manager is None:
        result.ask(
            "hiring_manager",
            f"Record the hiring manager for {opportunity.role_title} once you learn who it "
            "is; the advice call is a good moment to find out.",
            blocking=False,
        )
    reachable: list[EntryPoint] = []
    if manager is not None and user is not None:
        found = _from_network(
            session, workspace_id, opportunity.id, today, manager=manager, search=search
        )
        if found is not None:
            result.warm_paths, reachable = found
        else:
            result.warm_paths = warm_paths(
                session, workspace_id=workspace_id, user=user, manager=manager
            )
    elif user is not None:
        # No one to introduce the user to yet: the paths into the company lead to the people
        # to ask for advice, and the advice call is where to learn who is hiring.
        found = _from_network(
            session, workspace_id, opportunity.id, today, manager=None, search=search
        )
        if found is not None:
            result.warm_paths, reachable = found
    base = f"{PLAYBOOK}:opp:{opportunity.id}"
    if manager is not None and opportunity.stage is Stage.INTRODUCED and not even_with_warm_path:
        result.ask(
            "warm_path",
            f"You have been introduced already (this opportunity is at Introduced): write to "
            f"{manager.display_name} yourself; no introduction is needed.",
            blocking=False,
        )
        return result
    if manager is not None and result.warm_paths and not even_with_warm_path:
        path = result.warm_paths[0]
        if path.via is None:
            result.ask(
                "warm_path",
                f"You know {manager.display_name} directly: write to them yourself; no "
                "introduction is needed.",
                blocking=False,
            )
            return result
        result.add_task(
            *ensure_task(
                session,
                workspace_id=workspace_id,
                playbook=PLAYBOOK,
                step="introduction",
                key=f"{base}:introduction:person:{path.via.id}",
                title=_introduction_title(path, manager),
                due_date=today + timedelta(days=1),
                notes=checklist(
                    path.reason,
                    f"Say why {organization.name} and this role, in two sentences they "
                    "can forward.",
                ),
                person_id=path.via.id,
                opportunity_id=opportunity.id,
            )
        )
        result.ask(
            "warm_path",
            "There is already a warm path to the hiring manager: an introduction beats a cold "
            "advice call.",
            blocking=False,
        )
        return result

    # People the network can reach come first; then everyone else at the organization.
    every = reachable + [
        entry
        for entry in entry_points(
            session,
            workspace_id=workspace_id,
            organization_id=organization.id,
            user=user,
            manager=manager,
            limit=200,
        )
        if entry.person.id not in {r.person.id for r in reachable}
    ]
    result.entry_points = every[:5]
    chosen = _choose(every, entry_person_id)
    if chosen is None and entry_person_id is not None and every:
        result.ask(
            "entry_person_id",
            f"That person is not a current contact at {organization.name} outside the "
            f"personnel office; {choose}.",
        )
        return result
    if chosen is None:
        result.ask(
            "entry_points",
            _no_door(
                session,
                workspace_id=workspace_id,
                organization=organization,
                user=user,
                manager=manager,
                paths=result.warm_paths,
            ),
        )
        return result
    person = chosen.person
    department = _department_for(opportunity)
    team = f"the {department} team" if department else "the team"
    request = advice_call_draft(
        session, workspace_id=workspace_id, opportunity=opportunity, person=person, user=user
    )
    result.drafts.append(request)
    key = f"{base}:{{step}}:person:{person.id}"
    links: Links = {"person_id": person.id, "opportunity_id": opportunity.id}
    name = first_name(person)
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="prepare",
            key=key.format(step="prepare"),
            title=f"Write down something useful to say to {person.display_name}",
            due_date=today + timedelta(days=1),
            notes=checklist(
                f"Something of value to {name}: an idea, an article, a contact, an observation "
                f"about the customers of {full_stop(organization.name)}",
                f"Two questions about how {organization.name} works day to day.",
                "Write it down before you ask for the call.",
            ),
            **links,
        )
    )
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="advice-call",
            key=key.format(step="advice-call"),
            title=f"Ask {person.display_name} for a short advice call about {organization.name}",
            due_date=today + timedelta(days=2),
            notes=checklist(chosen.reason, "Ask for advice, not a job."),
            draft=request,
            **links,
        )
    )
    result.add_task(
        *ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="call-plan",
            key=key.format(step="call-plan"),
            title=f"On the call with {person.display_name}: learn the operation, then ask "
            f"whom in {team} to talk to",
            due_date=today + timedelta(days=9),
            notes=checklist(
                "Open with the useful thing you prepared.",
                "Learn the operation: customers, teams, what is hard for them right now.",
                f"Then ask: whom in {team} would you suggest I talk to?",
                "Ask whether you may mention their name; skip the personnel office.",
                "Log the call and thank them the same day.",
            ),
            **links,
        )
    )
    return result


def _introduction_title(path: WarmPath, manager: Person) -> str:
    """The first ask of a warm path, true to its hops: 'Ask Ximena Hrytsenko to put you in
    touch with Nour Aziz, who can introduce you to Iryna Kovalenko'."""
    assert path.via is not None
    if not path.between:
        return f"Ask {path.via.display_name} to introduce you to {manager.display_name}"
    between = ", then ".join(p.display_name for p in path.between)
    return (
        f"Ask {path.via.display_name} to put you in touch with {between}, who can introduce "
        f"you to {manager.display_name}"
    )


def advice_call_draft(
    session: Session,
    *,
    workspace_id: int,
    opportunity: Opportunity,
    person: Person,
    user: Person | None,
) -> Draft:
    """The request for an advice call to `person`, as `plan` drafts it when they are the one
    chosen; writes nothing, so a page can show it for every side door without planning."""
    return library.draft(
        session,
        workspace_id=workspace_id,
        key="advice_call",
        values={
            **person_values(person, user),
            "organization": opportunity.organization.name,
            "role": opportunity.role_title,
            "department": _department_for(opportunity),
        },
        **addressed_to(person),
    )


def _department_for(opportunity: Opportunity) -> str | None:
    """The hiring manager's department there, else one guessed from the role's title."""
    return _department(opportunity.hiring_manager, opportunity.organization_id) or _area(
        opportunity.role_title
    )


@dataclass(frozen=True)
class _Search:
    """Where the path search gets its snapshot and how it weighs ties."""

    cache: SnapshotCache | None = None
    model: StrengthModel | None = None


def _from_network(
    session: Session,
    workspace_id: int,
    opportunity_id: int,
    today: date,
    *,
    manager: Person | None,
    search: _Search,
) -> tuple[list[WarmPath], list[EntryPoint]] | None:
    """Warm paths and reachable entry points from the network's path search, when it answers.

    With a hiring manager the paths lead to them; without one they lead into the company,
    and the people at their ends are the entry points (those the user knows first).
    Returns None when the search is unavailable or cannot run on these records, so the
    playbook falls back to reading direct ties itself.
    """
    try:
        from goodword.network import service as network
        from goodword.network.strength import DEFAULT_MODEL
    except ImportError:
        return None
    try:
        ways = network.ways_in(
            session,
            workspace_id=workspace_id,
            opportunity_id=opportunity_id,
            today=today,
            k=5,
            cache=search.cache,
            model=search.model or DEFAULT_MODEL,
        )
    except GoodwordError:
        return None
    if manager is None:
        organization_id = opportunities.get(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        ).organization_id
        return _into_organization(session, ways.paths, organization_id)
    paths = []
    for way in ways.paths:
        chain = [session.get(Person, ref.id) for ref in way.people]
        if any(p is None for p in chain):
            continue
        via = chain[1] if len(chain) > 2 else None
        between = tuple(p for p in chain[2:-1] if p is not None)
        paths.append(WarmPath(via, way.why, manager, between))
    entries = []
    for point in ways.entry_points:
        person = session.get(Person, point.person.id)
        if person is not None and not any(
            is_personnel(p) for p in person.positions if p.is_current
        ):
            entries.append(EntryPoint(person, point.person.title, None, point.reason))
    return paths, entries


def _into_organization(
    session: Session, ways: list[WayIn], organization_id: int
) -> tuple[list[WarmPath], list[EntryPoint]]:
    """The paths into a company with no hiring manager recorded, and the people at their
    ends as doors: those the user knows themselves first, then those an introduction
    reaches, each in the order the search ranked them (never the personnel office)."""
    paths: list[WarmPath] = []
    known: list[EntryPoint] = []
    introduced: list[EntryPoint] = []
    seen: set[int] = set()
    for way in ways:
        found = [session.get(Person, ref.id) for ref in way.people]
        chain = [p for p in found if p is not None]
        if len(chain) < 2 or len(chain) != len(found):
            continue
        to, via = chain[-1], (chain[1] if len(chain) > 2 else None)
        position = next(
            (p for p in to.positions if p.is_current and p.organization_id == organization_id),
            None,
        )
        title = position.title if position else None
        who = f"{to.display_name} ({title})" if title else to.display_name
        if via is None:
            reason = f"You know {who} yourself."
        elif len(chain) == 3:
            reason = f"You know {via.display_name}, who knows {who}."
        else:
            between = ", then ".join(p.display_name for p in chain[2:-1])
            reason = f"You know {via.display_name}; through {between} you can reach {who}."
        paths.append(WarmPath(via, reason, to))
        if to.id in seen or position is None or is_personnel(position):
            continue
        seen.add(to.id)
        if via is None:
            how = "you know them"
        elif len(chain) == 3:
            how = f"{via.display_name} can introduce you"
        else:
            how = f"reached through {' and '.join(p.display_name for p in chain[1:-1])}"
        entry = EntryPoint(to, title, position.department, f"{_role(position)}; {how}")
        (known if via is None else introduced).append(entry)
    return paths, known + introduced


def _no_door(
    session: Session,
    *,
    workspace_id: int,
    organization: Organization,
    user: Person | None,
    manager: Person | None,
    paths: list[WarmPath],
) -> str:
    """Why no one at the organization was suggested for an advice call, and what to add.

    "No one" only when no one there is in the records; otherwise the people there are the
    hiring manager or in the personnel office, and a warm path to them is named.
    """
    doors = (
        "who work there (sales, customer support and partnership staff make good doors), "
        "then run this again."
    )
    staff = [
        position
        for position in current_staff(
            session, workspace_id=workspace_id, organization_id=organization.id
        )
        if user is None or position.person_id != user.id
    ]
    if not staff:
        return f"No one at {organization.name} is in your records yet. Add people {doors}"
    sentences = []
    if manager is not None and any(p.person_id == manager.id for p in staff):
        sentences.append(f"{manager.display_name} is the hiring manager.")
    personnel: list[str] = []
    for position in staff:
        who = position.person
        if is_personnel(position) and (manager is None or who.id != manager.id):
            named = f"{who.display_name} ({position.title})" if position.title else who.display_name
            if named not in personnel:
                personnel.append(named)
    if personnel:
        verb = "works" if len(personnel) == 1 else "work"
        sentences.append(
            f"{_and(personnel)} {verb} in the personnel office, which this playbook skips."
        )
    if paths:
        sentences.append(f"Your warm path there stands: {paths[0].reason}")
    return (
        f"No one new at {organization.name} to ask for advice. {' '.join(sentences)} "
        f"Add other people {doors}"
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _choose(entries: list[EntryPoint], person_id: int | None) -> EntryPoint | None:
    if person_id is None:
        return entries[0] if entries else None
    return next((e for e in entries if e.person.id == person_id), None)


def _department(manager: Person | None, organization_id: int) -> str | None:
    if manager is None:
        return None
    for position in manager.positions:
        if position.organization_id == organization_id and position.is_current:
            return position.department
    return None


_AREAS = [
    ("product", "Product"),
    ("engineer", "Engineering"),
    ("developer", "Engineering"),
    ("design", "Design"),
    ("data", "Data"),
    ("analyst", "Data"),
    ("marketing", "Marketing"),
    ("sales", "Sales"),
    ("operations", "Operations"),
    ("finance", "Finance"),
]


def _area(role_title: str) -> str | None:
    """A department guessed from the role's title, when no hiring manager says it."""
    text = role_title.casefold()
    return next((area for word, area in _AREAS if word in text), None)


def _role(position: Position) -> str:
    """'Account Executive (Sales)', or 'works there' when the records say neither."""
    department = f"({position.department})" if position.department else None
    return " ".join(filter(None, [position.title, department])) or "works there"


def _reason(position: Position, door: bool, knows: bool) -> str:
    parts = [_role(position)]
    if door:
        parts.append("close to customers and far from the hiring decision")
    if knows:
        parts.append("you know them")
    return "; ".join(parts)
