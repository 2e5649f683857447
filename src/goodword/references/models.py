from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, WorkspaceScoped, enum_type
from goodword.references.enums import UseStatus

if TYPE_CHECKING:
    from goodword.opportunities.models import Opportunity
    from goodword.people.models import Person


class Reference(WorkspaceScoped, Base):
    """Someone who has agreed (or may agree) to speak for the user."""

    __tablename__ = "references"
    __table_args__ = (UniqueConstraint("workspace_id", "person_id"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    consent_on: Mapped[date | None] = mapped_column(Date)
    relationship_text: Mapped[str | None] = mapped_column(Text)
    can_speak_to: Mapped[str | None] = mapped_column(Text)
    # A current boss or co-worker: using them can put the user's present job at risk.
    is_current_workplace: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()
    uses: Mapped[list[ReferenceUse]] = relationship(
        back_populates="reference", cascade="all, delete-orphan", order_by="ReferenceUse.id"
    )


class ReferenceUse(WorkspaceScoped, Base):
    """One launch of a reference for one opportunity, and what came of it."""

    __tablename__ = "reference_uses"
    __table_args__ = (UniqueConstraint("reference_id", "opportunity_id"),)

    reference_id: Mapped[int] = mapped_column(
        ForeignKey("references.id", ondelete="CASCADE"), index=True
    )
    # None once the opportunity is deleted: the launch stays, so the cap still counts it.
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[UseStatus] = mapped_column(enum_type(UseStatus), default=UseStatus.PLANNED)
    stress_points: Mapped[str | None] = mapped_column(Text)
    briefed_on: Mapped[date | None] = mapped_column(Date)
    called_on: Mapped[date | None] = mapped_column(Date)
    thanked_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)

    reference: Mapped[Reference] = relationship(back_populates="uses")
    opportunity: Mapped[Opportunity | None] = relationship()
