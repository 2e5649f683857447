"""Phone numbers with extensions: read however people write them, stored as one key, shown
as they read, dialled as a tel: URI, and read back the same from what Goodword writes."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

import factories as f
from goodword.errors import InvalidInput
from goodword.importers.state import phone_key
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import PersonPhone
from goodword.people.schemas import PersonCreate


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


def test_the_form_refuses_a_number_of_another_country_without_its_code(session, workspace):
    with pytest.raises(InvalidInput) as caught:
        people.create(
            session,
            workspace_id=workspace.id,
            data=PersonCreate(display_name="Hans Meier", phones=["030 1234567"]),
        )
    (field,) = caught.value.fields
    assert field.field == "phones.0"
    assert "'030 1234567' is no number in region US" in field.message
    hans = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Hans Meier", phones=["+49 30 1234567"]),
    )
    assert people.to_read(hans).phones == ["+49301234567"]


# --- The importer's quick reading is the same as the form's -----------------------------


def _read(written: str, region: str) -> str | None:
    try:
        return normalize.phone(written, region)
    except ValueError:
        return None


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("+44 (0)20 7946 0958", "+442079460958"),  # "(0)": dialled only from within the UK
        ("+44 (0) 20 7946 0958", "+442079460958"),
        ("+44(0)7700900123", "+447700900123"),
        ("+49 (0)30 1234567", "+49301234567"),
        ("+44 020 7946 0958", "+442079460958"),
        ("+1 415 555 0100", "+14155550100"),
        ("+1-415-555-0100", "+14155550100"),
        ("+1.415.555.0100", "+14155550100"),
        ("+1 415 555 01000", None),  # a digit too many
        ("+1 415 555 010", None),
    ],
)
def test_an_import_reads_an_international_number_as_the_form_does(written, stored):
    assert _read(written, "US") == stored
    assert phone_key(written, "US") == stored


def _example_numbers() -> list[tuple[int, str, str]]:
    """(country code, national significant number, trunk prefix) of an example fixed-line
    and mobile number of every country phonenumbers knows, and of its non-geographic
    codes (+800 …)."""
    found = []
    for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        for region in regions:
            if region == "001":
                examples = [phonenumbers.example_number_for_non_geo_entity(code)]
                trunk = ""
            else:
                examples = [
                    phonenumbers.example_number_for_type(region, kind)
                    for kind in (
                        phonenumbers.PhoneNumberType.FIXED_LINE,
                        phonenumbers.PhoneNumberType.MOBILE,
                    )
                ]
                metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
                trunk = (metadata.national_prefix if metadata else None) or ""
            for example in examples:
                if example is not None:
                    nsn = phonenumbers.national_significant_number(example)
                    found.append((code, nsn, trunk or "0"))
    return found


def _shapes(code: int, nsn: str, trunk: str) -> list[str]:
    grouped = " ".join(nsn[i : i + 3] for i in range(0, len(nsn), 3))
    return [
        f"+{code}{nsn}",
        f"+{code} {nsn}",
        f"+{code} {grouped}",
        f"+{code}-{grouped.replace(' ', '-')}",
        f"+{code}.{grouped.replace(' ', '.')}",
        f" +{code} {grouped} ",
        f"+{code} ({trunk}){nsn}",  # the trunk prefix in brackets: "+44 (0)20 …"
        f"+{code} ({trunk}) {grouped}",
        f"+{code} {trunk}{nsn}",  # the trunk prefix as if dialled at home: "+44 020 …"
        f"+{code} {trunk} {grouped}",
        f"+{code} {nsn}0",  # a digit too many
        f"+{code} {nsn}00",
        f"+{code} {nsn[:-1]}",  # a digit too few
        f"+{code} ({nsn[:3]}) {nsn[3:]}",
        f"+{code}--{nsn}",
        f"{code} {grouped}",  # without its "+"
        f"00{code} {grouped}",
        f"011 {code} {grouped}",
    ]


@pytest.mark.parametrize("region", ["US", "GB", "DE", "FR", "IN", "BR", "IT", "AR", "RU"])
def test_an_import_reads_every_country_s_numbers_as_the_form_does(region):
    differ = [
        (written, phone_key(written, region), _read(written, region))
        for code, nsn, trunk in _example_numbers()
        for written in _shapes(code, nsn, trunk)
        if phone_key(written, region) != _read(written, region)
    ]
    assert differ == []


@given(
    st.sampled_from(["+", "+1", "+44", "+49", "+39", "+7", "+55", "+54", "+800", "", "00"]),
    st.text(alphabet="0123456789 -.()", max_size=22),
    st.sampled_from(["US", "GB", "DE", "IT", "AR"]),
)
def test_an_import_reads_any_digits_as_the_form_does(start, rest, region):
    written = start + rest
    assert phone_key(written, region) == _read(written, region)
