"""A playbook task's key names the records it is about (`rejection:opp:7:thank:person:12`,
see `playbooks/keys.py`), and a playbook finds the task it made by that key. When one of
those records is deleted, the keys naming it are cleared, so the task stays (as the user
left it, without the link) but no later record can be taken for it: SQLite gives the
largest id out again once its row is gone, and a new opportunity numbered 7 would otherwise
find the deleted one's tasks and never get its own.

Triggers do it, so every way of deleting counts: a service, a cascade (a person's referral
asks go with them), an undo, a statement typed by hand. PostgreSQL never gives an id out
twice; the same triggers run there, so both databases keep the same keys.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 17:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The table of each kind of record a key can name (`kind:id`).
KINDS = {
    "person": "people",
    "opp": "opportunities",
    "interaction": "interactions",
    "lead": "leads",
    "ask": "referral_asks",
    "use": "reference_uses",
}

# A key names a record as `:kind:id`, either at its end or followed by more of the key.
_SQLITE = """CREATE TRIGGER {table}_forget_in_keys AFTER DELETE ON {table} BEGIN
    UPDATE tasks SET origin_key = NULL
    WHERE workspace_id = old.workspace_id
      AND (origin_key LIKE '%:{kind}:' || old.id OR origin_key LIKE '%:{kind}:' || old.id || ':%');
END"""

_PG_FUNCTION = """CREATE FUNCTION goodword_forget_in_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tasks SET origin_key = NULL
    WHERE workspace_id = OLD.workspace_id
      AND (origin_key LIKE '%:' || TG_ARGV[0] || ':' || OLD.id
           OR origin_key LIKE '%:' || TG_ARGV[0] || ':' || OLD.id || ':%');
    RETURN NULL;
END $$"""

_PG = """CREATE TRIGGER {table}_forget_in_keys AFTER DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION goodword_forget_in_keys('{kind}')"""


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:
        op.execute(_PG_FUNCTION)
    for kind, table in KINDS.items():
        op.execute((_SQLITE if sqlite else _PG).format(table=table, kind=kind))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in KINDS.values():
        name = f"{table}_forget_in_keys"
        op.execute(f"DROP TRIGGER {name}" if sqlite else f"DROP TRIGGER {name} ON {table}")
    if not sqlite:
        op.execute("DROP FUNCTION goodword_forget_in_keys()")
