"""Rule matching: the same answers as a plain reading, for work in proportion to the text."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from goodword.redflags.textspan import LONGEST_SENTENCE, Rule, Sentences, run_rules, rx


class _Counted:
    """A pattern that counts its searches."""

    def __init__(self, pattern: str) -> None:
        self.pattern = rx(pattern)
        self.searches = 0

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern.search(text, pos, endpos)


def test_each_sentence_is_searched_once_however_many_triggers_it_holds() -> None:
    # One endless sentence with 2,000 triggers: the words that must be near and the words
    # that cancel are looked for once in it, not once per trigger (which made a pasted text
    # of 100,000 characters take most of a minute).
    text = "Join the agency of Ohio and " * 2000
    near, unless = _Counted(r"\bagency\b"), _Counted(r"\bcontractor\b")
    rule = Rule(signal="s", find=(rx(r"\bjoin\b"),), near=(near,), unless=unless)  # type: ignore[arg-type]

    hits = run_rules(text, [rule])

    # Every trigger, and the near word quoted once per part the sentence is cut in.
    parts = Sentences(text).spans
    assert len(hits["s"].spans) == 2000 + len(parts)
    assert near.searches == unless.searches == len(parts) < 2000 / 10


def test_a_sentence_longer_than_the_longest_is_cut_after_a_comma_or_a_space() -> None:
    # A run-on text (no full stops) is read in parts, each looked at around its matches,
    # instead of one sentence as long as the text looked at whole for every match.
    text = "write three blog posts for us, we may publish them " * 100
    parts = Sentences(text).spans

    assert all(end - start <= LONGEST_SENTENCE for start, end in parts)
    assert all(text[end - 1] == "," for _, end in parts[:-1])  # after a comma
    # Nothing is lost between the parts but the space after each cut.
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(text[end:start] == " " for (_, end), (start, _) in pairwise(parts))
    spaced = "word " * 1000  # no comma at all: at a space
    assert all(spaced[end] == " " for _, end in Sentences(spaced).spans[:-1])


def test_triggers_in_different_sentences_are_judged_on_their_own_sentence() -> None:
    text = "Join us. Join the contractor team. Join the agency."
    rule = Rule(signal="s", find=(rx(r"\bjoin\b"),), unless=rx(r"\bcontractor\b"))

    hits = run_rules(text, [rule])

    assert [span.start for span in hits["s"].spans] == [0, text.index("Join the agency")]


def _index_by_reading(sents: Sentences, pos: int) -> int:
    for i, (start, end) in enumerate(sents.spans):
        if start <= pos < end or pos < start:
            return i
    return len(sents.spans) - 1


@given(st.text(alphabet="ab .!?\n", max_size=60), st.integers(min_value=0, max_value=70))
def test_the_sentence_at_a_position_is_the_one_a_reading_finds(text: str, pos: int) -> None:
    sents = Sentences(text)
    assert sents.index(pos) == _index_by_reading(sents, pos)
