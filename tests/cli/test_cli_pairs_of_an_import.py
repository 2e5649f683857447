"""goodword people duplicates --import, and not-same / reopen --import: an import's pairs
at once, asked first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _cards(path: Path, *people: tuple[str, str]) -> str:
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{full}\r\nORG:Acme\r\nEND:VCARD\r\n"
            for uid, full in people
        ),
        newline="",
    )
    return str(path)


def test_an_imports_pairs_are_listed_told_apart_after_asking_and_put_back(
    run, cli_url: str, tmp_path: Path
) -> None:
    assert run("import", _cards(tmp_path / "a.vcf", ("a1", "Maria Garcia"),
                                ("a2", "Maria Garcia"))).exit_code == 0  # fmt: skip
    assert run("import", _cards(tmp_path / "b.vcf", ("b1", "Wei Chen"), ("b2", "Wei Chen"),
                                ("b3", "Wei Chen"))).exit_code == 0  # fmt: skip
    listed = run("people", "duplicates", "--import", "2")
    assert listed.exit_code == 0, listed.output
    assert "3 pairs wait for you from import 2 in all." in listed.stdout
    assert "goodword people not-same --import 2" in listed.stdout
    refused = run("people", "not-same", "--import", "2", input="n\n")
    assert refused.stdout.endswith(
        "Mark all 3 waiting pairs of import 2 as two different people? [y/N]: n\nNothing marked.\n"
    )
    told = run("people", "not-same", "--import", "2", input="y\n")
    assert told.stdout.endswith(
        "Marked 3 pairs of import 2 as two people. Changed your mind: goodword people reopen "
        "--import 2\n"
    )
    waiting = json.loads(run("people", "duplicates", "--json").stdout)
    assert waiting["total"] == 1
    back = run("people", "reopen", "--import", "2", "--json")
    assert json.loads(back.stdout) == {"import_id": 2, "changed": 3}
    assert json.loads(run("people", "duplicates", "--json").stdout)["total"] == 4


def test_not_same_takes_a_pair_or_an_import(run, cli_url: str) -> None:
    for args in ((), ("1", "--import", "1")):
        result = run("people", "not-same", *args)
        assert result.exit_code == 2
        assert "Give a pair's number (PAIR_ID), or --import IMPORT_ID" in result.stderr
    missing = run("people", "not-same", "--import", "9", "--yes")
    assert missing.exit_code == 4
    assert "No import number 9" in missing.stderr


@contextmanager
def _statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs meanwhile."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", note)


def test_telling_an_imports_pairs_apart_reads_its_report_once(
    run, cli_url: str, tmp_path: Path
) -> None:
    """A kept report may be a whole large import's: counting the pairs and marking them
    use the one reading."""
    cards = _cards(tmp_path / "a.vcf", ("a1", "Wei Chen"), ("a2", "Wei Chen"))
    assert run("import", cards).exit_code == 0

    with _statements() as seen:
        told = run("people", "not-same", "--import", "1", "--yes")

    assert told.exit_code == 0, told.output
    assert "Marked 1 pair of import 1" in told.stdout
    assert len([s for s in seen if "import_runs.report" in s]) == 1
