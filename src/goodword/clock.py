"""The one place pages read the date and time from, so tests can set them."""

from __future__ import annotations

from datetime import UTC, date, datetime


def now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Return today's date on this machine (the user's own calendar day)."""
    return date.today()
