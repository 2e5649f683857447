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
