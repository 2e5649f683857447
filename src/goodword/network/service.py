"""Ways in, for the web pages, the CLI and the API: read the network, search it, word the asks.

`ways_in` answers "who can get me to this person, organization or opportunity's hiring
manager?" with ranked paths, each with its first ask and a draft message, and, when nothing
reaches the target, the entry points around it. `SnapshotCache` lets a long-running process
reuse a snapshot until the workspace's data changes; without one, every call reads afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path as FilePath
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword import clock
from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.interactions.models import Interaction, Participant
from goodword.network import loader, wording
from goodword.network.edgelist import ImportReport, import_edges
from goodword.network.paths import EntryPoint, Path, entry_points, find_paths
from goodword.network.snapshot import Snapshot
from goodword.network.strength import DEFAULT_MODEL, StrengthModel
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.playbooks.in_touch import contact_with

__all__ = [
    "EntryPointRead",
    "FirstAsk",
    "Hop",
    "ImportReport",
    "PersonRef",
    "SnapshotCache",
    "WayIn",
    "WaysIn",
    "connections_import",
    "snapshot_for",
    "ways_in",
]


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    given_name: str | None = None
    title: str | None = None
    organization: str | None = None
    goes_by: str | None = None

    def named(self) -> wording.Named:
        return wording.Named(
            self.name, self.given_name, self.title, self.organization, self.goes_by
        )


@dataclass(frozen=True)
class Hop:
    """One tie on a path, with its strength and the reasons for it."""

    source: PersonRef
    target: PersonRef
    strength: float
    reasons: list[str]


@dataclass(frozen=True)
class FirstAsk:
    contact: PersonRef
    ask: str
    draft: str
    # Set when the user, not the path's start, writes the first message (see `_way_in`).
    subject: str | None = None


@dataclass(frozen=True)
class WayIn:
    rank: int
    score: float
    people: list[PersonRef]
    hops: list[Hop]
    why: str
    first_ask: FirstAsk

    @property
    def introductions(self) -> int:
        return len(self.hops) - 1


@dataclass(frozen=True)
class EntryPointRead:
    person: PersonRef
    role: str
    reason: str
    approach: str
    reachability: float
    score: float
    way_in: WayIn


@dataclass(frozen=True)
class WaysIn:
    source: PersonRef
    target: str
    paths: list[WayIn] = field(default_factory=list)
    entry_points: list[EntryPointRead] = field(default_factory=list)
    message: str | None = None


class SnapshotCache:
    """Keep recent snapshots; hand one out only while the workspace's graph version holds."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[object, ...], Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, session: Session, *, workspace_id: int, today: date, model: StrengthModel
    ) -> Snapshot:
        version = loader.graph_version(session, workspace_id=workspace_id)
        key = (str(session.get_bind().engine.url), workspace_id, today, model)
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None and cached.version == version:
                self._entries.move_to_end(key)
                return cached
        snap = loader.load(
            session, workspace_id=workspace_id, today=today, model=model, version=version
        )
        with self._lock:
            self._entries[key] = snap
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return snap


def snapshot_for(
    session: Session,
    *,
    workspace_id: int,
    today: date,
    model: StrengthModel = DEFAULT_MODEL,
    cache: SnapshotCache | None = None,
) -> Snapshot:
    """The workspace's current snapshot: from the cache while still valid, else read afresh."""
    if cache is not None:
        return cache.get(session, workspace_id=workspace_id, today=today, model=model)
    return loader.load(session, workspace_id=workspace_id, today=today, model=model)


