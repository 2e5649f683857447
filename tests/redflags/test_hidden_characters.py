"""Text copied from a web page or an e-mail hides characters between its words (non-breaking
spaces, soft hyphens, zero-width spaces, or the same as HTML entities): it is read as it
shows, and its evidence is quoted from the text as given."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags.analyzer import analyze
from goodword.redflags.service import check

TODAY = date(2026, 11, 28)
PLAIN = "Please pay a $50 registration fee before you start. What is your current salary?"


def found(text: str) -> list[tuple[str, list[str]]]:
    report = analyze(text, today=TODAY)
    for finding in report.findings:
        for quote in finding.evidence:
            assert text[quote.start : quote.end] == quote.quote
    return [(f.category.value, [e.quote for e in f.evidence]) for f in report.findings]


@pytest.mark.parametrize("hidden", ["\u00a0", "&nbsp;", "&#160;", "\u202f"])
def test_a_hidden_space_is_read_as_a_space(hidden: str) -> None:
    text = PLAIN.replace(" ", hidden)
    assert found(text) == [
        ("scam", [f"registration{hidden}fee"]),
        ("salary_history", [f"your{hidden}current{hidden}salary"]),
    ]


def test_a_soft_hyphen_or_zero_width_space_inside_a_word_is_read_as_nothing() -> None:
    text = PLAIN.replace("registration", "regis\u200btration").replace("salary", "sal&shy;ary")
    assert found(text) == [
        ("scam", ["regis\u200btration fee"]),
        ("salary_history", ["your current sal&shy;ary"]),
    ]


def test_the_check_marks_the_words_in_the_text_as_given() -> None:
    checked = check(PLAIN.replace("salary", "sal\u00adary"), location=None, today=TODAY)
    assert "<mark" in checked.highlighted and "sal\u00adary</mark>" in checked.highlighted


def test_a_text_with_nothing_hidden_is_read_as_before() -> None:
    assert found(PLAIN) == [
        ("scam", ["registration fee"]),
        ("salary_history", ["your current salary"]),
    ]
