"""Settings, read from the environment (prefix GOODWORD_) or given directly."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


def default_database_url() -> str:
    """Return the SQLite URL in the user's data directory."""
    return f"sqlite:///{user_data_path('goodword', appauthor=False) / 'goodword.sqlite3'}"


class Settings(BaseSettings):
    """Everything Goodword can be told; docs/configuration.md lists each one."""

    model_config = SettingsConfigDict(env_prefix="GOODWORD_", extra="ignore", frozen=True)

    database_url: str = Field(default_factory=default_database_url)
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=1, le=65535)
    # More names the app may be reached by, comma-separated ("*": any); see trusted_hosts().
    allowed_hosts: str = ""
    page_size: int = Field(default=50, ge=5, le=500)
    phone_region: str = Field(default="US", pattern=r"^[A-Za-z]{2}$")
    import_max_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)
    debug_sql: bool = False
    # Relationship strength (docs/strength.md explains each); the defaults suit most people.
    strength_recency_half_life_days: float = Field(default=180.0, gt=0)
    strength_frequency_scale: float = Field(default=3.0, gt=0)
    strength_contact_weight: float = Field(default=0.70, ge=0, le=1)
    strength_reciprocity_weight: float = Field(default=0.25, ge=0, le=1)
    strength_closeness_weight: float = Field(default=0.8, ge=0, le=1)
    strength_current_colleague_weight: float = Field(default=0.35, ge=0, le=1)
    strength_former_colleague_weight: float = Field(default=0.25, ge=0, le=1)

    def trusted_hosts(self) -> list[str]:
        """The host names a request may be addressed to. Other names are refused, so a web
        page cannot reach this app by pointing a name of its own at this machine (DNS
        rebinding). Always this machine's own names, the address served on, and
        `allowed_hosts`; any name when serving on every address (0.0.0.0 or ::) without
        `allowed_hosts`, as the app is then meant to be reached from elsewhere."""
        extra = [name.strip() for name in self.allowed_hosts.split(",") if name.strip()]
        if "*" in extra or (self.host in WILDCARD_ADDRESSES and not extra):
            return ["*"]
        own = ["127.0.0.1", "localhost", "::1", "[::1]"]
        served = [] if self.host in WILDCARD_ADDRESSES else [self.host]
        return list(dict.fromkeys([*own, *served, *extra]))

    def sqlite_path(self) -> Path | None:
        """Return the database file when the URL names a SQLite file, else None."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix) :])
        return None
