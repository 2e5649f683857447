"""The provenance an import writes (`PersonSource`): each record's row, added, or its
fingerprint brought up to date (a row kept under a former key takes the record's own), and
the rows of the source records Goodword's people JSON says a person came from, brought back
with their first import's time. `Writer` (`writer.py`) writes it for new and known people
alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from goodword.importers import older_files
from goodword.importers.bulk import Changes, Known, cut
from goodword.importers.matched import organizations_as
from goodword.importers.organizations import organization_id
from goodword.importers.records import IncomingPerson
from goodword.importers.state import WorkspaceState


class Provenance:
    """What `Writer` writes of each record's provenance (the writer holds the state, the
    workspace, the import's time and the records changed at their source)."""

    state: WorkspaceState
    ws: int
    now: datetime
    changed_at_source: set[int]

    def organization_id(self, name: str) -> int:
        return organization_id(self.state, name)

    def _provenance(
        self,
        person: Known,
        record: IncomingPerson,
        out: Changes,
        former: str | None,
        rekeyed: list[dict[str, Any]],
        match: dict[str, Any] | None = None,
    ) -> bool:
        """The record's provenance row, added, or its fingerprint brought up to date; a row
        kept under the record's `former` key (found by it) takes the record's own key.
        `match` is what a record matched to someone else held and added (`matched.py`).
        Whether a row held before moved (its key or fingerprint), which an undo puts back."""
        pair = (record.source, record.key)
        if pair not in person.sources and former and record.key:
            kept = (record.source, former)
            if kept in person.sources:
                fingerprint = record.fingerprint()
                own = (record.source, record.key)
                person.sources.discard(kept)
                person.sources.add(own)
                self.state.sources.pop(kept, None)  # (two people may have held it)
                self.state.sources[own] = person.id
                self.state.fingerprints.pop(kept, None)
                self.state.fingerprints[own] = fingerprint
                rekeyed.append(
                    {"b_person": person.id, "b_source": record.source,
                     "b_former": cut(former, 300), "b_key": cut(record.key, 300),
                     "b_print": fingerprint}
                )  # fmt: skip
                return True
        if pair not in person.sources:
            person.sources.add(pair)
            out.sources.append(
                {"workspace_id": self.ws, "person_id": person.id, "source": record.source,
                 "file_name": cut(older_files.as_named(record.file_name), 300),
                 "external_key": cut(record.key, 300), "imported_at": self.now,
                 "line": record.line,
                 "fingerprint": match["fingerprint"] if match else record.fingerprint(),
                 "matched": match}
            )  # fmt: skip
            return False
        if record.key:
            # Imported before and changed since (or imported before fingerprints were
            # kept): what it says now is what the next import compares with.
            held, fingerprint = (record.source, record.key), record.fingerprint()
            shared = self.state.shared.get(held)
            before = shared.get(person.id) if shared else self.state.fingerprints.get(held)
            if before != fingerprint:
                if before is not None:
                    self.changed_at_source.add(id(record))
                self.state.fingerprints[held] = fingerprint
                if shared:
                    shared[person.id] = fingerprint
                out.fingerprints.append(
                    {"b_person": person.id, "b_source": record.source,
                     "b_key": cut(record.key, 300), "b_print": fingerprint}
                )  # fmt: skip
                return True
        return False

    def _restored_sources(
        self, person_id: int, record: IncomingPerson, *, keep_matches: bool = True
    ) -> list[dict[str, Any]]:
        """Provenance rows for the source records Goodword's people JSON says the person
        came from (`earlier_sources`), each with its first import's time and fingerprint,
        so importing that file again finds them unchanged. One this workspace keeps already
        is left: the same person's stays as it is; another person's is theirs, and the
        record says so. What a source record matched to the person added is kept too
        (`keep_matches`), unless the record bringing it was itself matched to someone here:
        what it added was another person's."""

        def organization(name: str) -> int | None:
            try:
                return self.organization_id(name)
            except KeyError:  # (a name that names no organization, such as "?")
                return None

        rows = []
        for earlier in record.earlier_sources:
            earlier_match = None
            if keep_matches and earlier.matched is not None:
                earlier_match = organizations_as(earlier.matched, organization)
            pair = (earlier.source, earlier.key)
            holder = self.state.sources.get(pair)
            if holder is not None:
                if holder != person_id:
                    record.warnings.append(
                        f"its {earlier.source} record '{earlier.key}' is another person's "
                        "here; not linked to this one"
                    )
                continue
            self.state.sources[pair] = person_id
            if earlier.fingerprint is not None:
                self.state.fingerprints[pair] = earlier.fingerprint
            rows.append(
                {"workspace_id": self.ws, "person_id": person_id, "source": earlier.source,
                 "file_name": cut(earlier.file_name, 300), "external_key": earlier.key,
                 "imported_at": earlier.imported_at or self.now,
                 "line": earlier.line, "fingerprint": earlier.fingerprint,
                 "matched": earlier_match}
            )  # fmt: skip
        return rows
