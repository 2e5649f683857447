"""Digits int() cannot read ("²", "①") where a number is asked for are refused or ignored
like any other wrong text, never a 500 (Python's str.isdigit() says they are digits)."""

from __future__ import annotations

import pytest

from goodword.forms import is_whole_number

SUPERSCRIPT = "²"


def test_only_ascii_digits_make_a_whole_number() -> None:
    assert is_whole_number("42") and is_whole_number("007")
    for text in (SUPERSCRIPT, "①", "٣", "", "4.2", "-1", " 4"):
        assert not is_whole_number(text), text


@pytest.mark.parametrize(
    ("method", "url", "data", "status"),
    [
        ("POST", "/people", {"display_name": "Ada", "keep_in_touch_days": SUPERSCRIPT}, 422),
        ("GET", f"/paths?k={SUPERSCRIPT}", None, 422),
        ("GET", f"/paths?to_person_id={SUPERSCRIPT}", None, 422),
        ("GET", f"/paths?to_organization={SUPERSCRIPT}", None, 422),  # (no one is "me")
        ("GET", f"/api/v1/paths?to_organization={SUPERSCRIPT}", None, 422),
        ("GET", f"/tasks?after={SUPERSCRIPT}", None, 422),
        ("GET", f"/api/v1/people?after={SUPERSCRIPT}", None, 422),
        ("GET", f"/opportunities/new?organization_id={SUPERSCRIPT}", None, 200),
    ],
)
def test_a_superscript_digit_is_not_a_crash(client, workspace, method, url, data, status):
    response = client.request(method, url, data=data)
    assert response.status_code == status, response.text[:500]
