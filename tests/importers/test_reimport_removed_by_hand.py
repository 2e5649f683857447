"""A newer copy of a record imported before puts back nothing the user took off since: what
the record said when last imported and still says (an e-mail address, a phone, a web
address, a tag, a note, a job) and the person no longer has was removed by hand, and stays
removed; a place emptied since stays empty. The row says so. What the record changed since
is applied as before, and `reapply` brings back everything (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

import factories as f
from goodword.importers import splitting
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail, PersonPhone, PersonUrl
from goodword.people.schemas import PositionCreate
from goodword.search.models import SearchDocument
from goodword.workspaces.models import Workspace

from .test_reimport_kept_values import ada, row_of

TODAY = date(2026, 11, 25)


def card(
    folder: Path,
    *,
    birthday: str = "1815-12-10",
    email: str = "ada@analytical.example",
    organization: str = "Analytical Engines",
) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "ada.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"EMAIL;TYPE=work:{email}\r\nEMAIL;TYPE=home:ada@home.example\r\n"
        "TEL;TYPE=cell:+44 20 7946 0001\r\nURL:https://ada.example\r\n"
        f"ORG:{organization}\r\nTITLE:Mathematician\r\nADR;TYPE=home:;;;London;;;\r\n"
        f"BDAY:{birthday}\r\n"
        "CATEGORIES:Salon,Maths\r\nNOTE:Met at the salon\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    return path


def run(
    session: Session, workspace: Workspace, path: Path, *, reapply: bool = False
) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[path], today=TODAY, reapply=reapply
    )


def take_off(session: Session, workspace: Workspace) -> None:
    """What a user might take off Ada by hand: an address, her phone, a tag, the note, her
    place, and the job (replaced by the one they know she holds)."""
    person = ada(session, workspace)
    session.execute(delete(PersonEmail).where(PersonEmail.address == "ada@home.example"))
    session.execute(delete(PersonPhone).where(PersonPhone.person_id == person.id))
    session.execute(delete(PersonUrl).where(PersonUrl.person_id == person.id))
    session.execute(
        update(Person)
        .where(Person.id == person.id)
        .values(tags=["Salon"], notes=None, location=None)
    )
    (job,) = person.positions
    people.remove_position(session, workspace_id=workspace.id, position_id=job.id)
    people.add_position(
        session, workspace_id=workspace.id, person_id=person.id,
        data=PositionCreate(organization_name="Analytical Engines", title="Countess"),
    )  # fmt: skip
    session.flush()


def what_she_has(session: Session, workspace: Workspace) -> dict[str, object]:
    person = ada(session, workspace)
    return {
        "emails": sorted(e.address for e in person.emails),
        "phones": [p.number for p in person.phones],
        "urls": [u.url for u in person.urls],
        "tags": person.tags,
        "notes": person.notes,
        "location": person.location,
        "jobs": sorted((p.organization.name, p.title, p.is_current) for p in person.positions),
    }


def test_what_you_took_off_stays_off_when_the_record_changes_something_else(
    session, workspace, tmp_path
):
    run(session, workspace, card(tmp_path / "a"))
    take_off(session, workspace)
    # The card's birthday changed: a change Goodword tells by putting back the one it holds.
    again = run(session, workspace, card(tmp_path / "b", birthday="1815-12-11"))
    row = row_of(again, "Ada Lovelace")
    assert (row.outcome, row.detail) == (
        Outcome.UPDATED,
        "birthday now 1815-12-11; location left empty (the file says London; edit the person "
        "to change it); not put back, as taken off since the last import: its note, tag "
        "Maths, e-mail ada@home.example, phone +44 20 7946 0001, web address "
        "https://ada.example, job Mathematician at Analytical Engines (import with reapply "
        "to bring them back)",
    )
    assert what_she_has(session, workspace) == {
        "emails": ["ada@analytical.example"],
        "phones": [],
        "urls": [],
        "tags": ["Salon"],
        "notes": None,
        "location": None,
        "jobs": [("Analytical Engines", "Countess", True)],
    }
    assert ada(session, workspace).birthday == date(1815, 12, 11)


def test_reapply_brings_back_what_you_took_off(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a"))
    take_off(session, workspace)
    run(session, workspace, card(tmp_path / "b", birthday="1815-12-11"), reapply=True)
    has = what_she_has(session, workspace)
    assert has["emails"] == ["ada@analytical.example", "ada@home.example"]
    assert has["tags"] == ["Salon", "Maths"] and has["notes"] == "Met at the salon"
    assert has["location"] == "London" and len(has["phones"]) == 1
    assert has["urls"] == ["https://ada.example"]
    # The card's job is current again; the one put in its place is kept as a past title.
    assert has["jobs"] == [
        ("Analytical Engines", "Countess", False),
        ("Analytical Engines", "Mathematician", True),
    ]


def test_a_new_job_follows_the_record_and_a_removed_address_stays_off(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a"))
    session.execute(delete(PersonEmail).where(PersonEmail.address == "ada@home.example"))
    session.flush()
    again = run(session, workspace, card(tmp_path / "b", organization="Babbage & Co"))
    row = row_of(again, "Ada Lovelace")
    assert (row.outcome, row.detail) == (
        Outcome.UPDATED,
        "now Mathematician at Babbage & Co (was Mathematician at Analytical Engines); not put "
        "back, as taken off since the last import: e-mail ada@home.example (import with "
        "reapply to bring it back)",
    )
    has = what_she_has(session, workspace)
    assert has["emails"] == ["ada@analytical.example"]
    assert has["jobs"] == [
        ("Analytical Engines", "Mathematician", False),
        ("Babbage & Co", "Mathematician", True),
    ]


def test_what_cannot_be_told_apart_is_added_as_before(session, workspace, tmp_path):
    # A new work address: Goodword cannot put back what the card said before, so it cannot
    # tell what was taken off by hand; every address the card gives is there again.
    run(session, workspace, card(tmp_path / "a"))
    take_off(session, workspace)
    again = run(session, workspace, card(tmp_path / "b", email="ada@engines.example"))
    assert "not put back" not in row_of(again, "Ada Lovelace").detail
    assert what_she_has(session, workspace)["emails"] == [
        "ada@analytical.example",
        "ada@engines.example",
        "ada@home.example",
    ]


def test_an_organization_is_not_made_again_for_a_job_left_off(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a"))
    (engines,) = session.scalars(select(Organization)).all()
    organizations.delete(session, workspace_id=workspace.id, organization_id=engines.id)
    again = run(session, workspace, card(tmp_path / "b", birthday="1815-12-11"))
    assert "job Mathematician at Analytical Engines" in row_of(again, "Ada Lovelace").detail
    assert again.organizations_created == 0
    assert session.scalars(select(Organization)).all() == []
    assert (
        session.scalars(select(SearchDocument).where(SearchDocument.kind == "organization")).all()
        == []
    )


def test_a_place_a_matched_record_never_set_is_left_empty_in_those_words(
    session, workspace, tmp_path
):
    # Ada was known in Paris when the card (London) was matched to her: London was never
    # hers. The user empties her place; the card then changes her birthday.
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@analytical.example"])
    set_place(session, workspace, "Paris")
    run(session, workspace, card(tmp_path / "a"))
    set_place(session, workspace, None)
    again = run(session, workspace, card(tmp_path / "b", birthday="1815-12-11"))
    detail = row_of(again, "Ada Lovelace").detail
    assert detail.startswith(
        "birthday now 1815-12-11; location left empty (the file says London; edit the person "
        "to change it)"
    )
    assert "not put back" not in detail
    assert ada(session, workspace).location is None


def test_what_a_split_took_back_that_her_own_card_gives_is_named_and_reapply_brings_it(
    session, workspace, tmp_path
):
    # Her own card gives an e-mail address; a Google row with it (someone else's phone and
    # tag) is matched to her; later her own card gives that phone and tag too. Splitting the
    # Google row off takes them back; her card's next change names them, and reapply (or
    # nothing) decides: nothing the user took off by hand comes back unasked.
    run(session, workspace, own_card(tmp_path / "a"))
    google = tmp_path / "contacts.csv"
    google.write_text(
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Labels\n"
        "Ada,Lovelace,ada@analytical.example,+44 20 7946 0001,Maths\n"
    )
    assert row_of(run(session, workspace, google), "Ada Lovelace").outcome is Outcome.MERGED
    run(session, workspace, own_card(tmp_path / "b", more=True))
    person = ada(session, workspace)
    (matched,) = [s for s in person.sources if s.source == "google"]
    splitting.split_off(
        session, workspace_id=workspace.id, person_id=person.id, source_id=matched.id
    )
    changed = own_card(tmp_path / "c", more=True, birthday="1815-12-11")
    again = run(session, workspace, changed)
    assert row_of(again, "Ada Lovelace").detail == (
        "birthday now 1815-12-11; not put back, as taken off since the last import: tag "
        "Maths, phone +44 20 7946 0001 (import with reapply to bring them back)"
    )
    run(session, workspace, changed, reapply=True)
    session.expire_all()
    kept = session.get(Person, person.id)
    assert kept is not None and ([p.number for p in kept.phones], kept.tags) == (
        ["+442079460001"],
        ["Maths"],
    )


def own_card(folder: Path, *, more: bool = False, birthday: str = "1815-12-10") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "ada.vcf"
    extra = "TEL;TYPE=cell:+44 20 7946 0001\r\nCATEGORIES:Maths\r\n" if more else ""
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"EMAIL:ada@analytical.example\r\nBDAY:{birthday}\r\n{extra}END:VCARD\r\n",
        encoding="utf-8",
    )
    return path


def set_place(session: Session, workspace: Workspace, place: str | None) -> None:
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace.id, Person.display_name == "Ada Lovelace")
        .values(location=place)
    )
    session.flush()


def test_what_was_kept_of_a_matched_record_never_names_an_organization_made_later(
    session, workspace, tmp_path
):
    # The card is matched to Ada (same e-mail); its organization is deleted; the card's
    # next change leaves the job off, and the organization made for it goes again. One made
    # later (which SQLite may give the same id) is no part of what the card said.
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@analytical.example"])
    run(session, workspace, card(tmp_path / "a"))
    (engines,) = session.scalars(select(Organization)).all()
    organizations.delete(session, workspace_id=workspace.id, organization_id=engines.id)
    run(session, workspace, card(tmp_path / "b", birthday="1815-12-11"))
    f.organization(session, workspace.id, "Evil Corp")
    person = ada(session, workspace)
    (matched,) = [s for s in person.sources if s.matched is not None]
    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=person.id, source_id=matched.id
    )
    assert [p.organization.name for p in split.person.positions] == []


def test_your_own_linkedin_records_keep_off_what_you_took_off(session, workspace, tmp_path):
    # Profile.csv, Positions.csv and Email Addresses.csv are three records of you, each
    # compared with what it said itself (they were one record, and the last one written
    # gave all three its fingerprint: the others then put everything back).
    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    files = [data / name for name in ("Profile.csv", "Positions.csv", "Email Addresses.csv")]
    import_files(session, workspace_id=workspace.id, paths_or_uploads=files, today=TODAY)
    me = session.scalar(select(Person).where(Person.workspace_id == workspace.id, Person.is_me))
    (bank,) = [p for p in me.positions if p.organization.name == "Amber Bank"]
    people.remove_position(session, workspace_id=workspace.id, position_id=bank.id)
    session.execute(delete(PersonEmail).where(PersonEmail.person_id == me.id))
    session.execute(update(Person).where(Person.id == me.id).values(notes="My own notes"))
    session.flush()

    again = import_files(session, workspace_id=workspace.id, paths_or_uploads=files, today=TODAY)

    session.expire_all()
    me = session.get(Person, me.id)
    assert [p.organization.name for p in me.positions] == ["Kestrel Labs"]
    assert me.emails == []
    assert me.notes == "My own notes"
    assert [(r.file, r.outcome) for r in again.rows] == [
        ("Profile.csv", Outcome.UNCHANGED),
        ("Positions.csv", Outcome.UNCHANGED),
        ("Email Addresses.csv", Outcome.UNCHANGED),
    ]
    assert "not put back, as taken off since the last import: job Analyst at Amber Bank" in (
        again.rows[1].detail
    )
    keys = sorted(s.external_key for s in me.sources)
    assert keys == ["profile", "profile:emails", "profile:positions"]


def test_a_newer_headline_adds_the_headline_not_the_summary_again(session, workspace, tmp_path):
    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[data / "Profile.csv"], today=TODAY
    )
    newer = tmp_path / "Profile.csv"
    newer.write_text(
        (data / "Profile.csv")
        .read_text()
        .replace("Data analyst looking for her next team", "Senior data analyst open to work")
    )
    report = import_files(session, workspace_id=workspace.id, paths_or_uploads=[newer], today=TODAY)
    me = session.scalar(select(Person).where(Person.workspace_id == workspace.id, Person.is_me))
    assert me.notes == (
        "Data analyst looking for her next team\n\n"
        "Ten years of turning numbers into decisions.\n\n"
        "Senior data analyst open to work"
    )
    assert "notes added" in report.rows[0].detail


def test_a_notes_paragraphs_are_matched_whatever_blank_lines_stand_between(
    session, workspace, tmp_path
):
    # A newer card's note with a line of spaces or two blank lines between its paragraphs
    # adds only the paragraph that is new.
    def card_with(note: str) -> Path:
        tmp_path.joinpath("c").mkdir(exist_ok=True)
        path = tmp_path / "c" / "ada.vcf"
        path.write_text(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada Lovelace\r\n"
            f"NOTE:{note}\r\nEND:VCARD\r\n",
            encoding="utf-8",
        )
        return path

    run(session, workspace, card_with("Summary line\\n\\nHeadline"))
    run(session, workspace, card_with("New headline\\n\\n\\nSummary line\\n \\nHeadline"))
    assert ada(session, workspace).notes == "Summary line\n\nHeadline\n\nNew headline"
