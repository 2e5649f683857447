"""An opportunity's page shows while another writer holds SQLite's one write lock (an
import, the dashboard's playbook run): its way-in preview, which plans in a savepoint and
so must write, is left out with a word on why, not the whole page refused as busy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

import factories as f
from factories import LOCAL
from goodword import migrate
from goodword.config import Settings
from goodword.db import make_engine, make_session_factory, transaction
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks.panels import BUSY_PREVIEW
from goodword.web import create_app
from goodword.workspaces import service as workspaces


def test_an_opportunity_page_shows_while_another_writer_holds_the_database(tmp_path: Path):
    path = tmp_path / "busy.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with transaction(make_session_factory(engine)) as session:
        ws = workspaces.get_or_create(session).id
        f.person(session, ws, "Me Myself", is_me=True)
        door = f.person(session, ws, "Jo Door")
        people.add_position(
            session, workspace_id=ws, person_id=door.id,
            data=PositionCreate(organization_name="Initech", title="Account Manager"),
        )  # fmt: skip
        number = f.opportunity(
            session, ws, organization_name="Initech", role_title="Data Analyst"
        ).id
    engine.dispose()
    app = create_app(Settings(database_url=f"sqlite:///{path}"))
    with TestClient(app, base_url=LOCAL) as client:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # what a running import holds
        try:
            page = client.get(f"/opportunities/{number}")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert page.status_code == 200
        assert "Data Analyst" in page.text
        assert BUSY_PREVIEW in page.text and "Read the draft to Jo Door" not in page.text

        again = client.get(f"/opportunities/{number}")
        assert again.status_code == 200 and BUSY_PREVIEW not in again.text
        assert "Read the draft to Jo Door" in again.text
