"""People, organizations, opportunities, interactions and tasks lists page back as well as
forward: the first page, the page before, by the same keyset seek (no OFFSET)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import factories as f
from goodword.config import Settings
from goodword.people import service as people
from goodword.workspaces.models import Workspace

SIZE = 5


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}", page_size=SIZE)


@contextmanager
def skipped_rows(connection: Connection) -> Iterator[list[Any]]:
    """The OFFSET of every query sent (SQLite writes one with every LIMIT, most often 0)."""
    sent: list[Any] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if "OFFSET" in statement.upper():
            sent.append(parameters[-1] if isinstance(parameters, tuple | list) else parameters)

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(connection, "before_cursor_execute", record)


def _links(page: str) -> dict[str, str]:
    nav = re.search(r'<nav class="pager".*?</nav>', page, re.S)
    if not nav:
        return {}
    return {
        text: html.unescape(href)
        for href, text in re.findall(r'<a (?:rel="\w+" )?href="([^"]*)">([^<]*)</a>', nav.group(0))
    }


def _names(page: str, kind: str) -> list[str]:
    """The records a list page shows, in order (by their numbers)."""
    main = page[page.index("<main") :]
    return list(dict.fromkeys(re.findall(rf'href="/{kind}/(\d+)"', main)))


@pytest.mark.parametrize("kind", ["people", "organizations", "opportunities", "interactions"])
def test_a_list_pages_forward_then_back_to_the_same_pages(
    client: TestClient, session: Session, workspace: Workspace, connection: Connection, kind: str
) -> None:
    for n in range(13):
        if kind == "people":
            f.person(session, workspace.id, f"Person {n:02d}")
        elif kind == "organizations":
            f.organization(session, workspace.id, f"Org {n:02d}")
        elif kind == "opportunities":
            f.opportunity(session, workspace.id, role_title=f"Role {n:02d}")
        else:
            f.interaction(session, workspace.id, summary=f"Talk {n:02d}")
    first = client.get(f"/{kind}").text
    assert "Previous page" not in first and "First page" not in first
    pages = [_names(first, kind)]
    url = _links(first)["Next page →"]
    seen = first
    while True:
        seen = client.get(url).text
        pages.append(_names(seen, kind))
        if "Next page →" not in _links(seen):
            break
        url = _links(seen)["Next page →"]
    assert [len(p) for p in pages] == [5, 5, 3]
    assert _links(seen)["First page"] == f"/{kind}"

    back = [pages[-1]]
    with skipped_rows(connection) as skipped:
        while "← Previous page" in _links(seen):
            seen = client.get(_links(seen)["← Previous page"]).text
            back.append(_names(seen, kind))
    assert back[::-1] == pages
    # Back at the first page, nothing is before it.
    assert "First page" not in seen and "← Previous page" not in seen
    assert all(n == 0 for n in skipped)


def test_a_search_pages_back(client: TestClient, session: Session, workspace: Workspace) -> None:
    for n in range(120):
        f.person(session, workspace.id, f"Ada Number {n:03d}")
    first = client.get("/people", params={"q": "Ada"}).text
    second = client.get(_links(first)["Next page →"]).text
    assert _links(second)["← Previous page"] == "/people?q=Ada"
    third = client.get(_links(second)["Next page →"]).text
    assert _links(third)["First page"] == "/people?q=Ada"
    back = client.get(_links(third)["← Previous page"]).text
    assert _names(back, "people") == _names(second, "people")


def test_the_task_list_pages_back_by_the_same_seek(
    client: TestClient, session: Session, workspace: Workspace, connection: Connection
) -> None:
    # Undated tasks come last: pages cross from dated to undated ones and back.
    for n in range(205):
        due = date(2027, 1, 1) + timedelta(n) if n < 150 else None
        f.task(session, workspace.id, f"Task {n:03d}", due_date=due)
    first = client.get("/tasks").text
    assert "Previous page" not in first
    pages = [_names(first, "tasks")]
    with skipped_rows(connection) as skipped:
        second = client.get(_links(first)["Next page →"]).text
        third = client.get(_links(second)["Next page →"]).text
        pages += [_names(second, "tasks"), _names(third, "tasks")]
        assert "Task 200" in third and "Next page →" not in _links(third)
        assert _links(third)["First page"] == "/tasks?status=open"
        back = client.get(_links(third)["← Previous page"]).text
        assert "Task 100" in back and "Task 199" in back and "Task 099" not in back
        assert _names(back, "tasks") == pages[1]
        again = client.get(_links(back)["← Previous page"]).text
    assert [len(p) for p in pages] == [100, 100, 5]
    assert _names(again, "tasks") == pages[0]
    assert "Previous page" not in again
    # Each page sought by its neighbour's task, none by counting past the ones before.
    assert all(n == 0 for n in skipped)


def test_paging_back_from_a_damaged_link_is_a_clear_error(client: TestClient) -> None:
    response = client.get("/people?before=not-a-cursor")
    assert response.status_code == 422
    assert "That page link is damaged" in response.text


def test_the_services_page_back_at_any_depth(session: Session, workspace: Workspace) -> None:
    for n in range(7):
        f.person(session, workspace.id, f"Person {n}")
    page = people.list_(session, workspace_id=workspace.id, limit=3)
    later = people.list_(session, workspace_id=workspace.id, limit=3, cursor=page.next_cursor)
    assert later.prev_cursor
    again = people.list_(session, workspace_id=workspace.id, limit=3, before=later.prev_cursor)
    assert [p.id for p in again.items] == [p.id for p in page.items]
    assert again.prev_cursor is None and again.next_cursor == page.next_cursor
