"""What the analyzer reports: findings and their categories, and what the rules that make them
share."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from goodword.redflags.answers import Answer
from goodword.redflags.laws import AppliedLaw, LawLookup
from goodword.redflags.signals import Channel, Guidance, Severity, Source
from goodword.redflags.textspan import Evidence
from goodword.redflags.unpaid import Hours


class Category(enum.StrEnum):
    UNPAID_WORK = "unpaid_work"
    SALARY_HISTORY = "salary_history"
    PAY_TRANSPARENCY = "pay_transparency"
    SCAM = "scam"


@dataclass
class Finding:
    """One thing the analyzer saw, how serious it is, why, and what to say back."""

    category: Category
    signal: str
    severity: Severity
    title: str
    explanation: str
    evidence: list[Evidence]
    laws: list[AppliedLaw] = field(default_factory=list)
    verdict: str | None = None
    hours: Hours | None = None
    time_allowed: Hours | None = None
    answers: list[Answer] = field(default_factory=list)
    report_to: list[Channel] = field(default_factory=list)
    guidance: Guidance | None = None
    sources: tuple[Source, ...] = ()
    verified: bool = True
    data_compiled: date | None = None

    @property
    def flagged(self) -> bool:
        """Info findings are cues, not red flags."""
        return self.severity is not Severity.INFO

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category.value,
            "signal": self.signal,
            "severity": self.severity.value,
            "flagged": self.flagged,
            "title": self.title,
            "explanation": self.explanation,
            "evidence": [e.to_dict() for e in self.evidence],
            "laws": [law.to_dict() for law in self.laws],
            "verdict": self.verdict,
            "estimated_hours": self.hours.to_dict() if self.hours else None,
            "time_allowed": self.time_allowed.to_dict() if self.time_allowed else None,
            "answers": [a.to_dict() for a in self.answers],
            "report_to": [c.to_dict() for c in self.report_to],
            "guidance": self.guidance.to_dict() if self.guidance else None,
            "sources": [s.to_dict() for s in self.sources],
            "verified": self.verified,
            "data_compiled": self.data_compiled.isoformat() if self.data_compiled else None,
        }


def lookup_country(lookup: LawLookup | None) -> str | None:
    """The country of the place the laws were looked up for, if they were."""
    return lookup.place.country if lookup is not None else None


def law_line(applied: AppliedLaw) -> str:
    """The law named as a reply to an employer names it: briefly, without the citation and
    the data's notes, which the finding's law shows the user."""
    return applied.law.short_name
