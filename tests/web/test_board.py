"""The pipeline board: columns by stage, moves with and without HTMX, and a query-count pin."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import factories
from goodword.opportunities.models import Opportunity, Stage, StageChange
from goodword.workspaces.models import Workspace

HTMX = {"HX-Request": "true"}


@contextmanager
def counting_selects(connection: Connection) -> Iterator[list[str]]:
    """Collect every SELECT the app sends over the test connection."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


def _column(html: str, stage: Stage) -> str:
    """The HTML of one stage's column."""
    start = html.index(f'data-stage="{stage.value}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def test_the_board_has_a_column_per_stage_in_pipeline_order(client: TestClient) -> None:
    html = client.get("/opportunities/board").text
    positions = [html.index(f'data-stage="{stage.value}"') for stage in Stage]
    assert positions == sorted(positions)


def test_cards_sit_in_their_stage_with_role_organization_and_next_step(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    factories.opportunity(
        session,
        workspace.id,
        role_title="Data Lead",
        organization_name="Globex",
        stage="interviewing",
        next_step="Send thank-you notes",
    )
    response = client.get("/opportunities/board")
    assert response.status_code == 200
    assert response.headers["vary"] == "HX-Request"
    column = _column(response.text, Stage.INTERVIEWING)
    assert "Data Lead" in column
    assert "Globex" in column
    assert "Send thank-you notes" in column
    assert "Data Lead" not in _column(response.text, Stage.TARGET)


def test_each_card_has_a_move_form_that_works_without_javascript(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id)
    html = client.get("/opportunities/board").text
    assert f'action="/opportunities/{opportunity.id}/stage"' in html
    assert f'<select id="stage-{opportunity.id}" name="stage">' in html
    assert ">Move</button>" in html


def test_moving_without_htmx_redirects_to_the_board_and_records_a_dated_change(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    before = datetime.now(UTC)
    response = client.post(
        f"/opportunities/{opportunity.id}/stage",
        data={"stage": "applied"},
        follow_redirects=False,
    )
    after = datetime.now(UTC)
    assert response.status_code == 303
    assert response.headers["location"] == "/opportunities/board"
    assert response.headers["vary"] == "HX-Request"
    session.expire_all()
    moved = session.get(Opportunity, opportunity.id)
    assert moved is not None and moved.stage is Stage.APPLIED
    change = session.scalars(
        select(StageChange).where(
            StageChange.opportunity_id == opportunity.id, StageChange.to_stage == Stage.APPLIED
        )
    ).one()
    assert change.from_stage is Stage.TARGET
    assert before <= change.changed_at <= after
    board = client.get(response.headers["location"]).text
    assert "Data Lead" in _column(board, Stage.APPLIED)


def test_moving_with_htmx_returns_the_board_fragment(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    before = datetime.now(UTC)
    response = client.post(
        f"/opportunities/{opportunity.id}/stage", data={"stage": "offer"}, headers=HTMX
    )
    after = datetime.now(UTC)
    assert response.status_code == 200
    assert response.headers["vary"] == "HX-Request"
    assert response.text.lstrip().startswith('<div class="board" id="board">')
    assert "<html" not in response.text
    assert "Data Lead" in _column(response.text, Stage.OFFER)
    assert "Data Lead" not in _column(response.text, Stage.TARGET)
    change = session.scalars(select(StageChange).where(StageChange.to_stage == Stage.OFFER)).one()
    assert before <= change.changed_at <= after


def test_the_board_fragment_alone_is_served_to_htmx(client: TestClient) -> None:
    response = client.get("/opportunities/board", headers=HTMX)
    assert response.text.lstrip().startswith('<div class="board" id="board">')
    assert response.headers["vary"] == "HX-Request"


def test_moving_to_the_same_stage_records_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(session, workspace.id)
    client.post(f"/opportunities/{opportunity.id}/stage", data={"stage": "target"})
    changes = session.scalars(
        select(StageChange).where(StageChange.opportunity_id == opportunity.id)
    ).all()
    assert [c.to_stage for c in changes] == [Stage.TARGET]


def _refusal(page: str, opportunity: Opportunity) -> tuple[str, str]:
    """The board's summary of a refused move (the menu's label: the message) and the message
    beside the card's menu."""
    summary = re.search(r'<div class="form-errors".*?</div>', page, re.S)
    assert summary, "the board shows no summary of the problem"
    items = re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)
    assert len(items) == 1
    assert f'<a href="#stage-{opportunity.id}">' in items[0]
    beside = re.search(rf'<p class="error" id="e-stage-{opportunity.id}">([^<]*)</p>', page)
    assert beside, "no message beside the card's menu"
    assert f'aria-describedby="e-stage-{opportunity.id}"' in page
    return html.unescape(re.sub(r"<[^>]+>", "", items[0])), html.unescape(beside.group(1))


def _nothing_moved(session: Session, opportunity: Opportunity) -> None:
    session.expire_all()
    unchanged = session.get(Opportunity, opportunity.id)
    assert unchanged is not None and unchanged.stage is Stage.TARGET
    changes = session.scalars(
        select(StageChange).where(StageChange.opportunity_id == opportunity.id)
    ).all()
    assert [c.to_stage for c in changes] == [Stage.TARGET]


def test_an_unknown_stage_comes_back_on_the_board_beside_the_cards_menu(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(
        session, workspace.id, role_title="Data Lead", organization_name="Globex"
    )
    response = client.post(f"/opportunities/{opportunity.id}/stage", data={"stage": "dreaming"})
    assert response.status_code == 422
    assert "<h1>Pipeline</h1>" in response.text
    assert 'class="problems"' not in response.text  # (not the error page)
    assert _refusal(response.text, opportunity) == (
        "Stage for Data Lead at Globex: Choose one of the stages in the list.",
        "Choose one of the stages in the list.",
    )
    label = f'<label class="visually-hidden" for="stage-{opportunity.id}">'
    assert f"{label}Stage for Data Lead at Globex</label>" in response.text
    assert "Data Lead" in _column(response.text, Stage.TARGET)
    _nothing_moved(session, opportunity)


def test_an_unknown_stage_sent_by_htmx_gets_the_board_fragment_with_the_problem(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = factories.opportunity(
        session, workspace.id, role_title="Data Lead", organization_name="Globex"
    )
    response = client.post(
        f"/opportunities/{opportunity.id}/stage", data={"stage": "dreaming"}, headers=HTMX
    )
    assert response.status_code == 422
    assert response.headers["vary"] == "HX-Request"
    assert response.text.lstrip().startswith('<div class="board" id="board">')
    assert "<html" not in response.text
    assert _refusal(response.text, opportunity)[0] == (
        "Stage for Data Lead at Globex: Choose one of the stages in the list."
    )
    _nothing_moved(session, opportunity)
    missing = client.post(f"/opportunities/{opportunity.id}/stage", data={}, headers=HTMX)
    assert missing.status_code == 422
    assert _refusal(missing.text, opportunity)[1] == "Choose one of the stages in the list."
    _nothing_moved(session, opportunity)


def test_the_board_lets_htmx_swap_in_a_refused_move(client: TestClient) -> None:
    """HTMX swaps no 4xx answer unless told to: the board says a 422 is to be shown."""
    page = client.get("/opportunities/board").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', page)
    assert config, "the board has no htmx-config"
    assert {"code": "422", "swap": True} in json.loads(config.group(1))["responseHandling"]


def test_moving_an_unknown_or_foreign_opportunity_is_404(
    client: TestClient, session: Session, other_workspace: Workspace
) -> None:
    theirs = factories.opportunity(session, other_workspace.id, role_title="Secret Role")
    assert client.post("/opportunities/999999/stage", data={"stage": "applied"}).status_code == 404
    response = client.post(
        f"/opportunities/{theirs.id}/stage", data={"stage": "applied"}, headers=HTMX
    )
    assert response.status_code == 404
    session.expire_all()
    kept = session.get(Opportunity, theirs.id)
    assert kept is not None and kept.stage is Stage.TARGET


def test_the_board_never_shows_another_workspaces_cards(
    client: TestClient, session: Session, other_workspace: Workspace
) -> None:
    factories.opportunity(session, other_workspace.id, role_title="Secret Role")
    assert "Secret Role" not in client.get("/opportunities/board").text


def test_the_board_does_not_query_per_card(
    client: TestClient, session: Session, workspace: Workspace, connection: Connection
) -> None:
    stages = list(Stage)
    for n in range(3):
        factories.opportunity(
            session, workspace.id, role_title=f"Role {n}", organization_name=f"Org {n}"
        )
    with counting_selects(connection) as few:
        assert client.get("/opportunities/board").status_code == 200
    for n in range(3, 30):
        factories.opportunity(
            session,
            workspace.id,
            role_title=f"Role {n}",
            organization_name=f"Org {n}",
            stage=stages[n % len(stages)].value,
        )
    with counting_selects(connection) as many:
        html = client.get("/opportunities/board").text
    assert all(f"Role {n}<" in html for n in range(30))
    assert len(many) == len(few)
    assert len(many) <= 6
