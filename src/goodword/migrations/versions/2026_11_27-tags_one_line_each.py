"""Tags one line each: a tag or interest an import kept with a line break in it (a vCard's
`CATEGORIES:Met at\nPyCon`, a Google label or a mapped CSV cell of two lines) becomes one
tag per line, as the forms, the API and the whole-workspace backup take them. People's
tags and interests and leads' tags are split, and so are the lists of tags and interests
inside what imports kept of matched records (`person_sources.matched`, which a split
gives back) and inside merges' snapshots (which an undo gives back); nothing else
changes. The downgrade leaves them split (which tags were one is not kept).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27 05:30:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every line break a tag can hold is written as an escape in the stored JSON (a backslash),
# so only rows whose lists hold one need reading. (A copy of the rule of the time, as
# migrations keep: `records.clean_list` after splitting each value into its lines.)
_LISTS = {"people": ("tags", "interests"), "leads": ("tags",)}


def _one_line_each(values: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        for line in value.splitlines():
            line = line.strip()[:60]
            if line and line.casefold() not in seen:
                seen.add(line.casefold())
                kept.append(line)
    return kept


# JSON columns holding whole records, with lists of tags and interests somewhere inside.
_DOCUMENTS = {"person_sources": "matched", "merges": "snapshot"}


def _split_inside(value: object) -> object:
    """`value` with every list under a "tags" or "interests" key split into lines."""
    if isinstance(value, dict):
        return {
            key: (
                _one_line_each(item)
                if key in ("tags", "interests")
                and isinstance(item, list)
                and all(isinstance(v, str) for v in item)
                else _split_inside(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_split_inside(item) for item in value]
    return value


def upgrade() -> None:
    connection = op.get_bind()
    for table, column in _DOCUMENTS.items():
        rows = connection.execute(
            sa.text(
                f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL "
                f"AND CAST({column} AS TEXT) LIKE '%\\%' ESCAPE '!' ORDER BY id"
            )
        ).all()
        for row_id, stored in rows:
            document = json.loads(stored) if isinstance(stored, str) else stored
            split = _split_inside(document)
            if split != document:
                connection.execute(
                    sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                    {"id": row_id, "value": json.dumps(split)},
                )
    for table, columns in _LISTS.items():
        escaped = " OR ".join(f"CAST({c} AS TEXT) LIKE '%\\%' ESCAPE '!'" for c in columns)
        rows = connection.execute(
            sa.text(f"SELECT id, {', '.join(columns)} FROM {table} WHERE {escaped} ORDER BY id")
        ).all()
        for row in rows:
            values = {}
            for column, stored in zip(columns, row[1:], strict=True):
                listed = json.loads(stored) if isinstance(stored, str) else stored
                if isinstance(listed, list) and any(len(v.splitlines()) > 1 for v in listed):
                    values[column] = json.dumps(_one_line_each(listed))
            if values:
                assignments = ", ".join(f"{c} = :{c}" for c in values)
                connection.execute(
                    sa.text(f"UPDATE {table} SET {assignments} WHERE id = :id"),
                    {"id": row[0], **values},
                )


def downgrade() -> None:
    pass
