from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.db import Base, WorkspaceScoped

if TYPE_CHECKING:
    from goodword.people.models import Position


class Organization(WorkspaceScoped, Base):
    __tablename__ = "organizations"
    __table_args__ = (Index("ix_organizations_workspace_sort", "workspace_id", "sort_name", "id"),)

    name: Mapped[str] = mapped_column(String(200))
    sort_name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    location: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # The import that made it, for undoing that import (`importers/undoing.py`), until it is
    # changed by hand (`importers/models.py`).
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL"), index=True
    )

    positions: Mapped[list[Position]] = relationship(
        back_populates="organization", passive_deletes=True
    )
