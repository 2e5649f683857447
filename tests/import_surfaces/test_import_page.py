"""The import page: upload, preview with a column map, dry run, report, errors, progress."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

import factories as f
from goodword.importers import running, views
from goodword.importers.report import ImportReport
from goodword.people.models import Person, PersonSource

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
HTMX = {"HX-Request": "true"}
CRM_MAP = {"map_key": "ID", "map_given": "First", "map_family": "Surname", "map_email": "E-mail",
           "map_org": "Company", "map_title": "Role"}  # fmt: skip


def file_row(name: str, label: str) -> str:
    """A file's first cells in the report's table of files."""
    return f'<td class="long-id">{name}</td><td data-label="Read as">{label}</td>'


def test_the_import_page_offers_upload_dry_run_and_exports(client):
    page = client.get("/import")
    assert page.status_code == 200
    assert "up to 100 MB each" in page.text  # the configured limit, not a fixed figure
    assert 'type="file"' in page.text and 'name="files"' in page.text and "multiple" in page.text
    assert 'name="dry_run"' in page.text
    for value in ("vcard", "vcard4", "csv", "json"):
        assert f'href="/export/people?format={value}"' in page.text
    assert '<a href="/import" aria-current="page">Import</a>' in page.text


@pytest.mark.parametrize(
    ("name", "label", "created"),
    [
        ("Connections.csv", "LinkedIn connections", 6),
        ("Connections_old.csv", "LinkedIn connections", None),
        ("google_legacy.csv", "Google Contacts", 2),
        ("google_labelled.csv", "Google Contacts", None),
        ("contacts30.vcf", "vCard 3.0", 2),
        ("contact40.vcf", "vCard 4.0", None),
    ],
)
def test_each_kind_of_file_imports_through_the_page(
    client, files, count_people, name, label, created
):
    response = client.post("/import", files=files(name))
    assert response.status_code == 200
    assert "<h1>Import report</h1>" in response.text
    assert re.search(
        rf'<td class="long-id">{re.escape(name)}</td><td data-label="Read as">{label}',
        response.text,
    )
    made = int(re.search(r'<dd data-outcome="created">(\d+)</dd>', response.text).group(1))
    assert made > 0 and count_people() == made
    if created is not None:
        assert made == created


def test_the_report_shows_every_row_with_its_outcome(client, files):
    response = client.post("/import", files=files("Connections.csv"))
    rows = re.findall(
        r'<tr data-outcome="(\w+)">\s*<td data-label="File">Connections.csv</td>\s*'
        r'<td data-label="Line">(\d+)</td>',
        response.text,
    )
    assert rows == [("created", "5"), ("created", "6"), ("created", "7"), ("skipped", "8"),
                    ("created", "9"), ("created", "10"), ("created", "11")]  # fmt: skip
    assert "an empty row (LinkedIn leaves these for deleted accounts)" in response.text
    assert re.search(r'<a href="/people/\d+">Ada Lovelace</a>', response.text)


def test_a_linkedin_zip_imports_with_the_files_it_does_not_read_listed(
    client, archive, session, workspace
):
    response = client.post("/import", files=[("files", ("export.zip", archive, "application/zip"))])
    assert response.status_code == 200
    assert file_row("export.zip/Skills.csv", "not read (not contact data)") in response.text
    assert file_row("export.zip/messages.csv", "LinkedIn messages") in response.text
    me = session.scalars(select(Person).where(Person.is_me)).one()
    assert me.display_name == "Alice Example"
    # The earlier imports count the archive's files under its name, not each on its own.
    files = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    listed = f'<td class="long-id" data-label="Files">export.zip ({len(files)} files)</td>'
    assert listed in client.get("/import").text


def test_a_second_source_merges_and_the_report_says_so(client, files):
    client.post("/import", files=files("Connections.csv"))
    response = client.post("/import", files=files("google_legacy.csv"))
    merged = re.search(
        r'<tr data-outcome="merged">.*?<a href="/people/\d+">Ada Lovelace</a></td>\s*'
        r'<td data-label="Details">([^<]*)',
        response.text,
        re.S,
    )
    assert merged and "same e-mail address" in merged.group(1)


def test_an_uncertain_match_links_to_the_duplicates_queue(client, files, session, workspace):
    grace = f.person(
        session, workspace.id, "Grace Hopper", given_name="Grace", family_name="Hopper"
    ).id
    response = client.post("/import", files=files("contacts30.vcf"))
    assert re.search(
        r'<a class="button" href="/duplicates\?import=\d+">Review 1 new possible duplicate</a>',
        response.text,
    )
    assert '<tr data-outcome="suggested">' in response.text
    # Both cards made a person, one of them asked about, and its row says with whom.
    assert "<strong data-people-created>2 new people</strong> (1 of them is added and asked" in (
        response.text
    )
    assert f"may be Grace Hopper (person {grace}): names 100% alike" in response.text


def test_a_dry_run_reports_but_saves_nothing(client, files, count_people):
    response = client.post("/import", files=files("Connections.csv"), data={"dry_run": "1"})
    assert response.status_code == 200
    assert "Dry run: nothing was saved" in response.text
    assert '<dd data-outcome="created">6</dd>' in response.text
    # A dry run's people were never saved, so the report does not link to them.
    assert 'href="/people/' not in response.text.split("import-report")[1]
    assert count_people() == 0


def test_a_dry_run_does_not_send_you_to_duplicates_it_did_not_save(
    client, files, session, workspace
):
    f.person(session, workspace.id, "Grace Hopper", given_name="Grace", family_name="Hopper")
    response = client.post("/import", files=files("contacts30.vcf"), data={"dry_run": "1"})
    assert "1 possible duplicate would wait for you to decide" in response.text
    assert "Would add:" in response.text
    assert 'href="/duplicates"' not in response.text.split("import-report")[1]


def test_a_linkedin_zip_is_read_in_its_own_formats_beside_a_mapped_csv(
    client, files, archive, session, workspace
):
    buffer = io.BytesIO(archive)
    with zipfile.ZipFile(buffer, "a") as zipped:
        zipped.writestr("Learning.csv", "Content Title,Content Type\nIntro to SQL,Course\n")
    uploads = [*files("crm.csv"), ("files", ("export.zip", buffer.getvalue(), "application/zip"))]
    response = client.post("/import", files=uploads, data=CRM_MAP)
    assert response.status_code == 200, response.text
    # The archive's Learning.csv has no "ID" column; the map is not meant for it.
    assert file_row("export.zip/Learning.csv", "not read (not contact data)") in response.text
    assert file_row("crm.csv", "CSV with a column map") in response.text
    keys = set(session.scalars(select(PersonSource.external_key)))
    assert {"C-101", "C-102"} <= keys
    assert session.scalars(select(Person).where(Person.is_me)).one().display_name == (
        "Alice Example"
    )


def test_the_preview_shows_an_archives_people_and_offers_no_map_for_its_other_files(
    client, archive
):
    response = client.post(
        "/import/preview", files=[("files", ("export.zip", archive, "application/zip"))],
        headers=HTMX,
    )  # fmt: skip
    assert "No format knows these columns" not in response.text
    assert '<td data-label="Name">Ada Lovelace</td>' in response.text
    assert re.search(r"<h3>export.zip/Connections.csv .*?</h3>\s*<p[^>]*>6 people\.", response.text)
    assert re.search(r"messages.csv .*?</h3>\s*<p[^>]*>\d+ messages or invitations", response.text)
    assert "not for files inside an archive or folder" in response.text


def test_a_preview_problem_does_not_speak_of_importing(client):
    response = client.post("/import/preview", data={}, headers=HTMX)
    assert response.status_code == 422
    assert "The files could not be previewed." in response.text
    assert "Nothing was imported" not in response.text


def test_a_file_over_the_size_cap_is_said_in_the_preview_not_as_a_page(client, monkeypatch):
    small = client.app.state.settings.model_copy(update={"import_max_bytes": 10})
    monkeypatch.setattr(client.app.state, "settings", small)
    big = [("files", ("Connections.csv", b"First Name,Last Name\n" * 10, "text/csv"))]
    response = client.post("/import/preview", files=big, headers=HTMX)
    assert response.status_code == 422
    assert "<html" not in response.text
    assert "The files could not be previewed." in response.text
    assert "Connections.csv: is 210 bytes, more than the 10 bytes an import takes." in (
        response.text
    )


def test_a_csv_cut_by_an_open_quote_is_said_beside_the_files_previewed(client, files):
    broken = ("broken.csv", b'First,Last,Mail\nAnn,"Arbor,ann@x.example\nBen,Bay,b@x.example\n')
    response = client.post(
        "/import/preview",
        files=[*files("contacts30.vcf"), ("files", (*broken, "text/csv"))],
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'aria-label="Preview of contacts30.vcf"' in response.text
    assert "The first 2 rows as they would be imported" in response.text
    assert re.search(
        r'Preview of broken\.csv.*?class="error">broken\.csv, line', response.text, re.S
    )


def test_htmx_gets_the_report_as_a_fragment(client, files):
    response = client.post("/import", files=files("contacts30.vcf"), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="import-report"')
    assert "<html" not in response.text
    assert response.headers["Vary"] == "HX-Request"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.vcf", "malformed.vcf, line 9: &#39;this line has no colon at all&#39; is not a "
                          "vCard property"),
        ("truncated.vcf", "truncated.vcf, line 1: the card that begins on line 1 never ends"),
        ("inventory.csv", "inventory.csv: has columns no import recognises (SKU, Description"),
    ],
)  # fmt: skip
def test_a_bad_file_is_named_with_its_line_and_nothing_is_written(
    client, files, count_people, name, message
):
    response = client.post("/import", files=files("Connections.csv", name))
    assert response.status_code == 422
    assert "Nothing was imported." in response.text
    assert message in response.text
    assert count_people() == 0


def test_a_wrong_type_or_damaged_archive_is_refused(client, count_people, archive):
    pdf = [("files", ("resume.pdf", b"%PDF-1.7\n...", "application/pdf"))]
    response = client.post("/import", files=pdf)
    assert response.status_code == 422
    assert "resume.pdf: is a PDF document, not a contacts file." in response.text
    cut = [("files", ("export.zip", archive[: len(archive) // 2], "application/zip"))]
    response = client.post("/import", files=cut, headers=HTMX)
    assert response.status_code == 422
    assert "export.zip: is a damaged or incomplete ZIP archive" in response.text
    assert "<html" not in response.text
    assert count_people() == 0


def test_a_plain_text_file_is_not_a_table_of_people(client, count_people):
    text = [("files", ("notes.txt", b"Just some text, not a table\n", "text/plain"))]
    response = client.post("/import", files=text)
    assert response.status_code == 422
    assert "notes.txt: has columns no import recognises" in response.text
    assert count_people() == 0


def test_importing_without_files_asks_for_them(client):
    response = client.post("/import", data={"dry_run": "1"})
    assert response.status_code == 422
    assert "Choose one or more files to import." in response.text


def test_the_preview_names_the_format_and_shows_the_first_rows(client, files):
    response = client.post("/import/preview", files=files("Connections.csv", "contacts30.vcf"),
                           headers=HTMX)  # fmt: skip
    assert response.status_code == 200
    # Named as the report will name them.
    assert '<h3>Connections.csv <span class="tag">LinkedIn connections</span></h3>' in (
        response.text
    )
    assert '<h3>contacts30.vcf <span class="tag">vCard 3.0</span></h3>' in response.text
    assert (
        '<td data-label="Name">Ada Lovelace</td>' in response.text
        and '<td data-label="Name">Grace Hopper</td>' in response.text
    )
    assert "Choose the files again" not in response.text  # HTMX keeps the chosen files
    assert '<td data-label="Organization">Analytical Engines Ltd</td>' in response.text


def test_any_csv_gets_column_pickers_then_a_mapped_preview(client, files):
    unknown = b"Who,Where\nMae Jemison,Houston\n"
    first = client.post(
        "/import/preview", files=[("files", ("odd.csv", unknown, "text/csv"))], headers=HTMX
    )
    assert "No format knows these columns" in first.text
    assert "Goodword picked" not in first.text  # (no column's name says what it holds)
    assert '<select id="f-map_given" name="map_given">' in first.text
    for header in ("Who", "Where"):
        assert f'<option value="{header}" >{header}</option>' in first.text
    assert "Mae Jemison" not in first.text
    # A picker takes one column: joining several is the typed map's.
    assert "to join several columns, such as City and Country, type a column map" in first.text
    mapped = client.post("/import/preview", files=files("crm.csv"), data=CRM_MAP, headers=HTMX)
    assert '<option value="First" selected>First</option>' in mapped.text
    assert '<td data-label="Name">Mae Jemison</td>' in mapped.text
    assert '<td data-label="E-mail">mae@endeavour.example</td>' in mapped.text
    assert '<td class="small long-id" data-label="Source id">C-101</td>' in mapped.text


def test_columns_whose_names_say_what_they_hold_are_picked_for_you(client, files, session):
    # ID, First, Surname, E-mail, Company, Role, City, DOB, Mobile, Profile, Notes, Stage
    first = client.post("/import/preview", files=files("crm.csv"), headers=HTMX)
    assert "Goodword picked the columns whose names say it: check them" in first.text
    picked = {"key": "ID", "given": "First", "family": "Surname", "email": "E-mail",
              "phone": "Mobile", "org": "Company", "title": "Role", "location": "City",
              "birthday": "DOB", "notes": "Notes"}  # fmt: skip
    for field, header in picked.items():
        if field == "notes":  # (ticked: its picker takes several columns)
            assert re.search(
                rf'<input type="checkbox" id="f-map_notes-\d+" name="map_notes" '
                rf'value="{header}" checked>', first.text
            ), field  # fmt: skip
            continue
        assert re.search(
            rf'<select id="f-map_{field}" name="map_{field}">.*?'
            rf'<option value="{header}" selected>', first.text, re.S
        ), field  # fmt: skip
    assert '<option value="Stage" selected>' not in first.text
    assert '<td data-label="Name">Mae Jemison</td>' in first.text
    # What was picked is what the import takes (the pickers are the form's fields).
    chosen = {f"map_{field}": header for field, header in picked.items()}
    client.post("/import", files=files("crm.csv"), data=chosen)
    mae = session.scalars(select(Person).where(Person.display_name == "Mae Jemison")).one()
    assert (mae.birthday, mae.emails[0].address) == (date(1956, 10, 17), "mae@endeavour.example")


def test_a_new_files_columns_are_guessed_anew_not_read_with_the_last_files_picks(client, files):
    # The pickers come back with the form: picks of a file chosen before, which this one has
    # no columns for, give way to this file's own guess.
    stale = {"map_name": "Full name", "map_email": "E-mail", "map_org": "Works at"}
    page = client.post("/import/preview", files=files("crm.csv"), data=stale, headers=HTMX).text
    assert "has no column" not in page
    assert "Goodword picked the columns whose names say it: check them" in page
    assert re.search(r'<select id="f-map_given".*?<option value="First" selected>', page, re.S)
    assert '<option value="Full name"' not in page
    assert '<td data-label="Name">Mae Jemison</td>' in page
    # Picks this file has every column of are kept as they are.
    kept = {"map_given": "First", "map_family": "Surname"}
    page = client.post("/import/preview", files=files("crm.csv"), data=kept, headers=HTMX).text
    assert "Goodword picked" not in page
    assert '<option value="E-mail" selected>' not in page  # (not picked: not guessed)


def test_a_map_without_a_name_column_yet_keeps_the_pickers(client, files):
    response = client.post("/import/preview", files=files("crm.csv"), data={"map_key": "ID"},
                           headers=HTMX)  # fmt: skip
    assert response.status_code == 200
    assert '<option value="ID" selected>ID</option>' in response.text
    assert "Pick a name column or the e-mail address column to see the first rows." in response.text
    typed = client.post("/import/preview", files=files("crm.csv"), data={"mapping": "shoe=Size"},
                        headers=HTMX)  # fmt: skip
    assert typed.status_code == 422 and "is no field a column map knows" in typed.text


def test_a_mapped_file_the_preview_cannot_read_asks_for_no_name_columns(client):
    two_orders = b"ID,First,Surname,DOB\n1,Ann,Lee,26/12/1985\n2,Bo,Kim,12/26/1985\n"
    response = client.post(
        "/import/preview",
        files=[("files", ("two.csv", two_orders, "text/csv"))],
        data={
            "map_key": "ID",
            "map_given": "First",
            "map_family": "Surname",
            "map_birthday": "DOB",
        },
        headers=HTMX,
    )
    assert "two.csv: its birthday dates are written in two orders" in response.text
    assert "Pick a name column or the e-mail" not in response.text
    assert "Not contact data" not in response.text  # (it is: the import refuses it)
    assert '<option value="DOB" selected>DOB</option>' in response.text  # the pickers stay


def test_a_refused_upload_without_javascript_still_lists_the_earlier_imports(client, files):
    assert client.post("/import", files=files("Connections.csv")).status_code == 200
    refused = client.post(
        "/import", files=[("files", ("cv.pdf", b"%PDF-1.7\n", "application/pdf"))]
    )
    assert refused.status_code == 422
    assert "is a PDF document" in refused.text
    assert re.search(r'href="/imports/\d+"', refused.text)  # (the earlier import, as always)


def test_the_preview_without_javascript_is_the_whole_page(client, files):
    response = client.post(
        "/import/preview", files=files("crm.csv"), data={"mapping": "given=First,family=Surname"}
    )
    assert "<h1>Import your network</h1>" in response.text
    assert "Choose the files again above before you import" in response.text
    assert '<td data-label="Name">Chien-Shiung Wu</td>' in response.text
    assert 'value="given=First,family=Surname"' in response.text


def test_a_mapped_csv_imports_with_its_keys_as_provenance(client, files, session, workspace):
    response = client.post("/import", files=files("crm.csv"), data=CRM_MAP)
    assert response.status_code == 200
    assert "a row with no name" in response.text
    keys = session.scalars(select(PersonSource.external_key).order_by(PersonSource.id)).all()
    assert keys == ["C-101", "C-102"]


def test_a_bad_column_map_is_refused_with_what_to_write(client, files, count_people):
    response = client.post("/import", files=files("crm.csv"), data={"mapping": "shoe=Size"})
    assert response.status_code == 422
    assert "The column map cannot be used." in response.text
    assert "&#39;shoe=Size&#39;: &#39;shoe&#39; is no field a column map knows" in response.text
    assert count_people() == 0


def _said(response) -> str:
    """The page's text, one space between words, as a reader sees it."""
    text = re.sub(r"<[^>]+>", " ", response.text).replace("&#39;", "'").replace("&#34;", '"')
    return " ".join(text.split())


