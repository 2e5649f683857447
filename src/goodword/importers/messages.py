"""Write the messages and invitations an import found as interactions, each once.

One dated after today (`records.latest_today`) is kept as dated, and the report names its
line: the forms refuse such a date, but a file's message happened, and its date (even a
wrong clock's, or one read in the wrong order) is all the file says of when; dropping the
message, or dating it otherwise, would lose what the file holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.orm import Session

from goodword.importers.bulk import CHUNK, insert_returning, insert_rows, table_named
from goodword.importers.linkedin_messages import TITLED
from goodword.importers.plan import Plan, PlannedInteraction
from goodword.importers.report import ImportReport
from goodword.interactions.models import (
    INVITATION_ID,
    Direction,
    Interaction,
    InteractionKind,
    Participant,
)
from goodword.records import latest_today


def write_interactions(
    session: Session,
    *,
    workspace_id: int,
    plan: Plan,
    report: ImportReport,
    person_id: Callable[[int], int],
    run_id: int | None = None,
) -> None:
    """Add the planned interactions not already held (by external id, or the id an earlier
    version gave them: such a one takes its id of now), with their participants
    (`person_id` turns a plan's target into a person id), and count them. Those added name
    the import (`run_id`), for undoing it."""
    wanted = plan.interactions
    ids = sorted({i for p in wanted for i in (p.incoming.external_id, p.incoming.former_id) if i})
    existing: set[str] = set()
    # Messages kept before with no writer (an earlier version kept none), still saying they
    # came in (the user may have changed that since): id by external id.
    writerless: dict[str, int] = {}
    for start in range(0, len(ids), CHUNK):
        for row_id, external_id, writer_id, direction in session.execute(
            select(
                Interaction.id,
                Interaction.external_id,
                Interaction.writer_id,
                Interaction.direction,
            ).where(
                and_(
                    Interaction.workspace_id == workspace_id,
                    Interaction.external_id.in_(ids[start : start + CHUNK]),
                )
            )
        ):
            if external_id is None:  # (not asked for; for the type checker)
                continue
            existing.add(external_id)
            if writer_id is None and direction is Direction.INBOUND:
                writerless[external_id] = row_id
    # Messages kept with nobody in them (their people were deleted since): the people this
    # import finds for them are put back in them (a deleted person brought back by reapply).
    empty = _with_nobody(session, workspace_id, existing)
    given_back: list[tuple[int, PlannedInteraction]] = []
    writers: list[tuple[int, int]] = []  # (interaction, person) to fill in
    gone: list[int] = []  # kept before, now known to be from a deleted or hidden account
    fresh = []
    renamed: list[dict[str, str]] = []
    today = latest_today()
    for planned in wanted:
        incoming = planned.incoming
        if incoming.external_id in existing:
            report.interactions_existing += 1
            if incoming.external_id in empty:
                given_back.append((empty.pop(incoming.external_id), planned))
            elif planned.writer is not None and incoming.external_id in writerless:
                writers.append((writerless.pop(incoming.external_id), person_id(planned.writer)))
            elif planned.writer_gone and incoming.external_id in writerless:
                gone.append(writerless.pop(incoming.external_id))
            continue
        if incoming.former_id in existing:
            report.interactions_existing += 1
            if planned.writer is not None and incoming.former_id in writerless:
                writers.append((writerless.pop(incoming.former_id), person_id(planned.writer)))
            elif planned.writer_gone and incoming.former_id in writerless:
                gone.append(writerless.pop(incoming.former_id))
            renamed.append({"b_former": incoming.former_id, "b_id": incoming.external_id[:300]})
            existing.discard(incoming.former_id)
            existing.add(incoming.external_id)
            continue
        existing.add(incoming.external_id)
        fresh.append(planned)
    held = _held_otherwise(session, workspace_id, fresh, person_id)
    report.interactions_existing += len(held)
    fresh = [planned for index, planned in enumerate(fresh) if index not in held]
    for planned in fresh:
        incoming = planned.incoming
        if incoming.occurred_at.date() > today:
            invited = incoming.external_id.startswith(INVITATION_ID)
            report.notes.append(
                f"{incoming.file_name}, line {incoming.line}: "
                f"{'an invitation' if invited else 'a message'} dated "
                f"{incoming.occurred_at.date()}, a day still to come; kept as dated (edit it "
                "in Goodword if the date is wrong)"
            )
    if renamed:
        table = table_named("interactions")
        session.execute(
            update(table)
            .where(
                table.c.workspace_id == workspace_id,
                table.c.external_id == bindparam("b_former"),
            )
            .values(external_id=bindparam("b_id")),
            renamed,
        )
    rows = [
        {"workspace_id": workspace_id, "occurred_at": p.incoming.occurred_at,
         "kind": p.incoming.kind, "summary": p.incoming.summary or None,
         "direction": p.direction, "external_id": p.incoming.external_id[:300],
         "writer_id": None if p.writer is None else person_id(p.writer),
         "writer_gone": p.writer_gone, "import_run_id": run_id}
        for p in fresh
    ]  # fmt: skip
    new_ids = insert_returning(session, Interaction, rows)
    participants = [
        {"workspace_id": workspace_id, "interaction_id": interaction_id,
         "person_id": person_id(target)}
        for interaction_id, planned in zip(new_ids, fresh, strict=True)
        for target in dict.fromkeys(planned.participants)
    ]  # fmt: skip
    insert_rows(session, Participant, participants)
    report.interactions_created += len(rows)
    _give_back(session, workspace_id, given_back, person_id, report)
    _fill_in_writers(session, workspace_id, writers, report)
    if gone:
        table = table_named("interactions")
        for start in range(0, len(gone), CHUNK):
            session.execute(
                update(table)
                .where(table.c.id.in_(gone[start : start + CHUNK]))
                .values(writer_gone=True)
            )
    for file in report.files:
        file.interactions = sum(1 for p in fresh if p.incoming.file_name == file.name)


# A LinkedIn message's id: its conversation's id, then what tells it from the others in it.
_CONVERSATION = re.compile(r"(linkedin-message:[^:]+:)")


def _held_otherwise(
    session: Session,
    workspace_id: int,
    fresh: list[PlannedInteraction],
    person_id: Callable[[int], int],
) -> set[int]:
    """Which of the messages not held by their id are held all the same, imported from
    another copy of them (a newer archive names someone by a new profile link, an old
    archive's shape has no links and its times no seconds, so the same message gets
    another id): of the same kind and text, as `_Held.copy_of` compares them."""
    if not fresh:
        return set()
    held: dict[_Key, list[_Held]] = {}
    found: dict[int, tuple[_Key, _Held]] = {}
    minutes = {_minute(planned.incoming.occurred_at) for planned in fresh}
    kinds = {planned.incoming.kind for planned in fresh}
    for first, last in _stretches(sorted(minutes)):
        for row_id, when, kind, summary, external_id, direction, writer in session.execute(
            select(
                Interaction.id,
                Interaction.occurred_at,
                Interaction.kind,
                Interaction.summary,
                Interaction.external_id,
                Interaction.direction,
                Interaction.writer_id,
            ).where(
                Interaction.workspace_id == workspace_id,
                # (Read by the time index; the minutes wanted are picked out here, as one
                # condition a minute would cost more to build and check than it saves.)
                Interaction.occurred_at.between(first, last),
                Interaction.kind.in_(kinds),
                Interaction.external_id.is_not(None),
            )
        ):
            if _minute(when) not in minutes:
                continue
            key = (_minute(when), kind, _text(summary))
            found[row_id] = (key, _Held(when, external_id or "", set(), writer, direction))
    ids = sorted(found)
    for start in range(0, len(ids), CHUNK):
        for interaction_id, person in session.execute(
            select(Participant.interaction_id, Participant.person_id).where(
                Participant.workspace_id == workspace_id,
                Participant.interaction_id.in_(ids[start : start + CHUNK]),
            )
        ):
            found[interaction_id][1].people.add(person)
    for key, entry in found.values():
        held.setdefault(key, []).append(entry)
    same: set[int] = set()
    for index, planned in enumerate(fresh):
        incoming = planned.incoming
        key = (_minute(incoming.occurred_at), incoming.kind, _text(incoming.summary))
        writer = None if planned.writer is None else person_id(planned.writer)
        mine = _Held(
            incoming.occurred_at,
            incoming.external_id,
            {person_id(target) for target in planned.participants},
            writer,
            planned.direction,
        )
        if any(mine.copy_of(other) for other in held.get(key, ())):
            same.add(index)
        else:
            # (Two copies in one import, an old file and a newer one: the first is kept.)
            held.setdefault(key, []).append(mine)
    return same


def _text(summary: str | None) -> str:
    """A message's text as two copies of it are compared: its spacing evened out, and
    without its conversation's title (a copy in an old archive's shape names none)."""
    return " ".join(TITLED.sub("", summary or "").split())


@dataclass(slots=True)
class _Held:
    """A message held, or kept by this import, as `_held_otherwise` compares them."""

    when: datetime
    external_id: str
    people: set[int]
    writer: int | None
    direction: Direction | None

    def copy_of(self, other: _Held) -> bool:
        """Whether this message is `other` (of the same kind, minute and text) from another
        copy of the archive: its direction the same where both say one (an import that
        cannot tell who you are says none); in one conversation at the same time (or the
        same minute, when one copy gives no seconds), whoever wrote it as people are found
        now; else, where one copy names no conversation, by the same writer (where both
        say) to one of the same people."""
        if _UNNUMBERED.sub("", self.external_id) == _UNNUMBERED.sub("", other.external_id):
            return False  # (a message a file gives twice is two, sent twice: "…#2")
        if None not in (self.direction, other.direction) and self.direction != other.direction:
            return False
        same_time = self.when == other.when or _minute(self.when) in (self.when, other.when)
        mine = _CONVERSATION.match(self.external_id)
        theirs = _CONVERSATION.match(other.external_id)
        if mine and theirs:
            return mine[1] == theirs[1] and same_time
        if None not in (self.writer, other.writer) and self.writer != other.writer:
            return False
        return same_time and bool(self.people & other.people)


_Key = tuple[datetime, InteractionKind, str]
_UNNUMBERED = re.compile(r"#[0-9]+$")
# Minutes further apart than this are read by queries of their own (not the held messages
# between them).
_APART = timedelta(days=1)


def _minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def _stretches(minutes: list[datetime]) -> list[tuple[datetime, datetime]]:
    """The stretches of time that hold the (sorted) minutes, each from the first minute's
    start to the last one's end, a new one wherever two are more than `_APART` apart."""
    stretches: list[tuple[datetime, datetime]] = []
    for minute in minutes:
        end = minute + timedelta(seconds=59, microseconds=999_999)
        if stretches and minute - stretches[-1][1] <= _APART:
            stretches[-1] = (stretches[-1][0], end)
        else:
            stretches.append((minute, end))
    return stretches


