"""`goodword demo`, `goodword export` and `goodword import-json`: the lossless round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from goodword import clock


def exported(run) -> dict[str, Any]:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def people_in(run) -> list[dict[str, Any]]:
    return json.loads(run("person", "list", "--json").stdout)["items"]


@pytest.fixture
def small_export(run, cli_url: str, tmp_path: Path) -> Path:
    """An export of a workspace with two people, made in a database of its own."""
    run("person", "add", "Ada Lovelace", "--email", "ada@example.org", "--org", "Acme")
    run("person", "add", "Omar Khoury")
    path = tmp_path / "small.json"
    exported = run("export", "--output", str(path))
    assert exported.exit_code == 0
    assert exported.stderr.startswith("Exported 2 people, 1 organization and the rest to ")
    return path


def test_demo_export_import_export_gives_the_same_document(
    run, cli_url: str, empty_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))  # (--today is no later)
    loaded = run("demo", "--seed", "7", "--today", "2026-11-20")
    path = tmp_path / "demo.json"
    first = run("export", "--format", "json", "--output", str(path))
    upgraded = run("--database-url", empty_database_url, "db", "upgrade")
    imported = run("--database-url", empty_database_url, "import-json", str(path))
    again = run("--database-url", empty_database_url, "export", "--format", "json")

    assert loaded.exit_code == 0, loaded.output
    assert "Loaded the demo network (seed 7)" in loaded.stdout
    assert first.exit_code == 0
    assert first.stderr.startswith("Exported ")
    assert upgraded.exit_code == 0
    assert imported.exit_code == 0, imported.output
    assert again.exit_code == 0
    assert again.stdout == path.read_text(encoding="utf-8")
    document = json.loads(again.stdout)
    assert len(document["people"]) > 100
    assert any(o["stage"] == "rejected" for o in document["opportunities"])


def test_demo_refuses_a_database_that_has_people(run, cli_url: str) -> None:
    run("person", "add", "Ada")

    result = run("demo")

    assert result.exit_code == 3
    assert "already holds records besides you" in result.stderr
    assert "--database-url" in result.stderr
    assert len(people_in(run)) == 1


def test_export_prints_the_whole_workspace(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--org", "Acme", "--title", "Engineer")
    run("task", "add", "Thank Ada", "--person", "1")

    document = exported(run)

    assert (document["format"], document["version"]) == ("goodword-export", 1)
    assert [p["key"] for p in document["people"]] == ["p1"]
    assert document["positions"][0]["person"] == "p1"
    assert document["positions"][0]["organization"] == "o1"
    assert document["tasks"][0]["person"] == "p1"


def test_import_into_an_empty_database_brings_everything(
    run, small_export: Path, second_database: str
) -> None:
    result = run("import-json", str(small_export))

    assert result.exit_code == 0, result.output
    assert "Imported small.json" in result.stdout
    # (By family name: both were added as whole names, which are split.)
    assert [p["display_name"] for p in people_in(run)] == ["Omar Khoury", "Ada Lovelace"]
    assert exported(run) == json.loads(small_export.read_text())


def test_import_json_says_what_it_added_as_json_for_a_script(
    run, small_export: Path, second_database: str
) -> None:
    result = run("import-json", str(small_export), "--json")

    assert result.exit_code == 0, result.output
    said = json.loads(result.stdout)
    assert said["file"] == "small.json"
    assert said["imported"]["people"] == 2
    assert said["imported"]["organizations"] == len(
        json.loads(small_export.read_text())["organizations"]
    )
    assert len(people_in(run)) == 2


def test_import_refuses_a_database_that_has_records(
    run, small_export: Path, second_database: str
) -> None:
    run("person", "add", "Zoe")

    refused = run("import-json", str(small_export))
    after_refusal = people_in(run)
    added = run("import-json", str(small_export), "--into-nonempty")

    assert refused.exit_code == 3
    assert "--into-nonempty" in refused.stderr
    assert [p["display_name"] for p in after_refusal] == ["Zoe"]
    assert added.exit_code == 0, added.output
    assert len(people_in(run)) == 3


def test_a_file_that_is_not_json_is_named_and_nothing_is_written(
    run, cli_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "notes.json"
    path.write_text("people: Ada, Omar\n", encoding="utf-8")

    result = run("import-json", str(path))

    assert result.exit_code == 2
    assert result.stderr == (f"Error: {path} is not JSON (Expecting value at line 1, column 1).\n")
    assert people_in(run) == []


def test_a_file_that_is_not_text_is_refused(run, cli_url: str, tmp_path: Path) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")

    result = run("import-json", str(path))

    assert result.exit_code == 2
    assert "is not a text file" in result.stderr


def test_a_file_cut_short_is_said_without_a_doubled_word(run, cli_url: str, tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('{"people": [\n  {"display_name": "Ada Lo', encoding="utf-8")

    result = run("import-json", str(path))

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path} is not JSON (Unterminated string starting at line 2, column 20).\n"
    )


def test_a_folder_is_said_to_be_one(run, cli_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()

    result = run("import-json", str(folder))

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {folder} is a folder; give the file `goodword export` made.\n"
    )


def test_a_missing_file_is_named(run, cli_url: str, tmp_path: Path) -> None:
    result = run("import-json", str(tmp_path / "nowhere.json"))

    assert result.exit_code == 2
    assert result.stderr == f"Error: There is no file at {tmp_path / 'nowhere.json'}.\n"


def test_a_wrong_header_is_refused(run, cli_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "other.json", {"format": "vcard", "people": []})

    result = run("import-json", str(path))

    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        'Error: This is not a Goodword export: its format is "vcard", not "goodword-export".'
    )


def test_a_bad_record_is_named_and_nothing_is_written(
    run, small_export: Path, second_database: str, tmp_path: Path
) -> None:
    document = json.loads(small_export.read_text())
    document["people"][1]["emails"] = [{"address": "omar-at-example"}]
    document["positions"][0]["organization"] = "o7"
    path = write(tmp_path / "broken.json", document)

    result = run("import-json", str(path))

    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: The file has 1 problem; nothing was imported."
    assert lines[1].startswith(
        "  people[1].emails[0].address: 'omar-at-example' is not an e-mail address"
    )
    assert lines[1].endswith("(in p2, Omar Khoury)")
    assert people_in(run) == []

    document["people"][1]["emails"] = []
    dangling = run("import-json", str(write(path, document)))

    assert dangling.exit_code == 2
    assert "  positions[0].organization: 'o7' names no organization in this file." in (
        dangling.stderr
    )
    assert people_in(run) == []


def test_demo_sets_up_a_new_file_to_try_it_in(run, tmp_path) -> None:
    import sqlite3

    fresh = tmp_path / "goodword-demo.sqlite3"
    result = run("--database-url", f"sqlite:///{fresh}", "demo")

    assert result.exit_code == 0, result.output
    assert f"Brought the database at {fresh} to the latest version." in result.stderr
    listed = run("--database-url", f"sqlite:///{fresh}", "person", "list", "--json")
    assert len(json.loads(listed.stdout)["items"]) > 10

    # A database that holds something else is never set up behind its owner's back.
    other = tmp_path / "someone-elses.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text)")
    refused = run("--database-url", f"sqlite:///{other}", "demo")
    assert refused.exit_code != 0
    assert "goodword db upgrade" in refused.stderr


def test_demo_keeps_you_when_you_are_the_only_record(run, cli_url: str) -> None:
    run("person", "add", "Sam Okafor", "--me")

    result = run("demo")

    assert result.exit_code == 0, result.output
    me = json.loads(run("person", "show", "1", "--json").stdout)
    assert (me["display_name"], me["is_me"]) == ("Sam Okafor", True)
    assert len(me["positions"]) == 3  # the story's career
    assert "You play its job seeker, Sam Okafor" in result.stdout
    assert len(people_in(run)) > 10


def test_demo_refuses_you_with_records_of_your_own(run, cli_url: str) -> None:
    run("person", "add", "Real Me", "--me", "--org", "Acme Real Corp", "--title", "Engineer")

    result = run("demo")

    assert result.exit_code == 3
    assert "already holds records besides you" in result.stderr
    me = json.loads(run("person", "show", "1", "--json").stdout)
    assert [(p["organization_name"], p["is_current"]) for p in me["positions"]] == [
        ("Acme Real Corp", True)
    ]


def test_export_into_a_missing_folder_is_refused_naming_it(
    run, cli_url: str, tmp_path: Path
) -> None:
    run("person", "add", "Ada Lovelace")
    target = tmp_path / "no-such-folder" / "backup.json"

    result = run("export", "-o", str(target))

    assert result.exit_code == 2
    assert result.stderr == f"Error: Cannot write {target}: there is no folder {target.parent}.\n"
    assert "Traceback" not in result.output
    assert not target.parent.exists()


def test_import_json_sets_up_a_new_file_to_restore_into(
    run, small_export: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"

    result = run("--database-url", url, "import-json", str(small_export))
    people = json.loads(run("--database-url", url, "person", "list", "--json").stdout)["items"]

    assert result.exit_code == 0, result.output
    assert "Brought the database at" in result.stderr
    assert sorted(p["display_name"] for p in people) == ["Ada Lovelace", "Omar Khoury"]


def test_a_file_without_a_format_header_is_named_in_plain_words(
    run, cli_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "empty.json", {})

    result = run("import-json", str(path))

    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        'Error: This is not a Goodword export: it has no "format" field, which a Goodword '
        'export sets to "goodword-export".'
    )


def test_export_to_dash_prints_the_file_on_the_screen(
    run, cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run("person", "add", "Ada Lovelace")

    result = run("export", "-o", "-")

    assert result.exit_code == 0, result.output
    assert [p["display_name"] for p in json.loads(result.stdout)["people"]] == ["Ada Lovelace"]
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("day", ["2026-11-26", "2099-01-01", "1999-12-31"])
def test_demo_refuses_a_day_it_cannot_tell_its_story_as_of(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))

    result = run("demo", "--today", day)

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --today takes a day from 2000-01-01 to today (2026-11-25), not {day}: "
        "the demo tells what has happened by then.\n"
    )
    assert json.loads(run("person", "list", "--json").stdout)["items"] == []
