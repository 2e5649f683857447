"""The CLI's shared error printer: a problem is named by the option the user typed (`--due`),
not by the API's field (`next_step_due`); `--json` errors keep the API's field names."""

from __future__ import annotations

import json
import re

import pytest
import typer

from goodword.cli import app
from goodword.cli.common import option_for, options_in_text
from goodword.cli.reference import _commands, render

BAD_OPPORTUNITY = (
    "opportunity", "add", "Analyst", "--org", "Fabrikam", "--due", "2026-13-01",
    "--pay-min", "5", "--pay-max", "1", "--currency", "dollars",
)  # fmt: skip


def test_an_error_names_the_options_typed_not_the_api_fields(run, cli_url: str) -> None:
    result = run(*BAD_OPPORTUNITY)

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Some fields need attention.",
        "  --currency: Give a three-letter currency code, such as USD or EUR.",
        "  --due: Give a real date, such as 2026-11-02.",
        "  --pay-max is below --pay-min.",
    ]


def test_a_json_error_keeps_the_api_field_names(run, cli_url: str) -> None:
    result = run(*BAD_OPPORTUNITY, "--json")

    error = json.loads(result.stdout)["error"]
    assert [f["field"] for f in error["fields"]] == ["pay_currency", "next_step_due", "__all__"]
    assert "--due:" in result.stderr


def test_the_same_field_is_named_by_each_commands_own_option(run, cli_url: str) -> None:
    # organization_id is --org in `task add`, --org-id in `opportunity add`.
    task = run("task", "add", "Call", "--org", "99")
    person = run("interaction", "add", "call", "--with", "99")

    assert task.exit_code == 2
    assert task.stderr.splitlines() == [
        "Error: --org does not name one of your records.",
        "  --org: No organization number 99: it may have been deleted.",
    ]
    assert person.stderr.splitlines() == [
        "Error: --with does not name one of your records.",
        "  --with: No person number 99: they may have been deleted.",
    ]


def test_an_argument_is_named_as_its_help_shows_it(run, cli_url: str) -> None:
    run("person", "add", "Ada")
    untitled = run("task", "add", " ")
    twice = run("people", "merge", "1", "1")
    stranger = run("references", "add", "99")

    assert untitled.stderr.splitlines()[1:] == ["  TITLE: Fill this in."]
    assert twice.stderr.splitlines()[1:] == [
        "  ABSORBED_ID: Pick someone other than the person kept."
    ]
    assert stranger.stderr.splitlines() == [
        "Error: PERSON_ID does not name one of your records.",
        "  PERSON_ID: No person number 99: they may have been deleted.",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["people", "merge", "1", "abc"],
        ["people", "unmerge", "abc"],
        ["references", "launch", "abc", "1"],
        ["references", "consent", "abc", "2026-11-01"],
    ],
)
def test_every_id_argument_is_read_as_a_record_id(run, cli_url: str, command: list[str]) -> None:
    result = run(*command)

    assert result.exit_code == 2
    assert "'abc' is not a record id; give its number" in result.output
    assert "int range" not in result.output


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["task", "add", "Call", "--person"], "--person"),
        (["task", "add", "Call", "--opportunity"], "--opportunity"),
        (["task", "add", "Call", "--interaction"], "--interaction"),
        (["task", "list", "--person"], "--person"),
        (["task", "list", "--opportunity"], "--opportunity"),
        (["opportunity", "add", "Analyst", "--org-id"], "--org-id"),
        (["opportunity", "add", "Analyst", "--manager"], "--manager"),
        (["opportunity", "list", "--org-id"], "--org-id"),
        (["interaction", "add", "call", "--opportunity"], "--opportunity"),
        (["interaction", "add", "call", "--writer"], "--writer"),
        (["interaction", "list", "--person"], "--person"),
        (["interaction", "list", "--opportunity"], "--opportunity"),
        (["paths", "--to-person"], "--to-person"),
        (["paths", "--opportunity"], "--opportunity"),
        (["paths", "--from"], "--from"),
        (["messages", "show", "intro", "--person"], "--person"),
    ],
)
def test_every_id_option_is_read_as_a_record_id_naming_the_option(
    run, cli_url: str, command: list[str], option: str
) -> None:
    result = run(*command, "abc")
    as_json = run(*command, "0", "--json")

    message = "is not a record id; give its number, such as 12."
    assert result.exit_code == as_json.exit_code == 2
    assert result.stderr.splitlines()[0] == f"Error: {option}: 'abc' {message}"
    assert "valid int" not in result.output
    assert json.loads(as_json.stdout)["error"]["fields"] == [
        {"field": option, "message": f"'0' {message}"}
    ]


