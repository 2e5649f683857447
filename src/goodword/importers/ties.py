"""Link the user to their LinkedIn connections as an import is written.

A connection's record that is a newer copy of one imported before moves its tie's date to
the file's, unless the date was set apart from the record (by hand, say): see `_given_by`.
A date still to come is no tie's date: the tie is made without one, the date goes to its
notes, and the report names the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.importers.bulk import insert_rows, table_named
from goodword.importers.left_out import named, waiting
from goodword.importers.plan import Plan
from goodword.importers.records import IncomingPerson
from goodword.importers.report import ImportReport
from goodword.records import latest_today

# The source of the ties an import makes.
IMPORTED = "LinkedIn"


def changed_since(tie: Connection, since: date | None) -> str | None:
    """Why the LinkedIn tie an import made (of date `since`) is no longer as it made it, in
    the words an undo or a split says it stays with; None while it is exactly so: its date,
    no closeness, its source, and no notes but the date still to come it keeps there."""
    if tie.since != since:
        return "your LinkedIn tie (its date changed since)"
    notes = tie.notes is None or (
        since is None and re.fullmatch(r"Connected on: \d{4}-\d{2}-\d{2}", tie.notes) is not None
    )
    if tie.closeness is not None or tie.source != IMPORTED or not notes:
        return "your LinkedIn tie (changed since)"
    return None


def _given_by(record: IncomingPerson, since: date | None, said: frozenset[str] | None) -> bool:
    """Whether a LinkedIn tie's date `since` is empty or one its record gave or could have
    given: the record's date read in the other order, or the date it said when last imported
    (`said` holds "connected_on" then: see `earlier.said_then`, which tells it whatever
    else changed, as far as Goodword holds what the record said). Any other date was set
    apart from the record (by hand, say) and an import leaves it."""
    if since is None or since == record.connected_on_otherwise:
        return True
    return said is not None and "connected_on" in said


def _still_to_come(record: IncomingPerson) -> bool:
    """Whether the record's connection date is a day still to come everywhere (a mistyped
    date, or a date read in the wrong order): the forms refuse it as a tie's date."""
    return record.connected_on is not None and record.connected_on > latest_today()


