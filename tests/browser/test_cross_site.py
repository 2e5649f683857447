"""In a real browser: a page on another site that posts a form to Goodword (as a
malicious page would, the moment it is opened) is refused, and the person stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.people import service as people
from goodword.people.schemas import PersonCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def test_a_form_another_site_posts_to_goodword_is_refused(live_server, page: Page) -> None:
    engine = make_engine(live_server.database_url)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        workspace_id = workspaces.get_or_create(session).id
        ada = people.create(
            session, workspace_id=workspace_id, data=PersonCreate(display_name="Ada Lovelace")
        )
        ada_id = ada.id
    attack = (
        f'<form method="post" action="{live_server.url}/people/{ada_id}/delete"></form>'
        "<script>document.forms[0].submit()</script>"
    )

    def evil(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body=attack)

    page.route("http://evil.example/**", evil)
    page.goto("http://evil.example/prize")
    expect(page.get_by_text("sent by another web site")).to_be_visible()

    page.goto(f"{live_server.url}/people/{ada_id}")
    expect(page.get_by_role("heading", name="Ada Lovelace", exact=True)).to_be_visible()
    # Goodword's own delete button still works.
    page.goto(f"{live_server.url}/people/{ada_id}/delete")
    page.get_by_role("button", name="Delete").click()
    expect(page).to_have_url(f"{live_server.url}/people")
    with transaction(factory) as session:
        assert people.count(session, workspace_id=workspace_id) == 0
    engine.dispose()
