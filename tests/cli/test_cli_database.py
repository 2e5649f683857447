"""`goodword db upgrade|current` and `goodword serve`: clear lines when the database is not
ready, and never a password in them."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from goodword import migrate
from goodword.db import make_engine

UNREACHABLE = "postgresql://u:secret@127.0.0.1:1/x"


def test_db_upgrade_brings_an_empty_database_to_the_latest_version(run, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    engine = make_engine(url)
    head = migrate.head_revision(engine)

    first = run("--database-url", url, "db", "upgrade")
    second = run("--database-url", url, "db", "upgrade")

    assert first.exit_code == 0, first.output
    assert (
        first.stdout
        == f"Upgraded the database at {tmp_path / 'fresh.sqlite3'} to version {head}.\n"
    )
    assert second.exit_code == 0
    assert "already at the latest version" in second.stdout
    assert migrate.current_revision(engine) == head
    engine.dispose()


def test_db_upgrade_works_on_both_backends(run, empty_database_url: str) -> None:
    result = run("--database-url", empty_database_url, "db", "upgrade")
    current = run("--database-url", empty_database_url, "db", "current")

    assert result.exit_code == 0, result.output
    assert current.exit_code == 0
    assert current.stdout.endswith("Up to date.\n")


def test_db_current_says_a_new_sqlite_file_is_set_up_by_the_first_command(
    run, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"

    new = run("--database-url", url, "db", "current")
    used = run("--database-url", url, "person", "list")
    then = run("--database-url", url, "db", "current")

    # Not "Behind": every command sets a new SQLite file up itself.
    assert new.exit_code == 0, new.output
    assert "Version:  none (empty database)" in new.stdout
    assert new.stdout.endswith(
        "New: nothing is set up in it yet. The first command that uses it sets it up "
        "(`goodword db upgrade` does it now).\n"
    )
    assert "Brought the database at" in used.stderr  # (db current changed nothing)
    assert then.exit_code == 0
    assert then.stdout.endswith("Up to date.\n")


def test_db_current_says_when_an_upgrade_is_needed(run, tmp_path: Path) -> None:
    url = older(f"sqlite:///{tmp_path / 'old.sqlite3'}")

    result = run("--database-url", url, "db", "current")

    assert result.exit_code == 6  # as for any command that needs the upgrade
    assert result.stdout.endswith("Behind: run `goodword db upgrade`.\n")


def test_db_current_gives_its_version_and_state_as_json_for_a_script(run, tmp_path: Path) -> None:
    new_url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    old_url = older(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    engine = make_engine(old_url)
    version, head = migrate.current_revision(engine), migrate.head_revision(engine)
    engine.dispose()

    new = run("--database-url", new_url, "db", "current", "--json")
    behind = run("--database-url", old_url, "db", "current", "--json")
    run("--database-url", old_url, "db", "upgrade")
    done = run("--database-url", old_url, "--json", "db", "current")

    assert new.exit_code == 0, new.output
    assert json.loads(new.stdout) == {
        "database": new_url,
        "version": None,
        "latest": head,
        "state": "new",
    }
    assert behind.exit_code == 6  # (as without --json)
    assert json.loads(behind.stdout) == {
        "database": old_url,
        "version": version,
        "latest": head,
        "state": "behind",
    }
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["state"] == "up_to_date"
    assert json.loads(done.stdout)["version"] == head


def test_db_current_says_an_empty_postgresql_database_needs_db_upgrade(
    run, empty_database_url: str
) -> None:
    result = run("--database-url", empty_database_url, "db", "current")

    if empty_database_url.startswith("postgresql"):  # (commands leave it to its owner)
        assert result.exit_code == 6
        assert result.stdout.endswith("Behind: run `goodword db upgrade`.\n")
    else:
        assert result.exit_code == 0
        assert "New: nothing is set up in it yet." in result.stdout


def test_db_current_says_the_users_own_database_is_upgraded_by_the_next_command(
    run, _private_data_dir: Path
) -> None:
    _private_data_dir.mkdir(parents=True, exist_ok=True)
    url = older(f"sqlite:///{_private_data_dir / 'goodword.sqlite3'}")

    result = run("--database-url", url, "db", "current")

    assert result.exit_code == 6
    assert result.stdout.endswith(
        "Behind: the next command that uses it upgrades it first, as it is your own (in "
        "Goodword's data folder); or run `goodword db upgrade`.\n"
    )


def test_db_current_says_a_database_a_newer_goodword_set_up_is_ahead(run, tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed2099'")

    result = run("--database-url", url, "db", "current")

    assert result.exit_code == 6
    assert "Version:  f00dfeed2099" in result.stdout
    assert result.stdout.endswith(
        "Ahead: a newer Goodword set it up; upgrade Goodword to use it.\n"
    )


@pytest.mark.parametrize("command", [["db", "upgrade"], ["person", "list"], ["serve"]])
def test_a_database_a_newer_goodword_set_up_is_refused_in_words_even_your_own(
    run, _private_data_dir: Path, served: list[dict[str, Any]], command: list[str]
) -> None:
    # Your own database (which commands upgrade by themselves) set up by a newer Goodword:
    # neither used nor "upgraded", and said so without a traceback.
    _private_data_dir.mkdir(parents=True, exist_ok=True)
    path = _private_data_dir / "goodword.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed2099'")

    result = run("--database-url", f"sqlite:///{path}", *command)

    assert result.exit_code == 6
    assert "was set up by a newer Goodword (version f00dfeed2099); upgrade Goodword to use it." in (
        result.stderr
    )
    assert "Traceback" not in result.output and served == []


@pytest.mark.parametrize(
    "command", [["db", "upgrade"], ["db", "current"], ["serve"], ["person", "list"]]
)
def test_an_unreachable_database_is_one_line_naming_the_host_never_the_password(
    run, served: list[dict[str, Any]], command: list[str]
) -> None:
    result = run("--database-url", UNREACHABLE, *command)

    assert result.exit_code == 5
    assert result.stdout == ""
    assert result.stderr.startswith("Error: Cannot reach the database at 127.0.0.1 (postgresql)")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "secret" not in result.output
    assert served == []


def test_the_database_url_can_come_from_the_environment(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_DATABASE_URL", UNREACHABLE)

    result = run("db", "upgrade")

    assert result.exit_code == 5
    assert "127.0.0.1" in result.stderr
    assert "secret" not in result.output


def test_a_url_that_is_not_a_url_is_explained(run) -> None:
    result = run("--database-url", "not a url", "db", "upgrade")

    assert result.exit_code == 5
    assert result.stderr == (
        "Error: --database-url is not a database URL: it does not begin with a kind of "
        "database and ://. Use sqlite:///path/to/file.sqlite3 or "
        "postgresql+psycopg://user@host/dbname.\n"
    )
    assert "SQLAlchemy" not in result.output  # (its words, not ours)


def test_a_url_whose_port_is_no_number_is_explained(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOODWORD_DATABASE_URL", "postgresql://ann:s3cret@db.example:543x/gw")

    result = run("person", "list")

    assert result.exit_code == 5
    assert result.stderr == (
        "Error: GOODWORD_DATABASE_URL is not a database URL: the port after the host's colon "
        "is not a number. Use sqlite:///path/to/file.sqlite3 or "
        "postgresql+psycopg://user@host/dbname.\n"
    )
    assert "s3cret" not in result.output


def older(url: str) -> str:
    """A database set up by an older Goodword: at the version before the latest."""
    engine = make_engine(url)
    migrate.upgrade(engine, "head-1")
    engine.dispose()
    return url


def test_serve_refuses_a_database_that_needs_an_upgrade(
    run, tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    result = run("--database-url", older(f"sqlite:///{tmp_path / 'old.sqlite3'}"), "serve")

    assert result.exit_code == 6
    assert "Run `goodword db upgrade` first." in result.stderr
    assert served == []


def test_record_commands_refuse_a_database_that_needs_an_upgrade(run, tmp_path: Path) -> None:
    url = older(f"sqlite:///{tmp_path / 'old.sqlite3'}")

    result = run("--database-url", url, "person", "list")

    assert result.exit_code == 6
    assert "goodword db upgrade" in result.stderr
    engine = make_engine(url)
    assert migrate.current_revision(engine) != migrate.head_revision(engine)  # left alone
    engine.dispose()


@pytest.mark.parametrize(
    "command",
    [["person", "add", "Ada Lovelace"], ["person", "list"], ["serve"], ["export"]],
)
def test_every_command_sets_up_a_new_sqlite_file_itself(
    run, tmp_path: Path, served: list[dict[str, Any]], command: list[str]
) -> None:
    path = tmp_path / "new.sqlite3"

    result = run("--database-url", f"sqlite:///{path}", *command)

    assert result.exit_code == 0, result.output
    assert f"Brought the database at {path} to the latest version." in result.stderr
    assert run("--database-url", f"sqlite:///{path}", "person", "list").exit_code == 0


def test_a_new_sqlite_file_is_set_up_but_a_new_postgresql_database_left_for_db_upgrade(
    run, empty_database_url: str
) -> None:
    result = run("--database-url", empty_database_url, "person", "list")

    if empty_database_url.startswith("postgresql"):  # (a server's: its owner upgrades it)
        assert result.exit_code == 6
        assert "Run `goodword db upgrade` first." in result.stderr
    else:
        assert result.exit_code == 0, result.output
        assert "Brought the database at" in result.stderr


def test_serve_upgrades_the_users_own_database_by_itself(
    run, _private_data_dir: Path, served: list[dict[str, Any]]
) -> None:
    path = _private_data_dir / "goodword.sqlite3"

    result = run("--database-url", f"sqlite:///{path}", "serve", "--port", "8999")

    assert result.exit_code == 0, result.output
    assert f"Brought the database at {path} to the latest version." in result.stderr
    engine = make_engine(f"sqlite:///{path}")
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    engine.dispose()
    assert served[0]["port"] == 8999


def test_serve_runs_the_app_on_the_given_address(
    run, cli_url: str, served: list[dict[str, Any]]
) -> None:
    result = run("serve", "--host", "0.0.0.0", "--port", "9001")

    assert result.exit_code == 0, result.output
    assert "Goodword is running at http://0.0.0.0:9001/" in result.stderr
    [call] = served
    assert isinstance(call["app"], FastAPI)
    assert (call["host"], call["port"]) == ("0.0.0.0", 9001)
    assert call["log"] is False  # the calendar feed's address carries its secret
    assert "It answers on every address of this machine, by these names: " in result.stderr
    assert "GOODWORD_ALLOWED_HOSTS" in result.stderr  # and how to add another


def test_serve_answers_to_the_address_it_is_served_on_and_no_other_name(
    run, cli_url: str, served: list[dict[str, Any]]
) -> None:
    result = run("serve", "--host", "192.168.1.5")

    assert result.exit_code == 0, result.output
    assert "GOODWORD_ALLOWED_HOSTS" not in result.stderr
    with TestClient(served[0]["app"], base_url="http://192.168.1.5:8765") as client:
        assert client.get("/api/v1/people").status_code == 200
    with TestClient(served[0]["app"], base_url="http://rebound.example:8765") as client:
        assert client.get("/api/v1/people").status_code == 400


def test_serve_takes_its_defaults_from_the_settings(
    run, cli_url: str, served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_PORT", "8111")

    result = run("serve")

    assert result.exit_code == 0, result.output
    assert (served[0]["host"], served[0]["port"]) == ("127.0.0.1", 8111)


def test_a_bad_setting_is_named_without_a_traceback(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_PORT", "eighty")

    result = run("person", "list")

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: GOODWORD_PORT: 'eighty' is not a whole number from 1 to 65535; give the port "
        "`goodword serve` listens on (default 8765). Fix it in the environment, or unset it "
        "for its default.\n"
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [("person", "list", "--json"), ("serve",)])
def test_bad_settings_are_each_said_in_our_words_naming_the_variable(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.setenv("GOODWORD_PAGE_SIZE", "2")
    monkeypatch.setenv("GOODWORD_PHONE_REGION", "usa")
    monkeypatch.setenv("GOODWORD_DEBUG_SQL", "maybe")
    monkeypatch.setenv("GOODWORD_STRENGTH_CONTACT_WEIGHT", "1.5")
    monkeypatch.setenv("GOODWORD_ALLOWED_HOSTS", "a*b")

    result = run(*command)

    assert result.exit_code == 2
    said = [
        "Error: 5 settings are not valid; fix each in the environment, or unset it for its "
        "default:",
        "  GOODWORD_ALLOWED_HOSTS: 'a*b': give host names (goodword.example.org), a whole "
        "domain as *.example.org, or * alone for any name.",
        "  GOODWORD_PAGE_SIZE: '2' is not a whole number from 5 to 500; give how many rows a "
        "page of a list shows (default 50).",
        "  GOODWORD_PHONE_REGION: 'usa' is not a two-letter country code; give the country "
        "assumed for phone numbers written without one, such as US or GB (default US).",
        "  GOODWORD_DEBUG_SQL: 'maybe' is not true or false (1 or 0, yes or no, on or off); "
        "give whether to log every SQL statement (default false).",
        "  GOODWORD_STRENGTH_CONTACT_WEIGHT: '1.5' is not a number from 0 to 1; give how "
        "much logged contact adds to a tie's strength (default 0.7).",
    ]
    assert result.stderr.splitlines() == said
    assert "Input should" not in result.output  # (pydantic's words)
    if "--json" in command:
        error = json.loads(result.stdout)["error"]
        assert error["message"] == said[0].removeprefix("Error: ")
        assert [f["field"] for f in error["fields"]] == [
            "GOODWORD_ALLOWED_HOSTS",
            "GOODWORD_PAGE_SIZE",
            "GOODWORD_PHONE_REGION",
            "GOODWORD_DEBUG_SQL",
            "GOODWORD_STRENGTH_CONTACT_WEIGHT",
        ]


def test_serve_says_plainly_when_its_port_is_in_use(run, cli_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = run("serve", "--port", str(port))

    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: Port {port} is in use")
    assert "--port" in result.stderr and "GOODWORD_PORT" in result.stderr
    assert "is running" not in result.stderr  # never announced where it is not


def test_serve_says_when_an_address_is_not_this_machines(run, cli_url: str) -> None:
    result = run("serve", "--host", "192.0.2.1", "--port", "8765")  # a documentation address

    assert result.exit_code == 1
    assert "192.0.2.1 is not an address of this machine" in result.stderr


@pytest.mark.parametrize("url", ["bogus://x", "mysql://u@h/d"])
def test_a_database_kind_goodword_cannot_use_is_explained_naming_the_option(run, url: str) -> None:
    result = run("--database-url", url, "person", "list")

    assert result.exit_code == 5
    assert result.stderr.startswith(
        "Error: --database-url names a kind of database Goodword cannot use ("
    )
    assert "Use sqlite:///" in result.stderr
    assert "Traceback" not in result.output


def test_a_bad_url_from_the_environment_names_the_variable(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_DATABASE_URL", "not a url")

    result = run("person", "list")

    assert result.exit_code == 5
    assert result.stderr.startswith("Error: GOODWORD_DATABASE_URL is not a database URL")


def test_a_sqlite_file_in_a_missing_folder_is_refused_and_no_folder_made(
    run, tmp_path: Path
) -> None:
    folder = tmp_path / "typo" / "dir"
    url = f"sqlite:///{folder / 'x.sqlite3'}"

    listed = run("--database-url", url, "person", "list")
    upgraded = run("--database-url", url, "db", "upgrade")

    for result in (listed, upgraded):
        assert result.exit_code == 5
        assert result.stderr == (
            f"Error: There is no folder {folder} for the SQLite file --database-url names "
            "(x.sqlite3). Check the path, or make the folder first if you meant a new one.\n"
        )
    assert not (tmp_path / "typo").exists()


def test_the_data_folder_is_made_for_your_own_database(run, _private_data_dir: Path) -> None:
    url = f"sqlite:///{_private_data_dir / 'goodword.sqlite3'}"

    result = run("--database-url", url, "person", "list")

    assert result.exit_code == 0, result.output
    assert (_private_data_dir / "goodword.sqlite3").is_file()


def test_a_database_busy_with_another_programs_write_is_said_so(run, cli_url: str) -> None:
    # Another program holds SQLite's one write lock (the web app importing, say), past the
    # five seconds a command waits for it.
    path = cli_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run("person", "add", "Ada Lovelace")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 5
    assert result.stderr == (
        "Error: the database is busy: another program is saving something big (Goodword's "
        "web app importing, probably). Nothing was saved; try again in a minute.\n"
    )
    assert "Ada Lovelace" not in run("people", "list").stdout


def test_a_busy_database_is_said_on_stdout_too_with_json(run, cli_url: str) -> None:
    path = cli_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run("person", "add", "Ada Lovelace", "--json")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 5
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["fields"]) == ("busy", [])
    assert error["message"].startswith("The database is busy: another program is saving")


def test_a_sqlite_file_another_program_holds_is_said_to_be_busy(run, tmp_path: Path) -> None:
    path = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # (as a long import holds it; Goodword waits 5 s first)
    try:
        result = run("--database-url", f"sqlite:///{path}", "person", "list")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert result.exit_code == 5
    assert result.stderr == (
        f"Error: The database at {path} is busy: another program is saving something big to "
        "it (Goodword's web app importing, probably). Nothing was changed; try again in a "
        "minute.\n"
    )


@pytest.mark.parametrize("automatic", [False, True], ids=["db upgrade", "your own, upgraded"])
@pytest.mark.parametrize("version", ["0032", "0030"])
def test_a_disk_too_full_for_the_upgrade_says_so_and_leaves_the_database_whole(
    run, _private_data_dir: Path, automatic: bool, version: str
) -> None:
    """0033 writes every table again before the old one goes, so the upgrade needs about as
    much free space again as the database; a disk that fills (here SQLite's own page limit,
    which fails as a full disk does) is said in plain words, with the database left at
    the version it was (the versions before 0033 kept, from 0030)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    _private_data_dir.mkdir(parents=True, exist_ok=True)
    path = _private_data_dir / "goodword.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, version)
    with transaction(make_session_factory(engine)) as session:
        ws = workspaces.get_or_create(session).id
        for n in range(300):
            f.person(session, ws, f"Person {n}", notes=f"Met at the fair number {n}. " * 60)
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()

    def full(dbapi: Any, _: Any) -> None:
        dbapi.execute(f"PRAGMA max_page_count = {pages + 20}")

    event.listen(Engine, "connect", full)
    try:
        command = ["person", "list"] if automatic else ["db", "upgrade"]
        result = run("--database-url", f"sqlite:///{path}", *command)
    finally:
        event.remove(Engine, "connect", full)

    assert result.exit_code == 5, result.output
    size = round(path.stat().st_size / 1_000_000)
    assert result.stderr.splitlines()[-1] == (
        f"Error: The disk is too full to upgrade the database at {path}: the upgrade needs "
        f"about as much free space again as the database takes ({size} MB). The database "
        "is left whole, at version 0032. Free some space and try again."
    )
    engine = make_engine(f"sqlite:///{path}")
    assert migrate.current_revision(engine) == "0032"
    engine.dispose()


