"""A LinkedIn Connections.csv older than another imported (the January export imported after
March's, or beside it): its records undo nothing the newer file did.

Every record of such a file would otherwise be a newer copy of the one imported before it,
moving the person's job back to the title they had then. How new a file is goes by the best
evidence it gives (`as_of`):

- the day its archive was made: LinkedIn names the ZIP by it, month first
  ("Basic_LinkedInDataExport_11-20-2026.zip", and the folder it unpacks to), or else the
  archive's own date for its files, the earliest (the packing machine's local time, with no
  zone, so it may be a day off: `reading.Document.packed_on`);
- else its latest Connected On (LinkedIn writes every connection up to the day it exports).
  That day comes earlier when the latest connections have gone since (removed, accounts
  closed), so a file dated by it alone is compared with the others' latest Connected On.

A date that cannot be the export's (still to come, or before the file's latest connection)
is not taken. Each import keeps the file's days (`ImportRun.files`: "as_of", the day it is as
new as; with "by" and "latest" when its archive dated it), and a file older than a kept one,
or than another of the same import, is applied as records that are no newer copies
(`IncomingPerson.older_copy`): they fill in what the person lacks, and a job they give
otherwise is added as a past job; the report says so, with the evidence in words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.models import ImportRun, LinkedInExportDays
from goodword.importers.records import Parsed
from goodword.people.job_dates import in_words
from goodword.records import latest_today

CONNECTIONS = "linkedin-connections"
# How an archive dated a file: by its name, or by the date it packed the file with.
BY_NAME, BY_PACKING = "name", "packed"
# LinkedIn's name for its archive, the month first: "Basic_LinkedInDataExport_11-20-2026.zip",
# "Complete_LinkedInDataExport_11-20-2026 (1).zip".
_NAMED = re.compile(r"LinkedInDataExport_(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    """How new one Connections.csv is: its latest Connected On, and the day its archive
    was made when the archive says (`by`: BY_NAME or BY_PACKING)."""

    name: str
    latest: date | None
    exported: date | None = None
    by: str | None = None
    # When it was imported (None: by the import being made).
    imported: datetime | None = None

    @property
    def day(self) -> date | None:
        """The day it is as new as."""
        return self.exported or self.latest

    def kept(self) -> dict[str, str]:
        """What the import keeps with the file (`ImportRun.files`)."""
        kept = {"as_of": self.day.isoformat()} if self.day else {}
        if self.by:
            kept["by"] = self.by
            if self.latest:
                kept["latest"] = self.latest.isoformat()
        return kept

    def compared_with(self, other: Dated) -> date | None:
        """The other file's day this one is compared with: for a file its archive dated,
        the day the other is as new as; for one dated by its latest Connected On alone, the
        other's latest Connected On."""
        return other.day if self.exported else other.latest

    def older_than(self, other: Dated) -> bool:
        mine, theirs = self.day, self.compared_with(other)
        if mine is None or theirs is None:
            return False
        if self.exported and BY_PACKING in (self.by, other.by):
            # (A ZIP's date is the packing computer's local time, with no zone: it may be
            # a day off LinkedIn's own, so the same export renamed is not older than itself.)
            return mine + timedelta(days=1) < theirs
        return mine < theirs


def _export_day(parsed: Parsed) -> tuple[date, str] | None:
    """The day the file's archive was made, by its name (the archive's or its folder's),
    else by the date it packed the file with."""
    folder = parsed.file_name.rpartition("/")[0]
    for found in reversed(list(_NAMED.finditer(folder))):
        month, day, year = (int(part) for part in found.groups())
        try:
            return date(year, month, day), BY_NAME
        except ValueError:
            continue
    if parsed.packed_on is not None:
        return parsed.packed_on, BY_PACKING
    return None


def as_of(parsed: Parsed) -> Dated | None:
    """How new a Connections.csv is (None for another file, or one that says nothing):
    its latest Connected On (a day still to come is a mistyped one), and the day its
    archive was made, unless that is still to come or before the latest connection."""
    if parsed.format != CONNECTIONS:
        return None
    today = latest_today()
    days = [p.connected_on for p in parsed.people if p.connected_on is not None]
    latest = max((d for d in days if d <= today), default=None)
    made = _export_day(parsed)
    if made is not None and made[0] <= today and (latest is None or made[0] >= latest):
        return Dated(parsed.file_name, latest, made[0], made[1])
    return Dated(parsed.file_name, latest) if latest else None


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _dated(entry: object, imported: datetime | None) -> Dated | None:
    """A file's days as an import keeps them (`Dated.kept`, with its name), or None."""
    if not isinstance(entry, dict) or (day := _day(entry.get("as_of"))) is None:
        return None
    named = entry.get("name")
    name = as_named(named if isinstance(named, str) and named else "Connections.csv")
    by = entry.get("by")
    if by in (BY_NAME, BY_PACKING):  # (kept before archives were dated: none)
        return Dated(name, _day(entry.get("latest")), day, by, imported)
    return Dated(name, day, imported=imported)


