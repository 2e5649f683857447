from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from goodword.db import Base

# PostgreSQL's search expression; the GIN index and the query must spell it the same.
TSVECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))"


class SearchDocument(Base):
    """The searchable text of one person or organization.

    SQLite indexes it with an FTS5 table kept in step by triggers (see the first migration;
    large imports index their documents directly, see importers.bulk);
    PostgreSQL with a GIN index over its tsvector.
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "record_id"),
        Index("ix_search_documents_tsv", text(TSVECTOR), postgresql_using="gin").ddl_if(
            dialect="postgresql"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    # The title in lower case without accents (`search.folding.fold`), for one- and
    # two-letter searches, which look at names only.
    folded_title: Mapped[str] = mapped_column(Text, default="", server_default="")
