"""`goodword person edit`: a person changed from the command line, only what the options give
(SQLite)."""

from __future__ import annotations

import json


def test_only_the_options_given_change(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--email", "ada@example.com", "--tag", "math",
        "--notes", "Met at the meetup")  # fmt: skip

    answer = json.loads(
        run(
            "person",
            "edit",
            "1",
            "--keep-in-touch",
            "30",
            "--tag",
            "math",
            "--tag",
            "poetry",
            "--given",
            "Augusta",
            "--json",
        ).stdout
    )

    assert answer["keep_in_touch_days"] == 30
    assert answer["tags"] == ["math", "poetry"]
    assert answer["given_name"] == "Augusta"
    # What no option named stays as it was.
    assert answer["emails"] == ["ada@example.com"]
    assert answer["notes"] == "Met at the meetup"
    assert answer["display_name"] == "Ada Lovelace"


def test_an_empty_value_clears_and_the_usual_rhythm_comes_back(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--email", "ada@example.com", "--location", "London")
    run("person", "edit", "1", "--keep-in-touch", "0")

    said = run("person", "edit", "1", "--email", "", "--location", "", "--keep-in-touch", "")
    answer = json.loads(run("person", "show", "1", "--json").stdout)

    assert said.stdout == "Saved Ada Lovelace (person 1).\n"
    assert (answer["emails"], answer["location"], answer["keep_in_touch_days"]) == ([], None, None)


def test_a_wrong_value_changes_nothing_and_names_the_option(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace", "--location", "London")

    days = run("person", "edit", "1", "--keep-in-touch", "often", "--location", "Paris")
    born = run("person", "edit", "1", "--birthday", "2026-13-01", "--location", "Paris")
    missing = run("person", "edit", "99", "--location", "Paris")

    assert days.exit_code != 0 and "--keep-in-touch: 'often' is not a number of days" in days.stderr
    assert born.exit_code != 0 and "--birthday" in born.stderr
    assert missing.exit_code != 0 and "99" in missing.stderr
    assert json.loads(run("person", "show", "1", "--json").stdout)["location"] == "London"


def test_marking_someone_as_you_while_another_is_refuses(run, cli_url: str) -> None:
    run("person", "add", "Me Myself", "--me")
    run("person", "add", "Ada Lovelace")

    refused = run("person", "edit", "2", "--me")

    assert refused.exit_code != 0
    assert "Me Myself (id 1) is already marked as you" in refused.stderr
    assert json.loads(run("person", "show", "2", "--json").stdout)["is_me"] is False


def test_person_add_splits_a_whole_name(run, cli_url: str) -> None:
    added = json.loads(run("person", "add", "Alex Walker", "--json").stdout)

    assert (added["given_name"], added["family_name"]) == ("Alex", "Walker")


def test_a_birthday_without_its_year_is_kept_and_shown_as_a_day(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace")

    typed = run("person", "edit", "1", "--birthday", "10 December", "--json")
    shown = run("person", "show", "1")
    iso = json.loads(run("person", "edit", "1", "--birthday", "--12-11", "--json").stdout)
    whole = json.loads(run("person", "edit", "1", "--birthday", "1815-12-10", "--json").stdout)
    cleared = json.loads(run("person", "edit", "1", "--birthday", "", "--json").stdout)

    said = json.loads(typed.stdout)
    assert (said["birthday"], said["birthday_no_year"]) == (None, "--12-10")
    assert "10 December" in shown.stdout
    assert (iso["birthday"], iso["birthday_no_year"]) == (None, "--12-11")
    assert (whole["birthday"], whole["birthday_no_year"]) == ("1815-12-10", None)
    assert (cleared["birthday"], cleared["birthday_no_year"]) == (None, None)


def test_a_person_added_with_a_birthday_without_its_year_keeps_the_day(run, cli_url: str) -> None:
    added = json.loads(
        run("person", "add", "Ada Lovelace", "--birthday", "--12-10", "--json").stdout
    )
    whole = json.loads(run("person", "add", "Bo Lin", "--birthday", "1990-04-12", "--json").stdout)
    wrong = run("person", "add", "Cy Dee", "--birthday", "31 February")

    assert (added["birthday"], added["birthday_no_year"]) == (None, "--12-10")
    assert (whole["birthday"], whole["birthday_no_year"]) == ("1990-04-12", None)
    assert wrong.exit_code != 0 and "--birthday" in wrong.stderr
