"""The undo's summary in words: only what it does is said, in a sentence that reads right
for none, one and many of each part, before and after."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from goodword.importers.undo_matches import TakenBack
from goodword.importers.undoing import Kept, Undo

WHEN = datetime(2026, 11, 28, tzinfo=UTC)


def _back(*ids: int) -> list[TakenBack]:
    return [TakenBack(i, f"Person {i}", ["a record"], ["phone"], []) for i in ids]


def _kept(*ids: int) -> list[Kept]:
    return [Kept(i, f"Person {i}", "a task is about them") for i in ids]


@pytest.mark.parametrize(
    ("undo", "said"),
    [
        (Undo(1, WHEN), "Takes nothing away."),
        (Undo(1, WHEN, kept=_kept(1)), "Takes nothing away; 1 person stays, listed with why."),
        (
            Undo(1, WHEN, kept=_kept(1, 2), done=True),
            "Took nothing away; 2 people stay, listed with why.",
        ),
        (
            Undo(1, WHEN, removed=[(1, "Ada")], positions=1, connections=1, interactions=1),
            "Takes away 1 person (with their job and connection) and 1 message or invitation.",
        ),
        (
            Undo(1, WHEN, removed=[(1, "Ada")], positions=3, organizations=1),
            "Takes away 1 person (with their 3 jobs) and 1 organization.",
        ),
        (
            Undo(1, WHEN, removed=[(1, "Ada"), (2, "Grace")], positions=2, organizations=2),
            "Takes away 2 people (with their 2 jobs) and 2 organizations.",
        ),
        (
            Undo(1, WHEN, interactions=2, kept=_kept(1)),
            "Takes away 2 messages and invitations; 1 person stays, listed with why.",
        ),
        (
            Undo(1, WHEN, taken_back=_back(1), put_back=_back(2, 3), kept=_kept(4, 5)),
            "Takes back what it added to 1 person already here; puts back what it changed "
            "about 2 people already here; 2 people stay, listed with why.",
        ),
    ],
)
def test_the_summary_says_only_what_the_undo_does(undo, said):
    assert undo.summary() == said


def test_naming_says_who_stays_where_they_are_not_listed():
    one = Undo(1, WHEN, removed=[(9, "Grace")], kept=_kept(1), done=True)
    assert one.summary(naming=True) == "Took away 1 person; 1 person stays: Person 1."
    five = Undo(1, WHEN, kept=_kept(1, 2, 3, 4, 5), done=True)
    assert five.summary(naming=True) == (
        "Took nothing away; 5 people stay: Person 1, Person 2, Person 3 and 2 more."
    )
