"""Importing into a real database (SQLite and PostgreSQL): outcomes, merging, provenance."""

from __future__ import annotations

import random
import string
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection, ConnectionKind
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers import splitting
from goodword.importers.records import REFERENCE_TAG, Upload
from goodword.importers.report import Outcome
from goodword.importers.service import detect_format, import_files, preview
from goodword.interactions.models import Direction, Interaction
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Person, PersonSource, Position
from goodword.people.schemas import PositionCreate
from goodword.search import service as search

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)
ARCHIVE_FILES = [
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Profile.csv",
    "Positions.csv",
    "Email Addresses.csv",
    "Recommendations_Received.csv",
    "Recommendations_Given.csv",
]


def run(session: Session, workspace_id: int, *names: str | Path | Upload, **options):
    items = [DATA / n if isinstance(n, str) else n for n in names]
    return import_files(
        session, workspace_id=workspace_id, paths_or_uploads=items, today=TODAY, **options
    )


def everyone(session: Session, workspace_id: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def linkedin_archive(tmp_path: Path) -> Path:
    path = tmp_path / "Basic_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ARCHIVE_FILES:
            archive.write(DATA / name, name)
        archive.writestr("Skills.csv", "Name\nSQL\n")
    return path


def test_it_imports_linkedin_connections_and_reports_each_row(session, workspace):
    report = run(session, workspace.id, "Connections.csv")
    assert report.counts["created"] == 6
    assert report.counts["skipped"] == 1
    assert report.files[0].label == "LinkedIn connections"
    people_now = everyone(session, workspace.id)
    priya = people_now["Priya Nayak"]
    assert priya.notes == "Credentials: MSc, MBA"
    assert [u.url for u in priya.urls] == ["https://www.linkedin.com/in/priyanayak"]
    assert priya.positions[0].organization.name == "Google LLC"
    assert priya.positions[0].is_current
    sources = session.scalars(select(PersonSource).where(PersonSource.person_id == priya.id))
    assert [(s.source, s.file_name, s.external_key) for s in sources] == [
        ("linkedin", "Connections.csv", "https://www.linkedin.com/in/priyanayak")
    ]


def test_it_normalises_organizations_into_one_with_aliases(session, workspace):
    run(session, workspace.id, "Connections.csv")
    organizations = session.scalars(
        select(Organization).where(Organization.workspace_id == workspace.id)
    ).all()
    google = [o for o in organizations if o.name.startswith("Google")]
    assert len(google) == 1
    assert google[0].name == "Google LLC"
    assert set(google[0].aliases) == {"Google", "Google Inc."}
    assert "Reddit, Inc." in {o.name for o in organizations}


def test_imported_people_are_searchable(session, workspace):
    run(session, workspace.id, "Connections.csv")
    hits = search.search(session, workspace_id=workspace.id, query="nay goo")
    assert [h.title for h in hits] == ["Priya Nayak"]


def test_reimporting_the_same_file_creates_nothing(session, workspace):
    run(session, workspace.id, "Connections.csv")
    count = people.count(session, workspace_id=workspace.id)
    again = run(session, workspace.id, "Connections.csv")
    assert people.count(session, workspace_id=workspace.id) == count
    assert again.counts["unchanged"] == 6
    assert again.counts["created"] == again.counts["merged"] == 0
    sources = session.scalar(select(func.count()).select_from(PersonSource))
    assert sources == 6


def test_a_newer_file_turns_a_new_company_into_a_new_current_position(session, workspace):
    run(session, workspace.id, "Connections.csv")
    report = run(session, workspace.id, "Connections_newer.csv")
    assert report.counts["created"] == 1  # Wanjiru is new
    (updated,) = report.of(Outcome.UPDATED)
    assert updated.name == "Ada Lovelace"
    assert "now Chief Mathematician at Difference Engines plc" in updated.detail
    assert "was Mathematician at Analytical Engines Ltd" in updated.detail
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    jobs = {(p.organization.name, p.title, p.is_current) for p in ada.positions}
    assert jobs == {
        ("Difference Engines plc", "Chief Mathematician", True),
        ("Analytical Engines Ltd", "Mathematician", False),
    }
    hits = search.search(session, workspace_id=workspace.id, query="difference", kinds=("person",))
    assert [h.title for h in hits] == ["Ada Lovelace"]


def test_a_person_an_import_changes_is_updated_then_and_no_one_else(session, workspace):
    run(session, workspace.id, "Connections.csv")
    before = {name: p.updated_at for name, p in everyone(session, workspace.id).items()}
    run(session, workspace.id, "Connections_newer.csv")
    after = {name: p.updated_at for name, p in everyone(session, workspace.id).items()}
    # Ada's new job is a change to Ada, though her own row's values are as they were.
    assert after["Ada Lovelace"] > before["Ada Lovelace"]
    assert after["Priya Nayak"] == before["Priya Nayak"]


def test_the_same_person_in_two_sources_is_merged_by_email(session, workspace):
    run(session, workspace.id, "Connections.csv")
    report = run(session, workspace.id, "google_legacy.csv")
    merged = report.of(Outcome.MERGED)
    assert [m.name for m in merged] == ["Ada Lovelace"]
    assert "same e-mail address" in merged[0].detail
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    assert {s.source for s in ada.sources} == {"linkedin", "google"}


def test_a_confident_name_match_merges_and_an_uncertain_one_is_queued(session, workspace):
    f.person(session, workspace.id, "Grace Hopper", given_name="Grace", family_name="Hopper")
    existing = f.person(
        session, workspace.id, "Wanjiru Kamau", given_name="Wanjiru", family_name="Kamau"
    )
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=existing.id,
        data=people.PositionCreate(organization_name="Kiprono Health Ltd"),
    )
    report = run(session, workspace.id, "contacts30.vcf")
    outcomes = {r.name: r for r in report.rows}
    # Same name and the same employer: merged without asking.
    assert outcomes["Wanjiru Kamau"].outcome is Outcome.MERGED
    assert "same organization" in outcomes["Wanjiru Kamau"].detail
    # A name alone (the card has a middle name, nothing else in common): queued.
    assert outcomes["Grace Hopper"].outcome is Outcome.SUGGESTED
    candidates = session.scalars(select(DuplicateCandidate)).all()
    assert len(candidates) == 1
    assert candidates[0].person_a_id < candidates[0].person_b_id
    assert people.count(session, workspace_id=workspace.id) == 3


