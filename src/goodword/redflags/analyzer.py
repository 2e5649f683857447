"""The red-flag analyzer: text and location in, findings with evidence, law and answers out.

`analyze` is pure: no database, no network, no clock (pass `today`). Rules live in
`scams.py` (with `scam_rules.py` and the words they share in `scam_words.py`), `pay.py` (pay
figures), `pay_questions.py` (questions about pay history), `postings.py` (is it an ad) and
`unpaid.py` (with `uses.py`, what the employer will do with the work, and `durations.py`,
how long it takes); this module weighs and explains what they found (pay ranges in
`transparency.py`, pay-history questions in `history.py`, `Finding` in `findings.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from goodword.redflags import answers
from goodword.redflags.employer import Employer, find_employer
from goodword.redflags.findings import Category, Finding, shared_help
from goodword.redflags.history import salary_history_findings
from goodword.redflags.laws import (
    Kind,
    Law,
    LawLookup,
    counted_note,
    data_compiled,
    laws_for_place,
    left_out_note,
    set_aside_list_note,
    set_aside_note,
)
from goodword.redflags.location import Place, parse_location
from goodword.redflags.location_text import find_location
from goodword.redflags.pay import PayRange, RecordedPay, pay_ranges
from goodword.redflags.postings import looks_like_posting
from goodword.redflags.readable import Readable
from goodword.redflags.scams import WEAK, find_scams
from goodword.redflags.signals import Severity, channels_for, signal, unpaid_guidance
from goodword.redflags.textspan import Sentences, merge_overlaps
from goodword.redflags.transparency import held_off_laws, private_only_notes, transparency_findings
from goodword.redflags.unpaid import UnpaidWork, find_unpaid_work

# `Category` and `Finding` live in `findings.py`; importing them from here still works.
__all__ = ["Category", "Finding", "Report", "analyze"]


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
        """A JSON-ready dict (dates as ISO strings).

        Where to report and what to say, when several findings have them alike, is given once
        in `shared_help`; those findings point to it by `shared_help_index` and leave their own
        `report_to` and `answers` empty, as the check page and the command line show it once.
        """
        shared = shared_help(self.findings)
        index = {position: n for n, item in enumerate(shared) for position in item.findings}
        return {
            "location": self.location,
            "place": self.place.to_dict(),
            "today": self.today.isoformat(),
            "data_compiled": self.compiled.isoformat(),
            "categories": sorted(self.categories),
            "worst": self.worst.value if self.worst else None,
            "is_posting": self.is_posting,
            "findings": [
                f.to_dict(shared_help_index=index.get(position))
                for position, f in enumerate(self.findings)
            ],
            "shared_help": [item.to_dict() for item in shared],
            "notes": list(self.notes),
            "pay_ranges": [r.to_dict() for r in self.pay_ranges],
            "laws": self.laws.to_dict() if self.laws else None,
        }


def analyze(
    text: str,
    *,
    location: str | None = None,
    today: date,
    posting: bool | None = None,
    recorded_pay: RecordedPay | None = None,
) -> Report:
    """Analyse a posting or message; `location` is where the job is, if known.

    `posting=True` says the text is a job posting (an opportunity's saved posting is one, short
    or not); None leaves it to the text (`pay.looks_like_posting`). `recorded_pay` is the pay
    kept with the job apart from the text (an opportunity's pay fields): a posting without a
    range is still one the law faults, and the finding says the range is on record here.
    What the text hides (non-breaking spaces, soft hyphens: `readable`) is read as it shows,
    a word hyphenated across a line break whole when the rules read it,
    and the evidence is given as spans of the text as given.
    """
    plain = Readable(text)
    report = _analyze(
        plain.text, location=location, today=today, posting=posting, recorded_pay=recorded_pay
    )
    if plain.text is text:
        return report
    for finding in report.findings:
        finding.evidence = [plain.evidence(e) for e in finding.evidence]
    report.pay_ranges = [replace(r, evidence=plain.evidence(r.evidence)) for r in report.pay_ranges]
    report.text = text
    return report


# How to say a text is a posting, in the API's words (which name the page's and the command
# line's too); the check page and `goodword check` say it in their own (`said_where`).
SAY_IT_IS_A_POSTING = (
    '(“This is a job posting” on the check page, --posting with goodword check, "posting": '
    "true in the API)"
)
ON_THE_PAGE = "(tick “This is a job posting”)"
ON_THE_COMMAND_LINE = "(give --posting)"
# Said when a text read as a message would be faulted, as a posting, for its pay range.
READ_AS_A_MESSAGE = (
    "This was read as a message, not a job posting, so it was not checked for a pay range. "
    f"If it is a posting, say so {SAY_IT_IS_A_POSTING} and check it again."
)


def said_where(notes: list[str], how: str) -> list[str]:
    """A report's notes with the way to say a text is a posting as `how` (`ON_THE_PAGE`,
    `ON_THE_COMMAND_LINE`) says it."""
    return [note.replace(SAY_IT_IS_A_POSTING, how) for note in notes]


def _analyze(
    text: str,
    *,
    location: str | None,
    today: date,
    posting: bool | None,
    recorded_pay: RecordedPay | None,
) -> Report:
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
    guessed = posting is None
    if posting is None:
        posting = looks_like_posting(text)
    transparency = transparency_findings(
        text, ranges, posting, lookup, compiled, recorded_pay=recorded_pay
    )
    if guessed and not posting and lookup is not None:
        as_posting = transparency_findings(
            text, ranges, True, lookup, compiled, recorded_pay=recorded_pay
        )
        if as_posting:
            notes.append(READ_AS_A_MESSAGE)
    if lookup is not None:
        held_off = held_off_laws(text, ranges, posting, lookup, transparency, compiled)
        notes.extend(_employer_notes(lookup, employer, held_off))
        if employer is not None and not transparency:
            notes.extend(private_only_notes(text, ranges, posting, lookup, employer, compiled))

    findings: list[Finding] = []
    findings.extend(_scam_findings(text, sents, place, notes))
    history = salary_history_findings(text, sents, lookup, compiled, place)
    if history:
        notes.extend(_left_out_notes(lookup, Kind.SALARY_HISTORY_BAN, employer))
    findings.extend(history)
    if transparency:
        notes.extend(_left_out_notes(lookup, Kind.PAY_TRANSPARENCY, employer))
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


def _employer_notes(lookup: LawLookup, employer: Employer | None, held_off: list[Law]) -> list[str]:
    """The lookup's notes, with what the employer the text shows changes about them.

    Why an entry for another kind of employer was left out matters only next to a finding of
    its kind; it is added there. For a federal employer, the note that says which law binds it
    comes first; then the state and local laws it is not held to, the pay-range laws that a
    finding would have cited named on their own.
    """
    listed = set_aside_list_note(list(lookup.set_aside)) if lookup.set_aside else None
    asides = {left_out_note(law, employer or lookup.employer) for law in lookup.left_out}
    if listed is not None:
        asides.add(listed)
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


def _left_out_notes(lookup: LawLookup | None, kind: Kind, employer: Employer | None) -> list[str]:
    """Notes for the entries of `kind` left out because they bind another kind of employer."""
    if lookup is None:
        return []
    shown = employer or lookup.employer
    return [left_out_note(law, shown) for law in lookup.left_out if law.kind is kind]


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
    signals = list(hits)
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
                answers=answers.scam([c.name for c in report_to], signals),
                report_to=report_to,
                sources=sig.sources_for(place.country),
                verified=sig.verified,
            )
        )
    return findings


# Unpaid work ---------------------------------------------------------------------------------


def _unpaid_severity(work: UnpaidWork) -> Severity | None:
    """None when the exercise is not a red flag (short, or paid)."""
    # Paid work is fair, even work the employer may use, when the pay is for the work itself;
    # work they may use is unpaid labour only when it is not paid for.
    if work.paid and (not work.used or work.paid_for_it):
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


def _hours_words(hours: float) -> str:
    """Hours in words: "1 hour", "2.5 hours", "45 minutes" below one."""
    if hours < 1:
        minutes = round(hours * 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{hours:g} hour{'s' if hours != 1 else ''}"


def _calendar_words(hours: float) -> str:
    """Calendar time in words: days from a day up ("7 days"), hours below."""
    if hours >= 24:
        days = hours / 24
        return f"{days:.3g} day{'s' if days != 1 else ''}"
    return f"{hours:.3g} hour{'s' if hours != 1 else ''}"


def _unpaid_findings(text: str, sents: Sentences, place: Place, notes: list[str]) -> list[Finding]:
    work = find_unpaid_work(text, sents)
    if work is None:
        return []
    severity = _unpaid_severity(work)
    guidance = unpaid_guidance(place.country)
    if severity is None:
        if work.paid and work.used:
            notes.append(
                "The exercise is paid, and the employer may use what you make: not a red flag. "
                "Agree in writing what they may use it for."
            )
        elif work.paid:
            notes.append("The exercise is paid: not a red flag.")
        elif work.hours is not None:
            notes.append(
                f"A short exercise (about {_hours_words(work.hours.high)} at most) is a normal "
                "part of hiring, not a red flag."
            )
        elif work.time_allowed is not None:
            notes.append(
                "An assignment is mentioned without how long it takes (you have up to "
                f"{_calendar_words(work.time_allowed.high)} to hand it in). Ask how long it "
                "should take and whether the work will be used."
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
        parts.append(f"Time allowed: up to {_calendar_words(work.time_allowed.high)}.")
    if work.used:
        parts.append("The wording suggests the employer may use what you produce.")
    if work.token_pay is not None:
        parts.append(
            f"The pay offered ({work.token_pay.quote}) comes to at most {work.token_rate} an "
            "hour for the time the work takes: a token, not pay for the work."
        )
    if work.paid_if_hired:
        parts.append(
            "Pay is promised only if you are hired; the work is done either way, so it is not "
            "paid for."
        )
    parts.append(
        "A short exercise is normal; days of unpaid work, or work the employer can use, are "
        "unpaid labour."
    )
    if guidance is not None:
        parts.append(guidance.summary + ("" if guidance.verified else " (unconfirmed)"))
    evidence = [*work.assignment, *work.used, *work.explicitly_unpaid, *work.paid_if_hired]
    if work.token_pay is not None:
        evidence.append(work.token_pay)
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
                hours.low if hours else None,
                hours.high if hours else None,
                trial=answers.is_shift_trial(" ".join(e.quote for e in work.assignment)),
                used=bool(work.used),
            ),
            guidance=guidance,
            sources=sig.sources_for(place.country),
            verified=sig.verified,
        )
    ]
