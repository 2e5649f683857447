"""Text as it reads: what a copy from a web page or an e-mail hides in it (non-breaking
spaces, soft hyphens, zero-width spaces, and the same written as HTML entities) made plain
for the rules, and a word hyphenated across a line break read whole, with every quote found
in the plain text given back as a span of the text as it was pasted (`text[start:end] ==
quote` still holds there).

>>> plain = Readable("Pay a\\u00a0$50 regis\\u00adtration fee")
>>> plain.text
'Pay a $50 registration fee'
>>> start = plain.text.index("registration")
>>> plain.evidence(Evidence(start, start + 12, "registration"))
Evidence(start=10, end=23, quote='regis\\xadtration')

A line that ends in a hyphen goes on in the next: "regis-\\ntration fee" reads as
"registration fee" when the rules read that word, and "full-\\ntime" as "full-time".

>>> Readable("a regis-\\ntration fee, full-\\ntime").text
'a registration fee, full-time'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from itertools import accumulate
from types import ModuleType

from goodword.redflags.textspan import Evidence

# What each hidden character or entity reads as: a space, or nothing.
_AS = {
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "&nbsp;": " ", "&#160;": " ", "&#xa0;": " ",
    "\u00ad": "", "\u200b": "", "\u2060": "", "\ufeff": "", "&shy;": "", "&#173;": "",
    "&#xad;": "", "&#8203;": "", "&#x200b;": "",
}  # fmt: skip
_HIDDEN = re.compile("|".join(re.escape(k) for k in sorted(_AS, key=len, reverse=True)), re.I)
# A hyphen that ends a line after a letter, the next line going on in lower case: a word
# broken to fit ("regis-\ntration") or a compound that met the line's end ("full-\ntime").
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010][ \t]*\r?\n[ \t]*(?=[^\W\d_A-Z])")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_LETTERS = re.compile(r"[^\W\d_]+")


def _patterns(value: object) -> Iterator[str]:
    """Every pattern in a rule module's value: a compiled pattern, a rule, or lists of them."""
    if isinstance(value, re.Pattern):
        yield str(value.pattern)
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            yield from _patterns(getattr(value, item.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _patterns(item)


@lru_cache(maxsize=1)
def needed_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words the rules spell out in their patterns (five letters or more), and the stems
    they read with any ending ("reimburs\\w+"): what a word broken across lines is joined to.
    """
    # Imported here: the rule modules are read once, the first time a text has a broken word.
    from goodword.redflags import (
        employer,
        location_text,
        pay,
        scam_rules,
        scam_words,
        transparency,
        unpaid,
        uses,
    )

    modules: Iterable[ModuleType] = (
        employer, location_text, pay, scam_rules, scam_words, transparency, unpaid, uses,
    )  # fmt: skip
    words: set[str] = set()
    stems: set[str] = set()
    for module in modules:
        for pattern in _patterns(list(vars(module).values())):
            # An escape is not a letter of the word after it ("\\bfee" spells "fee").
            plain = re.sub(r"\\[A-Za-z]", "  ", pattern)
            for found in re.finditer(r"(?<![A-Za-z])[a-z]{5,}(?![A-Za-z])", plain):
                words.add(found.group())
                if pattern.startswith("\\w", found.end()):
                    stems.add(found.group())
    return frozenset(words), tuple(sorted(stems))


def _joined(pasted: str, found: re.Match[str]) -> str:
    """What a line-end hyphen reads as: nothing when the word it breaks, joined, is one the
    rules read; else a hyphen, as in a compound."""
    before = _LETTERS_BEFORE.search(pasted, max(0, found.start() - 40), found.start())
    after = _LETTERS.match(pasted, found.end())
    if before is None or after is None:
        return "-"
    word = (before.group() + after.group()).lower()
    words, stems = needed_words()
    # A stem counts when the break falls inside it ("reim-\nbursed"), not after it, where the
    # hyphen may join a word of its own ("contract-\nbased").
    inside = len(before.group())
    if word in words or any(word.startswith(s) and inside < len(s) for s in stems):
        return ""
    return "-"


class Readable:
    """The text with what it hides made plain (`text`), and the way back (`evidence`)."""

    def __init__(self, pasted: str) -> None:
        self.pasted = pasted
        self._starts: list[int] | None = None
        edits = [(found, _AS[found.group().lower()]) for found in _HIDDEN.finditer(pasted)]
        if "\n" in pasted:
            edits += [(m, _joined(pasted, m)) for m in _LINE_END_HYPHEN.finditer(pasted)]
            edits.sort(key=lambda edit: edit[0].start())
        if not edits:
            self.text = pasted
            return
        parts: list[str] = []
        # For each character of the plain text, where it came from in the pasted one.
        starts: list[int] = []
        at = 0
        for found, said in edits:
            parts.append(pasted[at : found.start()])
            starts.extend(range(at, found.start()))
            parts.append(said)
            starts.extend([found.start()] * len(said))
            at = found.end()
        parts.append(pasted[at:])
        starts.extend(range(at, len(pasted)))
        self.text = "".join(parts)
        self._starts = starts
        # (The character after each one's source: a quote ends there.)
        self._ends = list(accumulate((s + 1 for s in starts), max)) if starts else []

    def evidence(self, found: Evidence) -> Evidence:
        """A quote of the plain text, as a span of the pasted text."""
        if self._starts is None or found.end <= found.start:
            return found
        start, end = self._starts[found.start], self._ends[found.end - 1]
        return replace(found, start=start, end=end, quote=self.pasted[start:end])
