"""`goodword person|org|opportunity|interaction|task`: add, list, show, and the rest."""

from __future__ import annotations

import json
import re
import shlex
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import Result

from goodword import db
from goodword.cli import app
from goodword.db import make_engine
from goodword.people import service as people
from goodword.people.schemas import PersonRead
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskRead
from goodword.workspaces.models import Workspace
from person_records import everything_of


def add_ada(run) -> None:
    result = run(
        "person", "add", "Ada Lovelace", "--email", "ADA@example.org",
        "--email", "ada@home.example", "--org", "Analytical Engines", "--title", "Engineer",
        "--tag", "maths",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_person_add_then_list_and_show(run, cli_url: str) -> None:
    result = run("person", "add", "Ada Lovelace", "--email", "ADA@example.org", "--org", "Acme")
    listed = run("person", "list")
    shown = run("person", "show", "1")

    assert result.exit_code == 0
    assert result.stdout == (
        "Added Ada Lovelace (person 1).\nAcme was new, so it was added as an organization.\n"
    )
    assert listed.exit_code == 0
    assert "Ada Lovelace" in listed.stdout and "ada@example.org" in listed.stdout
    # A job with no title is the organization alone, not "at Acme".
    assert re.search(r"│ Acme\s+│", listed.stdout), listed.stdout
    assert "at Acme" not in listed.stdout
    assert shown.exit_code == 0
    assert "Ada Lovelace (person 1)" in shown.stdout
    assert "Works at Acme" in shown.stdout


def test_person_json_output_has_the_apis_shape(run, cli_url: str) -> None:
    add_ada(run)

    shown = json.loads(run("person", "show", "1", "--json").stdout)
    listed = json.loads(run("person", "list", "--json").stdout)

    assert PersonRead.model_validate(shown).emails == ["ada@example.org", "ada@home.example"]
    assert shown["positions"][0]["organization_name"] == "Analytical Engines"
    assert listed == {"items": [shown], "next": None, "prev": None}


def test_person_add_keeps_a_phone_extension(run, cli_url: str) -> None:
    added = run(
        "person", "add", "Ravi Shankar", "--phone", "+1 415 555 0100 ext. 12",
        "--phone", "(415) 555-0100 x34",
    )  # fmt: skip
    assert added.exit_code == 0, added.output

    shown = run("person", "show", "1")
    as_json = json.loads(run("person", "show", "1", "--json").stdout)

    assert "+1 415-555-0100 ext. 12, +1 415-555-0100 ext. 34" in shown.stdout
    assert as_json["phones"] == ["+14155550100;ext=12", "+14155550100;ext=34"]


def test_a_too_long_extension_is_exit_2_saying_how_long_it_may_be(run, cli_url: str) -> None:
    result = run("person", "add", "Ravi", "--phone", "(415) 555-0100 x1234567890")

    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        "  --phone: '(415) 555-0100 x1234567890' has too long an extension; give at most 20 "
        'digits after "ext." (9 after "x" or "#")'
    )
    assert json.loads(run("person", "list", "--json").stdout)["items"] == []


def test_an_invalid_email_is_exit_2_with_the_field_and_nothing_saved(run, cli_url: str) -> None:
    result = run("person", "add", "Ada", "--email", "ada@example.org", "--email", "nope")

    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: Some fields need attention."
    assert lines[1] == "  --email: 'nope' is not an e-mail address: it has no @."
    assert json.loads(run("person", "list", "--json").stdout)["items"] == []


def test_a_failure_after_the_first_write_leaves_nothing_behind(run, cli_url: str) -> None:
    # The person is written, then the job fails validation: the whole command rolls back.
    result = run("person", "add", "Ada", "--org", "x" * 300)

    assert result.exit_code == 2
    assert "  --org: Keep this to 200 characters or fewer." in result.stderr
    assert json.loads(run("person", "list", "--json").stdout)["items"] == []


def test_a_title_without_an_organization_is_refused(run, cli_url: str) -> None:
    result = run("person", "add", "Ada", "--title", "Engineer")

    assert result.exit_code == 2
    assert result.stderr == "Error: --title needs --org: say where they hold that title.\n"


def test_an_unknown_person_is_exit_4(run, cli_url: str) -> None:
    result = run("person", "show", "99")

    assert result.exit_code == 4
    assert result.stderr == "Error: No person number 99: they may have been deleted.\n"


def test_person_delete_asks_first(run, cli_url: str) -> None:
    add_ada(run)

    kept = run("person", "delete", "1", input="n\n")
    still_there = run("person", "show", "1")
    deleted = run("person", "delete", "1", "--yes")

    # Saying no is not an error; the hiring-manager line is only for someone who manages.
    assert kept.exit_code == 0
    assert kept.stdout == (
        "This also deletes:\n  1 position they held\n"
        "Delete Ada Lovelace? This cannot be undone. [y/N]: n\n"
        "Nothing deleted.\n"
    )
    assert still_there.exit_code == 0
    assert deleted.exit_code == 0
    assert deleted.stdout == "Deleted Ada Lovelace.\nThis also deleted:\n  1 position they held\n"
    assert run("person", "show", "1").exit_code == 4


