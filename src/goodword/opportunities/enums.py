"""Where an opportunity stands, how it reached you and what its pay is per (Stage, Route,
PayPeriod): plain enums, with no database in them. models.py stores them, and the CLI offers
them in its options (its help too) without loading SQLAlchemy."""

from __future__ import annotations

import enum


class Stage(enum.StrEnum):
    TARGET = "target"
    RESEARCHING = "researching"
    INTRODUCED = "introduced"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ON_HOLD = "on_hold"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Route(enum.StrEnum):
    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    DIRECT = "direct"
    RECRUITER = "recruiter"
    BLIND = "blind"

    @property
    def label(self) -> str:
        return {
            "introduction": "Introduction",
            "referral": "Referral",
            "direct": "Direct contact",
            "recruiter": "Recruiter",
            "blind": "Blind application",
        }[self.value]


class PayPeriod(enum.StrEnum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"
