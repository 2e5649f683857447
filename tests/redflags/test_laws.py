"""The jurisdiction data: every entry is found for its own place, with the right status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from goodword.redflags import all_laws, data_compiled, every_law, laws_for
from goodword.redflags.laws import AppliedLaw, Kind, Law, Status, laws_for_place
from goodword.redflags.location import Place

COMPILED = date(2026, 11, 25)
LAWS = all_laws()


def _place_of(law: Law) -> Place:
    """A place built from the entry's own fields (an EU entry is tried from Germany)."""
    if law.level == "union":
        return Place(raw="Germany", country="DE")
    return Place(
        raw=law.name,
        country=law.country,
        region=law.region,
        city=law.city,
        county=law.county,
    )


def _text_of(law: Law) -> str:
    """How a person would type that place."""
    if law.level == "union":
        return "Berlin"
    if law.country == "GB":
        return "London, UK"
    if law.region is None:
        return "Remote (US)"
    if law.city:
        return f"{law.city}, {law.region}"
    if law.county:
        return f"{law.county}, {law.region}"
    return f"Remote - {law.region}"


def test_the_data_covers_many_jurisdictions() -> None:
    assert len(LAWS) >= 70
    assert {law.kind for law in LAWS} == {Kind.SALARY_HISTORY_BAN, Kind.PAY_TRANSPARENCY}
    assert len({law.id for law in LAWS}) == len(LAWS)


def test_it_exposes_the_compile_date() -> None:
    assert data_compiled() == COMPILED
    lookup = laws_for("Denver, CO", date(2030, 1, 1))
    assert lookup.compiled == COMPILED
    assert lookup.to_dict()["compiled"] == "2026-11-25"


@pytest.mark.parametrize("law", LAWS, ids=[law.id for law in LAWS])
def test_every_entry_is_found_for_its_own_place(law: Law) -> None:
    found = laws_for_place(_place_of(law), today=COMPILED, employer=law.employer)
    assert law.id in {applied.law.id for applied in found.laws}


@pytest.mark.parametrize("law", LAWS, ids=[law.id for law in LAWS])
def test_every_entry_is_found_from_typed_location_text(law: Law) -> None:
    found = laws_for(_text_of(law), COMPILED, employer=law.employer)
    assert law.id in {applied.law.id for applied in found.laws}


@pytest.mark.parametrize("law", LAWS, ids=[law.id for law in LAWS])
def test_every_entry_has_the_right_status_on_a_given_day(law: Law) -> None:
    if law.status in ("in_force", "enacted_not_yet_in_force") and law.effective:
        assert law.status_on(law.effective - timedelta(days=1)) is Status.NOT_YET_IN_FORCE
        assert law.status_on(law.effective) is Status.IN_FORCE
    elif law.status == "in_force":
        assert law.status_on(COMPILED) is Status.IN_FORCE
    elif law.status == "transposition_deadline_passed":
        assert law.effective is not None
        assert law.status_on(law.effective - timedelta(days=1)) is Status.EU_DEADLINE_AHEAD
        assert law.status_on(law.effective) is Status.EU_DEADLINE_PASSED
    else:
        assert law.status_on(COMPILED).value == law.status


@pytest.mark.parametrize("law", LAWS, ids=[law.id for law in LAWS])
def test_every_entry_keeps_its_source_and_verified_flag(law: Law) -> None:
    # A source to show, or notes alone kept in also_sources (Toledo's pay-range rule).
    assert law.source_url or law.also_sources
    assert isinstance(law.verified, bool)
    lookup = laws_for_place(_place_of(law), today=COMPILED, employer=law.employer)
    applied = next(a for a in lookup.laws if a.law is law)
    assert applied.confirmed is law.verified
    assert ("unconfirmed" in applied.summary) is (not law.verified)
    assert applied.to_dict()["confirmed"] is law.verified