def test_a_file_no_import_knows_is_told_about_the_pages_own_column_map(client, count_people):
    sheet = [("files", ("sheet.csv", b"Foo,Bar\n1,2\n", "text/csv"))]
    people = b"First Name,Last Name,Headline\nAda,Lovelace,Analyst\nAlan,Turing,Logician\n"
    profile = [("files", ("Profile.csv", people, "text/csv"))]

    unknown = client.post("/import", files=sheet)
    several = client.post("/import", files=profile)

    how = (
        "say which column holds what: choose Preview for a picker per column, or type a column "
        "map (under “Type a column map instead”) such as"
    )
    assert unknown.status_code == several.status_code == 422
    assert f"For any other CSV, {how} key=ID,given=First," in _said(unknown)
    assert f"To import a list of people, {how} given=First Name," in _said(several)
    for page in (unknown, several):
        assert "mapping" not in _said(page) and "elsewhere" not in _said(page)
    assert count_people() == 0


def test_a_big_import_runs_in_the_background_and_the_page_polls_it(
    client, files, count_people, monkeypatch
):
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)
    started = client.post("/import", files=files("Connections.csv"), headers=HTMX)
    assert started.status_code == 200
    poll = re.search(r'hx-get="(/import/jobs/[\w-]+/status)" hx-trigger="every 1s"', started.text)
    assert poll, started.text
    # The test client returns once the background work is done; the page's next poll
    # gets the report in place of the progress bar.
    done = client.get(poll.group(1), headers=HTMX)
    assert done.text.lstrip().startswith('<section id="import-report"')
    # in place of the whole progress card, and the list of earlier imports takes it in
    assert done.headers["HX-Retarget"] == "#import-progress"
    assert done.headers["HX-Reswap"] == "outerHTML"
    assert '<div id="history" hx-swap-oob="true">' in done.text
    assert '<a href="/imports/' in done.text
    assert '<dd data-outcome="created">6</dd>' in done.text
    assert count_people() == 6


