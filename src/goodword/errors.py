"""The Goodword error tree. Each error knows its HTTP status and CLI exit code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field; `field` is a dotted path such as `emails.0`."""

    field: str
    message: str


class GoodwordError(Exception):
    """Base of every error Goodword shows to a user."""

    status_code = 400
    exit_code = 1
    code = "error"

    def __init__(self, message: str, *, fields: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or []

    def to_dict(self) -> dict[str, object]:
        """Return the stable error shape the API sends."""
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "fields": [{"field": f.field, "message": f.message} for f in self.fields],
            }
        }


class NotFound(GoodwordError):
    status_code = 404
    exit_code = 4
    code = "not_found"

    def __init__(self, kind: str, record_id: object, *, message: str | None = None) -> None:
        super().__init__(message or missing(kind, record_id))
        self.kind = kind
        self.record_id = record_id


def missing(kind: str, record_id: object) -> str:
    """What a record not found says: "No person number 99999: they may have been deleted."
    (a number typed wrong, or a record deleted since the page or list was shown). An id that
    is no number is not called one (NotFound's `message` says better what is missing)."""
    them = "they" if kind == "person" else "it"
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        return f"No {kind} number {record_id}: {them} may have been deleted."
    return f"There is no such {kind}: {them} may have been deleted."


class Forbidden(GoodwordError):
    status_code = 403
    exit_code = 1
    code = "forbidden"


class InvalidInput(GoodwordError):
    status_code = 422
    exit_code = 2
    code = "invalid"


class Conflict(GoodwordError):
    status_code = 409
    exit_code = 3
    code = "conflict"


class Busy(GoodwordError):
    """Another writer holds SQLite's one write lock (a big import, probably)."""

    status_code = 503
    exit_code = 5
    code = "busy"


class DatabaseUnavailable(GoodwordError):
    status_code = 503
    exit_code = 5
    code = "database_unavailable"
