"""A query parameter an API route does not take (a misspelling, as often as not:
`?serach=ada`) is refused with a 422 naming it and the ones the route takes, on every API
route, instead of passed over (the whole list given as if unfiltered). Pages take any: a
browser or HTMX may add some."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from goodword import api_routers


def api_routes(app: FastAPI) -> list[tuple[str, str, str]]:
    """(method, an address of it, its path) for every route of the API's routers (of
    every router included: the app's own routes, such as its explorer, are no router's),
    its ids all 1."""
    found = []
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if isinstance(route.original_route, APIRoute) and route.original_route in routers():
            address = re.sub(r"\{[^}]+\}", "1", path)
            found += [(method, address, path) for method in sorted(route.methods or ())]
    return found


def routers() -> list[object]:
    return [route for router in api_routers.ROUTERS for route in router.routes]


def documented(app: FastAPI, path: str, method: str) -> list[str]:
    """The query parameters the API's document gives for the route, in its order."""
    operation: dict[str, Any] = app.openapi()["paths"][path][method.lower()]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


def takes(address: str, known: list[str]) -> str:
    if not known:
        return f"{address} takes no parameters"
    listed = known[0] if len(known) == 1 else f"{', '.join(known[:-1])} and {known[-1]}"
    return f"{address} takes {listed}"


def test_every_api_route_refuses_a_parameter_it_does_not_take(
    app: FastAPI, client: TestClient
) -> None:
    routes = api_routes(app)
    assert len(routes) > 50  # (every router's)
    for method, address, path in routes:
        answer = client.request(method, address, params={"serach": "ada"})

        assert answer.status_code == 422, (method, address, answer.text)
        said = f"There is no parameter serach; {takes(address, documented(app, path, method))}."
        assert answer.json()["error"] == {
            "code": "invalid",
            "message": said,
            "fields": [{"field": "serach", "message": said}],
        }, (method, address)


def test_every_api_route_takes_its_own_parameters(app: FastAPI, client: TestClient) -> None:
    """Each parameter the document gives is known (a dependency's too, such as a page's
    `after` and `limit`): refused for its value perhaps, never as unknown."""
    for method, address, path in api_routes(app):
        known = documented(app, path, method)
        answer = client.request(method, address, params=dict.fromkeys(known, "1"))

        json = answer.headers.get("content-type", "").startswith("application/json")
        fields = answer.json().get("error", {}).get("fields", []) if json else []
        assert not [f for f in fields if "There is no parameter" in f["message"]], (
            method,
            address,
            fields,
        )


def test_two_unknown_parameters_are_each_named_once(client: TestClient) -> None:
    answer = client.get("/api/v1/people?serach=ada&limt=5&serach=bob&limit=2")

    assert answer.status_code == 422
    takes = "/api/v1/people takes after, before and limit"
    assert answer.json()["error"] == {
        "code": "invalid",
        "message": f"There are no parameters serach and limt; {takes}.",
        "fields": [
            {"field": "serach", "message": f"There is no parameter serach; {takes}."},
            {"field": "limt", "message": f"There is no parameter limt; {takes}."},
        ],
    }


def test_pages_take_parameters_they_do_not_know(client: TestClient) -> None:
    """A page is for a browser, and HTMX sends a form's fields with its request: a page
    passes over what it does not read, asked by HTMX or not."""
    plain = client.get("/people", params={"serach": "ada"})
    by_htmx = client.get(
        "/people", params={"q": "ada", "serach": "ada"}, headers={"HX-Request": "true"}
    )

    assert plain.status_code == 200
    assert by_htmx.status_code == 200
