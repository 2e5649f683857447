"""The pairs one import left in the queue: listed apart, told apart at once, put back."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import event

from goodword.duplicates import by_import
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus
from goodword.errors import NotFound
from goodword.importers.records import Upload
from goodword.importers.service import import_files


def cards(name: str, *people: tuple[str, str]) -> Upload:
    body = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{full}\r\nORG:Acme\r\nEND:VCARD\r\n"
        for uid, full in people
    )
    return Upload(name, body.encode())


def imported(session, workspace_id: int, upload: Upload) -> int:
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[upload], today=date(2026, 11, 28)
    )
    assert report.id is not None
    return report.id


def of(session, workspace_id: int, run_id: int):
    return by_import.of_import(session, workspace_id=workspace_id, run_id=run_id)


def test_an_imports_pairs_are_listed_told_apart_and_put_back_together(session, workspace):
    first = imported(
        session, workspace.id, cards("a.vcf", ("a1", "Maria Garcia"), ("a2", "Maria Garcia"))
    )
    second = imported(
        session,
        workspace.id,
        cards("b.vcf", ("b1", "Wei Chen"), ("b2", "Wei Chen"), ("b3", "Wei Chen")),
    )
    ws = workspace.id
    of_first, of_second = of(session, ws, first), of(session, ws, second)
    assert duplicates.count_candidates(session, workspace_id=ws) == 4
    assert duplicates.count_candidates(session, workspace_id=ws, of_import=of_first) == 1
    listed = duplicates.list_candidates(session, workspace_id=ws, of_import=of_second).items
    assert len(listed) == 3
    assert by_import.mark_not_same(session, workspace_id=ws, run_id=second) == 3
    assert duplicates.count_candidates(session, workspace_id=ws) == 1
    assert duplicates.count_candidates(session, workspace_id=ws, of_import=of_second) == 0
    apart = duplicates.count_candidates(
        session, workspace_id=ws, status=CandidateStatus.NOT_SAME, of_import=of_second
    )
    assert apart == 3
    # The other import's pair waits still; and the undo puts the three back.
    assert by_import.reopen(session, workspace_id=ws, run_id=second) == 3
    assert duplicates.count_candidates(session, workspace_id=ws) == 4


def test_an_import_not_kept_is_not_found(session, workspace, other_workspace):
    theirs = imported(
        session, other_workspace.id, cards("a.vcf", ("a1", "Maria Garcia"), ("a2", "Maria Garcia"))
    )
    with pytest.raises(NotFound):
        by_import.mark_not_same(session, workspace_id=workspace.id, run_id=theirs)
    assert duplicates.count_candidates(session, workspace_id=other_workspace.id) == 1


def test_an_import_whose_suggested_people_are_scattered_still_finds_its_pairs(session, workspace):
    # Each pair of cards is one person created and one suggested, so the people the import
    # suggested are numbered apart: a condition naming each alone would be too deep for
    # SQLite (1,000 levels) with this many.
    rng = random.Random(5)
    people = []
    for n in range(700):
        name = "Maria " + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8)).title()
        people += [(f"a{n}", name), (f"b{n}", name)]
    run = imported(session, workspace.id, cards("many.vcf", *people))
    ws = workspace.id
    # (Every pair is this import's; a few random names are alike enough to be asked too.)
    queued = duplicates.count_candidates(session, workspace_id=ws)
    assert queued >= 700
    of_run = of(session, ws, run)
    assert duplicates.count_candidates(session, workspace_id=ws, of_import=of_run) == queued
    assert by_import.mark_not_same(session, workspace_id=ws, run_id=run) == queued
    assert duplicates.count_candidates(session, workspace_id=ws) == 0


def test_the_queue_of_one_import_reads_its_report_once(client, connection, session, workspace):
    run = imported(
        session, workspace.id, cards("a.vcf", ("a1", "Maria Garcia"), ("a2", "Maria Garcia"))
    )
    session.commit()
    reads: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        if "import_runs.report" in statement:
            reads.append(statement)

    event.listen(connection, "before_cursor_execute", seen)
    try:
        page = client.get("/duplicates", params={"import": run})
        listed = client.get("/api/v1/duplicates", params={"import_id": run})
    finally:
        event.remove(connection, "before_cursor_execute", seen)
    assert page.status_code == 200 and "Maria Garcia" in page.text
    assert listed.json()["total"] == 1
    # The page's pairs, how many wait and how many were told apart; the API's page and total.
    assert len(reads) == 2
