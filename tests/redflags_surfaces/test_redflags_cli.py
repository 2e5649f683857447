"""`goodword check` and `goodword laws`, in process, without a database."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from goodword import db
from goodword.redflags import all_laws
from redflags_surfaces.samples import (
    CLEAN,
    EML,
    FEDERAL_IN_NEW_YORK,
    NEW_YORK_STATE_AND_CITY,
    NOT_BINDING,
    SCAM_AND_HISTORY,
    SHARED_HELP,
    SHORT_AD_IN_DENVER,
    TODAY,
    Run,
)


@pytest.fixture(autouse=True)
def _no_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Checking a text needs no database: opening one fails these tests."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the command opened a database")

    monkeypatch.setattr(db, "make_engine", refuse)
    monkeypatch.setenv("GOODWORD_DATABASE_URL", f"sqlite:///{tmp_path}/missing/dir/x.sqlite3")


def _file(tmp_path: Path, text: str, name: str = "message.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_prints_each_finding_with_evidence_law_and_answers(run: Run, tmp_path: Path) -> None:
    result = run("check", _file(tmp_path, SCAM_AND_HISTORY), "--location", "Wilmington, DE")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Where the job is: Wilmington, DE, United States" in out
    assert "3 red flags found." in out
    assert " CRITICAL  You are asked to pay before you can start" in out
    assert '"registration fee"' in out and '"your current salary"' in out
    assert "Delaware [unconfirmed]" in out
    assert "Citation: " in out and "Source: https://" in out
    assert "Suggested answers:" in out and "Decline and give your expectations:" in out
    assert "Report it:" in out
    assert f"Law data compiled {TODAY.isoformat()}" in out
    assert out.index("CRITICAL") < out.index("MEDIUM")


@pytest.mark.parametrize("option", ["--where", "--location"])
def test_the_place_is_given_with_where_as_laws_takes_it_or_the_older_location(
    run: Run, tmp_path: Path, option: str
) -> None:
    result = run("check", _file(tmp_path, SCAM_AND_HISTORY), option, "Wilmington, DE", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["location"] == "Wilmington, DE"


def test_help_shared_by_several_findings_is_printed_once_after_them(
    run: Run, tmp_path: Path
) -> None:
    text = (
        "Congrats on the job! We mailed you a check for $3,000. Deposit it, keep $200, and send "
        "the remaining funds to our equipment vendor via Zelle. Also, what is your current "
        "salary?\n"
    )
    result = run("check", _file(tmp_path, text), "--location", "Denver, CO")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("Report it:") == 1
    assert out.count("Stop and report:") == 1
    assert out.count("below, the same for findings 1 and 2.") == 2
    shared = out.index("Where to report it and what to say, the same for findings 1 and 2:")
    assert out.index("3.  HIGH ") < shared < out.index("Report it:")
    # A finding with its own help keeps it in place.
    assert out.index("Mention the rule where the job is:") < shared


def test_json_gives_help_shared_by_several_findings_once(run: Run, tmp_path: Path) -> None:
    result = run("check", _file(tmp_path, SHARED_HELP), "--location", "Denver, CO", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["shared_help_index"] for f in data["findings"]] == [0, 0, None]
    assert [(len(f["report_to"]), len(f["answers"]) > 0) for f in data["findings"]] == [
        (0, False),
        (0, False),
        (0, True),
    ]
    assert [item["findings"] for item in data["shared_help"]] == [[0, 1]]
    assert result.stdout.count('"Stop and report"') == 1


def test_a_clean_message_says_so_and_exits_zero(run: Run, tmp_path: Path) -> None:
    result = run("check", _file(tmp_path, CLEAN))

    assert result.exit_code == 0
    assert "No red flags found." in result.stdout
    assert "Where the job is: not given" in result.stdout


def test_json_output_has_the_apis_shape(run: Run, tmp_path: Path) -> None:
    path = _file(tmp_path, SCAM_AND_HISTORY)

    result = run("check", path, "--location", "Wilmington, DE", "--json")

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["file"] == path
    assert data["today"] == TODAY.isoformat()
    assert data["worst"] == "critical"
    assert {f["category"] for f in data["findings"]} == {"scam", "salary_history"}


def test_a_federal_posting_shows_state_and_city_laws_only_as_not_binding(
    run: Run, tmp_path: Path
) -> None:
    path = _file(tmp_path, FEDERAL_IN_NEW_YORK)

    shown = run("check", path, "--location", "New York, NY")
    as_json = run("check", path, "--location", "New York, NY", "--json")

    assert shown.exit_code == 0, shown.output
    out = " ".join(shown.stdout.split())
    assert "United States federal government (OPM pay-setting rule)" in out
    assert "Note: " + NOT_BINDING in out
    assert "New York City, NY took effect" not in out and "Law: New York" not in out
    data = json.loads(as_json.stdout)
    assert [law["id"] for law in data["laws"]["laws"]] == ["us-federal-opm-shb"]
    assert {law["id"] for law in data["laws"]["set_aside"]} == NEW_YORK_STATE_AND_CITY


def test_it_reads_standard_input(run: Run) -> None:
    result = run("check", "-", "--json", input=SCAM_AND_HISTORY)

    assert result.exit_code == 0
    assert json.loads(result.stdout)["file"] == "standard input"
    assert "scam" in json.loads(result.stdout)["categories"]


def test_it_reads_a_saved_email_with_its_sender(run: Run) -> None:
    result = run("check", str(EML))

    assert result.exit_code == 0
    out = result.stdout
    assert '"receive parcels at your home"' in out
    assert '"hiring.dept.jobs@gmail.com"' in out
    assert '"No interview is needed"' in out


def test_an_email_on_standard_input_is_read_as_one(run: Run) -> None:
    result = run("check", "-", "--json", input=EML.read_bytes())

    signals = {f["signal"] for f in json.loads(result.stdout)["findings"]}
    assert "rf-free-webmail-recruiter" in signals and "rf-reshipping" in signals


def test_a_missing_file_is_named_in_the_error(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"

    result = run("check", str(missing))

    assert result.exit_code == 2
    assert result.stderr == f"Error: There is no file at {missing}.\n"


def test_an_unreadable_or_empty_file_is_an_error_naming_it(run: Run, tmp_path: Path) -> None:
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    result = run("check", str(binary))
    empty = run("check", _file(tmp_path, "  \n", "blank.txt"))
    folder = run("check", str(tmp_path))

    assert result.exit_code == 2
    assert f"{binary} is not a text file" in result.stderr
    assert empty.exit_code == 2
    blank = str(tmp_path / "blank.txt")
    assert f"There is nothing to check: {blank} is empty." in empty.stderr
    assert "Paste" not in empty.stderr  # (there is nothing to paste into on the command line)
    assert folder.exit_code == 2 and "is a folder" in folder.stderr


def test_a_binary_file_named_eml_is_refused_like_any_binary(run: Run, tmp_path: Path) -> None:
    binary = tmp_path / "bin.eml"
    binary.write_bytes(random.Random(7).randbytes(3000))

    result = run("check", str(binary))

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {binary} is not a text file; give a text file, a saved e-mail (.eml) or - to "
        "read the text from standard input.\n"
    )
    assert "paste" not in result.stderr  # there is nothing to paste into on the command line
    assert "No red flags found" not in result.stdout


def test_binary_standard_input_is_refused_in_command_line_words(run: Run) -> None:
    result = run("check", "-", input=random.Random(7).randbytes(3000))

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: standard input is not a text file; pipe in text or a saved e-mail (.eml), or "
        "name the file.\n"
    )


def test_laws_for_a_place_lists_what_applies_and_how_current(run: Run) -> None:
    result = run("laws", "--where", "Wilmington, DE")

    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Pay laws for Wilmington, DE, United States")
    assert "Delaware" in out and "unconfirmed" in out
    assert "Pay history" in out
    assert f"Law data compiled {TODAY.isoformat()}" in out


def test_laws_for_a_place_say_when_a_law_is_enforced_later(run: Run) -> None:
    result = run("laws", "--where", "Columbus, OH")
    data = json.loads(run("laws", "--where", "Columbus, OH", "--json").stdout)

    assert result.exit_code == 0
    assert "not enforced until" in result.stdout and "2027-01-01" in result.stdout
    ranges = next(law for law in data["laws"] if law["id"] == "us-oh-cbus-pt")
    assert ranges["enforcement_pending"] is True
    assert ranges["enforced_from"] == "2027-01-01"
    assert ranges["status_text"].endswith("but not enforced until 2027-01-01")


def test_laws_without_a_place_lists_every_entry(run: Run) -> None:
    result = run("laws")
    data = json.loads(run("laws", "--json").stdout)

    assert result.exit_code == 0
    assert f"Every pay-law entry in Goodword's data ({len(all_laws())})" in result.stdout
    assert len(data["laws"]) == len(all_laws())
    assert data["compiled"] == data["today"] == TODAY.isoformat()


def test_laws_for_a_place_say_why_the_federal_rule_is_not_listed(run: Run) -> None:
    place = run("laws", "--where", "Denver, CO")
    listed = json.loads(run("laws", "--where", "Denver, CO", "--json").stdout)
    every = json.loads(run("laws", "--json").stdout)

    assert place.exit_code == 0
    assert "Note: Not counted: United States federal government" in place.stdout
    assert "us-federal-opm-shb" not in {law["id"] for law in listed["laws"]}
    federal = next(law for law in every["laws"] if law["id"] == "us-federal-opm-shb")
    assert federal["scope"] == "federal_agencies"


def test_laws_for_an_unknown_place_says_so(run: Run) -> None:
    result = run("laws", "--where", "Atlantis")
    data = json.loads(run("laws", "--where", "Atlantis", "--json").stdout)

    assert result.exit_code == 0
    assert '"Atlantis" was not recognised as a place.' in result.stdout
    assert data["laws"] == [] and data["place"]["country"] is None
    # (Not known is not a place with no law: that line is for a place it knows.)
    assert "No salary-history or pay-range law" not in result.stdout


def test_the_help_names_the_arguments(run: Run) -> None:
    check = run("check", "--help")
    laws = run("laws", "--help")

    assert "FILE|-" in check.stdout and "--location" in check.stdout
    assert "--where" in laws.stdout and "--json" in laws.stdout


def test_a_text_read_as_a_message_says_so_and_posting_checks_its_pay_range(
    run: Run, tmp_path: Path
) -> None:
    path = _file(tmp_path, SHORT_AD_IN_DENVER)

    guessed = json.loads(run("check", path, "--json").stdout)
    said = json.loads(run("check", path, "--posting", "--json").stdout)

    assert guessed["is_posting"] is False
    assert "cf-missing-pay-range" not in {f["signal"] for f in guessed["findings"]}
    assert any(
        n.startswith("This was read as a message, not a job posting") for n in guessed["notes"]
    )
    assert said["is_posting"] is True
    assert "cf-missing-pay-range" in {f["signal"] for f in said["findings"]}
    assert not any("read as a message" in n for n in said["notes"])
    # Printed, it names the option: not the check page's box or the API's field.
    printed = " ".join(run("check", path).stdout.split())
    assert "If it is a posting, say so (give --posting) and check it again." in printed
    assert "check page" not in printed and "in the API" not in printed


def test_a_salary_question_with_no_place_says_to_give_it_with_where(
    run: Run, tmp_path: Path
) -> None:
    result = run("check", _file(tmp_path, "What is your current salary?\n"))

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "Where the job is was not given" in said
    assert "give it with --where" in said and '"location"' not in said


def test_a_findings_law_is_listed_once_under_law_not_again_in_its_explanation(
    run: Run, tmp_path: Path
) -> None:
    text = SHORT_AD_IN_DENVER + "What is your current salary?\n"
    result = run("check", _file(tmp_path, text), "--where", "Denver, CO", "--posting")

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    # A "Law:" list under each of the two findings, and each law's citation there only.
    assert said.count("Law:") == 2
    assert said.count("Equal Pay for Equal Work Act, Part 2") == 1  # (pay ranges)
    assert said.count("wage-history provision in § 8-5-102") == 1  # (pay history)
    assert said.count("in force since 2021-01-01") == 2
