"""Pay that does not pay for the work: only if you are hired, or a token sum for days of it;
and uses of the work said as sending it to a client or putting it on the menu."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, Severity, analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str) -> Finding | None:
    report = analyze(text, today=TODAY)
    return next((f for f in report.findings if f.category.value == "unpaid_work"), None)


@pytest.mark.parametrize(
    "text",
    [
        "For the next round, please write six product pages for our new range (about 10 "
        "hours). You'll be paid for them if you're hired.",
        "As the final step, please draft three long articles for our blog (roughly 12 hours); "
        "once we hire you, we will pay you for this work.",
    ],
)
def test_pay_only_if_you_are_hired_does_not_pay_for_the_work(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity is Severity.HIGH
    assert "only if you are hired" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "As the next step, please write two short articles (about 5 hours). We pay $300 for "
        "the task whether or not you are hired.",
        # Being hired said in another clause of the sentence, of something else.
        "As the next step, please write two short articles (about 5 hours). We pay $300 for "
        "the task, and if you're hired you'll also get a signing bonus.",
    ],
)
def test_pay_whether_or_not_you_are_hired_pays_for_the_work(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert "The exercise is paid: not a red flag." in report.notes


@pytest.mark.parametrize(
    "text",
    [
        "As part of the interview process, please build a full marketing plan for our autumn "
        "launch (8 to 20 hours of work). A $50 honorarium is paid for it.",
        # The sum before the words about pay, in their clause.
        "For the final round, please write a complete style guide for our brand (about 12 "
        "hours). A £40 stipend will be paid for your time.",
    ],
)
def test_a_token_sum_said_before_the_words_about_pay_is_still_a_token(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity is Severity.HIGH
    assert "a token, not pay for the work" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "As the next step, please prepare three slide decks about our product (about 10 "
        "hours). We pay $300 for them once you join the call to present them.",
        "For the final stage, please write a 12-hour research report. A $600 fee is paid for it "
        "when you join the panel to discuss it.",
        "As the next step, please draft a full content plan for our shop (about 10 hours). We "
        "pay $350 for it once you join us for the presentation.",
    ],
)
def test_joining_a_call_or_a_panel_is_no_condition_of_being_hired(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert "The exercise is paid: not a red flag." in report.notes


@pytest.mark.parametrize(
    "text",
    [
        "As the next step, please prepare three slide decks about our product (about 10 "
        "hours). We pay $300 for them once you join the team.",
        "For the final round, please write four long articles for our blog (about 12 hours). "
        "You'll be paid $400 for them when you join us.",
        "As the next step, please redesign our checkout (about 15 hours). We will pay $500 for "
        "the work after you join our company.",
    ],
)
def test_pay_once_you_join_the_team_is_pay_only_if_hired(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity is Severity.HIGH
    assert "only if you are hired" in finding.explanation


def test_a_token_honorarium_for_days_of_work_leaves_it_unpaid_work() -> None:
    finding = _unpaid(
        "As part of the interview process, please build a full marketing plan for our autumn "
        "launch. We offer a $40 honorarium for the plan."
    )
    assert finding is not None
    assert finding.severity is Severity.HIGH
    assert "The pay offered ($40 honorarium) comes to at most $5.00 an hour" in finding.explanation
    assert "$40 honorarium" in [e.quote for e in finding.evidence]
    assert "a token, not pay for the work" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        # About $75 an hour.
        "For the final round we ask for a 6-hour research exercise. We pay a $450 honorarium "
        "for it.",
        # A thousand written "k": $1,000 for 12 hours.
        "For the final round, please write a complete style guide for our brand (about 12 "
        "hours). We pay a $1k honorarium for it.",
        "For the final round, please build a full product prototype (3 days). We pay a £2.5K "
        "fee for it.",
        # Pay by the piece is not judged as a lump sum: $20 for each of ten is $200.
        "As the next step, please write ten product descriptions (about 10 hours). We pay $20 "
        "for each description.",
        # A rate is pay by the hour, whatever the size of the work.
        "For the next stage, please build a full marketing plan for our launch. We pay $45/hour "
        "for your time on it.",
    ],
)
def test_a_fair_sum_or_a_rate_for_the_work_is_paid(text: str) -> None:
    assert "unpaid_work" not in analyze(text, today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "For the junior copywriter role, please write the copy for a one-page flyer for a "
        "client's gym, which we will submit to the client on Monday.",
        "For the head chef position we'd like you to cook three new dishes for us at a tasting. "
        "We may put them on the menu.",
        "For the pastry role, please bake two new cakes for us at a tasting; the best ones will "
        "be added to our menu.",
    ],
)
def test_work_sent_to_a_client_or_put_on_the_menu_is_work_they_use(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert "may use what you produce" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "For the chef role, please cook two dishes of your choice at a paid 3-hour tasting. "
        "Nothing you cook will be put on the menu.",
        "For the copywriter role, please write a short flyer as a writing sample (about 1 "
        "hour). We will not submit anything to a client.",
        # A recruiter sending the reader's own CV on is no use of work.
        "Thanks for the chat. Please send your CV and a short cover note; we will submit your "
        "CV to the client this week.",
    ],
)
def test_a_use_ruled_out_or_a_paid_tasting_is_not_unpaid_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "As the next step, please design five landing pages for our prepaid card brand (about "
        "12 hours).",
        "For the next round, please build a complete working prototype of our booking app. Your "
        "travel will be repaid; the project itself is unpaid.",
    ],
)
def test_prepaid_or_repaid_is_not_pay_for_the_work(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity is Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        # "paid" before a longer word or the job's holidays is no paid step.
        "Thanks for applying. Please come in for a trial shift on Sunday, 9am to 5pm. Our staff "
        "get 30 paid days off a year.",
        "As the next step, please complete our take-home project, which takes about 10 hours. We "
        "also work with paid testers on each release.",
        "For the next round, please join a trial week with our crew. We give two paid weeks of "
        "leave at Christmas.",
    ],
)
def test_paid_only_as_a_whole_word_of_a_paid_step(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity in (Severity.MEDIUM, Severity.HIGH)


@pytest.mark.parametrize(
    "text",
    [
        "Please come in for two trial shifts next week (about 12 hours in all). Both are paid "
        "trial shifts at $16/hour.",
        "For the next round, please join us for a paid day in the kitchen (8 hours).",
    ],
)
def test_a_paid_step_said_in_the_plural_or_as_a_day_is_still_paid(text: str) -> None:
    assert "unpaid_work" not in analyze(text, today=TODAY).categories
