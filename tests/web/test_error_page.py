"""The error page names a field in words, by its label on the form when the route declares
the form it takes, and never by the schema's field path; the API keeps the paths."""

from __future__ import annotations

import html
import re

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from goodword import pages
from goodword.errors import FieldError, InvalidInput

AMOUNT = "Give a number such as 85000 or 85000.50, without a currency sign or 'k'."


def problems(page: str) -> list[str]:
    """What the error page lists under its message."""
    found = re.search(r'<ul class="problems">(.*?)</ul>', page, re.S)
    assert found, "the error page lists no problems"
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]


def alert(page: str) -> str:
    found = re.search(r'<div role="alert">(.*?)</div>', page, re.S)
    assert found, "the page shows no error"
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


def refuse_pay(app: FastAPI, url: str, *, form: str | None = None) -> None:
    """A page route whose form's problem reaches the error page, not the form."""
    dependencies = [Depends(pages.form_of(form))] if form else []

    @app.post(url, dependencies=dependencies)
    def refused() -> None:
        raise InvalidInput("Some fields need attention.", fields=[FieldError("pay_min", AMOUNT)])


def test_a_field_on_a_known_form_is_named_by_its_label(app: FastAPI, client: TestClient) -> None:
    refuse_pay(app, "/try/labelled", form="opportunities/form.html")
    page = client.post("/try/labelled")
    assert page.status_code == 422
    assert problems(page.text) == [f"From: {AMOUNT}"]
    assert "pay_min" not in page.text and "Pay min" not in page.text


def test_a_field_on_no_known_form_is_named_in_words(app: FastAPI, client: TestClient) -> None:
    refuse_pay(app, "/try/unlabelled")
    page = client.post("/try/unlabelled")
    assert problems(page.text) == [f"Pay min: {AMOUNT}"]
    assert "pay_min" not in page.text


def test_a_bad_address_says_what_is_wrong_without_the_parameter_name(
    client: TestClient,
) -> None:
    page = client.get("/people/abc")
    assert page.status_code == 422
    assert problems(page.text) == ["Person: Give a whole number, such as 12."]
    assert "person_id" not in alert(page.text)
    assert "request is not valid" not in page.text


def test_a_message_that_reads_on_from_the_field_follows_its_name(client: TestClient) -> None:
    page = client.get("/people?after=zzz")
    assert page.status_code == 422
    assert "That page link is damaged" in alert(page.text)
    assert problems(page.text) == ["The link is not a page link Goodword made"]
    assert "after:" not in page.text


def test_an_unknown_list_of_asks_names_the_tabs_as_the_page_does(client: TestClient) -> None:
    page = client.get("/referrals?status=bogus")
    assert page.status_code == 422
    said = html.unescape(alert(page.text))
    assert (
        "There is no list of asks called “bogus”; choose one of the tabs: Open, Everything, "
        in (said)
    )
    assert "To ask, Asked" in said and "to_ask" not in said


def test_an_unknown_task_list_names_the_tabs_as_the_page_does(client: TestClient) -> None:
    page = client.get("/tasks?status=bogus")
    assert page.status_code == 422
    said = html.unescape(alert(page.text))
    assert (
        "There is no task list called “bogus”; choose one of the tabs: Open, Done, Snoozed, "
        "Dismissed, Everything." in said
    )
    assert "all" not in said.split("tabs:")[1]


def test_a_form_left_unfilled_names_the_field_in_words(client: TestClient) -> None:
    page = client.post("/messages/eml", data={"subject": "", "body": ""})
    assert page.status_code == 422
    assert problems(page.text) == ["Subject: Fill this in.", "Body: Fill this in."]
    assert "subject:" not in alert(page.text)


def test_a_problem_with_no_form_to_show_it_names_the_field_by_its_label(
    client: TestClient,
) -> None:
    """Marking an ask as sent with no opportunity has no page to come back to."""
    page = client.post("/referrals/mark-asked", data={})
    assert page.status_code == 422
    assert problems(page.text) == ["Mark as asked: Choose whom you sent the ask to."]
    assert "person_id" not in page.text and "Person id" not in page.text


def test_the_api_keeps_its_error_shape_with_the_field_paths(client: TestClient) -> None:
    address = client.get("/api/v1/people/abc")
    assert address.status_code == 422
    assert address.json() == {
        "error": {
            "code": "invalid",
            "message": "The request is not valid.",
            "fields": [{"field": "person_id", "message": "Give a whole number, such as 12."}],
        }
    }
    damaged = client.get("/api/v1/people", params={"after": "zzz"})
    assert damaged.status_code == 422
    assert [f["field"] for f in damaged.json()["error"]["fields"]] == ["after"]


def test_the_error_lines_read_from_the_form_template_or_the_name() -> None:
    from goodword.web import make_templates

    env = make_templates().env
    fields = [
        FieldError("pay_min", AMOUNT),
        FieldError("emails.1", "'x' is not an e-mail address: it has no @."),
        FieldError("__all__", "Give a name."),
    ]
    assert pages.plain_problems(env, fields, template="opportunities/form.html")[0] == (
        f"From: {AMOUNT}"
    )
    assert pages.plain_problems(env, fields) == [
        f"Pay min: {AMOUNT}",
        "Emails (value 2): 'x' is not an e-mail address: it has no @.",
        "Give a name.",
    ]
