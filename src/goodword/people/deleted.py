"""How a deleted person's source records are remembered: by a digest of each record's key,
never the key itself (an e-mail address, a LinkedIn profile) nor the person's name."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.people.models import DeletedSource

# Goodword's own exports number their records by the database's ids, which SQLite may give
# to someone added after a delete: such a key is remembered with the name it was under.
OWN_SOURCE = "goodword"
# A mapped spreadsheet's records (`importers.mapped.SOURCE`): their ids are their file's.
SPREADSHEET_SOURCE = "csv"


def only_in_its_file(source: str, key: str) -> bool:
    """Whether a key names its record in the file it came from alone: a spreadsheet's row id,
    or a key made of a name alone (the file's name is remembered for these). A name with
    the e-mail address, phone or day of connection beside it finds the record in any file
    of its source, as it does for a record not deleted (a newer export saved as
    "contacts (1).csv", or inside another archive's folder).

    >>> [only_in_its_file("google", k) for k in ("name:sam lee", "name:sam lee|s@lee.example")]
    [True, False]
    >>> only_in_its_file("linkedin", "name:sam lee|")  # (a connection of no known day)
    True
    """
    if source == SPREADSHEET_SOURCE:
        return True
    return key.startswith("name:") and not key.partition("|")[2].split("#")[0]


def row_id_with(key: str, identity: str) -> str:
    """A spreadsheet row id with an e-mail address or LinkedIn profile its person had, as
    remembered: another spreadsheet's row of that id is theirs when it gives one of them
    (as a row of a person not deleted is, `importers/spreadsheet_ids.py`), so a newer
    export saved under a new name ("crm-december.csv") does not bring them back."""
    return f"{key}\x00{identity.casefold()}"


def next_deletion(session: Session, *, workspace_id: int) -> int:
    """A number for a new deletion, none of the workspace's earlier ones."""
    latest = session.scalar(
        select(func.max(DeletedSource.deletion)).where(DeletedSource.workspace_id == workspace_id)
    )
    return (latest or 0) + 1


def digest(source: str, key: str, name: str | None = None) -> str:
    """The SHA-256 (hex) a deleted record's key is remembered by; for a key of Goodword's
    own exports, of the key with the name shown (case aside).

    >>> key = "https://www.linkedin.com/in/ada"
    >>> digest("linkedin", key) == hashlib.sha256(key.encode()).hexdigest()  # kept in databases
    True
    >>> digest("goodword", "goodword-1-4", "Ada") == digest("goodword", "goodword-1-4", "ADA")
    True
    """
    text = f"{key}\x00{(name or '').casefold()}" if source == OWN_SOURCE else key
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
