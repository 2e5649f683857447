"""A newer copy of a record whose name and place changed beside its notes (a CRM row with a
new note, your LinkedIn profile with a new headline): the name and place follow it as they
do when nothing else changed, and the new note is added (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
CRM = "key=ID,given=First,family=Last,location=City,email=Email,notes=Notes"
PROFILE = "First Name,Last Name,Headline,Summary,Geo Location\n"


def crm(folder: Path, family: str, city: str, note: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "crm.csv"
    path.write_text(
        f"ID,First,Last,City,Email,Notes\n7,Ada,{family},{city},ada@analytical.example,{note}\n",
        "utf-8",
    )
    return path


def profile(folder: Path, family: str, city: str, headline: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "Profile.csv"
    path.write_text(PROFILE + f"Sam,{family},{headline},I build things,{city}\n", "utf-8")
    return path


def run(
    session: Session, workspace: Workspace, path: Path, mapping: str | None = None
) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[path], today=TODAY, mapping=mapping
    )


def details(report: ImportReport) -> list[tuple[Outcome, str | None]]:
    return [(r.outcome, r.detail) for r in report.rows]


def people(session: Session, workspace: Workspace) -> list[tuple[str, str | None, str | None]]:
    session.expire_all()
    found = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    return [(p.display_name, p.location, p.notes) for p in found]


def test_a_crm_row_with_a_new_name_place_and_note_follows_all_three(session, workspace, tmp_path):
    run(session, workspace, crm(tmp_path / "a", "Lovelace", "London", "Met at the salon"), CRM)
    newer = crm(tmp_path / "b", "King", "Leeds", "Wrote the first program")
    again = run(session, workspace, newer, CRM)
    assert details(again) == [
        (
            Outcome.UPDATED,
            "name now Ada King (was Ada Lovelace); location now Leeds; notes added",
        )
    ]
    assert people(session, workspace) == [
        (
            "Ada King",
            "Leeds",
            "Met at the salon\n\nFormerly Ada Lovelace\n\nWrote the first program",
        )
    ]
    assert [r.outcome for r in run(session, workspace, newer, CRM).rows] == [Outcome.UNCHANGED]


def test_a_crm_row_whose_name_was_set_by_hand_keeps_it_beside_a_new_note(
    session, workspace, tmp_path
):
    run(session, workspace, crm(tmp_path / "a", "Lovelace", "London", "Met at the salon"), CRM)
    session.execute(
        update(Person).where(Person.workspace_id == workspace.id).values(family_name="Byron")
    )
    again = run(session, workspace, crm(tmp_path / "b", "King", "Leeds", "Wrote it"), CRM)
    ((_outcome, detail),) = details(again)
    assert "name left at Ada Lovelace (the file says Ada King" in (detail or "")
    ((name, _place, _notes),) = people(session, workspace)
    assert name == "Ada Lovelace"


def test_your_profile_with_a_new_name_place_and_headline_follows_all_three(
    session, workspace, tmp_path
):
    run(session, workspace, profile(tmp_path / "a", "Lee", "Leeds", "Engineer at Acme"))
    again = run(session, workspace, profile(tmp_path / "b", "Park", "York", "CTO at Initech"))
    assert details(again) == [
        (
            Outcome.UPDATED,
            "name now Sam Park (was Sam Lee); location now York; notes added",
        )
    ]
    ((name, place, notes),) = people(session, workspace)
    assert (name, place) == ("Sam Park", "York")
    assert "CTO at Initech" in (notes or "")


def test_a_crm_row_with_a_new_name_and_a_new_tag_follows_both(session, workspace, tmp_path):
    mapping = "key=ID,given=First,family=Last,tags=Tags"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, newer = tmp_path / "a" / "crm.csv", tmp_path / "b" / "crm.csv"
    first.write_text("ID,First,Last,Tags\n7,Ada,Lovelace,maths\n", "utf-8")
    newer.write_text("ID,First,Last,Tags\n7,Ada,King,maths; engines\n", "utf-8")
    run(session, workspace, first, mapping)
    again = run(session, workspace, newer, mapping)
    assert details(again) == [
        (Outcome.UPDATED, "name now Ada King (was Ada Lovelace); tags added: engines")
    ]
    session.expire_all()
    ada = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).one()
    assert (ada.display_name, ada.tags) == ("Ada King", ["maths", "engines"])
