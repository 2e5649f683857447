"""Never give an id twice on SQLite: every table is rebuilt with AUTOINCREMENT, so the id of
a row deleted (a person merged away, a task deleted) is not given to the next new row, and
a link to it (/people/318, a merge's "number 318", a bookmark) never opens someone else.
PostgreSQL's sequences never gave an id twice; there this does nothing.

Each table is rebuilt as SQLite's own recipe says (lang_altertable.html, "Making Other
Kinds Of Table Schema Changes"): foreign keys off, a copy made from the table's own CREATE
TABLE with only `PRIMARY KEY (id AUTOINCREMENT)` changed, every row copied under its id, the
old table dropped and the copy renamed, its indexes made again, and the foreign keys
checked before they are on again. Not Alembic's batch mode: it writes the table anew from
what SQLAlchemy reflects, which loses the ON DELETE of a foreign key added with its column
(0019's, 0024's). Every trigger is dropped first and made again after, from its own text
(a trigger naming a table being rebuilt stops the rename otherwise).

AUTOINCREMENT gives the next id above the largest ever noted in `sqlite_sequence`; the copy
notes each table's largest id. A row deleted before this ran, above every id left, is known
only where it is named: the people merged away (`merges.absorbed_id`) and the rows their
merges removed. The count starts above those too, so undoing a merge made before gives the
person their own number back. (Someone deleted before leaves no id behind: the newest of
them may have their id given out once more.)

Revision ID: 0033
Revises: 0032
Create Date: 2026-11-28 16:00:00
"""

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table with an id of its own (all of them, as of 0032).
_TABLES = (
    "workspaces",
    "deleted_sources",
    "import_runs",
    "message_templates",
    "organizations",
    "people",
    "search_documents",
    "connections",
    "duplicate_candidates",
    "leads",
    "merges",
    "opportunities",
    "person_emails",
    "person_phones",
    "person_sources",
    "person_urls",
    "positions",
    "references",
    "interactions",
    "lead_shares",
    "reference_uses",
    "referral_asks",
    "stage_changes",
    "interaction_participants",
    "tasks",
)

_PLAIN = "PRIMARY KEY (id)"
_AUTOINCREMENT = "PRIMARY KEY (id AUTOINCREMENT)"
_NEW = "_goodword_new_"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _with_foreign_keys_off(lambda connection: _rebuild(connection, _PLAIN, _AUTOINCREMENT))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _with_foreign_keys_off(lambda connection: _rebuild(connection, _AUTOINCREMENT, _PLAIN))


def _rebuild(connection: sa.Connection, old: str, new: str) -> None:
    triggers = _all(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    for name, _ in triggers:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for table in _TABLES:
        _rebuild_table(connection, table, old, new)
    if new == _AUTOINCREMENT:
        _start_above_deleted(connection)
    else:
        connection.exec_driver_sql("DELETE FROM sqlite_sequence")
    for _, sql in triggers:
        connection.exec_driver_sql(sql)


def _rebuild_table(connection: sa.Connection, table: str, old: str, new: str) -> None:
    created = _all(
        connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table
    )
    sql = created[0][0]
    if new in sql:  # (rebuilt already: a run stopped after its work was committed)
        return
    if sql.count(old) != 1:
        raise RuntimeError(f"0033 cannot read the primary key of {table}: {sql}")
    indexes = _all(
        connection,
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        table,
    )
    head = re.match(r'CREATE TABLE\s+("?)' + re.escape(table) + r"\1\s*\(", sql)
    if head is None:
        raise RuntimeError(f"0033 cannot read the name of {table}: {sql}")
    copy = f'CREATE TABLE "{_NEW}{table}" (' + sql[head.end() :].replace(old, new)
    connection.exec_driver_sql(copy)
    connection.exec_driver_sql(f'INSERT INTO "{_NEW}{table}" SELECT * FROM "{table}"')
    connection.exec_driver_sql(f'DROP TABLE "{table}"')
    connection.exec_driver_sql(f'ALTER TABLE "{_NEW}{table}" RENAME TO "{table}"')
    for (index,) in indexes:
        connection.exec_driver_sql(index)


def _start_above_deleted(connection: sa.Connection) -> None:
    """Start each table's count above the ids of rows deleted that are still named."""
    highest: dict[str, int] = {}

    def note(table: str, row_id: Any) -> None:
        if isinstance(row_id, int) and row_id > highest.get(table, 0):
            highest[table] = row_id

    for absorbed_id, snapshot in _all(connection, "SELECT absorbed_id, snapshot FROM merges"):
        note("people", absorbed_id)
        kept = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
        for table, rows in (kept or {}).get("deleted", {}).items():
            for row in rows:
                note(table, row.get("id") if isinstance(row, dict) else None)
    for table, row_id in highest.items():
        if table not in _TABLES:
            continue
        noted = _all(connection, "SELECT seq FROM sqlite_sequence WHERE name = ?", table)
        if not noted:
            connection.exec_driver_sql(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, row_id)
            )
        elif noted[0][0] < row_id:
            connection.exec_driver_sql(
                "UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (row_id, table)
            )


# SQLite's page cache while every table is written again (a negative size is in KiB): with
# the 32 MB the app sets, a rebuild of the whole database reads pages back from the OS and
# spills them over and over; 256 MB takes a quarter less CPU (100,000 people, 269 MB: 8.9 s
# against 11.9, at most 337 MB of memory against 126; benchmarks/bench_migrate.py). Set
# back afterwards.
_REBUILD_CACHE = -262_144


def _with_foreign_keys_off(work: Callable[[sa.Connection], None]) -> None:
    """Do `work` with SQLite's foreign keys off (dropping a table with them on deletes what
    points at it), then check that it left no foreign key pointing at nothing. The setting
    holds only outside a transaction: what the upgrade did so far is committed first, and
    this work is committed with its check."""
    connection = op.get_bind()
    raw = connection.connection.driver_connection
    assert raw is not None
    was_on = raw.execute("PRAGMA foreign_keys").fetchone()[0]
    cache = raw.execute("PRAGMA cache_size").fetchone()[0]
    began = raw.in_transaction
    if began:
        raw.execute("COMMIT")
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(f"PRAGMA cache_size = {_REBUILD_CACHE}")
    raw.execute("BEGIN IMMEDIATE")
    try:
        # (A row pointing at nothing already, left by a tool that had foreign keys off, is
        # copied as it is: only what the rebuild itself would break stops it.)
        before = {tuple(row) for row in raw.execute("PRAGMA foreign_key_check").fetchall()}
        work(connection)
        after = {tuple(row) for row in raw.execute("PRAGMA foreign_key_check").fetchall()}
        if broken := sorted(after - before, key=str):
            raise RuntimeError(f"0033 left foreign keys pointing at nothing: {broken[:5]}")
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    finally:
        raw.execute(f"PRAGMA foreign_keys = {'ON' if was_on else 'OFF'}")
        raw.execute(f"PRAGMA cache_size = {int(cache)}")
        if began:
            raw.execute("BEGIN")


def _all(connection: sa.Connection, sql: str, *parameters: Any) -> list[Any]:
    return list(connection.exec_driver_sql(sql, parameters).fetchall())
