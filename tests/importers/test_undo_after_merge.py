"""Undoing an import after a merge (SQLite and PostgreSQL): a message the merge moved onto
the person kept is no longer the import's, so the undo leaves it with them, as it leaves
one changed by hand; the import's other messages still go."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.importers import undoing
from goodword.importers.service import import_files
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Person

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Mathematician,26 Dec 2025\n"  # noqa: E501
GRACE = "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,03 Nov 2025\n"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
)
FROM_GRACE = (
    "2-abc,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Me,"
    "https://www.linkedin.com/in/me,2025-12-27 10:15:00 UTC,,Hello!,INBOX,No\n"
)
FROM_ADA = (
    "2-def,,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,Me,"
    "https://www.linkedin.com/in/me,2025-12-28 10:15:00 UTC,,Hi from Ada!,INBOX,No\n"
)


def _import(session: Session, workspace_id: int, tmp_path: Path, files: dict[str, str]):
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    report = import_files(
        session, workspace_id=workspace_id, paths_or_uploads=paths, today=TODAY, now=NOW
    )
    session.commit()
    return report


def _messages(session: Session, workspace_id: int) -> dict[str, tuple[int | None, list[int]]]:
    """Each message's words: (who wrote it, who is in it)."""
    session.expire_all()
    return {
        m.summary or "": (m.writer_id, sorted(p.person_id for p in m.participants))
        for m in session.scalars(
            select(Interaction).where(Interaction.workspace_id == workspace_id)
        )
    }


def _person(session: Session, workspace_id: int, name: str) -> int:
    return session.scalar(
        select(Person.id).where(Person.workspace_id == workspace_id, Person.display_name == name)
    )


def test_a_message_a_merge_moved_onto_who_stays_stays_with_them(session, workspace, tmp_path):
    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    hand = f.person(session, workspace.id, "Grace M. Hopper")
    session.commit()
    report = _import(
        session,
        workspace.id,
        tmp_path,
        {
            "Connections.csv": HEADER + GRACE + ADA,
            "messages.csv": MESSAGES_HEADER + FROM_GRACE + FROM_ADA,
        },
    )
    grace, ada = (
        _person(session, workspace.id, "Grace Hopper"),
        _person(session, workspace.id, "Ada Lovelace"),
    )
    assert _messages(session, workspace.id) == {
        "Hello!": (grace, [grace]),
        "Hi from Ada!": (ada, [ada]),
    }
    merge = merging.merge(
        session, workspace_id=workspace.id, survivor_id=hand.id, absorbed_id=grace
    )
    session.commit()

    # (Moved onto the person kept: no longer the import's; Ada's is.)
    imported = {
        summary: run_id
        for summary, run_id in session.execute(
            select(Interaction.summary, Interaction.import_run_id)
        )
    }
    assert imported == {"Hello!": None, "Hi from Ada!": report.id}
    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)
    assert [name for _id, name in plan.removed] == ["Ada Lovelace"]
    assert [kept.name for kept in plan.kept] == ["Grace Hopper"]
    assert plan.interactions == 1
    undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert _messages(session, workspace.id) == {"Hello!": (hand.id, [hand.id])}

    # Undoing the merge since gives Grace her message back.
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=merge.id)
    session.commit()
    assert _messages(session, workspace.id) == {"Hello!": (grace, [grace])}


def test_a_message_the_merge_took_a_repeat_out_of_is_no_longer_the_imports(
    session, workspace, tmp_path
):
    """Grace wrote from one account to her other (and you): merged, the message has her
    once, as its writer, and is not taken back by an undo of the import."""
    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    hand = f.person(
        session,
        workspace.id,
        "Grace M. Hopper",
        urls=["https://www.linkedin.com/in/grace-m-hopper"],
    )
    session.commit()
    to_both = (
        '3-grp,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,"Grace M. Hopper,Me",'
        '"https://www.linkedin.com/in/grace-m-hopper,https://www.linkedin.com/in/me",'
        "2025-12-27 10:15:00 UTC,,Testing my new account,INBOX,No\n"
    )
    report = _import(
        session,
        workspace.id,
        tmp_path,
        {"Connections.csv": HEADER + GRACE, "messages.csv": MESSAGES_HEADER + to_both},
    )
    grace = _person(session, workspace.id, "Grace Hopper")
    assert _messages(session, workspace.id) == {
        "Testing my new account": (grace, sorted([grace, hand.id]))
    }
    merging.merge(session, workspace_id=workspace.id, survivor_id=hand.id, absorbed_id=grace)
    session.commit()
    assert session.scalar(select(Interaction.import_run_id)) is None
    assert session.scalar(select(Participant.person_id)) == hand.id

    plan = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert plan.interactions == 0
    assert _messages(session, workspace.id) == {"Testing my new account": (hand.id, [hand.id])}


def test_a_merge_undone_since_leaves_the_message_with_the_person_it_gave_back(
    session, workspace, tmp_path
):
    """An undo of the merge does not make the message the import's again: both it and the
    person given back were changed by the merge, and both stay."""
    f.person(
        session, workspace.id, "Me Myself", is_me=True, urls=["https://www.linkedin.com/in/me"]
    )
    hand = f.person(session, workspace.id, "Grace M. Hopper")
    session.commit()
    report = _import(
        session,
        workspace.id,
        tmp_path,
        {"Connections.csv": HEADER + GRACE, "messages.csv": MESSAGES_HEADER + FROM_GRACE},
    )
    grace = _person(session, workspace.id, "Grace Hopper")
    merge = merging.merge(
        session, workspace_id=workspace.id, survivor_id=hand.id, absorbed_id=grace
    )
    session.commit()
    merging.undo_merge(session, workspace_id=workspace.id, merge_id=merge.id)
    session.commit()

    plan = undoing.undo(session, workspace_id=workspace.id, run_id=report.id)
    session.commit()
    assert plan.removed == [] and [kept.name for kept in plan.kept] == ["Grace Hopper"]
    assert plan.interactions == 0
    assert _messages(session, workspace.id) == {"Hello!": (grace, [grace])}
