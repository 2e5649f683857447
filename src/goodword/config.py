"""Settings, read from the environment (prefix GOODWORD_) or given directly."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


def host_name(entry: str) -> str:
    """A name as a request's Host header gives it: lower case, no port, IPv6 in brackets."""
    name = entry.strip().lower()
    if name.startswith("["):
        return name[: name.index("]") + 1] if "]" in name else name
    if name.count(":") >= 2:  # an IPv6 address
        return f"[{name}]"
    return name.split(":", 1)[0]


def this_machine() -> list[str]:
    """This machine's name and the addresses other machines reach it at, as far as it can
    tell without sending anything (a UDP socket that is connected but never used)."""
    names: list[str] = []
    try:
        host = socket.gethostname()
        names += [host.lower(), f"{host.lower()}.local"]
        names += [host_name(str(info[4][0])) for info in socket.getaddrinfo(host, None)]
    except OSError:
        pass
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                names.append(host_name(str(udp.getsockname()[0])))
        except OSError:
            continue
    return list(dict.fromkeys(names))


def default_database_url() -> str:
    """Return the SQLite URL in the user's data directory."""
    return f"sqlite:///{user_data_path('goodword', appauthor=False) / 'goodword.sqlite3'}"


class Settings(BaseSettings):
    """Everything Goodword can be told; docs/configuration.md lists each one."""

    model_config = SettingsConfigDict(env_prefix="GOODWORD_", extra="ignore", frozen=True)

    # Each description is what a message asks for when the setting is refused: "give ...".
    database_url: str = Field(
        default_factory=default_database_url,
        description="the database to use, such as sqlite:///path/goodword.sqlite3",
    )
    host: str = Field(default="127.0.0.1", description="the address `goodword serve` listens on")
    port: int = Field(
        default=8765, ge=1, le=65535, description="the port `goodword serve` listens on"
    )
    # More names the app may be reached by, comma-separated ("*": any); see trusted_hosts().
    allowed_hosts: str = Field(
        default="", description="more host names the app answers to, comma-separated"
    )
    page_size: int = Field(
        default=50, ge=5, le=500, description="how many rows a page of a list shows"
    )
    phone_region: str = Field(
        default="US",
        pattern=r"^[A-Za-z]{2}$",
        description="the country assumed for phone numbers written without one, such as US or GB",
    )
    import_max_bytes: int = Field(
        default=100 * 1024 * 1024,  # (reading.MAX_BYTES)
        ge=1024,
        description="the largest file an import accepts, in bytes",
    )
    debug_sql: bool = Field(default=False, description="whether to log every SQL statement")
    # Relationship strength (docs/strength.md explains each); the defaults suit most people.
    strength_recency_half_life_days: float = Field(
        default=180.0,
        gt=0,
        description="the days after which the pull of your last contact with someone halves",
    )
    strength_frequency_scale: float = Field(
        default=3.0,
        gt=0,
        description="how many contacts make frequency count for about two thirds of its weight",
    )
    strength_contact_weight: float = Field(
        default=0.70,
        ge=0,
        le=1,
        description="how much logged contact adds to a tie's strength",
    )
    strength_reciprocity_weight: float = Field(
        default=0.25, ge=0, le=1, description="how much contact going both ways adds"
    )
    strength_closeness_weight: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="the share of your own closeness rating in a tie's strength",
    )
    strength_current_colleague_weight: float = Field(
        default=0.35,
        ge=0,
        le=1,
        description="what working at the same organization now adds",
    )
    strength_former_colleague_weight: float = Field(
        default=0.25,
        ge=0,
        le=1,
        description="what having worked together before adds",
    )

    @field_validator("allowed_hosts")
    @classmethod
    def _names(cls, value: str) -> str:
        for entry in value.split(","):
            name = entry.strip()
            if "*" in name and name != "*" and not (name.startswith("*.") and "*" not in name[1:]):
                raise ValueError(
                    f"'{name}': give host names (goodword.example.org), a whole domain as "
                    "*.example.org, or * alone for any name."
                )
        return value

    def trusted_hosts(self) -> list[str]:
        """The host names a request may be addressed to. Other names are refused, so a web
        page cannot reach this app by pointing a name of its own at this machine (DNS
        rebinding). Always this machine's loopback names, the address served on and
        `allowed_hosts` ("*" alone: any name). Served on every address (0.0.0.0 or ::),
        also this machine's own name and network addresses, so a phone on the same network
        can reach it by address."""
        extra = [host_name(name) for name in self.allowed_hosts.split(",") if name.strip()]
        if "*" in extra:
            return ["*"]
        own = ["127.0.0.1", "localhost", "[::1]"]
        wildcard = self.host in WILDCARD_ADDRESSES
        served = this_machine() if wildcard else [host_name(self.host)]
        return list(dict.fromkeys([*own, *served, *extra]))

    def sqlite_path(self) -> Path | None:
        """Return the database file when the URL names a SQLite file, else None."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix) :])
        return None


# What a setting's value must be, where its type and bounds do not say it.
_KINDS = {"phone_region": "a two-letter country code"}


def refusals(exc: ValidationError) -> list[tuple[str, str]]:
    """Each setting the environment gave wrongly, by its variable (GOODWORD_PORT), and what
    was wrong with it and what to give, in our words rather than pydantic's:
    "'eighty' is not a whole number from 1 to 65535; give the port `goodword serve` listens
    on (default 8765)."."""
    said = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        info = Settings.model_fields.get(name)
        variable = f"GOODWORD_{name.upper()}"
        if info is None or error["type"] == "value_error":  # (a validator's words: ours)
            said.append((variable, str(error.get("ctx", {}).get("error", error["msg"]))))
            continue
        value = str(error["input"])
        value = value if len(value) <= 40 else value[:37] + "..."
        default = "" if info.default_factory else f" (default {_written(info.default)})"
        said.append(
            (variable, f"{value!r} is not {_kind(name)}; give {info.description}{default}.")
        )
    return said


def _kind(name: str) -> str:
    """What a setting takes, from its type and bounds: "a whole number from 1 to 65535"."""
    if name in _KINDS:
        return _KINDS[name]
    info = Settings.model_fields[name]
    if info.annotation is bool:
        return "true or false (1 or 0, yes or no, on or off)"
    low, above, high = (
        next((_written(getattr(m, bound)) for m in info.metadata if hasattr(m, bound)), None)
        for bound in ("ge", "gt", "le")
    )
    kind = "a whole number" if info.annotation is int else "a number"
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}"
    if low is not None:
        return f"{kind} of {low} or more"
    if above is not None:
        return f"{kind} above {above}"
    return "text" if info.annotation is str else kind


def _written(value: Any) -> str:
    """A default or bound as it is set: false, 0.7, 180, 8765."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
