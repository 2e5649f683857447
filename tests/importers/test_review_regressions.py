"""Regressions a review of the importer found: one record's jobs (LinkedIn's Positions.csv)
do not end each other and no job ends before it started; the user's own records come first
without moving other nameless ones; Google and Outlook rows keep the keys earlier imports
gave them; a note's unfolded lines are decoded as its first line is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.importers.reading import documents
from goodword.importers.records import IncomingPerson, Labeled, Parsed, Role, Upload
from goodword.importers.registry import parse as parse_document
from goodword.importers.report import Outcome
from goodword.importers.resolver import Resolver
from goodword.importers.service import import_files
from goodword.importers.state import WorkspaceState
from goodword.organizations.models import Organization
from goodword.people.models import Person, PersonSource, Position

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 26)

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Alice,Example,,,"Mar 4, 1990",Data analyst,,Software,15213,"Pittsburgh, Pennsylvania",,,\n'
)
POSITIONS_HEAD = "Company Name,Title,Description,Location,Started On,Finished On\n"
# Newest first, as LinkedIn writes it: a job and a board seat, both current.
POSITIONS = POSITIONS_HEAD + (
    "Kestrel Labs,Senior Analyst,,Pittsburgh,Mar 2023,\n"
    "Open Data Society,Board Member,,Pittsburgh,Jan 2019,\n"
    "Amber Bank,Analyst,,Pittsburgh,Jun 2016,Feb 2021\n"
)


def run(session: Session, workspace_id: int, *files: str | Upload):
    return import_files(
        session,
        workspace_id=workspace_id,
        paths_or_uploads=[DATA / f if isinstance(f, str) else f for f in files],
        today=TODAY,
    )


def upload(name: str, text: str) -> Upload:
    return Upload(name, text.encode())


def jobs(session: Session, workspace_id: int) -> dict[str, tuple[date | None, date | None, bool]]:
    """Each position by organization: (start, end, current)."""
    session.expire_all()
    rows = session.execute(
        select(Organization.name, Position.start_date, Position.end_date, Position.is_current)
        .join(Organization, Organization.id == Position.organization_id)
        .where(Position.workspace_id == workspace_id)
    )
    return {name: (start, end, current) for name, start, end, current in rows}


def parse_text(name: str, text: str) -> Parsed:
    (document,) = documents([upload(name, text)])
    parsed = parse_document(document)
    assert parsed is not None
    return parsed


# --- A: one record's jobs, and no end before a start ------------------------------------


def test_two_current_jobs_in_positions_csv_both_stay_current(session, workspace):
    report = run(
        session, workspace.id, upload("Profile.csv", PROFILE), upload("Positions.csv", POSITIONS)
    )
    assert jobs(session, workspace.id) == {
        "Kestrel Labs": (date(2023, 3, 1), None, True),
        "Open Data Society": (date(2019, 1, 1), None, True),
        "Amber Bank": (date(2016, 6, 1), date(2021, 2, 1), False),
    }
    (updated,) = report.of(Outcome.UPDATED)
    assert "was at" not in updated.detail


def test_positions_csv_for_someone_known_already_keeps_both_current(session, workspace):
    run(session, workspace.id, upload("Profile.csv", PROFILE))
    run(session, workspace.id, upload("Positions.csv", POSITIONS))
    current = {name for name, (_s, _e, is_current) in jobs(session, workspace.id).items()
               if is_current}  # fmt: skip
    assert current == {"Kestrel Labs", "Open Data Society"}


def test_a_job_started_earlier_does_not_end_one_started_later(session, workspace):
    # Another import names a current job that began before the one held: it does not end
    # the later one (which would end before it started).
    run(
        session, workspace.id, upload("Profile.csv", PROFILE),
        upload("Positions.csv", POSITIONS_HEAD + "Kestrel Labs,Senior Analyst,,,Mar 2023,\n"),
    )  # fmt: skip
    run(
        session, workspace.id,
        upload("Positions.csv", POSITIONS_HEAD + "Open Data Society,Board Member,,,Jan 2019,\n"),
    )  # fmt: skip
    held = jobs(session, workspace.id)
    assert held["Kestrel Labs"] == (date(2023, 3, 1), None, True)
    assert held["Open Data Society"] == (date(2019, 1, 1), None, True)
    for start, end, _current in held.values():
        assert end is None or start is None or end >= start


def test_a_newer_job_still_ends_the_one_before(session, workspace):
    run(
        session, workspace.id, upload("Profile.csv", PROFILE),
        upload("Positions.csv", POSITIONS_HEAD + "Amber Bank,Analyst,,,Jun 2016,\n"),
    )  # fmt: skip
    run(
        session, workspace.id,
        upload("Positions.csv", POSITIONS_HEAD + "Kestrel Labs,Senior Analyst,,,Mar 2023,\n"),
    )  # fmt: skip
    held = jobs(session, workspace.id)
    assert held["Amber Bank"] == (date(2016, 6, 1), date(2023, 3, 1), False)
    assert held["Kestrel Labs"] == (date(2023, 3, 1), None, True)


def test_a_later_connections_file_with_a_new_employer_still_ends_the_old_job(session, workspace):
    run(session, workspace.id, "Connections.csv")
    report = run(session, workspace.id, "Connections_newer.csv")
    (ada,) = report.of(Outcome.UPDATED)
    assert "(was Mathematician at Analytical Engines Ltd)" in ada.detail
    held = jobs(session, workspace.id)
    assert held["Analytical Engines Ltd"][2] is False
    assert held["Difference Engines plc"][2] is True


# --- B: the user's own records first, nobody else moved ---------------------------------


def test_a_nameless_record_keeps_its_place_among_named_ones(session, workspace):
    def record(line: int, name: str | None) -> IncomingPerson:
        return IncomingPerson(
            source="csv", file_name="people.csv", line=line, key=f"row-{line}",
            display_name=name, emails=[Labeled("sam@example.com")],
        )  # fmt: skip

    nameless, named = record(2, None), record(3, "Sam Someone")
    state = WorkspaceState.load_provenance(session, workspace_id=workspace.id)
    state.load_people(session)
    plan = Resolver(state).resolve([nameless, named])
    # Each makes a person (a row known only by its address is not taken for Sam), in the
    # order the file gives them.
    assert [draft.records for draft in plan.drafts] == [[nameless], [named]]
    assert nameless.role is not Role.ME


# --- C: Google and Outlook rows keep their keys ----------------------------------------


def test_google_keys_are_the_name_parts_and_the_first_email_in_file_order():
    people = parse_text(
        "google.csv", (DATA / "google_prefixed.csv").read_text(encoding="utf-8")
    ).people  # fmt: skip
    # As they were before prefixes were kept in the name ("Dr. Maria Elena Rossi"); a row
    # without an address by its name and first phone, found by its name alone as before.
    assert [p.key for p in people] == [
        "name:maria elena rossi|maria@globex.com",
        "name:tom nguyen|tom@example.org",
        "name:acme corp|tel:12125550199",
        "name:josé müller|jose@example.com",
    ]
    assert people[2].former_keys == ["name:acme corp"]


STARRED = (
    "First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value\n"
    "Maria,,Rossi,Dr.,PhD,* myContacts,Home,maria.rossi@gmail.com,* Work,maria@globex.com\n"
    "Tom,,Nguyen,,Jr.,* myContacts,* Other,tom@example.org,,\n"
)


def test_a_starred_primary_email_does_not_change_the_key():
    maria, tom = parse_text("contacts.csv", STARRED).people
    assert maria.emails[0].value == "maria@globex.com"  # the primary one comes first
    assert maria.display_name == "Dr. Maria Rossi"
    assert maria.key == "name:maria rossi|maria.rossi@gmail.com"
    assert tom.key == "name:tom nguyen|tom@example.org"


def test_a_google_csv_imported_twice_is_unchanged_the_second_time(session, workspace):
    files = ("google_prefixed.csv", upload("contacts.csv", STARRED.replace("Tom,", "Tim,")))
    run(session, workspace.id, *files)
    again = run(session, workspace.id, *files)
    assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    keys = session.scalars(
        select(PersonSource.external_key).where(PersonSource.workspace_id == workspace.id)
    ).all()
    assert len(keys) == len(set(keys)) == 6


# The keys the previous version gave google_prefixed.csv's rows.
OLD_KEYS = {
    "Dr. Maria Elena Rossi": "name:maria elena rossi|maria@globex.com",
    "Tom Nguyen": "name:tom nguyen|tom@example.org",
    "José Müller": "name:josé müller|jose@example.com",
}


def test_rows_the_previous_version_imported_are_found_by_their_keys(session, workspace):
    run(session, workspace.id, "google_prefixed.csv")
    for name, key in OLD_KEYS.items():
        person_id = select(Person.id).where(
            Person.workspace_id == workspace.id, Person.display_name == name
        )
        session.execute(
            update(PersonSource)
            .where(PersonSource.person_id == person_id.scalar_subquery())
            .values(external_key=key)
        )
    again = run(session, workspace.id, "google_prefixed.csv")
    assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    sources = session.scalars(
        select(PersonSource.external_key).where(PersonSource.workspace_id == workspace.id)
    ).all()
    assert len(sources) == 4


OUTLOOK = (
    "Title,First Name,Middle Name,Last Name,Suffix,E-mail Address,Business Phone\n"
    "Dr.,Maria,,Rossi,PhD,maria@globex.com,+39 02 1234567\n"
)


def test_outlook_keys_are_the_name_parts_and_the_first_email():
    (maria,) = parse_text("contacts.csv", OUTLOOK).people
    assert maria.display_name == "Dr. Maria Rossi PhD"
    assert maria.key == "name:maria rossi|maria@globex.com"


def test_a_company_contact_outlook_row_imported_as_its_address_is_found_and_renamed(
    session, workspace
):
    # Earlier versions named a nameless row after its address, jobs@ included, and keyed it
    # so: the row is found by that key, takes the company's name, and no "Formerly" note.
    row = "Company,E-mail Address,Business Phone\nContoso Staffing,jobs@contoso.example,\n"
    head = "First Name,Middle Name,Last Name,"
    text = head + row.replace("\n", "\n,,,", 1)
    run(session, workspace.id, upload("contacts.csv", text))
    (contoso,) = session.scalars(select(Person)).all()
    assert contoso.display_name == "Contoso Staffing"
    key = "name:jobs@contoso.example|jobs@contoso.example"
    (record,) = parse_text("contacts.csv", text).people
    then = replace(record, display_name="jobs@contoso.example", key=key, former_keys=[])
    session.execute(update(Person).values(display_name="jobs@contoso.example"))
    session.execute(update(PersonSource).values(external_key=key, fingerprint=then.fingerprint()))

    report = run(session, workspace.id, upload("contacts.csv", text))

    assert [(r.outcome, r.detail) for r in report.rows] == [
        (Outcome.UPDATED, "name now Contoso Staffing (was jobs@contoso.example)")
    ]
    session.expire_all()
    (contoso,) = session.scalars(select(Person)).all()
    assert (contoso.display_name, contoso.notes) == ("Contoso Staffing", None)
    (source,) = contoso.sources
    assert source.external_key == "name:contoso staffing|jobs@contoso.example"


# --- D: a note's unfolded lines decoded -------------------------------------------------


def test_unfolded_note_lines_are_unescaped_like_the_first():
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Erin Note\r\nN:Note;Erin;;;\r\n"
        "NOTE:Call back\\, soon\r\nRe: the job\\; at Acme\\nsecond line \\\\ done\r\n"
        "END:VCARD\r\n"
    )
    (erin,) = parse_text("erin.vcf", card).people
    assert erin.notes == "Call back, soon\nRe: the job; at Acme\nsecond line \\ done"


def test_unfolded_note_lines_are_decoded_from_quoted_printable():
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Note;Erin;;;\r\nFN:Erin Note\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Call back=0D=0A\r\n"
        "Caf=C3=A9 at five\r\n"
        "END:VCARD\r\n"
    )
    (erin,) = parse_text("erin.vcf", card).people
    assert erin.notes == "Call back\nCafé at five"


def test_a_newer_positions_csv_ends_a_job_when_it_says_not_at_the_next_one_s_start(
    session, workspace
):
    first = POSITIONS_HEAD + "Amber Bank,Analyst,,Pittsburgh,Jun 2016,\n"
    run(session, workspace.id, upload("Profile.csv", PROFILE), upload("Positions.csv", first))
    newer = POSITIONS_HEAD + (
        "Kestrel Labs,Senior Analyst,,Pittsburgh,Oct 2026,\n"
        "Amber Bank,Analyst,,Pittsburgh,Jun 2016,Sep 2026\n"
    )
    report = run(session, workspace.id, upload("Positions.csv", newer))
    assert jobs(session, workspace.id) == {
        "Amber Bank": (date(2016, 6, 1), date(2026, 9, 1), False),
        "Kestrel Labs": (date(2026, 10, 1), None, True),
    }
    (row,) = report.rows
    # (In the file's order, though the ended job is applied first.)
    assert row.detail == "now Senior Analyst at Kestrel Labs; Analyst at Amber Bank ended 2026-09"


def test_a_job_retitled_in_a_newer_positions_csv_is_the_same_job(session, workspace):
    first = POSITIONS_HEAD + "Kestrel Labs,Product Analyst,,Pittsburgh,Oct 2026,\n"
    run(session, workspace.id, upload("Profile.csv", PROFILE), upload("Positions.csv", first))
    newer = POSITIONS_HEAD + "Kestrel Labs,Senior Product Analyst,,Pittsburgh,Oct 2026,\n"
    report = run(session, workspace.id, upload("Positions.csv", newer))
    (row,) = report.rows
    assert row.detail == "title Senior Product Analyst at Kestrel Labs (was Product Analyst)"
    titles = session.execute(select(Position.title, Position.is_current)).all()
    assert [tuple(t) for t in titles] == [("Senior Product Analyst", True)]


def test_two_current_jobs_at_one_organization_from_one_start_both_stay(session, workspace):
    both = POSITIONS_HEAD + (
        "Kestrel Labs,Product Analyst,,Pittsburgh,Oct 2026,\n"
        "Kestrel Labs,Data Steward,,Pittsburgh,Oct 2026,\n"
    )
    run(session, workspace.id, upload("Profile.csv", PROFILE), upload("Positions.csv", both))
    newer = both + "Amber Bank,Analyst,,Pittsburgh,Jun 2016,Feb 2021\n"
    run(session, workspace.id, upload("Positions.csv", newer))
    titles = session.execute(select(Position.title).order_by(Position.title)).scalars().all()
    assert titles == ["Analyst", "Data Steward", "Product Analyst"]


def test_a_job_typed_by_hand_from_the_same_start_is_not_retitled(session, workspace):
    from goodword.people import service as people
    from goodword.people.schemas import PersonCreate, PositionCreate

    me = people.create(
        session, workspace_id=workspace.id,
        data=PersonCreate(display_name="Alice Example", is_me=True),
    )  # fmt: skip
    people.add_position(
        session, workspace_id=workspace.id, person_id=me.id,
        data=PositionCreate(organization_name="Kestrel Labs", title="Mentor",
                            start_date=date(2021, 3, 1)),
    )  # fmt: skip
    first = POSITIONS_HEAD + "Kestrel Labs,Analyst,,Pittsburgh,Mar 2021,\n"
    run(session, workspace.id, upload("Profile.csv", PROFILE), upload("Positions.csv", first))
    newer = POSITIONS_HEAD + "Kestrel Labs,Senior Analyst,,Pittsburgh,Mar 2021,\n"
    run(session, workspace.id, upload("Positions.csv", newer))
    # (The newer copy does not say which of the two it retitled: neither is renamed.)
    titles = session.execute(select(Position.title).order_by(Position.title)).scalars().all()
    assert titles == ["Analyst", "Mentor", "Senior Analyst"]