def test_a_background_dry_run_saves_nothing(client, files, count_people, monkeypatch):
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)
    started = client.post("/import", files=files("Connections.csv"), data={"dry_run": "1"},
                          headers=HTMX)  # fmt: skip
    job = re.search(r'hx-get="(/import/jobs/[\w-]+/status)"', started.text).group(1)
    assert "Dry run: nothing was saved" in client.get(job, headers=HTMX).text
    assert count_people() == 0


def test_a_background_import_of_a_bad_file_shows_the_problem(
    client, files, count_people, monkeypatch
):
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)
    started = client.post("/import", files=files("Connections.csv", "malformed.vcf"), headers=HTMX)
    job = re.search(r'hx-get="(/import/jobs/[\w-]+/status)"', started.text).group(1)
    response = client.get(job, headers=HTMX)
    assert response.status_code == 422
    assert "malformed.vcf, line 9" in response.text
    assert count_people() == 0


def test_progress_shows_rows_done_of_total_while_the_import_runs(client, app, workspace):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.start(workspace.id, dry_run=False)
    job.progress("people", 1200, 50000)
    fragment = client.get(f"/import/jobs/{job.id}", headers=HTMX)
    assert "<strong>Saving people</strong>: 1,200 of 50,000" in fragment.text
    progress = '<progress max="50000" value="1200" aria-label="Saving people">2%</progress>'
    assert progress in fragment.text
    assert 'hx-trigger="every 1s"' in fragment.text
    page = client.get(f"/import/jobs/{job.id}")
    assert "<h1>Importing your network</h1>" in page.text
    # Without JavaScript the page reloads itself; with it, only the reading is polled.
    refresh = f'<noscript><meta http-equiv="refresh" content="2;url=/import/jobs/{job.id}">'
    assert refresh in page.text
    assert f'hx-get="/import/jobs/{job.id}/status"' in page.text
    assert "Follow it on a page of its own" not in page.text  # it is that page
    job.report = ImportReport()
    assert "Import finished" in client.get(f"/import/jobs/{job.id}").text


