"""What `--help` says: the words a user reads before typing a command name what they mean."""

from __future__ import annotations

from typing import Any

import typer

from goodword.cli import app


def _command(path: tuple[str, ...]) -> Any:
    command: Any = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]
    return command


def _option_help(path: tuple[str, ...], name: str) -> str:
    return str(next(p for p in _command(path).params if name in p.opts).help)


def _argument_help(path: tuple[str, ...], name: str) -> str:
    argument = next(p for p in _command(path).params if p.human_readable_name == name)
    return str(argument.help)


def test_merge_prefer_says_which_person_a_and_b_are() -> None:
    said = _option_help(("people", "merge"), "--prefer")

    assert "the person kept (a: SURVIVOR_ID)" in said
    assert "the one folded in (b: ABSORBED_ID)" in said
    assert "A's" not in said


def test_references_launch_says_where_to_find_its_two_ids() -> None:
    reference = _argument_help(("references", "launch"), "REFERENCE_ID")
    opportunity = _argument_help(("references", "launch"), "OPPORTUNITY_ID")

    assert reference == "The reference (id; see `goodword references list`)."
    assert opportunity == "The opportunity (id; see `goodword opportunity list`)."


def test_referrals_advance_names_the_statuses_it_takes() -> None:
    said = _argument_help(("referrals", "advance"), "STATUS")

    assert "..." not in said
    assert said.endswith("asked, agreed, declined, introduced, interviewing, offer or closed.")


def test_people_duplicates_names_both_ways_to_settle_a_pair() -> None:
    said = str(_command(("people", "duplicates")).help)

    assert "`people merge`" in said and "`people not-same`" in said


def _without_json(command: Any, path: tuple[str, ...] = ()) -> set[str]:
    if hasattr(command, "commands"):
        return {
            name
            for word, sub in command.commands.items()
            for name in _without_json(sub, (*path, word))
        }
    takes = any("--json" in getattr(p, "opts", ()) for p in command.params)
    return set() if takes else {" ".join(path)}


def test_the_help_names_every_command_that_takes_no_json() -> None:
    """`goodword --help` says lists, shows and saves take --json: the commands that do not
    are named there, so the claim stays true."""
    said = " ".join(str(typer.main.get_command(app).help).split())
    named = said.split("take none: ", 1)[1].split(".", 1)[0]

    assert {name.strip().strip("`") for name in named.replace(" and ", ", ").split(",")} == (
        _without_json(typer.main.get_command(app))
    )
