"""How long unpaid work takes, read from the words that say so: effort ("should take about 6
hours", "a 3-day take-home", "2-3 evenings"), time allowed ("submit within 5 days", "complete
it in 3 days"), a deadline for answering the message, and a day named rather than a length
("a trial shift this weekend"). `unpaid.find_unpaid_work` uses them.
"""

from __future__ import annotations

import re

from goodword.redflags.textspan import Evidence, from_match, rx

W = r"(?:[\w'\u2019-]+\s+)"
NUMBER_WORDS = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "twelve": 12.0,
    "fifteen": 15.0,
    "twenty": 20.0,
    "thirty": 30.0,
    "forty": 40.0,
    "forty-eight": 48.0,
    "half": 0.5,
    "couple": 2.0,
    "few": 3.0,
    "several": 4.0,
}
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
UNIT_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 8.0, "shift": 8.0, "week": 40.0, "month": 160.0}
# Spare time counted in parts of a day: "2-3 evenings" is 6 to 12 hours, as "an evening" is 3 to 4.
UNIT_SPAN = {"evening": (3.0, 4.0), "afternoon": (3.0, 4.0), "weekend": (12.0, 16.0)}
# A deadline is calendar time, not work: "within a week" allows 7 days (168 hours), not 40.
CALENDAR_HOURS = {
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 24.0,
    "shift": 24.0,
    "week": 168.0,
    "month": 720.0,
    "evening": 24.0,
    "afternoon": 24.0,
    "weekend": 48.0,
}
_UNIT = (
    r"(?P<unit>min(?:ute)?s?|hours?|hrs?|h|days?|shifts?|weeks?|months?|evenings?|afternoons?"
    r"|weekends?)"
)
_DURATION = re.compile(
    r"\b(?:a\s+|an\s+)?(?:couple\s+of\s+|few\s+)?(?P<lo>"
    + _NUM
    + r")(?:\s*(?:-|\u2013|to|or|and)\s*"
    r"(?P<hi>"
    + _NUM
    + r"))?(?:\s+of)?(?:\s+|-)?(?:(?:full|whole|solid|working|unpaid|paid|trial)\s+){0,2}"
    + _UNIT
    + r"\b(?P<long>[- ]long)?",
    re.IGNORECASE,
)
_PHRASES: dict[str, tuple[float, float]] = {
    r"full\s+(?:working\s+)?day|whole\s+day|entire\s+day": (8, 8),
    r"half\s+a\s+day|half[- ]day": (4, 4),
    r"(?:an?\s+|one\s+|the\s+)?(?:whole\s+|full\s+|entire\s+)?weekend": (12, 16),
    r"an\s+afternoon|an\s+evening|a\s+morning": (3, 4),
    # A part of a day to spend: "spend tomorrow morning calling" (not "we'll call you
    # tomorrow morning").
    r"spend\s+(?:tomorrow|the|this)\s+(?:morning|afternoon|evening)": (3, 4),
    r"(?:a\s+)?couple\s+of\s+evenings": (5, 8),
    r"(?:a|one|the\s+whole|a\s+full|one\s+full)\s+(?:working\s+)?week": (30, 40),
}
_PHRASE = re.compile(r"\b(?:" + "|".join(_PHRASES) + r")\b", re.IGNORECASE)
# The same phrases as calendar time, for a deadline ("over the weekend", "within a week").
_PHRASE_CALENDAR: dict[str, float] = dict(
    zip(_PHRASES, (24.0, 12.0, 48.0, 24.0, 24.0, 48.0, 168.0), strict=True)
)
_WINDOW_BEFORE = rx(
    r"(?:within|in\s+the\s+next|deadline|due\s+in|due\s+within|turnaround|return\s+(?:it\s+)?"
    r"within|you(?:'ll|\s+will)?\s+have|have|give\s+(?:you|candidates|people|applicants)|by|allow\w*|submit\w*\s+(?:it\s+)?(?:within|"
    r"in)|window\s+of|over|across|the\s+next)\s*$"
)
# The work ordered done in a stretch of days: "Please complete the take-home in 3 days",
# "you'll need to finish it in a week" (as "within" is), not how long it takes the candidates
# who do it ("most candidates complete it in 3 days").
_DONE_IN = rx(
    r"(?:^|(?<=[.!?;:\n])\s*|\b(?:please|kindly|must|to|then)\s+|\bplease\s+[^.!?;:\n]{0,40}?\band\s+)"
    r"(?:complete|finish|submit|"
    r"return|send|turn|hand|deliver|do|get|upload|share)\b[^.!?;:\n]{0,60}?\bin\s*$"
)
_WINDOW_AFTER = rx(
    r"^\s*(?:if\s+you\s+need|to\s+(?:submit|return|send|get\s+back)|for\s+(?:submission|"
    r"the\s+deadline)|(?:from|after)\s+(?:receiving|today|now))"
)
# A deadline for answering the message, not for the work: "Please reply within 24 hours to
# confirm you are still interested", "let us know within 2 days". Not when the answer is the
# work itself ("reply within 3 days with your finished designs", "confirm you can submit it").
_REPLY_BEFORE = rx(
    r"\b(?:reply|respond|confirm|acknowledge|rsvp|answer|let\s+(?:us|me)\s+know|"
    r"get\s+back\s+to\s+(?:us|me))\w*\b"
    r"(?:(?!submit|return|send|complet|finish|deliver|turn\s+in|hand\s+in)[^.!?\n]){0,25}$"
)
_REPLY_AFTER = rx(
    r"^[\s,]*(?:to\s+(?:confirm|reply|respond|let\s+(?:us|me)\s+know|accept|say|tell\s+(?:us|me)|"
    r"schedule|book)|if\s+you(?:'re|\s+are)\s+(?:still\s+)?interested)"
)
_WORK_NOUN = (
    r"(?:solutions?|submission|work|designs?|project|assignment|answers?|code|deliverables?|"
    r"results?|dashboard|app|deck|presentation|slides|plan|report|case\s+study|repo(?:sitory)?|"
    r"github|gitlab|files?|mock-?ups?|prototype|notebook|analysis|write-?up)\b"
)
# "reply within 5 days with your finished dashboard | a link to your repo | it attached".
_WITH_THE_WORK = rx(
    r"^[\s,]*with\s+(?:(?:it|them|everything)\s+(?:attached|back|done|completed|finished)\b|"
    r"(?:(?:your|the|a|an)\s+)?(?:(?:completed|finished|final|working)\b|"
    r"(?:\w+\s+)?" + _WORK_NOUN + r"|link\s+to\s+(?:your|the)\s+(?:\w+\s+)?" + _WORK_NOUN + r"))"
)
# The reply comes after doing the work, in one clause: "build the dashboard and reply",
# "complete the assignment and respond", "send it back and reply", "finish it, then let us know".
_WORK_THEN_REPLY = rx(
    r"\b(?:build|complet|finish|submit|return|send|deliver|turn\s+(?:it\s+)?in|hand\s+(?:it\s+)?in|"
    r"upload|do\s+(?:it|the|this)|creat|design|writ(?!e\s+(?:back|to)\b)|cod(?:e|ing)\b|implement|"
    r"prepar|solv)\w*\b[^.!?;\n]{0,80}?(?:\band(?:\s+then)?|,?\s*then|&)\s+(?:please\s+)?"
    r"(?:reply|respond|let\s+(?:us|me)\s+know|get\s+back\s+to\s+(?:us|me))\w*\b[^.!?;\n]{0,25}$"
)
# A day named, not a length: "this weekend", "next weekend", "at the weekend".
_WHEN = rx(r"\b(?:this|next|last|coming|every|each)\s+$")
_ON_THE = rx(r"\b(?:on|at)\s+$")
# A time before or after something, not a length: "a topic we'll send you a week before", "two
# days in advance", "a week later".
_AHEAD = rx(
    r"^\s*(?:before(?:hand)?|ahead\b|in\s+advance|earlier|prior\s+to|later|from\s+now|ago)\b"
)
_EFFORT_BEFORE = rx(
    # Whole words: "is" is not the end of "this" ("a trial shift this weekend" is when, not
    # how long).
    r"(?:\b(?:takes?|taking|took|requires?|need\w*|spend\w*|last\w*|expect\w*|budget\w*|about|"
    r"around|roughly|approximately|approx\.?|up\s+to|no\s+more\s+than|at\s+most|max(?:imum)?|"
    r"under|less\s+than|only|just|involves?|is|'s|of|over|plan\s+(?:on|for)|estimated?|"
    r"requiring|worth\s+of|full|(?:put\s+in|invest)|work\s+for)|\(|:)\s*(?:between\s+)?"
    r"(?:an?\s+)?$"
)
_EFFORT_AFTER = rx(
    r"^\s*(?:of\s+(?:work|effort|your\s+time|focused\s+work|coding|design)|[- ]long|"
    r"(?:take[- ]?home|assignment|project|exercise|trial|challenge|test|task|case|sprint|"
    r"bake[- ]?off|hackathon|"
    r"work\s+trial|brief)\b|to\s+(?:complete|build|finish|do)\s+(?:it|the|this))"
)


