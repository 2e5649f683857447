from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, WorkspaceScoped, enum_type
from goodword.referrals.enums import AskStatus

if TYPE_CHECKING:
    from goodword.opportunities.models import Opportunity
    from goodword.organizations.models import Organization
    from goodword.people.models import Person


class ReferralAsk(WorkspaceScoped, Base):
    """Asking someone (often an interviewer who thought well of the user) for a referral."""

    __tablename__ = "referral_asks"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    # The opportunity that led here (e.g. the final-round rejection).
    source_opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    # Where the user hopes to be recommended.
    target_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    # The opportunity the referral produced, once there is one.
    result_opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL")
    )
    status: Mapped[AskStatus] = mapped_column(enum_type(AskStatus), default=AskStatus.TO_ASK)
    asked_on: Mapped[date | None] = mapped_column(Date)
    reported_back_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    introduced_to: Mapped[str | None] = mapped_column(String(200))

    person: Mapped[Person] = relationship()
    source_opportunity: Mapped[Opportunity | None] = relationship(
        foreign_keys=[source_opportunity_id]
    )
    target_organization: Mapped[Organization | None] = relationship()
    result_opportunity: Mapped[Opportunity | None] = relationship(
        foreign_keys=[result_opportunity_id]
    )
