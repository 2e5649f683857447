"""The kinds of contact an interaction records, how an interview went and who wrote a message
(InteractionKind, Rapport, Direction): plain enums, with no database in them. models.py
stores them, and the CLI offers them in its options (its help too) without loading
SQLAlchemy."""

from __future__ import annotations

import enum


class InteractionKind(enum.StrEnum):
    MEETING = "meeting"
    INTERVIEW = "interview"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    FAVOUR_GIVEN = "favour_given"
    FAVOUR_RECEIVED = "favour_received"
    NOTE = "note"

    @property
    def label(self) -> str:
        return (
            "E-mail" if self is InteractionKind.EMAIL else self.value.replace("_", " ").capitalize()
        )


class Rapport(enum.StrEnum):
    """How well the user clicked with someone in an interview, best first."""

    CLICKED = "clicked"
    GOOD = "good"
    NEUTRAL = "neutral"
    POOR = "poor"


class Direction(enum.StrEnum):
    """For messages and e-mails: who wrote."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