def test_a_second_import_while_one_runs_shows_the_first_and_writes_nothing(
    client, app, files, workspace, count_people
):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    first = jobs.start(workspace.id, dry_run=False)
    first.progress("match", 0, 50000)
    for headers in (HTMX, {}):
        response = client.post("/import", files=files("Connections.csv"), headers=headers)
        assert response.status_code == 200
        assert "An import is already running here" in response.text
        assert "<strong>Matching people</strong>: 0 of 50,000" in response.text
        assert f'hx-get="/import/jobs/{first.id}/status"' in response.text
    # The poll reads only the progress, so the notice stays put above it.
    first.progress("match", 1000, 50000)
    poll = client.get(f"/import/jobs/{first.id}/status", headers=HTMX)
    assert poll.text.lstrip().startswith('<div id="import-progress-status"')
    assert "<strong>Matching people</strong>: 1,000 of 50,000" in poll.text
    assert "already running" not in poll.text and "HX-Retarget" not in poll.headers
    # Coming back to the import page shows it too.
    assert "<strong>Matching people</strong>: 1,000 of 50,000" in client.get("/import").text
    assert count_people() == 0
    first.finished = True
    # A refused import lets go of the workspace too.
    assert client.post("/import", files=files("malformed.vcf")).status_code == 422
    response = client.post("/import", files=files("Connections.csv"))
    assert "<h1>Import report</h1>" in response.text and count_people() == 6
    assert jobs.running(workspace.id) is None


