"""SQLite has one writer at a time: while another holds the database (a big import), a
write waits, then is refused with a message that says so, and changes nothing."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient

from factories import LOCAL
from goodword import migrate
from goodword.config import Settings
from goodword.db import make_engine
from goodword.web import create_app


def test_a_write_while_another_writer_holds_the_database_is_refused_as_busy(tmp_path: Path):
    path = tmp_path / "busy.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    app = create_app(Settings(database_url=f"sqlite:///{path}"))
    with TestClient(app, base_url=LOCAL) as client:
        assert client.post("/api/v1/people", json={"display_name": "Ada"}).status_code == 201
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # what a running import holds
        try:
            response = client.post("/api/v1/people", json={"display_name": "Grace"})
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        error = response.json()["error"]
        assert error["code"] == "busy"
        assert "nothing was changed" in error["message"]
        names = [p["display_name"] for p in client.get("/api/v1/people").json()["items"]]
        assert names == ["Ada"]


def test_a_write_waits_for_another_writer_that_finishes_meanwhile(tmp_path: Path):
    # Two clicks at once: the first holds the database a moment and commits. The second
    # waits for it before it reads anything, and is saved; had it read first, SQLite would
    # have refused its write at once as out of date, however long it could wait.
    path = tmp_path / "two.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    app = create_app(Settings(database_url=f"sqlite:///{path}"))
    with TestClient(app, base_url=LOCAL) as client:
        assert client.post("/api/v1/people", json={"display_name": "Ada"}).status_code == 201
        holding = threading.Event()

        def other_writer() -> None:
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            holding.set()
            time.sleep(0.5)
            holder.execute("UPDATE people SET location = 'Paris'")
            holder.execute("COMMIT")
            holder.close()

        thread = threading.Thread(target=other_writer)
        thread.start()
        holding.wait()
        response = client.post("/api/v1/people", json={"display_name": "Grace"})
        thread.join()
        assert response.status_code == 201, response.text
        people = client.get("/api/v1/people").json()["items"]
        assert sorted((p["display_name"], p["location"]) for p in people) == [
            ("Ada", "Paris"),
            ("Grace", None),
        ]


def test_an_import_while_another_holds_the_database_is_told_so_at_once(tmp_path: Path):
    # A big import from the page runs in the background and holds the database: an import
    # through the API is told at once that one runs (409), not kept waiting to hear "busy".
    path = tmp_path / "import.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    app = create_app(Settings(database_url=f"sqlite:///{path}"))
    with TestClient(app, base_url=LOCAL) as client:
        running = app.state.import_jobs.claim(1, dry_run=False)  # (a new database's one)
        assert running is not None
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # what the running import holds
        try:
            response = client.post(
                "/api/v1/imports",
                files=[("files", ("c.csv", b"First Name,Last Name\nAda,Lovelace\n", "text/csv"))],
            )
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        # (Had it waited for the database first, it would have been told "busy": 503.)
        assert response.status_code == 409
