"""Unpaid work: hours are estimated from the text; short or paid exercises are not red flags."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, Severity, analyze

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


@pytest.mark.parametrize(
    ("text", "use"),
    [
        (
            "Thanks for applying to the designer role. Please create five poster designs for our "
            "summer campaign. We'll publish them on our site.",
            "We'll publish them on our site",
        ),
        (
            "Thanks for applying to the designer role. Please create five poster designs. We'll "
            "use the best designs in our campaign.",
            "We'll use the best designs in our campaign",
        ),
        (
            "Great chatting today about the social media role. Could you put together ten "
            "Instagram posts for our autumn launch? We're going to use the strongest ones.",
            "We're going to use the strongest ones",
        ),
        (
            "As the next part of the process for the marketing role, please design three banners "
            "for our website. We plan on using the best one.",
            "We plan on using the best one",
        ),
        (
            "Thanks for applying to the illustrator role. Please draw four illustrations for our "
            "children's book series. The winning illustrations will be printed in the next "
            "edition.",
            "The winning illustrations will be printed in the next edition",
        ),
        (
            "Hi Jordan, great speaking with you. Could you write two press releases for our "
            "product launch? We'll send them out to our media list.",
            "We'll send them out to our media list",
        ),
        (
            "Thanks for applying to the analyst role. Please prepare a full market research "
            "report on our competitors. The report will be shared with our board.",
            "The report will be shared with our board",
        ),
        (
            "Thanks for applying to the copywriter role. Could you write four product "
            "descriptions for our spring range? The best descriptions will go live on our store.",
            "The best descriptions will go live on our store",
        ),
        (
            "For the social media manager role, we ask every finalist to create a month of "
            "content for our Instagram: 20 posts with captions and graphics. We may run the best "
            "posts on our account.",
            "We may run the best posts on our account",
        ),
        (
            "Next stage: please fork our repo and implement the CSV export feature described in "
            "issue #212, with tests and documentation. Open a pull request when you're done; if "
            "it's good, we'll merge it into the product.",
            "Open a pull request when you're done; if it's good, we'll merge it into the product",
        ),
    ],
)
def test_work_they_say_they_will_publish_or_use_is_work_they_use_quoted_as_its_sentence(
    text: str, use: str
) -> None:
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None and finding.severity.value == "high"
    assert use in [e.quote for e in finding.evidence]
    assert "may use what you produce" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "We will run through your solution together in the technical interview.",
        "Thanks for applying to the analyst role. The next step is a 90-minute case study. We "
        "will use it to see how you approach problems.",
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "We will keep your submission confidential and delete it once we have decided.",
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "We'll use your solution as the starting point for the technical interview.",
        "Thanks for applying to the analyst role. The next step is a 90-minute case study. Your "
        "report will be shared with the hiring panel before the interview.",
        "Thanks for applying. Please complete the 90-minute exercise; we will merge your answers "
        "with the interview notes.",
        "For the designer role, we ask all applicants to send three designs they've already "
        "made. We'll talk them over in the interview.",
    ],
)
def test_a_short_exercise_they_only_read_talk_over_or_keep_safe_is_not_work_they_use(
    text: str,
) -> None:
    assert "unpaid_work" not in analyze(text, location="Denver, CO", today=TODAY).categories


def test_a_paid_take_home_with_its_length_between_is_paid() -> None:
    text = (
        "Interview process: a 30-minute recruiter call, a 60-minute technical conversation, and a "
        "paid 4-hour take-home ($300) that we review together in the final round."
    )
    report = analyze(text, location="Seattle, WA", today=TODAY)
    assert "unpaid_work" not in report.categories
    assert "The exercise is paid: not a red flag." in report.notes


def test_a_use_in_a_very_long_sentence_is_quoted_by_its_clause() -> None:
    text = (
        "Thanks for applying to the illustrator role. Please draw four illustrations for our "
        "children's book series. Once the panel, which includes our art director, our head of "
        "publishing, two senior editors from the picture-book team and a guest author, has read "
        "every entry, the winning illustrations will be printed in the spring edition that goes "
        "out to schools, libraries and bookshops across the country, with your name in the "
        "credits."
    )
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None
    assert [e.quote for e in finding.evidence][1] == (
        "the winning illustrations will be printed in the spring edition that goes out to schools"
    )
    assert all(text[e.start : e.end] == e.quote for e in finding.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for applying to the designer role. Please create three logo designs for our "
        "rebrand. We may use your designs, and you'll present them at the interview.",
        "Thanks for applying to the designer role. Please create three logo designs for our "
        "rebrand. We may use your designs and you will walk us through them in the interview.",
    ],
)
def test_a_use_beside_an_interview_in_another_clause_is_still_a_use(text: str) -> None:
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None and finding.severity.value == "high"
    assert "may use what you produce" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "We will use your code, but only to discuss it in the interview.",
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "We will use your solution in the technical interview.",
    ],
)
def test_a_use_in_the_interview_itself_only_assesses_the_work(text: str) -> None:
    assert "unpaid_work" not in analyze(text, location="Denver, CO", today=TODAY).categories


@pytest.mark.parametrize(
    "use",
    [
        "We will use your code, if any, to structure the interview.",
        "We'll use them, where helpful, to guide the conversation.",
        "We will use it, along with your CV, to prepare for the interview.",
    ],
)
def test_an_aside_between_commas_does_not_end_the_use_that_only_assesses(use: str) -> None:
    text = (
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        + use
    )
    report = analyze(text, location="Denver, CO", today=TODAY)
    assert "unpaid_work" not in report.categories
    assert any("short exercise" in note for note in report.notes)


def test_a_use_with_an_aside_between_commas_is_still_a_use() -> None:
    text = (
        "Thanks for applying to the designer role. Please create three logo designs for our "
        "rebrand. We may use your designs, if they fit, on our new packaging."
    )
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None and finding.severity.value == "high"


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "You will use our code from the starter repo and it should feel familiar.",
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "Candidates will use our codebase and our test data for it.",
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        "In it you may use our code samples and any library you like.",
    ],
)
def test_the_reader_using_the_employers_code_is_not_the_employer_using_the_work(
    text: str,
) -> None:
    report = analyze(text, location="Denver, CO", today=TODAY)
    assert "unpaid_work" not in report.categories
    assert any("short exercise" in note for note in report.notes)


@pytest.mark.parametrize(
    "use",
    [
        "We will not publish your work or use it in our products.",
        "We'll never use your code.",
        "We don't plan to use it anywhere.",
    ],
)
def test_a_use_ruled_out_is_not_a_use(use: str) -> None:
    text = (
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        + use
    )
    report = analyze(text, location="Denver, CO", today=TODAY)
    assert "unpaid_work" not in report.categories
    assert any("short exercise" in note for note in report.notes)


@pytest.mark.parametrize(
    "then",
    [
        "We'll keep you posted.",
        "We will keep you in mind for other roles too.",
        "Then we will run a short call with the team.",
        "We'll post the results by Friday.",
        "We'll post all the results on our careers page next week.",
    ],
)
def test_what_they_will_do_next_that_is_not_with_the_work_is_not_a_use(then: str) -> None:
    text = (
        "Thanks for applying to the backend role. The next step is a 2-hour take-home exercise. "
        + then
    )
    report = analyze(text, location="Denver, CO", today=TODAY)
    assert "unpaid_work" not in report.categories
    assert any("short exercise" in note for note in report.notes)


@pytest.mark.parametrize(
    "use",
    [
        "We might repurpose parts of it for our own plan.",
        "We may incorporate the best ideas into our campaign.",
        "Any brief you submit may be used by our marketing team.",
        "We may pitch the strongest brief to our client next month.",
        "We'd like to reuse the best parts in our launch.",
        "We may use the results in our spring campaign.",
    ],
)
def test_reusing_repurposing_or_pitching_the_work_is_a_use(use: str) -> None:
    text = (
        "Thanks for applying to the marketing role. The next step is a 2-hour exercise: write "
        "a short campaign brief for our spring launch. " + use
    )
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None and finding.severity.value == "high"
    assert use.rstrip(".") in [e.quote for e in finding.evidence]


def test_work_of_unknown_size_they_say_they_may_use_is_unpaid_work() -> None:
    text = (
        "Thanks for applying for the packaging designer role. Please design two label concepts "
        "for our new cold brew line. We may use your designs on the final cans."
    )
    finding = _unpaid(text, "Denver, CO")
    assert finding is not None and finding.severity.value == "high"
    assert finding.hours is None
    assert "We may use your designs on the final cans" in [e.quote for e in finding.evidence]


def test_work_of_unknown_size_they_only_talk_over_is_not_unpaid_work() -> None:
    text = (
        "Thanks for applying for the packaging designer role. Please design two label concepts "
        "for our new cold brew line. We'll talk them through at the interview."
    )
    assert "unpaid_work" not in analyze(text, location="Denver, CO", today=TODAY).categories


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
