"""The docs cannot drift from the code: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

from goodword.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "configuration.md").read_text()
    for name in Settings.model_fields:
        assert f"`GOODWORD_{name.upper()}`" in text, f"GOODWORD_{name.upper()} is not documented"


def test_every_documented_setting_exists():
    import re

    text = (ROOT / "docs" / "configuration.md").read_text()
    main_table = text.split("## Test-only variables")[0]
    documented = set(re.findall(r"`GOODWORD_([A-Z_]+)`", main_table))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_readme_opens_with_the_two_commands():
    head = "\n".join((ROOT / "README.md").read_text().splitlines()[:15])
    assert "make run" in head and "make test" in head


def test_every_runtime_dependency_is_explained():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = (ROOT / "docs" / "dependencies.md").read_text().lower()
    for requirement in project["dependencies"]:
        name = requirement.split("[")[0].split(">")[0].split("=")[0].strip().lower()
        assert name in text, f"{name} is not explained in docs/dependencies.md"


def test_every_optional_dependency_is_explained():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = (ROOT / "docs" / "dependencies.md").read_text().lower().splitlines()
    # Each package has a row of its own, named in the row's first cell.
    named = " ".join(line.split("|")[1] for line in lines if line.startswith("| "))
    for extra, requirements in project["optional-dependencies"].items():
        for requirement in requirements:
            name = requirement.split("[")[0].split(">")[0].split("=")[0].strip().lower()
            assert name in named, f"{name} ([{extra}]) is not explained in docs/dependencies.md"


def test_the_cli_reference_is_current():
    from goodword.cli import reference

    current = (ROOT / "docs" / "cli.md").read_text()
    assert current == reference.render(), (
        "docs/cli.md is stale: run `.venv/bin/python -m goodword.cli.reference > docs/cli.md`"
    )


def test_the_cli_reference_covers_every_command():
    from goodword.cli import reference

    text = reference.render()
    for word in ("serve", "db upgrade", "demo", "export", "import-json", "person add"):
        assert f"## `goodword {word}`" in text
