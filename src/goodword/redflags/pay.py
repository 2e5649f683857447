"""Pay in a text: salary-history questions, pay ranges, and whether the text is a job posting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from goodword.opportunities.wording import pay_words
from goodword.redflags.textspan import Evidence, Sentences, evidence, from_match, rx

W = r"(?:[\w'\u2019-]+\s+)"
PAY_NOUN = (
    r"(?:(?:base|annual|gross|total|monthly|hourly|basic)\s+(?:salary|pay|compensation|comp|wages?|"
    r"rate)|salary|salaries|pay|wages?|compensation|comp|earnings|income|remuneration|package|CTC|"
    r"rate|base|bonus|total\s+comp(?:ensation)?|OTE)"
)
PAST = r"(?:current|present|previous|prior|past|last|most\s+recent|existing|former)"
EXPECT_AFTER = (
    r"(?!\s+(?:expectations?|requirements?|needs?|you\s+are\s+(?:looking|seeking|hoping)|"
    r"you'?re\s+(?:looking|seeking|hoping)|range\s+expectations?))"
)
YOU_ARE = r"you(?:'re|\u2019re|\s+are)"
EARNING = (
    r"(?:making|earning|being\s+paid|getting\s+paid|taking\s+home|bringing\s+home|"
    r"pulling\s+in(?!\s+(?:to|for|from)\b))"
)
# "What you're making" is pay only when it is about now ("...making now?", "...at the moment");
# "we love what you're making with open source" is not.
NOW = (
    r"(?:now|currently|right\s+now|today|these\s+days|at\s+(?:the\s+moment|present)|"
    r"(?:at|in)\s+your\s+(?:current|present)\s+\w+)\b"
)
PAY_DOCUMENTS = (
    r"(?:pay\s*stubs?|payslips?|pay\s+slips?|(?:pay|earnings)\s+statements?|W-?2s?\b|P60|"
    r"T4\s+slips?|salary\s+slips?|offer\s+letter\s+from\s+your\s+current)"
)
# "We will send your pay stubs" is the employer handing them out, not asking for them; so
# is "our HR team will send", "payroll will send", "they'll send".
_EMPLOYER_SENDS = ("we", "HR", "payroll", "team", "department", "office", "company", "they")
NOT_BY_EMPLOYER = (
    "".join(rf"(?<!\b{who}\s{will})" for who in _EMPLOYER_SENDS for will in (r"will\s", r"shall\s"))
    + "".join(rf"(?<!\b{who}'ll\s)(?<!\b{who}\u2019ll\s)" for who in ("we", "they"))
    + (r"(?<!\bwe\s)")
)

HISTORY_PATTERNS: tuple[re.Pattern[str], ...] = (
    rx(r"(?<!\bour\s)\b(?:salary|pay|wage|compensation|earnings|income|remuneration)\s+history\b"),
    rx(
        r"\b(?:your|ur|the\s+candidate'?s|applicant'?s)\s+"
        + PAST
        + r"\s+(?:\w+\s+){0,2}?"
        + PAY_NOUN
        + r"\b"
        + EXPECT_AFTER
    ),
    rx(
        r"\b(?:salary|pay|compensation|comp|base|earn|earned|earning|earnings|income|wages?|make|"
        r"made|making|paid|package|CTC|(?:hourly|day|daily|billing|pay)\s+rate|rate\s+(?:were|was|did)\s+you)\b"
        r"[^.?!\n]{0,30}?\b(?:at|in|from|with|over|across|during|throughout)\s+(?:your\s+|"
        r"(?:each|every|all)\s+(?:of\s+)?"
        r"(?:your\s+)?)?"
        + PAST
        # "at each of your last three jobs"
        + r"\s+(?:(?:two|three|four|five|few|several|\d)\s+)?"
        # ...or at the last family or client worked for: "with your last family".
        r"(?:job|employer|company|role|position|workplace|firm|organi[sz]ation|family|families|"
        r"client|household)s?\b"
    ),
    rx(
        r"(?m)(?:^|:[ \t]*)[\s*•\-\d.)]*"
        + PAST
        + r"\s+(?:\w+\s+)?"
        + PAY_NOUN
        + r"\s*(?:[:?(]|\*|$)"
    ),
    rx(r"\b" + PAST + r"\s+(?:\w+\s+)?" + PAY_NOUN + r"\s*(?:\([^)\n]{0,40}\)\s*)?[:?]"),
    # Form fields listed in a line: "Name, Email, Current CTC (LPA), Expected CTC".
    rx(
        r"(?<!\bour\s)(?<!\btheir\s)\b"
        + PAST
        + r"\s+(?:\w+\s+)?"
        + PAY_NOUN
        + r"(?:\s*\([^)\n]{0,40}\))?(?=\s*[,;/]\s*(?:expected|desired|target|notice)\b)"
    ),
    rx(
        r"\bhow\s+much\s+(?:are|were|do|did)\s+you\s+(?:currently\s+|now\s+)?(?:make|making|earn|"
        r"earning|paid|get\s+paid|getting\s+paid|take\s+home|bring\s+home|on)\b(?!\s+to\b)"
    ),
    rx(
        r"\bwhat(?:\s+(?:are|were)|'re|\u2019re)\s+you\s+(?:currently\s+|now\s+)?(?:making|earning|"
        r"paid|getting\s+paid|on|pulling\s+in(?!\s+(?:to|for|from)\b))\b"
        r"(?!\s+(?:looking|hoping|expecting|targeting))"
    ),
    rx(r"\bwhat\s+(?:do|did)\s+you\s+(?:currently\s+)?(?:make|earn|get\s+paid)\b(?!\s+of\b)"),
    rx(
        r"\bwhat\s+you\s+(?:currently\s+|now\s+)?(?:earn|make|are\s+paid|were\s+paid|earned|made)"
        r"\b(?!\s+of\b)"
    ),
    rx(
        r"\b(?:what|how\s+much)\s+(?:"
        + YOU_ARE
        + r"\s+(?:currently|now)\s+"
        + EARNING
        + r"|"
        + YOU_ARE
        + r"\s+"
        + EARNING
        + r"(?=\s*(?:"
        + NOW
        + r"|\?))|you\s+were\s+"
        + EARNING
        + r"|you\s+currently\s+(?:make|earn|get\s+paid|take\s+home)"
        r"|you\s+(?:make|earn|get\s+paid|take\s+home)(?=\s*(?:" + NOW + r"|\?)))\b"
    ),
    rx(r"\blast[-\s]drawn\s+(?:salary|pay|CTC)\b"),
    # "What does your current employer pay you?", "what your last company paid you", "what
    # the last place paid you per hour", "what does your current restaurant pay you?".
    rx(
        r"\bwhat\s+(?:does\s+|did\s+)?(?:your|the)\s+"
        + PAST
        + r"\s+(?:employer|company|firm|job|boss|place|workplace|hospital|clinic|practice|"
        r"restaurant|hotel|bar|kitchen|shop|store|salon|school|agency|client|startup|site)\s+"
        r"(?:pays?|paid|is\s+paying|was\s+paying|gives?|gave)\s+you\b"
    ),
    # "How much are they paying you over there?", "what is your company giving you now?".
    rx(
        r"\b(?:how\s+much|what)\s+(?:are|is|were|was|do|does|did)\s+(?:they|(?:your|the)\s+"
        r"(?:(?:current|present|last|previous|former)\s+)?(?:employer|company|firm|boss|client|"
        r"agency))\s+(?:currently\s+|now\s+)?(?:pay(?:ing)?|giv(?:e|ing))\s+you\b(?!\s+to\b)"
    ),
    # Whoever the employer is named as: "what hourly rate the hospital is paying you now", "how
    # much the agency pays you"; not a new employer's, nor pay to relocate or stay.
    rx(
        r"\b(?:what|how\s+much)\s+(?:\w+\s+){0,2}?(?:the|your)\s+(?!new\b)(?:\w+\s+){1,2}?"
        r"(?:is|are|was|were)\s+(?:currently\s+|now\s+)?paying\s+you\b(?!\s+(?:to|for\s+(?:this|"
        r"the\s+move)|if)\b)"
    ),
    # Pay on leaving a job: "what was your final salary when you left?" (not a final-salary
    # pension), "your pay when you left Acme".
    rx(
        r"\byour\s+(?:final|ending|leaving|closing)\s+(?:\w+\s+)?"
        + PAY_NOUN
        + r"\b(?!\s+(?:pension|scheme|plan|offer))"
    ),
    rx(
        r"\byour\s+(?:\w+\s+)?" + PAY_NOUN + r"\s+(?:\w+\s+){0,2}?(?:when|before|as)\s+you\s+left\b"
    ),
    # "What does your comp look like right now?", "how's your current package looking?": pay
    # now, not the offer ("How does the package look?") nor a wish ("what you'd like it to be").
    rx(
        r"\b(?:what|how)(?:'s|\u2019s|\s+is|\s+does|\s+do)?\s+your\s+(?:(?:current|present|"
        r"existing)\s+(?:\w+\s+)?"
        + PAY_NOUN
        + r"\s+(?:looks?|looking)\b|(?:\w+\s+)?"
        + PAY_NOUN
        + r"\s+(?:looks?|looking)(?:\s+like)?,?\s+"
        + NOW
        + r")"
    ),
    # "How's the current package looking?" is the reader's pay too; "what does the current band
    # look like for this role?" is the job's.
    rx(
        r"\b(?:what|how)(?:'s|\u2019s|\s+is|\s+does|\s+do)?\s+the\s+(?:current|present|existing)"
        r"\s+(?:\w+\s+)?"
        + PAY_NOUN
        + r"\s+(?:looks?|looking)\b(?!(?:\s+like)?\s+(?:for|in|on|at)\s+"
        r"(?:the|this|that|our|each|every)\s+(?:\w+\s+)?(?:role|position|job|team|post|opening|grade|"
        r"level|band)s?\b)"
    ),
    # "What's the salary you're on right now?", "how much is the base you are currently getting?"
    rx(
        r"\b(?:what|how\s+much)(?:'s|\u2019s|\s+is|\s+was)\s+the\s+(?:\w+\s+)?" + PAY_NOUN + r"\s+"
        r"(?:that\s+)?you(?:'re|\u2019re|\s+are|\s+were)\s+(?:currently\s+|now\s+)?(?:on|making|"
        r"earning|getting|paid|taking\s+home)\b(?!\s+(?:to|for|in\s+(?:this|the|our|your\s+new)))"
    ),
    # "Could you tell me your gross annual salary today?", "how much you are paid at present".
    rx(
        r"\b(?:tell\s+(?:me|us)|share|know|let\s+(?:me|us)\s+know|ask)\s+(?:\w+\s+){0,2}?your\s+"
        r"(?:\w+\s+){0,2}?" + PAY_NOUN + r"\s+" + NOW
    ),
    rx(
        r"\bhow\s+much\s+you(?:\s+were\s+paid\b|(?:'re|\u2019re|\s+are)\s+(?:currently\s+)?paid"
        r"(?=\s*(?:\?|" + NOW + r")))"
    ),
    rx(r"\bwhat(?:'s|\u2019s|\s+is)\s+your\s+(?:\w+\s+)?" + PAY_NOUN + r"\s+" + NOW),
    rx(
        r"\b(?:what|how\s+much)\s+(?:bonus|raise|salary|pay|commission|equity|increase)\s+did\s+"
        r"you\s+(?:get|receive|earn|make|take\s+home)\b(?!\s+to\b)"
    ),
    # "What are you at comp-wise right now?", "where you're at salary-wise".
    rx(
        r"\b(?:what|where)\s+(?:are\s+you|you're|you\u2019re|you\s+are)\s+at,?\s+"
        r"(?:comp|compensation|salary|pay|money)[- ]?wise\b"
    ),
    rx(
        r"\b" + PAST + r"\s*(?:and|&|/)\s*(?:expected|desired)\s+(?:salary|CTC|compensation|pay|"
        r"package)\b"
    ),
    rx(
        r"\b(?:"
        + NOT_BY_EMPLOYER
        + r"(?:upload|send|attach|provide|share|submit|include|forward)|need|require|"
        r"cop(?:y|ies)\s+of)\w*\s+" + W + r"{0,6}?" + PAY_DOCUMENTS
    ),
)

_NEGATED = rx(
    r"(?:\bnot|\bnever|n't|\bno\s+longer|\bcannot)\s+"
    + W
    + r"{0,4}(?:ask|request|require|seek|inquire|"
    r"need|consider|use|rely|want|look\s+at|share|disclose|provide|tell)\w*\b"
    r"|\bno\s+need\s+to\s+(?:share|disclose|tell|provide)\b"
    r"|\b(?:you\s+are|you're|candidates\s+are|applicants\s+are)\s+not\s+(?:required|asked|obliged)\b"
    r"|\b(?:is|are)\s+(?:prohibited|illegal|unlawful|banned|not\s+allowed)\b"
    r"|\b(?:we|i)\s+(?:don't|do\s+not|won't|will\s+not|never)\b"
    r"|\b(?:don't|do\s+not)\s+(?:include|send|share|attach|upload|list)\b"
    r"|\binstead\s+of\s+(?:asking|your)\b"
)
# Pay history said not to count, in a sentence that asks nothing: "Your current salary will not
# affect our offer", "based on the role's range, not on your previous pay", "rather than what
# you earn now". With a question mark the sentence still asks ("What is your current salary?
# (It won't affect the offer.)" is two sentences; "...salary (it won't matter)?" is one).
_NOT_COUNTED = rx(
    r"(?:\bnot|\bnever|n't)\s+" + W + r"{0,3}(?:affect|change|influence|factor|matter|count"
    r"|play\s+a\s+(?:part|role))\w*\b"
    r"|(?:,\s*(?:and\s+)?not|\brather\s+than)\s+(?:on\s+|by\s+|from\s+)?(?:your|what\s+you)\b"
    # "your current salary, not your expected one" still asks for it.
    r"(?!\s+(?:expected|desired|target|ideal|hoped)\b)"
)
# Pay once the reader is hired, in a sentence that asks nothing, is the new job's: "Our payroll
# team will confirm your current salary band after you join", "once you're on board, HR will
# review your current pay grade". Not "once you start the application, enter your current
# salary", nor "your current CTC and when you can join".
_ONCE_HIRED = rx(
    r"\b(?:after|once|when)\s+you(?:(?:'ve|\u2019ve|\s+have)?\s+(?:(?:join|start)(?:ed)?|been\s+"
    r"hired|are\s+hired|are\s+on\s*board)|(?:'re|\u2019re)\s+on\s*board)\b(?!\s+(?:the|your|this|our|an?)\s+"
    r"(?:\w+\s+)?(?:application|form|process|assessment|test|call|interview|survey|quiz)\b)"
    r"|\bon\s+your\s+first\s+day\b|\bafter\s+your\s+start\s+date\b"
)


def salary_history_questions(text: str, sents: Sentences) -> list[Evidence]:
    """Find questions or form fields about current or past pay (not expectations)."""
    found: list[Evidence] = []
    # Each sentence is read for negation once, and the characters already quoted are marked,
    # so a long pasted text with thousands of questions costs time in proportion to its length.
    negated: dict[int, bool] = {}
    quoted = bytearray(len(text) + 1)
    for pattern in HISTORY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            while start < end and text[start] in " \t\r\n*•-.):0123456789":
                start += 1
            while end > start and text[end - 1] in " \t(:?*":
                end -= 1
            index = sents.index(start)
            if index not in negated:
                sentence = sents.sentence(start)
                negated[index] = bool(
                    _NEGATED.search(sentence)
                    or (
                        "?" not in sentence
                        and (_NOT_COUNTED.search(sentence) or _ONCE_HIRED.search(sentence))
                    )
                )
            if negated[index]:
                continue
            item = evidence(text, start, end)
            if not quoted[item.start]:
                found.append(item)
                quoted[item.start : item.end] = b"\x01" * (item.end - item.start)
    return sorted(found)


# Pay ranges ---------------------------------------------------------------------------------

CURRENCY = r"(?:US\$|CA\$|C\$|CAD\s?\$?|A\$|AU\$|NZ\$|USD\s?\$?|EUR|GBP|AUD|CHF|\$|€|£)"
NUM = r"\d{1,3}(?:[,.\s]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
PERIOD = (
    r"(?:\s*(?:/|per|an?|each)\s*(?P<{n}>hour|hr|h|year|yr|annum|month|mo|week|wk|day)\b"
    r"|\s+(?P<{n}2>annually|yearly|hourly|monthly|p\.a\.|per\s+annum))"
)
_AMOUNT = r"(?P<{c}>{cur})?\s?(?P<{v}>{num})(?P<{k}>\s?[kK]\b)?\s?(?P<{c}x>{cur}|€|euros?)?"


def _amount(c: str, v: str, k: str) -> str:
    return _AMOUNT.format(c=c, v=v, k=k, cur=CURRENCY, num=NUM)


_RANGE = re.compile(
    r"(?:\bbetween\s+)?"
    + _amount("c1", "v1", "k1")
    + r"\s*(?:-|\u2013|\u2014|to|and)\s*"
    + _amount("c2", "v2", "k2")
    + r"(?:"
    + PERIOD.format(n="p", **{})
    + r")?",
    re.IGNORECASE,
)
_OPEN = re.compile(
    r"(?:\b(?P<lead>up\s+to|starting\s+(?:at|from)|from|minimum(?:\s+of)?|at\s+least)\s+)?"
    + _amount("c1", "v1", "k1")
    + r"(?:"
    + PERIOD.format(n="p", **{})
    + r")?(?P<tail>\s*\+|\s+(?:and\s+up|and\s+above|or\s+more|plus)\b)?",
    re.IGNORECASE,
)
_PAY_LABEL = rx(
    r"\b(?:salary|pay|compensation|wage|OTE|base(?:\s+(?:salary|pay))?)(?:\s+(?:is|of))?"
    r"\s*[:\-\u2013]?\s*$"
)
_PAY_CONTEXT = rx(
    r"\b(?:salary|salaries|pay|paid|compensation|wage|rate|base|range|OTE|earn\w*|income|"
    r"per\s+(?:hour|year|annum)|hourly|annual\w*|stipend)\b"
)
_PERIODS = {
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
    "hourly": "hour",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "p.a.": "year",
    "per annum": "year",
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "week": "week",
    "wk": "week",
    "day": "day",
}
_CURRENCY_CODES = {"$": "USD", "€": "EUR", "£": "GBP", "EUR": "EUR", "GBP": "GBP", "CHF": "CHF"}


@dataclass(frozen=True)
class PayRange:
    """A stated pay figure or range; `high` is None for open-ended or single amounts."""

    low: float
    high: float | None
    currency: str | None
    period: str | None
    open_ended: bool
    evidence: Evidence

    @property
    def spread_ratio(self) -> float | None:
        if self.high is None or self.low <= 0:
            return None
        return self.high / self.low

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "currency": self.currency,
            "period": self.period,
            "open_ended": self.open_ended,
            "evidence": self.evidence.to_dict(),
        }


def _number(raw: str) -> float:
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:[,.\s]\d{3})+", raw):
        return float(re.sub(r"[,.\s]", "", raw))
    if re.fullmatch(r"\d{1,3}(?:[,\s]\d{3})+\.\d{1,2}", raw):
        return float(re.sub(r"[,\s]", "", raw))
    return float(raw.replace(",", ""))


def _currency(*raw: str | None) -> str | None:
    for item in raw:
        if not item:
            continue
        code = item.strip().upper().rstrip("$").strip()
        if item.strip().lower().startswith("euro"):
            return "EUR"
        if code in ("US", "USD", ""):
            return "USD" if "$" in item or code in ("US", "USD") else None
        if code in ("CA", "C", "CAD"):
            return "CAD"
        if code in ("A", "AU", "AUD"):
            return "AUD"
        if code == "NZ":
            return "NZD"
        return _CURRENCY_CODES.get(item.strip(), code or None)
    return None


def _period(match: re.Match[str]) -> str | None:
    raw = match.group("p") or match.group("p2")
    return _PERIODS.get(" ".join(raw.lower().split())) if raw else None


def _trimmed(text: str, match: re.Match[str]) -> Evidence:
    end = match.end()
    while end > match.start() and text[end - 1].isspace():
        end -= 1
    return evidence(text, match.start(), end)


@dataclass(frozen=True)
class RecordedPay:
    """The pay kept in an opportunity's own fields, apart from its posting text."""

    low: float | None
    high: float | None
    currency: str | None = None
    period: str | None = None

    @property
    def words(self) -> str:
        """The pay in words: "$120,000 to $150,000 a year", "from £30,000", "up to $40 an hour".

        >>> RecordedPay(120000, 150000, "USD", "year").words
        '$120,000 to $150,000 a year'
        """
        return pay_words(self.low, self.high, self.currency, self.period)