def test_it_imports_a_whole_linkedin_archive(session, workspace, tmp_path):
    report = run(session, workspace.id, linkedin_archive(tmp_path))
    labels = {f.name.rsplit("/", 1)[-1]: f.label for f in report.files}
    assert labels["Skills.csv"] == "not read (not contact data)"
    assert labels["messages.csv"] == "LinkedIn messages"
    me = people.get_me(session, workspace_id=workspace.id)
    assert me is not None and me.display_name == "Alice Example"
    assert {(p.organization.name, p.is_current) for p in me.positions} == {
        ("Kestrel Labs", True),
        ("Amber Bank", False),
    }
    assert [e.address for e in me.emails] == ["alice@example.org"]
    links = session.scalars(
        select(Connection).where(Connection.kind == ConnectionKind.LINKEDIN)
    ).all()
    assert len(links) == 6
    assert all(link.person_a_id == me.id for link in links)
    assert report.connections_created == 6


def test_messages_get_direction_and_participants(session, workspace, tmp_path):
    run(session, workspace.id, linkedin_archive(tmp_path))
    found = session.scalars(
        select(Interaction)
        .where(Interaction.external_id.like("linkedin-message:%"))
        .order_by(Interaction.occurred_at)
    ).all()
    assert [i.direction for i in found] == [
        Direction.INBOUND,
        Direction.OUTBOUND,
        Direction.INBOUND,
    ]
    names = [[p.person.display_name for p in i.participants] for i in found]
    assert names == [["Ada Lovelace"], ["Ada Lovelace"], ["Marcus Reid"]]


def test_invitations_become_dated_interactions(session, workspace, tmp_path):
    run(session, workspace.id, linkedin_archive(tmp_path))
    invitations = session.scalars(
        select(Interaction)
        .where(Interaction.external_id.like("linkedin-invitation:%"))
        .order_by(Interaction.occurred_at)
    ).all()
    assert [(i.direction, i.participants[0].person.display_name) for i in invitations] == [
        (Direction.OUTBOUND, "Ada Lovelace"),
        (Direction.INBOUND, "Nadia Rahman"),
    ]


