"""Salary history versus expectations, the law where the job is, and pay ranges in postings."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, Severity, analyze
from goodword.redflags.pay import RecordedPay, pay_ranges

TODAY = date(2026, 11, 25)
POSTING = (
    "Backend Engineer\nAbout the role: build APIs.\nResponsibilities: design services.\n"
    "Requirements: 4+ years of experience.\n{pay}\nApply now!"
)


def _finding(
    text: str, category: str, location: str | None = None, today: date = TODAY
) -> Finding | None:
    report = analyze(text, location=location, today=today)
    return next((f for f in report.findings if f.category.value == category and f.flagged), None)


@pytest.mark.parametrize(
    "text",
    [
        "What's your current base pay plus bonus?",
        "Current salary:\nNotice period:",
        "How much are you making at your current job?",
        "What did you earn in your last position?",
        "Please include your salary history with your application.",
        "Could you send your most recent pay stub?",
        "I need your current CTC and expected CTC.",
        "Our screening form asks: Previous salary (annual, gross):",
        "Kindly share your last drawn salary.",
        "What were you paid in your previous role?",
        "Can you tell me what you're at comp-wise right now?",
        "Where are you at compensation-wise these days?",
        "Please list your compensation at each prior employer on the attached form.",
        "Please fill in: Full name, Email, Current CTC (LPA), Expected CTC (LPA), Notice period.",
        "Can you share what your current employer pays you?",
        "Before I pass your CV on, what does your comp look like right now, base and bonus?",
        "Can you tell me what your compensation looks like today?",
        "To see if we're in the same ballpark: how's your current package looking?",
        "Before we go further, how's the current package looking?",
        "What's the salary you're on right now? Just need it for the client's form.",
        "And how much is the base you are currently getting?",
        "Could you tell me your gross annual salary today and the variable part?",
        "To finalise your offer, we need to know how much you are paid at present.",
        "What were your earnings in your previous position, including overtime?",
        "How much were you on in your last job, roughly?",
        "For our records, what was your CTC in your last company?",
        "What hourly rate were you getting with your last family?",
        "What rate did you charge at your previous client?",
        "For our records, please list your salary at each of your last three jobs.",
        "Quick one before I put you forward: what's your base at the moment?",
        "And what bonus did you get last year?",
    ],
)
def test_it_recognises_questions_about_pay_history(text: str) -> None:
    finding = _finding(text, "salary_history")
    assert finding is not None
    assert finding.evidence


@pytest.mark.parametrize(
    "text",
    [
        "What are your salary expectations for this role?",
        "What's your current salary expectation?",
        "Desired salary:",
        "Please state your salary requirements.",
        "What range are you looking for?",
        "What are you looking to make?",
        "We will never ask about your salary history.",
        "You don't need to share your current salary with us.",
        "Our current salary bands, expected to rise next year, are posted internally.",
    ],
)
def test_expectations_questions_are_not_history_questions(text: str) -> None:
    assert _finding(text, "salary_history") is None


@pytest.mark.parametrize(
    "text",
    [
        "please send us your two most recent pay stubs so we can verify your employment history",
        "Can you share what you're making now?",
        "what are you making now",
        "what do you currently make",
        "Could you tell me how much you\u2019re earning at the moment?",
        "Please upload copies of your last three payslips before the interview.",
        "Could you tell me what your base was in your last role, and whether you had equity?",
        "What was your comp at your previous company?",
        "So we can put an offer together, how much are they paying you over there?",
        "What is your current employer giving you now, roughly?",
        "Could you walk me through how your pay has changed over your last two roles?",
        "What was your salary across your previous three jobs?",
        "One thing the hiring manager asked: what was your final salary when you left Northwind?",
        "What was your base when you left your last job?",
        "She would like to know what hourly rate the hospital is paying you now.",
        "How much is the agency paying you at the moment?",
        "quick q before we move on - what're you pulling in at your current startup?",
        "What are you pulling in these days, base plus bonus?",
        "For the sous chef job, can you tell me what the last place paid you per hour?",
        "What did your previous hospital pay you for night shifts?",
        "What does your current restaurant pay you an hour?",
    ],
)
def test_other_ways_of_asking_are_flagged_where_the_question_is_banned(text: str) -> None:
    finding = _finding(text, "salary_history", "New York, NY")
    assert finding is not None
    assert finding.severity is Severity.HIGH
    assert finding.evidence


@pytest.mark.parametrize(
    "text",
    [
        "what are your salary expectations",
        "Tell us what you're hoping to make in this role.",
        "We love what you're making with open-source tools.",
        "How much you earn here is up to you: commission is uncapped.",
        "Once you start, we will send your pay stubs by e-mail every two weeks.",
        "We've sent over the offer. How does the package look? Happy to talk it through.",
        "What would you like your package to look like in your next role?",
        "Please list your last three jobs and why you left each one.",
        "What's your salary expectation right now, roughly?",
        "What bonus did you get to choose from in our benefits survey?",
        "What's the salary you're looking for?",
        "What is the pay you are hoping to get in this role?",
        "What was your close rate at your last company?",
        "You'll receive your pay today if you submit your timesheet by noon.",
        "How much you are paid depends on the commission you bring in.",
        "How much are you hoping to be on in your next job?",
        "What are they paying you to relocate, if anything? We cover up to $5,000.",
        "How much will they pay you if you stay? Happy to talk about our offer.",
        "Our team is based in your old city, with a base of $90,000 for this role.",
        "Your final salary pension is kept when you move to our scheme.",
        "What is your new employer paying you? Congratulations on the move!",
        "How much is the company paying you to relocate?",
        "Pay over your first year rises with each certificate you earn.",
        "What are you pulling in to the office on Monday? Bring your laptop.",
        "What the last place paid you won't change our offer; the range is $22-$26 an hour.",
        "What will the new place pay you, if you take their offer?",
    ],
)
def test_expectations_and_talk_of_future_pay_are_not_history_questions(text: str) -> None:
    assert _finding(text, "salary_history", "New York, NY") is None


@pytest.mark.parametrize(
    "text",
    [
        "Your current salary will not affect our offer; everyone in this role is paid from the "
        "same published range.",
        "Our offer is based on the role's range, not on your previous pay.",
        "We set pay from the posted range rather than what you earn now.",
    ],
)
def test_pay_history_said_not_to_count_is_not_a_question(text: str) -> None:
    assert _finding(text, "salary_history", "New York, NY") is None


@pytest.mark.parametrize(
    "text",
    [
        "What is your current salary (it won't affect the offer)?",
        "Your current salary won't change anything, but what is it?",
        "Please tell us your current salary, not your expected salary.",
    ],
)
def test_a_question_that_says_the_answer_will_not_count_still_asks(text: str) -> None:
    assert _finding(text, "salary_history", "New York, NY") is not None


@pytest.mark.parametrize(
    "text",
    [
        "Our payroll team will confirm your current salary band after you join.",
        "Once you're on board, HR will review your current pay grade every April.",
    ],
)
def test_pay_once_hired_is_the_new_jobs_not_a_history_question(text: str) -> None:
    assert _finding(text, "salary_history", "New York, NY") is None


@pytest.mark.parametrize(
    "text",
    [
        "What is your current salary? We will confirm the band after you join.",
        "Once you start the application, enter your current salary and notice period.",
        "Please share your current CTC and when you can join.",
    ],
)
def test_a_history_question_beside_talk_of_joining_still_asks(text: str) -> None:
    assert _finding(text, "salary_history", "New York, NY") is not None


def test_it_says_the_question_is_unlawful_in_new_york_city_and_cites_the_law() -> None:
    finding = _finding("What is your current salary?", "salary_history", "New York, NY")
    assert finding is not None
    assert finding.severity is Severity.HIGH
    assert finding.verdict is not None and "unlawful in New York City" in finding.verdict
    ids = {a.law.id for a in finding.laws}
    assert {"us-ny-shb", "us-ny-nyc-shb"} <= ids
    assert all(a.law.source_url for a in finding.laws)
    assert finding.data_compiled == date(2026, 11, 25)
    assert "2026-11-25" in finding.explanation
    assert any(a.kind == "point_to_law" for a in finding.answers)


def test_unverified_bans_are_shown_as_unconfirmed() -> None:
    finding = _finding("Tell me your current salary.", "salary_history", "Cincinnati, OH")
    assert finding is not None
    assert finding.verdict is not None and "unconfirmed" in finding.verdict
    cincinnati = next(a for a in finding.laws if a.law.id == "us-oh-cin-shb")
    assert not cincinnati.confirmed


def test_alabama_only_bars_refusing_to_hire_for_declining() -> None:
    finding = _finding("What did you earn in your last job?", "salary_history", "Birmingham, AL")
    assert finding is not None
    assert finding.severity is Severity.MEDIUM
    assert finding.verdict is not None and "may not refuse to hire you" in finding.verdict


def test_where_no_ban_exists_the_question_is_still_flagged_gently() -> None:
    finding = _finding("What is your current salary?", "salary_history", "Dallas, TX")
    assert finding is not None
    assert finding.severity is Severity.LOW
    assert finding.verdict is not None and "No ban" in finding.verdict


@pytest.mark.parametrize(
    ("text", "location", "law_id", "name"),
    [
        (
            "Please tell us your current base salary.",
            "St. Louis, MO",
            "us-mo-stlouis-shb",
            "St. Louis, MO",
        ),
        ("Please tell us your current base salary.", "Halifax, NS", "ca-ns-shb", "Nova Scotia"),
        (
            "Join the City of New Orleans. What is your current salary?",
            "New Orleans, LA",
            "us-la-neworleans-public-shb",
            "New Orleans, LA (city)",
        ),
    ],
)
def test_a_ban_whose_status_is_not_known_is_named_not_denied(
    text: str, location: str, law_id: str, name: str
) -> None:
    finding = _finding(text, "salary_history", location)
    assert finding is not None and finding.verdict is not None
    entry = next(a for a in finding.laws if a.law.id == law_id)
    assert "No ban" not in finding.verdict
    assert f"A ban on this question is recorded for {name}" in finding.verdict
    assert "does not know whether it is in force" in finding.verdict
    assert "unconfirmed" in finding.verdict
    assert entry.law.source_url is not None and entry.law.source_url in finding.verdict
    assert finding.severity is Severity.LOW
    assert not any(a.kind == "point_to_law" for a in finding.answers)


def test_a_ban_without_a_known_size_threshold_says_so_plainly() -> None:
    finding = _finding("What is your current salary?", "salary_history", "Seattle, WA")
    assert finding is not None and finding.verdict is not None
    assert finding.verdict.startswith(
        "Asking about pay history is unlawful in Seattle, WA, United States (the data does not "
        "say from what size of employer)."
    )
    assert "enough" not in finding.verdict
    assert "threshold is not known" not in finding.verdict


def test_without_a_location_it_says_the_law_could_not_be_checked() -> None:
    finding = _finding("What is your current salary?", "salary_history")
    assert finding is not None
    assert finding.severity is Severity.MEDIUM
    assert finding.laws == []
    assert finding.verdict is not None and "could not be" in finding.verdict


def test_eu_ban_applies_after_the_transposition_deadline() -> None:
    finding = _finding("What is your current gross salary?", "salary_history", "Berlin")
    assert finding is not None
    assert finding.verdict is not None and "EU law bars this question" in finding.verdict
    # The reply to the employer does not say the directive itself binds them yet.
    law = next(a for a in finding.answers if a.kind == "point_to_law")
    assert law.text == (
        "I understand that the EU Pay Transparency Directive (which Germany must put into its "
        "own law) bars questions about pay history, so I'll leave that question aside. I'm glad "
        "to talk about expectations instead."
    )


def test_salary_history_answers_decline_gracefully_and_give_expectations() -> None:
    finding = _finding("What is your current salary?", "salary_history", "Denver, CO")
    assert finding is not None
    first = finding.answers[0]
    assert first.kind == "decline_with_expectations"
    assert "[your range]" in first.text
    assert {"ask_for_range", "form_field", "point_to_law"} <= {a.kind for a in finding.answers}


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "period", "open_ended"),
    [
        ("Pay: $120,000\u2013$150,000 per year", 120000, 150000, "USD", "year", False),
        ("$60-70/hr", 60, 70, "USD", "hour", False),
        ("€55k \u2013 €65k", 55000, 65000, "EUR", None, False),
        ("120k to 150k base salary", 120000, 150000, None, None, False),
        ("between $90,000 and $110,000", 90000, 110000, "USD", None, False),
        ("£40,000 - £50,000", 40000, 50000, "GBP", None, False),
        ("CAD 80,000 \u2013 95,000 per year", 80000, 95000, "CAD", "year", False),
        ("€55.000 \u2013 €65.000 brutto", 55000, 65000, "EUR", None, False),
        ("Pay: $20/hr and up", 20, None, "USD", "hour", True),
        ("Salary up to $80,000", 80000, None, "USD", None, True),
        ("$85,000 per year", 85000, None, "USD", "year", False),
        # A lone figure that a pay label names.
        ("Compensation: OTE $250,000.", 250000, None, "USD", None, False),
        ("Salary: $95,000", 95000, None, "USD", None, False),
    ],
)
def test_it_parses_pay_ranges(
    text: str,
    low: float,
    high: float | None,
    currency: str | None,
    period: str | None,
    open_ended: bool,
) -> None:
    (found,) = pay_ranges(text)
    assert (found.low, found.high, found.currency, found.period, found.open_ended) == (
        low,
        high,
        currency,
        period,
        open_ended,
    )
    assert text[found.evidence.start : found.evidence.end] == found.evidence.quote


@pytest.mark.parametrize("text", ["3-5 days of work", "from 2019-2021", "We sent a $2,950 check"])
def test_durations_years_and_loose_amounts_are_not_pay_ranges(text: str) -> None:
    assert pay_ranges(text) == []


@pytest.mark.parametrize(
    "location", ["Denver, CO", "Los Angeles, CA", "New York, NY", "Toronto, ON", "Jersey City, NJ"]
)
def test_a_posting_without_a_range_is_flagged_where_the_law_requires_one(location: str) -> None:
    text = POSTING.format(pay="We offer a competitive salary.")
    finding = _finding(text, "pay_transparency", location)
    assert finding is not None
    assert finding.signal == "cf-missing-pay-range"
    assert finding.laws and all(a.in_force and a.law.range_in_posting for a in finding.laws)
    assert [e.quote for e in finding.evidence] == ["competitive salary"]


def test_a_lone_figure_a_pay_label_names_is_no_missing_range() -> None:
    # The laws allow one figure where the employer expects to pay one amount.
    text = POSTING.format(pay="Compensation: OTE $250,000.")
    assert _finding(text, "pay_transparency", "Los Angeles, CA") is None
    # A figure no pay label names is not read as the job's pay.
    budget = POSTING.format(pay="The team's budget is $250,000. Competitive salary.")
    assert _finding(budget, "pay_transparency", "Los Angeles, CA") is not None


def test_a_range_on_record_but_not_in_the_posting_is_named_with_what_to_ask() -> None:
    text = POSTING.format(pay="We offer a competitive salary.")
    plain = analyze(text, location="Denver, CO", today=TODAY)
    report = analyze(
        text,
        location="Denver, CO",
        today=TODAY,
        recorded_pay=RecordedPay(90000, 110000, "USD", "year"),
    )
    before = next(f for f in plain.findings if f.signal == "cf-missing-pay-range")
    finding = next(f for f in report.findings if f.signal == "cf-missing-pay-range")
    # The law's view stands: the posting must show the range, so the finding keeps its weight.
    assert (finding.severity, finding.laws) == (before.severity, before.laws)
    assert finding.title == "Pay range on record here, but not in the posting"
    assert finding.verdict is not None
    assert finding.verdict.startswith(
        "The pay on record for this opportunity ($90,000 to $110,000 a year) is not in the "
        "posting text. Postings for jobs in Denver, CO"
    )
    assert "confirm the range in writing" in finding.verdict
    assert [a.kind for a in finding.answers] == ["confirm_range"]
    assert "noted as $90,000 to $110,000 a year" in finding.answers[0].text
    # A range in the text itself is still what counts.
    ranged = analyze(
        POSTING.format(pay="Salary: $95,000 - $105,000 a year."),
        location="Denver, CO",
        today=TODAY,
        recorded_pay=RecordedPay(90000, 110000, "USD", "year"),
    )
    assert "pay_transparency" not in ranged.categories
    # Where the law gives the range on request, the cue says the range is on record too.
    cue = analyze(
        text,
        location="Hartford, CT",
        today=TODAY,
        recorded_pay=RecordedPay(90000, 110000, "USD", "year"),
    )
    (info,) = [f for f in cue.findings if f.signal == "cf-missing-pay-range"]
    assert info.verdict is not None and info.verdict.startswith(
        "The pay on record for this opportunity ($90,000 to $110,000 a year) is not in the "
        "posting. The law here does not require one in postings, but gives you the pay or "
        "range on request, or before any offer of pay"
    )


@pytest.mark.parametrize(
    ("pay", "words"),
    [
        (RecordedPay(120000, 150000, "USD", "year"), "$120,000 to $150,000 a year"),
        (RecordedPay(30000, None, "GBP", None), "from \u00a330,000"),
        (RecordedPay(None, 40, "USD", "hour"), "up to $40 an hour"),
        (RecordedPay(55000.5, 55000.5, "CAD", "year"), "CAD 55,000.50 a year"),
        (RecordedPay(None, None), ""),
    ],
)
def test_recorded_pay_reads_in_words(pay: RecordedPay, words: str) -> None:
    assert pay.words == words


@pytest.mark.parametrize("location", ["Houston, TX", "London, UK", "Berlin", "Hartford, CT", None])
def test_a_posting_without_a_range_is_not_flagged_where_no_posting_law_applies(
    location: str | None,
) -> None:
    text = POSTING.format(pay="We offer a competitive salary.")
    assert _finding(text, "pay_transparency", location) is None


@pytest.mark.parametrize(
    "location", ["Remote (US)", "Remote - United States", "Anywhere in the US"]
)
def test_a_remote_posting_open_across_the_us_without_a_range_names_the_laws_that_reach_it(
    location: str,
) -> None:
    text = POSTING.format(pay="We offer a competitive salary.")
    finding = _finding(text, "pay_transparency", location)
    assert finding is not None
    assert finding.signal == "cf-missing-pay-range" and finding.severity is Severity.LOW
    # Colorado's law covers a remote job that could be done from there; the others reach one
    # tied to them (Delaware's is not in force yet).
    assert [a.law.id for a in finding.laws] == ["us-co-pt", "us-il-pt", "us-ny-pt", "us-vt-pt"]
    assert "could be done from Colorado" in finding.verdict
    assert "New York (State), when you would report to a supervisor" in finding.verdict
    assert [e.quote for e in finding.evidence] == ["competitive salary"]
    [answer] = finding.answers
    assert "open to people working from Colorado" in answer.text
    assert "Colorado's Equal Pay for Equal Work Act" in answer.text


@pytest.mark.parametrize(
    ("location", "pay"),
    [
        # The posting keeps the job out of Colorado.
        (
            "Remote (US)",
            "We offer a competitive salary. This role is not open to candidates in Colorado.",
        ),
        ("Remote (US)", "Salary: $120,000 - $150,000 per year."),
        # The whole country, but not said to be remote.
        ("United States", "We offer a competitive salary."),
        ("Remote - Canada", "We offer a competitive salary."),
    ],
)
def test_a_us_wide_posting_is_not_flagged_when_colorado_is_ruled_out_or_it_is_not_remote(
    location: str, pay: str
) -> None:
    assert _finding(POSTING.format(pay=pay), "pay_transparency", location) is None


def test_a_federal_remote_posting_is_not_held_to_the_states_laws() -> None:
    text = POSTING.format(pay="Pay: GS-12, competitive.") + "\nApply on USAJOBS."
    assert _finding(text, "pay_transparency", "Remote (US)") is None


def test_on_request_laws_give_a_cue_not_a_red_flag() -> None:
    report = analyze(POSTING.format(pay="Benefits: health."), location="Hartford, CT", today=TODAY)
    cue = next(f for f in report.findings if f.category.value == "pay_transparency")
    assert cue.severity is Severity.INFO
    assert "pay_transparency" not in report.categories


def test_the_law_must_be_in_force_on_the_day() -> None:
    text = POSTING.format(pay="Compensation: competitive.")
    assert _finding(text, "pay_transparency", "Columbus, OH", date(2025, 11, 1)) is None
    assert _finding(text, "pay_transparency", "Columbus, OH", date(2025, 12, 3)) is not None


def test_a_proper_range_is_not_flagged() -> None:
    text = POSTING.format(pay="Salary: $140,000 - $165,000 per year.")
    assert analyze(text, location="Denver, CO", today=TODAY).categories == set()


def test_a_range_wider_than_double_is_flagged_and_explained() -> None:
    text = POSTING.format(pay="Salary range: $90,000 - $250,000 per year.")
    finding = _finding(text, "pay_transparency", "New York, NY")
    assert finding is not None
    assert finding.signal == "cf-open-or-overbroad-range"
    assert "2.8 times" in finding.explanation
    assert finding.evidence[0].quote == "$90,000 - $250,000 per year"


def test_ontario_caps_the_spread_of_a_posted_range() -> None:
    text = POSTING.format(pay="Salary: $70,000 - $130,000 per year.")
    finding = _finding(text, "pay_transparency", "Toronto, ON")
    assert finding is not None
    assert "50,000" in finding.explanation
    assert [a.law.id for a in finding.laws] == ["ca-on-pt"]
    assert _finding(text, "pay_transparency", "Chicago, IL") is None


def test_open_ended_pay_is_flagged_where_a_minimum_and_maximum_are_required() -> None:
    text = POSTING.format(pay="Pay: $20/hr and up.")
    finding = _finding(text, "pay_transparency", "New York, NY")
    assert finding is not None
    assert finding.severity is Severity.MEDIUM
    assert [a.law.id for a in finding.laws] == ["us-ny-nyc-pt"]


def test_location_can_be_read_from_the_posting_itself() -> None:
    text = "Location: Denver, CO\n" + POSTING.format(pay="Pay: DOE")
    report = analyze(text, today=TODAY)
    assert report.place.region == "CO"
    assert "pay_transparency" in report.categories
    assert any("Location read from the text" in note for note in report.notes)


def test_location_can_be_read_from_a_sentence_that_states_it() -> None:
    text = "We're hiring a barista at Northwind in Austin, TX.\nWhat is your current salary?"
    report = analyze(text, today=TODAY)
    assert (report.place.city, report.place.region) == ("Austin", "TX")
    assert report.location == "Austin, TX"
    history = next(f for f in report.findings if f.category.value == "salary_history")
    assert history.verdict is not None and "could not be" not in history.verdict


FEDERAL_POSTING = (
    "Medical Support Assistant, GS-0679-05\nDepartment of Veterans Affairs\n"
    "To apply, submit your application through USAJOBS.\n"
    "What is your current salary?"
)


def test_a_private_jobs_pay_history_finding_does_not_cite_the_federal_rule() -> None:
    report = analyze("What is your current salary?", location="Dallas, TX", today=TODAY)
    finding = next(f for f in report.findings if f.category.value == "salary_history")
    assert "us-federal-opm-shb" not in {a.law.id for a in finding.laws}
    assert finding.verdict is not None and "No ban" in finding.verdict
    assert any(note.startswith("Not counted: United States federal") for note in report.notes)


def test_the_federal_rule_is_noted_only_next_to_a_pay_history_finding() -> None:
    report = analyze("Send me your CV, thanks.", location="Dallas, TX", today=TODAY)
    assert report.laws is not None
    assert "us-federal-opm-shb" not in {a.law.id for a in report.laws.laws}
    assert not any(note.startswith("Not counted") for note in report.notes)


def test_a_federal_posting_cites_the_federal_pay_setting_rule() -> None:
    report = analyze(FEDERAL_POSTING, location="Denver, CO", today=TODAY)
    finding = next(f for f in report.findings if f.category.value == "salary_history")
    assert [a.law.id for a in finding.laws] == ["us-federal-opm-shb"]
    assert finding.severity is Severity.LOW
    assert finding.verdict is not None
    assert "does not stop the question" in finding.verdict
    # The rule's status is in its law, listed under the finding; the verdict does not repeat it.
    assert "took effect on 2024-04-01" in finding.laws[0].status_text
    assert "took effect" not in finding.verdict
    # The rule limits how pay is set, so no answer may claim the question is barred.
    assert not any(a.kind == "point_to_law" for a in finding.answers)
    assert any(
        'reads as a US federal agency (the text says "GS-0679-05")' in n for n in report.notes
    )
    assert not any(note.startswith("Not counted") for note in report.notes)


@pytest.mark.parametrize(
    "text",
    [
        "Data Analyst, Northwind Traders\nNorthwind is hiring a Data Analyst to join the finance "
        "group in Manhattan. You will build weekly sales reports in SQL and Tableau.\n"
        "Competitive salary.\n",
        "Office assistant needed for a busy dental practice. Competitive pay. Call us to apply.",
        "Line cook wanted. Pay: DOE. Apply in person at 12 Main Street.",
        "Experienced line cooks needed for our Queens kitchen. Competitive pay. Call 555-0100.",
    ],
)
def test_a_short_ad_with_vague_pay_is_a_posting_and_flagged_where_a_range_is_required(
    text: str,
) -> None:
    report = analyze(text, location="New York, NY", today=TODAY)
    assert report.is_posting
    finding = _finding(text, "pay_transparency", "New York, NY")
    assert finding is not None and finding.signal == "cf-missing-pay-range"


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana, I came across your profile. We're hiring a Data Analyst in Manhattan with a "
        "competitive salary. Would you be open to a quick call?",
        "Thank you for applying to the Data Analyst role. We're hiring quickly and would like to "
        "invite you to an interview on Tuesday; we'll talk about the competitive salary then.",
        "Dear Sam,\nNorthwind is hiring and the pay is competitive salary plus bonus. Let me know.",
        "We are hiring a Data Analyst. Let me know if a friend might be interested.",
        "The documents needed for your interview are attached. Competitive salary, as we "
        "discussed.",
    ],
)
def test_messages_to_one_person_are_not_postings(text: str) -> None:
    report = analyze(text, location="New York, NY", today=TODAY)
    assert not report.is_posting
    assert "pay_transparency" not in report.categories


def test_a_text_said_to_be_a_posting_is_one_however_short() -> None:
    text = "Data Analyst in Manhattan. SQL and Tableau."
    assert not analyze(text, location="New York, NY", today=TODAY).is_posting
    report = analyze(text, location="New York, NY", today=TODAY, posting=True)
    assert report.is_posting
    assert "pay_transparency" in report.categories


def test_a_missing_range_under_a_law_not_yet_enforced_says_when_enforcement_starts() -> None:
    text = POSTING.format(pay="Benefits: health and dental.")
    before = _finding(text, "pay_transparency", "Columbus, OH", date(2026, 11, 27))
    after = _finding(text, "pay_transparency", "Columbus, OH", date(2027, 1, 2))

    assert before is not None and after is not None
    assert before.severity is Severity.LOW
    assert "but the rule is not enforced until 2027-01-01" in before.explanation
    assert "in force since 2025-12-03, but not enforced until 2027-01-01" in before.laws[0].summary
    assert before.laws[0].summary not in before.explanation  # (listed under it, not said twice)
    ask = next(a for a in before.answers if a.kind == "ask_for_range")
    assert "enforced from 2027-01-01" in ask.text
    assert after.severity is Severity.MEDIUM
    assert "enforced" not in after.explanation
    assert all("enforced" not in a.text for a in after.answers)


@pytest.mark.parametrize(
    ("location", "when"),
    [
        ("Cincinnati, OH", "gives you the pay or range on request, after a conditional offer."),
        ("Toledo, OH", "gives you the pay or range on request, after a conditional offer."),
        (
            "Hartford, CT",
            "gives you the pay or range on request, or before any offer of pay, whichever comes "
            "first.",
        ),
        ("Las Vegas, NV", "gives you the pay or range once you have completed an interview."),
        ("Providence, RI", "gives you the pay or range on request, before pay is discussed."),
        ("Berlin", "gives you the pay or range in the vacancy notice or before the interview."),
    ],
)
def test_where_you_can_ask_for_the_range_it_says_when_that_law_gives_it(
    location: str, when: str
) -> None:
    report = analyze(POSTING.format(pay="Benefits: health."), location=location, today=TODAY)
    finding = next(f for f in report.findings if f.category.value == "pay_transparency")
    assert finding.title == "You can ask for the pay range"
    assert finding.severity is Severity.INFO
    assert when in finding.explanation
    assert "on request or before the interview" not in finding.explanation


@pytest.mark.parametrize(
    ("location", "state"),
    [("Berlin, Germany", "Germany"), ("Amsterdam", "the Netherlands"), ("Paris", "France")],
)
def test_the_eu_ban_waits_on_the_member_state_not_the_city(location: str, state: str) -> None:
    finding = _finding("What is your current gross salary?", "salary_history", location)
    assert finding is not None and finding.verdict is not None
    assert finding.verdict.startswith(
        f"EU law bars this question once {state} has put the Pay Transparency Directive into "
        "national law"
    )


def test_a_reply_names_the_law_briefly_and_leaves_the_citation_to_the_finding() -> None:
    finding = _finding("What is your current salary?", "salary_history", "Denver, CO")
    assert finding is not None
    reply = next(a for a in finding.answers if a.kind == "point_to_law")
    assert reply.text == (
        "I understand that Colorado's Equal Pay for Equal Work Act bars questions about pay "
        "history, so I'll leave that question aside. I'm glad to talk about expectations instead."
    )
    colorado = next(a for a in finding.laws if a.law.id == "us-co-shb")
    assert colorado.law.citation is not None and "C.R.S." in colorado.law.citation


@pytest.mark.parametrize(
    "location",
    ["Denver, CO", "Seattle, WA", "New York, NY", "Baltimore, MD", "Berlin", "Vancouver, BC"],
)
def test_replies_to_an_employer_carry_no_citations_or_notes(location: str) -> None:
    history = _finding("What is your current salary?", "salary_history", location)
    missing = _finding(POSTING.format(pay="Benefits: health."), "pay_transparency", location)
    replies = [a.text for f in (history, missing) if f is not None for a in f.answers]
    cited = [a.law for f in (history, missing) if f is not None for a in f.laws]
    assert replies and cited
    for text in replies:
        assert "\u00a7" not in text and "et seq" not in text
        for law in cited:
            assert not law.citation or law.citation not in text


@pytest.mark.parametrize(
    "text",
    [
        "What does the current salary band look like for this role?",
        "How is the current pay range looking for the team lead position?",
    ],
)
def test_the_current_pay_of_the_job_itself_is_not_a_history_question(text: str) -> None:
    assert _finding(text, "salary_history", "New York, NY") is None
