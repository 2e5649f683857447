"""Reading the job's location from the text: a labelled line, or a sentence that says it plainly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from goodword.redflags import analyze
from goodword.redflags.location_text import find_location

TODAY = date(2026, 11, 25)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "redflags" / "corpus.jsonl"


@pytest.mark.parametrize(
    ("text", "where", "region"),
    [
        (
            "We're hiring a barista at Northwind in Austin, TX. Shifts start at 6.",
            "Austin, TX",
            "TX",
        ),
        (
            "Good news: this role is based in Toronto, ON, with two office days.",
            "Toronto, ON",
            "ON",
        ),
        ("You'll be based in our Denver, CO office.", "Denver, CO", "CO"),
        ("The position is on-site in Springfield, IL.", "Springfield, IL", "IL"),
        (
            "The nurse position at Lakeside Health in Portland, ME is full-time.",
            "Portland, ME",
            "ME",
        ),
        ("Join our team in Berlin and help us grow.", "Berlin", None),
        ("This role is located in Colorado.", "Colorado", "CO"),
        ("This role is remote (US only).", "Remote (US)", None),
        ("This is a fully remote position within Canada.", "Remote (Canada)", None),
        ("This role is remote (Colorado-based candidates only).", "Remote (Colorado)", "CO"),
        ("You will be based in St. Louis, MO.", "St. Louis, MO", "MO"),
        ("This job is located in Washington, D.C.", "Washington, D.C.", "DC"),
        ("This position is based in London, ON.", "London, ON", "ON"),
    ],
)
def test_it_reads_a_location_a_sentence_states_plainly(
    text: str, where: str, region: str | None
) -> None:
    search = find_location(text)
    assert search.found is not None
    assert search.found.where == where
    assert not search.found.from_line
    quote = search.found.evidence
    assert text[quote.start : quote.end] == quote.quote
    report = analyze(text, today=TODAY)
    assert report.place.known
    assert report.place.region == region
    assert any(f'"{where}"' in note and "somewhere else" in note for note in report.notes)


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary words and places that are not where this job is.
        "We sell to customers in Austin, TX and Denver, CO.",
        "Our clients in Toronto, ON love the product.",
        "I saw your current role at Acme in Denver, CO and would love to chat.",
        "You worked in Seattle, WA for five years, right?",
        "Our headquarters are in Austin, TX; this role is open to anyone.",
        "Our founder was born in Paris and studied in London.",
        "We're hiring engineers in Python, Go and Rust.",
        "Join us in celebrating ten years in business!",
        "The role is in Sales, reporting to the VP.",
        "This role is based in the heart of the city.",
        "The job is in Washington.",
        "This role is remote.",
        "This role is remote (EST hours).",
        "This role is remote (flexible).",
        "We're hiring a welder in Springfield.",
        "We're hiring in Victoria.",
        "We're hiring developers in Python, OR similar languages.",
        "This job is in Dallas, TX, but you previously worked in Houston, TX.",
        "Apply now. Location to be confirmed at interview.",
    ],
)
def test_it_reads_no_location_from_other_sentences(text: str) -> None:
    search = find_location(text)
    assert search.found is None
    assert search.several == ()
    assert not analyze(text, today=TODAY).place.known


@pytest.mark.parametrize(
    "text",
    [
        "This role is based in Austin, TX or Denver, CO.",
        "This role is based in Austin, TX. You'll be based in our Toronto, ON office at first.",
        "We're hiring in Austin, TX and Denver, CO.",
        "This role is based in Canada or the US.",
    ],
)
def test_two_places_for_the_job_are_not_guessed_between(text: str) -> None:
    search = find_location(text)
    assert search.found is None
    assert len(search.several) == 2
    report = analyze("What is your current salary? " + text, today=TODAY)
    assert not report.place.known
    assert any("more than one place" in note for note in report.notes)
    history = next(f for f in report.findings if f.category.value == "salary_history")
    assert history.laws == []


def test_a_location_line_comes_before_any_sentence() -> None:
    text = "Location: Denver, CO\nThis role is based in Austin, TX."
    search = find_location(text)
    assert search.found is not None and search.found.from_line
    assert search.found.where == "Denver, CO"
    assert analyze(text, today=TODAY).place.region == "CO"


def test_a_given_location_is_used_whatever_the_text_says() -> None:
    report = analyze("This role is based in Austin, TX.", location="Toronto, ON", today=TODAY)
    assert report.place.region == "ON"
    assert not any("read from the text" in note for note in report.notes)


def test_no_corpus_text_gets_a_place_from_a_sentence_it_does_not_state() -> None:
    """Texts written without a place must not gain one from their ordinary words."""
    for line in CORPUS.read_text("utf-8").splitlines():
        item = json.loads(line)
        search = find_location(item["text"])
        if search.found is not None and not search.found.from_line:
            stated = analyze(item["text"], location=item.get("location"), today=TODAY).place
            read = analyze(item["text"], today=TODAY).place
            assert item.get("location"), item["id"]
            assert (read.country, read.region, read.city) == (
                stated.country,
                stated.region,
                stated.city,
            ), item["id"]
        assert search.several == (), item["id"]
