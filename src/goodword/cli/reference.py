"""Write the command-line reference (docs/cli.md) from the commands themselves.

`python -m goodword.cli.reference > docs/cli.md` regenerates it; a test fails when it is stale,
so the reference always describes exactly the commands that exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

INTRO = """\
# The `goodword` command line

The everyday work of the web app is also a command: adding and listing records, moving
opportunities, importing, the playbooks, warm paths, checking messages and exporting. Some
things are only on the web pages and in the API, such as editing an organization, an
interaction or a task (a person, their jobs, an opportunity and a lead can be changed here:
`person edit`, `person job`, `opportunity edit`, `leads edit`), snoozing a task,
reviewing possible duplicates side by side, the playbook that reaches a hiring manager
through an advice call, and an opportunity's posting text with the red flags found in it
(`goodword check` reads a posting you give it). `goodword search` finds the ids other commands
take. Run `goodword --help`, or `goodword COMMAND --help`, for the same text as
below. Lists and shows take `--json` and print the API's shape; `--json` may come before the
command too (`goodword --json person list`), and a command that prints no JSON says so. A
list that comes a page at a time prints the API's page: `items`, `next` (give it to `--after`
for the page after) and `prev` (give it to `--before`, the API's `before`, for the page before;
null on the first).

Global option: `--database-url URL` (or the environment variable `GOODWORD_DATABASE_URL`)
chooses the database; the default is the SQLite file in your data directory
(see [configuration.md](configuration.md)).

Exit codes: 0 success; 1 an error; 2 invalid input (the message names the option you typed,
such as `--due`; a `--json` error names the API's field, such as `due_date`, but for a command
line refused before the command runs, which names the option and says where the help is),
which includes an id given in an option that names no record (`task add T --person 99`) and a
setting given wrongly (each `GOODWORD_` variable named, with what it takes); 3 a conflict (such as
a duplicate); 4 not found: the record the command is about (`person show 99`, `task done 99`);
5 the database cannot be reached (or its URL, or the folder of its SQLite file, is wrong), or is
busy with another program's writing (the web app's import, say: try again in a minute); 6 the
database needs `goodword db upgrade`.

This page is generated from the commands (`python -m goodword.cli.reference > docs/cli.md`).
"""


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for name, command in sorted(group.commands.items()):
        if getattr(command, "hidden", False):
            continue
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield path, command


def _parameter(param: Any) -> str | None:
    if getattr(param, "hidden", False) or param.name in {"help"}:
        return None
    help_text = (getattr(param, "help", None) or "").strip()
    if param.param_type_name == "argument":
        return f"- `{param.human_readable_name}`{' — ' + help_text if help_text else ''}"
    names = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
    default = param.default
    shown = ""
    if not getattr(param, "is_flag", False) and default not in (None, "", (), []):
        value = getattr(default, "value", default)
        shown = f" (default: `{value}`)"
    return f"- {names}{' — ' + help_text if help_text else ''}{shown}"


def render() -> str:
    """Return the whole reference as Markdown."""
    from goodword.cli import app

    root = typer.main.get_command(app)
    lines = [INTRO]
    for path, command in _commands(root):
        lines.append(f"## `goodword {' '.join(path)}`\n")
        lines.append((command.help or "").strip() + "\n")
        params = [p for p in (_parameter(param) for param in command.params) if p]
        if params:
            lines.extend(params)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
