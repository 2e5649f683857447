"""After a redirect to a part of a page (`/people/7#positions`), the page itself shows the
message under the part's heading: without JavaScript too, as the browser jumps there."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.pages import flash_under_heading
from goodword.workspaces.models import Workspace

FLASH = re.compile(r'<p class="flash[^"]*"[^>]*data-flash>([^<]*)</p>')


def test_the_message_is_under_the_heading_of_the_part_redirected_to(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = f.person(session, workspace.id, "Bob Brown")
    f.organization(session, workspace.id, "Initech")  # (one there is: no word of a new one)
    session.commit()
    page = client.post(f"/people/{bob.id}/positions", data={"organization_name": "Initech"}).text

    heading = page.index('<h2 id="positions-heading">Positions</h2>')
    message = FLASH.search(page)
    assert message and message.group(1) == "Added the position at Initech."
    # Straight after the heading, and said once.
    assert message.start() == heading + len('<h2 id="positions-heading">Positions</h2>')
    assert len(FLASH.findall(page)) == 1


def test_a_redirect_to_no_part_leaves_the_message_at_the_top(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = f.person(session, workspace.id, "Bob Brown")
    session.commit()
    client.post(f"/people/{bob.id}/positions", data={"organization_name": "Initech"})
    page = client.post(f"/people/{bob.id}", data={"display_name": "Robert Brown"}).text

    message = FLASH.search(page)
    assert message and message.start() < page.index("<h1")
    assert "goodword_flash_part" not in client.cookies


def test_a_part_with_no_heading_has_the_message_first_and_an_unknown_part_leaves_it() -> None:
    page = (
        '<main>\n    <p class="flash" role="status" tabindex="-1" data-flash>Saved.</p>\n'
        '<h1>Ada</h1><div id="notes"><p>Notes<br>more</p><section><h2>Inner</h2></section>'
        "</div><section id='tasks'><p>Intro</p><h3>Tasks</h3></section></main>"
    )
    moved = flash_under_heading(page, "notes")
    assert moved.index("data-flash") > moved.index('id="notes"')
    assert moved.index("data-flash") < moved.index("<p>Notes")
    later = flash_under_heading(page, "tasks")
    assert later.index("data-flash") > later.index("<h3>Tasks</h3>")
    assert flash_under_heading(page, "nowhere") == page


def test_a_rare_line_break_before_the_part_does_not_misplace_the_message() -> None:
    page = (
        '<p class="flash" data-flash>Saved.</p>\n<p>Ada\u2028Byron\x0bnotes\r\n</p>\n'
        '<section id="positions"><h2>Positions</h2><p>None.</p></section>'
    )
    moved = flash_under_heading(page, "positions")
    assert moved.endswith(
        '<h2>Positions</h2><p class="flash" data-flash>Saved.</p><p>None.</p></section>'
    )
