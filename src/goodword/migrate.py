"""Run Alembic from code: `goodword db upgrade` and the tests use this, not alembic.ini.

Alembic is loaded only when it is called (about a tenth of a second, and reading every
migration more): a command whose database is at the latest version finds it so with one
query (`stored_revision` beside `LATEST_REVISION`) and never loads it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"

# The latest migration's revision, as the newest file in migrations/versions says it: change
# it with each new migration (tests/migrations/test_schema.py asks Alembic and says so otherwise).
LATEST_REVISION = "0038"

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d-%%(slug)s")
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (default: the latest)."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def stored_revision(engine: Engine) -> str | None:
    """The version the database says it is at, read with one plain query, without Alembic:
    None when it says none or more than one, or cannot be read (no alembic_version table,
    in a new database or one that is not Goodword's). Only the version Alembic reads
    (`current_revision`) says why."""
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return None
    return str(found[0][0]) if len(found) == 1 else None


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def differences(engine: Engine) -> list[object]:
    """Return how the migrated database differs from the models (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

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
    triggers. The rule is tested by what a delete does (tests/migrations/test_records.py)."""

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
