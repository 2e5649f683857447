"""A person the user deleted stays deleted: an import reading their record again passes over
it, saying so, and one with reapply brings them back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories
from goodword.duplicates.merging import merge
from goodword.duplicates.models import Merge
from goodword.importers import history
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.interactions import service as interactions
from goodword.interactions.models import Interaction
from goodword.interactions.schemas import InteractionCreate
from goodword.people import service as people
from goodword.people.deleted import digest
from goodword.people.models import DeletedSource, Person
from goodword.playbooks.in_touch import last_contacts

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)


def run(session: Session, ws: int, *items: Path | Upload, **options: object) -> ImportReport:
    return import_files(
        session, workspace_id=ws, paths_or_uploads=list(items), today=TODAY, **options
    )  # type: ignore[arg-type]


def person_named(session: Session, ws: int, name: str) -> Person | None:
    return session.scalar(
        select(Person).where(Person.workspace_id == ws, Person.display_name == name)
    )


def delete(session: Session, ws: int, name: str) -> None:
    person = person_named(session, ws, name)
    assert person is not None
    people.delete(session, workspace_id=ws, person_id=person.id)


def test_a_deleted_connection_is_not_added_again_and_reapply_brings_them_back(session, workspace):
    ws = workspace.id
    run(session, ws, DATA / "Connections.csv")
    delete(session, ws, "Ada Lovelace")

    again = run(session, ws, DATA / "Connections.csv")
    [row] = [r for r in again.rows if r.name == "Ada Lovelace"]
    assert row.outcome is Outcome.SKIPPED
    assert row.detail.startswith("you deleted Ada Lovelace on ")
    assert row.detail.endswith(
        ", so they are not added again (import with Reapply to bring them back)"
    )
    assert person_named(session, ws, "Ada Lovelace") is None
    [file] = again.files
    assert file.skipped == 2  # Ada, and the row of a deleted account

    back = run(session, ws, DATA / "Connections.csv", reapply=True)
    [row] = [r for r in back.rows if r.name == "Ada Lovelace"]
    assert row.outcome is Outcome.CREATED
    assert person_named(session, ws, "Ada Lovelace") is not None
    assert session.scalar(select(func.count()).select_from(DeletedSource)) == 0
    # Brought back, they are imported as before: the next import finds them unchanged.
    later = run(session, ws, DATA / "Connections.csv")
    [row] = [r for r in later.rows if r.name == "Ada Lovelace"]
    assert row.outcome is Outcome.UNCHANGED


def test_messages_with_only_a_deleted_person_are_skipped_and_others_keep_the_rest(
    session, workspace
):
    ws = workspace.id
    text = (DATA / "messages.csv").read_text(encoding="utf-8")
    run(session, ws, DATA / "Connections.csv", Upload("messages.csv", text.encode()))
    delete(session, ws, "Marcus Reid")  # named in messages.csv only, by his profile
    report = run(session, ws, DATA / "Connections.csv", Upload("messages.csv", text.encode()))
    skipped = [r for r in report.rows if r.file == "messages.csv" and r.outcome is Outcome.SKIPPED]
    assert [r.detail for r in skipped] == [
        "a message written by Marcus Reid (deleted by you): not added (import with Reapply "
        "to bring them back)"
    ]
    assert person_named(session, ws, "Marcus Reid") is None
    assert session.scalar(select(func.count()).select_from(Interaction)) > 0


def test_a_spreadsheet_row_is_remembered_in_its_own_file_only(session, workspace):
    ws = workspace.id
    mapping = "key=ID,given=First,family=Last"
    crm = Upload("crm.csv", b"ID,First,Last\n7,Sam,Lee\n8,Ola,Nord\n")
    run(session, ws, crm, mapping=mapping)
    delete(session, ws, "Sam Lee")
    # Row 7 of another list is someone else; Sam Lee in a card is not the spreadsheet's row.
    club = Upload("club.csv", b"ID,First,Last\n7,Tia,Moss\n")
    card = Upload(
        "sam.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee\r\nN:Lee;Sam;;;\r\nEND:VCARD\r\n"
    )
    report = run(session, ws, club, card, mapping=mapping)
    assert {(r.name, r.outcome) for r in report.rows} == {
        ("Tia Moss", Outcome.CREATED),
        ("Sam Lee", Outcome.CREATED),
    }
    again = run(session, ws, crm, mapping=mapping)
    assert {(r.name, r.outcome) for r in again.rows} == {
        ("Sam Lee", Outcome.SKIPPED),
        ("Ola Nord", Outcome.UNCHANGED),
    }


def test_a_newer_spreadsheet_under_a_new_name_gives_the_id_with_their_address(session, workspace):
    ws = workspace.id
    mapping = "key=ID,name=Name,email=Email"
    run(
        session,
        ws,
        Upload("crm.csv", b"ID,Name,Email\n7,Sam Lee,sam@lee.example\n"),
        mapping=mapping,
    )
    delete(session, ws, "Sam Lee")
    december = Upload(
        "crm-december.csv",
        b"ID,Name,Email\n7,Samuel Lee,SAM@lee.example\n8,Tia Moss,tia@moss.example\n"
        b"9,Ola Nord,sam@lee.example\n",
    )
    report = run(session, ws, december, mapping=mapping)
    # Row 7 with an address Sam had is Sam; another row with it, under another id, is not
    # his record (it goes to whoever has the address, as any row would: here no one).
    assert {(r.name, r.outcome) for r in report.rows} == {
        ("Samuel Lee", Outcome.SKIPPED),
        ("Tia Moss", Outcome.CREATED),
        ("Ola Nord", Outcome.CREATED),
    }


def test_a_name_with_its_address_is_remembered_in_a_newer_file_of_another_name(session, workspace):
    ws = workspace.id
    header = b"First Name,Last Name,E-mail 1 - Value\n"
    first = header + b"Katherine,Johnson,kj@nasa.example\nMary,Jackson,mj@nasa.example\n"
    run(session, ws, Upload("contacts.csv", first))
    delete(session, ws, "Katherine Johnson")
    # A browser saves a second download beside the first under a new name.
    report = run(session, ws, Upload("contacts (1).csv", first + b"Dorothy,Vaughan,\n"))
    assert {(r.name, r.outcome) for r in report.rows} == {
        ("Katherine Johnson", Outcome.SKIPPED),
        ("Mary Jackson", Outcome.UNCHANGED),
        ("Dorothy Vaughan", Outcome.CREATED),
    }


def test_a_card_by_its_uid_is_remembered_in_any_file(session, workspace):
    ws = workspace.id
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n"
    run(session, ws, Upload("phone.vcf", card.format(uid="u-1", name="Rui Sá").encode()))
    delete(session, ws, "Rui Sá")
    later = Upload("phone-2026.vcf", card.format(uid="u-1", name="Rui Sá Costa").encode())
    [row] = run(session, ws, later).rows
    assert (row.outcome, row.name) == (Outcome.SKIPPED, "Rui Sá Costa")
    assert row.detail.startswith("you deleted Rui Sá Costa on ")


def test_the_delete_page_and_command_say_they_stay_deleted(session, workspace, client):
    run(session, workspace.id, DATA / "Connections.csv")
    ada = person_named(session, workspace.id, "Ada Lovelace")
    assert ada is not None
    plain = factories.person(session, workspace.id, "Hand Made")
    session.commit()
    page = client.get(f"/people/{ada.id}/delete").text
    assert (
        "Goodword remembers the record they were imported from (by a digest, not their "
        "details), so importing it again" in page
    )
    assert 'id="stays-deleted"' not in client.get(f"/people/{plain.id}/delete").text


def test_only_a_digest_of_a_deleted_records_key_is_kept(session, workspace):
    ws = workspace.id
    run(session, ws, DATA / "Connections.csv")
    delete(session, ws, "Ada Lovelace")
    [kept] = session.scalars(select(DeletedSource)).all()
    # (A profile is its own in any file: the file's name is not kept.)
    assert (kept.source, kept.file_name) == ("linkedin", None)
    assert kept.key_digest == digest("linkedin", "https://www.linkedin.com/in/ada-lovelace")
    assert "ada" not in " ".join(str(v).lower() for v in vars(kept).values())


def test_someone_deleted_and_added_back_by_hand_takes_their_record_again(session, workspace):
    ws = workspace.id
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-ann\r\nFN:Ann Bo\r\nEMAIL:ann@x.example\r\n"
        "{}END:VCARD\r\n"
    )
    run(session, ws, Upload("phone.vcf", card.format("").encode()))
    delete(session, ws, "Ann Bo")
    factories.person(session, ws, "Ann Bo", emails=["ann@x.example"])
    report = run(
        session, ws, Upload("phone.vcf", card.format("TITLE:Chef\r\nORG:Bistro\r\n").encode())
    )
    [row] = report.rows
    assert row.outcome is Outcome.MERGED
    assert session.scalar(select(func.count()).select_from(Person)) == 1


def test_bringing_someone_back_forgets_all_their_records(session, workspace):
    ws = workspace.id
    card = Upload(
        "phone.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-sam\r\nFN:Sam Lee\r\nEMAIL:sam@x.example\r\n"
        b"END:VCARD\r\n",
    )
    crm = Upload("crm.csv", b"ID,First,Last,Mail\n7,Sam,Lee,sam@x.example\n")
    run(session, ws, card)
    run(session, ws, crm, mapping="key=ID,given=First,family=Last,email=Mail")
    assert session.scalar(select(func.count()).select_from(Person)) == 1
    delete(session, ws, "Sam Lee")
    back = run(session, ws, card, reapply=True)
    assert [r.outcome for r in back.rows] == [Outcome.CREATED]
    # The spreadsheet's row of him is his again, not a deleted person's.
    again = run(session, ws, crm, mapping="key=ID,given=First,family=Last,email=Mail")
    assert [r.outcome for r in again.rows] == [Outcome.MERGED]


def test_an_own_export_key_given_to_someone_else_is_not_taken_for_the_deleted(session, workspace):
    # SQLite may give a deleted person's id to someone added after: the newer export's
    # record of that id, under another name, is not the deleted one.
    ws = workspace.id
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:goodword-{ws}-{n}\r\nFN:{name}\r\n"
        "X-GOODWORD-LOCATION:x\r\nEND:VCARD\r\n"
    )
    run(session, ws, Upload("old.vcf", text.format(ws=ws, n=40, name="Old Name").encode()))
    delete(session, ws, "Old Name")
    old = run(session, ws, Upload("old.vcf", text.format(ws=ws, n=40, name="Old Name").encode()))
    assert [r.outcome for r in old.rows] == [Outcome.SKIPPED]
    newer = run(
        session, ws, Upload("new.vcf", text.format(ws=ws, n=40, name="New Person").encode())
    )
    assert [r.outcome for r in newer.rows] == [Outcome.CREATED]


def vcards(*cards: str) -> Upload:
    body = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{c}\r\nEND:VCARD\r\n" for c in cards)
    return Upload("phone.vcf", body.encode())


def test_a_shared_office_phone_does_not_bring_a_deleted_person_back(session, workspace):
    ws = workspace.id
    office = vcards("FN:Ann Bo\r\nTEL:+1 212 555 0100", "FN:Carl Dee\r\nTEL:+1 212 555 0100")
    run(session, ws, office)
    delete(session, ws, "Ann Bo")
    report = run(session, ws, office)
    assert {(r.name, r.outcome) for r in report.rows} == {
        ("Ann Bo", Outcome.SKIPPED),
        ("Carl Dee", Outcome.UNCHANGED),
    }


def test_a_deleted_second_card_of_someone_stays_deleted(session, workspace):
    # Two cards (two UIDs) with one address are two people: deleting one instead of merging
    # keeps it deleted, though the other has its address.
    ws = workspace.id
    cards = vcards(
        "UID:u-1\r\nFN:Ann Bo\r\nEMAIL:ann@x.example", "UID:u-2\r\nFN:Ann Bo\r\nEMAIL:ann@x.example"
    )
    run(session, ws, cards)
    first = session.scalars(select(Person).order_by(Person.id)).first()
    assert first is not None
    people.delete(session, workspace_id=ws, person_id=first.id)
    report = run(session, ws, cards)
    assert sorted(r.outcome.value for r in report.rows) == ["skipped", "unchanged"]


def test_each_deletion_is_its_own_so_bringing_one_back_keeps_the_other(session, workspace):
    ws = workspace.id
    ann = Upload(
        "ann.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-ann\r\nFN:Ann Bo\r\nEND:VCARD\r\n"
    )
    bob = Upload(
        "bob.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-bob\r\nFN:Bob Cy\r\nEND:VCARD\r\n"
    )
    run(session, ws, ann)
    delete(session, ws, "Ann Bo")
    run(session, ws, bob)  # (on SQLite Bob may get Ann's old id)
    delete(session, ws, "Bob Cy")
    run(session, ws, ann, reapply=True)
    assert [r.outcome for r in run(session, ws, bob).rows] == [Outcome.SKIPPED]
    kept = session.scalars(select(DeletedSource)).all()
    # A card's UID is its own in any file: the file's name (maybe the person's) is not kept.
    assert [(k.source, k.file_name) for k in kept] == [("vcard", None)]


def test_the_spreadsheet_source_is_the_importers():
    from goodword.importers import mapped
    from goodword.people import deleted as remembered

    assert remembered.SPREADSHEET_SOURCE == mapped.SOURCE
    assert remembered.only_in_its_file("csv", "7") and remembered.only_in_its_file(
        "vcard", "name:x"
    )
    assert not remembered.only_in_its_file("vcard", "u-1")


def test_a_group_message_a_deleted_person_wrote_is_no_contact_with_the_others(session, workspace):
    ws = workspace.id
    url = "https://www.linkedin.com/in/"
    text = (DATA / "messages.csv").read_text(encoding="utf-8")
    group = (
        f'g-1,,Marcus Reid,{url}marcus-reid-recruits,"Alice Example, Ada Lovelace",'
        f'"{url}alice-example, {url}ada-lovelace",2026-01-06 08:00:00 UTC,,Apply both,INBOX,No\n'
    )
    run(session, ws, DATA / "Connections.csv", Upload("messages.csv", text.encode()))
    delete(session, ws, "Marcus Reid")
    report = run(session, ws, Upload("messages.csv", (text + group).encode()))
    [row] = [r for r in report.rows if r.file == "messages.csv" and r.line == text.count("\n") + 1]
    assert row.detail.startswith("a message written by Marcus Reid (deleted by you): not added")
    ada = person_named(session, ws, "Ada Lovelace")
    assert ada is not None
    contact = last_contacts(session, workspace_id=ws, person_ids={ada.id}).get(ada.id)
    assert contact is None or contact < date(2026, 1, 6)


def test_a_group_message_whose_writer_was_deleted_since_is_no_contact_with_the_others(
    session, workspace
):
    ws = workspace.id
    tom, ben, cy = (factories.person(session, ws, n) for n in ("Tom Becker", "Ben Bay", "Cy Dee"))
    interactions.create(
        session, workspace_id=ws,
        data=InteractionCreate(kind="message", occurred_at=datetime(2026, 9, 1, tzinfo=UTC),
                               direction="inbound", writer_id=tom.id,
                               participants=[{"person_id": p.id} for p in (tom, ben, cy)]),
    )  # fmt: skip
    assert last_contacts(session, workspace_id=ws, person_ids={ben.id, cy.id}) == {}
    people.delete(session, workspace_id=ws, person_id=tom.id)
    # Its writer gone and not known, it is no contact with either of the two left in it.
    assert last_contacts(session, workspace_id=ws, person_ids={ben.id, cy.id}) == {}


def test_reapply_puts_someone_brought_back_in_their_messages_again(session, workspace):
    ws = workspace.id
    text = (DATA / "messages.csv").read_text(encoding="utf-8")
    files = (DATA / "Connections.csv", Upload("messages.csv", text.encode()))
    run(session, ws, *files)
    delete(session, ws, "Ada Lovelace")  # her two messages are kept, with nobody in them
    back = run(session, ws, *files, reapply=True)
    ada = person_named(session, ws, "Ada Lovelace")
    assert ada is not None
    theirs = interactions.list_(session, workspace_id=ws, person_id=ada.id).items
    assert len(theirs) == 2
    assert (
        "2 messages kept with nobody in them (their people were deleted) have their people again."
        in back.notes
    )


def test_a_deleted_persons_rows_in_kept_reports_keep_no_details(session, workspace):
    ws = workspace.id
    kept = run(session, ws, DATA / "Connections.csv")
    ada = person_named(session, ws, "Ada Lovelace")
    assert ada is not None
    [before] = [r for r in kept.rows if r.person_id == ada.id]
    others = [r for r in kept.rows if r.person_id != ada.id]
    delete(session, ws, "Ada Lovelace")

    assert kept.id is not None
    report = history.get(session, workspace_id=ws, run_id=kept.id)
    [row] = [r for r in report.rows if r.line == before.line]
    assert (row.file, row.outcome, row.person_id) == (before.file, before.outcome, None)
    assert row.name == history.DELETED_NAME and "Ada" not in row.detail
    assert not any("ada" in f"{r.name} {r.detail}".lower() for r in report.rows)
    assert [r for r in report.rows if r.line != before.line] == others


def test_deleting_someone_forgets_the_merges_into_them_and_their_rows(session, workspace):
    ws = workspace.id
    kept = run(session, ws, DATA / "Connections.csv")
    ada = person_named(session, ws, "Ada Lovelace")
    twin = factories.person(session, ws, "Ada L.")
    assert ada is not None and kept.id is not None
    merged_row = next(r for r in kept.rows if r.person_id == ada.id)
    # Ada, merged into the twin, lives on in them: deleting the twin deletes her too.
    merge(session, workspace_id=ws, survivor_id=twin.id, absorbed_id=ada.id)
    session.flush()
    assert session.scalar(select(func.count()).select_from(Merge)) == 1

    people.delete(session, workspace_id=ws, person_id=twin.id)

    assert session.scalar(select(func.count()).select_from(Merge)) == 0
    report = history.get(session, workspace_id=ws, run_id=kept.id)
    [row] = [r for r in report.rows if r.line == merged_row.line]
    assert (row.name, row.person_id) == (history.DELETED_NAME, None)
