"""Importing again: records unchanged at their source are passed over (fingerprints), changed
ones are applied, and the user's own edits since the last import are left alone."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.duplicates.models import DuplicateCandidate
from goodword.exchange import service as exchange
from goodword.importers.records import IncomingPerson, IncomingPosition, Labeled, Role, Upload
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.importers.state import WorkspaceState
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail, PersonSource
from goodword.people.schemas import PersonCreate

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def run(session: Session, workspace_id: int, *names: str):
    return import_files(
        session, workspace_id=workspace_id, paths_or_uploads=[DATA / n for n in names],
        today=date(2026, 11, 25),
    )  # fmt: skip


def everyone(session: Session, workspace_id: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


def fingerprints(session: Session, workspace_id: int) -> dict[str, int | None]:
    rows = session.execute(
        select(PersonSource.external_key, PersonSource.fingerprint).where(
            PersonSource.workspace_id == workspace_id
        )
    )
    return {key: printed for key, printed in rows}


def forget_ada_email_and_move_her(session: Session, workspace_id: int) -> None:
    """What a user might do by hand between two imports."""
    session.execute(delete(PersonEmail).where(PersonEmail.address == "ada@analytical.example"))
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace_id, Person.display_name == "Ada Lovelace")
        .values(location="Paris, France")
    )
    session.flush()


def test_a_reimport_passes_over_unchanged_records_and_keeps_your_edits(session, workspace):
    run(session, workspace.id, "Connections.csv")
    forget_ada_email_and_move_her(session, workspace.id)
    again = run(session, workspace.id, "Connections.csv")
    assert again.counts["unchanged"] == 6
    assert {r.detail for r in again.of(Outcome.UNCHANGED)} == {"unchanged since the last import"}
    assert all(r.person_id for r in again.of(Outcome.UNCHANGED))
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    assert ada.emails == []
    assert ada.location == "Paris, France"


def test_a_record_changed_at_its_source_is_applied_then_fingerprinted_anew(session, workspace):
    run(session, workspace.id, "Connections.csv")
    before = fingerprints(session, workspace.id)
    assert None not in before.values() and len(set(before.values())) == 6
    newer = run(session, workspace.id, "Connections_newer.csv")
    assert [r.name for r in newer.of(Outcome.UPDATED)] == ["Ada Lovelace"]
    assert newer.counts["unchanged"] == 5
    after = fingerprints(session, workspace.id)
    ada = "https://www.linkedin.com/in/ada-lovelace"
    assert after[ada] != before[ada]
    assert {k: v for k, v in after.items() if k != ada} == {
        **{k: v for k, v in before.items() if k != ada},
        "https://www.linkedin.com/in/wanjiru-kamau": after[
            "https://www.linkedin.com/in/wanjiru-kamau"
        ],
    }
    third = run(session, workspace.id, "Connections_newer.csv")
    assert third.counts["unchanged"] == 7 and third.counts["updated"] == 0


def test_records_imported_before_fingerprints_are_compared_once(session, workspace):
    run(session, workspace.id, "Connections.csv")
    session.execute(update(PersonSource).values(fingerprint=None))
    forget_ada_email_and_move_her(session, workspace.id)
    # Without a fingerprint the record is compared in full, as before fingerprints were
    # kept: the e-mail the file still holds comes back (the file has no place to restore).
    again = run(session, workspace.id, "Connections.csv")
    assert [r.name for r in again.of(Outcome.UPDATED)] == ["Ada Lovelace"]
    assert [e.address for e in everyone(session, workspace.id)["Ada Lovelace"].emails] == [
        "ada@analytical.example"
    ]
    assert None not in fingerprints(session, workspace.id).values()
    forget_ada_email_and_move_her(session, workspace.id)
    third = run(session, workspace.id, "Connections.csv")
    assert third.counts["unchanged"] == 6
    assert everyone(session, workspace.id)["Ada Lovelace"].emails == []


def test_when_every_record_is_unchanged_the_people_are_not_read(session, workspace, monkeypatch):
    run(session, workspace.id, "Connections.csv")
    loads: list[int] = []
    load_people = WorkspaceState.load_people

    def counted(state: WorkspaceState, session: Session, step=None) -> None:  # the real one
        loads.append(state.workspace_id)
        load_people(state, session, step)

    monkeypatch.setattr(WorkspaceState, "load_people", counted)
    run(session, workspace.id, "Connections.csv")
    assert loads == []
    run(session, workspace.id, "Connections_newer.csv")
    assert loads == [workspace.id]  # a record to decide: the workspace is read for matching


def test_linkedin_ties_are_made_when_you_become_known_even_if_nothing_changed(session, workspace):
    first = run(session, workspace.id, "Connections.csv")
    assert first.connections_created == 0
    assert any("not linked to you" in note for note in first.notes)
    again = run(session, workspace.id, "Connections.csv", "Profile.csv")
    assert again.connections_created == 6
    # Each row says its person is linked to you now, not "unchanged".
    linked = {r.name: r.detail for r in again.rows if r.outcome is Outcome.UPDATED}
    assert again.counts["unchanged"] == 0 and len(linked) == 6
    assert linked["Ada Lovelace"] == "linked to you on LinkedIn (connected 2025-12-26)"
    third = run(session, workspace.id, "Connections.csv", "Profile.csv")
    assert third.counts["unchanged"] == 7 and third.connections_created == 0  # and you
    assert session.scalar(select(func.count()).select_from(Connection)) == 6


def test_a_goodword_backup_keeps_the_fingerprints(session, workspace, other_workspace):
    run(session, workspace.id, "Connections.csv")
    document = json.loads(json.dumps(exchange.export_workspace(session, workspace_id=workspace.id),
                                      default=str))  # fmt: skip
    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)
    kept = fingerprints(session, other_workspace.id)
    assert kept == fingerprints(session, workspace.id) and None not in kept.values()
    # So importing the same file into the restored workspace changes nothing either.
    again = run(session, other_workspace.id, "Connections.csv")
    assert again.counts["unchanged"] == 6


CONTACT = IncomingPerson(
    source="csv",
    file_name="contacts.csv",
    line=2,
    key="17",
    given_name="Ada",
    family_name="Lovelace",
    emails=[Labeled("ada@analytical.example", "work")],
    phones=[Labeled("+44 20 7946 0000", "mobile")],
    urls=[Labeled("https://www.linkedin.com/in/ada-lovelace")],
    positions=[IncomingPosition("Analytical Engines Ltd", "Mathematician", None, date(1843, 1, 1))],
    location="London",
    birthday=date(1815, 12, 10),
    notes="Met at the Babbage salon",
    how_we_met="salon",
    tags=["math"],
    interests=["engines"],
    linkedin_connection=True,
    connected_on=date(2025, 12, 26),
)


def test_a_fingerprint_depends_on_the_values_alone():
    # Equal values in other string objects (not interned, more references held): a
    # fingerprint taken at parsing and one taken at writing must agree.
    def fresh(text: str) -> str:
        return "".join(list(text))

    copied = dataclasses.replace(
        CONTACT,
        given_name=fresh("Ada"),
        family_name=sys.intern(fresh("Lovelace")),
        emails=[Labeled(fresh("ada@analytical.example"), fresh("work"))],
        tags=[fresh("math")],
    )
    held = [copied.given_name, copied.emails[0].value, copied.tags[0]] * 5
    assert copied.fingerprint() == CONTACT.fingerprint()
    assert held


def test_a_fingerprint_ignores_where_the_record_was_found():
    moved = dataclasses.replace(CONTACT, file_name="other.csv", line=90, warnings=["x"])
    assert moved.fingerprint() == CONTACT.fingerprint()
    assert -(2**63) <= CONTACT.fingerprint() < 2**63


@pytest.mark.parametrize(
    "change",
    [
        {"role": Role.FLAG},
        {"display_name": "Ada"},
        {"given_name": "Augusta"},
        {"family_name": "King"},
        {"emails": [Labeled("ada@analytical.example", "home")]},
        {"emails": []},
        {"phones": [Labeled("+44 20 7946 0001", "mobile")]},
        {"urls": []},
        # A value moved from one list to the next is a change too.
        {"emails": [], "phones": [Labeled("ada@analytical.example", "work"),
                                  Labeled("+44 20 7946 0000", "mobile")]},
        {"positions": [IncomingPosition("Analytical Engines Ltd", "Countess")]},
        {"positions": [IncomingPosition("Analytical Engines Ltd", "Mathematician", None,
                                        date(1843, 1, 1), date(1852, 11, 27))]},
        {"location": "Paris"},
        {"birthday": date(1815, 12, 11)},
        {"notes": "Met at the Royal Society"},
        {"how_we_met": "letters"},
        {"tags": ["math", "poetry"]},
        {"tags": [], "interests": ["math", "engines"]},
        {"linkedin_connection": False},
        {"connected_on": date(2025, 12, 27)},
    ],
)  # fmt: skip
def test_a_fingerprint_changes_with_anything_the_record_says(change):
    assert dataclasses.replace(CONTACT, **change).fingerprint() != CONTACT.fingerprint()


def ada_card(tmp_path: Path, organization: str) -> Path:
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"EMAIL;TYPE=work:ada@analytical.example\r\nORG:{organization}\r\n"
        "TITLE:Mathematician\r\nEND:VCARD\r\n"
    )
    return card


def test_two_records_that_disagree_about_a_current_job_leave_one_current(
    session, workspace, tmp_path
):
    run(session, workspace.id, "Connections.csv")  # Ada at Analytical Engines
    # The newer Connections.csv has her at Difference Engines; a card with her e-mail has
    # her at a third place, with no dates. LinkedIn's job stays the current one (whichever
    # comes first), the card's is kept as a past job, and the report says so: the database
    # agrees.
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[DATA / "Connections_newer.csv", ada_card(tmp_path, "Babbage & Co")],
    )  # fmt: skip
    (merged,) = report.of(Outcome.MERGED)
    assert merged.detail.endswith(
        "past position added: Mathematician at Babbage & Co; not made current: a record "
        "without dates does not move a LinkedIn connection's job "
        "(Chief Mathematician at Difference Engines plc stays; if they have moved since, edit "
        "their jobs on their page)"
    )
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    current = [(p.organization.name, p.title) for p in ada.positions if p.is_current]
    assert current == [("Difference Engines plc", "Chief Mathematician")]
    ended = {p.organization.name for p in ada.positions if not p.is_current}
    assert ended == {"Analytical Engines Ltd", "Babbage & Co"}


@pytest.mark.parametrize("reapply", [False, True])
def test_an_undated_job_she_is_known_to_have_left_stays_in_the_past(
    session, workspace, tmp_path, reapply
):
    run(session, workspace.id, "Connections.csv")  # Ada at Analytical Engines
    run(session, workspace.id, "Connections_newer.csv")  # now at Difference Engines
    # An old card still has her at Analytical Engines: that job is known and has ended, so
    # the card neither adds it again nor undoes her move.
    card = ada_card(tmp_path, "Analytical Engines Ltd")
    for _ in range(2):
        report = import_files(
            session, workspace_id=workspace.id, today=date(2026, 11, 25),
            paths_or_uploads=[DATA / "Connections_newer.csv", card], reapply=reapply,
        )  # fmt: skip
        assert not [r.detail for r in report.rows if "now " in r.detail]
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    jobs = sorted((p.organization.name, p.title, p.is_current) for p in ada.positions)
    assert jobs == [
        ("Analytical Engines Ltd", "Mathematician", False),
        ("Difference Engines plc", "Chief Mathematician", True),
    ]


def test_reapply_applies_unchanged_records_again(session, workspace):
    run(session, workspace.id, "Connections.csv")
    forget_ada_email_and_move_her(session, workspace.id)
    again = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "Connections.csv"],
        today=date(2026, 11, 25), reapply=True,
    )  # fmt: skip
    (updated,) = again.of(Outcome.UPDATED)
    assert updated.name == "Ada Lovelace" and updated.detail == "new e-mail ada@analytical.example"
    ada = everyone(session, workspace.id)["Ada Lovelace"]
    assert [e.address for e in ada.emails] == ["ada@analytical.example"]
    assert ada.location == "Paris, France"  # the file has no place: nothing to bring back


def test_records_to_decide_need_the_people_loaded(session, workspace):
    from goodword.importers.resolver import Resolver
    from goodword.importers.service import read_files

    parsed, _ = read_files([DATA / "Connections.csv"])
    resolver = Resolver(WorkspaceState.load_provenance(session, workspace_id=workspace.id))
    with pytest.raises(RuntimeError, match="not loaded"):
        resolver.resolve(parsed[0].people)


def test_a_record_changed_at_its_source_with_nothing_new_says_so(session, workspace):
    from goodword.importers.records import Upload

    header = "First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value\n"
    for text in (
        "Anita,Nayak,anita@one.example,anita@two.example\n",
        "Anita,Nayak,anita@one.example,\n",
    ):
        report = import_files(
            session,
            workspace_id=workspace.id,
            paths_or_uploads=[Upload("contacts.csv", (header + text).encode())],
            today=date(2026, 11, 25),
        )
    (row,) = report.rows
    assert (row.outcome, row.detail) == (
        Outcome.UNCHANGED,
        "changed since the last import (in the file, or in how Goodword reads it), with nothing "
        "new; what the file no longer holds stays",
    )
    anita = everyone(session, workspace.id)["Anita Nayak"]
    assert [e.address for e in anita.emails] == ["anita@one.example", "anita@two.example"]


def test_a_connection_merged_into_someone_known_says_it_is_linked_to_you(session, workspace):
    run(session, workspace.id, "Profile.csv")
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
        b"EMAIL:ada@analytical.example\r\nEND:VCARD\r\n"
    )
    import_files(session, workspace_id=workspace.id, paths_or_uploads=[Upload("ada.vcf", card)],
                 today=date(2026, 11, 25))  # fmt: skip
    report = run(session, workspace.id, "Connections.csv")
    ada = next(r for r in report.rows if r.line == 5)
    assert ada.outcome is Outcome.MERGED
    assert ada.detail.endswith("; linked to you on LinkedIn (connected 2025-12-26)")


def test_a_newer_connections_csv_names_the_connections_it_leaves_out(session, workspace):
    first = run(session, workspace.id, "Profile.csv", "Connections.csv")
    assert not [n for n in first.notes if "from earlier imports" in n]
    # A LinkedIn tie you added by hand came from no import: not named.
    me = people.get_me(session, workspace_id=workspace.id)
    zoe = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Zoe"))
    session.add(Connection(workspace_id=workspace.id, person_a_id=me.id, person_b_id=zoe.id,
                           kind=ConnectionKind.LINKEDIN))  # fmt: skip
    session.flush()
    text = (DATA / "Connections.csv").read_text()
    fewer = "".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith(("Sam (she/her)", "Yuki,"))
    )
    newer = Upload("Connections.csv", fewer.encode())
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "Profile.csv", newer],
        today=date(2026, 11, 25),
    )  # fmt: skip
    assert [n for n in report.notes if "from earlier imports" in n] == [
        "Connections.csv: 2 LinkedIn connections from earlier imports are not in it: Sam Lee, "
        "Yuki 山田. They may have removed the connection or closed their account; Goodword "
        "keeps them as they are."
    ]
    assert {"Sam Lee", "Yuki 山田"} <= set(everyone(session, workspace.id))
    # The whole file again leaves out no one.
    again = run(session, workspace.id, "Profile.csv", "Connections.csv")
    assert not [n for n in again.notes if "from earlier imports" in n]


def test_a_connection_whose_pair_still_waits_is_not_named_as_left_out(session, workspace):
    run(session, workspace.id, "Profile.csv", "Connections.csv")
    sam = everyone(session, workspace.id)["Sam Lee"]
    yuki = everyone(session, workspace.id)["Yuki 山田"]
    # Sam waits in the queue beside someone (her record may be theirs, under a new key).
    session.add(
        DuplicateCandidate(
            workspace_id=workspace.id, person_a_id=min(sam.id, yuki.id),
            person_b_id=max(sam.id, yuki.id), score=0.5, reasons=["names alike"],
        )
    )  # fmt: skip
    session.flush()
    text = (DATA / "Connections.csv").read_text()
    fewer = "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("Sam (she/her)")
    )
    newer = [DATA / "Profile.csv", Upload("Connections.csv", fewer.encode())]
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=newer, today=date(2026, 11, 25)
    )
    assert not [n for n in report.notes if "from earlier imports" in n]
    # Waiting beside someone the file does not name is no reason to leave her unnamed.
    zoe = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Zoe"))
    session.execute(
        update(DuplicateCandidate).values(person_a_id=min(sam.id, zoe.id),
                                          person_b_id=max(sam.id, zoe.id))
    )  # fmt: skip
    again = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=newer, today=date(2026, 11, 25)
    )
    assert [n for n in again.notes if "from earlier imports" in n] == [
        "Connections.csv: 1 LinkedIn connection from earlier imports is not in it: Sam Lee. "
        "They may have removed the connection or closed their account; Goodword keeps them "
        "as they are."
    ]


def test_an_older_archives_connection_without_a_link_is_found_by_a_newer_one_with_it(
    session, workspace
):
    # The old shape had no URL column: the connection was kept by its name and the day.
    old = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Ada,Lovelace,,Analytical Engines,Mathematician,"1/8/18, 6:14 PM"\n'
    )
    new = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-1815,,Babbage & Co,"
        "Chief Scientist,08 Jan 2018\n"
    )
    for text in (old, new):
        report = import_files(
            session, workspace_id=workspace.id, today=date(2026, 11, 25),
            paths_or_uploads=[DATA / "Profile.csv", Upload("Connections.csv", text.encode())],
        )  # fmt: skip
    ada = [r for r in report.rows if r.name == "Ada Lovelace"]
    assert [r.outcome for r in ada] == [Outcome.UPDATED]
    assert ada[0].detail.startswith("new web address https://www.linkedin.com/in/ada-lovelace-1815")
    assert session.scalar(select(func.count()).select_from(Person)) == 2  # Ada and you


def test_a_connections_csv_holding_fewer_than_it_leaves_out_is_said_to_be_part_of_one(
    session, workspace
):
    whole = run(session, workspace.id, "Profile.csv", "Connections.csv")
    text = (DATA / "Connections.csv").read_text()
    lines = text.splitlines(keepends=True)
    header = next(n for n, line in enumerate(lines) if line.startswith("First Name"))
    part = Upload("Connections.csv", "".join(lines[: header + 2]).encode())
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "Profile.csv", part],
        today=date(2026, 11, 25),
    )  # fmt: skip
    left = whole.connections_created - 1
    assert [n for n in report.notes if "Connections.csv: " in n and "LinkedIn" in n] == [
        f"Connections.csv: holds 1 of your LinkedIn connections and leaves out {left} linked "
        "before, so it looks like part of your export; Goodword keeps them all as they are."
    ]


def test_people_of_one_name_left_out_are_told_apart_by_their_ids(session, workspace):
    first = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[DATA / "Profile.csv", Upload("Connections.csv", (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            + "".join(f"Anna,Adams,https://www.linkedin.com/in/anna-{n},,,,1 Jan 2025\r\n"
                      for n in range(2))
            + "".join(f"P{n},Q,https://www.linkedin.com/in/p-{n},,,,1 Jan 2025\r\n"
                      for n in range(3))
        ).encode())],
    )  # fmt: skip
    assert first.connections_created == 5
    annas = sorted(p.id for name, p in everyone_all(session, workspace.id) if name == "Anna Adams")
    kept = Upload("Connections.csv", (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        + "".join(f"P{n},Q,https://www.linkedin.com/in/p-{n},,,,1 Jan 2025\r\n" for n in range(3))
    ).encode())  # fmt: skip
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "Profile.csv", kept],
        today=date(2026, 11, 25),
    )  # fmt: skip
    [note] = [n for n in report.notes if "from earlier imports" in n]
    assert f"Anna Adams (person {annas[0]}), Anna Adams (person {annas[1]})." in note


def everyone_all(session, workspace_id):
    session.expire_all()
    return [(p.display_name, p) for p in session.scalars(select(Person).where(
        Person.workspace_id == workspace_id))]  # fmt: skip
