"""Measure list pages and search on a large generated workspace, each beside a naive baseline.

    python benchmarks/generate.py --database-url sqlite:///big.sqlite3 --people 100000
    python benchmarks/bench_lists.py --database-url sqlite:///big.sqlite3 \
        [--postgres-url postgresql://user@host/db]

(a) people list pages at depth 1, 100 and 1000. The cursor for each depth is found by
following `next_cursor` page after page; then the single page fetch at that depth is timed:
`people.service.list_` against the same query and loaders paged with OFFSET, and the page
query alone through `records.keyset_page` against the same query with OFFSET and against the
former OR-form keyset (`sort_name > :v OR (sort_name = :v AND id > :id)`), kept for contrast.
All forms are checked to return the same people first.
(b) `search.service.search` for random name prefixes of 1-4 letters, against
`lower(display_name) LIKE '%prefix%'` over the people table, A to Z, first 20.
(c) the web people list through the real ASGI app (`create_app` + Starlette's TestClient),
first page and a deep `after=` cursor, plus the web search-as-you-type query.
(d) search by phone number (the lookup of the people with a number a query reads as) for
numbers in the workspace: their last 7-9 digits, the whole number as written at home, and
numbers kept as written; the lookup through the index of reversed digits against the one
search used before, which compared every number of the workspace with `LIKE '%digits'`
(`former_by_phone`, kept here). Both are checked to find the same people first.
`--part phones` runs (d) alone.
Compared calls are timed alternately, so a busy machine slows both sides alike. Prints a
Markdown table with wall-clock p50 and p99 and the p50 CPU time of this process (for
PostgreSQL that leaves out the server's work), all in milliseconds, and the peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import phonenumbers
from fastapi.testclient import TestClient
from sqlalchemy import Select, and_, func, or_, select, text
from sqlalchemy.orm import Session, sessionmaker

from goodword.config import Settings
from goodword.db import make_engine
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import Person, PersonPhone
from goodword.people.schemas import PHONE_PATTERN
from goodword.records import among, decode_cursor, keyset_page
from goodword.search import service as search
from goodword.search.models import SearchDocument
from goodword.web import create_app
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

PAGE = 50
DEPTHS = (1, 100, 1000)
WARMUP = 3


@dataclass
class Times:
    """Milliseconds per call: wall clock and CPU time of this process."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def __iadd__(self, other: Times) -> Times:
        self.wall += other.wall
        self.cpu += other.cpu
        return self


@dataclass
class Row:
    backend: str
    case: str
    ours: Times
    baseline: Times | None = None
    note: str = ""


def once(run: Callable[[], Any], into: Times) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    into.cpu.append((time.process_time() - cpu) * 1000)
    into.wall.append((time.perf_counter() - wall) * 1000)


def alternate(calls: Sequence[Callable[[], Any]], repeat: int, warmup: int = WARMUP) -> list[Times]:
    """Time the calls in turn, round after round, so a busy moment slows each of them alike."""
    for _ in range(warmup):
        for call in calls:
            call()
    out = [Times() for _ in calls]
    for _ in range(repeat):
        for call, times in zip(calls, out, strict=True):
            once(call, times)
    return out


def timed(run: Callable[[], Any], repeat: int) -> Times:
    return alternate([run], repeat)[0]


