"""Keep the contact a reminder logged: a keep-in-touch reminder marked done remembers the
message it logged (`tasks.logged_interaction_id`) apart from the interaction the task is
linked to, so an interaction the user linked by hand stays linked, and reopening the
reminder takes back only the message that marking it done wrote. Reminders already done
whose linked interaction is that message, in the words it was written in, remember it.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-28 06:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# On SQLite the column is added in place, its foreign key written with it: a copy of the
# table (Alembic's batch mode) would lose the triggers kept on it.
_SQLITE_ADD = (
    "ALTER TABLE tasks ADD COLUMN logged_interaction_id INTEGER "
    "CONSTRAINT fk_tasks_logged_interaction_id_interactions REFERENCES interactions (id) "
    "ON DELETE SET NULL"
)

# The words `tasks.service` logs the contact in, around the task's title.
_REMEMBER = sa.text(
    "UPDATE tasks SET logged_interaction_id = interaction_id "
    "WHERE status = 'done' AND origin_key LIKE 'keep-in-touch:person:%' "
    "AND interaction_id IN (SELECT id FROM interactions WHERE kind = 'message' "
    "AND summary LIKE :words)"
).bindparams(words="Got back in touch (the task “%” marked done).")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_ADD)
    else:
        op.add_column("tasks", sa.Column("logged_interaction_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_tasks_logged_interaction_id_interactions",
            "tasks",
            "interactions",
            ["logged_interaction_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_tasks_logged_interaction_id", "tasks", ["logged_interaction_id"])
    op.execute(_REMEMBER)


def downgrade() -> None:
    op.drop_index("ix_tasks_logged_interaction_id", table_name="tasks")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE tasks DROP COLUMN logged_interaction_id")
    else:
        op.drop_constraint(
            "fk_tasks_logged_interaction_id_interactions", "tasks", type_="foreignkey"
        )
        op.drop_column("tasks", "logged_interaction_id")
