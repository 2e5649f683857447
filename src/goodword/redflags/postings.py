"""Whether a text is a job advertisement rather than a message written to one person, and the
pay it describes without a figure ("Competitive salary", "Pay: DOE").
"""

from __future__ import annotations

from goodword.redflags.textspan import Evidence, from_match, rx

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
