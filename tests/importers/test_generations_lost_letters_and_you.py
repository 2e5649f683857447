"""Two generations of one name stay two people; a name a re-save turned "?" in is still its
right spelling; and who "you" are in messages without Profile.csv is told by the Direction
column, or not guessed at all (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.matching import Profile, score
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Person, Position
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)

FAMILY_VCF = """BEGIN:VCARD
VERSION:3.0
N:Smith;John;;;Sr.
FN:John Smith Sr.
TEL;TYPE=HOME:(503) 555-0144
EMAIL:smithfamily@example.net
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Smith;John;;;Jr.
FN:John Smith Jr.
TEL;TYPE=HOME:(503) 555-0144
TEL;TYPE=CELL:(503) 555-0166
ORG:Nike
TITLE:Recruiter
END:VCARD
"""

# LinkedIn's older Connections.csv, as a spreadsheet re-saved it in Windows-1252: "Ł" is "?".
OLD_CONNECTIONS = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    'Zoë,?ukasiewicz,zoe@example.pl,Allegro,Engineer,"1/8/18, 6:14 PM"\r\n'
    'Björn,Ström,,Spotify,PM,"12/25/17, 9:00 AM"\r\n'
).encode("cp1252")

OLD_MESSAGES = """From,To,Date,Subject,Content,Direction
Zoë Łukasiewicz,Kim Example,"1/9/18, 8:00 AM",Hello,"Hi Kim, great to connect.",INCOMING
Kim Example,Björn Ström,"12/26/17, 10:00 AM",Re: coffee,"Coffee next week?",OUTGOING
Kim Example,"Ström, Björn","12/27/17, 10:00 AM",Re: coffee,"Tuesday works",OUTGOING
"""

NEW_MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
    "c1,,Kim Example,https://www.linkedin.com/in/kimexample,Anita Nayak,"
    "https://www.linkedin.com/in/anitanayak,2024-03-15 10:00:00 UTC,,"
    '"Hi Anita, thanks for connecting!",INBOX,No\n'
    "c1,,Anita Nayak,https://www.linkedin.com/in/anitanayak,Kim Example,"
    "https://www.linkedin.com/in/kimexample,2024-03-16 09:00:00 UTC,,"
    '"Happy to help. Ping me anytime.",INBOX,No\n'
)


def run(session: Session, workspace: Workspace, *uploads: Upload) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=list(uploads), today=TODAY
    )


def names(session: Session, workspace: Workspace) -> list[str]:
    return sorted(
        session.scalars(select(Person.display_name).where(Person.workspace_id == workspace.id))
    )


def participants(session: Session) -> list[list[str]]:
    """The names of each interaction's people, the earliest first."""
    found: dict[int, list[str]] = {}
    for interaction_id, name in session.execute(
        select(Participant.interaction_id, Person.display_name)
        .join(Person, Person.id == Participant.person_id)
        .order_by(Person.display_name)
    ):
        found.setdefault(interaction_id, []).append(name)
    order = session.scalars(select(Interaction.id).order_by(Interaction.occurred_at))
    return [found.get(i, []) for i in order]


def test_father_and_son_on_one_home_phone_are_asked_about_not_merged(session, workspace):
    report = run(session, workspace, Upload("family.vcf", FAMILY_VCF.encode()))
    assert [(r.outcome, r.name, r.detail) for r in report.rows] == [
        (Outcome.CREATED, "John Smith Sr.", ""),
        (
            Outcome.SUGGESTED,
            "John Smith Jr.",
            "may be John Smith Sr. (family.vcf, line 1): "
            "same phone number (+1 503-555-0144), but the names differ",
        ),
    ]
    father = session.scalar(select(Person).where(Person.display_name == "John Smith Sr."))
    assert father is not None
    assert (
        session.scalar(
            select(func.count()).select_from(Position).where(Position.person_id == father.id)
        )
        == 0
    )
    assert [p.number for p in father.phones] == ["+15035550144"]
    # A scan that merges what it is sure of leaves them apart too.
    result = duplicates.find_duplicates(session, workspace_id=workspace.id, auto_merge=True)
    assert result.merged == []
    assert names(session, workspace) == ["John Smith Jr.", "John Smith Sr."]


