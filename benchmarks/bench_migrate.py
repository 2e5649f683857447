"""Migration benchmark: a large SQLite database brought from 0032 to the latest version
(migration 0033 rebuilds every table), beside SQLite's own copy of the same file.

    python benchmarks/bench_migrate.py                       # build (a few minutes), 3 rounds
    python benchmarks/bench_migrate.py --keep /tmp/mig --rounds 5
    python benchmarks/bench_migrate.py --keep /tmp/mig --before main   # main's code beside

Build (untimed; with `--keep FOLDER` the database at 0032 is kept there and used again
by the next run given the same folder): `generate.py` fills a workspace (100,000 people
with their e-mails, phone numbers, jobs and search documents, 300,000 connections), then
interactions are added (100,000, one or two people in each), and an import is kept
(`bench_import.py`'s files: a Connections.csv of 20,000 rows and 5,000 vCards, run through
`import_files` as the app does). The database is then taken down to 0032
(`alembic downgrade`) and closed, so it is one file.

Then in each round, alternately, on a fresh copy of that file (the copy untimed), each in
a new process:
- `goodword db upgrade`, with GOODWORD_DATABASE_URL naming the copy;
- the automatic upgrade: the copy in the data folder (`XDG_DATA_HOME`), and
  `goodword person list --json`, which brings it to the latest version first, as every
  command and `goodword serve` do for a database there; beside it, the same command on
  the database it just upgraded (what the command costs without the upgrade);
- `VACUUM INTO` a new file, in Python's sqlite3: SQLite writing every table and index once,
  the floor for a rebuild of every table.
With `--before REV`, `goodword db upgrade` runs under that revision's code too (`git
archive REV src`, unpacked in a temporary folder), in the same rounds.

Prints a Markdown table: the median wall-clock and CPU seconds of each (user and system,
of the child process), the child's peak memory (its maximum resident set), and the most
disk the files took while it ran (the database, its -wal and -shm, and for VACUUM INTO
the new file), polled every 20 ms, beside the file's size before.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

VACUUM_INTO = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("VACUUM INTO ?", (sys.argv[2],))
connection.close()
"""


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss_mb: float
    peak_disk_mb: float


@dataclass
class Results:
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def add(self, label: str, run: Run) -> None:
        self.runs.setdefault(label, []).append(run)


def build(
    folder: Path,
    *,
    people: int,
    connections: int,
    interactions: int,
    rows: int,
    cards: int,
    say: Callable[[str], None],
) -> Path:
    """A database at 0032 in `folder` (made once, kept for the next run)."""
    at_0032 = folder / "at_0032.sqlite3"
    if at_0032.exists():
        return at_0032
    import bench_import
    import generate
    from alembic import command
    from sqlalchemy import func, insert, select

    from goodword import migrate
    from goodword.db import make_engine, make_session_factory
    from goodword.importers.service import import_files
    from goodword.models import Base

    building = folder / "building.sqlite3"
    for stale in folder.glob("building.sqlite3*"):
        stale.unlink()
    url = f"sqlite:///{building}"
    report = generate.generate(url, people=people, connections=connections, say=say)
    say(f"generated {report.people} people, {report.connections} connections")
    engine = make_engine(url)
    tables = Base.metadata.tables
    rng = random.Random(3)
    with engine.begin() as connection:
        first = connection.scalar(select(func.min(tables["people"].c.id)))
        start = datetime(2026, 11, 1, tzinfo=UTC)
        for batch in range(0, interactions, 20_000):
            numbers = range(batch, min(batch + 20_000, interactions))
            ids = [first + rng.randrange(people) for _ in numbers]
            inbound = [n % 3 == 0 for n in numbers]
            rows_ = [
                {"workspace_id": report.workspace_id,
                 "occurred_at": start - timedelta(hours=n),
                 "kind": ("message", "email", "meeting", "call")[n % 4],
                 "summary": f"Talked about the role at number {n} and who else to ask. " * 2,
                 "direction": "inbound" if is_in else "outbound" if n % 4 < 2 else None,
                 "writer_id": person if is_in and n % 4 < 2 else None}
                for n, person, is_in in zip(numbers, ids, inbound, strict=True)
            ]  # fmt: skip
            made = connection.execute(
                insert(tables["interactions"]).returning(
                    tables["interactions"].c.id, sort_by_parameter_order=True
                ),
                rows_,
            ).scalars()
            participants = []
            for interaction_id, person in zip(made, ids, strict=True):
                participants.append((interaction_id, person))
                if rng.random() < 0.3:
                    other = first + rng.randrange(people)
                    if other != person:
                        participants.append((interaction_id, other))
            connection.execute(
                insert(tables["interaction_participants"]),
                [{"workspace_id": report.workspace_id, "interaction_id": i, "person_id": p}
                 for i, p in participants],
            )  # fmt: skip
    say(f"{interactions} interactions")
    files = folder / "import"
    files.mkdir(exist_ok=True)
    world = bench_import.World(1)
    known = [world.person(n) for n in range(2_000)]
    bench_import.write_files(files, world, known, rows, cards)
    with make_session_factory(engine)() as session:
        import_files(
            session,
            workspace_id=report.workspace_id,
            paths_or_uploads=[files / "Connections.csv", files / "contacts.vcf"],
            today=date(2026, 11, 25),
        )
        session.commit()
    say(f"imported {rows} rows and {cards} cards (the import kept)")
    config = migrate.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0032")
    engine.dispose()  # (the last connection closed: the -wal file is folded in and gone)
    building.rename(at_0032)
    say(f"down to 0032: {at_0032.stat().st_size / 1e6:.0f} MB")
    return at_0032


