"""Imports large enough to take the bulk paths: search stays in step, nothing is left behind."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from goodword.importers import bulk
from goodword.importers.bulk import CHUNK
from goodword.importers.records import ImportFileError
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail
from goodword.people.schemas import PersonCreate
from goodword.search import service as search
from goodword.workspaces import service as workspaces

TODAY = date(2026, 11, 25)
# More rows than one bulk chunk, so the documents go in (and are rewritten) in bulk.
ROWS = CHUNK + 200
SYLLABLES = [c + v for c in "bdklmnrstv" for v in "aeiou"]


def name(number: int) -> str:
    """A distinct made-up word for every number ("Bab", "Bae", ..., "Kodavu")."""
    letters = []
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        letters.append(SYLLABLES[digit])
        if not number:
            break
    return "".join(letters).capitalize() + "x"


def connections(path: Path, employer: str) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n in range(ROWS):
        lines.append(
            f"{name(n)},{name(n + 7919)},https://www.linkedin.com/in/person-{n},,"
            f"{employer} {name(n % 40)},Engineer,26 Dec 2025"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def titles(session: Session, workspace_id: int, query: str) -> list[str]:
    hits = search.search(session, workspace_id=workspace_id, query=query, kinds=("person",))
    return [h.title for h in hits]


def test_a_large_import_is_searchable_and_search_keeps_working(session, workspace, tmp_path):
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[connections(tmp_path / "Connections.csv", "Orbital")],
        today=TODAY,
    )
    # Made-up names at shared employers: some are only queued as possible duplicates.
    assert report.counts["created"] + report.counts["suggested"] == ROWS
    assert people.count(session, workspace_id=workspace.id) == ROWS
    last = f"{name(ROWS - 1)} {name(ROWS - 1 + 7919)}"
    assert titles(session, workspace.id, name(ROWS - 1 + 7919)) == [last]
    assert titles(session, workspace.id, f"orbital {name(39)}")[:1]  # by employer
    assert_index_in_step(session)
    # Search still follows ordinary edits after the import.
    people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Quillon Zed"))
    session.flush()
    assert titles(session, workspace.id, "quillon") == ["Quillon Zed"]


def test_a_large_reimport_rewrites_what_search_finds(session, workspace, tmp_path):
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[connections(tmp_path / "Connections.csv", "Orbital")],
        today=TODAY,
    )
    newer = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[connections(tmp_path / "Connections_new.csv", "Lunar")],
        today=TODAY,
    )
    assert newer.counts["updated"] == ROWS
    someone = f"{name(5)} {name(5 + 7919)}"
    assert titles(session, workspace.id, f"lunar {name(5)}")[:1] == [someone]
    assert someone not in titles(session, workspace.id, f"orbital {name(5)}")
    assert not [t for t in titles(session, workspace.id, "orbital") if t.endswith("box")]
    assert_index_in_step(session)


def assert_index_in_step(session: Session) -> None:
    """On SQLite, FTS5 checks its index against search_documents, row by row (it raises
    when they differ); PostgreSQL indexes an expression of the table itself."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        )


def test_the_cycle_collector_runs_again_after_an_import_fails(session, workspace, tmp_path):
    empty = tmp_path / "contacts.vcf"
    empty.write_text("", encoding="utf-8")
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        import_files(session, workspace_id=workspace.id, paths_or_uploads=[empty], today=TODAY)
    assert gc.isenabled()


def test_a_failed_bulk_insert_of_search_documents_leaves_search_whole(session, workspace):
    rows = [
        {"workspace_id": workspace.id, "kind": "person", "record_id": n % (ROWS - 1),
         "title": f"Doc {n}", "body": ""}
        for n in range(ROWS)
    ]  # fmt: skip
    with pytest.raises(IntegrityError):  # two documents for one record
        bulk.insert_search_documents(session, rows)
    if session.get_bind().dialect.name == "sqlite":
        # Put back at once, in the failed transaction itself, whatever the caller does next.
        triggers = session.scalars(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'search_documents' ORDER BY name"
            )
        ).all()
        assert triggers == ["search_documents_ad", "search_documents_ai", "search_documents_au"]
    session.rollback()
    assert_index_in_step(session)
    again = workspaces.get_or_create(session)
    people.create(session, workspace_id=again.id, data=PersonCreate(display_name="Quillon Zed"))
    assert titles(session, again.id, "quillon") == ["Quillon Zed"]


def test_a_failed_bulk_insert_raises_what_sqlalchemy_would(session, workspace):
    # No such person: the foreign key refuses the row, on SQLite and in PostgreSQL's COPY.
    rows = [{"workspace_id": workspace.id, "person_id": 999_999, "address": "x@example.org",
             "label": None, "position": 0}]  # fmt: skip
    with pytest.raises(IntegrityError):
        bulk.insert_rows(session, PersonEmail, rows)


def test_among_takes_thousands_of_ids_as_one_value(session, workspace):
    rows = [{"workspace_id": workspace.id, "display_name": f"P{n}", "sort_name": f"p{n}"}
            for n in range(2500)]  # fmt: skip
    ids = bulk.insert_returning(session, Person, rows)
    wanted = [*ids[::2], 999_999_999]  # every other one, and one that is no one
    found = session.scalars(
        select(Person.id).where(bulk.among(session, Person.id, wanted)).order_by(Person.id)
    ).all()
    assert found == ids[::2]
    assert session.scalars(select(Person.id).where(bulk.among(session, Person.id, []))).all() == []
