from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from goodword.db import Base, UTCDateTime, utcnow


class Workspace(Base):
    """One job seeker's private world; every record belongs to exactly one."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Region assumed for phone numbers written without a country code (ISO 3166 alpha-2).
    phone_region: Mapped[str] = mapped_column(String(2), default="US")
    # Secret part of the calendar feed's URL; None until the user turns the feed on.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Changed by database triggers whenever a row the network is built from changes (see
    # migration 0004; a large import on SQLite changes it once itself instead), read by
    # `network.loader.graph_version`. The models never write it.
    graph_version: Mapped[int] = mapped_column(BigInteger, server_default="0")