# A step of the upgrade the database refuses, as a trigger of someone else's does: 0035
# updates person_urls (on SQLite a trigger is read when the statement is, rows or none).
_TRIP = {
    "sqlite": [
        "CREATE TRIGGER trip BEFORE UPDATE ON person_urls BEGIN SELECT no_such_fn(); END",
    ],
    "postgresql": [
        "CREATE FUNCTION trip() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM no_such_fn(); RETURN NEW; END $$",
        "CREATE TRIGGER trip BEFORE UPDATE ON person_urls "
        "FOR EACH STATEMENT EXECUTE FUNCTION trip()",
    ],
}


def test_an_upgrade_the_database_refuses_midway_says_the_version_it_is_left_at(
    run, empty_database_url: str
) -> None:
    """An upgrade is taken back whole on PostgreSQL (one transaction); on SQLite 0033
    commits the versions before it and its own rebuild, so one refused after it is left at
    0032 (its rebuild done, which the next upgrade sees). Said so, not "Nothing was saved"
    (nor, on PostgreSQL, a traceback)."""
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine, "0030")
    with engine.begin() as connection:
        for statement in _TRIP[engine.dialect.name]:
            connection.exec_driver_sql(statement)
    sqlite = engine.dialect.name == "sqlite"
    place = engine.url.database if sqlite else engine.url.host

    result = run("--database-url", empty_database_url, "db", "upgrade")

    assert result.exit_code == 5, result.output
    reason, kept = (
        (
            "no such function: no_such_fn",
            "It is left whole, at version 0032: the versions up to it are kept.",
        )
        if sqlite
        else (
            "function no_such_fn() does not exist",
            "Nothing was changed: it is still at version 0030.",
        )
    )
    assert result.stderr.splitlines()[-1] == (
        f"Error: The upgrade of the database at {place} stopped: the database refused it "
        f"({reason}). {kept} Once that is put right, `goodword db upgrade` goes on from there."
    )
    assert migrate.current_revision(engine) == ("0032" if sqlite else "0030")
    engine.dispose()


