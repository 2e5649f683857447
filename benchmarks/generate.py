"""Generate a large Goodword workspace for benchmarks: many people, power-law connections.

    python benchmarks/generate.py --database-url sqlite:///big.sqlite3 \
        --people 100000 --connections 1000000 --seed 1

Rows go in with SQLAlchemy Core `executemany` in batches, straight into the tables the app
uses (the models' own tables, so column defaults apply), with search documents so search
works. Connections follow a Chung-Lu model: each endpoint is drawn with probability
proportional to a weight that falls off as rank^(-1/(exponent-1)), which gives a power-law
degree distribution (exponent 3 by default, as in preferential attachment); repeated pairs and
self-ties are dropped and redrawn, so every pair of people is joined at most once.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from goodword import migrate
from goodword.connections.models import ConnectionKind
from goodword.db import make_engine
from goodword.demo import names
from goodword.demo.generator import slug
from goodword.importers.bulk import graph_changed_once
from goodword.models import Base
from goodword.people.normalize import reversed_digits
from goodword.records import sort_key
from goodword.search.folding import document_body, folded_title
from goodword.search.service import organization_body
from goodword.workspaces.models import Workspace


def _sibling(name: str) -> ModuleType:
    """A module beside this script (run as a script, or loaded from its file by a test)."""
    known = f"goodword_bench_{name}"
    if known not in sys.modules:
        spec = importlib.util.spec_from_file_location(known, Path(__file__).with_name(f"{name}.py"))
        assert spec and spec.loader
        sys.modules[known] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[known])
    return sys.modules[known]


bulk = _sibling("bulk_rows")
TABLES = Base.metadata.tables
ORG_STEMS = [
    "Alder", "Amber", "Aster", "Basalt", "Birch", "Bramble", "Briar", "Cedar", "Cinder", "Clover",
    "Copper", "Cormorant", "Dune", "Ember", "Fern", "Flint", "Gannet", "Garnet", "Hazel", "Heron",
    "Indigo", "Juniper", "Kestrel", "Lark", "Linden", "Maple", "Marsh", "Moss", "Nettle", "Oak",
    "Osprey", "Pebble", "Quartz", "Reed", "Rowan", "Sable", "Sorrel", "Tansy", "Thistle", "Willow",
]  # fmt: skip
ORG_PARTS = [
    "brook", "field", "gate", "hill", "ford", "wick", "stone", "light", "wood", "well", "mere",
    "point", "crest", "vale", "haven", "ridge",
]  # fmt: skip
ORG_KINDS = [
    "Analytics", "Health", "Robotics", "Logistics", "Software", "Energy", "Foods", "Labs",
    "Bank", "Learning", "Media", "Systems", "Insurance", "Design", "Biotech", "Outdoor",
]  # fmt: skip
KIND_WEIGHTS = {
    ConnectionKind.LINKEDIN: 40,
    ConnectionKind.COLLEAGUE: 18,
    ConnectionKind.FORMER_COLLEAGUE: 16,
    ConnectionKind.KNOWS: 10,
    ConnectionKind.FRIEND: 8,
    ConnectionKind.MET_AT_EVENT: 5,
    ConnectionKind.RECRUITER: 1,
    ConnectionKind.INTERVIEWER: 1,
    ConnectionKind.REFERRED_BY: 1,
}


@dataclass
class Report:
    workspace_id: int
    people: int
    organizations: int
    positions: int
    connections: int
    max_degree: int
    mean_degree: float
    seconds: float


def _workspace(connection: Connection, slug_: str) -> int:
    table = TABLES[Workspace.__tablename__]
    found = connection.scalar(select(table.c.id).where(table.c.slug == slug_))
    if found is None:
        connection.execute(insert(table), [{"slug": slug_, "name": "Benchmark workspace"}])
        found = connection.scalar(select(table.c.id).where(table.c.slug == slug_))
    assert found is not None
    return int(found)


def _organizations(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(name, domain, city) for `count` invented organizations with distinct names."""
    seen: set[str] = set()
    made: list[tuple[str, str, str]] = []
    while len(made) < count:
        name = f"{rng.choice(ORG_STEMS)}{rng.choice(ORG_PARTS)} {rng.choice(ORG_KINDS)}"
        if len(seen) >= len(ORG_STEMS) * len(ORG_PARTS) * len(ORG_KINDS) // 2:
            name = f"{name} {len(made)}"
        if name in seen:
            continue
        seen.add(name)
        domain = f"{slug(name.replace(' ', ''))}.example"
        made.append((name, domain, rng.choice(names.CITIES)))
    return made


