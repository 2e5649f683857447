"""Fixtures for the warm-path surfaces: a fixed clock and the small network of `network_data`."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from goodword import clock
from network_surfaces.network_data import NOW, TODAY, Net, build_network


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def net(session: Session, workspace: Any) -> Net:
    return build_network(session, workspace.id)
