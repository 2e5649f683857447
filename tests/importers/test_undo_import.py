"""Undoing a kept import (SQLite and PostgreSQL): the people it made that nothing touched
since go, with their jobs and ties, and are not remembered as deleted; the messages and
organizations it added go; what its matches added to people already here is taken back;
whatever was touched since stays and is listed with why; only the latest import, once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection
from goodword.errors import Conflict
from goodword.importers import history, undoing
from goodword.importers.models import ImportRun
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.importers.undo_matches import TakenBack
from goodword.interactions.models import Interaction
from goodword.organizations.models import Organization
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
    assert plan.organizations == 2  # (Analytical Engines and US Navy, which it made)
    assert plan.kept == [] and plan.taken_back == []
    assert plan.summary() == (
        "Takes away 2 people (with their 2 jobs and 2 connections), 1 message or invitation "
        "and 2 organizations."
    )
    done = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert done.done and _names(session, workspace.id) == {"Me Myself"}
    for model in (Position, Connection, Interaction, DeletedSource, Organization):
        assert _count(session, model, workspace.id) == 0, model
    assert (
        session.scalar(
            select(func.count())
            .select_from(SearchDocument)
            .where(SearchDocument.workspace_id == workspace.id)
        )
        == 1  # (yours: no organization's is left)
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
    assert plan.removed == [] and plan.kept == []
    ada = next(row.person_id for row in first.rows if row.name == "Ada Lovelace")
    assert plan.taken_back == [
        TakenBack(ada, "Ada Lovelace", ["vCard record, line 1 of phone.vcf"],
                  ["phone +44 20 7946 0000"], [])
    ]  # fmt: skip
    assert plan.summary() == "Takes back what it added to 1 person already here."
    undoing.undo(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()
    session.expire_all()
    person = session.get_one(Person, ada)
    assert person.phones == [] and [e.address for e in person.emails] == ["ada@analytical.example"]
    assert [source.file_name for source in person.sources] == ["a.csv"]

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


def test_forgetting_a_report_unmarks_its_people_and_organizations(session, workspace, tmp_path):
    report = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA))
    (person_id,) = {row.person_id for row in report.rows}
    assert session.get_one(Person, person_id).made_by_import == report.id
    assert session.scalar(select(Organization.import_run_id)) == report.id
    history.forget(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    session.expire_all()
    assert session.get_one(Person, person_id).made_by_import is None
    # (Nor is its organization: SQLite may give its number to the next import.)
    assert session.scalar(select(Organization.import_run_id)) is None


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
    from goodword.playbooks import in_touch

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
    assert in_touch.last_contacts(session, workspace_id=workspace.id, person_ids={grace}) == {}

    # (A message kept before Goodword knew which import added it: it stays with who stays.)
    session.execute(update(Interaction).values(import_run_id=None))
    plan = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert [name for _id, name in plan.removed] == ["Carl Gone"]
    (message,) = session.scalars(
        select(Interaction).where(Interaction.workspace_id == workspace.id)
    )
    assert message.writer_id is None and message.writer_gone
    assert in_touch.last_contacts(session, workspace_id=workspace.id, person_ids={grace}) == {}


def test_the_messages_it_added_go_with_people_who_stay_unless_changed_by_hand_or_linked(
    session, workspace, tmp_path
):
    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    session.commit()
    _import(session, workspace.id, _file(tmp_path, "Connections.csv", HEADER + GRACE))
    later = (
        "2-def,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Me,"
        "https://www.linkedin.com/in/me,2025-12-28 10:15:00 UTC,,Again!,INBOX,No\n"
        "2-ghi,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Me,"
        "https://www.linkedin.com/in/me,2025-12-29 10:15:00 UTC,,Once more!,INBOX,No\n"
    )
    report = _import(session, workspace.id, _file(tmp_path, "messages.csv", MESSAGES + later))
    assert report.interactions_created == 3
    messages = {
        m.summary: m
        for m in session.scalars(
            select(Interaction).where(Interaction.workspace_id == workspace.id)
        )
    }
    assert {m.import_run_id for m in messages.values()} == {report.id}
    messages["Again!"].summary = "Again! (she asked about the role)"  # (edited by hand)
    f.task(session, workspace.id, "Answer Grace", interaction_id=messages["Once more!"].id)
    session.commit()
    assert messages["Again!"].import_run_id is None

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert plan.removed == [] and plan.interactions == 1
    assert plan.summary() == "Takes away 1 message or invitation."
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert _names(session, workspace.id) == {"Me Myself", "Grace Hopper"}
    assert set(session.scalars(select(Interaction.summary))) == {
        "Again! (she asked about the role)",
        "Once more!",
    }


def test_the_organizations_it_made_go_unless_held_or_changed_by_hand(session, workspace, tmp_path):
    f.organization(session, workspace.id, "Bletchley Park")  # (here before: stays)
    session.commit()
    report = _import(session, workspace.id, _file(tmp_path, "c.csv", HEADER + ADA + GRACE + ALAN))
    made = {
        o.name: o
        for o in session.scalars(
            select(Organization).where(Organization.import_run_id == report.id)
        )
    }
    assert sorted(made) == ["Analytical Engines", "US Navy"]
    f.opportunity(session, workspace.id, organization_name="US Navy")
    session.commit()
    kept = f.organization(session, workspace.id, "Difference Engines")
    kept.import_run_id = report.id  # (as if it made this one too)
    session.commit()
    kept.notes = "Babbage's first."  # (changed by hand since)
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert plan.organizations == 1
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()

    assert set(session.scalars(select(Organization.name))) == {
        "Bletchley Park",
        "US Navy",
        "Difference Engines",
    }
    documents = session.scalars(
        select(SearchDocument.title).where(SearchDocument.kind == "organization")
    )
    assert "Analytical Engines" not in set(documents)


CARD_ADA = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@analytical.example\n"
    "TEL:+44 20 7946 0000\nNOTE:Met at the Royal Society.\nEND:VCARD\n"
)


def test_what_a_match_added_that_changed_since_stays_and_is_said(session, workspace, tmp_path):
    first = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA))
    (ada,) = {row.person_id for row in first.rows}
    later = _import(session, workspace.id, _file(tmp_path, "phone.vcf", CARD_ADA))
    assert later.counts[Outcome.MERGED.value] == 1
    session.get_one(Person, ada).notes = "Met at the Royal Society, 1843."
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=later.id)
    (taken,) = plan.taken_back
    assert taken.taken == ["phone +44 20 7946 0000"]
    assert taken.left == ["notes it added (changed since)"]
    undoing.undo(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()
    session.expire_all()

    person = session.get_one(Person, ada)
    assert person.phones == [] and person.notes == "Met at the Royal Society, 1843."
    assert [source.file_name for source in person.sources] == ["a.csv"]
    # The import never happened: the same card is matched to her again.
    again = _import(session, workspace.id, _file(tmp_path, "phone.vcf", CARD_ADA))
    assert again.counts[Outcome.MERGED.value] == 1


def test_a_linkedin_tie_a_match_made_stays_once_you_wrote_on_it(session, workspace, tmp_path):
    f.person(session, workspace.id, "Me Myself", is_me=True)
    first = _import(session, workspace.id, _file(tmp_path, "phone.vcf", CARD_ADA))
    (ada,) = {row.person_id for row in first.rows}
    later = _import(session, workspace.id, _file(tmp_path, "Connections.csv", HEADER + ADA))
    assert later.counts[Outcome.MERGED.value] == 1
    tie = session.scalars(select(Connection)).one()
    tie.notes = "Introduced me to Babbage"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=later.id)
    (taken,) = plan.taken_back
    assert "your LinkedIn tie" not in taken.taken
    assert "your LinkedIn tie (changed since)" in taken.left
    undoing.undo(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()
    session.expire_all()
    tie = session.scalars(select(Connection)).one()
    assert (tie.notes, {tie.person_a_id, tie.person_b_id} - {ada}) == (
        "Introduced me to Babbage",
        {people.get_me(session, workspace_id=workspace.id).id},
    )


def test_a_phone_a_match_added_stays_once_you_labelled_it(session, workspace, tmp_path):
    first = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA))
    (ada,) = {row.person_id for row in first.rows}
    later = _import(session, workspace.id, _file(tmp_path, "phone.vcf", CARD_ADA))
    assert later.counts[Outcome.MERGED.value] == 1
    session.get_one(Person, ada).phones[0].label = "desk"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=later.id)
    (taken,) = plan.taken_back
    assert not [words for words in taken.taken if words.startswith("phone")]
    assert "phone +44 20 7946 0000 (changed since)" in taken.left
    undoing.undo(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()
    session.expire_all()
    person = session.get_one(Person, ada)
    assert [(p.number, p.label) for p in person.phones] == [("+442079460000", "desk")]


def test_a_match_whose_person_was_merged_since_stays_and_says_why(session, workspace, tmp_path):
    from goodword.duplicates import merging

    first = _import(session, workspace.id, _file(tmp_path, "a.csv", HEADER + ADA))
    (ada,) = {row.person_id for row in first.rows}
    later = _import(session, workspace.id, _file(tmp_path, "phone.vcf", CARD_ADA))
    countess = f.person(session, workspace.id, "Countess of Lovelace")
    merging.merge(session, workspace_id=workspace.id, survivor_id=countess.id, absorbed_id=ada)
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=later.id)
    assert plan.taken_back == []
    assert [(k.person_id, k.name, k.reason) for k in plan.kept] == [
        (
            ada,
            "Ada Lovelace",
            f"merged into person {countess.id} since; undo that merge first to take back "
            "what the import added",
        )
    ]
    undoing.undo(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()
    session.expire_all()
    assert len(session.get_one(Person, countess.id).phones) == 1


def test_a_person_taken_out_of_a_message_it_added_is_a_change_by_hand(session, workspace, tmp_path):
    from goodword.interactions.models import Participant

    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    session.commit()
    _import(session, workspace.id, _file(tmp_path, "Connections.csv", HEADER + GRACE))
    report = _import(session, workspace.id, _file(tmp_path, "messages.csv", MESSAGES))
    message = session.scalars(select(Interaction)).one()
    assert message.import_run_id == report.id
    session.delete(session.scalars(select(Participant)).first())
    session.commit()
    session.expire_all()

    assert session.get_one(Interaction, message.id).import_run_id is None
    assert undoing.preview(session, workspace_id=workspace.id, run_id=report.id).interactions == 0


def test_people_a_later_import_added_messages_with_stay_when_the_earlier_is_undone(
    session, workspace, tmp_path
):
    """A messages.csv names no one in its report's rows; the people it added messages with
    are touched all the same, even once its report is deleted."""
    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    session.commit()
    first = _import(session, workspace.id, _file(tmp_path, "Connections.csv", HEADER + GRACE))
    later = _import(session, workspace.id, _file(tmp_path, "messages.csv", MESSAGES))
    history.forget(session, workspace_id=workspace.id, run_id=later.id)
    session.commit()

    plan = undoing.undo(session, workspace_id=workspace.id, run_id=first.id)
    session.commit()

    assert plan.removed == [] and [kept.name for kept in plan.kept] == ["Grace Hopper"]
    assert _names(session, workspace.id) == {"Me Myself", "Grace Hopper"}
    assert _count(session, Interaction, workspace.id) == 1
