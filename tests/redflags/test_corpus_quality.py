"""Quality gate: per-category precision and recall on the held-out test split of the corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from goodword.redflags import Category, analyze

CORPUS = Path(__file__).resolve().parent.parent / "data" / "redflags" / "corpus.jsonl"
TODAY = date(2026, 11, 25)
CATEGORIES = [c.value for c in Category]
ITEMS = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def test_the_corpus_is_large_labelled_and_split() -> None:
    assert len(ITEMS) >= 220
    assert len({item["id"] for item in ITEMS}) == len(ITEMS)
    splits = {item["split"] for item in ITEMS}
    assert splits == {"dev", "test"}
    test_share = sum(item["split"] == "test" for item in ITEMS) / len(ITEMS)
    assert 0.3 <= test_share <= 0.5
    for item in ITEMS:
        assert set(item["labels"]) <= set(CATEGORIES), item["id"]
    for category in CATEGORIES:
        assert sum(category in item["labels"] for item in ITEMS if item["split"] == "test") >= 10
    assert sum(not item["labels"] for item in ITEMS) >= 50, "hard negatives"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_analyzer_meets_its_targets(split: str) -> None:
    counts = {c: {"tp": 0, "fp": 0, "fn": 0} for c in CATEGORIES}
    for item in (i for i in ITEMS if i["split"] == split):
        got = analyze(item["text"], location=item.get("location"), today=TODAY).categories
        for category in CATEGORIES:
            want = category in item["labels"]
            if want and category in got:
                counts[category]["tp"] += 1
            elif category in got:
                counts[category]["fp"] += 1
            elif want:
                counts[category]["fn"] += 1
    for category, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        assert precision >= 0.95, (split, category, c)
        assert recall >= 0.90, (split, category, c)


def test_every_finding_on_the_corpus_quotes_its_text_exactly() -> None:
    for item in ITEMS:
        report = analyze(item["text"], location=item.get("location"), today=TODAY)
        for finding in report.findings:
            for evidence in finding.evidence:
                assert item["text"][evidence.start : evidence.end] == evidence.quote, item["id"]