def test_person_delete_names_the_opportunities_they_manage(run, cli_url: str) -> None:
    assert run("person", "add", "Ada Lovelace").exit_code == 0
    assert run("opportunity", "add", "Analyst", "--org", "Acme", "--manager", "1").exit_code == 0

    kept = run("person", "delete", "1", input="n\n")
    deleted = run("person", "delete", "1", "--yes")

    manages = "Opportunities where they were the hiring manager stay, with no manager named."
    assert manages in kept.stdout.splitlines()
    assert deleted.stdout == (
        "Deleted Ada Lovelace.\n"
        "Opportunities where they were the hiring manager stay, with no manager named.\n"
    )


def test_person_delete_lists_what_goes_with_them_as_the_web_page_counts_it(
    run, cli_url: str
) -> None:
    assert run("person", "add", "Ada Lovelace").exit_code == 0
    assert run("person", "add", "Bo Jensen").exit_code == 0
    engine = make_engine(cli_url)
    with Session(engine) as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        ada, bo = (people.get(session, workspace_id=workspace_id, person_id=i) for i in (1, 2))
        everything_of(session, workspace_id, ada, bo)
        session.commit()
    engine.dispose()

    kept = run("person", "delete", "1", input="n\n")

    assert kept.exit_code == 0
    assert kept.stdout.splitlines()[:10] == [
        "This also deletes:",
        "  2 positions they held",
        "  1 connection with other people",
        "  their reference record",
        "  1 referral ask made of them, with how far each got",
        "  1 possible-duplicate pair they are in (waiting for your decision, or told apart)",
        "  the record of 1 merge of others into them, which could be undone until now",
        "  the record of passing 2 leads on to them (the leads stay)",
        "It takes them off 1 interaction, which stay.",
        "Delete Ada Lovelace? This cannot be undone. [y/N]: n",
    ]
    # Without asking; then it says what went.
    deleted = run("person", "delete", "1", "--yes")
    assert deleted.exit_code == 0
    assert deleted.stdout.splitlines() == [
        "Deleted Ada Lovelace.",
        "This also deleted:",
        "  2 positions they held",
        "  1 connection with other people",
        "  their reference record",
        "  1 referral ask made of them, with how far each got",
        "  1 possible-duplicate pair they are in (waiting for your decision, or told apart)",
        "  the record of 1 merge of others into them, which could be undone until now",
        "  the record of passing 2 leads on to them (the leads stay)",
        "It took them off 1 interaction, which stay.",
    ]


def test_lists_page_with_the_after_cursor(run, cli_url: str) -> None:
    for name in ("Cleo", "Ben", "Ann"):
        assert run("person", "add", name).exit_code == 0

    first = run("person", "list", "--limit", "2")
    cursor = (
        first.stdout.strip()
        .splitlines()[-1]
        .removeprefix("More: goodword person list --limit 2 --after ")
    )
    rest = json.loads(run("person", "list", "--after", cursor, "--json").stdout)
    damaged = run("person", "list", "--after", "garbage")

    assert "Ann" in first.stdout and "Ben" in first.stdout and "Cleo" not in first.stdout
    assert [p["display_name"] for p in rest["items"]] == ["Cleo"]
    assert damaged.exit_code == 2
    assert "after:" in damaged.stderr


def more(result: Result) -> list[str]:
    """The words of a list's "More:" line, as a shell would split them."""
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("More: goodword "), result.stdout
    return shlex.split(line.removeprefix("More: goodword "))


def test_the_next_page_hint_repeats_the_filters_and_limit(run, cli_url: str) -> None:
    for role in ("Analyst", "Engineer", "Designer"):
        run("opportunity", "add", role, "--org", "Acme & Sons")
        run("opportunity", "add", f"Other {role}", "--org", "Acme & Sons")
    for n in (1, 2, 3):
        run("opportunity", "move", str(2 * n - 1), "applied")

    first = run("opportunity", "list", "--stage", "applied", "--limit", "2")
    words = more(first)
    rest = run(*words)

    assert words[:6] == ["opportunity", "list", "--stage", "applied", "--limit", "2"]
    assert words[6] == "--after"
    assert rest.exit_code == 0, rest.output
    assert "Other" not in rest.stdout and "Analyst" in rest.stdout
    assert "More:" not in rest.stdout


def test_the_next_page_hint_quotes_what_a_shell_would_split(run, tmp_path: Path) -> None:
    folder = tmp_path / "my data"
    folder.mkdir()
    url = f"sqlite:///{folder / 'a b.sqlite3'}"
    assert run("--database-url", url, "db", "upgrade").exit_code == 0
    for name in ("Ann", "Ben"):
        run("--database-url", url, "person", "add", name)
    run("--database-url", url, "task", "add", "Call Ann", "--person", "1")
    run("--database-url", url, "task", "add", "Call Ben", "--person", "2")
    first = run("--database-url", url, "tasks", "list", "--status", "open", "--limit", "1")

    assert more(first)[:8] == [
        "--database-url", url, "tasks", "list", "--status", "open", "--limit", "1"
    ]  # fmt: skip
    assert "Call Ben" in run(*more(first)).stdout


# (SQLite ignores the parameter, and SQLAlchemy says so.)
@pytest.mark.filterwarnings("ignore:Query string argument")
def test_the_next_page_hint_keeps_the_database_as_typed_but_never_a_password(
    run, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'café@home.sqlite3'}"
    for name in ("Ann", "Ben"):
        run("--database-url", url, "person", "add", name)
    first = run("--database-url", url, "person", "list", "--limit", "1")
    # (A password given as a query parameter, as libpq takes one: the URL is not shown.)
    hidden = run("--database-url", url + "?password=S3cret", "person", "list", "--limit", "1")

    assert more(first)[:2] == ["--database-url", url]
    assert "Ben" in run(*more(first)).stdout
    last = hidden.stdout.strip().splitlines()[-1]
    assert last.startswith("More: goodword --database-url <your-database-url> person list")
    assert last.endswith("(put your database URL in its place: it holds a password, never shown)")
    assert "café" not in hidden.stdout and "S3cret" not in hidden.output


