"""Warm paths in a real browser: the path finder, the lazy "ways in" panel, the network view."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from goodword.db import make_engine, make_session_factory, transaction
from goodword.workspaces import service as workspaces
from network_surfaces.network_data import build_network

pytestmark = pytest.mark.browser


def _seed(database_url: str) -> dict[str, int]:
    engine = make_engine(database_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            net = build_network(session, workspaces.get_or_create(session).id)
            return {"dana": net.dana.id, "bo": net.bo.id, "cy": net.cy.id, "job": net.acme_job.id}
    finally:
        engine.dispose()


def test_the_path_finder_shows_a_path_with_its_explanation(page: Page, live_server: Any) -> None:
    ids = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/paths")
    page.get_by_label("To a person").select_option(label="Dana Li")
    page.get_by_role("button", name="Find ways in").click()
    best = page.locator("#way-1")
    expect(best).to_contain_text("Mara Castillo")
    expect(best.locator(".chain a")).to_have_text(["Bo Jensen", "Cy Okafor", "Dana Li"])
    expect(best).to_contain_text("you rate this tie 5 of 5 for closeness")
    expect(best).to_contain_text("Former colleague")
    expect(best).to_contain_text("First ask: Ask Bo Jensen to put you in touch with Cy Okafor")
    expect(best.get_by_role("button", name="Copy message")).to_be_visible()
    expect(page.locator("#way-2 .chain a")).to_have_text(["Eve Marsh", "Dana Li"])
    assert f"to_person_id={ids['dana']}" in page.url


def test_the_opportunity_page_loads_its_ways_in_panel(page: Page, live_server: Any) -> None:
    ids = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/opportunities/{ids['job']}")
    panel = page.locator("#ways-in")
    expect(panel).to_contain_text("First ask: Ask Bo Jensen to put you in touch with Cy Okafor")
    expect(
        panel.get_by_role("link", name="Every way in to Dana Li, with draft messages")
    ).to_be_visible()


def test_the_network_view_draws_the_ego_network(page: Page, live_server: Any) -> None:
    ids = _seed(live_server.database_url)
    page.goto(f"{live_server.url}/people/{ids['bo']}/network")
    graph = page.locator("#network-graph[data-ready='true']")
    expect(graph).to_be_visible()
    expect(graph.locator("canvas").first).to_be_attached()
    assert page.evaluate("window.cy.nodes().length") == 4
    assert page.evaluate("window.cy.edges().length") == 3
    widths = page.evaluate(
        "window.cy.edges().map(e => [e.data('strength'), parseFloat(e.style('width'))])"
    )
    strongest = max(widths)
    weakest = min(widths)
    assert strongest[1] > weakest[1]
    expect(page.locator("#graph-status")).to_have_text("4 people, 3 ties")
    page.evaluate(f"window.cy.getElementById('p{ids['cy']}').emit('tap')")
    expect(page).to_have_url(f"{live_server.url}/people/{ids['cy']}")


def _seed_small(database_url: str) -> int:
    """A new user's network: you and five ties, two of them with long names."""
    import factories as f

    engine = make_engine(database_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            ws = workspaces.get_or_create(session).id
            me = f.person(session, ws, "Zoë Ångström-Nguyễn", is_me=True)
            names = [
                "Carol Díaz",
                "Alice Chen",
                "Eve O'Neil",
                "Frank 'the recruiter' Møller",
                "Dmitri Ivanov",
            ]
            others = [f.person(session, ws, name) for name in names]
            for closeness, other in enumerate(others, 1):
                f.connection(session, ws, me, other, closeness=closeness)
            f.connection(session, ws, others[0], others[1])
            f.connection(session, ws, others[3], others[4])
            return me.id
    finally:
        engine.dispose()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_small_network_keeps_its_labels_readable_and_apart(
    page: Page, live_server: Any, width: int
) -> None:
    me = _seed_small(live_server.database_url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/people/{me}/network")
    expect(page.locator("#network-graph[data-ready='true']")).to_be_visible()
    assert page.evaluate("window.cy.nodes().length") == 6
    # Not blown up to fill the box: labels print at most a little larger than the page's text.
    sizes = page.evaluate(
        "window.cy.nodes().map(n => parseFloat(n.style('font-size')) * window.cy.zoom())"
    )
    assert max(sizes) <= 16, sizes
    assert page.evaluate("window.cy.maxZoom()") > 2  # the reader may still zoom in
    # No label prints over another label or another person's dot, nor runs out of the box.
    boxes = page.evaluate(
        """window.cy.nodes().map(n => {
             const label = n.renderedBoundingBox({includeNodes: false, includeEdges: false});
             const dot = n.renderedBoundingBox({includeLabels: false, includeEdges: false});
             return [n.data('label'), [label.x1, label.y1, label.x2, label.y2],
                     [dot.x1, dot.y1, dot.x2, dot.y2]];
           })"""
    )

    def apart(a: list[float], b: list[float]) -> bool:
        return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]

    for i, (name, label, _dot) in enumerate(boxes):
        for j, (other, other_label, other_dot) in enumerate(boxes):
            if i != j:
                assert apart(label, other_dot), f"{name!r} prints over {other!r}'s dot"
            if i < j:
                assert apart(label, other_label), f"{name!r} prints over {other!r}"
    box = page.locator("#network-graph").bounding_box()
    assert box is not None
    for name, (x1, y1, x2, y2), _dot in boxes:
        assert x1 >= 0 and y1 >= 0 and x2 <= box["width"] and y2 <= box["height"], name