def test_another_workspaces_import_is_not_found(client, app, other_workspace):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.start(other_workspace.id, dry_run=False)
    assert client.get(f"/import/jobs/{job.id}").status_code == 404
    assert client.get("/import/jobs/no-such-job").status_code == 404


def test_a_report_of_messages_alone_counts_them_by_file_and_lists_no_empty_rows(client, files):
    client.post("/import", files=files("Profile.csv"))
    first = client.post("/import", files=files("messages.csv")).text
    new = re.search(r'<td data-label="New messages">(\d+)</td>', first)
    assert new and int(new[1]) > 0
    # Again: every message already here, and everyone they name known.
    page = client.post("/import", files=files("messages.csv")).text
    assert '<td data-label="New messages">0</td>' in page
    assert f"Nothing new ({new[1]} interactions already here)." in page
    assert "No row of these files names a person to add or to update" in page
    assert "<caption>Every row" not in page


def test_the_person_page_shows_where_they_came_from(client, files, session, workspace):
    client.post("/import", files=files("crm.csv"), data=CRM_MAP)
    mae = session.scalars(select(Person).where(Person.display_name == "Mae Jemison")).one()
    page = client.get(f"/people/{mae.id}")
    assert "Where Mae Jemison came from" in page.text
    # (The line a record was read from is named, the record that made her too.)
    assert re.search(r"<td>CSV</td>\s*<td data-label=\"File\">crm.csv<span "
                     r"class=\"muted small\">, line 2</span></td>\s*"
                     r"<td class=\"small\" data-label=\"Id in the file\">C-101</td>",
                     page.text)  # fmt: skip
    by_hand = f.person(session, workspace.id, "Hedy Lamarr")
    assert "Added by hand in Goodword, not imported." in client.get(f"/people/{by_hand.id}").text


