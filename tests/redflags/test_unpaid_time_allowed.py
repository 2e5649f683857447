"""Unpaid work: a deadline is the calendar time allowed, not the hours of work; how long those
who do it take, a timed exercise and a week of work are still its length."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str, location: str | None = None) -> Finding | None:
    report = analyze(text, location=location, today=TODAY)
    return next((f for f in report.findings if f.category.value == "unpaid_work"), None)


@pytest.mark.parametrize(
    ("text", "hours", "words"),
    [
        (
            "Please complete our take-home: build a complete web app for our booking flow. Send "
            "it back within a week.",
            168,
            "Time allowed: up to 7 days.",
        ),
        (
            "Complete the take-home assignment, about 10 hours of work; submit within 5 days.",
            120,
            "Time allowed: up to 5 days.",
        ),
        (
            "Take-home: redesign our checkout flow, roughly 12 hours. You have a couple of weeks "
            "if you need.",
            336,
            "Time allowed: up to 14 days.",
        ),
    ],
)
def test_time_allowed_is_calendar_time_in_days_not_hours_of_work(
    text: str, hours: float, words: str
) -> None:
    finding = _unpaid(text)
    assert finding is not None and finding.time_allowed is not None
    assert finding.time_allowed.high == hours
    assert finding.time_allowed.basis == "calendar time allowed"
    assert words in finding.explanation
    assert "hours of calendar time" not in finding.explanation


@pytest.mark.parametrize(
    "deadline",
    [
        "Please reply within 24 hours to confirm you are still interested.",
        "Please get back to us within 2 days if you are still interested.",
        "Let us know within 48 hours whether you accept.",
        "Kindly confirm within 1 day that you received this.",
        # A work verb elsewhere does not make the answer the work.
        "If you would like to build the dashboard, please reply within 24 hours to confirm.",
        "If you would like to build the dashboard, please reply within 24 hours.",
        "Please make a decision and let us know within 2 days.",
        "We hope you enjoy building it. Please reply within 24 hours to confirm you are still "
        "interested.",
        "Please reply within 2 days with your availability for a call.",
        "Please reply within 2 days with a link to your calendar.",
    ],
)
def test_a_deadline_to_answer_the_message_is_not_time_allowed_for_the_work(
    deadline: str,
) -> None:
    finding = _unpaid(
        "Please complete a take-home project: build a full dashboard for our client (estimated "
        f"3 days of work). This is unpaid. {deadline}"
    )
    assert finding is not None and finding.hours is not None
    # "3 days of work" is the effort, eight hours a day.
    assert (finding.hours.low, finding.hours.high, finding.hours.basis) == (24, 24, "stated effort")
    assert [e.quote for e in finding.hours.evidence] == ["3 days"]
    assert finding.time_allowed is None
    assert "Time allowed" not in finding.explanation


@pytest.mark.parametrize(
    ("deadline", "hours"),
    [
        ("Please reply within 5 days with your finished dashboard.", 120),
        ("Submit it within 72 hours. Let us know within 1 day if you are still interested.", 72),
        ("Please confirm you can return it within 4 days.", 96),
        # A work verb before "reply" in its clause, or the work after it, makes it the work's.
        ("Please build the dashboard and reply within 48 hours.", 48),
        ("Complete the assignment and respond within 5 days.", 120),
        ("Send it back and reply within 4 days.", 96),
        ("Finish it and then let us know within 3 days.", 72),
        ("Finish it, then let us know within 3 days.", 72),
        ("Reply within 5 days with a link to your repo.", 120),
        ("Please respond within 2 days with the code attached.", 48),
        ("Respond within 3 days with it attached.", 72),
    ],
)
def test_a_deadline_for_the_work_itself_is_still_time_allowed(deadline: str, hours: float) -> None:
    finding = _unpaid(
        "Please complete a take-home project: build a full dashboard for our client (estimated "
        f"3 days of work). This is unpaid. {deadline}"
    )
    assert finding is not None and finding.time_allowed is not None
    assert finding.time_allowed.high == hours
    assert f"Time allowed: up to {hours // 24:.0f} days." in finding.explanation


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        (
            "Please complete the take-home in 3 days. Confirm within 24 hours that you will do it.",
            72,
        ),
        ("Complete the take-home in 3 days.", 72),
        ("You'll need to complete and return the take-home assignment in 48 hours.", 48),
        ("Please read the take-home brief and finish it in a week.", 168),
    ],
)
def test_work_ordered_done_in_some_days_is_the_time_allowed_for_it(text: str, hours: float) -> None:
    report = analyze(text, today=TODAY)
    # No length of the work is stated, so it is no red flag; the time allowed is not effort.
    assert "unpaid_work" not in report.categories
    days = f"{hours // 24:.0f} day{'s' if hours > 24 else ''}"
    assert (
        f"An assignment is mentioned without how long it takes (you have up to {days} to hand "
        "it in). Ask how long it should take and whether the work will be used."
    ) in report.notes
    finding = _unpaid(
        "Please complete a take-home project: build a full dashboard for our client (estimated "
        f"3 days of work). This is unpaid. {text}"
    )
    assert finding is not None and finding.time_allowed is not None
    assert finding.time_allowed.high == hours
    assert finding.hours is not None and finding.hours.basis == "stated effort"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # How long it takes those who do it, not an order: effort, as before.
        ("Most candidates complete the take-home in 3 days.", 24, 24),
        ("Most candidates read the take-home brief and finish it in 3 days.", 24, 24),
        # A timed exercise of a few hours is how long the work is.
        ("Please complete the take-home exercise in 5 hours.", 5, 5),
    ],
)
def test_how_long_candidates_take_or_a_timed_exercise_is_still_effort(
    text: str, low: float, high: float
) -> None:
    finding = _unpaid(text)
    assert finding is not None and finding.hours is not None
    assert (finding.hours.low, finding.hours.high) == (low, high)
    assert finding.time_allowed is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # "this" is not "is" before a length, and a day named is not one.
        ("Thanks for applying. Come in for a trial shift this weekend.", 8, 8),
        ("Thanks for applying. Please come in for an unpaid trial shift at the weekend.", 8, 8),
        ("Thanks for applying. Please come in for an unpaid trial shift next weekend.", 8, 8),
        # A length still is one.
        ("Final stage: plan for a full weekend on the coding challenge.", 12, 16),
        ("Take-home: please plan on 10 hours.", 10, 10),
    ],
)
def test_a_weekend_named_as_a_day_is_not_the_length_of_the_work(
    text: str, low: float, high: float
) -> None:
    finding = _unpaid(text)
    assert finding is not None and finding.hours is not None
    assert (finding.hours.low, finding.hours.high) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "You're invited to our graduate assessment centre at our Birmingham office. The day "
        "includes a group exercise, a 20-minute presentation on a topic we'll send you a week "
        "before, and two interviews.",
        "The final round is a short exercise; we'll send the brief two days in advance.",
    ],
)
def test_a_time_before_the_day_is_when_not_the_length_of_the_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, today=TODAY).categories


def test_a_week_of_work_is_still_forty_hours_of_effort() -> None:
    finding = _unpaid("Our take-home project takes about a week of work; no rush on returning it.")
    assert finding is not None and finding.hours is not None
    assert (finding.hours.low, finding.hours.high) == (40, 40)
