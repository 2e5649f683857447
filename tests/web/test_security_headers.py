"""Every response tells the browser not to frame it (another site could otherwise lay a
decoy over a framed page and turn one click into a deletion), not to guess its type, and
not to tell other sites which Goodword page a followed link came from."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from factories import LOCAL

EXPECTED = {
    "x-frame-options": "DENY",
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def security_headers(response) -> dict[str, str]:
    return {name: response.headers.get(name) for name in EXPECTED}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people",
        "/people/999999",  # the error page
        "/no-such-page",
        "/api/v1/people",
        "/api/v1/people/999999",
        "/api/v1/docs",
        "/api/v1/openapi.json",
        "/static/app.css",
        "/favicon.ico",
        "/calendar/not-the-token.ics",
    ],
)
def test_every_response_refuses_to_be_framed(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert security_headers(response) == EXPECTED


def test_a_change_and_a_refused_change_carry_the_headers_too(client: TestClient) -> None:
    made = client.post("/api/v1/people", json={"display_name": "Ada Park"})
    forged = client.post(
        "/api/v1/people", json={"display_name": "Eve"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert made.status_code == 201 and forged.status_code == 403
    assert security_headers(made) == EXPECTED
    assert security_headers(forged) == EXPECTED


def test_a_request_to_a_foreign_host_name_is_refused_with_the_headers(app: FastAPI) -> None:
    with TestClient(app, base_url="http://evil.example") as stranger:
        response = stranger.get("/people")
    assert response.status_code == 400
    assert security_headers(response) == EXPECTED


def test_an_unexpected_failure_carries_the_headers(app: FastAPI) -> None:
    @app.get("/test-only/fails")
    def fails() -> None:
        raise RuntimeError("boom")

    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        page = client.get("/test-only/fails")
    assert page.status_code == 500
    assert security_headers(page) == EXPECTED
