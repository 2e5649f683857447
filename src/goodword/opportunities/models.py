from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, UTCDateTime, WorkspaceScoped, enum_type, utcnow
from goodword.opportunities.enums import PayPeriod, Route, Stage

if TYPE_CHECKING:
    from goodword.organizations.models import Organization
    from goodword.people.models import Person


class Opportunity(WorkspaceScoped, Base):
    __tablename__ = "opportunities"
    __table_args__ = (Index("ix_opportunities_workspace_stage", "workspace_id", "stage"),)

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    role_title: Mapped[str] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    posting_url: Mapped[str | None] = mapped_column(String(1000))
    posting_text: Mapped[str | None] = mapped_column(Text)
    pay_min: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pay_max: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pay_currency: Mapped[str | None] = mapped_column(String(3))
    pay_period: Mapped[PayPeriod | None] = mapped_column(enum_type(PayPeriod))
    stage: Mapped[Stage] = mapped_column(enum_type(Stage), default=Stage.TARGET)
    route: Mapped[Route | None] = mapped_column(enum_type(Route))
    hiring_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    next_step: Mapped[str | None] = mapped_column(String(500))
    next_step_due: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization] = relationship()
    hiring_manager: Mapped[Person | None] = relationship()
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="opportunity",
        cascade="all, delete-orphan",
        order_by="(StageChange.changed_at, StageChange.id)",
    )


class StageChange(WorkspaceScoped, Base):
    """One dated move of an opportunity from one stage to another."""

    __tablename__ = "stage_changes"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[Stage | None] = mapped_column(enum_type(Stage))
    to_stage: Mapped[Stage] = mapped_column(enum_type(Stage))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(String(500))

    opportunity: Mapped[Opportunity] = relationship(back_populates="stage_changes")
