"""Accent-blind search terms, pure: "lukasz" finds Łukasz and "strasse" finds Straße.

A search document's body is what the results show (an e-mail, an employer) and, after
`SEPARATOR`, terms only for finding: a name run together where it has inner punctuation
("obrien" for O'Brien) and every word folded to plain letters where that changes it. Both
SQLite's FTS5 and PostgreSQL's `simple` configuration index the folded words like any other,
so the two databases find the same records, and a query is folded the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Between what a result shows and the terms kept only for finding; a control character no
# one types, and not a word character, so both full-text indexes split words at it.
SEPARATOR = "\x1f"
_WORD = re.compile(r"\w+")
_INNER = re.compile(r"\w[\W_]+\w")
_PUNCTUATION = re.compile(r"[\W_]+")
# Letters that are not an accent away from a plain one, but are typed as these.
_PLAIN = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i", "ħ": "h", "ŀ": "l",
     "æ": "ae", "œ": "oe"}
)  # fmt: skip
# The accents (combining marks) of Latin, Greek and Cyrillic letters; marks of other
# scripts (the voicing marks of Japanese kana, say) change the letter, so they stay.
_ACCENTS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case, without accents: "Łukasz Żółć" becomes "lukasz zolc", "Straße" "strasse"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN))
    return unicodedata.normalize("NFC", _ACCENTS.sub("", decomposed))


def run_together(name: str) -> str:
    """The words of a name that hold an apostrophe or hyphen, without it ("" when none)."""
    if name.replace(" ", "").isalpha():
        return ""  # letters and spaces only: nothing to run together
    joined = [_PUNCTUATION.sub("", word) for word in name.split() if _INNER.search(word)]
    return " ".join(word for word in joined if word)


def finding_terms(title: str, shown: str) -> str:
    """The terms kept only for finding a document with this title and shown text: an
    e-mail address's words too, as PostgreSQL's parser keeps an address whole.

    >>> finding_terms("Zed Quill", "zed@nowhere.example Acme")
    'zed nowhere example'
    """
    together = run_together(title)
    terms = dict.fromkeys(together.split())
    if "@" in shown:
        for token in shown.split():
            if "@" in token:
                terms.update(dict.fromkeys(_WORD.findall(fold(token))))
    if not (title.isascii() and shown.isascii()):
        for word in _WORD.findall(f"{title} {shown} {together}"):
            if not word.isascii() and (plain := fold(word)) != word.lower() and plain:
                terms.setdefault(plain)
    return " ".join(terms)


def folded_title(title: str) -> str:
    """A title as one- and two-letter searches compare it: folded, its words apart and any
    name run together after them ("Seán O'Brien" as "sean o brien obrien")."""
    if title.isascii() and title.replace(" ", "").isalpha():
        return " ".join(title.lower().split())  # the common case, quickly
    together = fold(run_together(title)).split()
    return " ".join(dict.fromkeys([*_WORD.findall(fold(title)), *together]))


# The lines Goodword writes into a person's notes for a name they were known by: a name a
# newer import moved ("Formerly Carla Smith"), a birth name in brackets ("Née Müller") and
# Google's maiden name column; and the name a merge did not keep ("Also known as 田中 愛子").
_FORMER = re.compile(r"^(?:Formerly|N[ée]e|Né|Maiden name:) +(\S.*?)\s*$", re.MULTILINE)
_ALSO = re.compile(r"^Also known as +(\S.*?)\s*$", re.MULTILINE)
ALSO_KNOWN_AS = "Also known as "


def former_names(notes: str | None) -> list[str]:
    """The names a person's notes say they were known by, so a search by one finds them.

    Only a name: a line the user wrote about a job ("Formerly at Acme") is no name.

    >>> former_names("Met at PyCon\\n\\nFormerly Carla Smith\\nNée Müller\\nFormerly at Acme")
    ['Carla Smith', 'Müller']
    """
    found = _FORMER.findall(notes) if notes else []
    return [name for name in found if not name[0].islower()]


def other_names(notes: str | None) -> list[str]:
    """The names a person's notes say they are also known by (a merge writes them).

    >>> other_names("Met at PyCon\\nAlso known as 田中 愛子")
    ['田中 愛子']
    """
    return _ALSO.findall(notes) if notes else []


def document_body(title: str, parts: Iterable[str]) -> str:
    """A search document's body: the parts shown, then the terms only for finding."""
    shown = " ".join(part for part in parts if part)
    terms = finding_terms(title, shown)
    return f"{shown}{SEPARATOR}{terms}" if terms else shown


def shown(body: str) -> str:
    """What a result shows of a document's body."""
    return body.split(SEPARATOR, 1)[0].strip()
