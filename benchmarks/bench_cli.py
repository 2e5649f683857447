"""CLI start-up benchmark: how long `goodword` takes to start, beside an earlier Goodword.

    python benchmarks/bench_cli.py                    # this checkout's src beside main's
    python benchmarks/bench_cli.py --before e6f1b6d --rounds 20

The earlier code is `git archive <--before> src` unpacked in a temporary folder; this
checkout's code is its `src` folder as it is on disk (changes not yet committed included).
Each tree sets up a small SQLite database of its own with `goodword demo` (untimed), so
neither reads a database the other's migrations made.

Then, in every round, each command runs once under each tree, alternately, in a new
process (`python -m goodword ...`, the output thrown away):
- `goodword --help`, `goodword person --help`, `goodword people --help` and
  `goodword import --help`: nothing but the help, so almost all of it is loading modules;
- `goodword person list --json` on the small database: a light command that opens it.

Prints a Markdown table: the median wall-clock and CPU seconds (user and system, of the
child process) of each command under each tree, the earlier tree's CPU over this one's,
and how many modules each loaded (`sys.modules` at exit, counted in a separate run). On a
machine busy with other work the wall clock wanders; compare CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COMMANDS: list[tuple[str, list[str]]] = [
    ("goodword --help", ["--help"]),
    ("goodword person --help", ["person", "--help"]),
    ("goodword people --help", ["people", "--help"]),
    ("goodword import --help", ["import", "--help"]),
    ("goodword person list --json", ["person", "list", "--json"]),
]

# Runs the CLI as `python -m goodword` does, then says how many modules were loaded.
COUNT_MODULES = """
import sys
sys.argv = ["goodword", *sys.argv[1:]]
from goodword.cli import main
try:
    main()
except SystemExit:
    pass
print(len(sys.modules), file=sys.stderr)
"""


def unpack_before(revision: str, into: Path) -> Path:
    """The `src` folder of `revision`, unpacked into `into`."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision, "src"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def environment(src: Path, database: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    env["GOODWORD_DATABASE_URL"] = f"sqlite:///{database}"
    return env


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One run of `python -m goodword ARGS`: its wall-clock and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "goodword", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def modules_loaded(args: list[str], env: dict[str, str]) -> int:
    child = subprocess.run(
        [sys.executable, "-c", COUNT_MODULES, *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return int(child.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="the earlier code's revision")
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        trees = {
            f"before ({options.before})": (unpack_before(options.before, folder / "before"), "b"),
            "this checkout": (REPO / "src", "a"),
        }
        envs = {}
        for name, (src, key) in trees.items():
            env = environment(src, folder / f"{key}.sqlite3")
            subprocess.run(
                [sys.executable, "-m", "goodword", "demo", "--today", "2026-11-02"],
                env=env,
                check=True,
                capture_output=True,
            )
            envs[name] = env

        walls: dict[tuple[str, str], list[float]] = {}
        cpus: dict[tuple[str, str], list[float]] = {}
        for _ in range(options.rounds):
            for label, args in COMMANDS:
                for name, env in envs.items():
                    wall, cpu = timed(args, env)
                    walls.setdefault((label, name), []).append(wall)
                    cpus.setdefault((label, name), []).append(cpu)
        counts = {
            (label, name): modules_loaded(args, env)
            for label, args in COMMANDS
            for name, env in envs.items()
        }

    print(f"{options.rounds} rounds, median of each; Python {sys.version.split()[0]}\n")
    print("| command | code | wall s | CPU s | CPU, before / this | modules loaded |")
    print("|---|---|---|---|---|---|")
    first, last = list(envs)
    for label, _ in COMMANDS:
        ratio = statistics.median(cpus[(label, first)]) / statistics.median(cpus[(label, last)])
        for name in envs:
            wall = statistics.median(walls[(label, name)])
            cpu = statistics.median(cpus[(label, name)])
            shown = f"{ratio:.1f}x" if name == last else ""
            print(
                f"| `{label}` | {name} | {wall:.2f} | {cpu:.2f} | {shown} "
                f"| {counts[(label, name)]} |"
            )


if __name__ == "__main__":
    main()
