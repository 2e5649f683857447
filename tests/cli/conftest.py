"""CLI fixtures: a fresh migrated SQLite file per test, and a data folder that is not yours."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from goodword import migrate, server
from goodword.cli import app, common
from goodword.db import make_engine
from goodword.server import Server


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user data folder and environment."""
    folder = tmp_path / "data"
    monkeypatch.setattr(common, "data_dir", lambda: folder)
    for name in ("GOODWORD_DATABASE_URL", "GOODWORD_HOST", "GOODWORD_PORT"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture(autouse=True)
def _private_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, so `goodword serve`'s sweep of upload folders
    left behind never touches the machine's."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def migrated(url: str) -> str:
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def cli_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated SQLite database the CLI uses through GOODWORD_DATABASE_URL."""
    url = migrated(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("GOODWORD_DATABASE_URL", url)
    return url


@pytest.fixture
def second_database(cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Another migrated SQLite database; the CLI uses it from now on instead of `cli_url`."""
    url = migrated(f"sqlite:///{tmp_path / 'second.sqlite3'}")
    monkeypatch.setenv("GOODWORD_DATABASE_URL", url)
    return url


Run = Callable[..., Result]


@pytest.fixture
def run() -> Iterator[Run]:
    """Invoke `goodword ARGS...` in process; returns the result (exit code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    yield invoke


class _Bound:
    """A stand-in for the listening socket (`server.listen`), so no port is taken."""

    def __init__(self, host: str, port: int) -> None:
        self.address = (host, port)

    def getsockname(self) -> tuple[str, int]:
        return self.address

    def close(self) -> None:
        pass


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what `goodword serve` would run instead of running it."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(server, "listen", _Bound)

    def fake_run(server: Server, sockets: Any = None) -> None:
        config = server.config
        calls.append(
            {"app": config.app, "host": config.host, "port": config.port, "log": config.access_log}
        )

    monkeypatch.setattr(Server, "run", fake_run)
    return calls
