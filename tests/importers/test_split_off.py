"""Undoing an import's match (SQLite and PostgreSQL): a record matched to the wrong person is
split off as a person of their own, and what it added to the other comes off them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.connections import service as connections_service
from goodword.connections.models import Connection, ConnectionKind
from goodword.connections.schemas import ConnectionCreate
from goodword.duplicates import merging
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.exchange import service as exchange
from goodword.importers import splitting
from goodword.importers.export import export_people
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person, PersonSource
from goodword.people.schemas import PersonCreate, PersonUpdate, PositionCreate
from goodword.search import service as search
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA_URL = "https://www.linkedin.com/in/ada-l-other"


def run(session: Session, workspace_id: int, *uploads: Upload) -> ImportReport:
    return import_files(
        session, workspace_id=workspace_id, paths_or_uploads=list(uploads), today=TODAY
    )


def card(*lines: str, name: str = "contacts.vcf") -> Upload:
    body = "".join(f"{line}\r\n" for line in ["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"])
    return Upload(name, body.encode())


def connections(*rows: str) -> Upload:
    return Upload(
        "Connections.csv", (CONNECTIONS_HEADER + "".join(r + "\n" for r in rows)).encode()
    )


ADA_CARD = card(
    "FN:Ada Lovelace",
    "N:Lovelace;Ada;;;",
    "ORG:Acme Robotics",
    "TITLE:Engineer",
    "EMAIL;TYPE=HOME:ada@home.example",
    "TEL;TYPE=CELL:+44 20 7946 0018",
)
# Another Ada Lovelace at Acme: a name, an employer and a title alike, so the import
# merges her.
OTHER_ADA = connections(
    f"Ada,Lovelace,{ADA_URL},ada.l@acme.example,Acme Robotics,Engineering Lead,08 Jan 2024"
)


def person_named(session: Session, workspace_id: int, name: str) -> list[Person]:
    session.expire_all()
    return list(
        session.scalars(
            select(Person)
            .where(Person.workspace_id == workspace_id, Person.display_name == name)
            .options(*people.with_details())
            .order_by(Person.id)
        )
    )


def matched_source(person: Person) -> PersonSource:
    (found,) = [s for s in person.sources if s.matched is not None]
    return found


def split_one(session: Session, workspace_id: int, person: Person) -> splitting.Split:
    """Split the person's one matched record off."""
    return splitting.split_off(
        session, workspace_id=workspace_id, person_id=person.id, source_id=matched_source(person).id
    )


def jobs(person: Person) -> list[tuple[str, str | None, bool]]:
    return sorted((p.organization.name, p.title, p.is_current) for p in person.positions)


def test_a_wrong_match_is_split_off_with_what_it_added(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    report = run(session, workspace.id, OTHER_ADA)
    assert [r.outcome for r in report.rows] == [Outcome.MERGED]
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert {e.address for e in ada.emails} == {"ada@home.example", "ada.l@acme.example"}
    source = matched_source(ada)
    assert source.source == "linkedin"
    listed = splitting.sources(session, workspace_id=workspace.id, person_id=ada.id)
    assert [(s.source, s.can_split) for s in listed] == [("vcard", False), ("linkedin", True)]

    preview = splitting.preview(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
    )
    assert "e-mail ada.l@acme.example" in preview.taken_back
    assert f"web address {ADA_URL}" in preview.taken_back
    assert "job Engineering Lead at Acme Robotics" in preview.gets
    # (A preview changes nothing.)
    session.expire_all()
    assert len(person_named(session, workspace.id, "Ada Lovelace")) == 1

    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
    )
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert (first.id, second.id) == (ada.id, split.person.id)
    # The first keeps what was hers: the card's e-mail, phone and job.
    assert [e.address for e in first.emails] == ["ada@home.example"]
    assert [p.number for p in first.phones] == ["+442079460018"]
    assert [u.url for u in first.urls] == []
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    assert [s.source for s in first.sources] == ["vcard"]
    # The other is made from her LinkedIn record, with its provenance.
    assert [e.address for e in second.emails] == ["ada.l@acme.example"]
    assert [u.url for u in second.urls] == [ADA_URL]
    assert jobs(second) == [("Acme Robotics", "Engineering Lead", True)]
    (moved,) = second.sources
    assert (moved.source, moved.external_key, moved.matched) == (
        "linkedin",
        source.external_key,
        None,
    )
    # They are told apart for good.
    pair = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace.id)
    ).one()
    assert {pair.person_a_id, pair.person_b_id} == {first.id, second.id}
    assert pair.status is CandidateStatus.NOT_SAME
    # Search finds each by what is theirs.
    hits = search.search(session, workspace_id=workspace.id, query="engineering lead")
    assert [h.record_id for h in hits] == [second.id]

    # The file imported again finds the split-off person by her record: nothing moves.
    again = run(session, workspace.id, OTHER_ADA)
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED]
    assert again.rows[0].person_id == second.id
    # A scan does not put them together again.
    duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert len(person_named(session, workspace.id, "Ada Lovelace")) == 2