def ways_in(
    session: Session,
    *,
    workspace_id: int,
    to_person_id: int | None = None,
    to_organization: int | str | None = None,
    department: str | None = None,
    opportunity_id: int | None = None,
    from_person_id: int | None = None,
    k: int = 5,
    today: date | None = None,
    model: StrengthModel = DEFAULT_MODEL,
    cache: SnapshotCache | None = None,
) -> WaysIn:
    """Return the best ways in to a person, an organization (or department) or a hiring manager.

    Exactly one of `to_person_id`, `to_organization` (id or name) and `opportunity_id` names
    the target. The path starts at `from_person_id`, by default the person marked as the user.
    """
    given = [x is not None for x in (to_person_id, to_organization, opportunity_id)]
    if sum(given) != 1:
        raise InvalidInput(
            "Say where you want to get to: a person, an organization or an opportunity (one).",
            fields=[FieldError("target", "Give exactly one target.")],
        )
    if not 1 <= k <= 50:
        raise InvalidInput("k must be between 1 and 50.", fields=[FieldError("k", "1 to 50")])
    source = _source(session, workspace_id=workspace_id, from_person_id=from_person_id)
    target_person: Person | None = None
    organization: Organization | None = None
    role_title: str | None = None
    if opportunity_id is not None:
        opportunity = opportunities.get(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        )
        organization, role_title = opportunity.organization, opportunity.role_title
        target_person = opportunity.hiring_manager
    elif to_person_id is not None:
        target_person = people.get(session, workspace_id=workspace_id, person_id=to_person_id)
        if target_person.id == source.id:
            raise InvalidInput(
                "The path would start and end with the same person; choose someone else.",
                fields=[FieldError("to_person_id", "This is where the path starts.")],
            )
    else:
        assert to_organization is not None
        organization = _organization(session, workspace_id=workspace_id, value=to_organization)

    if opportunity_id is not None:
        assert organization is not None
        subject = wording.subject_for(role_title=role_title, organization=organization.name)
    elif target_person is not None:
        job = _current_position(target_person)
        subject = wording.subject_for(
            role_title=None,
            organization=None,
            person=wording.Named(
                target_person.display_name,
                target_person.given_name,
                organization=job.organization.name if job else None,
                goes_by=wording.goes_by(target_person.notes),
            ),
        )
    else:
        assert organization is not None
        subject = wording.subject_for(role_title=None, organization=organization.name)

    snap = snapshot_for(
        session, workspace_id=workspace_id, today=today or clock.today(), model=model, cache=cache
    )
    start = _node(snap, source.id)
    if target_person is not None:
        hint = _current_position(target_person)
        if organization is None and hint is not None:
            organization = hint.organization
        department = department or (hint.department if hint else None)
        targets = [_node(snap, target_person.id)]
        label = target_person.display_name
    else:
        assert organization is not None
        targets = [int(n) for n in snap.members(organization.id, text=department)]
        label = f"{organization.name} ({department})" if department else organization.name
    touching = (
        [targets[0]]
        if target_person is not None
        and source.is_me
        and in_touch(
            session,
            workspace_id=workspace_id,
            person_id=target_person.id,
            today=today or clock.today(),
        )
        else []
    )
    found = find_paths(snap, source=start, targets=targets, k=k, in_touch=touching)
    points: list[EntryPoint] = []
    if not found and organization is not None and (target_person is not None or department):
        points = entry_points(
            snap,
            source=start,
            organization_id=organization.id,
            department=department,
            exclude=targets,
            k=k,
        )
    refs = _refs(session, snap, {start, *(n for p in found for n in p.nodes)}, points)
    me = refs[start]
    user = None if from_person_id is None else people.get_me(session, workspace_id=workspace_id)
    ways = [
        _way_in(path, rank, refs, me=me, subject=subject, user_id=user.id if user else None)
        for rank, path in enumerate(found, start=1)
    ]
    reads = [
        EntryPointRead(
            person=refs[point.node],
            role=point.role,
            reason=wording.entry_reason(point.role, title=point.title, department=point.department),
            approach=wording.advice_approach(
                refs[point.node].named(),
                organization=organization.name if organization else "the organization",
                department=department,
            ),
            reachability=point.reachability,
            score=point.score,
            way_in=_way_in(
                point.path, rank, refs, me=me, subject=subject, user_id=user.id if user else None
            ),
        )
        for rank, point in enumerate(points, start=1)
    ]
    return WaysIn(
        source=me,
        target=label,
        paths=ways,
        entry_points=reads,
        message=_message(ways, reads, label),
    )


# Contact within this many days means the user deals with someone directly: a fixed window
# of its own, not the strength model's recency half-life (a setting that may differ).
IN_TOUCH_DAYS = 180


def in_touch(session: Session, *, workspace_id: int, person_id: int, today: date) -> bool:
    """Whether the user has been in contact with the person within the IN_TOUCH_DAYS days
    up to `today`: then they write to them directly. Contact is what keep-in-touch counts
    (`contact_with`: a call, a meeting, a message; not a note, nor a message that came in to
    a group written by another of its people); one dated after that day, or after now, had
    not happened on it."""
    since = datetime.combine(today - timedelta(days=IN_TOUCH_DAYS), datetime.min.time(), UTC)
    # Up to the end of the day asked about, and never after now.
    until = min(clock.now(), datetime.combine(today + timedelta(days=1), datetime.min.time(), UTC))
    found = session.scalar(
        select(Interaction.id)
        .join(Participant, Participant.interaction_id == Interaction.id)
        .where(
            Interaction.workspace_id == workspace_id,
            *contact_with(session, workspace_id, {person_id}),
            Interaction.occurred_at >= since,
            Interaction.occurred_at <= until,
        )
        .limit(1)
    )
    return found is not None


