"""Whom a lead fits: openings at people's own employers, and places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from goodword.leads.matching import Candidate, LeadFacts, Match, best_matches, score
from goodword.leads.places import same_place


def test_an_opening_at_someones_own_employer_is_left_out_whatever_they_share_with_it():
    opening = LeadFacts(kind="opportunity", title="Study photographer", tags=("photography",),
                        organization_id=7, organization_name="Foxglove")  # fmt: skip
    insider = Candidate(1, "In", interests=("photography",),
                        current_organization_ids=frozenset({7}))  # fmt: skip
    returner = Candidate(2, "Back", interests=("photography",),
                         current_organization_ids=frozenset({7}),
                         past_organization_ids=frozenset({7}))  # fmt: skip
    outsider = Candidate(3, "Out", interests=("photography",))
    assert score(opening, insider).score == 0
    assert [m.name for m in best_matches(opening, [insider, returner, outsider])] == ["Out"]
    # An event there is still for them.
    event = LeadFacts(kind="event", title="Photo walk", tags=("photography",), organization_id=7,
                      organization_name="Foxglove")  # fmt: skip
    assert [m.name for m in best_matches(event, [insider, outsider])] == ["In", "Out"]


def test_a_match_that_scores_has_a_reason_for_the_note_to_give():
    """A pass-it-on note says why the lead fits them ("since you're interested in pricing"):
    a match that scores with no reason cannot be made, so no note is left with {reason}."""
    with pytest.raises(ValueError, match="reason"):
        Match(1, "Ada Lovelace", 3)
    assert Match(1, "Ada Lovelace", 0).reasons == ()


@pytest.mark.parametrize(
    ("place", "location"),
    [
        ("Berlin, Germany", "Berlin, NH"),
        ("London, UK", "London, ON"),
        ("Paris, France", "Paris, TX"),
        ("Portland, OR", "Portland, ME"),
        ("Germany", "Lyon, France"),
        ("Frankfurt am Main", "Frankfurt an der Oder"),
    ],
)
def test_a_town_of_the_same_name_in_another_state_or_country_is_elsewhere(place, location):
    assert same_place(place, location) is False


@pytest.mark.parametrize(
    ("place", "location"),
    [
        ("Berlin", "Berlin-Brandenburg Metropolitan Area"),
        ("Frankfurt", "Frankfurt am Main, Germany"),
        ("Munich", "München"),
        ("Köln", "Cologne, Germany"),
        ("The Hague", "Den Haag, Netherlands"),
        ("Portland, OR", "Portland, Oregon, United States"),
        ("Boston, MA", "Boston, United States"),
        ("London, UK", "London, England, United Kingdom"),
        ("Berlin, DE", "Berlin, Germany"),
        ("Wilmington, DE", "Wilmington, Delaware"),
        ("Berlin", "Mitte, Berlin, Germany"),
        ("Germany", "Berlin, Germany"),
    ],
)
def test_the_same_town_is_found_however_it_is_written(place, location):
    assert same_place(place, location) is True


def test_someone_known_only_to_be_in_the_country_is_offered_it_with_the_people_not_known():
    berlin = LeadFacts(kind="event", title="Meetup", tags=("pricing",), place="Berlin, Germany",
                       in_person=True)  # fmt: skip
    people_ = [
        Candidate(1, "Amy", location="Germany", interests=("pricing",), closeness=5),
        Candidate(2, "Bea", location="Berlin", interests=("pricing",)),
        Candidate(3, "Cy", interests=("pricing",)),
        Candidate(4, "Dee", location="Berlin, NH", interests=("pricing",)),
    ]
    found = best_matches(berlin, people_)
    assert [m.name for m in found] == ["Bea", "Amy", "Cy"]
    assert found[0].reason == "interested in pricing; in Berlin, Germany"
    assert found[1].reason == "interested in pricing"
    # A lead in the country itself is for the people said to be in it first ("Berlin"
    # alone does not say which country).
    in_germany = best_matches(replace(berlin, place="Germany"), people_)
    assert [m.name for m in in_germany] == ["Amy", "Bea", "Cy"]
    assert in_germany[0].reason == "interested in pricing; in Germany"
