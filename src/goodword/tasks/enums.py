"""Where a task stands (TaskStatus): a plain enum, with no database in it. models.py stores it,
and the CLI offers it in its options (its help too) without loading SQLAlchemy."""

from __future__ import annotations

import enum


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


# How long a snooze lasts when no day is given: the task page's date box offers it, and
# `goodword task snooze` takes it without --until.
SNOOZE_DAYS = 7
