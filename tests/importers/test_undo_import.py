"""Undoing a kept import (SQLite and PostgreSQL): the people it made that nothing touched
since go, with their jobs, ties and messages, and are not remembered as deleted; whatever
was touched since stays and is listed with why; only the latest import, and only once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection
from goodword.errors import Conflict
from goodword.importers import history, undoing
from goodword.importers.models import ImportRun
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.interactions.models import Interaction
from goodword.people import service as people
from goodword.people.models import DeletedSource, Person, Position
from goodword.people.schemas import PersonUpdate
from goodword.search.models import SearchDocument

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@analytical.example,Analytical Engines,Mathematician,26 Dec 2025\n"  # noqa: E501
GRACE = "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,03 Nov 2025\n"
ALAN = (
    "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley Park,Cryptanalyst,14 Oct 2025\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
    "2-abc,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Me,"
    "https://www.linkedin.com/in/me,2025-12-27 10:15:00 UTC,,Hello!,INBOX,No\n"
)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(session: Session, workspace_id: int, *paths: Path):
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=list(paths), today=TODAY, now=NOW
    )
    session.commit()
    return report


def _names(session: Session, workspace_id: int) -> set[str]:
    session.expire_all()
    return set(
        session.scalars(select(Person.display_name).where(Person.workspace_id == workspace_id))
    )


def _count(session: Session, model, workspace_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(model).where(model.workspace_id == workspace_id)
    )


def test_undo_takes_away_the_people_it_made_with_their_jobs_ties_and_messages(
    session, workspace, tmp_path
):
    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    session.commit()
    connections = _file(tmp_path, "Connections.csv", HEADER + ADA + GRACE)
    report = _import(session, workspace.id, connections, _file(tmp_path, "messages.csv", MESSAGES))
    assert report.people_created == 2 and _count(session, Interaction, workspace.id) == 1
    assert _count(session, Position, workspace.id) == 2
    assert _count(session, Connection, workspace.id) == 2  # (each tied to you on LinkedIn)

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert sorted(name for _id, name in plan.removed) == ["Ada Lovelace", "Grace Hopper"]
    assert (plan.positions, plan.connections, plan.interactions) == (2, 2, 1)
    assert plan.kept == []
    assert plan.summary() == (
        "Takes away 2 people with their 2 jobs, 2 connections and 1 message or invitation."
    )
    done = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert done.done and _names(session, workspace.id) == {"Me Myself"}
    for model in (Position, Connection, Interaction, DeletedSource):
        assert _count(session, model, workspace.id) == 0, model
    assert (
        session.scalar(
            select(func.count())
            .select_from(SearchDocument)
            .where(SearchDocument.workspace_id == workspace.id, SearchDocument.kind == "person")
        )
        == 1
    )
    (summary,) = history.recent(session, workspace_id=workspace.id)
    assert summary.undone_at is not None and not summary.can_undo
    kept = history.get(session, workspace_id=workspace.id, run_id=report.id)
    assert kept.undone_at is not None
    assert {row.person_id for row in kept.rows} == {None}
    with pytest.raises(Conflict, match="already undone"):
        undoing.undo(session, workspace_id=workspace.id, run_id=report.id)

    # Not remembered as deleted: the same file brings them back.
    again = _import(session, workspace.id, connections)
    assert again.people_created == 2
    assert _names(session, workspace.id) == {"Me Myself", "Ada Lovelace", "Grace Hopper"}


def test_people_touched_since_stay_and_are_listed_with_why(session, workspace, tmp_path):
    report = _import(session, workspace.id, _file(tmp_path, "c.csv", HEADER + ADA + GRACE + ALAN))
    ids = {row.name: row.person_id for row in report.rows}
    people.update(
        session,
        workspace_id=workspace.id,
        person_id=ids["Ada Lovelace"],
        data=PersonUpdate(display_name="Ada Lovelace", notes="Met at the Analytical Society."),
    )
    f.interaction(session, workspace.id, participants=[{"person_id": ids["Grace Hopper"]}])
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert [name for _id, name in plan.removed] == ["Alan Turing"]
    reasons = {kept.name: kept.reason for kept in plan.kept}
    assert reasons == {"Ada Lovelace": undoing.TOUCHED, "Grace Hopper": undoing.LOGGED}
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert _names(session, workspace.id) == {"Ada Lovelace", "Grace Hopper"}
    assert _count(session, Interaction, workspace.id) == 1


def test_a_person_a_later_import_matched_to_stays_when_the_earlier_is_undone(
    session, workspace, tmp_path
):
    first = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA + GRACE))
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@analytical.example\nTEL:+44 20 7946 0000\nEND:VCARD\n"  # noqa: E501
    later = _import(session, workspace.id, _file(tmp_path, "phone.vcf", card))
    assert later.counts[Outcome.MERGED.value] == 1

    with pytest.raises(Conflict, match=f"undo import {later.id} first"):
        undoing.preview(session, workspace_id=workspace.id, run_id=first.id)
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=later.id)
    assert plan.removed == []
    assert [(kept.name, kept.reason) for kept in plan.kept] == [("Ada Lovelace", undoing.MATCHED)]
    undoing.undo(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()

    # The earlier import can be undone now; Ada, whom the later one changed, stays.
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=first.id)
    assert [name for _id, name in plan.removed] == ["Grace Hopper"]
    assert [(kept.name, kept.reason) for kept in plan.kept] == [("Ada Lovelace", undoing.TOUCHED)]


def test_an_import_kept_before_undoing_was_possible_is_refused(session, workspace, tmp_path):
    report = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA))
    session.get_one(ImportRun, report.id).undoable = False
    session.commit()
    with pytest.raises(Conflict, match="before Goodword could undo imports"):
        undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    assert _names(session, workspace.id) == {"Ada Lovelace"}


def test_forgetting_a_report_unmarks_its_people(session, workspace, tmp_path):
    report = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA))
    (person_id,) = {row.person_id for row in report.rows}
    assert session.get_one(Person, person_id).made_by_import == report.id
    history.forget(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    session.expire_all()
    assert session.get_one(Person, person_id).made_by_import is None


def test_people_tied_by_a_connection_list_or_a_task_since_stay(session, workspace, tmp_path):
    from goodword.network import edgelist

    report = _import(session, workspace.id, _file(tmp_path, "c.csv", HEADER + ADA + GRACE + ALAN))
    ids = {row.name: row.person_id for row in report.rows}
    edges = _file(tmp_path, "ties.csv", "a,b\nada@analytical.example,Someone Else\n")
    edgelist.import_edges(session, workspace_id=workspace.id, path_or_file=edges)
    f.task(session, workspace.id, "Thank Grace", person_id=ids["Grace Hopper"])
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert [name for _id, name in plan.removed] == ["Alan Turing"]
    reasons = {kept.name: kept.reason for kept in plan.kept}
    assert reasons == {"Ada Lovelace": undoing.TOUCHED, "Grace Hopper": "a task is about them"}


CARDS_MARIA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Garcia;Maria;;;\r\nFN:Maria Garcia\r\n"
    "ORG:Kestrel Labs\r\nEND:VCARD\r\n"
)
CARDS_MARIAH = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Garcia;Mariah;;;\r\nFN:Mariah Garcia\r\n"
    "ORG:Fabrikam\r\nEND:VCARD\r\n"
)


def test_deciding_about_a_pair_in_the_queue_does_not_keep_the_people_it_names(
    session, workspace, tmp_path
):
    from goodword.duplicates import service as duplicates

    _import(session, workspace.id, _file(tmp_path, "maria.vcf", CARDS_MARIA))
    report = _import(session, workspace.id, _file(tmp_path, "mariah.vcf", CARDS_MARIAH))
    (pair,) = duplicates.list_candidates(session, workspace_id=workspace.id).items
    duplicates.mark_not_same(session, workspace_id=workspace.id, candidate_id=pair.id)
    session.commit()
    duplicates.reopen(session, workspace_id=workspace.id, candidate_id=pair.id)
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert [name for _id, name in plan.removed] == ["Mariah Garcia"] and plan.kept == []


def test_a_group_message_by_someone_the_undo_takes_away_is_no_contact_with_who_stays(
    session, workspace, tmp_path
):
    from goodword.playbooks import cadence

    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    session.commit()
    _import(session, workspace.id, _file(tmp_path, "Connections.csv", HEADER + GRACE))
    group = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
        '3-grp,,Carl Gone,https://www.linkedin.com/in/carl-gone,"Grace Hopper,Me Myself",'
        '"https://www.linkedin.com/in/grace-hopper,https://www.linkedin.com/in/me",'
        "2025-12-27 10:15:00 UTC,,Hello both!,INBOX,No\n"
    )
    report = _import(session, workspace.id, _file(tmp_path, "messages.csv", group))
    grace = session.scalar(select(Person.id).where(Person.display_name == "Grace Hopper"))
    assert cadence.last_contacts(session, workspace_id=workspace.id, person_ids={grace}) == {}

    plan = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert [name for _id, name in plan.removed] == ["Carl Gone"]
    (message,) = session.scalars(
        select(Interaction).where(Interaction.workspace_id == workspace.id)
    )
    assert message.writer_id is None and message.writer_gone
    assert cadence.last_contacts(session, workspace_id=workspace.id, person_ids={grace}) == {}
