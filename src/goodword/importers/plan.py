"""What one import will write, decided before anything is: the people to create (drafts,
numbered -1, -2, ... in the order the import found them), the records to apply to people
known, each row's outcome, the suggestions, ties and messages. `resolver.py` fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from goodword.importers.records import IncomingInteraction, IncomingPerson
from goodword.importers.report import RowOutcome
from goodword.interactions.models import Direction


@dataclass
class Draft:
    """A person to create: the first record, and the records merged into it since."""

    records: list[IncomingPerson]
    is_me: bool = False


@dataclass
class PlannedInteraction:
    incoming: IncomingInteraction
    direction: Direction | None
    participants: list[int]
    # Which participant wrote a message that came in (the sender), when the file says.
    writer: int | None = None
    # A message that came in from no one a person can be found for (a deleted or hidden
    # account): written by none of its participants (`Interaction.writer_gone`).
    writer_gone: bool = False


@dataclass
class Plan:
    drafts: list[Draft] = field(default_factory=list)
    # existing person id -> the records to apply to them, and whether each is a newer copy
    # of a record imported before (its values replace the old ones rather than fill gaps)
    updates: dict[int, list[tuple[IncomingPerson, bool]]] = field(default_factory=dict)
    rows: list[tuple[RowOutcome, int]] = field(default_factory=list)
    # (target, target, score, reasons)
    suggestions: list[tuple[int, int, float, list[str]]] = field(default_factory=list)
    # (target, since) for LinkedIn connections of the user
    connections: list[tuple[int, IncomingPerson]] = field(default_factory=list)
    interactions: list[PlannedInteraction] = field(default_factory=list)
    # existing person id that becomes the user, and the record that says so
    make_me: int | None = None
    make_me_record: IncomingPerson | None = None
    # id() of a row -> the record it reports on (what the writer says each one changed)
    records: dict[int, IncomingPerson] = field(default_factory=dict)
    # Messages and invitations that name no one but you: no one to add them to.
    unplaced: list[IncomingInteraction] = field(default_factory=list)
    # Messages and invitations that name no one but you and people you deleted (their names).
    # (Or written by one of them: the message, its names, whether they wrote it.)
    with_deleted: list[tuple[IncomingInteraction, list[str], bool]] = field(default_factory=list)
    # id() of a record -> the former key it was found by (its provenance takes its own)
    former_keys: dict[int, str] = field(default_factory=dict)
    me: int | None = None

    def draft(self, person: IncomingPerson, *, is_me: bool = False) -> int:
        self.drafts.append(Draft([person], is_me=is_me))
        return -len(self.drafts)

    def attach(self, target: int, person: IncomingPerson, *, newer_copy: bool) -> None:
        if target < 0:
            self.drafts[-target - 1].records.append(person)
        else:
            self.updates.setdefault(target, []).append((person, newer_copy))
