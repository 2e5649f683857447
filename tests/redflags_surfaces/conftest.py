"""Fixtures for the red-flag surfaces: a fixed day, sample texts, the CLI in process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from goodword import clock
from goodword.cli import app, common
from redflags_surfaces.samples import TODAY, Run


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Every surface reads the day from goodword.clock; pin it so law statuses are stable."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `goodword ARGS...` in process, away from the user's data folder and settings."""
    monkeypatch.setattr(common, "data_dir", lambda: tmp_path / "data")
    for name in ("GOODWORD_DATABASE_URL", "GOODWORD_HOST", "GOODWORD_PORT"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke
