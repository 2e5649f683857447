"""Whom a lead fits: openings at people's own employers, and places."""

from __future__ import annotations

from goodword.leads.matching import Candidate, LeadFacts, best_matches, score


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
