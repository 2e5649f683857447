"""A guard over the demo network: no draft Goodword produces leaves a placeholder in braces.

Every way a draft reaches the user is run on the demo: the routines (`playbooks run`), the
rejection playbook, the advice-call plans, leads passed on, the keep-in-touch list with its
mailto links, `messages show` for everyone due, the warm paths, and the tasks and calendar
those leave behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.demo import build
from goodword.errors import GoodwordError
from goodword.leads.models import Lead
from goodword.network.queries import PathQuery, drafts, find
from goodword.opportunities.models import Opportunity, Stage
from goodword.playbooks import (
    cadence,
    calendar,
    drafting,
    engine,
    events,
    library,
    pass_it_on,
    reach,
    rejection,
    views,
)
from goodword.playbooks.messages import Draft, mailto_url
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _open(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


@pytest.fixture
def produced(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> dict[str, list[str]]:
    """Every text a draft reached the user in, by where it came from."""
    ws = workspace.id
    summary = build(session, workspace_id=ws, today=TODAY)
    made: list[Draft] = []
    real: Callable[..., Any] = library.draft

    def spy(session: Session, **kwargs: Any) -> Draft:
        draft = real(session, **kwargs)
        made.append(draft)
        return draft

    monkeypatch.setattr(library, "draft", spy)
    texts: dict[str, list[str]] = {}

    routines = events.run_routines(session, workspace_id=ws, today=TODAY)
    texts["playbooks run --json"] = [
        d.body + d.subject for r in routines.results for d in engine.to_read(r).drafts
    ]
    rejected = rejection.run(
        session, workspace_id=ws, opportunity_id=summary.rejected_opportunity_id, today=TODAY
    )
    texts["rejection"] = [d.body + d.subject for d in rejected.drafts]
    open_ones = session.scalars(
        select(Opportunity).where(
            Opportunity.workspace_id == ws, Opportunity.stage.not_in([Stage.REJECTED])
        )
    ).all()
    for opportunity in open_ones:
        try:
            planned = reach.plan(
                session, workspace_id=ws, opportunity_id=opportunity.id, today=TODAY
            )
        except GoodwordError:
            continue
        texts.setdefault("reach", []).extend(d.body + d.subject for d in planned.drafts)
        ways = find(session, workspace_id=ws, query=PathQuery(opportunity_id=opportunity.id, k=3))
        found = drafts(
            session, workspace_id=ws, ways=ways.paths + [p.way_in for p in ways.entry_points]
        )
        texts.setdefault("paths", []).extend(d.body + d.subject for d in found)
    for lead in session.scalars(select(Lead).where(Lead.workspace_id == ws)).all():
        passed = pass_it_on.run(session, workspace_id=ws, lead_id=lead.id, today=TODAY)
        texts.setdefault("pass it on", []).extend(d.body for d in passed.drafts)
    due = cadence.due_list(session, workspace_id=ws, today=TODAY)
    assert due, "the demo has people due for a catch-up"
    texts["keep-in-touch page mailto"] = [
        unquote(mailto_url(d)) for d in views.due_drafts(session, ws, due).values()
    ]
    texts["messages show"] = [
        drafting.for_person(
            session, workspace_id=ws, key="keep_in_touch", person_id=i.person_id
        ).as_text()
        for i in due
    ]
    texts["tasks"] = [
        t.notes or "" for t in session.scalars(select(Task).where(Task.workspace_id == ws))
    ]
    stamp = datetime(2026, 11, 25, 9, tzinfo=UTC)
    texts["calendar .ics"] = [
        calendar.download(session, workspace_id=ws, stamp=stamp).decode("utf-8")
    ]
    texts["every library draft"] = [d.as_text() for d in made]
    return texts


def test_no_draft_made_from_the_demo_leaves_a_placeholder_in_braces(
    produced: dict[str, list[str]],
):
    left = {
        where: sorted({name for text in texts for name in _open(text)})
        for where, texts in produced.items()
    }
    assert {where: names for where, names in left.items() if names} == {}
    # The guard sees keep-in-touch notes both with a contact logged and without one.
    notes = produced["messages show"]
    assert any("(around " in note for note in notes)
    assert any("since we were last in touch, and you came to mind" in note for note in notes)
    assert {where for where, texts in produced.items() if not texts} == set()
