"""A record without an id of its own, renamed at its source: found by the key it had.

Such a record (a vCard without UID, an address book's CSV row) is keyed by its name and
its first e-mail address, or its first phone without one (`address_book.key_by_name`), so
a new name at the source gives it a new key. The key it had is the one of the same source
and file (a newer copy of it: another address book's card of the same address is another
record, kept beside it) with the same address or phone and another name that no record of
this import holds: the card was renamed, not another added beside it. Taken for the
record's former key, it makes the record a newer copy, so its new name follows as any
record's does (`applying._rename`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from goodword.duplicates.apart import names_differ
from goodword.duplicates.matching import Profile, given_names_differ
from goodword.importers import older_files
from goodword.importers.records import IncomingPerson


def contact_part(key: str) -> str | None:
    """What of a record's key by name is its address or phone ("|ada@example.org",
    "|tel:+442079460018"); None for another key, one by the name alone, or one met again
    in its file ("#2": which of the two was renamed cannot be told).

    >>> contact_part("name:ada lovelace|ada@example.org"), contact_part("name:ada")
    ('|ada@example.org', None)
    >>> contact_part("name:ada|tel:+442079460018"), contact_part("name:ada|a@b.org#2")
    ('|tel:+442079460018', None)
    """
    if not key.startswith("name:") or "#" in key:
        return None
    at = key.rfind("|")
    tail = key[at:] if at > 0 else ""
    return tail if "@" in tail or tail.startswith("|tel:") else None


class RenamedKeys:
    """The keys by name and address or phone the workspace holds, by source, file and
    address or phone (read once, when a record first asks)."""

    def __init__(self, files: dict[tuple[str, str], str]) -> None:
        # (source, key by name and address or phone) -> the file it came from
        self.files = files
        self.by_contact: dict[tuple[str, str, str], list[str]] | None = None

    def candidates(self, person: IncomingPerson, own_keys: set[tuple[str, str]]) -> list[str]:
        """The keys the record may have had before a rename: of its source and file, with
        its address or phone, none held by a record of this import (`own_keys`)."""
        tail = contact_part(person.key or "")
        if tail is None:
            return []
        if self.by_contact is None:
            self.by_contact = defaultdict(list)
            for (source, key), file_name in self.files.items():
                part = contact_part(key)
                if part is not None:
                    self.by_contact[(source, file_name, part)].append(key)
        file_name = older_files.as_named(person.file_name)
        return [
            key
            for key in self.by_contact.get((person.source, file_name, tail), ())
            if key != person.key and (person.source, key) not in own_keys
        ]

    def former(
        self,
        person: IncomingPerson,
        profile: Profile,
        own_keys: set[tuple[str, str]],
        holder: Callable[[str], Profile | None],
    ) -> str | None:
        """The one key of `candidates` whose `holder` (the profile of the person holding it
        who is still the record's, or None) goes by a name that does not clearly differ
        from the record's, or only by the family name (a married name). Another given name
        on the address is someone else's card (a household's address)."""
        found = []
        for key in self.candidates(person, own_keys):
            held = holder(key)
            if held is None:
                continue
            if not names_differ(profile, held) or _renamed_family(profile, held):
                found.append(key)
        return found[0] if len(found) == 1 else None


def _renamed_family(a: Profile, b: Profile) -> bool:
    """Whether two names in parts have one given name (the family name may differ)."""
    whole = bool(a.given and a.family and b.given and b.family)
    return whole and not given_names_differ(a, b)
