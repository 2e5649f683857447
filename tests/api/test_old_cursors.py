"""A page cursor made before cursors named their list (the values alone) is still taken
by the list it fits; one of another shape, as an old client or a hand-edited link may send,
is refused as damaged (422, on `after` or `before`), by every paged list, API and page,
never a 500 of the database's."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.workspaces.models import Workspace

LISTS = [
    "/api/v1/people",
    "/api/v1/organizations",
    "/api/v1/connections",
    "/api/v1/people/{person}/connections",
    "/api/v1/opportunities",
    "/api/v1/interactions",
    "/api/v1/tasks",
    "/api/v1/keep-in-touch",
    "/api/v1/referrals",
    "/api/v1/references",
    "/api/v1/leads",
    "/api/v1/duplicates",
    "/api/v1/merges",
    "/people",
    "/people/{person}/connections",
    "/organizations",
    "/opportunities",
    "/interactions",
    "/tasks",
    "/keep-in-touch",
    "/duplicates",
]

# The values of old cursors (no list named) that fit no list: too few or too many, an id
# that is no whole number, a place in the order of no kind any list sorts by.
WRONG_SHAPES: list[Any] = [
    [],
    [1, 2, 3],
    [1, 2, 3, 4, 5],
    ["Ada"],
    ["Ada", "7"],
    ["Ada", 7.5],
    ["Ada", True],
    [["Ada"], 7],
    [{"at": 1}, 7],
    [True, 7],
    [None, 7],
    [5, "Ada", [], 7],
]


def _old(values: Any) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("values", WRONG_SHAPES, ids=json.dumps)
def test_an_old_cursor_of_the_wrong_shape_is_refused_as_damaged_by_every_list(
    client: TestClient, session: Session, workspace: Workspace, values: Any
) -> None:
    person = f.person(session, workspace.id, "Ada Lovelace")
    session.commit()
    answers = {}
    for path in LISTS:
        url = path.format(person=person.id)
        for field in ("after", "before"):
            if field == "before" and not url.startswith("/api/"):
                continue  # (pages go back with `after`, or by a cursor the same check reads)
            response = client.get(url, params={field: _old(values)})
            answers[f"{url}?{field}"] = response.status_code
            if response.status_code == 422 and url.startswith("/api/"):
                assert response.json()["error"]["fields"][0]["field"] == field
    assert {where: status for where, status in answers.items() if status != 422} == {}


# Lists in order of a time, a day or a score, and a name where that would be.
BY_TIME_DAY_OR_SCORE = [
    "/api/v1/opportunities",
    "/api/v1/interactions",
    "/api/v1/tasks",
    "/api/v1/leads",
    "/api/v1/duplicates",
    "/api/v1/merges",
    "/opportunities",
    "/interactions",
    "/tasks",
    "/duplicates",
]


def test_an_old_cursor_of_a_list_by_name_is_refused_by_a_list_by_time_day_or_score(
    client: TestClient,
) -> None:
    by_name = _old(["Ada Lovelace", 7])  # (an old /people cursor)
    answers = {path: client.get(path, params={"after": by_name}) for path in BY_TIME_DAY_OR_SCORE}
    assert {path: r.status_code for path, r in answers.items() if r.status_code != 422} == {}
    assert "damaged" in answers["/api/v1/merges"].json()["error"]["fields"][0]["message"]
    assert "That page link is damaged" in answers["/tasks"].text


def test_an_old_cursor_that_fits_the_list_still_pages(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    people = [f.person(session, workspace.id, name) for name in ("Ada Byron", "Bo Chen")]
    session.commit()
    after_ada = client.get(
        "/api/v1/people", params={"after": _old([people[0].sort_name, people[0].id])}
    )
    assert [p["display_name"] for p in after_ada.json()["items"]] == ["Bo Chen"]