def test_a_record_id_of_thousands_of_digits_is_refused_quoting_its_start(run, cli_url: str) -> None:
    result = run("person", "show", "9" * 5000)

    assert result.exit_code == 2
    assert f"'{'9' * 59}…' is larger than any id; give its number" in result.output
    assert "Traceback" not in result.output and "9" * 61 not in result.output


def test_a_record_id_that_is_not_a_number_is_said_in_plain_words(run, cli_url: str) -> None:
    result = run("person", "show", "abc")
    shown = run("person", "show", "--help")

    assert result.exit_code == 2
    assert "'abc' is not a record id; give its number" in result.output
    assert "int range" not in result.output
    assert "int range" not in shown.output


NUMBERS_OUT_OF_RANGE = [
    (
        ["serve", "--port", "0"],
        "--port",
        "'0' is not a whole number from 1 to 65535; give the port to listen on, such as 8765.",
    ),
    (
        ["serve", "--port", "70000"],
        "--port",
        "'70000' is not a whole number from 1 to 65535; give the port to listen on, such as 8765.",
    ),
    (
        ["paths", "--limit", "51"],
        "--limit",
        "'51' is not a whole number from 1 to 50; give how many ways in.",
    ),
    (
        ["paths", "--limit", "0"],
        "--limit",
        "'0' is not a whole number from 1 to 50; give how many ways in.",
    ),
    (
        ["search", "Ada", "--limit", "101"],
        "--limit",
        "'101' is not a whole number from 1 to 100; give how many to show at most.",
    ),
    (
        ["interaction", "add", "interview", "--summary", "Panel", "--round", "two"],
        "--round",
        "'two' is not a whole number from 1 to 20; give the interview's round, such as 2.",
    ),
]


@pytest.mark.parametrize(("args", "option", "message"), NUMBERS_OUT_OF_RANGE)
def test_a_number_out_of_range_is_refused_saying_what_is_allowed(
    run, cli_url: str, args: list[str], option: str, message: str
) -> None:
    result = run(*args)
    as_json = run(*args, "--json") if args[0] != "serve" else None

    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert "range" not in result.output and "<=" not in result.output
    if as_json is not None:
        assert as_json.exit_code == 2
        error = json.loads(as_json.stdout)["error"]
        assert error["fields"] == [{"field": option, "message": message}]
        assert "<=" not in error["message"]


def test_a_number_option_says_its_bounds_in_help_not_clicks_range(run) -> None:
    for args in (["serve", "--help"], ["paths", "--help"], ["search", "--help"]):
        shown = run(*args).stdout

        assert "int range" not in shown and "<=x<=" not in shown


@pytest.mark.parametrize(
    ("field", "options", "option"),
    [
        ("occurred_at", {"--when", "--with"}, "--when"),
        ("participants.0.person_id", {"--when", "--with"}, "--with"),
        ("participants.2.rapport", {"--with"}, "--with"),
        ("organization_id", {"--org", "--org-id"}, "--org-id"),
        ("organization_id", {"--org", "--person"}, "--org"),
        ("pay_min", {"--pay-min"}, "--pay-min"),
        ("emails.1", {"--email"}, "--email"),
        ("person_id", {"--with"}, None),  # the command has no such option: the field stays
        ("__all__", {"--with"}, None),
    ],
)
def test_option_for_a_field(field: str, options: set[str], option: str | None) -> None:
    assert option_for(field, options) == option