def _num(raw: str) -> float:
    raw = raw.lower()
    return NUMBER_WORDS.get(raw) or float(raw)


def _unit_name(unit: str) -> str:
    """The unit's name as the tables key it: "hrs" is "hour", "mins" is "minute"."""
    unit = unit.lower().rstrip("s")
    if unit in ("h", "hr", "hour"):
        return "hour"
    if unit.startswith("min"):
        return "minute"
    return unit


def durations(text: str, lo: int, hi: int) -> list[tuple[str, float, float, Evidence]]:
    """(kind, low, high, evidence) for each duration in text[lo:hi]; kind effort|window|bare."""
    found: list[tuple[str, float, float, Evidence]] = []
    for match in _DURATION.finditer(text, lo, hi):
        unit = _unit_name(match.group("unit"))
        kind = _kind(text, match, lo)
        if kind == "window":
            per_low = per_high = CALENDAR_HOURS.get(unit, 1.0)
        else:
            per = UNIT_HOURS.get(unit, 1.0)
            per_low, per_high = UNIT_SPAN.get(unit, (per, per))
        low = _num(match.group("lo")) * per_low
        high = _num(match.group("hi") or match.group("lo")) * per_high
        found.append((kind, low, high, from_match(text, match)))
    for match in _PHRASE.finditer(text, lo, hi):
        if any(e.start <= match.start() < e.end for *_, e in found):
            continue
        key = next(k for k in _PHRASES if re.fullmatch(k, match.group(0), re.IGNORECASE))
        kind = _kind(text, match, lo)
        low, high = _PHRASES[key]
        if kind == "window":
            low = high = _PHRASE_CALENDAR[key]
        found.append((kind, low, high, from_match(text, match)))
    return found


