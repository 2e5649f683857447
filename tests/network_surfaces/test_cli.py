"""`goodword paths`, `goodword connections import` and the warning on `opportunity move`,
in process through Typer's CliRunner, each test on its own migrated SQLite file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from goodword import migrate
from goodword.cli import app, common
from goodword.connections.models import Connection
from goodword.db import make_engine, make_session_factory, transaction
from goodword.people.models import Person, PersonEmail
from goodword.workspaces import service as workspaces
from network_surfaces.network_data import build_network

Run = Callable[..., Result]


@pytest.fixture
def cli_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(common, "data_dir", lambda: tmp_path / "data")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    monkeypatch.setenv("GOODWORD_DATABASE_URL", url)
    return url


def on_database(url: str, work: Callable[[Any, int], Any]) -> Any:
    engine = make_engine(url)
    try:
        with transaction(make_session_factory(engine)) as session:
            return work(session, workspaces.get_or_create(session).id)
    finally:
        engine.dispose()


@pytest.fixture
def ids(cli_url: str) -> dict[str, int]:
    def build(session: Any, ws: int) -> dict[str, int]:
        net = build_network(session, ws)
        return {
            "me": net.me.id,
            "dana": net.dana.id,
            "zed": net.zed.id,
            "acme_job": net.acme_job.id,
            "eve": net.eve.id,
        }

    return on_database(cli_url, build)


@pytest.fixture
def run(cli_url: str) -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return invoke


def test_paths_prints_each_way_in_explained_with_the_first_ask_and_draft(
    run: Run, ids: dict[str, int]
) -> None:
    result = run("paths", "--to-person", str(ids["dana"]))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Ways in to Dana Li")
    assert "1. Mara Castillo → Bo Jensen → Cy Okafor → Dana Li" in out
    assert "2. Mara Castillo → Eve Marsh → Dana Li" in out
    assert "3 meetings in the past year, last on 20 Oct" in out
    assert "Bo Jensen - Cy Okafor: 0.30 (Former colleague)" in out
    assert "First ask: Ask Bo Jensen to put you in touch with Cy Okafor" in out
    assert "   Draft to Bo Jensen <bo@example.org>\n" in out
    assert "   Subject: Would you introduce me to Cy Okafor?\n" in out
    assert "Hi Bo," in out


def test_paths_says_each_ways_score_once_and_counts_introductions_in_words(
    run: Run, ids: dict[str, int]
) -> None:
    result = run("paths", "--to-person", str(ids["dana"]))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = lines[lines.index("1. Mara Castillo → Bo Jensen → Cy Okafor → Dana Li") + 1]
    second = lines[lines.index("2. Mara Castillo → Eve Marsh → Dana Li") + 1]
    assert first.startswith("   2 introductions; tie strengths ")
    assert second.startswith("   One introduction; tie strengths ")
    assert [line.count("score") for line in (first, second)] == [1, 1]
    assert "path strength" not in result.stdout
    assert "(s)" not in result.stdout


def test_a_draft_to_someone_with_two_addresses_is_addressed_to_one_and_says_why(
    run: Run, ids: dict[str, int], cli_url: str
) -> None:
    def second_address(session: Any, ws: int) -> None:
        bo = session.scalar(select(Person).where(Person.display_name == "Bo Jensen"))
        bo.emails.append(PersonEmail(workspace_id=ws, address="bo.jensen@mail.example"))

    on_database(cli_url, second_address)

    result = run("paths", "--to-person", str(ids["dana"]))

    assert result.exit_code == 0, result.output
    assert (
        "   Draft to Bo Jensen <bo@example.org>\n"
        "   To bo@example.org, of their 2 addresses: the first recorded.\n"
    ) in result.stdout


def test_paths_as_json_is_the_api_shape(run: Run, ids: dict[str, int]) -> None:
    result = run("paths", "--to-org", "Acme Robotics", "--limit", "1", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["target"] == "Acme Robotics"
    assert len(body["paths"]) == 1
    assert [p["name"] for p in body["paths"][0]["people"]][-1] == "Dana Li"
    start = json.loads(
        run("paths", "--to-person", str(ids["dana"]), "--from", str(ids["eve"]), "--json").stdout
    )
    assert [p["name"] for p in start["paths"][0]["people"]] == ["Eve Marsh", "Dana Li"]


def test_paths_shows_entry_points_when_nothing_reaches_the_target(
    run: Run, ids: dict[str, int]
) -> None:
    result = run("paths", "--to-person", str(ids["zed"]))
    assert result.exit_code == 0, result.output
    assert "No chain of up to three introductions reaches Zed Aalto yet" in result.stdout
    assert "Entry points" in result.stdout
    assert "1. Yan Moss (Account Manager)" in result.stdout
    assert "Advice call: Ask Yan Moss for twenty minutes of advice" in result.stdout
    dept = run("paths", "--to-org", "Borealis Freight", "--department", "operations")
    assert dept.exit_code == 0
    assert "Yan Moss" in dept.stdout
    assert run("paths", "--to-org", "Borealis Freight", "--dept", "operations").stdout == (
        dept.stdout
    )


def test_paths_exit_codes(run: Run, ids: dict[str, int]) -> None:
    nothing = run("paths")
    assert nothing.exit_code == 2
    assert "one of --to-person, --to-org or --opportunity" in nothing.stderr
    two = run("paths", "--to-person", str(ids["dana"]), "--opportunity", str(ids["acme_job"]))
    assert two.exit_code == 2
    dept = run("paths", "--to-person", str(ids["dana"]), "--department", "sales")
    assert dept.exit_code == 2
    assert "--department narrows an organization" in dept.stderr
    # An id or a name given in an option that names nothing is invalid input, as elsewhere.
    unknown = run("paths", "--to-person", "9999")
    assert unknown.exit_code == 2
    assert (
        unknown.stderr.splitlines()[1]
        == "  --to-person: No person number 9999: they may have been deleted."
    )
    assert run("paths", "--to-org", "Nowhere Inc").exit_code == 2
    assert run("paths", "--to-person", str(ids["dana"]), "--from", "9999").exit_code == 2
    assert run("paths", "--opportunity", "9999").exit_code == 2
    assert run("paths", "--to-person", str(ids["dana"]), "--limit", "0").exit_code == 2


def test_paths_with_no_target_or_more_than_one_names_the_options_not_a_field(
    run: Run, ids: dict[str, int]
) -> None:
    nothing = run("paths")
    two = run("paths", "--to-person", str(ids["dana"]), "--to-org", "Acme Robotics", "--json")
    dept = run("paths", "--to-person", str(ids["dana"]), "--department", "sales", "--json")

    assert nothing.stderr == (
        "Error: Say where you want to get to: give one of --to-person, --to-org or --opportunity.\n"
    )
    assert two.stderr.splitlines()[1:] == [
        "  --to-person: Give only one target.",
        "  --to-org: Give only one target.",
    ]
    fields = json.loads(two.stdout)["error"]["fields"]
    assert [f["field"] for f in fields] == ["to_person_id", "to_organization"]
    assert dept.stderr.splitlines()[1] == "  --department: Give --to-org too."
    assert json.loads(dept.stdout)["error"]["fields"][0]["field"] == "department"


def test_connections_import_reports_what_it_added(
    run: Run, ids: dict[str, int], cli_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "club.csv"
    file.write_text(f"a,b,kind\nid:{ids['me']},pia@example.org,friend\nm-17,pia@example.org,\n")
    result = run("connections", "import", str(file))
    assert result.exit_code == 0, result.output
    assert "Imported club.csv" in result.stdout
    added = next(line for line in result.stdout.splitlines() if "People added" in line)
    assert added.split("│")[2].strip() == "2"
    as_json = run("connections", "import", str(file), "--json")
    assert json.loads(as_json.stdout) == {
        "lines": 2,
        "people_created": 0,
        "connections_created": 0,
        "already_recorded": 2,
    }


def test_connections_import_names_the_bad_line_and_writes_nothing(
    run: Run, ids: dict[str, int], cli_url: str, tmp_path: Path
) -> None:
    def counts(session: Any, ws: int) -> tuple[int, int]:
        def n(model: Any) -> int:
            query = select(func.count()).select_from(model).where(model.workspace_id == ws)
            return int(session.scalar(query) or 0)

        return n(Person), n(Connection)

    before = on_database(cli_url, counts)
    file = tmp_path / "club.csv"
    file.write_text(f"a,b,closeness\nid:{ids['me']},new@example.org,3\nx@example.org,y,9\n")
    result = run("connections", "import", str(file))
    assert result.exit_code == 2
    assert "line 3: Closeness '9' must be a whole number from 1 to 5." in result.stderr
    assert "nothing was imported" in result.stderr
    assert on_database(cli_url, counts) == before
    missing = run("connections", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2


def test_connections_import_lists_every_problem_in_line_order(
    run: Run, ids: dict[str, int], tmp_path: Path
) -> None:
    file = tmp_path / "ties.csv"
    file.write_text("a,b,kind,closeness\nid:999,x@y.example,friend,9\nm-1,m-2,bestie,2\n")

    result = run("connections", "import", str(file))

    assert result.exit_code == 2
    assert result.stderr.splitlines()[1:] == [
        "  line 2: No person number 999: they may have been deleted. "
        "Closeness '9' must be a whole number from 1 to 5.",
        "  line 3: Kind 'bestie' is not one of colleague, former_colleague, friend, "
        "interviewer, recruiter, referred_by, met_at_event, linkedin, knows.",
    ]
    assert result.stderr.startswith("Error: ties.csv: 2 lines could not be read;")


def test_opportunity_move_to_applied_prints_the_warning(run: Run, ids: dict[str, int]) -> None:
    result = run("opportunity", "move", str(ids["acme_job"]), "applied")
    assert result.exit_code == 0, result.output
    assert "Product Manager at Acme Robotics is now Applied." in result.stdout
    assert "Warning: No introduction or referral is recorded" in result.stdout
    assert "The best way in is you → Bo Jensen → Cy Okafor → Dana Li" in result.stdout
    assert f"goodword paths --opportunity {ids['acme_job']}" in result.stdout
    again = run("opportunity", "move", str(ids["acme_job"]), "interviewing", "--json")
    assert json.loads(again.stdout)["warning"] is None


def test_opportunity_move_as_json_carries_the_warning(run: Run, ids: dict[str, int]) -> None:
    result = run("opportunity", "move", str(ids["acme_job"]), "applied", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["stage"] == "applied"
    assert body["warning"]["best_path"]["people"][1]["name"] == "Bo Jensen"


def test_paths_use_the_strength_settings(
    run: Run, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def first_tie() -> float:
        body = json.loads(run("paths", "--to-person", str(ids["dana"]), "--json").stdout)
        return float(body["paths"][0]["ties"][0]["strength"])

    default = first_tie()
    monkeypatch.setenv("GOODWORD_STRENGTH_CLOSENESS_WEIGHT", "0")
    assert first_tie() < default


def test_paths_options_are_named_as_other_commands_and_the_page_name_them(
    run: Run, ids: dict[str, int]
) -> None:
    """--limit as every list has (the page's How many ways), --department as person job has
    (the page's Department or title); --k and --dept, the names before, still work."""
    shown = run("paths", "--help").stdout

    assert "--limit" in shown and "--department" in shown
    assert "--k " not in shown
    limited = run("paths", "--to-org", "Acme Robotics", "--limit", "1", "--json")
    older = run("paths", "--to-org", "Acme Robotics", "--k", "1", "--json")
    assert limited.exit_code == 0 and older.stdout == limited.stdout
    assert len(json.loads(older.stdout)["paths"]) == 1
