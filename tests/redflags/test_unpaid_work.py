"""Unpaid work: hours are estimated from the text; short or paid exercises are not red flags;
what makes work a hiring step, and the sources a finding cites."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str, location: str | None = None) -> Finding | None:
    report = analyze(text, location=location, today=TODAY)
    return next((f for f in report.findings if f.category.value == "unpaid_work"), None)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The take-home is a 48-hour project building a small service with tests.", 48, 48),
        ("Our engineering test usually takes candidates 3-5 days.", 24, 40),
        ("Next stage: a week-long project designing our landing pages.", 40, 40),
        ("The take-home exercise should take roughly 6 hours.", 6, 6),
        ("Please join us for an unpaid trial week on the line.", 40, 40),
        (
            "Technical round: it usually takes between 20 and 30 hours to finish the take-home.",
            20,
            30,
        ),
        ("Final stage: plan for a full weekend on the coding challenge.", 12, 16),
        # Spare time in parts of a day, counted as "an evening" is.
        ("Complete the take-home; most candidates spend 2-3 evenings on it.", 6, 12),
        ("The design challenge takes two weekends for most people.", 24, 32),
    ],
)
def test_it_estimates_hours_from_stated_durations(text: str, low: float, high: float) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.hours is not None
    assert (finding.hours.low, finding.hours.high) == (low, high)


def test_it_estimates_hours_from_the_scope_of_the_deliverable() -> None:
    finding = _unpaid(
        "Thanks for the call! The take-home project: build a full e-commerce app with accounts "
        "and payments."
    )
    assert finding is not None and finding.hours is not None
    assert finding.hours.basis.startswith("scope")
    assert finding.hours.low >= 24
    assert any("build a full e-commerce app" in e.quote for e in finding.evidence)


def test_a_deadline_is_not_the_same_as_effort() -> None:
    assert _unpaid("The exercise takes about 2 hours; you have 5 days to submit it.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Next step is a short paid exercise of about two hours; we pay $150 for your time.",
        "Our take-home should take no more than 90 minutes.",
        "Final round: a 45-minute live pairing session, no preparation needed.",
        "We compensate candidates for the case study: about 8 hours at $75 per hour.",
        "A 2-3 hour take-home on a fictional dataset.",
    ],
)
def test_short_or_paid_exercises_are_not_red_flags(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories


def test_a_paid_exercise_is_noted_as_fine() -> None:
    report = analyze("We'll pay a flat fee of $400 for the take-home project.", today=TODAY)
    assert report.categories == set()
    assert "The exercise is paid: not a red flag." in report.notes


def test_work_the_employer_may_use_is_serious_even_when_short() -> None:
    finding = _unpaid(
        "Last round: a take-home reworking our live sign-up flow; we might release the "
        "strongest entry."
    )
    assert finding is not None
    assert finding.severity.value == "high"
    assert "may use what you produce" in finding.explanation


def test_the_answers_run_from_mild_to_firm() -> None:
    finding = _unpaid("The case study takes about two full days of work.")
    assert finding is not None
    kinds = [a.kind for a in finding.answers]
    assert kinds == [
        "offer_alternative",
        "ask_use",
        "bill_in_advance",
        "written_agreement",
        "walk_away",
    ]
    assert [a.firmness for a in finding.answers] == sorted(a.firmness for a in finding.answers)
    assert "about 2 days" in finding.answers[2].text


def test_it_cites_unpaid_trial_guidance_for_the_jobs_country() -> None:
    uk = _unpaid("Come in for two unpaid trial shifts this weekend.", "Manchester, UK")
    assert uk is not None and uk.guidance is not None
    assert uk.guidance.country == "GB"
    assert "one day" in uk.guidance.summary
    australia = _unpaid("We run an unpaid trial day for all baristas.", "Melbourne")
    assert australia is not None and australia.guidance is not None
    assert australia.guidance.country == "AU"
    us = _unpaid("The take-home takes about 10 hours.", "Austin, TX")
    assert us is not None and us.guidance is not None
    assert not us.guidance.verified
    assert "(unconfirmed)" in us.explanation


def test_job_duties_in_a_posting_are_not_a_hiring_exercise() -> None:
    posting = (
        "Senior Engineer\nAbout the role: you will build a complete platform for our live "
        "customers.\nInterview process: three rounds.\nRequirements: 5+ years of experience.\n"
        "Salary: $150,000-$170,000."
    )
    assert "unpaid_work" not in analyze(posting, location="Denver, CO", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "We would like you to come in for a paid working interview (one full day, paid at $40/hr).",
        "Final step: a paid trial day in the kitchen, about 8 hours.",
        "Next round is a working interview of one full day, paid at $25 an hour.",
        "Please join us for a trial shift of 8 hours, paid at \u00a312.50 per hour.",
        "The last stage is a paid work trial of three days with the team.",
    ],
)
def test_a_paid_working_interview_or_trial_day_is_not_unpaid_work(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert "The exercise is paid: not a red flag." in report.notes


@pytest.mark.parametrize(
    "text",
    [
        "Please come in for an unpaid working interview of one full day.",
        "Next round: a working interview of one full day; it is not paid at $40/hr or otherwise.",
        "The trial day is 8 hours and will not be paid.",
    ],
)
def test_a_working_interview_that_is_not_paid_is_still_flagged(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity.value == "high"


@pytest.mark.parametrize(
    "text",
    [
        "Line cook, paid $18/hr. Before we hire, we require a 2-day unpaid trial.",
        "The role is paid at a competitive rate. Before we hire, we require a 2-day unpaid trial.",
    ],
)
def test_pay_for_the_job_does_not_make_an_unpaid_trial_paid(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity.value == "high"


TAKE_HOME = "The take-home project usually takes 3-5 days."


def _source_countries(finding: Finding) -> set[str | None]:
    return {s.country for s in finding.sources}


def test_a_us_finding_cites_only_general_and_us_sources() -> None:
    finding = _unpaid(TAKE_HOME, "Austin, TX")
    assert finding is not None
    assert finding.sources
    assert _source_countries(finding) <= {None, "US"}
    assert not any("Australia" in s.org or "UK" in s.org for s in finding.sources)


def test_a_finding_in_australia_or_the_uk_cites_that_countrys_sources() -> None:
    australia = _unpaid(TAKE_HOME, "Melbourne")
    uk = _unpaid(TAKE_HOME, "London, UK")
    assert australia is not None and uk is not None
    assert _source_countries(australia) == {"AU"}
    assert _source_countries(uk) == {"GB"}


def test_without_a_country_every_source_is_kept_and_says_its_country() -> None:
    finding = _unpaid(TAKE_HOME)
    assert finding is not None
    assert _source_countries(finding) == {"AU", "GB", "US"}
    assert {s.to_dict()["country"] for s in finding.sources} == {"AU", "GB", "US"}


def test_a_wide_range_in_the_us_cites_no_canadian_source() -> None:
    text = "Senior Analyst. Salary: $60,000 - $200,000 a year."
    report = analyze(text, location="New York, NY", today=TODAY)
    wide = next(f for f in report.findings if f.signal == "cf-open-or-overbroad-range")
    assert wide.sources and _source_countries(wide) <= {None, "US"}
    canada = analyze(text, location="Toronto, ON", today=TODAY)
    wide = next(f for f in canada.findings if f.signal == "cf-open-or-overbroad-range")
    assert _source_countries(wide) <= {None, "CA"}


@pytest.mark.parametrize(
    "text",
    [
        "Next step is a 30-minute phone screen, then a 1-hour technical interview. No take-home.",
        "We don't do take-home assignments; instead we'll pair for an hour on a small problem.",
        "Please add me on Telegram to complete your interview.",
        "To move forward, please submit your application on our careers site.",
    ],
)
def test_a_hiring_step_ruled_out_or_that_is_no_work_is_no_assignment(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert not any("assignment" in note or "exercise" in note for note in report.notes)


def test_sample_concepts_asked_for_in_a_posting_are_a_hiring_exercise() -> None:
    text = (
        "Copywriter (Freelance)\nAs part of the application, please write two sample ad concepts "
        "for our client's new sneaker campaign. We may use the winning concepts in the campaign.\n"
        "Responsibilities: write copy. Requirements: portfolio. Apply now."
    )
    finding = _unpaid(text, "New York, NY")
    assert finding is not None and finding.severity.value == "high"
    assert [e.quote for e in finding.evidence] == [
        "two sample ad concepts",
        "We may use the winning concepts in the campaign",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, please prepare a complete 30-page marketing strategy for our Q3 launch, for free.",
        "Could you write three blog posts for our site free of charge? We'll decide after that.",
        "We'd like you to design a new logo and ten social posts for us, unpaid.",
    ],
)
def test_finished_work_asked_for_free_is_unpaid_work(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None and finding.severity.value in ("medium", "high")
    assert finding.hours is not None and finding.hours.basis.startswith("scope")


def test_a_free_strategy_for_a_launch_of_theirs_is_work_they_will_use() -> None:
    finding = _unpaid(
        "please prepare a complete 30-page marketing strategy for our Q3 launch, for free"
    )
    assert finding is not None and finding.severity.value == "high"
    assert [e.quote for e in finding.evidence] == [
        "prepare a complete 30-page marketing strategy for our Q3 launch",
        "for free",
    ]
    assert "may use what you produce" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Please prepare a short bio for the team page. Free parking is available on site.",
        "Feel free to prepare a few questions for us; we'll cover the role and the team.",
        "Benefits: free parking, free lunches. Please feel free to bring a portfolio if you like.",
        "We will build a complete website for you for free as part of our launch offer.",
        "Please write a short note about yourself; the event is free of charge.",
    ],
)
def test_free_said_of_anything_but_the_work_asked_for_is_not_unpaid_work(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories


@pytest.mark.parametrize(
    "text",
    [
        "Next, we'd like you to write three blog posts for our website as a writing sample. "
        "We may publish the best ones.",
        "Before the panel, please prepare a full marketing plan for our Q1 product launch, "
        "including budget and channel strategy. There's no payment for this.",
        "Great talking to you! We'd like you to create three landing pages for our new product "
        "line. We may launch the best one.",
        "We'd like you to draft two email newsletters for our subscriber list before we meet "
        "again. We might send one of them out.",
    ],
)
def test_work_asked_for_that_they_may_use_or_do_not_pay_for_is_caught_without_a_hiring_opener(
    text: str,
) -> None:
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None
    assert finding.severity.value == "high"
    assert finding.hours is not None and finding.hours.basis.startswith("scope")


def test_work_said_two_sentences_on_to_be_unpaid_after_a_first_chat_is_unpaid_work() -> None:
    text = (
        "Hi Priya, thanks for a great first chat. Before you meet the founders, we'd like you to "
        "put together a full go-to-market plan for our new budgeting app: target segments, "
        "channel mix, a 90-day calendar and a budget. Most people take about two days over it. "
        "We can't pay for this step, but it really helps us see how you think."
    )
    finding = _unpaid(text, "Austin, TX")
    assert finding is not None and finding.severity.value == "high"
    assert finding.hours is not None and (finding.hours.low, finding.hours.high) == (16, 16)


def test_a_morning_to_spend_at_their_work_as_part_of_selection_is_unpaid_work() -> None:
    text = (
        "To see how you'd get on, spend tomorrow morning calling through the attached list of "
        "80 dental practices and book as many demos as you can for our team. This is an unpaid "
        "part of the selection process."
    )
    finding = _unpaid(text, "Dublin, Ireland")
    assert finding is not None and finding.hours is not None
    assert (finding.hours.low, finding.hours.high) == (3, 4)
    assert "spend tomorrow morning" in [e.quote for e in finding.hours.evidence]


@pytest.mark.parametrize(
    "text",
    [
        "Please complete the short exercise. We'll call you tomorrow morning.",
        "Sales Development Rep\nResponsibilities:\n- You'll spend the day calling dental "
        "practices and booking demos\nRequirements:\n- A warm phone manner\nBenefits:\n- "
        "Pension",
    ],
)
def test_a_call_tomorrow_morning_or_a_day_in_the_job_is_not_a_morning_of_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Dublin, Ireland", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for a great first chat. We'd like you to put together a full go-to-market plan "
        "for our launch next quarter. We can't pay for your travel to the office, sorry.",
        "Hi team, please put together a full go-to-market plan for the launch. It is due "
        "Friday. We can't pay for this from the marketing budget.",
    ],
)
def test_travel_not_paid_for_or_a_colleagues_plan_is_not_unpaid_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Denver, CO", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "Hi team, please write three blog posts for the website this sprint. We will publish "
        "them next week.",
        "We'd like you to write three blog posts a month as our new freelance columnist, at $150 "
        "each. We may publish them on Fridays.",
        "Could you design five logos for the rebrand? We'll use the winning one on the new "
        "site. Invoice us at your usual rate.",
        "Please send us a writing sample and links to three blog posts you've published.",
        "There's no payment required for the interview and we cover your travel costs.",
    ],
)
def test_work_for_a_colleague_or_paid_work_is_not_an_unpaid_hiring_step(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Denver, CO", today=TODAY).categories
