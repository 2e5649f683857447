"""Interactions: meetings, interviews, calls, messages, favours; who was there and how it went."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.errors import FieldError, InvalidInput
from goodword.interactions.models import Direction, Interaction, Participant
from goodword.interactions.schemas import (
    InteractionCreate,
    InteractionRead,
    InteractionUpdate,
    ParticipantRead,
)
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity
from goodword.people import service as people
from goodword.records import Page, clean_text, get_owned, keyset_page, referenced

KIND = "interaction"
YOU_WROTE = "writer_id is you: a message you wrote goes out (direction outbound)."


def get(session: Session, *, workspace_id: int, interaction_id: int) -> Interaction:
    """Return the interaction, or NotFound when it is not in this workspace."""
    return get_owned(
        session, Interaction, workspace_id=workspace_id, record_id=interaction_id, kind=KIND
    )


def create(session: Session, *, workspace_id: int, data: InteractionCreate) -> Interaction:
    interaction = Interaction(workspace_id=workspace_id)
    _apply(session, interaction, data)
    session.add(interaction)
    session.flush()
    return interaction


def update(
    session: Session, *, workspace_id: int, interaction_id: int, data: InteractionUpdate
) -> Interaction:
    interaction = get(session, workspace_id=workspace_id, interaction_id=interaction_id)
    _apply(session, interaction, data)
    session.flush()
    return interaction


def delete(session: Session, *, workspace_id: int, interaction_id: int) -> None:
    session.delete(get(session, workspace_id=workspace_id, interaction_id=interaction_id))
    session.flush()


def list_(
    session: Session,
    *,
    workspace_id: int,
    person_id: int | None = None,
    opportunity_id: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Interaction]:
    """List interactions, newest first, optionally for one person or one opportunity.

    Each comes with its participants and its opportunity (and that one's organization) loaded.
    """
    statement = (
        select(Interaction)
        .where(Interaction.workspace_id == workspace_id)
        .options(
            selectinload(Interaction.participants).selectinload(Participant.person),
            selectinload(Interaction.opportunity).selectinload(Opportunity.organization),
            selectinload(Interaction.writer),
        )
    )
    if person_id is not None:
        statement = statement.where(
            Interaction.id.in_(
                select(Participant.interaction_id).where(Participant.person_id == person_id)
            )
        )
    if opportunity_id is not None:
        statement = statement.where(Interaction.opportunity_id == opportunity_id)
    return keyset_page(
        session,
        statement,
        list_name="interactions",
        sort_column=Interaction.occurred_at,
        id_column=Interaction.id,
        cursor=cursor,
        limit=limit,
        descending=True,
        decode_sort=datetime.fromisoformat,
        before=before,
    )


def to_read(interaction: Interaction) -> InteractionRead:
    return InteractionRead(
        id=interaction.id,
        occurred_at=interaction.occurred_at,
        kind=interaction.kind,
        summary=interaction.summary,
        opportunity_id=interaction.opportunity_id,
        interview_round=interaction.interview_round,
        direction=interaction.direction,
        writer_id=interaction.writer_id,
        writer_gone=interaction.writer_gone,
        participants=[
            ParticipantRead(
                person_id=p.person_id, person_name=p.person.display_name, rapport=p.rapport
            )
            for p in interaction.participants
        ],
        created_at=interaction.created_at,
        updated_at=interaction.updated_at,
    )


def _apply(session: Session, interaction: Interaction, data: InteractionCreate) -> None:
    workspace_id = interaction.workspace_id
    # A time without a zone is the machine's local time; everything is stored in UTC.
    interaction.occurred_at = data.occurred_at.astimezone(UTC)
    interaction.kind = data.kind
    interaction.summary = clean_text(data.summary)
    interaction.interview_round = data.interview_round
    interaction.direction = data.direction
    if data.opportunity_id is not None:
        opportunity_id = data.opportunity_id
        interaction.opportunity = referenced(
            "opportunity_id",
            lambda: opportunities.get(
                session, workspace_id=workspace_id, opportunity_id=opportunity_id
            ),
        )
    else:
        interaction.opportunity = None
    # Keep existing rows for people still present: (interaction, person) is unique.
    existing = {p.person_id: p for p in interaction.participants}
    participants = []
    for index, item in enumerate(data.participants):
        person = referenced(
            f"participants.{index}.person_id",
            partial(people.get, session, workspace_id=workspace_id, person_id=item.person_id),
        )
        participant = existing.get(person.id) or Participant(
            workspace_id=workspace_id, person=person
        )
        participant.rapport = item.rapport
        participants.append(participant)
    interaction.participants = participants
    writer = next((p.person for p in participants if p.person.id == data.writer_id), None)
    if writer is not None and writer.is_me:
        raise InvalidInput(
            "That is you: a message you wrote goes out (direction outbound).",
            fields=[FieldError("writer_id", YOU_WROTE)],
        )
    came_in = data.direction is Direction.INBOUND
    if writer is None and came_in and len(participants) == 1 and not interaction.writer_gone:
        writer = participants[0].person  # (the one person of a conversation of two)
    interaction.writer_id = writer.id if writer is not None else None
    if writer is not None or not came_in:
        # (From someone gone until a writer is named, or it no longer came in.)
        interaction.writer_gone = False
