"""Undoing an import's matches: what a record it matched to someone already here added to
them is taken back, and the record's provenance goes, as if the import never happened.

A split (`splitting.py`) takes back the same: what the record added (`PersonSource.matched`,
`matched.py`) where it is still as the record left it; a value edited or changed since
stays, and is said to. Unlike a split, no one is made of the record. A record whose person
was merged into another since stays with them (its values are mixed with the other's now:
undo that merge first), and so does one whose additions were not kept apart (your own
details, or a record matched before Goodword kept them): the undo says why. A record
split off since made a person of its own, on the user's word: they stay, and are listed
with why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.duplicates.models import Merge
from goodword.importers import older_files, splitting, taking_back, ties
from goodword.importers.bulk import cut
from goodword.importers.matched import Matched
from goodword.importers.written import from_record
from goodword.people import service as people
from goodword.people.models import Person, PersonSource
from goodword.people.normalize import source_name
from goodword.records import latest_today
from goodword.search import service as search

NOT_KEPT = (
    "matched to someone already here, and what it added was not kept apart (your own "
    "details, or an import from before Goodword kept it), so it stays"
)


@dataclass(frozen=True, slots=True)
class TakenBack:
    """What the undo takes back from someone already here, and what stays (changed since)."""

    person_id: int
    name: str
    # The records it takes back, in words ("LinkedIn record, line 12 of Connections.csv").
    records: list[str]
    taken: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


@dataclass
class Found:
    taken_back: list[TakenBack] = field(default_factory=list)
    # People who keep what it added, and why: (person id, name, reason).
    kept: list[tuple[int, str, str]] = field(default_factory=list)
    # The jobs taken back, by id (their organizations may go too).
    positions: set[int] = field(default_factory=set)


def take_back(
    session: Session,
    *,
    workspace_id: int,
    rows: dict[int, set[tuple[str, int | None]]],
    names: dict[int, str],
    merged_since: dict[int, int | None],
    imported_at: datetime,
    apply: bool,
) -> Found:
    """For each person already here, the records (file, line) the import matched to them
    (`names`: their names in its report; `imported_at`: when it ran, as its source records
    say): what they added is taken back (with `apply`), or only said (see the module)."""
    found = Found()
    me = people.get_me(session, workspace_id=workspace_id)
    moved = splitting.merged_in(session, workspace_id=workspace_id)
    for person_id in sorted(rows):
        person = session.get(Person, person_id)
        if person is None or person.workspace_id != workspace_id:
            if person_id in merged_since:
                found.kept.append(
                    (
                        person_id,
                        names.get(person_id, f"person {person_id}"),
                        f"merged into person {merged_since[person_id]} since; undo that merge "
                        "first to take back what the import added",
                    )
                )
            continue  # (deleted since: nothing to take back)
        files = _named(person.sources, rows[person_id], imported_at)
        sources = list(files)
        if not sources:
            # Split off since: the split took back what it added, and made someone of it.
            found.kept += _split_off(session, workspace_id, person, rows[person_id], imported_at)
            continue
        if any(s.matched is None for s in sources):
            found.kept.append((person.id, person.display_name, NOT_KEPT))
            sources = [s for s in sources if s.matched is not None]
        if any(s.id in moved for s in sources):
            found.kept.append(
                (
                    person.id,
                    person.display_name,
                    "merged with someone since; undo that merge first to take back what the "
                    "import added",
                )
            )
            continue
        if sources:
            name = person.display_name
            done = _take_back(session, workspace_id, me, person, sources, found, apply=apply)
            records = [_words(s, files[s]) for s in sources]
            found.taken_back.append(TakenBack(person.id, name, records, *done))
    return found


def _split_off(
    session: Session,
    workspace_id: int,
    person: Person,
    lines: set[tuple[str, int | None]],
    imported_at: datetime,
) -> list[tuple[int, str, str]]:
    """The people split off `person` since, made of the import's records matched to them:
    they stay, as the user made them, with the record as where they came from (so the
    next import of the file finds them, not `person`)."""
    held = session.scalars(
        select(PersonSource).where(
            PersonSource.workspace_id == workspace_id,
            PersonSource.imported_at == imported_at,
            PersonSource.person_id != person.id,
        )
    )
    made = sorted({s.person_id for s in _sources(held, lines, imported_at)})
    return [
        (
            made_id,
            name,
            f"split off {person.display_name} since, made of a record this import matched "
            "to them; they stay as you made them, and keep that record as where they came "
            "from (so importing the file again finds them)",
        )
        for made_id, name in session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(made)).order_by(Person.id)
        )
    ]


def forget_found(
    session: Session,
    *,
    workspace_id: int,
    rows: dict[int, set[tuple[str, int | None]]],
    imported_at: datetime,
) -> None:
    """Remove the provenance the import added for records it found with nothing new (its
    unchanged rows, by person and (file, line)), so none of its records stays under where
    they came from: from whoever holds them now, the person kept by a merge (or merges)
    since too, as such a record added nothing else. (With Core: forgetting it touches no
    one.)"""
    gone: list[int] = []
    for person_id, lines in rows.items():
        held = session.scalars(
            select(PersonSource).where(
                PersonSource.workspace_id == workspace_id,
                PersonSource.person_id == _holder(session, workspace_id, person_id),
                PersonSource.imported_at == imported_at,
            )
        )
        gone += [s.id for s in _sources(held, lines, imported_at)]
    if gone:
        session.execute(
            delete(PersonSource)
            .where(PersonSource.id.in_(gone))
            .execution_options(synchronize_session=False)
        )


def _holder(session: Session, workspace_id: int, person_id: int) -> int:
    """Who holds the person's source records now: the person, or the one kept by the
    merges (still in place) they went into since, the last of them."""
    seen = {person_id}
    while True:
        survivor = session.scalar(
            select(Merge.survivor_id)
            .where(
                Merge.workspace_id == workspace_id,
                Merge.absorbed_id == person_id,
                Merge.undone_at.is_(None),
            )
            .order_by(Merge.id.desc())
            .limit(1)
        )
        if survivor is None or survivor in seen:
            return person_id
        person_id = survivor
        seen.add(person_id)


def _sources(
    held: Iterable[PersonSource], lines: set[tuple[str, int | None]], imported_at: datetime
) -> list[PersonSource]:
    """The person's source records the import's rows name, by file and line, that it added
    (an older import of a file of the same name may have held the line too)."""
    return list(_named(held, lines, imported_at))


def _named(
    held: Iterable[PersonSource], lines: set[tuple[str, int | None]], imported_at: datetime
) -> dict[PersonSource, str]:
    """`_sources`, each with its file's name as the report's row says it: two files of one
    name keep that name, their rows each their place among them
    (`older_files.names_apart`), and a line of both is two of the person's records (the
    first file's written first)."""
    wanted: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for file, line in lines:
        wanted[(cut(older_files.as_named(file), 300) or "", line)].append(file)
    found: dict[tuple[str, int | None], list[PersonSource]] = defaultdict(list)
    for source in held:
        if source.imported_at != imported_at:
            continue
        line = source.line or (source.matched or {}).get("line")
        key = (source.file_name or "", line)
        if key in wanted:
            found[key].append(source)
    named: dict[PersonSource, str] = {}
    for key, sources in found.items():
        files = sorted(wanted[key], key=older_files.place)
        ours = sorted(sources, key=lambda s: s.id)[-len(files) :]
        named.update(zip(ours, files[len(files) - len(ours) :], strict=True))
    return named