def test_field_names_in_a_message_become_options_and_other_words_stay() -> None:
    options = {"--org", "--org-id", "--after", "--pay-min", "--pay-max", "--url"}

    assert options_in_text(
        "Name the organization (organization_name) or give its id (organization_id).", options
    ) == ("Name the organization (--org) or give its id (--org-id).")
    assert options_in_text("leave out `after`", options) == "leave out `--after`"
    assert options_in_text("pay_max is below pay_min.", options) == "--pay-max is below --pay-min."
    assert options_in_text("see https://urls.example.org and unknown_field", options) == (
        "see https://urls.example.org and unknown_field"
    )


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (
            ["person", "show", "0"],
            "PERSON_ID",
            "'0' is not a record id; give its number, such as 12.",
        ),
        (
            ["task", "list", "--status", "bogus"],
            "--status",
            "'bogus' is not one of 'open', 'done', 'snoozed', 'dismissed'.",
        ),
        (
            ["person", "list", "--limit", "abc"],
            "--limit",
            "'abc' is not a whole number from 1 to 500; give how many to show.",
        ),
        (["person", "list", "--bogus"], "--bogus", "No such option: --bogus"),
        (["--bogus", "person", "list"], "--bogus", "No such option: --bogus"),
    ],
)
def test_a_value_click_refuses_is_printed_in_the_api_shape_too_with_json(
    run, cli_url: str, args: list[str], field: str, message: str
) -> None:
    result = run(*args, "--json")

    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "invalid"
    assert error["fields"] == [{"field": field, "message": message}]
    assert field in result.stderr  # said on stderr too, for a person


@pytest.mark.parametrize("option", ["-o", "--output"])
def test_a_value_click_refuses_is_named_by_the_option_typed(
    run, cli_url: str, tmp_path, option: str
) -> None:
    """An option of two names is named as typed, as Click's own words name it ("Option '-o'
    requires an argument.")."""
    refused = run("people", "export", option, str(tmp_path))
    joined = run("people", "export", f"{option}{'=' if option == '--output' else ''}{tmp_path}")
    missing = run("people", "export", option)

    said = f"{option}: File '{tmp_path}' is a directory."
    assert refused.exit_code == joined.exit_code == missing.exit_code == 2
    assert refused.stderr.splitlines()[0] == f"Error: {said}"
    assert joined.stderr.splitlines()[0] == f"Error: {said}"
    assert missing.stderr.splitlines()[0] == (
        f"Error: {option} needs a value after it: {option} <file>."
    )


@pytest.mark.parametrize(
    ("args", "said", "command"),
    [
        (
            ["person", "list", "--limit", "abc"],
            "--limit: 'abc' is not a whole number from 1 to 500; give how many to show.",
            "goodword person list",
        ),
        (
            ["person", "list", "--limit"],
            "--limit needs a value after it: --limit N.",
            "goodword person list",
        ),
        (["person", "list", "--json=yes"], "--json takes no value: give it alone.", None),
        (
            ["--database-url"],
            "--database-url needs a value after it: --database-url URL.",
            "goodword",
        ),
        (["person", "lst"], "No such command 'lst'. Did you mean 'list'?", "goodword person"),
    ],
)
def test_a_refused_command_line_says_where_the_help_is_with_json_as_without(
    run, cli_url: str, args: list[str], said: str, command: str | None
) -> None:
    """The JSON error says what stderr says, where the help is too; a value an option
    cannot take (`--limit` with none) is refused in our words, with where the help is."""
    help_line = f"Try '{command or 'goodword person list'} --help' for help."
    plain = run(*args)
    # (`goodword --json --database-url` would take --json for the URL.)
    as_json = plain if args[0] == "--database-url" else run("--json", *args)

    for result in (plain, as_json):
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [f"Error: {said}", help_line]
    if as_json is not plain:
        assert json.loads(as_json.stdout)["error"]["message"] == f"{said} {help_line}"


def test_a_refused_value_prints_nothing_on_stdout_without_json(run, cli_url: str) -> None:
    result = run("task", "list", "--status", "bogus")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'bogus' is not one of" in result.stderr