def test_reimporting_the_archive_adds_no_interactions_or_ties(session, workspace, tmp_path):
    archive = linkedin_archive(tmp_path)
    run(session, workspace.id, archive)
    counts = [
        session.scalar(select(func.count()).select_from(m))
        for m in (Person, Interaction, Connection)
    ]
    again = run(session, workspace.id, archive)
    assert [
        session.scalar(select(func.count()).select_from(m))
        for m in (Person, Interaction, Connection)
    ] == counts
    assert again.interactions_created == 0
    assert again.interactions_existing == 5


def test_recommendations_flag_people_as_reference_candidates(session, workspace, tmp_path):
    run(session, workspace.id, linkedin_archive(tmp_path))
    found = everyone(session, workspace.id)
    assert REFERENCE_TAG in found["Ada Lovelace"].tags
    assert REFERENCE_TAG in found["Hedy Lamarr"].tags


def test_each_recommendation_is_a_record_of_its_own(session, workspace, tmp_path):
    # Ada gave you one and you gave her one: two records, each compared with itself (they
    # were one, known by her name, each import keeping the other's fingerprint).
    head = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    given = tmp_path / "Recommendations_Given.csv"
    given.write_text(head + "Ada,Lovelace,Engines Ltd,Analyst,Ada is great.,11/20/25,VISIBLE\n")
    received = tmp_path / "Recommendations_Received.csv"
    received.write_text(head + "Ada,Lovelace,Engines Ltd,Analyst,Careful work.,01/02/26,VISIBLE\n")
    run(session, workspace.id, "Connections.csv", "Profile.csv")
    run(session, workspace.id, given, received)
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    assert ada.notes.count("Recommendation") == 2

    again = run(session, workspace.id, given, received)
    assert [(r.file, r.outcome) for r in again.rows] == [
        ("Recommendations_Given.csv", Outcome.UNCHANGED),
        ("Recommendations_Received.csv", Outcome.UNCHANGED),
    ]
    # What you took off stays off.
    ada.tags, ada.notes = [], None
    session.flush()
    run(session, workspace.id, given, received)
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    assert (ada.tags, ada.notes) == ([], None)

    # Split off, the received one takes back its own note only.
    run(session, workspace.id, given, received, reapply=True)
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    (row,) = [s for s in ada.sources if "received" in (s.external_key or "")]
    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=row.id
    )
    session.expire_all()
    assert "Ada is great." in session.get(Person, ada.id).notes
    assert "Careful work." not in session.get(Person, ada.id).notes
    assert "Careful work." in session.get(Person, split.person.id).notes


def test_the_recommendation_of_a_connection_who_changed_their_name_finds_them(
    session, workspace, tmp_path
):
    head = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rec_head = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"

    def archive(folder: str, family: str) -> list[Path]:
        (tmp_path / folder).mkdir()
        connections = tmp_path / folder / "Connections.csv"
        connections.write_text(
            head + f"Carla,{family},https://www.linkedin.com/in/carla-5510,,Orbit,Lead,"
            "14 Feb 2021\n"
        )
        received = tmp_path / folder / "Recommendations_Received.csv"
        received.write_text(
            rec_head + f'Carla,{family},Orbit,Lead,Made the data make sense.,"02/14/21, 1:00 PM"'
            ",VISIBLE\n"
        )
        return [connections, received]

    run(session, workspace.id, *archive("a", "Jones"))
    report = run(session, workspace.id, *archive("b", "Smith"))

    assert report.counts["created"] == report.counts["suggested"] == 0
    (carla,) = everyone(session, workspace.id).values()
    assert carla.display_name == "Carla Smith"
    assert carla.notes.count("Made the data make sense.") == 1


