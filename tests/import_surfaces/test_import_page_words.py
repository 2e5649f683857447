"""The import page in its own words: its report's button opens the import's own pairs, a
column map without a column naming the rows is refused as the page's pickers or its typed
map say it, and the report's notes name the pickers, not a typed map's syntax."""

from __future__ import annotations

import re

HTMX = {"HX-Request": "true"}
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEMAIL:{}\r\nEND:VCARD\r\n"


def _vcf(name: str, *cards: tuple[str, str]) -> list[tuple[str, tuple[str, bytes, str]]]:
    text = "".join(CARD.format(*card) for card in cards)
    return [("files", (name, text.encode(), "text/vcard"))]


def test_the_reports_review_button_opens_this_imports_pairs(client):
    client.post("/import", files=_vcf("a.vcf", ("Tom Becker", "tom@a.example"),
                                      ("Marta Ruiz", "marta@a.example")))  # fmt: skip
    client.post("/import", files=_vcf("b.vcf", ("Tom Becker", "tb@b.example")))
    done = client.post("/import", files=_vcf("marta.vcf", ("Marta Ruiz", "mr@c.example")))
    run_id = re.search(r"it is import (\d+) under", done.text).group(1)
    assert (
        f'<a class="button" href="/duplicates?import={run_id}">Review 1 new possible '
        "duplicate</a>" in done.text
    )
    listed = client.get(f"/duplicates?import={run_id}").text
    assert "Marta Ruiz" in listed and "Tom Becker" not in listed
