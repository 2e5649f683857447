from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goodword.db import Base, UTCDateTime, WorkspaceScoped, enum_type, utcnow


class CandidateStatus(enum.StrEnum):
    OPEN = "open"
    MERGED = "merged"
    NOT_SAME = "not_same"


class DuplicateCandidate(WorkspaceScoped, Base):
    """Two people who may be the same; the user decides (merge, or "not the same")."""

    __tablename__ = "duplicate_candidates"
    __table_args__ = (
        UniqueConstraint("workspace_id", "person_a_id", "person_b_id"),
        Index("ix_duplicate_candidates_workspace_status", "workspace_id", "status"),
    )

    # Always stored with person_a_id < person_b_id.
    person_a_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    person_b_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[CandidateStatus] = mapped_column(
        enum_type(CandidateStatus), default=CandidateStatus.OPEN
    )


class Merge(WorkspaceScoped, Base):
    """One merge of two people, with what is needed to undo it."""

    __tablename__ = "merges"

    survivor_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    # The absorbed person's id at the time (the row itself is gone after the merge).
    absorbed_id: Mapped[int] = mapped_column(Integer)
    # Everything needed to restore both people as they were.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(300))
