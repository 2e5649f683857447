"""Keep a graph version per workspace: a value the database itself changes whenever a row
the network is built from (people, organizations, positions, connections, interactions and
their participants) is added, changed or removed, so telling whether a warm-paths snapshot
is still current reads one row instead of counting millions of connections.

Triggers change it, so every way of writing counts (the ORM, bulk imports through the
driver, a statement typed by hand). A new version is never one seen before, not even one a
rolled-back transaction saw, so a snapshot cached under it can never be mistaken for a
later state.

- SQLite (one writer at a time): a row trigger sets the workspace's version to a new
  random 64-bit number.
- PostgreSQL (many writers): a statement trigger takes a new number from a sequence and
  keeps it in a setting local to the transaction, which is the version that transaction
  sees; the first time a transaction changes a workspace it also queues a row in
  `graph_pending`, whose deferred trigger writes the transaction's last number into
  `workspaces` as the transaction commits. The workspace's row is thus locked only while
  committing, never while the transaction runs: two writers in one workspace hold each
  other up at most while one of them commits, and cannot deadlock over it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 04:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables `network.loader` builds a snapshot from.
TABLES = (
    "people",
    "organizations",
    "positions",
    "connections",
    "interactions",
    "interaction_participants",
)
# (trigger suffix, event, the row the workspace is read from)
EVENTS = (("ai", "INSERT", "new"), ("au", "UPDATE", "new"), ("ad", "DELETE", "old"))

PG_SETUP = [
    "CREATE SEQUENCE graph_version_seq",
    """CREATE TABLE graph_pending (
        id bigserial PRIMARY KEY,
        workspace_id integer NOT NULL
    )""",
    # After each statement: a new version for every workspace it changed, kept for the
    # rest of the transaction in the setting goodword.graph_<workspace id>.
    """CREATE FUNCTION goodword_graph_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        ws integer;
    BEGIN
        FOR ws IN SELECT DISTINCT workspace_id FROM changed LOOP
            IF coalesce(current_setting('goodword.graph_' || ws, true), '') = '' THEN
                INSERT INTO graph_pending (workspace_id) VALUES (ws);
            END IF;
            PERFORM set_config(
                'goodword.graph_' || ws, nextval('graph_version_seq')::text, true
            );
        END LOOP;
        RETURN NULL;
    END
    $$""",
    # At commit: the transaction's last version becomes the workspace's.
    """CREATE FUNCTION goodword_graph_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE workspaces
        SET graph_version = current_setting('goodword.graph_' || NEW.workspace_id)::bigint
        WHERE id = NEW.workspace_id;
        DELETE FROM graph_pending WHERE id = NEW.id;
        RETURN NULL;
    END
    $$""",
    """CREATE CONSTRAINT TRIGGER graph_pending_commit AFTER INSERT ON graph_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION goodword_graph_commit()""",
]


def upgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("graph_version", sa.BigInteger(), server_default="0", nullable=False)
        )
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:
        for statement in PG_SETUP:
            op.execute(statement)
    for table in TABLES:
        for suffix, event, row in EVENTS:
            name = f"{table}_graph_{suffix}"
            if sqlite:
                op.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                    "UPDATE workspaces SET graph_version = random() "
                    f"WHERE id = {row}.workspace_id; END"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                    f"REFERENCING {row.upper()} TABLE AS changed FOR EACH STATEMENT "
                    "EXECUTE FUNCTION goodword_graph_changed()"
                )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        for suffix, _event, _row in EVENTS:
            name = f"{table}_graph_{suffix}"
            op.execute(f"DROP TRIGGER {name}" if sqlite else f"DROP TRIGGER {name} ON {table}")
    if not sqlite:
        op.execute("DROP TABLE graph_pending")
        op.execute("DROP FUNCTION goodword_graph_commit()")
        op.execute("DROP FUNCTION goodword_graph_changed()")
        op.execute("DROP SEQUENCE graph_version_seq")
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("graph_version")
