"""Page cursors checked at the edge, for the API and the CLI alike: well formed, made by
the list they are given to, and asked for one way (after or before) at a time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from goodword.errors import FieldError, InvalidInput
from goodword.records import OtherListCursor, decode_cursor

Sort = Literal["text", "time", "date", "id"]


def checked_cursor(
    after: str | None, *, sort: Sort, list_name: str, field: str = "after"
) -> str | None:
    """Return a keyset cursor once it is known to be well formed and made by the list named
    `list_name` (or by no list named, as cursors were made before), else a 422 on `field`.

    Services trust their cursors; a hand-edited one must not reach the database.
    """
    if not after:
        return None
    try:
        values = decode_cursor(after, list_name=list_name)
        if len(values) != 2 or not isinstance(values[1], int) or isinstance(values[1], bool):
            raise ValueError
        value = values[0]
        if sort == "text" and not isinstance(value, str):
            raise ValueError
        if sort == "time":
            datetime.fromisoformat(value)
        if sort == "date":
            date.fromisoformat(value)
        if sort == "id" and (not isinstance(value, int) or isinstance(value, bool)):
            raise ValueError
    except (ValueError, TypeError) as exc:
        raise cursor_refused(field, exc) from None
    return after


def cursor_refused(field: str, error: Exception) -> InvalidInput:
    """The 422 for a cursor (sent as `field`) that is damaged, or that another list made."""
    if isinstance(error, OtherListCursor):
        return InvalidInput(
            "The page cursor is from another list.",
            fields=[
                FieldError(
                    field,
                    f"This cursor is from the {error.made_by} list; pass back the `next` or "
                    f"`prev` of this list's pages, or leave out `{field}` for its first page.",
                )
            ],
        )
    return InvalidInput(
        "The page cursor is not valid.",
        fields=[
            FieldError(
                field,
                f"This cursor is damaged; start again from the first page (leave out `{field}`).",
            )
        ],
    )


def one_way(after: str | None, before: str | None) -> None:
    """Refuse a request for the page after one and the page before one at once (422)."""
    if after and before:
        raise InvalidInput(
            "Ask for the page after one or the page before one, not both.",
            fields=[FieldError("before", "leave out `after` when you give `before`")],
        )


def checked_cursors(
    after: str | None, before: str | None, *, sort: Sort, list_name: str
) -> tuple[str | None, str | None]:
    """The cursors of a request for the page after one (`after`) or before one (`before`),
    each checked as `checked_cursor` does; both at once is a 422 on `before`."""
    one_way(after, before)
    return (
        checked_cursor(after, sort=sort, list_name=list_name),
        checked_cursor(before, sort=sort, list_name=list_name, field="before"),
    )
