"""The report: evidence spans point at the text, JSON output, combined findings."""

from __future__ import annotations

import json
from datetime import date

from goodword.redflags import analyze

TODAY = date(2026, 11, 25)
MESSAGE = (
    "Hi Robin, thanks for the call! Two things before the next round: what's your current "
    "salary? And please complete our take-home, building a complete mobile app for our booking "
    "flow. Most people need about a week. Also, pay the $40 registration fee to access the "
    "test platform."
)


def test_evidence_spans_point_at_the_quoted_text() -> None:
    report = analyze(MESSAGE, location="New York, NY", today=TODAY)
    assert report.categories == {"salary_history", "unpaid_work", "scam"}
    for finding in report.findings:
        for item in finding.evidence:
            assert MESSAGE[item.start : item.end] == item.quote
    quotes = {f.category.value: [e.quote for e in f.evidence] for f in report.findings}
    assert quotes["salary_history"] == ["your current salary"]
    assert "registration fee" in quotes["scam"]
    assert "a week" in quotes["unpaid_work"]


def test_findings_are_ordered_by_severity() -> None:
    report = analyze(MESSAGE, location="New York, NY", today=TODAY)
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks, reverse=True)
    assert report.worst is not None and report.worst.value == "critical"


def test_the_report_turns_into_json() -> None:
    report = analyze(MESSAGE, location="New York, NY", today=TODAY)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["data_compiled"] == "2026-11-25"
    assert data["today"] == "2026-11-25"
    assert data["place"]["city"] == "New York City"
    assert sorted(data["categories"]) == ["salary_history", "scam", "unpaid_work"]
    unpaid = next(f for f in data["findings"] if f["category"] == "unpaid_work")
    assert unpaid["estimated_hours"]["low"] == 40
    assert [a["kind"] for a in unpaid["answers"]][-1] == "walk_away"
    history = next(f for f in data["findings"] if f["category"] == "salary_history")
    assert history["laws"] and history["laws"][0]["source_url"].startswith("http")
    assert {"start", "end", "quote"} == set(history["evidence"][0])
    assert data["laws"]["place"]["region"] == "NY"


def test_a_clean_text_gives_an_empty_report() -> None:
    report = analyze("Thanks for your time today, talk soon!", today=TODAY)
    assert report.findings == []
    assert report.categories == set()
    assert report.worst is None
    assert report.to_dict()["laws"] is None


def test_a_salary_question_says_the_place_given_was_not_recognised_and_what_to_give() -> None:
    text = "What is your current salary?"

    unknown = analyze(text, location="Atlantis", today=TODAY)
    missing = analyze(text, today=TODAY)

    [said] = [f.explanation for f in unknown.findings if f.category.value == "salary_history"]
    [unsaid] = [f.explanation for f in missing.findings if f.category.value == "salary_history"]
    assert "“Atlantis” was not recognised as a place" in said
    assert '"Denver, CO"' in said and "was not given" not in said
    assert "Where the job is was not given" in unsaid


def test_a_law_findings_date_is_the_law_datas_as_every_surface_names_it() -> None:
    report = analyze(MESSAGE, location="New York, NY", today=TODAY)
    explanations = [f.explanation for f in report.findings if f.category.value != "scam"]
    history = next(f for f in report.findings if f.category.value == "salary_history")
    assert f"Law data compiled {TODAY.isoformat()}." in history.explanation
    assert not any("Jurisdiction data" in e for e in explanations)
    posting = analyze(
        "Barista\nLocation: Denver, CO\nResponsibilities: make coffee.\nRequirements: a smile.\n"
        "Benefits: free coffee. Apply now.",
        today=TODAY,
    )
    [transparency] = [f for f in posting.findings if f.category.value == "pay_transparency"]
    assert f"Law data compiled {TODAY.isoformat()}." in transparency.explanation
