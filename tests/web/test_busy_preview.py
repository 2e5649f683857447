"""The pages that preview a playbook (an opportunity's way in and rejection playbook, a
reference's briefing, a lead's notes) show while another writer holds SQLite's one write
lock (an import, the dashboard's playbook run). A preview plans in a savepoint, and so
must write: held past the lock's wait, it is left out with a word on why, not the whole
page refused as busy."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete
from sqlalchemy.orm import Session

import factories as f
from factories import LOCAL
from goodword import clock, migrate
from goodword.config import Settings
from goodword.db import make_engine, make_session_factory, transaction
from goodword.leads import service as leads
from goodword.leads.schemas import LeadCreate
from goodword.opportunities import service as opportunities
from goodword.opportunities.schemas import OpportunityUpdate
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks import launch, pass_it_on
from goodword.playbooks.panels import BUSY_PREVIEW
from goodword.references import service as references
from goodword.references.schemas import ReferenceCreate
from goodword.tasks.models import Task
from goodword.web import create_app
from goodword.workspaces import service as workspaces


@dataclass
class Page:
    """A page that previews, what its preview says when shown, and the database it is in."""

    path: Path
    url: str
    preview: str


def _page(tmp_path: Path, build: Callable[[Session, int], tuple[str, str]]) -> Page:
    path = tmp_path / "busy.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with transaction(make_session_factory(engine)) as session:
        ws = workspaces.get_or_create(session).id
        f.person(session, ws, "Me Myself", is_me=True)
        url, preview = build(session, ws)
    engine.dispose()
    return Page(path, url, preview)


def _way_in(session: Session, ws: int) -> tuple[str, str]:
    door = f.person(session, ws, "Jo Door")
    people.add_position(
        session, workspace_id=ws, person_id=door.id,
        data=PositionCreate(organization_name="Initech", title="Account Manager"),
    )  # fmt: skip
    number = f.opportunity(session, ws, organization_name="Initech", role_title="Data Analyst").id
    return f"/opportunities/{number}", "Read the draft to Jo Door"


def _rejection(session: Session, ws: int) -> tuple[str, str]:
    # (Someone clicked with: the preview adds their thank-you task, so it writes.)
    kim = f.person(session, ws, "Kim Lee")
    number = f.opportunity(session, ws, role_title="Data Analyst", stage="rejected").id
    f.interaction(
        session, ws, kind="interview", opportunity_id=number, interview_round=2,
        participants=[{"person_id": kim.id, "rapport": "clicked"}],
    )  # fmt: skip
    return f"/opportunities/{number}", "You clicked with <strong>Kim Lee</strong>"


def _briefing(session: Session, ws: int) -> tuple[str, str]:
    # (Launched before, its tasks deleted since: the preview makes them again, so it writes.)
    boss = f.person(session, ws, "Morgan Reyes")
    number = f.opportunity(session, ws, organization_name="Lumenfold Optics", role_title="PM").id
    opportunities.update(
        session, workspace_id=ws, opportunity_id=number,
        data=OpportunityUpdate(
            organization_name="Lumenfold Optics", role_title="PM", hiring_manager_id=boss.id
        ),
    )  # fmt: skip
    jo = f.person(session, ws, "Jo Boss")
    reference = references.create(
        session, workspace_id=ws,
        data=ReferenceCreate(person_id=jo.id, consent_on=clock.today(), can_speak_to="design"),
    )  # fmt: skip
    launch.launch(
        session, workspace_id=ws, reference_id=reference.id, opportunity_id=number,
        today=clock.today(), stress_points="small teams",
    )  # fmt: skip
    session.execute(delete(Task))
    url = f"/opportunities/{number}/references/launch?reference_id={reference.id}"
    return url, "Would you speak for me at Lumenfold Optics?"


def _lead(session: Session, ws: int) -> tuple[str, str]:
    # (Passed on to Pia; Ravi fits it too, added since: the preview suggests him, so it writes.)
    f.person(session, ws, "Pia Novak", interests=["pricing"])
    lead = leads.create(
        session, workspace_id=ws,
        data=LeadCreate(kind="article", title="On pricing", tags=["pricing"]),
    )  # fmt: skip
    pass_it_on.run(session, workspace_id=ws, lead_id=lead.id, today=clock.today())
    f.person(session, ws, "Ravi Shah", interests=["pricing"])
    return f"/leads/{lead.id}", "Thought of you: On pricing"


PAGES = {"way in": _way_in, "rejection": _rejection, "briefing": _briefing, "lead": _lead}


@contextmanager
def _held(path: Path) -> Iterator[None]:
    """Another writer holds the database, as a running import does."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("kind", PAGES)
def test_a_page_that_previews_shows_while_another_writer_holds_the_database(
    tmp_path: Path, kind: str
):
    page = _page(tmp_path, PAGES[kind])
    app = create_app(Settings(database_url=f"sqlite:///{page.path}"))
    with TestClient(app, base_url=LOCAL) as client:
        with _held(page.path):
            busy = client.get(page.url)
        assert busy.status_code == 200, busy.text
        assert BUSY_PREVIEW in busy.text

        again = client.get(page.url)
        assert again.status_code == 200 and BUSY_PREVIEW not in again.text
        assert page.preview in again.text
