"""One address per LinkedIn profile: imports before this kept a profile's id as the file
wrote it, percent-encoded in LinkedIn's own CSV ("jos%c3%a9-m%c3%bcller") and plain in a
browser's or a phone's link ("josé-müller"), so the same profile read as two. Goodword now
keeps the id decoded (`people.normalize.linkedin_profile`); this rewrites the links and the
provenance keys saved the old way, and drops a person's second copy of a link that was the
same profile twice. People who became two this way meet again as possible duplicates at the
next scan (they now share a LinkedIn profile).

The downgrade changes nothing: a decoded link is one the old code reads too.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 23:40:00
"""

import unicodedata
from collections.abc import Sequence
from urllib.parse import unquote

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PREFIX = "https://www.linkedin.com/in/"


def _decoded(url: str) -> str:
    """The link with its id decoded as `linkedin_profile` keeps it (as that was written on
    the day of this migration: later changes to it must not change what this does)."""
    profile_id = unicodedata.normalize("NFC", unquote(url[len(_PREFIX) :])).lower()
    return _PREFIX + profile_id.strip("/").split("/")[0]


def upgrade() -> None:
    bind = op.get_bind()
    encoded = f"{_PREFIX}%\\%%"
    urls = bind.execute(
        sa.text(
            "SELECT id, person_id, url FROM person_urls "
            "WHERE url LIKE :encoded ESCAPE '\\' ORDER BY person_id, position, id"
        ),
        {"encoded": encoded},
    ).all()
    held = {
        (person_id, url)
        for person_id, url in bind.execute(
            sa.text(
                "SELECT person_id, url FROM person_urls WHERE url NOT LIKE :encoded ESCAPE '\\'"
            ),
            {"encoded": encoded},
        )
    }
    for row_id, person_id, url in urls:
        decoded = _decoded(url)
        if (person_id, decoded) in held:
            bind.execute(sa.text("DELETE FROM person_urls WHERE id = :id"), {"id": row_id})
        else:
            held.add((person_id, decoded))
            bind.execute(
                sa.text("UPDATE person_urls SET url = :url WHERE id = :id"),
                {"url": decoded, "id": row_id},
            )
    keys = bind.execute(
        sa.text(
            "SELECT id, external_key FROM person_sources "
            "WHERE source = 'linkedin' AND external_key LIKE :encoded ESCAPE '\\'"
        ),
        {"encoded": encoded},
    ).all()
    for row_id, key in keys:
        bind.execute(
            sa.text("UPDATE person_sources SET external_key = :key WHERE id = :id"),
            {"key": _decoded(key), "id": row_id},
        )


def downgrade() -> None:
    pass
