"""LinkedIn recommendations keyed by kind: a recommendation was known by the name of the
person alone ("name:hedy lamarr"), so one given and one received were one source record,
each import keeping the other's fingerprint. Each is now a record of its own, known by
whether it was given or received, its date and its text. A row kept before takes the name
and kind its file says ("name:hedy lamarr|recommendation given"), by which the next import
finds it and gives it the record's whole key; its fingerprint is forgotten (it may be the
other file's).

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEPT = sa.text(
    "SELECT id, external_key, file_name FROM person_sources WHERE source = 'linkedin' "
    "AND external_key LIKE 'name:%' AND external_key NOT LIKE '%|%' "
    "AND lower(file_name) LIKE '%recommendation%'"
)
_REKEY = sa.text("UPDATE person_sources SET external_key = :key, fingerprint = NULL WHERE id = :id")


def _kind(file_name: str) -> str | None:
    """Given or received, as LinkedIn names the files ("Recommendations_Given.csv")."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
    return "received" if "received" in name else "given" if "given" in name else None


def upgrade() -> None:
    connection = op.get_bind()
    rekeyed = [
        {"id": row_id, "key": f"{key}|recommendation {kind}"}
        for row_id, key, file_name in connection.execute(_KEPT)
        if (kind := _kind(file_name)) is not None and len(key) < 270
    ]
    if rekeyed:
        connection.execute(_REKEY, rekeyed)


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, external_key FROM person_sources WHERE source = 'linkedin' "
            "AND external_key LIKE 'name:%|recommendation %'"
        )
    )
    back = [{"id": row_id, "key": key.rsplit("|recommendation ", 1)[0]} for row_id, key in rows]
    if back:
        connection.execute(_REKEY, back)
