"""What a cell of a mapped CSV holds besides its text: the e-mail addresses and phone numbers
in it, each with the kind of address or number written beside it (or said by its column's
name), a link saved as its formula, and the Notion page after a related record's name."""

from __future__ import annotations

import re

from goodword.organizations.names import NOTION_LINK

# The kinds of number or address a label says, by the words (and letters) written for them:
# "Mobile: …", "… (c)", "Person - Phone - Mobile", "Email (Work)".
KINDS = {
    "mobile": "Mobile", "cell": "Mobile", "cellphone": "Mobile", "m": "Mobile", "c": "Mobile",
    "work": "Work", "business": "Work", "office": "Work", "w": "Work", "o": "Work",
    "home": "Home", "private": "Home", "h": "Home", "personal": "Personal", "main": "Main",
    "other": "Other", "fax": "Fax", "f": "Fax", "pager": "Pager", "direct": "Direct",
    "assistant": "Assistant", "school": "School", "iphone": "iPhone",
}  # fmt: skip
# Written before a number's colon without saying which number it is.
_UNSAID_KINDS = frozenset({"tel", "t", "phone", "p", "telephone", "number", "sip", "callto"})
# A label written after an address in brackets: "dan@four.example (work)".
BRACKETED = re.compile(r"\(([^\W\d_]{1,20})\)")


def words(text: str | None) -> set[str]:
    return set(re.findall(r"[^\W_]+", (text or "").casefold()))


def column_label(header: str) -> str | None:
    """The label a phone or e-mail column's name gives its values: "Mobile" of "Mobile",
    "Person - Phone - Mobile" and "Mobile Phone", "Work" of "Email (Work)"; None of "Phone",
    "E-mail 2", "Emails" or "Phone Type".

    >>> [column_label(h) for h in ("Mobile", "Email (Work)", "Phone Number", "Business Fax")]
    ['Mobile', 'Work', None, 'Fax']
    """
    kinds = [KINDS[w] for w in re.findall(r"[^\W\d_]{2,}", header.casefold()) if w in KINDS]
    # (A business fax is a fax, a work mobile a mobile: the kind of line first.)
    return next((k for k in ("Fax", "Pager", "Mobile") if k in kinds), kinds[0] if kinds else None)


def unlinked(text: str) -> str:
    """A cell without the Notion pages after the names it relates to (a link to one's own
    workspace, not a fact about the person)."""
    return NOTION_LINK.sub("", text) if "notion.so/" in text else text


_CELL_SEPARATORS = re.compile(r"[\s,;]+")
_PHONE_SEPARATORS = re.compile(r"\s*[/;,]\s*|\s+or\s+", re.IGNORECASE)
# A word beside a number that may say which it is: "Mobile: …", "… (work)".
_LABEL_BEFORE = re.compile(r"(?P<label>[^\W\d_]{1,20}):\s*(?P<number>.+)")
_LABEL_AFTER = re.compile(r"(?P<number>.+?)\s*\((?P<label>[^\W\d_]{1,20})\)")
# A whole phone number in a cell of several: digits and the marks written between them,
# and an extension.
_WHOLE_NUMBER = re.compile(r"\+?[\d\s().-]+(?:(?:x|ext\.?|#)\s*\d+)?", re.IGNORECASE)


def addresses(text: str) -> tuple[list[str], str]:
    """The e-mail addresses of a cell ("a@x; b@y", "a@x, b@y", "Jane <jane@berg.nl>",
    "mailto:a@x"), and what else it says ("Jane", "(work)"), or "" when it says nothing
    else; ([], "") when it holds no address.

    >>> addresses("jane@berg.nl; jane.vdberg@gmail.com")
    (['jane@berg.nl', 'jane.vdberg@gmail.com'], '')
    >>> addresses("Jane <mailto:jane@berg.nl>")
    (['jane@berg.nl'], 'Jane')
    >>> addresses("dan@four.example (work), n/a")
    (['dan@four.example'], '(work)')
    """
    found = [_MAILTO.sub("", address) for address in _EMAIL_IN.findall(text)]
    if not found:
        return [], ""
    rest = _EMAIL_IN.sub(" ", text)
    words = [w for w in _CELL_SEPARATORS.split(rest) if any(c.isalnum() for c in w)]
    said = " ".join(w.strip("\"'") for w in words if w.casefold() not in _NOTHING_SAID)
    return list(dict.fromkeys(found)), said


# An e-mail address within a cell, with its "mailto:" when written (taken off).
_EMAIL_IN = re.compile(
    r"(?:mailto:)?[^@\s,;<>()\[\]\"'/|:]+@[^@\s,;<>()\[\]\"'/|]+\.[^@\s,;<>()\[\]\"'/|.]+", re.I
)
_MAILTO = re.compile("^mailto:", re.IGNORECASE)
# A link a spreadsheet saved as its formula: =HYPERLINK("https://…", "Profile").
HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"([^"]*)".*$', re.IGNORECASE | re.DOTALL)
_NOTHING_SAID = {"n/a", "none", "-", "mailto:", "mailto"}


def numbers(text: str) -> list[tuple[str, str | None]]:
    """The phone numbers of a cell, each with the label written beside it ("Mobile: …",
    "… (work)"): apart at "/", ";", "," or "or" when every part is a whole number (seven
    digits or more), else the cell as one number, so an extension (";ext=12", ", x123") or
    an area code before a slash ("030/1234567") stays with it.

    >>> numbers("+31 6 12345678 / +31 20 1234567")
    [('+31 6 12345678', None), ('+31 20 1234567', None)]
    >>> numbers("Mobile: 415-555-0123, Work: 415-555-0124")
    [('415-555-0123', 'Mobile'), ('415-555-0124', 'Work')]
    >>> numbers("+1 415 555 0123 (mobile)")
    [('+1 415 555 0123', 'Mobile')]
    >>> numbers("Tel: 415-555-0123 x12, Fax: 415-555-0124")
    [('415-555-0123 x12', None), ('415-555-0124', 'Fax')]
    >>> numbers("+31 20 1234567;ext=12")
    [('+31 20 1234567;ext=12', None)]
    >>> numbers("030/1234567")
    [('030/1234567', None)]
    """
    parts = [_labelled(p) for p in _PHONE_SEPARATORS.split(text.strip()) if p]
    whole = all(_WHOLE_NUMBER.fullmatch(n) and sum(c.isdigit() for c in n) >= 7 for n, _ in parts)
    return parts if len(parts) > 1 and whole else [_labelled(text.strip())]


def _labelled(text: str) -> tuple[str, str | None]:
    """A number and the kind of number written before it ("Work: …", "Tel: …" saying none)
    or after it in brackets ("… (mobile)"); other words stay with the number."""
    found = _LABEL_BEFORE.fullmatch(text) or _LABEL_AFTER.fullmatch(text)
    word = found["label"].casefold() if found else ""
    if found is None or (word not in KINDS and word not in _UNSAID_KINDS):
        return text, None
    return found["number"].strip(), KINDS.get(word)
