"""Undoing the latest import from its page (a confirmation first, counts first), the API
(GET says, POST does) and the CLI (asks; --yes and --json do not); and what cannot be
undone is refused the same way on each."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.db import make_engine
from goodword.importers import splitting
from goodword.people.models import PersonSource

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
API = "/api/v1"
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Mathematician,"
    "26 Dec 2025\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,03 Nov 2025\n"
)


def _upload(name: str = "Connections.csv", body: str = CONNECTIONS):
    return [("files", (name, body.encode(), "text/csv"))]


def test_the_import_page_asks_then_undoes_the_latest_import(client, count_people):
    done = client.post("/import", files=_upload())
    run_id = re.search(r"it is import (\d+) under", done.text).group(1)
    assert count_people() == 2

    report = client.get(f"/imports/{run_id}")
    assert f'href="/imports/{run_id}/undo">Undo this import</a>' in report.text
    ask = client.get(f"/imports/{run_id}/undo")
    assert ask.status_code == 200 and f"<h1>Undo import {run_id}?</h1>" in ask.text
    assert (
        "<strong>Takes away 2 people (with their 2 jobs) and 2 organizations.</strong>" in ask.text
    )  # (no one to tie them to on LinkedIn: nobody is you)
    assert ">Ada Lovelace</a></li>" in ask.text and ">Grace Hopper</a></li>" in ask.text
    assert f'action="/imports/{run_id}/undo"' in ask.text
    assert count_people() == 2  # asking changes nothing

    undone = client.post(f"/imports/{run_id}/undo", follow_redirects=False)
    assert undone.status_code == 303 and undone.headers["location"] == f"/imports/{run_id}"
    assert count_people() == 0
    shown = client.get(f"/imports/{run_id}").text
    assert (
        f"Import {run_id} undone. Took away 2 people (with their 2 jobs) and 2 organizations."
        in shown
    )
    assert "This import was undone on" in shown and "Undo this import" not in shown
    listed = client.get("/import").text
    assert f'Import {run_id}</a> <span class="small muted">(undone)</span>' in listed
    again = client.get(f"/imports/{run_id}/undo")
    assert again.status_code == 409 and f"Import {run_id} was already undone." in again.text


def test_the_api_says_what_an_undo_would_do_then_does_it(client, session, workspace):
    first = client.post(f"{API}/imports", files=_upload()).json()
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEND:VCARD\r\n"
    second = client.post(f"{API}/imports", files=_upload("a.vcf", card)).json()
    listed = client.get(f"{API}/imports").json()["items"]
    assert [(i["id"], i["can_undo"], i["undone_at"]) for i in listed] == [
        (second["id"], True, None),
        (first["id"], False, None),
    ]
    refused = client.post(f"{API}/imports/{first['id']}/undo")
    assert refused.status_code == 409
    assert f"undo import {second['id']} first" in refused.json()["error"]["message"]

    said = client.get(f"{API}/imports/{second['id']}/undo").json()
    assert said["done"] is False and said["summary"] == "Takes away 1 person."
    assert [p["name"] for p in said["removed"]] == ["Alan Turing"] and said["kept"] == []
    done = client.post(f"{API}/imports/{second['id']}/undo")
    assert done.status_code == 200
    assert done.json() == {**said, "done": True, "summary": "Took away 1 person."}
    assert client.post(f"{API}/imports/{second['id']}/undo").status_code == 409
    assert client.get(f"{API}/imports/{second['id']}").json()["undone_at"]
    listed = client.get(f"{API}/imports").json()["items"]
    assert [(i["id"], i["can_undo"]) for i in listed] == [
        (second["id"], False),
        (first["id"], True),
    ]


def test_the_cli_asks_before_undoing_and_json_does_not(run):
    assert run("import", str(DATA / "Connections.csv")).exit_code == 0
    asked = run("imports", "undo", "1", input="n\n")
    assert asked.exit_code == 0 and "Nothing undone." in asked.stdout
    assert asked.stdout.startswith("Takes away 6 people (with their 6 jobs) and 4 organizations.\n")
    assert "  goes: Ada Lovelace (person " in asked.stdout
    assert "To undo the latest: goodword imports undo 1" in run("imports", "list").stdout

    done = json.loads(run("imports", "undo", "1", "--json").stdout)
    assert done["done"] is True and len(done["removed"]) == 6
    assert "1 (undone)" in run("imports", "list").stdout
    shown = run("imports", "show", "1").stdout
    assert "\nUndone on " in shown
    assert ". Took away 6 people (with their 6 jobs) and 4 organizations.\n" in shown
    again = run("imports", "undo", "1", "--yes")
    assert again.exit_code != 0 and "Import 1 was already undone." in again.output
    assert run("people", "list", "--json").stdout.count('"display_name"') == 0


def test_an_undo_is_refused_while_an_import_runs(client, app, workspace, count_people):
    made = client.post(f"{API}/imports", files=_upload()).json()
    job = app.state.import_jobs.start(workspace.id, dry_run=False)
    for url in (f"{API}/imports/{made['id']}/undo", f"/imports/{made['id']}/undo"):
        refused = client.post(url)
        assert refused.status_code == 409 and "An import is running" in refused.text
    assert count_people() == 2
    job.finished = True
    assert client.post(f"{API}/imports/{made['id']}/undo").status_code == 200
    assert count_people() == 0


CARD_ADA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
    "URL:https://www.linkedin.com/in/ada-lovelace\r\nTEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
)


def test_the_page_and_the_api_say_what_comes_off_people_already_here(client):
    client.post(f"{API}/imports", files=_upload())
    card = client.post(f"{API}/imports", files=_upload("phone.vcf", CARD_ADA)).json()
    assert card["counts"]["merged"] == 1

    said = client.get(f"{API}/imports/{card['id']}/undo").json()
    assert said["summary"] == "Takes back what it added to 1 person already here."
    ((taken),) = said["taken_back"]
    assert (taken["name"], taken["records"], taken["taken"], taken["left"]) == (
        "Ada Lovelace",
        ["vCard record, line 1 of phone.vcf"],
        ["phone +44 20 7946 0000"],
        [],
    )
    page = client.get(f"/imports/{card['id']}/undo").text
    assert "Taken back from people already here (1)" in page
    assert ">Ada Lovelace</a> (vCard record, line 1 of phone.vcf):" in page
    assert "phone +44 20 7946 0000" in page
    done = client.post(f"{API}/imports/{card['id']}/undo").json()
    assert done["summary"] == "Took back what it added to 1 person already here."
    person = client.get(f"{API}/people/{taken['person_id']}").json()
    assert person["phones"] == []


def test_the_cli_says_what_comes_off_people_already_here(run, tmp_path):
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8")
    card = tmp_path / "phone.vcf"
    card.write_text(CARD_ADA, encoding="utf-8")
    assert run("import", str(connections)).exit_code == 0
    assert run("import", str(card)).exit_code == 0

    asked = run("imports", "undo", "2", input="n\n")
    assert asked.stdout.startswith("Takes back what it added to 1 person already here.\n")
    assert (
        "  taken back from Ada Lovelace (person 1):\n    phone +44 20 7946 0000\n"
    ) in asked.stdout


MOVED = CONNECTIONS.replace("Analytical Engines,Mathematician", "Royal Society,Fellow")


def test_the_page_and_the_api_say_what_goes_back_on_people_already_here(client):
    client.post(f"{API}/imports", files=_upload())
    newer = client.post(f"{API}/imports", files=_upload(body=MOVED)).json()
    assert newer["counts"]["updated"] == 1

    said = client.get(f"{API}/imports/{newer['id']}/undo").json()
    assert said["summary"] == (
        "Takes away 1 organization; puts back what it changed about 1 person already here."
    )  # (Royal Society, made for the job)
    assert said["taken_back"] == [] and said["kept"] == []
    ((back),) = said["put_back"]
    assert (back["name"], back["records"], back["taken"], back["left"]) == (
        "Ada Lovelace",
        ["its update, line 2 of Connections.csv"],
        [
            "job Fellow at Royal Society taken off",
            "job Mathematician at Analytical Engines: current again",
        ],
        [],
    )
    page = client.get(f"/imports/{newer['id']}/undo").text
    assert "Put back on people already here (1)" in page
    assert (
        ">Ada Lovelace</a> (its update, line 2 of Connections.csv):\n    <ul>"
        "<li>job Fellow at Royal Society taken off</li>"
        "<li>job Mathematician at Analytical Engines: current again</li></ul>"
    ) in page

    done = client.post(f"{API}/imports/{newer['id']}/undo").json()
    assert done["summary"] == (
        "Took away 1 organization; put back what it changed about 1 person already here."
    )
    person = client.get(f"{API}/people/{back['person_id']}").json()
    assert [(p["title"], p["is_current"]) for p in person["positions"]] == [("Mathematician", True)]


def test_the_cli_says_what_goes_back_on_people_already_here(run, tmp_path):
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8")
    assert run("import", str(connections)).exit_code == 0
    connections.write_text(MOVED, encoding="utf-8")
    assert run("import", str(connections)).exit_code == 0

    asked = run("imports", "undo", "2", input="n\n")
    assert asked.stdout.startswith(
        "Takes away 1 organization; puts back what it changed about 1 person already here.\n"
    )
    assert (
        "  put back on Ada Lovelace (person 1):\n"
        "    job Fellow at Royal Society taken off\n"
        "    job Mathematician at Analytical Engines: current again\n"
    ) in asked.stdout
    done = run("imports", "undo", "2", "--yes")
    assert done.exit_code == 0
    assert done.stdout.startswith(
        "Import 2 undone. Took away 1 organization; put back what it changed about 1 person "
        "already here.\n"
    )


SPLIT_REASON = (
    "split off Ada Lovelace since, made of a record this import matched to them; they stay "
    "as you made them, and keep that record as where they came from (so importing the file "
    "again finds them)"
)


def test_someone_split_off_since_is_listed_as_staying_with_why(client):
    client.post(f"{API}/imports", files=_upload())
    card = client.post(f"{API}/imports", files=_upload("phone.vcf", CARD_ADA)).json()
    (row,) = [r for r in client.get(f"{API}/imports/{card['id']}").json()["rows"]]
    (source,) = [
        s
        for s in client.get(f"{API}/people/{row['person_id']}/sources").json()["sources"]
        if s["file_name"] == "phone.vcf"
    ]
    split = client.post(f"{API}/people/{row['person_id']}/sources/{source['id']}/split").json()
    new_id = split["person"]["id"]

    said = client.get(f"{API}/imports/{card['id']}/undo").json()
    assert said["taken_back"] == []
    assert said["kept"] == [{"person_id": new_id, "name": "Ada Lovelace", "reason": SPLIT_REASON}]
    assert said["summary"] == "Takes nothing away; 1 person stays, listed with why."
    page = client.get(f"/imports/{card['id']}/undo").text
    assert f'<a href="/people/{new_id}">Ada Lovelace</a>: {SPLIT_REASON}' in page
    assert "<strong>Takes nothing away; 1 person stays, listed with why.</strong>" in page


def test_the_cli_lists_someone_split_off_since_as_staying(run, cli_url, tmp_path):
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8")
    card = tmp_path / "phone.vcf"
    card.write_text(CARD_ADA, encoding="utf-8")
    assert run("import", str(connections)).exit_code == 0
    assert run("import", str(card)).exit_code == 0
    engine = make_engine(cli_url)
    with Session(engine) as session:
        source = session.scalars(select(PersonSource).where(PersonSource.file_name == "phone.vcf"))
        (row,) = source.all()
        split = splitting.split_off(
            session, workspace_id=row.workspace_id, person_id=row.person_id, source_id=row.id
        )
        new_id = split.person.id
        session.commit()
    engine.dispose()

    asked = run("imports", "undo", "2", input="n\n")
    assert asked.stdout.startswith("Takes nothing away; 1 person stays, listed with why.\n")
    assert f"  stays: Ada Lovelace (person {new_id}): {SPLIT_REASON}\n" in asked.stdout


def test_an_undone_import_s_report_says_what_the_undo_did(client):
    made = client.post(f"{API}/imports", files=_upload()).json()
    ada = next(row["person_id"] for row in made["rows"] if row["name"] == "Ada Lovelace")
    edit = {"given_name": "Ada", "family_name": "Lovelace", "location": "London"}
    assert client.put(f"{API}/people/{ada}", json=edit).status_code == 200
    assert client.post(f"{API}/imports/{made['id']}/undo").status_code == 200

    # Later, as the page opens it again (its note, not the undo's flash), and the API.
    said = "Took away 1 person (with their job) and 1 organization; 1 person stays: Ada Lovelace."
    page = client.get(f"/imports/{made['id']}").text
    assert re.search(
        rf"This import was undone on [^<]*\. {re.escape(said)} Its rows are as the import left",
        page,
    )
    assert client.get(f"{API}/imports/{made['id']}").json()["undone"] == said

    # Once she is deleted, nothing names her: she is someone since deleted, as in her row.
    assert client.delete(f"{API}/people/{ada}").status_code == 204
    gone = "Took away 1 person (with their job) and 1 organization; 1 person stays: someone "
    gone += "since deleted."
    assert client.get(f"{API}/imports/{made['id']}").json()["undone"] == gone
    page = client.get(f"/imports/{made['id']}").text
    assert f"{gone} Its rows are as the import left" in page and "Ada Lovelace" not in page


CARD = (
    "BEGIN:VCARD\nVERSION:3.0\nUID:ada-1\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\n"
    "ADR;TYPE=HOME:;;;London;;;UK\nEND:VCARD\n"
)
CARD_NEWER = CARD.replace("London", "Paris").replace(
    "END:VCARD", "CATEGORIES:poet,maths\nEND:VCARD"
)


def test_items_with_commas_in_them_are_told_apart_on_the_page(client):
    client.post(f"{API}/imports", files=_upload("ada.vcf", CARD))
    newer = client.post(f"{API}/imports", files=_upload("ada.vcf", CARD_NEWER)).json()
    ((back),) = client.get(f"{API}/imports/{newer['id']}/undo").json()["put_back"]
    assert back["taken"] == [
        "tags poet, maths taken off",
        "location Paris, UK (back to London, UK)",
    ]

    page = client.get(f"/imports/{newer['id']}/undo").text
    assert (
        "<ul><li>tags poet, maths taken off</li>"
        "<li>location Paris, UK (back to London, UK)</li></ul>"
    ) in page


def test_items_with_commas_in_them_are_told_apart_in_the_cli(run, tmp_path):
    card = tmp_path / "ada.vcf"
    card.write_text(CARD, encoding="utf-8")
    assert run("import", str(card)).exit_code == 0
    card.write_text(CARD_NEWER, encoding="utf-8")
    assert run("import", str(card)).exit_code == 0

    asked = run("imports", "undo", "2", input="n\n")
    assert (
        "  put back on Ada Lovelace (person 1):\n"
        "    tags poet, maths taken off\n"
        "    location Paris, UK (back to London, UK)\n"
    ) in asked.stdout
