"""Marking evidence in a text: escaped HTML with `<mark>` spans, merged where they overlap."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from goodword.redflags import analyze
from goodword.redflags.service import Mark, check, highlight, marks_for
from goodword.redflags.signals import Severity
from redflags_surfaces.samples import SCAM_AND_HISTORY, TODAY


def test_it_marks_a_span_and_escapes_everything_else() -> None:
    text = '<script>alert("x")</script> pay the fee & go'

    start = text.index("fee")

    out = str(highlight(text, [Mark(start, start + 3, "Fee to be hired", Severity.CRITICAL)]))

    assert out == (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; pay the "
        '<mark class="sev-critical" title="Fee to be hired">fee</mark> &amp; go'
    )


def test_the_marked_words_and_the_reason_are_escaped_too() -> None:
    out = str(highlight("a <b> c", [Mark(2, 5, 'say "no" <now>')]))

    assert (
        out == 'a <mark class="sev-medium" title="say &#34;no&#34; &lt;now&gt;">&lt;b&gt;</mark> c'
    )


def test_overlapping_spans_become_one_mark_with_every_reason_and_the_worst_severity() -> None:
    text = "send the cheque back by gift card"
    marks = [
        Mark(9, 23, "Cheque", Severity.HIGH),
        Mark(5, 15, "Send money", Severity.CRITICAL),
        Mark(24, 33, "Gift card", Severity.MEDIUM),
    ]

    out = str(highlight(text, marks))

    assert out.count("<mark") == 2
    assert '<mark class="sev-critical" title="Send money; Cheque">the cheque back by</mark>' in out
    assert '<mark class="sev-medium" title="Gift card">gift card</mark>' in out


def test_touching_spans_merge_and_a_repeated_reason_is_named_once() -> None:
    out = str(highlight("abcdef", [Mark(0, 3, "same"), Mark(3, 6, "same")]))

    assert out == '<mark class="sev-medium" title="same">abcdef</mark>'


def test_empty_and_out_of_range_spans_are_clamped_or_dropped() -> None:
    out = str(highlight("hello", [Mark(2, 2, "empty"), Mark(-5, 2, "head"), Mark(4, 99, "tail")]))

    assert out == (
        '<mark class="sev-medium" title="head">he</mark>ll'
        '<mark class="sev-medium" title="tail">o</mark>'
    )


def test_a_report_marks_each_piece_of_evidence() -> None:
    report = analyze(SCAM_AND_HISTORY, location="Wilmington, DE", today=TODAY)

    marks = marks_for(report)
    checked = check(SCAM_AND_HISTORY, location="Wilmington, DE", today=TODAY)

    assert {SCAM_AND_HISTORY[m.start : m.end] for m in marks} == {
        "registration fee",
        "you have been selected for",
        "your current salary",
    }
    assert checked.flagged == 3
    assert '<mark class="sev-critical" title="You are asked to pay before you can start">' in (
        checked.highlighted
    )


@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6),
)
def test_taking_the_marks_out_gives_back_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    out = str(highlight(text, [Mark(a, b, "why") for a, b in spans]))

    marks = re.findall(r"<mark [^>]*>(.*?)</mark>", out, flags=re.S)
    plain = re.sub(r"<mark [^>]*>|</mark>", "", out)
    assert html.unescape(plain) == text
    assert "<" not in plain.replace("&lt;", "")
    assert all(m for m in marks)
    assert "</mark><mark" not in out
