"""Unpaid work the employer may use: said to be published, used or put to work, quoted as its
sentence; a use that only assesses, talks over or keeps the work, or is ruled out, is none."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Finding, analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str, location: str | None = None) -> Finding | None:
    report = analyze(text, location=location, today=TODAY)
    return next((f for f in report.findings if f.category.value == "unpaid_work"), None)


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
