"""A mapped spreadsheet's own record ids are its own: two spreadsheets that both number
their rows 1, 2, 3 never give one's row to the other's person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person, PersonSource

TODAY = date(2026, 11, 25)
DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
CRM = "key=ID,given=First,family=Surname,email=Mail"
CLUB = "key=Member No,given=Given,family=Last,email=Email,org=Employer"


def run(session: Session, ws: int, name: str, text: str, mapping: str) -> ImportReport:
    return import_files(
        session, workspace_id=ws, paths_or_uploads=[Upload(name, text.encode())],
        mapping=mapping or None, today=TODAY,
    )  # fmt: skip


def everyone(session: Session, ws: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == ws).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def outcomes(report: ImportReport) -> list[tuple[str, Outcome]]:
    return [(r.name, r.outcome) for r in report.rows]


CRM_ROWS = "ID,First,Surname,Mail\n1,Ann,Arbor,ann@x.example\n2,Ben,Bay,ben@x.example\n"
CLUB_ROWS = "Member No,Given,Last,Email,Employer\n2,Zoe,Zed,zoe@club.example,ClubCo\n"


def test_row_2_of_a_club_list_is_not_row_2_of_a_crm(session, workspace):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    club = run(session, workspace.id, "club.csv", CLUB_ROWS, CLUB)
    assert outcomes(club) == [("Zoe Zed", Outcome.CREATED)]
    found = everyone(session, workspace.id)
    assert [e.address for e in found["Ben Bay"].emails] == ["ben@x.example"]
    assert found["Ben Bay"].positions == []
    # Each file again: every row unchanged, each with its own person.
    for name, text, mapping in (("crm.csv", CRM_ROWS, CRM), ("club.csv", CLUB_ROWS, CLUB)):
        again = run(session, workspace.id, name, text, mapping)
        assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    # A newer export of the club's list, with a column added, is the same records.
    newer = run(
        session, workspace.id, "club-december.csv",
        "Member No,Given,Last,Email,Employer,Phone\n2,Zoe,Zed,zoe@club.example,ClubCorp,\n",
        CLUB,
    )  # fmt: skip
    assert outcomes(newer) == [("Zoe Zed", Outcome.UPDATED)]
    assert len(everyone(session, workspace.id)) == 3


def test_two_spreadsheets_of_the_same_columns_keep_people_whose_names_differ_apart(
    session, workspace
):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    other = run(
        session, workspace.id, "other-crm.csv",
        "ID,First,Surname,Mail\n2,Zoe,Zed,zoe@club.example\n", CRM,
    )  # fmt: skip
    assert outcomes(other) == [("Zoe Zed", Outcome.CREATED)]
    found = everyone(session, workspace.id)
    assert [e.address for e in found["Ben Bay"].emails] == ["ben@x.example"]
    # The same row with a new e-mail address is still Ben's.
    moved = run(
        session, workspace.id, "crm.csv",
        CRM_ROWS.replace("ben@x.example", "ben@new.example"), CRM,
    )  # fmt: skip
    assert ("Ben Bay", Outcome.UPDATED) in outcomes(moved)
    assert sorted(e.address for e in everyone(session, workspace.id)["Ben Bay"].emails) == [
        "ben@new.example", "ben@x.example",
    ]  # fmt: skip


def test_a_row_of_the_same_file_is_its_person_whatever_they_are_called_now(session, workspace):
    run(session, workspace.id, "crm.csv", "ID,First,Surname,Org\nC-7,Jane,Doe,Acme\n",
        "key=ID,given=First,family=Surname,org=Org")  # fmt: skip
    jane = everyone(session, workspace.id)["Jane Doe"]
    jane.display_name, jane.family_name = "Jane Miller", "Miller"
    session.flush()
    again = run(session, workspace.id, "crm.csv", "ID,First,Surname,Org\nC-7,Jane,Doe,Initech\n",
                "key=ID,given=First,family=Surname,org=Org")  # fmt: skip
    assert outcomes(again) == [("Jane Doe", Outcome.UPDATED)]
    assert list(everyone(session, workspace.id)) == ["Jane Miller"]


def test_two_spreadsheets_of_one_import_keep_their_row_2_apart(session, workspace):
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY, mapping=CRM,
        paths_or_uploads=[
            Upload("crm.csv", CRM_ROWS.encode()),
            Upload("other-crm.csv", b"ID,First,Surname,Mail\n2,Zoe,Zed,zoe@club.example\n"),
        ],
    )  # fmt: skip
    assert [r.outcome for r in report.rows] == [Outcome.CREATED] * 3
    assert [e.address for e in everyone(session, workspace.id)["Ben Bay"].emails] == [
        "ben@x.example"
    ]


def test_row_2_of_a_second_sheet_in_one_import_is_not_whom_row_2_of_the_first_found(
    session, workspace
):
    run(session, workspace.id, "phone.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Bay\r\nN:Bay;Ben;;;\r\n"
        "EMAIL:ben@x.example\r\nEND:VCARD\r\n", "")  # fmt: skip
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY, mapping=CRM,
        paths_or_uploads=[
            Upload("crm.csv", b"ID,First,Surname,Mail\n2,Ben,Bay,ben@x.example\n"),
            Upload("other-crm.csv", b"ID,First,Surname,Mail\n2,Zoe,Zed,zoe@club.example\n"),
        ],
    )  # fmt: skip
    assert outcomes(report) == [("Ben Bay", Outcome.MERGED), ("Zoe Zed", Outcome.CREATED)]
    assert [e.address for e in everyone(session, workspace.id)["Ben Bay"].emails] == [
        "ben@x.example"
    ]


def test_a_nameless_row_of_another_sheet_counts_by_its_address_only(session, workspace):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    news = run(session, workspace.id, "newsletter.csv", "Subscriber ID,Email\n2,zoe@club.example\n",
               "key=Subscriber ID,email=Email")  # fmt: skip
    assert [r.outcome for r in news.rows] == [Outcome.CREATED]
    assert [e.address for e in everyone(session, workspace.id)["Ben Bay"].emails] == [
        "ben@x.example"
    ]


def test_what_was_taken_off_stays_off_for_a_person_whose_id_another_sheet_shares(
    session, workspace
):
    crm = "key=ID,given=First,family=Surname,email=Mail,phone=Phone,location=City"
    rows = "ID,First,Surname,Mail,Phone,City\n2,Ben,Bay,ben@x.example,+1 650 555 0100,Leeds\n"
    run(session, workspace.id, "crm.csv", rows, crm)
    run(session, workspace.id, "club.csv", CLUB_ROWS, CLUB)
    ben = everyone(session, workspace.id)["Ben Bay"]
    for phone in list(ben.phones):
        session.delete(phone)
    session.flush()
    again = run(session, workspace.id, "crm.csv", rows.replace("Leeds", "Bristol"), crm)
    assert outcomes(again) == [("Ben Bay", Outcome.UPDATED)]
    ben = everyone(session, workspace.id)["Ben Bay"]
    assert (ben.location, ben.phones) == ("Bristol", [])


def test_the_same_person_in_two_sheets_under_two_ids_is_merged_not_asked_about(session, workspace):
    run(session, workspace.id, "crm.csv", CRM_ROWS, CRM)
    rows = "Member No,Given,Last,Email,Employer\n7,Ann,Arbor,ann@x.example,\n"
    club = run(session, workspace.id, "club.csv", rows, CLUB)
    assert outcomes(club) == [("Ann Arbor", Outcome.MERGED)]
    assert len(everyone(session, workspace.id)) == 2


def test_two_holders_of_one_id_merged_keep_both_sheets_rows(session, workspace):
    from goodword.duplicates import merging

    run(session, workspace.id, "crm.csv", "ID,First,Surname\n7,Liz,Taylor\n",
        "key=ID,given=First,family=Surname")  # fmt: skip
    club_rows = "Member No,Given,Last,Email,Employer\n7,Elizabeth,Smith,liz@club.example,\n"
    run(session, workspace.id, "club.csv", club_rows, CLUB)
    found = everyone(session, workspace.id)
    merging.merge(session, workspace_id=workspace.id, survivor_id=found["Liz Taylor"].id,
                  absorbed_id=found["Elizabeth Smith"].id)  # fmt: skip
    again = run(session, workspace.id, "club.csv",
                club_rows.replace("liz@club.example", "liz@new.example"), CLUB)  # fmt: skip
    assert [r.outcome for r in again.rows] == [Outcome.UPDATED]
    assert len(everyone(session, workspace.id)) == 1


def test_a_namesake_at_another_employer_under_the_same_number_is_not_taken_for_them(
    session, workspace
):
    crm = "key=ID,given=First,family=Surname,email=Mail,org=Company"
    run(session, workspace.id, "crm.csv",
        "ID,First,Surname,Mail,Company\n9,John,Smith,john.smith@initech.example,Initech\n",
        crm)  # fmt: skip
    club = run(session, workspace.id, "club.csv",
               "Member No,Given,Last,Email,Employer\n9,John,Smith,jsmith77@mail.example,Hooli\n",
               CLUB)  # fmt: skip
    assert [r.outcome for r in club.rows] != [Outcome.UPDATED]
    johns = session.scalars(select(Person).where(Person.display_name == "John Smith")).all()
    assert len(johns) == 2
    initech = next(p for p in johns if any(e.address.endswith("initech.example") for e in p.emails))
    assert [e.address for e in initech.emails] == ["john.smith@initech.example"]
    assert [(j.organization.name, j.is_current) for j in initech.positions] == [("Initech", True)]


def test_ids_a_spreadsheet_rounded_are_no_records_own_and_are_said_to_be_so_by_line(
    session, workspace
):
    # A CRM's export with its 16-digit ids, then the same file after a spreadsheet showed
    # them as powers of ten and saved them so: "5.52346E+15" is many ids, none for sure.
    mapping = "key=Record ID,given=First Name,family=Last Name,email=Email,org=Company"
    first = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "crm_long_ids.csv"],
        mapping=mapping, today=TODAY,
    )  # fmt: skip
    assert {r.outcome for r in first.rows} == {Outcome.CREATED}
    resaved = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "crm_long_ids_resaved.csv"],
        mapping=mapping, today=TODAY,
    )  # fmt: skip
    assert [n for n in resaved.notes if "Record ID" in n] == [
        "crm_long_ids_resaved.csv: the ids in 'Record ID' were rounded by a spreadsheet "
        "(line 2 '4.41235E+15', line 3 '5.52346E+15', line 4 '6.63457E+15'), so they are no "
        "record's own id: those rows were matched by their names and e-mail addresses "
        "instead, and their ids not kept. Format the column as text where the file came "
        "from and export it again, to keep each record's own id."
    ]
    # Nobody is added twice, and no rounded id is kept as a record's.
    assert len(everyone(session, workspace.id)) == 3
    keys = session.scalars(select(PersonSource.external_key)).all()
    assert not [key for key in keys if "E+" in (key or "")]
    assert [r.outcome for r in resaved.rows] == [Outcome.MERGED] * 3
