"""Load a list of ties from CSV: header `a,b[,kind,closeness]`, one tie per line.

`a` and `b` are person keys: an e-mail address, a profile URL, `id:<number>` (a Goodword
person id) or any other text (a source key, such as a club's member number). Keys find
people already recorded (a source key matches the provenance of people imported before). An
unknown key creates a person whose provenance records the key and the file; an e-mail also
goes into their e-mail addresses and a URL into their links. One file is one step: any bad
line means nothing is written, and every problem is reported with its line number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt
from pydantic import ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from goodword.connections.models import Connection, ConnectionKind
from goodword.errors import FieldError, InvalidInput
from goodword.forms import is_whole_number
from goodword.network import loader
from goodword.network.snapshot import KINDS
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail, PersonSource, PersonUrl
from goodword.people.schemas import PersonCreate

SOURCE = "edge-list"
COLUMNS = ("a", "b", "kind", "closeness")
MAX_PROBLEMS = 20
_URL = re.compile(r"^(https?://|www\.)|^[\w-]+(\.[\w-]+)+/", re.IGNORECASE)


@dataclass(frozen=True)
class ImportReport:
    lines: int
    people_created: int
    connections_created: int
    already_recorded: int


@dataclass(frozen=True)
class _Key:
    kind: str  # "id", "email", "url" or "source"
    value: str

    def new_person(self) -> PersonCreate:
        if self.kind == "email":
            return PersonCreate(display_name=self.value[:200], emails=[self.value])
        if self.kind == "url":
            match = re.search(r"linkedin\.com/in/([^/]+)$", self.value)
            name = match.group(1) if match else self.value
            return PersonCreate(display_name=name[:200], urls=[self.value])
        return PersonCreate(display_name=self.value[:200])


def import_edges(
    session: Session, *, workspace_id: int, path_or_file: str | Path | IO[str] | IO[bytes]
) -> ImportReport:
    """Read every line, check them all, then write people and ties; nothing on any error."""
    name, text = _read(path_or_file)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if header[:2] != ["a", "b"] or any(h not in COLUMNS for h in header):
        raise InvalidInput(
            f"{name}: the first line must be the header a,b or a,b,kind,closeness "
            f"(found {','.join(reader.fieldnames or []) or 'nothing'}).",
            fields=[FieldError("line 1", "Expected the header a,b[,kind,closeness].")],
        )
    reader.fieldnames = header
    known, ambiguous = _known_people(session, workspace_id)
    new_people: dict[_Key, PersonCreate] = {}
    problems: list[FieldError] = []
    rows: list[tuple[int, _Key, _Key, ConnectionKind, int | None]] = []
    for row in reader:
        line = reader.line_num
        tie, wrong = _parse(row, known=known, ambiguous=ambiguous, new_people=new_people)
        if wrong:
            # One entry per line, in line order, saying every problem on it.
            problems.append(FieldError(f"line {line}", " ".join(wrong)))
        elif tie is not None:
            rows.append((line, *tie))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = f" (and {len(problems) - len(shown)} more)" if len(problems) > len(shown) else ""
        lines = "1 line" if len(problems) == 1 else f"{len(problems)} lines"
        raise InvalidInput(
            f"{name}: {lines} could not be read{more}; nothing was imported. "
            f"First: {shown[0].field}: {shown[0].message}",
            fields=shown,
        )

    for key, data in new_people.items():
        person = people.create(session, workspace_id=workspace_id, data=data)
        person.sources.append(
            PersonSource(
                workspace_id=workspace_id,
                source=SOURCE,
                file_name=name[:300],
                external_key=key.value,
            )
        )
        known[key] = person.id
    ends = np.array([(known[ka], known[kb]) for _, ka, kb, _, _ in rows], np.int64).reshape(-1, 2)
    codes = np.array([KINDS.index(kind) for *_, kind, _ in rows], np.int64)
    ties = _packed(ends[:, 0], ends[:, 1], codes)
    recorded = np.isin(ties, _existing_ties(session, workspace_id))
    seen: set[int] = set()
    records = []
    skipped = 0
    for (_line, ka, kb, kind, closeness), tie, before in zip(
        rows, ties.tolist(), recorded.tolist(), strict=True
    ):
        a, b = known[ka], known[kb]
        if before or tie in seen:
            skipped += 1
            continue
        seen.add(tie)
        records.append(
            {
                "workspace_id": workspace_id,
                "person_a_id": a,
                "person_b_id": b,
                "kind": kind,
                "closeness": closeness,
                "source": f"Connection list {name}"[:200],
            }
        )
    for start in range(0, len(records), 5_000):
        session.execute(insert(Connection), records[start : start + 5_000])
    # People an import made, tied now to others, stay when that import is undone.
    tied = sorted({int(r[side]) for r in records for side in ("person_a_id", "person_b_id")})  # type: ignore[call-overload]
    for start in range(0, len(tied), 5_000):
        session.execute(
            update(Person)
            .where(Person.id.in_(tied[start : start + 5_000]))
            .values(made_by_import=None)
            .execution_options(synchronize_session=False)
        )
    session.flush()
    return ImportReport(
        lines=len(rows),
        people_created=len(new_people),
        connections_created=len(records),
        already_recorded=skipped,
    )


def _read(source: str | Path | IO[str] | IO[bytes]) -> tuple[str, str]:
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}.") from None
        name = path.name
    else:
        data = source.read()
        raw = data.encode() if isinstance(data, str) else data
        name = getattr(source, "name", None) or "the file"
        name = Path(str(name)).name
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{name} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV and try again."
        ) from None


_KIND_NAMES = {k.value: k for k in ConnectionKind} | {
    re.sub(r"[^a-z]+", "_", k.label.lower()).strip("_"): k for k in ConnectionKind
}


def _parse(
    row: dict[str | None, str | None],
    *,
    known: dict[_Key, int],
    ambiguous: dict[_Key, list[str]],
    new_people: dict[_Key, PersonCreate],
) -> tuple[tuple[_Key, _Key, ConnectionKind, int | None] | None, list[str]]:
    """One line's tie, or every problem with it (a sentence each) in the order of its columns.

    A key that is new is added to `new_people` (nothing is written if any line is bad).
    """
    wrong: list[str] = []
    if row.get(None):
        wrong.append("This line has more values than the header has columns.")
    empty = [c for c in ("a", "b") if not (row.get(c) or "").strip()]
    if empty:
        wrong.append(
            ("Columns a and b are" if len(empty) == 2 else f"Column {empty[0]} is")
            + " empty: a tie needs a person key in each"
            " (an e-mail, a profile URL or any other key)."
        )
    keys: list[_Key] = []
    for column in ("a", "b"):
        if column in empty:
            continue
        try:
            key = _key(row.get(column) or "", column)
        except ValueError as exc:
            wrong.append(f"{str(exc).rstrip('.')}.")
            continue
        problem = (
            ""
            if key in keys
            else _find(key, known=known, ambiguous=ambiguous, new_people=new_people)
        )
        if problem:
            wrong.append(f"{problem}.")
        keys.append(key)
    if len(keys) == 2:
        a, b = keys
        if a == b or (a in known and known[a] == known.get(b)):
            wrong.append("Columns a and b name the same person; a tie joins two people.")
    kind_text = (row.get("kind") or "").strip()
    kind = ConnectionKind.KNOWS
    if kind_text:
        kind_name = re.sub(r"[^a-z]+", "_", kind_text.lower()).strip("_")
        if kind_name in _KIND_NAMES:
            kind = _KIND_NAMES[kind_name]
        else:
            choices = ", ".join(k.value for k in ConnectionKind)
            wrong.append(f"Kind '{kind_text}' is not one of {choices}.")
    closeness_text = (row.get("closeness") or "").strip()
    closeness = None
    if closeness_text:
        if is_whole_number(closeness_text) and 1 <= int(closeness_text) <= 5:
            closeness = int(closeness_text)
        else:
            wrong.append(f"Closeness '{closeness_text}' must be a whole number from 1 to 5.")
    if wrong:
        return None, wrong
    return (keys[0], keys[1], kind, closeness), []


def _find(
    key: _Key,
    *,
    known: dict[_Key, int],
    ambiguous: dict[_Key, list[str]],
    new_people: dict[_Key, PersonCreate],
) -> str:
    """Find the person a key names, or note a new one; what is wrong with the key, if anything."""
    if key in known or key in new_people:
        return ""
    if key in ambiguous:
        who = ambiguous[key]
        listed = f"{', '.join(who[:-1])} and {who[-1]}"
        return (
            f"'{key.value}' belongs to {len(who)} people: {listed}; write id:<number> "
            "instead to say which one"
        )
    if key.kind == "id":
        return f"No person number {key.value}: they may have been deleted"
    try:
        new_people[key] = key.new_person()
    except ValidationError as exc:
        return f"'{key.value}' is unusable: {str(exc.errors()[0]['msg']).rstrip('.')}"
    return ""


def _key(text: str, column: str) -> _Key:
    """The key a non-empty cell holds; ValueError says why it holds none."""
    text = text.strip()
    if re.fullmatch(r"id:\s*\d+", text, re.IGNORECASE):
        return _Key("id", text.split(":", 1)[1].strip())
    if "@" in text and "/" not in text and " " not in text:
        return _Key("email", normalize.email(text))
    if _URL.match(text):
        return _Key("url", normalize.profile_url(text)[0])
    if len(text) > 300:
        raise ValueError(f"The person key in column {column} is longer than 300 characters")
    return _Key("source", text)


def _known_people(
    session: Session, workspace_id: int
) -> tuple[dict[_Key, int], dict[_Key, list[str]]]:
    """Every key this workspace already answers to with one person, and the keys several
    people share, each with those people ("Rob Smith (id 3)"), so a line using one is refused
    rather than given to either."""
    found: dict[_Key, set[int]] = {}
    for person_id in session.scalars(select(Person.id).where(Person.workspace_id == workspace_id)):
        found[_Key("id", str(person_id))] = {person_id}
    for address, person_id in session.execute(
        select(PersonEmail.address, PersonEmail.person_id).where(
            PersonEmail.workspace_id == workspace_id
        )
    ):
        found.setdefault(_Key("email", address), set()).add(person_id)
    for url, person_id in session.execute(
        select(PersonUrl.url, PersonUrl.person_id).where(PersonUrl.workspace_id == workspace_id)
    ):
        found.setdefault(_Key("url", url), set()).add(person_id)
    for key, person_id in session.execute(
        select(PersonSource.external_key, PersonSource.person_id).where(
            PersonSource.workspace_id == workspace_id, PersonSource.external_key.is_not(None)
        )
    ):
        if key:
            found.setdefault(_Key("source", key), set()).add(person_id)
    known = {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}
    shared = {key: sorted(ids) for key, ids in found.items() if len(ids) > 1}
    names: dict[int, str] = {}
    if shared:
        sharing = {i for ids in shared.values() for i in ids}
        for person_id, display_name in session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(sharing))
        ):
            names[person_id] = display_name
    ambiguous = {
        key: [f"{names.get(i, 'someone')} (id {i})" for i in ids] for key, ids in shared.items()
    }
    return known, ambiguous


def _existing_ties(session: Session, workspace_id: int) -> npt.NDArray[np.int64]:
    """Ties already recorded, packed as numbers (read the fast way the snapshot reads them)."""
    top = session.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) or 0
    a, b, codes, _ = loader.read_connections(session, workspace_id, max_person_id=int(top))
    return _packed(a, b, codes)


def _packed(
    a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], codes: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """One number per (pair, kind), the same whichever way round the pair is written."""
    return ((np.minimum(a, b) << 31) + np.maximum(a, b)) * 16 + codes
