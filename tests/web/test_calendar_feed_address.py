"""A wrong calendar-feed address answers a calendar app in plain text (not Goodword's HTML
page), in the same words whether or not any feed is on."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_wrong_feed_address_is_a_plain_404_that_gives_nothing_away(
    client: TestClient,
) -> None:
    before = client.get("/calendar/not-the-token.ics")
    assert client.post("/calendar/feed", data={"action": "on"}).status_code == 200
    after = client.get("/calendar/not-the-token.ics")

    for response in (before, after):
        assert response.status_code == 404
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert "<html" not in response.text
        assert response.text.startswith("There is no Goodword calendar feed at this address.")
        assert "not-the-token" not in response.text
    assert before.text == after.text
