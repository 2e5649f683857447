"""Read a workspace's network out of the database into a `Snapshot`, in a few set-based queries.

Connections are the bulk (millions in a club's database), so they never become ORM objects
or even row tuples: the database packs each chunk of ties into one text of numbers, and numpy
parses it in C. Interactions are aggregated per pair and kind in SQL; positions and
organizations are read once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    Text,
    case,
    cast,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

import goodword.models  # noqa: F401  (every mapper, so relationships resolve)
from goodword.connections.models import Connection
from goodword.interactions.models import (
    Direction,
    Interaction,
    InteractionKind,
    Participant,
    not_invitation,
)
from goodword.network.builder import build
from goodword.network.snapshot import KINDS, PositionRows, Snapshot
from goodword.network.strength import DEFAULT_MODEL, ContactTally, StrengthModel
from goodword.organizations.models import Organization
from goodword.organizations.names import no_employer
from goodword.people import job_dates
from goodword.people.models import Person, Position
from goodword.workspaces.models import Workspace

# Rows per chunk of the packed connection text (a few megabytes of digits each).
CHUNK_IDS = 400_000
# Person ids below this pack with kind and closeness into one 63-bit number per tie.
PACK_LIMIT = 1 << 24
# Room for a kind's code in that number (12 bits).
KIND_SPACE = 1 << 12
# Which way a message or e-mail went, as the strength model reads it (see ContactTally).
_HEADINGS = {Direction.OUTBOUND: "out", Direction.INBOUND: "in"}
# Kinds of contact between two other people that say something about their tie.
PAIR_KINDS = (
    InteractionKind.MEETING,
    InteractionKind.INTERVIEW,
    InteractionKind.CALL,
    InteractionKind.EMAIL,
    InteractionKind.MESSAGE,
    InteractionKind.EVENT,
)


def graph_version(session: Session, *, workspace_id: int) -> int:
    """A value that changes whenever anything the network is built from changes, and never
    comes back: one read of one row.

    Database triggers keep it (migration 0004), on every insert, update and delete of
    people, organizations, positions, connections, interactions and participants, however
    the row was written. On PostgreSQL a transaction sees its own changes' version (kept
    in a setting local to it) until it commits and the version becomes everyone's.
    """
    stored: ColumnElement[Any] = Workspace.__table__.c.graph_version
    if session.get_bind().dialect.name == "postgresql":
        own = func.nullif(func.current_setting(f"goodword.graph_{int(workspace_id)}", True), "")
        stored = func.coalesce(cast(own, BigInteger), stored)
    found = session.execute(select(stored).where(Workspace.id == workspace_id)).scalar()
    return int(found or 0)


def load(
    session: Session,
    *,
    workspace_id: int,
    today: date,
    model: StrengthModel = DEFAULT_MODEL,
    version: int | None = None,
) -> Snapshot:
    """Build the workspace's snapshot as of `today` (recency is measured from it)."""
    if version is None:
        version = graph_version(session, workspace_id=workspace_id)
    people = session.execute(
        select(Person.id, Person.is_me)
        .where(Person.workspace_id == workspace_id)
        .order_by(Person.id)
    ).all()
    ids = np.fromiter((row[0] for row in people), dtype=np.int64, count=len(people))
    me = next((row[0] for row in people if row[1]), None)
    a, b, codes, closeness = read_connections(
        session, workspace_id, max_person_id=int(ids[-1]) if len(ids) else 0
    )
    organizations = {
        org_id: name
        for org_id, name in session.execute(
            select(Organization.id, Organization.name).where(
                Organization.workspace_id == workspace_id
            )
        )
    }
    return build(
        person_ids=ids,
        a=a,
        b=b,
        kind_codes=codes,
        closeness=closeness,
        contacts=_contacts(session, workspace_id, me, today),
        positions=_positions(session, workspace_id, organizations, today),
        organizations=organizations,
        me=me,
        today=today,
        model=model,
        version=version,
    )


