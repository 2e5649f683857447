"""The words of an import's report and preview: a count of none is not said ("0 new
connections"), and one is said as one ("1 created or unchanged row")."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
HTMX = {"HX-Request": "true"}


def _said(html: str) -> str:
    """The report's sentence of what it added, as read."""
    found = re.search(r'<p class="small">\s*(.*?)\s*</p>', html, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_the_report_says_only_what_the_import_added(client, files):
    first = client.post("/import", files=files("Connections.csv"), headers=HTMX).text
    assert _said(first) == "6 new people, 4 new organizations."
    again = client.post("/import", files=files("Connections.csv"), headers=HTMX).text
    assert _said(again) == "Nothing new."
    dry = client.post(
        "/import", files=files("Connections.csv"), data={"dry_run": "1"}, headers=HTMX
    ).text
    assert _said(dry) == "Would add nothing new."


def test_messages_already_here_are_said_without_a_count_of_none(client, files):
    client.post("/import", files=files("Connections.csv"))
    report = client.post("/import", files=files("messages.csv"), headers=HTMX).text
    assert _said(report) == "1 new person, 3 new interactions."
    again = client.post("/import", files=files("messages.csv"), headers=HTMX).text
    assert _said(again) == "Nothing new (3 interactions already here)."


def test_the_preview_of_messages_alone_counts_no_people(client, files):
    preview = client.post("/import/preview", files=files("messages.csv"), headers=HTMX).text
    (counted,) = re.findall(r'<p class="small muted">([^<]*)</p>', preview)
    assert re.fullmatch(r"[\d,]+ messages or invitations\.", counted), counted