def _kept_entries(files: object) -> list[dict[str, object]]:
    """An import's kept files (`ImportRun.files`), each name `kept_apart` reads as its own
    or as told apart."""
    entries = [entry for entry in files or () if isinstance(entry, dict)]  # type: ignore[attr-defined]
    names = kept_apart([str(entry.get("name") or "Connections.csv") for entry in entries])
    return [entry | {"name": name} for entry, name in zip(entries, names, strict=True)]


def kept_files(session: Session, workspace_id: int) -> list[Dated]:
    """The Connections.csv files the kept imports read, each as new as it was found (an
    import undone never happened), and the newest of those imports no longer kept read
    (`remember_gone`)."""
    found = []
    for imported, files in session.execute(
        select(ImportRun.finished_at, ImportRun.files).where(
            ImportRun.workspace_id == workspace_id, ImportRun.undone_at.is_(None)
        )
    ):
        found += [file for entry in _kept_entries(files) if (file := _dated(entry, imported))]
    return found + _remembered(session, workspace_id)[1]


def _remembered(
    session: Session, workspace_id: int
) -> tuple[LinkedInExportDays | None, list[Dated]]:
    """The days kept of the imports gone (`remember_gone`), and where they are kept."""
    rows = session.scalars(
        select(LinkedInExportDays)
        .where(LinkedInExportDays.workspace_id == workspace_id)
        .order_by(LinkedInExportDays.id)
    ).all()
    return (rows[0] if rows else None), [
        file
        for row in rows
        for entry in row.files or ()
        if isinstance(entry, dict)
        and (imported := _moment(entry.get("imported"))) is not None
        and (file := _dated(entry, imported)) is not None
    ]


