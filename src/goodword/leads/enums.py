"""What a lead is and where passing it on to someone stands (LeadKind, ShareStatus): plain
enums, with no database in them. models.py stores them, and the CLI offers them in its
options (its help too) without loading SQLAlchemy."""

from __future__ import annotations

import enum


class LeadKind(enum.StrEnum):
    OPPORTUNITY = "opportunity"
    LEAD = "lead"
    EVENT = "event"
    ARTICLE = "article"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ShareStatus(enum.StrEnum):
    SUGGESTED = "suggested"
    SENT = "sent"
    SKIPPED = "skipped"