@pytest.mark.parametrize(
    ("args", "said", "command"),
    [
        (
            ["person", "show", "abc"],
            "Error: PERSON_ID: 'abc' is not a record id; give its number, such as 12.",
            "goodword person show",
        ),
        (["person", "show"], "Error: Missing argument 'PERSON_ID'.", "goodword person show"),
        (["person", "list", "--bogus"], "Error: No such option: --bogus", "goodword person list"),
        (
            ["paths", "--limit", "x"],
            "Error: --limit: 'x' is not a whole number from 1 to 50; give how many ways in.",
            "goodword paths",
        ),
        (
            ["person", "show", "1", "extra"],
            "Error: 'extra' is a word too many: `goodword person show` takes PERSON_ID and "
            "options. Put a value with spaces in quotes.",
            "goodword person show",
        ),
        (
            ["task", "add", "Call", "Ada", "Lovelace"],
            "Error: 'Ada', 'Lovelace' are words too many: `goodword task add` takes TITLE and "
            "options. Put a value with spaces in quotes.",
            "goodword task add",
        ),
        (
            ["person", "list", "ada"],
            "Error: 'ada' is a word too many: `goodword person list` takes options only. Put a "
            "value with spaces in quotes.",
            "goodword person list",
        ),
        (
            # A control character typed or pasted is shown, never sent to the terminal.
            ["person", "list", "\x1b[31mred"],
            "Error: '\\x1b[31mred' is a word too many: `goodword person list` takes options "
            "only. Put a value with spaces in quotes.",
            "goodword person list",
        ),
        (
            # Quoted already, and the value of the command's one option given without it.
            ["laws", "Denver, CO"],
            "Error: 'Denver, CO' is a word too many: `goodword laws` takes options only. Did "
            "you mean --where 'Denver, CO'?",
            "goodword laws",
        ),
        (
            ["person", "list", "Ann Lee"],
            "Error: 'Ann Lee' is a word too many: `goodword person list` takes options only.",
            "goodword person list",
        ),
        (["nosuch"], "Error: No such command 'nosuch'.", "goodword"),
        (["--bogus", "person", "list"], "Error: No such option: --bogus", "goodword"),
    ],
)
def test_a_refused_command_line_is_said_plainly_as_other_errors_are(
    run, cli_url: str, args: list[str], said: str, command: str
) -> None:
    result = run(*args)

    # One "Error:" line as for every other error (no boxed panel), then where the help is.
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [said, f"Try '{command} --help' for help."]
    assert result.stdout == ""


def test_json_before_the_command_is_the_commands_own_json(run, cli_url: str) -> None:
    run("person", "add", "Ada Lovelace")

    before = run("--json", "person", "list")
    between = run("person", "--json", "list")
    after = run("person", "list", "--json")

    assert before.exit_code == 0, before.output
    assert json.loads(before.stdout) == json.loads(after.stdout) == json.loads(between.stdout)
    assert json.loads(before.stdout)["items"][0]["display_name"] == "Ada Lovelace"


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (["--json", "person", "list", "--limit", "0"], "invalid", 2),  # refused by Click
        (["--json", "person", "show", "99"], "not_found", 4),  # failed in the command
        (["--json", "--bogus", "person", "list"], "invalid", 2),  # an unknown global option
    ],
)
def test_an_error_under_json_before_the_command_is_printed_in_the_api_shape(
    run, cli_url: str, args: list[str], code: str, exit_code: int
) -> None:
    result = run(*args)
    after = run(*args[1:], "--json")

    assert result.exit_code == after.exit_code == exit_code
    assert json.loads(result.stdout) == json.loads(after.stdout)
    assert json.loads(result.stdout)["error"]["code"] == code
    assert result.stderr.startswith("Error: ")


def test_json_given_to_a_command_that_prints_none_is_refused_saying_so(run, cli_url: str) -> None:
    result = run("--json", "db", "upgrade")

    assert result.exit_code == 2
    message = "`goodword db upgrade` prints no JSON: it takes no --json."
    fields = [{"field": "--json", "message": message}]
    said = f"{message} Try 'goodword db upgrade --help' for help."
    assert json.loads(result.stdout) == {
        "error": {"code": "invalid", "message": said, "fields": fields}
    }
    assert result.stderr.splitlines()[0] == f"Error: {message}"