def test_an_upgrade_stopped_by_a_connection_the_database_dropped_says_the_version_is_unknown(
    run, empty_database_url: str
) -> None:
    """The database drops the connection midway (PostgreSQL restarted, say) and does not
    answer again: the version it is left at cannot be read, so it is said not known, with
    how to find it, not a traceback from asking it."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    engine = make_engine(empty_database_url)
    migrate.upgrade(engine, "0030")
    with engine.begin() as connection:
        for statement in _TRIP[engine.dialect.name]:
            connection.exec_driver_sql(statement)
    engine.dispose()
    place = engine.url.database if engine.dialect.name == "sqlite" else engine.url.host
    dropped: list[bool] = []

    def drop(context: Any) -> None:  # the refused step's connection is lost with it
        context.is_disconnect = True
        dropped.append(True)

    def refuse(*_: Any) -> None:  # and no new one is answered
        if dropped:
            raise engine.dialect.loaded_dbapi.OperationalError("connection refused")

    event.listen(Engine, "handle_error", drop)
    event.listen(Engine, "do_connect", refuse)
    try:
        result = run("--database-url", empty_database_url, "db", "upgrade")
    finally:
        event.remove(Engine, "handle_error", drop)
        event.remove(Engine, "do_connect", refuse)

    assert result.exit_code == 5, result.output
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: The upgrade of the database at {place} stopped ("
    )
    assert result.stderr.splitlines()[-1].endswith(
        "), and the database no longer answers, so the version it is left at is not known. "
        "Once it answers, `goodword db current` says it, and `goodword db upgrade` goes on "
        "from there."
    )


def test_an_upgrade_another_program_holds_up_says_it_is_busy_and_changed_nothing(
    run, tmp_path: Path
) -> None:
    path = tmp_path / "held.sqlite3"
    url = older(f"sqlite:///{path}")
    engine = make_engine(url)
    version = migrate.current_revision(engine)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # (Goodword waits 5 s for it first)
    try:
        result = run("--database-url", url, "db", "upgrade")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert result.exit_code == 5, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: The database at {path} is busy: another program is saving something big to "
        f"it, so the upgrade stopped. Nothing was changed: it is still at version {version}. "
        "Try again in a minute."
    )
    assert migrate.current_revision(engine) == version
    engine.dispose()


@pytest.mark.parametrize("command", [["person", "list"], ["db", "upgrade"]])
def test_an_upgrade_of_a_database_in_use_says_before_it_starts_that_it_can_take_a_while(
    run, _private_data_dir: Path, command: list[str]
) -> None:
    """A large database can take a minute or more to upgrade (0033: about as long as
    a copy of it, benchmarks/bench_migrate.py): it says so first, not only when done."""
    _private_data_dir.mkdir(parents=True, exist_ok=True)
    path = _private_data_dir / "goodword.sqlite3"
    url = older(f"sqlite:///{path}")
    engine = make_engine(url)
    version = migrate.current_revision(engine)
    engine.dispose()

    result = run("--database-url", url, *command)

    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        f"Upgrading the database at {path} from version {version}: a large one can take "
        "a minute or two...\n"
    )


def test_serve_reload_watches_all_of_goodwords_code(
    run, cli_url: str, served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--reload restarts when any of Goodword's code changes, as its help says: a service's
    too, not the command line's alone."""
    import uvicorn

    import goodword

    monkeypatch.setenv("GOODWORD_HOST", "127.0.0.1")  # (serve --reload sets it: put back after)
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: runs.append(kwargs))

    result = run("serve", "--reload")

    assert result.exit_code == 0, result.output
    assert runs[0]["reload"] is True
    assert runs[0]["reload_dirs"] == [str(Path(goodword.__file__).parent)]