def pay_ranges(text: str) -> list[PayRange]:
    """Parse pay ranges and single figures ("$120,000-$150,000", "€55k - €65k", "$25/hr+")."""
    found: list[PayRange] = []
    # The characters a range already covers, and whether each sentence speaks of pay: both
    # looked up in constant time, so a long text full of figures costs time in proportion.
    taken = bytearray(len(text) + 1)
    sents = Sentences(text)
    about_pay: dict[int, bool] = {}

    def pay_sentence(pos: int) -> bool:
        index = sents.index(pos)
        if index not in about_pay:
            lo, hi = sents.spans[index]
            about_pay[index] = _PAY_CONTEXT.search(text, lo, hi) is not None
        return about_pay[index]

    for match in _RANGE.finditer(text):
        has_money = bool(match.group("c1") or match.group("c2") or match.group("c1x"))
        has_money = has_money or bool(match.group("c2x"))
        has_k = bool(match.group("k2"))
        period = _period(match)
        if not (has_money or has_k or (period and pay_sentence(match.start()))):
            continue
        low, high = _number(match.group("v1")), _number(match.group("v2"))
        if match.group("k2"):
            high *= 1000
            if match.group("k1") or low < 1000:
                low *= 1000
        elif match.group("k1"):
            low *= 1000
        if high <= low or (period is None and high < 100 and not has_money):
            continue
        currency = _currency(match.group("c1"), match.group("c2"), match.group("c1x"))
        currency = currency or _currency(match.group("c2x"))
        found.append(PayRange(low, high, currency, period, False, _trimmed(text, match)))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for match in _OPEN.finditer(text):
        if taken[match.start()]:
            continue
        money = match.group("c1") or match.group("c1x")
        if not money:
            continue
        period = _period(match)
        lead = (match.group("lead") or "").lower()
        open_ended = bool(match.group("tail")) or lead.startswith(("start", "from", "min", "at"))
        is_pay = period or pay_sentence(match.start())
        # A lone figure counts when a pay label names it: "Salary: $95,000", "OTE $250,000".
        labelled = _PAY_LABEL.search(text, max(0, match.start() - 30), match.start())
        if not (period or open_ended or lead == "up to" or labelled) or not is_pay:
            continue
        value = _number(match.group("v1")) * (1000 if match.group("k1") else 1)
        currency = _currency(match.group("c1"), match.group("c1x"))
        found.append(
            PayRange(
                value, None, currency, period, open_ended or lead == "up to", _trimmed(text, match)
            )
        )
    return sorted(found, key=lambda r: r.evidence.start)


