"""What an undone import's report says its undo did names who stayed, until they are deleted:
then they read "someone since deleted", as their rows do (`history.forget_people`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select, update

import factories as f
from goodword.importers import history, splitting, undoing
from goodword.importers.models import ImportRun
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import PersonSource
from goodword.people.schemas import PersonUpdate

TODAY = date(2026, 11, 28)
FIRST = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
TEXT = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,,,Analytical Engines,Mathematician,26 Dec 2025\n"
    "Alan,Turing,,,Bletchley Park,Cryptanalyst,27 Dec 2025\n"
)


def _undone_keeping_both(session, workspace, tmp_path) -> tuple[int, int, int]:
    """An import of Ada and Alan, both edited since, undone: (its id, Ada's, Alan's)."""
    path = tmp_path / "Connections.csv"
    path.write_text(TEXT, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[path], today=TODAY, now=FIRST
    )
    session.commit()
    ada, alan = (row.person_id for row in report.rows)
    for person_id, name in ((ada, "Ada Lovelace"), (alan, "Alan Turing")):
        people.update(
            session,
            workspace_id=workspace.id,
            person_id=person_id,
            data=PersonUpdate(display_name=name, notes="met at the conference"),
        )
    session.commit()
    done = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert [k.name for k in done.kept] == ["Ada Lovelace", "Alan Turing"]
    return report.id, ada, alan


def _undone(session, workspace, run_id: int) -> str | None:
    return history.get(session, workspace_id=workspace.id, run_id=run_id).undone


def test_someone_who_stayed_and_was_deleted_since_is_named_no_more(session, workspace, tmp_path):
    run_id, ada, alan = _undone_keeping_both(session, workspace, tmp_path)
    assert _undone(session, workspace, run_id) == (
        "Took nothing away; 2 people stay: Ada Lovelace and Alan Turing."
    )

    people.delete(session, workspace_id=workspace.id, person_id=ada)
    session.commit()
    assert _undone(session, workspace, run_id) == (
        "Took nothing away; 2 people stay: Alan Turing and someone since deleted."
    )
    people.delete(session, workspace_id=workspace.id, person_id=alan)
    session.commit()
    assert _undone(session, workspace, run_id) == (
        "Took nothing away; 2 people stay: 2 people since deleted."
    )


def test_words_kept_before_their_parts_lose_the_names_once_one_of_its_people_goes(
    session, workspace, tmp_path
):
    run_id, ada, _alan = _undone_keeping_both(session, workspace, tmp_path)
    # As an undo kept what it did before its parts were: its words alone.
    report = history.get(session, workspace_id=workspace.id, run_id=run_id)
    report.undid = "Took nothing away; 2 people stay: Ada Lovelace and Alan Turing."
    session.execute(
        update(ImportRun).where(ImportRun.id == run_id).values(report=history.encode(report))
    )
    session.commit()
    assert "Ada Lovelace" in (_undone(session, workspace, run_id) or "")

    people.delete(session, workspace_id=workspace.id, person_id=ada)
    session.commit()
    assert _undone(session, workspace, run_id) == "Took nothing away; 2 people stay."
    kept = session.scalar(select(ImportRun.report).where(ImportRun.id == run_id))
    assert b"Ada" not in history.zlib.decompress(kept)


CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
    "URL:https://www.linkedin.com/in/ada-lovelace\r\nTEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
)


def test_words_kept_before_their_parts_lose_the_names_of_one_without_a_row_once_deleted(
    session, workspace, tmp_path
):
    # Someone split off since, made of a record the import matched to Ada, stays with no row
    # of their own (its row names Ada).
    ada = f.person(
        session, workspace.id, "Ada Lovelace", urls=["https://www.linkedin.com/in/ada-lovelace"]
    )
    session.commit()
    path = tmp_path / "phone.vcf"
    path.write_text(CARD, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[path], today=TODAY, now=FIRST
    )
    session.commit()
    assert [row.person_id for row in report.rows] == [ada.id]
    source = session.scalars(select(PersonSource).where(PersonSource.file_name == "phone.vcf"))
    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.one().id
    )
    augusta = split.person.id
    people.update(
        session,
        workspace_id=workspace.id,
        person_id=augusta,
        data=PersonUpdate(display_name="Augusta King"),
    )
    session.commit()
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    # As an undo kept what it did before its parts were: its words alone.
    kept = history.get(session, workspace_id=workspace.id, run_id=report.id)
    kept.undid = "Took nothing away; 1 person stays: Augusta King."
    session.execute(
        update(ImportRun).where(ImportRun.id == report.id).values(report=history.encode(kept))
    )
    session.commit()

    people.delete(session, workspace_id=workspace.id, person_id=augusta)
    session.commit()
    assert _undone(session, workspace, report.id) == "Took nothing away; 1 person stays."


def test_who_stayed_is_named_by_their_name_now(session, workspace, tmp_path):
    run_id, ada, _alan = _undone_keeping_both(session, workspace, tmp_path)

    # Renamed since the undo: the words name her as she is listed now, to be found by it.
    people.update(
        session,
        workspace_id=workspace.id,
        person_id=ada,
        data=PersonUpdate(display_name="Augusta King"),
    )
    session.commit()
    assert _undone(session, workspace, run_id) == (
        "Took nothing away; 2 people stay: Augusta King and Alan Turing."
    )
