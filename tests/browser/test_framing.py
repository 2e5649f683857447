"""In a real browser: another site cannot show Goodword's pages in a frame (where a click
on its decoy would land on a Goodword button), and the API's explorer still works."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.people import service as people
from goodword.people.schemas import PersonCreate
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


@pytest.fixture
def decoy_site() -> Iterator[tuple[str, dict[str, str]]]:
    """A real web server on this machine, at another origin (localhost, not 127.0.0.1),
    serving whatever page the test sets: a browser treats it as the attacker's site. (A
    page the browser is handed by the test instead counts as the internet, and Chromium
    then blocks any frame of this machine whatever Goodword says.)"""
    content = {"page": ""}

    class Decoy(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = content["page"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Decoy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}", content
    server.shutdown()
    server.server_close()


def test_another_site_cannot_frame_a_goodword_page(live_server, page: Page, decoy_site) -> None:
    engine = make_engine(live_server.database_url)
    with transaction(make_session_factory(engine)) as session:
        workspace_id = workspaces.get_or_create(session).id
        ada = people.create(
            session, workspace_id=workspace_id, data=PersonCreate(display_name="Ada Lovelace")
        )
        ada_id = ada.id
    engine.dispose()
    address, content = decoy_site
    delete_page = f"{live_server.url}/people/{ada_id}/delete"
    content["page"] = (
        "<p>Win a prize! Click the button</p>"
        f'<iframe src="{delete_page}" width="800" height="600"></iframe>'
    )
    failed: list[tuple[str, str | None]] = []
    page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))

    page.goto(f"{address}/prize")  # (waits for the frame to load, or to fail to)

    expect(page.get_by_text("Win a prize!")).to_be_visible()
    [frame] = [f for f in page.frames if f != page.main_frame]
    # The browser fetched the page, read its answer and refused to show it in the frame.
    assert frame.url != delete_page
    assert failed == [(delete_page, "net::ERR_BLOCKED_BY_RESPONSE")]
    expect(page.frame_locator("iframe").get_by_role("button")).to_have_count(0)
    page.goto(delete_page)
    expect(page.get_by_role("button", name="Delete Ada Lovelace")).to_be_visible()


def test_the_api_explorer_still_loads(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/api/v1/docs")
    # Swagger UI builds the list from the API's document (slowly on a busy machine).
    paths = page.locator(".opblock-summary-path")
    expect(paths.first).to_be_visible(timeout=60_000)
    assert "/api/v1/people" in paths.all_inner_texts()
