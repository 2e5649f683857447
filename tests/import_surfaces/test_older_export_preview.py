"""The preview says which LinkedIn export is older than one imported before, and by what
evidence, on the page and in the API, before anything is imported."""

from __future__ import annotations

import io
import re
import zipfile

from fastapi.testclient import TestClient

HTMX = {"HX-Request": "true"}
HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
MARCH = (
    HEAD + "Ada,Byron,https://www.linkedin.com/in/ada-b,,Acme,Engineering Manager,10 Jan 2022\r\n"
)
FEBRUARY = (
    HEAD
    + "Ada,Byron,https://www.linkedin.com/in/ada-b,,Acme,Software Engineer,10 Jan 2022\r\n"
    + "Bo,Lin,https://www.linkedin.com/in/bo-lin,,Kestrel,Analyst,02 Feb 2026\r\n"
)


def _archive(name: str, text: str) -> tuple[str, tuple[str, bytes, str]]:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("Connections.csv", (2026, 1, 1, 12, 0, 0)), text)
    return ("files", (name, data.getvalue(), "application/zip"))


def test_the_preview_says_an_archive_is_older_than_the_one_imported(client: TestClient) -> None:
    march = _archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH)
    assert client.post("/import", files=[march]).status_code == 200

    older = client.post(
        "/import/preview",
        files=[_archive("Basic_LinkedInDataExport_02-10-2026.zip", FEBRUARY)],
        headers=HTMX,
    )
    again = client.post("/import/preview", files=[march], headers=HTMX)

    said = re.search(r"<p class=\"warning\" data-older>(.*?)</p>", older.text)
    assert said is not None
    assert re.fullmatch(
        r"This export is from 10 Feb 2026 \(its archive&#39;s name says so\), older than the "
        r"one you imported on \d+ \w+ \d{4} \(Basic_LinkedInDataExport_03-20-2026.zip/"
        r"Connections.csv, from 20 Mar 2026\). Its people would keep what the newer export "
        r"gave them \(a job it gives otherwise would be added as a past job\).",
        said.group(1),
    )
    assert "data-older" not in again.text


def test_the_apis_preview_says_so_too(client: TestClient) -> None:
    api = "/api/v1/imports"
    client.post(api, files=[_archive("Basic_LinkedInDataExport_03-20-2026.zip", MARCH)])

    preview = client.post(
        f"{api}/preview", files=[_archive("Complete_LinkedInDataExport_02-10-2026.zip", FEBRUARY)]
    ).json()

    (connections,) = preview["files"]
    assert connections["older"].startswith("This export is from 10 Feb 2026 (its archive's name")


def test_of_two_files_of_one_name_only_the_older_is_said_older(client: TestClient) -> None:
    # (Two Connections.csv from two folders: the browser sends their names alone.)
    files = [
        ("files", ("Connections.csv", FEBRUARY.encode(), "text/csv")),
        ("files", ("Connections.csv", MARCH.encode(), "text/csv")),
    ]

    preview = client.post("/import/preview", files=files, headers=HTMX)

    said = re.findall(r"<p class=\"warning\" data-older>(.*?)</p>", preview.text)
    assert len(said) == 1
    assert said[0].startswith(
        "This export&#39;s latest connection is from 10 Jan 2022, older than the one beside it "
        "in this import (Connections.csv (the first file of that name), whose latest "
        "connection is from 2 Feb 2026)."
    )
    sections = preview.text.split('<section class="preview"')[1:]
    assert ["data-older" in section for section in sections] == [False, True]