def test_a_database_url_s_password_is_hidden_wherever_it_is_written() -> None:
    before_host = "postgresql+psycopg://gw:S3cret@db.example/gw"
    in_query = "postgresql+psycopg://gw@db.example/gw?password=S3cret&sslmode=require"

    assert db.safe_url(before_host) == "postgresql+psycopg://gw:***@db.example/gw"
    assert db.safe_url(in_query) == (
        "postgresql+psycopg://gw@db.example/gw?password=hidden&sslmode=require"
    )
    assert db.holds_secret(in_query) and not db.holds_secret("sqlite:////tmp/café.sqlite3")
    assert db.safe_url("sqlite:////tmp/café.sqlite3") == "sqlite:////tmp/café.sqlite3"


def test_an_empty_list_says_so(run, cli_url: str) -> None:
    result = run("org", "list")

    assert result.exit_code == 0
    assert result.stdout == "Nothing here yet.\n"


def test_org_add_list_show_and_a_repeated_name(run, cli_url: str) -> None:
    added = run("org", "add", "Acme Robotics", "--domain", "acme.example", "--location", "Lyon")
    again = run("org", "add", "acme robotics")
    listed = run("org", "list")
    shown = json.loads(run("org", "show", "1", "--json").stdout)

    assert added.stdout == "Added Acme Robotics (organization 1).\n"
    assert again.exit_code == 3
    assert "already an organization called Acme Robotics" in again.stderr
    assert "acme.example" in listed.stdout
    assert (shown["name"], shown["location"], shown["domains"]) == (
        "Acme Robotics",
        "Lyon",
        ["acme.example"],
    )


def test_an_organization_s_other_names_find_it_from_the_cli(run, cli_url: str) -> None:
    run("org", "add", "Acme Robotics", "--alias", "Acme", "--alias", "Acme Inc.")

    person = run("person", "add", "Alice CHEN", "--org", "acme", "--json")
    job = run("opportunity", "add", "Analyst", "--org", "ACME, Inc", "--json")
    listed = json.loads(run("org", "list", "--json").stdout)

    assert person.exit_code == 0 and job.exit_code == 0, person.output + job.output
    assert json.loads(person.stdout)["positions"][0]["organization_name"] == "Acme Robotics"
    assert json.loads(job.stdout)["organization_id"] == 1
    assert [o["name"] for o in listed["items"]] == ["Acme Robotics"]


def test_org_add_refuses_a_legal_form_of_another_and_add_name_adds_it_to_that_one(
    run, cli_url: str
) -> None:
    run("org", "add", "Acme")

    refused = run("org", "add", "Acme Inc.")
    added = run("org", "add-name", "1", "Acme Inc.")
    shown = json.loads(run("org", "show", "1", "--json").stdout)

    assert refused.exit_code == 3
    assert refused.stderr.splitlines()[0] == (
        "Error: “Acme Inc.” is Acme (id 1) but for its legal form: use that one, or add "
        "“Acme Inc.” to its other names. To add it: goodword org add-name 1 'Acme Inc.'"
    )
    assert added.exit_code == 0
    assert added.stdout == "Added “Acme Inc.” to the other names of Acme.\n"
    assert shown["aliases"] == ["Acme Inc."]
    assert json.loads(run("org", "list", "--json").stdout)["items"][0]["name"] == "Acme"
    assert run("org", "add-name", "7", "Acme Co").exit_code == 4


def test_org_add_name_twice_says_the_second_time_the_name_is_known(run, cli_url: str) -> None:
    run("org", "add", "Globex")

    first = run("org", "add-name", "1", "Globex Corporation")
    again = run("org", "add-name", "1", "globex  corporation")
    own = run("org", "add-name", "1", "Globex")

    assert first.stdout == "Added “Globex Corporation” to the other names of Globex.\n"
    assert again.exit_code == 0
    assert again.stdout == "Globex already goes by “globex  corporation”; nothing to add.\n"
    assert own.stdout == "Globex already goes by “Globex”; nothing to add.\n"
    shown = json.loads(run("org", "show", "1", "--json").stdout)
    assert shown["aliases"] == ["Globex Corporation"]
    # --json says it as POST /api/v1/organizations/{id}/other-names does.
    assert json.loads(run("org", "add-name", "1", "Globex Corp", "--json").stdout)["name_added"]
    assert not json.loads(run("org", "add-name", "1", "GLOBEX CORP", "--json").stdout)["name_added"]


def test_org_add_refuses_another_name_that_means_another_organization(run, cli_url: str) -> None:
    run("org", "add", "Globex", "--alias", "Globex Corp")

    taken = run("org", "add", "Initech", "--alias", "Initrode", "--alias", "globex corp")
    named = run("org", "add", "GLOBEX CORP")

    assert taken.exit_code == 3
    assert "these other names: Globex (id 1)." in taken.stderr
    assert "“globex corp” is another name of Globex." in taken.stderr
    assert named.exit_code == 3
    assert "“GLOBEX CORP” is one of the other names of Globex (id 1)" in named.stderr
    assert len(json.loads(run("org", "list", "--json").stdout)["items"]) == 1


