"""Unpaid work: the answers a trial or a brief gets, the note on a short exercise, work asked of
finalists, and pay for the work against the job's own pay."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, Severity, analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str, location: str | None = None) -> Finding | None:
    report = analyze(text, location=location, today=TODAY)
    return next((f for f in report.findings if f.category.value == "unpaid_work"), None)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, thanks for dropping your CV in. Can you come in this Saturday for a trial "
        "shift, 10 till 6? It's unpaid but lunch is on us.",
        "We'd like you to stage with us for two dinner services before we decide. Staging is "
        "unpaid.",
        "Thanks for applying. Please join us for an unpaid trial week on the line.",
    ],
)
def test_a_trial_shift_gets_answers_about_a_trial_not_a_brief(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert [a.kind for a in finding.answers] == [
        "paid_trial",
        "short_demo",
        "ask_details",
        "walk_away",
    ]
    assert [a.firmness for a in finding.answers] == sorted(a.firmness for a in finding.answers)
    words = " ".join(a.text for a in finding.answers)
    assert "brief" not in words and "project" not in words and "[your rate]" not in words
    assert "Could the trial be paid?" in finding.answers[0].text


def test_a_trial_project_still_gets_the_answers_about_a_brief() -> None:
    finding = _unpaid("Final round: a trial project for our team, about 12 hours, unpaid.")
    assert finding is not None
    assert finding.answers[0].kind == "offer_alternative"
    assert "about 12 hours of work" in finding.answers[0].text


def test_work_of_no_known_size_they_may_use_gets_answers_that_claim_no_size() -> None:
    finding = _unpaid(
        "We loved your portfolio! As the next step, we're asking our three finalists to each "
        "create a logo and a one-page brand guide for our new coffee line. We'll pick the "
        "winning concept for the launch packaging."
    )
    assert finding is not None and finding.hours is None
    words = " ".join(a.text for a in finding.answers)
    assert "substantial" not in words and "on this scale" not in words
    assert "without a project like this one." in finding.answers[0].text
    assert finding.answers[1].label == "Ask for pay if they use the work"
    assert finding.answers[1].text == (
        "I see that you may use what candidates send. If my work is used, I'd like it to be "
        "paid at [your rate]; if it is only for assessing candidates, could you confirm that "
        "in writing?"
    )
    assert finding.answers[2].text == (
        "I'm glad to do it as a paid piece at [your rate]; I'll send an estimate before I start."
    )
    assert finding.answers[-1].text.startswith(
        "Thank you for considering me. Unpaid work that may be used isn't something I take on"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Next step: a short take-home exercise of about 1 hour.", "about 1 hour at most"),
        ("Next step: a short take-home exercise of about 45 minutes.", "about 45 minutes at most"),
        ("Next step: a short take-home exercise of about 2 hours.", "about 2 hours at most"),
    ],
)
def test_the_note_on_a_short_exercise_says_its_length_in_plain_words(text: str, words: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert f"A short exercise ({words}) is a normal part of hiring, not a red flag." in (
        report.notes
    )


def test_work_said_to_be_ours_to_keep_is_work_the_employer_uses() -> None:
    finding = _unpaid(
        "For the social media manager role, we ask every finalist to create a month of "
        "content for our Instagram: 20 posts with captions. The posts are ours to keep."
    )
    assert finding is not None
    assert "may use what you produce" in finding.explanation
    # Not every "is ours": thanks and choices are no use of the work.
    assert (
        _unpaid(
            "We ask every finalist to create a month of content for our Instagram: 20 posts "
            "with captions. Thanks for your time, the pleasure is ours."
        )
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        # Finalists are candidates: the step is one of hiring with no other hiring word.
        "We ask every finalist to design a logo for our new product line. The designs are ours "
        "to keep and we may use the best on our packaging. This step is unpaid.",
        "We ask every finalist to design a logo for our new product line; it takes about two "
        "days. The designs are ours to keep and we may use the best on our packaging.",
        "We ask our finalists to design a logo for our new product line. We may use the best on "
        "our packaging.",
        # Asked of them in the passive.
        "Finalists are asked to write three blog posts for our website. We may publish the best "
        "ones.",
        "Each candidate is asked to design a logo for our new product line. We may use the best "
        "on our packaging.",
        # A step said to be unpaid is a step of a process the reader is going through.
        "Please design a logo for our new product line. The designs are ours to keep and we may "
        "use the best on our packaging. This step is unpaid.",
        "Please design a logo for our new product line. We may use the best on our packaging. "
        "This step is unpaid.",
    ],
)
def test_work_asked_of_finalists_or_in_a_step_said_unpaid_is_a_hiring_step(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None and finding.severity.value == "high"
    assert "may use what you produce" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        # No hiring named: a colleague's or a client's brief.
        "Please design a logo for our new product line. We may use the best on our packaging.",
        "Hi team, please design a logo for our new product line. We may use the best one on our "
        "packaging.",
        # Finalists of a contest already over, and work they already made.
        "Our three finalists will present their designs at the awards night on Friday.",
        "We ask every finalist to bring three designs they've already made; we'll talk them over "
        "in the interview.",
        # A short talk, said unpaid: a normal step.
        "We ask every finalist to prepare a 20-minute talk about a project they're proud of. "
        "This step is unpaid.",
    ],
)
def test_finalists_without_work_to_use_or_a_brief_with_no_step_is_not_unpaid_work(
    text: str,
) -> None:
    assert _unpaid(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "For the final round we'd like you to design the landing page for our new pricing tier. "
        "It's a paid project: we'll pay $600 for it, and we may use your design on the live site.",
        "As a next step, please write two blog posts for our website. We'll pay $150 for each, "
        "and we may publish them.",
    ],
)
def test_paid_work_the_employer_may_use_is_fair_not_a_red_flag(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert (
        "The exercise is paid, and the employer may use what you make: not a red flag. Agree "
        "in writing what they may use it for." in report.notes
    )


def test_used_work_beside_the_jobs_own_pay_is_still_unpaid_work() -> None:
    text = (
        "Content Writer. The role is paid at a competitive rate, with benefits.\n\n"
        "As a next step, please write three blog posts for our website. We may publish the best "
        "ones."
    )
    finding = next(f for f in analyze(text, today=TODAY).findings if f.category == "unpaid_work")
    assert finding.severity is Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        # The role's pay after work they will use does not pay for the work.
        "Your assignment is to write all twelve articles for our November issue (about 20 "
        "hours); we will publish them. It is a paid internship at $18/hour.",
        "As the next step, please design a full set of menu boards for our cafés (about 15 "
        "hours); we will print the best ones. The position is paid at $24/hour.",
    ],
)
def test_the_roles_own_pay_beside_work_they_will_use_leaves_it_unpaid_work(text: str) -> None:
    finding = _unpaid(text)
    assert finding is not None
    assert finding.severity is Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "As a final step, please write two articles for our blog (about 6 hours). We'll pay $200 "
        "per article, and we may publish them.",
        "As the next step, please translate our 10-page brochure (about 8 hours); we may use it "
        "on our site. You'll be paid $150 for the task.",
    ],
)
def test_pay_said_of_the_work_itself_makes_work_they_may_use_fair(text: str) -> None:
    report = analyze(text, today=TODAY)
    assert "unpaid_work" not in report.categories
    assert (
        "The exercise is paid, and the employer may use what you make: not a red flag. Agree "
        "in writing what they may use it for." in report.notes
    )


def test_a_trial_shift_is_not_paid_by_the_jobs_own_rate_said_before_it() -> None:
    report = analyze(
        "Line cook, paid at $18/hr. Please cook three dishes from our dinner menu for the head "
        "chef at a trial shift on Saturday, 4pm to close.",
        today=TODAY,
    )
    assert "The exercise is paid: not a red flag." not in report.notes
    assert "unpaid_work" in report.categories
