"""What the analyzer reports: findings and their categories, and what the rules that make them
share."""

from __future__ import annotations

import enum
from collections.abc import Iterable
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

    def to_dict(self, *, shared_help_index: int | None = None) -> dict[str, Any]:
        """A JSON-ready dict. With `shared_help_index` (the finding's help is given once, in
        the report's `shared_help` at that index) `report_to` and `answers` are left empty."""
        shared = shared_help_index is not None
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
            "answers": [] if shared else [a.to_dict() for a in self.answers],
            "report_to": [] if shared else [c.to_dict() for c in self.report_to],
            "shared_help_index": shared_help_index,
            "guidance": self.guidance.to_dict() if self.guidance else None,
            "sources": [s.to_dict() for s in self.sources],
            "verified": self.verified,
            "data_compiled": self.data_compiled.isoformat() if self.data_compiled else None,
        }


@dataclass(frozen=True)
class SharedHelp:
    """Where to report and what to say, the same for several findings: shown once."""

    titles: tuple[str, ...]
    report_to: tuple[Channel, ...]
    answers: tuple[Answer, ...]
    # The positions (from 0) of the findings it covers, in the report's order.
    findings: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": list(self.findings),
            "report_to": [c.to_dict() for c in self.report_to],
            "answers": [a.to_dict() for a in self.answers],
        }


def shared_help(findings: Iterable[Finding]) -> list[SharedHelp]:
    """The places to report and the answers that two findings or more have alike, in the
    findings' order: a page, the command line and the JSON give each of them once."""
    groups: dict[tuple[tuple[Channel, ...], tuple[Answer, ...]], list[tuple[int, str]]] = {}
    for position, finding in enumerate(findings):
        key = (tuple(finding.report_to), tuple(finding.answers))
        if key != ((), ()):
            groups.setdefault(key, []).append((position, finding.title))
    return [
        SharedHelp(
            titles=tuple(title for _, title in members),
            report_to=report_to,
            answers=answers,
            findings=tuple(position for position, _ in members),
        )
        for (report_to, answers), members in groups.items()
        if len(members) > 1
    ]


def help_shared_by(shared: list[SharedHelp], finding: Finding) -> int | None:
    """The number (from 1) of the shared help in `shared` that covers this finding, or None
    when the finding's own help is shown with it."""
    key = (tuple(finding.report_to), tuple(finding.answers))
    for number, item in enumerate(shared, start=1):
        if (item.report_to, item.answers) == key:
            return number
    return None


def lookup_country(lookup: LawLookup | None) -> str | None:
    """The country of the place the laws were looked up for, if they were."""
    return lookup.place.country if lookup is not None else None


def law_line(applied: AppliedLaw) -> str:
    """The law named as a reply to an employer names it: briefly, without the citation and
    the data's notes, which the finding's law shows the user."""
    return applied.law.short_name
