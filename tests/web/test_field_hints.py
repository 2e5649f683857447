"""A field's hint is still read when the field has a problem: both describe it, the problem
first (the macros every form uses, and a real form)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

MACROS = """{% import "_macros.html" as m %}
{{ m.field("days", "Every N days", "x", {"days": "Give a whole number."}, hint="0 turns it off.") }}
{{ m.textarea("stress", "Stress", "", {"stress": "Say what to stress."}, hint="It fills a gap.") }}
{{ m.field("plain", "Plain", "", {}, hint="Only a hint.") }}
{{ m.field("bare", "Bare", "", {"bare": "Wrong."}) }}"""


def _described(html: str, name: str) -> str:
    found = re.search(rf'id="f-{name}"[^>]*aria-describedby="([^"]*)"', html)
    assert found, f"f-{name} has no description"
    return found.group(1)


def test_a_field_with_a_problem_is_described_by_the_problem_and_its_hint(
    client: TestClient,
) -> None:
    env = client.app.state.templates.env  # type: ignore[attr-defined]
    html = env.from_string(MACROS).render()
    assert _described(html, "days") == "e-days h-days"
    assert _described(html, "stress") == "e-stress h-stress"
    assert _described(html, "plain") == "h-plain"
    assert _described(html, "bare") == "e-bare"
    for name in ("days", "stress", "plain"):
        assert f'<p class="hint" id="h-{name}">' in html


def test_the_keep_in_touch_hint_is_read_beside_its_problem(client: TestClient) -> None:
    response = client.post("/people", data={"display_name": "Bo Zhou", "keep_in_touch_days": "-4"})
    assert response.status_code == 422
    assert _described(response.text, "keep_in_touch_days") == (
        "e-keep_in_touch_days h-keep_in_touch_days"
    )