@pytest.mark.parametrize(
    ("format_", "media", "extension", "marker"),
    [
        ("vcard", "text/vcard", "vcf", "VERSION:3.0"),
        ("vcard4", "text/vcard", "vcf", "VERSION:4.0"),
        ("csv", "text/csv", "csv", "Goodword ID,Display Name"),
        ("json", "application/json", "json", '"format": "goodword-people"'),
    ],
)
def test_people_download_in_each_format_and_import_back_unchanged(
    client, session, workspace, count_people, format_, media, extension, marker
):
    f.person(session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
             emails=["ada@analytical.example"], tags=["mentor"])  # fmt: skip
    f.person(session, workspace.id, "Grace Hopper", phones=["+1 412 555 0101"])
    download = client.get(f"/export/people?format={format_}")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith(media)
    name = "goodword-people-vcard4" if format_ == "vcard4" else "goodword-people"
    assert download.headers["content-disposition"] == f'attachment; filename="{name}.{extension}"'

    assert marker in download.text and "Ada Lovelace" in download.text
    again = client.post(
        "/import", files=[("files", (f"people.{extension}", download.content, media))]
    )
    assert '<dd data-outcome="unchanged">2</dd>' in again.text
    assert count_people() == 2


def test_an_unknown_export_format_is_refused(client):
    assert client.get("/export/people?format=xls").status_code == 422


