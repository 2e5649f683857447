"""A middle name that is only particles of the family name ("van der", as Dutch Outlook
keeps it apart) begins the family name, so the person meets their LinkedIn row."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person

OUTLOOK = (
    "First Name,Middle Name,Last Name,Company,Job Title,Business City,E-mail Address,"
    "Business Phone\n"
    "Anneke,van der,Berg,Grachtwerk BV,Product Lead,Utrecht,anneke.work@grachtwerk.example,\n"
    "Minh,Van,Nguyen,Lotus Labs,Engineer,Hanoi,minh@lotus.example,\n"
    "Ada,Augusta,Byron,,,London,ada@byron.example,\n"
)
GOOGLE = "Given Name,Additional Name,Family Name,E-mail 1 - Value\nJan,de,Vries,jan@vries.example\n"
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sanne van den Heuvel\r\nN:Heuvel;Sanne;van den;;\r\n"
CARD += "EMAIL:sanne@heuvel.example\r\nEND:VCARD\r\n"
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Anneke,van der Berg,https://www.linkedin.com/in/annekevdberg,,Grachtwerk BV,"
    "Product Lead,12 Mar 2024\n"
)


def names(session) -> dict[str, tuple[str | None, str | None]]:
    return {p.display_name: (p.given_name, p.family_name) for p in session.scalars(select(Person))}


def test_particles_in_the_middle_name_begin_the_family_name_in_every_address_book(
    session, workspace
):
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", OUTLOOK.encode()),
                          Upload("google.csv", GOOGLE.encode()),
                          Upload("phone.vcf", CARD.encode())],
    )  # fmt: skip
    assert names(session) == {
        "Anneke van der Berg": ("Anneke", "van der Berg"),
        "Minh Van Nguyen": ("Minh Van", "Nguyen"),  # (Văn, a Vietnamese middle name)
        "Ada Augusta Byron": ("Ada Augusta", "Byron"),
        "Jan de Vries": ("Jan", "de Vries"),
        "Sanne van den Heuvel": ("Sanne", "van den Heuvel"),
    }


def test_the_outlook_contact_meets_the_linkedin_row_of_the_same_name(session, workspace):
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", OUTLOOK.encode()),
                          Upload("Connections.csv", CONNECTIONS.encode())],
    )  # fmt: skip
    annekes = [p for p in session.scalars(select(Person)) if p.display_name.startswith("Anneke")]
    queued = session.scalars(select(DuplicateCandidate)).all()
    # One person, or two asked about: never two strangers.
    assert len(annekes) == 1 or {(c.person_a_id, c.person_b_id) for c in queued} == {
        tuple(sorted(p.id for p in annekes))
    }


def test_a_reimport_keys_the_contact_as_before(session, workspace):
    for _ in range(2):
        report = import_files(
            session, workspace_id=workspace.id, today=date(2026, 11, 25),
            paths_or_uploads=[Upload("contacts.csv", OUTLOOK.encode())],
        )  # fmt: skip
    assert report.counts.get("created", 0) == 0
    assert len(names(session)) == 3