def power_law_edges(
    people: int, connections: int, *, exponent: float, rng: np.random.Generator
) -> np.ndarray:
    """Distinct unordered pairs of person indexes (an n x 2 array) with power-law degrees."""
    most = people * (people - 1) // 2
    if connections > most:
        raise SystemExit(f"{people} people allow at most {most} distinct connections.")
    alpha = 1.0 / (exponent - 1.0)
    weights = np.arange(1, people + 1, dtype=np.float64) ** -alpha
    # Shuffle who is popular, so degree does not follow id or name order.
    cdf = np.cumsum(weights[rng.permutation(people)])
    cdf /= cdf[-1]
    keys = np.empty(0, dtype=np.int64)
    accepted = 0.9  # share of a draw that turns out new; re-estimated each round
    while len(keys) < connections:
        need = connections - len(keys)
        draw = int(need / accepted * 1.1) + 1000
        a = np.searchsorted(cdf, rng.random(draw), side="right").clip(0, people - 1)
        b = np.searchsorted(cdf, rng.random(draw), side="right").clip(0, people - 1)
        keep = a != b
        low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
        fresh = _sorted_unique(low * people + high)
        if len(keys):
            at = np.searchsorted(keys, fresh).clip(0, len(keys) - 1)
            fresh = fresh[keys[at] != fresh]
        accepted = max(0.01, len(fresh) / draw)
        if len(fresh) > need:
            fresh = np.sort(rng.choice(fresh, need, replace=False))
        keys = np.sort(np.concatenate([keys, fresh]))
    keys = rng.permutation(keys)
    pairs = np.stack([keys // people, keys % people], axis=1)
    # Record each tie from either end, as people do.
    flip = rng.random(len(pairs)) < 0.5
    pairs[flip] = pairs[flip][:, ::-1]
    return pairs


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting (numpy 2's hash-based unique is slower on large integer arrays)."""
    values = np.sort(values)
    if len(values) == 0:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(total, start + size)


def generate(
    database_url: str,
    *,
    people: int = 100_000,
    connections: int = 1_000_000,
    organizations: int | None = None,
    seed: int = 1,
    exponent: float = 3.0,
    batch: int = 20_000,
    workspace: str = "local",
    say: Callable[[str], None] = lambda _: None,
) -> Report:
    """Fill an empty workspace (created if missing) with a large network; return the counts."""
    started = time.perf_counter()
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    org_count = organizations if organizations is not None else max(1, people // 50)
    with engine.connect() as connection:
        bulk.tune(engine, connection)
        workspace_id = _workspace(connection, workspace)
        person_table = TABLES["people"]
        existing = connection.scalar(
            select(func.count())
            .select_from(person_table)
            .where(person_table.c.workspace_id == workspace_id)
        )
        if existing:
            raise SystemExit(f"Workspace '{workspace}' already has {existing} people; use another.")
        connection.commit()

        # As a large import does, the per-row triggers that change the graph version are
        # set aside on SQLite, and the version changed once at the end.
        with (
            Session(bind=connection) as session,
            graph_changed_once(session, workspace_id, people + connections),
        ):
            org_ids, org_rows = _load_organizations(connection, workspace_id, rng, org_count)
            say(f"{org_count} organizations")
            person_ids, positions = _load_people(
                connection, workspace_id, rng, people, org_ids, org_rows, batch, say,
                phones=random.Random(f"phones {seed}"),
            )  # fmt: skip
            pairs = power_law_edges(people, connections, exponent=exponent, rng=nrng)
            say(f"drew {len(pairs)} distinct pairs after {time.perf_counter() - started:.1f}s")
            _load_connections(connection, workspace_id, nrng, pairs, person_ids, batch * 5, say)
        bulk.fix_sequences(
            connection,
            [TABLES[n] for n in ("organizations", "people", "person_emails", "person_phones")]
            + [TABLES["positions"]]
            + [TABLES[n] for n in ("search_documents", "connections")],
        )
        connection.commit()
        # Fresh statistics, so the planners choose the indexes a real database would.
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    engine.dispose()
    degree = np.bincount(pairs.ravel(), minlength=people)
    return Report(
        workspace_id=workspace_id,
        people=people,
        organizations=org_count,
        positions=positions,
        connections=len(pairs),
        max_degree=int(degree.max()),
        mean_degree=float(degree.mean()),
        seconds=time.perf_counter() - started,
    )


def _load_organizations(
    connection: Connection,
    workspace_id: int,
    rng: random.Random,
    count: int,
) -> tuple[list[int], list[tuple[str, str, str]]]:
    orgs = _organizations(rng, count)
    first = bulk.next_id(connection, TABLES["organizations"])
    first_doc = bulk.next_id(connection, TABLES["search_documents"])
    ids = list(range(first, first + count))
    bulk.insert_rows(
        connection,
        TABLES["organizations"],
        [
            {
                "id": oid,
                "workspace_id": workspace_id,
                "name": name,
                "sort_name": sort_key(name),
                "aliases": [],
                "domains": [domain],
                "location": city,
            }
            for oid, (name, domain, city) in zip(ids, orgs, strict=True)
        ],
    )
    bulk.insert_rows(
        connection,
        TABLES["search_documents"],
        [
            {
                "id": first_doc + i,
                "workspace_id": workspace_id,
                "kind": "organization",
                "record_id": oid,
                "title": name,
                "body": organization_body(name=name, aliases=(), domains=[domain], location=city),
                "folded_title": folded_title(name),
            }
            for i, (oid, (name, domain, city)) in enumerate(zip(ids, orgs, strict=True))
        ],
    )
    connection.commit()
    return ids, orgs


def _load_people(
    connection: Connection,
    workspace_id: int,
    rng: random.Random,
    count: int,
    org_ids: list[int],
    orgs: list[tuple[str, str, str]],
    batch: int,
    say: Callable[[str], None],
    *,
    phones: random.Random,
) -> tuple[list[int], int]:
    """People with an e-mail, most a phone number (drawn from `phones`, so the rest is what
    the seed gave before), a current job (mostly) and earlier ones, and search documents."""
    first = bulk.next_id(connection, TABLES["people"])
    next_email = bulk.next_id(connection, TABLES["person_emails"])
    next_phone = bulk.next_id(connection, TABLES["person_phones"])
    next_position = bulk.next_id(connection, TABLES["positions"])
    next_doc = bulk.next_id(connection, TABLES["search_documents"])
    # Employers' sizes follow a power law too.
    org_weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(org_ids))))
    slots = range(len(org_ids))
    departments = list(names.DEPARTMENTS)
    dept_weights = [w for w, _ in names.DEPARTMENTS.values()]
    today = date.today()
    positions = 0
    for start, stop in _batches(count, batch):
        person_rows, email_rows, phone_rows, position_rows, doc_rows = [], [], [], [], []
        for index in range(start, stop):
            pid = first + index
            given_names, family_names = rng.choice(names.NAME_GROUPS)
            given, family = rng.choice(given_names), rng.choice(family_names)
            display = f"{given} {family}"
            location = rng.choice(names.CITIES)
            tags = rng.sample(names.TAGS, rng.choice([0, 0, 1, 2]))
            interests = rng.sample(names.INTERESTS, rng.choice([0, 1, 2]))
            person_rows.append(
                {
                    "id": pid,
                    "workspace_id": workspace_id,
                    "display_name": display,
                    "given_name": given,
                    "family_name": family,
                    "sort_name": sort_key(f"{family} {given}"),
                    "location": location,
                    "tags": tags,
                    "interests": interests,
                    "is_me": index == 0,
                }
            )
            department = rng.choices(departments, weights=dept_weights)[0]
            titles = names.DEPARTMENTS[department][1]
            slot = rng.choices(slots, cum_weights=org_weights)[0]
            title = rng.choice(titles)
            began = today - timedelta(days=rng.randint(30, 3000))
            email = f"{slug(given)}.{slug(family)}.{pid}@{orgs[slot][1]}"
            email_rows.append(
                {
                    "id": next_email,
                    "workspace_id": workspace_id,
                    "person_id": pid,
                    "address": email,
                    "position": 0,
                }
            )
            next_email += 1
            number = phone_number(phones)
            if number is not None:
                phone_rows.append(
                    {"id": next_phone, "workspace_id": workspace_id, "person_id": pid,
                     "number": number, "reversed_digits": reversed_digits(number), "position": 0}
                )  # fmt: skip
                next_phone += 1
            jobs: list[tuple[int, str, date, date | None]] = [(org_ids[slot], title, began, None)]
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                ended = began - timedelta(days=rng.randint(0, 60))
                began = ended - timedelta(days=rng.randint(300, 1500))
                jobs.append((rng.choice(org_ids), rng.choice(titles), began, ended))
            for org_id, job_title, job_start, job_end in jobs:
                position_rows.append(
                    {
                        "id": next_position,
                        "workspace_id": workspace_id,
                        "person_id": pid,
                        "organization_id": org_id,
                        "title": job_title,
                        "department": department,
                        "start_date": job_start,
                        "end_date": job_end,
                        "is_current": job_end is None,
                    }
                )
                next_position += 1
            positions += len(jobs)
            body = [email, orgs[slot][0], title, location, " ".join(tags), " ".join(interests)]
            # As the app writes it (see search.service.person_body).
            doc_rows.append(
                {
                    "id": next_doc,
                    "workspace_id": workspace_id,
                    "kind": "person",
                    "record_id": pid,
                    "title": display,
                    "body": document_body(display, body),
                    "folded_title": folded_title(display),
                }
            )
            next_doc += 1
        bulk.insert_rows(connection, TABLES["people"], person_rows)
        bulk.insert_rows(connection, TABLES["person_emails"], email_rows)
        bulk.insert_rows(connection, TABLES["person_phones"], phone_rows)
        bulk.insert_rows(connection, TABLES["positions"], position_rows)
        bulk.insert_rows(connection, TABLES["search_documents"], doc_rows)
        connection.commit()
        say(f"people {stop}/{count}")
    return list(range(first, first + count)), positions


def phone_number(rng: random.Random) -> str | None:
    """A number for four people in five: stored E.164 as the app stores what it can read
    (North American, a few British), and one in twenty of them kept as an import keeps a
    number it cannot read, as written ("07700 900123")."""
    if rng.random() < 0.2:
        return None
    if rng.random() < 0.05:
        return f"0{rng.randint(1000, 9999)} {rng.randint(0, 999_999):06d}"
    if rng.random() < 0.1:
        return f"+4420{rng.randint(0, 99_999_999):08d}"
    return f"+1{rng.choice(names.PHONE_AREAS)}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"


def _load_connections(
    connection: Connection,
    workspace_id: int,
    nrng: np.random.Generator,
    pairs: np.ndarray,
    person_ids: list[int],
    batch: int,
    say: Callable[[str], None],
) -> None:
    """Stream the ties in batches; the only table big enough to skip SQLAlchemy's per-row work.

    Values are rendered once per distinct value the way SQLAlchemy stores them (dates and
    timestamps as text on SQLite), then go to the driver's executemany, or COPY on PostgreSQL.
    The table's secondary indexes are dropped for the load and rebuilt at the end, which is
    far quicker than keeping them up to date row by row.
    """
    table = TABLES["connections"]
    first = bulk.next_id(connection, table)
    kinds = [kind.value for kind in KIND_WEIGHTS]
    p = np.array(list(KIND_WEIGHTS.values()), dtype=np.float64)
    base = np.array(person_ids, dtype=np.int64)
    me = person_ids[0]
    dialect = connection.dialect
    stamp = bulk.as_stored(table.c.created_at, datetime.now(UTC), dialect)
    epoch = date(2010, 1, 1)
    days = [bulk.as_stored(table.c.since, epoch + timedelta(days=d), dialect) for d in range(5800)]
    columns = [
        "id",
        "workspace_id",
        "person_a_id",
        "person_b_id",
        "kind",
        "since",
        "closeness",
        "created_at",
        "updated_at",
    ]
    indexes = bulk.drop_indexes(connection, table.name)
    try:
        for start, stop in _batches(len(pairs), batch):
            chunk = pairs[start:stop]
            a_ids, b_ids = base[chunk[:, 0]].tolist(), base[chunk[:, 1]].tolist()
            kind_index = nrng.choice(len(kinds), size=len(chunk), p=p / p.sum()).tolist()
            since_days = nrng.integers(0, len(days), size=len(chunk)).tolist()
            closeness = nrng.integers(1, 6, size=len(chunk)).tolist()
            rows = [
                (
                    first + start + i,
                    workspace_id,
                    a,
                    b,
                    kinds[k],
                    days[d],
                    # The user rates their own ties; others' ties carry no closeness.
                    c if me in (a, b) else None,
                    stamp,
                    stamp,
                )
                for i, (a, b, k, d, c) in enumerate(
                    zip(a_ids, b_ids, kind_index, since_days, closeness, strict=True)
                )
            ]
            bulk.write_rows(connection, table.name, columns, rows)
            connection.commit()
            say(f"connections {stop}/{len(pairs)}")
    finally:
        say(f"rebuilding {len(indexes)} indexes on {table.name}")
        for statement in indexes:
            connection.exec_driver_sql(statement)
        connection.commit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=1_000_000)
    parser.add_argument("--organizations", type=int, default=None, help="default: people / 50")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exponent", type=float, default=3.0, help="degree power-law exponent")
    parser.add_argument("--batch", type=int, default=20_000, help="people per batch")
    parser.add_argument("--workspace", default="local", help="workspace slug (default: local)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def say(message: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:7.1f}s] {message}", file=sys.stderr)

    report = generate(
        args.database_url,
        people=args.people,
        connections=args.connections,
        organizations=args.organizations,
        seed=args.seed,
        exponent=args.exponent,
        batch=args.batch,
        workspace=args.workspace,
        say=say,
    )
    print(
        f"people={report.people} organizations={report.organizations} "
        f"positions={report.positions} connections={report.connections} "
        f"max_degree={report.max_degree} mean_degree={report.mean_degree:.1f} "
        f"seconds={report.seconds:.1f}"
    )
    if database_url_is_file(args.database_url):
        path = Path(args.database_url.split("///", 1)[1])
        print(f"file={path} size_mb={path.stat().st_size / 1e6:.1f}")
    return 0


def database_url_is_file(url: str) -> bool:
    return url.startswith("sqlite:///") and ":memory:" not in url


if __name__ == "__main__":
    raise SystemExit(main())
