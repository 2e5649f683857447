"""Text copied from a web page or an e-mail hides characters between its words (non-breaking
spaces, soft hyphens, zero-width spaces, or the same as HTML entities): it is read as it
shows, and its evidence is quoted from the text as given."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags.analyzer import analyze
from goodword.redflags.readable import Readable
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


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\n   "])
def test_a_word_hyphenated_across_a_line_break_is_read_whole(line_break: str) -> None:
    text = PLAIN.replace("registration", f"regis-{line_break}tration").replace(
        "salary", f"sal-{line_break}ary"
    )
    assert found(text) == [
        ("scam", [f"regis-{line_break}tration fee"]),
        ("salary_history", [f"your current sal-{line_break}ary"]),
    ]


def test_a_payment_broken_across_lines_is_read_as_one() -> None:
    text = "To secure your training seat, send the pay-\nment via Zelle today."
    assert found(text) == [("scam", ["send the pay-\nment via Zelle"])]


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("This is a full-\ntime role.", "This is a full-time role."),
        ("Please do the take-\nhome task.", "Please do the take-home task."),
        # A stem the rules read with any ending, broken after it: a compound again.
        ("A contract-\nbased role.", "A contract-based role."),
        # A hyphen that ends a line before a capital, a digit or a list is left as it is.
        (
            "Benefits -\n- health\nSee-\nAlso\nsteps 1-\n2",
            "Benefits -\n- health\nSee-\nAlso\nsteps 1-\n2",
        ),
    ],
)
def test_a_compound_that_meets_the_lines_end_keeps_its_hyphen(text: str, reads: str) -> None:
    assert Readable(text).text == reads


def test_the_check_marks_a_word_broken_across_lines_in_the_text_as_given() -> None:
    checked = check("Please pay the $40 regis-\ntration fee today.", location=None, today=TODAY)
    assert "<mark" in checked.highlighted and "regis-\ntration fee</mark>" in checked.highlighted