def _moment(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def newest(files: Sequence[Dated]) -> list[Dated]:
    """The files no other of them can be newer than for any file compared with them
    (`Dated.older_than`): the one as new as the latest day of each kind of evidence (an
    archive's name, its packing, a latest Connected On alone), and the one with the latest
    Connected On."""
    chosen: list[Dated | None] = []
    for by in (BY_NAME, BY_PACKING, None):
        of_kind = [file for file in files if file.by == by and file.day is not None]
        chosen.append(max(of_kind, key=lambda file: file.day or date.min, default=None))
    with_latest = [file for file in files if file.latest is not None]
    chosen.append(max(with_latest, key=lambda file: file.latest or date.min, default=None))
    unique: list[Dated] = []
    for file in chosen:
        if file is not None and file not in unique:
            unique.append(file)
    return unique


def remember_gone(session: Session, workspace_id: int, run_ids: Sequence[int]) -> None:
    """Keep with the workspace the newest Connections.csv days of the imports about to be
    deleted (beyond the last `history.KEEP`, or their reports deleted), beside those kept
    before, so an older export is still told from them; an undone import's none."""
    if not run_ids:
        return
    gone = [
        file
        for imported, files in session.execute(
            select(ImportRun.finished_at, ImportRun.files).where(
                ImportRun.workspace_id == workspace_id,
                ImportRun.undone_at.is_(None),
                ImportRun.id.in_(run_ids),
            )
        )
        for entry in _kept_entries(files)
        if (file := _dated(entry, imported)) is not None
    ]
    if not gone:
        return
    row, before = _remembered(session, workspace_id)
    if row is None:
        row = LinkedInExportDays(workspace_id=workspace_id)
        session.add(row)
    row.files = [
        {"name": file.name, **file.kept(), "imported": file.imported.isoformat()}
        for file in newest([*before, *gone])
        if file.imported is not None
    ]
    session.flush()


def newest_than(file: Dated, others: Sequence[Dated]) -> Dated | None:
    """The newest of the others that the file is older than, if any."""
    newer = [other for other in others if file.older_than(other)]
    return max(newer, key=lambda other: file.compared_with(other) or date.min, default=None)


def older_than(file: Dated, newer: Dated) -> str:
    """Why the file is taken as older than `newer`, in words."""
    which = (
        f"the one you imported on {in_words(newer.imported.astimezone().date(), None)}"
        if newer.imported is not None
        else "the one beside it in this import"
    )
    if file.by == BY_NAME:
        this = f"This export is from {in_words(file.exported, None)} (its archive's name says so)"
    elif file.by == BY_PACKING:
        this = f"This export is from {in_words(file.exported, None)} (its archive dates it so)"
    else:
        this = f"This export's latest connection is from {in_words(file.latest, None)}"
    if file.exported and newer.exported:
        that = f"from {in_words(newer.exported, None)}"
    else:
        that = f"whose latest connection is from {in_words(newer.latest, None)}"
    said = f"{this}, older than {which} ({newer.name}, {that})."
    if not file.exported:
        said += (
            " If this one is the newer export (its latest connections removed since, or "
            "their accounts closed), import the archive ZIP as LinkedIn named it, which "
            "says when it was made."
        )
    return said


def said_older(files: Sequence[Dated], kept: Sequence[Dated]) -> list[str | None]:
    """Why each of the files (of one import) is older than a kept one or another of them,
    in their order (None for one not older). Files are told apart by their place, never by
    name: two of one import can share one (two Connections.csv from two folders)."""
    files = told_apart(files)
    said: list[str | None] = []
    for file in files:
        newer = newest_than(file, [*kept, *(other for other in files if other is not file)])
        said.append(older_than(file, newer) if newer is not None else None)
    return said


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


_APART = re.compile(rf" \(the ({'|'.join(_ORDINALS)}|number \d+) file of that name\)$")


class Apart(str):
    """A file's name as `names_apart` gave it ("Connections.csv (the second file of that
    name)"), knowing its own (`own`): a file may be named so itself, so the words are taken
    off only where Goodword added them (`as_named`)."""

    own: str

    def __new__(cls, shown: str, own: str) -> Apart:
        made = super().__new__(cls, shown)
        made.own = own
        return made

    def __reduce__(self) -> tuple[type[Apart], tuple[str, str]]:
        return Apart, (str(self), self.own)  # (copied or pickled, it stays one)


def names_apart(names: Sequence[str]) -> list[str]:
    """The names, each one another shares given its place among them, as the report and
    its rows say it ("Connections.csv (the second file of that name)", an `Apart`); others
    as they are."""
    counts = Counter(names)
    seen: Counter[str] = Counter()
    apart = []
    for name in names:
        if counts[name] > 1:
            seen[name] += 1
            number = seen[name]
            which = _ORDINALS[number - 1] if number <= len(_ORDINALS) else f"number {number}"
            name = Apart(f"{name} (the {which} file of that name)", name)
        apart.append(name)
    return apart


def kept_apart(names: Sequence[str]) -> list[str]:
    """The names of one import's files as kept (its report's, `ImportRun.files`), each one
    `names_apart` told apart an `Apart` again: one ending in its words beside another of
    the same name ending in them too (it tells apart every file of a name, the first too);
    a file named so itself, alone, as it is."""
    own = [_APART.sub("", name) if _APART.search(name) else None for name in names]
    counts = Counter(name for name in own if name is not None)
    return [
        Apart(name, mine) if mine is not None and counts[mine] > 1 else name
        for name, mine in zip(names, own, strict=True)
    ]


def place(name: str) -> int:
    """The place `names_apart` gave the file among those of its name (1 for the first), 0
    for a name no other shared: to put them in order.

    >>> [place(n) for n in ("a.csv", "a.csv (the second file of that name)",
    ...                     "a.csv (the number 9 file of that name)")]
    [0, 2, 9]
    """
    found = _APART.search(name)
    if found is None:
        return 0
    which = found.group(1)
    return _ORDINALS.index(which) + 1 if which in _ORDINALS else int(which.split()[-1])


def as_named(name: str) -> str:
    """The file's own name, without the place `names_apart` gave it (an `Apart`, as
    `kept_apart` gives a kept one again): what is kept with its people and compared with
    the files imported before. Any other name is its own, whatever it ends with."""
    return name.own if isinstance(name, Apart) else name


def told_apart(files: Sequence[Dated]) -> list[Dated]:
    """The files, each one whose name another shares named with its place among them for
    the words (`names_apart`)."""
    named = names_apart([file.name for file in files])
    return [replace(file, name=name) for file, name in zip(files, named, strict=True)]


def mark_older(
    session: Session, workspace_id: int, parsed_files: list[Parsed]
) -> tuple[dict[int, dict[str, str]], list[str]]:
    """Mark the records of each Connections.csv older than one imported before, or than
    another of this import (`older_copy`); what the import keeps of each dated file's days
    (by its place among `parsed_files`), and the report's notes."""
    dated = [(at, found) for at, p in enumerate(parsed_files) if (found := as_of(p)) is not None]
    if not dated:
        return {}, []
    files = told_apart([file for _at, file in dated])
    said = said_older(files, kept_files(session, workspace_id))
    notes = []
    for (at, _file), named, why in zip(dated, files, said, strict=True):
        if why is None:
            continue
        for person in parsed_files[at].people:
            person.older_copy = True
        notes.append(
            f"{named.name}: {why} Its people keep what the newer export gave them (a job it "
            "gives otherwise is added as a past job); import the newest export to bring them "
            "up to date."
        )
    return {at: file.kept() for at, file in dated}, notes
