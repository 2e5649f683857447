"""Pure normalisers for the ways people are reached: e-mail, phone, profile URL."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit, urlunsplit

import phonenumbers

_LINKEDIN_HOST = re.compile(r"^([a-z]{2,3}\.)?(www\.)?linkedin\.com$")
# A number as `phone` stores it (a `tel:` URI without its scheme), as opposed to text kept as
# typed because it could not be read.
_STORED_PHONE = re.compile(r"^\+[1-9][0-9]{1,19}(?:;ext=[0-9]{1,20})?$")
# A number then an extension, to tell a reader why a number with a long extension is refused.
_EXTENSION = re.compile(r"^(?P<number>.*?)\s*(?:x|#|ext\.?|extension|;ext=)\s*[0-9]+\s*$", re.I)
# A number as written, from its first digit up to any extension ("x", "ext.", "#", "доб.").
_WRITTEN_NUMBER = re.compile(r"[0-9][0-9().\-\s/]*")
# How phonenumbers says a number was read in the region given: written without a country code
# ("030 1234567") or with the region's own but no "+" ("14155550100" with region US). The
# others are a "+" or the region's international prefix ("011 44 …" with region US).
_READ_IN_THE_REGION = frozenset(
    {
        phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY,
        phonenumbers.CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN,
    }
)


def email(address: str) -> str:
    """Lower-case the address (the domain is case-blind and real mailboxes are too)."""
    return address.strip().lower()


def phone(raw: str, region: str) -> str:
    """Return the number in E.164 form, then `;ext=` and its extension when it has one (as in
    a `tel:` URI); ValueError when it is not a possible number, or only the local part of one
    ("+1-555-0100", "555-0100": no area code).

    A number written without "+" is read in `region`, unless it is bare digits that cannot
    be a number there, or are no valid number there, but are a valid one with a "+" in
    front: a spreadsheet re-save turns "+79161234567" into 79161234567, and that is still +7
    916 123-45-67 with region US or FR ("8 (495) 987-65-43", written out as dialled within
    Russia, is not made into +84 in Viet Nam). Otherwise a number written without "+" must
    be a valid number of the region: "030 1234567" is a Berlin number with region DE and
    refused with region US (not made into +1 030 123 4567), as is "653-282-1001", whose area
    code is not given out. A number written with its country code ("+", or "011" with region
    US) is kept when it is a possible one, valid or not yet: number ranges are given out
    faster than phonenumbers learns of them.

    "+1 415 555 0100 ext. 12", "(415) 555-0100 x12", "(415) 555-0100 #12" and
    "tel:+1-415-555-0100;ext=12" all give "+14155550100;ext=12": the extension is part of
    the number, so two people on one switchboard keep numbers of their own. phonenumbers
    reads at most 20 digits of extension, so a stored number fits the 64-character column.
    """
    try:
        number = phonenumbers.parse(raw, region.upper(), keep_raw_input=True)
    except phonenumbers.NumberParseException as exc:
        if _number_without_its_extension_reads(raw, region):
            raise ValueError(
                f"'{raw}' has too long an extension; give at most 20 digits after \"ext.\" "
                '(9 after "x" or "#")'
            ) from None
        raise ValueError(f"'{raw}' is not a phone number ({exc._msg})") from None
    if not phonenumbers.is_possible_number(number) or (
        raw.strip().isdigit() and not phonenumbers.is_valid_number(number)
    ):
        # A spreadsheet shows "+79161234567" as the number 79161234567 and saves it so: a
        # number that cannot be the region's, or bare digits that are no valid number of
        # it, but valid with a "+" is read with it ("653-282-1001" is refused below, not
        # taken for +65 3282 1001 in Singapore).
        number = _with_its_plus(raw) or number
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        # "+1-555-0100": seven digits a local call could dial, but no whole number.
        raise ValueError(
            f"'{raw}' is too short for a whole phone number (is its area code missing?); "
            "write it with its country and area code, such as +1 415 555 0100"
        )
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise ValueError(
            f"'{raw}' is not a possible phone number for region {region}; "
            "write it with its country code, such as +44 20 7946 0000"
        )
    if number.country_code_source in _READ_IN_THE_REGION and not phonenumbers.is_valid_number(
        number
    ):
        # "030 1234567" with region US is no US number but a Berlin one without its +49:
        # refused, so an import keeps it as written rather than as a made-up +1 number.
        raise ValueError(
            f"'{raw}' is no number in region {region}; write it with its country code, "
            f"such as {'+44 20 7946 0958' if region.upper() == 'DE' else '+49 30 1234567'}"
        )
    stored = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        stored += ";ext=" + phonenumbers.normalize_digits_only(number.extension)
    return stored


def _with_its_plus(raw: str) -> phonenumbers.PhoneNumber | None:
    """`raw` read as an international number, when it is bare digits a spreadsheet saved
    without their "+" and a valid number with it ("79161234567" is +7 916 123-45-67), or
    written with "00" for it, as most of the world dials abroad ("0049 30 1234567"); else
    None. A number written out with spaces, brackets or dashes but no "+" was written as
    dialled at home: "8 (495) 987-65-43" is a Moscow number after Russia's trunk prefix 8,
    not +84 in Viet Nam. (A spreadsheet's apostrophe before it, which keeps a number as
    text, is passed over.)"""
    text = raw.strip().removeprefix("'")
    if text.startswith("00"):
        text = text[2:].lstrip()
    elif not text.isdigit():
        return None
    if not text[:1].isdigit():
        return None
    try:
        number = phonenumbers.parse("+" + text, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def valid_with_plus(raw: str) -> bool:
    """Whether `raw`, digits without a "+", is a valid international number with one."""
    return _with_its_plus(raw) is not None


def _number_without_its_extension_reads(raw: str, region: str) -> bool:
    """Whether `raw` is a phone number but for its extension (phonenumbers reads up to 20
    digits after "ext.", 9 after "x" or "#")."""
    found = _EXTENSION.match(raw.strip())
    if found is None:
        return False
    try:
        number = phonenumbers.parse(found["number"], region.upper())
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def phone_text(stored: str) -> str:
    """How a stored number reads: "+14155550100;ext=12" is "+1 415-555-0100 ext. 12";
    text kept as typed, because it could not be read, stays as it is."""
    if not _STORED_PHONE.match(stored):
        return stored
    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_possible_number(number):
        return stored
    extension, number.extension = number.extension, None
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    # (" ext. " for every country: phonenumbers writes " x" for some, " ext. " for others.)
    return f"{text} ext. {extension}" if extension else text


def phone_uri(stored: str) -> str | None:
    """The `tel:` URI (RFC 3966) of a stored number, such as "tel:+14155550100;ext=12";
    None for text kept as typed, which no phone can dial."""
    return "tel:" + stored if _STORED_PHONE.match(stored) else None


def written_digits(text: str) -> tuple[str, str]:
    """The digits of a number as written, and those of its extension (all after the
    number: "x 12", "ext. 12", "#12", ";ext=12", "доб. 12").

    >>> written_digits("8 (495) 987-65-43 доб. 12")
    ('84959876543', '12')
    >>> written_digits("'07700 900123"), written_digits("+14155550123;ext=7")
    (('07700900123', ''), ('14155550123', '7'))
    """
    match = _WRITTEN_NUMBER.search(text)
    if match is None:
        return "", ""
    digits = "".join(c for c in match.group() if c.isdigit())
    return digits, "".join(c for c in text[match.end() :] if c.isdigit())


def reversed_digits(number: str) -> str:
    """A stored number's digits before any extension, last first: what phone search looks
    up, so that "ends with these digits" is a range of an index ("begins with them
    reversed"). The same for a number stored E.164 and for one kept as written.

    >>> reversed_digits("+14155550123;ext=12"), reversed_digits("07700 900123 ext 4")
    ('32105555141', '32100900770')
    """
    return written_digits(number)[0][::-1]


def linkedin_profile(kind: str, path: str) -> str:
    """The one address of a LinkedIn profile from its kind ("in", or "pub" for an old public
    profile) and the path after it: the id percent-decoded and lower-cased, so the link as
    LinkedIn's own CSV writes it and as a browser shows it are one.

    >>> linkedin_profile("in", "Jos%C3%A9-M%C3%BCller-4b2a1/")
    'https://www.linkedin.com/in/josé-müller-4b2a1'
    >>> linkedin_profile("pub", "anita-nayak/12/345/678")
    'https://www.linkedin.com/pub/anita-nayak/12/345/678'

    An old public profile's address is kept whole: "/in/anita-nayak" may be someone else.
    """
    decoded = unicodedata.normalize("NFC", unquote(path)).lower().strip("/")
    if kind.lower() == "in":
        return "https://www.linkedin.com/in/" + decoded.split("/")[0]
    return "https://www.linkedin.com/pub/" + decoded


def profile_url(raw: str) -> tuple[str, str]:
    """Return (normalised URL, kind); LinkedIn profiles become https://www.linkedin.com/in/<id>
    (`linkedin_profile`; a mobile "/mwlite/in/<id>" too)."""
    text = raw.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or "." not in parts.netloc:
        raise ValueError(f"'{raw}' is not a web address; write it like 'https://example.com/me'")
    host = parts.netloc.lower()
    if _LINKEDIN_HOST.match(host):
        match = re.match(r"^/(?:mwlite/)?(in|pub)/([^?#]+)", parts.path)
        if match and match[2].strip("/"):
            return linkedin_profile(match[1], match[2]), "linkedin"
        return urlunsplit(("https", "www.linkedin.com", parts.path.rstrip("/"), "", "")), "linkedin"
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, "")), "web"


# Where a person's record came from, as the person page and the command line name it.
SOURCE_NAMES = {
    "linkedin": "LinkedIn", "google": "Google Contacts", "outlook": "Outlook",
    "thunderbird": "Thunderbird",
    "vcard": "vCard", "csv": "CSV", "goodword": "Goodword export",
}  # fmt: skip


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, source)


# Your own records in a LinkedIn archive (`importers/linkedin.py`), by their keys.
_OWN_RECORDS = {
    "profile": "your own LinkedIn profile",
    "profile:positions": "your own LinkedIn positions",
    "profile:emails": "your own LinkedIn e-mail addresses",
}


def source_id(source: str, key: str | None) -> str:
    """A source record's id as a user can find it in the file: the source's own (a profile,
    a vCard UID, a key column's value), or words for one Goodword made.

    >>> source_id("google", "name:ada lovelace|ada@x.example"), source_id("linkedin", "profile")
    ('none: known by name and e-mail', 'your own LinkedIn profile')
    >>> source_id("linkedin", "name:ada lovelace|2025-12-26"), source_id("csv", "name:ada#2")
    ('none: known by name and connection date', 'none: known by name')
    >>> source_id("linkedin", "name:jo park #opentowork|2024-03-12#2")
    'none: known by name and connection date'
    >>> source_id("google", "name:mike|tel:14155550131#2")
    'none: known by name and phone'
    >>> source_id("vcard", "name:mike|tel:+14155550131;ext=12")
    'none: known by name and phone'
    >>> source_id("linkedin", "name:jane doe | hiring")  # a name with a bar of its own
    'none: known by name'
    >>> source_id("linkedin", "recommendation given 2025-11-20 0123456789ab")
    'none: known by its date and text'
    """
    if not key:
        return ""
    if key.startswith("name:"):
        # (Keys Goodword made: the name, then the first e-mail or LinkedIn's Connected On;
        # a name may hold a "|" of its own, "jane doe | hiring".)
        _name, _bar, then = re.sub(r"#\d+$", "", key).rpartition("|")
        if source == "linkedin" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", then):
            return "none: known by name and connection date"
        if re.fullmatch(r"tel:\+?\d+(?:;ext=\d+)?", then):
            return "none: known by name and phone"
        return "none: known by name and e-mail" if "@" in then else "none: known by name"
    if source == "linkedin" and key in _OWN_RECORDS:
        return _OWN_RECORDS[key]
    if source == "linkedin" and key.startswith("recommendation "):
        return "none: known by its date and text"
    return key


# The well-known kinds of phone number, each in the one form Goodword keeps it in (the words
# vCard and the address books write), whatever case a file or form gave it.
PHONE_KINDS = {
    kind.casefold(): kind
    for kind in (
        "mobile", "cell", "iPhone", "work", "home", "main", "other", "personal", "fax",
        "work fax", "home fax", "other fax", "pager", "voice", "video", "text", "direct",
        "assistant", "company", "car", "callback", "radio", "school", "tty", "telex", "isdn",
    )
}  # fmt: skip


# A fax's kind written as one word (Apple's built-in "HomeFAX", "WorkFAX" and "OtherFAX").
_RUN_TOGETHER = {"homefax": "home fax", "workfax": "work fax", "otherfax": "other fax"}


# The well-known kinds of e-mail address, kept in one form as a phone's are: vCard's TYPE
# writes "work" where Apple's label and a CRM's column write "Work". "personal" stays apart
# from "home" here (a web page's is "home", `URL_KINDS`): a common e-mail label of its own,
# for an address not at work, which the drafts read as "home" (`addresses.PERSONAL`).
EMAIL_KINDS = {
    kind.casefold(): kind
    for kind in ("work", "home", "other", "personal", "school", "main", "iCloud")
}


# The well-known kinds of web address, kept in one form as an e-mail's are: Apple's "Home",
# "Work" and "Other" (kept so before migration 0035), vCard's TYPE=HOME and LinkedIn's
# OTHER are the "home", "work" and "other" Google's and Thunderbird's columns give; a
# personal web page (LinkedIn's PERSONAL, Outlook's Personal Web Page) is the person's own
# site, their "home" one, as Outlook's own vCards write it (TYPE=HOME; migration 0038).
URL_KINDS = {**{kind: kind for kind in ("home", "work", "other")}, "personal": "home"}


def url_label(label: str | None) -> str | None:
    """A web address's label in the one form kept for its kind ("Other", "OTHER" and "other"
    are "other"); any other label ("Portfolio", "LinkedIn", "Blog") as written.

    >>> url_label("Other"), url_label(" WORK "), url_label("Portfolio"), url_label(None)
    ('other', 'work', 'Portfolio', None)
    >>> url_label("Personal")
    'home'
    """
    if label is None:
        return None
    return URL_KINDS.get(" ".join(label.split()).casefold(), label)


def email_label(label: str | None) -> str | None:
    """An e-mail address's label in the one form kept for its kind ("Work", "WORK" and
    "work" are "work"), as `phone_label` keeps a phone's; a label of the user's own as
    written; None for none.

    >>> email_label("WORK"), email_label(" Home "), email_label("ICLOUD"), email_label("Club")
    ('work', 'home', 'iCloud', 'Club')
    """
    if label is None or not label.strip():
        return None
    return EMAIL_KINDS.get(" ".join(label.split()).casefold(), label)


def phone_label(label: str | None) -> str | None:
    """A phone number's label in the one form kept for its kind ("Mobile", "MOBILE" and
    "mobile" are "mobile"); a label of the user's own as written; None for none.

    >>> phone_label("Mobile"), phone_label("WorkFAX"), phone_label("Desk, 2nd floor")
    ('mobile', 'work fax', 'Desk, 2nd floor')
    """
    if label is None or not label.strip():
        return None
    kind = " ".join(label.split()).casefold()
    return PHONE_KINDS.get(_RUN_TOGETHER.get(kind, kind), label)