def test_a_job_change_the_record_brought_is_taken_back(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    # Found by her e-mail address, the record says she moved to Globex.
    run(
        session,
        workspace.id,
        card(
            "UID:phone-card-1",
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "ORG:Globex",
            "EMAIL:ada@home.example",
            "NOTE:Met at the robotics fair",
            "CATEGORIES:hardware",
            "ADR;TYPE=HOME:;;;Leeds;;;UK",
            name="phone.vcf",
        ),
    )
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(ada) == [("Acme Robotics", "Engineer", False), ("Globex", None, True)]
    assert ada.tags == ["hardware"]
    source = matched_source(ada)

    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
    )
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    (acme,) = first.positions
    assert acme.end_date is None
    assert (first.notes, first.tags, first.location) == (None, [], None)
    assert split.outcome.taken_back == [
        "job Globex",
        "job Engineer at Acme Robotics: current again",
        "tags hardware",
        "notes it added",
        "location Leeds, UK",
    ]
    assert split.outcome.left == []
    assert jobs(second) == [("Globex", None, True)]
    assert (second.notes, second.tags) == ("Met at the robotics fair", ["hardware"])
    assert second.location == "Leeds, UK"
    # The e-mail she was found by was hers already: both keep it.
    assert [e.address for e in first.emails] == ["ada@home.example"]
    assert [e.address for e in second.emails] == ["ada@home.example"]


def test_what_changed_since_the_match_stays(session: Session, workspace: Workspace) -> None:
    run(session, workspace.id, ADA_CARD)
    run(
        session,
        workspace.id,
        card(
            "UID:phone-card-2",
            "FN:Ada Lovelace",
            "EMAIL:ada@home.example",
            "BDAY:1985-04-12",
            "NOTE:From the conference",
            name="phone.vcf",
        ),
    )
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert ada.birthday == date(1985, 4, 12)
    data = people.to_read(ada).model_dump(
        include=set(PersonUpdate.model_fields) - {"birthday", "notes"}
    )
    people.update(
        session,
        workspace_id=workspace.id,
        person_id=ada.id,
        data=PersonUpdate(**data, birthday=date(1985, 4, 13), notes="My own words"),
    )
    source = matched_source(ada)
    split = splitting.split_off(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id
    )
    assert "birthday 13 Apr 1985 (changed since)" in split.outcome.left
    assert "notes it added (changed since)" in split.outcome.left
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert (first.birthday, first.notes) == (date(1985, 4, 13), "My own words")
    assert (second.birthday, second.notes) == (date(1985, 4, 12), "From the conference")


def test_a_record_folded_into_someone_new_in_the_same_import(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    source = matched_source(ada)
    assert source.source == "linkedin"
    splitting.split_off(session, workspace_id=workspace.id, person_id=ada.id, source_id=source.id)
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert {e.address for e in first.emails} == {"ada@home.example"}
    assert {e.address for e in second.emails} == {"ada.l@acme.example"}
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    assert jobs(second) == [("Acme Robotics", "Engineering Lead", True)]


def test_the_linkedin_tie_goes_with_the_record(session: Session, workspace: Workspace) -> None:
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Sam Rivera", is_me=True),
    )
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    split_one(session, workspace.id, ada)
    _first, second = person_named(session, workspace.id, "Ada Lovelace")
    ties = session.execute(
        select(Connection.person_b_id, Connection.since).where(
            Connection.workspace_id == workspace.id, Connection.kind == ConnectionKind.LINKEDIN
        )
    ).all()
    assert ties == [(second.id, date(2024, 1, 8))]


def test_a_linkedin_tie_you_changed_since_stays_with_the_person(
    session: Session, workspace: Workspace
) -> None:
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Sam Rivera", is_me=True),
    )
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    session.scalars(select(Connection)).one().closeness = 5
    session.commit()
    split_one(session, workspace.id, ada)
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    ties = session.execute(
        select(Connection.person_b_id, Connection.since, Connection.closeness)
        .where(Connection.workspace_id == workspace.id, Connection.kind == ConnectionKind.LINKEDIN)
        .order_by(Connection.id)
    ).all()
    assert ties == [(first.id, date(2024, 1, 8), 5), (second.id, date(2024, 1, 8), None)]


