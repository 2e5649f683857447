"""No blind resumes: a move to "applied" with no introduction on record warns, with the best
path, on the board, the opportunity page and the API. The move still happens."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.pages import FLASH_COOKIE
from network_surfaces.network_data import Net
from network_surfaces.test_pages import HTMX, text

BEST = "The best way in is you → Bo Jensen → Cy Okafor → Dana Li"


def stage_of(session: Session, workspace: Any, opportunity_id: int) -> Stage:
    session.expire_all()
    return opportunities.get(
        session, workspace_id=workspace.id, opportunity_id=opportunity_id
    ).stage


def test_the_board_warns_with_the_best_path_after_an_htmx_move(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    moved = client.post(
        f"/opportunities/{net.acme_job.id}/stage", data={"stage": "applied"}, headers=HTMX
    )
    assert moved.status_code == 200
    words = text(moved.text)
    assert 'id="board"' in moved.text
    assert "hx-swap-oob" in moved.text
    assert "Product Manager at Acme Robotics: No introduction or referral is recorded" in words
    assert BEST in words
    assert f'href="/paths?opportunity_id={net.acme_job.id}"' in moved.text
    assert stage_of(session, workspace, net.acme_job.id) is Stage.APPLIED


def test_a_plain_form_move_from_the_board_flashes_the_warning(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    moved = client.post(
        f"/opportunities/{net.acme_job.id}/stage",
        data={"stage": "applied"},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == "/opportunities/board"
    flash = unquote(moved.cookies[FLASH_COOKIE])
    assert flash.startswith(
        "Moved Product Manager at Acme Robotics to Applied. No introduction or referral is recorded"
    )
    assert BEST in flash
    assert flash.endswith("Every way in is on the Ways in page.")
    board = client.get("/opportunities/board")
    assert BEST in text(board.text)
    assert 'class="flash warns"' in board.text
    assert stage_of(session, workspace, net.acme_job.id) is Stage.APPLIED


def test_a_move_from_the_opportunity_page_warns_there_with_a_link(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    moved = client.post(
        f"/opportunities/{net.acme_job.id}/stage",
        data={"stage": "applied", "return_to": "detail"},
        follow_redirects=False,
    )
    assert moved.headers["location"] == f"/opportunities/{net.acme_job.id}"
    flash = unquote(moved.cookies[FLASH_COOKIE])
    assert flash.startswith("Stage changed; the move is in the history below.")
    assert BEST in flash
    page = client.get(f"/opportunities/{net.acme_job.id}")
    assert BEST in text(page.text)
    # The page's panel repeats it, with the link to the path finder.
    panel = client.get("/ways-in/panel", params={"opportunity_id": net.acme_job.id}, headers=HTMX)
    assert "a blind application" in text(panel.text)
    assert f'href="/paths?opportunity_id={net.acme_job.id}"' in panel.text
    assert stage_of(session, workspace, net.acme_job.id) is Stage.APPLIED


def test_an_unreachable_hiring_manager_warns_with_an_entry_point(
    client: TestClient, net: Net
) -> None:
    moved = client.post(
        f"/opportunities/{net.borealis_job.id}/stage", data={"stage": "applied"}, headers=HTMX
    )
    words = text(moved.text)
    assert "Nobody you know reaches Zed Aalto yet, but Yan Moss works there" in words


def test_no_warning_when_an_introduction_or_referral_carries_it(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    referred = f.opportunity(
        session, workspace.id, organization_name="Acme Robotics", role_title="PM", route="referral"
    )
    moved = client.post(
        f"/opportunities/{referred.id}/stage", data={"stage": "applied"}, headers=HTMX
    )
    assert "No introduction or referral is recorded" not in moved.text
    # Passing through "introduced" first counts as an introduction on record.
    client.post(f"/opportunities/{net.acme_job.id}/stage", data={"stage": "introduced"})
    later = client.post(
        f"/opportunities/{net.acme_job.id}/stage",
        data={"stage": "applied", "return_to": "detail"},
        follow_redirects=False,
    )
    assert later.headers["location"] == f"/opportunities/{net.acme_job.id}"
    assert "blind" not in unquote(later.cookies.get(FLASH_COOKIE, ""))


def test_other_moves_do_not_warn(client: TestClient, net: Net) -> None:
    moved = client.post(
        f"/opportunities/{net.acme_job.id}/stage", data={"stage": "researching"}, headers=HTMX
    )
    assert "No introduction or referral is recorded" not in moved.text


def test_the_api_move_carries_the_warning(client: TestClient, net: Net) -> None:
    moved = client.post(f"/api/v1/opportunities/{net.acme_job.id}/stage", json={"stage": "applied"})
    assert moved.status_code == 200
    body = moved.json()
    assert body["stage"] == "applied"
    assert body["id"] == net.acme_job.id
    assert "playbook" in body
    warning = body["warning"]
    assert BEST in warning["message"]
    assert warning["path_finder"] == f"/paths?opportunity_id={net.acme_job.id}"
    assert [p["name"] for p in warning["best_path"]["people"]] == [
        "Mara Castillo",
        "Bo Jensen",
        "Cy Okafor",
        "Dana Li",
    ]
    again = client.post(
        f"/api/v1/opportunities/{net.acme_job.id}/stage", json={"stage": "interviewing"}
    )
    assert again.json()["warning"] is None


def test_the_warnings_first_ask_is_the_path_finders_draft(client: TestClient, net: Net) -> None:
    moved = client.post(f"/api/v1/opportunities/{net.acme_job.id}/stage", json={"stage": "applied"})
    ask = moved.json()["warning"]["best_path"]["first_ask"]
    paths = client.get("/api/v1/paths", params={"opportunity_id": net.acme_job.id})
    assert ask == paths.json()["paths"][0]["first_ask"]
    assert ask["draft"]["to"] == ["bo@example.org"]
    assert ask["draft"]["subject"]


def test_the_warning_asks_for_no_introduction_when_you_know_the_manager_yourself(
    client: TestClient, session: Session, workspace: Any
) -> None:
    me = f.person(session, workspace.id, "Sam Carter", given_name="Sam", is_me=True)
    manager = f.person(session, workspace.id, "Morgan Reyes", given_name="Morgan")
    f.connection(session, workspace.id, me, manager, kind="former_colleague", closeness=4)
    job = f.opportunity(session, workspace.id, hiring_manager_id=manager.id)

    moved = client.post(f"/api/v1/opportunities/{job.id}/stage", json={"stage": "applied"})

    warning = moved.json()["warning"]["message"]
    assert "The best way in is you → Morgan Reyes" in warning
    assert "A word with Morgan Reyes yourself, even now, makes a reply far likelier." in warning
    assert "introduction, even now" not in warning
