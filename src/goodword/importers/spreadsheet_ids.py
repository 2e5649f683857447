"""A mapped spreadsheet's own record ids, which another spreadsheet may give too.

Two spreadsheets (a CRM, a club's member list) may both number their rows 1, 2, 3, and two
John Smiths may be row 9 of each. A row whose id a person holds from the same file is that
person's record, whatever they are called now; a row of another file with that id is theirs
only when they share an e-mail address, phone or profile (a newer export saved under a new
name); otherwise the row is matched like any other. Other sources' ids are their own (a
LinkedIn profile, a vCard's UID).
"""

from __future__ import annotations

from collections.abc import Callable

from goodword.duplicates.matching import Profile
from goodword.importers import older_files
from goodword.importers.mapped import SOURCE
from goodword.importers.records import IncomingPerson
from goodword.importers.state import WorkspaceState


class SpreadsheetIds:
    """Which files each spreadsheet id that went to a person came from: in the imports
    before (`WorkspaceState.csv_files`) and in this one."""

    def __init__(self, state: WorkspaceState) -> None:
        self.state = state
        # (record id, the person a row of it went to) -> the files of those rows, this import
        self.seen: dict[tuple[str, int], set[str]] = {}

    def saw(self, person: IncomingPerson, target: int) -> None:
        """Note that `person`'s row went to `target`."""
        if person.source == SOURCE and person.key:
            named = older_files.as_named(person.file_name)
            self.seen.setdefault((person.key, target), set()).add(named)

    def files(self, key: str, target: int) -> set[str]:
        """The files rows of the id `key` that went to `target` came from."""
        before = self.state.csv_files.get(key, {}).get(target, set())
        return self.seen.get((key, target), set()) | before

    def still_theirs(
        self,
        person: IncomingPerson,
        profile: Profile,
        target: int,
        identity: Callable[[int], Profile | None],
    ) -> bool:
        """Whether `target`, who holds the record's id, is the record's person
        (`identity` gives the profile a person goes by)."""
        if person.source != SOURCE:
            return True
        came_from = self.files(person.key or "", target)
        if not came_from or older_files.as_named(person.file_name) in came_from:
            return True
        held = identity(target)
        return held is None or bool(profile.keys & held.keys)

    def of_this_file(self, person: IncomingPerson, target: int, keys: list[str]) -> list[str]:
        """The ids among `keys` (of the record's source, held by `target`) that are this
        file's records: another spreadsheet's ids are no other records of this one."""
        if person.source != SOURCE:
            return keys
        named = older_files.as_named(person.file_name)
        return [key for key in keys if named in self.files(key, target)]
