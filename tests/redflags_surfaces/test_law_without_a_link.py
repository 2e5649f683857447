"""A law entry whose only source is a note, not a web address (Toledo's pay-range rule, from a
community data file): no link is shown for it on the pages, in the CLI or in the API, and the
note stays in `also_sources`."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from goodword.redflags import all_laws
from redflags_surfaces.samples import Run

TOLEDO = "Toledo, OH"
NOTE = "community pay-transparency data file on GitHub"
# A posting in Toledo with no pay range: its finding names Toledo's pay-range rule.
POSTING = (
    "Line Cook\nLocation: Toledo, OH\nResponsibilities: prepare dishes on the line.\n"
    "Requirements: two years in a busy kitchen.\nBenefits: staff meals.\nPay: competitive.\n"
)


def test_an_entry_whose_only_source_is_a_note_has_no_source_url() -> None:
    toledo = next(law for law in all_laws() if law.id == "us-oh-tol-pt")

    assert toledo.source_url is None
    assert any(source.startswith(NOTE) for source in toledo.also_sources)


def test_the_api_gives_no_source_url_and_keeps_the_note_in_also_sources(
    client: TestClient,
) -> None:
    data = client.get("/api/v1/laws", params={"where": TOLEDO}).json()
    toledo = next(law for law in data["laws"] if law["id"] == "us-oh-tol-pt")
    report = client.post("/api/v1/check", json={"text": POSTING}).json()
    cited = [law for f in report["findings"] for law in f["laws"] if law["id"] == "us-oh-tol-pt"]

    assert toledo["source_url"] is None
    assert any(source.startswith(NOTE) for source in toledo["also_sources"])
    assert cited and all(law["source_url"] is None for law in cited)


def test_the_pages_show_the_citation_and_no_source_for_it(client: TestClient) -> None:
    laws = client.get("/laws", params={"where": TOLEDO}).text
    check = client.post("/check", data={"text": POSTING}).text

    unlinked = "no link to a source is recorded: check the citation before relying on it"
    assert unlinked in laws and unlinked in check
    for page in (laws, check):
        assert "Toledo Municipal Code" in page
        assert NOTE not in page
        assert "None" not in page


def test_the_cli_shows_the_citation_and_no_source_for_it(run: Run, tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")

    laws = run("laws", "--where", TOLEDO)
    check = run("check", str(posting))
    as_json = json.loads(run("laws", "--where", TOLEDO, "--json").stdout)

    # Under "Law", in place of a source (the explanation no longer repeats the law's line).
    unlinked = "No link to a source is recorded: check the citation before relying on it."
    assert unlinked in " ".join(check.stdout.split())
    for result in (laws, check):
        assert result.exit_code == 0
        assert "Toledo Municipal Code" in result.stdout
        assert NOTE not in result.stdout
        assert "None" not in result.stdout
    toledo = next(law for law in as_json["laws"] if law["id"] == "us-oh-tol-pt")
    assert toledo["source_url"] is None