def test_opportunity_move_to_rejected_clears_its_next_step(run, cli_url: str) -> None:
    run(
        "opportunity", "add", "Analyst", "--org", "Umbrella Corp", "--stage", "interviewing",
        "--next-step", "Final round prep",
    )  # fmt: skip

    run("opportunity", "move", "1", "rejected")

    shown = json.loads(run("opportunity", "show", "1", "--json").stdout)
    assert (shown["stage"], shown["next_step"]) == ("rejected", None)


def test_opportunity_add_move_list_and_show(run, cli_url: str) -> None:
    add_ada(run)
    added = run(
        "opportunity", "add", "Staff Engineer", "--org", "Analytical Engines", "--route",
        "referral", "--manager", "1", "--pay-min", "100000", "--currency", "gbp",
    )  # fmt: skip
    moved = run("opportunity", "move", "1", "applied", "--note", "Sent with Ada's note")
    applied = json.loads(run("opportunity", "list", "--stage", "applied", "--json").stdout)
    targets = json.loads(run("opportunity", "list", "--stage", "target", "--json").stdout)
    shown = run("opportunity", "show", "1")

    assert added.stdout == "Added Staff Engineer at Analytical Engines (1).\n"
    assert moved.stdout == "Staff Engineer at Analytical Engines is now Applied.\n"
    [item] = applied["items"]
    assert (item["hiring_manager_name"], item["pay_currency"]) == ("Ada Lovelace", "GBP")
    assert targets["items"] == []
    assert "new -> Target" in shown.stdout
    assert "Target -> Applied  (Sent with Ada's note)" in shown.stdout


def test_a_note_with_the_stage_it_is_at_already_is_refused(run, cli_url: str) -> None:
    run("opportunity", "add", "Staff Engineer", "--org", "Analytical Engines")
    refused = run("opportunity", "move", "1", "target", "--note", "Spoke to Ada")
    shown = run("opportunity", "show", "1")

    assert refused.exit_code != 0
    assert "already at Target" in refused.output and "not saved" in refused.output
    assert "Spoke to Ada" not in shown.stdout


def test_an_unknown_stage_is_a_usage_error(run, cli_url: str) -> None:
    run("opportunity", "add", "Analyst", "--org", "Acme")

    result = run("opportunity", "move", "1", "won")

    assert result.exit_code == 2
    assert "won" in result.output


def test_an_opportunity_needs_an_organization(run, cli_url: str) -> None:
    result = run("opportunity", "add", "Analyst")

    assert result.exit_code == 2
    assert "Name the organization (--org) or give its id (--org-id)." in result.stderr


def test_interaction_add_with_rapport_list_and_show(run, cli_url: str) -> None:
    add_ada(run)
    run("person", "add", "Omar Khoury")
    run("opportunity", "add", "Analyst", "--org", "Acme")

    added = run(
        "interaction", "add", "interview", "--when", "2026-11-03T14:00", "--with", "1:clicked",
        "--with", "2", "--opportunity", "1", "--round", "3", "--summary", "Final round",
    )  # fmt: skip
    shown = json.loads(run("interaction", "show", "1", "--json").stdout)
    listed = run("interaction", "list", "--person", "2")
    text = run("interaction", "show", "1")

    assert added.stdout == "Logged interview (interaction 1).\n"
    assert [(p["person_name"], p["rapport"]) for p in shown["participants"]] == [
        ("Ada Lovelace", "clicked"),
        ("Omar Khoury", None),
    ]
    assert (shown["interview_round"], shown["opportunity_id"]) == (3, 1)
    assert "Final round" in listed.stdout
    assert "Ada Lovelace (person 1), clicked" in text.stdout


def test_interaction_add_says_who_wrote_a_message(run, cli_url: str) -> None:
    add_ada(run)

    run("interaction", "add", "message", "--with", "1", "--direction", "outbound")
    ancient = run("interaction", "add", "call", "--when", "0001-01-01", "--with", "1")
    assert ancient.exit_code == 2 and "is the year right" in ancient.stderr
    shown = json.loads(run("interaction", "show", "1", "--json").stdout)
    refused = run("interaction", "add", "call", "--with", "1", "--direction", "inbound")

    assert shown["direction"] == "outbound"
    assert re.search(r"Who wrote\s+│ You ", run("interaction", "show", "1").stdout)
    assert refused.exit_code == 2
    assert "only for messages and e-mails" in refused.stderr


def test_a_message_from_a_writer_deleted_since_says_so(run, cli_url: str) -> None:
    add_ada(run)
    assert run("person", "add", "Ben Ortiz").exit_code == 0
    args = ("interaction", "add", "message", "--with", "1", "--with", "2")
    assert run(*args, "--direction", "inbound", "--writer", "2").exit_code == 0
    assert run("person", "delete", "2", "--yes").exit_code == 0

    shown = json.loads(run("interaction", "show", "1", "--json").stdout)
    text = run("interaction", "show", "1").stdout

    assert (shown["writer_id"], shown["writer_gone"]) == (None, True)
    assert "Someone not among your people (an account since deleted, or a person you" in text
    assert not re.search(r"Who wrote\s+│ They ", text)


