"""What `goodword` loads to start: not the web framework nor the red-flag rules, which
cost about a second of every command's start, help included, and only some commands use."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import goodword.cli


def test_starting_the_cli_loads_neither_the_web_framework_nor_the_red_flag_rules() -> None:
    code = (
        "import sys, goodword.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette')\n"
        "      or m.startswith('goodword.redflags')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert loaded.strip() == "[]"


# The commands that serve the web app (`serve`), the only ones that load it.
SERVING = {"goodword.server", "goodword.web"}


def _imports_of_the_commands() -> list[tuple[list[str], str]]:
    """Each import of a goodword module in a file of goodword/cli, at the top or inside a
    command: the modules it may name (`from goodword.referrals import api` may be
    goodword.referrals.api) and the statement."""
    found = []
    for path in sorted(Path(goodword.cli.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("goodword"):
                module = str(node.module)
                if module not in SERVING:
                    named = [f"{module}.{alias.name}" for alias in node.names]
                    statement = f"from {module} import {', '.join(a.name for a in node.names)}"
                    found.append(([module, *named], statement))
            elif isinstance(node, ast.Import):
                found += [
                    ([alias.name], f"import {alias.name}")
                    for alias in node.names
                    if alias.name.startswith("goodword") and alias.name not in SERVING
                ]
    return found


def test_no_command_imports_from_the_api_or_the_pages() -> None:
    """What the CLI and the API share lives in an aggregate's schemas.py or service.py (or a
    pure module such as goodword.cursors), not in the routes of either."""
    web = re.compile(r"^goodword\.(api|deps|pages)$|[._](api|views)$")

    imports = _imports_of_the_commands()
    assert [said for names, said in imports if any(web.search(n) for n in names)] == []


def test_what_the_commands_import_loads_no_web_framework() -> None:
    code = "\n".join(statement for _, statement in _imports_of_the_commands()) + (
        "\nimport sys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert loaded.strip() == "[]"
