"""Precision and recall of the red-flag analyzer on the labelled corpus, per category and split.

    .venv/bin/python benchmarks/redflags_quality.py            # table for dev and test
    .venv/bin/python benchmarks/redflags_quality.py --errors dev   # list the dev mistakes
    .venv/bin/python benchmarks/redflags_quality.py --json     # machine-readable figures
    .venv/bin/python benchmarks/redflags_quality.py --check    # exit 1 if a target is missed
    .venv/bin/python benchmarks/redflags_quality.py --long     # time long pasted texts

The corpus is tests/data/redflags/corpus.jsonl. Rules were written against the dev split; the
test split is the held-out measure. "Fires" means a finding above severity info.

`--long` times `analyze` on long texts that repeat one phrase (a pasted page can) at 25,000
and 100,000 characters, the most a check takes, in CPU seconds. Work that grows with the
length costs about 4 times as much for 4 times the text; work that grows with its square, 16
times. With `--check` it fails when any text costs more than 8 times as much.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from goodword.redflags import Category, analyze
from goodword.redflags.service import MAX_TEXT

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "redflags" / "corpus.jsonl"
TODAY = date(2026, 11, 25)  # the jurisdiction data's compile date, so statuses are as compiled
PRECISION_TARGET = 0.95
RECALL_TARGET = 0.90
CATEGORIES = [c.value for c in Category]
# Each is repeated to the length timed; between them they reach every rule module: who the
# employer is (one endless sentence, and short ones), salary-history questions, pay figures,
# scam rules with words that must be near, unpaid work, a stated location, senders and sites,
# words hyphenated across line breaks, and every corpus text one after another.
LONG_TEXTS = {
    "federal agency, one sentence": "Join the Department of Veterans Affairs of ",
    "federal agency, sentences": "Join the Department of Veterans Affairs. ",
    "pay-history questions": "What is your current salary and were you making more at your "
    "previous job ",
    "pay figures": "$50,000 - $60,000 per year, competitive salary, from $25/hr+ ",
    "scam phrases": "Buy the equipment from our vendor, we send you a check, deposit it and "
    "send the rest back in gift cards; message our hiring team on WhatsApp ",
    "unpaid work": "Complete a take-home assignment, build a complete app in about 10 hours, "
    "unpaid, and we may use your work ",
    "unpaid work, one run-on sentence": "Please write three blog posts for our website as a "
    "writing sample, we may publish them and there is no payment for this ",
    "stated location": "This role is based in Toronto, ON and we're hiring in Austin, TX ",
    "e-mail addresses and sites": "Write to jane.doe@example.com or see careers.example.com ",
    "words broken across lines": "Pay the regis-\ntration fee for a full-\ntime job ",
}
LONG_SIZES = (25_000, MAX_TEXT)
LONG_GROWTH_LIMIT = 8.0


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


def long_texts(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CPU seconds `analyze` takes on each long text at each size, and how it grows."""
    texts = dict(LONG_TEXTS)
    texts["the corpus, end to end"] = "\n\n".join(item["text"] for item in items) + "\n\n"
    analyze("warm up: load the data files", location="New York, NY", today=TODAY)
    rows = []
    for name, phrase in texts.items():
        seconds = []
        for size in LONG_SIZES:
            text = (phrase * (size // len(phrase) + 1))[:size]
            started = time.process_time()
            analyze(text, location="New York, NY", today=TODAY)
            seconds.append(time.process_time() - started)
        growth = seconds[-1] / seconds[0] if seconds[0] else 0.0
        rows.append({"text": name, "seconds": seconds, "growth": growth})
    return rows


def long_table(rows: list[dict[str, Any]]) -> str:
    sizes = " | ".join(f"{size:,} chars (CPU s)" for size in LONG_SIZES)
    lines = [f"| long text | {sizes} | growth |", "|---|" + "---|" * (len(LONG_SIZES) + 1)]
    for row in rows:
        times = " | ".join(f"{s:.2f}" for s in row["seconds"])
        lines.append(f"| {row['text']} | {times} | {row['growth']:.1f}x |")
    return "\n".join(lines)


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
    parser.add_argument(
        "--long", action="store_true", help="time long repeated texts instead of the corpus"
    )
    args = parser.parse_args(argv)

    items = load()
    if args.long:
        rows = long_texts(items)
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            print(long_table(rows))
        if args.check:
            return 0 if all(row["growth"] <= LONG_GROWTH_LIMIT for row in rows) else 1
        return 0
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