def test_it_imports_an_unpacked_archive_folder(session, workspace, tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport"
    folder.mkdir()
    for name in ("Connections.csv", "Profile.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    report = run(session, workspace.id, folder)
    assert report.counts["created"] == 7
    assert report.connections_created == 6


def test_it_imports_old_connections_and_other_encodings(session, workspace):
    report = run(
        session,
        workspace.id,
        "Connections_old.csv",
        "Connections_cp1252.csv",
        "Connections_bom.csv",
    )
    assert report.counts["created"] == 7
    names = set(everyone(session, workspace.id))
    assert {"José Müller", "Zoë Brontë", "Renée Léger", "Layla Haddad"} <= names


def test_it_imports_google_contacts_in_both_forms(session, workspace):
    report = run(session, workspace.id, "google_legacy.csv", "google_labelled.csv")
    assert report.counts["created"] == 4
    hedy = everyone(session, workspace.id)["Hedy Lamarr"]
    assert [p.number for p in hedy.phones] == ["+4315550102", "+13105550103"]
    assert hedy.location == "Vienna, Austria"


def test_it_imports_vcards_3_and_4(session, workspace):
    report = run(session, workspace.id, "contacts30.vcf", "contact40.vcf")
    assert report.counts["created"] == 3
    grace = everyone(session, workspace.id)["Grace Hopper"]
    assert [p.number for p in grace.phones] == ["+14125550101"]
    assert grace.birthday == date(1906, 12, 9)
    assert grace.tags == ["Mentors", "Navy"]


def test_it_imports_a_thunderbird_address_book_and_again_changes_nothing(session, workspace):
    report = run(session, workspace.id, "thunderbird.csv")
    assert report.counts["created"] == 3 and report.counts["skipped"] == 1
    aoife = everyone(session, workspace.id)["Aoife Ní Bhriain"]
    assert [(p.number, p.label) for p in aoife.phones] == [
        ("+353875550102", "mobile"), ("+35315550101", "work"),
    ]  # fmt: skip
    assert [s.source for s in aoife.sources] == ["thunderbird"]
    again = run(session, workspace.id, "thunderbird.csv")
    assert again.counts["unchanged"] == 3 and again.counts["created"] == 0


def test_it_keeps_phone_extensions_from_google_contacts(session, workspace):
    # Four colleagues on one switchboard: an extension each ("ext. 12", "x34", "#56") and the
    # main line. Each extension is a number of its own, so nobody is merged by the main number.
    report = run(session, workspace.id, "google_extensions.csv")
    assert report.counts["created"] == 4
    found = everyone(session, workspace.id)
    assert {name: [p.number for p in person.phones] for name, person in found.items()} == {
        "Ravi Shankar": ["+14155550100;ext=12", "+14155550199"],
        "Mei Tanaka": ["+14155550100;ext=34"],
        "Sara Lind": ["+14155550100;ext=56"],
        "Olu Adeyemi": ["+14155550100"],
    }
    assert [p.label for p in found["Ravi Shankar"].phones] == ["work", "mobile"]


def test_it_keeps_phone_extensions_from_vcards_3_and_4_and_matches_on_them(session, workspace):
    # vCard 3.0 writes "ext. 221" and "x222" as text, vCard 4.0 "tel:...;ext=223" as a URI.
    # C. Okafor's card has Chidi Okafor's number and extension: the same person.
    report = run(session, workspace.id, "extensions30.vcf", "extensions40.vcf")
    assert report.counts["created"] == 3
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail == "same phone number (+1 212-555-0140 ext. 221) — notes added"
    found = everyone(session, workspace.id)
    assert sorted(found) == ["Chidi Okafor", "Hana Novak", "Ines Duarte"]
    assert [(p.number, p.label) for p in found["Chidi Okafor"].phones] == [
        ("+12125550140;ext=221", "work"),
        ("+12125550177", "cell"),
    ]
    assert [(p.number, p.label) for p in found["Ines Duarte"].phones] == [
        ("+12125550140;ext=222", "work"),
    ]
    assert [(p.number, p.label) for p in found["Hana Novak"].phones] == [
        ("+12125550140;ext=223", "work"),
    ]


def test_an_extension_is_a_number_of_its_own_when_matching_people_already_here(session, workspace):
    ravi = f.person(session, workspace.id, "Ravi S.", phones=["+1 415 555 0100 ext. 12"])
    f.person(session, workspace.id, "Dana Fox", phones=["+1 415 555 0100 x99"])
    report = run(session, workspace.id, "google_extensions.csv")
    # Ravi's extension is Ravi S.'s; the others share only the switchboard with Dana.
    assert report.counts["created"] == 3
    (merged,) = report.of(Outcome.MERGED)
    assert (merged.name, merged.person_id) == ("Ravi Shankar", ravi.id)
    assert merged.detail.startswith("same phone number (+1 415-555-0100 ext. 12) — ")
    assert report.of(Outcome.SUGGESTED) == []
    found = everyone(session, workspace.id)
    assert [p.number for p in found["Ravi S."].phones] == ["+14155550100;ext=12", "+14155550199"]
    assert [p.number for p in found["Dana Fox"].phones] == ["+14155550100;ext=99"]


def test_it_imports_any_csv_through_a_column_map(session, workspace):
    mapping = (
        "key=ID,given=First,family=Surname,email=E-mail,org=Company,title=Role,"
        "location=City,birthday=DOB,phone=Mobile,url=Profile,notes=Notes"
    )
    report = run(session, workspace.id, "crm.csv", mapping=mapping)
    assert report.counts == {
        "created": 2, "updated": 0, "unchanged": 0, "merged": 0, "suggested": 0, "skipped": 1,
    }  # fmt: skip
    mae = everyone(session, workspace.id)["Mae Jemison"]
    assert mae.birthday == date(1956, 10, 17)
    assert mae.positions[0].title == "Founder"
    assert [s.external_key for s in mae.sources] == ["C-101"]
    again = run(session, workspace.id, "crm.csv", mapping=mapping)
    assert again.counts["unchanged"] == 2


def test_the_preview_shows_the_first_rows_mapped(tmp_path):
    shown = preview(DATA / "crm.csv", mapping="given=First,family=Surname,org=Company", rows=1)
    assert shown["headers"][:3] == ["ID", "First", "Surname"]
    assert [(r["name"], r["organization"]) for r in shown["rows"]] == [
        ("Mae Jemison", "Endeavour Labs")
    ]


def test_detect_format_names_each_file_of_an_upload():
    upload = Upload("mine.dat", (DATA / "contact40.vcf").read_bytes())
    assert detect_format(upload) == [{"name": "mine.dat", "format": "vcard", "label": "vcard"}]


def test_a_dry_run_reports_the_same_and_the_caller_rolls_it_back(session_factory, workspace):
    with session_factory() as session:
        workspace_id = workspace.id
        report = run(session, workspace_id, "Connections.csv", dry_run=True)
        assert report.dry_run and report.counts["created"] == 6
        session.rollback()
    with session_factory() as session:
        assert people.count(session, workspace_id=workspace_id) == 0


def test_nothing_crosses_into_another_workspace(session, workspace, other_workspace):
    run(session, workspace.id, "Connections.csv")
    report = run(session, other_workspace.id, "Connections.csv")
    assert report.counts["created"] == 6  # not matched against Alice's people
    assert people.count(session, workspace_id=workspace.id) == 6


def test_organizations_named_apart_by_hand_but_alike_to_the_import_still_import(
    session, workspace, tmp_path, monkeypatch
):
    """ "Acme" and "Acme Inc." made by hand are two organizations; the import, which sees one
    name, must still read both (a KeyError once stopped it)."""

    ann = f.person(session, workspace.id, "Ann Acme", given_name="Ann", family_name="Acme")
    kim = f.person(session, workspace.id, "Kim Park", given_name="Kim", family_name="Park",
                   emails=["kim@park.example"])  # fmt: skip
    # (Made on the organizations page before it refused a legal-form variant of a name it
    # holds, as a database from then may hold them; typed on a position, "Acme Inc." would
    # find Acme.)
    monkeypatch.setattr(organizations, "_check_names_free", lambda *args, **kwargs: None)
    for who, org in ((ann, "Acme"), (kim, "Acme Inc.")):
        made = organizations.create(
            session, workspace_id=workspace.id, data=OrganizationCreate(name=org)
        )
        people.add_position(
            session, workspace_id=workspace.id, person_id=who.id,
            data=PositionCreate(organization_id=made.id, title="Engineer", is_current=True),
        )  # fmt: skip
    card = tmp_path / "kim.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Park\r\nN:Park;Kim;;;\r\n"
        "EMAIL:kim@park.example\r\nORG:Globex\r\nTITLE:Engineer\r\nEND:VCARD\r\n"
    )
    report = run(session, workspace.id, card)
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail.endswith("now Engineer at Globex (was Engineer at Acme Inc.)")
    # A card that names her old employer the import's way finds the job she holds.
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Park\r\nN:Park;Kim;;;\r\n"
        "EMAIL:kim@park.example\r\nORG:Acme\r\nTITLE:Engineer\r\nEND:VCARD\r\n"
    )
    run(session, workspace.id, card)
    jobs = sorted(
        (p.organization.name, p.is_current)
        for p in everyone(session, workspace.id)["Kim Park"].positions
    )
    assert jobs == [("Acme Inc.", False), ("Globex", True)]
    # A new card naming one of them exactly gets that one, and neither gains an alias.
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lee Chan\r\nN:Chan;Lee;;;\r\n"
        "ORG:Acme Inc.\r\nTITLE:Analyst\r\nEND:VCARD\r\n"
    )
    run(session, workspace.id, card)
    lee = everyone(session, workspace.id)["Lee Chan"]
    assert [p.organization.name for p in lee.positions] == ["Acme Inc."]
    session.expire_all()
    orgs = {o.name: o.aliases for o in session.scalars(select(Organization))}
    assert orgs["Acme"] == [] and orgs["Acme Inc."] == []


