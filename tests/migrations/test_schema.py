"""The one Alembic history builds the whole schema on both backends, matching the models."""

from __future__ import annotations

import warnings

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from goodword import migrate
from goodword.db import make_engine


def test_it_upgrades_an_empty_database_to_head(empty_engine: Engine) -> None:
    assert migrate.current_revision(empty_engine) is None
    migrate.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"people", "organizations", "positions", "opportunities", "stage_changes"} <= tables
    assert {"interactions", "interaction_participants", "connections", "tasks"} <= tables


def test_the_latest_revision_recorded_is_the_newest_migration() -> None:
    """Commands compare the database's version with LATEST_REVISION, not with what Alembic
    reads from every migration, so a new migration changes it too."""
    engine = make_engine("sqlite://")
    head = migrate.head_revision(engine)
    engine.dispose()

    assert head == migrate.LATEST_REVISION, (
        f"The newest migration is {head}: set LATEST_REVISION in src/goodword/migrate.py "
        f'to "{head}" (it says "{migrate.LATEST_REVISION}").'
    )


def test_the_version_a_database_holds_is_read_without_alembic(empty_engine: Engine) -> None:
    before = migrate.stored_revision(empty_engine)  # (no alembic_version table yet)
    migrate.upgrade(empty_engine, "0030")
    behind = migrate.stored_revision(empty_engine)
    migrate.upgrade(empty_engine)

    assert before is None
    assert behind == "0030"
    assert migrate.stored_revision(empty_engine) == migrate.current_revision(empty_engine)


def test_models_and_migrations_agree(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with warnings.catch_warnings():
        # SQLite cannot reflect PostgreSQL's expression index; it is excluded on purpose.
        warnings.filterwarnings("ignore", message=".*expression-based index.*")
        assert migrate.differences(empty_engine) == []


def test_it_downgrades_to_empty_and_back(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    migrate.upgrade(empty_engine, "head")  # a second upgrade is a no-op
    from alembic import command

    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "people" not in inspect(empty_engine).get_table_names()
    migrate.upgrade(empty_engine)
    assert "people" in inspect(empty_engine).get_table_names()


def test_the_search_index_exists_on_each_backend(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        if empty_engine.dialect.name == "sqlite":
            found = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            ).scalar()
            assert found == "search_fts"
        else:
            found = connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_search_documents_tsv'")
            ).scalar()
            assert found == "ix_search_documents_tsv"
