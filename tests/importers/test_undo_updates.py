"""Undoing an import puts back what its records changed about people already here (found
by their key: a newer copy of a record imported before), where it is still as the import
left it (SQLite and PostgreSQL); a value changed since stays and is said to; a report kept
before the values from before were kept leaves its updates, as it always did."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection
from goodword.importers import history, undoing
from goodword.importers.models import ImportRun
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.organizations.models import Organization
from goodword.people.models import Person, PersonSource

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Mathematician,26 Dec 2025\n"  # noqa: E501
ADA_MOVED = ADA.replace("Analytical Engines,Mathematician", "Royal Society,Fellow")
CARD = (
    "BEGIN:VCARD\nVERSION:3.0\nUID:ada-1\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\n"
    "ADR;TYPE=HOME:;;;London;;;UK\nNOTE:Poet of science\nEND:VCARD\n"
)
CARD_NEWER = CARD.replace("London", "Paris").replace(
    "NOTE:Poet of science", "BDAY:1815-12-10\nNOTE:Poet of science\\n\\nCountess of Lovelace"
)


def _import(session: Session, workspace_id: int, tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[path], today=TODAY, now=NOW
    )
    session.commit()
    return report


def _ada(session: Session, person_id: int) -> Person:
    session.expire_all()
    return session.get_one(Person, person_id)


def _jobs(person: Person) -> list[tuple[str, str | None, bool]]:
    return sorted((p.organization.name, p.title, p.is_current) for p in person.positions)


def test_undo_puts_back_the_fields_a_newer_copy_changed(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path, "ada.vcf", CARD)
    (ada,) = {row.person_id for row in first.rows}
    newer = _import(session, workspace.id, tmp_path, "ada.vcf", CARD_NEWER)
    (row,) = newer.rows
    assert (row.outcome, row.detail) == (
        Outcome.UPDATED,
        "location now Paris, UK; birthday set to 1815-12-10; notes added",
    )

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    assert plan.kept == [] and plan.taken_back == [] and plan.removed == []
    (back,) = plan.put_back
    assert (back.person_id, back.records, back.left) == (ada, ["its update, line 1 of ada.vcf"], [])
    assert back.taken == [
        "notes it added taken off",
        "location Paris, UK (back to London, UK)",
        "birthday 10 Dec 1815 taken off",
    ]
    assert plan.summary() == "Puts back what it changed about 1 person already here."
    done = undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert done.summary() == "Put back what it changed about 1 person already here."

    person = _ada(session, ada)
    assert (person.location, person.birthday) == ("London, UK", None)
    assert person.notes == "Poet of science"
    # The import never happened: the same file updates her again.
    again = _import(session, workspace.id, tmp_path, "ada.vcf", CARD_NEWER)
    assert [(r.outcome, r.detail) for r in again.rows] == [(row.outcome, row.detail)]
    assert _ada(session, ada).location == "Paris, UK"


def test_a_newer_copy_of_a_matched_record_is_put_back_with_what_its_match_kept(
    session, workspace, tmp_path
):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    linked = "URL:https://www.linkedin.com/in/ada-lovelace\nEND:VCARD"
    card = _import(session, workspace.id, tmp_path, "ada.vcf", CARD.replace("END:VCARD", linked))
    assert card.counts[Outcome.MERGED.value] == 1
    newer = _import(
        session, workspace.id, tmp_path, "ada.vcf", CARD_NEWER.replace("END:VCARD", linked)
    )
    assert [row.outcome for row in newer.rows] == [Outcome.UPDATED]

    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    person = _ada(session, ada)
    assert (person.location, person.birthday) == ("London, UK", None)
    assert person.notes == "Poet of science"
    # What was kept of the card's match is as the card's import left it, so a split takes
    # back only what that one added.
    (kept,) = [s.matched for s in person.sources if s.source == "vcard"]
    assert kept["record"]["location"] == "London, UK"
    assert kept["added"]["fields"] == {"location": [None, "London, UK"]}
    assert kept["added"]["notes"] == ["Poet of science"]


def test_undo_takes_away_a_new_current_job_and_reopens_the_one_it_ended(
    session, workspace, tmp_path
):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    newer = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA_MOVED)
    assert newer.counts[Outcome.UPDATED.value] == 1
    assert _jobs(_ada(session, ada)) == [
        ("Analytical Engines", "Mathematician", False),
        ("Royal Society", "Fellow", True),
    ]

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert back.taken == [
        "job Fellow at Royal Society taken off",
        "job Mathematician at Analytical Engines: current again",
    ]
    assert plan.organizations == 1  # (Royal Society, which it made for the job)
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert _jobs(_ada(session, ada)) == [("Analytical Engines", "Mathematician", True)]
    assert session.scalars(
        select(Organization.name).where(Organization.workspace_id == workspace.id)
    ).all() == ["Analytical Engines"]


def test_what_changed_since_stays_and_is_said(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    newer = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA_MOVED)
    person = _ada(session, ada)
    fellow = next(p for p in person.positions if p.title == "Fellow")
    fellow.title = "Fellow of the Royal Society"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert back.taken == []
    assert back.left == [
        "job Fellow at Royal Society (changed or removed since)",
        "job Mathematician at Analytical Engines stays ended (the job that ended it stays)",
    ]
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert _jobs(_ada(session, ada)) == [
        ("Analytical Engines", "Mathematician", False),
        ("Royal Society", "Fellow of the Royal Society", True),
    ]


def test_an_e_mail_address_an_update_added_stays_once_you_labelled_it(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path, "contacts.vcf", CARD)
    (ada,) = {row.person_id for row in first.rows}
    with_email = CARD.replace("NOTE:", "EMAIL:ada@analytical.example\nNOTE:")
    newer = _import(session, workspace.id, tmp_path, "contacts.vcf", with_email)
    person = _ada(session, ada)
    assert [(e.address, e.label) for e in person.emails] == [("ada@analytical.example", None)]
    person.emails[0].label = "work"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert back.taken == []
    assert back.left == ["e-mail ada@analytical.example (changed since)"]
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    person = _ada(session, ada)
    assert [(e.address, e.label) for e in person.emails] == [("ada@analytical.example", "work")]


def test_a_job_an_update_added_stays_with_its_organization_once_you_gave_it_a_department(
    session, workspace, tmp_path
):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    newer = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA_MOVED)
    person = _ada(session, ada)
    next(p for p in person.positions if p.title == "Fellow").department = "Mathematics"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert back.taken == []
    assert "job Fellow at Royal Society (changed or removed since)" in back.left
    assert plan.organizations == 0
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert _jobs(_ada(session, ada)) == [
        ("Analytical Engines", "Mathematician", False),
        ("Royal Society", "Fellow", True),
    ]


def test_the_linkedin_tie_an_update_made_goes(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    assert session.scalar(select(func.count()).select_from(Connection)) == 0  # (no you yet)
    f.person(session, workspace.id, "Me Myself", is_me=True)
    session.commit()
    newer = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA_MOVED)
    assert "linked to you on LinkedIn (connected 2025-12-26)" in newer.rows[0].detail

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    assert "your LinkedIn tie taken off" in plan.put_back[0].taken
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert session.scalar(select(func.count()).select_from(Connection)) == 0
    assert _jobs(_ada(session, ada)) == [("Analytical Engines", "Mathematician", True)]


def test_the_linkedin_tie_an_update_made_stays_once_you_changed_it(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    f.person(session, workspace.id, "Me Myself", is_me=True)
    session.commit()
    newer = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA_MOVED)
    tie = session.scalars(select(Connection)).one()
    tie.closeness = 4
    tie.notes = "Worked on the engine notes together"
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    (back,) = plan.put_back
    assert "your LinkedIn tie taken off" not in back.taken
    assert "your LinkedIn tie (changed since)" in back.left
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    session.expire_all()
    tie = session.scalars(select(Connection)).one()
    assert (tie.closeness, tie.notes) == (4, "Worked on the engine notes together")
    assert _jobs(_ada(session, ada)) == [("Analytical Engines", "Mathematician", True)]


def test_an_import_kept_before_the_values_were_kept_leaves_its_updates(
    session, workspace, tmp_path
):
    f.person(session, workspace.id, "Ada Lovelace", location="London, UK")
    session.commit()
    first = _import(session, workspace.id, tmp_path, "ada.vcf", CARD)
    (ada,) = {row.person_id for row in first.rows}
    newer = _import(session, workspace.id, tmp_path, "ada.vcf", CARD_NEWER)
    # As a report kept before this version reads: the row says what changed, in words.
    kept = history.get(session, workspace_id=workspace.id, run_id=newer.id)
    for row in kept.rows:
        row.put_back = None
    session.execute(
        update(ImportRun).where(ImportRun.id == newer.id).values(report=history.encode(kept))
    )
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=newer.id)
    assert plan.put_back == []
    assert [(k.person_id, k.reason) for k in plan.kept] == [(ada, undoing.UPDATED)]
    assert plan.kept[0].reason == (
        "was already here; what the import changed about them stays: it was imported before "
        "Goodword kept the values it replaced, so its report says only what they were changed to"
    )
    undoing.undo(session, workspace_id=workspace.id, run_id=newer.id)
    session.commit()
    assert _ada(session, ada).location == "Paris, UK"


def test_a_report_keeps_what_an_undo_puts_back_out_of_what_it_shows(session, workspace, tmp_path):
    first = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA)
    (ada,) = {row.person_id for row in first.rows}
    newer = _import(session, workspace.id, tmp_path, "Connections.csv", HEADER + ADA_MOVED)
    kept = history.get(session, workspace_id=workspace.id, run_id=newer.id)
    assert kept.rows[0].put_back is not None
    assert set(newer.to_dict()["rows"][0]) == {
        "file", "line", "outcome", "name", "person_id", "detail"
    }  # fmt: skip
    # Someone deleted since is taken out of the kept reports, what was theirs too.
    history.forget_people(session, workspace_id=workspace.id, person_ids={ada})
    assert history.get(session, workspace_id=workspace.id, run_id=newer.id).rows[0].put_back is None
    assert session.scalar(select(func.count()).select_from(PersonSource)) == 1
