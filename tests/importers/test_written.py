"""What a record wrote of what it added is read as the app keeps it now: a label kept
before a migration put it in one form is still the label the record wrote."""

from __future__ import annotations

from goodword.importers.written import Written
from goodword.people.models import PersonEmail, PersonPhone, PersonUrl


def test_labels_kept_before_they_were_in_one_form_are_as_written() -> None:
    wrote = Written(
        emails={"ada@home.example": "HOME "},
        phones={"+442079460018": "_$!<HomeFAX>!$_", "+442079460019": "WorkFAX"},
        urls={"https://ada.example": ("web", "HomePage")},
    )
    assert wrote.email(PersonEmail(address="ada@home.example", label="home"))
    assert wrote.phone(PersonPhone(number="+442079460018", label="home fax"))
    assert wrote.phone(PersonPhone(number="+442079460019", label="work fax"))
    assert wrote.url(PersonUrl(url="https://ada.example", kind="web", label="homepage"))
    assert not wrote.url(PersonUrl(url="https://ada.example", kind="web", label="blog"))
    assert not wrote.phone(PersonPhone(number="+442079460019", label="desk"))


def test_a_web_address_label_of_a_kind_kept_before_0037_is_as_written() -> None:
    wrote = Written(
        urls={
            "https://alice.example.org": ("web", "Other"),
            "https://cy.example": ("web", "Home"),
            "https://folio.example": ("web", "Portfolio"),
        },
    )
    assert wrote.url(PersonUrl(url="https://alice.example.org", kind="web", label="other"))
    assert wrote.url(PersonUrl(url="https://cy.example", kind="web", label="home"))
    assert wrote.url(PersonUrl(url="https://folio.example", kind="web", label="Portfolio"))
    assert not wrote.url(PersonUrl(url="https://cy.example", kind="web", label="work"))
