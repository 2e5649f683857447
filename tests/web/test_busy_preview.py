"""The pages that preview a playbook (an opportunity's way in and rejection playbook, a
reference's briefing, a lead's notes) show while another writer holds SQLite's one write
lock (an import, the dashboard's playbook run). A preview runs the playbook and rolls it
back, and so must write: it does so in a short transaction of its own, the lock held only
for that run, and held by another past a short wait, the preview is left out with a word
on why, not the whole page refused as busy. The forms that draw such a page again with
their problems go the same way."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

import factories as f
from conftest import _admin_engine, postgres_database_url
from factories import LOCAL
from goodword import clock, migrate
from goodword.config import Settings
from goodword.db import make_engine, make_session_factory, transaction
from goodword.leads import service as leads
from goodword.leads.models import LeadShare
from goodword.leads.schemas import LeadCreate
from goodword.network import loader
from goodword.opportunities import service as opportunities
from goodword.opportunities.schemas import OpportunityUpdate
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks import launch, pass_it_on, rejection
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
    database_url: str = ""


def _page(
    tmp_path: Path, build: Callable[[Session, int], tuple[str, str]], database_url: str = ""
) -> Page:
    path = tmp_path / "busy.sqlite3"
    database_url = database_url or f"sqlite:///{path}"
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    with transaction(make_session_factory(engine)) as session:
        ws = workspaces.get_or_create(session).id
        f.person(session, ws, "Me Myself", is_me=True)
        url, preview = build(session, ws)
    engine.dispose()
    return Page(path, url, preview, database_url)


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


def _locked(path: Path) -> bool:
    """Whether someone holds the database's write lock now (asked without waiting)."""
    probe = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "database is locked" in str(exc)
        return True
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


@dataclass
class OtherWriter:
    """Another writer (the command line, say) that asks for the write lock the moment the
    page first writes, and waits for it; the page, once it draws itself, waits for this
    writer to have had the lock. What happened is noted in order, in `said`."""

    path: Path
    # The statements that are the page's first write: its preview's, where it adds a row.
    first: tuple[str, ...] = ("INSERT",)
    said: list[str] = field(default_factory=list)
    had_it: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def page_writes(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.thread is not None or not statement.lstrip().upper().startswith(self.first):
            return
        self.said.append("the page holds the lock" if _locked(self.path) else "free")
        self.thread = threading.Thread(target=self._write)
        self.thread.start()

    def _write(self) -> None:
        other = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            other.execute("BEGIN IMMEDIATE")
            self.said.append("the other writer has it")
            other.execute("ROLLBACK")
        finally:
            other.close()
            self.had_it.set()

    def page_draws(self) -> None:
        # (Only a guard against waiting for ever: a page that held the lock while it drew
        # itself would have the other writer wait until its end, after this.)
        self.had_it.wait(timeout=10)
        self.said.append("the page is drawn")


class _DrawnAfter:
    """The app's templates, calling `before` as a page is drawn."""

    def __init__(self, templates: Any, before: Callable[[], None]) -> None:
        self._templates, self._before = templates, before

    def __getattr__(self, name: str) -> Any:
        return getattr(self._templates, name)

    def TemplateResponse(self, *args: Any, **kwargs: Any) -> Any:
        self._before()
        return self._templates.TemplateResponse(*args, **kwargs)


@contextmanager
def _app(page: Page) -> Iterator[tuple[TestClient, Any]]:
    engine = make_engine(page.database_url)
    app = create_app(Settings(database_url=page.database_url), engine=engine)
    try:
        with TestClient(app, base_url=LOCAL) as client:
            yield client, app
    finally:
        engine.dispose()


@contextmanager
def _other_writer(
    app: Any, path: Path, first: tuple[str, ...] = ("INSERT",)
) -> Iterator[OtherWriter]:
    other = OtherWriter(path, first)
    engine = app.state.session_factory.kw["bind"]
    event.listen(engine, "after_cursor_execute", other.page_writes)
    app.state.templates = _DrawnAfter(app.state.templates, other.page_draws)
    try:
        yield other
    finally:
        event.remove(engine, "after_cursor_execute", other.page_writes)
        app.state.templates = app.state.templates._templates
        if other.thread is not None:
            other.thread.join()


@pytest.mark.parametrize("kind", PAGES)
def test_a_page_that_previews_holds_the_lock_only_for_its_preview(tmp_path: Path, kind: str):
    # The preview's run holds the lock; another writer asking meanwhile has it as soon as
    # the run is rolled back, while the page is still being made, not once it is sent.
    page = _page(tmp_path, PAGES[kind])
    with _app(page) as (client, app), _other_writer(app, page.path) as other:
        response = client.get(page.url)
    assert response.status_code == 200, response.text
    assert page.preview in response.text
    assert other.said == [
        "the page holds the lock",
        "the other writer has it",
        "the page is drawn",
    ]


def test_the_way_in_reads_the_network_without_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # The network's snapshot (the longest read of the page) is read before the preview
    # takes the lock, so another writer does not wait for it.
    page = _page(tmp_path, _way_in)
    held_then: list[bool] = []
    load = loader.load

    def noted(*args: Any, **kwargs: Any) -> Any:
        held_then.append(_locked(page.path))
        return load(*args, **kwargs)

    monkeypatch.setattr(loader, "load", noted)
    with _app(page) as (client, _):
        response = client.get(page.url)
    assert response.status_code == 200 and page.preview in response.text
    assert held_then == [False]


def _launch_refused(session: Session, ws: int) -> tuple[str, str]:
    # (Jo works with you: launched without saying that is all right, the launch is refused
    # and the page is drawn again with the briefing's preview.)
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
        data=ReferenceCreate(
            person_id=jo.id, consent_on=clock.today(), can_speak_to="design",
            is_current_workplace=True,
        ),
    )  # fmt: skip
    return f"/opportunities/{number}/references/launch", str(reference.id)


