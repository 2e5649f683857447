"""Shared pieces of the import, duplicates and export surface tests: fixture files, uploads,
and (for the CLI) a migrated SQLite file per test."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner, Result

from goodword import migrate
from goodword.cli import app, common
from goodword.db import make_engine
from goodword.people.models import Person

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
ARCHIVE_FILES = (
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Profile.csv",
    "Positions.csv",
    "Email Addresses.csv",
)


def upload(*names: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    """Multipart `files` fields for fixture files, as a browser sends them."""
    return [
        ("files", (name, (DATA / name).read_bytes(), "application/octet-stream")) for name in names
    ]


def linkedin_zip() -> bytes:
    """A LinkedIn data archive made of the fixture files (plus one file it does not read)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ARCHIVE_FILES:
            archive.writestr(name, (DATA / name).read_bytes())
        archive.writestr("Skills.csv", "Name\nPython\n")
    return buffer.getvalue()


def people_count(session: Session, workspace_id: int) -> int:
    session.expire_all()
    return (
        session.scalar(
            select(func.count()).select_from(Person).where(Person.workspace_id == workspace_id)
        )
        or 0
    )


@pytest.fixture
def cli_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated SQLite database the CLI uses through GOODWORD_DATABASE_URL."""
    monkeypatch.setattr(common, "data_dir", lambda: tmp_path / "data")
    for name in ("GOODWORD_HOST", "GOODWORD_PORT"):
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    monkeypatch.setenv("GOODWORD_DATABASE_URL", url)
    return url


Run = Callable[..., Result]


@pytest.fixture
def run(cli_url: str) -> Iterator[Run]:
    """Invoke `goodword ARGS...` in process against the test's database."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    yield invoke


@pytest.fixture
def files() -> Callable[..., list[tuple[str, tuple[str, bytes, str]]]]:
    """`files("a.csv", "b.vcf")` gives the multipart fields for those fixture files."""
    return upload


@pytest.fixture
def archive() -> bytes:
    return linkedin_zip()


@pytest.fixture
def count_people(session: Session, workspace) -> Callable[[], int]:
    """How many people Alice's workspace holds right now."""
    return lambda: people_count(session, workspace.id)


@pytest.fixture(autouse=True)
def _outer_transaction_really_begun(request: pytest.FixtureRequest) -> None:
    """Make SQLite's outer test transaction real before the app's session opens a savepoint.

    Python's sqlite3 driver sends BEGIN only before a data-changing statement, so a savepoint
    opened first starts a transaction of its own, and releasing it commits the test's writes
    for good. A no-op DELETE makes the driver begin the outer transaction.
    """
    if "connection" not in request.fixturenames:
        return
    connection = request.getfixturevalue("connection")
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DELETE FROM people WHERE 0 = 1")