def _with_nobody(session: Session, workspace_id: int, external_ids: set[str]) -> dict[str, int]:
    """External id -> interaction id of the messages among these kept with nobody in them."""
    found: dict[str, int] = {}
    ids = sorted(external_ids)
    for start in range(0, len(ids), CHUNK):
        anyone = select(Participant.id).where(Participant.interaction_id == Interaction.id)
        found.update(
            (external_id, row_id)
            for row_id, external_id in session.execute(
                select(Interaction.id, Interaction.external_id).where(
                    Interaction.workspace_id == workspace_id,
                    Interaction.external_id.in_(ids[start : start + CHUNK]),
                    ~anyone.exists(),
                )
            )
            if external_id is not None
        )
    return found


def _give_back(
    session: Session,
    workspace_id: int,
    given_back: list[tuple[int, PlannedInteraction]],
    person_id: Callable[[int], int],
    report: ImportReport,
) -> None:
    """Put this import's people back in messages kept with nobody in them, and their writer."""
    if not given_back:
        return
    insert_rows(
        session,
        Participant,
        [
            {"workspace_id": workspace_id, "interaction_id": interaction_id,
             "person_id": person_id(target)}
            for interaction_id, planned in given_back
            for target in dict.fromkeys(planned.participants)
        ],
    )  # fmt: skip
    writers = [
        {"b_id": interaction_id, "b_writer": person_id(planned.writer)}
        for interaction_id, planned in given_back
        if planned.writer is not None
    ]
    if writers:
        table = table_named("interactions")
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(writer_id=bindparam("b_writer")),
            writers,
        )
    count = len(given_back)
    report.notes.append(
        f"{count:,} {'message' if count == 1 else 'messages'} kept with nobody in "
        f"{'it' if count == 1 else 'them'} (their people were deleted) "
        f"{'has its' if count == 1 else 'have their'} people again."
    )