def test_a_card_with_her_birthday_and_town_is_queued_beside_her_linkedin_row(
    session, workspace, tmp_path
):
    run(session, workspace.id, "Connections.csv")  # Ada, with her employer
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "BDAY:1815-12-10\r\nADR;TYPE=HOME:;;;London;;;UK\r\nEND:VCARD\r\n"
    )
    report = run(session, workspace.id, card)
    (suggested,) = report.of(Outcome.SUGGESTED)
    assert suggested.name == "Ada Lovelace" and "names 100% alike" in suggested.detail
    assert session.scalar(select(func.count()).select_from(DuplicateCandidate)) == 1


def test_progress_names_each_stage_as_it_starts_and_counts_the_matching(
    session, workspace, tmp_path
):
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rng = random.Random(5)
    for _n in range(2500):
        given, family = ("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in "ab")
        rows.append(f"{given.title()},{family.title()},,,Acme,Engineer,26 Dec 2025")
    connections = tmp_path / "Connections.csv"
    connections.write_text("\n".join(rows) + "\n")
    heard: list[tuple[str, int, int]] = []
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[connections], today=TODAY,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )  # fmt: skip
    stages = [stage for stage, _done, _total in heard]
    assert stages[: stages.index("people")] == [
        "read",
        *["load"] * stages.count("load"),  # as it starts, and after each table it reads
        *["match"] * (stages.count("match")),
    ]
    assert stages.count("load") > 6
    matching = [(done, total) for stage, done, total in heard if stage == "match"]
    assert matching[0] == (0, 2500) and matching[-1] == (2500, 2500)
    assert any(0 < done < 2500 for done, _total in matching[1:-1])
    assert heard[-1] == ("people", 2500, 2500)