def test_a_writer_not_among_the_people_is_said_in_the_commands_options(run, cli_url: str) -> None:
    add_ada(run)
    args = ("interaction", "add", "message", "--with", "1", "--direction", "inbound")
    refused = run(*args, "--writer", "2")
    assert refused.exit_code == 2
    assert "--writer: give one of the people given with --with" in refused.stderr
    assert "writer_id" not in refused.stderr
    made = json.loads(run(*args, "--writer", "1", "--json").stdout)
    assert made["writer_id"] == 1 and made["direction"] == "inbound"


def test_an_interaction_with_no_one_and_no_summary_names_the_options(run, cli_url: str) -> None:
    result = run("interaction", "add", "meeting")
    as_json = run("interaction", "add", "meeting", "--json")

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Say who took part with --with PERSON_ID, or what happened with --summary TEXT "
        "(or both).\n"
    )
    assert "participants" not in result.stderr
    assert json.loads(as_json.stdout)["error"]["fields"] == []
    assert json.loads(run("interaction", "list", "--json").stdout)["items"] == []


def test_an_unknown_rapport_names_the_participant(run, cli_url: str) -> None:
    add_ada(run)

    result = run("interaction", "add", "interview", "--with", "1:adored")

    assert result.exit_code == 2
    assert "  --with: Choose one of: clicked, good, neutral or poor." in result.stderr
    assert "participants" not in result.stderr


def test_interaction_with_someone_unknown_is_refused(run, cli_url: str) -> None:
    result = run("interaction", "add", "call", "--with", "7")

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: --with does not name one of your records.",
        "  --with: No person number 7: they may have been deleted.",
    ]


def test_task_add_done_list_and_show(run, cli_url: str) -> None:
    add_ada(run)

    added = run("task", "add", "Thank Ada", "--due", "2026-11-10", "--person", "1")
    done = run("task", "done", "1")
    open_tasks = json.loads(run("task", "list", "--status", "open", "--json").stdout)
    shown = TaskRead.model_validate_json(run("task", "show", "1", "--json").stdout)
    table = run("task", "list")

    assert added.stdout == "Added task 1: Thank Ada\n"
    assert done.stdout == "Done: Thank Ada\n"
    assert open_tasks["items"] == []
    assert (shown.status, shown.person_id) == ("done", 1)
    assert "2026-11-10" in table.stdout and "Done" in table.stdout


def test_task_show_names_its_opportunity(run, cli_url: str) -> None:
    run("opportunity", "add", "Analyst", "--org", "Umbrella Corp")
    run("task", "add", "Prepare the case study", "--opportunity", "1")

    shown = run("task", "show", "1")

    assert shown.exit_code == 0, shown.output
    assert "Analyst at Umbrella Corp (opportunity 1)" in shown.stdout


def test_task_add_takes_the_organization_by_name_as_other_commands_do(run, cli_url: str) -> None:
    run("org", "add", "Acme Robotics")
    run("org", "add", "Fabrikam", "--alias", "Fabrikam Group")

    def organization_of(*org: str) -> int:
        added = run("task", "add", "Call them", *org, "--json")
        assert added.exit_code == 0, added.output
        return json.loads(added.stdout)["organization_id"]

    # Its name, any case and legal form, another of its names, or its id.
    assert organization_of("--org", "Acme Robotics") == 1
    assert organization_of("--org", "acme robotics inc.") == 1
    assert organization_of("--org", "fabrikam group") == 2
    assert organization_of("--org", "2") == 2


def test_task_add_names_the_organizations_a_name_could_mean(run, cli_url: str) -> None:
    run("org", "add", "Acme Robotics")
    run("org", "add", "Acme Foods")

    unsure = run("task", "add", "Call them", "--org", "Acme")
    unknown = run("task", "add", "Call them", "--org", "Contoso")

    assert unsure.exit_code == unknown.exit_code == 2
    assert unsure.stderr.splitlines() == [
        "Error: --org does not name one of your records.",
        "  --org: You have no organization called “Acme”. Did you mean “Acme Foods” "
        "or “Acme Robotics”?",
    ]
    assert unknown.stderr.splitlines()[1] == (
        "  --org: You have no organization called “Contoso”; check the spelling."
    )
    assert json.loads(run("task", "list", "--json").stdout)["items"] == []  # nothing saved


def test_a_bad_due_date_names_the_field(run, cli_url: str) -> None:
    result = run("task", "add", "Thank Ada", "--due", "next tuesday")

    assert result.exit_code == 2
    assert "  --due: Give a real date, such as 2026-11-02." in result.stderr
    assert "due_date" not in result.stderr


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_every_command_and_option_has_help() -> None:
    from typer.main import get_command

    root = get_command(app)
    missing = []
    for path, command in _commands(root):
        if path and not (command.help or "").strip():
            missing.append(" ".join(path))
        for param in command.params:
            if param.param_type_name == "option" and not getattr(param, "help", None):
                missing.append(f"{' '.join(path)} {param.opts[0]}")
    assert missing == []


@pytest.mark.parametrize("group", ["person", "org", "opportunity", "interaction", "task"])
def test_every_record_group_can_add_list_and_show(group: str) -> None:
    from typer.main import get_command

    commands = get_command(app).commands[group].commands  # type: ignore[attr-defined]

    assert {"add", "list", "show"} <= set(commands)
    assert any(p.opts == ["--json"] for p in commands["list"].params)
    assert any(p.opts == ["--json"] for p in commands["show"].params)


