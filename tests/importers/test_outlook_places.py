"""Outlook's CSV, and Google's "Outlook CSV" export of it: every address's place is kept
(the first as the place, the others in the notes), and Google's own groups are no tags."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person

HEADER = (
    "First Name,Middle Name,Last Name,E-mail Address,Business Phone,Home City,Home Country,"
    "Business City,Business Country/Region,Location,Categories\n"
)


def test_every_place_is_kept_and_googles_groups_are_no_tags(session, workspace):
    rows = (
        "Ola,,Nord,ola@x.example,,Oslo,Norway,,,Bay Area,"
        "Restored from Samsung - SM-G950F;myContacts;starred;Friends\n"
        "Renée,,Blanc,renee@x.example,+33 1 23 45 67 89,Versailles,France,Paris,France,,\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", (HEADER + rows).encode())],
    )  # fmt: skip
    found = {p.display_name: p for p in session.scalars(select(Person))}
    ola, renee = found["Ola Nord"], found["Renée Blanc"]
    assert (ola.location, ola.tags, ola.notes) == (
        "Oslo, Norway",
        ["Restored from Samsung - SM-G950F", "Friends"],
        "Location: Bay Area",
    )
    assert (renee.location, renee.notes) == ("Paris, France", "Home address: Versailles, France")


def test_columns_an_address_book_fills_that_goodword_has_no_field_for_are_named(session, workspace):
    header = (
        "First Name,Middle Name,Last Name,E-mail Address,E-mail Type,Business Phone,"
        "Business Street,Business City,Priority,Private,Sensitivity,User 1,Profession\n"
    )
    rows = (
        "Ola,,Nord,ola@x.example,SMTP,,Storgata 1,Oslo,Normal,False,Normal,VIP,Teacher\n"
        "Kim,,Lee,kim@x.example,SMTP,,,,Normal,False,Normal,,Principal\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", (header + rows).encode())],
    )  # fmt: skip
    assert report.files[0].format == "outlook-contacts"
    assert [n for n in report.notes if "not imported" in n] == [
        "contacts.csv: not imported, as Goodword has no field for them: User 1 (1 row), "
        "Profession (2 rows). Add what you need of them to those people by hand."
    ]


def test_a_google_contacts_second_address_and_unread_columns_are_kept_or_named(session, workspace):
    header = (
        "First Name,Last Name,Phonetic First Name,File As,Photo,Organization 1 - Location,"
        "E-mail 1 - Label,"
        "E-mail 1 - Value,IM 1 - Label,IM 1 - Service,IM 1 - Value,Address 1 - Label,"
        "Address 1 - City,Address 1 - Country,Address 2 - Label,Address 2 - City,"
        "Address 2 - Country\n"
    )
    row = (
        "Kenji,Sato,Ken-ji,Sato Kenji,https://lh3.example/photo,Umeda,* Work,kenji@x.example,Work,"
        "Skype,kenji.sato,Home,Osaka,Japan,Work,Tokyo,Japan\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", (header + row).encode())],
    )  # fmt: skip
    kenji = session.scalars(select(Person)).one()
    assert kenji.location == "Osaka, Japan"
    assert kenji.notes is not None and "Work address: Tokyo, Japan" in kenji.notes
    assert [n for n in report.notes if "not imported" in n] == [
        "contacts.csv: not imported, as Goodword has no field for them: Phonetic First Name "
        "(1 row), File As (1 row), IM 1 - Label (1 row), IM 1 - Service (1 row), IM 1 - Value "
        "(1 row). Add what you need of them to those people by hand."
    ]


def test_a_google_contacts_street_beside_a_place_is_kept_in_the_notes(session, workspace):
    header = (
        "First Name,Last Name,Address 1 - Label,Address 1 - Street,Address 1 - City,"
        "Address 2 - Label,Address 2 - Street,Address 2 - City,Labels\n"
    )
    rows = (
        "Kenji,Sato,Home,1-2-3 Umeda,Osaka,,,,* myContacts\n"
        "Ana,Ruiz,Home,,Sevilla,Work,Calle Feria 4,,* myContacts\n"
        "Li,Wei,Home,88 Nanjing Rd,,,,,* myContacts\n"
        "Ola,Berg,Home,,Oslo,,,,* myContacts\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", (header + rows).encode())],
    )  # fmt: skip
    found = {p.display_name: p for p in session.scalars(select(Person))}
    assert (found["Kenji Sato"].location, found["Kenji Sato"].notes) == (
        "Osaka", "Home address: 1-2-3 Umeda, Osaka",
    )  # fmt: skip
    assert (found["Ana Ruiz"].location, found["Ana Ruiz"].notes) == (
        "Sevilla", "Work address: Calle Feria 4",
    )  # fmt: skip
    # A street alone, with no place in any address, is kept in the notes.
    assert found["Li Wei"].notes == "Home address: 88 Nanjing Rd"
    assert found["Ola Berg"].notes is None
    assert not [n for n in report.notes if "street" in n.casefold()]


def test_an_exchange_contact_keeps_the_address_its_display_name_gives(session, workspace):
    header = (
        "First Name,Middle Name,Last Name,E-mail Address,E-mail Type,E-mail Display Name,"
        "Business Phone\n"
    )
    rows = (
        "Kim,,Lee,/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=kim,EX,"
        "Kim Lee (kim@example.org),\n"
        "Bo,,Cy,/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=bo,EX,Bo Cy,\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", (header + rows).encode())],
    )  # fmt: skip
    found = {p.display_name: [e.address for e in p.emails] for p in session.scalars(select(Person))}
    assert found == {"Kim Lee": ["kim@example.org"], "Bo Cy": []}
    assert any(
        "is an Exchange server's name for a mailbox, not an e-mail address; not kept" in note
        for note in report.notes
    )
