"""The benchmark generator at a tiny size: valid rows, skewed degrees, listable and searchable."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.models import Connection, ConnectionKind
from goodword.connections.schemas import ConnectionCreate
from goodword.db import make_engine
from goodword.organizations.models import Organization
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import Person, PersonPhone, Position
from goodword.people.normalize import reversed_digits
from goodword.people.schemas import PersonCreate
from goodword.search import service as search
from goodword.workspaces import service as workspaces

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
PEOPLE, CONNECTIONS = 300, 2_000


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _load_benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", GENERATOR.parent / name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generator = _load_generator()
lists = _load_benchmark("bench_lists.py")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend that the generator may fill and commit to."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bench.sqlite3'}"
        return
    admin_url = os.environ.get("GOODWORD_TEST_POSTGRES_URL")
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail("GOODWORD_TEST_POSTGRES_URL is not set in CI")
        pytest.skip("PostgreSQL not configured locally (set GOODWORD_TEST_POSTGRES_URL)")
    url = make_url(admin_url).set(drivername="postgresql+psycopg")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"goodword_bench_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def generated(database_url: str) -> Iterator[tuple[Session, Any]]:
    report = generator.generate(
        database_url, people=PEOPLE, connections=CONNECTIONS, seed=3, batch=128
    )
    engine = make_engine(database_url)
    with Session(engine) as session:
        yield session, report
    engine.dispose()


def test_it_writes_the_asked_for_numbers_of_records(generated: tuple[Session, Any]) -> None:
    session, report = generated
    ws = report.workspace_id
    assert people.count(session, workspace_id=ws) == PEOPLE
    assert _count(session, Connection, ws) == CONNECTIONS
    assert _count(session, Organization, ws) == PEOPLE // 50
    assert _count(session, Position, ws) == report.positions
    assert people.get_me(session, workspace_id=ws) is not None


def test_connections_have_a_skewed_degree_distribution(generated: tuple[Session, Any]) -> None:
    session, report = generated
    rows = session.execute(select(Connection.person_a_id, Connection.person_b_id)).all()
    degree = Counter(pid for row in rows for pid in row)
    mean = 2 * len(rows) / PEOPLE
    assert max(degree.values()) >= 4 * mean
    assert max(degree.values()) == report.max_degree
    pairs = [frozenset(row) for row in rows]
    assert all(len(pair) == 2 for pair in pairs)
    assert len(set(pairs)) == len(pairs)


def test_the_generated_people_are_listable_in_order(generated: tuple[Session, Any]) -> None:
    session, report = generated
    ws = report.workspace_id
    seen: list[Person] = []
    cursor = None
    while True:
        page = people.list_(session, workspace_id=ws, cursor=cursor, limit=40)
        seen += page.items
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len({p.id for p in seen}) == PEOPLE
    keys = [(p.sort_name, p.id) for p in seen]
    assert keys == sorted(keys)
    assert all(p.emails and p.positions for p in seen)


def test_the_generated_people_are_searchable(generated: tuple[Session, Any]) -> None:
    session, report = generated
    ws = report.workspace_id
    person = session.scalars(select(Person).where(Person.workspace_id == ws).limit(1)).one()
    prefix = (person.family_name or person.display_name)[:3]
    hits = search.search(
        session,
        workspace_id=ws,
        query=f"{person.given_name} {prefix}",
        kinds=("person",),
        limit=200,
    )
    assert person.id in {h.record_id for h in hits}
    organization = session.scalars(select(Organization).limit(1)).one()
    org_hits = search.search(
        session, workspace_id=ws, query=organization.name, kinds=("organization",)
    )
    assert ("organization", organization.id) in {(h.kind, h.record_id) for h in org_hits}


def test_the_generated_phone_numbers_are_found_by_their_last_digits(
    generated: tuple[Session, Any], database_url: str
) -> None:
    """Most people have a number, some kept as written, each with its reversed digits; the
    lists benchmark's phone lookups, the indexed one and the former LIKE scan, agree."""
    session, report = generated
    rows = session.execute(select(PersonPhone.number, PersonPhone.reversed_digits)).all()
    assert PEOPLE // 2 < len(rows) < PEOPLE
    assert all(kept == reversed_digits(number) for number, kept in rows)
    assert any(not number.startswith("+") for number, _kept in rows)
    number, _kept = rows[0]
    ending = normalize.written_digits(number)[0][-7:]
    hits = search.search(session, workspace_id=report.workspace_id, query=ending)
    owner = session.scalars(select(PersonPhone.person_id).where(PersonPhone.number == number))
    assert set(owner) <= {hit.record_id for hit in hits}
    # (It stops at a query the two lookups answer with other people.)
    found = lists.bench(database_url, "db", 1, 1, 5, [], part="phones", phone_searches=5)
    assert [row.case.split(": ")[1] for row in found] == list(lists.PHONE_GROUPS)


def test_the_services_keep_working_on_generated_data(generated: tuple[Session, Any]) -> None:
    """New records get fresh ids after the bulk load (PostgreSQL's sequences were moved on)."""
    session, report = generated
    ws = report.workspace_id
    newcomer = people.create(session, workspace_id=ws, data=PersonCreate(display_name="Zed Ortiz"))
    first = session.scalars(select(Person.id).where(Person.workspace_id == ws).limit(1)).one()
    tie = connections.create(
        session,
        workspace_id=ws,
        data=ConnectionCreate(
            person_a_id=newcomer.id, person_b_id=first, kind=ConnectionKind.FRIEND
        ),
    )
    session.flush()
    assert newcomer.id > PEOPLE and tie.id > CONNECTIONS
    assert people.count(session, workspace_id=ws) == PEOPLE + 1
    session.rollback()


def test_the_same_seed_generates_the_same_network(tmp_path: Path) -> None:
    def snapshot(path: Path) -> tuple[list[str], list[tuple[int, int, str]]]:
        generator.generate(f"sqlite:///{path}", people=120, connections=500, seed=11)
        engine = make_engine(f"sqlite:///{path}")
        with Session(engine) as session:
            names = list(session.scalars(select(Person.display_name).order_by(Person.id)))
            ties = [
                (a, b, kind.value)
                for a, b, kind in session.execute(
                    select(
                        Connection.person_a_id, Connection.person_b_id, Connection.kind
                    ).order_by(Connection.id)
                )
            ]
        engine.dispose()
        return names, ties

    assert snapshot(tmp_path / "one.sqlite3") == snapshot(tmp_path / "two.sqlite3")


def test_it_refuses_a_workspace_that_already_has_people(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'used.sqlite3'}"
    generator.generate(url, people=60, connections=100, seed=1)
    with pytest.raises(SystemExit, match="already has 60 people"):
        generator.generate(url, people=60, connections=100, seed=1)
    engine = make_engine(url)
    with Session(engine) as session:
        local = workspaces.get_or_create(session)
        assert people.count(session, workspace_id=local.id) == 60
    engine.dispose()


def _count(session: Session, model: Any, workspace_id: int) -> int:
    statement = select(func.count()).select_from(model).where(model.workspace_id == workspace_id)
    return session.scalar(statement) or 0
