"""Form errors speak the form's language: a field is named by its label on the page, never by
the schema's name, and a message says how to put the value right."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword import pages
from goodword.errors import FieldError, InvalidInput
from goodword.web import make_templates
from goodword.workspaces.models import Workspace

AMOUNT = "Give a number such as 85000 or 85000.50, without a currency sign or 'k'."


def summary(page: str) -> str:
    """The list of problems at the top of the form."""
    found = re.search(r'<div class="form-errors".*?</div>', page, re.S)
    assert found, "the page has no summary of its problems"
    return found.group(0)


def problems(page: str) -> list[str]:
    """The summary's problems as a reader sees them: "From: Give a number…"."""
    items = re.findall(r"<li>(.*?)</li>", summary(page), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def label_on_page(page: str, name: str) -> str:
    """The text of the field's label (or its fieldset's legend) as the page shows it."""
    found = re.search(rf'<label for="f-{name}">([^<]*)', page) or re.search(
        rf'<fieldset id="f-{name}"[^>]*>\s*<legend>([^<]*)</legend>', page
    )
    assert found, f"no label for f-{name} on the page"
    return html.unescape(found.group(1)).strip()


def inline(page: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="e-{name}">([^<]*)</p>', page)
    assert found, f"no message beside {name}"
    return html.unescape(found.group(1))


def test_every_main_form_names_its_fields_by_their_labels(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    bad = [
        ("/me", {"display_name": " "}),
        ("/people", {"emails": "a@example.org\nbob.example.org", "keep_in_touch_days": "often"}),
        (f"/people/{ada.id}/positions", {"start_date": "2021-01-01", "end_date": "2020-01-01"}),
        (f"/people/{ada.id}/connections", {"kind": "knows"}),
        ("/organizations", {"name": "", "domains": "not a domain"}),
        ("/opportunities", {"organization_name": "Acme", "role_title": "", "pay_min": "100k"}),
        ("/interactions", {"occurred_at": "2026-11-02T15:30", "kind": "meeting"}),
        ("/tasks", {"title": "", "due_date": "2026-02-30"}),
        ("/references", {}),
        ("/referrals", {}),
        ("/leads", {"kind": "event", "title": "", "happens_on": "soon"}),
    ]
    for url, form in bad:
        page = client.post(url, data=form)
        assert page.status_code == 422, url
        listed = summary(page.text)
        # (A problem with the people involved as a whole leads to the first person's menu.)
        named = [
            ("participants" if target == "p-person-1" else target.removeprefix("f-"), text)
            for target, text in re.findall(r'<a href="#([\w-]+)">([^<]*)</a>', listed)
        ]
        assert named, url
        for name, text in named:
            assert html.unescape(text) == label_on_page(page.text, name), (url, name)
        assert len(named) == listed.count("<li>"), f"{url}: a problem names no field"
        assert "_" not in re.sub(r'href="[^"]*"', "", listed), url


def test_the_summary_uses_the_label_and_the_field_keeps_only_the_message(
    client: TestClient,
) -> None:
    page = client.post(
        "/opportunities", data={"organization_name": "Acme", "role_title": "PM", "pay_min": "100k"}
    )
    assert page.status_code == 422
    assert problems(page.text) == [f"From: {AMOUNT}"]
    assert '<a href="#f-pay_min">From</a>' in summary(page.text)
    assert inline(page.text, "pay_min") == AMOUNT
    assert "pay min" not in page.text
    assert "valid decimal" not in page.text


def test_a_reference_without_anyone_chosen_asks_who(client: TestClient) -> None:
    page = client.post("/references", data={})
    assert page.status_code == 422
    assert problems(page.text) == ["Who: Choose who your reference is."]
    assert inline(page.text, "person_id") == "Choose who your reference is."
    menu_left_empty = client.post("/references", data={"person_id": "", "notes": "Met at PyCon"})
    assert inline(menu_left_empty.text, "person_id") == "Choose who your reference is."
    assert "person id" not in page.text


def test_the_welcome_form_asks_only_for_the_name_it_shows(client: TestClient) -> None:
    page = client.post("/me", data={"display_name": ""})
    assert page.status_code == 422
    assert '<a href="#f-display_name">Your name</a>: Fill this in.' in summary(page.text)
    assert inline(page.text, "display_name") == "Fill this in."
    assert "given or family" not in page.text
    assert "display name" not in page.text


def test_the_person_form_says_name_as_its_label_does(client: TestClient) -> None:
    page = client.post("/people", data={"display_name": "", "keep_in_touch_days": "9999"})
    assert page.status_code == 422
    assert "Keep in touch every N days</a>: Give a whole number of days" in summary(page.text)
    assert "keep in touch days" not in page.text
    nameless = client.post("/people", data={"location": "Lyon"})
    assert inline(nameless.text, "display_name") == "Give a name, or a given or family name."


def test_a_wrong_e_mail_says_which_line_and_what_is_wrong(client: TestClient) -> None:
    page = client.post(
        "/people", data={"display_name": "Bob", "emails": "bob@example.org\nbob.example.org"}
    )
    assert page.status_code == 422
    said = "'bob.example.org' (line 2) is not an e-mail address: it has no @."
    assert inline(page.text, "emails") == said
    assert problems(page.text) == [f"E-mail addresses: {said}"]
    assert "value is not a valid email address" not in page.text


def test_the_line_counts_blank_lines_and_values_on_one_line_need_no_line(
    client: TestClient,
) -> None:
    gap = client.post("/organizations", data={"name": "Acme", "domains": "acme.com\n\nacme fr"})
    assert inline(gap.text, "domains") == (
        "'acme fr' (line 3): Give a web domain, such as example.com."
    )
    commas = client.post("/organizations", data={"name": "Acme", "domains": "acme.com, acme fr"})
    assert inline(commas.text, "domains") == "'acme fr': Give a web domain, such as example.com."


def test_the_message_preview_names_the_fields_by_the_forms_labels(client: TestClient) -> None:
    fragment = client.post(
        "/messages/favour_thanks/preview",
        data={"subject": "", "body": ""},
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 422
    assert fragment.text.lstrip().startswith('<div id="message-preview"')
    assert "Goodword cannot preview this yet:" in fragment.text
    assert problems(fragment.text) == ["Subject: Fill this in.", "Message: Fill this in."]
    assert '<a href="#f-body">Message</a>' in summary(fragment.text)
    assert "body:" not in fragment.text


def test_the_api_keeps_the_paths_and_gets_the_plain_words(client: TestClient) -> None:
    pay = client.post(
        "/api/v1/opportunities",
        json={"organization_name": "Acme", "role_title": "PM", "pay_min": "100k"},
    )
    assert pay.status_code == 422
    assert pay.json()["error"]["fields"] == [{"field": "pay_min", "message": AMOUNT}]
    mail = client.post(
        "/api/v1/people", json={"display_name": "Bob", "emails": ["a@example.org", "bob@"]}
    )
    assert mail.json()["error"]["fields"] == [
        {
            "field": "emails.1",
            "message": "'bob@' is not an e-mail address: nothing comes after the @.",
        }
    ]


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("85000.505", "Give at most 2 digits after the point, such as 85000.50."),
        ("1234567890123", "That amount is far too large."),
        ("NaN", AMOUNT),
    ],
)
def test_other_amounts_say_what_to_change(client: TestClient, amount: str, said: str) -> None:
    page = client.post(
        "/opportunities", data={"organization_name": "Acme", "role_title": "PM", "pay_max": amount}
    )
    assert inline(page.text, "pay_max") == said


def test_the_fields_of_a_form_are_read_from_its_template() -> None:
    env = make_templates().env
    fields = pages.form_fields(env, "people/detail.html")
    # Two forms on one page, each with the errors it shows.
    assert fields["position_errors"]["organization_name"] == pages.FormField(
        "Organization", required=True
    )
    assert fields["connection_errors"]["kind"] == pages.FormField("How they know each other")
    # A picker from a shared macro, and a fieldset drawn by hand.
    assert pages.form_fields(env, "tasks/form.html")["errors"]["person_id"].label == "Person"
    assert pages.form_fields(env, "interactions/form.html")[""]["participants"].label == (
        "People involved"
    )


def test_a_plain_error_mapping_is_labelled_too() -> None:
    env = make_templates().env
    finished = pages.finished_errors(
        env, "network/paths.html", {"errors": {"k": "Give a whole number from 1 to 50."}}
    )
    assert finished["errors"].label("k") == "How many ways"
    assert pages.finished_errors(env, "network/paths.html", {"errors": {}}) == {}


def test_a_page_without_labelled_fields_still_names_the_field() -> None:
    error = InvalidInput("Some fields need attention.", fields=[FieldError("location", "Pick one")])
    assert pages.form_errors(error).label("location") == "location"


def test_form_errors_remember_which_value_of_a_list_was_wrong() -> None:
    error = InvalidInput(
        "Some fields need attention.",
        fields=[FieldError("emails.2", "'x' is not an e-mail address: it has no @.")],
    )
    found = pages.form_errors(error)
    assert found == {"emails": "'x' is not an e-mail address: it has no @."}
    assert found.positions == {"emails": [(2, "'x' is not an e-mail address: it has no @.")]}


def test_form_errors_remember_every_value_of_a_list_that_was_wrong() -> None:
    digits = "Give a phone number in digits."
    error = InvalidInput(
        "Some fields need attention.",
        fields=[
            FieldError("phones.0", f"'abc': {digits}"),
            FieldError("phones.2", f"'xyz': {digits}"),
            FieldError("phones.3", "'12': Give at least 3 characters."),
        ],
    )
    found = pages.form_errors(error)
    assert found.positions == {
        "phones": [
            (0, f"'abc': {digits}"),
            (2, f"'xyz': {digits}"),
            (3, "'12': Give at least 3 characters."),
        ]
    }
    typed = {"phones": "abc\n+1 415 555 0100\nxyz\n12"}
    finished = pages.finished_errors(
        make_templates().env, "people/form.html", {"errors": found, "values": typed}
    )
    assert finished["errors"]["phones"] == (
        f"'abc' (line 1) and 'xyz' (line 3): {digits} '12' (line 4): Give at least 3 characters."
    )
