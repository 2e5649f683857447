"""An interaction records someone or something: at least one person who took part, or a
summary. The rule lives in the schema, so the pages, the API, the CLI and the demo share it;
importers and the JSON exchange keep what they read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from typer.testing import CliRunner

import factories as f
from goodword import migrate
from goodword.cli import app, common
from goodword.db import make_engine
from goodword.errors import InvalidInput
from goodword.forms import validate
from goodword.interactions import service as interactions
from goodword.interactions.models import Interaction
from goodword.interactions.schemas import NOTHING_RECORDED, InteractionCreate, InteractionUpdate

WHEN = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("summary", [None, "", "   \n "])
def test_an_interaction_with_nobody_and_nothing_said_is_refused(summary):
    for schema in (InteractionCreate, InteractionUpdate):
        with pytest.raises(ValidationError) as caught:
            schema(occurred_at=WHEN, kind="meeting", summary=summary)
        (problem,) = caught.value.errors()
        assert problem["loc"] == ("participants",)
        assert problem["msg"] == NOTHING_RECORDED


def test_a_person_or_a_summary_is_enough(session, workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    assert InteractionCreate(occurred_at=WHEN, kind="call", participants=[{"person_id": ada.id}])
    assert InteractionCreate(occurred_at=WHEN, kind="note", summary="Read their blog post.")


def test_the_form_and_cli_validation_names_the_field(session, workspace):
    with pytest.raises(InvalidInput) as caught:
        validate(InteractionCreate, {"occurred_at": WHEN.isoformat(), "kind": "call"})
    assert [(e.field, e.message) for e in caught.value.fields] == [
        ("participants", NOTHING_RECORDED)
    ]


def test_other_problems_are_still_said_first(session, workspace):
    with pytest.raises(ValidationError, match="only for interviews"):
        InteractionCreate(occurred_at=WHEN, kind="call", interview_round=2)


def test_an_edit_cannot_empty_an_interaction(session, workspace):
    ada = f.person(session, workspace.id, "Ada Lovelace")
    logged = f.interaction(session, workspace.id, participants=[{"person_id": ada.id}])
    with pytest.raises(InvalidInput):
        interactions.update(
            session,
            workspace_id=workspace.id,
            interaction_id=logged.id,
            data=validate(InteractionUpdate, {"occurred_at": WHEN.isoformat(), "kind": "call"}),
        )


def test_the_cli_refuses_an_empty_interaction_and_logs_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(common, "data_dir", lambda: tmp_path / "data")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    monkeypatch.setenv("GOODWORD_DATABASE_URL", url)
    runner = CliRunner()
    refused = runner.invoke(app, ["interaction", "add", "meeting"])
    assert refused.exit_code == 2, refused.output
    assert "--with" in refused.stderr and "--summary" in refused.stderr
    logged = runner.invoke(app, ["interaction", "add", "meeting", "--summary", "Coffee"])
    assert logged.exit_code == 0, logged.output
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Interaction)) == 1
    engine.dispose()
