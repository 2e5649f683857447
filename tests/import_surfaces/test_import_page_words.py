"""The import page in its own words: its report's button opens the import's own pairs, a
column map without a column naming the rows is refused as the page's pickers or its typed
map say it, and the report's notes name the pickers, not a typed map's syntax."""

from __future__ import annotations

import html
import re

HTMX = {"HX-Request": "true"}
FOO_BAR_BAZ = [("files", ("sheet.csv", b"foo,bar,baz\n+1 415 555 0100,b,c\n", "text/csv"))]
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEMAIL:{}\r\nEND:VCARD\r\n"


def _vcf(name: str, *cards: tuple[str, str]) -> list[tuple[str, tuple[str, bytes, str]]]:
    text = "".join(CARD.format(*card) for card in cards)
    return [("files", (name, text.encode(), "text/vcard"))]


def _problem(response) -> str:
    found = re.search(r'id="import-problem".*?</p>\s*<p>(.*?)</p>', response.text, re.S)
    assert found is not None, response.text
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


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


def test_a_map_of_pickers_without_a_name_column_says_to_pick_one(client, count_people):
    response = client.post("/import", files=FOO_BAR_BAZ, data={"map_phone": "foo"})
    assert response.status_code == 422
    assert _problem(response) == (
        "Pick a name column (the whole name, given name or family name) or the e-mail "
        "address column, so Goodword can tell who each row is."
    )
    assert count_people() == 0


def test_a_typed_map_without_a_name_column_says_what_to_type(client, count_people):
    response = client.post("/import", files=FOO_BAR_BAZ, data={"mapping": "phone=foo"})
    assert response.status_code == 422
    assert _problem(response) == (
        "Give the column map a name column (name=, given= or family=) or the e-mail column "
        "(email=), so Goodword can tell who each row is."
    )
    assert count_people() == 0


def test_the_preview_hint_agrees_that_an_email_column_is_enough(client):
    preview = client.post("/import/preview", files=FOO_BAR_BAZ, headers=HTMX)
    assert "Pick a name column or the e-mail address column to see the first rows." in (
        preview.text
    )
    assert "Pick at least the name columns" not in preview.text
    by_email = [("files", ("sheet.csv", b"foo,bar\nada@example.com,x\n", "text/csv"))]
    shown = client.post("/import/preview", files=by_email, data={"map_email": "foo"}, headers=HTMX)
    assert '<td data-label="E-mail">ada@example.com</td>' in shown.text


def test_the_reports_note_on_columns_left_out_names_the_notes_picker(client):
    page = client.post("/import", files=FOO_BAR_BAZ, data={"map_given": "bar"}, headers=HTMX)
    notes = re.search(r"<h3>Worth knowing</h3>\s*<ul>(.*?)</ul>", page.text, re.S).group(1)
    said = html.unescape(notes)
    assert "notes=Column" not in said
    assert "To keep a column's text, tick it under Notes (as many columns as you like)." in said
    assert "notes=A" not in said
    run_id = re.search(r"it is import (\d+) under", page.text).group(1)
    saved = html.unescape(client.get(f"/imports/{run_id}").text)
    assert "tick it under Notes" in saved and "notes=Column" not in saved


def test_the_reports_count_of_pairs_in_all_opens_the_whole_queue(client):
    client.post("/import", files=_vcf("a.vcf", ("Tom Becker", "tom@a.example"),
                                      ("Marta Ruiz", "marta@a.example")))  # fmt: skip
    client.post("/import", files=_vcf("b.vcf", ("Tom Becker", "tb@b.example")))
    done = client.post("/import", files=_vcf("marta.vcf", ("Marta Ruiz", "mr@c.example")))
    # (The count is of every pair waiting, this import's and the others': the button
    # beside it opens this import's own.)
    assert '(<a href="/duplicates">2 pairs wait in the queue in all</a>)' in done.text
    listed = client.get("/duplicates").text
    assert "Marta Ruiz" in listed and "Tom Becker" in listed


NAME_TEAM = [("files", ("sheet.csv", b"Name,Team\nAda Lovelace,Core\n", "text/csv"))]


