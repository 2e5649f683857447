"""Location parsing: free text to country, region, city, county and remote flags."""

from __future__ import annotations

import pytest

from goodword.redflags import parse_location

CASES = [
    # text, country, region, city, county, remote, remote_country
    ("Remote (US)", "US", None, None, None, True, "US"),
    ("Remote - Canada", "CA", None, None, None, True, "CA"),
    ("US-Remote", "US", None, None, None, True, "US"),
    ("Anywhere in the US", "US", None, None, None, True, "US"),
    ("Remote - United States", "US", None, None, None, True, "US"),
    ("Remote (EU)", "EU", None, None, None, True, "EU"),
    ("Remote - Colorado", "US", "CO", None, None, True, "US"),
    ("New York, NY", "US", "NY", "New York City", None, False, None),
    ("New York, New York, United States", "US", "NY", "New York City", None, False, None),
    ("NYC", "US", "NY", "New York City", None, False, None),
    ("Brooklyn, NY", "US", "NY", "New York City", None, False, None),
    ("New York", "US", "NY", None, None, False, None),
    ("Toronto, ON", "CA", "ON", "Toronto", None, False, None),
    ("Vancouver, British Columbia, Canada", "CA", "BC", "Vancouver", None, False, None),
    ("Charlottetown, PEI", "CA", "PE", "Charlottetown", None, False, None),
    ("Montréal, QC", "CA", "QC", "Montreal", None, False, None),
    ("Berlin", "DE", None, "Berlin", None, False, None),
    ("Berlin, DE", "DE", None, "Berlin", None, False, None),
    ("Madrid, Spain", "ES", None, "Madrid", None, False, None),
    ("Amsterdam, Netherlands (Hybrid)", "NL", None, "Amsterdam", None, False, None),
    ("London, UK", "GB", None, "London", None, False, None),
    ("London, ON", "CA", "ON", "London", None, False, None),
    ("Jersey City, New Jersey", "US", "NJ", "Jersey City", None, False, None),
    ("Seattle, WA 98101", "US", "WA", "Seattle", None, False, None),
    ("Philadelphia, PA 19103", "US", "PA", "Philadelphia", None, False, None),
    ("Hybrid \u2013 Denver, Colorado", "US", "CO", "Denver", None, False, None),
    ("On-site - Cleveland, OH", "US", "OH", "Cleveland", None, False, None),
    ("Cincinnati", "US", "OH", "Cincinnati", None, False, None),
    ("Toledo, OH", "US", "OH", "Toledo", None, False, None),
    ("Columbus, Ohio", "US", "OH", "Columbus", None, False, None),
    ("Columbus, GA", "US", "GA", "Columbus", None, False, None),
    ("Paris, TX", "US", "TX", "Paris", None, False, None),
    ("Wilmington, DE", "US", "DE", "Wilmington", None, False, None),
    ("Portland, ME", "US", "ME", "Portland", None, False, None),
    ("Washington, DC", "US", "DC", "Washington", None, False, None),
    ("Washington, D.C.", "US", "DC", "Washington", None, False, None),
    ("Washington", "US", "WA", None, None, False, None),
    ("Georgia", "US", "GA", None, None, False, None),
    ("White Plains, NY", "US", "NY", "White Plains", "Westchester County", False, None),
    ("Westchester County, NY", "US", "NY", None, "Westchester County", False, None),
    ("Rockville, MD", "US", "MD", "Rockville", "Montgomery County", False, None),
    ("Somewhere, Ohio", "US", "OH", "Somewhere", None, False, None),
    ("Burlington, VT", "US", "VT", "Burlington", None, False, None),
]


@pytest.mark.parametrize(
    ("text", "country", "region", "city", "county", "remote", "remote_country"), CASES
)
def test_it_parses_job_locations(
    text: str,
    country: str | None,
    region: str | None,
    city: str | None,
    county: str | None,
    remote: bool,
    remote_country: str | None,
) -> None:
    place = parse_location(text)
    assert (place.country, place.region, place.city, place.county) == (
        country,
        region,
        city,
        county,
    )
    assert place.remote is remote
    assert place.remote_country == remote_country


def test_it_reads_the_bay_area_as_a_california_area_not_a_city() -> None:
    place = parse_location("San Francisco Bay Area")
    assert (place.country, place.region, place.city, place.area) == (
        "US",
        "CA",
        None,
        "San Francisco Bay Area",
    )


def test_it_marks_hybrid_roles_without_calling_them_remote() -> None:
    place = parse_location("Hybrid \u2013 Denver, Colorado")
    assert place.hybrid and not place.remote


def test_it_leaves_unrecognised_text_empty() -> None:
    place = parse_location("the moon")
    assert not place.known
    assert parse_location("").country is None
    assert parse_location(None).label == "unknown place"


def test_it_knows_which_places_are_in_the_eu() -> None:
    assert parse_location("Dublin, Ireland").in_eu
    assert parse_location("Remote (EU)").in_eu
    assert not parse_location("London, UK").in_eu
    assert not parse_location("Zurich").in_eu


def test_it_labels_a_place_readably() -> None:
    assert parse_location("Remote (US)").label == "United States (remote)"
    assert parse_location("Toronto, ON").label == "Toronto, ON, Canada"
    assert parse_location("NYC").to_dict()["label"] == "New York City, NY, United States"
