"""Importing a newer copy of a record: a place, birthday or LinkedIn tie date the file changed
follows it, whatever else changed that Goodword can put back; one set by hand stays and the
row says what the file holds. Dates after today are kept without refusing the import, and a
re-save that turned letters into "?" is no change."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete as sa_delete
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.models import Connection
from goodword.connections.schemas import ConnectionUpdate
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import IncomingPerson, IncomingPosition, Upload
from goodword.importers.report import ImportReport, Outcome, RowOutcome
from goodword.importers.service import import_files
from goodword.interactions.models import Interaction
from goodword.people import service as people
from goodword.people.models import DeletedSource, Person
from goodword.people.schemas import PositionCreate
from goodword.workspaces.models import Workspace

from .test_reimport_dates import OWEN, connections_csv, ties

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)


def card(
    folder: Path,
    *,
    city: str = "London",
    birthday: str = "1815-12-10",
    email: str = "ada@analytical.example",
    organization: str = "Analytical Engines",
    note: str = "Met at the salon",
) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "ada.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-1\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"EMAIL;TYPE=work:{email}\r\nORG:{organization}\r\nTITLE:Mathematician\r\n"
        f"ADR;TYPE=home:;;;{city};;;\r\nBDAY:{birthday}\r\nNOTE:{note}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    return path


def run(session: Session, workspace: Workspace, *paths: Path) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(paths), today=TODAY
    )


def ada(session: Session, workspace: Workspace) -> Person:
    session.expire_all()
    return session.scalars(
        select(Person)
        .where(Person.workspace_id == workspace.id, Person.display_name == "Ada Lovelace")
        .options(*people.with_details())
    ).one()


def row_of(report: ImportReport, name: str) -> RowOutcome:
    (row,) = [r for r in report.rows if r.name == name]
    return row


def set_by_hand(session: Session, workspace: Workspace, **values: object) -> None:
    session.execute(
        update(Person)
        .where(Person.workspace_id == workspace.id, Person.display_name == "Ada Lovelace")
        .values(**values)
    )
    session.flush()


def test_a_place_and_birthday_set_by_hand_stay_and_the_row_says_what_the_file_holds(
    session, workspace, tmp_path
):
    run(session, workspace, card(tmp_path / "a"))
    set_by_hand(session, workspace, location="Paris", birthday=date(1815, 12, 9))
    again = run(session, workspace, card(tmp_path / "b", city="Leeds", birthday="1815-12-11"))
    row = row_of(again, "Ada Lovelace")
    assert (row.outcome, row.detail) == (
        Outcome.UNCHANGED,
        "location left at Paris (the file says Leeds; edit the person to change it); "
        "birthday left at 1815-12-09 (the file says 1815-12-11; edit the person to change it)",
    )
    person = ada(session, workspace)
    assert (person.location, person.birthday) == ("Paris", date(1815, 12, 9))


def test_a_place_and_birthday_the_file_changed_follow_it_with_a_new_job_too(
    session, workspace, tmp_path
):
    run(session, workspace, card(tmp_path / "a"))
    again = run(
        session, workspace,
        card(tmp_path / "b", city="Leeds", birthday="1815-12-11", organization="Babbage & Co"),
    )  # fmt: skip
    row = row_of(again, "Ada Lovelace")
    assert (row.outcome, row.detail) == (
        Outcome.UPDATED,
        "location now Leeds; birthday now 1815-12-11; now Mathematician at Babbage & Co (was "
        "Mathematician at Analytical Engines)",
    )
    person = ada(session, workspace)
    assert (person.location, person.birthday) == ("Leeds", date(1815, 12, 11))


def test_a_place_that_cannot_be_told_from_one_set_by_hand_stays(session, workspace, tmp_path):
    # A new e-mail address too: Goodword cannot put back what the record said before,
    # so the place it holds may be the user's; it stays, and the row says what the file says.
    run(session, workspace, card(tmp_path / "a"))
    again = run(session, workspace, card(tmp_path / "b", city="Leeds", email="ada@new.example"))
    assert row_of(again, "Ada Lovelace").detail == (
        "new e-mail ada@new.example; location left at London (the file says Leeds; edit the "
        "person to change it)"
    )
    assert ada(session, workspace).location == "London"


def test_a_tie_date_moves_when_the_company_changed_too(session, workspace, tmp_path):
    first = OWEN.replace("05/01/2024", "05 Jan 2024")
    run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "a", first))
    moved = first.replace("BBC", "S4C").replace("05 Jan 2024", "12 Mar 2026")
    again = run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "b", moved))
    row = row_of(again, "Owen Jones")
    assert (row.outcome, row.detail) == (
        Outcome.UPDATED,
        "now Producer at S4C (was Producer at BBC); LinkedIn connection date now 2026-03-12 (was "
        "2024-01-05)",
    )
    assert ties(session, workspace) == [("Owen Jones", date(2026, 3, 12))]


def test_a_tie_date_set_by_hand_stays_when_the_company_changed_too(session, workspace, tmp_path):
    first = OWEN.replace("05/01/2024", "05 Jan 2024")
    run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "a", first))
    (tie,) = session.scalars(select(Connection)).all()
    connections.update(
        session, workspace_id=workspace.id, connection_id=tie.id,
        data=ConnectionUpdate(kind=tie.kind, source=tie.source, since=date(2023, 6, 1)),
    )  # fmt: skip
    moved = first.replace("BBC", "S4C").replace("05 Jan 2024", "12 Mar 2026")
    again = run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "b", moved))
    assert row_of(again, "Owen Jones").detail == (
        "now Producer at S4C (was Producer at BBC); LinkedIn connection date left at 2023-06-01 "
        "(the file says 2026-03-12; edit the connection to change it)"
    )
    assert ties(session, workspace) == [("Owen Jones", date(2023, 6, 1))]


def test_a_connection_date_after_today_goes_to_the_ties_notes(session, workspace, tmp_path):
    later = OWEN.replace("05/01/2024", "12 Mar 2099")
    report = run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "a", later))
    assert row_of(report, "Owen Jones").outcome is Outcome.CREATED
    assert ties(session, workspace) == [("Owen Jones", None)]
    assert session.scalars(select(Connection.notes)).all() == ["Connected on: 2099-03-12"]
    assert (
        "Connections.csv, line 5: connection date 2099-03-12 is a day still to come; the "
        "LinkedIn tie is made without it, and the date kept in its notes"
    ) in report.notes


def test_a_newer_connection_date_after_today_leaves_the_tie(session, workspace, tmp_path):
    first = OWEN.replace("05/01/2024", "05 Jan 2024")
    run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "a", first))
    later = first.replace("05 Jan 2024", "12 Mar 2099")
    again = run(session, workspace, DATA / "Profile.csv", connections_csv(tmp_path / "b", later))
    assert row_of(again, "Owen Jones").detail == (
        "LinkedIn connection date left at 2024-01-05 (the file says 2099-03-12, a day still "
        "to come)"
    )
    assert ties(session, workspace) == [("Owen Jones", date(2024, 1, 5))]
    assert (
        "Connections.csv, line 5: connection date 2099-03-12 is a day still to come; not kept"
    ) in again.notes


def test_a_message_dated_after_today_is_kept_and_its_line_named(session, workspace, tmp_path):
    text = (DATA / "messages.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].replace("2025-12-27 11:02:41 UTC", "2099-01-02 11:02:41 UTC")
    path = tmp_path / "messages.csv"
    path.write_text("".join(lines), encoding="utf-8")
    report = run(session, workspace, DATA / "Profile.csv", path)
    assert (
        "messages.csv, line 3: a message dated 2099-01-02, a day still to come; kept as dated "
        "(edit it in Goodword if the date is wrong)"
    ) in report.notes
    dates = session.scalars(select(Interaction.occurred_at)).all()
    assert datetime(2099, 1, 2, 11, 2, 41, tzinfo=UTC) in [
        d if d.tzinfo else d.replace(tzinfo=UTC) for d in dates
    ]
    assert len(dates) == report.interactions_created == len(lines) - 1


def test_a_resave_that_lost_letters_is_no_change(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a", city="Kraków", note="Met in Łódź"))
    again = run(session, workspace, card(tmp_path / "b", city="Krak?w", note="Met in ??d?"))
    row = row_of(again, "Ada Lovelace")
    lost = "its '?' are letters lost when the file was saved in an older character set"
    assert (row.outcome, row.detail) == (
        Outcome.UNCHANGED,
        f"location left at Kraków (the file says Krak?w: {lost}); notes left as they were ({lost})",
    )
    person = ada(session, workspace)
    assert (person.location, person.notes) == ("Kraków", "Met in Łódź")
    # A real change beside it is still one.
    third = run(session, workspace, card(tmp_path / "c", city="Krak?w", note="Met in Lodz"))
    assert row_of(third, "Ada Lovelace").detail.startswith("notes added")


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ({"location": ["Leeds"]}, frozenset({"location", "positions"})),
        ({"location": ["Paris"]}, None),
    ],
)
def test_what_a_record_said_then_is_told_by_its_fingerprint(held, expected):
    from goodword.importers.earlier import said_then

    then = IncomingPerson(
        "csv", "a.csv", 2, key="1", location="Leeds",
        positions=[IncomingPosition("Acme", "Clerk")],
    )  # fmt: skip
    now = IncomingPerson(
        "csv", "a.csv", 2, key="1", location="York",
        positions=[IncomingPosition("Beta", "Clerk")],
    )  # fmt: skip
    jobs = [[], [IncomingPosition("Acme Inc", "Clerk")], [IncomingPosition("Acme", "Clerk")]]
    assert said_then(now, then.fingerprint(), {**held, "positions": jobs}) == expected
    assert said_then(now, None, {**held, "positions": jobs}) is None


def test_a_google_contact_from_its_csv_and_its_vcard_has_its_note_once(session, workspace):
    # The CSV writes nickname, relation and note a line each; the vCard a paragraph each.
    csv_text = (
        "First Name,Last Name,Nickname,Notes,E-mail 1 - Label,E-mail 1 - Value,"
        "Relation 1 - Label,Relation 1 - Value\n"
        "Grace,Hopper,Amazing Grace,Navy,Home,grace@home.example,Spouse,Vincent Hopper\n"
    )
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
        "NICKNAME:Amazing Grace\r\nEMAIL;TYPE=HOME:grace@home.example\r\n"
        "item1.X-ABRELATEDNAMES:Vincent Hopper\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\n"
        "NOTE:Navy\r\nEND:VCARD\r\n"
    )
    for first, second in (
        (("g.csv", csv_text), ("g.vcf", card)),
        (("h.vcf", card), ("h.csv", csv_text)),
    ):
        for name, text in (first, second):
            report = import_files(
                session, workspace_id=workspace.id,
                paths_or_uploads=[Upload(name, text.encode())], today=date(2026, 11, 25),
            )  # fmt: skip
        [row] = report.rows
        assert "notes added" not in row.detail
        grace = session.scalar(select(Person))
        assert grace is not None and grace.notes is not None
        assert grace.notes.count("Navy") == 1 and grace.notes.count("Vincent Hopper") == 1
        people.delete(session, workspace_id=workspace.id, person_id=grace.id)
        # (Forgotten too, so the next pair of files adds her again.)
        session.execute(sa_delete(DeletedSource))


def test_a_note_that_grew_a_line_adds_that_line_alone(session, workspace):
    def crm(note: str) -> None:
        text = f'ID,First,Last,Notes\nC-1,Ada,Byron,"{note}"\n'
        import_files(
            session, workspace_id=workspace.id, paths_or_uploads=[Upload("crm.csv", text.encode())],
            mapping="key=ID,given=First,family=Last,notes=Notes", today=date(2026, 11, 25),
        )  # fmt: skip

    crm("Met at PyData")
    crm("Met at PyData\nAsked about the Babbage role")
    crm("Met at PyData\nAsked about the Babbage role\nSent CV")
    ada = session.scalar(select(Person))
    assert ada is not None
    assert ada.notes == "Met at PyData\n\nAsked about the Babbage role\n\nSent CV"


def test_an_address_the_file_added_since_still_tells_what_it_said_before(
    session, workspace, tmp_path
):
    # The card gained an e-mail address and moved city: the place follows the file, as it
    # would without the new address.
    run(session, workspace, card(tmp_path / "a"))
    email = "ada@analytical.example"
    grown = (
        card(tmp_path / "b", city="Leeds")
        .read_bytes()
        .decode()
        .replace(
            f"EMAIL;TYPE=work:{email}\r\n",
            f"EMAIL;TYPE=work:{email}\r\nEMAIL;TYPE=home:ada@home.example\r\n",
        )
    )
    (tmp_path / "b" / "ada.vcf").write_text(grown)
    again = run(session, workspace, tmp_path / "b" / "ada.vcf")
    assert row_of(again, "Ada Lovelace").detail == (
        "location now Leeds; new e-mail ada@home.example"
    )
    person = ada(session, workspace)
    assert person.location == "Leeds"
    assert [e.address for e in person.emails] == [email, "ada@home.example"]


def test_a_job_replaced_by_hand_stays_when_the_file_adds_an_address(session, workspace, tmp_path):
    run(session, workspace, card(tmp_path / "a"))
    person = ada(session, workspace)
    (job,) = person.positions
    people.remove_position(session, workspace_id=workspace.id, position_id=job.id)
    people.add_position(
        session, workspace_id=workspace.id, person_id=person.id,
        data=PositionCreate(organization_name="Analytical Engines", title="Chief Mathematician",
                            start_date=date(2026, 6, 1)),
    )  # fmt: skip
    again = run(session, workspace, card(tmp_path / "b"))
    # (The same card: nothing changed.)
    assert row_of(again, "Ada Lovelace").outcome is Outcome.UNCHANGED
    grown = (
        (tmp_path / "b" / "ada.vcf")
        .read_text()
        .replace("END:VCARD", "EMAIL;TYPE=home:ada@home.example\r\nEND:VCARD")
    )
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "ada.vcf").write_text(grown)
    later = run(session, workspace, tmp_path / "c" / "ada.vcf")

    row = row_of(later, "Ada Lovelace")
    assert row.detail.startswith("new e-mail ada@home.example")
    assert "now Mathematician" not in row.detail
    jobs = [(p.title, p.is_current) for p in ada(session, workspace).positions]
    assert jobs == [("Chief Mathematician", True)]


def test_a_newer_copy_that_gains_someone_elses_address_queues_the_pair(
    session, workspace, tmp_path
):
    google = tmp_path / "contacts.csv"
    google.write_text("First Name,Last Name,E-mail 1 - Value\nKatie,Jay,kj@home.example\n")
    row = (
        "Katherine,Johnson,https://www.linkedin.com/in/kjohnson,{email},NASA,Analyst,05 Jan 2024\n"
    )
    run(session, workspace, google, connections_csv(tmp_path / "a", row.format(email="")))
    again = run(
        session, workspace, connections_csv(tmp_path / "b", row.format(email="kj@home.example"))
    )

    updated = row_of(again, "Katherine Johnson")
    assert (updated.outcome, updated.detail) == (Outcome.UPDATED, "new e-mail kj@home.example")
    (pair,) = session.scalars(select(DuplicateCandidate)).all()
    names = {
        session.get(Person, pair.person_a_id).display_name,
        session.get(Person, pair.person_b_id).display_name,
    }
    assert names == {"Katie Jay", "Katherine Johnson"}
    assert pair.reasons[0].startswith("same e-mail address (kj@home.example)")
    # Imported again, the pair is not queued twice.
    run(session, workspace, connections_csv(tmp_path / "c", row.format(email="kj@home.example")))
    assert len(session.scalars(select(DuplicateCandidate)).all()) == 1


@pytest.mark.parametrize("printed_with_precision", [True, False])
def test_a_job_kept_as_a_month_is_put_back_as_the_month_it_was_said_in(printed_with_precision):
    # The record then gave its job as "Jan 2020"; Goodword holds it so (a month). A
    # fingerprint kept before precisions were read has the month's first day as a day.
    from goodword.importers.bulk import Held
    from goodword.importers.earlier import held_jobs, said_then

    then = IncomingPerson(
        "csv", "a.csv", 2, key="1", location="Leeds",
        positions=[IncomingPosition("Acme", "Clerk", None, date(2020, 1, 1), None, True,
                                    "month" if printed_with_precision else None)],
    )  # fmt: skip
    now = IncomingPerson(
        "csv", "a.csv", 2, key="1", location="York",
        positions=[IncomingPosition("Beta", "Clerk", None, date(2024, 5, 1), None, True, "month")],
    )  # fmt: skip
    held = Held(7, 3, "Clerk", date(2020, 1, 1), None, True, start_precision="month")
    jobs = held_jobs([held], {3: ["Acme"]})
    assert said_then(now, then.fingerprint(), {"location": ["Leeds"], "positions": jobs}) == {
        "location",
        "positions",
    }
