"""The size of unpaid work in days says what the hours say, halves not rounded away."""

from __future__ import annotations

import pytest

from goodword.redflags.answers import _hours_words


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (20, 20, "about 2 to 3 days of"),
        (16, 16, "about 2 days of"),
        (24, 24, "about 3 days of"),
        (20, 30, "about 2 to 4 days of"),
        (6, 6, "about 6 hours of"),
    ],
)
def test_hours_become_days_without_losing_a_half(low: float, high: float, words: str) -> None:
    assert _hours_words(low, high) == words
