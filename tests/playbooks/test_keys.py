"""Origin keys renamed between databases: the records they name, and nothing else."""

from __future__ import annotations

import pytest

from goodword.playbooks.keys import rekey

NAMES = {
    "person": {"12": "p1", "30": "p2"},
    "opp": {"7": "op1"},
    "ask": {"4": "ra1"},
    "interaction": {"9": "i1"},
}


@pytest.mark.parametrize(
    ("key", "renamed"),
    [
        ("keep-in-touch:person:12:due:2026-12-01", "keep-in-touch:person:p1:due:2026-12-01"),
        # The step "ask" is a word of the key here, not a referral ask.
        ("rejection:opp:7:ask:person:30", "rejection:opp:op1:ask:person:p2"),
        ("referral:ask:4:report-back:interviewing", "referral:ask:ra1:report-back:interviewing"),
        ("favours:interaction:9:thank:person:12", "favours:interaction:i1:thank:person:p1"),
        # A record the mapping does not know (deleted since, or no record at all) stays.
        ("referral:person:99:opp:0", "referral:person:99:opp:0"),
        ("rejection:1:thank", "rejection:1:thank"),
        ("person", "person"),
    ],
)
def test_the_records_a_key_names_are_renamed(key: str, renamed: str):
    assert rekey(key, NAMES) == renamed


def test_renaming_there_and_back_gives_the_key_again():
    back = {kind: {new: old for old, new in names.items()} for kind, names in NAMES.items()}
    key = "rejection:opp:7:thank:person:12"
    assert rekey(rekey(key, NAMES), back) == key
