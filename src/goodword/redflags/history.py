"""Pay-history findings: a question about what you earn or earned, against the laws that ban
or limit it where the job is.

Pure like `analyzer`, which calls this; `pay_questions.py` finds the questions.
"""

from __future__ import annotations

from datetime import date

from goodword.redflags import answers
from goodword.redflags.findings import Category, Finding, law_line, lookup_country
from goodword.redflags.laws import AppliedLaw, LawLookup, Status
from goodword.redflags.location import Place
from goodword.redflags.pay_questions import salary_history_questions
from goodword.redflags.places import COUNTRY_NAMES, EU_MEMBERS
from goodword.redflags.signals import Severity, signal
from goodword.redflags.textspan import Sentences, merge_overlaps

# How to give where the job is, in the API's words; the check page, `goodword check` and an
# opportunity say it in their own (`place_said_where`).
GIVE_THE_PLACE = 'give it as "location"'
GIVE_IT_ON_THE_PAGE = "give it in “Where the job is”"
GIVE_IT_ON_THE_COMMAND_LINE = "give it with --where"
GIVE_IT_FOR_AN_OPPORTUNITY = "give the opportunity its city and country"


def place_said_where(findings: list[Finding], how: str) -> None:
    """Say how to give where the job is as `how` (`GIVE_IT_ON_THE_PAGE`, ...) says it, in each
    finding's explanation and verdict."""
    for finding in findings:
        finding.explanation = finding.explanation.replace(GIVE_THE_PLACE, how)
        if finding.verdict is not None:
            finding.verdict = finding.verdict.replace(GIVE_THE_PLACE, how)


def _history_verdict(
    lookup: LawLookup | None, place: Place | None = None
) -> tuple[Severity, str, list[AppliedLaw], str | None]:
    """Severity, plain verdict, the laws cited and the line to quote in a reply; `place` is
    where the job is, as given (or read from the text)."""
    if lookup is None:
        unchecked = "so whether this question is lawful could not be checked"
        if place is not None and place.area:
            untold = (
                f"“{place.area}” is not one country, {unchecked}: give the city and country "
                "where the work is."
            )
        elif place is not None and place.remote:
            untold = f"Remote work is said with no country, {unchecked}: give where you would work."
        elif place is not None and place.raw.strip():
            untold = (
                f"“{place.raw.strip()}” was not recognised as a place, {unchecked}: give a "
                'city and state or country, such as "Denver, CO" or "Toronto, ON".'
            )
        else:
            untold = f"Where the job is was not given, {unchecked}: {GIVE_THE_PLACE}."
        return (
            Severity.MEDIUM,
            f"{untold} Many US states and cities, British Columbia, Prince Edward Island and "
            "the EU restrict it.",
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
            "pay; it does not stop the question itself.",
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
        elif best.confirmed and size is not None:
            severity = Severity.MEDIUM
            verdict = (
                f"Asking about pay history is unlawful in {where} for employers with {size} or "
                "more employees."
            )
        elif best.confirmed:
            severity = Severity.MEDIUM
            verdict = (
                f"Asking about pay history is unlawful in {where} (the data does not say from "
                "what size of employer)."
            )
        else:
            severity = Severity.MEDIUM
            verdict = (
                f"A ban on this question is recorded for {where}, but the entry is unconfirmed."
            )
        line = law_line(best)
        if best.status is Status.EU_DEADLINE_PASSED:
            # A member state puts the directive into its law, not a city in it.
            state = _member_state(lookup.place)
            verdict = (
                f"EU law bars this question once {state} has put the Pay Transparency Directive "
                "into national law (the deadline has passed; national status not checked)."
            )
            severity = Severity.MEDIUM
            # The reply says so too: the directive binds employers through the state's law.
            line = f"{line} (which {state} must put into its own law)"
        return severity, verdict, cited, line
    unknown = [a for a in cited if a.status is Status.UNKNOWN and a.law.restricts == "asking"]
    if unknown:
        # Never deny an entry the data holds: say it is there, and that its status is not known.
        return Severity.LOW, _unknown_ban_verdict(unknown), cited, None
    refuse = [a for a in cited if a.in_force and a.law.restricts == "refusing_to_hire"]
    if refuse:
        return (
            Severity.MEDIUM,
            f"In {where} the employer may ask, but may not refuse to hire you because you "
            "decline to answer.",
            cited,
            None,
        )
    upcoming = [a for a in cited if a.status in (Status.NOT_YET_IN_FORCE, Status.EU_DEADLINE_AHEAD)]
    if upcoming:
        return (
            Severity.LOW,
            f"A ban is coming in {where} but is not in force yet.",
            cited,
            None,
        )
    public = [a for a in cited if a.in_force]
    if public:
        return (
            Severity.LOW,
            f"In {where} the recorded ban covers only public employers or how pay is set, not a "
            "private employer asking.",
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


def _member_state(place: Place) -> str:
    """The EU member state the job is in, named as a sentence's subject."""
    name = COUNTRY_NAMES.get(place.country or "")
    if name is None or place.country not in EU_MEMBERS:
        return "the member state where the work is done"
    return f"the {name}" if name == "Netherlands" else name


def _unknown_ban_verdict(unknown: list[AppliedLaw]) -> str:
    """Say that a ban is recorded whose status the data does not know, and where to check it.

    Such an entry (St. Louis, Nova Scotia) is listed under the finding's law, so the verdict
    must not say that no ban is recorded.
    """
    law = unknown[0].law
    not_known = "whether it is in force"
    if law.scope == "unknown":
        not_known += " or which employers it covers"
    source = law.source_url or ""
    check = (
        f" Check the source ({source}) before relying on it."
        if source.startswith(("http://", "https://"))
        else ""
    )
    return (
        f"A ban on this question is recorded for {law.name}, but Goodword's data does not know "
        f"{not_known}; the entry is unconfirmed.{check} You may decline to answer either way."
    )


def salary_history_findings(
    text: str, sents: Sentences, lookup: LawLookup | None, compiled: date, place: Place
) -> list[Finding]:
    """The finding for a pay-history question in `text`, weighed by the laws where it is."""
    found = salary_history_questions(text, sents)
    if not found:
        return []
    severity, verdict, cited, line = _history_verdict(lookup, place)
    return [
        Finding(
            category=Category.SALARY_HISTORY,
            signal="cf-salary-history-question",
            severity=severity,
            title="Asks what you earn now or earned before",
            explanation=(
                "This asks for your pay history, not for what you expect to be paid. Past pay "
                "carries old gaps forward; declining is a judgement about value, not a refusal "
                "to cooperate. " + verdict + f" Law data compiled {compiled.isoformat()}."
            ),
            evidence=merge_overlaps(found, text),
            laws=cited,
            verdict=verdict,
            answers=answers.salary_history(line),
            sources=signal("cf-salary-history-question").sources_for(lookup_country(lookup)),
            data_compiled=compiled,
        )
    ]
