from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goodword.db import Base, WorkspaceScoped


class MessageTemplate(WorkspaceScoped, Base):
    """The user's own version of one of Goodword's message drafts."""

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    key: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