def _asks_to_make(session: Session, ws: int) -> tuple[str, str]:
    # (The rejection playbook ran, its tasks deleted since, its asks still to make: the
    # preview makes the tasks again, so it writes.)
    url, _ = _rejection(session, ws)
    f.opportunity(session, ws, organization_name="Globex", stage="target")
    number = int(url.rsplit("/", 1)[1])
    rejection.run(session, workspace_id=ws, opportunity_id=number, today=clock.today())
    session.execute(delete(Task))
    return url, str(number)


def _no_interviewers(session: Session, ws: int) -> tuple[str, str]:
    number = f.opportunity(session, ws, role_title="Data Analyst", stage="rejected").id
    return f"/opportunities/{number}", str(number)


@dataclass
class Form:
    """A form whose problems come back on a page that previews."""

    build: Callable[[Session, int], tuple[str, str]]
    post: Callable[[str, str], tuple[str, dict[str, str]]]
    preview: str
    status: int = 422
    # Whether its preview adds rows (one refused all the same does not).
    writes: bool = True
    # The page's first write (a preview refused all the same adds no row).
    first: tuple[str, ...] = ("INSERT",)


FORMS = {
    "a move refused": Form(
        _way_in,
        lambda url, _: (f"{url}/stage", {"stage": "bogus", "note": "", "return_to": "detail"}),
        "Read the draft to Jo Door",
    ),
    "a launch refused": Form(
        _launch_refused,
        lambda url, reference: (url, {"reference_id": reference, "stress_points": "teams"}),
        "Would you speak for me at Lumenfold Optics?",
        status=409,
        writes=False,
        first=("UPDATE",),
    ),
    "an ask marked without whom": Form(
        _asks_to_make,
        lambda _, number: (
            "/referrals/mark-asked",
            {"person_id": "", "source_opportunity_id": number},
        ),
        "You clicked with <strong>Kim Lee</strong>",
    ),
    "a rejection playbook refused": Form(
        _no_interviewers,
        lambda url, _: (f"{url}/playbooks/rejection", {"confirm_late": "1"}),
        "No interviewer is recorded for this opportunity",
        writes=False,
        first=("UPDATE",),
    ),
}


@pytest.mark.parametrize("kind", FORMS)
def test_a_form_drawn_again_holds_the_lock_only_for_its_preview(tmp_path: Path, kind: str):
    form = FORMS[kind]
    page = _page(tmp_path, form.build)
    url, data = form.post(page.url, page.preview)
    with _app(page) as (client, app), _other_writer(app, page.path, form.first) as other:
        response = client.post(url, data=data)
    assert response.status_code == form.status, response.text
    assert form.preview in response.text
    assert BUSY_PREVIEW not in response.text
    assert other.said == [
        "the page holds the lock",
        "the other writer has it",
        "the page is drawn",
    ]


@pytest.mark.parametrize("kind", FORMS)
def test_a_form_drawn_again_while_another_writer_holds_the_database(tmp_path: Path, kind: str):
    # Another writer takes the lock the moment the form's request lets it go (its refused
    # change undone): the page comes back with its problems, its preview left out, but for
    # one that writes nothing, which is read as ever.
    form = FORMS[kind]
    page = _page(tmp_path, form.build)
    url, data = form.post(page.url, page.preview)
    holder = sqlite3.connect(page.path, isolation_level=None, timeout=0, check_same_thread=False)

    def take_the_lock(_session: Session) -> None:
        if not holder.in_transaction:
            holder.execute("BEGIN IMMEDIATE")

    try:
        with _app(page) as (client, app):
            sessions = app.state.session_factory
            event.listen(sessions, "after_rollback", take_the_lock)
            try:
                response = client.post(url, data=data)
            finally:
                event.remove(sessions, "after_rollback", take_the_lock)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == form.status, response.text
    assert (BUSY_PREVIEW in response.text) is form.writes
    assert (form.preview in response.text) is not form.writes


def test_a_preview_that_writes_nothing_shows_while_another_writer_holds_the_database(
    tmp_path: Path,
):
    # (Jo never launched, nothing to stress yet: the briefing is drafted with its gap and
    # nothing made, so it needs no lock.)
    page = _page(tmp_path, _launch_refused)
    with _app(page) as (client, _), _held(page.path):
        response = client.get(f"{page.url}?reference_id={page.preview}")
    assert response.status_code == 200, response.text
    assert BUSY_PREVIEW not in response.text
    assert "Would you speak for me at Lumenfold Optics?" in response.text


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database of each backend, for an app of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'busy.sqlite3'}"
        return
    url = postgres_database_url("_preview")
    yield url
    admin = _admin_engine()
    with admin.connect() as connection:
        name = make_url(url).database
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _rows(database_url: str) -> tuple[int, int]:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        counted = (
            connection.scalar(select(func.count()).select_from(Task)) or 0,
            connection.scalar(select(func.count()).select_from(LeadShare)) or 0,
        )
    engine.dispose()
    return counted


@pytest.mark.parametrize("kind", PAGES)
def test_a_preview_shows_and_keeps_nothing_on_either_database(
    tmp_path: Path, database_url: str, kind: str
):
    page = _page(tmp_path, PAGES[kind], database_url)
    before = _rows(database_url)
    with _app(page) as (client, _):
        response = client.get(page.url)
    assert response.status_code == 200, response.text
    assert page.preview in response.text and BUSY_PREVIEW not in response.text
    assert _rows(database_url) == before
