"""Who is writing: free-mail senders, lookalike domains, famous names behind unofficial channels."""

from __future__ import annotations

import re

from goodword.redflags.textspan import Hit, from_match

FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "ymail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "protonmail.com",
        "proton.me",
        "mail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "yandex.com",
        "zoho.com",
    }
)

# Famous employers and the registered domains they recruit from.
BRANDS: dict[str, tuple[str, ...]] = {
    "amazon": ("amazon.com", "amazon.jobs", "amazon.co.uk", "amazon.de", "amazon.ca"),
    "walmart": ("walmart.com", "walmartcareers.com"),
    "google": ("google.com", "withgoogle.com"),
    "microsoft": ("microsoft.com",),
    "apple": ("apple.com",),
    "deloitte": ("deloitte.com",),
    "netflix": ("netflix.com",),
    "facebook": ("facebook.com", "meta.com", "metacareers.com"),
    "meta": ("meta.com", "metacareers.com", "facebook.com"),
    "fedex": ("fedex.com",),
    "dhl": ("dhl.com", "dhl.de"),
    "ups": ("ups.com", "jobs-ups.com"),
    "usps": ("usps.com",),
    "pfizer": ("pfizer.com",),
    "tesla": ("tesla.com",),
    "ibm": ("ibm.com",),
    "oracle": ("oracle.com",),
    "target": ("target.com",),
    "costco": ("costco.com",),
    "paypal": ("paypal.com",),
    "airbnb": ("airbnb.com",),
    "shell": ("shell.com",),
    "accenture": ("accenture.com",),
    "unilever": ("unilever.com",),
    "nike": ("nike.com",),
    "kpmg": ("kpmg.com",),
    "pwc": ("pwc.com",),
    "chase": ("chase.com", "jpmorganchase.com"),
    "jpmorgan": ("jpmorgan.com", "jpmorganchase.com"),
}
BRAND_WORDS = (
    r"Amazon|Walmart|Google|Microsoft|Apple|Deloitte|Netflix|Facebook|Meta|FedEx|DHL|UPS|USPS|"
    r"Pfizer|Tesla|IBM|Oracle|Target|Costco|PayPal|Airbnb|Shell|Accenture|Unilever|Nike|KPMG|PwC|"
    r"Chase|JPMorgan"
)
# The brand's name is matched as written (Target, Shell and Chase are words too); the words
# around it in any case, as headlines write them ("Walmart Work-From-Home Product Tester").
_BRAND_CLAIM = re.compile(
    r"\b(?i:on\s+behalf\s+of|recruit\w*\s+for|hiring\s+(?:team\s+)?(?:at|for)|HR\s+(?:at|of|"
    r"from|team\s+(?:at|of))|careers?\s+at|representing|(?:position|job|role|opening)s?\s+(?:at|"
    r"with)|work(?:ing)?\s+(?:from\s+home\s+)?(?:for|with))\s+(?P<a>" + BRAND_WORDS + r")\b"
    r"|\b(?P<b>" + BRAND_WORDS + r")\s+(?i:is\s+(?:now\s+)?hiring|careers|recruitment|recruiting|"
    r"HR|hiring\s+team|work[- ]from[- ]home|remote\s+\w+|product\s+tester|customer\s+service|"
    r"data\s+entry)\b"
)
_EMAIL = re.compile(r"\b[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)\b")
_DOMAIN = re.compile(
    r"\b(?:https?://)?(?P<domain>(?:[\w-]+\.)+(?:com|net|org|info|biz|xyz|top|site|online|jobs|"
    r"co|io|us|work|careers?|live|club|ru|cn|uk|de|ca))\b(?:/[^\s)\]]*)?",
    re.IGNORECASE,
)
_CHAT_CONTACT = re.compile(
    r"\b(?:whats\s?app|telegram|signal\s+(?:app|messenger)|text\s+(?:me|us)|wa\.me|t\.me)\b",
    re.IGNORECASE,
)
_LEET = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t"})


def _registered(domain: str) -> str:
    labels = domain.lower().split(".")
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "ac"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _brand_in(label_text: str) -> str | None:
    """Return the brand a domain or mailbox name imitates, if any ("amaz0n-careers" -> amazon)."""
    plain = label_text.lower().translate(_LEET).replace("rn", "m")
    tokens = re.split(r"[.\-_+]", plain)
    for brand in BRANDS:
        if len(brand) <= 4:
            if any(
                t == brand or re.fullmatch(brand + r"(?:careers?|jobs|hr|hiring)", t)
                for t in tokens
            ):
                return brand
        elif brand in plain.replace("-", "").replace(".", "").replace("_", ""):
            return brand
    return None


def contact_hits(text: str, hits: dict[str, Hit]) -> None:
    """Free-mail senders, lookalike domains, and famous names reached through chat apps."""
    free_mail: list[re.Match[str]] = []
    in_mail = bytearray(len(text) + 1)  # the characters inside an e-mail address
    for found in _EMAIL.finditer(text):
        domain = found.group("domain").lower()
        in_mail[found.start() : found.end()] = b"\x01" * (found.end() - found.start())
        local = found.group(0).split("@", 1)[0]
        if domain in FREE_MAIL:
            free_mail.append(found)
            if _brand_in(local):
                hit = hits.setdefault(
                    "rf-brand-or-government-impersonation",
                    Hit("rf-brand-or-government-impersonation"),
                )
                hit.add(from_match(text, found))
        else:
            brand = _brand_in(domain.rsplit(".", 1)[0])
            if brand and _registered(domain) not in BRANDS[brand]:
                hit = hits.setdefault(
                    "rf-spoofed-site-or-offsite-application",
                    Hit("rf-spoofed-site-or-offsite-application"),
                )
                hit.add(from_match(text, found))
    for found in _DOMAIN.finditer(text):
        if in_mail[found.start()]:
            continue
        domain = found.group("domain").lower()
        brand = _brand_in(domain.rsplit(".", 1)[0])
        if brand and _registered(domain) not in BRANDS[brand]:
            hit = hits.setdefault(
                "rf-spoofed-site-or-offsite-application",
                Hit("rf-spoofed-site-or-offsite-application"),
            )
            hit.add(from_match(text, found))
    claim = _BRAND_CLAIM.search(text)
    chat = _CHAT_CONTACT.search(text)
    if claim and (free_mail or chat):
        hit = hits.setdefault(
            "rf-brand-or-government-impersonation", Hit("rf-brand-or-government-impersonation")
        )
        hit.add(from_match(text, claim))
        hit.add(from_match(text, free_mail[0] if free_mail else chat))  # type: ignore[arg-type]
    if free_mail:
        hit = hits.setdefault("rf-free-webmail-recruiter", Hit("rf-free-webmail-recruiter"))
        for found in free_mail:
            hit.add(from_match(text, found))
