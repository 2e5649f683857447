"""Link the user to their LinkedIn connections as an import is written.

A connection's record that is a newer copy of one imported before moves its tie's date to
the file's, unless the date was set apart from the record (by hand, say): see `_given_by`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.importers.bulk import insert_rows, table_named
from goodword.importers.plan import Plan
from goodword.importers.records import IncomingPerson
from goodword.importers.report import ImportReport


def _given_by(record: IncomingPerson, since: date | None, printed: int | None) -> bool:
    """Whether a LinkedIn tie's date `since` is empty or one its record gave or could have
    given: the record's date read in the other order, or the date it said when last imported
    (`printed` is its fingerprint then; this tells only when nothing else changed since). Any
    other date was set apart from the record (by hand, say) and an import leaves it."""
    if since is None or since == record.connected_on_otherwise:
        return True
    return printed is not None and replace(record, connected_on=since).fingerprint() == printed


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
        # id() of a connection's record -> its fingerprint when last imported
        self.printed: dict[int, int | None] = {}
        # person id -> the id and date of the user's LinkedIn tie to them
        self.linked: dict[int, tuple[int, date | None]] = {}

    def read_prints(self, plan: Plan, fingerprints: dict[tuple[str, str], int]) -> None:
        """Keep the fingerprints of the LinkedIn connections that are newer copies of a record
        imported before (found by its key), as they were before this import (None if none
        was kept); read them before the writer brings `fingerprints` up to date."""
        newer = {id(r) for records in plan.updates.values() for r, copy in records if copy}
        self.printed = {
            id(record): fingerprints.get(
                (record.source, plan.former_keys.get(id(record), record.key))
            )
            for _target, record in plan.connections
            if id(record) in newer and record.key
        }

    def read_linked(self, plan: Plan, me: int | None) -> None:
        """Read who the user (`me`) is already linked to on LinkedIn."""
        if not plan.connections or me is None:
            return
        existing = self.session.execute(
            select(Connection.person_a_id, Connection.person_b_id, Connection.id, Connection.since)
            .where(
                Connection.workspace_id == self.ws,
                Connection.kind == ConnectionKind.LINKEDIN,
                or_(Connection.person_a_id == me, Connection.person_b_id == me),
            )
            .order_by(Connection.id)
        ).all()
        for a, b, tie_id, since in existing:
            self.linked.setdefault(b if a == me else a, (tie_id, since))

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
                if id(record) in self.printed:
                    moved += self._tie_date(record, other, self.printed[id(record)])
                continue
            self.linked[other] = (0, record.connected_on)
            rows.append(
                {"workspace_id": self.ws, "person_a_id": me, "person_b_id": other,
                 "kind": ConnectionKind.LINKEDIN, "source": "LinkedIn",
                 "since": record.connected_on}
            )  # fmt: skip
        insert_rows(self.session, Connection, rows)
        self.report.connections_created += len(rows)
        if moved:
            table = table_named("connections")
            self.session.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(since=bindparam("b_since"), updated_at=bindparam("b_stamp")),
                moved,
            )

    def _tie_date(
        self, record: IncomingPerson, other: int, printed: int | None
    ) -> list[dict[str, Any]]:
        """The update (if any) a newer copy of a connection's record makes to the date of
        the tie to `other`, said in the record's changes (or, left, in its notes)."""
        tie_id, since = self.linked[other]
        day = record.connected_on
        if not tie_id or day is None or day == since:
            return []
        if not _given_by(record, since, printed):
            self.record_notes.setdefault(id(record), []).append(
                f"LinkedIn connection date left at {since} (the file says {day}; edit the "
                "connection to change it)"
            )
            return []
        self.linked[other] = (tie_id, day)
        self.record_changes.setdefault(id(record), []).append(
            f"LinkedIn connection date set to {day}"
            if since is None
            else f"LinkedIn connection date now {day} (was {since})"
        )
        return [{"b_id": tie_id, "b_since": day, "b_stamp": self.now}]
