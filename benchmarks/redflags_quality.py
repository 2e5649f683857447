"""Precision and recall of the red-flag analyzer on the labelled corpus, per category and split.

    .venv/bin/python benchmarks/redflags_quality.py            # table for dev and test
    .venv/bin/python benchmarks/redflags_quality.py --errors dev   # list the dev mistakes
    .venv/bin/python benchmarks/redflags_quality.py --json     # machine-readable figures
    .venv/bin/python benchmarks/redflags_quality.py --check    # exit 1 if a target is missed

The corpus is tests/data/redflags/corpus.jsonl. Rules were written against the dev split; the
test split is the held-out measure. "Fires" means a finding above severity info.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from goodword.redflags import Category, analyze

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "redflags" / "corpus.jsonl"
TODAY = date(2026, 11, 25)  # the jurisdiction data's compile date, so statuses are as compiled
PRECISION_TARGET = 0.95
RECALL_TARGET = 0.90
CATEGORIES = [c.value for c in Category]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def meets_targets(self) -> bool:
        return self.precision >= PRECISION_TARGET and self.recall >= RECALL_TARGET


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(
    items: list[dict[str, Any]],
) -> tuple[dict[str, dict[str, Score]], list[dict[str, Any]]]:
    """Score every item; return scores[split][category] and the list of mistakes."""
    scores: dict[str, dict[str, Score]] = {}
    mistakes: list[dict[str, Any]] = []
    for item in items:
        report = analyze(item["text"], location=item.get("location"), today=TODAY)
        got = report.categories
        want = set(item["labels"])
        split = scores.setdefault(item["split"], {c: Score() for c in CATEGORIES})
        for category in CATEGORIES:
            score = split[category]
            if category in want and category in got:
                score.tp += 1
            elif category in got:
                score.fp += 1
            elif category in want:
                score.fn += 1
            else:
                score.tn += 1
        if got != want:
            mistakes.append(
                {
                    "id": item["id"],
                    "split": item["split"],
                    "missed": sorted(want - got),
                    "extra": sorted(got - want),
                    "signals": [f.signal for f in report.findings if f.flagged],
                    "text": item["text"],
                }
            )
    return scores, mistakes


def table(scores: dict[str, dict[str, Score]]) -> str:
    lines = [
        "| split | category | items labelled | precision | recall | TP | FP | FN | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test"):
        for category, s in scores.get(split, {}).items():
            lines.append(
                f"| {split} | {category} | {s.tp + s.fn} | {s.precision:.3f} | {s.recall:.3f} "
                f"| {s.tp} | {s.fp} | {s.fn} | {'met' if s.meets_targets else 'MISSED'} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["dev", "test"], help="list the mistakes on a split")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if any target is missed")
    args = parser.parse_args(argv)

    items = load()
    scores, mistakes = evaluate(items)
    if args.json:
        print(
            json.dumps(
                {
                    split: {
                        c: {"precision": s.precision, "recall": s.recall, "tp": s.tp, "fp": s.fp}
                        | {"fn": s.fn}
                        for c, s in by_cat.items()
                    }
                    for split, by_cat in scores.items()
                },
                indent=2,
            )
        )
    else:
        counts = {split: sum(1 for i in items if i["split"] == split) for split in ("dev", "test")}
        print(f"Corpus: {len(items)} texts (dev {counts['dev']}, test {counts['test']})")
        print(table(scores))
    if args.errors:
        for m in (m for m in mistakes if m["split"] == args.errors):
            print(f"\n{m['id']}: missed {m['missed']} extra {m['extra']} signals {m['signals']}")
            print("   " + m["text"].replace("\n", "\n   "))
    if args.check:
        ok = all(s.meets_targets for split in scores.values() for s in split.values())
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
