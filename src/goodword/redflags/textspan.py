"""Small helpers shared by the rule modules: evidence spans, sentences and rule matching."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

FLAGS = re.IGNORECASE


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive rule pattern."""
    return re.compile(pattern, FLAGS)


@dataclass(frozen=True, order=True)
class Evidence:
    """A quoted piece of the analysed text: `text[start:end] == quote`."""

    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "quote": self.quote}


def evidence(text: str, start: int, end: int) -> Evidence:
    """Quote text[start:end], trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start=start, end=end, quote=text[start:end])


def from_match(text: str, match: re.Match[str]) -> Evidence:
    return evidence(text, match.start(), match.end())


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
# No sentence is longer: a text without full stops (run on, or pasted without line breaks)
# is cut after a comma or semicolon, else a space, so that the rules, which look a sentence
# or two around each match, stay in proportion to the text.
LONGEST_SENTENCE = 1000


def sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into (start, end) sentence spans; newlines always end a sentence, and
    one longer than `LONGEST_SENTENCE` is cut in parts (`_cut`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _SENTENCE_END.finditer(text):
        if found.start() > start:
            spans += _cut(text, start, found.start())
        start = found.end()
    if start < len(text):
        spans += _cut(text, start, len(text))
    return spans or [(0, len(text))]


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence text[start:end] in parts of at most `LONGEST_SENTENCE` characters, each
    ending after the last comma or semicolon in it (else at its last space)."""
    parts: list[tuple[int, int]] = []
    while end - start > LONGEST_SENTENCE:
        limit = start + LONGEST_SENTENCE
        cut = max(text.rfind(",", start, limit), text.rfind(";", start, limit)) + 1
        if cut <= start + LONGEST_SENTENCE // 2:
            cut = max(text.rfind(" ", start, limit), start + LONGEST_SENTENCE // 2)
        parts.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        parts.append((start, end))
    return parts


class Sentences:
    """Sentence lookup for one text: which sentence holds a position, and a window around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentences(text)
        self._ends = [end for _, end in self.spans]

    def index(self, pos: int) -> int:
        """The sentence holding `pos`; the next one when `pos` falls between two."""
        # The first sentence that ends after `pos`: a binary search, so a long text with
        # thousands of sentences costs no more per look-up than a short one.
        return min(bisect_right(self._ends, pos), len(self.spans) - 1)

    def window(self, pos: int, around: int = 0) -> tuple[int, int]:
        """Return the span of the sentence at `pos` plus `around` sentences either side."""
        i = self.index(pos)
        lo = max(0, i - around)
        hi = min(len(self.spans) - 1, i + around)
        return self.spans[lo][0], self.spans[hi][1]

    def before(self, pos: int) -> str:
        """The text of the sentence at `pos`, up to `pos`."""
        start, _ = self.window(pos)
        return self.text[start:pos]

    def sentence(self, pos: int) -> str:
        start, end = self.window(pos)
        return self.text[start:end]


@dataclass(frozen=True)
class Rule:
    """A transparent rule: a trigger, words that must be near it, words that cancel it.

    `near` patterns must each match within `around` sentences of the trigger; `unless`
    cancels the trigger when it matches in the trigger's own sentence (or `unless_around`).
    """

    signal: str
    find: tuple[re.Pattern[str], ...]
    near: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None
    around: int = 0
    unless_around: int = 0
    quote_near: bool = True


@dataclass
class Hit:
    """Evidence gathered for one signal."""

    signal: str
    spans: list[Evidence] = field(default_factory=list)
    # What `spans` holds, for a constant-time duplicate check: a long text can give thousands.
    _seen: set[Evidence] = field(default_factory=set, repr=False, compare=False)

    def add(self, item: Evidence) -> None:
        if item not in self._seen and item.end > item.start:
            self._seen.add(item)
            self.spans.append(item)


class _Searches:
    """`pattern.search(text, lo, hi)`, each asked once per pattern and window.

    Every trigger in one sentence has the same window, so without this a long sentence with
    many triggers (a pasted text repeating a phrase) is searched once per trigger: quadratic.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.done: dict[tuple[re.Pattern[str], int, int], re.Match[str] | None] = {}

    def __call__(self, pattern: re.Pattern[str], lo: int, hi: int) -> re.Match[str] | None:
        key = (pattern, lo, hi)
        if key not in self.done:
            self.done[key] = pattern.search(self.text, lo, hi)
        return self.done[key]


def run_rules(text: str, rules: list[Rule], sents: Sentences | None = None) -> dict[str, Hit]:
    """Apply `rules` to `text`; return the hits by signal id, each with its evidence.

    Each `near` and `unless` pattern is searched once per window, however many triggers the
    window holds, so the work grows with the text's length, not with its square.
    """
    sents = sents or Sentences(text)
    search = _Searches(text)
    hits: dict[str, Hit] = {}
    for rule in rules:
        for pattern in rule.find:
            for found in pattern.finditer(text):
                lo, hi = sents.window(found.start(), rule.around)
                near_found: list[re.Match[str]] = []
                for near in rule.near:
                    other = search(near, lo, hi)
                    if other is None:
                        break
                    near_found.append(other)
                else:
                    if rule.unless is not None:
                        u_lo, u_hi = sents.window(found.start(), rule.unless_around)
                        if search(rule.unless, u_lo, u_hi):
                            continue
                    hit = hits.setdefault(rule.signal, Hit(rule.signal))
                    hit.add(from_match(text, found))
                    if rule.quote_near:
                        for other in near_found:
                            hit.add(from_match(text, other))
    for hit in hits.values():
        hit.spans.sort()
    return hits


def merge_overlaps(spans: list[Evidence], text: str) -> list[Evidence]:
    """Merge overlapping evidence spans so a highlighter shows each stretch once."""
    merged: list[Evidence] = []
    for item in sorted(spans):
        if merged and item.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = evidence(text, last.start, max(last.end, item.end))
        else:
            merged.append(item)
    return merged