def test_matching_counts_the_files_records_not_the_people_already_here(
    session, workspace, tmp_path, monkeypatch
):
    from goodword.duplicates import index

    for number in range(7):
        f.person(session, workspace.id, f"Already Here {number}")
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rng = random.Random(7)
    for _n in range(2100):
        given, family = ("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in "ab")
        rows.append(f"{given.title()},{family.title()},,,Acme,Engineer,26 Dec 2025")
    connections = tmp_path / "Connections.csv"
    connections.write_text("\n".join(rows) + "\n")
    heard: list[int] = []
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[connections], today=TODAY,
        progress=lambda stage, done, total: heard.append(done) if stage == "match" else None,
    )  # fmt: skip
    assert {0, 1000, 2000, 2100} <= set(heard)
    assert heard == sorted(heard)

    # However slow each record is, the comparing is heard from at least twice a second.
    monkeypatch.setattr(index, "PROGRESS_SECONDS", 0.0)
    heard.clear()
    connections.write_text("\n".join(rows[:51]).replace("Acme", "Initech") + "\n")
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[connections], today=TODAY,
        progress=lambda stage, done, total: heard.append(done) if stage == "match" else None,
    )  # fmt: skip
    assert len(heard) >= 50


def test_a_record_alike_to_many_keeps_its_best_candidate(session, workspace, monkeypatch):
    from goodword.importers import resolver

    for number, org in enumerate(["Initech", "Globex", "Acme Robotics", "Hooli", "Umbrella"]):
        person = f.person(session, workspace.id, "John Smith", given_name="John",
                          family_name="Smith", location="Leeds, UK")  # fmt: skip
        people.add_position(
            session, workspace_id=workspace.id, person_id=person.id,
            data=PositionCreate(organization_name=org, title=f"Role {number}"),
        )  # fmt: skip
    card = Upload(
        "john.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nN:Smith;John;;;\r\n"
        b"ORG:Acme Robotics\r\nADR:;;;Leeds;;;UK\r\nEND:VCARD\r\n",
    )
    monkeypatch.setattr(resolver, "KEEP_CANDIDATES", 1)  # the bound, reached at 3 candidates
    (merged,) = run(session, workspace.id, card, dry_run=True).of(Outcome.MERGED)
    acme = session.scalar(select(Organization.id).where(Organization.name == "Acme Robotics"))
    at_acme = session.scalar(select(Position.person_id).where(Position.organization_id == acme))
    assert merged.person_id == at_acme


