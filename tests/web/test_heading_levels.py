"""A record's page goes down its heading levels one at a time (no h1 straight to h3), so a
screen reader's outline of it has no holes, with notes and everything shown."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.workspaces.models import Workspace


def _skips(html: str) -> list[tuple[int, int]]:
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[:1] == [1]
    return [(a, b) for a, b in pairwise(levels) if b > a + 1]


@pytest.mark.parametrize("kind", ["organization", "person", "opportunity", "interaction"])
def test_a_record_page_skips_no_heading_level(
    client: TestClient, session: Session, workspace: Workspace, kind: str
) -> None:
    notes = "Met at the harbour meetup."
    if kind == "organization":
        url = f"/organizations/{f.organization(session, workspace.id, notes=notes).id}"
    elif kind == "person":
        url = f"/people/{f.person(session, workspace.id, notes=notes).id}"
    elif kind == "opportunity":
        url = f"/opportunities/{f.opportunity(session, workspace.id, notes=notes).id}"
    else:
        url = f"/interactions/{f.interaction(session, workspace.id, summary=notes).id}"
    page = client.get(url)
    assert page.status_code == 200
    assert notes in page.text
    assert _skips(page.text) == []