def _fill_in_writers(
    session: Session, workspace_id: int, writers: list[tuple[int, int]], report: ImportReport
) -> None:
    """Name the writer of messages kept before without one (their import kept none), where
    the writer is still among the message's people (one the user took off stays off)."""
    if not writers:
        return
    taking_part: set[tuple[int, int]] = set()
    for start in range(0, len(writers), CHUNK):
        chunk = [interaction_id for interaction_id, _ in writers[start : start + CHUNK]]
        rows = session.execute(
            select(Participant.interaction_id, Participant.person_id).where(
                Participant.workspace_id == workspace_id, Participant.interaction_id.in_(chunk)
            )
        )
        taking_part.update((interaction_id, person) for interaction_id, person in rows)
    filled = [
        {"b_id": interaction_id, "b_writer": person}
        for interaction_id, person in writers
        if (interaction_id, person) in taking_part
    ]
    if not filled:
        return
    table = table_named("interactions")
    session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(writer_id=bindparam("b_writer")),
        filled,
    )
    people = Counter(interaction_id for interaction_id, _ in taking_part)
    groups = sum(1 for row in filled if people[row["b_id"]] > 1)
    if groups:
        report.notes.append(
            f"{groups} group message{'s' if groups != 1 else ''} imported before now "
            f"name{'' if groups != 1 else 's'} who wrote {'them' if groups != 1 else 'it'}"
        )
