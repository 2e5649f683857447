"""A list field's problems, each value's named (the phone numbers on lines 1 and 2), read
as sentences one after another on the page: each ends with its full stop."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories
from goodword.forms import email_problem
from goodword.pages import about_values
from goodword.people import normalize
from goodword.workspaces.models import Workspace

DIGITS = (
    "Give a phone number in digits, such as +44 20 7946 0001 (an extension may follow, "
    "as in ext. 12)."
)


def _refusal(raw: str, region: str) -> str:
    with pytest.raises(ValueError) as refused:
        normalize.phone(raw, region)
    return str(refused.value)


def test_two_phone_problems_on_the_edit_form_read_as_two_sentences(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ravi = factories.person(session, workspace.id, "Ravi Shankar")
    session.commit()

    response = client.post(
        f"/people/{ravi.id}",
        data={"display_name": "Ravi Shankar", "phones": "+1-555-0100\nnot a phone"},
    )

    assert response.status_code == 422
    found = re.findall(r'<p class="error" id="e-phones">(.*?)</p>', html.unescape(response.text))
    assert found == [
        "'+1-555-0100' (line 1) is too short for a whole phone number (is its area code "
        "missing?); write it with its country and area code, such as +1 415 555 0100. "
        f"'not a phone' (line 2): {DIGITS}"
    ]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("+1-555-0100", _refusal("+1-555-0100", "US")),
        ("12345", _refusal("12345", "US")),
        ("030 1234567", _refusal("030 1234567", "US")),
        ("(415) 555-0100 x1234567890", _refusal("(415) 555-0100 x1234567890", "US")),
        ("+", _refusal("+", "US")),
        ("a@@b", email_problem("a@@b", "invalid characters: '@'")),
        ("12", "Give at least 3 characters."),
    ],
)
def test_each_value_s_problem_ends_as_a_sentence_before_the_next(raw: str, problem: str) -> None:
    said = about_values(f"{raw}\nxyz", [(0, problem), (1, DIGITS)])
    first, _, rest = said.partition(" 'xyz' (line 2): ")
    assert rest == DIGITS
    assert first.endswith("."), said