def test_two_generations_at_one_company_are_only_suggested(session, workspace):
    connections = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'John,"Smith, Sr.",,Nike,Director,"1/8/18, 6:14 PM"\n'
        'John,"Smith, Jr.",,Nike,Recruiter,"1/9/18, 6:14 PM"\n'
    )
    report = run(session, workspace, Upload("Connections.csv", connections.encode()))
    assert [(r.outcome, r.name) for r in report.rows] == [
        (Outcome.CREATED, "John Smith Sr."),
        (Outcome.SUGGESTED, "John Smith Jr."),
    ]
    assert "one is Jr., the other Sr." in report.rows[1].detail
    assert names(session, workspace) == ["John Smith Jr.", "John Smith Sr."]


def test_a_suffix_kept_only_in_the_whole_name_tells_the_generations_apart():
    # How `WorkspaceState` reads a vCard's N suffix (only in the whole name shown).
    from goodword.importers.state import saved_profile

    senior = saved_profile(
        Person(id=1, workspace_id=1, given_name="John", family_name="Smith",
               display_name="John Smith Sr.")
    )  # fmt: skip
    junior = saved_profile(Person(id=2, workspace_id=1, given_name="John", family_name="Smith Jr."))
    plain = saved_profile(Person(id=3, workspace_id=1, given_name="John", family_name="Smith"))
    assert (senior.generation, junior.generation, plain.generation) == ("sr", "jr", "")
    assert score(senior, junior).conflict
    assert not score(senior, plain).conflict
    assert not score(Profile(1, "john", "smith jr"), Profile(2, "john", "smith jr")).conflict


def test_a_name_a_resave_lost_letters_of_is_its_right_spelling(session, workspace):
    report = run(
        session,
        workspace,
        Upload("Connections.csv", OLD_CONNECTIONS),
        Upload("messages.csv", OLD_MESSAGES.encode()),
    )
    # The message from "Zoë Łukasiewicz" is the connection "Zoë ?ukasiewicz"'s.
    assert report.of(Outcome.CREATED)[0].name == "Zoë ?ukasiewicz"
    assert names(session, workspace) == ["Björn Ström", "Zoë ?ukasiewicz"]
    assert participants(session)[-1] == ["Zoë ?ukasiewicz"]
    again = run(
        session,
        workspace,
        Upload(
            "contacts.csv",
            "First Name,Last Name,Organization Name,Phone 1 - Value\n"
            "Zoë,Łukasiewicz,Allegro,+48 601 234 567\n".encode(),
        ),
    )
    (row,) = again.rows
    assert (row.outcome, row.name) == (Outcome.MERGED, "Zoë Łukasiewicz")
    assert "same organization" in row.detail
    assert names(session, workspace) == ["Björn Ström", "Zoë ?ukasiewicz"]


def test_a_message_a_resave_lost_letters_of_finds_the_right_spelling_saved(session, workspace):
    right = OLD_CONNECTIONS.decode("cp1252").replace("?ukasiewicz", "Łukasiewicz")
    run(session, workspace, Upload("Connections.csv", right.encode("utf-8")))
    lossy = OLD_MESSAGES.replace("Łukasiewicz", "?ukasiewicz").replace("Ström", "Str?m")
    report = run(session, workspace, Upload("messages.csv", lossy.encode("cp1252")))
    assert report.of(Outcome.CREATED) == []
    assert names(session, workspace) == ["Björn Ström", "Zoë Łukasiewicz"]
    assert sorted(p for found in participants(session) for p in found) == [
        "Björn Ström", "Björn Ström", "Zoë Łukasiewicz"
    ]  # fmt: skip


def test_a_scan_pairs_a_name_with_lost_letters_and_its_right_spelling(session, workspace):
    lossy = f.person(session, workspace.id, "Zoë ?ukasiewicz", given_name="Zoë",
                     family_name="?ukasiewicz")  # fmt: skip
    right = f.person(session, workspace.id, "Zoë Łukasiewicz", given_name="Zoë",
                     family_name="Łukasiewicz")  # fmt: skip
    f.person(session, workspace.id, "Zoë Kowalska", given_name="Zoë", family_name="Kowalska")
    result = duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert result.candidates_created == 1
    (candidate,) = session.scalars(select(DuplicateCandidate)).all()
    assert {candidate.person_a_id, candidate.person_b_id} == {lossy.id, right.id}


