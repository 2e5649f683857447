from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, WorkspaceScoped, enum_type

if TYPE_CHECKING:
    from goodword.people.models import Person


class ConnectionKind(enum.StrEnum):
    COLLEAGUE = "colleague"
    FORMER_COLLEAGUE = "former_colleague"
    FRIEND = "friend"
    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"
    REFERRED_BY = "referred_by"
    MET_AT_EVENT = "met_at_event"
    LINKEDIN = "linkedin"
    KNOWS = "knows"

    @property
    def label(self) -> str:
        return {
            "linkedin": "LinkedIn connection",
            "knows": "Knows (second-hand)",
        }.get(self.value, self.value.replace("_", " ").capitalize())


class Connection(WorkspaceScoped, Base):
    """A tie between two people; `person_a` is the one the tie was recorded from."""

    __tablename__ = "connections"

    person_a_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    person_b_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ConnectionKind] = mapped_column(enum_type(ConnectionKind))
    source: Mapped[str | None] = mapped_column(String(200))
    since: Mapped[date | None] = mapped_column(Date)
    # The user's own judgement, 1 (barely) to 5 (very close); None when not set.
    closeness: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(Text)

    person_a: Mapped[Person] = relationship(foreign_keys=[person_a_id])
    person_b: Mapped[Person] = relationship(foreign_keys=[person_b_id])