def connections_import(
    session: Session,
    *,
    workspace_id: int,
    path_or_file: str | FilePath | IO[str] | IO[bytes],
) -> ImportReport:
    """Load an edge-list CSV (header `a,b[,kind,closeness]`) in one all-or-nothing step."""
    return import_edges(session, workspace_id=workspace_id, path_or_file=path_or_file)


def _source(session: Session, *, workspace_id: int, from_person_id: int | None) -> Person:
    if from_person_id is not None:
        return people.get(session, workspace_id=workspace_id, person_id=from_person_id)
    me = people.get_me(session, workspace_id=workspace_id)
    if me is None:
        raise InvalidInput(
            "Goodword does not know which person is you yet. Mark yourself on your own person "
            'page ("This is me"), or say whom the paths should start from.',
            fields=[FieldError("from_person_id", "No person is marked as you.")],
        )
    return me


def _organization(session: Session, *, workspace_id: int, value: int | str) -> Organization:
    """The organization an id, or a name (or an id typed as text), means."""
    if isinstance(value, int):
        return organizations.get(session, workspace_id=workspace_id, organization_id=value)
    return organizations.named(session, workspace_id=workspace_id, text=value)


def _node(snap: Snapshot, person_id: int) -> int:
    node = snap.node(person_id)
    if node is None:
        # The snapshot was read in this same transaction, so this means a concurrent delete.
        raise NotFound("person", person_id)
    return node


def _current_position(person: Person) -> Position | None:
    return next((p for p in person.positions if p.is_current), None)


def _refs(
    session: Session, snap: Snapshot, nodes: set[int], points: list[EntryPoint]
) -> dict[int, PersonRef]:
    wanted = set(nodes) | {n for point in points for n in point.path.nodes}
    by_person = {snap.person(n): n for n in wanted}
    rows = session.scalars(
        select(Person)
        .where(Person.id.in_(list(by_person)))
        .options(selectinload(Person.positions).selectinload(Position.organization))
    ).all()
    return {by_person[person.id]: person_ref(person) for person in rows}


def person_ref(person: Person) -> PersonRef:
    """A person as paths and tie briefs name them: with their current title and organization."""
    job = _current_position(person)
    return PersonRef(
        id=person.id,
        name=person.display_name,
        given_name=person.given_name,
        title=job.title if job else None,
        organization=job.organization.name if job else None,
        goes_by=wording.goes_by(person.notes),
    )


def _way_in(
    path: Path,
    rank: int,
    refs: dict[int, PersonRef],
    *,
    me: PersonRef,
    subject: str,
    user_id: int | None = None,
) -> WayIn:
    """One way in with its first ask. A path from someone else whose first hop is the user
    does not ask the user for an introduction: the user makes it, writing to the next person
    on the path."""
    chain = [refs[n] for n in path.nodes]
    hops = [
        Hop(chain[i], chain[i + 1], path.strengths[i], list(path.reasons[i]))
        for i in range(path.hops)
    ]
    if user_id is not None and chain[0].id != user_id and len(chain) > 2 and chain[1].id == user_id:
        ask, draft, title = wording.introduce(
            me.named(), [p.named() for p in chain[2:]], me=chain[1].named(), subject=subject
        )
        first = FirstAsk(contact=chain[2], ask=ask, draft=draft, subject=title)
    else:
        ask, draft = wording.first_ask(
            [p.named() for p in chain[1:]], me=me.named(), subject=subject
        )
        first = FirstAsk(contact=chain[1], ask=ask, draft=draft)
    return WayIn(
        rank=rank, score=path.score, people=chain, hops=hops, why=path.why, first_ask=first
    )


def _message(ways: list[WayIn], points: list[EntryPointRead], label: str) -> str | None:
    if ways:
        return None
    if points:
        return (
            f"No chain of up to three introductions reaches {label} yet. The people below work "
            "there and are within reach: start with an advice call, not a request for a job."
        )
    return (
        f"No one you know reaches {label} within three introductions yet. Record more of the "
        "people you know and how you know them (importing your LinkedIn connections is the "
        "quickest way), then look again."
    )
