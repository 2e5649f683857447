"""Who a folded full name stands for in one import: the workspace's people and the people the
import is adding (drafts), also when a re-save in an older character set lost a letter."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from goodword.duplicates.names import lossy_same


class NameLookup:
    """The targets (person ids, or drafts numbered -1, -2, ...) by folded full name."""

    def __init__(self, saved: dict[str, list[int]]) -> None:
        # The workspace's people by name (`WorkspaceState.names`), and the drafts'.
        self.saved = saved
        self.drafts: dict[str, list[int]] = {}
        # The names above, and those of the workspace (once asked), with a "?" in them.
        self._lossy_drafts: list[str] = []
        self._lossy_saved: list[str] | None = None
        # The saved people's names in order, when a name with "?" is looked up.
        self._sorted_saved: list[str] | None = None

    def add_draft(self, full: str, target: int) -> None:
        """Index a draft by its folded full name."""
        named = self.drafts.setdefault(full, [])
        if not named and "?" in full:
            self._lossy_drafts.append(full)
        named.append(target)

    def only(self, full: str) -> int | None:
        """The one target of this name (spelt alike, or but for lost letters), if only one."""
        found = self.every(full)
        return found[0] if len(found) == 1 else None

    def every(self, full: str) -> list[int]:
        """The targets of this name (spelt alike, or but for lost letters)."""
        found = [*self.saved.get(full, []), *self.drafts.get(full, [])]
        if not found and full:
            found = self._lossy(full)
        return found

    def _lossy(self, full: str) -> list[int]:
        """The targets whose name and `full` differ only where one of them has a "?", a
        letter a re-save in an older character set lost ("zoe ?ukasiewicz" and "zoe
        lukasiewicz"), either way round."""
        if self._lossy_saved is None:
            self._lossy_saved = [name for name in self.saved if "?" in name]
        lossy: list[tuple[Iterable[str], dict[str, list[int]]]] = [
            (self._lossy_saved, self.saved),
            (self._lossy_drafts, self.drafts),
        ]
        start = full[: full.index("?")] if "?" in full else ""
        if len(start) >= 2:
            # The names spelt right: those that begin as `full` does before its first "?"
            # (not for a lost first letter: every name would be read for each such name).
            if self._sorted_saved is None:
                self._sorted_saved = sorted(self.saved)
            names = self._sorted_saved
            begin = bisect_left(names, start)
            end = bisect_left(names, start + "\U0010ffff", begin)
            lossy.append((names[begin:end], self.saved))
            lossy.append(([n for n in self.drafts if n.startswith(start)], self.drafts))
        found: list[int] = []
        for candidates, held in lossy:
            for name in candidates:
                if lossy_same(name, full):
                    found += [t for t in held[name] if t not in found]
        return found
