"""The link a law entry shows is the strongest of its sources: official pages, then law firms,
then HR vendors, then sites not known, then aggregators and news."""

from __future__ import annotations

import pytest

from goodword.redflags.law_data import all_laws
from goodword.redflags.law_sources import (
    HR_VENDOR,
    LAW_FIRM,
    NOT_A_LINK,
    OFFICIAL,
    UNKNOWN,
    WEAK,
    rank,
    strongest_first,
)


@pytest.mark.parametrize(
    ("url", "tier"),
    [
        ("https://www.mass.gov/info-details/massachusetts-pay-transparency", OFFICIAL),
        ("http://webserver.rilegislature.gov/Statutes/TITLE28/28-6/28-6-22.htm", OFFICIAL),
        ("https://columbus.legistar.com/LegislationDetail.aspx?ID=6049069", OFFICIAL),
        ("https://www.princeedwardisland.ca/en/legislation/x", OFFICIAL),
        ("https://www.legislation.gov.uk/ukpga/2010/15", OFFICIAL),
        ("https://natlawreview.com/article/cleveland-enacts-salary-history", LAW_FIRM),
        ("https://mondaq.com:443/unitedstates/x", LAW_FIRM),
        ("https://webiis05.mondaq.com/x", LAW_FIRM),
        ("https://www.xperthr.com/news/nevada-enacts-tough", HR_VENDOR),
        ("https://kressinc.com/state-by-state-guide-salary-history-bans", HR_VENDOR),
        ("https://an-unknown-site.example/x", UNKNOWN),
        ("https://ddifo.org/massachusetts-sends-pay-equity-governor/", WEAK),
        ("https://collegecareerlife.net/salary-history-ban-what-job-seekers-should-know/amp", WEAK),
        ("https://www.newsbreak.com/news/2289386025143/bill", WEAK),
        ("https://d1tvxue8o4w0fl.cloudfront.net/statute/nevada-revised-statutes/x", WEAK),
        ("community pay-transparency data file on GitHub", NOT_A_LINK),
        ("ftp://example.gov/x", NOT_A_LINK),
    ],
)
def test_rank_puts_official_pages_first_and_aggregators_last(url: str, tier: int) -> None:
    assert rank(url) == tier


def test_the_strongest_source_is_shown_and_the_rest_follow_in_the_datas_order() -> None:
    shown, rest = strongest_first(
        "https://ddifo.org/a",
        ["https://www.newsbreak.com/b", "https://trusaic.com/c", "https://www.littler.com/d"],
    )

    assert shown == "https://www.littler.com/d"
    assert rest == ["https://trusaic.com/c", "https://ddifo.org/a", "https://www.newsbreak.com/b"]


def test_among_equals_the_recorded_source_stays_the_one_shown() -> None:
    assert strongest_first("https://ddifo.org/a", ["https://www.newsbreak.com/b"]) == (
        "https://ddifo.org/a",
        ["https://www.newsbreak.com/b"],
    )


def test_a_note_that_is_no_link_is_never_shown_as_the_link() -> None:
    shown, rest = strongest_first("a data file on GitHub", ["https://ddifo.org/a"])

    assert (shown, rest) == ("https://ddifo.org/a", ["a data file on GitHub"])


def test_notes_alone_give_no_link_and_stay_in_also_sources() -> None:
    shown, rest = strongest_first("a data file on GitHub", ["another note"])

    assert (shown, rest) == (None, ["a data file on GitHub", "another note"])


def test_a_law_shows_its_legislatures_page_over_a_summary_or_a_copy() -> None:
    laws = {law.id: law for law in all_laws()}

    rhode_island, washington, nevada = laws["us-ri-pt"], laws["us-wa-pt"], laws["us-nv-shb"]

    assert rhode_island.source_url == (
        "http://webserver.rilegislature.gov/Statutes/TITLE28/28-6/28-6-22.htm"
    )
    summary = "https://www.xperthr.com/news/rhode-island-enacts-stringent-new-pay-equity-law/50128/"
    assert summary in rhode_island.also_sources
    assert washington.source_url is not None
    assert washington.source_url.startswith("https://lawfilesext.leg.wa.gov/")
    # A bare cloudfront copy of the statute gives way to a named publisher's account of it.
    assert nevada.source_url is not None and nevada.source_url.startswith("https://www.xperthr")
    assert any("cloudfront.net" in source for source in nevada.also_sources)


def test_no_law_shows_a_weaker_link_than_one_it_has() -> None:
    for law in all_laws():
        if law.source_url is None:
            # No link at all only when every source it has is a note (Toledo's pay-range rule).
            assert all(rank(s) == NOT_A_LINK for s in law.also_sources), law.id
            continue
        assert rank(law.source_url) < NOT_A_LINK, law.id
        assert all(rank(law.source_url) <= rank(s) for s in law.also_sources), law.id