def test_old_messages_say_who_you_are_by_their_direction(session, workspace):
    report = run(session, workspace, Upload("messages.csv", OLD_MESSAGES.encode()))
    assert names(session, workspace) == ["Björn Ström", "Zoë Łukasiewicz"]
    (skipped,) = report.of(Outcome.SKIPPED)
    assert (skipped.file, skipped.line, skipped.name) == ("messages.csv", 2, "Kim Example")
    assert skipped.detail == (
        "the Direction column names Kim Example as you, so they are not added as a contact; "
        "import Profile.csv, or mark yourself in Goodword, to link that name to you"
    )
    assert participants(session) == [["Björn Ström"], ["Björn Ström"], ["Zoë Łukasiewicz"]]
    directions = session.scalars(select(Interaction.direction).order_by(Interaction.occurred_at))
    assert [d.value for d in directions] == ["outbound", "outbound", "inbound"]


def test_old_messages_with_you_marked_say_nothing_of_you(session, workspace):
    f.person(session, workspace.id, "Kim Example", is_me=True)
    report = run(session, workspace, Upload("messages.csv", OLD_MESSAGES.encode()))
    assert report.of(Outcome.SKIPPED) == []
    assert names(session, workspace) == ["Björn Ström", "Kim Example", "Zoë Łukasiewicz"]
    assert participants(session) == [["Björn Ström"], ["Björn Ström"], ["Zoë Łukasiewicz"]]


def test_one_correspondent_is_not_taken_for_you(session, workspace):
    report = run(session, workspace, Upload("messages.csv", NEW_MESSAGES.encode()))
    assert sorted(r.name for r in report.of(Outcome.CREATED)) == ["Anita Nayak", "Kim Example"]
    (unsure,) = report.of(Outcome.SKIPPED)
    assert (unsure.file, unsure.name) == ("messages.csv", "you")
    assert unsure.detail == (
        "Anita Nayak and Kim Example are each in every message, so Goodword could not tell "
        "which of them is you and adds each as a contact; include Profile.csv in the import, "
        "or mark yourself in Goodword and import again"
    )
    both = ["Anita Nayak", "Kim Example"]
    assert participants(session) == [both, both]
    assert set(session.scalars(select(Interaction.direction))) == {None}


def test_one_correspondent_with_you_marked_by_name(session, workspace):
    f.person(session, workspace.id, "Kim Example", is_me=True)
    report = run(session, workspace, Upload("messages.csv", NEW_MESSAGES.encode()))
    assert [r.name for r in report.of(Outcome.CREATED)] == ["Anita Nayak"]
    assert report.of(Outcome.SKIPPED) == []
    assert participants(session) == [["Anita Nayak"], ["Anita Nayak"]]
    directions = session.scalars(select(Interaction.direction).order_by(Interaction.occurred_at))
    assert [d.value for d in directions] == ["outbound", "inbound"]


def test_people_known_only_by_their_numbers_are_not_alike_by_name(session, workspace):
    # Cards with a phone and no name are named after it; two numbers a digit apart are no
    # evidence of one person (the same number still is).
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nTEL:{number}\r\nEND:VCARD\r\n"
        for number in ("+1 415 555 0111", "+1 415 555 0112", "+1 415 555 0111")
    )
    report = run(session, workspace, Upload("phone.vcf", cards.encode()))
    assert [r.outcome for r in report.rows] == [Outcome.CREATED, Outcome.CREATED, Outcome.MERGED]
    result = duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert result.candidates_created == 0
    assert session.scalar(select(func.count()).select_from(DuplicateCandidate)) == 0


def test_self_employed_is_no_employer_in_common(session, workspace):
    google = (
        "First Name,Last Name,E-mail 1 - Value,Organization Name,Organization Title\n"
        "Sam,Lee,sam@lee.example,Self-employed,Designer\n"
        "Sam,Lee,samlee@other.example,Self-employed,Photographer\n"
        "Ana,Ruiz,ana@one.example,Acme,Engineer\n"
        "Ana,Ruiz,ana@two.example,Acme,Engineer\n"
    )
    report = run(session, workspace, Upload("contacts.csv", google.encode()))
    assert [(r.name, r.outcome) for r in report.rows] == [
        ("Sam Lee", Outcome.CREATED),
        ("Sam Lee", Outcome.SUGGESTED),  # two freelancers of one name: asked, not merged
        ("Ana Ruiz", Outcome.CREATED),
        ("Ana Ruiz", Outcome.MERGED),
    ]
    sam = session.scalars(select(Person).where(Person.display_name == "Sam Lee")).all()
    assert sorted(p.title for s in sam for p in s.positions) == ["Designer", "Photographer"]
