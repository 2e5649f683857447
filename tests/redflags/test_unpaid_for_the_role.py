"""Work of some size asked "for the designer role" is a hiring step; the same work as the
role's duties, a colleague's task or a new hire's onboarding is not."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import analyze

TODAY = date(2026, 11, 25)


def _unpaid(text: str) -> bool:
    report = analyze(text, today=TODAY)
    return any(f.category.value == "unpaid_work" and f.flagged for f in report.findings)


@pytest.mark.parametrize(
    "text",
    [
        "For the designer role, please design five landing pages (about 12 hours).",
        "For the marketing manager role, we'd like you to prepare a full go-to-market plan for "
        "our spring launch (roughly 15 hours).",
        # The role in the sentence before, the size in the sentence after.
        "Thanks for your interest in the copywriter role. Please write ten product descriptions "
        "for our new range; it should take about two days.",
        "Thanks for applying to the data analyst position. Could you build a dashboard of our "
        "sales data with 10 charts? It usually takes a weekend.",
    ],
)
def test_work_asked_for_the_role_you_are_up_for_is_unpaid_work(text: str) -> None:
    assert _unpaid(text)


@pytest.mark.parametrize(
    "text",
    [
        # The role's duties, what it requires, or work paid for.
        "In the designer role, you will design five landing pages a month for our product "
        "teams, about 12 hours each.",
        "About the role: you'll write two blog posts a week and plan our monthly newsletter, "
        "about 10 hours a week in all.",
        "For this role, you should have shipped at least three mobile apps and written two "
        "technical books or courses.",
        "Thanks for applying for the writer role. Please write one 1,500-word article for our "
        "blog; we'll pay $300 for it either way.",
        # Work for the role asked of a colleague, not of someone up for it.
        "Hi Sam, we're hiring for the designer role next month. Could you please design five "
        "banners for the job ad by Friday? About 3 hours' work.",
        "Hi team, for the new office manager role, please write the onboarding checklist and a "
        "10-page handbook before she starts on Monday.",
        # Nothing to make.
        "For the designer role, please send three portfolio pieces you have already made.",
    ],
)
def test_the_roles_duties_a_colleagues_task_or_paid_work_is_not_unpaid_work(text: str) -> None:
    assert not _unpaid(text)
