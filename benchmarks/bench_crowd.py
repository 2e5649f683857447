"""Crowd benchmark: an address book where everyone has one name, beside one where nobody does.

    python benchmarks/bench_crowd.py                 # 1,000, 4,000 and 20,000 cards
    python benchmarks/bench_crowd.py --rows 4000     # one size
    python benchmarks/bench_crowd.py --scan          # the duplicates scan after a Connections.csv

Each size is imported twice into a new SQLite workspace, with matching on: once a vCard
file in which every card is John Smith or John Smyth at one of eight employers (each with
a UID and a LinkedIn profile of its own, so no two cards are certainly one person), once a
file of the same size whose names are all different. The ordinary file is the yardstick: a
crowd of one name costs more per card, since every card is a candidate for every other,
but that cost must grow with the cards, not with their square.

(Until the twenty-ninth session the crowd was a Connections.csv; two of its rows with two
profiles are no longer compared at all, since LinkedIn lists each connection once, so a
crowd there costs next to nothing and no longer shows the limits at work.)

With --scan, each size is a Connections.csv of that many rows over 400 names (a profile of
its own on every row, one of eight employers), imported into a new SQLite workspace and then
scanned for duplicates (`find_duplicates`, as `goodword people duplicates --scan` does): the
scan's time and the pairs it queues. Since the thirtieth session a scan, like the import,
does not compare two rows of one such file (default sizes 4,000 and 30,000).
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


def write_connections(path: Path, rows: int, *, names: int = 400) -> None:
    """A Connections.csv of `rows` rows over `names` names, each row a profile of its own."""
    rng = random.Random(rows)
    seen: set[tuple[str, str]] = set()
    while len(seen) < names:
        seen.add((_word(rng, 2), _word(rng, 3)))
    drawn = sorted(seen)
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        for number in range(rows):
            given, family = drawn[number % names]
            out.write(
                f"{given},{family},https://www.linkedin.com/in/member-{number},,"
                f"{rng.choice(EMPLOYERS)},Engineer,01 Jan 2025\n"
            )


def measure_scan(folder: Path, rows: int, *, names: int = 400) -> dict[str, Any]:
    from goodword.duplicates.service import find_duplicates

    source = folder / f"Connections-{rows}.csv"
    write_connections(source, rows, names=names)
    engine = make_engine(f"sqlite:///{folder / f'scan-{rows}.sqlite3'}")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        workspace = workspaces.get_or_create(session, slug="bench-scan", name="Benchmark")
        session.commit()
        report = import_files(
            session, workspace_id=workspace.id, paths_or_uploads=[source], today=date(2026, 11, 26)
        )
        session.commit()
        started, cpu = time.perf_counter(), time.process_time()
        found = find_duplicates(session, workspace_id=workspace.id)
        session.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    return {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "imported": report.counts["created"],
        "import_pairs": report.candidates_created,
        "scan_pairs": found.candidates_created,
    }


def scan_main(sizes: list[int]) -> int:
    print("| rows | scan seconds | scan CPU seconds | created | pairs the import queued | "
          "pairs the scan queued |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            found = measure_scan(Path(tmp), rows)
            print(
                f"| {found['rows']:,} | {found['seconds']} | {found['cpu_seconds']} | "
                f"{found['imported']:,} | {found['import_pairs']:,} | {found['scan_pairs']:,} |",
                flush=True,
            )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="default: 1000, 4000, 20000")
    parser.add_argument(
        "--scan", action="store_true", help="the duplicates scan after a Connections.csv"
    )
    args = parser.parse_args(argv)
    if args.scan:
        return scan_main(args.rows or [4000, 30000])
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
