"""Who the employer is, when the text says so plainly: for now, a US federal agency.

Some entries in the law data bind one kind of employer only; the OPM pay-setting rule binds
federal agencies. A job seeker at a private firm must not see it as a law that covers them,
so the signs are read for precision: a federal contractor, a firm whose clients are agencies,
the E-Verify notice that mentions the federal government, or a scam selling "hidden"
government jobs does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goodword.redflags.textspan import Evidence, Rule, Sentences, run_rules

US_FEDERAL = "us_federal"

# Departments whose name is the same in many state governments need "U.S." in front.
_DEPARTMENTS = (
    r"Agriculture|Commerce|Defen[cs]e|Education|Energy|Health\s+and\s+Human\s+Services|"
    r"Homeland\s+Security|Housing\s+and\s+Urban\s+Development|(?:the\s+)?Interior|Justice|"
    r"Labor|State|Transportation|(?:the\s+)?Treasury|Veterans\s+Affairs"
)
# Departments that only the federal government has under this name. A state's is prefixed with
# the state's name ("Texas Department of ..."), which the employer patterns below do not accept.
_FEDERAL_DEPARTMENTS = r"Defen[cs]e|Homeland\s+Security|Veterans\s+Affairs"
_FEDERAL_AGENCIES = (
    r"Social\s+Security\s+Administration|Internal\s+Revenue\s+Service|"
    r"Veterans\s+Health\s+Administration|Office\s+of\s+Personnel\s+Management|"
    r"General\s+Services\s+Administration|National\s+Park\s+Service|"
    r"Federal\s+Bureau\s+of\s+Investigation|Environmental\s+Protection\s+Agency"
)
_US = r"(?:U\.\s?S\.|US|United\s+States)"
_AGENCY = (
    rf"(?:{_US}\s+(?:(?i:federal)\s+)?(?:(?i:government)|Department\s+of\s+(?:{_DEPARTMENTS}))"
    r"|(?i:(?:U\.?\s?S\.?\s+)?federal\s+(?:government|agency))"
    rf"|Department\s+of\s+(?:{_FEDERAL_DEPARTMENTS})"
    rf"|(?:{_US}\s+)?(?:{_FEDERAL_AGENCIES}))"
)
_THE = r"(?:[Tt]he\s+|[Aa]\s+)?"

_EMPLOYER_ROLE = [
    # "Join the Department of Veterans Affairs", "a position with a federal agency".
    re.compile(
        r"\b(?i:join|work(?:ing)?\s+for|employed\s+by|employment\s+with|(?:a\s+)?career\s+with|"
        r"(?:position|job|vacancy|opening)\s+(?:is\s+)?(?:with|in|at))\s+"
        + _THE
        + _AGENCY
        + r"(?![\w-])"
    ),
    # "The Department of Defense is hiring"; the name must start the clause or follow "the".
    re.compile(
        r"(?:^|(?<=[.!?:;]\s)|(?<=\n)|\b[Tt]he\s+|\b[Aa]\s+)"
        + _AGENCY
        + r"\s+(?i:is\s+(?:hiring|seeking|recruiting|looking\s+for)|seeks|"
        r"invites\s+applications|has\s+an?\s+(?:opening|vacancy))\b",
        re.MULTILINE,
    ),
    # A labelled line, as on a USAJOBS announcement: "Agency: Veterans Health Administration".
    re.compile(
        r"^[ \t*\u2022-]*(?i:agency|department|hiring\s+(?:agency|organi[sz]ation)|employer)"
        r"\s*:\s*" + _THE + _AGENCY + r"(?![\w-])",
        re.MULTILINE,
    ),
    re.compile(
        r"\b(?i:this\s+is\s+a\s+federal\s+(?:government\s+|civil\s+service\s+)?(?:position|job)|"
        r"as\s+a\s+federal\s+employee)\b"
    ),
]

_SERVICE_TERMS = [
    # Applying through USAJOBS, or its announcement and control numbers.
    re.compile(
        r"\b(?i:apply|applications?|submit\w*|posted|announced|listed)\b[^.\n]{0,40}?"
        r"\b(?i:usa\s?jobs)\b|\b(?i:usa\s?jobs)(?:\.gov)?\s+(?i:announcement|control\s+number|"
        r"posting|vacancy)\b|\b(?i:usajobs\.gov/job)\b"
    ),
    # A General Schedule grade: "GS-12", "GS-0343-12", "GS 11/12", "GS-9 to GS-12".
    re.compile(r"\bGS[-\u2013 ](?:\d{4}[-\u2013])?(?:1[0-5]|0?[1-9])\b(?![-\u2013.]\d)"),
    re.compile(r"\b(?i:general\s+schedule)\s+\(GS\)|\b(?i:general\s+schedule\s+(?:grade|pay))\b"),
    # Appointments under title 5 of the US Code, and the federal career systems.
    re.compile(
        r"\bTitle\s+5\b(?=,?\s+(?:of\s+the\s+)?(?:U\.?\s?S\.?\s?C\.?|United\s+States\s+Code)|"
        r"\s+(?i:appointment|excepted|competitive|position))"
    ),
    re.compile(
        r"\bSenior\s+Executive\s+Service\b|\bfederal\s+(?:competitive|excepted)\s+service\b"
    ),
]

# Said in the same sentence, these mean the agency is a client, a comparison or a lure.
_NOT_THE_EMPLOYER = re.compile(
    r"\b(?:contract(?:or|ors|ing|s)?|sub-?contract\w*|vendor|clients?|customers?|partners?|"
    r"equivalent|comparable|similar|not|never|unlisted|hidden|secret|insider|"
    r"unadvertised|former|previous|retired)\b|n't\b",
    re.IGNORECASE,
)

_RULES = [
    Rule(signal=US_FEDERAL, find=tuple(_EMPLOYER_ROLE + _SERVICE_TERMS), unless=_NOT_THE_EMPLOYER)
]


@dataclass(frozen=True)
class Employer:
    """What the text says about who would employ you, with the words that say it."""

    kind: str
    evidence: tuple[Evidence, ...]

    @property
    def quote(self) -> str:
        return self.evidence[0].quote


def find_employer(text: str, sents: Sentences | None = None) -> Employer | None:
    """Return the employer's kind when the text plainly shows it (a US federal agency), else None.

    >>> find_employer("Position: Nurse, GS-11. Apply on USAJOBS.").kind
    'us_federal'
    >>> find_employer("We are a federal contractor supporting the Department of Defense.") is None
    True
    """
    hits = run_rules(text, _RULES, sents or Sentences(text))
    hit = hits.get(US_FEDERAL)
    if hit is None:
        return None
    return Employer(kind=US_FEDERAL, evidence=tuple(hit.spans))