def test_unverified_entries_are_marked_unconfirmed() -> None:
    lookup = laws_for("Cincinnati, OH", COMPILED)
    cincinnati = next(a for a in lookup.laws if a.law.id == "us-oh-cin-shb")
    assert not cincinnati.confirmed
    assert "unconfirmed" in cincinnati.summary


def test_a_city_lookup_adds_state_and_city_laws() -> None:
    ids = {a.law.id for a in laws_for("New York, NY", COMPILED).laws}
    assert {"us-ny-shb", "us-ny-nyc-shb", "us-ny-pt", "us-ny-nyc-pt"} <= ids
    assert "us-ca-shb" not in ids


def test_a_city_of_the_same_name_in_another_state_gets_no_ordinance() -> None:
    ids = {a.law.id for a in laws_for("Columbus, GA", COMPILED).laws}
    assert not any(i.startswith("us-oh-") for i in ids)


def test_status_follows_the_day_asked_about() -> None:
    before = laws_for("Columbus, OH", date(2025, 11, 1))
    after = laws_for("Columbus, OH", date(2025, 12, 3))
    status = {a.law.id: a.status for a in before.laws}
    assert status["us-oh-cbus-pt"] is Status.NOT_YET_IN_FORCE
    assert {a.law.id: a.status for a in after.laws}["us-oh-cbus-pt"] is Status.IN_FORCE


def test_delaware_posting_law_is_enacted_but_not_yet_in_force_when_compiled() -> None:
    applied = next(a for a in laws_for("Wilmington, DE", COMPILED).laws if a.law.id == "us-de-pt")
    assert applied.status is Status.NOT_YET_IN_FORCE
    assert "2027-09-26" in applied.status_text


def test_remote_roles_explain_that_the_law_follows_the_work() -> None:
    lookup = laws_for("Remote (US)", COMPILED)
    assert any("where the work is performed" in note for note in lookup.notes)
    assert any("No state or province given" in note for note in lookup.notes)
    colorado = laws_for("Remote - Colorado", COMPILED)
    assert "us-co-pt" in {a.law.id for a in colorado.laws}
    assert any("Colorado" in note and "remote" in note.lower() for note in colorado.notes)


def test_a_state_lookup_mentions_its_local_ordinances() -> None:
    notes = " ".join(laws_for("New York", COMPILED).notes)
    assert "New York City, NY" in notes and "Westchester County, NY" in notes


def test_the_uk_has_no_law_and_no_eu_directive() -> None:
    lookup = laws_for("London, UK", COMPILED)
    assert {a.status for a in lookup.laws} == {Status.NO_LAW}
    assert any("does not apply in the United Kingdom" in note for note in lookup.notes)


def test_an_unknown_place_gets_no_laws_and_a_hint() -> None:
    lookup = laws_for("somewhere nice", COMPILED)
    assert lookup.laws == ()
    assert "not recognised" in lookup.notes[0]


def test_michigan_lookup_mentions_preemption() -> None:
    notes = laws_for("Detroit, MI", COMPILED).notes
    assert any("bar local governments" in note for note in notes)


def test_ontario_range_rules_are_in_the_data() -> None:
    ontario = next(law for law in LAWS if law.id == "ca-on-pt")
    assert ontario.region == "ON"
    assert ontario.range_rules == {"max_spread": 50000, "exempt_above": 200000}
    assert ontario.range_in_posting
    connecticut = next(law for law in LAWS if law.id == "us-ct-pt")
    assert not connecticut.range_in_posting


def test_every_law_lists_the_whole_data_set_with_statuses() -> None:
    listed = every_law(date(2025, 1, 1))
    assert [a.law.id for a in listed] == [law.id for law in LAWS]
    status = {a.law.id: a.status for a in listed}
    assert status["ca-on-pt"] is Status.NOT_YET_IN_FORCE
    assert status["us-ca-shb"] is Status.IN_FORCE
    assert status["gb-shb"] is Status.NO_LAW


