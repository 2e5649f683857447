"""A folder chosen whole on the import page (or files the API is sent under a folder's name):
each file keeps the last folder it was in, so the folder a LinkedIn archive unpacks to dates
its Connections.csv as the command line's folder does; a folder's name cannot lead the file
out of the upload's own temporary folder."""

from __future__ import annotations

import io
import re
import zipfile

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.models import ImportRun

HTMX = {"HX-Request": "true"}
HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
# March's export, after Bo was removed: its latest Connected On is Ada's, from 2022.
MARCH = (
    HEAD + "Ada,Byron,https://www.linkedin.com/in/ada-b,,Acme,Engineering Manager,10 Jan 2022\r\n"
)
FEBRUARY = (
    HEAD
    + "Ada,Byron,https://www.linkedin.com/in/ada-b,,Acme,Software Engineer,10 Jan 2022\r\n"
    + "Bo,Lin,https://www.linkedin.com/in/bo-lin,,Kestrel,Analyst,02 Feb 2026\r\n"
)
FOLDER = "Basic_LinkedInDataExport_03-20-2026"


def _february(client: TestClient) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("Connections.csv", (2026, 2, 10, 12, 0, 0)), FEBRUARY)
    name = "Basic_LinkedInDataExport_02-10-2026.zip"
    assert client.post("/import", files=[("files", (name, data.getvalue()))]).status_code == 200


def _folder(*names: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    """A folder's files as a browser sends a folder chosen whole: each named by its path."""
    texts = {"Connections.csv": MARCH, "Skills.csv": "Name\nSQL\n"}
    return [("files", (f"{FOLDER}/{n}", texts[n].encode(), "text/csv")) for n in names]


def test_a_folder_chosen_whole_is_dated_by_its_name_in_the_preview(client: TestClient) -> None:
    _february(client)

    preview = client.post(
        "/import/preview", files=_folder("Connections.csv", "Skills.csv"), headers=HTMX
    )

    assert preview.status_code == 200
    names = re.findall(r'<section class="preview" aria-label="Preview of ([^"]*)"', preview.text)
    assert names == [f"{FOLDER}/Connections.csv", f"{FOLDER}/Skills.csv"]
    assert "data-older" not in preview.text


def test_a_folder_chosen_whole_is_imported_as_the_export_of_its_day(
    client: TestClient, session: Session
) -> None:
    _february(client)

    done = client.post("/api/v1/imports", files=_folder("Connections.csv", "Skills.csv"))

    assert done.status_code in (200, 201), done.text
    report = done.json()
    assert [f["name"] for f in report["files"]] == [
        f"{FOLDER}/Connections.csv",
        f"{FOLDER}/Skills.csv",
    ]
    assert not any("older" in note for note in report["notes"])
    (kept,) = session.scalars(select(ImportRun.files).order_by(ImportRun.id.desc()).limit(1))
    assert kept[0]["as_of"] == "2026-03-20" and kept[0]["by"] == "name"


def test_only_the_last_folder_is_kept_and_none_that_climbs_out(client: TestClient) -> None:
    files = [
        ("files", ("../../../etc/Connections.csv", MARCH.encode(), "text/csv")),
        ("files", ("a/b/../Profile/Connections.csv", MARCH.encode(), "text/csv")),
        ("files", ("C:\\Users\\me\\Connections.csv", MARCH.encode(), "text/csv")),
        ("files", ("../Connections.csv", MARCH.encode(), "text/csv")),
    ]

    preview = client.post("/import/preview", files=files, headers=HTMX)

    names = re.findall(r'<section class="preview" aria-label="Preview of ([^"]*)"', preview.text)
    assert names == [
        "etc/Connections.csv",
        "Profile/Connections.csv",
        "Connections.csv",
        "Connections.csv",
    ]
