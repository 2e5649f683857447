"""Keep each search document's title folded (`search_documents.folded_title`: lower case,
without accents), so one- and two-letter searches match "lu" to Łukasz with a plain
comparison on both databases instead of folding every title at every search.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 15:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from goodword.search.folding import folded_title

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's trigger that re-indexes a document on every update; the title and body do not
# change here, so it is set aside while the new column is filled (as migration 0001 made it).
_REINDEX = "search_documents_au"


def upgrade() -> None:
    op.add_column(
        "search_documents",
        sa.Column("folded_title", sa.Text(), server_default="", nullable=False),
    )
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    trigger = None
    if sqlite:
        trigger = connection.execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": _REINDEX},
        ).scalar()
        if trigger:
            connection.execute(sa.text(f"DROP TRIGGER {_REINDEX}"))
    rows = connection.execute(sa.text("SELECT id, title FROM search_documents")).all()
    changed = [{"id": id_, "folded": folded_title(title)} for id_, title in rows]
    if changed:
        connection.execute(
            sa.text("UPDATE search_documents SET folded_title = :folded WHERE id = :id"), changed
        )
    if trigger:
        connection.execute(sa.text(trigger))


def downgrade() -> None:
    # Not in a batch: on SQLite that would rebuild the table and lose its search triggers.
    op.drop_column("search_documents", "folded_title")
