"""LinkedIn messages: drafts are left out, LinkedIn's placeholder senders are no one to add,
and HTML text (InMail) is stored as plain text."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.duplicates.models import DuplicateCandidate
from goodword.importers import registry
from goodword.importers.plaintext import plain_text
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Parsed
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.interactions.models import Direction, Interaction
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)
DELETED = (
    "a conversation with a deleted or hidden account only (LinkedIn shows it as "
    "'LinkedIn Member'); no one to add it to"
)


def parse(name: str) -> Parsed:
    (document,) = documents([DATA / name])
    parsed = registry.parse(document)
    assert parsed is not None
    return parsed


def skipped(parsed: Parsed) -> list[tuple[int | None, str]]:
    return sorted((s.line, s.reason) for s in parsed.skipped)


def test_drafts_and_placeholder_conversations_are_skipped_with_reasons():
    parsed = parse("messages_placeholders.csv")
    assert skipped(parsed) == [
        (3, "a draft, never sent"),
        (4, "a draft, never sent"),
        (5, "a draft, never sent"),
        (6, DELETED),
        (7, DELETED),
        (8, "an advertisement (LinkedIn shows its sender as 'Sponsored'), not a conversation "
            "with a person"),
        (9, "a message from LinkedIn itself, not from a person"),
    ]  # fmt: skip
    assert parsed.notes == ["messages_placeholders.csv: 3 drafts left out (never sent)"]
    assert [i.line for i in parsed.interactions] == [2, 10, 11]
    everyone = {r.name or r.url for i in parsed.interactions for r in (i.sender, *i.recipients)}
    assert everyone == {"Marcus Reid", "Alice Example", "Ada Lovelace"}


def test_spam_and_sponsored_messages_are_left_out_and_said(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        NEW_SHAPE + "2-p==,,Crypto Guru,https://www.linkedin.com/in/cryptoguru,Alice Example,"
        "https://www.linkedin.com/in/alice-example,2025-06-11 11:00:00 UTC,,Invest now!!!,"
        "SPAM,No\n" + "2-s==,Sponsored Conversation,Ada Recruiter,,Alice Example,"
        "https://www.linkedin.com/in/alice-example,2024-05-01 08:00:00 UTC,,Hi there,INBOX,No\n"
        + "2-t==,,Bo Ads,,Alice Example,https://www.linkedin.com/in/alice-example,2024-05-02 "
        '08:00:00 UTC,,"<p class=""spinmail-quill-editor__spin-break"">Hi %FIRSTNAME%,</p>",'
        "INBOX,No\n" + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks for connecting!")
    )
    (document,) = documents([path])
    parsed = registry.parse(document)
    assert parsed is not None
    assert [i.line for i in parsed.interactions] == [5]
    assert skipped(parsed) == [
        (2, "a message LinkedIn filed as spam, not a conversation with someone you know"),
        (3, "a sponsored message (an advertiser's, sent as if from a person), not a "
            "conversation with someone you know"),
        (4, "a sponsored message (an advertiser's, sent as if from a person), not a "
            "conversation with someone you know"),
    ]  # fmt: skip
    assert parsed.notes == [
        "messages.csv: 1 message LinkedIn filed as spam left out",
        "messages.csv: 2 messages sponsored (adverts) left out",
    ]


def test_old_messages_skip_drafts_and_deleted_accounts_too():
    parsed = parse("messages_old_drafts.csv")
    assert skipped(parsed) == [(3, "a draft, never sent"), (4, DELETED)]
    assert parsed.notes == ["messages_old_drafts.csv: 1 draft left out (never sent)"]
    assert [i.line for i in parsed.interactions] == [2]


def test_html_text_is_read_as_plain_text_with_its_paragraphs():
    inmail, _group, plain = parse("messages_placeholders.csv").interactions
    assert inmail.summary == (
        "A role at Kestrel Labs\n\nHello Alice,\n\nWe have a role & a team.\nDetails: the "
        "posting (https://www.linkedin.com/jobs/view/4012345)"
    )
    # Plain text keeps what only looks like markup; a whole entity is still unescaped.
    assert plain.summary == "See you at the Q&A \u2013 R&D team too"
    assert plain_text("a <3 b, x<y") == "a <3 b, x<y"
    assert plain_text('<a href="https://x.example/j">https://x.example/j</a>') == (
        "https://x.example/j"
    )


def test_importing_messages_adds_no_placeholder_people_and_no_draft(
    session: Session, workspace: Workspace
) -> None:
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / "Profile.csv", DATA / "messages_placeholders.csv"],
        today=TODAY,
    )
    names = set(session.scalars(select(Person.display_name)))
    assert names == {"Alice Example", "Marcus Reid", "Ada Lovelace"}
    stored = session.execute(
        select(Interaction.summary, Interaction.direction).order_by(Interaction.occurred_at)
    ).all()
    assert [direction for _summary, direction in stored] == [
        Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND,
    ]  # fmt: skip
    assert not any("<p>" in summary or "raft" in summary for summary, _ in stored)
    assert len(report.of(Outcome.SKIPPED)) == 7
    assert "messages_placeholders.csv: 3 drafts left out (never sent)" in report.notes
    files = {f.name: (f.rows, f.skipped) for f in report.files}
    assert files["messages_placeholders.csv"] == (10, 7)


NEW_SHAPE = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
)
ALICE = "Alice Example,https://www.linkedin.com/in/alice-example"


def carla(name: str, when: str, text: str, *, outbound: bool = False) -> str:
    her = f"{name},https://www.linkedin.com/in/carla"
    sender, recipient = (ALICE, her) if outbound else (her, ALICE)
    return f"2-abc,,{sender},{recipient},{when},,{text},INBOX,No\n"


def import_messages(session: Session, workspace: Workspace, path: Path):
    return import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / "Profile.csv", path],
        today=TODAY,
    )


def test_a_newer_archive_finds_the_messages_of_someone_who_changed_their_name(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    first = tmp_path / "a" / "messages.csv"
    first.parent.mkdir()
    first.write_text(
        NEW_SHAPE
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks for connecting!")
        + carla("Carla Jones", "2025-12-27 11:02:41 UTC", "Likewise.", outbound=True)
        # The same words twice in one second are two messages.
        + carla("Carla Jones", "2025-12-27 11:02:41 UTC", "Likewise.", outbound=True)
    )
    assert import_messages(session, workspace, first).interactions_created == 3
    newer = tmp_path / "b" / "messages.csv"
    newer.parent.mkdir()
    newer.write_text(
        NEW_SHAPE
        + carla("Carla Smith", "2025-12-27 10:15:00 UTC", "Thanks for connecting!")
        + carla("Carla Smith", "2025-12-27 11:02:41 UTC", "Likewise.", outbound=True)
        + carla("Carla Smith", "2025-12-27 11:02:41 UTC", "Likewise.", outbound=True)
        + carla("Carla Smith", "2026-02-01 09:00:00 UTC", "Congrats on the new job")
    )

    report = import_messages(session, workspace, newer)

    assert (report.interactions_created, report.interactions_existing) == (1, 3)
    assert session.scalar(select(func.count()).select_from(Interaction)) == 4


def test_a_newer_archive_finds_the_messages_of_someone_whose_profile_link_changed(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    first = tmp_path / "a" / "messages.csv"
    first.parent.mkdir()
    first.write_text(
        NEW_SHAPE
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks for connecting!")
        + carla("Carla Jones", "2025-12-27 11:02:41 UTC", "Likewise.", outbound=True)
    )
    assert import_messages(session, workspace, first).interactions_created == 2
    newer = tmp_path / "b" / "messages.csv"
    newer.parent.mkdir()
    newer.write_text(
        (
            NEW_SHAPE
            + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks for connecting!")
            + carla("Carla Jones", "2025-12-27 11:02:41 UTC", "Likewise.", outbound=True)
            + carla("Carla Jones", "2026-02-01 09:00:00 UTC", "Congrats on the new job")
        ).replace("/in/carla", "/in/carlajones")
        # Another conversation, the same words at the same time as one held: another message.
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks for connecting!")
        .replace("2-abc", "2-xyz")
        .replace(
            "Carla Jones,https://www.linkedin.com/in/carla", "Bo Li,https://www.linkedin.com/in/bo"
        )
    )

    report = import_messages(session, workspace, newer)

    assert (report.interactions_created, report.interactions_existing) == (2, 2)


def test_held_messages_months_apart_are_each_found_under_a_changed_link(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    rows = [
        carla("Carla Jones", "2025-03-01 08:00:59 UTC", "Coffee?"),
        carla("Carla Jones", "2025-07-14 17:30:00 UTC", "Lunch?", outbound=True),
        carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks for connecting!"),
    ]
    first = tmp_path / "a" / "messages.csv"
    first.parent.mkdir()
    first.write_text(NEW_SHAPE + rows[0] + rows[2])
    assert import_messages(session, workspace, first).interactions_created == 2
    newer = tmp_path / "b" / "messages.csv"
    newer.parent.mkdir()
    newer.write_text((NEW_SHAPE + "".join(rows)).replace("/in/carla", "/in/carlajones"))

    report = import_messages(session, workspace, newer)

    # The first and last were held; July's, between them, was not.
    assert (report.interactions_created, report.interactions_existing) == (1, 2)


def test_messages_imported_without_you_known_are_found_in_an_old_archive_after(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    # Without your profile an import cannot tell which way a message went: it says none.
    new = tmp_path / "new" / "messages.csv"
    new.parent.mkdir()
    new.write_text(NEW_SHAPE + carla("Carla Jones", "2025-12-27 10:15:33 UTC", "Thanks!"))
    first = import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=[new])
    assert first.interactions_created == 1
    old = tmp_path / "old.csv"
    old.write_text(
        "From,To,Date,Subject,Content,Direction\n"
        'Carla Jones,Alice Example,"12/27/25, 10:15 AM",,Thanks!,INCOMING\n'
    )
    again = import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=[old])
    assert (again.interactions_created, again.interactions_existing) == (0, 1)


def test_the_same_words_in_another_direction_or_conversation_are_another_message(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        NEW_SHAPE
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks!")
        + carla("Carla Jones", "2025-12-27 10:15:41 UTC", "Thanks!", outbound=True)
        # The same words, the same second, to Carla in a group: another conversation.
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Thanks!").replace("2-abc", "2-grp")
    )
    old = tmp_path / "old.csv"
    old.write_text(
        "From,To,Date,Subject,Content,Direction\n"
        'Carla Jones,Alice Example,"12/31/25, 11:59 PM",,Happy new year!,INCOMING\n'
        'Alice Example,Carla Jones,"12/31/25, 11:59 PM",,Happy new year!,OUTGOING\n'
    )
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[DATA / "Profile.csv", path, old],
    )  # fmt: skip
    assert (report.interactions_created, report.interactions_existing) == (5, 0)


def test_messages_in_an_old_archive_and_a_newer_one_are_kept_once(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    # The old shape has no links and its times no seconds; the new one has both.
    old = tmp_path / "old" / "messages.csv"
    old.parent.mkdir()
    old.write_text(
        "From,To,Date,Subject,Content,Direction\n"
        'Carla Jones,Alice Example,"12/27/25, 10:15 AM",,Thanks for connecting!,INCOMING\n'
        'Carla Jones,Alice Example,"12/27/25, 10:15 AM",,Another one,INCOMING\n'
    )
    new = tmp_path / "new" / "messages.csv"
    new.parent.mkdir()
    new.write_text(
        NEW_SHAPE
        + carla("Carla Jones", "2025-12-27 10:15:33 UTC", "Thanks for connecting!")
        + carla("Carla Jones", "2025-12-27 10:16:02 UTC", "Another one")
    )

    first = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[DATA / "Profile.csv", old, new],
    )  # fmt: skip

    assert (first.interactions_created, first.interactions_existing) == (3, 1)
    again = import_messages(session, workspace, new)
    assert (again.interactions_created, again.interactions_existing) == (0, 2)
    assert session.scalar(select(func.count()).select_from(Interaction)) == 3


@pytest.mark.parametrize("together", [True, False])
def test_someone_met_by_name_first_gets_the_profile_a_message_names_them_by(
    session: Session, workspace: Workspace, tmp_path: Path, together: bool
) -> None:
    # The second part of a split archive comes first: a recommendation adds Jose by name,
    # his messages name his profile, and his connection row later finds him by it.
    (tmp_path / "messages.csv").write_text(
        NEW_SHAPE + "2-abc,,Jose Ruiz,https://www.linkedin.com/in/jose-ruiz-77,"
        f"{ALICE},2025-12-27 10:15:33 UTC,,Hola,INBOX,No\n"
    )
    (tmp_path / "Recommendations_Received.csv").write_text(
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        'Jose,Ruiz,Kestrel Labs,Data Scientist,Alice is great.,"03/14/24, 10:22 AM",VISIBLE\n'
    )
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jose,Ruiz,https://www.linkedin.com/in/jose-ruiz-77,,Kestrel Labs,Data Scientist,"
        "26 Dec 2025\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[
            tmp_path / "messages.csv", tmp_path / "Recommendations_Received.csv",
            DATA / "Profile.csv",
        ] if together else [tmp_path / "Recommendations_Received.csv", DATA / "Profile.csv"],
    )  # fmt: skip
    if not together:  # (the archive's other part, imported on another day)
        import_files(
            session, workspace_id=workspace.id, today=TODAY,
            paths_or_uploads=[tmp_path / "messages.csv"],
        )  # fmt: skip
    later = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[tmp_path / "Connections.csv"],
    )  # fmt: skip

    assert later.of(Outcome.CREATED) == [] and later.of(Outcome.SUGGESTED) == []
    jose = session.scalars(select(Person).where(Person.display_name == "Jose Ruiz")).one()
    assert [u.url for u in jose.urls] == ["https://www.linkedin.com/in/jose-ruiz-77"]


def test_someone_known_before_by_name_alone_is_not_given_a_message_s_profile(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    neighbour = tmp_path / "contacts.vcf"
    neighbour.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jose Ruiz\r\nN:Ruiz;Jose;;;\r\nEND:VCARD\r\n"
    )
    import_files(session, workspace_id=workspace.id, today=TODAY, paths_or_uploads=[neighbour])
    (tmp_path / "messages.csv").write_text(
        NEW_SHAPE + "2-abc,,Jose Ruiz,https://www.linkedin.com/in/jose-ruiz-77,"
        f"{ALICE},2025-12-27 10:15:33 UTC,,Hola,INBOX,No\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[tmp_path / "messages.csv", DATA / "Profile.csv"],
    )  # fmt: skip
    jose = session.scalars(select(Person).where(Person.display_name == "Jose Ruiz")).one()
    assert jose.urls == []


def test_a_message_from_a_name_two_people_have_waits_beside_both(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'John,Smith,,Acme,Engineer,"1/8/18, 6:14 PM"\n'
        'John,Smith,,Hooli,Designer,"1/9/18, 6:14 PM"\n'
    )
    messages = tmp_path / "messages.csv"
    messages.write_text(
        "From,To,Date,Subject,Content,Direction\n"
        'John Smith,Alice Example,"1/9/22, 10:00 AM",Hi,Hi from a John,INCOMING\n'
    )
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[DATA / "Profile.csv", connections, messages],
    )  # fmt: skip
    (added,) = [r for r in report.rows if r.file.endswith("messages.csv")]
    assert added.outcome is Outcome.CREATED
    assert added.detail == (
        "named in a message or invitation; 2 people here have that name, so they were added "
        "apart and wait beside them under possible duplicates"
    )
    pairs = session.execute(
        select(DuplicateCandidate.person_a_id, DuplicateCandidate.person_b_id)
    ).all()
    assert len([pair for pair in pairs if added.person_id in pair]) == 2


def test_a_re_saved_old_messages_file_adds_no_message_twice(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    # A spreadsheet writes LinkedIn's "1/8/18, 6:14 PM" as "1/8/2018 18:14": the same time.
    head = "From,To,Date,Subject,Content,Direction\n"
    rows = [
        ("1/8/18, 6:14 PM", "1/8/2018 18:14"),
        ("1/9/18, 9:00 AM", "1/9/2018 9:00"),
    ]
    original, resaved = tmp_path / "a.csv", tmp_path / "b.csv"
    original.write_text(head + "".join(
        f'Ada Lovelace,Alice Example,"{then}",Coffee?,Shall we talk {n}?,INCOMING\n'
        for n, (then, _) in enumerate(rows)
    ))  # fmt: skip
    resaved.write_text(head + "".join(
        f"Ada Lovelace,Alice Example,{again},Coffee?,Shall we talk {n}?,INCOMING\r\n"
        for n, (_, again) in enumerate(rows)
    ))  # fmt: skip
    assert import_messages(session, workspace, original).interactions_created == 2

    report = import_messages(session, workspace, resaved)

    assert (report.interactions_created, report.interactions_existing) == (0, 2)


def test_messages_an_earlier_version_imported_are_found_by_their_old_ids(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    # Ids were made from the names and dates as written: such a message is found by that
    # id, and takes its id of now.
    path = tmp_path / "messages.csv"
    path.write_text(NEW_SHAPE + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Hi there"))
    import_messages(session, workspace, path)
    (message,) = session.scalars(select(Interaction)).all()
    now = message.external_id
    digest = hashlib.sha1(
        "\x1f".join(
            ["Carla Jones", "Alice Example", "2025-12-27 10:15:00 UTC", "", "Hi there"]
        ).encode()
    ).hexdigest()[:20]
    message.external_id = f"linkedin-message:2-abc:{digest}"
    session.flush()

    report = import_messages(session, workspace, path)

    assert (report.interactions_created, report.interactions_existing) == (0, 1)
    session.refresh(message)
    assert message.external_id == now


def test_a_message_that_names_no_one_but_you_is_reported_skipped(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        NEW_SHAPE
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Hi")
        + f"2-xyz,,,,{ALICE},2025-12-28 10:00:00 UTC,,From nobody,INBOX,No\n"
    )

    report = import_messages(session, workspace, path)

    assert [(r.line, r.detail) for r in report.of(Outcome.SKIPPED)] == [
        (3, "a message that names no one but you: no one to add it to")
    ]
    files = {f.name: (f.rows, f.interactions, f.skipped) for f in report.files}
    assert files["messages.csv"] == (2, 1, 1)


def test_you_are_found_in_the_messages_beside_an_invitations_file_without_profiles(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    # An older Invitations.csv gives names only: the profile in every message that gives
    # profiles is still you (it was counted against the invitations too, and fell short).
    messages = tmp_path / "messages.csv"
    messages.write_text(
        NEW_SHAPE
        + carla("Carla Jones", "2025-12-27 10:15:00 UTC", "Hi")
        + carla("Carla Jones", "2025-12-27 10:16:00 UTC", "Hello", outbound=True)
    )
    invitations = tmp_path / "Invitations.csv"
    invitations.write_text(
        "From,To,Sent At,Message,Direction\n"
        + "".join(f'Alice Example,Person {n},"12/2{n}/25, 9:14 AM",,OUTGOING\n' for n in range(4))
    )
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / "Profile.csv", messages, invitations],
        today=TODAY,
    )
    alice = session.scalar(select(Person.id).where(Person.is_me))
    stored = session.scalars(
        select(Interaction).where(Interaction.summary.in_(["Hi", "Hello"]))
    ).all()
    assert sorted(i.direction for i in stored) == [Direction.INBOUND, Direction.OUTBOUND]
    assert all(alice not in [p.person_id for p in i.participants] for i in stored)


def test_chats_with_linkedins_own_assistant_are_no_one_s_conversation(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    # guide_messages.csv has messages.csv's columns (LinkedIn writes its assistant's chats
    # with you in that shape): in an archive it is passed over, never someone to add.
    export = tmp_path / "Basic_LinkedInDataExport_02-10-2026"
    export.mkdir()
    for name in ("Profile.csv", "messages.csv", "guide_messages.csv"):
        (export / name).write_bytes((DATA / name).read_bytes())
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[export], today=TODAY
    )
    names = set(session.scalars(select(Person.display_name)))
    assert "Career Guide" not in names
    assert not any("referral" in s for s in session.scalars(select(Interaction.summary)))
    labels = {f.name.rsplit("/", 1)[-1]: f.label for f in report.files}
    assert labels["guide_messages.csv"] == (
        "not read: your chats with LinkedIn's own assistant, not conversations with people"
    )
    # Named on its own, it is refused, saying which file holds the messages.
    with pytest.raises(ImportFileError) as refused:
        import_files(
            session, workspace_id=workspace.id, paths_or_uploads=[DATA / "guide_messages.csv"],
            today=TODAY,
        )  # fmt: skip
    assert refused.value.message == (
        "guide_messages.csv: holds your chats with LinkedIn's own assistant, not "
        "conversations with people, so there is nothing in it to import. To import your "
        "messages, import messages.csv from the same archive (or the whole archive)."
    )


def test_a_group_conversation_s_title_is_kept_with_its_messages(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    first = import_messages(session, workspace, DATA / "messages_group.csv")
    assert first.interactions_created == 3
    summaries = list(session.scalars(select(Interaction.summary).order_by(Interaction.occurred_at)))
    assert summaries == [
        "Conversation: PyCon 2026 speakers\n\nSlides are due Friday.",
        "Conversation: PyCon 2026 speakers\n\nMine are ready.",
        "Coffee after the talks?",
    ]
    # A newer archive where Ada's profile link changed gives the messages other ids: they
    # are found by their text all the same, the title no part of it.
    newer = tmp_path / "messages.csv"
    newer.write_text(
        (DATA / "messages_group.csv").read_text().replace("in/ada-lovelace", "in/ada-l-1815")
    )
    again = import_messages(session, workspace, newer)
    assert (again.interactions_created, again.interactions_existing) == (0, 3)
    # So is a copy in an old archive's shape, which names no conversation nor its title.
    old = tmp_path / "old" / "messages.csv"
    old.parent.mkdir()
    old.write_text(
        "From,To,Date,Subject,Content,Direction\n"
        'Ada Lovelace,"Alice Example, Grace Hopper","3/2/26, 5:04 PM",,Slides are due Friday.,'
        "INCOMING\n"
    )
    oldest = import_messages(session, workspace, old)
    assert (oldest.interactions_created, oldest.interactions_existing) == (0, 1)