def test_search_finds_a_person_by_phone_number(run, cli_url: str) -> None:
    assert run("person", "add", "Ravi Shankar", "--phone", "+1 415 555 0123").exit_code == 0
    assert run("person", "add", "Mei Chen", "--phone", "+1 415 555 0124").exit_code == 0

    for query in ("415 555 0123", "+14155550123", "(415) 555-0123"):
        found = json.loads(run("search", query, "--json").stdout)
        assert [h["title"] for h in found["items"]] == ["Ravi Shankar"], query


def test_search_finds_ids_by_name_workplace_or_email_with_or_without_accents(
    run, cli_url: str
) -> None:
    add_ada(run)
    run("person", "add", "Łukasz Nowak", "--org", "Żabka Polska")

    by_name = json.loads(run("search", "lukasz", "--json").stdout)
    by_work = json.loads(run("search", "analytical", "--kind", "person", "--json").stdout)
    organizations = json.loads(run("search", "zabka", "--kind", "organization", "--json").stdout)
    table = run("search", "ada")
    nothing = run("search", "grace")
    wrong = run("search", "ada", "--kind", "place")

    # The API's shape: {"query", "items"}, each item with its API address.
    assert by_name["query"] == "lukasz"
    assert [(h["kind"], h["id"], h["title"]) for h in by_name["items"]] == [
        ("person", 2, "Łukasz Nowak")
    ]
    assert by_name["items"][0]["url"] == "/api/v1/people/2"
    assert [h["title"] for h in by_work["items"]] == ["Ada Lovelace"]
    assert "ada@example.org" in by_work["items"][0]["detail"]
    assert [h["title"] for h in organizations["items"]] == ["Żabka Polska"]
    assert table.exit_code == 0 and "Ada Lovelace" in table.stdout
    assert nothing.exit_code == 0 and nothing.stdout == "Nothing found for 'grace'.\n"
    assert wrong.exit_code == 2 and "--kind takes 'person' or 'organization'" in wrong.stderr


def test_search_refuses_a_query_the_api_would_refuse_as_too_long(run, cli_url: str) -> None:
    add_ada(run)

    longest = run("search", "ada " + "x" * 196)
    too_long = run("search", "ada " + "x" * 197)
    as_json = run("search", "ada " + "x" * 197, "--json")

    assert longest.exit_code == 0
    assert (too_long.exit_code, too_long.stdout) == (2, "")
    assert too_long.stderr == (
        "Error: That is too long to search for: give a few words, or a phone number.\n"
        "  QUERY: Keep this to 200 characters or fewer.\n"
    )
    assert json.loads(as_json.stdout)["error"]["fields"][0]["field"] == "q"


def test_search_refuses_nothing_to_search_for_as_the_api_does(run, cli_url: str) -> None:
    add_ada(run)

    empty = run("search", " ")
    as_json = run("search", "", "--json")

    assert (empty.exit_code, empty.stdout) == (2, "")
    assert empty.stderr == (
        "Error: Give something to search for: a name, a workplace, an e-mail address or a "
        "phone number.\n"
        "  QUERY: Fill this in.\n"
    )
    assert json.loads(as_json.stdout)["error"]["fields"][0]["field"] == "q"


def test_the_rejection_playbook_runs_when_the_user_confirms_it_came_late(run, cli_url: str) -> None:
    add_ada(run)
    run("opportunity", "add", "Analyst", "--org", "Acme")
    run(
        "interaction", "add", "interview", "--when", "2026-11-03T14:00", "--with", "1:clicked",
        "--opportunity", "1", "--round", "1",
    )  # fmt: skip
    run("opportunity", "move", "1", "rejected")

    asked = run("playbooks", "rejection", "1")
    confirmed = run("playbooks", "rejection", "1", "--confirm-late")
    again = json.loads(run("playbooks", "rejection", "1", "--confirm-late", "--json").stdout)

    assert asked.exit_code == 2  # it cannot run until confirmed, as a blocked launch
    assert "Needed: No interview from round two on is recorded" in asked.stdout
    assert confirmed.exit_code == 0, confirmed.output
    assert re.search(r"^Added \d+ tasks?\.$", confirmed.stdout, re.MULTILINE)
    assert "Draft to ada@example.org" in confirmed.stdout
    assert again["created"] == 0 and again["playbook"] == "rejection"  # nothing twice
    assert [c["person_name"] for c in again["clicked"]] == ["Ada Lovelace"]


def test_help_shows_no_value_after_a_flag() -> None:
    """A flag takes no value, so its help must not show one (`--json <bool>` reads as if
    `--json true` were wanted; Typer 0.29 prints that, hence the pin below it)."""
    from typer.testing import CliRunner

    shown = CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": "100"})
    assert shown.exit_code == 0
    assert "--json" in shown.stdout and "--kind" in shown.stdout
    assert "<bool>" not in shown.stdout


def test_person_add_warns_when_someone_already_has_the_e_mail_address(run, cli_url: str) -> None:
    run("person", "add", "Alice Chen", "--email", "alice@acme.example")

    result = run("person", "add", "Alice  CHEN", "--email", "ALICE@acme.example")
    queue = run("people", "duplicates", "--json")

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Added Alice  CHEN (person 2).\n"
        "Warning: Alice Chen already has the e-mail address alice@acme.example.\n"
        "  Pair 1 in `goodword people duplicates`; merge them with `goodword people merge 1 2`, "
        "or keep them apart with `goodword people not-same 1`.\n"
    )
    [pair] = json.loads(queue.stdout)["items"]
    assert (pair["id"], pair["person_a"]["id"], pair["person_b"]["id"]) == (1, 1, 2)