def footprint(database: Path, extra: Path | None = None) -> int:
    paths = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    if extra is not None:
        paths.append(extra)
    return sum(p.stat().st_size for p in paths if p.exists())


def timed(command: list[str], env: dict[str, str], watch: tuple[Path, Path | None]) -> Run:
    """Run `command`; its wall clock, CPU, peak memory and the most disk the files took."""
    peak = [footprint(*watch)]
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], footprint(*watch))

    watcher = threading.Thread(target=poll)
    watcher.start()
    with tempfile.TemporaryFile() as said:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=said)
        _, status, usage = os.wait4(child.pid, 0)  # (the child's own CPU and memory)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        watcher.join()
        said.seek(0)
        errors = said.read().decode()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        peak_disk_mb=peak[0] / 1e6,
    )


def environment(src: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    return {**env, "PYTHONPATH": str(src), **settings}


def unpack(revision: str, into: Path) -> Path:
    import bench_cli

    return bench_cli.unpack_before(revision, into)


def check_revision(database: Path, wanted: str) -> None:
    import sqlite3

    connection = sqlite3.connect(database)
    found = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    connection.close()
    if found != wanted:
        raise SystemExit(f"{database} is at {found}, not {wanted}")


def one_round(template: Path, work: Path, trees: dict[str, Path], results: Results) -> None:
    from goodword import migrate

    python = sys.executable
    for name, src in trees.items():
        copy = work / "upgrade.sqlite3"
        shutil.copyfile(template, copy)
        env = environment(src, GOODWORD_DATABASE_URL=f"sqlite:///{copy}")
        run = timed([python, "-m", "goodword", "db", "upgrade"], env, (copy, None))
        results.add(f"`goodword db upgrade` ({name})", run)
        if name == "this checkout":
            check_revision(copy, migrate.LATEST_REVISION)
        for stale in work.glob("upgrade.sqlite3*"):
            stale.unlink()

    home = work / "data"
    own = home / "goodword" / "goodword.sqlite3"
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, own)
    env = environment(trees["this checkout"], XDG_DATA_HOME=str(home))
    command = [python, "-m", "goodword", "person", "list", "--json"]
    results.add("upgrade by `person list --json` (data folder)", timed(command, env, (own, None)))
    check_revision(own, migrate.LATEST_REVISION)
    results.add("`person list --json` alone (at the latest)", timed(command, env, (own, None)))
    for stale in own.parent.glob("goodword.sqlite3*"):
        stale.unlink()

    into = work / "vacuumed.sqlite3"
    run = timed([python, "-c", VACUUM_INTO, str(template), str(into)], dict(os.environ),
                (template, into))  # fmt: skip
    results.add("`VACUUM INTO` a new file (SQLite)", run)
    into.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the built database in")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", help="also upgrade with this revision's code")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=300_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=20_000, help="Connections.csv rows imported")
    parser.add_argument("--cards", type=int, default=5_000, help="vCards imported")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def say(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f}s] {message}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = args.keep or work / "built"
        folder.mkdir(parents=True, exist_ok=True)
        template = build(
            folder, people=args.people, connections=args.connections,
            interactions=args.interactions, rows=args.rows, cards=args.cards, say=say,
        )  # fmt: skip
        trees = {"this checkout": REPO / "src"}
        if args.before:
            trees = {f"before ({args.before})": unpack(args.before, work / "before"), **trees}
        results = Results()
        for number in range(args.rounds):
            one_round(template, work, trees, results)
            say(f"round {number + 1} of {args.rounds}")
        size = template.stat().st_size / 1e6

    print(f"\n{args.rounds} rounds, median of each; the database at 0032: {size:.0f} MB\n")
    print("| what | wall s | CPU s | peak memory MB | most disk taken MB |")
    print("|---|---|---|---|---|")
    for label, runs in results.runs.items():
        print(
            f"| {label} | {statistics.median(r.wall for r in runs):.2f} "
            f"| {statistics.median(r.cpu for r in runs):.2f} "
            f"| {statistics.median(r.peak_rss_mb for r in runs):.0f} "
            f"| {statistics.median(r.peak_disk_mb for r in runs):.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
