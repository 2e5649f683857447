"""Measure list pages and search on a large generated workspace, each beside a naive baseline.

    python benchmarks/generate.py --database-url sqlite:///big.sqlite3 --people 100000
    python benchmarks/bench_lists.py --database-url sqlite:///big.sqlite3 \
        [--postgres-url postgresql://user@host/db]

(a) people list pages at depth 1, 100 and 1000 through `people.service.list_` (keyset: the
cursor is found by following `next_cursor` page after page, then the single page fetch at
that depth is timed), against the same query paged with OFFSET, in the same run;
(b) `search.service.search` for random name prefixes of 1-4 letters, against
`lower(display_name) LIKE '%prefix%'` over the people table;
(c) the web people list through the real ASGI app (`create_app` + Starlette's TestClient),
first page and a deep `after=` cursor, plus the web search-as-you-type query.
Prints a Markdown table with p50 and p99 in milliseconds, and the peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from goodword.config import Settings
from goodword.db import make_engine
from goodword.people import service as people
from goodword.people.models import Person
from goodword.records import decode_cursor
from goodword.search import service as search
from goodword.web import create_app
from goodword.workspaces import service as workspaces

PAGE = 50
DEPTHS = (1, 100, 1000)


@dataclass
class Row:
    backend: str
    case: str
    ours: list[float]
    baseline: list[float] | None = None
    note: str = ""


def timed(run: Callable[[], Any], repeat: int, warmup: int = 3) -> list[float]:
    """Milliseconds per call over `repeat` calls, after a few untimed ones."""
    for _ in range(warmup):
        run()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


def once(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def p(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def offset_page(session: Session, workspace_id: int, depth: int) -> list[Person]:
    """The naive baseline: the service's own query and loaders, paged with OFFSET."""
    statement = (
        select(Person)
        .where(Person.workspace_id == workspace_id)
        .options(*people.with_details())
        .order_by(Person.sort_name, Person.id)
        .offset((depth - 1) * PAGE)
        .limit(PAGE)
    )
    return list(session.scalars(statement))


def row_value_page(session: Session, workspace_id: int, cursor: str | None) -> list[Person]:
    """Keyset written as a row-value comparison, `(sort_name, id) > (:v, :id)`.

    Shown beside the service's own keyset query: SQLite plans the service's
    `sort_name > :v OR (sort_name = :v AND id > :id)` as a scan from the start of the
    workspace, while the row value becomes a range on the (workspace_id, sort_name, id) index.
    """
    statement = select(Person).where(Person.workspace_id == workspace_id)
    if cursor:
        value, last_id = decode_cursor(cursor)
        statement = statement.where(tuple_(Person.sort_name, Person.id) > tuple_(value, last_id))
    statement = statement.options(*people.with_details()).order_by(Person.sort_name, Person.id)
    return list(session.scalars(statement.limit(PAGE + 1)))[:PAGE]


def cursors_at(
    session: Session, workspace_id: int, depths: tuple[int, ...]
) -> dict[int, str | None]:
    """Follow next_cursor from the first page; return the cursor that opens each depth."""
    found: dict[int, str | None] = {1: None}
    cursor: str | None = None
    for page_number in range(2, max(depths) + 1):
        cursor = people.list_(
            session, workspace_id=workspace_id, cursor=cursor, limit=PAGE
        ).next_cursor
        if cursor is None:
            raise SystemExit(f"The workspace has fewer than {max(depths)} pages of people.")
        session.expunge_all()
        if page_number in depths:
            found[page_number] = cursor
    return found


def like_baseline(session: Session, workspace_id: int, prefix: str) -> list[int]:
    """Search as a naive app would: a substring scan over names, A to Z, first 20."""
    return list(
        session.scalars(
            select(Person.id)
            .where(
                Person.workspace_id == workspace_id,
                func.lower(Person.display_name).like(f"%{prefix.lower()}%"),
            )
            .order_by(Person.sort_name, Person.id)
            .limit(20)
        )
    )


def prefixes(session: Session, workspace_id: int, count: int, rng: random.Random) -> list[str]:
    """Beginnings (1-4 letters) of real given or family names in the workspace."""
    sample = list(
        session.scalars(
            select(Person.display_name).where(Person.workspace_id == workspace_id).limit(5000)
        )
    )
    out: list[str] = []
    while len(out) < count:
        word = rng.choice(rng.choice(sample).split())
        letters = "".join(c for c in word if c.isalpha())
        if letters:
            out.append(letters[: rng.randint(1, 4)].lower())
    return out