def read_connections(
    session: Session, workspace_id: int, *, max_person_id: int
) -> tuple[npt.NDArray[np.int64], ...]:
    """Return (a, b, kind code, closeness or 0) for every connection record, as arrays."""
    low, high = session.execute(
        select(func.min(Connection.id), func.max(Connection.id)).where(
            Connection.workspace_id == workspace_id
        )
    ).one()
    empty = np.zeros(0, np.int64)
    if low is None:
        return empty, empty, empty, empty
    dialect = session.get_bind().dialect.name
    kind_text = type_coerce(Connection.kind, String)
    if _SIGNATURES is not None:
        # A CASE over nine strings costs SQLite more than the rest of the row; a kind's
        # length and first letter tell the kinds apart just as well, for a fraction.
        first = func.unicode(kind_text) if dialect == "sqlite" else func.ascii(kind_text)
        kind: ColumnElement[Any] = func.length(kind_text) * 128 + first
    else:
        kind = case({k.value: i for i, k in enumerate(KINDS)}, value=kind_text, else_=0)
    # SQLite's integers are 64-bit already; PostgreSQL's would overflow without the cast.
    a: ColumnElement[Any] = Connection.__table__.c.person_a_id
    b: ColumnElement[Any] = Connection.__table__.c.person_b_id
    if dialect != "sqlite":
        a, b = cast(a, BigInteger), cast(b, BigInteger)
    close = func.coalesce(Connection.closeness, 0)
    # Only as many bits per person id as the ids need: fewer digits for SQLite to write. The
    # highest ids of the whole table (an index lookup each) bound this workspace's.
    top = session.execute(
        select(
            select(func.max(Connection.person_a_id)).scalar_subquery(),
            select(func.max(Connection.person_b_id)).scalar_subquery(),
        )
    ).one()
    id_bits = max(1, max(int(top[0] or 0), int(top[1] or 0)).bit_length())
    packed = max_person_id < PACK_LIMIT and id_bits <= PACK_LIMIT.bit_length() - 1
    if packed:
        number: ColumnElement[Any] = ((a * (1 << id_bits) + b) * KIND_SPACE + kind) * 8 + close
    else:
        number = cast(a, Text) + "," + cast(b, Text) + "," + cast(kind * 8 + close, Text)
    text = cast(number, Text) if not packed or dialect != "sqlite" else number
    aggregate = func.group_concat(text, ",") if dialect == "sqlite" else func.string_agg(text, ",")
    chunks: list[npt.NDArray[np.int64]] = []
    for start in range(int(low), int(high) + 1, CHUNK_IDS):
        packed_text = session.execute(
            select(aggregate).where(
                Connection.workspace_id == workspace_id,
                Connection.id >= start,
                Connection.id < start + CHUNK_IDS,
            )
        ).scalar()
        if packed_text:
            chunks.append(np.fromstring(packed_text, dtype=np.int64, sep=","))
    numbers = np.concatenate(chunks) if chunks else empty
    del chunks
    if packed:
        # Every factor is a power of two, so shifts and masks unpack (far cheaper than division).
        close_out = numbers & 7
        numbers >>= 3
        codes = numbers & (KIND_SPACE - 1)
        numbers >>= KIND_SPACE.bit_length() - 1
        a_out, b_out = numbers >> id_bits, numbers & ((1 << id_bits) - 1)
    else:
        triples = numbers.reshape(-1, 3)
        a_out, b_out, codes, close_out = (
            triples[:, 0],
            triples[:, 1],
            triples[:, 2] // 8,
            triples[:, 2] % 8,
        )
    if _SIGNATURES is not None:
        codes = _SIGNATURES[codes]
    return a_out, b_out, codes, close_out


def _kind_signatures() -> npt.NDArray[np.int64] | None:
    """Map length * 128 + first letter back to a kind's index, if that tells every kind apart."""
    table = np.zeros(KIND_SPACE, np.int64)
    seen: set[int] = set()
    for index, kind in enumerate(KINDS):
        signature = len(kind.value) * 128 + ord(kind.value[0])
        if signature in seen or signature >= KIND_SPACE or ord(kind.value[0]) >= 128:
            return None
        seen.add(signature)
        table[signature] = index
    return table


_SIGNATURES = _kind_signatures()


