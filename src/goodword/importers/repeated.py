"""Records of one name with nothing else to key them by, reordered at their source.

A file's second card named "Mike" with no UID, address or phone is keyed "name:mike#2"
(`address_book.key_by_name`): by its place among the cards of that name. A newer file that
lists them in another order would give each the other's key, and each person the other's
job. Before a re-import compares anything, each such record whose fingerprint is the one
kept for another key of its name (and not for its own) takes that key: the record as it
was imported, unchanged, found where it was.
"""

from __future__ import annotations

from collections import defaultdict

from goodword.importers.records import IncomingPerson


def settle_repeated(people: list[IncomingPerson], fingerprints: dict[tuple[str, str], int]) -> None:
    """Give the records sharing a key by name (each with its "#n") back the key each had
    when imported, told by the fingerprints kept (`fingerprints`, by source and key). The
    keys of a name are only exchanged among its records: none is added or lost."""
    if not fingerprints:
        return
    # (Only names met again in their file: a key with "#2" says so.)
    repeated = {
        (person.source, person.file_name, person.key.partition("#")[0])
        for person in people
        if person.key and "#" in person.key and person.key.startswith("name:")
    }
    if not repeated:
        return
    groups: dict[tuple[str, str, str], list[IncomingPerson]] = defaultdict(list)
    for person in people:
        if person.key and person.key.startswith("name:"):
            group = (person.source, person.file_name, person.key.partition("#")[0])
            if group in repeated:
                groups[group].append(person)
    for (source, _file, _name), records in groups.items():
        if len(records) < 2:
            continue
        printed = [record.fingerprint() for record in records]
        keys = [record.key or "" for record in records]
        kept = {key: fingerprints.get((source, key)) for key in keys}
        taken = {key for key, digest in zip(keys, printed, strict=True) if kept[key] == digest}
        settled: dict[int, str] = {}
        for index, digest in enumerate(printed):
            if kept[keys[index]] == digest:
                settled[index] = keys[index]
                continue
            other = next((key for key in keys if key not in taken and kept[key] == digest), None)
            if other is not None:
                settled[index] = other
                taken.add(other)
        free = [key for key in keys if key not in taken]
        for index, record in enumerate(records):
            record.key = settled[index] if index in settled else free.pop(0)
