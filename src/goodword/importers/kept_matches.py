"""What an import keeps, for a split, of each record it applies to a person it did not make
(`matched.py` says what is kept; `splitting.py` uses it).

The writer asks `begin` before it applies a record and `end` after: a record that joins
someone (matched by a key of theirs, or by name and evidence, or folded into a person an
earlier record of the import makes) gets what it held and added kept with its provenance
row; a newer copy of a record matched before adds what it changed to what was kept
(`matched.compose`), written by `write` once the people are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from goodword.importers import matched
from goodword.importers.bulk import Changes, Known, cut, table_named
from goodword.importers.combine import Combined
from goodword.importers.plan import Plan
from goodword.importers.records import IncomingPerson, Role
from goodword.importers.state import WorkspaceState
from goodword.people.models import PersonSource
from goodword.records import among


@dataclass
class Pending:
    """A record about to be applied: the person as they were, and what was kept of the
    record when it was matched before (its provenance row's id and JSON), if it was."""

    mark: matched.Mark
    held: tuple[int, dict[str, Any]] | None


class KeptMatches:
    def __init__(
        self,
        session: Session,
        state: WorkspaceState,
        *,
        organization_id: Callable[[str], int],
        organization_name: Callable[[int], str | None],
        linked: dict[int, Any],
    ) -> None:
        self.session = session
        self.state = state
        self.organization_id = organization_id
        self.organization_name = organization_name
        # The people linked to you on LinkedIn before this import (`ties.read_linked`).
        self.linked = linked
        # The person who is you, once the people this import makes have their ids.
        self.me: int | None = None
        # id() of a later record of a new person -> what it held and added
        self.joined: dict[int, dict[str, Any]] = {}
        # (person, source, key) -> the row id and JSON of a matched record held already
        self.held: dict[tuple[int, str, str | None], tuple[int, dict[str, Any]]] = {}
        # What newer copies of matched records added, to write (`write`)
        self.grown: list[dict[str, Any]] = []

    def read(self, updates: dict[int, list[tuple[IncomingPerson, Combined, bool]]]) -> None:
        """Read what was kept of the matched records of the people a newer copy of a
        record comes to."""
        ids = sorted(pid for pid, found in updates.items() if any(n for _r, _d, n in found))
        if not ids:
            return
        rows = self.session.execute(
            select(PersonSource.id, PersonSource.person_id, PersonSource.source,
                   PersonSource.external_key, PersonSource.matched)
            .where(PersonSource.workspace_id == self.state.workspace_id,
                   among(self.session, PersonSource.person_id, ids),
                   PersonSource.matched.is_not(None))
        ).all()  # fmt: skip
        self.held = {(person, source, key): (row_id, kept) for row_id, person, source, key, kept
                     in rows}  # fmt: skip

    def begin(
        self,
        plan: Plan,
        person: Known,
        record: IncomingPerson,
        former: str | None,
        out: Changes,
    ) -> Pending | None:
        """Before a record is applied to a known person: whether anything is to be kept of
        it (it joins them, not being one of their own records nor one of yours; or it is
        a newer copy of a record matched to them before)."""
        joins = (
            record.role is not Role.ME
            and record is not plan.make_me_record
            and (record.source, record.key) not in person.sources
            and not (former and (record.source, former) in person.sources)
        )
        held = self.held.get((person.id, record.source, cut(former or record.key, 300)))
        if not (joins or held):
            return None
        return Pending(matched.take(person, out), held)

    def end(
        self,
        pending: Pending | None,
        person: Known,
        record: IncomingPerson,
        data: Combined,
        out: Changes,
        restored: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        """After it is applied: the JSON to keep with its new provenance row (None for a
        record matched before, whose kept JSON grows instead)."""
        if pending is None:
            return None
        kept = self.note(record, data, matched.added(pending.mark, person, out), person.id)
        kept["restored"] = [[row["source"], row["external_key"]] for row in restored]
        if pending.held is None:
            return kept
        row_id, before = pending.held
        self.grown.append({"b_id": row_id, "b_matched": matched.compose(before, kept)})
        return None

    def fold(self, record: IncomingPerson, data: Combined, did: dict[str, Any], to: int) -> None:
        """A later record of a person this import makes (`to`): what it held and added."""
        self.joined[id(record)] = self.note(record, data, did, to)

    def note(
        self, record: IncomingPerson, data: Combined, did: dict[str, Any], person_id: int
    ) -> dict[str, Any]:
        """The JSON kept for a record matched to someone else (`person_id`, who has an id
        reserved if this import makes them)."""
        organization_ids = [self.organization_id(p.organization) for p in data.positions]
        # A LinkedIn connection's record links its person to you when they had no tie
        # (`ties.link`, which runs once the people are written, decides so in the same way).
        did["tie"] = (
            record.linkedin_connection
            and self.me is not None
            and person_id != self.me
            and person_id not in self.linked
        )
        return matched.matched(
            record, data, organization_ids, did, record.fingerprint(), self.organization_name
        )

    def write(self) -> None:
        """Write what newer copies of matched records added."""
        if not self.grown:
            return
        table = table_named("person_sources")
        self.session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(matched=bindparam("b_matched", type_=table.c.matched.type)),
            self.grown,
        )


def restored_organizations(plan: Plan) -> list[str]:
    """The organizations (by name) that what restored source records had added names
    (Goodword's people JSON: `EarlierSource.matched`), so each has an id to be kept by."""
    records = [
        *(record for draft in plan.drafts for record in draft.records),
        *(record for found in plan.updates.values() for record, _newer in found),
    ]
    return [
        job[0]
        for record in records
        for earlier in record.earlier_sources
        if earlier.matched is not None
        for part in (earlier.matched["record"]["jobs"], earlier.matched["added"]["jobs"],
                     earlier.matched["added"]["changed_jobs"])
        for job in part
    ]  # fmt: skip
