"""What `--help` says: the words a user reads before typing a command name what they mean."""

from __future__ import annotations

import typer
from click import Command

from goodword.cli import app


def _option_help(path: tuple[str, ...], name: str) -> str:
    command: Command = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]  # type: ignore[attr-defined]
    option = next(p for p in command.params if name in p.opts)
    return str(option.help)


def _argument_help(path: tuple[str, ...], name: str) -> str:
    command: Command = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]  # type: ignore[attr-defined]
    argument = next(p for p in command.params if p.human_readable_name == name)
    return str(getattr(argument, "help", ""))


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
