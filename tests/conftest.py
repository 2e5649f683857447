"""Shared fixtures: every database test runs on real SQLite and real PostgreSQL.

Each test runs inside one transaction that is rolled back at the end; code under test that
commits only releases a savepoint (join_transaction_mode="create_savepoint").

PostgreSQL comes from GOODWORD_TEST_POSTGRES_URL (an admin URL; `.ci/run` starts a throwaway
cluster with `scripts/pg-cluster start`). Without it, PostgreSQL runs are skipped locally and
fail in CI, so they can never be skipped silently there.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from factories import LOCAL
from goodword import migrate
from goodword.config import Settings
from goodword.db import make_engine
from goodword.people.normalize import reversed_digits
from goodword.web import create_app
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

# Property tests: no per-example deadline (a busy CI machine is slow, not wrong), and in CI
# the same examples every run, so a red build always reproduces.
hypothesis.settings.register_profile(
    "goodword",
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
hypothesis.settings.load_profile("goodword")

POSTGRES_URL = os.environ.get("GOODWORD_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may talk to this machine only (the test database, a local server)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise OSError(f"tests may not reach the network (tried {address!r})")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _admin_engine() -> Engine:
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def postgres_database_url(suffix: str = "") -> str:
    """Create (fresh) this process's test database on the test cluster and return its URL."""
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail(
                "GOODWORD_TEST_POSTGRES_URL is not set in CI; .ci/run must start PostgreSQL"
            )
        pytest.skip("PostgreSQL not configured locally (set GOODWORD_TEST_POSTGRES_URL)")
    admin = create_engine(
        make_url(POSTGRES_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    # One database per test process, so parallel runs never share or drop each other's.
    name = f"goodword_test_{_worker()}_{os.getpid()}{suffix}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return (
        make_url(POSTGRES_URL)
        .set(drivername="postgresql+psycopg", database=name)
        .render_as_string(hide_password=False)
    )


def _make_backend(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        url = f"sqlite:///{path}"
    else:
        url = postgres_database_url()
    engine = make_engine(url)
    migrate.upgrade(engine)
    return engine


@pytest.fixture(scope="session", params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated database of each backend, made once per test run (per worker)."""
    engine = _make_backend(request.param, tmp_path_factory)
    yield engine
    engine.dispose()
    if engine.dialect.name == "postgresql":
        admin = _admin_engine()
        with admin.connect() as connection:
            connection.execute(
                text(f'DROP DATABASE IF EXISTS "{engine.url.database}" WITH (FORCE)')
            )
        admin.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        _every_phone_keeps_its_digits(connection)
        outer.rollback()


def _every_phone_keeps_its_digits(connection: Connection) -> None:
    """After each test: every phone number it wrote, by whatever path (the people service,
    an import, a restore, a merge undone, the demo), keeps its digits reversed for search,
    as `normalize.reversed_digits` works them out."""
    raw = connection.connection.dbapi_connection
    status = getattr(getattr(raw, "info", None), "transaction_status", None)
    if status is not None and status.name == "INERROR":
        return  # (a PostgreSQL error ended the test's transaction: nothing more to read)
    rows = connection.execute(text("SELECT number, reversed_digits FROM person_phones")).all()
    wrong = [(number, kept) for number, kept in rows if kept != reversed_digits(number)]
    assert wrong == [], f"phone numbers written without their reversed digits: {wrong[:5]}"


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    return sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    session = session_factory()
    yield session
    if session.is_active:  # (what it wrote, before closing it takes back what it did not commit)
        _every_phone_keeps_its_digits(session.connection())
    session.close()


@pytest.fixture
def workspace(session: Session) -> Workspace:
    """Alice's workspace: the local one, where the tests' data lives."""
    return workspaces.get_or_create(session)


@pytest.fixture
def other_workspace(session: Session) -> Workspace:
    """Charlie's workspace: must never see anything of Alice's."""
    return workspaces.get_or_create(session, slug="charlie", name="Charlie's search")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}")


@pytest.fixture
def app(settings: Settings, session_factory: sessionmaker[Session]) -> FastAPI:
    return create_app(settings, session_factory=session_factory)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL) as client:
        yield client


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty (unmigrated) database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    url = postgres_database_url("_empty")
    yield url
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()
