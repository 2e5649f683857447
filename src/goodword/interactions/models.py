from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    false,
    or_,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, UTCDateTime, WorkspaceScoped, enum_type
from goodword.interactions.enums import Direction, InteractionKind, Rapport

if TYPE_CHECKING:
    from goodword.opportunities.models import Opportunity
    from goodword.people.models import Person


class Interaction(WorkspaceScoped, Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_workspace_when", "workspace_id", "occurred_at"),
        Index("ix_interactions_workspace_external", "workspace_id", "external_id"),
    )

    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[InteractionKind] = mapped_column(enum_type(InteractionKind))
    summary: Mapped[str | None] = mapped_column(Text)
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    interview_round: Mapped[int | None]
    direction: Mapped[Direction | None] = mapped_column(enum_type(Direction))
    # Which of its people wrote a message that came in, where that is known: one of
    # several in a group conversation (an export says which; the one person of a
    # conversation of two wrote it anyway).
    writer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    # A message that came in from someone not among its people: an account deleted or
    # hidden where it was written (LinkedIn's "LinkedIn Member"), or a writer the user
    # deleted since. It is contact with none of those left in it, even one alone.
    writer_gone: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The source's id (e.g. a message id from an import), so re-imports never duplicate.
    external_id: Mapped[str | None] = mapped_column(String(300))
    # The import that added it, for undoing that import (`importers/undoing.py`), until it
    # is changed by hand (`importers/models.py`).
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL"), index=True
    )

    opportunity: Mapped[Opportunity | None] = relationship()
    writer: Mapped[Person | None] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan", order_by="Participant.id"
    )


class Participant(WorkspaceScoped, Base):
    """A person involved in an interaction; for interviews, how well the user clicked."""

    __tablename__ = "interaction_participants"
    __table_args__ = (UniqueConstraint("interaction_id", "person_id"),)

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    rapport: Mapped[Rapport | None] = mapped_column(enum_type(Rapport))

    interaction: Mapped[Interaction] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()


# What an import kept of a LinkedIn invitation to connect begins its external id so
# (`importers/linkedin_messages.py`): how a connection began, not contact with the person.
INVITATION_ID = "linkedin-invitation:"


def not_invitation() -> ColumnElement[bool]:
    """SQL: the interaction is no invitation to connect that an import kept."""
    return or_(
        Interaction.external_id.is_(None),
        ~Interaction.external_id.startswith(INVITATION_ID, autoescape=True),
    )


def is_contact() -> ColumnElement[bool]:
    """SQL: the interaction is contact with its people: not a note, nor an invitation to
    connect (importing an archive does not make every connection "in touch", nor overdue)."""
    return and_(Interaction.kind != InteractionKind.NOTE, not_invitation())
