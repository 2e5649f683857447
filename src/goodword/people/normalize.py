"""Pure normalisers for the ways people are reached: e-mail, phone, profile URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import phonenumbers

_LINKEDIN_HOST = re.compile(r"^([a-z]{2,3}\.)?(www\.)?linkedin\.com$")


def email(address: str) -> str:
    """Lower-case the address (the domain is case-blind and real mailboxes are too)."""
    return address.strip().lower()


def phone(raw: str, region: str) -> str:
    """Return the number in E.164 form; ValueError when it is not a possible number."""
    try:
        number = phonenumbers.parse(raw, region.upper())
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"'{raw}' is not a phone number ({exc._msg})") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(
            f"'{raw}' is not a possible phone number for region {region}; "
            "write it with its country code, such as +44 20 7946 0000"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def profile_url(raw: str) -> tuple[str, str]:
    """Return (normalised URL, kind); LinkedIn profiles become https://www.linkedin.com/in/<id>."""
    text = raw.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or "." not in parts.netloc:
        raise ValueError(f"'{raw}' is not a web address; write it like https://example.com/me")
    host = parts.netloc.lower()
    if _LINKEDIN_HOST.match(host):
        match = re.match(r"^/(in|pub)/([^/?#]+)", parts.path)
        if match:
            return f"https://www.linkedin.com/in/{match.group(2).lower()}", "linkedin"
        return urlunsplit(("https", "www.linkedin.com", parts.path.rstrip("/"), "", "")), "linkedin"
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, "")), "web"