def test_every_argument_is_named_in_upper_case_in_usage_help_and_the_reference() -> None:
    root = typer.main.get_command(app)
    reference = render()

    for path, command in _commands(root):
        ctx = typer.Context(command, info_name=f"goodword {' '.join(path)}")
        usage = command.get_usage(ctx)
        for argument in (p for p in command.params if p.param_type_name == "argument"):
            name = argument.human_readable_name
            assert name == name.upper() and name[0].isalpha(), (path, name)
            assert name in usage, (path, name, usage)
            assert f"- `{name}`" in reference, (path, name)
        # (Plain names, as the help and errors write them: no {PERSON_ID}, no lower-case
        # name, and no type glued on: `{kind}:<meeting|...>`.)
        assert "{" not in usage and not re.search(r"\b[a-z_]+:<", usage), usage


def test_an_argument_taking_several_values_ends_in_one_ellipsis_in_usage() -> None:
    root = typer.main.get_command(app)
    usages = {
        path: command.get_usage(typer.Context(command, info_name=f"goodword {' '.join(path)}"))
        for path, command in _commands(root)
    }

    assert usages[("import",)] == "Usage: goodword import [OPTIONS] PATH..."
    assert not [usage for usage in usages.values() if "...." in usage]


@pytest.mark.parametrize(
    ("args", "name", "said"),
    [
        (["people", "merge", "1", "abc"], "ABSORBED_ID", "ABSORBED_ID: 'abc' is not a record id"),
        (
            ["references", "launch", "1", "x"],
            "OPPORTUNITY_ID",
            "OPPORTUNITY_ID: 'x' is not a record id",
        ),
        (["interaction", "add", "bogus"], "KIND", "KIND: 'bogus' is not one of 'meeting'"),
        (["task", "add"], "TITLE", "Missing argument 'TITLE'."),
    ],
)
def test_a_refused_argument_is_named_as_usage_shows_it(
    run, cli_url: str, args: list[str], name: str, said: str
) -> None:
    result = run(*args)
    usage = run(*args[:2], "--help").stdout.splitlines()[1]

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {said}")
    assert f" {name}" in usage and "{" not in usage


def test_a_record_id_with_a_control_character_is_shown_not_sent_to_the_terminal(
    run, cli_url: str
) -> None:
    result = run("person", "show", "\x1b[2J12")

    assert result.exit_code == 2
    assert "'\\x1b[2J12' is not a record id" in result.stderr
    assert "\x1b" not in result.output


def _named_fields() -> set[str]:
    """Every field a problem can be named by: each `FieldError("name", ...)` Goodword raises
    (a service's, a schema's, a command's own) and each field of its schemas' models."""
    import ast
    import importlib
    from pathlib import Path

    from pydantic import BaseModel

    source = Path(importlib.import_module("goodword").__file__ or "").parent
    named: set[str] = set()
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "FieldError"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                named.add(node.args[0].value.split(".", 1)[0])
        if path.name == "schemas.py":
            module = importlib.import_module(
                ".".join(("goodword", *path.relative_to(source).with_suffix("").parts))
            )
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, BaseModel):
                    named.update(value.model_fields)
    return named


def test_every_field_a_command_is_refused_on_is_named_by_an_option_it_shows() -> None:
    """A field's problem is named by the command's option for it, one its help shows: the
    paths API's `k` is `goodword paths --limit`, not --k (its name before, still taken but
    hidden). Each option the table names is one a command has."""
    from goodword.cli.common import OPTIONS_FOR_FIELDS

    fields = _named_fields()
    assert {"k", "to_person_id", "display_name", "participants"} <= fields
    root = typer.main.get_command(app)
    named_wrong, taken = [], set()
    for path, command in _commands(root):
        shown = {
            name
            for param in command.params
            if not getattr(param, "hidden", False)
            for name in (
                param.opts if param.param_type_name == "option" else [param.human_readable_name]
            )
        }
        every = shown | {name for param in command.params for name in getattr(param, "opts", [])}
        taken |= every
        for field in sorted(fields):
            option = option_for(field, every)
            if option is not None and option not in shown:
                named_wrong.append((" ".join(path), field, option))

    assert named_wrong == []
    assert {flag for flags in OPTIONS_FOR_FIELDS.values() for flag in flags} - taken == set()
