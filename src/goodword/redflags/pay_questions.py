"""Questions about the reader's pay history: the sentences that ask what they earn or earned
("What is your current salary?", "your CTC in your last company"), not those that ask what they
expect or speak of pay once they are hired; `history` makes the finding from them.
"""

from __future__ import annotations

import re

from goodword.redflags.textspan import Evidence, Sentences, evidence, rx

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
