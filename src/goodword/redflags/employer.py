"""Who the employer is, when the text says so plainly: a US federal agency, a state or a city.

Some entries in the law data bind one kind of employer only; the OPM pay-setting rule binds
federal agencies, and some state and city bans bind only that state's agencies or that city's
government. A job seeker at a private firm must not see such a law as one that covers them,
so the signs are read for precision: a federal contractor, a firm whose clients are agencies,
the E-Verify notice that mentions the federal government, a scam selling "hidden"
government jobs, or an address "in the City of Chicago" does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goodword.redflags.places import US_STATES
from goodword.redflags.textspan import Evidence, Rule, Sentences, run_rules

US_FEDERAL = "us_federal"
US_STATE = "us_state"  # a state's own government: "State of Oregon", "Michigan Department of ..."
US_CITY = "us_city"  # a city's own government: "City of Philadelphia"

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
_STATE_CODES = {name.lower(): code for code, name in US_STATES.items() if code not in ("DC", "PR")}
_STATE_NAMES = "|".join(
    name.replace(" ", r"\s+") for name in sorted(US_STATES.values(), key=len, reverse=True)
)
_STATE = rf"(?:{_STATE_NAMES})(?![\w-])"
_STATE_OF = r"(?:State|Commonwealth)\s+of\s+"
_NOT_SCHOOL = r"(?!\s+(?i:university|college))"
# A unit of a state's government, named as governments name them. Its proper name is
# capitalised words joined by "and", "for", "on" or "&": so "the Texas Department of Sales at
# Acme" ends before "at", and a word that starts a verb ("Is Hiring") ends it too. The name
# never holds "of", so "Office of Research of the University of Washington" is no state office.
_UNIT = r"(?:Department|Office|Agency|Commission|Board|Division|Bureau|Authority)"
_WORD = r"(?!(?:Is|Has|Seeks|Invites|Wants|Needs)\b)[A-Z][\w'-]*"

# A state's name that goes on to name a region is no state's government: "of the Ohio region",
# "of the Ohio and Kentucky area" is a federal department's regional office.
_REGION_WORDS = (
    r"(?i:regions?|regional(?:[ \t]+office)?|area|district|valley|territory|zone|network|market"
    r"|metro\w*)(?![\w-])"
)
_NOT_REGION = rf"(?![ \t]+(?:{_REGION_WORDS}|(?i:and|&)[ \t]+{_STATE}))"
# The region itself, as part of the federal department's name: "The Department of Veterans
# Affairs of the Ohio region is hiring".
_OF_REGION = (
    rf"(?:[ \t]+of[ \t]+(?:the[ \t]+)?{_STATE}(?:[ \t]+(?i:and|&)[ \t]+{_STATE})?"
    rf"[ \t]+{_REGION_WORDS})?"
)

_US = r"(?:U\.\s?S\.|US|United\s+States)"
_AGENCY = (
    rf"(?:{_US}\s+(?:(?i:federal)\s+)?(?:(?i:government)|Department\s+of\s+(?:{_DEPARTMENTS}))"
    r"|(?i:(?:U\.?\s?S\.?\s+)?federal\s+(?:government|agency))"
    # "... of the State of California" or "... of Ohio" makes it a state's department of the
    # same name ("Department of Veterans Affairs of Ohio"); "... of Ohio Valley" does not.
    rf"|Department\s+of\s+(?:{_FEDERAL_DEPARTMENTS})"
    r"(?!,?\s+(?:of\s+(?:the\s+)?)?(?:State|Commonwealth)\s+of\b"
    rf"|[ \t]+of[ \t]+(?:the[ \t]+)?{_STATE}(?![ \t]+{_WORD}){_NOT_REGION}){_OF_REGION}"
    rf"|(?:{_US}\s+)?(?:{_FEDERAL_AGENCIES}))"
)
_THE = r"(?:[Tt]he\s+|[Aa]\s+)?"
_UNIT_NAME = rf"(?:the[ \t]+)?{_WORD}(?:[ \t]+(?:(?:and|for|on|&)[ \t]+)?{_WORD})*"
# What a unit named "... of <State>" does, when "State of" is not there to say whose it is.
# Firms take that shape too ("The Advertising Agency of Texas", "the Office of Admissions of
# Georgia"), so the unit must name a public function, in full: "Department of Labor of
# Illinois", "Department of Health and Human Services of Ohio". "Board of Commerce" is left
# out, since chambers of commerce are named so.
_PUBLIC_WORKS = (
    "Administration, Administrative Services, Aging, Agriculture, Alcoholic Beverage Control, "
    "Banking, Budget, Child Support, Children, Civil Rights, Civil Service, Commerce, "
    "Community Affairs, Conservation, Consumer Affairs, Consumer Protection, Correction, "
    "Corrections, Criminal Justice, Economic Development, Education, Elections, "
    "Emergency Management, Employment Security, Energy, Environmental Conservation, "
    "Environmental Protection, Environmental Quality, Families, Family Services, Finance, "
    "Financial Institutions, Fish, Forestry, Game, General Services, Health, Higher Education, "
    "Highways, Homeland Security, Housing, Human Rights, Human Services, Industrial Relations, "
    "Industries, Industry, Insurance, Justice, Juvenile Justice, Labor, Licensing, "
    "Liquor Control, Management and Budget, Mental Health, Military Affairs, Motor Vehicles, "
    "Natural Resources, Nursing, Parks, Parole, Pharmacy, Probation, Public Health, "
    "Public Instruction, Public Safety, Public Works, Recreation, Regulation, Rehabilitation, "
    "Revenue, Social Services, Taxation, Transportation, Veterans Affairs, Veterans Services, "
    "Water Resources, Wildlife, Workforce Development, the Attorney General, the Comptroller, "
    "the Governor, the Inspector General, the State Auditor, the State Treasurer, the Treasury"
)
_PUBLIC_WORK = "|".join(work.replace(" ", r"[ \t]+") for work in _PUBLIC_WORKS.split(", "))
# "Health and Human Services", "Fish, Wildlife and Parks": listed works joined by commas,
# "and" or "&".
_PUBLIC_SUBJECT = (
    rf"(?:{_PUBLIC_WORK})(?:(?:,[ \t]+|,?[ \t]+(?:and|&)[ \t]+)(?:{_PUBLIC_WORK}))*(?![\w-])"
)
# Commissions and boards that states name "... of <State>": "Railroad Commission of Texas".
_PUBLIC_BODIES = (
    "Railroad, Public Utility, Public Utilities, Public Service, Civil Service, Industrial, Tax, "
    "Lottery, Gaming, Corporation, Employment Security, Ethics, Election, Elections, Veterans, "
    "Workforce"
)
_PUBLIC_BODY = (
    r"(?:State[ \t]+)?(?:"
    + "|".join(body.replace(" ", r"[ \t]+") for body in _PUBLIC_BODIES.split(", "))
    + r")[ \t]+(?:Commission|Board)"
)
# A state's own government or one of its units. Each form marks the state's name (s1 to s7),
# so whose government it is is read back from the quote.
_STATE_FORMS = (
    # "State of Oregon", "Commonwealth of Pennsylvania", "State of Oregon, Department of ...".
    rf"{_STATE_OF}(?P<s1>{_STATE}){_NOT_SCHOOL}(?:[,:]?[ \t]+{_UNIT}[ \t]+of[ \t]+{_UNIT_NAME})?",
    # "Texas Department of Transportation", "New York State Office of General Services".
    rf"(?P<s2>{_STATE})(?:[ \t]+State)?[ \t]+{_UNIT}[ \t]+of[ \t]+{_UNIT_NAME}",
    # "Department of Labor of the State of Illinois". The state's name ends the employer's:
    # "Board of Directors of Texas Roadhouse" is a firm's.
    rf"(?:{_UNIT_NAME}[ \t]+)?{_UNIT}(?:[ \t]+of[ \t]+{_UNIT_NAME})?[ \t]+of[ \t]+(?:the[ \t]+)?"
    rf"{_STATE_OF}(?P<s3>{_STATE})(?![ \t]+{_WORD}){_NOT_SCHOOL}",
    # "Department of Labor of Illinois", "Railroad Commission of Texas": without "State of",
    # only a unit that names a public function.
    rf"(?:(?!Board[ \t]+of[ \t]+Commerce\b){_UNIT}[ \t]+of[ \t]+{_PUBLIC_SUBJECT}|{_PUBLIC_BODY})"
    rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<s5>{_STATE})(?![ \t]+{_WORD}){_NOT_REGION}{_NOT_SCHOOL}",
    # "Department of Human Services, State of Oregon".
    rf"{_UNIT}[ \t]+of[ \t]+{_UNIT_NAME},[ \t]+{_STATE_OF}(?P<s4>{_STATE}){_NOT_SCHOOL}",
    # "Texas Workforce Commission", "Texas Parks and Wildlife Department": the state's name, then
    # a public function or a state commission's, then a commission, a board or a department,
    # which is the whole name ("Texas Health Board of Directors" is not). An agency or an
    # authority named so is left out: firms are ("the Texas Insurance Agency").
    rf"(?P<s6>{_STATE})(?:[ \t]+State)?[ \t]+(?:{_PUBLIC_BODY}|{_PUBLIC_SUBJECT}[ \t]+"
    r"(?:Commission|Board|Department))(?![\w-])(?![ \t]+(?:of|at)\b)",
    # "Ohio Attorney General's Office", "Ohio Attorney General", "Office of the Texas Attorney
    # General" ("Office of the Attorney General of Texas" is a unit of a public function). The
    # state's name must be there ("Smith Attorney General Counsel" is no state's), and a bare
    # title ends the employer's name: "Texas Attorney General Counsel LLC" is a firm's.
    rf"(?:Office[ \t]+of[ \t]+(?:the[ \t]+)?)?(?P<s7>{_STATE})(?:[ \t]+State)?[ \t]+"
    r"Attorney[ \t]+General(?:['\u2019]s[ \t]+[Oo]ffice(?![\w-])"
    rf"|(?![\w'\u2019-])(?![ \t]+{_WORD}))",
)
_STATE_GOV = "|".join(f"(?:{form})" for form in _STATE_FORMS)
_STATE_OWNER = re.compile(_STATE_GOV)
# A first line that is only a unit of a state's government names the employer, as a state's
# job board heads its postings: "State of Oregon, Department of Human Services". Unless the
# text goes on to say it is a contractor's, a vendor's or a staffing firm's job for that unit.
_STATE_HEADING = re.compile(
    rf"\A[ \t\r\n]*(?=[^\n]*\b{_UNIT}\b)(?:{_STATE_GOV})[ \t\r]*$"
    r"(?![\s\S]*\b(?i:(?:sub-?)?contract\w*|vendors?|clients?|customers?|on\s+behalf\s+of|"
    r"staffing|recruit(?:ing|ment)\s+(?:agency|firm))\b)",
    re.MULTILINE,
)
# A city's own government: "City of New Orleans". The name ends before a unit of it.
_CITY_GOV = r"City\s+of\s+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
_CITY_NAME = re.compile(r"City\s+of\s+((?:[A-Z][a-z]+)(?:[ \t]+[A-Z][a-z]+){0,2})")
_CITY_UNITS = {
    "Department",
    "Office",
    "Bureau",
    "Division",
    "Police",
    "Fire",
    "Public",
    "Government",
    "Council",
    "Water",
    "Parks",
    "Is",
    "Has",
    "Seeks",
}


def _as_employer(name: str, *, place: bool = False) -> list[re.Pattern[str]]:
    """Patterns that find `name` in the employer's role, not as a client, place or lure.

    When `name` is also a place (a state, a city), "a job in the City of Chicago" says where the
    job is, not who employs you, so "in" does not count.
    """
    name = f"(?:{name})"
    where = r"(?:with|at)" if place else r"(?:with|in|at)"
    return [
        # "Join the Department of Veterans Affairs", "a position with the City of Chicago".
        re.compile(
            r"\b(?i:join|work(?:ing)?\s+for|employed\s+by|employment\s+with|(?:a\s+)?career\s+with|"
            r"(?:position|job|vacancy|opening)\s+(?:is\s+)?"
            + where
            + r")\s+"
            + _THE
            + name
            + r"(?![\w-])"
        ),
        # "The Department of Defense is hiring"; the name must start the clause or follow "the".
        re.compile(
            r"(?:^|(?<=[.!?:;]\s)|(?<=\n)|\b[Tt]he\s+|\b[Aa]\s+)"
            + name
            + r"\s+(?i:is\s+(?:hiring|seeking|recruiting|looking\s+for|accepting\s+applications)|"
            r"seeks|invites\s+applications|has\s+an?\s+(?:opening|vacancy))\b",
            re.MULTILINE,
        ),
        # A labelled line, as on a USAJOBS announcement: "Agency: Veterans Health Administration".
        re.compile(
            r"^[ \t*\u2022-]*(?i:agency|department|hiring\s+(?:agency|organi[sz]ation)|employer)"
            r"\s*:\s*" + _THE + name + r"(?![\w-])",
            re.MULTILINE,
        ),
    ]


_EMPLOYER_ROLE = [
    *_as_employer(_AGENCY),
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
    Rule(signal=US_FEDERAL, find=tuple(_EMPLOYER_ROLE + _SERVICE_TERMS), unless=_NOT_THE_EMPLOYER),
    Rule(
        signal=US_STATE,
        find=(*_as_employer(_STATE_GOV, place=True), _STATE_HEADING),
        unless=_NOT_THE_EMPLOYER,
    ),
    Rule(signal=US_CITY, find=tuple(_as_employer(_CITY_GOV, place=True)), unless=_NOT_THE_EMPLOYER),
]


@dataclass(frozen=True)
class Employer:
    """What the text says about who would employ you, with the words that say it."""

    kind: str
    evidence: tuple[Evidence, ...]
    # Whose government it is, for a state ("OR") or a city ("Philadelphia"); None for federal.
    region: str | None = None
    city: str | None = None

    @property
    def quote(self) -> str:
        return self.evidence[0].quote


def _state_of(quote: str) -> str | None:
    found = _STATE_OWNER.search(quote)
    if found is None:
        return None
    name = next(name for name in found.groups() if name is not None)
    return _STATE_CODES.get(" ".join(name.split()).lower())


def _city_of(quote: str) -> str | None:
    found = _CITY_NAME.search(quote)
    if found is None:
        return None
    words: list[str] = []
    for word in found.group(1).split():
        if word in _CITY_UNITS:
            break
        words.append(word)
    return " ".join(words) or None


def _outside(spans: list[Evidence], others: list[Evidence]) -> list[Evidence]:
    """The spans that share no character with any of `others` (both sorted, as hits are)."""
    kept: list[Evidence] = []
    i = 0
    for span in spans:
        # The others that end before this span starts cannot meet it, nor a later span.
        while i < len(others) and others[i].end <= span.start:
            i += 1
        # The first other left ends after this span starts: they meet if it starts before the
        # span ends. Any later other starts later still.
        if not (i < len(others) and others[i].start < span.end):
            kept.append(span)
    return kept


def find_employer(text: str, sents: Sentences | None = None) -> Employer | None:
    """Return who employs you when the text plainly shows a government employer, else None.

    A federal agency comes first; then a state's government, then a city's.

    >>> find_employer("Position: Nurse, GS-11. Apply on USAJOBS.").kind
    'us_federal'
    >>> find_employer("We are a federal contractor supporting the Department of Defense.") is None
    True
    >>> find_employer("Join the City of Philadelphia as a planner.").city
    'Philadelphia'
    """
    hits = run_rules(text, _RULES, sents or Sentences(text))
    state = hits.get(US_STATE)
    if (hit := hits.get(US_FEDERAL)) is not None:
        # A federal department's name that is part of a state unit's is the state's: "State of
        # Ohio: Department of Homeland Security is hiring".
        federal = _outside(hit.spans, state.spans if state is not None else [])
        if federal:
            return Employer(kind=US_FEDERAL, evidence=tuple(federal))
    if (hit := state) is not None:
        region = _state_of(hit.spans[0].quote)
        if region is not None:
            return Employer(kind=US_STATE, evidence=tuple(hit.spans), region=region)
    if (hit := hits.get(US_CITY)) is not None:
        city = _city_of(hit.spans[0].quote)
        if city is not None:
            return Employer(kind=US_CITY, evidence=tuple(hit.spans), city=city)
    return None