def p(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


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


SEARCH_GROUPS = (((1,), "1 letter"), ((2,), "2 letters"), ((3, 4), "3-4 letters"))


def former_by_phone(session: Session, *, workspace_id: int, query: str) -> list[search.Hit]:
    """The phone lookup as `search.service` did it before numbers kept their reversed
    digits (the twenty-seventh session): every number of the workspace compared with
    `LIKE '%digits'`, and each one kept as written read in Python."""
    if not re.match(PHONE_PATTERN, query.strip()):
        return []
    region = session.scalar(select(Workspace.phone_region).where(Workspace.id == workspace_id))
    wanted = search.phone_query(query, region or "US")
    if wanted is None:
        return []
    same: list[str] = []
    params: dict[str, object] = {"ws": workspace_id}
    if wanted.stored is not None:
        params["stored"] = wanted.stored
        same.append("number = :stored")
        if ";" not in wanted.stored:
            params["stored_ext"] = wanted.stored + ";ext=%"
            same.append("number LIKE :stored_ext")
    if wanted.ending is not None:
        params["ending"], params["ending_ext"] = "%" + wanted.ending, "%" + wanted.ending + ";%"
        same += ["number LIKE :ending", "number LIKE :ending_ext"]
    found: set[int] = set()
    if same:
        found.update(
            session.scalars(
                text(
                    "SELECT person_id FROM person_phones WHERE workspace_id = :ws "
                    f"AND ({' OR '.join(same)})"
                ),
                params,
            )
        )
    if wanted.endings:
        rows = session.execute(
            select(PersonPhone.person_id, PersonPhone.number).where(
                PersonPhone.workspace_id == workspace_id,
                or_(
                    PersonPhone.number.not_like("+%"),
                    *(PersonPhone.number.contains(c) for c in " -()/."),
                ),
            )
        )
        for person_id, number in rows:
            if normalize.phone_uri(number) is not None:
                continue
            digits, extension = normalize.written_digits(number)
            if any(digits.endswith(e) for e in wanted.endings) and (
                not wanted.extension or extension == wanted.extension
            ):
                found.add(person_id)
    if not found:
        return []
    statement = (
        select(
            SearchDocument.kind, SearchDocument.record_id, SearchDocument.title,
            SearchDocument.body,
        )
        .where(
            SearchDocument.workspace_id == workspace_id, SearchDocument.kind == "person",
            among(session, SearchDocument.record_id, sorted(found)),
        )
        .order_by(SearchDocument.folded_title, SearchDocument.record_id)
        .limit(100)
    )  # fmt: skip
    return [search.Hit(*row) for row in session.execute(statement)]


PHONE_GROUPS = ("last 7-9 digits", "whole number as written at home", "number kept as written")


def phone_queries(
    session: Session, workspace_id: int, count: int, rng: random.Random
) -> dict[str, list[str]]:
    """Queries for numbers in the workspace, `count` in each group of `PHONE_GROUPS`: the
    last 7-9 digits of a stored number ("555 0123"), the whole number as written in its
    country ("(415) 555-0123"), and a number kept as written, as it was written."""
    numbers = list(
        session.scalars(
            select(PersonPhone.number)
            .where(PersonPhone.workspace_id == workspace_id)
            .order_by(PersonPhone.id)  # (not the index's order: "+" before the digits)
            .limit(20000)
        )
    )
    stored = [n for n in numbers if normalize.phone_uri(n) is not None]
    written = [n for n in numbers if normalize.phone_uri(n) is None]
    out: dict[str, list[str]] = {name: [] for name in PHONE_GROUPS}
    for _ in range(count if stored else 0):
        digits = normalize.written_digits(rng.choice(stored))[0][-rng.randint(7, 9) :]
        out[PHONE_GROUPS[0]].append(f"{digits[:-4]} {digits[-4:]}")
        number = phonenumbers.parse(rng.choice(stored))
        national = phonenumbers.PhoneNumberFormat.NATIONAL
        out[PHONE_GROUPS[1]].append(phonenumbers.format_number(number, national))
    out[PHONE_GROUPS[2]] = [rng.choice(written) for _ in range(count if written else 0)]
    return out


def _phones(
    session: Session, workspace_id: int, label: str, count: int, rng: random.Random
) -> list[Row]:
    """Search by phone number: the lookup through the index against the former LIKE scan,
    one call each per query, alternately, after checking they find the same people."""
    rows: list[Row] = []
    for name, queries in phone_queries(session, workspace_id, count, rng).items():
        if not queries:
            continue
        for query in queries:
            ours = search._by_phone(session, workspace_id=workspace_id, query=query)
            if not ours or ours != former_by_phone(session, workspace_id=workspace_id, query=query):
                raise SystemExit(f"{label}: the phone lookups find other people for {query!r}")
        mine, base = Times(), Times()
        for query in queries:
            a, b = alternate(
                [
                    partial(search._by_phone, session, workspace_id=workspace_id, query=query),
                    partial(former_by_phone, session, workspace_id=workspace_id, query=query),
                ],
                1,
                warmup=0,
            )
            mine += a
            base += b
        rows.append(
            Row(
                label,
                f"phone search, {len(queries)} queries: {name}",
                mine,
                base,
                "LIKE '%digits' over every number",
            )
        )
    return rows


def bench(
    url: str,
    label: str,
    repeat: int,
    searches: int,
    seed: int,
    notes: list[str],
    part: str = "all",
    phone_searches: int = 100,
) -> list[Row]:
    """Time every case on one database (or, with `part` "phones", phone search alone); add
    anything found wrong on the way to `notes`."""
    engine = make_engine(url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    rows: list[Row] = []
    rng = random.Random(seed)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session).id
        total = people.count(session, workspace_id=workspace_id)
        print(f"{label}: {total} people in the local workspace", file=sys.stderr)
        rows += _phones(session, workspace_id, label, phone_searches, random.Random(seed))
    if part == "phones":
        engine.dispose()
        return rows
    with factory() as session:
        cursors = cursors_at(session, workspace_id, DEPTHS)
        for depth in DEPTHS:
            rows += _pages(session, workspace_id, label, depth, cursors[depth], repeat)
        words = prefixes(session, workspace_id, searches, rng)
        # One warm-up pass, so both sides start with the same pages in the cache.
        for word in words[:10]:
            search.search(session, workspace_id=workspace_id, query=word)
            like_baseline(session, workspace_id, word)
        for lengths, name in SEARCH_GROUPS:
            group = [w for w in words if len(w) in lengths]
            if not group:
                continue
            ours, base = Times(), Times()
            for word in group:
                a, b = alternate(
                    [
                        partial(search.search, session, workspace_id=workspace_id, query=word),
                        partial(like_baseline, session, workspace_id, word),
                    ],
                    1,
                    warmup=0,
                )
                ours += a
                base += b
            rows.append(
                Row(
                    label,
                    f"search, {len(group)} name prefixes of {name}",
                    ours,
                    base,
                    "LIKE '%prefix%', A to Z",
                )
            )
            # Checked after the timing, so neither side gets a warmed-up cache from it. Every
            # prefix starts a real name, so search should find someone for each.
            missed = sorted(
                {w for w in group if not search.search(session, workspace_id=workspace_id, query=w)}
            )
            if missed:
                notes.append(
                    f"{label}: search found nobody for {len(missed)} of the {len(set(group))} "
                    f"distinct prefixes of {name}: {', '.join(missed)}"
                )
    settings = Settings(database_url=url)
    app = create_app(settings, session_factory=factory)
    with TestClient(app, base_url="http://localhost") as client:  # a name the app answers to
        deep = cursors[DEPTHS[-1]]
        assert client.get("/people").status_code == 200
        assert client.get("/people", params={"after": deep}).status_code == 200
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
        for short, name in ((True, "1-2 letters"), (False, "3-4 letters")):
            group = [w for w in sample if (len(w) <= search.SHORT_QUERY) == short]
            if not group:
                continue
            times = Times()
            for word in group:
                once(partial(client.get, "/people", params={"q": word}), times)
            rows.append(Row(label, f"web /people?q=, {len(group)} prefixes of {name}", times))
    engine.dispose()
    return rows


def _pages(
    session: Session, workspace_id: int, label: str, depth: int, cursor: str | None, repeat: int
) -> list[Row]:
    """One depth: the service page against OFFSET, then the page query alone in three forms."""
    where = f"page {depth} (rows {(depth - 1) * PAGE + 1}-{depth * PAGE})"
    plain = select(Person).where(Person.workspace_id == workspace_id)
    order = (Person.sort_name, Person.id)

    def service_page() -> list[int]:
        page = people.list_(session, workspace_id=workspace_id, cursor=cursor, limit=PAGE)
        ids = [person.id for person in page.items]
        session.expunge_all()
        return ids

    def offset_whole() -> list[int]:
        ids = [person.id for person in offset_page(session, workspace_id, depth)]
        session.expunge_all()
        return ids

    def keyset_alone() -> list[int]:
        """The page query exactly as the service runs it, without the loaders."""
        page = keyset_page(
            session,
            plain,
            list_name="people",
            sort_column=Person.sort_name,
            id_column=Person.id,
            cursor=cursor,
            limit=PAGE,
        )
        ids = [person.id for person in page.items]
        session.expunge_all()
        return ids

    def offset_alone() -> list[int]:
        statement = plain.order_by(*order).offset((depth - 1) * PAGE).limit(PAGE)
        ids = [person.id for person in session.scalars(statement)]
        session.expunge_all()
        return ids

    former: Select[tuple[Person]] = plain
    if cursor:
        value, last_id = decode_cursor(cursor)
        former = plain.where(
            or_(Person.sort_name > value, and_(Person.sort_name == value, Person.id > last_id))
        )

    def former_alone() -> list[int]:
        """The keyset as records.keyset_page wrote it before it became a row value."""
        ids = [person.id for person in session.scalars(former.order_by(*order).limit(PAGE + 1))]
        session.expunge_all()
        return ids[:PAGE]

    expected = service_page()
    for other in (offset_whole, keyset_alone, offset_alone, former_alone):
        if other() != expected:
            raise SystemExit(f"{label} {where}: {other.__name__} returns other people")

    ours, base = alternate([service_page, offset_whole], repeat)
    rows = [Row(label, f"people {where}: people.service.list_", ours, base, "same loaders, OFFSET")]
    keyset, offset, old = alternate([keyset_alone, offset_alone, former_alone], repeat)
    rows.append(
        Row(
            label, f"people {where}: page query only, records.keyset_page", keyset, offset, "OFFSET"
        )
    )
    rows.append(
        Row(
            label,
            f"people {where}: page query only, former OR-form keyset (for contrast)",
            old,
            offset,
            "OFFSET",
        )
    )
    return rows


def render(rows: list[Row]) -> str:
    lines = [
        "| database | case | p50 | p99 | CPU p50 | baseline p50 | baseline p99 | baseline CPU p50 "
        "| baseline |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    def cells(times: Times | None) -> str:
        if times is None:
            return " | | "
        return f"{p(times.wall, 50):.2f} | {p(times.wall, 99):.2f} | {p(times.cpu, 50):.2f}"

    for row in rows:
        lines.append(
            f"| {row.backend} | {row.case} | {cells(row.ours)} | {cells(row.baseline)} "
            f"| {row.note} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a generated SQLite database")
    parser.add_argument("--postgres-url", help="a generated PostgreSQL database, too")
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per case")
    parser.add_argument("--searches", type=int, default=200, help="prefixes to search for")
    parser.add_argument(
        "--phone-searches", type=int, default=100, help="phone queries of each kind"
    )
    parser.add_argument("--part", choices=("all", "phones"), default="all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    load = os.getloadavg()
    notes: list[str] = []
    backends = [("SQLite", args.database_url)]
    if args.postgres_url:
        backends.append(("PostgreSQL", args.postgres_url))
    rows: list[Row] = []
    for label, url in backends:
        rows += bench(
            url, label, args.repeat, args.searches, args.seed, notes,
            part=args.part, phone_searches=args.phone_searches,
        )  # fmt: skip
    print(render(rows))
    for note in notes:
        print(f"\n{note}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of this process): {peak:.0f} MB")
    print(
        f"load average (1 min) at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f}, "
        f"on {os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
