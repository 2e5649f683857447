"""Find people by the names they were known by: a person's search document now shows, after
the rest, each name their notes say they had ("formerly Carla Smith", from the lines
"Formerly …", "Née …" and "Maiden name: …" that imports write; see `search.folding`), so a
search by the old name finds them. This adds those to the documents of people whose notes
already hold such lines; the downgrade takes them out again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 01:30:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from goodword.search.folding import SEPARATOR, finding_terms

# The lines of a person's notes that name them as they were known before, as this revision
# reads them (a copy: a later change to `search.folding.former_names` does not change what
# this migration did).
_FORMER = re.compile(r"^(?:Formerly|N[ée]e|Né|Maiden name:) +(\S.*?)\s*$", re.MULTILINE)


def former_names(notes: str) -> list[str]:
    return [name for name in _FORMER.findall(notes) if not name[0].islower()]


revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DOCUMENTS = sa.text(
    "SELECT d.id, d.title, d.body, p.notes FROM search_documents d "
    "JOIN people p ON p.id = d.record_id AND p.workspace_id = d.workspace_id "
    "WHERE d.kind = 'person' AND p.notes IS NOT NULL "
    "AND (p.notes LIKE '%Formerly %' OR p.notes LIKE '%N_e %' OR p.notes LIKE '%Né %' "
    "OR p.notes LIKE '%Maiden name: %') ORDER BY d.id"
)
_REWRITE = sa.text("UPDATE search_documents SET body = :body WHERE id = :id")


def _rewritten(title: str, body: str, notes: str, add: bool) -> str:
    """The body with the former names after what it shows (`add`), or without them."""
    shown = body.split(SEPARATOR, 1)[0]
    formerly = " ".join(f"formerly {name}" for name in former_names(notes))
    if not formerly:
        return body
    if add:
        shown = f"{shown} {formerly}" if shown else formerly
    elif shown == formerly or shown.endswith(" " + formerly):
        shown = shown[: -len(formerly)].rstrip()
    else:
        return body
    terms = finding_terms(title, shown)
    return f"{shown}{SEPARATOR}{terms}" if terms else shown


def _rewrite(add: bool) -> None:
    connection = op.get_bind()
    changed = []
    for document_id, title, body, notes in connection.execute(_DOCUMENTS):
        new = _rewritten(title, body, notes, add)
        if new != body:
            changed.append({"id": document_id, "body": new})
    if changed:
        connection.execute(_REWRITE, changed)


def upgrade() -> None:
    _rewrite(add=True)


def downgrade() -> None:
    _rewrite(add=False)
