"""`goodword opportunity edit`: an opportunity changed from the command line, only what the
options give (SQLite)."""

from __future__ import annotations

import json


def _add(run) -> None:
    run("person", "add", "Ada Lovelace")
    run("opportunity", "add", "Group PM", "--org", "Umbrella", "--pay-min", "100000",
        "--pay-max", "120000", "--currency", "usd", "--next-step", "Write to Ada",
        "--due", "2026-12-01")  # fmt: skip


def test_the_hiring_manager_is_named_and_the_rest_stays(run, cli_url: str) -> None:
    _add(run)

    said = run("opportunity", "edit", "1", "--manager", "1", "--city", "Denver", "--due", "")
    answer = json.loads(run("opportunity", "show", "1", "--json").stdout)

    assert said.stdout == "Saved Group PM at Umbrella (1).\n"
    assert (answer["hiring_manager_id"], answer["hiring_manager_name"]) == (1, "Ada Lovelace")
    assert (answer["city"], answer["next_step_due"]) == ("Denver", None)
    assert (answer["pay_min"], answer["pay_max"], answer["pay_currency"]) == (
        "100000.00",
        "120000.00",
        "USD",
    )
    assert answer["next_step"] == "Write to Ada" and answer["stage"] == "target"
    assert [c["to_stage"] for c in answer["stage_changes"]] == ["target"]


def test_no_manager_takes_the_manager_off(run, cli_url: str) -> None:
    _add(run)
    run("opportunity", "edit", "1", "--manager", "1")

    answer = json.loads(run("opportunity", "edit", "1", "--no-manager", "--json").stdout)

    assert answer["hiring_manager_id"] is None


def test_a_wrong_value_changes_nothing_and_names_the_option(run, cli_url: str) -> None:
    _add(run)

    low = run("opportunity", "edit", "1", "--pay-max", "90000", "--city", "Denver")
    nobody = run("opportunity", "edit", "1", "--manager", "99", "--city", "Denver")
    both = run("opportunity", "edit", "1", "--manager", "1", "--no-manager")

    assert low.exit_code != 0 and "--pay-max is below --pay-min" in low.stderr
    assert nobody.exit_code != 0 and "--manager: No person number 99" in nobody.stderr
    assert both.exit_code != 0 and "Give --manager or --no-manager, not both." in both.stderr
    assert json.loads(run("opportunity", "show", "1", "--json").stdout)["city"] is None


def test_a_new_organization_is_said_to_be_added_with_the_names_it_may_have_meant(
    run, cli_url: str
) -> None:
    kindling, typo = "Kindling Nonprofit Software", "Kindlng Nonprofit Software"

    added = run("opportunity", "add", "Analyst", "--org", kindling)
    edited = run("opportunity", "edit", "1", "--org", typo)
    known = json.loads(run("opportunity", "add", "Tester", "--org", kindling, "--json").stdout)
    new = json.loads(run("opportunity", "edit", "2", "--org", "Initech", "--json").stdout)

    assert added.stdout == (
        f"Added Analyst at {kindling} (1).\n{kindling} was new, so it was added as an "
        "organization.\n"
    )
    assert edited.stdout == (
        f"Saved Analyst at {typo} (1).\n{typo} was new, so it was added as an organization. "
        f"Did you mean {kindling}? If so, change it with: goodword opportunity edit 1 --org "
        f"'{kindling}'.\n"
    )
    assert (known["organization_added"], known["did_you_mean"]) == (False, [])
    assert (new["organization_name"], new["organization_added"]) == ("Initech", True)
