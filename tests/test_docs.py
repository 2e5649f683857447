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


def _prose(text: str) -> str:
    """Markdown without its code (fenced blocks and `spans`), where brackets are not links."""
    import re

    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`]*`", "", text)


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings ("## Splitting off a wrong match" is
    #splitting-off-a-wrong-match; a repeated heading gets -1, -2 after it)."""
    import re

    found: set[str] = set()
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6}\s+(.+)$", _prose(text), flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def test_every_link_in_the_docs_resolves():
    import re

    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        for words, target in re.findall(r"\[([^[\]]*)\]\(([^)\s]*)\)", _prose(page.read_text())):
            where = f"{page.relative_to(ROOT)}: [{words}]({target})"
            assert "\n" not in words, f"{where}: the link's words are wrapped across lines"
            if re.match(r"[a-z]+:", target):
                continue  # (a web address: not checked offline)
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{where}: no such file"
            if anchor and linked.suffix == ".md":
                assert anchor in _anchors(linked.read_text()), f"{where}: no such heading"
