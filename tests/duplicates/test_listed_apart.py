"""Two profiles one list names as two people (two rows of one Connections.csv with a
profile each) are never compared; every other pair is compared as before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from goodword.duplicates import index
from goodword.duplicates.index import Listings, Matcher
from goodword.duplicates.matching import Profile
from goodword.duplicates.names import fold

NAMES = ["ada", "adda", "bob", "robert", "j", "john", "jon", "smith", "smyth", "lovelace"]


def profile(ref: int, given: str, family: str, **fields) -> Profile:
    return Profile(ref=ref, given=fold(given), family=fold(family), **fields)


_names = st.sampled_from(["", *NAMES])
_profiles = st.builds(
    profile,
    ref=st.integers(0, 9),
    given=_names,
    family=_names,
    birthday=st.sampled_from(["", "1970-01-01", "1990-06-30"]),
    location=st.sampled_from(["", "pittsburgh pa", "12 elm street springfield"]),
    orgs=st.sampled_from([frozenset(), frozenset({"acme"}), frozenset({"acme", "globex"})]),
)


@given(st.lists(st.tuples(_profiles, st.sampled_from([None, 1, 2])), min_size=2, max_size=12))
def test_profiles_one_list_names_are_never_compared_and_the_rest_are_as_before(found):
    """Two profiles of one list (two rows of one Connections.csv with profiles) make no
    pair; every other pair is found as without lists, its list's rows scattered or not."""
    matcher = Matcher()
    listed = {}
    for item, number in found:
        position = matcher.add(item)
        if number is not None:
            listed[position] = number
    apart = [
        (earlier, later, judged)
        for earlier, later, judged in matcher.pairs_within()
        if listed.get(earlier) is None or listed.get(earlier) != listed.get(later)
    ]
    assert list(matcher.pairs_within(listings=Listings(listed))) == apart


def test_a_row_of_a_long_list_reaches_past_it_to_the_people_before_it(monkeypatch):
    # A John Smith here already, then a list of five John Smiths: with a reach of two, the
    # last of them is still compared with the one before the list, not with its own.
    monkeypatch.setattr(index, "BLOCK_REACH", 2)
    matcher = Matcher()
    for ref in range(1, 7):
        matcher.add(profile(ref, "John", "Smith", orgs=frozenset({"acme"})))
    listings = Listings(dict.fromkeys(range(1, 6), 1))
    found = [(a, b) for a, b, _judged in matcher.pairs_within(since=1, listings=listings)]
    assert found == [(0, later) for later in range(1, 6)]
