"""A person's connections: the closest on their page, all of them a page at a time."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.people import views
from goodword.people.models import Person
from goodword.workspaces.models import Workspace


@pytest.fixture
def me_and_five(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> tuple[Person, list[Person]]:
    """You with five connections, closest first (the last two with no closeness given)."""
    monkeypatch.setattr(views, "CONNECTIONS_SHOWN", 2)
    monkeypatch.setattr(views, "CONNECTIONS_PAGE_SIZE", 2)
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    others = []
    for name, closeness in [
        ("Ben Okafor", 3),
        ("Ana Ruiz", 5),
        ("Cleo Varga", None),
        ("Dev Rao", 1),
        ("Eli Stone", None),
    ]:
        other = f.person(session, workspace.id, name)
        f.connection(session, workspace.id, me, other, kind="linkedin", closeness=closeness)
        others.append(other)
    ben, ana, cleo, dev, eli = others
    return me, [ana, ben, dev, cleo, eli]


def _listed(html: str) -> list[int]:
    section = html.split('id="connections"', 1)[1]
    return [
        int(n) for n in re.findall(r'<li class="connection">\s*<a href="/people/(\d+)"', section)
    ]


def test_a_person_page_lists_the_closest_connections_and_links_to_all(
    client: TestClient, me_and_five: tuple[Person, list[Person]]
):
    me, closest_first = me_and_five
    page = client.get(f"/people/{me.id}")
    assert page.status_code == 200
    assert _listed(page.text) == [p.id for p in closest_first[:2]]
    assert "The 2 closest of 5 connections." in page.text
    assert f'href="/people/{me.id}/connections">See all 5</a>' in page.text


def test_every_connection_is_listed_a_page_at_a_time(
    client: TestClient, me_and_five: tuple[Person, list[Person]]
):
    me, closest_first = me_and_five
    seen: list[int] = []
    url: str | None = f"/people/{me.id}/connections"
    while url:
        page = client.get(url)
        assert page.status_code == 200
        assert "5 connections, closest first." in page.text
        seen += _listed(page.text)
        found = re.search(r'<a rel="next" href="([^"]+)"', page.text)
        url = found.group(1) if found else None
    assert seen == [p.id for p in closest_first]


def test_a_damaged_connections_page_link_is_refused(
    client: TestClient, me_and_five: tuple[Person, list[Person]]
):
    me, _ = me_and_five
    page = client.get(f"/people/{me.id}/connections?after=WzFd")
    assert page.status_code == 422
    assert "start again from the first page of Sam Carter&#39;s connections" in page.text


def test_another_workspace_s_connections_are_not_found(
    client: TestClient, session: Session, other_workspace: Workspace
):
    charlie = f.person(session, other_workspace.id, "Charlie Secret")
    assert client.get(f"/people/{charlie.id}/connections").status_code == 404


def test_the_connections_page_back_to_the_same_pages(
    client: TestClient, me_and_five: tuple[Person, list[Person]]
):
    me, closest_first = me_and_five
    first = client.get(f"/people/{me.id}/connections").text
    assert "Previous page" not in first and "First page" not in first
    pages, page = [_listed(first)], first
    while found := re.search(r'<a rel="next" href="([^"]+)"', page):
        page = client.get(html.unescape(found.group(1))).text
        pages.append(_listed(page))
    assert pages == [[p.id for p in closest_first[i : i + 2]] for i in (0, 2, 4)]
    assert f'<a href="/people/{me.id}/connections">First page</a>' in page

    back = [pages[-1]]
    while found := re.search(r'<a rel="prev" href="([^"]+)"', page):
        page = client.get(html.unescape(found.group(1))).text
        back.append(_listed(page))
    assert back[::-1] == pages
    assert "Previous page" not in page and "Next page" in page
