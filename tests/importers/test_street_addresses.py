"""Street addresses in Outlook's, Thunderbird's and Google's CSVs: Goodword keeps a person's
place, and each address that says more (a street, a post office box, a postal code) goes
whole to their notes under its label, so no street is lost and every export gives it back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from goodword.importers.export import export_people
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces import service as workspaces

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def imported(session, workspace_id, name):
    report = import_files(
        session, workspace_id=workspace_id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload(name, (DATA / name).read_bytes())],
    )  # fmt: skip
    people = session.scalars(select(Person).where(Person.workspace_id == workspace_id))
    return report, {p.display_name: p for p in people}


def test_outlooks_streets_are_kept_in_the_notes_beside_the_place(session, workspace):
    report, found = imported(session, workspace.id, "outlook_addresses.csv")
    kim, ola = found["Kim Lee"], found["Ola Nordmann"]
    assert kim.location == "Menlo Park, CA, United States of America"
    assert kim.notes == (
        "Business address: 1 Hacker Way, Building 20, Menlo Park, CA 94025, United States of "
        "America\nHome address: 12 Elm Street, Palo Alto, CA 94301"
    )
    # A street of two lines, typed into one box, stays whole; so does a postal code.
    assert (ola.location, ola.notes) == (
        "Oslo, Norway", "Home address: Storgata 1, Leilighet 3, Oslo, 0155, Norway",
    )  # fmt: skip
    assert found["Sinéad Walsh"].notes == "Business address: PO Box 12, Dublin, Ireland"
    # A street with no place gives no place, and is kept all the same.
    holmes = found["Sherlock Holmes"]
    assert (holmes.location, holmes.notes) == (None, "Home address: 221B Baker Street")
    assert not [n for n in report.notes if "not imported" in n]


def test_thunderbirds_street_and_zip_code_are_kept_in_the_notes(session, workspace):
    report, found = imported(session, workspace.id, "thunderbird.csv")
    aoife = found["Aoife Ní Bhriain"]
    assert aoife.location == "Dublin, Ireland"
    assert aoife.notes == (
        "Goes by Eefa\nWork address: 12 Dock Rd, Dublin, D02, Ireland\nChat: aoife_nb\n"
        "Custom 1: Met at PyCon\nRecruiter, friendly"
    )
    assert not [n for n in report.notes if "not imported" in n]


def test_googles_addresses_are_kept_whole_as_google_writes_them(session, workspace):
    report, found = imported(session, workspace.id, "google_addresses.csv")
    lena, marcus, priya = found["Lena Fischer"], found["Marcus Webb"], found["Priya Raman"]
    assert lena.location == "Berlin, Deutschland"
    assert lena.notes == (
        "Work address: Friedrichstraße 43, Aufgang B, 10117 Berlin, Deutschland\n"
        "Home address: Lindenweg 7, 14467 Potsdam, Deutschland"
    )
    # Without its formatted form, an address is put together from its parts; without a
    # label, it is the address.
    assert (marcus.location, marcus.notes) == (
        "Springfield, IL, US", "Address: 500 Main St, PO Box 9, Springfield, IL 62701, US",
    )  # fmt: skip
    # An address that is only a place is the place, and nothing more.
    assert (priya.location, priya.notes) == ("Chennai, India", None)
    assert not [n for n in report.notes if "not imported" in n or "street" in n]


def test_a_street_comes_back_from_every_export(session, workspace):
    imported(session, workspace.id, "outlook_addresses.csv")
    exports = {"vcard": "people.vcf", "vcard4": "people.vcf", "csv": "people.csv"}
    for number, (fmt, name) in enumerate({**exports, "json": "people.json"}.items()):
        text = export_people(session, workspace_id=workspace.id, format=fmt)
        target = workspaces.get_or_create(session, slug=f"copy-{number}", name="Copy")
        _report, found = imported_text(session, target.id, name, text)
        assert found["Sherlock Holmes"].notes == "Home address: 221B Baker Street", fmt
        kim = found["Kim Lee"]
        assert kim.notes is not None and "1 Hacker Way, Building 20" in kim.notes, fmt


def imported_text(session, workspace_id, name, text):
    report = import_files(
        session, workspace_id=workspace_id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload(name, text.encode())],
    )  # fmt: skip
    people = session.scalars(select(Person).where(Person.workspace_id == workspace_id))
    return report, {p.display_name: p for p in people}


def test_a_vcards_streets_and_other_places_are_kept_in_the_notes(session, workspace):
    report, found = imported(session, workspace.id, "addresses30.vcf")
    jane, holmes = found["Jane Appleseed"], found["Sherlock Holmes"]
    assert jane.location == "Cupertino, CA, United States"
    assert jane.notes == (
        "Work address: 1 Infinite Loop, Suite 400, Cupertino, CA 95014, United States\n\n"
        "Home address: 12 Elm Street, Palo Alto, CA 94301, United States\n\n"
        "Beach house address: Santa Cruz, CA, United States"
    )
    # "postal" says what the address is for, not whose it is.
    assert (holmes.location, holmes.notes) == (None, "Home address: 221B Baker Street, NW1 6XE")
    assert not [n for n in report.notes if "not imported" in n]
