"""The page helpers every view shares: flash messages, inline errors, record pickers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword import pages, pickers
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.opportunities.models import Stage
from goodword.records import Page
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


def test_a_flash_carries_user_words_in_a_cookie_not_the_url(
    client: TestClient, workspace: Workspace
) -> None:
    response = client.post(
        "/people", data={"display_name": "Zoë <b>Bold</b> & Co"}, follow_redirects=False
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert "?" not in location and "Zo" not in location
    page = client.get(location)
    assert "Added Zoë &lt;b&gt;Bold&lt;/b&gt; &amp; Co." in page.text
    assert "<b>Bold</b>" not in page.text
    assert "Added Zoë" not in client.get(location).text


def test_an_htmx_fragment_leaves_the_flash_for_the_next_full_page(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(f"/opportunities/{opportunity.id}/delete", follow_redirects=False)
    assert response.status_code == 303
    fragment = client.get("/opportunities/board", headers=HTMX)
    assert "<html" not in fragment.text
    assert "Opportunity deleted." not in fragment.text
    assert "Opportunity deleted." in client.get("/opportunities").text
    assert "Opportunity deleted." not in client.get("/opportunities").text


def test_a_whole_form_message_moves_under_the_field_it_names_first() -> None:
    error = InvalidInput(
        "Some fields need attention.",
        fields=[FieldError("__all__", "pay_max is below pay_min.")],
    )
    assert pages.form_errors(error, fields=("pay_min", "pay_max")) == {
        "pay_max": "pay_max is below pay_min."
    }


def test_a_whole_form_message_naming_no_field_goes_to_the_general_field() -> None:
    error = InvalidInput(
        "Some fields need attention.", fields=[FieldError("__all__", "Give a name")]
    )
    assert pages.form_errors(error, general_field="display_name") == {"display_name": "Give a name"}
    assert pages.form_errors(error) == {"__all__": "Give a name"}


def test_an_error_without_fields_is_still_shown() -> None:
    error = Conflict("Bob Brown is already marked as you.")
    assert pages.form_errors(error) == {"__all__": "Bob Brown is already marked as you."}
    assert pages.form_errors(error, general_field="is_me") == {
        "is_me": "Bob Brown is already marked as you."
    }


def test_field_errors_are_plain_words_keyed_by_top_level_field() -> None:
    error = InvalidInput(
        "Some fields need attention.",
        fields=[
            FieldError("title", "Field required"),
            FieldError("emails.1", "is not an e-mail address"),
            FieldError("emails.3", "is not an e-mail address either"),
            FieldError("pay_currency", "String should match pattern '^[A-Z]{3}$'"),
        ],
    )
    rewrite = {"pay_currency": "Use a three-letter currency code, such as EUR."}
    assert pages.form_errors(error, rewrite=rewrite) == {
        "title": "Fill this in.",
        "emails": "is not an e-mail address",
        "pay_currency": "Use a three-letter currency code, such as EUR.",
    }


def test_a_rewrite_can_replace_one_exact_message() -> None:
    error = InvalidInput(
        "Some fields need attention.",
        fields=[FieldError("__all__", "pay_max is below pay_min.")],
    )
    rewrite = {"pay_max is below pay_min.": "The top of the pay range is below the bottom."}
    assert pages.form_errors(error, fields=("pay_max",), rewrite=rewrite) == {
        "pay_max": "The top of the pay range is below the bottom."
    }


def test_enum_options_pair_values_with_labels() -> None:
    options = pages.enum_options(Stage)
    assert options[0] == ("target", "Target")
    assert ("on_hold", "On hold") in options
    assert [value for value, _ in options] == [stage.value for stage in Stage]


def test_pickers_list_only_this_workspaces_records(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    factories.person(session, other_workspace.id, "Charlie's Friend")
    mine = factories.opportunity(
        session, workspace.id, role_title="Data Lead", organization_name="Northwind"
    )
    factories.opportunity(
        session, other_workspace.id, role_title="Secret Role", organization_name="Hidden Co"
    )
    assert pickers.person_choices(session, workspace_id=workspace.id).options == [
        (ada.id, "Ada Lovelace")
    ]
    assert pickers.organization_choices(session, workspace_id=workspace.id).options == [
        (mine.organization_id, "Northwind")
    ]
    assert pickers.opportunity_choices(session, workspace_id=workspace.id).options == [
        (mine.id, "Data Lead — Northwind")
    ]
    assert pickers.organization_names(session, workspace_id=workspace.id) == ["Northwind"]


def test_a_picker_with_too_many_records_becomes_a_number_box(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pickers, "CHOICE_LIMIT", 2)
    for name in ("Ada Lovelace", "Grace Hopper"):
        factories.person(session, workspace.id, name)
    assert pickers.person_choices(session, workspace_id=workspace.id).options is not None
    factories.person(session, workspace.id, "Katherine Johnson")
    assert pickers.person_choices(session, workspace_id=workspace.id).options is None
    assert pickers.person_choices(session, workspace_id=workspace.id).kind == "person"


@pytest.mark.parametrize(
    ("url", "finders"),
    [
        ("/tasks/new", ["f-person_id", "f-organization_id"]),
        ("/interactions/new", ["p-person-1"]),
        ("/opportunities/new", ["f-hiring_manager_id"]),
    ],
)
def test_a_number_box_picker_comes_with_a_search_box(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    finders: list[str],
) -> None:
    monkeypatch.setattr(pickers, "CHOICE_LIMIT", 1)
    for name in ("Ada Lovelace", "Grace Hopper"):
        factories.person(session, workspace.id, name)
    for name in ("Northwind", "Acme"):
        factories.organization(session, workspace.id, name)
    page = client.get(url).text
    for target in finders:
        assert f'id="{target}"' in page  # the number box itself
        kind = "organization" if "organization" in target else "person"
        assert f'hx-get="/pick/{kind}?target={target}"' in page
        assert f'id="{target}-found"' in page
    # The search box belongs to no form, so it never reaches the form's handler.
    assert 'form="finder-only"' in page
    assert "/static/picker.js" in page


@pytest.mark.parametrize(
    ("url", "finders"),
    [
        ("/tasks/new", ["f-person_id", "f-organization_id"]),
        ("/interactions/new", ["p-person-1", "p-person-2"]),
        ("/opportunities/new", ["f-hiring_manager_id"]),
        ("/references/new", ["f-person_id"]),
        ("/referrals", ["f-person_id", "f-target_organization_id"]),
        ("/paths", ["f-to_person_id", "f-from_person_id"]),
    ],
)
def test_a_long_list_picker_comes_with_a_search_box_that_chooses_in_it(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    finders: list[str],
) -> None:
    monkeypatch.setattr(pickers, "FIND_FROM", 1)
    for name in ("Ada Lovelace", "Grace Hopper"):
        factories.person(session, workspace.id, name)
    for name in ("Northwind", "Acme"):
        factories.organization(session, workspace.id, name)
    page = client.get(url).text
    for target in finders:
        # The list itself, with everyone in it: without JavaScript it works alone…
        select = re.search(rf'<select id="{target}" name="[a-z_]+"[^>]*>(.*?)</select>', page, re.S)
        assert select is not None, target
        assert "Grace Hopper" in select.group(1) or "Northwind" in select.group(1)
        # …and with it, a search box whose matches choose in the list.
        kind = "organization" if "organization" in target else "person"
        finder = re.search(
            rf'<div class="finder" data-with-script hidden>\s*<label for="{target}-find">'
            rf'.*?hx-get="/pick/{kind}\?target={target}(?:&amp;but=me)?".*?id="{target}-found"',
            page,
            re.S,
        )
        assert finder is not None, target
    assert 'form="finder-only"' in page
    assert "/static/picker.js" in page


def test_a_short_list_picker_has_no_search_box(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for name in ("Ada Lovelace", "Grace Hopper"):
        factories.person(session, workspace.id, name)
    page = client.get("/tasks/new").text
    assert '<select id="f-person_id"' in page
    assert 'class="finder"' not in page
    assert pickers.FIND_FROM == 20


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/referrals", "Referrals"),
        ("/references", "References"),
        ("/references/new", "References"),
        ("/leads", "Leads"),
        ("/people", "People"),
    ],
)
def test_the_main_menu_has_references_referrals_and_leads_marking_the_one_open(
    client: TestClient, url: str, name: str
) -> None:
    page = client.get(url)
    assert page.status_code == 200
    menu = re.search(r'<nav aria-label="Main">(.*?)</nav>', page.text, re.S)
    assert menu is not None
    links = re.findall(r'<a href="([^"]+)"\s*(aria-current="page")?>([^<]+)</a>', menu.group(1))
    assert [(href, text) for href, _, text in links][4:9] == [
        ("/interactions", "Interactions"),
        ("/tasks", "Tasks"),
        ("/referrals", "Referrals"),
        ("/references", "References"),
        ("/leads", "Leads"),
    ]
    assert [text for _, current, text in links if current] == [name]


def test_a_damaged_page_link_names_where_to_start_again() -> None:
    def load() -> Page[int]:
        raise ValueError("cursor is damaged")

    with pytest.raises(InvalidInput) as caught:
        pages.page_or_422(load, first_page="the first page of people")
    assert caught.value.message == (
        "That page link is damaged; start again from the first page of people."
    )
    assert [f.field for f in caught.value.fields] == ["after"]


def test_favicon_ico_answers_with_the_svg_icon_the_pages_link(client: TestClient) -> None:
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert "/static/favicon.svg" in client.get("/people").text

    response = client.get("/favicon.ico", follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.content == icon.content
    head = client.head("/favicon.ico")
    assert head.status_code == 200 and head.headers["content-type"] == "image/svg+xml"
    assert head.content == b""
    # A page for browsers, not part of the API.
    assert "/favicon.ico" not in client.get("/api/v1/openapi.json").json()["paths"]
