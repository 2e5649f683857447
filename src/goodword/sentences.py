"""Ending a sentence after a name, whose own last character may already end it."""

from __future__ import annotations


def full_stop(text: str) -> str:
    """The text with a full stop after it, unless it already ends one: a name ending in an
    abbreviation ("Reddit, Inc.", "Carlos R.") or a question or exclamation ("Yahoo!").

    >>> full_stop("Acme"), full_stop("Reddit, Inc."), full_stop("Yahoo!")
    ('Acme.', 'Reddit, Inc.', 'Yahoo!')
    """
    return text if text.rstrip().endswith((".", "!", "?", "…")) else f"{text}."
