"""Where one launch of a reference stands (UseStatus): a plain enum, with no database in it.
models.py stores it, and the CLI offers it in its options (its help too) without loading
SQLAlchemy."""

from __future__ import annotations

import enum


class UseStatus(enum.StrEnum):
    PLANNED = "planned"
    BRIEFED = "briefed"
    CALLED = "called"
    THANKED = "thanked"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()
