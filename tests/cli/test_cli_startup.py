"""What `goodword` loads to start: not the web framework nor the red-flag rules, which
cost about a second of every command's start, help included, and only some commands use;
nor, for the help, the database's code (SQLAlchemy, the models, Alembic), which a command
loads when it opens the database, Alembic only when the database is not at the latest
version."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

import goodword.cli
from goodword import migrate
from goodword.db import make_engine


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


# Helps of the command line, run in one fresh process (any of them builds every command and
# its options), and what they loaded that is the database's: SQLAlchemy, Alembic,
# goodword.db or any model.
SOME_HELPS = """
import json, sys
from goodword.cli import app

for words in ([], ["person"], ["people"], ["import"], ["opportunity", "add"], ["db"]):
    app([*words, "--help"], prog_name="goodword", standalone_mode=False)
loaded = sorted(
    m for m in sys.modules
    if m.split(".")[0] in ("sqlalchemy", "alembic")
    or m == "goodword.db" or (m.startswith("goodword.") and m.endswith(".models"))
)
print(json.dumps(loaded))
"""


def test_help_loads_no_database_code() -> None:
    """`goodword --help`, `goodword person --help` and the rest are read from the commands'
    options alone, without SQLAlchemy, the models or Alembic, which were most of a start's
    second."""
    shown = subprocess.run(
        [sys.executable, "-c", SOME_HELPS], capture_output=True, text=True, check=True
    ).stdout

    assert "Usage: goodword opportunity add [OPTIONS] ROLE" in shown
    assert json.loads(shown.strip().splitlines()[-1]) == []


def test_a_command_on_a_database_at_the_latest_version_loads_no_alembic(
    tmp_path: Path,
) -> None:
    """Alembic (and its reading of every migration) is for a database to upgrade or
    refuse; one already at the latest version is known so by one query."""
    url = f"sqlite:///{tmp_path / 'latest.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    code = (
        "import sys\n"
        "from goodword.cli import app\n"
        "app(['person', 'list', '--json'], prog_name='goodword', standalone_mode=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'sqlalchemy'}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}

    ran = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "GOODWORD_DATABASE_URL": url, "XDG_DATA_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )

    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == ""
    assert ran.stdout.strip().splitlines()[-1] == "['sqlalchemy']"


def test_a_command_in_a_new_process_still_brings_your_own_database_up_to_date(
    tmp_path: Path,
) -> None:
    """The database's code comes in when a command opens the database, so a command run on
    its own (not in this test process, where everything is loaded) still upgrades the
    user's own database in Goodword's data folder before using it."""
    data = tmp_path / "goodword"
    data.mkdir()
    engine = make_engine(f"sqlite:///{data / 'goodword.sqlite3'}")
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    head = script.get_current_head()
    migrate.upgrade(engine, str(script.get_revision(head).down_revision))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}

    ran = subprocess.run(
        [sys.executable, "-m", "goodword", "person", "list", "--json"],
        env={**env, "XDG_DATA_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )

    assert ran.returncode == 0, ran.stderr
    assert "Brought the database at" in ran.stderr
    assert json.loads(ran.stdout)["items"] == []
    assert migrate.current_revision(engine) == head
    engine.dispose()