def test_the_federal_pay_setting_rule_is_not_listed_for_a_place_alone() -> None:
    for where in ("Denver, CO", "Dallas, TX", "Remote (US)", "Washington, DC"):
        lookup = laws_for(where, COMPILED)
        assert "us-federal-opm-shb" not in {a.law.id for a in lookup.laws}, where
        assert [law.id for law in lookup.left_out] == ["us-federal-opm-shb"]
        assert any(
            note.startswith("Not counted: United States federal government")
            and "binds only US federal agencies" in note
            for note in lookup.notes
        ), where


def test_the_federal_pay_setting_rule_is_listed_for_a_federal_employer() -> None:
    lookup = laws_for("Denver, CO", COMPILED, employer="us_federal")
    assert "us-federal-opm-shb" in {a.law.id for a in lookup.laws}
    assert lookup.left_out == ()
    assert not any(note.startswith("Not counted") for note in lookup.notes)
    # Outside the US it binds no one, federal employer or not.
    assert laws_for("Toronto, ON", COMPILED, employer="us_federal").left_out == ()


def test_every_law_still_lists_the_federal_rule_with_who_it_covers() -> None:
    federal = next(a for a in every_law(COMPILED) if a.law.id == "us-federal-opm-shb")
    assert federal.law.coverage == "US federal agencies only"
    assert federal.to_dict()["employer"] == "us_federal"
    assert federal.status is Status.UNKNOWN and not federal.in_force
    assert federal.status_text == (
        "took effect on 2024-04-01; whether it is still in force was not checked"
    )
    # Entries with no recorded start date still say plainly that the status is not known.
    albany = next(a for a in every_law(COMPILED) if a.law.id == "us-ny-albany-shb")
    assert albany.status_text == "status not known"


def test_a_law_enforced_later_than_it_took_effect_says_so_until_enforcement_starts() -> None:
    def columbus(today: date) -> AppliedLaw:
        lookup = laws_for("Columbus, OH", today)
        return next(a for a in lookup.laws if a.law.id == "us-oh-cbus-pt")

    before, on_the_day = columbus(date(2026, 11, 27)), columbus(date(2027, 1, 1))
    assert before.law.enforced_from == date(2027, 1, 1)
    assert (before.law.enforced_from_source or "").startswith("https://")
    assert before.in_force and before.enforcement_pending
    assert before.status_text == "in force since 2025-12-03, but not enforced until 2027-01-01"
    assert "not enforced until 2027-01-01" in before.summary
    assert before.to_dict()["enforcement_pending"] is True
    assert before.to_dict()["enforced_from"] == "2027-01-01"
    assert not on_the_day.enforcement_pending
    assert on_the_day.status_text == "in force since 2025-12-03"


def test_only_entries_with_an_enforcement_date_are_ever_pending() -> None:
    pending = {a.law.id for a in every_law(date(2026, 11, 27)) if a.enforcement_pending}
    assert pending == {"us-oh-cbus-pt"}
    assert not any(a.enforcement_pending for a in every_law(date(2027, 1, 1)))


def test_every_law_that_gives_the_range_outside_postings_says_when() -> None:
    for law in LAWS:
        asks_in_postings = law.range_in_posting and law.country != "EU"
        if law.kind is Kind.PAY_TRANSPARENCY and law.status != "no_law" and not asks_in_postings:
            assert law.range_given, law.id


def test_every_law_has_a_short_name_for_replies() -> None:
    assert laws_for("Denver, CO", COMPILED).laws[0].law.short_name == (
        "Colorado's Equal Pay for Equal Work Act"
    )
    names = {law.id: law.short_name for law in LAWS}
    assert names["us-ca-shb"] == "California law"
    assert names["us-ny-shb"] == "New York State law"
    assert names["us-oh-cbus-pt"] == "Columbus law"
    assert names["us-mi-public-shb"] == "Michigan's rule for its state agencies"
    for law in LAWS:
        assert "(" not in law.short_name and "\u00a7" not in law.short_name, law.id
