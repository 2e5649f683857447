"""The imports a workspace has kept: when each was saved, its files, what it did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, LargeBinary, false
from sqlalchemy.orm import Mapped, mapped_column

from goodword.db import Base, UTCDateTime, WorkspaceScoped, utcnow


class ImportRun(WorkspaceScoped, Base):
    """One saved import and its whole report (a dry run saves nothing, so keeps none)."""

    __tablename__ = "import_runs"

    finished_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # For the list of imports: each file's name, what it was read as and its people;
    # and how many rows were created, updated, merged and so on.
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # The whole report, every row included, as zlib-compressed JSON (`history.encode`):
    # a 70,000-row report takes about half a megabyte so, against five as JSON text.
    report: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    # Whether it can be undone (`importers/undoing.py`): false for one kept before Goodword
    # marked the people an import made (migration 0029); `undone_at` says when it was.
    undoable: Mapped[bool] = mapped_column(Boolean, default=True, server_default=false())
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