def test_person_add_json_lists_the_possible_duplicates(run, cli_url: str) -> None:
    run("person", "add", "Ravi Shankar", "--phone", "+1 415 555 0100")
    alone = json.loads(run("person", "add", "Mei Tanaka", "--json").stdout)

    added = json.loads(
        run("person", "add", "R. Shankar", "--phone", "(415) 555-0100", "--json").stdout
    )

    assert alone["possible_duplicates"] == []
    assert PersonRead.model_validate(added).display_name == "R. Shankar"
    assert added["possible_duplicates"] == [
        {
            "candidate_id": 1,
            "person_id": 1,
            "display_name": "Ravi Shankar",
            "shared": ["the phone number +1 415-555-0100"],
            "message": "Ravi Shankar already has the phone number +1 415-555-0100.",
        }
    ]


def test_opportunity_add_refuses_an_org_and_an_org_id_that_differ(run, cli_url: str) -> None:
    assert run("org", "add", "Contoso").exit_code == 0
    assert run("org", "add", "Fabrikam").exit_code == 0

    refused = run("opportunity", "add", "Analyst", "--org", "Contoso", "--org-id", "2")
    same = run("opportunity", "add", "Analyst", "--org", "fabrikam inc.", "--org-id", "2")

    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: --org “Contoso” and --org-id 2 (Fabrikam) name different organizations; "
        "give one of them.\n"
    )
    assert same.exit_code == 0, same.output
    assert same.stdout == "Added Analyst at Fabrikam (1).\n"
    assert json.loads(run("opportunity", "list", "--json").stdout)["items"][0]["id"] == 1


def test_opportunity_list_takes_the_organization_by_name_as_task_add_does(
    run, cli_url: str
) -> None:
    assert run("opportunity", "add", "Analyst", "--org", "Contoso").exit_code == 0
    assert run("opportunity", "add", "Engineer", "--org", "Fabrikam").exit_code == 0

    def roles(*args: str) -> list[str]:
        listed = run("opportunity", "list", *args, "--json")
        assert listed.exit_code == 0, listed.output
        return [o["role_title"] for o in json.loads(listed.stdout)["items"]]

    assert roles("--org", "contoso inc.") == ["Analyst"]
    assert roles("--org", "2") == ["Engineer"]
    assert roles("--org-id", "2") == ["Engineer"]
    unknown = run("opportunity", "list", "--org", "Initech")
    assert unknown.exit_code == 2
    assert unknown.stderr.splitlines()[1] == (
        "  --org: You have no organization called “Initech”; check the spelling."
    )
    both = run("opportunity", "list", "--org", "Contoso", "--org-id", "2")
    assert both.exit_code == 2
    assert both.stderr == "Error: Give --org or --org-id, not both.\n"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("opportunity", "list", "--org-id", "99"), "--org-id"),
        (("interaction", "list", "--person", "99"), "--person"),
        (("interaction", "list", "--opportunity", "99"), "--opportunity"),
        (("task", "list", "--person", "99"), "--person"),
        (("task", "list", "--opportunity", "99"), "--opportunity"),
    ],
)
def test_a_list_filter_naming_no_record_is_exit_2_naming_the_option(
    run, cli_url: str, args: tuple[str, ...], option: str
) -> None:
    result = run(*args)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {option}: No ")
    assert "Nothing here yet." not in result.stdout


def test_a_list_filter_naming_a_record_with_nothing_says_so(run, cli_url: str) -> None:
    add_ada(run)

    result = run("task", "list", "--person", "1")

    assert result.exit_code == 0
    assert result.stdout == "Nothing here yet.\n"


def test_person_show_has_the_birthday_and_the_keep_in_touch_rhythm(run, cli_url: str) -> None:
    run("person", "add", "Sam Okafor", "--url", "https://sam.example")
    engine = make_engine(cli_url)
    with Session(engine) as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        sam = people.get(session, workspace_id=workspace_id, person_id=1)
        sam.birthday = date(1990, 4, 12)
        sam.keep_in_touch_days = 45
        session.commit()
    engine.dispose()

    shown = run("person", "show", "1")

    assert shown.exit_code == 0
    lines = [" ".join(line.strip("│ ").split()) for line in shown.stdout.splitlines()]
    assert "Birthday │ 1990-04-12" in lines
    assert "Keep in touch │ every 45 days" in lines
    assert "Web addresses │ https://sam.example" in lines


def test_org_show_says_other_names(run, cli_url: str) -> None:
    run("org", "add", "Contoso", "--alias", "Contoso Ltd")

    shown = run("org", "show", "1")

    assert "Other names" in shown.stdout and "Aliases" not in shown.stdout


def test_opportunity_show_writes_pay_as_people_do(run, cli_url: str) -> None:
    run(
        "opportunity", "add", "Analyst", "--org", "Acme", "--pay-min", "180000",
        "--pay-max", "220000", "--currency", "usd", "--period", "year",
    )  # fmt: skip
    run("opportunity", "add", "Barista", "--org", "Acme", "--pay-max", "21.50", "--period", "hour")

    first = run("opportunity", "show", "1").stdout
    second = run("opportunity", "show", "2").stdout

    assert "$180,000 to $220,000 a year" in first
    assert "up to 21.50 an hour" in second


