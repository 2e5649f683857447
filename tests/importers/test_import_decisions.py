"""Who a record is, decided in one import (SQLite and PostgreSQL): your own records whatever
the file order, a key shared by people whose names differ, a job told twice."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)
CONNECTIONS_HEADER = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def run(session: Session, workspace_id: int, *items: str | Path | Upload) -> ImportReport:
    found = [DATA / i if isinstance(i, str) else i for i in items]
    return import_files(session, workspace_id=workspace_id, paths_or_uploads=found, today=TODAY)


def everyone(session: Session, workspace_id: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def card(name: str, *lines: str) -> Upload:
    body = "".join(f"{line}\r\n" for line in ["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"])
    return Upload(name, body.encode())


def cards(name: str, *found: Upload) -> Upload:
    return Upload(name, b"".join(c.data for c in found))


def connections(*rows: str) -> Upload:
    return Upload(
        "Connections.csv", (CONNECTIONS_HEADER + "".join(r + "\n" for r in rows)).encode()
    )


def jobs(person: Person) -> list[tuple[str, str | None, bool]]:
    return sorted((p.organization.name, p.title, p.is_current) for p in person.positions)


def queued(session: Session, workspace_id: int) -> list[tuple[set[str], list[str]]]:
    names = {p.id: p.display_name for p in everyone(session, workspace_id).values()}
    found = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
    )
    return [({names[c.person_a_id], names[c.person_b_id]}, c.reasons) for c in found]


# Your own records: Profile.csv, Positions.csv, Email Addresses.csv.


def archive_in_name_order(tmp_path: Path) -> Path:
    """A LinkedIn archive as LinkedIn zips it: its files in name order, so
    "Email Addresses.csv" and "Positions.csv" come before "Profile.csv"."""
    path = tmp_path / "Basic_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(["Connections.csv", "Email Addresses.csv", "Positions.csv",
                            "Profile.csv"]):  # fmt: skip
            archive.write(DATA / name, name)
    return path


def test_your_own_rows_apply_whatever_order_the_archive_holds_them_in(session, workspace, tmp_path):
    archive = archive_in_name_order(tmp_path)
    report = run(session, workspace.id, archive)
    assert [r.name for r in report.of(Outcome.SKIPPED)] == [""]  # (an empty connection)
    alice = everyone(session, workspace.id)["Alice Example"]
    assert alice.is_me
    assert [e.address for e in alice.emails] == ["alice@example.org"]
    assert jobs(alice) == [
        ("Amber Bank", "Analyst", False),
        ("Kestrel Labs", "Senior Analyst", True),
    ]
    rows = {Path(r.file).name: r for r in report.rows if r.name == "you"}
    # The one record of Positions.csv says what both of its rows added.
    # (Updated, not merged: your own details are no duplicate of you.)
    assert (rows["Positions.csv"].line, rows["Positions.csv"].outcome) == (2, Outcome.UPDATED)
    assert rows["Positions.csv"].detail == (
        f"added to Alice Example ({archive.name}/Profile.csv, line 2) — now Senior Analyst at "
        "Kestrel Labs; past position added: Analyst at Amber Bank"
    )
    assert rows["Email Addresses.csv"].detail.endswith(" — new e-mail alice@example.org")
    files = {Path(f.name).name: (f.rows, f.people, f.skipped) for f in report.files}
    assert files["Positions.csv"] == (2, 1, 0)
    assert files["Email Addresses.csv"] == (1, 1, 0)


def test_your_phone_numbers_apply_to_you_and_unread_files_say_what_they_are(
    session, workspace, tmp_path
):
    path = tmp_path / "Complete_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(DATA / "Profile.csv", "Profile.csv")
        archive.writestr(
            "PhoneNumbers.csv",
            "Extension,Number,Type\n,+1 412 555 0199,Mobile\n12,+1 412 555 0100,Work\n",
        )
        archive.writestr(
            "Contacts.csv",
            "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt\n"
            "GMAIL,Hana,Novak,Skoda,Buyer,hana@example.cz,+420 601 234 567,1/2/24\n",
        )
        archive.writestr("Jobs/Job Applications.csv", "Application Date,Company Name,Job Title\n")
    report = run(session, workspace.id, path)
    alice = everyone(session, workspace.id)["Alice Example"]
    assert [(p.number, p.label) for p in alice.phones] == [
        ("+14125550199", "mobile"),
        ("+14125550100;ext=12", "work"),
    ]
    labels = {Path(f.name).name: f.label for f in report.files}
    assert labels["PhoneNumbers.csv"] == "LinkedIn phone numbers (yours)"
    assert labels["Contacts.csv"].startswith("not read: LinkedIn's copy of an address book")
    assert labels["Job Applications.csv"].startswith("not read: your applications on LinkedIn")
    assert "Hana Novak" not in everyone(session, workspace.id)


def test_a_folder_s_contacts_csv_beside_no_linkedin_file_is_not_called_linkedin_s(
    session, workspace, tmp_path
):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "contacts.csv").write_text("Nom,Courriel\nAda,ada@x.example\n")
    (folder / "people.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nN:Li;Bo;;;\r\nEND:VCARD\r\n"
    )
    report = run(session, workspace.id, folder)
    labels = {Path(f.name).name: f.label for f in report.files}
    assert labels["contacts.csv"] == "not read (not contact data)"


def test_your_own_rows_given_before_profile_on_the_command_line_apply_too(session, workspace):
    run(session, workspace.id, "Email Addresses.csv", "Positions.csv", "Profile.csv")
    alice = everyone(session, workspace.id)["Alice Example"]
    assert [e.address for e in alice.emails] == ["alice@example.org"]
    assert len(alice.positions) == 2


def test_your_own_rows_without_anyone_known_as_you_count_as_skipped_in_their_files(
    session, workspace
):
    report = run(session, workspace.id, "Email Addresses.csv", "Positions.csv")
    assert [(r.file, r.line, r.detail) for r in report.of(Outcome.SKIPPED)] == [
        ("Email Addresses.csv", 2, "your own details (1 e-mail address) need Profile.csv in "
         "the same import, or someone marked as you in Goodword"),
        ("Positions.csv", 2, "your own details (2 positions) need Profile.csv in the same "
         "import, or someone marked as you in Goodword"),
    ]  # fmt: skip
    files = {f.name: (f.rows, f.people, f.skipped) for f in report.files}
    assert files == {"Email Addresses.csv": (1, 0, 1), "Positions.csv": (2, 0, 1)}
    assert everyone(session, workspace.id) == {}


def test_your_profile_found_again_marks_you_again_when_nobody_is_marked(session, workspace):
    run(session, workspace.id, "Profile.csv")
    everyone(session, workspace.id)["Alice Example"].is_me = False
    session.flush()
    report = run(session, workspace.id, "Profile.csv", "Positions.csv", "Email Addresses.csv")
    assert report.of(Outcome.SKIPPED) == []
    alice = everyone(session, workspace.id)["Alice Example"]
    assert alice.is_me
    assert len(alice.positions) == 2
    assert [e.address for e in alice.emails] == ["alice@example.org"]


# An exact key shared by people whose names clearly differ.

KAREN = card("karen", "FN:Karen Ito", "N:Ito;Karen;;;", "ORG:Initrode",
             "TEL;TYPE=WORK:+1 212 555 0199")  # fmt: skip
LUIS = card("luis", "FN:Luis Vega", "N:Vega;Luis;;;", "ORG:Initrode",
            "TEL;TYPE=WORK:+1 212 555 0199")  # fmt: skip


def test_colleagues_sharing_a_switchboard_without_an_extension_are_only_suggested(
    session, workspace
):
    report = run(session, workspace.id, cards("switchboard.vcf", KAREN, LUIS))
    assert [(r.name, r.outcome, r.detail) for r in report.rows] == [
        ("Karen Ito", Outcome.CREATED, ""),
        ("Luis Vega", Outcome.SUGGESTED,
         "may be Karen Ito (switchboard.vcf, line 1): "
         "same phone number (+1 212-555-0199), but the names differ"),
    ]  # fmt: skip
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Karen Ito", "Luis Vega"]
    assert [p.number for p in found["Luis Vega"].phones] == ["+12125550199"]
    assert queued(session, workspace.id) == [
        ({"Karen Ito", "Luis Vega"}, ["same phone number (+1 212-555-0199), but the names differ"])
    ]


def test_a_key_someone_here_already_has_under_another_name_is_only_suggested(session, workspace):
    run(session, workspace.id, cards("karen.vcf", KAREN))
    report = run(session, workspace.id, cards("luis.vcf", LUIS))
    (row,) = report.rows
    karen = session.scalar(select(Person.id).where(Person.display_name == "Karen Ito"))
    assert (row.outcome, row.detail) == (
        Outcome.SUGGESTED,
        f"may be Karen Ito (person {karen}): "
        "same phone number (+1 212-555-0199), but the names differ",
    )
    assert sorted(everyone(session, workspace.id)) == ["Karen Ito", "Luis Vega"]
    assert len(queued(session, workspace.id)) == 1


def test_a_household_address_and_a_new_family_name_are_suggested_not_merged(session, workspace):
    household = cards(
        "family.vcf",
        card("a", "FN:Anna Lee", "N:Lee;Anna;;;", "EMAIL:leefamily@example.com"),
        card("b", "FN:Ben Lee", "N:Lee;Ben;;;", "EMAIL:leefamily@example.com"),
        # The same address under a new family name: maybe Anna married, maybe not.
        card("c", "FN:Anna Park", "N:Park;Anna;;;", "EMAIL:leefamily@example.com"),
    )
    report = run(session, workspace.id, household)
    assert report.counts["merged"] == 0
    assert sorted(everyone(session, workspace.id)) == ["Anna Lee", "Anna Park", "Ben Lee"]
    reason = "same e-mail address (leefamily@example.com), but the names differ"
    pairs = queued(session, workspace.id)
    assert ({"Anna Lee", "Ben Lee"}, [reason]) in pairs
    assert ({"Anna Lee", "Anna Park"}, [reason]) in pairs


def test_a_shared_extension_across_two_files_with_other_names_is_suggested(session, workspace):
    google = Upload(
        "contacts.csv",
        b"First Name,Last Name,Organization Name,Phone 1 - Label,Phone 1 - Value\n"
        b"Tom,Nguyen,Stark,Work,+1 415 555 0100 ext. 12\n",
    )
    lea = Upload(
        "lea.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Léa Martin\r\nN:Martin;Léa;;;\r\n"
        "EMAIL;TYPE=work:lea@example.fr\r\nTEL;VALUE=uri;TYPE=work:tel:+1-415-555-0100;ext=12\r\n"
        "ORG:ACME SAS\r\nEND:VCARD\r\n".encode(),
    )
    report = run(session, workspace.id, google, lea)
    assert report.counts == {**report.counts, "created": 1, "suggested": 1, "merged": 0}
    tom = everyone(session, workspace.id)["Tom Nguyen"]
    assert [e.address for e in tom.emails] == []
    assert jobs(tom) == [("Stark", None, True)]


def test_a_shared_key_still_merges_a_nickname_an_initial_or_a_missing_name(session, workspace):
    found = cards(
        "phone.vcf",
        card("a", "FN:Robert Smith", "N:Smith;Robert;;;", "EMAIL:rsmith@hooli.example"),
        card("b", "FN:Bob Smith", "N:Smith;Bob;;;", "EMAIL:rsmith@hooli.example"),
        card("c", "FN:Ravi Shankar", "N:Shankar;Ravi;;;", "TEL:+1 415 555 0123"),
        card("d", "FN:Ravi S.", "TEL:+1 415 555 0123", "NOTE:Met at the dinner."),
        card("e", "FN:Hana Novak", "N:Novak;Hana;;;", "EMAIL:hana@amber.example"),
        # A card without a name, known by its address. (One named after its organization
        # is a company's contact: see test_business_contacts.py.)
        card("g", "EMAIL:hana@amber.example", "TEL:+1 415 555 0999"),
    )
    report = run(session, workspace.id, found)
    assert report.counts["merged"] == 3
    assert report.counts["suggested"] == 0
    assert sorted(everyone(session, workspace.id)) == ["Hana Novak", "Ravi Shankar", "Robert Smith"]


def test_a_shared_linkedin_profile_merges_whatever_name_it_goes_by_now(session, workspace):
    # Kim renamed her profile: the profile is still hers alone.
    report = run(
        session, workspace.id,
        connections("Kim,Park,https://www.linkedin.com/in/kimpark,,Hooli,CTO,01 Jan 2025"),
        cards("kim.vcf", card("k", "FN:Kimberly Lee", "N:Lee;Kimberly;;;",
                              "URL:https://linkedin.com/in/kimpark/", "TEL:+1 650 555 0101")),
    )  # fmt: skip
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail.startswith("same LinkedIn profile (https://www.linkedin.com/in/kimpark)")
    (kim,) = everyone(session, workspace.id).values()
    assert [p.number for p in kim.phones] == ["+16505550101"]


def test_a_linkedin_profile_named_by_two_records_of_one_source_is_one_person(session, workspace):
    # A row repeated in Connections.csv (a spreadsheet's copy), and a work card and a home
    # card of one phone book naming one profile: one person, merged, not asked about.
    tomas = (
        "Tomás,Ibarra,https://www.linkedin.com/in/tomas-ibarra,,Brightline,Recruiter,15 Jan 2025"
    )
    report = run(
        session, workspace.id,
        connections(tomas, tomas.replace("Recruiter", "Senior Recruiter")),
        cards("phone.vcf",
              card("w", "UID:work-1", "FN:Priya Raman", "N:Raman;Priya;;;",
                   "URL:https://www.linkedin.com/in/priya-raman", "TEL:+1 650 555 0130"),
              card("h", "UID:home-1", "FN:Priya Raman", "N:Raman;Priya;;;",
                   "URL:https://www.linkedin.com/in/priya-raman", "TEL:+1 650 555 0131")),
    )  # fmt: skip
    assert [(r.line, r.outcome) for r in report.rows] == [
        (5, Outcome.CREATED), (6, Outcome.MERGED), (1, Outcome.CREATED), (9, Outcome.MERGED),
    ]  # fmt: skip
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Priya Raman", "Tomás Ibarra"]
    assert sorted(p.number for p in found["Priya Raman"].phones) == [
        "+16505550130", "+16505550131",
    ]  # fmt: skip
    assert queued(session, workspace.id) == []
    again = run(
        session, workspace.id,
        connections(tomas, tomas.replace("Recruiter", "Senior Recruiter")),
    )  # fmt: skip
    assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}


# A record found in someone this import creates gets what a later import would give it.

ROBERT = "Robert,Smith,https://www.linkedin.com/in/bobsmith,,Hooli,CTO,26 Dec 2025"
BOB = card("bob", "N:Smith;Bob;;;", "FN:Bob Smith", "ORG:Hooli", "TEL;TYPE=CELL:+1 650 555 0177")


def test_a_card_matched_in_the_same_import_adds_no_second_job_and_says_what_it_added(
    session, workspace
):
    report = run(session, workspace.id, connections(ROBERT), cards("bob.vcf", BOB))
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail == (
        "names 76% alike; same organization — new phone +1 650-555-0177; name left at Robert "
        "Smith (the file says Bob Smith; edit the person to change it)"
    )
    robert = everyone(session, workspace.id)["Robert Smith"]
    assert jobs(robert) == [("Hooli", "CTO", True)]
    assert [p.number for p in robert.phones] == ["+16505550177"]


def test_one_import_and_two_imports_one_after_the_other_give_the_same_person(
    session, workspace, other_workspace
):
    other = other_workspace
    run(session, workspace.id, connections(ROBERT), cards("bob.vcf", BOB))
    run(session, other.id, connections(ROBERT))
    (merged,) = run(session, other.id, cards("bob.vcf", BOB)).of(Outcome.MERGED)
    assert merged.detail.endswith(
        " — new phone +1 650-555-0177; name left at Robert Smith (the file says Bob Smith; edit "
        "the person to change it)"
    )
    together = everyone(session, workspace.id)["Robert Smith"]
    apart = everyone(session, other.id)["Robert Smith"]
    assert jobs(together) == jobs(apart) == [("Hooli", "CTO", True)]


def test_a_new_job_in_a_later_record_of_the_same_import_ends_the_old_one(session, workspace):
    report = run(
        session, workspace.id,
        cards("bob.vcf", card("b", "FN:Robert Smith", "N:Smith;Robert;;;",
                              "URL:https://www.linkedin.com/in/bobsmith", "ORG:Pied Piper",
                              "TITLE:CEO")),
        connections(ROBERT),
    )  # fmt: skip
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail.endswith(" — now CTO at Hooli (was CEO at Pied Piper)")
    robert = everyone(session, workspace.id)["Robert Smith"]
    assert sorted(jobs(robert)) == [("Hooli", "CTO", True), ("Pied Piper", "CEO", False)]


@pytest.mark.parametrize("here", ["Ravi Shankar", "Ravi S."])
def test_a_family_name_initial_at_the_same_employer_is_found(session, workspace, here):
    # "Ravi S." and "Ravi Shankar" share no name key; only their block for initials
    # brings them together, whichever of the two is here first.
    coming = "Ravi S." if here == "Ravi Shankar" else "Ravi Shankar"
    run(session, workspace.id, cards("here.vcf", card("a", f"FN:{here}", "ORG:Hooli")))
    report = run(session, workspace.id, cards("new.vcf", card("b", f"FN:{coming}", "ORG:Hooli")))
    assert report.counts == {**report.counts, "created": 0, "suggested": 1, "merged": 0}
    ((pair, reasons),) = queued(session, workspace.id)
    assert pair == {"Ravi S.", "Ravi Shankar"} and "same organization" in reasons


def test_a_connection_whose_profile_address_changed_is_asked_about_not_added_silently(
    session, workspace
):
    # A member can rename their profile's address (/in/jsmith123 to /in/jane-smith): a newer
    # export then gives the same person under another profile. They are not made a second
    # person without a word; the user is asked.
    first = connections("Jane,Smith,https://www.linkedin.com/in/jsmith123,,Hooli,PM,01 Jan 2025")
    run(session, workspace.id, first)
    later = connections("Jane,Smith,https://www.linkedin.com/in/jane-smith,,Hooli,PM,01 Jan 2025")
    report = run(session, workspace.id, later)
    assert [(r.name, r.outcome.value) for r in report.rows] == [("Jane Smith", "suggested")]
    janes = session.scalars(select(Person.id).where(Person.workspace_id == workspace.id)).all()
    (pair,) = session.scalars(select(DuplicateCandidate)).all()
    assert len(janes) == 2 and {pair.person_a_id, pair.person_b_id} == set(janes)


def test_two_linkedin_profiles_under_two_names_are_two_people_not_asked_about(session, workspace):
    # One export, then a newer one listing others (rows of one file are never compared:
    # tests/importers/test_connections_listed_once.py).
    url = "https://www.linkedin.com/in/"
    run(
        session,
        workspace.id,
        connections(
            f"Jade,Fink,{url}jadefink,,Hooli,Engineer,01 Jan 2025",
            f"Bob,Stone,{url}bobstone,,Hooli,Designer,03 Jan 2025",
            f"Ana,Lopez Garcia,{url}analg,,Hooli,PM,05 Jan 2025",
            f"Cher,,{url}cher1,,Hooli,Singer,07 Jan 2025",
            f"Louis,Roy,{url}louisroy,,Hooli,Analyst,09 Jan 2025",
            f"Christian,Lee,{url}clee1,,Hooli,Engineer,11 Jan 2025",
        ),
    )
    report = run(
        session,
        workspace.id,
        connections(
            f"Jude,Fink,{url}judefink,,Hooli,Engineer,02 Jan 2025",
            f"Robert,Stone,{url}robertstone,,Hooli,Designer,04 Jan 2025",
            f"Ana,Lopez,{url}analopez,,Hooli,PM,06 Jan 2025",
            f"Cher,,{url}cher2,,Hooli,Singer,08 Jan 2025",
            f"Louise,Roy,{url}louiseroy,,Hooli,Analyst,10 Jan 2025",
            f"Christina,Lee,{url}clee2,,Hooli,Engineer,12 Jan 2025",
        ),
    )
    # Jade and Jude Fink (names 89% alike, one employer) have a profile each: two people;
    # so are one name with another ending (Louis and Louise, Christian and Christina).
    # Bob and Robert Stone, Ana Lopez (Garcia), and Cher twice may each be one person with
    # two profiles: the user is asked.
    assert [(r.name, r.outcome.value) for r in report.rows] == [
        ("Jude Fink", "created"), ("Robert Stone", "suggested"), ("Ana Lopez", "suggested"),
        ("Cher", "suggested"), ("Louise Roy", "created"), ("Christina Lee", "created"),
    ]  # fmt: skip
    assert len(session.scalars(select(DuplicateCandidate)).all()) == 3


def test_a_record_matched_for_the_first_time_says_the_values_it_could_not_set(
    session, workspace, other_workspace
):
    known = card(
        "maria.vcf", "FN:Maria Rossi", "N:Rossi;Maria;;;", "EMAIL:maria.rossi@example.com",
        "ADR:;;;San Francisco;;;", "BDAY:1990-05-17",
    )  # fmt: skip
    run(session, workspace.id, known)
    other = card(
        "phone.vcf", "FN:Maria Rossi", "N:Rossi;Maria;;;", "UID:phone-1",
        "EMAIL:MARIA.ROSSI@example.com", "ADR:;;;Oakland;;;", "BDAY:1990-05-18",
    )  # fmt: skip
    (merged,) = run(session, workspace.id, other).of(Outcome.MERGED)
    assert merged.detail.endswith(
        " — location left at San Francisco (the file says Oakland; edit the person to change "
        "it); birthday left at 1990-05-17 (the file says 1990-05-18; edit the person to "
        "change it)"
    )
    maria = everyone(session, workspace.id)["Maria Rossi"]
    assert (maria.location, maria.birthday) == ("San Francisco", date(1990, 5, 17))

    # Two records of one person in one import: the second says what it could not set too.
    upload = cards("both.vcf", known, other)
    (folded,) = run(session, other_workspace.id, upload).of(Outcome.MERGED)
    assert "location left at San Francisco (the file says Oakland;" in folded.detail
    assert everyone(session, other_workspace.id)["Maria Rossi"].location == "San Francisco"


def test_two_people_of_one_name_in_two_mapped_files_stay_two_records(session, workspace):
    mapping = "name=Name,email=Email,org=Company"

    def crm(name: str, text: str) -> Upload:
        return Upload(name, ("Name,Email,Company\n" + text).encode())

    first = crm("js1.csv", "John Smithers,js1@alpha.example,Alpha Corp\n")
    import_files(session, workspace_id=workspace.id, today=TODAY, mapping=mapping,
                 paths_or_uploads=[first])  # fmt: skip
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY, mapping=mapping,
        paths_or_uploads=[crm("js2.csv", "John Smithers,js2@beta.example,Beta Corp\n")],
    )  # fmt: skip
    (row,) = report.rows
    # Not taken for the first file's row (a key of the name alone was shared by both).
    assert row.outcome in (Outcome.CREATED, Outcome.SUGGESTED), row
    first = session.scalars(
        select(Person)
        .join(Person.emails)
        .where(Person.workspace_id == workspace.id)
        .where(Person.emails.any(address="js1@alpha.example"))
    ).one()
    assert [(p.organization.name, p.is_current) for p in first.positions] == [("Alpha Corp", True)]


def test_the_same_name_at_another_employer_is_asked_about(session, workspace):
    run(session, workspace.id, card(
        "book.vcf", "FN:Mateo Aquino", "N:Aquino;Mateo;;;", "EMAIL:mateo.a@somewhere.example",
        "ORG:Stonechat Cloud", "ADR;TYPE=home:;;;Lisbon;;;Portugal",
    ))  # fmt: skip

    # LinkedIn has the job he has now (or had before): may well be him.
    report = run(session, workspace.id, connections(
        "Mateo,Aquino,https://www.linkedin.com/in/mateoaquino,,Granite Sparrow Security,"
        "Designer,01 Jan 2025"
    ))  # fmt: skip

    (row,) = report.rows
    others = select(Person.id).where(
        Person.workspace_id == workspace.id, Person.id != row.person_id
    )
    (known,) = session.scalars(others).all()
    assert row.outcome is Outcome.SUGGESTED
    assert row.detail == (
        f"may be Mateo Aquino (person {known}): names 100% alike; different organizations"
    )
