"""The strength model: what raises or lowers a tie, always inside (0, 1], and how it is told."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.connections.models import ConnectionKind
from goodword.interactions.models import InteractionKind, Rapport
from goodword.network.strength import (
    ContactTally,
    SharedWork,
    StrengthModel,
    TieEvidence,
    explain,
    score,
)

TODAY = date(2026, 11, 20)


def met(days_ago: int, count: int = 1, kind: InteractionKind = InteractionKind.MEETING, **kw):
    recent = count if days_ago <= 365 else 0
    return ContactTally(kind, count, recent, TODAY - timedelta(days=days_ago), **kw)


def strength(**fields) -> float:
    return score(TieEvidence(**fields), today=TODAY)


def test_recent_contact_counts_for_more_than_old_contact() -> None:
    kinds = frozenset({ConnectionKind.FORMER_COLLEAGUE})
    fresh = strength(kinds=kinds, contacts=(met(10, 3),))
    stale = strength(kinds=kinds, contacts=(met(400, 3),))
    never = strength(kinds=kinds)
    assert fresh > stale > never


def test_recency_halves_the_pull_of_contact_after_the_half_life() -> None:
    model = StrengthModel(kind_priors=())
    at_zero = score(TieEvidence(contacts=(met(0, 2),)), today=TODAY, model=model)
    at_half = score(TieEvidence(contacts=(met(180, 2),)), today=TODAY, model=model)
    assert at_half == pytest.approx(at_zero / 2, rel=1e-6)


def test_more_frequent_contact_is_stronger() -> None:
    assert strength(contacts=(met(5, 6),)) > strength(contacts=(met(5, 1),))


def test_favours_both_ways_beat_favours_one_way() -> None:
    given_ = ContactTally(InteractionKind.FAVOUR_GIVEN, 2, 2, TODAY - timedelta(days=30))
    received = ContactTally(InteractionKind.FAVOUR_RECEIVED, 2, 2, TODAY - timedelta(days=30))
    one_way = ContactTally(InteractionKind.FAVOUR_GIVEN, 4, 4, TODAY - timedelta(days=30))
    assert strength(contacts=(given_, received)) > strength(contacts=(one_way,))


def test_reaching_out_again_and_again_with_nothing_back_counts_for_less() -> None:
    out = met(20, 4, kind=InteractionKind.EMAIL, direction="out")
    unknown = met(20, 4, kind=InteractionKind.EMAIL)
    assert strength(contacts=(out,)) < strength(contacts=(unknown,))


def test_an_interview_that_clicked_is_a_strong_tie_and_a_poor_one_is_not() -> None:
    interview = InteractionKind.INTERVIEW
    clicked = strength(contacts=(met(60, kind=interview, rapport=Rapport.CLICKED),))
    neutral = strength(contacts=(met(60, kind=interview, rapport=Rapport.NEUTRAL),))
    poor = strength(contacts=(met(60, kind=interview, rapport=Rapport.POOR),))
    assert clicked > neutral > poor


def test_kinds_are_ordered_from_friend_down_to_a_bare_linkedin_connection() -> None:
    order = [
        ConnectionKind.FRIEND,
        ConnectionKind.COLLEAGUE,
        ConnectionKind.FORMER_COLLEAGUE,
        ConnectionKind.INTERVIEWER,
        ConnectionKind.KNOWS,
        ConnectionKind.LINKEDIN,
    ]
    values = [strength(kinds=frozenset({kind})) for kind in order]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)


def test_several_kinds_of_tie_add_up() -> None:
    both = strength(kinds=frozenset({ConnectionKind.FRIEND, ConnectionKind.FORMER_COLLEAGUE}))
    assert both > strength(kinds=frozenset({ConnectionKind.FRIEND}))


def test_the_users_closeness_dominates_when_set() -> None:
    busy = dict(
        kinds=frozenset({ConnectionKind.FRIEND, ConnectionKind.COLLEAGUE}),
        contacts=(met(3, 10), met(30, 2, kind=InteractionKind.CALL)),
        shared_work=(SharedWork("Acme", current=True, years_ago=0),),
    )
    assert strength(closeness=5) > strength(**busy, closeness=1)
    assert strength(closeness=1) < strength(closeness=3) < strength(closeness=5)
    assert strength(closeness=5) >= 0.8


def test_current_colleagues_beat_former_ones_whose_overlap_fades() -> None:
    now = strength(shared_work=(SharedWork("Acme", current=True, years_ago=0),))
    lately = strength(shared_work=(SharedWork("Acme", years_ago=1),))
    long_ago = strength(shared_work=(SharedWork("Acme", years_ago=9),))
    assert now > lately > long_ago > 0.01


kinds = st.frozensets(st.sampled_from(list(ConnectionKind)))
tallies = st.builds(
    ContactTally,
    kind=st.sampled_from(list(InteractionKind)),
    count=st.integers(0, 500),
    recent=st.integers(0, 500),
    last=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)),
    direction=st.sampled_from([None, "out", "in"]),
    rapport=st.none() | st.sampled_from(list(Rapport)),
)
works = st.builds(
    SharedWork,
    organization=st.just("Acme"),
    current=st.booleans(),
    years_ago=st.none() | st.integers(0, 40),
)


@given(
    kinds,
    st.none() | st.integers(1, 5),
    st.lists(tallies, max_size=6),
    st.lists(works, max_size=3),
)
def test_strength_is_always_in_the_unit_interval_and_explained(
    kind_set, closeness, contacts, shared
) -> None:
    evidence = TieEvidence(
        kinds=kind_set, closeness=closeness, contacts=tuple(contacts), shared_work=tuple(shared)
    )
    value = score(evidence, today=TODAY)
    assert 0.0 < value <= 1.0
    assert explain(evidence, today=TODAY)


def test_it_explains_in_plain_phrases() -> None:
    evidence = TieEvidence(
        kinds=frozenset({ConnectionKind.INTERVIEWER}),
        contacts=(
            ContactTally(InteractionKind.MEETING, 3, 3, date(2026, 11, 2)),
            ContactTally(
                InteractionKind.INTERVIEW, 1, 1, date(2026, 6, 5), rapport=Rapport.CLICKED
            ),
        ),
        shared_work=(SharedWork("Acme", start_year=2019, end_year=2022, years_ago=4),),
    )
    assert explain(evidence, today=TODAY) == [
        "you rated the interview 'clicked'",
        "3 meetings and 1 interview in the past year, last on 2 Nov",
        "you worked together at Acme 2019\N{EN DASH}2022",
        "Met in an interview",
    ]
    bare = TieEvidence(kinds=frozenset({ConnectionKind.LINKEDIN}))
    assert explain(bare, today=TODAY) == ["LinkedIn connection, no contact logged"]
    old = TieEvidence(contacts=(ContactTally(InteractionKind.CALL, 2, 0, date(2023, 3, 14)),))
    assert explain(old, today=TODAY) == ["2 contacts logged, the last on 14 Mar 2023 (3 years ago)"]


def test_settings_tune_the_model():
    from goodword.config import Settings
    from goodword.network.strength import DEFAULT_MODEL, model_from_settings

    tuned = model_from_settings(
        Settings(strength_recency_half_life_days=30, strength_closeness_weight=0.5)
    )
    assert tuned.recency_half_life_days == 30
    assert tuned.closeness_weight == 0.5
    assert tuned.kind_priors == DEFAULT_MODEL.kind_priors
    assert model_from_settings(Settings()) == DEFAULT_MODEL


def test_it_says_who_wrote_when_the_messages_say() -> None:
    message = InteractionKind.MESSAGE
    both = TieEvidence(
        with_user=True,
        contacts=(
            met(3, 2, kind=message, direction="out"),
            met(4, 1, kind=message, direction="in"),
        ),
    )
    assert explain(both, today=TODAY) == [
        "3 messages in the past year, last on 17 Nov",
        "written both ways: 2 from you, 1 from them",
    ]
    unanswered = TieEvidence(with_user=True, contacts=(met(3, 1, kind=message, direction="out"),))
    assert "you wrote once, nothing back yet" in explain(unanswered, today=TODAY)
    waiting = TieEvidence(with_user=True, contacts=(met(3, 2, kind=message, direction="in"),))
    assert "they wrote twice, no answer from you yet" in explain(waiting, today=TODAY)
    between_others = TieEvidence(contacts=both.contacts, with_user=False)
    assert not any("from you" in p for p in explain(between_others, today=TODAY))


def test_messages_of_no_known_writer_keep_a_tie_from_reading_one_sided() -> None:
    # Three from you and ten in a group conversation (no writer known): the answers may be
    # among them, so neither the words nor the score treat the tie as unanswered.
    message = InteractionKind.MESSAGE
    out = met(3, 3, kind=message, direction="out")
    group = met(3, 10, kind=message)
    alone = TieEvidence(with_user=True, contacts=(out,))
    with_group = TieEvidence(with_user=True, contacts=(out, group))
    all_known = TieEvidence(
        with_user=True, contacts=(out, met(3, 10, kind=message, direction="out"))
    )
    assert "you wrote 3 times, and 10 more with no writer known" in explain(with_group, today=TODAY)
    # (Thirteen known to be yours are one-sided; three of yours and ten unknown are not.)
    assert score(with_group, today=TODAY) > score(all_known, today=TODAY)
    assert score(with_group, today=TODAY) > score(alone, today=TODAY)


def test_messages_others_of_a_group_wrote_are_said_whatever_else_was_written() -> None:
    message = InteractionKind.MESSAGE
    others = met(3, 2, kind=message, direction="others")
    both = TieEvidence(
        with_user=True,
        contacts=(
            met(3, 2, kind=message, direction="out"),
            met(4, 1, kind=message, direction="in"),
            others,
        ),
    )
    assert (
        "written both ways: 2 from you, 1 from them, and 2 more from others in a group "
        "conversation" in explain(both, today=TODAY)
    )
    silent = TieEvidence(with_user=True, contacts=(others,))
    assert "2 written by others in a group conversation" in explain(silent, today=TODAY)
