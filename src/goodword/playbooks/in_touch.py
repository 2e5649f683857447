"""Who the user is tied to and in touch with, read from connections and interactions: the
facts a keep-in-touch cadence (`cadence.py`) is worked out from.

Contact is a logged interaction other than a note (`is_contact`); a message that came in
counts for its writer only. An import's messages count from the day they were imported
when they are the last contact (`imported_last`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from goodword.connections.models import Connection, ConnectionKind
from goodword.interactions.models import (
    Direction,
    Interaction,
    InteractionKind,
    Participant,
    is_contact,
    not_invitation,
)
from goodword.interactions.schemas import WRITTEN
from goodword.people.models import Person
from goodword.records import among


def last_contacts(session: Session, *, workspace_id: int, person_ids: set[int]) -> dict[int, date]:
    """The date of the last logged contact with each person (notes do not count, nor does
    a message that came in to a group written by another of its people, or by one not known
    or deleted since, even to the one person left in it: only its writer wrote to you)."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(Participant.person_id, func.max(Interaction.occurred_at))
        .join(Interaction)
        .where(*contact_with(session, workspace_id, person_ids))
        .group_by(Participant.person_id)
    )
    return {person_id: when.date() for person_id, when in rows if when is not None}


def contact_with(session: Session, workspace_id: int, person_ids: set[int]) -> list[Any]:
    """Conditions on a participant row and its interaction: contact with that person."""
    others = aliased(Participant)
    alone = (
        select(func.count())
        .select_from(others)
        .where(others.interaction_id == Interaction.id)
        .scalar_subquery()
        == 1
    )
    return [
        Participant.workspace_id == workspace_id,
        among(session, Participant.person_id, sorted(person_ids)),
        is_contact(),
        or_(
            Interaction.direction.is_(None),
            Interaction.direction != Direction.INBOUND,
            Interaction.writer_id == Participant.person_id,
            and_(Interaction.writer_id.is_(None), ~Interaction.writer_gone, alone),
        ),
    ]


def imported_last(session: Session, *, workspace_id: int, person_ids: set[int]) -> dict[int, date]:
    """For each person whose last contact Goodword learned of only through an import, the
    day it was imported (none of that time was logged by hand): an archive's message from
    2024, imported today, was news today."""
    if not person_ids:
        return {}
    last = (
        select(Participant.person_id, func.max(Interaction.occurred_at).label("at"))
        .join(Interaction)
        .where(*contact_with(session, workspace_id, person_ids))
        .group_by(Participant.person_id)
        .subquery()
    )
    by_hand = func.max(case((Interaction.external_id.is_(None), 1), else_=0))
    rows = session.execute(
        select(Participant.person_id, func.min(Interaction.created_at))
        .join(Interaction)
        .join(
            last,
            and_(last.c.person_id == Participant.person_id, last.c.at == Interaction.occurred_at),
        )
        .where(*contact_with(session, workspace_id, person_ids))
        .group_by(Participant.person_id)
        .having(by_hand == 0)
    )
    return {person_id: when.date() for person_id, when in rows if when is not None}


def ties_to(
    session: Session, workspace_id: int, user: Person | None
) -> dict[int, list[tuple[ConnectionKind, int | None]]]:
    return ties_and_since(session, workspace_id, user)[0]


def ties_and_since(
    session: Session, workspace_id: int, user: Person | None
) -> tuple[dict[int, list[tuple[ConnectionKind, int | None]]], dict[int, date]]:
    """The user's ties, as (kind, closeness) per other person, and when the latest began."""
    ties: dict[int, list[tuple[ConnectionKind, int | None]]] = defaultdict(list)
    since: dict[int, date] = {}
    if user is None:
        return ties, since
    rows = session.execute(
        select(
            Connection.person_a_id,
            Connection.person_b_id,
            Connection.kind,
            Connection.closeness,
            Connection.since,
        ).where(
            Connection.workspace_id == workspace_id,
            or_(Connection.person_a_id == user.id, Connection.person_b_id == user.id),
        )
    )
    for person_a_id, person_b_id, kind, closeness, began in rows:
        other = person_b_id if person_a_id == user.id else person_a_id
        ties[other].append((kind, closeness))
        if began is not None:
            since[other] = max(since.get(other, began), began)
    return ties, since


def interviewed(session: Session, workspace_id: int, people: set[int] | None) -> set[int]:
    statement = (
        select(Participant.person_id)
        .join(Interaction)
        .where(
            Participant.workspace_id == workspace_id,
            Interaction.kind == InteractionKind.INTERVIEW,
        )
        .distinct()
    )
    if people is not None:
        statement = statement.where(among(session, Participant.person_id, sorted(people)))
    return set(session.scalars(statement))


def two_way(
    session: Session, workspace_id: int, people: set[int] | None, user: Person | None
) -> set[int]:
    """People the user has met or called, or written to and heard from (a message that
    came in counts for its writer: the one person of a conversation of two, or the writer a
    group's record names)."""
    spoken = (
        select(Participant.person_id)
        .join(Interaction)
        .where(
            Participant.workspace_id == workspace_id,
            Interaction.kind.in_((InteractionKind.MEETING, InteractionKind.CALL)),
        )
        .distinct()
    )
    crowd = (
        select(Participant.interaction_id, func.count().label("people"))
        .where(
            Participant.workspace_id == workspace_id,
            Participant.person_id != (user.id if user else None),
        )
        .group_by(Participant.interaction_id)
        .subquery()
    )
    theirs = and_(
        Interaction.direction == Direction.INBOUND,
        or_(
            Interaction.writer_id == Participant.person_id,
            and_(Interaction.writer_id.is_(None), ~Interaction.writer_gone, crowd.c.people == 1),
        ),
    )
    written = (
        select(Participant.person_id)
        .join(Interaction, Interaction.id == Participant.interaction_id)
        .join(crowd, crowd.c.interaction_id == Interaction.id)
        .where(
            Participant.workspace_id == workspace_id,
            Interaction.kind.in_(WRITTEN),
            not_invitation(),
        )
        .group_by(Participant.person_id)
        .having(
            func.max(case((Interaction.direction == Direction.OUTBOUND, 1), else_=0)) == 1,
            func.max(case((theirs, 1), else_=0)) == 1,
        )
    )
    if people is not None:
        spoken = spoken.where(among(session, Participant.person_id, sorted(people)))
        written = written.where(among(session, Participant.person_id, sorted(people)))
    return set(session.scalars(spoken)) | set(session.scalars(written))