def test_each_row_of_an_archive_reports_what_it_did_itself(session, workspace, tmp_path):
    report = run(session, workspace.id, *ARCHIVE_FILES)
    rows = {(r.file, r.line): (r.outcome, r.name, r.detail) for r in report.rows}
    assert rows[("Positions.csv", 2)] == (
        Outcome.UPDATED,  # your own details: you are updated, not merged with a duplicate
        "you",
        "added to Alice Example (Profile.csv, line 2) — now Senior Analyst at Kestrel Labs; "
        "past position added: Analyst at Amber Bank",
    )
    assert rows[("Email Addresses.csv", 2)][:2] == (Outcome.UPDATED, "you")
    assert report.counts["merged"] == 1  # the recommendation of a new connection
    assert rows[("Recommendations_Received.csv", 2)] == (
        Outcome.MERGED,
        "Ada Lovelace",
        "added to Ada Lovelace (Connections.csv, line 5) — notes added; tags added: "
        "reference candidate",
    )
    assert report.counts["unchanged"] == 0
    # A newer Email Addresses.csv: its row says what it added, and only its row.
    emails = (DATA / "Email Addresses.csv").read_text().rstrip("\n")
    newer = tmp_path / "Email Addresses.csv"
    newer.write_text(emails + "\nalice.new@example.org,Yes,No,2026-11-25\n")
    again = run(session, workspace.id, "Profile.csv", "Positions.csv", newer)
    changed = [(r.file, r.outcome, r.detail) for r in again.rows]
    # (In the order the files were given.)
    assert changed == [
        ("Profile.csv", Outcome.UNCHANGED, "nothing new in the file"),
        ("Positions.csv", Outcome.UNCHANGED, "nothing new in the file"),
        ("Email Addresses.csv", Outcome.UPDATED, "new e-mail alice.new@example.org"),
    ]


def test_rows_of_two_files_with_the_same_name_keep_their_own_changes(session, workspace):
    def card(name: str, extra: str) -> bytes:
        given, family = name.split()
        return (
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{given}\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
            f"{extra}END:VCARD\r\n"
        ).encode()

    run(session, workspace.id, Upload("base.vcf", card("Ann Lee", "") + card("Bob Roy", "")))
    report = run(
        session, workspace.id,
        Upload("c.vcf", card("Ann Lee", "TEL:+44 20 7946 0001\r\n")),
        Upload("c.vcf", card("Bob Roy", "NOTE:Met at the fair\r\n")),
    )  # fmt: skip
    details = sorted((r.name, r.detail) for r in report.of(Outcome.UPDATED))
    assert details == [("Ann Lee", "new phone +44 20 7946 0001"), ("Bob Roy", "notes added")]


def test_a_department_one_record_knows_is_kept_when_another_made_the_same_job(session, workspace):
    # Google's row: Navy Labs, Rear Admiral; the vCard adds the department, Computing.
    run(session, workspace.id, "google_legacy.csv", "contacts30.vcf")
    (job,) = everyone(session, workspace.id)["Grace Brewster Hopper"].positions
    assert (job.organization.name, job.title, job.department) == (
        "Navy Labs", "Rear Admiral", "Computing",
    )  # fmt: skip


def test_a_later_import_fills_in_the_department_of_a_job_already_held(session, workspace):
    run(session, workspace.id, "google_legacy.csv")
    report = run(session, workspace.id, "contacts30.vcf")
    (job,) = everyone(session, workspace.id)["Grace Brewster Hopper"].positions
    assert job.department == "Computing"
    (grace,) = [r for r in report.rows if r.name == "Grace Hopper"]
    assert "department Computing" in grace.detail


def test_a_mapped_department_is_kept_on_the_job_or_in_the_notes(session, workspace):
    text = (
        "Name,Company,Role,Dept\n"
        "Mae Jemison,Endeavour Labs,Founder,Research\n"
        "Ola Nordmann,,,Platform team\n"
    )
    mapping = "name=Name,org=Company,title=Role,department=Dept"
    run(session, workspace.id, Upload("crm.csv", text.encode()), mapping=mapping)
    found = everyone(session, workspace.id)
    (job,) = found["Mae Jemison"].positions
    assert (job.title, job.department) == ("Founder", "Research")
    assert found["Ola Nordmann"].notes == "Department: Platform team"