# Postings ------------------------------------------------------------------------------------

_POSTING_MARKERS = (
    r"responsibilities",
    r"requirements",
    r"qualifications",
    r"what\s+you'?ll\s+(?:do|bring)",
    r"what\s+we'?re\s+looking\s+for",
    r"about\s+(?:the\s+role|you|us|the\s+team|the\s+company)",
    r"job\s+description",
    r"benefits|perks",
    r"who\s+you\s+are",
    r"nice\s+to\s+have",
    r"must[- ]haves?",
    r"we\s+offer",
    r"how\s+to\s+apply|apply\s+(?:now|today|here|online|via|at|through)|to\s+apply",
    r"job\s+type|employment\s+type",
    r"full[- ]time|part[- ]time|permanent|contract\s+role",
    r"\d\+?\s+years\s+of\s+experience|years'\s+experience",
    r"we\s+are\s+(?:hiring|looking\s+for|seeking)|is\s+hiring|we'?re\s+hiring",
    r"join\s+our\s+team|join\s+us",
    r"position\s+summary|duties",
    r"location\s*:",
    r"equal\s+opportunity\s+employer",
)
_POSTING = [rx(r"\b(?:" + m + r")") for m in _POSTING_MARKERS]
_COMPETITIVE = rx(
    r"\b(?:competitive\s+(?:salary|pay|compensation|rates?|package)|(?:salary|pay|compensation)"
    r"\s*(?::\s*)?(?:DOE|TBD|negotiable|commensurate\s+with\s+experience)|DOE|depending\s+on"
    r"\s+experience|commensurate\s+with\s+experience|attractive\s+(?:salary|package))\b"
)