def test_a_column_picked_for_two_fields_is_said_in_the_pickers_words(client, count_people):
    response = client.post(
        "/import", files=NAME_TEAM, data={"map_given": "Name", "map_family": "Name"}
    )
    assert response.status_code == 422
    assert _problem(response) == (
        "The columns picked cannot be used. 'Name' is picked for both Given name and Family "
        "name; a column gives one field, so pick it for the one it holds only."
    )
    assert count_people() == 0
    preview = client.post(
        "/import/preview",
        files=NAME_TEAM,
        data={"map_given": "Name", "map_family": "Name"},
        headers=HTMX,
    )
    said = html.unescape(preview.text)
    assert "'Name' is picked for both Given name and Family name" in said
    assert "mapped to given and family" not in said


def test_a_column_typed_for_two_fields_is_said_in_the_typed_map_s_words(client):
    response = client.post("/import", files=NAME_TEAM, data={"mapping": "given=Name,family=Name"})
    assert response.status_code == 422
    assert _problem(response) == (
        "The column map cannot be used. 'Name' is mapped to given and family; a column gives "
        "one field, so map it to the one it holds"
    )
    # (A picker beside the typed map: the typed map says it.)
    mixed = client.post(
        "/import", files=NAME_TEAM, data={"map_given": "Name", "mapping": "family=Name"}
    )
    assert "'Name' is mapped to given and family" in _problem(mixed)


def test_the_command_line_says_a_column_mapped_twice_in_map_s_words(run, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Team\nAda Lovelace,Core\n", encoding="utf-8")
    result = run("import", str(sheet), "--map", "given=Name,family=Name")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert (
        "--map: 'Name' is mapped to given and family; a column gives one field, so map it to "
        "the one it holds" in said
    )


def test_a_picked_column_the_file_lacks_is_said_in_the_pickers_words(client):
    """Pickers of a file previewed before, sent with another file chosen since."""
    response = client.post(
        "/import", files=NAME_TEAM, data={"map_name": "Name", "map_notes": "Headline"}
    )
    assert response.status_code == 422
    said = _problem(response)
    assert "has no column 'Headline' (picked for Notes). Its columns are: Name, Team" in said
    assert "mapped to" not in said
    typed = client.post("/import", files=NAME_TEAM, data={"mapping": "name=Name,notes=Headline"})
    assert "has no column 'Headline' (mapped to notes)" in _problem(typed)


SEVERAL_NOTES = [
    ("files", ("club.csv", b"Name,Headline,Team,Age\nAda Lovelace,Engineer,Core,36\n", "text/csv"))
]


def test_the_notes_picker_takes_several_columns(client, session):
    from sqlalchemy import select

    from goodword.people.models import Person

    picked = {"map_name": "Name", "map_notes": ["Headline", "Team"]}
    preview = client.post("/import/preview", files=SEVERAL_NOTES, data=picked, headers=HTMX)
    ticked = re.findall(r'<input type="checkbox"[^>]*name="map_notes"[^>]*>', preview.text)
    assert len(ticked) == 4  # (one a column)
    assert [bool(re.search(r"\bchecked\b", box)) for box in ticked] == [False, True, True, False]
    assert '<td data-label="Name">Ada Lovelace</td>' in preview.text

    page = client.post("/import", files=SEVERAL_NOTES, data=picked, headers=HTMX)
    assert page.status_code == 200, page.text
    ada = session.scalars(select(Person).where(Person.display_name == "Ada Lovelace")).one()
    assert ada.notes == "Headline: Engineer\nTeam: Core"
    assert "not imported, as the column map does not name it: 'Age'" in html.unescape(page.text)


def test_a_record_id_column_that_repeats_is_said_in_the_page_s_words(client):
    sheet = b"Account,Name\nA-1,Ada Lovelace\nA-1,Grace Hopper\n"
    page = client.post(
        "/import",
        files=[("files", ("crm.csv", sheet, "text/csv"))],
        data={"map_key": "Account", "map_name": "Name"},
        headers=HTMX,
    )
    notes = html.unescape(re.search(r"<h3>Worth knowing</h3>\s*<ul>(.*?)</ul>", page.text, re.S)[1])
    assert "crm.csv: the record id column 'Account' gives one id to several rows" in notes
    assert "A record id belongs to one record only, so those rows were told apart" in notes
    assert (
        "pick a column no two rows share under Record id (key= in a typed map), or none." in notes
    )
    assert "key column" not in notes and "map a column" not in notes
