"""The pure matcher: exact keys, names with evidence, thresholds, blocking."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from goodword.duplicates import index
from goodword.duplicates.index import Matcher
from goodword.duplicates.matching import (
    AUTO_MERGE,
    SUGGEST,
    Profile,
    score,
)
from goodword.duplicates.names import fold, soundex


def profile(ref: int, given: str, family: str, **fields) -> Profile:
    return Profile(ref=ref, given=fold(given), family=fold(family), **fields)


def test_fold_lowers_and_strips_accents_in_any_script():
    assert fold("Zoë  O'Brien") == "zoe obrien"
    assert fold("Y\u0131lmaz Şahin") == "yilmaz sahin"
    assert fold("山田 太郎") == "山田 太郎"


def test_a_shared_email_is_certain():
    a = profile(1, "Ada", "Lovelace", emails=frozenset({"ada@x.example"}))
    b = profile(2, "A.", "King", emails=frozenset({"ada@x.example"}))
    judged = score(a, b)
    assert judged.score == 1.0 and judged.auto
    assert judged.reasons == ("same e-mail address (ada@x.example)",)


def test_a_name_alone_is_only_ever_a_suggestion():
    judged = score(profile(1, "John", "Smith"), profile(2, "John", "Smith"))
    assert judged.suggest and not judged.auto
    assert SUGGEST <= judged.score < AUTO_MERGE


def test_a_name_with_the_same_employer_merges():
    a = profile(1, "Wanjiru", "Kamau", orgs=frozenset({"kiprono health"}))
    b = profile(2, "Wanjiru", "Kamau", orgs=frozenset({"kiprono health"}))
    judged = score(a, b)
    assert judged.auto
    assert "same organization" in judged.reasons


@pytest.mark.parametrize("suffix", ["Jr", "III"])
def test_a_generational_suffix_on_one_side_only_is_no_disagreement(suffix):
    # ("Marcus Webb Jr." in Outlook, "Marcus Webb" in a spreadsheet, at one employer.)
    at = frozenset({"northwind traders"})
    plain = score(profile(1, "Marcus", "Webb", orgs=at), profile(2, "Marcus", "Webb", orgs=at))
    one = score(
        profile(1, "Marcus", f"Webb {suffix}", orgs=at), profile(2, "Marcus", "Webb", orgs=at)
    )
    assert one.auto and one.score == plain.score
    both = score(
        profile(1, "Marcus", f"Webb {suffix}", orgs=at), profile(2, "Marcus", "Webb Sr", orgs=at)
    )
    assert not both.auto and both.conflict


def test_nicknames_typos_and_swapped_names_are_still_close():
    assert score(profile(1, "Bob", "Smith"), profile(2, "Robert", "Smith")).suggest
    assert score(profile(1, "Catherine", "Zeta"), profile(2, "Catherine", "Zetaa")).suggest
    assert score(profile(1, "Smith", "Anna"), profile(2, "Anna", "Smith")).suggest


def test_different_people_are_not_suggested():
    assert not score(profile(1, "Ada", "Lovelace"), profile(2, "Grace", "Hopper")).suggest
    different_birthdays = score(
        profile(1, "John", "Smith", birthday="1970-01-01"),
        profile(2, "John", "Smith", birthday="1990-06-30"),
    )
    assert not different_birthdays.auto


def test_twins_are_never_merged_without_asking():
    a = profile(1, "Mary", "Olsen", birthday="1986-06-13", location="12 elm street springfield")
    b = profile(2, "Ashley", "Olsen", birthday="1986-06-13", location="12 elm street springfield")
    judged = score(a, b)
    assert judged.suggest and judged.conflict and not judged.auto


@pytest.mark.parametrize(
    ("one", "other"),
    [("Paul", "Paula"), ("Daniel", "Daniela"), ("Julian", "Julia"), ("Mark", "Marc"),
     ("Anna", "Anne"), ("Jon", "John"), ("Ivan", "Ivana"), ("Christian", "Christina"),
     ("Marian", "Marina")],
)  # fmt: skip
def test_given_names_with_another_ending_at_one_employer_are_asked_about(one, other):
    # A brother and sister, or a couple, at the same employer: alike on paper, two people.
    at_acme = {"orgs": frozenset({"acme"})}
    judged = score(profile(1, one, "Kowalski", **at_acme), profile(2, other, "Kowalski", **at_acme))
    assert judged.suggest and judged.conflict and not judged.auto


def test_a_nickname_or_a_typo_inside_a_given_name_still_merges_with_evidence():
    at_acme = {"orgs": frozenset({"acme"})}
    pairs = [("Bob", "Robert"), ("Jeff", "Jeffrey"), ("Sara", "Sarah"), ("Micheal", "Michael"),
             ("Jhon", "John"), ("Tom", "Tomasz"), ("Kasia", "Katarzyna")]  # fmt: skip
    for one, other in pairs:
        judged = score(profile(1, one, "Smith", **at_acme), profile(2, other, "Smith", **at_acme))
        assert judged.auto, (one, other)


@pytest.mark.parametrize(("one", "other"), [("Chris", "Tina"), ("Will", "Liam"), ("Ed", "Ted")])
def test_two_short_forms_of_one_name_at_one_employer_are_asked_about(one, other):
    # Chris and Tina may both be a Christine, but two sisters at one company are likelier.
    at_acme = {"orgs": frozenset({"acme"})}
    judged = score(profile(1, one, "Pena", **at_acme), profile(2, other, "Pena", **at_acme))
    assert judged.suggest and not judged.auto


def test_colleagues_of_one_family_name_are_not_suggested():
    at_google = {"orgs": frozenset({"google"})}
    judged = score(profile(1, "Wei", "Wang", **at_google), profile(2, "Jun", "Wang", **at_google))
    assert not judged.suggest and "same organization" not in judged.reasons
    # A birthday both give is evidence the organization is not: then the user is asked.
    born = {"birthday": "1990-04-02", **at_google}
    judged = score(profile(1, "Wei", "Wang", **born), profile(2, "Jun", "Wang", **born))
    assert judged.suggest and judged.conflict and not judged.auto


def test_the_matcher_finds_pairs_through_blocks():
    matcher = Matcher()
    matcher.add(profile(10, "Ada", "Lovelace", orgs=frozenset({"analytical engines"})))
    matcher.add(profile(11, "Grace", "Hopper"))
    queries = [
        profile(-1, "Ada", "Lovelace", orgs=frozenset({"analytical engines"})),
        profile(-2, "Hedy", "Lamarr"),
    ]
    found = [(q, matcher.profiles[p].ref, j.auto) for q, p, j in matcher.pairs_with(queries)]
    assert found == [(0, 10, True)]


def test_the_same_name_with_details_on_one_side_only_is_still_suggested():
    # Her employer on one record, her birthday and town on the other: nothing disagrees,
    # and the name alone is worth suggesting, though the records read little alike whole.
    matcher = Matcher()
    matcher.add(profile(10, "Ada", "Lovelace", orgs=frozenset({"analytical engines"})))
    card = profile(-1, "Ada", "Lovelace", birthday="1815-12-10", location="london uk")
    assert fuzz.token_set_ratio(matcher.profiles[0].summary, card.summary) < 60
    ((query, position, judged),) = matcher.pairs_with([card])
    assert (query, matcher.profiles[position].ref) == (0, 10)
    assert judged.suggest and not judged.auto


def test_a_name_spelt_two_ways_with_a_town_on_one_side_only_is_still_suggested():
    # "Lena Müller" on LinkedIn with nothing else, "Lena Mueller" in Berlin in an address
    # book: the town makes them read little alike whole; their names alone are alike.
    matcher = Matcher()
    matcher.add(profile(10, "Lena", "Müller"))
    card = profile(-1, "Lena", "Mueller", location="berlin germany")
    assert fuzz.token_set_ratio(matcher.profiles[0].summary, card.summary) < 60
    ((query, position, judged),) = matcher.pairs_with([card])
    assert (query, matcher.profiles[position].ref) == (0, 10)
    assert judged.suggest and not judged.auto


@pytest.mark.parametrize(
    ("marked", "typed"),
    [
        (("Jürgen", "Müller"), ("Juergen", "Mueller")),
        (("Søren", "Åkesson"), ("Soeren", "Aakesson")),
    ],
)
def test_a_name_typed_without_its_marks_the_german_or_nordic_way_is_asked_about(marked, typed):
    # "ü" typed "ue", "ø" "oe", "å" "aa" in both names: no first letters nor whole family
    # name in common once folded ("muller", "mueller"), yet one person at one employer.
    matcher = Matcher()
    matcher.add(profile(10, *marked, orgs=frozenset({"stahlwerk"}), location="berlin"))
    card = profile(-1, *typed, orgs=frozenset({"stahlwerk"}), location="berlin")
    ((query, position, judged),) = matcher.pairs_with([card])
    assert (query, matcher.profiles[position].ref) == (0, 10)
    assert judged.suggest


def test_one_name_at_one_employer_with_unlike_job_titles_is_asked_about_not_merged():
    # Two Alex Chens at Amazon: a software engineer and a warehouse manager.
    linkedin = profile(10, "Alex", "Chen", orgs=frozenset({"amazon"}), titles="sde ii")
    card = profile(-1, "Alex", "Chen", orgs=frozenset({"amazon"}), titles="warehouse manager")
    judged = score(linkedin, card)
    assert judged.suggest and not judged.auto
    assert judged.reasons == ("names 100% alike", "same organization, different job titles")
    # A title within the other, or a word in common, is one person's: merged as before.
    senior = profile(-2, "Alex", "Chen", orgs=frozenset({"amazon"}), titles="senior sde ii")
    assert score(linkedin, senior).auto
    # So is a pair where only one side gives a title, and more evidence outweighs titles.
    assert score(linkedin, profile(-3, "Alex", "Chen", orgs=frozenset({"amazon"}))).auto
    born = profile(
        -4, "Alex", "Chen", orgs=frozenset({"amazon"}), titles="cto", birthday="1980-01-02"
    )
    assert score(profile(11, "Alex", "Chen", orgs=frozenset({"amazon"}), titles="sde",
                         birthday="1980-01-02"), born).auto  # fmt: skip


def test_the_same_name_at_two_employers_is_still_suggested():
    # A job changed between an address book and LinkedIn: the employers make the records
    # read little alike whole, but nothing else both give disagrees.
    matcher = Matcher()
    matcher.add(profile(10, "Mateo", "Aquino", orgs=frozenset({"stonechat cloud"}),
                        location="lisbon portugal"))  # fmt: skip
    card = profile(-1, "Mateo", "Aquino", orgs=frozenset({"granite sparrow security"}))
    assert fuzz.token_set_ratio(matcher.profiles[0].summary, card.summary) < 60
    ((query, position, judged),) = matcher.pairs_with([card])
    assert (query, matcher.profiles[position].ref) == (0, 10)
    assert judged.suggest and not judged.auto
    # With two birthdays as well, the first look is left to decide: they are two people.
    older = Matcher()
    older.add(profile(10, "Mateo", "Aquino", orgs=frozenset({"stonechat cloud"}),
                      birthday="1971-05-06"))  # fmt: skip
    born = profile(-2, "Mateo", "Aquino", orgs=frozenset({"granite sparrow security"}),
                   birthday="1990-01-02")  # fmt: skip
    assert list(older.pairs_with([born])) == []


def test_pairs_within_finds_duplicates_among_indexed_profiles():
    matcher = Matcher()
    for ref, (first, family) in enumerate([("Ada", "Lovelace"), ("Grace", "Hopper"),
                                           ("Ada", "Lovelace")]):  # fmt: skip
        matcher.add(profile(ref, first, family))
    assert [(a, b) for a, b, _ in matcher.pairs_within()] == [(0, 2)]


def test_exact_keys_are_indexed():
    matcher = Matcher()
    position = matcher.add(profile(7, "Ada", "L", phones=frozenset({"+14125550101"})))
    assert matcher.exact == {"p:+14125550101": position}


def test_a_shared_number_with_its_extension_is_named_as_it_reads():
    a = profile(1, "Ravi", "Shankar", phones=["+14155550100;ext=12"])
    b = profile(2, "R", "Shankar", phones=["+14155550100;ext=12"])
    assert score(a, b).reasons == ("same phone number (+1 415-555-0100 ext. 12)",)


def test_the_main_number_and_an_extension_on_it_are_different_keys():
    main = profile(1, "Olu", "Adeyemi", phones=["+14155550100"])
    extension = profile(2, "Ravi", "Shankar", phones=["+14155550100;ext=12"])
    other = profile(3, "Mei", "Tanaka", phones=["+14155550100;ext=34"])
    assert not (main.keys & extension.keys or extension.keys & other.keys)
    assert score(main, extension).score < SUGGEST


NAMES = ["ada", "adda", "bob", "robert", "j", "john", "jon", "smith", "smyth", "lovelace"]
_names = st.sampled_from(["", *NAMES])
_profiles = st.builds(
    profile,
    ref=st.integers(0, 9),
    given=_names,
    family=_names,
    birthday=st.sampled_from(["", "1970-01-01", "1970-01-02", "1990-06-30"]),
    location=st.sampled_from(["", "pittsburgh pa", "12 elm street springfield"]),
    orgs=st.sampled_from([frozenset(), frozenset({"acme"}), frozenset({"acme", "globex"})]),
)


@given(_profiles, _profiles)
def test_a_score_does_not_depend_on_which_profile_comes_first(a, b):
    assert score(a, b) == score(b, a)


@given(
    st.lists(_profiles, min_size=2, max_size=12), st.integers(0, 12), st.sets(st.integers(0, 12))
)
def test_pairs_since_a_position_are_the_pairs_whose_later_side_is_there(found, since, skip):
    matcher = Matcher()
    for item in found:
        matcher.add(item)
    everything = [(a, b, j) for a, b, j in matcher.pairs_within()]
    assert all(a < b for a, b, _ in everything)
    assert list(matcher.pairs_within(since=since, skip=skip)) == [
        p for p in everything if p[1] >= since and p[1] not in skip
    ]


def details_apart(a: Profile, b: Profile) -> bool:
    """Both have both names, some details beyond them on either side, and no kind of detail
    in common."""
    kinds = [{k for k in ("orgs", "birthday", "location") if getattr(p, k)} for p in (a, b)]
    names = all(p.given and p.family for p in (a, b))
    return names and any(kinds) and not kinds[0] & kinds[1]


def only_employers_shared(a: Profile, b: Profile) -> bool:
    """Both have both names, and employers are the only kind of detail both give (one name
    at two employers, or at one with her town on one side and her birthday on the other)."""
    kinds = [{k for k in ("orgs", "birthday", "location") if getattr(p, k)} for p in (a, b)]
    return all(p.given and p.family for p in (a, b)) and kinds[0] & kinds[1] == {"orgs"}


def crossed(a: Profile, b: Profile) -> bool:
    """One is filed in a block of initials the other looks in."""
    mine, theirs = a.initial_keys(), b.initial_keys()
    return (
        mine is not None
        and theirs is not None
        and bool(set(mine[0]) & set(theirs[1]) or set(theirs[0]) & set(mine[1]))
    )


def candidates(a: Profile, b: Profile) -> bool:
    """A block key in common, or met in a block of initials (judged whatever the first look
    says)."""
    return bool(a.block_keys() & b.block_keys()) or crossed(a, b)


@given(st.lists(_profiles, min_size=2, max_size=12))
@example(
    [
        profile(0, "ada", "ada", location="pittsburgh pa", orgs=frozenset({"acme"})),
        profile(0, "ada", "ada", birthday="1970-01-01", orgs=frozenset({"acme"})),
    ]
)
def test_pairs_within_are_every_blocked_pair_worth_suggesting(found):
    matcher = Matcher()
    for item in found:
        matcher.add(item)
    expected = [
        (i, j, score(found[i], found[j]))
        for j in range(len(found))
        for i in range(j)
        if candidates(found[i], found[j])
        and (
            crossed(found[i], found[j])
            or fuzz.token_set_ratio(found[i].summary, found[j].summary) >= 60
            or (
                details_apart(found[i], found[j])
                and fuzz.token_set_ratio(found[i].full, found[j].full) >= 75
            )
            or (
                only_employers_shared(found[i], found[j])
                and fuzz.token_set_ratio(found[i].full, found[j].full) >= 100
            )
        )
        and score(found[i], found[j]).suggest
    ]
    assert list(matcher.pairs_within()) == expected


@given(st.lists(_profiles, min_size=2, max_size=12))
def test_small_batches_find_the_same_pairs(found):
    matcher = Matcher()
    for item in found:
        matcher.add(item)
    queries = list(reversed(found))
    whole = (list(matcher.pairs_within()), list(matcher.pairs_with(queries)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "PAIRS_PER_BATCH", 2)
        assert (list(matcher.pairs_within()), list(matcher.pairs_with(queries))) == whole


@given(st.lists(_profiles, min_size=2, max_size=12))
def test_a_crowded_batch_finds_the_same_pairs(found):
    """Comparing each distinct pair of summaries once, and judging each distinct pair of
    details once, changes nothing but the work done."""
    matcher = Matcher()
    for item in found:
        matcher.add(item)
    queries = list(reversed(found))
    whole = (list(matcher.pairs_within()), list(matcher.pairs_with(queries)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "CROWDED", 0)
        assert (list(matcher.pairs_within()), list(matcher.pairs_with(queries))) == whole


def crowd(size: int) -> Matcher:
    """`size` John Smiths (or Smyths) at three employers, one in town."""
    matcher = Matcher()
    for ref in range(size):
        matcher.add(
            profile(
                ref,
                "John",
                "Smith" if ref % 2 else "Smyth",
                orgs=frozenset({("acme", "globex", "initech")[ref % 3]}),
                location="pittsburgh pa" if ref == 0 else "",
            )
        )
    return matcher


def test_a_profile_in_a_crowd_is_judged_against_its_closest_only():
    matcher = crowd(40)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "JUDGED_PER_PROFILE", 5)
        pairs = list(matcher.pairs_within())
    partners: dict[int, list[int]] = {}
    for earlier, later, _ in pairs:
        partners.setdefault(later, []).append(earlier)
    assert max(len(found) for found in partners.values()) == 5
    # Number 39 (a Smith at Acme) is closest to the Smiths at Acme before it (the first
    # look reads them as identical), the earliest of them on a tie.
    assert partners[39] == [3, 9, 15, 21, 27]
    # With no cap, every earlier John is a candidate.
    assert len({e for e, later, _ in matcher.pairs_within() if later == 39}) > 5


def test_a_profile_in_a_huge_block_is_compared_with_the_members_just_before_it():
    matcher = crowd(12)
    queries = [profile(99, "John", "Smith", orgs=frozenset({"acme"}))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "BLOCK_REACH", 3)
        within = {(e, later) for e, later, _ in matcher.pairs_within()}
        found = {right for _, right, _ in matcher.pairs_with(queries)}
    # Each block a profile is in gives its last three members before it: all Johns
    # ("njohsm", and "sjohn s530" for Smith and Smyth alike: 8, 9, 10) and the Smiths
    # ("nsmijo", "fsmith": 5, 7, 9).
    assert {e for e, later in within if later == 11} == {5, 7, 8, 9, 10}
    assert found == {7, 9, 10, 11}
    assert {e for e, later, _ in matcher.pairs_within() if later == 11} > {1, 2, 3, 5, 7, 8, 9, 10}


def test_closest_keeps_each_left_profiles_most_alike_in_order():
    lefts = [1, 1, 1, 1, 2, 2, 3]
    alike = np.array([70, 0, 90, 70, 65, 99, 80], dtype=np.uint8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "JUDGED_PER_PROFILE", 2)
        kept = index._closest(lefts, alike).tolist()
    # Left 1 keeps 90 and the first 70; left 2 keeps both; the 0 never passed.
    assert kept == [0, 2, 4, 5, 6]


def test_a_family_name_initial_is_no_other_family():
    initial, whole = profile(1, "Ravi", "S"), profile(2, "Ravi", "Shankar")
    judged = score(initial, whole)
    assert judged.suggest and not judged.conflict and not judged.auto
    assert score(profile(1, "Ravi", "K"), whole).conflict
    # Two records with the same initial agree as fully as any same family name.
    acme = frozenset({"acme"})
    assert score(profile(1, "Ravi", "S", orgs=acme), profile(2, "Ravi", "S", orgs=acme)).auto


def test_a_family_name_initial_is_compared_with_the_whole_name_whichever_comes_first():
    initial, whole = profile(1, "Ravi", "S."), profile(2, "Ravi", "Shankar")
    assert not initial.block_keys() & whole.block_keys()
    for first, second in ((initial, whole), (whole, initial)):
        matcher = Matcher()
        matcher.add(first)
        matcher.add(second)
        ((earlier, later, judged),) = matcher.pairs_within()
        assert (earlier, later) == (0, 1) and judged.suggest
        assert len(list(matcher.pairs_within(since=1))) == 1
        assert list(matcher.pairs_within(since=1, skip={1})) == []
        alone = Matcher()
        alone.add(first)
        ((query, position, _),) = alone.pairs_with([second])
        assert (query, position) == (0, 0)


def test_two_whole_family_names_never_meet_in_the_block_of_initials():
    # Alike enough to suggest, were they compared, but they share no key of their own
    # (nor a sound): the block for initials does not bring them together.
    shankar, stankar = (
        profile(1, "Ravi", "Shankar", orgs=frozenset({"acme"})),
        profile(2, "Ravi", "Stankar", orgs=frozenset({"globex"})),
    )
    assert score(shankar, stankar).suggest
    assert not shankar.block_keys() & stankar.block_keys()
    matcher = Matcher()
    matcher.add(shankar)
    matcher.add(stankar)
    assert list(matcher.pairs_within()) == []
    again = profile(3, "Ravi", "Stankar", orgs=frozenset({"globex"}))
    assert list(matcher.pairs_with([again])) == [(0, 1, score(again, stankar))]


def test_soundex_codes_names_as_they_sound():
    codes = {n: soundex(n) for n in ("shankar", "sankar", "ashcraft", "pfister")}
    assert codes == {"shankar": "s526", "sankar": "s526", "ashcraft": "a261", "pfister": "p236"}
    assert soundex("s") == soundex("山田") == ""


@pytest.mark.parametrize("orgs", [frozenset(), frozenset({"acme"})])
def test_a_family_name_spelt_two_ways_meets_the_other_spelling(orgs):
    shankar = profile(1, "Ravi", "Shankar", orgs=orgs)
    sankar = profile(2, "Ravi", "Sankar", orgs=orgs)
    judged = score(shankar, sankar)
    # A name alone is suggested; at one employer, merged.
    assert judged.suggest and judged.auto == bool(orgs)
    for first, second in ((shankar, sankar), (sankar, shankar)):
        matcher = Matcher()
        matcher.add(first)
        matcher.add(second)
        assert list(matcher.pairs_within()) == [(0, 1, judged)]
        alone = Matcher()
        alone.add(first)
        assert [(q, p) for q, p, _ in alone.pairs_with([second])] == [(0, 0)]
    # Another given name with the same sound is no reason to compare.
    assert not profile(3, "Asha", "Sankar").block_keys() & shankar.block_keys()


@pytest.mark.parametrize(
    ("short", "whole"),
    [
        (("Bob", "S."), ("Robert", "Smith")),
        (("Robert", "S."), ("Bobby", "Smith")),
        (("Liz", "T"), ("Elizabeth", "Taylor")),
        # A family initial written first, then the given name, as South Indian names often are.
        (("S.", "Ravi"), ("Ravi", "Shankar")),
        (("S.", "Bob"), ("Robert", "Smith")),
    ],
)
def test_an_initial_meets_the_whole_name_through_a_nickname_or_swapped(short, whole):
    initial, named = profile(1, *short), profile(2, *whole)
    assert not initial.block_keys() & named.block_keys()
    assert score(initial, named).suggest
    for first, second in ((initial, named), (named, initial)):
        matcher = Matcher()
        matcher.add(first)
        matcher.add(second)
        assert [(e, later) for e, later, _ in matcher.pairs_within()] == [(0, 1)]
        alone = Matcher()
        alone.add(first)
        assert [(q, p) for q, p, _ in alone.pairs_with([second])] == [(0, 0)]


def test_the_blocks_of_initials_hold_the_nicknames_of_the_initials_side_only():
    assert profile(1, "Bob", "S").initial_keys() == (("ibobs", "irobs"), ("wbobs", "wrobs"))
    assert profile(2, "S", "Ravi").initial_keys() == (("iravs",), ("wravs",))
    # A whole name is filed once, whatever its nicknames: an address book without
    # initials pays for nothing more.
    assert profile(3, "Robert", "Smith").initial_keys() == (("wrobs",), ("irobs",))
    assert profile(4, "Robert", "").initial_keys() is None


def test_every_holder_of_an_exact_key_is_known_up_to_a_limit():
    matcher = Matcher()
    for ref in range(4):
        matcher.add(profile(ref, "Anna", "Lee", emails=["lee@example.com"]))
    matcher.add(profile(9, "Ben", "Lee", emails=["ben@example.com"]))
    assert matcher.holders("e:lee@example.com") == [0, 1, 2, 3]
    assert matcher.holders("e:ben@example.com") == [4]
    assert matcher.holders("e:nobody@example.com") == []
    assert matcher.exact["e:lee@example.com"] == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "KEY_HOLDERS", 2)
        assert matcher.holders("e:lee@example.com") == [0, 1]


def test_a_family_name_initial_looks_among_the_whole_names_just_before_it():
    matcher = Matcher()
    for ref, family in enumerate(["Shankar", "Singh", "Suresh", "Sen"]):
        matcher.add(profile(ref, "Ravi", family))
    matcher.add(profile(4, "Ravi", "S"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "BLOCK_REACH", 2)
        within = {earlier for earlier, later, _ in matcher.pairs_within() if later == 4}
        found = {right for _, right, _ in matcher.pairs_with([profile(5, "Ravi", "S")])}
    assert within == {2, 3}
    # The query finds the other Ravi S. through their shared keys, as before.
    assert found == {2, 3, 4}
    assert {earlier for earlier, later, _ in matcher.pairs_within() if later == 4} == {0, 1, 2, 3}


def test_places_that_disagree_are_among_the_reasons():
    judged = score(
        profile(1, "John", "Smith", location="leeds"),
        profile(2, "John", "Smith", location="san francisco"),
    )
    assert judged.reasons == ("names 100% alike", "different places")


def test_organizations_that_disagree_are_among_the_reasons():
    judged = score(
        profile(1, "Alex", "Morgan", orgs=frozenset({"acme"})),
        profile(2, "Alex", "Morgan", orgs=frozenset({"globex"})),
    )
    assert judged.reasons == ("names 100% alike", "different organizations")
