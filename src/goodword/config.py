"""Settings, read from the environment (prefix GOODWORD_) or given directly."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """Return the SQLite URL in the user's data directory."""
    return f"sqlite:///{user_data_path('goodword', appauthor=False) / 'goodword.sqlite3'}"


class Settings(BaseSettings):
    """Everything Goodword can be told; docs/configuration.md lists each one."""

    model_config = SettingsConfigDict(env_prefix="GOODWORD_", extra="ignore", frozen=True)

    database_url: str = Field(default_factory=default_database_url)
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=1, le=65535)
    page_size: int = Field(default=50, ge=5, le=500)
    phone_region: str = Field(default="US", pattern=r"^[A-Za-z]{2}$")
    debug_sql: bool = False

    def sqlite_path(self) -> Path | None:
        """Return the database file when the URL names a SQLite file, else None."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix) :])
        return None
