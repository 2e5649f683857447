"""Unpaid trials, shifts and stages, the size of a prototype or a brand identity, and work asked
as part of selection, of a new hire or for their subscribers."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str, location: str | None = None) -> Finding | None:
    report = analyze(text, location=location, today=TODAY)
    return next((f for f in report.findings if f.category.value == "unpaid_work"), None)


@pytest.mark.parametrize(
    "text",
    [
        "As a trial, please work a full unpaid shift in the kitchen this Saturday from 10am to "
        "6pm so the head chef can see you in action.",
        "Before we decide, we ask every applicant to do two unpaid shifts on the shop floor.",
    ],
)
def test_an_unpaid_shift_is_an_unpaid_trial(text: str) -> None:
    finding = _unpaid(text, "Manchester, UK")
    assert finding is not None
    assert finding.hours is not None and finding.hours.low >= 6


@pytest.mark.parametrize(
    "text",
    [
        "We never ask for unpaid shifts.",
        "No unpaid shifts: every trial day is paid at $22 an hour.",
    ],
)
def test_unpaid_shifts_ruled_out_are_not_unpaid_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Denver, CO", today=TODAY).categories


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        (
            "Hi Lena, our client would like you to build a working prototype of their booking "
            "app over the next two weeks as a test project. It's unpaid, but a great portfolio "
            "piece.",
            "build a working prototype",
        ),
        (
            "Hi Ana, before we book the panel, please design a complete brand identity for our "
            "new bakery: logo, colour palette, menu, signage and packaging. There is no payment "
            "for this stage.",
            "brand identity",
        ),
    ],
)
def test_a_prototype_or_a_brand_identity_has_a_size(text: str, scope: str) -> None:
    finding = _unpaid(text, "Austin, TX")
    assert finding is not None and finding.severity.value == "high"
    assert finding.hours is not None and finding.hours.basis.startswith("scope")
    assert any(scope in e.quote for e in finding.hours.evidence)


def test_a_brand_identity_mentioned_not_made_gives_no_size() -> None:
    text = (
        "Thanks for applying to the copywriter role. As the next step, please write a short "
        "post about our new brand identity."
    )
    assert "unpaid_work" not in analyze(text, location="Austin, TX", today=TODAY).categories


def test_work_asked_as_part_of_your_assessment_is_a_hiring_step() -> None:
    text = (
        "Hi Omar, we'd like you to translate our full 80-page employee handbook into Arabic as "
        "part of your assessment."
    )
    finding = _unpaid(text, "Austin, TX")
    assert finding is not None and finding.severity.value == "high"


def test_your_first_task_on_real_leads_is_work_they_use() -> None:
    text = (
        "Thanks for applying for the sales role. Your first task: call 50 of our real leads "
        "from our CRM this week and book as many demos as you can. This trial is unpaid."
    )
    finding = _unpaid(text, "Miami, FL")
    assert finding is not None and finding.severity.value == "high"
    assert "may use what you produce" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to the team, Ben! Your first task: call 50 of our real leads from the CRM this "
        "week. Your new role starts Monday.",
        "Welcome aboard! Your first task is to clean up our real customer data in the CRM before "
        "your role's first review.",
    ],
)
def test_the_first_task_of_someone_already_hired_is_the_job(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Miami, FL", today=TODAY).categories


def test_work_asked_as_part_of_the_selection_process_is_a_hiring_step() -> None:
    text = (
        "As part of the selection process, please translate the 12 attached product pages from "
        "German into English. We may publish your translations on our website."
    )
    finding = _unpaid(text, "Berlin, Germany")
    assert finding is not None and finding.severity.value == "high"
    assert "We may publish your translations on our website" in [e.quote for e in finding.evidence]


def test_a_survey_of_their_customers_whose_results_they_may_use_is_unpaid_work() -> None:
    text = (
        "Thanks for applying to the research assistant role. Please survey 40 of our customers "
        "by phone and write up what they said. We may use the results in our spring campaign."
    )
    finding = _unpaid(text, "Portland, OR")
    assert finding is not None and finding.severity.value == "high"


def test_redesigning_their_onboarding_flow_is_work_not_a_step_of_hiring() -> None:
    text = (
        "Thanks for applying to our UX role! Please redesign the onboarding flow of our live app "
        "and send us the Figma file by Monday. We'll likely ship the best ideas."
    )
    finding = _unpaid(text, "San Jose, CA")
    assert finding is not None and finding.severity.value == "high"


def test_completing_the_onboarding_is_still_no_assignment() -> None:
    text = "Thanks for applying to our UX role! Please complete the onboarding in our portal."
    assert "unpaid_work" not in analyze(text, location="San Jose, CA", today=TODAY).categories


@pytest.mark.parametrize(
    ("text", "use"),
    [
        (
            "For the second stage, we ask shortlisted writers to rewrite the five emails of our "
            "spring sale campaign in their own style. Please send them back within four days. "
            "The versions we like best may go out to our subscribers.",
            "The versions we like best may go out to our subscribers",
        ),
        (
            "Thanks for applying to be our newsletter editor. As the next step, please write three "
            "issues of our weekly newsletter. The best ones may be sent to our subscribers.",
            "The best ones may be sent to our subscribers",
        ),
    ],
)
def test_work_the_employer_may_send_to_its_subscribers_is_put_to_use(text: str, use: str) -> None:
    finding = _unpaid(text, "Dublin, Ireland")
    assert finding is not None and finding.severity.value == "high"
    assert use in [e.quote for e in finding.evidence]


def test_emails_only_talked_over_in_the_interview_are_not_put_to_use() -> None:
    text = (
        "For the next stage, please draft two short emails to a fictional customer (about 45 "
        "minutes). The emails will be discussed in your interview and won't be sent to anyone."
    )
    assert "unpaid_work" not in analyze(text, location="Dublin, Ireland", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for your interest in the sous chef position. We'd like you to stage with us for "
        "two dinner services this weekend before we make a decision. Staging is unpaid, as is "
        "standard in our kitchen.",
        "Before we decide, please come in for an unpaid stage in the kitchen on Friday.",
    ],
)
def test_an_unpaid_stage_in_a_kitchen_is_an_unpaid_trial(text: str) -> None:
    finding = _unpaid(text, location="Chicago, IL")
    assert finding is not None and finding.severity.value == "medium"
    assert "How long the work takes is not stated." in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for applying! The next stage with us is a short phone call with the chef.",
        "Come in for a paid stage with our team on Friday, 4 hours at $20/hr.",
    ],
)
def test_a_stage_of_hiring_or_a_paid_stage_is_not_unpaid_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Chicago, IL", today=TODAY).categories


def test_the_winning_concept_picked_for_their_packaging_is_work_they_use() -> None:
    finding = _unpaid(
        "We loved your portfolio! As the next step, we're asking our three finalists to each "
        "create a logo and a one-page brand guide for our new coffee line. We'll pick the "
        "winning concept for the launch packaging."
    )
    assert finding is not None and finding.severity.value == "high"
    assert "We'll pick the winning concept for the launch packaging" in [
        e.quote for e in finding.evidence
    ]


@pytest.mark.parametrize(
    "text",
    [
        "As the next step, please sketch a logo idea. We will choose the strongest design for "
        "the final interview.",
        "As the next step, please sketch a logo idea. We'll pick the best candidate for the role.",
    ],
)
def test_the_best_picked_for_the_interview_or_a_candidate_picked_is_no_use(text: str) -> None:
    assert "unpaid_work" not in analyze(text, today=TODAY).categories
