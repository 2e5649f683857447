"""`goodword import` and `goodword people duplicates|merge|unmerge|merges|export|provenance`,
in process, with exact exit codes (a migrated SQLite file per test)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
CRM_MAP = "key=ID,given=First,family=Surname,email=E-mail,org=Company,title=Role"


def people(run) -> list[dict]:
    result = run("people", "export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["people"]


def test_it_imports_a_file_and_prints_the_report(run):
    result = run("import", str(DATA / "Connections.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported\n")
    assert "LinkedIn connections" in result.stdout
    assert "an empty row (LinkedIn leaves these for deleted accounts)" in result.stdout
    assert "6 people added; 4 organizations added" in result.stdout
    assert len(people(run)) == 6


def test_json_gives_the_api_report(run):
    result = run("import", str(DATA / "Connections.csv"), str(DATA / "google_legacy.csv"), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["counts"] == {"created": 7, "updated": 0, "unchanged": 0, "merged": 1,
                                "suggested": 0, "skipped": 1}  # fmt: skip
    assert report["people_created"] == 7
    merged = [r for r in report["rows"] if r["outcome"] == "merged"]
    assert [(r["file"], r["name"]) for r in merged] == [("google_legacy.csv", "Ada Lovelace")]


def test_a_dry_run_reports_and_saves_nothing(run):
    result = run("import", str(DATA / "Connections.csv"), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("Dry run: nothing was saved\n")
    assert people(run) == []


def test_importing_again_changes_nothing(run):
    run("import", str(DATA / "contacts30.vcf"))
    again = json.loads(run("import", str(DATA / "contacts30.vcf"), "--json").stdout)
    assert again["counts"]["unchanged"] == 2 and again["counts"]["created"] == 0


def test_a_column_map_reads_any_csv(run):
    result = run("import", str(DATA / "crm.csv"), "--map", CRM_MAP, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counts"]["created"] == 2
    shown = run("people", "provenance", "1", "--json")
    assert shown.exit_code == 0
    (source,) = json.loads(shown.stdout)["sources"]
    assert (source["source"], source["file_name"], source["external_key"]) == (
        "csv", "crm.csv", "C-101",
    )  # fmt: skip
    table = run("people", "provenance", "1").stdout
    assert table.startswith("Where Mae Jemison came from\n") and "C-101" in table


def test_a_second_column_map_is_refused_not_silently_used_for_every_file(run):
    result = run("import", str(DATA / "crm.csv"), "--map", CRM_MAP, "--map", "given=Given")
    assert result.exit_code == 2
    assert "--map is given more than once" in result.stderr
    assert people(run) == []
    as_json = run("import", str(DATA / "crm.csv"), "--map", CRM_MAP, "--map", "x=Y", "--json")
    assert [f["field"] for f in json.loads(as_json.stdout)["error"]["fields"]] == ["mapping"]


def test_a_bad_file_exits_2_naming_the_file_and_line_and_saves_nothing(run):
    result = run("import", str(DATA / "Connections.csv"), str(DATA / "malformed.vcf"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: malformed.vcf, line 9: ")
    assert people(run) == []


def test_with_json_a_refusal_is_also_in_the_apis_shape_on_stdout(run):
    result = run("import", str(DATA / "malformed.vcf"), "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "bad_import_file"
    assert error["message"].startswith("malformed.vcf, line 9: ")
    plain = run("import", str(DATA / "malformed.vcf"))
    assert plain.exit_code == 2 and plain.stdout == ""


def test_prose_is_said_not_to_be_a_table_and_an_unknown_csv_names_the_map_option(run, tmp_path):
    prose = tmp_path / "message.txt"
    prose.write_text(
        "I came across your profile, and I think you would be a great fit.\n"
        "Let me know, if you are interested.\n"
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Foo,Bar\n1,2\n")

    read_as_prose = run("import", str(prose))
    unknown = run("import", str(sheet))

    assert read_as_prose.exit_code == 2
    assert read_as_prose.stderr.startswith(
        "Error: message.txt: does not look like a table or an export: its first line reads as "
        "sentences, not column names."
    )
    assert "I came across" not in read_as_prose.stderr
    assert unknown.exit_code == 2
    assert "elsewhere give a column map (`--map`) such as key=ID," in unknown.stderr


def test_a_missing_path_or_bad_map_exits_2(run, tmp_path):
    missing = run("import", str(tmp_path / "nowhere.csv"))
    assert missing.exit_code == 2
    assert "nowhere.csv: there is no such file; check the path." in missing.stderr
    bad_map = run("import", str(DATA / "crm.csv"), "--map", "shoe=Size")
    assert bad_map.exit_code == 2
    assert "The column map cannot be used." in bad_map.stderr
    assert "--map: 'shoe=Size': 'shoe' is no field a column map knows" in bad_map.stderr


def test_duplicates_merge_and_unmerge(run):
    run("person", "add", "Grace Hopper", "--given", "Grace", "--family", "Hopper",
        "--email", "grace@old.example")  # fmt: skip
    imported = json.loads(run("import", str(DATA / "contacts30.vcf"), "--json").stdout)
    assert imported["counts"]["suggested"] == 1
    listed = run("people", "duplicates")
    assert listed.exit_code == 0
    assert "Grace Hopper (1)" in listed.stdout and "Grace Hopper (2)" in listed.stdout
    (pair,) = json.loads(run("people", "duplicates", "--json").stdout)["items"]
    assert (pair["person_a"]["id"], pair["person_b"]["id"]) == (1, 2)
    merged = run("people", "merge", "1", "2", "--prefer", "display_name=b", "--json")
    assert merged.exit_code == 0, merged.output
    body = json.loads(merged.stdout)
    assert body["person"]["emails"] == ["grace@old.example", "grace@navy.example"]
    assert body["person"]["birthday"] == "1906-12-09"
    assert run("people", "duplicates").stdout == "No possible duplicates to review.\n"
    merge_id = str(body["merge"]["id"])
    assert "Grace Hopper" in run("people", "merges").stdout
    undone = run("people", "unmerge", merge_id)
    assert undone.exit_code == 0
    assert undone.stdout == f"Undid merge {merge_id}: Grace Hopper (2) is back.\n"
    assert len(people(run)) == 3
    again = run("people", "unmerge", merge_id)
    assert again.exit_code == 3
    assert again.stderr == f"Error: Merge {merge_id} was already undone.\n"


def test_merge_text_output_says_one_address_in_the_singular(run):
    run("person", "add", "Ada Lovelace", "--email", "ada@a.example")
    run("person", "add", "Ada L.")
    result = run("people", "merge", "1", "2")
    assert result.stdout.startswith(
        "Merged Ada L. (2) into Ada Lovelace (1), who now has the e-mail address ada@a.example.\n"
    )


def test_merge_text_output_says_how_to_undo(run):
    run("person", "add", "Ada Lovelace", "--email", "ada@a.example")
    run("person", "add", "Ada King", "--email", "ada@b.example")
    result = run("people", "merge", "1", "2")
    assert result.exit_code == 0
    assert result.stdout == (
        "Merged Ada King (2) into Ada Lovelace (1), who now has the e-mail addresses "
        "ada@a.example, ada@b.example.\n"
        "Undo with: goodword people unmerge 1\n"
    )
    history = json.loads(run("people", "merges", "--json").stdout)["items"]
    assert [(m["id"], m["absorbed_name"], m["undone_at"]) for m in history] == [
        (1, "Ada King", None)
    ]


def test_a_pair_is_told_apart_and_put_back(run):
    run("person", "add", "Grace Hopper", "--given", "Grace", "--family", "Hopper",
        "--email", "grace@old.example")  # fmt: skip
    run("import", str(DATA / "contacts30.vcf"))
    (pair,) = json.loads(run("people", "duplicates", "--json").stdout)["items"]
    apart = run("people", "not-same", str(pair["id"]))
    assert apart.exit_code == 0, apart.output
    assert f"are two people. Changed your mind: goodword people reopen {pair['id']}" in (
        apart.stdout
    )
    assert json.loads(run("people", "duplicates", "--json").stdout)["items"] == []
    back = json.loads(run("people", "reopen", str(pair["id"]), "--json").stdout)
    assert back["status"] == "open"
    assert len(json.loads(run("people", "duplicates", "--json").stdout)["items"]) == 1
    again = run("people", "reopen", str(pair["id"]))
    assert again.exit_code == 3 and "this one is open" in again.stderr


def test_merge_refuses_bad_input_with_exit_codes(run):
    run("person", "add", "Ada Lovelace")
    assert run("people", "merge", "1", "9").exit_code == 4
    assert run("people", "merge", "1", "1").exit_code == 2
    run("person", "add", "Ada King")
    bad = run("people", "merge", "1", "2", "--prefer", "location")
    assert bad.exit_code == 2 and "--prefer takes FIELD=a or FIELD=b" in bad.stderr
    side = run("people", "merge", "1", "2", "--prefer", "location=c")
    assert side.exit_code == 2
    assert "write location=a to keep person 1's value or location=b" in side.stderr
    # With --json, the API's field: the choice's.
    named = run("people", "merge", "1", "2", "--prefer", "location=c", "--json")
    assert [f["field"] for f in json.loads(named.stdout)["error"]["fields"]] == ["choices.location"]
    # A field a merge does not choose between is named, with the ones it does.
    tags = run("people", "merge", "1", "2", "--prefer", "tags=b")
    assert tags.exit_code == 2 and "Extra inputs" not in tags.stderr
    assert "'tags' is not a field a merge chooses between; choose from display_name," in (
        " ".join(tags.stderr.split())
    )
    assert run("people", "unmerge", "7").exit_code == 4


def test_a_scan_finds_pairs_and_can_merge_sure_ones(run):
    run("person", "add", "John Smith", "--given", "John", "--family", "Smith")
    run("person", "add", "John Smith", "--given", "John", "--family", "Smith")
    run("person", "add", "Ada Lovelace", "--email", "ada@x.example")
    run("person", "add", "Ada L.", "--email", "ada@x.example")
    assert run("people", "duplicates", "--auto-merge").exit_code == 2
    result = run("people", "duplicates", "--scan", "--auto-merge", "--json")
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert body["scan"]["candidates_created"] == 1
    assert [m["absorbed_name"] for m in body["scan"]["merged"]] == ["Ada L."]
    assert [
        (c["person_a"]["display_name"], c["person_b"]["display_name"]) for c in body["items"]
    ] == [("John Smith", "John Smith")]


def test_people_export_writes_each_format_that_imports_back(run, tmp_path):
    run("import", str(DATA / "contacts30.vcf"))
    for format_, marker in (
        ("vcard", "VERSION:3.0"),
        ("vcard4", "VERSION:4.0"),
        ("csv", "Goodword ID"),
        ("json", '"goodword-people"'),
    ):
        target = tmp_path / f"people-{format_}"
        result = run("people", "export", "--format", format_, "-o", str(target))
        assert result.exit_code == 0
        assert result.stderr == f"Exported your people as {format_} to {target}.\n"
        assert marker in target.read_text(encoding="utf-8")
        back = json.loads(run("import", str(target), "--json").stdout)
        assert back["counts"]["unchanged"] == 2 and back["counts"]["created"] == 0
    assert "BEGIN:VCARD" in run("people", "export").stdout
    dashed = run("people", "export", "-o", "-")  # the usual way to say the screen
    assert "BEGIN:VCARD" in dashed.stdout and not (Path.cwd() / "-").exists()
    assert run("people", "export", "--format", "xls").exit_code == 2


def test_provenance_of_someone_added_by_hand(run):
    run("person", "add", "Hedy Lamarr")
    assert (
        run("people", "provenance", "1").stdout == "Hedy Lamarr was added by hand, not imported.\n"
    )
    assert run("people", "provenance", "5").exit_code == 4


def test_reapply_applies_unchanged_records_again(run):
    run("import", str(DATA / "contacts30.vcf"))
    passed_over = json.loads(run("import", str(DATA / "contacts30.vcf"), "--json").stdout)
    reapplied = run("import", str(DATA / "contacts30.vcf"), "--reapply", "--json")
    assert reapplied.exit_code == 0, reapplied.output
    details = {r["detail"] for r in passed_over["rows"] if r["outcome"] == "unchanged"}
    assert details == {"unchanged since the last import"}
    # Compared in full again (and nothing was missing, so still unchanged).
    again = json.loads(reapplied.stdout)
    assert again["counts"]["unchanged"] == passed_over["counts"]["unchanged"] == 2
    assert {r["detail"] for r in again["rows"] if r["outcome"] == "unchanged"} == {
        "nothing new in the file"
    }


def test_a_dry_run_names_only_people_already_there(run, tmp_path: Path):
    # A dry run saved nobody, so an id for someone it would create would point at whoever
    # gets it later; someone already there that a row would update is named.
    card = tmp_path / "new.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zia Quell\r\nN:Quell;Zia;;;\r\nEND:VCARD\r\n")
    run("import", str(DATA / "Connections.csv"))
    here = {
        p["display_name"]: p["id"]
        for p in json.loads(run("person", "list", "--json").stdout)["items"]
    }
    as_json = run("import", str(DATA / "Connections.csv"), str(card), "--dry-run", "--json")
    shown = run("import", str(card), "--dry-run")

    rows = json.loads(as_json.stdout)["rows"]
    [created] = [row for row in rows if row["outcome"] == "created"]
    assert (created["name"], created["person_id"]) == ("Zia Quell", None)
    again = [row for row in rows if row["outcome"] == "unchanged"]
    assert again and all(row["person_id"] == here[row["name"]] for row in again)
    assert shown.exit_code == 0
    assert "Zia Quell (" not in shown.stdout


def test_people_export_into_a_missing_folder_is_refused_naming_it(run, tmp_path: Path):
    run("import", str(DATA / "Connections.csv"))
    target = tmp_path / "no-such-folder" / "people.vcf"

    result = run("people", "export", "-o", str(target))

    assert result.exit_code == 2
    assert result.stderr == (f"Error: Cannot write {target}: there is no folder {target.parent}.\n")
    assert not target.parent.exists()


def test_people_export_writes_the_file_it_is_given(run, tmp_path: Path):
    run("import", str(DATA / "Connections.csv"))
    target = tmp_path / "people.json"

    result = run("people", "export", "--format", "json", "-o", str(target))

    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text(encoding="utf-8"))["people"]) == 6


def test_counts_of_one_are_said_in_the_singular(run):
    run("person", "add", "Grace Hopper", "--given", "Grace", "--family", "Hopper",
        "--email", "grace@old.example")  # fmt: skip
    imported = run("import", str(DATA / "contacts30.vcf"))
    run("person", "add", "Ada Lovelace", "--email", "ada@a.example")
    run("person", "add", "Ada Lovelace", "--email", "ada@b.example")

    scanned = run("people", "duplicates", "--scan")

    assert imported.exit_code == 0, imported.output
    assert "; 1 possible duplicate queued." in imported.stdout
    assert "\n2 people added; 2 organizations added; 1 possible duplicate queued.\n" in (
        imported.stdout
    )
    assert scanned.exit_code == 0, scanned.output
    assert "Scanned everyone: 1 new possible duplicate.\n" in scanned.stdout


def test_a_scan_says_no_count_of_nothing(run):
    run("person", "add", "Ada Lovelace", "--email", "ada@a.example")
    run("person", "add", "Ada Lovelace", "--email", "ada@b.example")

    merging = run("people", "duplicates", "--scan", "--auto-merge")
    again = run("people", "duplicates", "--scan")
    run("person", "add", "Grace Hopper", "--email", "grace@a.example")
    run("person", "add", "Grace Hopper", "--email", "grace@a.example")
    merged = run("people", "duplicates", "--scan", "--auto-merge")

    assert merging.exit_code == 0, merging.output
    assert "Scanned everyone: 1 new possible duplicate. No sure pairs to merge.\n" in (
        merging.stdout
    )
    assert "Scanned everyone: no new possible duplicates.\n" in again.stdout
    assert "Scanned everyone: no new possible duplicates; 1 sure pair merged.\n" in merged.stdout
    assert " 0 " not in merging.stdout + again.stdout + merged.stdout


def test_merges_name_the_person_kept_with_their_id(run):
    run("person", "add", "Ada Lovelace", "--email", "ada@a.example")
    run("person", "add", "Ada King", "--email", "ada@b.example")
    run("people", "merge", "1", "2")

    listed = run("people", "merges")
    run("person", "delete", "1", "--yes")
    after_delete = run("people", "merges")

    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if "Ada King" in line)
    assert [c.strip() for c in row.split("│")[1:4]] == ["1", "Ada King (2)", "Ada Lovelace (1)"]
    # Deleting the person kept forgets the merge into them: its snapshot held both people.
    assert after_delete.exit_code == 0, after_delete.output
    assert "Ada King" not in after_delete.stdout


def test_provenance_names_sources_and_says_a_key_made_from_the_name_is_none(run):
    assert run("import", str(DATA / "google_legacy.csv")).exit_code == 0
    table = run("people", "provenance", "1").stdout
    assert "Google Contacts" in table and "Id in the file" in table
    assert "none: known by name and e-mail" in table and "name:" not in table
    (source,) = json.loads(run("people", "provenance", "1", "--json").stdout)["sources"]
    assert source["external_key"].startswith("name:")  # the JSON keeps the stored key


def test_merges_are_listed_a_page_at_a_time(run):
    for n in range(3):
        run("person", "add", f"Kept {n}")
        run("person", "add", f"Merged {n}")
    people = {
        p["display_name"]: p["id"]
        for p in json.loads(run("person", "list", "--json").stdout)["items"]
    }
    for n in range(3):
        assert (
            run("people", "merge", str(people[f"Kept {n}"]), str(people[f"Merged {n}"])).exit_code
            == 0
        )
    first = run("people", "merges", "--limit", "2")
    more = next(line for line in first.stdout.splitlines() if line.startswith("More: "))
    rest = run(*more.removeprefix("More: goodword ").split())
    assert "Merged 2" in first.stdout and "Merged 1" in first.stdout
    assert (
        "Merged 0" in rest.stdout and "Merged 2" not in rest.stdout and "More:" not in rest.stdout
    )


def test_a_whole_export_names_the_commands_not_the_pages(run, tmp_path):
    (tmp_path / "whole.json").write_text('{"format": "goodword-export", "version": 1}')

    refused = run("import", str(tmp_path / "whole.json"))

    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: whole.json: is a whole Goodword export (`goodword export`): it holds every "
        "record, not only people, and this import takes people only. To bring all of it back, "
        "run `goodword import-json whole.json` (it brings in all of it, or nothing). To import "
        "people, use a people export instead: `goodword people export`.\n"
    )


def test_a_note_on_numbers_a_spreadsheet_rounded_says_how_to_correct_them_here(run, tmp_path: Path):
    """The report keeps the pages' words (correct the numbers on the people's pages); the
    command line names its own command, in the report printed and shown again."""
    path = tmp_path / "kontakte.csv"
    path.write_bytes("Name;Mobile\nAnna Weber;4,91701E+11\n".encode("cp1252"))

    result = run("import", str(path), "--map", "given=Name,phone=Mobile")
    again = run("imports", "show", "1")
    kept = run("import", str(path), "--map", "given=Name,phone=Mobile", "--json")

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert (
        "Format the column as text where the file came from and import it again, or give "
        "the right numbers with `goodword person edit PERSON_ID --phone` (each of the "
        "person's numbers: it replaces them all)"
    ) in said
    assert "page" not in said
    assert "`goodword person edit PERSON_ID --phone`" in " ".join(again.stdout.split())
    # (--json gives the report as the API does, in its words.)
    assert "`PUT /api/v1/people/PERSON_ID`" in " ".join(json.loads(kept.stdout)["notes"])


def test_a_row_on_a_job_to_change_by_hand_names_the_command_that_changes_it(run, tmp_path: Path):
    path = tmp_path / "crm.csv"
    mapping = "key=ID,given=First,family=Surname,org=Company,title=Role"
    path.write_text("ID,First,Surname,Company,Role\n1,Ada,Lovelace,Acme,Engineer\n")
    run("import", str(path), "--map", mapping)
    path.write_text("ID,First,Surname,Company,Role\n1,Ada,Lovelace,,\n")

    result = run("import", str(path), "--map", mapping)
    kept = run("imports", "show", "2", "--json")

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.replace("│", " ").split())
    assert (
        "the file gives no job now; Engineer at Acme left as current (if they left, end the "
        "job with `goodword person job JOB_ID --past`)"
    ) in said
    assert "their page" not in said
    (row,) = json.loads(kept.stdout)["rows"]
    # (--json gives it as the API does, in its words)
    assert row["detail"].endswith(
        "(if they left, end the job with `PUT /api/v1/positions/JOB_ID` (is_current false))"
    )


def test_the_note_on_columns_left_out_says_what_to_type_in_map_s_words(run, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text('Name,Headline,"Team, now"\nAda Lovelace,Engineer,Core\n', encoding="utf-8")

    result = run("import", str(sheet), "--map", "name=Name")

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    addition = 'notes=Headline,notes="Team, now"'
    assert (
        "sheet.csv: not imported, as the column map does not name them: 'Headline', "
        f"'Team, now'. To keep their text, add {addition} to --map."
    ) in said
    assert "(notes=Column)" not in said
    shown = " ".join(run("imports", "show", "1").stdout.split())
    assert f"add {addition} to --map." in shown
    # What it says to add is a map --map takes, that keeps their text.
    again = run("import", str(sheet), "--map", f"name=Name,{addition}", "--json")
    assert again.exit_code == 0, again.output
    assert "not imported" not in again.stdout
