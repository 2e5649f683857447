"""How the benchmark generator (`generate.py`) writes rows fast: Core inserts and COPY,
secondary indexes dropped while a big table loads and rebuilt after, PostgreSQL's sequences
moved past explicit ids, and SQLite's crash safety traded for speed while it runs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.engine import Connection, Engine


def next_id(connection: Connection, table: Table) -> int:
    return (connection.scalar(select(func.max(table.c.id))) or 0) + 1


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(table), rows)


def fix_sequences(connection: Connection, tables: list[Table]) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the largest id."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
            )
        )


def tune(engine: Engine, connection: Connection) -> None:
    """Loading is a one-off: trade SQLite's crash safety for speed while it runs."""
    if engine.dialect.name == "sqlite":
        # On the driver's own connection, before SQLAlchemy begins a transaction: SQLite
        # refuses to change its safety level inside one.
        driver = connection.connection.driver_connection
        assert driver is not None
        for pragma in ("synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY"):
            driver.execute(f"PRAGMA {pragma}")


def as_stored(column: Any, value: Any, dialect: Any) -> Any:
    """The value as SQLAlchemy would hand it to the driver for this column."""
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor(value) if processor else value


def drop_indexes(connection: Connection, table: str) -> list[str]:
    """Drop the table's secondary indexes (not the key); return the statements that rebuild them."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            text(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
            ),
            {"t": table},
        ).all()
    else:
        rows = connection.execute(
            text(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relname = :t AND t.relnamespace = 'public'::regnamespace "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            ),
            {"t": table},
        ).all()
    for name, _ in rows:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    connection.commit()
    return [statement for _, statement in rows]


def write_rows(
    connection: Connection, table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    names_sql = ", ".join(columns)
    if connection.dialect.name == "postgresql":
        driver = connection.connection.driver_connection
        assert driver is not None
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names_sql}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(f"INSERT INTO {table} ({names_sql}) VALUES ({marks})", rows)