def test_what_it_added_that_you_labelled_since_stays_with_the_person(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    next(e for e in ada.emails if e.address == "ada.l@acme.example").label = "work"
    next(p for p in ada.positions if p.title == "Engineering Lead").department = "Research"
    session.commit()

    left = split_one(session, workspace.id, ada).outcome.left
    assert "e-mail ada.l@acme.example (changed since)" in left
    assert "job Engineering Lead at Acme Robotics (changed or removed since)" in left
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert [(e.address, e.label) for e in first.emails] == [
        ("ada@home.example", "home"),
        ("ada.l@acme.example", "work"),
    ]
    # (The job it added stays, so the one it ended stays ended.)
    assert jobs(first) == [
        ("Acme Robotics", "Engineer", False),
        ("Acme Robotics", "Engineering Lead", True),
    ]
    assert [e.address for e in second.emails] == ["ada.l@acme.example"]


def test_only_a_matched_record_can_be_split_off(session: Session, workspace: Workspace) -> None:
    run(session, workspace.id, ADA_CARD, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (made_her,) = [s for s in ada.sources if s.matched is None]
    with pytest.raises(Conflict, match="not one an import matched to Ada Lovelace"):
        splitting.split_off(
            session, workspace_id=workspace.id, person_id=ada.id, source_id=made_her.id
        )
    someone = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Grace Hopper")
    )
    with pytest.raises(NotFound, match="has no source record"):
        splitting.split_off(
            session,
            workspace_id=workspace.id,
            person_id=someone.id,
            source_id=matched_source(ada).id,
        )
    # Nothing changed.
    assert len(person_named(session, workspace.id, "Ada Lovelace")) == 1


def test_what_newer_copies_of_the_record_added_comes_off_too(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    # Newer Connections.csv files: she is Head of Sales now, then moves to Globex; each is
    # applied to the person she was matched to.
    for title, company in (("Head of Sales", "Acme Robotics"), ("VP Sales", "Globex")):
        run(session, workspace.id, connections(
            f"Ada,Lovelace,{ADA_URL},ada.l@acme.example,{company},{title},08 Jan 2024"
        ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert ("Globex", "VP Sales", True) in jobs(ada)
    split = split_one(session, workspace.id, ada)
    assert split.outcome.left == []
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    assert [e.address for e in first.emails] == ["ada@home.example"]
    # The new person is made from the record as it was last imported.
    assert jobs(second) == [("Globex", "VP Sales", True)]
    assert second.sources[0].fingerprint is not None
    again = run(session, workspace.id, connections(
        f"Ada,Lovelace,{ADA_URL},ada.l@acme.example,Globex,VP Sales,08 Jan 2024"
    ))  # fmt: skip
    assert [(r.outcome, r.person_id) for r in again.rows] == [(Outcome.UNCHANGED, second.id)]


def test_a_workspace_restore_keeps_what_a_match_added(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    document = json.loads(json.dumps(exchange.export_workspace(session, workspace_id=workspace.id)))
    (held,) = [s for p in document["people"] for s in p["sources"] if s["matched"]]
    # The file names the organization by its key there, not by this database's id.
    (job,) = held["matched"]["record"]["jobs"]
    (acme,) = [o for o in document["organizations"] if o["name"] == "Acme Robotics"]
    assert job[0] == acme["key"]
    # A key that names no organization of the file is refused, naming where it is.
    broken = json.loads(json.dumps(document))
    for person in broken["people"]:
        for source in person["sources"]:
            if source["matched"]:
                source["matched"]["record"]["jobs"][0][0] = "o99"
    with pytest.raises(InvalidInput) as refused:
        exchange.import_workspace(session, workspace_id=other_workspace.id, data=broken)
    assert [f.field for f in refused.value.fields] == [
        "people[0].sources[1].matched.record.jobs[0][0]"
    ]
    assert people.count(session, workspace_id=other_workspace.id) == 0

    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)
    (ada,) = person_named(session, other_workspace.id, "Ada Lovelace")
    split_one(session, other_workspace.id, ada)
    first, second = person_named(session, other_workspace.id, "Ada Lovelace")
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    assert jobs(second) == [("Acme Robotics", "Engineering Lead", True)]
    assert {e.address for e in second.emails} == {"ada.l@acme.example"}


def test_the_people_json_keeps_what_a_match_added(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    text = export_people(session, workspace_id=workspace.id, format="json")
    (held,) = [s for p in json.loads(text)["people"] for s in p["sources"] if "matched" in s]
    # The file names organizations by name, not by this database's ids.
    assert held["matched"]["record"]["jobs"][0][0] == "Acme Robotics"

    # A record of what a match added that cannot be read is said, and the rest comes in.
    broken = json.loads(text)
    for person in broken["people"]:
        for source in person["sources"]:
            if "matched" in source:
                source["matched"]["added"]["emails"] = "not a list"
    report = run(session, other_workspace.id, Upload("people.json", json.dumps(broken).encode()))
    assert any("cannot be split off" in note for note in report.notes)
    (ada,) = person_named(session, other_workspace.id, "Ada Lovelace")
    assert [(s.source, s.matched) for s in ada.sources] == [
        ("goodword", None),
        ("vcard", None),
        ("linkedin", None),
    ]

    third = workspaces.get_or_create(session, slug="third", name="A third search")
    run(session, third.id, Upload("people.json", text.encode()))
    (ada,) = person_named(session, third.id, "Ada Lovelace")
    assert [s.source for s in ada.sources] == ["goodword", "vcard", "linkedin"]
    split_one(session, third.id, ada)
    first, second = person_named(session, third.id, "Ada Lovelace")
    assert {e.address for e in first.emails} == {"ada@home.example"}
    assert {e.address for e in second.emails} == {"ada.l@acme.example"}
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    assert jobs(second) == [("Acme Robotics", "Engineering Lead", True)]


# What the review of the first version found.


def test_a_record_a_merge_brought_is_split_off_only_once_the_merge_is_undone(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    countess = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Countess of Lovelace", urls=[ADA_URL]),
    )
    record = matched_source(ada)
    merge = merging.merge(
        session, workspace_id=workspace.id, survivor_id=countess.id, absorbed_id=ada.id
    )
    listed = splitting.sources(session, workspace_id=workspace.id, person_id=countess.id)
    # Both came with the merge: the card that made Ada, and the LinkedIn record matched to her.
    assert [(s.source, s.can_split, s.merge_id) for s in listed] == [
        ("vcard", False, merge.id),
        ("linkedin", False, merge.id),
    ]
    # Taking back what the record added would take the countess's own profile with it.
    with pytest.raises(Conflict, match=rf"\(merge {merge.id}\)\. Undo that merge first, then"):
        splitting.split_off(
            session, workspace_id=workspace.id, person_id=countess.id, source_id=record.id
        )
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=merge.id)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    split_one(session, workspace.id, ada)
    (countess,) = person_named(session, workspace.id, "Countess of Lovelace")
    assert [u.url for u in countess.urls] == [ADA_URL]


def test_a_linkedin_tie_the_person_had_before_stays_with_them(
    session: Session, workspace: Workspace
) -> None:
    me = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Sam Rivera", is_me=True)
    )
    run(session, workspace.id, ADA_CARD)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    connections_service.create(
        session,
        workspace_id=workspace.id,
        data=ConnectionCreate(
            person_a_id=me.id, person_b_id=ada.id, kind=ConnectionKind.LINKEDIN,
            since=date(2019, 5, 1), notes="added by hand",
        ),
    )  # fmt: skip
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    preview = splitting.preview(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=matched_source(ada).id
    )
    assert "your LinkedIn tie (connected 2024-01-08)" in preview.gets
    assert not [t for t in preview.taken_back if "tie" in t]
    split_one(session, workspace.id, ada)
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    ties = session.execute(
        select(Connection.person_b_id, Connection.since, Connection.notes)
        .where(Connection.workspace_id == workspace.id)
        .order_by(Connection.id)
    ).all()
    assert ties == [
        (first.id, date(2019, 5, 1), "added by hand"),
        (second.id, date(2024, 1, 8), None),
    ]


def test_a_second_copy_of_a_record_in_one_import_is_no_match(
    session: Session, workspace: Workspace
) -> None:
    copy = Upload("copy.vcf", ADA_CARD.data)
    run(session, workspace.id, ADA_CARD, copy)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert [s.matched for s in ada.sources if s.matched is not None] == []


def test_a_job_edited_since_stays_and_keeps_the_one_it_ended_ended(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, card(
        "UID:phone-card-3", "FN:Ada Lovelace", "EMAIL:ada@home.example", "ORG:Globex",
        "TITLE:Analyst", name="phone.vcf",
    ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (globex,) = [p for p in ada.positions if p.is_current]
    globex.title = "Lead Analyst"
    session.flush()
    split = split_one(session, workspace.id, ada)
    assert "job Analyst at Globex (changed or removed since)" in split.outcome.left
    assert "job Engineer at Acme Robotics stays ended (the job that ended it stays)" in (
        split.outcome.left
    )
    first, _second = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(first) == [("Acme Robotics", "Engineer", False), ("Globex", "Lead Analyst", True)]


def test_source_records_a_people_json_row_brought_go_with_it(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    run(session, other_workspace.id, OTHER_ADA)
    text = export_people(session, workspace_id=other_workspace.id, format="json")
    run(session, workspace.id, ADA_CARD)
    # Her e-mail is the card's: the JSON row is matched to the card's Ada.
    restored = json.loads(text)
    restored["people"][0]["emails"].append({"value": "ada@home.example", "label": None})
    run(session, workspace.id, Upload("people.json", json.dumps(restored).encode()))
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert [s.source for s in ada.sources] == ["vcard", "goodword", "linkedin"]
    split_one(session, workspace.id, ada)
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert [s.source for s in first.sources] == ["vcard"]
    assert sorted(s.source for s in second.sources) == ["goodword", "linkedin"]
    # Her LinkedIn record now finds her, not the card's Ada.
    again = run(session, workspace.id, OTHER_ADA)
    assert [r.person_id for r in again.rows] == [second.id]


def test_a_workspace_restore_keeps_the_two_told_apart(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    split_one(session, workspace.id, ada)
    document = json.loads(json.dumps(exchange.export_workspace(session, workspace_id=workspace.id)))
    (pair,) = document["duplicate_pairs"]
    assert (pair["status"], pair["reasons"]) == ("not_same", [splitting.SPLIT_REASON])
    # A pair naming one person twice is refused by name.
    broken = json.loads(json.dumps(document))
    broken["duplicate_pairs"][0]["person_b"] = broken["duplicate_pairs"][0]["person_a"]
    with pytest.raises(InvalidInput) as refused:
        exchange.import_workspace(session, workspace_id=other_workspace.id, data=broken)
    assert [f.field for f in refused.value.fields] == ["duplicate_pairs[0]"]

    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)
    found = duplicates.find_duplicates(session, workspace_id=other_workspace.id, auto_merge=True)
    assert found.merged == []
    assert len(person_named(session, other_workspace.id, "Ada Lovelace")) == 2
    again = exchange.export_workspace(session, workspace_id=other_workspace.id)
    assert again["duplicate_pairs"] == document["duplicate_pairs"]


def test_a_card_without_a_name_takes_the_name_a_matched_record_gives(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, card("UID:nameless-1", "EMAIL:Quinn@Nameless.example"))
    (quinn,) = person_named(session, workspace.id, "Quinn@Nameless.example")
    report = run(session, workspace.id, connections(
        "Quinn,Doe,https://www.linkedin.com/in/quinn-doe,quinn@nameless.example,Globex,CTO,"
        "01 Feb 2023"
    ))  # fmt: skip
    assert [(r.outcome, r.person_id) for r in report.rows] == [(Outcome.MERGED, quinn.id)]
    (quinn,) = person_named(session, workspace.id, "Quinn Doe")
    assert (quinn.given_name, quinn.family_name) == ("Quinn", "Doe")
    # Split off again, the card is shown by its address as before.
    split = split_one(session, workspace.id, quinn)
    assert "name Quinn Doe (back to Quinn@Nameless.example)" in split.outcome.taken_back
    (card_person,) = person_named(session, workspace.id, "Quinn@Nameless.example")
    assert (card_person.given_name, card_person.family_name) == (None, None)
    assert [p.id for p in person_named(session, workspace.id, "Quinn Doe")] == [split.person.id]


# What the second review found.


def test_only_the_record_s_own_notes_and_tags_come_off(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    phone = card(
        "UID:phone-card-5", "FN:Ada Lovelace", "EMAIL:ada@home.example", "NOTE:From v1",
        "CATEGORIES:v1tag", name="phone.vcf",
    )  # fmt: skip
    run(session, workspace.id, phone)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    data = people.to_read(ada).model_dump(
        include=set(PersonUpdate.model_fields) - {"notes", "tags"}
    )
    people.update(
        session, workspace_id=workspace.id, person_id=ada.id,
        data=PersonUpdate(**data, notes=f"{ada.notes}\n\nMY OWN NOTE", tags=[*ada.tags, "mytag"]),
    )  # fmt: skip
    # A newer copy of the card adds a note and a tag of its own.
    run(session, workspace.id, card(
        "UID:phone-card-5", "FN:Ada Lovelace", "EMAIL:ada@home.example",
        "NOTE:From v1\\n\\nFrom v2", "CATEGORIES:v1tag,v2tag", name="phone.vcf",
    ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert ada.tags == ["v1tag", "mytag", "v2tag"]
    # (Its paragraph already in her notes is not added twice.)
    assert ada.notes == "From v1\n\nMY OWN NOTE\n\nFrom v2"
    split_one(session, workspace.id, ada)
    first, _second = person_named(session, workspace.id, "Ada Lovelace")
    assert (first.notes, first.tags) == ("MY OWN NOTE", ["mytag"])


def test_copies_of_a_record_in_the_same_import_add_to_what_it_did(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    later = Upload(
        "Connections (1).csv",
        (CONNECTIONS_HEADER + f"Ada,Lovelace,{ADA_URL},ada.l@acme.example,Globex,VP Sales,"
         "08 Jan 2024\n").encode(),
    )  # fmt: skip
    run(session, workspace.id, OTHER_ADA, later)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert ("Globex", "VP Sales", True) in jobs(ada)
    split_one(session, workspace.id, ada)
    first, second = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]
    assert [s.source for s in first.sources] == ["vcard"]
    assert all(s.source == "linkedin" for s in second.sources)


def test_a_people_json_row_matched_here_brings_no_other_workspace_s_match(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    run(session, other_workspace.id, ADA_CARD)
    run(session, other_workspace.id, OTHER_ADA)
    text = export_people(session, workspace_id=other_workspace.id, format="json")
    # Here, the Ada of the JSON is someone known already, by her LinkedIn e-mail.
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(
            display_name="Ada Lovelace", emails=["ada.l@acme.example", "ada@home.example"]
        ),
    )
    run(session, workspace.id, Upload("people.json", text.encode()))
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    kept = {s.source: s.matched is not None for s in ada.sources}
    assert kept == {"goodword": True, "vcard": False, "linkedin": False}


def test_an_export_leaves_out_what_a_merge_in_place_brought(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    countess = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Countess")
    )
    merge = merging.merge(
        session, workspace_id=workspace.id, survivor_id=countess.id, absorbed_id=ada.id
    )
    whole = exchange.export_workspace(session, workspace_id=workspace.id)
    assert [s["matched"] for p in whole["people"] for s in p["sources"]] == [None, None]
    listed = json.loads(export_people(session, workspace_id=workspace.id, format="json"))
    assert [s for p in listed["people"] for s in p["sources"] if "matched" in s] == []
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=merge.id)
    whole = exchange.export_workspace(session, workspace_id=workspace.id)
    assert [bool(s["matched"]) for p in whole["people"] for s in p["sources"]] == [False, True]


def test_a_deleted_organization_leaves_what_was_kept_too(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, card(
        "UID:phone-card-6", "FN:Ada Lovelace", "EMAIL:ada@home.example", "ORG:Globex",
        name="phone.vcf",
    ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (globex,) = [p.organization for p in ada.positions if p.is_current]
    organizations.delete(session, workspace_id=workspace.id, organization_id=globex.id)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    kept = matched_source(ada).matched
    assert kept is not None
    assert (kept["record"]["jobs"], kept["added"]["jobs"]) == ([], [])
    # SQLite gives the deleted organization's id to the next one made (made so here on
    # PostgreSQL too, which never would): it is not the record's.
    session.add(
        Organization(id=globex.id, workspace_id=workspace.id, name="Initech", sort_name="initech")
    )
    session.flush()
    preview = splitting.preview(
        session, workspace_id=workspace.id, person_id=ada.id, source_id=matched_source(ada).id
    )
    assert not [g for g in preview.gets if "job" in g]


def test_a_removed_job_lets_the_one_it_ended_be_current_again(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (sales,) = [p for p in ada.positions if p.title == "Engineering Lead"]
    people.remove_position(session, workspace_id=workspace.id, position_id=sales.id)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    split_one(session, workspace.id, ada)
    first, _second = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(first) == [("Acme Robotics", "Engineer", True)]


def test_a_second_row_of_one_connection_does_not_take_the_tie_the_first_made(
    session: Session, workspace: Workspace
) -> None:
    people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Sam", is_me=True)
    )
    # No profile address: each row is found by its name and date; the second, with an
    # e-mail address the first lacks, is folded into the person the first makes.
    run(session, workspace.id, connections(
        "Ada,Lovelace,,,Acme Robotics,Engineer,08 Jan 2024",
        "Ada,Lovelace,,ada@home.example,Acme Robotics,Engineer,09 Jan 2024",
    ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    kept = matched_source(ada).matched
    assert kept is not None and kept["added"]["tie"] is False


def test_a_people_json_naming_an_organization_no_import_can_name_comes_back(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    ada = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Lovelace", emails=["ada@home.example"]),
    )
    people.add_position(
        session, workspace_id=workspace.id, person_id=ada.id,
        data=PositionCreate(organization_name="?", title="Engineer"),
    )  # fmt: skip
    # Her phone's card moves her to Globex, ending the job at "?".
    run(session, workspace.id, card(
        "UID:phone-card-7", "FN:Ada Lovelace", "EMAIL:ada@home.example", "ORG:Globex",
        name="phone.vcf",
    ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(ada) == [("?", "Engineer", False), ("Globex", None, True)], [
        (s.source, s.matched) for s in ada.sources
    ]
    text = export_people(session, workspace_id=workspace.id, format="json")
    report = run(session, other_workspace.id, Upload("people.json", text.encode()))
    assert [r.outcome for r in report.rows] == [Outcome.CREATED]
    (ada,) = person_named(session, other_workspace.id, "Ada Lovelace")
    assert ("Globex", None, True) in jobs(ada)


def test_a_backup_keeps_a_pair_with_a_long_reason(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    a = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="A"))
    b = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="B"))
    reason = f"same e-mail address ({'x' * 240}@example.org), but one is a company's contact"
    session.add(
        DuplicateCandidate(
            workspace_id=workspace.id, person_a_id=a.id, person_b_id=b.id, score=0.5,
            reasons=[reason], status=CandidateStatus.OPEN,
        )
    )  # fmt: skip
    session.flush()
    document = json.loads(json.dumps(exchange.export_workspace(session, workspace_id=workspace.id)))
    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)
    (pair,) = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == other_workspace.id)
    )
    assert (pair.reasons, pair.status) == ([reason], CandidateStatus.OPEN)


# What the final review found.


def test_a_goodword_export_of_the_person_imported_back_is_theirs(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    text = export_people(session, workspace_id=workspace.id, format="json")
    edited = json.loads(text)
    edited["people"][0]["tags"] = ["mentor"]
    run(session, workspace.id, Upload("people.json", json.dumps(edited).encode()))
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert ada.tags == ["mentor"]
    listed = splitting.sources(session, workspace_id=workspace.id, person_id=ada.id)
    assert [(s.source, s.can_split) for s in listed] == [("vcard", False), ("goodword", False)]


def test_notes_the_record_added_come_off_only_as_whole_paragraphs(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, card(
        "FN:Ada Lovelace", "EMAIL:ada@home.example", "NOTE:Met at the summit",
    ))  # fmt: skip
    run(session, workspace.id, card(
        "UID:phone-card-8", "FN:Ada Lovelace", "EMAIL:ada@home.example", "NOTE:Sales",
        name="phone.vcf",
    ))  # fmt: skip
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    assert ada.notes == "Met at the summit\n\nSales"
    data = people.to_read(ada).model_dump(include=set(PersonUpdate.model_fields) - {"notes"})
    people.update(
        session, workspace_id=workspace.id, person_id=ada.id,
        data=PersonUpdate(**data, notes="Salesforce admin. Met at the summit\n\nSales"),
    )  # fmt: skip
    split_one(session, workspace.id, ada)
    (first, _second) = person_named(session, workspace.id, "Ada Lovelace")
    assert first.notes == "Salesforce admin. Met at the summit"


def test_an_edited_job_at_the_same_organization_keeps_the_one_it_ended_ended(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    run(session, workspace.id, OTHER_ADA)
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (sales,) = [p for p in ada.positions if p.title == "Engineering Lead"]
    sales.title = "Engineering Lead EMEA"
    session.flush()
    split_one(session, workspace.id, ada)
    first, _second = person_named(session, workspace.id, "Ada Lovelace")
    assert jobs(first) == [
        ("Acme Robotics", "Engineer", False),
        ("Acme Robotics", "Engineering Lead EMEA", True),
    ]


def test_a_linkedin_record_matched_to_you_gives_the_new_person_a_tie(
    session: Session, workspace: Workspace
) -> None:
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(
            display_name="Ada Lovelace", given_name="Ada", family_name="Lovelace",
            emails=["ada.l@acme.example"], is_me=True,
        ),
    )  # fmt: skip
    run(session, workspace.id, OTHER_ADA)
    (me,) = person_named(session, workspace.id, "Ada Lovelace")
    split_one(session, workspace.id, me)
    _me, other = person_named(session, workspace.id, "Ada Lovelace")
    ties = session.execute(
        select(Connection.person_a_id, Connection.person_b_id).where(
            Connection.workspace_id == workspace.id, Connection.kind == ConnectionKind.LINKEDIN
        )
    ).all()
    assert ties == [(me.id, other.id)]


def test_a_month_the_record_gave_a_job_stays_a_month_on_the_person_split_off(
    session: Session, workspace: Workspace
) -> None:
    run(session, workspace.id, ADA_CARD)
    # The same e-mail address: matched to Ada, with a job of its own begun in a month.
    report = run(
        session,
        workspace.id,
        card(
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Senior Analyst;;2021-03;;true",
            name="other.vcf",
        ),
    )
    assert [r.outcome for r in report.rows] == [Outcome.MERGED]
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")

    split = split_one(session, workspace.id, ada)

    (job,) = [p for p in split.person.positions if p.organization.name == "Kestrel Labs"]
    assert (job.start_date, job.start_precision) == (date(2021, 3, 1), "month")


def test_an_end_the_record_gave_as_a_month_is_taken_back_with_its_month(
    session: Session, workspace: Workspace
) -> None:
    run(
        session,
        workspace.id,
        card(
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Analyst;;2020-01;;true",
        ),
    )
    # The same e-mail address: matched to Ada, saying the job ended in Feb 2021.
    run(
        session,
        workspace.id,
        card(
            "UID:phone-card-2",
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Analyst;;2020-01;2021-02;false",
            name="other.vcf",
        ),
    )
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (job,) = ada.positions
    assert (job.end_date, job.end_precision, job.is_current) == (date(2021, 2, 1), "month", False)

    split = split_one(session, workspace.id, ada)

    assert "job Analyst at Kestrel Labs: end 2021-02 taken back" in split.outcome.taken_back
    (ada, _other) = person_named(session, workspace.id, "Ada Lovelace")
    (job,) = ada.positions
    # (Its end gone, nothing says it was a month: another end later is a day unless said.)
    assert (job.end_date, job.end_precision, job.is_current) == (None, None, True)


def test_a_month_the_record_gave_a_date_held_as_a_day_is_a_day_again_after_a_split(
    session: Session, workspace: Workspace
) -> None:
    # An address book written before months were kept: "Jan 2020" as its first day.
    run(
        session,
        workspace.id,
        card(
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Analyst;;2020-01-01;;true",
        ),
    )
    run(
        session,
        workspace.id,
        card(
            "UID:phone-card-2",
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Analyst;;2020-01;;true",
            name="other.vcf",
        ),
    )
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    (job,) = ada.positions
    assert (job.start_date, job.start_precision) == (date(2020, 1, 1), "month")

    split_one(session, workspace.id, ada)

    (ada, _other) = person_named(session, workspace.id, "Ada Lovelace")
    (job,) = ada.positions
    assert (job.start_date, job.start_precision) == (date(2020, 1, 1), None)


def test_an_end_a_record_kept_before_precisions_gave_is_taken_back_with_no_month_left(
    session: Session, workspace: Workspace
) -> None:
    run(
        session,
        workspace.id,
        card(
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Analyst;;2020-01;;true",
        ),
    )
    run(
        session,
        workspace.id,
        card(
            "UID:phone-card-2",
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=HOME:ada@home.example",
            "X-GOODWORD-POSITION:Kestrel Labs;Analyst;;2020-01;2021-02;false",
            name="other.vcf",
        ),
    )
    (ada,) = person_named(session, workspace.id, "Ada Lovelace")
    # As a record kept before it noted the end's precision: the end alone.
    source = matched_source(ada)
    kept = json.loads(json.dumps(source.matched))
    for job in kept["added"]["changed_jobs"]:
        job[3].pop("end_precision")
    source.matched = kept
    session.flush()

    split = split_one(session, workspace.id, ada)

    assert "job Analyst at Kestrel Labs: end 2021-02 taken back" in split.outcome.taken_back
    (ada, _other) = person_named(session, workspace.id, "Ada Lovelace")
    (job,) = ada.positions
    assert (job.end_date, job.end_precision, job.is_current) == (None, None, True)
