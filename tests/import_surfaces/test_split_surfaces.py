"""Splitting off a record an import matched to the wrong person, from the person's page,
the API and the CLI; and another workspace's records answer 404."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from goodword.cli import app
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonSource

API = "/api/v1"
TODAY = date(2026, 11, 25)
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nORG:Acme Robotics\r\n"
    "TITLE:Engineer\r\nEMAIL:ada@home.example\r\nEND:VCARD\r\n"
)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-l-other,ada.l@acme.example,Acme Robotics,"
    "Engineering Lead,08 Jan 2024\n"
)


def matched_ada(session, workspace_id) -> tuple[Person, PersonSource]:
    """Ada from a card, and another Ada's LinkedIn record matched to her by name and employer."""
    for name, body in (("contacts.vcf", CARD), ("Connections.csv", CONNECTIONS)):
        import_files(session, workspace_id=workspace_id,
                     paths_or_uploads=[Upload(name, body.encode())], today=TODAY)  # fmt: skip
    ada = session.scalars(select(Person).where(Person.workspace_id == workspace_id)).one()
    (source,) = [s for s in ada.sources if s.matched is not None]
    return ada, source


def adas(session, workspace_id) -> list[Person]:
    session.expire_all()
    return list(
        session.scalars(
            select(Person)
            .where(Person.workspace_id == workspace_id, Person.display_name == "Ada Lovelace")
            .order_by(Person.id)
        )
    )


def test_the_person_page_offers_the_split_and_the_confirmation_says_what_it_does(
    client, session, workspace
):
    ada, source = matched_ada(session, workspace.id)
    page = client.get(f"/people/{ada.id}")
    provenance = page.text.split('id="provenance"', 1)[1]
    link = f"/people/{ada.id}/sources/{source.id}/split"
    # Only the matched record can be split off; the card made her.
    assert provenance.count("Split off") == 1 and link in provenance
    assert 'Connections.csv<span class="muted small">, line 2</span>' in provenance

    confirm = client.get(link)
    assert confirm.status_code == 200
    taken = confirm.text.split('id="split-taken"', 1)[1].split("</ul>", 1)[0]
    assert "e-mail ada.l@acme.example" in taken
    assert "web address https://www.linkedin.com/in/ada-l-other" in taken
    assert "ada@home.example" not in taken
    assert "job Engineering Lead at Acme Robotics" in confirm.text
    assert len(adas(session, workspace.id)) == 1  # (asking changes nothing)

    done = client.post(link, follow_redirects=False)
    assert done.status_code == 303
    first, second = adas(session, workspace.id)
    assert done.headers["location"] == f"/people/{second.id}"
    shown = client.get(done.headers["location"])
    said = f"(number {second.id}) is now a person of their own, split off Ada Lovelace"
    assert f"{said} (number {first.id})" in shown.text
    assert "ada.l@acme.example" in shown.text
    # The record made her now: nothing more to split off.
    assert "Split off" not in shown.text.split('id="provenance"', 1)[1]
    assert client.post(link).status_code == 404


def test_the_api_lists_sources_previews_and_splits(client, session, workspace):
    ada, source = matched_ada(session, workspace.id)
    body = client.get(f"{API}/people/{ada.id}/sources").json()
    assert body["person_id"] == ada.id
    listed = body["sources"]
    assert [(s["source"], s["can_split"], s["line"]) for s in listed] == [
        ("vcard", False, 1),  # (the card that made her, the first in its file)
        ("linkedin", True, 2),
    ]
    made_her = listed[0]["id"]
    refused = client.post(f"{API}/people/{ada.id}/sources/{made_her}/split")
    assert refused.status_code == 409
    assert "not one an import matched to Ada Lovelace" in refused.json()["error"]["message"]

    preview = client.get(f"{API}/people/{ada.id}/sources/{source.id}/split").json()
    assert preview["name"] == "Ada Lovelace"
    assert "e-mail ada.l@acme.example" in preview["taken_back"]
    assert len(adas(session, workspace.id)) == 1

    done = client.post(f"{API}/people/{ada.id}/sources/{source.id}/split")
    assert done.status_code == 201
    again = client.post(f"{API}/people/{ada.id}/sources/{source.id}/split").json()["error"]
    # (in the API's words: where the API lists theirs, not their page)
    assert again["message"].endswith(f"`GET {API}/people/{ada.id}/sources` lists theirs.")
    body = done.json()
    assert body["kept"]["emails"] == ["ada@home.example"]
    assert body["person"]["emails"] == ["ada.l@acme.example"]
    assert body["split"]["taken_back"] == preview["taken_back"]
    pair = session.scalars(select(DuplicateCandidate)).one()
    assert pair.status is CandidateStatus.NOT_SAME
    assert {pair.person_a_id, pair.person_b_id} == {ada.id, body["person"]["id"]}


