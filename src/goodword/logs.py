"""Logging failures without the people in them.

A database error's message can quote the row it choked on (PostgreSQL's `DETAIL: Key
(workspace_id, address)=(1, ann@example.org) already exists`), and statement parameters
are hidden only from SQLAlchemy's own text. So a failure is logged as its kind, the
database's error code and where in the code it happened: enough to find the bug, with no
one's details in the log.
"""

from __future__ import annotations

import logging
import traceback

from pydantic import ValidationError


def failure(log: logging.Logger, what: str, exc: BaseException) -> None:
    """Log that `what` failed with `exc`, without the exception's message."""
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
    original = getattr(exc, "orig", None)
    code = getattr(original, "sqlstate", None) or getattr(original, "sqlite_errorname", None)
    if original is not None:
        kind += f" from {type(original).__module__}.{type(original).__qualname__}"
    where = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    log.error("%s failed: %s%s\n%s", what, kind, f" ({code})" if code else "", where)


def refused(log: logging.Logger, what: str, exc: ValidationError) -> None:
    """Log that a schema inside the app refused a value (answered as invalid input): the
    schema and the fields, never the values. Usually a user's input that a service checked
    itself; a schema the app fills from its own records refusing one is a bug."""
    fields = ", ".join(
        ".".join(str(part) for part in error["loc"]) or "(whole)" for error in exc.errors()
    )
    ours = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if "site-packages" not in frame.filename or "site-packages/goodword/" in frame.filename
    ]
    place = f"{ours[-1].filename}:{ours[-1].lineno} in {ours[-1].name}" if ours else "?"
    log.warning("%s: %s refused %s (raised at %s)", what, exc.title, fields, place)