def test_a_move_to_the_stage_it_is_at_says_it_already_was(run, cli_url: str) -> None:
    run("opportunity", "add", "Analyst", "--org", "Acme")

    moved = run("opportunity", "move", "1", "applied")
    again = run("opportunity", "move", "1", "applied")

    assert moved.stdout.startswith("Analyst at Acme is now Applied.\n")
    assert again.exit_code == 0
    assert again.stdout == "Analyst at Acme was already Applied.\n"


def test_task_show_names_the_person_and_where_the_task_came_from(run, cli_url: str) -> None:
    add_ada(run)
    run("task", "add", "Thank Ada", "--person", "1", "--org", "1")
    engine = make_engine(cli_url)
    with Session(engine) as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        task = tasks.get(session, workspace_id=workspace_id, task_id=1)
        task.origin = "referral:report-back"
        session.commit()
    engine.dispose()

    shown = run("task", "show", "1")

    lines = [" ".join(line.strip("│ ").split()) for line in shown.stdout.splitlines()]
    assert "Person │ Ada Lovelace (person 1)" in lines
    assert "Organization │ Analytical Engines (organization 1)" in lines
    assert "From │ Referral follow-up: report back" in lines


def test_person_show_lists_the_closest_connections_and_says_how_many_more(
    run, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goodword.cli import person

    monkeypatch.setattr(person, "SHOWN_CONNECTIONS", 2)
    for name in ("Sam Carter", "Ada Lovelace", "Ben Okafor", "Cleo Varga"):
        assert run("person", "add", name).exit_code == 0
    engine = make_engine(cli_url)
    with Session(engine) as session:
        from goodword.connections.models import Connection, ConnectionKind

        for other, closeness in ((2, 5), (3, None), (4, 3)):
            session.add(Connection(workspace_id=1, person_a_id=1, person_b_id=other,
                                   kind=ConnectionKind.FRIEND, closeness=closeness))  # fmt: skip
        session.commit()
    engine.dispose()
    shown = run("person", "show", "1").stdout
    assert "Ada Lovelace (Friend, closeness 5)" in shown
    assert "Cleo Varga (Friend, closeness 3)" in shown and "Ben Okafor" not in shown
    assert "and 1 more: all of them, closest first: goodword person connections 1" in shown


def test_person_connections_pages_them_closest_first_as_the_api_does(run, cli_url: str) -> None:
    for name in ("Sam Carter", "Ada Lovelace", "Ben Okafor", "Cleo Varga"):
        assert run("person", "add", name).exit_code == 0
    engine = make_engine(cli_url)
    with Session(engine) as session:
        from goodword.connections.models import Connection, ConnectionKind

        for other, closeness in ((2, 5), (3, None), (4, 3)):
            session.add(Connection(workspace_id=1, person_a_id=1, person_b_id=other,
                                   kind=ConnectionKind.FRIEND, closeness=closeness))  # fmt: skip
        session.commit()
    engine.dispose()

    first = run("person", "connections", "1", "--limit", "2")
    page = json.loads(run("person", "connections", "1", "--limit", "2", "--json").stdout)
    rest = json.loads(
        run("person", "connections", "1", "--limit", "2", "--after", page["next"], "--json").stdout
    )
    back = run("person", "connections", "1", "--limit", "2", "--before", rest["prev"], "--json")

    assert first.exit_code == 0, first.output
    assert "Ada Lovelace" in first.stdout and "Cleo Varga" in first.stdout
    assert "Ben Okafor" not in first.stdout
    assert f"More: goodword person connections --limit 2 1 --after {page['next']}" in first.stdout
    assert [t["person_b_name"] for t in page["items"]] == ["Ada Lovelace", "Cleo Varga"]
    assert page["prev"] is None
    assert [t["person_b_name"] for t in rest["items"]] == ["Ben Okafor"] and rest["next"] is None
    assert json.loads(back.stdout) == page
    assert run("person", "connections", "9").exit_code == 4


def test_person_delete_says_an_imported_person_stays_deleted(run, cli_url: str, tmp_path) -> None:
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-9\r\nFN:Ida Ray\r\nEND:VCARD\r\n")
    assert run("import", str(card)).exit_code == 0

    deleted = run("person", "delete", "1", "--yes")
    again = run("import", str(card), "--json")

    assert deleted.stdout.splitlines()[-1] == (
        "Goodword remembers the record they were imported from (by a digest, not their "
        "details), so importing it again does not add them back (goodword import --reapply "
        "does)."
    )
    assert [row["outcome"] for row in json.loads(again.stdout)["rows"]] == ["skipped"]


def test_person_add_json_says_whether_its_organization_was_new(run, cli_url: str) -> None:
    run("org", "add", "Kindling Nonprofit Software")

    mistyped = json.loads(
        run("person", "add", "Jo Park", "--org", "Kindlng Nonprofit Software", "--json").stdout
    )
    known = json.loads(
        run("person", "add", "Li Wu", "--org", "kindling nonprofit software", "--json").stdout
    )
    jobless = json.loads(run("person", "add", "Mei Tanaka", "--json").stdout)

    assert (mistyped["organization_added"], mistyped["did_you_mean"]) == (
        True,
        [{"id": 1, "name": "Kindling Nonprofit Software"}],
    )
    assert (known["organization_added"], known["did_you_mean"]) == (False, [])
    assert (jobless["organization_added"], jobless["did_you_mean"]) == (False, [])
