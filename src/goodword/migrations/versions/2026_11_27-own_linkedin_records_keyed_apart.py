"""Your own LinkedIn records keyed apart: Profile.csv, Positions.csv and Email Addresses.csv
were one source record ("profile"), so each import kept the fingerprint of whichever was
written last, and the next import could not tell what each had said: what you had taken
off came back. Positions.csv's and Email Addresses.csv's provenance rows take their own keys
("profile:positions", "profile:emails"), found by their file names, and the fingerprints of
all three are forgotten (any of them may be another file's): the next import applies each
file once more, as Goodword cannot tell what it said before, and compares each with its own
from then on.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FORGET = sa.text(
    "UPDATE person_sources SET fingerprint = NULL "
    "WHERE source = 'linkedin' AND external_key = 'profile'"
)
_OWN_ROWS = sa.text(
    "SELECT id, file_name FROM person_sources "
    "WHERE source = 'linkedin' AND external_key = 'profile'"
)
_REKEY = sa.text("UPDATE person_sources SET external_key = :key WHERE id = :id")
_BACK = sa.text(
    "UPDATE person_sources SET external_key = 'profile' "
    "WHERE source = 'linkedin' AND external_key IN ('profile:positions', 'profile:emails')"
)


def _key(file_name: str | None) -> str:
    """The record's key by its file's name (as LinkedIn names them: "Positions.csv",
    "Email Addresses.csv"; inside an archive, after its name)."""
    name = (file_name or "").replace("\\", "/").rsplit("/", 1)[-1].casefold()
    if "position" in name:
        return "profile:positions"
    if "email" in name or "e-mail" in name:
        return "profile:emails"
    return "profile"


def upgrade() -> None:
    connection = op.get_bind()
    connection.execute(_FORGET)
    rekeyed = [
        {"id": row_id, "key": key}
        for row_id, file_name in connection.execute(_OWN_ROWS)
        if (key := _key(file_name)) != "profile"
    ]
    if rekeyed:
        connection.execute(_REKEY, rekeyed)


def downgrade() -> None:
    op.get_bind().execute(_BACK)
