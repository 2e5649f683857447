"""Find people by their e-mail addresses on PostgreSQL: its text search keeps an address
whole ("zed@nowhere.example" is one term), so a search for "zed@nowhere" or "nowhere"
found nobody there (SQLite's index splits addresses into words). A search document now
keeps, among the terms only for finding it, each address's words (see
`search.folding.finding_terms`); this adds them to the documents made before. The
downgrade leaves them: they only let a search find more.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27 08:20:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A document's body: what a result shows, then this separator and the terms only for
# finding it (as `search.folding` writes it; a copy, so a later change there does not
# change what this revision did).
SEPARATOR = "\x1f"
_WORD = re.compile(r"\w+")

_DOCUMENTS = sa.text(
    "SELECT id, body FROM search_documents WHERE kind = 'person' AND body LIKE '%@%' ORDER BY id"
)
_REWRITE = sa.text("UPDATE search_documents SET body = :body WHERE id = :id")


def _with_address_words(body: str) -> str:
    """The body with the words of each e-mail address it shows among its terms."""
    shown, _separator, terms = body.partition(SEPARATOR)
    have = dict.fromkeys(terms.split())
    for token in shown.split():
        if "@" in token:
            have.update(dict.fromkeys(_WORD.findall(token.lower())))
    added = " ".join(have)
    return f"{shown}{SEPARATOR}{added}" if added else shown


def upgrade() -> None:
    connection = op.get_bind()
    changed = []
    for document_id, body in connection.execute(_DOCUMENTS):
        new = _with_address_words(body)
        if new != body:
            changed.append({"id": document_id, "body": new})
    if changed:
        connection.execute(_REWRITE, changed)


def downgrade() -> None:
    pass  # (the address words only let a search find more)
