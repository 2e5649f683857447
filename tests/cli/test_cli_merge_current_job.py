"""`people merge` leaves one current job by the merge's rule, or as --prefer current_job says."""

from __future__ import annotations

import json


def two_sams(run) -> None:
    run("person", "add", "Sam Ode", "--org", "Initech")
    run("person", "add", "Sam Ode", "--org", "Globex")
    run("person", "job", "2", "--start", "2024-05-01")


def test_merge_ends_the_job_the_rule_does_not_keep_and_says_so(run, cli_url: str) -> None:
    two_sams(run)
    merged = run("people", "merge", "1", "2")
    assert merged.exit_code == 0, merged.output
    assert "Now a past job: Initech.\n" in merged.stdout
    shown = json.loads(run("person", "show", "1", "--json").stdout)
    jobs = sorted(
        (j["organization_name"], j["is_current"], j["end_date"]) for j in shown["positions"]
    )
    assert jobs == [("Globex", True, None), ("Initech", False, "2024-05-01")]


def test_merge_prefer_current_job_both_keeps_both(run, cli_url: str) -> None:
    two_sams(run)
    merged = json.loads(
        run("people", "merge", "1", "2", "--prefer", "current_job=both", "--json").stdout
    )
    assert merged["jobs_ended"] == []
    assert [j["is_current"] for j in merged["person"]["positions"]] == [True, True]


def test_merge_prefer_current_job_takes_a_b_or_both(run, cli_url: str) -> None:
    two_sams(run)
    wrong = run("people", "merge", "1", "2", "--prefer", "current_job=newest")
    assert wrong.exit_code != 0
    assert (
        "write current_job=a to keep person 1's job current, current_job=b for person 2's, "
        "or current_job=both." in wrong.stderr.replace("\n", " ")
    )
