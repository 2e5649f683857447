"""Text as it reads: what a copy from a web page or an e-mail hides in it (non-breaking
spaces, soft hyphens, zero-width spaces, and the same written as HTML entities) made plain
for the rules, with every quote found in the plain text given back as a span of the text
as it was pasted (`text[start:end] == quote` still holds there).

>>> plain = Readable("Pay a\\u00a0$50 regis\\u00adtration fee")
>>> plain.text
'Pay a $50 registration fee'
>>> start = plain.text.index("registration")
>>> plain.evidence(Evidence(start, start + 12, "registration"))
Evidence(start=10, end=23, quote='regis\\xadtration')
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import accumulate

from goodword.redflags.textspan import Evidence

# What each hidden character or entity reads as: a space, or nothing.
_AS = {
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "&nbsp;": " ", "&#160;": " ", "&#xa0;": " ",
    "\u00ad": "", "\u200b": "", "\u2060": "", "\ufeff": "", "&shy;": "", "&#173;": "",
    "&#xad;": "", "&#8203;": "", "&#x200b;": "",
}  # fmt: skip
_HIDDEN = re.compile("|".join(re.escape(k) for k in sorted(_AS, key=len, reverse=True)), re.I)


class Readable:
    """The text with what it hides made plain (`text`), and the way back (`evidence`)."""

    def __init__(self, pasted: str) -> None:
        self.pasted = pasted
        self._starts: list[int] | None = None
        if _HIDDEN.search(pasted) is None:
            self.text = pasted
            return
        parts: list[str] = []
        # For each character of the plain text, where it came from in the pasted one.
        starts: list[int] = []
        at = 0
        for found in _HIDDEN.finditer(pasted):
            parts.append(pasted[at : found.start()])
            starts.extend(range(at, found.start()))
            said = _AS[found.group().lower()]
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
