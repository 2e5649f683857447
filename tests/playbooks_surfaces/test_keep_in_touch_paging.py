"""The due list a page at a time: after a LinkedIn import thousands of people can be due."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.people.models import Person
from goodword.playbooks import views
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


@pytest.fixture
def due_people(session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch):
    """Five people met at events due, with three to a page; the list's order is theirs."""
    monkeypatch.setattr(views, "DUE_PAGE_SIZE", 3)
    me = f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    due = []
    for n, name in enumerate(["Ana Ruiz", "Ben Okafor", "Cleo Varga", "Dev Rao", "Eli Stone"]):
        person = f.person(session, workspace.id, name, given_name=name.split()[0])
        f.connection(session, workspace.id, me, person, kind="met_at_event",
                     since=date(2024, 1, 1 + n))  # fmt: skip
        due.append(person)
    return due


def _rows(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr id="due-(\d+)"', html)]


def _next(html: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_due_list_shows_a_page_at_a_time_with_a_link_to_the_next(
    client: TestClient, due_people: list[Person]
):
    first = client.get("/keep-in-touch")
    assert first.status_code == 200
    assert _rows(first.text) == [p.id for p in due_people[:3]]
    assert "1\u20133 of 5 people due" in first.text
    link = _next(first.text)
    assert link is not None and link.startswith("/keep-in-touch?after=")

    second = client.get(link)
    assert second.status_code == 200
    assert _rows(second.text) == [p.id for p in due_people[3:]]
    assert "4\u20135 of 5 people due" in second.text
    assert _next(second.text) is None
    assert 'href="/keep-in-touch"' in second.text  # back to the first page


def test_notes_are_drafted_only_for_the_people_on_the_page(
    client: TestClient, due_people: list[Person]
):
    page = client.get("/keep-in-touch").text
    drafted = set(re.findall(r'id="draft-kit-(\d+)"', page))
    assert drafted == {str(p.id) for p in due_people[:3]}


def test_the_next_page_link_is_followed_in_place_with_htmx(
    client: TestClient, due_people: list[Person]
):
    link = _next(client.get("/keep-in-touch").text)
    assert link is not None
    fragment = client.get(link, headers=HTMX)
    assert fragment.status_code == 200
    assert fragment.headers["Vary"] == "HX-Request"
    assert fragment.text.lstrip().startswith('<div id="due">')
    assert "<html" not in fragment.text
    assert _rows(fragment.text) == [p.id for p in due_people[3:]]
    # htmx restoring the page after Back, its cache missed, gets the whole page.
    restored = client.get(link, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in restored.text


def test_logging_contact_with_someone_shown_skips_no_one_on_the_next_page(
    client: TestClient, session: Session, workspace: Workspace, due_people: list[Person]
):
    link = _next(client.get("/keep-in-touch").text)
    assert link is not None
    f.interaction(
        session,
        workspace.id,
        kind="call",
        occurred_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        participants=[{"person_id": due_people[0].id}],
    )
    assert _rows(client.get(link).text) == [p.id for p in due_people[3:]]


def test_a_damaged_page_link_is_refused_with_the_way_back(
    client: TestClient, due_people: list[Person]
):
    for damaged in ("nonsense", "WzEsMiwzXQ"):  # not a cursor; a cursor of the wrong shape
        page = client.get(f"/keep-in-touch?after={damaged}")
        assert page.status_code == 422
        assert "start again from the first page of Keep in touch" in page.text


def test_the_due_list_pages_back_to_the_same_pages(
    client: TestClient, due_people: list[Person], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(views, "DUE_PAGE_SIZE", 2)
    page = client.get("/keep-in-touch").text
    assert "Previous page" not in page
    pages = [_rows(page)]
    while link := _next(page):
        page = client.get(link).text
        pages.append(_rows(page))
    assert pages == [[p.id for p in due_people[i : i + 2]] for i in (0, 2, 4)]

    back = [pages[-1]]
    while found := re.search(r'<a rel="prev" href="([^"]+)"', page):
        link = found.group(1).replace("&amp;", "&")
        assert link.startswith("/keep-in-touch?before=")
        # The link is followed in place with htmx too; its page is the same.
        fragment = client.get(link, headers=HTMX).text
        page = client.get(link).text
        assert _rows(fragment) == _rows(page)
        back.append(_rows(page))
    assert back[::-1] == pages
    assert "Previous page" not in page and "First page" not in page
