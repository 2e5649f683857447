"""Run Alembic from code: `goodword db upgrade` and the tests use this, not alembic.ini."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"

# Kept out of comparisons on purpose: SQLite's FTS5 tables and PostgreSQL's graph_pending
# (kept by triggers, never by the models; see migration 0004), and the PostgreSQL
# expression index, which the databases reflect in their own spelling.
_UNMANAGED_TABLE_PREFIXES = ("search_fts", "graph_pending")
_UNMANAGED_INDEXES = {"ix_search_documents_tsv"}


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    if type_ == "table" and name and name.startswith(_UNMANAGED_TABLE_PREFIXES):
        return False
    return not (type_ == "index" and name in _UNMANAGED_INDEXES)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d-%%(slug)s")
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (default: the latest)."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def differences(engine: Engine) -> list[object]:
    """Return how the migrated database differs from the models (empty when they agree)."""
    import goodword.models

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        found = list(compare_metadata(context, goodword.models.Base.metadata))
        if engine.dialect.name == "sqlite":
            found = _without_unnamed_twins(found)
            found += _autoincrement_differences(connection, goodword.models.Base.metadata)
    return found


def _autoincrement_differences(connection: Connection, metadata: MetaData) -> list[object]:
    """("autoincrement", table, what the model says) for each SQLite table whose
    AUTOINCREMENT (ids never given twice: migration 0033) is not as its model says, which
    Alembic does not compare. A later migration that rebuilds a table on SQLite (batch
    mode) must keep it: `table_kwargs={"sqlite_autoincrement": True}`."""
    rows = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    created = {name: sql for name, sql in rows}
    return [
        ("autoincrement", table.name, wanted)
        for table in metadata.sorted_tables
        if table.name in created
        and (wanted := bool(table.dialect_options["sqlite"]["autoincrement"]))
        != ("AUTOINCREMENT" in created[table.name].upper())
    ]


def _without_unnamed_twins(found: list[object]) -> list[object]:
    """Leave out a foreign key SQLite reflects without its name beside the model's named
    one, when they join the same columns: SQLite keeps no name (nor, as SQLAlchemy reads
    it, the ON DELETE rule) for a foreign key added with its column (`ALTER TABLE ... ADD
    COLUMN`, migration 0019), and rebuilding a table to name it would lose the table's
    triggers. The rule is tested by what a delete does (tests/test_migrations.py)."""

    def shape(fk: Any) -> tuple[object, ...]:
        return (
            fk.parent.name,
            tuple(c.name for c in fk.columns),
            fk.referred_table.name,
            tuple(e.column.name for e in fk.elements),
        )

    def changed_fk(item: object, operation: str) -> Any:
        """The foreign key a difference adds or removes (None for other differences)."""
        if isinstance(item, tuple) and len(item) == 2 and item[0] == operation:
            return item[1]
        return None

    removed = [fk for item in found if (fk := changed_fk(item, "remove_fk")) is not None]
    added = [fk for item in found if (fk := changed_fk(item, "add_fk")) is not None]
    twins = {shape(fk) for fk in removed if not fk.name} & {shape(fk) for fk in added if fk.name}
    return [
        item
        for item in found
        if not any(
            (fk := changed_fk(item, operation)) is not None and shape(fk) in twins
            for operation in ("remove_fk", "add_fk")
        )
    ]
