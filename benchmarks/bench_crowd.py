"""Crowd benchmark: an address book where everyone has one name, beside one where nobody does.

    python benchmarks/bench_crowd.py                 # 1,000, 4,000 and 20,000 cards
    python benchmarks/bench_crowd.py --rows 4000     # one size

Each size is imported twice into a new SQLite workspace, with matching on: once a vCard
file in which every card is John Smith or John Smyth at one of eight employers (each with
a UID and a LinkedIn profile of its own, so no two cards are certainly one person), once a
file of the same size whose names are all different. The ordinary file is the yardstick: a
crowd of one name costs more per card, since every card is a candidate for every other,
but that cost must grow with the cards, not with their square.

(Until the twenty-ninth session the crowd was a Connections.csv; two of its rows with two
profiles are no longer compared at all, since LinkedIn lists each connection once, so a
crowd there costs next to nothing and no longer shows the limits at work.)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from goodword import migrate
from goodword.db import make_engine, make_session_factory
from goodword.importers.service import import_files
from goodword.workspaces import service as workspaces

EMPLOYERS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka"]
SYLLABLES = [c + v for c in "bdfghjklmnprstvz" for v in "aeiou"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).title()


def write_file(path: Path, rows: int, *, crowd: bool) -> None:
    rng = random.Random(rows)
    # Distinct names: random syllables, two for the given name and three for the family
    # name, so names are as unlike as in a real address book.
    seen: set[tuple[str, str]] = set()
    while len(seen) < rows:
        seen.add((_word(rng, 2), _word(rng, 3)))
    names = iter(sorted(seen))
    with path.open("w", newline="", encoding="utf-8") as out:
        for number in range(rows):
            if crowd:
                given, family = "John", "Smith" if number % 2 else "Smyth"
            else:
                given, family = next(names)
            lines = [
                "BEGIN:VCARD",
                "VERSION:3.0",
                f"UID:member-{number}",
                f"FN:{given} {family}",
                f"N:{family};{given};;;",
                f"ORG:{rng.choice(EMPLOYERS)}",
                "TITLE:Engineer",
                f"URL:https://www.linkedin.com/in/member-{number}",
                "END:VCARD",
            ]
            out.write("".join(f"{line}\r\n" for line in lines))


def measure(folder: Path, rows: int, *, crowd: bool) -> dict[str, Any]:
    kind = "crowd" if crowd else "ordinary"
    source = folder / f"{kind}-{rows}.vcf"
    write_file(source, rows, crowd=crowd)
    engine = make_engine(f"sqlite:///{folder / f'{kind}-{rows}.sqlite3'}")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        workspace = workspaces.get_or_create(session, slug="bench-crowd", name="Benchmark")
        session.commit()
        started, cpu = time.perf_counter(), time.process_time()
        report = import_files(
            session,
            workspace_id=workspace.id,
            paths_or_uploads=[source],
            today=date(2026, 11, 26),
        )
        session.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    return {
        "file": kind,
        "rows": rows,
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "ms_per_row": round(1000 * elapsed / rows, 2),
        "created": report.counts["created"],
        "suggested": report.counts["suggested"],
        "merged": report.counts["merged"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="default: 1000, 4000, 20000")
    args = parser.parse_args(argv)
    sizes = args.rows or [1000, 4000, 20000]
    print("| rows | file | seconds | CPU seconds | ms per row | created | suggested | merged |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            for crowd in (False, True):
                found = measure(Path(tmp), rows, crowd=crowd)
                print(
                    f"| {found['rows']:,} | {found['file']} | {found['seconds']} | "
                    f"{found['cpu_seconds']} | {found['ms_per_row']} | {found['created']:,} | "
                    f"{found['suggested']:,} | {found['merged']:,} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
