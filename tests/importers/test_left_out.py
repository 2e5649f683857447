"""A newer copy of a spreadsheet, address book or contacts export that leaves out people its
earlier import brought says so in the report's notes, and keeps them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person

TODAY = date(2026, 11, 25)
CRM = "key=ID,given=First,family=Surname,email=Mail"


def run(
    session: Session, ws: int, name: str, text: str, mapping: str | None = None, **options: bool
) -> ImportReport:
    return import_files(
        session, workspace_id=ws, paths_or_uploads=[Upload(name, text.encode())],
        mapping=mapping, today=TODAY, **options,
    )  # fmt: skip


def left_out_notes(report: ImportReport) -> list[str]:
    return [note for note in report.notes if "not in it now" in note]


def count(session: Session, ws: int) -> int:
    return session.scalar(select(func.count()).select_from(Person).where(Person.workspace_id == ws))


CRM_ROWS = (
    "ID,First,Surname,Mail\n1,Ann,Arbor,ann@x.example\n2,Ben,Bay,\n3,Cy,Cole,cy@x.example\n"
    "4,Di,Dunn,\n"
)


def test_a_spreadsheet_row_deleted_at_its_source_is_named_and_its_person_kept(session, workspace):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    # Ben and Di are gone; Cy is renamed (the same id); Eve is new.
    newer = (
        "ID,First,Surname,Mail\n1,Ann,Arbor,ann@x.example\n3,Cyrus,Cole,cy@x.example\n5,Eve,Eld,\n"
    )
    report = run(session, workspace.id, "crm.csv", newer, CRM)
    assert left_out_notes(report) == [
        "crm.csv: 2 people imported from it before are not in it now: Ben Bay, Di Dunn. They "
        "may have been deleted where the file was exported from; Goodword keeps them as "
        "they are."
    ]
    assert count(session, workspace.id) == 5
    # The same file again says it again: they are still not in it.
    again = run(session, workspace.id, "crm.csv", newer, CRM)
    assert len(left_out_notes(again)) == 1


def test_someone_found_under_a_new_key_is_not_named(session, workspace):
    # No id column: records are keyed by name, so a renamed row has a new key; its e-mail
    # finds the person, who is in the file still.
    mapping = "given=First,family=Surname,email=Mail"
    run(session, workspace.id, "list.csv", CRM_ROWS, mapping)
    renamed = CRM_ROWS.replace("1,Ann,Arbor", "1,Annie,Arbor-Lee")
    report = run(session, workspace.id, "list.csv", renamed, mapping)
    assert left_out_notes(report) == []


def test_another_tools_file_of_the_same_name_is_not_taken_for_a_newer_copy(session, workspace):
    run(session, workspace.id, "export.csv", CRM_ROWS, CRM)
    other = "ID,First,Surname,Mail\n91,Zed,Zane,\n92,Yan,Yost,\n93,Xi,Xu,\n"
    report = run(session, workspace.id, "export.csv", other, CRM)
    assert left_out_notes(report) == []


def test_a_file_with_rows_skipped_says_the_missing_may_be_among_them(session, workspace):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    # Ben's row is still there, but nameless now: skipped, so he may be that row.
    newer = CRM_ROWS.replace("2,Ben,Bay,", "2,,,")
    [note] = left_out_notes(run(session, workspace.id, "crm.csv", newer, CRM))
    assert note.startswith(
        "crm.csv: 1 person imported from it before is not in it now (unless among its rows "
        "skipped): Ben Bay."
    )


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\nEND:VCARD\r\n"


def cards(*names: str) -> str:
    return "".join(CARD.format(name=n, given=n.split()[0], family=n.split()[1]) for n in names)


def test_a_card_deleted_from_a_phone_is_named_and_a_deleted_person_is_not(session, workspace):
    run(session, workspace.id, "contacts.vcf", cards("Fay Elm", "Gil Ash", "Hal Oak", "Ivy Yew"))
    gil = session.scalar(select(Person).where(Person.display_name == "Gil Ash"))
    assert gil is not None
    people.delete(session, workspace_id=workspace.id, person_id=gil.id)
    report = run(session, workspace.id, "contacts.vcf", cards("Fay Elm", "Ivy Yew"))
    [note] = left_out_notes(report)
    assert note.startswith(
        "contacts.vcf: 1 person imported from it before is not in it now: Hal Oak."
    )
    # A dry run says the same.
    dry = run(session, workspace.id, "contacts.vcf", cards("Fay Elm", "Ivy Yew"), dry_run=True)
    assert left_out_notes(dry) == [note]


GOOGLE = "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value\n"


def test_google_contacts_left_out_are_named_past_twenty_as_a_number(session, workspace):
    rows = [f"P{i:02} Quill,P{i:02},Quill,,p{i}@q.example" for i in range(50)]
    run(session, workspace.id, "contacts.csv", GOOGLE + "\n".join(rows) + "\n")
    report = run(session, workspace.id, "contacts.csv", GOOGLE + "\n".join(rows[:25]) + "\n")
    [note] = left_out_notes(report)
    shown = ", ".join(f"P{i:02} Quill" for i in range(25, 45))
    assert f"25 people imported from it before are not in it now: {shown}, and 5 more." in note


def test_a_part_of_an_earlier_file_under_its_name_names_nobody(session, workspace):
    # Google names every export contacts.csv: three contacts of a label, exported alone,
    # are no newer copy of the hundred exported before.
    rows = [f"P{i:02} Quill,P{i:02},Quill,,p{i}@q.example" for i in range(100)]
    run(session, workspace.id, "contacts.csv", GOOGLE + "\n".join(rows) + "\n")
    report = run(session, workspace.id, "contacts.csv", GOOGLE + "\n".join(rows[:3]) + "\n")
    assert left_out_notes(report) == []


def test_linkedin_connections_keep_their_own_note(session, workspace):
    # Connections.csv is LinkedIn's: who it leaves out is said by its own rule (only once
    # you are known), not by this one.
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rows = [f"Jo{i},Kay,https://www.linkedin.com/in/jo{i}kay,,,,26 Dec 2025" for i in range(3)]
    run(session, workspace.id, "Connections.csv", header + "\n".join(rows) + "\n")
    report = run(session, workspace.id, "Connections.csv", header + rows[0] + "\n")
    assert left_out_notes(report) == []


def test_a_row_of_someone_deleted_is_no_reason_to_hedge(session, workspace):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    deleted = session.scalar(select(Person).where(Person.display_name == "Cy Cole"))
    assert deleted is not None
    people.delete(session, workspace_id=workspace.id, person_id=deleted.id)
    newer = CRM_ROWS.replace("4,Di,Dunn,\n", "")
    [note] = left_out_notes(run(session, workspace.id, "crm.csv", newer, CRM))
    assert note.startswith("crm.csv: 1 person imported from it before is not in it now: Di Dunn.")


GOOGLE_PHONES = "First Name,Last Name,Notes,Phone 1 - Label,Phone 1 - Value\n"


def test_two_contacts_of_one_name_without_addresses_are_told_apart_by_their_phones(
    session, workspace
):
    # A phone book's two "Mike"s: deleting the first at the source leaves the second his own.
    plumber = "Mike,,Plumber,Mobile,+1 415 555 0131\n"
    gym = "Mike,,Gym buddy,Mobile,+1 415 555 0132\n"
    run(session, workspace.id, "contacts.csv", GOOGLE_PHONES + plumber + gym)
    report = run(session, workspace.id, "contacts.csv", GOOGLE_PHONES + gym + plumber)
    assert {r.outcome.value for r in report.rows} == {"unchanged"}
    later = run(session, workspace.id, "contacts.csv", GOOGLE_PHONES + gym)
    assert [r.outcome.value for r in later.rows] == ["unchanged"]
    notes = {p.notes for p in session.scalars(select(Person))}
    assert notes == {"Plumber", "Gym buddy"}


def test_someone_whose_pair_still_waits_is_not_named_on_the_next_import(session, workspace):
    header = "First Name,Last Name,E-mail 1 - Value\n"
    run(
        session,
        workspace.id,
        "contacts.csv",
        header + "Katherine,Johnson,kj@nasa.example\nMary,Jackson,\n",
    )
    # Renamed at the source: her new name and her address are asked about, not merged.
    renamed = header + "Katherine,Goble,kj@nasa.example\nMary,Jackson,\n"
    first = run(session, workspace.id, "contacts.csv", renamed)
    assert left_out_notes(first) == []
    # The pair still waits: the same file again names nobody either.
    assert left_out_notes(run(session, workspace.id, "contacts.csv", renamed)) == []


def test_a_contact_whose_export_puts_a_new_address_first_is_the_same_record(session, workspace):
    header = "First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value\n"
    run(session, workspace.id, "contacts.csv", header + "Hedy,Lamarr,hedy@hopping.example,\n")
    newer = header + "Hedy,Lamarr,hedy@new.example,hedy@hopping.example\n"
    (row,) = run(session, workspace.id, "contacts.csv", newer).rows
    assert (row.outcome.value, row.detail) == ("updated", "new e-mail hedy@new.example")
    (hedy,) = session.scalars(select(Person)).all()
    session.refresh(hedy)
    assert [s.external_key for s in hedy.sources] == ["name:hedy lamarr|hedy@new.example"]
    assert left_out_notes(run(session, workspace.id, "contacts.csv", newer)) == []
