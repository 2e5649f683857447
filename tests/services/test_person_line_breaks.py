"""A person's notes keep "\\n" line breaks whoever wrote them; a tag is one line."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from goodword.people import service as people
from goodword.people.schemas import PersonCreate, PersonUpdate
from goodword.workspaces.models import Workspace

ONE_LINE = (
    "A tag is one line: write it without a line break, or give each line as a tag of its own."
)


@pytest.mark.parametrize("written", ["line one\r\nline two", "line one\rline two"])
def test_notes_and_how_you_met_are_saved_with_n_line_breaks(
    session: Session, workspace: Workspace, written: str
):
    ada = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Lovelace", notes=written, how_we_met=written),
    )
    assert (ada.notes, ada.how_we_met) == ("line one\nline two", "line one\nline two")
    people.update(
        session,
        workspace_id=workspace.id,
        person_id=ada.id,
        data=PersonUpdate(display_name="Ada Lovelace", notes=f"{written}\r\nthree"),
    )
    assert ada.notes == "line one\nline two\nthree"


def test_notes_from_the_web_form_and_the_api_are_saved_with_n_line_breaks(
    client: TestClient, session: Session, workspace: Workspace
):
    form = client.post(
        "/people",
        data={"display_name": "Ada Lovelace", "notes": "line one\r\nline two"},
        follow_redirects=False,
    )
    assert form.status_code == 303
    api = client.post(
        "/api/v1/people", json={"display_name": "Ben Okafor", "notes": "line one\r\nline two"}
    )
    assert api.status_code == 201
    notes = {
        p.display_name: p.notes for p in people.list_(session, workspace_id=workspace.id).items
    }
    assert notes == {"Ada Lovelace": "line one\nline two", "Ben Okafor": "line one\nline two"}


@pytest.mark.parametrize("tag", ["Acme\nalumni", "Acme\r\nalumni", "Acme\u2028alumni"])
def test_a_tag_with_a_line_break_is_refused_by_name(client: TestClient, tag: str):
    refused = client.post(
        "/api/v1/people", json={"display_name": "Ada Lovelace", "tags": ["maths", tag]}
    )
    assert refused.status_code == 422
    # (The tag is quoted on one line, as the message is.)
    message = f"'Acme alumni': {ONE_LINE}"
    assert refused.json()["error"]["fields"] == [{"field": "tags.1", "message": message}]
    interest = client.post(
        "/api/v1/people", json={"display_name": "Ada Lovelace", "interests": [tag]}
    )
    assert interest.json()["error"]["fields"] == [{"field": "interests.0", "message": message}]
