"""Unpaid work as a hiring step: find the assignment, estimate its hours, see if it is paid.

Hours come from explicit effort ("should take about 6 hours", "a 3-day take-home", "a trial
week"; read in `durations`), otherwise from the scope of the deliverable ("build a full app").
A deadline ("submit within 5 days") is time allowed, not effort, and is reported separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from goodword.redflags.durations import W, durations
from goodword.redflags.postings import looks_like_posting
from goodword.redflags.textspan import Evidence, Sentences, evidence, from_match, rx
from goodword.redflags.uses import quoted_uses, uses_of_work

ASSIGNMENT_STRONG = rx(
    r"\b(?:take[- ]?home(?:\s+(?:assignment|project|test|exercise|challenge|task|"
    r"case(?:\s+study)?))?"
    r"|home\s+(?:assignment|task|test)|(?:coding|design|technical|writing|marketing|sales|product|"
    r"data|analytics|engineering|strategy|content|editing|translation|portfolio)\s+(?:challenge|"
    r"assignment|exercise|test|project|task|case(?:\s+study)?)|case\s+stud(?:y|ies)|test\s+(?:project|"
    r"assignment|task|article|piece)|trial\s+(?:shift|day|week|period|project|task|assignment|"
    r"article|run)s?|working\s+interview|work\s+trial|(?:unpaid|free)\s+(?:trial(?:\s+(?:shift|day|week|period)s?)?|work|project|"
    r"assignment|test|shifts?)|bake[- ]?off|spec(?:ulative)?\s+(?:work|project|piece)|"
    r"work\s+sample|"
    r"sample\s+(?:ad\s+)?(?:projects?|campaigns?|articles?|pieces?|designs?|posts?|chapters?|"
    r"concepts?)|hackathon|"
    r"(?:\d+|one|two|three|four|five|a)[- ](?:hour|day|week)(?:[- ]long)?\s+(?:\S+\s+){0,2}?"
    r"(?:sprint|project|challenge|assignment|exercise|test|bake-?off)|"
    r"pitch\s+deck\s+for\s+us|(?:\d+|one|two|three|four|five|ten)[- ](?:hour|day|week)\s+"
    r"(?:unpaid\s+)?trial|(?:manager|engineer|designer|writer|analyst|developer|marketer|"
    r"researcher|candidate)\s+(?:exercise|assignment|challenge|test|task)|"
    r"(?:job|skills?|sales|work)\s+simulation|"
    # A kitchen's trial: "we'd like you to stage with us for two dinner services", "an unpaid
    # stage" (not "the next stage with us").
    r"(?:(?<=\bto\s)|(?<=\byou\s)|(?<=\band\s))stage\s+with\s+(?:us|our\s+(?:team|kitchen|brigade|chefs?))|"
    r"(?:unpaid|kitchen)\s+stages?|staging\s+(?:shifts?|days?|services?))\b"
)
ASSIGNMENT_WEAK = rx(
    r"\b(?:assignment|exercise|project|task|challenge|brief)\b"
    # Time to spend at their work: "spend tomorrow morning calling through our list".
    r"|\bspend\s+(?:tomorrow|the|this|a|an|one|two|\d+)\s+(?:full\s+|whole\s+)?(?:morning|"
    r"afternoon|evening|day|shift|week|hours?)\s+\w+ing\b"
    r"|\b(?:build|create|design|develop|"
    r"write|prepare|produce|redesign|rebuild|draft|put\s+together|code|implement|deliver|film|"
    r"record|translate|plan|audit|submit|rewrite|complete|run|conduct|perform|carry\s+out|draw|survey|"
    r"sketch|illustrate|edit|shoot|cut|cook|bake)"
    r"(?:\s+and\s+\w+)?\s+(?:us\s+|me\s+)?(?:an?|the|our|your|some|\d+|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|multiple)\b"
    # Steps of hiring itself, not work: "complete your interview", "submit your application".
    r"(?!\s+(?:(?:short|quick|brief|online|final|phone|video|first|next)\s+)?(?:interview|"
    # ...but "redesign the onboarding flow" of their product is work.
    r"application|profile|registration|onboarding(?!\s+(?:flow|screens?|experience|journey|"
    r"emails?|UX|design))|paperwork|forms?|background|details|"
    r"information|availability|questionnaire|survey|references?)\b)"
)
HIRING = rx(
    r"\b(?:interview\w*|candidates?|(?:next|final|technical|second|third|last)[\s-]+(?:step|"
    r"stage|round)|your\s+application|as\s+part\s+of\s+(?:the|your|this)\s+application|"
    # "This is an unpaid part of the selection process".
    r"part\s+of\s+(?:the|our|your)\s+(?:selection|hiring|recruitment|interview)\s+process|before\s+(?:we|an?)\s+(?:can\s+)?(?:offer|decide|"
    r"make|move)|to\s+be\s+considered|as\s+part\s+of\s+(?:the|our|your)\s+(?:(?:selection|hiring|recruitment|interview)\s+)?"
    r"(?:process|assessment)|"
    r"to\s+move\s+forward|to\s+progress|as\s+(?:an?\s+|your\s+)?(?:writing|work|design|coding|"
    r"code|portfolio)\s+samples?)\b"
)
# A pay rate for the work itself: "$40/hr", "£12.50 per hour", "$300 a day".
_RATE = (
    r"(?:[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:dollars|euros?|pounds|USD|EUR|GBP))\s*"
    r"(?:/\s*|per\s+|an?\s+|each\s+)(?:hour|hr|h|day|shift|session)\b"
)
# "a paid take-home", "a paid 4-hour take-home", "paid trial shifts", "a paid day in the
# kitchen"; whole words only ("paid testers" is no paid test) and not the job's holidays ("28
# paid days of holiday", "paid weeks of leave", "a paid day off").
_PAID_STEP = (
    r"\bpaid\s+(?:\d+(?:\.\d+)?-(?:hour|hr|day|minute|min)\s+)?(?:(?:take[- ]?home|assignment|"
    r"exercise|project|trial|test|task|challenge|work\s+(?:sample|trial)|working\s+(?:interview|"
    r"day)|interview\s+day|case\s+study|shift|bake[- ]?off|stage)s?\b|(?:day|week)\b"
    r"(?!\s+(?:off|of\s+(?:holiday|leave|vacation|annual\s+leave|time\s+off))\b))"
)
_PAID = rx(
    _PAID_STEP
    + r"|\b(?:we|we'll|we\s+will|you\s+will\s+be|you'll\s+be|will\s+be|is|are|it's|it\s+is)\s+"
    r"(?:\w+\s+){0,2}(?:pay|paid|compensat\w+|reimburs\w+)\s+(?:\w+\s+){0,4}(?:for\s+(?:your|the|"
    r"this|it|their|all)|at\s+(?:a|an|our|your|the|\$|€|£)|[$€£]\d|an?\s+(?:hourly|flat|fixed|"
    r"honorarium))"
    r"|\b(?:honorarium|stipend|flat\s+fee|fee)\s+(?:of\s+)?[$€£]\s?\d"
    r"|[$€£]\s?\d[\d,.]*\s*(?:honorarium|stipend|flat\s+fee|for\s+(?:your|the|this)\s+(?:time|"
    r"work|assignment|exercise|project|task|trial))"
    r"|\bcompensated\s+for\s+(?:your|the)\s+(?:time|work)"
    r"|\bpaid\s+at\s+(?:your|our|the|a|an)\s+"
    r"|\bpaid\s+(?:at\s+)?" + _RATE
)
_NOT_PAID = rx(
    r"\bunpaid\b|(?:\bnot|n't|\bnever|\bno)\s+(?:\w+\s+){0,2}(?:paid|pay|compensat\w*)\b"
)
_UNPAID = rx(
    r"\bunpaid\b|\bwithout\s+(?:pay|payment|compensation)\b|\bfor\s+free\b|\bfree\s+of\s+charge\b"
    # "There's no payment for this", not "no payment is required from you" (a fee not asked).
    r"|\bno\s+(?:pay|payment|compensation|fee)\s+for\s+(?:this|it|the|your)\b"
    r"(?![^.!?\n]{0,40}\b(?:required|needed|necessary|from\s+you)\b)"
    r"|\b(?:(?:is|are|will\s+be)\s+not|isn't|aren't|won't\s+be)\s+(?:paid|compensated)\b"
    # "We can't pay for this step", "we don't pay for your time on it" (not for your travel).
    r"|\b(?:can't|can\u2019t|cannot|can\s+not|don't|don\u2019t|do\s+not|won't|won\u2019t|will\s+not|"
    r"(?:are|'re)\s+(?:not|un)able\s+to)\s+pay\s+(?:you\s+)?for\s+(?:this|it|that|the\s+work|"
    r"your\s+(?:work|time))\b"
)
# Deliverables whose size is known roughly: (pattern, low hours, high hours, plain words)
SCOPES: tuple[tuple[re.Pattern[str], float, float, str], ...] = (
    (
        rx(
            r"\b(?:build|create|develop|code|ship|implement|make)\s+(?:us\s+)?(?:an?\s+|the\s+)?"
            r"(?:full|complete|entire|working|fully[- ]functional|functioning|production[- ]ready|"
            r"end[- ]to[- ]end|full[- ]stack|whole|new)\s+" + W + r"{0,2}(?:apps?|applications?|"
            r"websites?|sites?|platforms?|products?|mvp|systems?|stores?|services?|features?|"
            r"integrations?|prototypes?)\b"
        ),
        24,
        60,
        "a complete working application or site",
    ),
    (
        rx(
            r"\b(?:redesign|rebuild|re-?architect|revamp|migrate|overhaul|rework)\w*\s+(?:\w+\s+){0,2}(?:our|the"
            r"|an?|your)\s+(?:\w+\s+){0,2}(?:website|app|homepage|checkout|onboarding|dashboard|"
            r"product|site|platform|brand|codebase|pipeline|flow)\b"
        ),
        16,
        40,
        "redesigning or rebuilding an existing product",
    ),
    (
        rx(
            r"\b(?:full|complete|comprehensive|detailed|entire|\d{2}-day|annual|quarterly)?\s*"
            r"(?:marketing|go-to-market|gtm|content|growth|sales|social\s+media|brand(?:ing)?|SEO|"
            r"product|business|launch|media|communications?|fundraising|hiring)\s+(?:strategy|plan|"
            r"audit|roadmap|playbook|campaign|calendar|proposal)\b"
        ),
        8,
        20,
        "a full strategy, plan or campaign",
    ),
    (
        rx(
            r"\b(?:\d+|two|three|four|five|six|eight|ten|twelve)\s+(?:\S+\s+){0,2}(?:blog\s+posts|articles"
            r"|designs|mockups|screens|videos|lesson\s+plans|landing\s+pages|illustrations|"
            r"ad\s+concepts|case\s+studies|translations|pages\s+of\s+copy|posts|newsletters|"
            r"graphics|logos|banners|scripts|press\s+releases|product\s+descriptions)\b"
        ),
        6,
        20,
        "several finished pieces of work",
    ),
    (
        # Made, not mentioned: "design a complete brand identity for our bakery", not "a post
        # about our new brand identity".
        rx(
            r"\b(?:design|create|develop|build|produce|put\s+together|deliver|come\s+up\s+with)\s+"
            r"(?:us\s+)?(?:an?\s+|the\s+|our\s+|your\s+)?(?:(?:full|complete|whole|entire|new)\s+)?"
            r"(?:brand|visual|corporate)\s+identit(?:y|ies)\b"
        ),
        10,
        30,
        "a whole brand identity",
    ),
    (
        rx(r"\b(?:financial\s+model|business\s+plan|market\s+research\s+report|investor\s+deck)\b"),
        10,
        30,
        "a full business deliverable",
    ),
)


@dataclass
class Hours:
    """Estimated effort in hours, with the words it was read from."""

    low: float
    high: float
    basis: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "basis": self.basis,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class UnpaidWork:
    """What the analyzer read about an assignment or trial."""

    assignment: list[Evidence]
    hours: Hours | None
    time_allowed: Hours | None
    paid: list[Evidence]
    explicitly_unpaid: list[Evidence]
    used: list[Evidence]
    is_trial: bool
    # Pay said of the work itself, in its sentence or the next ("We'll pay $150 for each"),
    # not only the job's pay before it in the posting.
    paid_for_it: bool = False
    # Pay promised only once the reader is hired ("You'll be paid for it if you're hired"):
    # not pay for the work, which is done either way.
    paid_if_hired: list[Evidence] = field(default_factory=list)
    # A lump sum far below any wage for the hours the work takes ("a $50 honorarium for a
    # full campaign"), and the pay by the hour it comes to.
    token_pay: Evidence | None = None
    token_rate: str = ""


def find_unpaid_work(text: str, sents: Sentences) -> UnpaidWork | None:
    """Find an assignment, trial or bake-off in `text`; None when there is none."""
    assignment = [
        from_match(text, m)
        for m in ASSIGNMENT_STRONG.finditer(text)
        if not _DENIED.search(text, max(0, m.start() - 40), m.start())
    ]
    # In a job ad, "you will build..." describes the job; only a hiring word in the same
    # sentence makes it a hiring step.
    posting = looks_like_posting(text)
    if not assignment:
        about_hiring = _HIRING_CONTEXT.search(text) is not None  # once, not per match
        welcomed = _WELCOMED.search(text) is not None
        for match in ASSIGNMENT_WEAK.finditer(text):
            lo, hi = sents.window(match.start(), 1)
            here = sents.window(match.start())
            sized = _has_size(text, *here)
            if (
                HIRING.search(text, *here)
                or (HIRING.search(text, lo, hi) and sized and not posting)
                or (
                    sized
                    and _HIRING_NOUN.match(match.group(0))
                    and _REQUEST.search(text, *here)
                    and not posting
                )
                or (sized and _ASKED.search(text, *here) and _UNPAID.search(text, *here))
                # Work of some size asked "for the designer role": the role the reader is
                # being hired for, not a colleague's task ("Hi team", "before she starts").
                # Its size may be said in the next sentence ("It usually takes a weekend").
                or (
                    not posting
                    and _FOR_THE_ROLE.search(text, lo, hi)
                    and (sized or _has_size(text, lo, hi))
                    and _ASKED_OF_YOU.search(text, *here)
                    and not _MONEY_OFFERED.search(text, lo, hi)
                    and not welcomed
                    and not _FOR_SOMEONE_ELSE.search(text)
                )
                # Work of some size asked of the reader and said near it to be unpaid, or
                # work of any size said to be work the employer may use ("We may publish the
                # best ones", "We may use your designs on the final cans"), in a message about
                # hiring, is unpaid work even when no hiring word is in its sentence.
                or (
                    not posting
                    and _ASKED.search(text, *here)
                    # Said unpaid up to two sentences on ("... Most people take about two
                    # days over it. We can't pay for this step").
                    and (
                        (sized and _UNPAID.search(text, *sents.window(match.start(), 2)))
                        or uses_of_work(text, lo, hi)
                    )
                    and not _MONEY_OFFERED.search(text, lo, hi)
                    and about_hiring
                    and not welcomed
                )
            ):
                assignment.append(_clause(text, match.start()))
    if not assignment:
        return None
    first = assignment[0].start
    lo = sents.window(first, 0)[0]
    hi = len(text)
    effort: list[tuple[float, float, Evidence]] = []
    window: list[tuple[float, float, Evidence]] = []
    bare: list[tuple[float, float, Evidence]] = []
    for kind, low, high, item in durations(text, lo, hi):
        if kind not in ("horizon", "reply", "when"):
            {"effort": effort, "window": window, "bare": bare}[kind].append((low, high, item))
    is_trial = bool(
        re.search(
            r"trial|working\s+interview|unpaid\s+shift|\bstag(?:e|ing)\b",
            " ".join(e.quote for e in assignment),
            re.I,
        )
    )

    hours: Hours | None = None
    if effort:
        low = max(e[0] for e in effort)
        high = max(e[1] for e in effort)
        hours = Hours(low, high, "stated effort", [e[2] for e in effort])
    elif bare:
        low = max(e[0] for e in bare)
        high = max(e[1] for e in bare)
        hours = Hours(low, high, "stated duration", [e[2] for e in bare])
    if hours is None or hours.basis == "stated duration":
        # A bare duration may be a deadline; the size of the deliverable is the better guide.
        by_scope = _scope(text, lo, hi)
        if by_scope is not None:
            hours = by_scope
    if hours is None and is_trial:
        trial_text = " ".join(e.quote for e in assignment).lower()
        if "week" in trial_text:
            hours = Hours(30, 40, "a trial week", assignment[:1])
        elif "shift" in trial_text or "day" in trial_text or "working interview" in trial_text:
            hours = Hours(6, 8, "one trial shift or day", assignment[:1])
    time_allowed = None
    if window:
        time_allowed = Hours(
            max(w[0] for w in window),
            max(w[1] for w in window),
            "calendar time allowed",
            [w[2] for w in window],
        )

    unpaid = [from_match(text, m) for m in _UNPAID.finditer(text)]
    # "Unpaid" said of the assignment itself outweighs pay mentioned elsewhere, which is
    # usually the job's pay ("Line cook, paid $18/hr. ... a 2-day unpaid trial").
    asked = {sents.index(e.start) for e in assignment}
    said_unpaid = any(sents.index(e.start) in asked for e in unpaid)
    paid: list[Evidence] = []
    paid_if_hired: list[Evidence] = []
    sums: list[tuple[float, str, Evidence] | None] = []
    paid_for_it = False
    first_asked = min(asked)
    for match in _PAID.finditer(text):
        s_lo, s_hi = sents.window(match.start())
        if _NOT_PAID.search(text, s_lo, match.end()):
            continue
        # ...in the pay's own clause: not "We pay $300 for the task, and if you're hired you'll
        # also get a bonus".
        clause_end = _CLAUSE_END.search(text, match.end(), s_hi)
        clause_hi = clause_end.start() if clause_end else s_hi
        ends = [m.end() for m in _CLAUSE_END.finditer(text, s_lo, match.start())]
        clause_lo = ends[-1] if ends else s_lo
        if _IF_HIRED.search(text, clause_lo, clause_hi):
            paid_if_hired.append(from_match(text, match))
            continue
        index = sents.index(match.start())
        if said_unpaid and index not in asked:
            continue
        # The role's pay ("It is a paid internship at $18/hour", "The position is paid at
        # $24/hour", "Line cook, paid at $18/hr." before the trial) is not pay for the work.
        for_the_work = _FOR_THE_WORK.search(text, match.start(), clause_hi) is not None
        if not for_the_work and (_ROLE_PAY.search(text, s_lo, clause_hi) or index < first_asked):
            continue
        paid.append(from_match(text, match))
        # The sum may come before the words about pay in their clause: "A $50 honorarium is
        # paid for it".
        sums.append(_lump_sum(text, clause_lo, match.start(), clause_hi))
        # Pay said of the work itself, in its sentence or the next: "We'll pay $600 for it",
        # "$200 per article", "a fee for the exercise".
        if for_the_work and any(0 <= index - i <= 1 for i in asked):
            paid_for_it = True
    # A lump sum far below a wage for the least time the work takes is a token, not pay.
    token_pay, token_rate = None, ""
    if paid and hours is not None and hours.low > 0 and all(sums):
        amount, symbol, quoted = max((s for s in sums if s is not None), key=lambda s: s[0])
        if amount / hours.low < TOKEN_HOURLY:
            token_pay, token_rate = quoted, f"{symbol}{amount / hours.low:.2f}"
            paid, paid_for_it = [], False
    used = quoted_uses(text, sents, uses_of_work(text, lo, hi), assignment)
    return UnpaidWork(
        assignment=assignment,
        hours=hours,
        time_allowed=time_allowed,
        paid=paid,
        explicitly_unpaid=unpaid,
        used=used,
        is_trial=is_trial,
        paid_for_it=paid_for_it,
        paid_if_hired=paid_if_hired,
        token_pay=token_pay,
        token_rate=token_rate,
    )


def _lump_sum(text: str, lo: int, at: int, hi: int) -> tuple[float, str, Evidence] | None:
    """The sum paid in the clause text[lo:hi] of the words about pay at `at`: the first after
    them, else the last before them; with its currency sign and its quote. None when there is
    none or it is pay by the hour, day or piece ("$45/hour", "$200 per article")."""
    found = _SUM.search(text, at, hi)
    if found is None:
        found = next(reversed(list(_SUM.finditer(text, lo, at))), None)
    if found is None or found.group("per"):
        return None
    try:
        amount = float(found.group("amount").replace(",", ""))
    except ValueError:
        return None
    if found.group("thousand"):
        amount *= 1000
    return amount, found.group("sign"), from_match(text, found)


def _clause(text: str, start: int) -> Evidence:
    """Quote from `start` to the end of its clause, so "write a" shows what is to be written."""
    stop = re.compile(r"[.,;:!?\n(](?!\d)").search(text, start)
    end = stop.start() if stop else len(text)
    return evidence(text, start, min(end, start + 90))


def _has_size(text: str, lo: int, hi: int) -> bool:
    if any(kind != "window" for kind, *_ in durations(text, lo, hi)):
        return True
    return _scope(text, lo, hi) is not None


# Pay promised only once the reader is hired: "if you're hired", "once we hire you", "when
# you join us" (not "whether or not you are hired", nor "once you join the call").
_IF_HIRED = rx(
    r"\b(?:if|once|when|after|should)\s+(?:you(?:'re|\u2019re|\s+are|\s+get|\s+become)?\s+"
    r"(?:hired|successful|selected|appointed|taken\s+on|offered\s+(?:the|a)\s+(?:role|job|"
    r"position)|an?\s+(?:employee|member\s+of\s+(?:staff|the\s+team)))|we\s+(?:hire|appoint|"
    r"take\s+on|offer\s+(?:you\s+)?the\s+(?:role|job|position))\s*(?:you)?|you\s+join\s+"
    # Joining them, not a call or a panel: "when you join us", "once you join the team" (not
    # "once you join us for the presentation").
    r"(?:us(?!\s+(?:for|on|at|via|over)\b)|the\s+(?:team|company|firm|business|organi[sz]ation|staff|practice|crew)|our\s+"
    r"(?:[\w-]+\s+)?(?:team|company|firm|business|organi[sz]ation|staff|practice|crew|payroll)"
    r")\b)"
)
# Less than this a hour, in the sum's own currency ($, € or £: the only signs _SUM reads), is a
# token rather than pay for the work (below the lowest minimum wages of the places the rules know
# best).
TOKEN_HOURLY = 8.0
# A sum of money, and whether it is by the hour, day or piece.
_SUM = rx(
    r"(?P<sign>[$\u20ac\u00a3])\s?(?P<amount>\d[\d,]*(?:\.\d+)?)"
    # Thousands written short: "$1k", "£2.5K", "$3 thousand".
    r"(?P<thousand>k\b|\s?thousand\b)?"
    r"(?P<per>\s*(?:/\s*|per\s+|an?\s+|each\b|apiece\b|for\s+(?:each|every)\b)(?:\w+)?)?"
    # What the sum is, quoted with it: "$50 honorarium".
    r"(?:\s+(?:honorarium|stipend|flat\s+fee|fee|gift\s+card|voucher)\b)?"
)
# (A point between digits is a decimal point: "$2.5K", "$12.50".)
_CLAUSE_END = rx(r"[;!?\n]|(?<!\d)\.|\.(?!\d)|,\s+(?:and|but|so)\b")
# Pay said of the work itself, not of the job: "for it", "for each", "for the task", "for your
# time", "per article", "per submission", an honorarium, a fee for the exercise, "a paid trial".
_FOR_THE_WORK = rx(
    r"\bfor\s+(?:it|each(?:\s+one)?|them|this(?!\s+(?:role|position|job|post))|that|both|"
    r"(?:the|this|that|your|each)\s+(?:[\w-]+\s+)?(?:work|task|exercise|assignment|project|test|"
    r"trial|shift|day|piece|article|post|design|submission|translation|sample|time|effort|"
    r"hours?|take[- ]?home|case\s+study|challenge|brief))\b"
    r"|\bper\s+(?:article|post|piece|submission|design|page|word|entry|task|assignment|"
    r"translation|illustration|video|script|deliverable|hour\s+(?:spent|of\s+work))\b"
    r"|\b(?:honorarium|stipend|flat\s+fee|fee)\b"
    r"|" + _PAID_STEP + r"\b"
)
# A role's pay: "a paid internship", "the position is paid at", "the role pays", "staff are paid".
_ROLE_PAY = rx(
    r"\bpaid\s+(?:[\w-]+\s+){0,2}(?:internships?|positions?|roles?|jobs?|posts?|placements?|"
    r"apprenticeships?|contracts?|vacanc(?:y|ies)|opportunit(?:y|ies))\b"
    r"|\b(?:position|role|job|internship|post|vacancy|placement|apprenticeship|contract|salary|"
    r"staff|employees|interns|team)\s+(?:is\s+|are\s+|will\s+be\s+)?(?:\w+\s+)?"
    r"(?:paid|pays|offers|compensated)\b"
)


# "No take-home", "we don't do take-home assignments": the step is ruled out, not asked for.
_DENIED = rx(
    r"(?:\b(?:no|not\s+an?|without\s+an?|never\s+an?)|\b(?:don't|do\s+not|won't|will\s+not|"
    r"never)\s+(?:do|have|use|set|give|send|require|ask\s+for|believe\s+in)(?:\s+(?:an?|any))?)"
    r"\s+(?:[\w-]+\s+)?$"
)
_PAGES = rx(r"\b(?P<n>\d{1,3})[- ]page\b")
_HIRING_NOUN = rx(r"assignment|exercise|task|challenge|brief")
# Work asked of the reader and said to be for free ("please prepare a full strategy for our
# launch, for free") is unpaid work whether or not hiring is named, when the work has a size:
# "free" only counts as "for free", "free of charge" or "unpaid" (not "free parking", not
# "feel free to"), and only when asked of the reader (not "we will build it for you for free").
_ASKED = rx(
    r"\b(?:please|(?:can|could|would)\s+you|we(?:'d|\s+would)\s+like\s+you\s+to|"
    # "we ask every finalist to", "we ask all shortlisted writers to".
    r"we\s+(?:ask|need|want|invite)\s+(?:you|(?:every|each|all|our)\s+(?:\w+\s+)?(?:finalists?|"
    r"candidates?|applicants?|shortlisted\s+\w+))\s+to|you\s+(?:need|must|should|have)\s+to)\b"
    # "Finalists are asked to", "each candidate is asked to".
    r"|\b(?:you|(?:all\s+|our\s+)?(?:finalists|candidates|applicants)|(?:every|each)\s+"
    r"(?:finalist|candidate|applicant))\s+(?:are|is|will\s+be)\s+(?:asked|invited|required)\s+to\b"
    # "Your first task: call 50 of our real leads".
    r"|\byour\s+(?:first\s+|next\s+|only\s+)?(?:task|assignment|exercise|challenge|brief)\s*"
    r"(?::|is\s+to\b)"
)
# A message about hiring: what makes work asked of the reader a step of it, not a task for a
# colleague or a client's brief.
_HIRING_CONTEXT = rx(
    HIRING.pattern
    + r"|\b(?:panel|role|position|vacancy|opening|hiring|recruit\w*|applicants?|apply\w*|"
    r"process|shortlist\w*|finalists?|meet\s+again|"
    # A step said to be unpaid is one of a process the reader is going through: "This step is
    # unpaid", "an unpaid round".
    r"(?:this|that|the)\s+(?:step|stage|round)\s+(?:is|will\s+be)\s+(?:unpaid|not\s+paid)|"
    r"unpaid\s+(?:step|round)|(?:great|nice|good|lovely)\s+(?:talking|speaking|"
    r"chatting|meeting)|(?:our|the|your)\s+(?:call|chat|conversation)|"
    # "Thanks for a great first chat".
    r"(?:great|nice|good|lovely|first|initial|intro(?:ductory)?)\s+(?:first\s+)?(?:call|chat|"
    r"conversation))\b"
)
# Someone already hired: their first task is the job's ("Welcome to the team! Your first task:
# call our real leads"), not a hiring step.
_WELCOMED = rx(
    r"\bwelcome\s+(?:to\s+the\s+team|aboard|on\s*board)\b|\bnow\s+that\s+you(?:'ve|\u2019ve|\s+have)"
    r"\s+(?:joined|started)\b"
)
# The role the reader is up for, opening the request's sentence: "For the designer role,
# please..." (not "we're hiring for the designer role", nor "In this role, you will").
_FOR_THE_ROLE = rx(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))\s*for\s+(?:the|this|our)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:role|position|vacancy|opening)\s*,"
    r"|\b(?:your\s+(?:interest\s+in|application\s+(?:for|to))|(?:applying|applied)\s+(?:for|"
    r"to))\s+(?:the|this|our)\s+(?:[\w-]+\s+){0,3}?(?:role|position|vacancy|opening)\b"
)
# A request, not what the job requires ("you should have shipped three apps").
_ASKED_OF_YOU = rx(
    r"\b(?:please|(?:can|could|would)\s+you|we(?:'d|\u2019d|\s+would)\s+like\s+you\s+to|"
    r"we\s+(?:ask|invite)\s+you\s+to)\b"
)
# Work for someone else's role: a colleague's task or a new hire's onboarding.
_FOR_SOMEONE_ELSE = rx(
    r"\b(?:hi|hello|hey)\s+(?:team|all|everyone|folks)\b|\bnew\s+hires?\b|"
    r"\b(?:she|he|they)\s+(?:starts?|joins?)\b"
)
# Money offered for the work ("at $150 each", "we'll pay $200 per article") makes it a paid
# piece of work, not an unpaid step, whatever is then done with it.
_MONEY_OFFERED = rx(
    r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros?|pounds|USD|EUR|GBP)\b|" + _PAID.pattern
)
_REQUEST = rx(
    r"\b(?:please|is\s+to|you(?:'ll|\s+will)|we\s+(?:ask|need|want|would\s+like)|we'd\s+like|"
    r"you\s+(?:need|must|should))\b"
)


def _scope(text: str, lo: int, hi: int) -> Hours | None:
    """Estimate hours from the size of the deliverable, when the text names one."""
    for pattern, s_low, s_high, words in SCOPES:
        scope = pattern.search(text, lo, hi)
        if scope is not None:
            return Hours(s_low, s_high, f"scope: {words}", [from_match(text, scope)])
    pages = _PAGES.search(text, lo, hi)
    if pages is not None:
        n = int(pages.group("n"))
        return Hours(
            n * 0.5, n * 1.5, f"scope: {n} pages of finished work", [from_match(text, pages)]
        )
    return None