class LinkedInTies:
    """The user's LinkedIn ties in one import: read before the writer's first writes
    (`read_prints`, then `read_linked`), linked once the people exist (`link`)."""

    def __init__(
        self,
        session: Session,
        *,
        workspace_id: int,
        now: datetime,
        report: ImportReport,
        record_changes: dict[int, list[str]],
        record_notes: dict[int, list[str]],
    ) -> None:
        self.session = session
        self.ws = workspace_id
        self.now = now
        self.report = report
        # The writer's: id() of a record -> what it changed / what it left, and why.
        self.record_changes = record_changes
        self.record_notes = record_notes
        # id() of a connection's record that is a newer copy of one imported before -> what
        # it said when last imported (the writer's `_said_then`; None when that is unknown)
        self.said: dict[int, frozenset[str] | None] = {}
        # person id -> the id and date of the user's LinkedIn tie to them
        self.linked: dict[int, tuple[int, date | None]] = {}
        # id() of a record whose person this import linked to the user -> the tie's date
        self.made: dict[int, date | None] = {}
        # id() of a newer copy of a record that moved its tie's date -> the date before, after
        self.moved: dict[int, tuple[date | None, date]] = {}
        # The people an earlier import linked to the user (not a tie added by hand), and
        # those of them this import's connections leave out.
        self.imported: set[int] = set()
        self.left_out: set[int] = set()
        self.in_file = 0  # the people the file links to you

    def read_linked(self, plan: Plan, me: int | None) -> None:
        """Read who the user (`me`) is already linked to on LinkedIn (before the writer
        applies what changed: the dates tell what a newer copy of a record said before)."""
        if not plan.connections or me is None:
            return
        existing = self.session.execute(
            select(
                Connection.person_a_id,
                Connection.person_b_id,
                Connection.id,
                Connection.since,
                Connection.source,
            )
            .where(
                Connection.workspace_id == self.ws,
                Connection.kind == ConnectionKind.LINKEDIN,
                or_(Connection.person_a_id == me, Connection.person_b_id == me),
            )
            .order_by(Connection.id)
        ).all()
        for a, b, tie_id, since, source in existing:
            other = b if a == me else a
            self.linked.setdefault(other, (tie_id, since))
            if source == IMPORTED:
                self.imported.add(other)

    def may_move(self, record: IncomingPerson, person_id: int) -> bool:
        """Whether `link` may move the date of the tie to `person_id` for `record` (a newer
        copy of a connection's record, after `read_linked`), as `_tie_date` does."""
        if id(record) not in self.said or person_id not in self.linked:
            return False
        tie_id, since = self.linked[person_id]
        return bool(tie_id) and record.connected_on not in (None, since)

    def will_link(self, plan: Plan, me: int | None, person_id: Callable[[int], int]) -> set[int]:
        """id() of each record whose person `link` will link to you (read before the
        people are written, after `read_linked`): the first connection's record of each
        person not linked yet."""
        if me is None:
            return set()
        linking: set[int] = set()
        people = set(self.linked)
        for target, record in plan.connections:
            other = person_id(target)
            if other != me and other not in people:
                people.add(other)
                linking.add(id(record))
        return linking

    def link(self, plan: Plan, me: int | None, person_id: Callable[[int], int]) -> None:
        """Link the user to their LinkedIn connections (`person_id` turns a plan's target
        into a person id); a newer copy of a record imported before moves its tie's date to
        the file's (see `_tie_date`)."""
        if not plan.connections:
            return
        if me is None:
            self.report.notes.append(
                "LinkedIn connections are not linked to you, because Goodword does not know "
                "yet which person is you: include Profile.csv, or mark yourself in Goodword, "
                "and import again."
            )
            return
        rows: list[dict[str, Any]] = []
        moved: list[dict[str, Any]] = []
        for target, record in plan.connections:
            other = person_id(target)
            if other == me:
                continue
            if other in self.linked:
                if id(record) in self.said:
                    moved += self._tie_date(record, other, self.said[id(record)])
                continue
            since, notes = record.connected_on, None
            if _still_to_come(record):
                since, notes = None, f"Connected on: {record.connected_on}"
                record.warnings.append(
                    f"connection date {record.connected_on} is a day still to come; the "
                    "LinkedIn tie is made without it, and the date kept in its notes"
                )
            self.linked[other] = (0, since)
            self.made[id(record)] = since
            rows.append(
                {"workspace_id": self.ws, "person_a_id": me, "person_b_id": other,
                 "kind": ConnectionKind.LINKEDIN, "source": IMPORTED,
                 "since": since, "notes": notes}
            )  # fmt: skip
        insert_rows(self.session, Connection, rows)
        self.report.connections_created += len(rows)
        # Linked before and not among the connections now (nor perhaps one of them, waiting
        # in the queue): their connection was removed, or their account closed.
        here = {person_id(target) for target, _record in plan.connections}
        asked = {other for _target, other, _score, _why in plan.suggestions}
        left_out = {p for p in self.imported if p not in here and p not in asked} - {me}
        self.left_out = left_out - waiting(self.session, self.ws, left_out, here)
        self.in_file = len(here - {me})
        if moved:
            table = table_named("connections")
            self.session.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(since=bindparam("b_since"), updated_at=bindparam("b_stamp")),
                moved,
            )

    def say_left_out(self, files: list[str]) -> None:
        """Name in the report's notes the people linked to you before whom this import's
        Connections.csv leaves out (kept, as nothing an import leaves out is deleted)."""
        if not self.left_out:
            return
        count, shown = named(self.session, self.ws, self.left_out)
        if self.in_file < count:
            # A file that holds fewer connections than it leaves out is part of an export
            # (a filtered or cut-down copy), not a newer one: naming everyone is no news.
            self.report.notes.append(
                f"{' and '.join(files)}: holds {self.in_file:,} of your LinkedIn connections "
                f"and leaves out {count:,} linked before, so it looks like part of your "
                "export; Goodword keeps them all as they are."
            )
            return
        whom = "connection" if count == 1 else "connections"
        self.report.notes.append(
            f"{' and '.join(files)}: {count:,} LinkedIn {whom} from earlier imports "
            f"{'is' if count == 1 else 'are'} not in it: {shown}. They may have removed "
            "the connection or closed their account; Goodword keeps them as they are."
        )

    def made_words(self, record: IncomingPerson) -> str | None:
        """What this import's linking did for a record's person, in words (None: nothing)."""
        if id(record) not in self.made:
            return None
        since = self.made[id(record)]
        return f"linked to you on LinkedIn ({f'connected {since}' if since else 'no date'})"

    def _tie_date(
        self, record: IncomingPerson, other: int, said: frozenset[str] | None
    ) -> list[dict[str, Any]]:
        """The update (if any) a newer copy of a connection's record makes to the date of
        the tie to `other`, said in the record's changes (or, left, in its notes)."""
        tie_id, since = self.linked[other]
        day = record.connected_on
        if not tie_id or day is None or day == since:
            return []
        if _still_to_come(record):
            self.record_notes.setdefault(id(record), []).append(
                f"LinkedIn connection date left {f'at {since}' if since else 'empty'} (the "
                f"file says {day}, a day still to come)"
            )
            record.warnings.append(f"connection date {day} is a day still to come; not kept")
            return []
        if not _given_by(record, since, said):
            self.record_notes.setdefault(id(record), []).append(
                f"LinkedIn connection date left at {since} (the file says {day}; edit the "
                "connection to change it)"
            )
            return []
        self.linked[other] = (tie_id, day)
        self.moved[id(record)] = (since, day)
        self.record_changes.setdefault(id(record), []).append(
            f"LinkedIn connection date set to {day}"
            if since is None
            else f"LinkedIn connection date now {day} (was {since})"
        )
        return [{"b_id": tie_id, "b_since": day, "b_stamp": self.now}]
