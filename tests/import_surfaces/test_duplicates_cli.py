"""`goodword people duplicates` says how many pairs wait in all, beyond the page it lists."""

from __future__ import annotations

import json


def test_people_duplicates_says_how_many_pairs_wait(run):
    for email in ("a", "b", "c"):
        run("person", "add", "Maria Lopez", "--given", "Maria", "--family", "Lopez",
            "--email", f"maria.{email}@globex.example")  # fmt: skip
    run("person", "add", "Hedy Lamarr", "--given", "Hedy", "--family", "Lamarr")
    assert run("people", "duplicates", "--scan").exit_code == 0

    listed = run("people", "duplicates", "--limit", "2")

    assert listed.exit_code == 0, listed.output
    assert "3 pairs wait for you in all.\n" in listed.stdout
    body = json.loads(run("people", "duplicates", "--limit", "2", "--json").stdout)
    assert (len(body["items"]), body["total"]) == (2, 3)
    (first, *_) = body["items"]
    assert run("people", "not-same", str(first["id"])).exit_code == 0
    assert "2 pairs wait for you in all.\n" in run("people", "duplicates").stdout
    assert json.loads(run("people", "duplicates", "--json").stdout)["total"] == 2
