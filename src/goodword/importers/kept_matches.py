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
    record when it was matched before (its provenance row's id, None when this import
    writes the row, and its JSON), if it was."""

    mark: matched.Mark
    held: tuple[int | None, dict[str, Any]] | None


class KeptMatches:
    def __init__(
        self,
        session: Session,
        state: WorkspaceState,
        *,
        organization_id: Callable[[str], int],
    ) -> None:
        self.session = session
        self.state = state
        self.organization_id = organization_id
        # id() of each record whose person this import links to you on LinkedIn, as
        # `ties.LinkedInTies.link` will (`will_link`, said before the people are written).
        self.will_link: set[int] = set()
        # id() of a later record of a new person -> what it held and added
        self.joined: dict[int, dict[str, Any]] = {}
        # (person, source, key) -> the row id (None: one this import adds) and the JSON of
        # a matched record, which a newer copy of it adds to
        self.held: dict[tuple[int, str, str | None], tuple[int | None, dict[str, Any]]] = {}
        # Row id -> what newer copies of matched records added, to write (`write`)
        self.grown: dict[int, dict[str, Any]] = {}

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
        it (it joins them, not being one of their own records, a row of Goodword's export
        of them, nor one of yours; or it is a newer copy of a record matched to them
        before)."""
        # (A row of Goodword's own export from this workspace that names them is theirs.)
        own_export = record.source == "goodword" and record.key == (
            f"goodword-{self.state.workspace_id}-{person.id}"
        )
        joins = (
            record.role is not Role.ME
            and record is not plan.make_me_record
            and not own_export
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
        key = (person.id, record.source, cut(record.key, 300))
        if pending.held is None:
            self.held[key] = (None, kept)
            return kept
        row_id, before = pending.held
        grown = matched.compose(before, kept)
        if row_id is None:
            # (Matched earlier in this import: its row, still to be written, holds `before`.)
            before.clear()
            before.update(grown)
            return None
        self.held[key] = (row_id, grown)
        self.grown[row_id] = grown
        return None

    def fold(
        self,
        record: IncomingPerson,
        data: Combined,
        did: dict[str, Any],
        to: int,
        earlier: IncomingPerson | None = None,
    ) -> None:
        """A later record of a person this import makes (`to`): what it held and added; for
        a newer copy of an `earlier` record of theirs, added to what that one did."""
        kept = self.note(record, data, did, to)
        if earlier is None:
            self.joined[id(record)] = kept
        elif id(earlier) in self.joined:
            first = self.joined[id(earlier)]
            grown = matched.compose(first, kept)
            first.clear()
            first.update(grown)

    def note(
        self, record: IncomingPerson, data: Combined, did: dict[str, Any], person_id: int
    ) -> dict[str, Any]:
        """The JSON kept for a record matched to someone else (`person_id`, who has an id
        reserved if this import makes them)."""
        organization_ids = [self.organization_id(p.organization) for p in data.positions]
        did["tie"] = id(record) in self.will_link
        return matched.matched(record, data, organization_ids, did, record.fingerprint())

    def write(self) -> None:
        """Write what newer copies of matched records added."""
        if not self.grown:
            return
        table = table_named("person_sources")
        self.session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(matched=bindparam("b_matched", type_=table.c.matched.type)),
            [{"b_id": row_id, "b_matched": kept} for row_id, kept in self.grown.items()],
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
