"""Importing a newer copy of a record whose name changed (a married name): the name the
record gave follows it, the old one kept in the notes; a name set by hand, or one that
cannot be told from it, stays and the row says what the file holds. A newer copy whose
every change was left says so (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.search import service as search
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
ALICE = "Alice,Chen,https://www.linkedin.com/in/alicechen,,Acme,Engineer,12 Mar 2022\n"
# Line 6 of the file: the same profile and e-mail address, whatever her family name.
CARLA = "Carla,{family},https://www.linkedin.com/in/carlajones,{email},Initech,PM,01 Feb 2021\n"


def connections(folder: Path, family: str, email: str = "carla@initech.example") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "Connections.csv"
    path.write_text(PREAMBLE + ALICE + CARLA.format(family=family, email=email), "utf-8")
    return path


def card(folder: Path, *, name: str = "Lovelace", city: str = "London", how: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "ada.vcf"
    met = f"X-GOODWORD-HOW-WE-MET:{how}\r\n" if how else ""
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada {name}\r\nN:{name};Ada;;;\r\n"
        f"EMAIL:ada@analytical.example\r\nADR;TYPE=home:;;;{city};;;\r\n{met}END:VCARD\r\n",
        encoding="utf-8",
    )
    return path


def run(session: Session, workspace: Workspace, *paths: Path) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(paths), today=TODAY
    )


def row(report: ImportReport, line: int) -> tuple[Outcome, str | None]:
    (found,) = [(r.outcome, r.detail) for r in report.rows if r.line == line]
    return found


def the_person(session: Session, workspace: Workspace, given: str) -> Person:
    session.expire_all()
    return session.scalars(
        select(Person).where(Person.workspace_id == workspace.id, Person.given_name == given)
    ).one()


def named(session: Session, workspace: Workspace, query: str) -> list[str]:
    hits = search.search(session, workspace_id=workspace.id, query=query, kinds=("person",))
    return [hit.title for hit in hits]


def test_a_married_name_follows_the_record_and_the_old_name_is_kept_in_the_notes(
    session, workspace, tmp_path
):
    run(session, workspace, connections(tmp_path / "a", "Jones"))
    newer = connections(tmp_path / "b", "Smith")
    again = run(session, workspace, newer)
    assert row(again, 6) == (Outcome.UPDATED, "name now Carla Smith (was Carla Jones)")
    carla = the_person(session, workspace, "Carla")
    assert (carla.display_name, carla.given_name, carla.family_name) == (
        "Carla Smith", "Carla", "Smith",
    )  # fmt: skip
    assert carla.sort_name.startswith("smith")
    assert carla.notes == "Formerly Carla Jones"
    assert named(session, workspace, "Smith") == ["Carla Smith"]
    # Her former name finds her too, and the result says why.
    (hit,) = search.search(session, workspace_id=workspace.id, query="Jones", kinds=("person",))
    assert (hit.title, hit.detail.endswith("formerly Carla Jones")) == ("Carla Smith", True)
    # The same newer file again changes nothing, and the old name is not noted twice.
    third = run(session, workspace, newer)
    assert row(third, 6) == (Outcome.UNCHANGED, "unchanged since the last import")
    carla = the_person(session, workspace, "Carla")
    assert (carla.display_name, carla.notes) == ("Carla Smith", "Formerly Carla Jones")


def test_a_name_set_by_hand_stays_and_the_row_says_what_the_file_holds(
    session, workspace, tmp_path
):
    run(session, workspace, connections(tmp_path / "a", "Jones"))
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace.id, Person.given_name == "Carla")
        .values(display_name="Carla J. Jones")
    )
    again = run(session, workspace, connections(tmp_path / "b", "Smith"))
    assert row(again, 6) == (
        Outcome.UNCHANGED,
        "name left at Carla J. Jones (the file says Carla Smith; edit the person to change it)",
    )
    carla = the_person(session, workspace, "Carla")
    assert (carla.display_name, carla.family_name, carla.notes) == (
        "Carla J. Jones", "Jones", None,
    )  # fmt: skip


def test_a_name_that_cannot_be_told_from_one_set_by_hand_stays(session, workspace, tmp_path):
    # A new e-mail address too: Goodword cannot put back what the record said before, so
    # the name it holds may be the user's; it stays, and the row says what the file says.
    run(session, workspace, connections(tmp_path / "a", "Jones"))
    again = run(session, workspace, connections(tmp_path / "b", "Smith", "carla@smith.example"))
    assert row(again, 6) == (
        Outcome.UPDATED,
        "new e-mail carla@smith.example; name left at Carla Jones (the file says Carla Smith; "
        "edit the person to change it)",
    )
    assert the_person(session, workspace, "Carla").display_name == "Carla Jones"


def test_a_name_shown_as_the_file_gives_it_follows_it_with_a_new_place(
    session, workspace, tmp_path
):
    # A vCard gives the name shown (FN) beside the given and family names (N): all three
    # are put back together to tell that the record gave them.
    run(session, workspace, card(tmp_path / "a"))
    again = run(session, workspace, card(tmp_path / "b", name="King", city="Leeds"))
    assert row(again, 1) == (
        Outcome.UPDATED,
        "name now Ada King (was Ada Lovelace); location now Leeds",
    )
    ada = the_person(session, workspace, "Ada")
    assert (ada.display_name, ada.family_name, ada.location, ada.notes) == (
        "Ada King", "King", "Leeds", "Formerly Ada Lovelace",
    )  # fmt: skip


def test_a_newer_copy_whose_every_change_was_left_says_what_the_file_holds(
    session, workspace, tmp_path
):
    run(session, workspace, card(tmp_path / "a", how="At the salon"))
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace.id, Person.given_name == "Ada")
        .values(how_we_met="Babbage's party")
    )
    again = run(session, workspace, card(tmp_path / "b", how="At the Royal Society"))
    assert row(again, 1) == (
        Outcome.UNCHANGED,
        "how you met left as it was (the file says 'At the Royal Society'; edit the person "
        "to change it)",
    )
    assert the_person(session, workspace, "Ada").how_we_met == "Babbage's party"


def test_a_birth_name_in_brackets_finds_the_person_a_first_import_makes(
    session, workspace, tmp_path
):
    path = tmp_path / "anna.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt (née Müller)\r\n"
        "N:Schmidt (née Müller);Anna;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    run(session, workspace, path)
    assert the_person(session, workspace, "Anna").notes == "Née Müller"
    assert named(session, workspace, "muller") == ["Anna Schmidt"]