def _words(source: PersonSource, file: str) -> str:
    line = source.line or (source.matched or {}).get("line")
    where = f"line {line} of {file}" if line else file
    return f"{source_name(source.source)} record" + (f", {where}" if where else "")


def _take_back(
    session: Session,
    workspace_id: int,
    me: Person | None,
    person: Person,
    sources: list[PersonSource],
    found: Found,
    *,
    apply: bool,
) -> tuple[list[str], list[str]]:
    taken: list[str] = []
    left: list[str] = []
    for source in sources:
        kept = Matched.model_validate(source.matched)
        names = splitting.organizations_named(session, workspace_id, kept)
        outcome = splitting.Outcome(person.display_name, splitting.source_read(source))
        found.positions |= taking_back.take_back(
            person, kept.added, names, outcome, apply=apply, as_written=from_record(kept.record)
        )
        _tie(session, workspace_id, me, person, kept, outcome, apply=apply)
        taken += outcome.taken_back
        left += outcome.left
        if apply:
            # The record's provenance goes, with its copies (two copies of one file in one
            # import) and the source records a row of Goodword's people JSON brought.
            brought = {tuple(pair) for pair in kept.restored}
            own = (source.source, source.external_key)
            person.sources = [
                s
                for s in person.sources
                if (s.source, s.external_key) != own and (s.source, s.external_key) not in brought
            ]
    if apply:
        session.flush()
        session.refresh(person)
        search.index_person(session, person)
    return list(dict.fromkeys(taken)), list(dict.fromkeys(left))


def untie(session: Session, tie: Connection) -> None:
    """Delete the tie without touching you or them (`Person.made_by_import`): you may be
    someone the import made (its Profile.csv), whom the undo takes away."""
    session.execute(delete(Connection).where(Connection.id == tie.id))


def _tie(
    session: Session,
    workspace_id: int,
    me: Person | None,
    person: Person,
    kept: Matched,
    outcome: splitting.Outcome,
    *,
    apply: bool,
) -> None:
    """Your LinkedIn tie the record made (they had none before) goes while it is still
    as the record made it."""
    linked = kept.record.linkedin
    if not kept.added.tie or linked is None or me is None:
        return
    since = linked.since if linked.since is None or linked.since <= latest_today() else None
    tie = session.scalar(
        select(Connection).where(
            Connection.workspace_id == workspace_id,
            Connection.kind == ConnectionKind.LINKEDIN,
            or_(
                (Connection.person_a_id == me.id) & (Connection.person_b_id == person.id),
                (Connection.person_b_id == me.id) & (Connection.person_a_id == person.id),
            ),
        )
    )
    if tie is None:
        return
    changed = ties.changed_since(tie, since)
    if changed:
        outcome.left.append(changed)
        return
    outcome.taken_back.append("your LinkedIn tie")
    if apply:
        untie(session, tie)