def _kind(text: str, match: re.Match[str], lo: int) -> str:
    before = text[max(lo, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 40]
    if match.groupdict().get("long") or _EFFORT_AFTER.search(after):
        return "effort"
    if _WINDOW_AFTER.search(after):
        return "window"
    if _is_reply_deadline(text, match, lo, before, after):
        return "reply"  # the time to answer the message, not the time allowed for the work
    if re.fullmatch(r"\S+-(?:month|week|day|year)s?", match.group(0), re.IGNORECASE):
        return "horizon"  # "a 12-month plan" describes the plan, not the effort
    if (
        _WHEN.search(before)
        or (match.group(0).lower().startswith("the ") and _ON_THE.search(before))
        or _AHEAD.search(after)
    ):
        return "when"  # "a trial shift this weekend" says when, not how long
    if _WINDOW_BEFORE.search(before) or _done_in(text, match, lo):
        return "window"
    if _EFFORT_BEFORE.search(before):
        return "effort"
    return "bare"


def _done_in(text: str, match: re.Match[str], lo: int) -> bool:
    """Whether the duration is a stretch of days the work is ordered done "in": calendar time
    ("complete it in 3 days", "in 48 hours"), not a timed exercise ("in 2 hours")."""
    unit = match.groupdict().get("unit")
    if unit is None:
        return False
    name = _unit_name(unit)
    if name == "hour":
        if _num(match.group("lo")) < 24:
            return False
    elif name not in ("day", "week", "month", "weekend"):
        return False
    return _DONE_IN.search(text, max(lo, match.start() - 120), match.start()) is not None


def _is_reply_deadline(text: str, match: re.Match[str], lo: int, before: str, after: str) -> bool:
    """Whether the duration is the time to answer the message rather than to do the work."""
    reply_after = _REPLY_AFTER.search(after)
    if not (reply_after or _REPLY_BEFORE.search(before)) or _WITH_THE_WORK.search(after):
        return False
    # "Please build the dashboard and reply within 48 hours": the reply is the work handed in,
    # unless what follows says it is to confirm ("... and reply within 24 hours to confirm").
    clause = text[max(lo, match.start() - 140) : match.start()]
    return bool(reply_after) or not _WORK_THEN_REPLY.search(clause)
