"""What `goodword` loads to start: not the web framework nor the red-flag rules, which
cost about a second of every command's start, help included, and only some commands use."""

from __future__ import annotations

import subprocess
import sys


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
