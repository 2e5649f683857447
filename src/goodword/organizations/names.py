"""How organizations are told apart, pure: "Google Inc.", "Google, LLC" and "Google" are
one organization (`organization_key`), and a company such as "Self-employed" or
"Freelance" is no employer two people share (`no_employer`)."""

from __future__ import annotations

import re
from functools import lru_cache

from goodword.duplicates.names import fold

# Legal forms dropped when telling organizations apart ("Google LLC" is "Google").
_LEGAL = {
    "inc", "incorporated", "llc", "l l c", "ltd", "limited", "corp", "corporation", "co",
    "company", "plc", "llp", "lp", "gmbh", "ag", "sa", "s a", "sas", "sarl", "bv", "nv", "oy",
    "ab", "as", "asa", "spa", "srl", "kk", "pty", "pte", "pvt", "private", "se", "kg", "ohg",
    "ug", "aps", "oyj", "sl", "sro", "doo", "zrt", "kft", "bhd", "sdn", "the",
}  # fmt: skip


# What a profile gives as its company when there is none to share (organization keys):
# kept as the person's job, but two people who both say it have no employer in common.
NO_EMPLOYER = {
    "self employed", "selfemployed", "freelance", "freelancer", "independent",
    "independent consultant", "stealth", "stealth startup", "stealth mode startup",
    "open to work", "retired", "unemployed", "confidential", "various", "career break",
    "sabbatical", "looking for new opportunities", "seeking new opportunities",
}  # fmt: skip


def no_employer(name: str) -> bool:
    """Whether an organization's name says there is none to share ("Self-employed")."""
    return organization_key(name) in NO_EMPLOYER


# The page Notion writes after a related record's name: "Acme Corp (https://www.notion.so/
# Acme-Corp-4f1c…?pvs=21)". (An import leaves it out; an organization kept under such a
# name before is the organization the name says.)
NOTION_LINK = re.compile(r"\s*\(https?://(?:www\.)?notion\.so/[^\s)]*\)")


# Legal forms no one's name ends with ("Jennifer Co", "Ana Sa" and "Kim As" are people).
_LEGAL_ALONE = {
    "inc", "incorporated", "llc", "ltd", "corp", "corporation", "plc", "llp", "gmbh", "sarl",
    "pty", "pte", "pvt", "oyj", "kft", "bhd", "sdn",
}  # fmt: skip


def ends_in_legal_form(name: str) -> bool:
    """Whether the name ends in a company's legal form: after a comma ("Acme, Inc.",
    "Smith & Sons, Co."), or one no one's name ends with ("Globex GmbH").

    >>> ends_in_legal_form("Acme, Inc."), ends_in_legal_form("Lee, Ann")
    (True, False)
    >>> ends_in_legal_form("Jennifer Co"), ends_in_legal_form("Globex GmbH")
    (False, True)
    """
    before, comma, after = name.rpartition(",")
    if comma and before.strip() and fold(after) in _LEGAL:
        return True
    words = fold(name).split()
    return len(words) > 1 and words[-1] in _LEGAL_ALONE


@lru_cache(maxsize=100_000)
def organization_key(name: str) -> str:
    """The key organizations are told apart by: "Google Inc." and "Google, LLC" -> "google"."""
    if "notion.so/" in name:
        name = NOTION_LINK.sub("", name)
    words = fold(name.replace("&", " and ")).split()
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    if len(words) > 2 and " ".join(words[-2:]) in _LEGAL:
        words = words[:-2]
    # (A name of punctuation alone, "-" or ".", folds to nothing: a placeholder, no
    # organization; every importer leaves such a job out.)
    return " ".join(words)