def test_the_page_can_apply_unchanged_records_again(client, files, monkeypatch):
    assert 'name="reapply"' in client.get("/import").text
    client.post("/import", files=files("Connections.csv"))
    passed_over = client.post("/import", files=files("Connections.csv"))
    assert "unchanged since the last import" in passed_over.text
    reapplied = client.post("/import", files=files("Connections.csv"), data={"reapply": "1"})
    assert reapplied.status_code == 200
    assert "unchanged since the last import" not in reapplied.text
    # The same through a background import.
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)
    started = client.post("/import", files=files("Connections.csv"), data={"reapply": "1"},
                          headers=HTMX)  # fmt: skip
    job = re.search(r'hx-get="(/import/jobs/[\w-]+/status)"', started.text).group(1)
    finished = client.get(job, headers=HTMX).text
    assert "Import finished" in finished and "unchanged since the last import" not in finished


def test_every_row_of_the_report_downloads_as_csv(client, app, files, monkeypatch):
    import csv
    import io

    monkeypatch.setattr(views, "REPORT_ROWS", 2)
    response = client.post("/import", files=files("Connections.csv"))
    assert "(the first 2; all 7 in the CSV)" in response.text
    link = re.search(r'<a href="(/import/jobs/[\w-]+/rows\.csv)" download>', response.text)
    assert link, response.text
    download = client.get(link.group(1))
    assert download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [(r["line"], r["outcome"]) for r in rows] == [
        ("5", "created"), ("6", "created"), ("7", "created"), ("8", "skipped"),
        ("9", "created"), ("10", "created"), ("11", "created"),
    ]  # fmt: skip
    assert rows[0]["person"] == "Ada Lovelace" and rows[0]["person id"].isdigit()
    assert rows[3]["detail"] == "an empty row (LinkedIn leaves these for deleted accounts)"


