from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, WorkspaceScoped, enum_type
from goodword.leads.enums import LeadKind, ShareStatus

if TYPE_CHECKING:
    from goodword.organizations.models import Organization
    from goodword.people.models import Person


class Lead(WorkspaceScoped, Base):
    """Something the user heard of that could help someone else: pass it on."""

    __tablename__ = "leads"

    kind: Mapped[LeadKind] = mapped_column(enum_type(LeadKind))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(1000))
    happens_on: Mapped[date | None] = mapped_column(Date)
    # Where it happens or is ("Berlin", "Lyon, France"); an in-person lead with a place is
    # offered to the people there, never to those known to be elsewhere.
    place: Mapped[str | None] = mapped_column(String(200))
    in_person: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )

    organization: Mapped[Organization | None] = relationship()
    shares: Mapped[list[LeadShare]] = relationship(
        back_populates="lead", cascade="all, delete-orphan", order_by="LeadShare.id"
    )


class LeadShare(WorkspaceScoped, Base):
    """Passing a lead on to one person."""

    __tablename__ = "lead_shares"
    __table_args__ = (UniqueConstraint("lead_id", "person_id"),)

    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[ShareStatus] = mapped_column(
        enum_type(ShareStatus), default=ShareStatus.SUGGESTED
    )
    reason: Mapped[str | None] = mapped_column(String(500))
    sent_on: Mapped[date | None] = mapped_column(Date)

    lead: Mapped[Lead] = relationship(back_populates="shares")
    person: Mapped[Person] = relationship()