# A short ad gives itself away by the two things a posting does and a message seldom does
# together: it offers a job to whoever reads it ("is hiring", "Office assistant needed", "apply
# at") and it describes the pay without a figure ("Competitive salary", "Pay: DOE").
_OFFERS_A_JOB = rx(
    r"\b(?:(?:is|are|we'?re|now)\s+hiring|hiring\s*[:!]"
    # "Office assistant needed", "Line cooks wanted": who is wanted opens the line or sentence.
    r"|(?:(?<=^)|(?<=[\n.!]\s)|(?<=\n))(?!(?:the|your|our|any|all|some|these|those|this|that|what|"
    r"which)\b)(?:[\w'-]+[ \t]+){1,4}(?:wanted|needed)\b(?![ \t]+(?:to|by)\b)"
    r"|join\s+(?:our|the)\s+(?:\w+\s+)?team|join\s+us|(?:how|to)\s+apply"
    r"|apply\s+(?:now|today|here|online|via|at|through|by|with|in\s+person)"
    r"|send\s+(?:your|a)\s+(?:CV|r[ée]sum[ée]|application))\b"
)
# ...but a message written to one person is not an advertisement, even when it says both: a
# recruiter's e-mail ("Hi Dana, I came across your profile... we're hiring... competitive
# salary") or an interview invitation ("Thank you for applying"). Ads say "Are you interested
# in...?" and "Thanks for your interest", so those do not count.
_TO_ONE_PERSON = rx(
    r"(?:\A|\n)[ \t]*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b"
    r"|\bI\s+(?:came\s+across|found|saw|noticed|read)\s+your\b"
    r"|\b(?:I'?m|I\s+am|I\s+wanted\s+to)\s+reach(?:ing)?\s+out\b|\breaching\s+out\s+to\s+you\b"
    r"|\bthank(?:s|\s+you)\s+for\s+(?:applying|your\s+application)\b"
    r"|\bwould\s+you\s+be\s+(?:open|interested|available)\b|\bare\s+you\s+open\s+to\b"
    r"|\bas\s+(?:we\s+)?discussed\b"
    # Not "your profile" alone: ads head a section so ("Your profile: ...").
    r"|\byour\s+(?:profile|background|experience)\s+(?:caught|stood|looks|fits|matches)\b"
)


def posting_markers(text: str) -> int:
    """How many of the headings and phrases job advertisements use the text holds."""
    return sum(1 for marker in _POSTING if marker.search(text))


def looks_like_posting(text: str) -> bool:
    """Say whether `text` reads like a job advertisement rather than a message.

    Three or more posting markers (responsibilities, requirements, benefits, "apply now"...)
    make a posting. So does a short ad that offers a job to whoever reads it and describes the
    pay without a figure, unless it is written to one person:

    >>> looks_like_posting("Office assistant needed. Competitive pay. Call us to apply.")
    True
    >>> looks_like_posting("Hi Dana, we're hiring an analyst; competitive salary. Open to a call?")
    False
    """
    if posting_markers(text) >= 3:
        return True
    return (
        _COMPETITIVE.search(text) is not None
        and _OFFERS_A_JOB.search(text) is not None
        and _TO_ONE_PERSON.search(text) is None
    )


def vague_pay_phrases(text: str) -> list[Evidence]:
    return [from_match(text, m) for m in _COMPETITIVE.finditer(text)]
