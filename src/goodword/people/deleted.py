"""How a deleted person's source records are remembered: by a digest of each record's key,
never the key itself (an e-mail address, a LinkedIn profile) nor the person's name."""

from __future__ import annotations

import hashlib

# Goodword's own exports number their records by the database's ids, which SQLite may give
# to someone added after a delete: such a key is remembered with the name it was under.
OWN_SOURCE = "goodword"


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
