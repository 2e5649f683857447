"""A column whose name holds a comma ("Name, first"), on every surface: the page's pickers
(each its own form field), the API's and the command line's typed map (the name quoted)."""

from __future__ import annotations

import json

from sqlalchemy import select

from goodword.people.models import Person

API = "/api/v1"
HTMX = {"HX-Request": "true"}
ODD = (
    b'Surname,"Name, first",E-mail (work) ,Tel. mobile,Birthday\n'
    b"Nakamura,Hiro,hiro@example.jp,090-1234-5678,12.03.1988\n"
    b"Okoro,Ada,ada@example.ng,,31/12/1990\n"
)
PICKED = {"map_given": "Name, first", "map_family": "Surname", "map_email": "E-mail (work)"}
TYPED = 'given="Name, first",family=Surname,email=E-mail (work)'


def odd_file() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", ("spreadsheet_odd.csv", ODD, "text/csv"))]


def names(session) -> list[tuple[str | None, str | None]]:
    session.expire_all()
    people = session.scalars(select(Person).order_by(Person.family_name)).all()
    return [(p.given_name, p.family_name) for p in people]


def test_the_pages_pickers_read_a_column_whose_name_holds_a_comma(client):
    first = client.post("/import/preview", files=odd_file(), headers=HTMX)
    assert '<option value="Name, first" >Name, first</option>' in first.text
    preview = client.post("/import/preview", files=odd_file(), data=PICKED, headers=HTMX)
    assert preview.status_code == 200, preview.text
    assert "cannot be used" not in preview.text
    assert '<option value="Name, first" selected>Name, first</option>' in preview.text
    assert '<td data-label="Name">Hiro Nakamura</td>' in preview.text


def test_the_page_imports_through_a_picked_column_whose_name_holds_a_comma(client, session):
    response = client.post("/import", files=odd_file(), data=PICKED)
    assert response.status_code == 200, response.text
    assert names(session) == [("Hiro", "Nakamura"), ("Ada", "Okoro")]


def test_the_pages_typed_map_adds_to_its_pickers(client, session):
    data = {"map_given": "Name, first", "mapping": "family=Surname"}
    response = client.post("/import", files=odd_file(), data=data)
    assert response.status_code == 200, response.text
    assert names(session) == [("Hiro", "Nakamura"), ("Ada", "Okoro")]


def test_the_api_takes_a_quoted_column_name_in_preview_and_import(client, session):
    preview = client.post(f"{API}/imports/preview", params={"mapping": TYPED}, files=odd_file())
    assert preview.status_code == 200, preview.text
    (item,) = preview.json()["files"]
    assert [row["name"] for row in item["rows"]] == ["Hiro Nakamura", "Ada Okoro"]
    created = client.post(f"{API}/imports", params={"mapping": TYPED}, files=odd_file())
    assert created.status_code == 200, created.text
    assert names(session) == [("Hiro", "Nakamura"), ("Ada", "Okoro")]


def test_the_command_line_takes_a_quoted_column_name(run, tmp_path):
    path = tmp_path / "spreadsheet_odd.csv"
    path.write_bytes(ODD)
    result = run("import", str(path), "--map", TYPED, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["created"] == 2
    shown = json.loads(run("people", "export", "--format", "json").stdout)
    assert sorted((p["given_name"], p["family_name"]) for p in shown["people"]) == [
        ("Ada", "Okoro"),
        ("Hiro", "Nakamura"),
    ]
    shown_help = " ".join(run("import", "--help").stdout.replace("│", " ").split())
    assert "goes in double quotes" in shown_help


def test_the_command_line_joins_a_place_from_several_columns(run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("First,Last,City,Country\nAda,Lovelace,London,United Kingdom\n")
    mapping = "given=First,family=Last,location=City,location=Country"
    result = run("import", str(path), "--map", mapping, "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("people", "export", "--format", "json").stdout)
    assert [p["location"] for p in shown["people"]] == ["London, United Kingdom"]
