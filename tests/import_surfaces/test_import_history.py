"""Kept import reports: saved with the import (never for a dry run or a refused one), read
again on the page, through the API and the CLI, kept per workspace, forgotten on request."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from goodword.duplicates.models import DuplicateCandidate
from goodword.errors import NotFound
from goodword.importers import history, service
from goodword.importers.models import ImportRun
from goodword.importers.report import FileReport, ImportReport, Outcome, RowOutcome

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
API = "/api/v1"
TODAY = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def _import(session, workspace, *names: str, dry_run: bool = False) -> ImportReport:
    return service.import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / name for name in names],
        dry_run=dry_run,
        today=TODAY.date(),
        now=TODAY,
    )


def _kept(session, workspace) -> int:
    return session.scalar(
        select(func.count()).select_from(ImportRun).where(ImportRun.workspace_id == workspace.id)
    )


def test_a_report_reads_back_exactly_as_it_was_written():
    report = ImportReport(
        files=[FileReport("Connections.csv", "linkedin-connections", "LinkedIn connections",
                          rows=3, people=2, interactions=0, skipped=1)],
        rows=[
            RowOutcome("Connections.csv", 5, Outcome.CREATED, "Zoë Ng (she/her)", 7, ""),
            RowOutcome("Connections.csv", 6, Outcome.SKIPPED, "", None, "an empty row"),
            RowOutcome("cards.vcf", None, Outcome.MERGED, "李小龍", 7, "merged into Zoë Ng"),
        ],
        interactions_created=4, interactions_existing=1, connections_created=2,
        organizations_created=3, candidates_created=5, notes=["cards.vcf, line 9: a note"],
    )  # fmt: skip
    assert history.decode(history.encode(report)) == report


def test_a_saved_import_keeps_its_report_and_a_dry_run_keeps_none(session, workspace):
    session.commit()
    _import(session, workspace, "Connections.csv", dry_run=True)
    session.rollback()
    assert _kept(session, workspace) == 0

    report = _import(session, workspace, "Connections.csv", "contacts30.vcf")
    session.commit()
    assert report.id is not None and report.finished_at == TODAY
    (summary,) = history.recent(session, workspace_id=workspace.id)
    assert summary.id == report.id
    assert [f["name"] for f in summary.files] == ["Connections.csv", "contacts30.vcf"]
    assert summary.counts == report.counts and summary.counts["created"] > 0
    kept = history.get(session, workspace_id=workspace.id, run_id=report.id)
    assert kept.rows == report.rows and kept.files == report.files
    assert kept.notes == report.notes and kept.dry_run is False


def test_a_refused_import_keeps_no_report(session, workspace):
    from goodword.importers.records import ImportFileError

    session.commit()
    with pytest.raises(ImportFileError):
        _import(session, workspace, "Connections.csv", "malformed.vcf")
    session.rollback()
    assert _kept(session, workspace) == 0


def test_each_workspace_keeps_its_last_reports_and_no_other_sees_them(
    session, workspace, other_workspace, monkeypatch
):
    monkeypatch.setattr(history, "KEEP", 2)
    theirs = _import(session, other_workspace, "contacts30.vcf")
    mine = [_import(session, workspace, "contacts30.vcf").id for _ in range(3)]
    session.commit()
    assert [r.id for r in history.recent(session, workspace_id=workspace.id)] == mine[:0:-1]
    assert _kept(session, other_workspace) == 1  # another workspace's imports push out none
    with pytest.raises(NotFound):
        history.get(session, workspace_id=workspace.id, run_id=theirs.id)
    with pytest.raises(NotFound):
        history.forget(session, workspace_id=workspace.id, run_id=theirs.id)
    assert _kept(session, other_workspace) == 1


def test_the_newest_report_is_kept_even_if_the_clock_went_back(session, workspace, monkeypatch):
    monkeypatch.setattr(history, "KEEP", 2)
    first, second = (_import(session, workspace, "contacts30.vcf").id for _ in range(2))
    earlier = service.import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "contacts30.vcf"],
        today=TODAY.date(), now=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    assert [r.id for r in history.recent(session, workspace_id=workspace.id)] == [
        earlier.id, second,
    ]  # fmt: skip
    assert first not in (earlier.id, second)


@pytest.mark.parametrize(
    "url",
    [
        "/imports/99999999999999999999",
        "/imports/2147483648/rows.csv",
        f"{API}/imports/9223372036854775807",
        "/people/99999999999999999999",
        f"{API}/people/2147483648",
    ],
)
def test_an_id_too_large_for_any_record_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    kind = "import" if "/imports/" in url else "person"
    assert f"No {kind} number " in response.text
    assert client.delete(f"{API}/imports/99999999999999999999").status_code == 404


def test_other_ids_in_addresses_mean_what_they_did(client, session, workspace):
    import factories as f

    ada = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    assert client.get(f"/people/000{ada.id}").status_code == 200  # zero-padded, as before
    assert client.get("/people/%C2%B2").status_code == 422  # "²" is not a number
    assert client.get(f"{API}/people/%C2%B2").status_code == 422


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999"])
def test_a_number_too_large_in_a_query_or_a_body_is_refused_not_a_crash(client, session, number):
    """Ids beyond any record's (32 bits, as PostgreSQL keeps them) are refused as the
    query's or the field's error, where the database would fail on them (it was a 500)."""
    listed = client.get(f"{API}/tasks?person_id={number}")
    assert listed.status_code == 422
    [problem] = listed.json()["error"]["fields"]
    assert problem["field"] == "person_id" and "ids go up to 2,147,483,647" in problem["message"]
    added = client.post(f"{API}/tasks", json={"title": "Call", "person_id": int(number)})
    assert added.status_code == 422  # refused as the field's error, before the database
    [problem] = added.json()["error"]["fields"]
    assert problem["field"] == "person_id" and "ids go up to 2,147,483,647" in problem["message"]
    asked = client.post(
        f"{API}/referrals", json={"person_id": 1, "source_opportunity_id": -int(number)}
    )
    assert [f["field"] for f in asked.json()["error"]["fields"]] == ["source_opportunity_id"]


def test_the_api_gives_the_kept_report_and_deletes_it(client, files, count_people):
    made = client.post(f"{API}/imports", files=files("Connections.csv")).json()
    assert isinstance(made["id"], int) and made["finished_at"]
    dry = client.post(f"{API}/imports?dry_run=true", files=files("contacts30.vcf")).json()
    assert dry["id"] is None

    listed = client.get(f"{API}/imports").json()["items"]
    assert [(i["id"], i["files"][0]["name"], i["counts"]) for i in listed] == [
        (made["id"], "Connections.csv", made["counts"])
    ]
    again = client.get(f"{API}/imports/{made['id']}").json()
    assert again["rows"] == made["rows"] and again["counts"] == made["counts"]

    people = count_people()
    assert client.delete(f"{API}/imports/{made['id']}").status_code == 204
    assert client.get(f"{API}/imports/{made['id']}").status_code == 404
    assert client.delete(f"{API}/imports/{made['id']}").status_code == 404
    assert client.get(f"{API}/imports").json() == {"items": []}
    assert count_people() == people  # the people the import brought in stay


def test_another_workspaces_kept_report_is_not_found(client, session, other_workspace):
    theirs = _import(session, other_workspace, "contacts30.vcf")
    session.commit()
    assert client.get(f"{API}/imports/{theirs.id}").status_code == 404
    assert client.get(f"/imports/{theirs.id}").status_code == 404
    assert client.get(f"/imports/{theirs.id}/rows.csv").status_code == 404
    assert client.post(f"/imports/{theirs.id}/forget").status_code == 404
    assert client.get(f"{API}/imports").json() == {"items": []}
    assert f"/imports/{theirs.id}" not in client.get("/import").text


def test_the_import_page_lists_earlier_imports_and_shows_each_report(client, files):
    assert "Earlier imports" not in client.get("/import").text
    first = client.post("/import", files=files("Connections.csv"))
    run_id = re.search(r"it is import (\d+) under", first.text).group(1)

    page = client.get("/import")
    assert "Earlier imports" in page.text
    link = f'<a href="/imports/{run_id}">Import {run_id}</a>'
    # (The latest import can be undone, and says so beside its number.)
    undo = f' · <a href="/imports/{run_id}/undo" class="small">Undo</a></td>'
    row = re.search(
        rf'{link}{undo}\s*<td data-label="Imported">[^<]+</td>\s*'
        r'<td class="long-id" data-label="Files">([^<]*)</td>',
        page.text,
    )
    assert row.group(1) == "Connections.csv"
    assert '<td data-outcome="created" data-label="Created">6</td>' in page.text

    report = client.get(f"/imports/{run_id}")
    assert report.status_code == 200
    assert f"<h1>Import {run_id}</h1>" in report.text
    assert re.search(r"<h2[^>]*>Imported \d+ \w+ \d{4}, \d\d:\d\d</h2>", report.text)
    assert '<dd data-outcome="skipped">1</dd>' in report.text
    assert "Ada Lovelace" in report.text

    rows = list(csv.DictReader(io.StringIO(client.get(f"/imports/{run_id}/rows.csv").text)))
    assert [(r["line"], r["outcome"]) for r in rows][:4] == [
        ("5", "created"), ("6", "created"), ("7", "created"), ("8", "skipped"),
    ]  # fmt: skip

    assert f'href="/imports/{run_id}/forget"' in report.text
    ask = client.get(f"/imports/{run_id}/forget")
    assert f"Delete the report of import {run_id}?" in ask.text
    assert f'action="/imports/{run_id}/forget"' in ask.text
    assert client.get(f"/imports/{run_id}").status_code == 200  # asking deletes nothing
    gone = client.post(f"/imports/{run_id}/forget", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/import#history"
    assert client.get(f"/imports/{run_id}").status_code == 404
    assert "Earlier imports" not in client.get("/import").text


def test_the_cli_lists_shows_and_deletes_kept_imports(run, tmp_path):
    assert run("imports", "list").stdout == "No imports kept yet.\n"
    made = run("import", str(DATA / "Connections.csv"))
    assert made.exit_code == 0
    assert "This report is kept as import 1: goodword imports show 1" in made.stdout
    run("import", str(DATA / "contacts30.vcf"), "--dry-run")

    listed = json.loads(run("imports", "list", "--json").stdout)["items"]
    assert [(i["id"], i["counts"]["created"]) for i in listed] == [(1, 6)]
    # A folder's files are counted under its name, as on the import page.
    folder = tmp_path / "phone"
    folder.mkdir()
    (folder / "a.vcf").write_bytes((DATA / "contacts30.vcf").read_bytes())
    (folder / "b.vcf").write_bytes((DATA / "contact40.vcf").read_bytes())
    assert run("import", str(folder)).exit_code == 0
    assert "phone (2 files)" in run("imports", "list").stdout
    assert json.loads(run("imports", "delete", "2", "--json").stdout) == {"deleted": 2}
    shown = run("imports", "show", "1")
    assert shown.exit_code == 0 and shown.stdout.startswith("Import 1, ")
    assert "an empty row (LinkedIn leaves these for deleted accounts)" in shown.stdout
    as_json = json.loads(run("imports", "show", "1", "--json").stdout)
    assert as_json["id"] == 1 and as_json["counts"]["skipped"] == 1
    # The API's shape: its link to the queue, and times in UTC written with a Z.
    assert as_json["duplicates_url"] == "/api/v1/duplicates"
    assert as_json["finished_at"].endswith("Z")
    assert listed[0]["finished_at"].endswith("Z")

    assert run("imports", "show", "99999999999").exit_code == 2  # no id is that large
    too_large = run("tasks", "list", "--person", "99999999999999999999")
    assert too_large.exit_code == 2 and "larger than any id" in too_large.output
    kept = run("imports", "delete", "1", input="n\n")
    assert kept.exit_code == 0 and "Nothing deleted." in kept.stdout
    assert run("imports", "show", "1").exit_code == 0
    assert run("imports", "delete", "1", "--yes").exit_code == 0
    missing = run("imports", "show", "1")
    assert missing.exit_code == 4 and "No import number 1" in missing.output


def test_a_saved_report_counts_the_pairs_waiting_now(client, session, workspace):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tom Becker\r\nEMAIL:{}\r\nEND:VCARD\r\n"
    client.post("/import", files=[("files", ("a.vcf", card.format("tom@a.example").encode()))])
    done = client.post(
        "/import", files=[("files", ("b.vcf", card.format("tb@b.example").encode()))]
    )
    run_id = re.search(r"it is import (\d+) under", done.text).group(1)
    assert "Review 1 new possible duplicate" in done.text
    saved = client.get(f"/imports/{run_id}").text
    assert "This import queued 1 possible duplicate; " in saved
    assert (
        f'<a href="/duplicates?import={run_id}">1 pair of its waits in the queue now</a>.' in saved
    )
    pair = session.scalars(select(DuplicateCandidate)).one()
    client.post(f"/duplicates/{pair.id}/not-same")
    settled = client.get(f"/imports/{run_id}").text
    assert (
        "This import queued 1 possible duplicate; none of its pairs waits in the queue now."
        in settled
    )
    assert "Review 1 new possible duplicate" not in settled


def test_a_saved_report_does_not_count_another_imports_pairs_as_its_own(client):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEMAIL:{}\r\nEND:VCARD\r\n"
    first = card.format("Tom Becker", "tom@a.example") + card.format("Ina Vogt", "ina@a.example")
    client.post("/import", files=[("files", ("a.vcf", first.encode()))])
    tom = client.post(
        "/import", files=[("files", ("b.vcf", card.format("Tom Becker", "tb@b.example").encode()))]
    )
    ina = client.post(
        "/import", files=[("files", ("c.vcf", card.format("Ina Vogt", "iv@c.example").encode()))]
    )
    tom_id, ina_id = (re.search(r"it is import (\d+) under", r.text).group(1) for r in (tom, ina))
    saved = client.get(f"/imports/{ina_id}").text
    assert (
        f'This import queued 1 possible duplicate; <a href="/duplicates?import={ina_id}">1 pair '
        'of its waits in the queue now</a> (and <a href="/duplicates">1 pair from other imports '
        "or scans</a>)."
    ) in saved
    first_id = int(tom_id) - 1
    none = client.get(f"/imports/{first_id}").text
    assert (
        'This import queued no possible duplicates; <a href="/duplicates">2 pairs from other '
        "imports or scans wait in the queue</a>."
    ) in none


def test_a_report_says_how_many_pairs_wait_beside_its_new_ones(client):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEMAIL:{}\r\nEND:VCARD\r\n"
    first = card.format("Tom Becker", "tom@a.example") + card.format("Ina Vogt", "ina@a.example")
    client.post("/import", files=[("files", ("a.vcf", first.encode()))])
    client.post(
        "/import", files=[("files", ("b.vcf", card.format("Tom Becker", "tb@b.example").encode()))]
    )
    nothing_new = client.post(
        "/import", files=[("files", ("c.vcf", card.format("Al Zed", "al@z.example").encode()))]
    )
    assert "none new from this import (1 pair waits from before)." in nothing_new.text
    more = client.post(
        "/import", files=[("files", ("d.vcf", card.format("Ina Vogt", "iv@d.example").encode()))]
    )
    assert (
        'Review 1 new possible duplicate</a> <span class="small">(<a href="/duplicates">2 pairs '
        "wait in the queue in all</a>)</span>" in more.text
    )