def test_another_workspace_s_records_are_not_found(client, session, workspace, other_workspace):
    theirs, source = matched_ada(session, other_workspace.id)
    for method, path in (
        ("get", f"{API}/people/{theirs.id}/sources"),
        ("get", f"{API}/people/{theirs.id}/sources/{source.id}/split"),
        ("post", f"{API}/people/{theirs.id}/sources/{source.id}/split"),
        ("get", f"/people/{theirs.id}/sources/{source.id}/split"),
        ("post", f"/people/{theirs.id}/sources/{source.id}/split"),
    ):
        assert getattr(client, method)(path).status_code == 404, path
    assert len(adas(session, other_workspace.id)) == 1


def test_people_split_on_the_command_line(run, tmp_path: Path):
    (tmp_path / "contacts.vcf").write_text(CARD)
    (tmp_path / "Connections.csv").write_text(CONNECTIONS)
    assert run("import", str(tmp_path / "contacts.vcf")).exit_code == 0
    assert run("import", str(tmp_path / "Connections.csv")).exit_code == 0
    listed = json.loads(run("people", "provenance", "1", "--json").stdout)["sources"]
    assert [(s["source"], s["can_split"]) for s in listed] == [("vcard", False), ("linkedin", True)]
    record = str(listed[1]["id"])
    table = run("people", "provenance", "1").stdout
    assert f"goodword people split 1 {record}" in table and "Connections.csv, line 2" in table

    # Saying no changes nothing.
    declined = CliRunner().invoke(app, ["people", "split", "1", record], input="n\n")
    assert declined.exit_code == 0
    assert "Comes off Ada Lovelace (1): e-mail ada.l@acme.example" in declined.stdout
    assert "Split a new Ada Lovelace off Ada Lovelace (1)?" in declined.stdout
    assert "Nothing changed." in declined.stdout
    assert json.loads(run("people", "provenance", "1", "--json").stdout)["sources"] == listed

    done = run("people", "split", "1", record, "--yes")
    assert done.exit_code == 0, done.output
    assert (
        "Ada Lovelace (2) is now a person of their own, split off Ada Lovelace (1)" in done.stdout
    )
    again = run("people", "split", "1", record, "--json")
    assert again.exit_code == 4 and "has no source record" in again.output
    # (Where their records are listed, in the command line's words: not their page.)
    assert f"record {record} (split off already, or another person's): `goodword people " in (
        again.stderr
    )
    assert "provenance 1` lists theirs." in again.stderr and "page" not in again.stderr
    moved = json.loads(run("people", "provenance", "2", "--json").stdout)["sources"]
    assert [(s["source"], s["can_split"]) for s in moved] == [("linkedin", False)]


def test_the_import_report_says_a_wrong_merge_can_be_split_off(client):
    card = [("files", ("contacts.vcf", CARD.encode(), "text/vcard"))]
    first = client.post("/import", files=card)
    assert first.status_code == 200 and 'id="split-hint"' not in first.text
    linked = [("files", ("Connections.csv", CONNECTIONS.encode(), "text/csv"))]
    second = client.post("/import", files=linked)
    assert second.status_code == 200
    assert 'data-outcome="merged">1<' in second.text
    assert 'id="split-hint"' in second.text


