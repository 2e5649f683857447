"""A person's connections, a page at a time, closest first: their page, the API's and
`goodword person connections` list them through `people.service.connections_page`."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.connections.models import Connection
from goodword.records import Page, decode_cursor, encode_cursor


def connections_page(
    session: Session,
    *,
    workspace_id: int,
    person_id: int,
    cursor: str | None,
    limit: int,
    before: str | None = None,
) -> Page[Connection]:
    """A page of the connections touching the person, closest first (then oldest recorded),
    with the other person loaded and `total` counted: your own page can list thousands.
    `before` (a page's `prev_cursor`) gives the page before it, sought backwards.

    A damaged cursor raises ValueError.
    """
    touching = and_(
        Connection.workspace_id == workspace_id,
        or_(Connection.person_a_id == person_id, Connection.person_b_id == person_id),
    )
    # Closeness left empty sorts after 1 (as "nulls last" would), in one order for both
    # databases, so the cursor can seek on it.
    closeness = func.coalesce(Connection.closeness, 0)
    statement = (
        select(Connection)
        .where(touching)
        .options(selectinload(Connection.person_a), selectinload(Connection.person_b))
    )

    def place(where: str) -> tuple[int, int]:
        value, row_id = decode_cursor(where, list_name="person-connections")
        if not (type(value) is int and type(row_id) is int):  # (true is no closeness)
            raise ValueError("cursor is damaged")
        return value, row_id

    def key(row: Connection) -> str:
        return encode_cursor(row.closeness or 0, row.id, list_name="person-connections")

    total = session.scalar(select(func.count()).select_from(Connection).where(touching)) or 0
    if before:
        # The same seek the other way: the rows before the place, nearest it first.
        value, row_id = place(before)
        earlier = or_(closeness > value, and_(closeness == value, Connection.id < row_id))
        rows = list(
            session.scalars(
                statement.where(earlier).order_by(closeness, Connection.id.desc()).limit(limit + 1)
            )
        )
        if len(rows) > limit:
            rows = rows[:limit][::-1]
            return Page(
                items=rows, next_cursor=key(rows[-1]), total=total, prev_cursor=key(rows[0])
            )
        cursor = None  # back at the start: the first page, whole
    if cursor:
        value, row_id = place(cursor)
        statement = statement.where(
            or_(closeness < value, and_(closeness == value, Connection.id > row_id))
        )
    rows = list(
        session.scalars(statement.order_by(closeness.desc(), Connection.id).limit(limit + 1))
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = key(rows[-1])
    prev_cursor = key(rows[0]) if cursor and rows else None
    return Page(items=rows, next_cursor=next_cursor, total=total, prev_cursor=prev_cursor)