def bench(url: str, label: str, repeat: int, searches: int, seed: int) -> list[Row]:
    engine = make_engine(url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    rows: list[Row] = []
    rng = random.Random(seed)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session).id
        total = people.count(session, workspace_id=workspace_id)
        print(f"{label}: {total} people in the local workspace", file=sys.stderr)
        cursors = cursors_at(session, workspace_id, DEPTHS)
        for depth in DEPTHS:
            rows += _pages(session, workspace_id, label, depth, cursors[depth], repeat)
        words = prefixes(session, workspace_id, searches, rng)
        # One warm-up pass, so both sides start with the same pages in the cache.
        for word in words[:10]:
            search.search(session, workspace_id=workspace_id, query=word)
            like_baseline(session, workspace_id, word)
        for lengths, name in (((1,), "1 letter"), ((2,), "2 letters"), ((3, 4), "3-4 letters")):
            group = [w for w in words if len(w) in lengths]
            if not group:
                continue
            ours: list[float] = []
            base: list[float] = []
            for word in group:
                a, b = paired(
                    partial(search.search, session, workspace_id=workspace_id, query=word),
                    partial(like_baseline, session, workspace_id, word),
                    1,
                )
                ours += a
                base += b
            rows.append(
                Row(
                    label,
                    f"search, {len(group)} name prefixes of {name}",
                    ours,
                    base,
                    "FTS vs LIKE",
                )
            )
    settings = Settings(database_url=url)
    app = create_app(settings, session_factory=factory)
    with TestClient(app) as client:
        deep = cursors[DEPTHS[-1]]
        assert client.get("/people").status_code == 200
        rows.append(
            Row(label, "web /people, first page", timed(lambda: client.get("/people"), repeat))
        )
        rows.append(
            Row(
                label,
                f"web /people, page {DEPTHS[-1]} (after= cursor)",
                timed(lambda: client.get("/people", params={"after": deep}), repeat),
            )
        )
        sample = rng.sample(words, min(len(words), max(1, searches // 4)))
        rows.append(
            Row(
                label,
                f"web /people?q=, {len(sample)} prefixes",
                [once(partial(client.get, "/people", params={"q": w})) for w in sample],
            )
        )
    engine.dispose()
    return rows


def _pages(
    session: Session, workspace_id: int, label: str, depth: int, cursor: str | None, repeat: int
) -> list[Row]:
    """One depth: the service page against OFFSET, then the page query alone in three forms."""
    keyset_ids = [
        p.id
        for p in people.list_(session, workspace_id=workspace_id, cursor=cursor, limit=PAGE).items
    ]
    assert keyset_ids == [p.id for p in offset_page(session, workspace_id, depth)]
    assert keyset_ids == [p.id for p in row_value_page(session, workspace_id, cursor)]
    where = f"page {depth} (rows {(depth - 1) * PAGE + 1}-{depth * PAGE})"

    def service_page() -> None:
        people.list_(session, workspace_id=workspace_id, cursor=cursor, limit=PAGE)
        session.expunge_all()

    def offset_whole() -> None:
        offset_page(session, workspace_id, depth)
        session.expunge_all()

    ours, base = paired(service_page, offset_whole, repeat)
    rows = [Row(label, f"people {where}: people.service.list_", ours, base, "same loaders, OFFSET")]
    value, last_id = decode_cursor(cursor) if cursor else (None, None)
    ids = select(Person.id).where(Person.workspace_id == workspace_id)
    order = (Person.sort_name, Person.id)
    as_written = ids
    as_row = ids
    if cursor:
        as_written = ids.where(
            or_(Person.sort_name > value, and_(Person.sort_name == value, Person.id > last_id))
        )
        as_row = ids.where(tuple_(Person.sort_name, Person.id) > tuple_(value, last_id))
    by_offset = ids.order_by(*order).offset((depth - 1) * PAGE).limit(PAGE)
    ours, base = paired(
        lambda: session.scalars(as_written.order_by(*order).limit(PAGE + 1)).all(),
        lambda: session.scalars(by_offset).all(),
        repeat,
    )
    rows.append(Row(label, f"people {where}: page query only, keyset", ours, base, "OFFSET"))
    rows.append(
        Row(
            label,
            f"people {where}: page query only, keyset as a row value",
            timed(lambda: session.scalars(as_row.order_by(*order).limit(PAGE + 1)).all(), repeat),
            note="proposed for records.keyset_page",
        )
    )
    return rows


def paired(
    ours: Callable[[], Any], baseline: Callable[[], Any], repeat: int
) -> tuple[list[float], list[float]]:
    """Time two calls alternately, so a busy machine slows both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        a.append(once(ours))
        b.append(once(baseline))
    return a, b


def render(rows: list[Row]) -> str:
    lines = [
        "| database | case | p50 ms | p99 ms | baseline p50 ms | baseline p99 ms | compared with |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        base = (
            (f"{p(row.baseline, 50):.2f}", f"{p(row.baseline, 99):.2f}")
            if row.baseline
            else ("", "")
        )
        lines.append(
            f"| {row.backend} | {row.case} | {p(row.ours, 50):.2f} | {p(row.ours, 99):.2f} | "
            f"{base[0]} | {base[1]} | {row.note} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a generated SQLite database")
    parser.add_argument("--postgres-url", help="a generated PostgreSQL database, too")
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per case")
    parser.add_argument("--searches", type=int, default=200, help="prefixes to search for")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = bench(args.database_url, "SQLite", args.repeat, args.searches, args.seed)
    if args.postgres_url:
        rows += bench(args.postgres_url, "PostgreSQL", args.repeat, args.searches, args.seed)
    print(render(rows))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of this process): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
