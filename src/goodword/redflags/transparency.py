"""Pay-range findings: the ranges a text shows, or the lack of one, against the pay-transparency
laws where the job is.

Pure like `analyzer`, which calls these; `pay.py` finds the ranges, `postings.py` pay without
a figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from goodword.redflags import answers
from goodword.redflags.employer import Employer
from goodword.redflags.findings import Category, Finding, law_line, lookup_country
from goodword.redflags.laws import (
    AppliedLaw,
    Kind,
    Law,
    LawLookup,
    all_laws,
    private_only_note,
)
from goodword.redflags.pay import PayRange, RecordedPay
from goodword.redflags.postings import vague_pay_phrases
from goodword.redflags.signals import Severity, signal


def _posting_laws(lookup: LawLookup | None) -> list[AppliedLaw]:
    if lookup is None:
        return []
    order = {"city": 0, "county": 1, "region": 2, "country": 3, "union": 4}
    laws = [a for a in lookup.pay_transparency if a.in_force and a.law.range_in_posting]
    # A law already enforced comes before one whose enforcement starts later.
    return sorted(
        laws,
        key=lambda a: (a.enforcement_pending, order.get(a.law.level, 9), not a.confirmed),
    )


def _not_enforced_yet(applied: AppliedLaw) -> str:
    """A clause for a law in force whose enforcement starts later; empty otherwise."""
    start = applied.law.enforced_from
    if not applied.enforcement_pending or start is None:
        return ""
    return f", but the rule is not enforced until {start.isoformat()}"


def _shown(r: PayRange) -> str:
    return r.evidence.quote


def transparency_findings(
    text: str,
    ranges: list[PayRange],
    posting: bool,
    lookup: LawLookup | None,
    compiled: date,
    *,
    recorded_pay: RecordedPay | None = None,
) -> list[Finding]:
    """Findings on the pay: a range too wide to mean much, an open-ended figure, or no range
    where the law wants one (or lets you ask for it)."""
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
                f"{ontario.law.range_rules['max_spread']:,} a year."
            )
            cited, severity = [ontario], Severity.MEDIUM
        elif laws:
            why += f" A good-faith range is required where this job is ({law_line(laws[0])})."
            cited = laws[:1]
            severity = Severity.LOW if laws[0].enforcement_pending else Severity.MEDIUM
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
                sources=signal("cf-open-or-overbroad-range").sources_for(lookup_country(lookup)),
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
                "minimum and a maximum."
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
                    answers=answers.missing_range(law_line(cited_law)),
                    sources=signal("cf-open-or-overbroad-range").sources_for(
                        lookup_country(lookup)
                    ),
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
                f"a pay range under {law_line(law)} (the rule covers {covered})"
                f"{_not_enforced_yet(law)}."
            )
            title = "No pay range where the law requires one"
            enforced_from = law.law.enforced_from if law.enforcement_pending else None
            replies = answers.missing_range(law_line(law), enforced_from=enforced_from)
            on_record = recorded_pay.words if recorded_pay is not None else ""
            if on_record:
                # The user knows the range; what is missing is the posting's own.
                title = "Pay range on record here, but not in the posting"
                verdict = (
                    f"The pay on record for this opportunity ({on_record}) is not in the "
                    f"posting text. {verdict} Ask the employer to confirm the range in writing, "
                    "and whether the published posting shows it."
                )
                replies = answers.confirm_range(
                    on_record, law_line(law), enforced_from=enforced_from
                )
            findings.append(
                Finding(
                    category=Category.PAY_TRANSPARENCY,
                    signal="cf-missing-pay-range",
                    severity=(
                        Severity.MEDIUM
                        if law.confirmed and not law.enforcement_pending
                        else Severity.LOW
                    ),
                    title=title,
                    explanation=verdict + f" Law data compiled {compiled.isoformat()}.",
                    evidence=vague_pay_phrases(text),
                    laws=laws,
                    verdict=verdict,
                    answers=replies,
                    sources=signal("cf-missing-pay-range").sources_for(lookup_country(lookup)),
                    verified=law.confirmed,
                    data_compiled=compiled,
                )
            )
    elif not ranges and lookup is not None and (remote := _remote_in_the_us(text, lookup)):
        findings.append(_remote_finding(text, remote, lookup, compiled))
    elif not ranges and lookup is not None:
        on_request = [
            a for a in lookup.pay_transparency if a.in_force and not a.law.range_in_posting
        ]
        eu = [a for a in lookup.pay_transparency if a.law.country == "EU" and a.in_force]
        cited = on_request or eu
        if cited:
            on_record = recorded_pay.words if recorded_pay is not None else ""
            verdict = (
                f"The pay on record for this opportunity ({on_record}) is not in the posting."
                if on_record
                else "No range in the posting."
            ) + (
                " The law here does not require one in postings, but gives you the pay or range "
                f"{_when_given(cited[0])}."
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
                    sources=signal("cf-missing-pay-range").sources_for(lookup_country(lookup)),
                    data_compiled=compiled,
                )
            )
    return findings


def _remote_in_the_us(text: str, lookup: LawLookup) -> list[AppliedLaw]:
    """The states' pay-range laws that reach a remote job open anywhere in the United States:
    those that cover a remote job that could be done from the state (Colorado's) first, then
    those that reach it when it is tied to the state. Empty when the place is not the whole
    country and remote, when the text shows a public employer (state laws for private
    employers may not bind it), or when no law of the first kind is left once the text rules
    its state out ("not open to candidates in Colorado")."""
    place = lookup.place
    if not (place.remote and place.country == "US" and place.region is None):
        return []
    if lookup.employer is not None:
        return []
    reaching = [
        AppliedLaw.on(law, lookup.today)
        for law in all_laws()
        if law.kind is Kind.PAY_TRANSPARENCY
        and law.country == "US"
        and law.range_in_posting
        and law.remote_reach in ("anywhere", "tied")
        and law.employer is None
    ]
    reaching = [a for a in reaching if a.in_force and not _ruled_out(text, a.law.name)]
    anywhere = [a for a in reaching if a.law.remote_reach == "anywhere"]
    if not anywhere:
        return []
    return anywhere + [a for a in reaching if a.law.remote_reach == "tied"]


def _ruled_out(text: str, state: str) -> bool:
    """Say whether the text keeps the job out of a state ("excluding Colorado", "not open to
    candidates in Colorado", "Colorado residents are not eligible")."""
    name = re.escape(state)
    return bool(
        re.search(
            r"\b(?:exclud\w*|except(?:\s+for)?|outside(?:\s+of)?|other\s+than|not\s+(?:open|"
            r"available|eligible|hiring|accepting|considering)\b[^.!?\n]{0,40}?|cannot\s+"
            r"(?:be\s+)?(?:perform|done|work|hire)\w*\s+(?:\w+\s+){0,2}?(?:in|from))\s+"
            r"(?:\w+\s+){0,3}?" + name + r"\b|\b" + name + r"\s+(?:residents|applicants|"
            r"candidates)\s+(?:are\s+)?(?:not|ineligible|excluded)\b",
            text,
            re.IGNORECASE,
        )
    )


def _remote_finding(
    text: str, reaching: list[AppliedLaw], lookup: LawLookup, compiled: date
) -> Finding:
    """No pay range in a remote posting open across the United States, with the laws that
    likely reach it: a job that could be done from Colorado is one Colorado's law covers."""
    anywhere = [a for a in reaching if a.law.remote_reach == "anywhere"]
    tied = [a for a in reaching if a.law.remote_reach == "tied"]
    first = anywhere[0]
    states = _names([a.law.name for a in anywhere])
    verdict = (
        "This remote job is open anywhere in the United States, so it could be done from "
        f"{states}, whose pay-range law{'s' if len(anywhere) > 1 else ''} also cover"
        f"{'' if len(anywhere) > 1 else 's'} remote jobs that could be done from there: the "
        "posting likely needs a range."
    )
    if tied:
        ties = "; ".join(f"{a.law.name}, when {a.law.remote_tie}" for a in tied)
        verdict += f" Other states' laws reach a remote job only when it is tied to them: {ties}."
    verdict += (
        f" A posting that says the job cannot be done from {states} is outside {_its(anywhere)}."
    )
    return Finding(
        category=Category.PAY_TRANSPARENCY,
        signal="cf-missing-pay-range",
        severity=Severity.LOW,
        title="No pay range, though the job can be done from a state that requires one",
        explanation=verdict + f" Law data compiled {compiled.isoformat()}.",
        evidence=vague_pay_phrases(text),
        laws=reaching,
        verdict=verdict,
        answers=answers.missing_range_remote(law_line(first), first.law.name),
        sources=signal("cf-missing-pay-range").sources_for(lookup_country(lookup)),
        verified=all(a.confirmed for a in anywhere),
        data_compiled=compiled,
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _its(laws: list[AppliedLaw]) -> str:
    return "its law" if len(laws) == 1 else "their laws"


def _when_given(applied: AppliedLaw) -> str:
    """When the law gives you the pay or range, as its entry says (every such entry says)."""
    return applied.law.range_given or "at a stage the law sets"


def held_off_laws(
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
    would_cite = transparency_findings(text, ranges, posting, every, compiled)
    held = _cited_laws(would_cite) - _cited_laws(transparency)
    return [a.law for a in lookup.set_aside if a.law.id in held]


def private_only_notes(
    text: str,
    ranges: list[PayRange],
    posting: bool,
    lookup: LawLookup,
    employer: Employer,
    compiled: date,
) -> list[str]:
    """Name the pay-range laws for private employers that a finding would have cited, had the
    employer the text shows not been a public one."""
    private = [
        law
        for law in lookup.left_out
        if law.kind is Kind.PAY_TRANSPARENCY and law.scope == "private_only"
    ]
    if not private:
        return []
    extra = tuple(AppliedLaw.on(law, lookup.today) for law in private)
    every = replace(lookup, laws=lookup.laws + extra)
    cited = _cited_laws(transparency_findings(text, ranges, posting, every, compiled))
    laws = [law for law in private if law.id in cited]
    return [private_only_note(laws, employer)] if laws else []


def _cited_laws(findings: list[Finding]) -> set[str]:
    return {a.law.id for finding in findings for a in finding.laws}
