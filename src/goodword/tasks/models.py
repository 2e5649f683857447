from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, UTCDateTime, WorkspaceScoped, enum_type
from goodword.tasks.enums import TaskStatus

if TYPE_CHECKING:
    from goodword.interactions.models import Interaction
    from goodword.opportunities.models import Opportunity
    from goodword.organizations.models import Organization
    from goodword.people.models import Person


class Task(WorkspaceScoped, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_workspace_status_due", "workspace_id", "status", "due_date"),
        UniqueConstraint("workspace_id", "origin_key"),
    )

    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[TaskStatus] = mapped_column(enum_type(TaskStatus), default=TaskStatus.OPEN)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where the task came from: "manual", or later a playbook and its step.
    origin: Mapped[str] = mapped_column(String(100), default="manual")
    # For tasks a playbook made: playbook, step and records, so re-running never duplicates.
    origin_key: Mapped[str | None] = mapped_column(String(300))
    # A digest of the notes the playbook last wrote (SHA-256, hex): notes that no longer match
    # were edited by hand, and a redraft leaves them as the user wrote them.
    drafted_notes_digest: Mapped[str | None] = mapped_column(String(64))
    # The same for the title: a title renamed by hand stays as the user wrote it too.
    drafted_title_digest: Mapped[str | None] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), index=True
    )
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    # The message a keep-in-touch reminder logged when marked done (apart from the interaction
    # the task is linked to, which the user may have chosen): reopened, only this is taken back.
    logged_interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )

    person: Mapped[Person | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    opportunity: Mapped[Opportunity | None] = relationship()
    interaction: Mapped[Interaction | None] = relationship(foreign_keys=[interaction_id])
