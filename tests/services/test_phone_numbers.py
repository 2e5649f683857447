"""Phone numbers with extensions: read however people write them, stored as one key, shown
as they read, dialled as a tel: URI, and read back the same from what Goodword writes."""

from __future__ import annotations

import phonenumbers
import pytest

import factories as f
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import PersonPhone


@pytest.mark.parametrize(
    "written",
    [
        "+1 415 555 0100 ext. 12",
        "+1 415 555 0100 EXT 12",
        "415-555-0100 extension 12",
        "(415) 555-0100 x12",
        "(415) 555-0100 #12",
        "tel:+1-415-555-0100;ext=12",
        "+14155550100;ext=12",
        "+1 415-555-0100 ext. 12",
    ],
)
def test_an_extension_is_kept_however_it_is_written(written):
    assert normalize.phone(written, "US") == "+14155550100;ext=12"


def test_a_number_without_an_extension_is_e164_as_before():
    assert normalize.phone("(415) 555-0100", "US") == "+14155550100"
    assert normalize.phone("020 7946 0000", "GB") == "+442079460000"


def test_an_extension_in_other_digits_is_kept_in_ascii_digits():
    assert normalize.phone("+1 415 555 0100 ext. ١٢", "US") == "+14155550100;ext=12"


def test_a_stored_number_reads_with_its_extension_and_dials_as_a_tel_uri():
    assert normalize.phone_text("+14155550100;ext=12") == "+1 415-555-0100 ext. 12"
    # "ext." in every country (phonenumbers itself writes " x" for some).
    assert normalize.phone_text("+442079460000;ext=5") == "+44 20 7946 0000 ext. 5"
    assert normalize.phone_text("+14155550100") == "+1 415-555-0100"
    assert normalize.phone_uri("+14155550100;ext=12") == "tel:+14155550100;ext=12"
    assert normalize.phone_uri("+14155550100") == "tel:+14155550100"


def test_text_kept_as_typed_is_shown_as_it_is_and_not_dialled():
    for kept in ("ask the front desk", "=HYPERLINK(1)", "+1 415 555 0100 ext. twelve"):
        assert normalize.phone_text(kept) == kept
        assert normalize.phone_uri(kept) is None


@pytest.mark.parametrize("region", ["US", "GB", "DE", "IN", "JP", "BR", "IT", "AU"])
@pytest.mark.parametrize("extension", ["", "12", "0045", "9" * 20])
def test_what_a_number_reads_as_is_read_back_as_the_same_number(region, extension):
    for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
        example = phonenumbers.example_number_for_type(region, kind)
        national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        written = national + (f" ext. {extension}" if extension else "")
        stored = normalize.phone(written, region)
        assert stored.partition(";ext=")[2] == extension
        assert normalize.phone(normalize.phone_text(stored), "US") == stored
        assert normalize.phone(stored, "US") == stored


def test_the_longest_extension_fits_the_column_and_a_longer_one_is_refused_plainly():
    column = PersonPhone.__table__.c.number.type.length
    stored = normalize.phone("+880 1812 345678 ext. " + "9" * 20, "US")
    assert stored == "+8801812345678;ext=" + "9" * 20
    # "+", the longest country code and national number phonenumbers reads, ";ext=", 20 digits.
    assert column >= 1 + 3 + 17 + 5 + 20
    with pytest.raises(ValueError, match=r"has too long an extension; give at most 20 digits"):
        normalize.phone("+1 415 555 0100 ext. " + "9" * 21, "US")
    with pytest.raises(ValueError, match=r'\(9 after "x" or "#"\)'):
        normalize.phone("+1 415 555 0100 x" + "9" * 10, "US")


def test_the_people_service_keeps_the_extension_and_the_main_number_apart(session, workspace):
    person = f.person(
        session, workspace.id, "Ravi Shankar",
        phones=["+1 415 555 0100 ext. 12", "(415) 555-0100", "415.555.0100 x12"],
    )  # fmt: skip
    assert people.to_read(person).phones == ["+14155550100;ext=12", "+14155550100"]