def test_a_record_a_merge_brought_says_to_undo_the_merge_first(client, session, workspace):
    ada, source = matched_ada(session, workspace.id)
    other = client.post(f"{API}/people", json={"display_name": "Ada King"}).json()
    merged = client.post(
        f"{API}/merges", json={"survivor_id": other["id"], "absorbed_id": ada.id}
    ).json()
    merge_id = merged["merge"]["id"]
    provenance = client.get(f"/people/{other['id']}").text.split('id="provenance"', 1)[1]
    assert "Split off" not in provenance
    assert f'came with <a href="/duplicates#merge-history">merge {merge_id}</a>' in provenance
    listed = client.get(f"{API}/people/{other['id']}/sources").json()["sources"]
    # Both came with the merge: the record that made Ada, and the one matched to her.
    assert [(s["can_split"], s["merge_id"]) for s in listed] == [
        (False, merge_id),
        (False, merge_id),
    ]
    refused = client.post(f"{API}/people/{other['id']}/sources/{source.id}/split")
    assert refused.status_code == 409
    said = refused.json()["error"]["message"]
    assert f"Undo that merge first (POST /api/v1/merges/{merge_id}/undo), then" in said
    assert "goodword" not in said and "Merge history" not in said
    # The pages say it in theirs: the Undo of the merge history, no command.
    for page in (
        client.get(f"/people/{other['id']}/sources/{source.id}/split"),
        client.post(f"/people/{other['id']}/sources/{source.id}/split"),
    ):
        assert page.status_code == 409
        assert (
            "Undo that merge first (choose Undo beside it under Merge history on the Possible "
            "duplicates page), then split the record off" in page.text
        )
        main = page.text.split("<main", 1)[1].split("</main>", 1)[0]
        assert "goodword people" not in main and "/api/" not in main


def test_a_record_a_merge_brought_names_the_unmerge_on_the_command_line(run, tmp_path: Path):
    (tmp_path / "contacts.vcf").write_text(CARD)
    (tmp_path / "Connections.csv").write_text(CONNECTIONS)
    run("import", str(tmp_path / "contacts.vcf"), str(tmp_path / "Connections.csv"))
    assert run("person", "add", "Ada King").exit_code == 0
    assert run("people", "merge", "2", "1").exit_code == 0
    record = json.loads(run("people", "provenance", "2", "--json").stdout)["sources"][1]["id"]

    refused = run("people", "split", "2", str(record), "--yes")

    assert refused.exit_code == 3
    assert "Undo that merge first (goodword people unmerge 1), then split" in refused.stderr
    assert "Merge history" not in refused.stderr and "/api/" not in refused.stderr


def test_people_split_json_is_the_api_s_shape(run, tmp_path: Path):
    (tmp_path / "contacts.vcf").write_text(CARD)
    (tmp_path / "Connections.csv").write_text(CONNECTIONS)
    assert run("import", str(tmp_path / "contacts.vcf"), str(tmp_path / "Connections.csv"))
    listed = json.loads(run("people", "provenance", "1", "--json").stdout)
    assert set(listed) == {"person_id", "sources"}
    assert set(listed["sources"][1]) == {
        "id", "source", "file_name", "external_key", "shown_key", "imported_at", "line",
        "can_split", "merge_id",
    }  # fmt: skip
    assert listed["sources"][1]["shown_key"] == "https://www.linkedin.com/in/ada-l-other"
    assert listed["sources"][0]["shown_key"] == "none: known by name and e-mail"  # no UID
    done = run("people", "split", "1", str(listed["sources"][1]["id"]), "--json")
    assert done.exit_code == 0, done.output
    body = json.loads(done.stdout)
    assert set(body) == {"person", "kept", "split"}
    assert body["person"]["emails"] == ["ada.l@acme.example"]
    assert "e-mail ada.l@acme.example" in body["split"]["taken_back"]
