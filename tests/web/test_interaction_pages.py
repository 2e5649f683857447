"""Interaction pages: the log, the form with participant rows, detail, edit and delete."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import factories
from goodword.interactions.models import (
    Direction,
    Interaction,
    InteractionKind,
    Participant,
    Rapport,
)
from goodword.people import service as people
from goodword.workspaces.models import Workspace


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@contextmanager
def counting_selects(connection: Connection) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


def _form(**fields: str) -> dict[str, str]:
    return {"occurred_at": "2026-11-02T15:30", "kind": "meeting"} | fields


def test_the_list_shows_interactions_newest_first(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    factories.interaction(
        session,
        workspace.id,
        occurred_at=datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
        kind="call",
        summary="Older call",
    )
    factories.interaction(
        session,
        workspace.id,
        occurred_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
        kind="interview",
        interview_round=1,
        opportunity_id=opportunity.id,
        summary="Newer interview",
        participants=[{"person_id": ada.id, "rapport": "good"}],
    )
    response = client.get("/interactions")
    assert response.status_code == 200
    assert response.text.index("Newer interview") < response.text.index("Older call")
    assert "Ada Lovelace" in response.text
    assert "Data Lead" in response.text


def test_the_list_pages_with_a_cursor(
    client: TestClient, session: Session, workspace: Workspace, app
) -> None:
    size = app.state.settings.page_size
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(size + 1):
        factories.interaction(
            session, workspace.id, occurred_at=start + timedelta(hours=n), summary=f"Note {n:03d}."
        )
    first = client.get("/interactions")
    assert "Note 000." not in first.text
    assert f"Note {size:03d}." in first.text
    next_href = first.text.split('rel="next" href="')[1].split('"')[0]
    second = client.get(next_href)
    assert "Note 000." in second.text
    assert f"Note {size:03d}." not in second.text


def test_the_list_filters_by_person(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    factories.interaction(
        session, workspace.id, summary="With Ada", participants=[{"person_id": ada.id}]
    )
    factories.interaction(session, workspace.id, summary="Alone")
    response = client.get(f"/interactions?person_id={ada.id}")
    assert "With Ada" in response.text
    assert "Alone" not in response.text
    assert f"/interactions/new?person_id={ada.id}" in response.text


def test_the_new_form_is_prefilled_from_the_person_and_opportunity(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.get(f"/interactions/new?person_id={ada.id}&opportunity_id={opportunity.id}")
    assert response.status_code == 200
    assert f'<option value="{ada.id}" selected>Ada Lovelace</option>' in response.text
    assert f'<option value="{opportunity.id}" selected>' in response.text
    assert response.text.count('name="participant_person_id"') == 5


def test_it_logs_an_interview_with_participants_and_rapport(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    grace = factories.person(session, workspace.id, "Grace Hopper")
    opportunity = factories.opportunity(session, workspace.id, role_title="Data Lead")
    response = client.post(
        "/interactions",
        data=_form(
            kind="interview",
            interview_round="3",
            opportunity_id=str(opportunity.id),
            summary="Final round; the team lunch went well.",
        )
        | {
            "participant_person_id": [str(ada.id), "", str(grace.id), "", ""],
            "participant_rapport": ["clicked", "good", "neutral", "", ""],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    interaction = session.scalars(select(Interaction)).one()
    assert interaction.kind is InteractionKind.INTERVIEW
    assert interaction.interview_round == 3
    assert interaction.opportunity_id == opportunity.id
    rapport = {p.person_id: p.rapport for p in interaction.participants}
    # The blank row's rating went nowhere: ratings stay with their own row.
    assert rapport == {ada.id: Rapport.CLICKED, grace.id: Rapport.NEUTRAL}
    page = client.get(response.headers["location"])
    assert "Interaction logged." in page.text
    assert "Interaction logged." not in client.get(response.headers["location"]).text
    assert "Interview, round 3" in page.text
    assert "Final round; the team lunch went well." in page.text
    assert "Clicked" in page.text


def test_an_invalid_form_keeps_the_values_and_writes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    response = client.post(
        "/interactions",
        data=_form(occurred_at="", kind="call", interview_round="2", summary="keep me")
        | {"participant_person_id": [str(ada.id)], "participant_rapport": ["good"]},
    )
    assert response.status_code == 422
    assert 'id="e-occurred_at"' in response.text
    assert "keep me" in response.text
    assert f'<option value="{ada.id}" selected>Ada Lovelace</option>' in response.text
    assert _count(session, Interaction) == 0


def test_a_round_on_a_non_interview_is_an_inline_error(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post("/interactions", data=_form(kind="call", interview_round="2"))
    assert response.status_code == 422
    assert 'id="e-interview_round"' in response.text
    assert "belongs to interviews only" in response.text
    assert _count(session, Interaction) == 0


def test_a_participant_from_another_workspace_is_a_row_error(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    outsider = factories.person(session, other_workspace.id, "Charlie's Friend")
    response = client.post(
        "/interactions",
        data=_form() | {"participant_person_id": [str(outsider.id)], "participant_rapport": [""]},
    )
    assert response.status_code == 422
    assert 'id="pe-1"' in response.text
    assert "Charlie&#39;s Friend" not in response.text
    assert _count(session, Interaction) == 0
    assert _count(session, Participant) == 0


def test_it_edits_an_interaction_and_its_participants(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    grace = factories.person(session, workspace.id, "Grace Hopper")
    interaction = factories.interaction(
        session,
        workspace.id,
        summary="First draft",
        participants=[{"person_id": ada.id, "rapport": "neutral"}],
    )
    form = client.get(f"/interactions/{interaction.id}/edit")
    assert form.status_code == 200
    assert "First draft" in form.text
    assert '<option value="neutral" selected>' in form.text
    response = client.post(
        f"/interactions/{interaction.id}",
        data=_form(kind="event", summary="Rewritten")
        | {
            "participant_person_id": [str(grace.id), ""],
            "participant_rapport": ["clicked", ""],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    session.expire_all()
    changed = session.get(Interaction, interaction.id)
    assert changed is not None
    assert changed.kind is InteractionKind.EVENT
    assert changed.summary == "Rewritten"
    assert [(p.person_id, p.rapport) for p in changed.participants] == [(grace.id, Rapport.CLICKED)]


def test_the_form_says_who_wrote_a_message_and_keeps_it_on_edit(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    wrong = client.post(
        "/interactions", data=_form(kind="meeting", direction="outbound"), follow_redirects=False
    )
    assert wrong.status_code == 422
    assert "Who wrote it is only for messages and e-mails" in wrong.text
    assert _count(session, Interaction) == 0
    created = client.post(
        "/interactions",
        data=_form(kind="message", direction="inbound") | {"participant_person_id": str(ada.id)},
        follow_redirects=False,
    )
    assert created.status_code == 303
    message = session.scalars(select(Interaction)).one()
    assert message.direction is Direction.INBOUND
    # Its one person wrote it.
    assert "from Ada Lovelace" in client.get("/interactions").text
    assert (
        f'<dd><a href="/people/{ada.id}">Ada Lovelace</a></dd>'
        in client.get(f"/interactions/{message.id}").text
    )
    form = client.get(f"/interactions/{message.id}/edit")
    assert '<option value="inbound" selected>' in form.text
    # Its one person wrote it, which the form shows as "They"; with someone added, saved
    # as it stands, Ada stays the writer.
    assert session.get(Interaction, message.id).writer_id == ada.id
    grace = factories.person(session, workspace.id, "Grace Hopper")
    client.post(
        f"/interactions/{message.id}",
        data=_form(kind="message", direction="inbound")
        | {"participant_person_id": [str(ada.id), str(grace.id)]},
        follow_redirects=False,
    )
    session.expire_all()
    assert session.get(Interaction, message.id).writer_id == ada.id
    client.post(
        f"/interactions/{message.id}",
        data=_form(kind="message", direction="inbound", summary="Edited"),
        follow_redirects=False,
    )
    session.expire_all()
    assert session.get(Interaction, message.id).direction is Direction.INBOUND


def test_the_form_names_which_of_a_group_wrote_and_keeps_it_on_edit(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ben = factories.person(session, workspace.id, "Ben Ortiz")
    chen = factories.person(session, workspace.id, "Chen Wei")
    people = {"participant_person_id": [str(ben.id), str(chen.id)]}
    client.post(
        "/interactions", data=_form(kind="message", direction="inbound") | people,
        follow_redirects=False,
    )  # fmt: skip
    message = session.scalars(select(Interaction)).one()
    assert (
        "One of them (the record does not say which)"
        in client.get(f"/interactions/{message.id}").text
    )
    assert "from one of them" in client.get("/interactions").text
    form = client.get(f"/interactions/{message.id}/edit").text
    assert f'<option value="inbound:{chen.id}" >Chen Wei</option>' in form
    saved = client.post(
        f"/interactions/{message.id}",
        data=_form(kind="message", direction=f"inbound:{chen.id}") | people,
        follow_redirects=False,
    )
    assert saved.status_code == 303
    session.expire_all()
    assert session.get(Interaction, message.id).writer_id == chen.id
    assert (
        f'<a href="/people/{chen.id}">Chen Wei</a>'
        in client.get(f"/interactions/{message.id}").text
    )
    assert "from Chen Wei" in client.get("/interactions").text
    assert (
        f'<option value="inbound:{chen.id}" selected>'
        in client.get(f"/interactions/{message.id}/edit").text
    )
    # Chen taken off the people while named as the writer: said beside who wrote it.
    refused = client.post(
        f"/interactions/{message.id}",
        data=_form(kind="message", direction=f"inbound:{chen.id}")
        | {"participant_person_id": [str(ben.id)]},
        follow_redirects=False,
    )
    assert refused.status_code == 422
    assert 'id="e-direction">The person you chose as the writer is no longer among' in refused.text
    session.expire_all()
    assert session.get(Interaction, message.id).writer_id == chen.id


def test_a_message_from_someone_gone_says_so_not_that_who_is_left_wrote_it(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    ben = factories.person(session, workspace.id, "Ben Ortiz")
    message = factories.interaction(
        session,
        workspace.id,
        kind="message",
        direction="inbound",
        writer_id=ben.id,
        participants=[{"person_id": ada.id}, {"person_id": ben.id}],
    )
    people.delete(session, workspace_id=workspace.id, person_id=ben.id)

    page = client.get(f"/interactions/{message.id}").text
    listed = client.get("/interactions").text

    gone = "Someone not among your people (an account since deleted, or a person you deleted)"
    assert f"<dt>Who wrote</dt><dd>{gone}</dd>" in page
    assert "Message, from someone not among your people" in " ".join(listed.split())
    assert "from them" not in listed


def test_editing_a_message_from_someone_gone_does_not_make_who_is_left_its_writer(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = factories.person(session, workspace.id, "Ada Lovelace")
    ben = factories.person(session, workspace.id, "Ben Ortiz")
    message = factories.interaction(
        session,
        workspace.id,
        kind="message",
        direction="inbound",
        writer_id=ben.id,
        participants=[{"person_id": ada.id}, {"person_id": ben.id}],
    )
    people.delete(session, workspace_id=workspace.id, person_id=ben.id)

    edited = client.post(
        f"/interactions/{message.id}",
        data=_form(kind="message", direction="inbound", summary="Edited")
        | {"participant_person_id": str(ada.id)},
        follow_redirects=False,
    )

    assert edited.status_code == 303
    session.expire_all()
    kept = session.get(Interaction, message.id)
    assert (kept.summary, kept.writer_id, kept.writer_gone) == ("Edited", None, True)


def test_it_deletes_after_a_confirm_page(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    interaction = factories.interaction(session, workspace.id, kind="call", summary="Quick call")
    confirm = client.get(f"/interactions/{interaction.id}/delete")
    assert confirm.status_code == 200
    assert _count(session, Interaction) == 1
    response = client.post(f"/interactions/{interaction.id}/delete", follow_redirects=False)
    assert response.status_code == 303
    assert _count(session, Interaction) == 0
    assert "Interaction deleted." in client.get(response.headers["location"]).text


def test_unknown_ids_are_404(client: TestClient) -> None:
    for suffix in ("", "/edit", "/delete"):
        assert client.get(f"/interactions/999999{suffix}").status_code == 404
    assert client.post("/interactions/999999", data=_form()).status_code == 404
    assert client.post("/interactions/999999/delete").status_code == 404


def test_another_workspaces_interaction_is_404_everywhere(
    client: TestClient, session: Session, other_workspace: Workspace
) -> None:
    theirs = factories.interaction(session, other_workspace.id, summary="Charlie's secret")
    for suffix in ("", "/edit", "/delete"):
        response = client.get(f"/interactions/{theirs.id}{suffix}")
        assert response.status_code == 404
        assert "secret" not in response.text
    assert client.post(f"/interactions/{theirs.id}", data=_form()).status_code == 404
    assert client.post(f"/interactions/{theirs.id}/delete").status_code == 404
    assert "secret" not in client.get("/interactions").text
    session.expire_all()
    kept = session.get(Interaction, theirs.id)
    assert kept is not None and kept.summary == "Charlie's secret"


def test_the_list_does_not_query_per_row(
    client: TestClient, session: Session, workspace: Workspace, connection: Connection
) -> None:
    def add(n: int) -> None:
        person = factories.person(session, workspace.id, f"Person {n}")
        opportunity = factories.opportunity(
            session, workspace.id, role_title=f"Role {n}", organization_name=f"Org {n}"
        )
        factories.interaction(
            session,
            workspace.id,
            opportunity_id=opportunity.id,
            participants=[{"person_id": person.id, "rapport": "good"}],
        )

    for n in range(2):
        add(n)
    with counting_selects(connection) as few:
        client.get("/interactions")
    for n in range(2, 25):
        add(n)
    with counting_selects(connection) as many:
        html = client.get("/interactions").text
    assert all(f"Role {n}<" in html and f"Org {n}<" in html for n in range(25))
    assert len(many) == len(few)
