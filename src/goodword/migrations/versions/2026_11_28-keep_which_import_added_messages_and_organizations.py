"""Keep which import added each message or invitation and made each organization
(`interactions.import_run_id`, `organizations.import_run_id`), so undoing that import takes
them back too (`importers/undoing.py`). A change by hand forgets it; forgetting the import's
report does too (the key is set to null). Those kept before are known by no import, and stay.

Revision ID: 0032
Revises: 0031
Create Date: 2026-11-28 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("interactions", "organizations")


def upgrade() -> None:
    for table in _TABLES:
        if op.get_bind().dialect.name == "sqlite":
            # Added in place, its foreign key written with it: a copy of the table (Alembic's
            # batch mode) would lose the triggers kept on it.
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN import_run_id INTEGER "
                f"CONSTRAINT fk_{table}_import_run_id_import_runs REFERENCES import_runs (id) "
                "ON DELETE SET NULL"
            )
        else:
            op.add_column(table, sa.Column("import_run_id", sa.Integer(), nullable=True))
            op.create_foreign_key(
                f"fk_{table}_import_run_id_import_runs",
                table,
                "import_runs",
                ["import_run_id"],
                ["id"],
                ondelete="SET NULL",
            )
        op.create_index(f"ix_{table}_import_run_id", table, ["import_run_id"])


def downgrade() -> None:
    for table in _TABLES:
        op.drop_index(f"ix_{table}_import_run_id", table_name=table)
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN import_run_id")
        else:
            op.drop_constraint(f"fk_{table}_import_run_id_import_runs", table, type_="foreignkey")
            op.drop_column(table, "import_run_id")
