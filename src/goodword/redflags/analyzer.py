"""The red-flag analyzer: text and location in, findings with evidence, law and answers out.

`analyze` is pure: no database, no network, no clock (pass `today`). Rules live in
`scams.py`, `pay.py` and `unpaid.py`; this module weighs what they found and explains it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from goodword.redflags import answers
from goodword.redflags.answers import Answer
from goodword.redflags.employer import Employer, find_employer
from goodword.redflags.laws import (
    AppliedLaw,
    Kind,
    Law,
    LawLookup,
    Status,
    counted_note,
    data_compiled,
    laws_for_place,
    left_out_note,
    set_aside_list_note,
    set_aside_note,
)
from goodword.redflags.location import Place, parse_location
from goodword.redflags.location_text import find_location
from goodword.redflags.pay import (
    PayRange,
    looks_like_posting,
    pay_ranges,
    salary_history_questions,
    vague_pay_phrases,
)
from goodword.redflags.scams import WEAK, find_scams
from goodword.redflags.signals import (
    Channel,
    Guidance,
    Severity,
    Source,
    channels_for,
    signal,
    unpaid_guidance,
)
from goodword.redflags.textspan import Evidence, Sentences, merge_overlaps
from goodword.redflags.unpaid import Hours, UnpaidWork, find_unpaid_work


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


@dataclass
class Report:
    """Everything `analyze` found in one text."""

    text: str
    location: str | None
    place: Place
    today: date
    compiled: date
    findings: list[Finding]
    notes: list[str]
    pay_ranges: list[PayRange]
    is_posting: bool
    laws: LawLookup | None

    @property
    def categories(self) -> set[str]:
        """The categories with at least one red flag (info findings excluded)."""
        return {f.category.value for f in self.findings if f.flagged}

    @property
    def worst(self) -> Severity | None:
        flagged = [f.severity for f in self.findings if f.flagged]
        return max(flagged, key=lambda s: s.rank) if flagged else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return {
            "location": self.location,
            "place": self.place.to_dict(),
            "today": self.today.isoformat(),
            "data_compiled": self.compiled.isoformat(),
            "categories": sorted(self.categories),
            "worst": self.worst.value if self.worst else None,
            "is_posting": self.is_posting,
            "findings": [f.to_dict() for f in self.findings],
            "notes": list(self.notes),
            "pay_ranges": [r.to_dict() for r in self.pay_ranges],
            "laws": self.laws.to_dict() if self.laws else None,
        }


def analyze(
    text: str, *, location: str | None = None, today: date, posting: bool | None = None
) -> Report:
    """Analyse a posting or message; `location` is where the job is, if known.

    `posting=True` says the text is a job posting (an opportunity's saved posting is one, short
    or not); None leaves it to the text (`pay.looks_like_posting`).
    """
    sents = Sentences(text)
    notes: list[str] = []
    raw_location = location
    if not (location or "").strip():
        raw_location = _location_from_text(text, sents, notes)
    place = parse_location(raw_location)
    employer = find_employer(text, sents)
    lookup = laws_for_place(place, today=today, employer=employer) if place.known else None
    compiled = data_compiled()
    ranges = pay_ranges(text)
    if posting is None:
        posting = looks_like_posting(text)
    transparency = _transparency_findings(text, ranges, posting, lookup, compiled)
    if lookup is not None:
        held_off = _held_off(text, ranges, posting, lookup, transparency, compiled)
        notes.extend(_employer_notes(lookup, employer, held_off))

    findings: list[Finding] = []
    findings.extend(_scam_findings(text, sents, place, notes))
    history = _salary_history_findings(text, sents, lookup, compiled)
    if history:
        notes.extend(_left_out_notes(lookup, Kind.SALARY_HISTORY_BAN))
    findings.extend(history)
    if transparency:
        notes.extend(_left_out_notes(lookup, Kind.PAY_TRANSPARENCY))
    findings.extend(transparency)
    findings.extend(_unpaid_findings(text, sents, place, notes))
    findings.sort(key=lambda f: -f.severity.rank)
    return Report(
        text=text,
        location=raw_location,
        place=place,
        today=today,
        compiled=compiled,
        findings=findings,
        notes=notes,
        pay_ranges=ranges,
        is_posting=posting,
        laws=lookup,
    )


def _held_off(
    text: str,
    ranges: list[PayRange],
    posting: bool,
    lookup: LawLookup,
    transparency: list[Finding],
    compiled: date,
) -> list[Law]:
    """The set-aside pay-range laws a finding would have cited, had they bound the employer."""
    if not lookup.set_aside:
        return []
    every = replace(lookup, laws=lookup.laws + lookup.set_aside)
    would_cite = _transparency_findings(text, ranges, posting, every, compiled)
    held = _cited_laws(would_cite) - _cited_laws(transparency)
    return [a.law for a in lookup.set_aside if a.law.id in held]


def _employer_notes(lookup: LawLookup, employer: Employer | None, held_off: list[Law]) -> list[str]:
    """The lookup's notes, with what the employer the text shows changes about them.

    Why an entry for another kind of employer was left out matters only next to a finding of
    its kind; it is added there. For a federal employer, the note that says which law binds it
    comes first; then the state and local laws it is not held to, the pay-range laws that a
    finding would have cited named on their own.
    """
    listed = set_aside_list_note(list(lookup.set_aside)) if lookup.set_aside else None
    asides = {left_out_note(law, lookup.employer) for law in lookup.left_out} | {listed}
    notes = [note for note in lookup.notes if note not in asides]
    if employer is None:
        return notes
    notes.extend(
        counted_note(a.law, employer.quote, aside=not lookup.set_aside)
        for a in lookup.laws
        if a.law.employer == employer.kind
    )
    held = {law.id for law in held_off}
    rest = [a for a in lookup.set_aside if a.law.id not in held]
    if rest:
        notes.append(set_aside_list_note(rest))
    if held_off:
        notes.append(set_aside_note(held_off, employer.quote))
    return notes


def _left_out_notes(lookup: LawLookup | None, kind: Kind) -> list[str]:
    """Notes for the entries of `kind` left out because they bind another kind of employer."""
    if lookup is None:
        return []
    return [left_out_note(law, lookup.employer) for law in lookup.left_out if law.kind is kind]


def _cited_laws(findings: list[Finding]) -> set[str]:
    return {a.law.id for finding in findings for a in finding.laws}


def _location_from_text(text: str, sents: Sentences, notes: list[str]) -> str | None:
    """The location the text states, if it states one clearly; say how it was read."""
    search = find_location(text, sents)
    if search.several:
        notes.append(
            "The text names more than one place for the job ("
            + "; ".join(search.several)
            + "), so no law was looked up. Give the job's location to check it."
        )
        return None
    stated = search.found
    if stated is None:
        return None
    if stated.from_line:
        notes.append(f'Location read from the text: "{stated.where}".')
    else:
        notes.append(
            f'Location read from the text: "{stated.where}" (from "{stated.evidence.quote}"). '
            "If the job is somewhere else, give its location."
        )
    return stated.where


# Scams ---------------------------------------------------------------------------------------


def _scam_findings(text: str, sents: Sentences, place: Place, notes: list[str]) -> list[Finding]:
    hits = find_scams(text, sents)
    strong = [h for h in hits.values() if h.signal not in WEAK]
    weak = [h for h in hits.values() if h.signal in WEAK]
    if not strong and len(weak) < 2:
        for hit in weak:
            if hit.signal == "rf-free-webmail-recruiter":
                notes.append(
                    "The sender writes from a free mail service. Many honest recruiters and small "
                    "firms do; on its own this is not a red flag."
                )
            else:
                notes.append(
                    f"Seen but not counted on its own: {signal(hit.signal).title.lower()}."
                )
        return []
    report_to = channels_for(place.country)
    findings = []
    for hit in [*strong, *weak]:
        sig = signal(hit.signal)
        findings.append(
            Finding(
                category=Category.SCAM,
                signal=sig.id,
                severity=sig.severity,
                title=sig.title,
                explanation=sig.explanation,
                evidence=merge_overlaps(hit.spans, text),
                answers=answers.scam([c.name for c in report_to]),
                report_to=report_to,
                sources=sig.sources_for(place.country),
                verified=sig.verified,
            )
        )
    return findings


# Salary history ------------------------------------------------------------------------------


def _country(lookup: LawLookup | None) -> str | None:
    return lookup.place.country if lookup is not None else None


def _law_line(applied: AppliedLaw) -> str:
    law = applied.law
    return f"{law.name}, {law.citation}" if law.citation else law.name


def _history_verdict(
    lookup: LawLookup | None,
) -> tuple[Severity, str, list[AppliedLaw], str | None]:
    """Severity, plain verdict, the laws cited and the line to quote in a reply."""
    if lookup is None:
        return (
            Severity.MEDIUM,
            "Where the job is was not given, so whether this question is lawful could not be "
            "checked. Many US states and cities, British Columbia, Prince Edward Island and the EU "
            "restrict it.",
            [],
            None,
        )
    cited = [a for a in lookup.salary_history if a.status is not Status.NO_LAW]
    where = lookup.place.label
    own = [a for a in cited if a.law.employer is not None and a.law.restricts == "relying"]
    if own:
        # A rule for this kind of employer (a federal agency) displaces the state and city
        # laws, which do not bind it; see `counted_note`.
        rule = own[0]
        return (
            Severity.LOW,
            f"{rule.law.name} limits how this employer may use your pay history to set your "
            f"pay; it does not stop the question itself. ({rule.summary})",
            own,
            None,  # it does not bar the question, so a reply should not say it does
        )
    # A public-only ban is in `cited` only when the text shows that public employer.
    asking = [a for a in cited if a.in_force and a.law.restricts == "asking"]
    if asking:
        local = {"city": 0, "county": 1, "region": 2, "country": 3, "union": 4}
        best = sorted(
            asking,
            key=lambda a: (
                not a.confirmed,
                a.law.employer_threshold or 99,
                local.get(a.law.level, 9),
            ),
        )[0]
        size = best.law.employer_threshold
        if best.confirmed and size is not None and size <= 1:
            severity, verdict = Severity.HIGH, f"Asking about pay history is unlawful in {where}."
        elif best.confirmed:
            severity = Severity.MEDIUM
            verdict = (
                f"Asking about pay history is unlawful in {where} for employers with "
                f"{size or 'enough'} or more employees"
                + ("" if size else " (the size threshold is not known)")
                + "."
            )
        else:
            severity = Severity.MEDIUM
            verdict = (
                f"A ban on this question is recorded for {where}, but the entry is unconfirmed."
            )
        if best.status is Status.EU_DEADLINE_PASSED:
            verdict = (
                f"EU law bars this question once {where} has put the Pay Transparency Directive "
                "into national law (the deadline has passed; national status not checked)."
            )
            severity = Severity.MEDIUM
        return severity, verdict + f" ({best.summary})", cited, _law_line(best)
    refuse = [a for a in cited if a.in_force and a.law.restricts == "refusing_to_hire"]
    if refuse:
        return (
            Severity.MEDIUM,
            f"In {where} the employer may ask, but may not refuse to hire you because you "
            f"decline to answer. ({refuse[0].summary})",
            cited,
            None,
        )
    upcoming = [a for a in cited if a.status in (Status.NOT_YET_IN_FORCE, Status.EU_DEADLINE_AHEAD)]
    if upcoming:
        return (
            Severity.LOW,
            f"A ban is coming in {where} but is not in force yet. ({upcoming[0].summary})",
            cited,
            None,
        )
    public = [a for a in cited if a.in_force]
    if public:
        return (
            Severity.LOW,
            f"In {where} the recorded ban covers only public employers or how pay is set, not a "
            f"private employer asking. ({public[0].summary})",
            cited,
            None,
        )
    return (
        Severity.LOW,
        f"No ban on this question is recorded for {where} in Goodword's data; you may still "
        "decline to answer.",
        [*cited, *[a for a in lookup.salary_history if a.status is Status.NO_LAW]],
        None,
    )


def _salary_history_findings(
    text: str, sents: Sentences, lookup: LawLookup | None, compiled: date
) -> list[Finding]:
    found = salary_history_questions(text, sents)
    if not found:
        return []
    severity, verdict, cited, line = _history_verdict(lookup)
    return [
        Finding(
            category=Category.SALARY_HISTORY,
            signal="cf-salary-history-question",
            severity=severity,
            title="Asks what you earn now or earned before",
            explanation=(
                "This asks for your pay history, not for what you expect to be paid. Past pay "
                "carries old gaps forward; declining is a judgement about value, not a refusal "
                "to cooperate. " + verdict + f" Jurisdiction data compiled {compiled.isoformat()}."
            ),
            evidence=merge_overlaps(found, text),
            laws=cited,
            verdict=verdict,
            answers=answers.salary_history(line),
            sources=signal("cf-salary-history-question").sources_for(_country(lookup)),
            data_compiled=compiled,
        )
    ]


# Pay transparency ----------------------------------------------------------------------------


def _posting_laws(lookup: LawLookup | None) -> list[AppliedLaw]:
    if lookup is None:
        return []
    order = {"city": 0, "county": 1, "region": 2, "country": 3, "union": 4}
    laws = [a for a in lookup.pay_transparency if a.in_force and a.law.range_in_posting]
    return sorted(laws, key=lambda a: (order.get(a.law.level, 9), not a.confirmed))


def _shown(r: PayRange) -> str:
    return r.evidence.quote


def _transparency_findings(
    text: str,
    ranges: list[PayRange],
    posting: bool,
    lookup: LawLookup | None,
    compiled: date,
) -> list[Finding]:
    findings: list[Finding] = []
    laws = [a for a in _posting_laws(lookup) if a.law.country != "EU"]
    closed = [r for r in ranges if r.high is not None]
    salary_words = re.compile(r"\b(?:salary|compensation|base|range|pay\s+band|OTE)\b", re.I)
    for r in closed:
        high = r.high if r.high is not None else r.low
        in_context = salary_words.search(text, max(0, r.evidence.start - 80), r.evidence.end + 40)
        if not (posting or in_context):
            continue
        ratio = r.spread_ratio or 0
        ontario = next((a for a in laws if a.law.range_rules.get("max_spread")), None)
        too_wide_on = (
            ontario is not None
            and r.period in (None, "year")
            and high - r.low > ontario.law.range_rules["max_spread"]
            and high <= ontario.law.range_rules.get("exempt_above", float("inf"))
        )
        if ratio <= 2 and not too_wide_on:
            continue
        if ratio > 2:
            why = (
                f"The top of the range is {ratio:.1f} times the bottom, so it says little about "
                "what this job pays."
            )
        else:
            why = f"The range spans {high - r.low:,.0f} from bottom to top."
        cited: list[AppliedLaw] = []
        severity = Severity.LOW
        if too_wide_on and ontario is not None:
            why += (
                f" {ontario.law.name} limits the spread of a posted range to "
                f"{ontario.law.range_rules['max_spread']:,} a year ({ontario.summary})."
            )
            cited, severity = [ontario], Severity.MEDIUM
        elif laws:
            why += f" A good-faith range is required where this job is ({laws[0].summary})."
            cited, severity = laws[:1], Severity.MEDIUM
        findings.append(
            Finding(
                category=Category.PAY_TRANSPARENCY,
                signal="cf-open-or-overbroad-range",
                severity=severity,
                title="The pay range is too wide to mean much",
                explanation=why,
                evidence=[r.evidence],
                laws=cited,
                verdict=why,
                answers=answers.wide_range(_shown(r)),
                sources=signal("cf-open-or-overbroad-range").sources_for(_country(lookup)),
                data_compiled=compiled,
            )
        )
    if not posting:
        return findings
    if not closed and laws:
        open_ones = [r for r in ranges if r.open_ended]
        fixed = [r for r in ranges if not r.open_ended]
        law = laws[0]
        if open_ones and not fixed:
            strict = next(
                (a for a in laws if a.law.range_rules.get("open_ended_allowed") is False), None
            )
            cited_law = strict or law
            verdict = (
                f"The posting gives only an open-ended figure; {cited_law.law.name} expects a "
                f"minimum and a maximum ({cited_law.summary})."
            )
            findings.append(
                Finding(
                    category=Category.PAY_TRANSPARENCY,
                    signal="cf-open-or-overbroad-range",
                    severity=Severity.MEDIUM if strict else Severity.LOW,
                    title="Open-ended pay instead of a range",
                    explanation=verdict,
                    evidence=[r.evidence for r in open_ones],
                    laws=[cited_law],
                    verdict=verdict,
                    answers=answers.missing_range(_law_line(cited_law)),
                    sources=signal("cf-open-or-overbroad-range").sources_for(_country(lookup)),
                    data_compiled=compiled,
                )
            )
        elif not ranges:
            size = law.law.employer_threshold
            covered = (
                "any employer"
                if size is not None and size <= 1
                else f"employers with {size} or more employees"
                if size
                else "covered employers (size threshold not known)"
            )
            verdict = (
                f"Postings for jobs in {lookup.place.label if lookup else 'this place'} must show "
                f"a pay range (the rule covers {covered}). {law.summary}."
            )
            findings.append(
                Finding(
                    category=Category.PAY_TRANSPARENCY,
                    signal="cf-missing-pay-range",
                    severity=Severity.MEDIUM if law.confirmed else Severity.LOW,
                    title="No pay range where the law requires one",
                    explanation=verdict + f" Jurisdiction data compiled {compiled.isoformat()}.",
                    evidence=vague_pay_phrases(text),
                    laws=laws,
                    verdict=verdict,
                    answers=answers.missing_range(_law_line(law)),
                    sources=signal("cf-missing-pay-range").sources_for(_country(lookup)),
                    verified=law.confirmed,
                    data_compiled=compiled,
                )
            )
    elif not ranges and lookup is not None:
        on_request = [
            a for a in lookup.pay_transparency if a.in_force and not a.law.range_in_posting
        ]
        eu = [a for a in lookup.pay_transparency if a.law.country == "EU" and a.in_force]
        cited = on_request or eu
        if cited:
            verdict = (
                "No range in the posting. Here the law gives you the pay or range on request or "
                f"before the interview rather than in the posting: {cited[0].summary}."
            )
            findings.append(
                Finding(
                    category=Category.PAY_TRANSPARENCY,
                    signal="cf-missing-pay-range",
                    severity=Severity.INFO,
                    title="You can ask for the pay range",
                    explanation=verdict,
                    evidence=vague_pay_phrases(text),
                    laws=cited,
                    verdict=verdict,
                    answers=answers.missing_range(None),
                    sources=signal("cf-missing-pay-range").sources_for(_country(lookup)),
                    data_compiled=compiled,
                )
            )
    return findings


# Unpaid work ---------------------------------------------------------------------------------


def _unpaid_severity(work: UnpaidWork) -> Severity | None:
    """None when the exercise is not a red flag (short, or paid)."""
    if work.paid and not work.used:
        return None
    hours = work.hours
    mid = (hours.low + hours.high) / 2 if hours else None
    if work.used and (hours is None or hours.high > 1):
        return Severity.HIGH
    if mid is not None and mid > 3:
        return Severity.HIGH if hours is not None and hours.low >= 8 else Severity.MEDIUM
    if hours is None and work.is_trial and work.explicitly_unpaid:
        return Severity.MEDIUM
    return None


def _unpaid_findings(text: str, sents: Sentences, place: Place, notes: list[str]) -> list[Finding]:
    work = find_unpaid_work(text, sents)
    if work is None:
        return []
    severity = _unpaid_severity(work)
    guidance = unpaid_guidance(place.country)
    if severity is None:
        if work.paid:
            notes.append("The exercise is paid: not a red flag.")
        elif work.hours is not None:
            notes.append(
                f"A short exercise (about {work.hours.high:g} hours at most) is a normal part of "
                "hiring, not a red flag."
            )
        else:
            notes.append(
                "An assignment is mentioned without its length. Ask how long it should take and "
                "whether the work will be used."
            )
        return []
    hours = work.hours
    parts = []
    if hours is not None:
        size = (
            f"about {hours.low:g} hours"
            if hours.low == hours.high
            else f"about {hours.low:g} to {hours.high:g} hours"
        )
        parts.append(f"The work asked for comes to {size} ({hours.basis}).")
    else:
        parts.append("How long the work takes is not stated.")
    if work.time_allowed is not None:
        parts.append(f"Time allowed: up to {work.time_allowed.high:g} hours of calendar time.")
    if work.used:
        parts.append("The wording suggests the employer may use what you produce.")
    parts.append(
        "A short exercise is normal; days of unpaid work, or work the employer can use, are "
        "unpaid labour."
    )
    if guidance is not None:
        parts.append(guidance.summary + ("" if guidance.verified else " (unconfirmed)"))
    evidence = [*work.assignment, *work.used, *work.explicitly_unpaid]
    if hours is not None:
        evidence.extend(hours.evidence)
    sig = signal("cf-unpaid-trial-or-bakeoff")
    return [
        Finding(
            category=Category.UNPAID_WORK,
            signal=sig.id,
            severity=severity,
            title="Unpaid work as a hiring step",
            explanation=" ".join(parts),
            evidence=merge_overlaps(evidence, text),
            hours=hours,
            time_allowed=work.time_allowed,
            answers=answers.unpaid_work(
                hours.low if hours else None, hours.high if hours else None
            ),
            guidance=guidance,
            sources=sig.sources_for(place.country),
            verified=sig.verified,
        )
    ]
