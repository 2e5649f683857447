"""Laws that bind one government only: public-only bans, and state laws a federal agency escapes."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import all_laws, analyze, every_law, laws_for
from goodword.redflags.employer import find_employer

TODAY = date(2026, 11, 25)
ASKS = "What is your current salary? Please include it with your application."


def _finding(report, signal):  # type: ignore[no-untyped-def]
    return next((f for f in report.findings if f.signal == signal), None)


def test_every_public_only_entry_names_the_employer_it_binds() -> None:
    public = [law for law in all_laws() if law.scope == "public_only"]
    assert public
    assert all(law.employer in ("us_state", "us_city") for law in public)


@pytest.mark.parametrize(
    ("where", "law_id"),
    [("Harrisburg, PA", "us-pa-public-shb"), ("Atlanta, GA", "us-ga-atlanta-public-shb")],
)
def test_a_public_only_ban_is_not_counted_for_an_employer_the_text_does_not_show(
    where: str, law_id: str
) -> None:
    lookup = laws_for(where, TODAY)
    assert law_id not in {a.law.id for a in lookup.laws}
    assert law_id in {law.id for law in lookup.left_out}
    report = analyze("Acme Corp is hiring an analyst. " + ASKS, location=where, today=TODAY)
    finding = _finding(report, "cf-salary-history-question")
    assert finding is not None
    assert law_id not in {a.law.id for a in finding.laws}
    assert "public employers only" not in finding.verdict
    assert any(
        note.startswith("Not counted: ") and "It binds only public employers" in note
        for note in report.notes
    )


def test_the_public_only_note_stays_away_from_texts_without_a_pay_finding() -> None:
    report = analyze("Thanks for your time today, talk soon!", location="Atlanta, GA", today=TODAY)
    assert not any("binds only public employers" in note for note in report.notes)


def test_a_public_only_ban_counts_for_that_government() -> None:
    text = "The Commonwealth of Pennsylvania is hiring a policy analyst. " + ASKS
    report = analyze(text, location="Harrisburg, PA", today=TODAY)
    finding = _finding(report, "cf-salary-history-question")
    assert finding is not None
    assert "us-pa-public-shb" in {a.law.id for a in finding.laws}
    assert "A ban on this question is recorded for Harrisburg, PA" in finding.verdict
    assert any("so Pennsylvania (state agencies) is counted" in note for note in report.notes)

    city = analyze(
        "Join the City of Chicago as a planner. " + ASKS, location="Chicago, IL", today=TODAY
    )
    assert "us-il-chicago-public-shb" in {a.law.id for a in city.laws.laws}  # type: ignore[union-attr]


def test_a_public_only_ban_does_not_count_for_another_government() -> None:
    ohio = find_employer("The State of Ohio is hiring.")
    city = find_employer("Join the City of Atlanta as a planner.")
    assert "us-pa-public-shb" in {
        law.id for law in laws_for("Harrisburg, PA", TODAY, employer=ohio).left_out
    }
    assert "us-pa-public-shb" in {
        law.id for law in laws_for("Harrisburg, PA", TODAY, employer=city).left_out
    }
    chicago = laws_for("Chicago, IL", TODAY, employer=city)
    assert "us-il-chicago-public-shb" in {law.id for law in chicago.left_out}


def test_every_law_still_lists_public_only_bans_with_who_they_cover() -> None:
    pa = next(a for a in every_law(TODAY) if a.law.id == "us-pa-public-shb")
    assert pa.law.coverage == "public employers only"
    assert pa.to_dict()["employer"] == "us_state"


FEDERAL_POSTING = (
    "Job posting: Program Analyst, GS-0343-12. Apply on USAJOBS. Responsibilities: analyse "
    "programs. Qualifications: two years of experience. Benefits: health insurance."
)


def test_a_federal_posting_is_not_held_to_state_pay_range_laws() -> None:
    private = analyze(
        FEDERAL_POSTING.replace("GS-0343-12. Apply on USAJOBS", "Acme Corp"),
        location="Denver, CO",
        today=TODAY,
    )
    assert _finding(private, "cf-missing-pay-range") is not None  # the state law would apply

    report = analyze(FEDERAL_POSTING, location="Denver, CO", today=TODAY)
    assert _finding(report, "cf-missing-pay-range") is None
    for finding in report.findings:
        assert not any(a.law.country == "US" and a.law.region for a in finding.laws)
    note = next(n for n in report.notes if n.startswith("Not applied: the pay-range law of"))
    assert "Colorado" in note
    assert "do not generally bind federal agencies" in note
    assert '"GS-0343-12"' in note


def test_a_federal_posting_keeps_nothing_to_say_when_no_state_law_was_set_aside() -> None:
    report = analyze(FEDERAL_POSTING, location="Austin, TX", today=TODAY)
    assert not any(n.startswith("Not applied:") for n in report.notes)


@pytest.mark.parametrize(
    ("text", "where", "law_id"),
    [
        (
            "The Virginia Department of Behavioral Health and Developmental Services is hiring.",
            "Richmond, VA",
            "us-va-public-shb",
        ),
        (
            "North Carolina Office of State Human Resources seeks a clerk.",
            "Raleigh, NC",
            "us-nc-public-shb",
        ),
        (
            "Commonwealth of Pennsylvania, Department of Human Services\nJob: Caseworker",
            "Harrisburg, PA",
            "us-pa-public-shb",
        ),
        (
            "Join the Department of Corrections of the Commonwealth of Pennsylvania.",
            "Harrisburg, PA",
            "us-pa-public-shb",
        ),
        (
            "The Pennsylvania Attorney General's Office is hiring a paralegal.",
            "Harrisburg, PA",
            "us-pa-public-shb",
        ),
        (
            "Join the Office of the North Carolina Attorney General.",
            "Raleigh, NC",
            "us-nc-public-shb",
        ),
    ],
)
def test_a_public_only_ban_counts_for_a_state_unit_named_as_states_name_them(
    text: str, where: str, law_id: str
) -> None:
    report = analyze(text + "\n" + ASKS, location=where, today=TODAY)
    finding = _finding(report, "cf-salary-history-question")
    assert finding is not None
    assert law_id in {a.law.id for a in finding.laws}
    assert not any(
        note.startswith("Not counted: ") and "public employers" in note for note in report.notes
    )


@pytest.mark.parametrize(
    "employer",
    [
        "Join the Department of Veterans Affairs of Pennsylvania as a claims clerk.",
        "Commonwealth of Pennsylvania: Department of Homeland Security is hiring.",
    ],
)
def test_a_state_department_named_like_a_federal_one_is_held_to_the_states_ban(
    employer: str,
) -> None:
    report = analyze(employer + "\n" + ASKS, location="Harrisburg, PA", today=TODAY)
    finding = _finding(report, "cf-salary-history-question")
    assert finding is not None
    assert [a.law.id for a in finding.laws] == ["us-pa-public-shb"]
    assert report.laws is not None and report.laws.set_aside == ()
    assert not any("federal employer" in note for note in report.notes)


NEW_YORK_STATE_AND_CITY = {"us-ny-pt", "us-ny-nyc-pt", "us-ny-shb", "us-ny-nyc-shb"}


def test_a_federal_employer_gets_only_the_laws_that_bind_it_and_the_rest_apart() -> None:
    federal = find_employer(FEDERAL_POSTING)
    lookup = laws_for("New York, NY", TODAY, employer=federal)
    assert [a.law.id for a in lookup.laws] == ["us-federal-opm-shb"]
    assert {a.law.id for a in lookup.set_aside} == NEW_YORK_STATE_AND_CITY
    assert lookup.left_out == ()
    data = lookup.to_dict()
    assert [law["id"] for law in data["laws"]] == ["us-federal-opm-shb"]
    assert {law["id"] for law in data["set_aside"]} == NEW_YORK_STATE_AND_CITY
    assert data["set_aside_heading"].startswith("Not binding on a federal employer.")
    assert "do not generally bind US federal agencies" in data["set_aside_heading"]

    # The same place with no employer shown, or a private one: nothing is set aside.
    for employer in (None, find_employer("Acme Corp is hiring.")):
        place_only = laws_for("New York, NY", TODAY, employer=employer)
        assert {a.law.id for a in place_only.laws} >= NEW_YORK_STATE_AND_CITY
        assert place_only.set_aside == () and place_only.to_dict()["set_aside_heading"] is None


def test_a_federal_posting_lists_state_and_local_laws_only_under_a_note_that_they_do_not_bind() -> (
    None
):
    text = FEDERAL_POSTING + " Salary: $80,000 - $100,000 per year. " + ASKS
    report = analyze(text, location="New York, NY", today=TODAY)
    finding = _finding(report, "cf-salary-history-question")
    assert finding is not None
    assert [a.law.id for a in finding.laws] == ["us-federal-opm-shb"]
    assert report.laws is not None
    assert [a.law.id for a in report.laws.laws] == ["us-federal-opm-shb"]
    listing = [n for n in report.notes if n.startswith("Not binding on a federal employer: ")]
    assert listing == [
        "Not binding on a federal employer: the pay-history and pay-range laws of New York "
        "(State); the pay-history and pay-range laws of New York City, NY. State and local pay "
        "laws do not generally bind US federal agencies, and the employer reads as one, so these "
        "are not applied to this job."
    ]
    # The note that the federal rule is counted comes first, without saying it twice.
    counted = next(n for n in report.notes if n.startswith("The employer reads as a US federal"))
    assert report.notes.index(counted) < report.notes.index(listing[0])
    assert "do not generally bind" not in counted


def test_a_public_only_state_ban_is_set_aside_for_a_federal_employer_not_left_out() -> None:
    report = analyze(FEDERAL_POSTING + " " + ASKS, location="Harrisburg, PA", today=TODAY)
    assert report.laws is not None
    assert report.laws.left_out == ()
    assert [a.law.id for a in report.laws.set_aside] == ["us-pa-public-shb"]
    # No note that it would count if the text showed a state agency: it shows a federal one.
    assert not any(note.startswith("Not counted: Pennsylvania") for note in report.notes)
    assert (
        "Not binding on a federal employer: the pay-history law of Pennsylvania (state agencies)."
        in " ".join(report.notes)
    )


def test_a_federal_posting_in_a_state_is_not_told_about_its_local_ordinances() -> None:
    private = analyze("Acme Corp is hiring. " + ASKS, location="Pennsylvania", today=TODAY)
    assert any(n.startswith("Local ordinances exist in this state") for n in private.notes)

    report = analyze(FEDERAL_POSTING + " " + ASKS, location="Pennsylvania", today=TODAY)
    assert not any(n.startswith("Local ordinances exist in this state") for n in report.notes)


def test_a_federal_posting_names_a_pay_range_law_it_escapes_once() -> None:
    report = analyze(FEDERAL_POSTING + " " + ASKS, location="Denver, CO", today=TODAY)
    assert _finding(report, "cf-missing-pay-range") is None
    assert report.laws is not None
    assert {a.law.id for a in report.laws.set_aside} == {"us-co-pt", "us-co-shb"}
    named = [n for n in report.notes if "pay-range law of Colorado" in n]
    assert len(named) == 1 and named[0].startswith("Not applied: the pay-range law of Colorado.")
    assert any(
        n.startswith("Not binding on a federal employer: the pay-history law of Colorado.")
        for n in report.notes
    )


def test_a_private_employers_ban_is_not_counted_for_a_state_agency() -> None:
    # Columbus's ban covers private employers (and the City of Columbus), not the State of Ohio.
    text = "The Ohio Department of Transportation is hiring a technician in Columbus. " + ASKS
    report = analyze(text, location="Columbus, OH", today=TODAY)
    finding = _finding(report, "cf-salary-history-question")
    assert finding is not None
    assert "us-oh-cbus-shb" not in {a.law.id for a in finding.laws}
    assert finding.verdict is not None and "unlawful" not in finding.verdict
    assert (
        "Not counted: Columbus, OH. It covers private employers only, and the City of Columbus "
        "itself; the employer reads as an agency of the State of Ohio, a public employer."
    ) in report.notes
    private = analyze("Acme Corp is hiring. " + ASKS, location="Columbus, OH", today=TODAY)
    assert "unlawful in Columbus" in (_finding(private, "cf-salary-history-question").verdict)


def test_a_private_employers_ban_counts_for_the_city_that_made_it_where_it_says_so() -> None:
    city = analyze(
        "The City of Columbus is hiring a technician. " + ASKS, location="Columbus, OH", today=TODAY
    )
    finding = _finding(city, "cf-salary-history-question")
    assert "us-oh-cbus-shb" in {a.law.id for a in finding.laws}
    # Toledo's entry does not say its city is covered, so the City of Toledo is not held to it.
    toledo = laws_for("Toledo, OH", TODAY, employer="us_city")
    assert "us-oh-tol-shb" in {law.id for law in toledo.left_out}
    assert "us-oh-tol-shb" not in {a.law.id for a in toledo.laws}


def test_a_private_employers_pay_range_law_does_not_flag_a_state_agencys_posting() -> None:
    posting = (
        "The Ohio Department of Transportation is hiring a highway technician in Columbus.\n"
        "Responsibilities: inspect bridges.\nRequirements: 2+ years of experience.\n"
        "Benefits: pension."
    )
    state = analyze(posting, location="Columbus, OH", today=TODAY)
    firm = analyze(
        posting.replace("The Ohio Department of Transportation", "Acme Corp"),
        location="Columbus, OH",
        today=TODAY,
    )
    assert "pay_transparency" not in state.categories
    assert "pay_transparency" in firm.categories
    assert (
        state.notes.count(
            "Not applied to this public employer: the pay-range law of Columbus, OH (Ordinance "
            "2898-2025 amending Columbus City Code ch. 2335), which covers private employers only. "
            'The employer reads as an agency of the State of Ohio (the text says "The Ohio '
            'Department of Transportation is hiring").'
        )
        == 1
    )
    assert not any("pay-range law" in note for note in firm.notes)


def test_a_private_employers_pay_range_law_left_out_is_named_with_the_public_employer() -> None:
    posting = (
        "Join the City of Buffalo as a budget analyst.\nResponsibilities: prepare budgets.\n"
        "Requirements: 3 years of experience.\nBenefits: pension.\nLocation: Buffalo, NY"
    )
    report = analyze(posting, today=TODAY)
    assert "pay_transparency" not in report.categories
    named = [n for n in report.notes if n.startswith("Not applied to this public employer")]
    assert named == [
        "Not applied to this public employer: the pay-range law of New York (State) (N.Y. Labor "
        "Law § 194-b), which covers private employers only. The employer reads as the City of "
        'Buffalo (the text says "Join the City of Buffalo").'
    ]
    # With a range in the posting there is nothing the law would have said, so no note.
    ranged = analyze(posting + "\nSalary: $70,000 - $80,000 a year.", today=TODAY)
    assert not any(n.startswith("Not applied") for n in ranged.notes)


def test_a_law_left_out_for_a_city_names_that_city_not_the_laws() -> None:
    # The State of New York's law has no city of its own; the note names the employer's.
    text = "Join the City of Buffalo as a budget analyst. " + ASKS
    lookup = laws_for("Buffalo, NY", TODAY, employer=find_employer(text))
    assert (
        "Not counted: New York (State). It covers private employers only; the employer reads as "
        "the City of Buffalo, a public employer."
    ) in lookup.notes
    assert not any("None" in note for note in lookup.notes)
