"""A Goodword export's keys (`goodword-<workspace>-<person>`) find its people again only in
the workspace it came from, and only while that id is still the same person: an export of
another install (whose first workspace is 1 too) or an old one whose ids were given out
again is matched like any other file (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.importers.export import export_people, person_key
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonUpdate

TODAY = date(2026, 11, 25)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Alice,Chen,https://www.linkedin.com/in/alicechen,alice.chen@acme.example,"
    "Acme Robotics,Senior Engineer,12 Mar 2022\n"
    "Bob,Martinez,https://www.linkedin.com/in/bobmartinez,,Initech,Analyst,01 Feb 2021\n"
    "Carla,Jones,https://www.linkedin.com/in/carlajones,,Globex,Designer,05 May 2020\n"
)


def run(session: Session, workspace_id: int, upload: Upload) -> ImportReport:
    return import_files(session, workspace_id=workspace_id, paths_or_uploads=[upload], today=TODAY)


def everyone(session: Session, workspace_id: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def rekeyed(document: str, keys: dict[str, str]) -> Upload:
    """The JSON export with each person's id replaced, by name: the ids it would carry had
    it come from a database whose ids are the ones given."""
    data = json.loads(document)
    for person in data["people"]:
        person["id"] = keys[person["display_name"]]
    return Upload("people.json", json.dumps(data).encode())


def rows(report: ImportReport) -> dict[str, str]:
    return {row.name: row.outcome.value for row in report.rows}


def test_another_installs_export_is_matched_by_its_people_not_by_their_ids(
    session, workspace, other_workspace
):
    run(session, workspace.id, Upload("Connections.csv", CONNECTIONS.encode()))
    local = everyone(session, workspace.id)
    alice, bob, carla = local["Alice Chen"], local["Bob Martinez"], local["Carla Jones"]
    # Someone else's database: they are "you" in it, and know Alice by her e-mail address.
    f.person(
        session, other_workspace.id, "Helen Okoro", given_name="Helen", family_name="Okoro",
        emails=["helen@okoro.example"], birthday=date(1985, 6, 1), is_me=True,
    )  # fmt: skip
    f.person(session, other_workspace.id, "Ivan Petrov", given_name="Ivan", family_name="Petrov",
             phones=["+1 212 555 0143"])  # fmt: skip
    f.person(session, other_workspace.id, "Alice Chen", given_name="Alice", family_name="Chen",
             emails=["alice.chen@acme.example"], location="Oakland, CA")  # fmt: skip
    document = export_people(session, workspace_id=other_workspace.id, format="json")
    # Its first workspace is this one's id too, and its people ids are taken here.
    upload = rekeyed(document, {
        "Helen Okoro": person_key(alice), "Ivan Petrov": person_key(bob),
        "Alice Chen": person_key(carla),
    })  # fmt: skip

    report = run(session, workspace.id, upload)

    assert rows(report) == {"Helen Okoro": "created", "Ivan Petrov": "created",
                            "Alice Chen": "merged"}  # fmt: skip
    found = everyone(session, workspace.id)
    assert set(found) == {
        "Alice Chen", "Bob Martinez", "Carla Jones", "Helen Okoro", "Ivan Petrov",
    }  # fmt: skip
    alice, bob, carla = found["Alice Chen"], found["Bob Martinez"], found["Carla Jones"]
    # Nobody here took a stranger's details, or became "you" by an id.
    assert [e.address for e in alice.emails] == ["alice.chen@acme.example"]
    assert (alice.birthday, alice.is_me, alice.location) == (None, False, "Oakland, CA")
    assert (bob.phones, bob.is_me, [p.title for p in bob.positions]) == ([], False, ["Analyst"])
    assert (carla.emails, carla.location, carla.is_me) == ([], None, False)
    helen = found["Helen Okoro"]
    assert [e.address for e in helen.emails] == ["helen@okoro.example"]
    assert helen.birthday == date(1985, 6, 1)
    assert [p.number for p in found["Ivan Petrov"].phones] == ["+12125550143"]
    # The export said who its "you" is, and nobody here was: as a restore, that is them.
    assert [p.display_name for p in found.values() if p.is_me] == ["Helen Okoro"]


def test_an_old_export_leaves_whoever_took_a_deleted_persons_id_alone(session, workspace):
    f.person(session, workspace.id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
             emails=["ada@analytical.example"])  # fmt: skip
    gone = f.person(
        session, workspace.id, "María José García López", given_name="María José",
        family_name="García López", emails=["mjgl@example.es"], tags=["Madrid"],
    )  # fmt: skip
    document = export_people(session, workspace_id=workspace.id, format="json")
    gone_key = person_key(gone)
    people.delete(session, workspace_id=workspace.id, person_id=gone.id)
    session.flush()
    newcomer = f.person(session, workspace.id, "Zed Newman", emails=["zed@new.example"])
    # SQLite gave the largest id out again after a delete before migration 0033 (and an
    # export made then may name it); neither does now, so the export is made to name the
    # newcomer's id as SQLite's did.
    data = json.loads(document)
    for person in data["people"]:
        if person["id"] == gone_key:
            person["id"] = person_key(newcomer)

    report = run(session, workspace.id, Upload("people.json", json.dumps(data).encode()))

    assert rows(report) == {"Ada Lovelace": "unchanged", "María José García López": "created"}
    found = everyone(session, workspace.id)
    zed = found["Zed Newman"]
    assert (zed.given_name, zed.family_name, zed.tags) == (None, None, [])
    assert [e.address for e in zed.emails] == ["zed@new.example"]
    back = found["María José García López"]
    assert back.id != zed.id
    assert ([e.address for e in back.emails], back.tags) == (["mjgl@example.es"], ["Madrid"])


def test_an_own_export_still_finds_a_person_renamed_since_by_their_e_mail(session, workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace", given_name="Ada",
                   family_name="Lovelace", emails=["ada@analytical.example"])  # fmt: skip
    document = export_people(session, workspace_id=workspace.id, format="json")
    renamed = PersonUpdate(
        display_name="Augusta King", given_name="Augusta", family_name="King",
        emails=["ada@analytical.example"],
    )  # fmt: skip
    people.update(session, workspace_id=workspace.id, person_id=ada.id, data=renamed)

    report = run(session, workspace.id, Upload("people.json", document.encode()))

    (row,) = report.rows
    assert row.outcome.value in {"updated", "unchanged"}
    assert list(everyone(session, workspace.id)) == ["Augusta King"]
