"""Page benchmark: how long an opportunity's page takes on the demo, beside an earlier Goodword.

    python benchmarks/bench_pages.py                    # this checkout's src beside main's
    python benchmarks/bench_pages.py --before 37e4c5f --rounds 6

The earlier code is `git archive <--before> src` unpacked in a temporary folder; this
checkout's code is its `src` folder as it is on disk (changes not yet committed included).
Each tree sets up a small SQLite database of its own with `goodword demo --today 2026-11-02`
(untimed).

Then, in every round, each tree runs once, alternately, in a new process: it builds the app,
asks for each page once untimed (modules loaded, the network's snapshot built), then asks
for each page `--repeat` times through the app's TestClient, as a browser would, with the
day set to the demo's. The pages: the opportunity with no hiring manager (its "Reach the
hiring manager" panel drafts a request to each side door) and one with a hiring manager.

Prints a Markdown table: the median wall-clock and CPU milliseconds (of the process) per
page under each tree, and the earlier tree's CPU over this one's. On a machine busy with
other work the wall clock wanders; compare CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-02"

# Times each page in one process; prints {label: [[wall, cpu], ...]} as JSON.
TIME_PAGES = """
import json, sys, time
from datetime import date
from fastapi.testclient import TestClient
from goodword import clock
from goodword.config import Settings
from goodword.web import create_app

pages, repeat = json.loads(sys.argv[1]), int(sys.argv[2])
clock.today = lambda: date.fromisoformat(sys.argv[3])
app = create_app(Settings())
times = {}
with TestClient(app, base_url="http://localhost") as client:
    for url in pages.values():
        assert client.get(url).status_code == 200, url
    for label, url in pages.items():
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.setdefault(label, []).append(
                [time.perf_counter() - wall, time.process_time() - cpu]
            )
print(json.dumps(times))
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


def pages_of(database: Path) -> dict[str, str]:
    """The opportunity pages to time: one with no hiring manager, one with one."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT id, hiring_manager_id IS NULL FROM opportunities "
            "WHERE stage IN ('target', 'applied') ORDER BY id"
        ).fetchall()
    without = next(id_ for id_, none in rows if none)
    with_ = next(id_ for id_, none in rows if not none)
    return {
        "opportunity, no hiring manager": f"/opportunities/{without}",
        "opportunity with a hiring manager": f"/opportunities/{with_}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="the earlier code's revision")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="times each page a round")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        trees = {
            f"before ({options.before})": (unpack_before(options.before, folder / "before"), "b"),
            "this checkout": (REPO / "src", "a"),
        }
        envs = {}
        pages: dict[str, str] = {}
        for name, (src, key) in trees.items():
            database = folder / f"{key}.sqlite3"
            env = environment(src, database)
            subprocess.run(
                [sys.executable, "-m", "goodword", "demo", "--today", TODAY],
                env=env,
                check=True,
                capture_output=True,
            )
            envs[name] = env
            pages = pages_of(database)

        walls: dict[tuple[str, str], list[float]] = {}
        cpus: dict[tuple[str, str], list[float]] = {}
        for _ in range(options.rounds):
            for name, env in envs.items():
                out = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        TIME_PAGES,
                        json.dumps(pages),
                        str(options.repeat),
                        TODAY,
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                for label, times in json.loads(out.splitlines()[-1]).items():
                    for wall, cpu in times:
                        walls.setdefault((label, name), []).append(wall * 1000)
                        cpus.setdefault((label, name), []).append(cpu * 1000)

    print(
        f"{options.rounds} rounds of {options.repeat}, median of each; "
        f"Python {sys.version.split()[0]}\n"
    )
    print("| page | code | wall ms | CPU ms | CPU, before / this |")
    print("|---|---|---|---|---|")
    first, last = list(envs)
    for label in pages:
        ratio = statistics.median(cpus[(label, first)]) / statistics.median(cpus[(label, last)])
        for name in envs:
            wall = statistics.median(walls[(label, name)])
            cpu = statistics.median(cpus[(label, name)])
            shown = f"{ratio:.1f}x" if name == last else ""
            print(f"| {label} | {name} | {wall:.0f} | {cpu:.0f} | {shown} |")


if __name__ == "__main__":
    main()
