"""Where a request for a referral stands (AskStatus): a plain enum, with no database in it.
models.py stores it, and the CLI offers it in its options (its help too) without loading
SQLAlchemy."""

from __future__ import annotations

import enum


class AskStatus(enum.StrEnum):
    """Where a request for a referral stands, in the order it usually goes."""

    TO_ASK = "to_ask"
    ASKED = "asked"
    AGREED = "agreed"
    DECLINED = "declined"
    INTRODUCED = "introduced"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()
