"""LinkedIn messages: drafts are left out, LinkedIn's placeholder senders are no one to add,
and HTML text (InMail) is stored as plain text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import registry
from goodword.importers.plaintext import plain_text
from goodword.importers.reading import documents
from goodword.importers.records import Parsed
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