def test_the_rows_csv_keeps_a_formula_in_a_name_from_running(client, tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    row = '"=HYPERLINK(""http://x.example"",""Hi"")",Smith,,,Acme,Engineer,26 Dec 2025'
    upload = [("files", ("Connections.csv", f"{header}\n{row}\n".encode(), "text/csv"))]
    response = client.post("/import", files=upload)
    link = re.search(r'href="(/import/jobs/[\w-]+/rows\.csv)"', response.text).group(1)
    text = client.get(link).text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    # A byte order mark first, so that Excel reads the names as UTF-8.
    assert client.get(link).content.startswith(b"\xef\xbb\xbffile,line,outcome,")


def test_another_workspaces_report_rows_are_not_found(client, app, other_workspace):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    theirs = jobs.remember(other_workspace.id, ImportReport(dry_run=False))
    assert client.get(f"/import/jobs/{theirs.id}/rows.csv").status_code == 404


def test_an_import_queued_but_never_begun_stops_holding_the_workspace(workspace):
    import time

    jobs = running.Jobs()
    queued = jobs.claim(workspace.id, dry_run=False)
    assert queued is not None
    queued.queued_at = time.monotonic()  # handed to the background just now
    assert jobs.claim(workspace.id, dry_run=False) is None
    queued.queued_at = time.monotonic() - running.ABANDONED_AFTER - 1  # and never begun
    assert jobs.claim(workspace.id, dry_run=False) is not None


def test_one_new_person_asked_about_is_said_once(client, session, workspace):
    f.person(session, workspace.id, "Grace Hopper", given_name="Grace", family_name="Hopper")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nEND:VCARD\r\n"
    response = client.post("/import", files={"files": ("grace.vcf", card.encode(), "text/vcard")})
    assert (
        "<strong data-people-created>1 new person</strong> (added and asked about: it may be "
        "someone you have)"
    ) in response.text


def test_the_preview_shows_a_birthday_as_the_persons_page_does(client):
    cards = (
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mae Jemison\r\nBDAY:--0412\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sally Ride\r\nBDAY:1951-05-26\r\nEND:VCARD\r\n"
    )
    page = client.post(
        "/import/preview", files=[("files", ("two.vcf", cards, "text/vcard"))], headers=HTMX
    ).text
    assert '<td data-label="Birthday">12 April</td>' in page
    assert '<td data-label="Birthday">26 May 1951</td>' in page
    assert "--04-12" not in page and "1951-05-26" not in page


WHOLE = b'{\n  "format": "goodword-export",\n  "version": 1,\n  "people": []\n}\n'
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("url", ["/import", "/import/preview"])
def test_a_whole_export_is_said_in_the_pages_words_and_its_way_back_is_the_command_line(
    client, url
):
    """The pages cannot bring a whole export back: the page says so, names the command that
    can, and the people export it has itself, not `goodword people export`."""
    whole = ("files", ("whole.json", WHOLE, "application/json"))
    for uploads in ([whole], [whole, ("files", ("ada.vcf", CARD, "text/vcard"))]):
        page = client.post(url, files=uploads)
        said = " ".join(re.sub(r"<[^>]+>", " ", page.text.split("<main", 1)[1]).split())
        assert (
            "whole.json: is a whole Goodword export (Export everything): it holds every record, "
            "not only people, and this import takes people only. The pages cannot bring a whole "
            "export back: run `goodword import-json whole.json` on the command line (it brings "
            "in all of it, or nothing). To import people here, use a people export instead: a "
            "download under Take your people with you, on this page." in said
        )
        assert "goodword export`" not in said and "goodword people export" not in said
