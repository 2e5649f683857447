"""Search without accents: each person's and organization's search document gains, after
what results show, the terms kept only for finding it (see `search.folding`): words folded to
plain letters ("lukasz" for Łukasz, "strasse" for Straße) and the name run together where it
has inner punctuation, which used to sit at the end of the shown text.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from goodword.search.folding import SEPARATOR, finding_terms, run_together

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DOCUMENTS = sa.text(
    "SELECT id, kind, title, body FROM search_documents "
    "WHERE kind IN ('person', 'organization') ORDER BY id"
)
_REWRITE = sa.text("UPDATE search_documents SET body = :body WHERE id = :id")


def _shown_before(kind: str, title: str, body: str) -> str:
    """What a document showed before: a person's ended with the name run together."""
    together = run_together(title) if kind == "person" else ""
    if together and (body == together or body.endswith(" " + together)):
        return body[: -len(together)].rstrip()
    return body


def upgrade() -> None:
    connection = op.get_bind()
    changed = []
    for document_id, kind, title, body in connection.execute(_DOCUMENTS):
        if SEPARATOR in body:
            continue
        shown = _shown_before(kind, title, body)
        terms = finding_terms(title, shown)
        new = f"{shown}{SEPARATOR}{terms}" if terms else shown
        if new != body:
            changed.append({"id": document_id, "body": new})
    if changed:
        connection.execute(_REWRITE, changed)


def downgrade() -> None:
    connection = op.get_bind()
    changed = []
    for document_id, kind, title, body in connection.execute(_DOCUMENTS):
        shown = body.split(SEPARATOR, 1)[0]
        together = run_together(title) if kind == "person" else ""
        old = " ".join(part for part in (shown, together) if part)
        if old != body:
            changed.append({"id": document_id, "body": old})
    if changed:
        connection.execute(_REWRITE, changed)
