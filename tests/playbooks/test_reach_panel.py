"""The opportunity page's reach panel: each side door's draft, made without planning again."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.demo import build
from goodword.opportunities.models import Opportunity
from goodword.playbooks import panels, reach
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def _demo_opportunities(session: Session, workspace: Workspace) -> list[Opportunity]:
    build(session, workspace_id=workspace.id, today=TODAY)
    return list(
        session.scalars(
            select(Opportunity)
            .where(Opportunity.workspace_id == workspace.id)
            .order_by(Opportunity.id)
        )
    )


def test_each_side_door_shows_the_draft_planning_with_them_chosen_makes(
    session: Session, workspace: Workspace
):
    """With or without a hiring manager, the draft shown for each side door is the one the
    plan makes when that person is chosen."""
    checked = 0
    for opportunity in _demo_opportunities(session, workspace):
        panel = panels.reach_panel(
            session, workspace_id=workspace.id, opportunity=opportunity, today=TODAY
        )
        if panel.preview is None:
            continue
        assert set(panel.entry_drafts) == {pid for pid, _, _ in panel.preview.entry_points}
        for person_id, drafts in panel.entry_drafts.items():
            planned = panels.dry_run(
                session,
                lambda run: (
                    reach.plan(
                        run,
                        workspace_id=workspace.id,
                        opportunity_id=opportunity.id,  # noqa: B023
                        today=TODAY,
                        entry_person_id=person_id,  # noqa: B023
                        even_with_warm_path=True,
                    ).drafts
                ),
            )
            assert drafts == planned
            checked += 1
    assert checked >= 6


def test_the_panel_plans_once_however_many_side_doors(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    halcyon = next(
        o
        for o in _demo_opportunities(session, workspace)
        if o.organization.name.startswith("Halcyon")
    )
    assert halcyon.hiring_manager is None
    calls = []
    plan = reach.plan

    def counted(*args: Any, **kwargs: Any) -> reach.ReachResult:
        calls.append(kwargs.get("entry_person_id"))
        return plan(*args, **kwargs)

    monkeypatch.setattr(reach, "plan", counted)
    panel = panels.reach_panel(session, workspace_id=workspace.id, opportunity=halcyon, today=TODAY)
    assert panel.preview is not None and len(panel.preview.entry_points) > 1
    assert all(panel.entry_drafts.values())
    assert calls == [None]
