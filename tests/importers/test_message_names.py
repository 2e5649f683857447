"""Someone a LinkedIn message names only by name is found among the people already saved by
the rule that splits a saved whole name ("Müller, José" is José Müller, "Dr. Jane Doe" is
Jane Doe), and someone a message adds is split by it too (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.importers.cleaning import split_names
from goodword.importers.mentions import name_key
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.importers.state import saved_profile
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Person, PersonSource
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
HEADER = "From,To,Date,Subject,Content,Direction,Folder\r\n"


def messages(*rows: tuple[str, str, str], name: str = "messages.csv") -> Upload:
    """An old-shape messages.csv, one (from, to, direction) per message, a day apart."""
    lines = [
        f'"{sender}","{recipient}","1/{day}/18, 9:00 AM",Hello,Hi there,{direction},INBOX\r\n'
        for day, (sender, recipient, direction) in enumerate(rows, start=8)
    ]
    return Upload(name, (HEADER + "".join(lines)).encode())


def run(session: Session, workspace: Workspace, *uploads: Upload) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(uploads), today=TODAY
    )


def participants(session: Session) -> list[set[int]]:
    found: dict[int, set[int]] = {}
    for interaction_id, person_id in session.execute(
        select(Participant.interaction_id, Participant.person_id)
    ):
        found.setdefault(interaction_id, set()).add(person_id)
    order = session.scalars(select(Interaction.id).order_by(Interaction.occurred_at))
    return [found.get(i, set()) for i in order]


def people(session: Session, workspace: Workspace) -> int:
    return session.scalar(
        select(func.count()).select_from(Person).where(Person.workspace_id == workspace.id)
    )


@pytest.mark.parametrize(
    "whole", ["Dr. Jane Doe", "Müller, José", "山田 太郎", "Martin Luther King Jr.", "Cher", ""]
)
def test_a_message_name_is_keyed_as_a_saved_whole_name_is(whole):
    assert name_key(whole) == saved_profile(Person(id=1, workspace_id=1, display_name=whole)).full


@pytest.mark.parametrize("whole", ["Dr. Jane Doe", "Müller, José", "山田 太郎"])
def test_a_message_finds_a_person_saved_with_only_that_whole_name(session, workspace, whole):
    saved = f.person(session, workspace.id, whole)
    me = f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(
        session,
        workspace,
        # (From only: the To column lists several people split at commas.)
        messages((whole, "Alice Example", "INCOMING"), (whole, "Alice Example", "INCOMING")),
    )
    assert report.of(Outcome.CREATED) == []
    assert people(session, workspace) == 2
    assert participants(session) == [{saved.id}, {saved.id}]
    assert me.id not in {p for found in participants(session) for p in found}


def test_a_message_naming_family_name_first_finds_the_person_saved_in_parts(session, workspace):
    saved = f.person(session, workspace.id, "José Müller", given_name="José", family_name="Müller")
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(session, workspace, messages(("Müller, José", "Alice Example", "INCOMING")))
    assert report.of(Outcome.CREATED) == []
    assert participants(session) == [{saved.id}]


def test_someone_a_message_adds_keeps_the_name_shown_and_is_found_by_it_later(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True)
    first = run(session, workspace, messages(("Dr. Jane Doe", "Alice Example", "INCOMING")))
    (row,) = first.of(Outcome.CREATED)
    added = session.get(Person, row.person_id)
    assert added is not None
    assert (added.display_name, added.given_name, added.family_name) == (
        "Dr. Jane Doe", "Jane", "Doe",
    )  # fmt: skip
    later = run(
        session,
        workspace,
        messages(("Jane Doe", "Alice Example", "INCOMING"), name="messages-2.csv"),
    )
    assert later.of(Outcome.CREATED) == []
    # The same message, from the same person: held already.
    assert (later.interactions_created, later.interactions_existing) == (0, 1)
    assert participants(session) == [{added.id}]


def test_someone_a_message_added_under_the_old_split_is_found_by_that_record(session, workspace):
    # How an earlier import saved them: the whole name cut at its last word.
    old = f.person(session, workspace.id, "Dr. Jane Doe", given_name="Dr. Jane", family_name="Doe")
    session.add(
        PersonSource(
            workspace_id=workspace.id,
            person_id=old.id,
            source="linkedin",
            file_name="messages.csv",
            external_key="name:dr. jane doe",
        )
    )
    session.flush()
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(session, workspace, messages(("Dr. Jane Doe", "Alice Example", "INCOMING")))
    assert report.of(Outcome.CREATED) == []
    assert participants(session) == [{old.id}]


def test_the_user_saved_with_only_a_whole_name_is_known_in_messages(session, workspace):
    f.person(session, workspace.id, "Example, Alice", is_me=True)
    ada = f.person(session, workspace.id, "Ada Lovelace")
    report = run(
        session,
        workspace,
        messages(("Ada Lovelace", "Dr. Alice Example", "INCOMING")),
    )
    assert report.of(Outcome.CREATED) == []
    assert participants(session) == [{ada.id}]


NEW_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\r\n"
)
ALICE = "https://www.linkedin.com/in/alice-example"


def new_messages(*rows: tuple[str, str]) -> Upload:
    """A new-shape messages.csv: Alice writes to (To, recipient profile links), a day apart."""
    lines = [
        f'c{day},,Alice Example,{ALICE},"{to}","{links}",2025-03-{day:02d} 10:00:00 UTC,'
        "Hello,Hi there,INBOX\r\n"
        for day, (to, links) in enumerate(rows, start=1)
    ]
    return Upload("messages.csv", (NEW_HEADER + "".join(lines)).encode())


def added(session: Session, report: ImportReport) -> dict[str, Person]:
    found = {}
    for row in report.of(Outcome.CREATED):
        person = session.get(Person, row.person_id)
        assert person is not None
        found[person.display_name] = person
    return found


@pytest.mark.parametrize(
    ("to", "names"),
    [
        ("Ravi Shankar, PhD, Jo Park", ["Ravi Shankar, PhD", "Jo Park"]),
        ("Anita Nayak, MSc, MBA", ["Anita Nayak, MSc, MBA"]),
        ("Sam Okafor, Jr., Jo Park", ["Sam Okafor, Jr.", "Jo Park"]),
        ("Müller, José", ["Müller, José"]),
        ("Jo Park, Ann Lee", ["Jo Park", "Ann Lee"]),
        (" Jo Park ,, ", ["Jo Park"]),
        ("", []),
    ],
)
def test_a_to_column_is_split_into_people_not_at_every_comma(to, names):
    assert split_names(to) == names


def test_credentials_in_a_to_column_are_no_people_and_links_go_to_the_right_one(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(
        session,
        workspace,
        new_messages(
            (
                "Ravi Shankar, PhD, Jo Park",
                "https://www.linkedin.com/in/ravi-shankar,https://www.linkedin.com/in/jo-park",
            )
        ),
    )
    made = added(session, report)
    assert sorted(made) == ["Jo Park", "Ravi Shankar"]
    ravi, jo = made["Ravi Shankar"], made["Jo Park"]
    assert [u.url for u in ravi.urls] == ["https://www.linkedin.com/in/ravi-shankar"]
    assert [u.url for u in jo.urls] == ["https://www.linkedin.com/in/jo-park"]
    assert (ravi.given_name, ravi.family_name, ravi.notes) == (
        "Ravi",
        "Shankar",
        "Credentials: PhD",
    )
    # Alice, marked as you by name, is the sender, not one of the people in the message.
    assert participants(session) == [{ravi.id, jo.id}]


def test_one_recipient_link_makes_the_whole_to_column_one_person(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(
        session,
        workspace,
        new_messages(("Nayak, Priya Devi", "https://www.linkedin.com/in/priya-nayak")),
    )
    made = added(session, report)
    assert list(made) == ["Nayak, Priya Devi"]
    priya = made["Nayak, Priya Devi"]
    assert (priya.given_name, priya.family_name) == ("Priya Devi", "Nayak")
    assert [u.url for u in priya.urls] == ["https://www.linkedin.com/in/priya-nayak"]


def test_two_whole_names_with_one_link_are_two_people(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(
        session,
        workspace,
        new_messages(("Ada Lovelace, Priya Nayak", "https://www.linkedin.com/in/ada-lovelace")),
    )
    made = added(session, report)
    assert sorted(made) == ["Ada Lovelace", "Priya Nayak"]
    assert [u.url for u in made["Ada Lovelace"].urls] == [
        "https://www.linkedin.com/in/ada-lovelace"
    ]
    assert made["Priya Nayak"].urls == []


def test_two_single_words_in_an_old_to_column_are_one_person(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(session, workspace, messages(("Alice Example", "Müller, José", "OUTGOING")))
    made = added(session, report)
    assert list(made) == ["Müller, José"]
    assert (made["Müller, José"].given_name, made["Müller, José"].family_name) == ("José", "Müller")


@pytest.mark.parametrize("written", ["Anita Nayak, MSc, MBA", "Anita Nayak (she/her)"])
def test_a_message_name_with_credentials_or_pronouns_finds_the_saved_person(
    session, workspace, written
):
    saved = f.person(session, workspace.id, "Anita Nayak", given_name="Anita", family_name="Nayak")
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(session, workspace, messages((written, "Alice Example", "INCOMING")))
    assert report.of(Outcome.CREATED) == []
    assert participants(session) == [{saved.id}]


def test_someone_a_message_adds_has_credentials_and_pronouns_in_notes(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True)
    report = run(
        session, workspace, messages(("Anita Nayak, MSc (she/her)", "Alice Example", "INCOMING"))
    )
    (row,) = report.of(Outcome.CREATED)
    person = session.get(Person, row.person_id)
    assert person is not None
    assert (person.display_name, person.given_name, person.family_name) == (
        "Anita Nayak", "Anita", "Nayak",
    )  # fmt: skip
    assert person.notes is not None
    assert "Credentials: MSc" in person.notes and "Pronouns: she/her" in person.notes
