"""The import and export API: upload, dry run, errors (422, nothing written), preview, export."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

import factories as f
from factories import LOCAL
from goodword.people.models import PersonSource

API = "/api/v1"
CRM_MAP = "key=ID,given=First,family=Surname,email=E-mail,org=Company,title=Role"


@pytest.mark.parametrize(
    ("name", "format_", "created"),
    [
        ("Connections.csv", "linkedin-connections", 6),
        ("Connections_bom.csv", "linkedin-connections", None),
        ("Connections_cp1252.csv", "linkedin-connections", None),
        ("google_legacy.csv", "google-contacts", 2),
        ("google_labelled.csv", "google-contacts", None),
        ("contacts30.vcf", "vcard", 2),
        ("contact40.vcf", "vcard", None),
    ],
)
def test_each_kind_of_file_imports_through_the_api(
    client, files, count_people, name, format_, created
):
    response = client.post(f"{API}/imports", files=files(name))
    assert response.status_code == 200
    body = response.json()
    assert [(x["name"], x["format"]) for x in body["files"]] == [(name, format_)]
    assert body["dry_run"] is False
    assert body["counts"]["created"] == count_people() > 0
    if created is not None:
        assert body["counts"]["created"] == created
    assert body["duplicates_url"] == f"{API}/duplicates"


def test_the_report_lists_every_row(client, files):
    body = client.post(f"{API}/imports", files=files("Connections.csv")).json()
    assert [(r["line"], r["outcome"]) for r in body["rows"]] == [
        (5, "created"), (6, "created"), (7, "created"), (8, "skipped"), (9, "created"),
        (10, "created"), (11, "created"),
    ]  # fmt: skip
    skipped = body["rows"][3]
    assert skipped["person_id"] is None
    assert skipped["detail"] == "an empty row (LinkedIn leaves these for deleted accounts)"
    assert body["organizations_created"] == 4


def test_a_linkedin_zip_and_its_messages_import(client, archive):
    response = client.post(
        f"{API}/imports", files=[("files", ("export.zip", archive, "application/zip"))]
    )
    body = response.json()
    labels = {x["name"]: x["format"] for x in body["files"]}
    assert labels["export.zip/messages.csv"] == "linkedin-messages"
    assert labels["export.zip/Skills.csv"] is None
    assert body["interactions_created"] > 0


def test_a_dry_run_reports_the_same_but_saves_nothing(client, files, count_people):
    body = client.post(f"{API}/imports?dry_run=true", files=files("Connections.csv")).json()
    assert body["dry_run"] is True and body["counts"]["created"] == 6
    assert count_people() == 0


def test_a_bad_file_is_a_422_naming_the_file_and_line_and_nothing_is_written(
    client, files, count_people
):
    response = client.post(f"{API}/imports", files=files("Connections.csv", "malformed.vcf"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "bad_import_file"
    assert error["message"].startswith("malformed.vcf, line 9: ")
    assert (error["file"], error["line"]) == ("malformed.vcf", 9)
    assert count_people() == 0


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(client, count_people, monkeypatch):
    small = client.app.state.settings.model_copy(update={"import_max_bytes": 10})
    monkeypatch.setattr(client.app.state, "settings", small)
    big = [("files", ("Connections.csv", b"First Name,Last Name\n" * 10, "text/csv"))]
    response = client.post(f"{API}/imports", files=big)
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith(
        "Connections.csv: is 210 bytes, more than the 10 bytes an import takes."
    )
    assert count_people() == 0


def test_a_column_map_imports_any_csv_with_its_keys(client, files, session):
    response = client.post(f"{API}/imports", params={"mapping": CRM_MAP}, files=files("crm.csv"))
    body = response.json()
    assert body["counts"]["created"] == 2 and body["counts"]["skipped"] == 1
    assert sorted(session.scalars(select(PersonSource.external_key))) == ["C-101", "C-102"]


def test_a_column_map_may_come_as_a_field_of_the_form(client, files, session):
    # (As the import page sends it.)
    preview = client.post(
        f"{API}/imports/preview", data={"mapping": CRM_MAP}, files=files("crm.csv")
    ).json()
    assert [row["name"] for row in preview["files"][0]["rows"]][:1] == ["Mae Jemison"]
    response = client.post(f"{API}/imports", data={"mapping": CRM_MAP}, files=files("crm.csv"))
    assert response.json()["counts"]["created"] == 2
    assert sorted(session.scalars(select(PersonSource.external_key))) == ["C-101", "C-102"]


def test_a_dry_run_may_be_asked_in_the_form_and_a_map_given_twice_is_refused(
    client, files, count_people
):
    dry = client.post(
        f"{API}/imports", data={"mapping": CRM_MAP, "dry_run": "true"}, files=files("crm.csv")
    )
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    assert count_people() == 0
    other = "given=First,family=Surname"
    for url in (f"{API}/imports", f"{API}/imports/preview"):
        twice = client.post(
            url, params={"mapping": CRM_MAP}, data={"mapping": other}, files=files("crm.csv")
        )
        assert twice.status_code == 422
        assert [f["field"] for f in twice.json()["error"]["fields"]] == ["mapping"]
    assert count_people() == 0


def test_a_bad_column_map_is_a_field_error(client, files):
    response = client.post(
        f"{API}/imports", params={"mapping": "shoe=Size"}, files=files("crm.csv")
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == "The column map cannot be used."
    assert error["fields"][0]["field"] == "mapping"


@pytest.mark.parametrize(
    ("given", "saved"),
    [
        ("..", "upload-1"),
        ("C:\\Users\\kim\\contacts.csv", "contacts.csv"),
        ("é" * 130 + ".csv", "é" * 98 + ".csv"),
        ("x" * 300 + ".csv", "x" * 196 + ".csv"),
    ],
)
def test_an_upload_is_saved_under_a_name_a_file_system_takes(client, given, saved):
    text = b"First,Surname,E-mail\nAda,Lovelace,ada@x.example\n"
    for url in (f"{API}/imports/preview", f"{API}/imports?dry_run=true"):
        response = client.post(
            url, files=[("files", (given, text, "text/csv"))], data={"mapping": "given=First"}
        )
        assert response.status_code == 200, response.text
        assert [x["name"] for x in response.json()["files"]] == [saved]


def test_uploading_nothing_is_a_422(client):
    how = "Send each file as a file of a multipart/form-data upload (with curl: -F files=@"
    nothing = client.post(f"{API}/imports")
    assert nothing.status_code == 422
    assert nothing.json()["error"]["fields"][0]["message"].startswith(how)
    # The file's text sent as a plain field of the form (curl's -F files=<contacts.csv).
    text = client.post(f"{API}/imports", data={"files": "First,Last\nAda,Lovelace\n"})
    assert text.status_code == 422
    (field,) = text.json()["error"]["fields"]
    assert field["message"].startswith(how) and "UploadFile" not in field["message"]


def test_the_preview_shows_headers_and_first_rows_mapped(client, files):
    bare = client.post(f"{API}/imports/preview", files=files("crm.csv")).json()
    (item,) = bare["files"]
    assert item["format"] is None and item["needs_mapping"] is True and item["rows"] == []
    assert item["headers"][:3] == ["ID", "First", "Surname"]
    mapped = client.post(
        f"{API}/imports/preview", params={"mapping": CRM_MAP}, files=files("crm.csv")
    ).json()["files"][0]
    assert [(r["line"], r["name"], r["key"]) for r in mapped["rows"]] == [
        (2, "Mae Jemison", "C-101"), (3, "Chien-Shiung Wu", "C-102"),
    ]  # fmt: skip
    assert mapped["rows"][0]["emails"] == ["mae@endeavour.example"]


def test_the_preview_shows_phone_numbers_as_they_would_be_stored(client):
    # In the workspace's region (US here): "(415) 555-0100" is +14155550100, and a number
    # that is none of the region's is kept as written, as the import keeps it.
    rows = "Name,Mobile\nAnn Lee,(415) 555-0100\nBo Kim,+33-6-12-34-56-78\nCy Ng,07700 900123\n"
    sent = [("files", ("club.csv", rows.encode(), "text/csv"))]
    body = client.post(
        f"{API}/imports/preview", params={"mapping": "name=Name,phone=Mobile"}, files=sent
    ).json()
    assert [r["phones"] for r in body["files"][0]["rows"]] == [
        ["+14155550100"], ["+33612345678"], ["07700 900123"],
    ]  # fmt: skip
    page = client.post(
        "/import/preview", data={"mapping": "name=Name,phone=Mobile"}, files=sent,
        headers={"HX-Request": "true"},
    ).text  # fmt: skip
    assert '<td data-label="Phone">+33 6 12 34 56 78</td>' in page
    assert '<td data-label="Phone">07700 900123</td>' in page


def test_the_preview_says_a_file_of_column_names_alone_holds_nobody(client, files):
    for name, data in [
        ("crm.csv", b"ID,First,Surname\n"),
        ("Connections.csv", b"First Name,Last Name,URL,Email Address,Company,Position\n"),
    ]:
        body = client.post(f"{API}/imports/preview", files=[("files", (name, data, "text/csv"))])
        (item,) = body.json()["files"]
        assert item["problem"].startswith(
            f"{name}: has its column names but no rows below them, so there is nothing in it"
        )
        assert item["needs_mapping"] is False and item["rows"] == []
    # Beside a file with rows, it is counted as the import counts it: no problem.
    empty = ("Invitations.csv", b"From,To,Sent At,Message,Direction\n", "text/csv")
    body = client.post(
        f"{API}/imports/preview", files=[("files", empty), *files("Connections.csv")]
    ).json()
    assert [(f["name"], f["problem"]) for f in body["files"]] == [
        ("Invitations.csv", None),
        ("Connections.csv", None),
    ]


def test_the_preview_says_a_file_it_cannot_read_beside_the_others(client, files):
    pdf = ("files", ("resume.pdf", b"%PDF-1.7\n%binary\x00\x01", "application/pdf"))
    body = client.post(f"{API}/imports/preview", files=[pdf, *files("contacts30.vcf")])
    assert body.status_code == 200
    (bad, good) = body.json()["files"]
    assert (bad["name"], bad["format"]) == ("resume.pdf", None)
    assert bad["problem"].startswith("resume.pdf: is a PDF document, not a contacts file.")
    assert (good["format"], len(good["rows"]), good["problem"]) == ("vcard", 2, None)
    # On its own, it is the request's error, as an import of it is.
    alone = client.post(f"{API}/imports/preview", files=[pdf])
    assert alone.status_code == 422 and "is a PDF document" in alone.text


def test_the_preview_says_an_archive_holds_no_files(client, files):
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    upload = ("files", ("export.zip", empty.getvalue(), "application/zip"))
    body = client.post(f"{API}/imports/preview", files=[upload, *files("contacts30.vcf")])
    assert body.status_code == 200
    (bad, good) = body.json()["files"]
    assert bad["problem"].startswith("export.zip: holds no files at all.")
    assert good["format"] == "vcard"
    alone = client.post(f"{API}/imports/preview", files=[upload])
    assert alone.status_code == 422 and "holds no files at all" in alone.text


def test_the_preview_of_known_formats_names_them(client, files):
    body = client.post(f"{API}/imports/preview", files=files("contacts30.vcf", "Connections.csv"))
    formats = {x["name"]: (x["format"], len(x["rows"])) for x in body.json()["files"]}
    assert formats == {
        "contacts30.vcf": ("vcard", 2),
        "Connections.csv": ("linkedin-connections", 5),
    }


@pytest.mark.parametrize(
    ("format_", "media", "marker"),
    [
        ("vcard", "text/vcard", "VERSION:3.0"),
        ("vcard4", "text/vcard", "VERSION:4.0"),
        ("csv", "text/csv", "Goodword ID"),
        ("json", "application/json", "goodword-people"),
    ],
)
def test_export_in_each_format_imports_back_losing_nothing(
    client, session, workspace, count_people, format_, media, marker
):
    f.person(session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
             emails=["ada@analytical.example"], urls=["https://www.linkedin.com/in/ada"],
             tags=["mentor"], location="London")  # fmt: skip
    response = client.get(f"{API}/people/export", params={"format": format_})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert marker in response.text and "ada@analytical.example" in response.text
    again = client.post(f"{API}/imports", files=[("files", ("people", response.content, media))])
    assert again.json()["counts"]["unchanged"] == 1
    assert count_people() == 1


def test_vcard_is_the_default_export_and_unknown_formats_are_refused(client):
    assert client.get(f"{API}/people/export").headers["content-type"].startswith("text/vcard")
    response = client.get(f"{API}/people/export", params={"format": "xls"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "format"


def test_exports_never_include_another_workspaces_people(client, session, other_workspace):
    f.person(session, other_workspace.id, "Charlie Secret", emails=["charlie@example.org"])
    for format_ in ("vcard", "vcard4", "csv", "json"):
        text = client.get(f"{API}/people/export", params={"format": format_}).text
        assert "Charlie" not in text


def test_the_size_limit_comes_from_the_settings(session_factory, tmp_path):
    from fastapi.testclient import TestClient

    from goodword.config import Settings
    from goodword.web import create_app

    small = Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", import_max_bytes=2048)
    app = create_app(small, session_factory=session_factory)
    body = (
        "First Name,Last Name,Email Address\n" + "Ada,Lovelace,ada@example.org\n" * 200
    ).encode()
    with TestClient(app, base_url=LOCAL) as client:
        response = client.post("/api/v1/imports", files={"files": ("big.csv", body, "text/csv")})
    assert response.status_code == 422
    assert "big.csv" in response.json()["error"]["message"]


def test_reapply_applies_unchanged_records_again(client, files):
    client.post(f"{API}/imports", files=files("Connections.csv"))
    passed_over = client.post(f"{API}/imports", files=files("Connections.csv")).json()
    reapplied = client.post(f"{API}/imports?reapply=true", files=files("Connections.csv")).json()
    assert {r["detail"] for r in passed_over["rows"] if r["outcome"] == "unchanged"} == {
        "unchanged since the last import"
    }
    assert {r["detail"] for r in reapplied["rows"] if r["outcome"] == "unchanged"} == {
        "nothing new in the file"
    }


def test_an_import_while_another_runs_in_the_workspace_is_a_409(
    client, app, files, workspace, count_people
):
    from goodword.importers import running

    jobs = running.Jobs()
    app.state.import_jobs = jobs
    first = jobs.claim(workspace.id, dry_run=False)
    assert first is not None
    assert jobs.claim(workspace.id, dry_run=False) is None  # the check and start are one step
    response = client.post(f"{API}/imports", files=files("Connections.csv"))
    assert response.status_code == 409
    assert "already running" in response.json()["error"]["message"]
    assert count_people() == 0
    first.finished = True
    assert client.post(f"{API}/imports", files=files("Connections.csv")).status_code == 200
    assert count_people() == 6
    assert jobs.running(workspace.id) is None  # the API's import let go of the workspace
