"""SQLite has one writer at a time: while another holds the database (a big import), a
write waits, then is refused with a message that says so, and changes nothing."""

from __future__ import annotations

import sqlite3
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