def _contacts(
    session: Session, workspace_id: int, me: int | None, today: date
) -> dict[tuple[int, int], tuple[ContactTally, ...]]:
    """Contact tallies per pair: the user with each person met, and pairs met together."""
    cutoff = datetime.combine(today - timedelta(days=365), datetime.min.time(), tzinfo=UTC)
    recent = func.sum(case((Interaction.occurred_at >= cutoff, 1), else_=0))
    found: dict[tuple[int, int], list[ContactTally]] = {}
    if me is not None:
        # A message that came in was written by its writer, where the record names one, or
        # by the one person of a conversation of two. Came in to a group and kept without
        # its writer, it was written by one of them, which the record does not say: none of
        # them is counted as having written it, only as having been in it. One from someone
        # gone (a deleted account, a writer deleted since) is others' even to one left.
        crowd = (
            select(Participant.interaction_id, func.count().label("people"))
            .where(Participant.workspace_id == workspace_id, Participant.person_id != me)
            .group_by(Participant.interaction_id)
            .subquery()
        )
        came_in = Interaction.direction == Direction.INBOUND
        wrote = case(
            (came_in & (Interaction.writer_id == Participant.person_id), "in"),
            (came_in & (Interaction.writer_id.is_not(None) | Interaction.writer_gone), "others"),
            (came_in & (crowd.c.people == 1), "in"),
            else_=None,
        )
        rows = session.execute(
            select(
                Participant.person_id,
                Interaction.kind,
                Participant.rapport,
                Interaction.direction,
                wrote,
                func.count(),
                recent,
                func.max(Interaction.occurred_at),
            )
            .join(Interaction, Interaction.id == Participant.interaction_id)
            .join(crowd, crowd.c.interaction_id == Interaction.id)
            .where(
                Interaction.workspace_id == workspace_id,
                Participant.person_id != me,
                not_invitation(),  # (how the tie began, not contact)
            )
            .group_by(
                Participant.person_id, Interaction.kind, Participant.rapport,
                Interaction.direction, wrote,
            )
        ).all()  # fmt: skip
        for person_id, kind, rapport, direction, heading, count, in_year, last in rows:
            if direction is not Direction.INBOUND:
                heading = _HEADINGS.get(direction)
            found.setdefault((me, person_id), []).append(
                ContactTally(
                    kind, int(count), int(in_year or 0), last.date(),
                    direction=heading, rapport=rapport,
                )
            )  # fmt: skip
    one, two = aliased(Participant), aliased(Participant)
    pairs = (
        select(
            one.person_id,
            two.person_id,
            Interaction.kind,
            func.count(),
            recent,
            func.max(Interaction.occurred_at),
        )
        .join(two, (two.interaction_id == one.interaction_id) & (two.person_id > one.person_id))
        .join(Interaction, Interaction.id == one.interaction_id)
        .where(Interaction.workspace_id == workspace_id, Interaction.kind.in_(PAIR_KINDS))
        .group_by(one.person_id, two.person_id, Interaction.kind)
    )
    if me is not None:
        pairs = pairs.where(one.person_id != me, two.person_id != me)
    for p, q, kind, count, in_year, last in session.execute(pairs).all():
        found.setdefault((p, q), []).append(
            ContactTally(kind, int(count), int(in_year or 0), last.date())
        )
    return {pair: tuple(tallies) for pair, tallies in found.items()}


def _last_day(end: date | None, precision: str | None, today: date) -> int:
    """A job's end as an ordinal, 0 when unknown: the last day of its month or year, but
    not after today (nor before the day kept)."""
    if end is None:
        return 0
    return max(end, min(job_dates.last_day(end, precision), today)).toordinal()


def _positions(
    session: Session, workspace_id: int, organizations: dict[int, str], today: date
) -> PositionRows:
    """Every job, but those at no employer to share ("Self-employed", "Freelance"): two
    freelancers are no colleagues, and nobody works "at" Freelance. A job known only to
    the month or year ("2019") runs from its first day to its last: ended in 2019, it
    overlaps one begun in March 2019 (and one ended this month or year, until today)."""
    shared_by_nobody = {org_id for org_id, name in organizations.items() if no_employer(name)}
    rows = session.execute(
        select(
            Position.person_id,
            Position.organization_id,
            Position.start_date,
            Position.end_date,
            Position.is_current,
            Position.title,
            Position.department,
            Position.end_precision,
        ).where(Position.workspace_id == workspace_id)
    ).all()
    if shared_by_nobody:
        rows = [r for r in rows if r[1] not in shared_by_nobody]
    return PositionRows(
        person_id=[r[0] for r in rows],
        organization_id=[r[1] for r in rows],
        start=[r[2].toordinal() if r[2] else 0 for r in rows],
        end=[_last_day(r[3], r[7], today) for r in rows],
        current=[bool(r[4]) for r in rows],
        title=[r[5] for r in rows],
        department=[r[6] for r in rows],
    )
